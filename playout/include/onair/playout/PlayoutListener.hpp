#pragma once
// What the playout engine tells its owner: items that went on air and came off
// it, and outputs that failed. The as-aired log implements this.
//
// Threads: every call comes from the thread that calls PlayoutEngine::poll(),
// never from a GStreamer thread. A listener may call PlayoutEngine::schedule()
// from inside a callback.

#include <string>

#include "onair/scheduler/Airing.hpp"

namespace onair::playout {

enum class RelayEvent {
    connected,  ///< the relay's audio is flowing (first time, or back after rejoined)
    dropped,    ///< unreachable, stalled, garbage or silent: `detail` says which
    fallback,   ///< the fallback file went on air in its place
    rejoined,   ///< the relay is back on air after a drop
};

enum class EndReason {
    complete,           ///< the media ended by itself
    cut_at_max_length,  ///< faded out and cut at start + max_length
    cut,                ///< faded out and cut by PlayoutEngine::cut()
    failed,             ///< could not be played (missing, unreadable, decoder error, ...)
};

class PlayoutListener {
  public:
    virtual ~PlayoutListener() = default;

    /// The item's first sample went out. `actual` is that sample's place on the
    /// output timeline, converted to wall-clock time (rounded to the ms).
    virtual void item_started(const std::string& id, scheduler::TimePoint planned,
                              scheduler::TimePoint actual) = 0;

    /// The item is off the air and its bin is gone. `actual_end` is the instant
    /// after its last sample on the output timeline (for `failed`, the output
    /// position when the failure was handled). `reason` is empty for `complete`.
    virtual void item_ended(const std::string& id, scheduler::TimePoint actual_end,
                            EndReason reason_kind, const std::string& reason) = 0;

    /// An output could not be started or failed while running; it was removed and
    /// the other outputs go on. `output` is the output's name.
    virtual void output_error(const std::string& output, const std::string& message) = 0;

    /// An output that failed works again (an Icecast server came back).
    virtual void output_recovered(const std::string& /*output*/) {}

    /// Something happened to relay item `id` at `at` (output timeline).
    virtual void relay_event(const std::string& /*id*/, RelayEvent /*event*/,
                             scheduler::TimePoint /*at*/, const std::string& /*detail*/) {}

    /// The air has been silent since `since`, for longer than the settings'
    /// silence_alarm_after. Whether that is dead air (inside a window) is the
    /// owner's call.
    virtual void silence_alarm(scheduler::TimePoint /*since*/) {}
    /// Sound again at `at` after a silence_alarm().
    virtual void silence_ended(scheduler::TimePoint /*at*/) {}
};

}  // namespace onair::playout
