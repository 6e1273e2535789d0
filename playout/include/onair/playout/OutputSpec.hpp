#pragma once
// One output of the air (a recording, Icecast, a sound card), as the station
// file describes it. Plain data without GStreamer, so the daemon and the
// command line can build outputs without including the engine.
//
// Threads: a value; no thread of its own. Throws: nothing.

#include <filesystem>
#include <string>

namespace onair::playout {

struct OutputSpec {
    enum class Kind {
        file,     ///< a recording of the air at `path`
        null,     ///< discards the audio (keeps a pipeline with no other output honest)
        icecast,  ///< a source connection to an Icecast server at `url`
        alsa,     ///< a sound card, `device` (empty: "default")
        pulse,    ///< a PulseAudio/PipeWire sink, `device` (empty: the default)
    };
    enum class Encoding {
        wav,         ///< 32-bit float WAV, for tests and analysis
        ogg_vorbis,  ///< the air-check format
        mp3,
    };
    std::string name;
    Kind kind = Kind::null;
    /// file: the recording's path. It may hold strftime conversions
    /// ("aircheck/%Y-%m-%d.ogg"), expanded in `time_zone`; the file then
    /// changes whenever the expansion does (at local midnight for a daily
    /// pattern), on an exact sample.
    std::filesystem::path path;
    Encoding encoding = Encoding::ogg_vorbis;
    /// file with a pattern: recordings older than this many days are deleted
    /// (0: kept forever).
    int retain_days = 0;
    /// icecast: icecast://user:password@host:port/mount (or http://).
    std::string url;
    /// icecast, file (mp3/ogg): kbit/s; 0 = the encoder's default.
    int bitrate_kbps = 0;
    /// icecast, file: 2 (the air as it is) or 1 (mixed down to mono).
    int channels = 2;
    /// alsa, pulse.
    std::string device;
    /// IANA zone for the file pattern (default: the station's default zone).
    std::string time_zone = "Asia/Ho_Chi_Minh";

    bool operator==(const OutputSpec&) const = default;
};

}  // namespace onair::playout
