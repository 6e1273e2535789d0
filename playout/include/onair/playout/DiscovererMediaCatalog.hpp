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

#include <array>
#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string_view>

#include "onair/scheduler/MediaCatalog.hpp"

namespace onair::playout {

/// File name extensions (lower case, without the dot) that onair treats as audio
/// when it looks into a folder (`folder_has_media`, and the playout's folder
/// source). What a file really holds is decided by probing; this list only says
/// which files of a folder are candidates. m4a and aac need an AAC decoder
/// (gstreamer1.0-libav or -plugins-bad), which base + good lack: without one,
/// such files count here but probe as unreadable, naming the missing decoder.
inline constexpr std::array<std::string_view, 8> audio_file_extensions{"mp3", "ogg",  "oga", "opus",
                                                                       "wav", "flac", "m4a", "aac"};

/// Is this the name of a file a folder source would play: an extension from
/// `audio_file_extensions` (compared case-insensitively, so `TIN.MP3` counts),
/// and not hidden. Hidden names (leading dot) are never audio: they are partial
/// uploads and OS metadata such as macOS's `._song.mp3`. Looks at the name only;
/// touches no disk.
bool is_audio_file_name(const std::filesystem::path& path);

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
    /// whose name passes is_audio_file_name(). Not recursive; nothing is probed.
    bool folder_has_media(const std::filesystem::path& folder) override;

  private:
    struct Discoverer;

    std::chrono::milliseconds timeout_;
    std::mutex mutex_;  // guards discoverer_: one probe at a time
    std::unique_ptr<Discoverer> discoverer_;
};

}  // namespace onair::playout
