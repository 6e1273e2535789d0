#pragma once
// Joins the mixer's 10 ms buffers into longer ones (without copying: the new
// buffer holds the same memories) before an output's queue, so the output's
// thread wakes, and its encoder is called, a few times less often: per-buffer
// overhead (thread wake-ups, locking, events) is a good part of what an output
// costs at 10 ms.
//
// For outputs that do not play in time (file, icecast, null): a buffer leaves
// up to the joined duration later than it came. Buffers already long enough
// pass as they are. A serialized event (EOS above all) first pushes what is
// held, so nothing is lost or reordered.
//
// Threads: the probe runs in the thread that pushes into the pad (the mixer's,
// through the tee).

#include <gst/gst.h>

namespace onair::playout {

class OutputBatcher {
  public:
    /// Adds the probe to `sink_pad` (the branch queue's): buffers are joined
    /// until they hold at least `duration`. The probe's state lives and dies
    /// with the pad.
    static void attach(GstPad* sink_pad, GstClockTime duration);

  private:
    explicit OutputBatcher(GstClockTime duration) : duration_(duration) {}
    ~OutputBatcher();
    GstPadProbeReturn on_probe(GstPad* pad, GstPadProbeInfo* info);
    /// The held buffer (ours now), and nothing held.
    GstBuffer* take_held();

    GstClockTime duration_;
    GstBuffer* held_ = nullptr;
    GstClockTime held_duration_ = 0;
    /// Set while we chain the held buffers ourselves (the probe sees them).
    bool flushing_ = false;
};

}  // namespace onair::playout
