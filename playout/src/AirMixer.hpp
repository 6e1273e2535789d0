#pragma once
// What an item needs of the air pipeline to put its audio on the mixer: where
// to add its elements, the mixer to ask a pad of, and the air's clock. A view
// (raw pointers): the engine's AirCore owns them and outlives every item.
//
// Threads: now_sample() from any thread; the rest is for the owner thread.

#include <cstdint>

#include <gst/gst.h>

namespace onair::playout {

struct AirMixer {
    GstElement* pipeline = nullptr;
    GstElement* mixer = nullptr;
    GstClock* clock = nullptr;  ///< the pipeline's clock (GStreamer's monotonic system clock)
    GstClockTime base_time = 0;

    /// The air clock's running time now, in output samples: the sample the mixer
    /// is about to produce (its output lags this by at most its latency).
    std::int64_t now_sample() const;

    /// Owner thread: takes an input off the air at once: releases its
    /// `mixer_pad` (may be null), then sets `element` to NULL and removes it
    /// from the pipeline. Releasing the pad first flushes it, so a streaming
    /// thread waiting in it returns and NULL cannot block.
    void remove_input(GstElement* element, GstPad* mixer_pad) const;
};

}  // namespace onair::playout
