#pragma once
// The real MediaCatalog: asks GStreamer's discoverer whether a media file can be
// decoded and how long it is, so `onair plan`/`check` see what the playout will
// see.
//
// Threads: any thread may call it. Probes are serialized by an internal mutex
// (one GstDiscoverer is reused and it handles one URI at a time), so concurrent
// callers wait for each other; no GLib main loop is needed (synchronous
// discovery). Wrap it in scheduler::CachingMediaCatalog to probe each unchanged
// file once.
//
// Throws: the constructor throws std::runtime_error when GStreamer cannot be
// initialized or the discoverer cannot be created. file() and
// folder_has_media() report problems in their result and do not throw for bad,
// missing or unreadable media.

#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>

#include "onair/scheduler/MediaCatalog.hpp"

namespace onair::playout {

class DiscovererMediaCatalog final : public scheduler::MediaCatalog {
  public:
    /// `timeout` bounds the probing of one file (clamped to 1 s .. 1 h). It is
    /// spent in up to three attempts, because some GStreamer 1.22 outcomes
    /// depend on timing rather than on the file (see attempt_timeouts() in the
    /// .cpp).
    explicit DiscovererMediaCatalog(std::chrono::milliseconds timeout = std::chrono::seconds(5));
    ~DiscovererMediaCatalog() override;

    DiscovererMediaCatalog(const DiscovererMediaCatalog&) = delete;
    DiscovererMediaCatalog& operator=(const DiscovererMediaCatalog&) = delete;

    /// missing: the path does not exist or is not a regular file.
    /// unreadable: it exists but is empty, cannot be decoded, has no audio, has
    /// no known duration, or the probe timed out. `detail` says which.
    /// ok: `duration` is the decoder's duration rounded to the nearest ms.
    /// Takes at most about `timeout`; milliseconds for a healthy local file.
    scheduler::MediaInfo file(const std::filesystem::path& path) override;

    /// The folder exists and holds at least one regular file (symlinks followed)
    /// whose name passes scheduler::is_audio_file_name(). Not recursive; nothing is probed.
    bool folder_has_media(const std::filesystem::path& folder) override;

  private:
    struct Discoverer;

    std::chrono::milliseconds timeout_;
    std::mutex mutex_;  // guards discoverer_: one probe at a time
    std::unique_ptr<Discoverer> discoverer_;
};

}  // namespace onair::playout
