#pragma once
// Watches the air for dead air: a `level` element on its own branch of the
// mixer's tee (no queue: it only measures, in the mixer's thread, and never
// blocks), whose measurements (one every 100 ms) feed a SilenceTracker.
//
// level posts its measurements as bus messages. The engine owns the bus and
// its sync handler, so we listen with the bus's "sync-message::element"
// signal, which GStreamer emits in the posting thread after the sync handler.
//
// Threads: built and destroyed on the owner thread, destroyed only after the
// pipeline went to NULL (the signal handler must not run then);
// take_changes() on the owner thread; the rest runs in the mixer's thread.

#include <cstdint>
#include <mutex>
#include <vector>

#include <gst/gst.h>

#include "GstHandles.hpp"
#include "SilenceTracker.hpp"
#include "onair/playout/PlayoutEngine.hpp"

namespace onair::playout {

class SilenceDetector {
  public:
    /// Adds the branch to `pipeline` behind `tee` (both must outlive this).
    SilenceDetector(GstElement* pipeline, GstElement* tee, const PlayoutSettings& settings);
    ~SilenceDetector();
    SilenceDetector(const SilenceDetector&) = delete;
    SilenceDetector& operator=(const SilenceDetector&) = delete;

    /// Alarms and ends since the last call, in output samples, in order.
    std::vector<SilenceTracker::Change> take_changes();

  private:
    static void on_message(GstBus* bus, GstMessage* message, gpointer self);

    GObjectPtr<GstElement> bin_;
    GObjectPtr<GstElement> level_;
    GObjectPtr<GstBus> bus_;
    SignalConnection handler_;
    std::mutex mutex_;
    SilenceTracker tracker_;
    std::vector<SilenceTracker::Change> changes_;
};

}  // namespace onair::playout
