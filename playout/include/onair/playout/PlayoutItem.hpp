#pragma once
// One item handed to the air: a file or a relay, its planned instant and how it
// may be cut. Plain data without GStreamer, so the conductor can build items
// without including the engine (PlayoutEngine::schedule() takes them).
//
// Threads: a value; no thread of its own. Throws: nothing.

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

#include "onair/scheduler/Airing.hpp"

namespace onair::playout {

struct PlayoutItem {
    std::string id;
    /// The media file; for a relay, its fallback (empty: none).
    std::filesystem::path file;
    /// A live relay (http:// or https://, Icecast or plain HTTP streaming; HLS
    /// where GStreamer can). Empty for a file item. A relay item needs
    /// max_length: the relay's duration.
    std::string relay_url;
    scheduler::TimePoint start;
    /// Play the media from this position instead of its beginning (a join
    /// after a restart): the sample at `offset` goes out at `start`.
    std::chrono::milliseconds offset{0};
    /// If set, the item is faded out and cut so that its last sample ends at
    /// start + max_length (the planned start, so this is also the airing's end).
    std::optional<std::chrono::milliseconds> max_length;
    /// The length of that fade; the ramp ends exactly at start + max_length.
    std::chrono::milliseconds fade_out{2000};
    /// Why max_length, in words for the log ("the window ends at 18:00"); the
    /// item_ended reason when the cut happens. Empty: "max length N ms reached".
    std::string cut_reason;
    /// Relays: how long the relay's audio may stay silent before the fallback
    /// takes over (the station's tolerance).
    std::chrono::milliseconds relay_silence_tolerance{5000};
};

}  // namespace onair::playout
