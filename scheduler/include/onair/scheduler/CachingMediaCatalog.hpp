#pragma once
// Remembers what another MediaCatalog said about each file, so that planning a
// year (thousands of airings over a few hundred files) probes each file once per
// process instead of once per airing.
//
// A result is reused while the file's path, size and modification time are
// unchanged; a file replaced by an upload (new size or mtime) is probed again.
// Results for files that are not there are never kept: the next call looks
// again (one stat), so a file uploaded after a plan is seen at once. Only ok
// results are kept: an unreadable one may be passing (a probe timeout on a busy
// machine, an upload in progress) and is probed again next time. folder_has_media() is passed
// through (listing a folder is cheap, and its contents change).
//
// Threads: any thread may call it; the cache has its own mutex. The inner
// catalog is called without that mutex held, so it must be safe to call from
// the same threads (DiscovererMediaCatalog serializes itself). The inner
// catalog must outlive this one.
//
// Throws whatever the inner catalog throws; nothing of its own but
// std::bad_alloc.

#include <chrono>
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

  private:
    struct Entry {
        std::uintmax_t size;
        std::filesystem::file_time_type modified;
        MediaInfo info;
    };

    MediaCatalog& inner_;
    std::mutex mutex_;  // guards entries_
    std::map<std::filesystem::path, Entry> entries_;
};

}  // namespace onair::scheduler
