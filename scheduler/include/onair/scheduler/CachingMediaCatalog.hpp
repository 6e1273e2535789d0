#pragma once
// Remembers what another MediaCatalog said about each file, so that planning a
// year (thousands of airings over a few hundred files) probes each file once per
// process instead of once per airing; with load() and save(), once per change of
// the file across runs (`onair plan` for a month does not probe it all again).
//
// A result is reused while the file's path, size and modification time are
// unchanged; a file replaced by an upload (new size or mtime) is probed again.
// Results for files that are not there are never kept: the next call looks
// again (one stat), so a file uploaded after a plan is seen at once. Only ok
// results are kept: an unreadable one may be passing (a probe timeout on a busy
// machine, an upload in progress) and is probed again next time.
// folder_has_media() is passed through (listing a folder is cheap, and its
// contents change).
//
// Threads: any thread may call it; the cache has its own mutex. The inner
// catalog is called without that mutex held, so it must be safe to call from
// the same threads (DiscovererMediaCatalog serializes itself). The inner
// catalog must outlive this one.
//
// Throws whatever the inner catalog throws; save() throws
// std::runtime_error when the cache file cannot be written; nothing else of its
// own but std::bad_alloc.
//
// The cache file is text: a header line, then one line per media file,
//     SIZE <tab> MTIME_NS <tab> DURATION_MS <tab> ABSOLUTE_PATH
// (mtime in nanoseconds since 1970; the path last, so it may hold tabs), then a
// trailer that counts those lines, so a foreign, damaged or cut-short file is
// recognized and ignored as a whole.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>

#include "onair/scheduler/MediaCatalog.hpp"

namespace onair::scheduler {

class CachingMediaCatalog final : public MediaCatalog {
  public:
    explicit CachingMediaCatalog(MediaCatalog& inner);

    MediaInfo file(const std::filesystem::path& path) override;
    bool folder_has_media(const std::filesystem::path& folder) override;

    /// Adds the results saved in `cache_file` by an earlier run; each is used
    /// only while its file keeps the size and modification time it had then.
    /// Returns how many were read: 0 when the file is missing, unreadable or not
    /// a valid cache (it is then ignored as a whole; the next save() replaces
    /// it). Results already in memory win over the file's. Never throws but
    /// std::bad_alloc.
    std::size_t load(const std::filesystem::path& cache_file);

    /// Writes every ok result whose file is still unchanged on disk to
    /// `cache_file`, through a temporary file in the same folder renamed over
    /// it, so readers (another `onair` process) see the old cache or the new
    /// one, never half of one. Throws std::runtime_error naming the file and the
    /// reason when it cannot be written (e.g. a read-only folder).
    void save(const std::filesystem::path& cache_file) const;

  private:
    struct Entry {
        std::uintmax_t size;
        /// Modification time in nanoseconds since 1970 (file_clock's epoch is
        /// the library's choice, so not what a file should hold).
        std::int64_t modified_ns;
        MediaInfo info;
    };

    MediaCatalog& inner_;
    mutable std::mutex mutex_;  // guards entries_
    std::map<std::filesystem::path, Entry> entries_;
};

}  // namespace onair::scheduler
