#pragma once
// What the scheduler needs to know about media: is a file there and how long is
// it. The real catalog probes with GStreamer (playout/); tests use a fake.
//
// Threads: an implementation says which threads may call it;
// playout::DiscovererMediaCatalog and CachingMediaCatalog may be called from
// any thread (each has a mutex); a test's fake is for one thread.
//
// Throws: file() and folder_has_media() report missing or bad media in their
// result and do not throw for them; an implementation may throw
// std::runtime_error when it cannot probe at all (e.g. no GStreamer).

#include <chrono>
#include <filesystem>
#include <string>

namespace onair::scheduler {

struct MediaInfo {
    enum class Status { ok, missing, unreadable };
    Status status = Status::missing;
    std::chrono::milliseconds duration{0};
    /// For unreadable media: why, in words (from the decoder).
    std::string detail;
};

class MediaCatalog {
  public:
    virtual ~MediaCatalog() = default;

    /// Probes one media file (absolute path, or relative to the current directory).
    virtual MediaInfo file(const std::filesystem::path& path) = 0;

    /// Does this folder exist and hold at least one file to play?
    virtual bool folder_has_media(const std::filesystem::path& folder) = 0;
};

}  // namespace onair::scheduler
