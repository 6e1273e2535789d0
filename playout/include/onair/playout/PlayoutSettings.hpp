#pragma once
// The engine-wide settings (the silence alarm). Plain data without GStreamer.
//
// Threads: a value; no thread of its own. Throws: nothing.

#include <chrono>

namespace onair::playout {

/// Engine-wide settings.
struct PlayoutSettings {
    /// Output level below which the air counts as silent (dBFS, RMS).
    double silence_threshold_db = -50.0;
    /// silence_alarm() after the air has been silent this long.
    std::chrono::milliseconds silence_alarm_after{10000};
};

}  // namespace onair::playout
