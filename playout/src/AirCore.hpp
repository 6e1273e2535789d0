#pragma once
// The air's always-running core: audiotestsrc (live silence) ! audiomixer !
// air caps ! tee, on GStreamer's monotonic system clock, and the one
// (wall clock, pipeline clock) pair that maps planned instants to output
// samples (see PlayoutEngine.hpp, "Time"). Items add mixer inputs through
// mixer(); outputs hang off tee().
//
// Threads: the owner thread calls everything; output_end() from any thread (a
// probe on the mixer's output stores it).
//
// Throws: the constructor throws std::runtime_error if an element is missing
// or the core cannot be linked.

#include <atomic>
#include <chrono>
#include <cstdint>

#include <gst/gst.h>

#include "AirMixer.hpp"
#include "GstHandles.hpp"
#include "onair/scheduler/Airing.hpp"

namespace onair::playout {

class AirCore {
  public:
    /// Builds the core (not playing yet).
    AirCore();
    AirCore(const AirCore&) = delete;
    AirCore& operator=(const AirCore&) = delete;

    GstElement* pipeline() const { return pipeline_.get(); }
    GstElement* tee() const { return tee_.get(); }
    AirMixer mixer() const;

    /// Takes the clock pair and chooses the base time, so that running time 0
    /// is origin(), the whole wall-clock millisecond just before the call.
    void anchor_clock();
    /// A new clock pair after a wall-clock jump; returns how far origin() moved.
    std::chrono::milliseconds reanchor();

    scheduler::TimePoint origin() const { return origin_; }
    GstClockTime base_time() const { return base_time_; }

    /// One past the last sample the mixer has produced.
    std::int64_t output_end() const { return output_end_.load(); }
    /// Output sample <-> wall clock (48 samples a millisecond).
    scheduler::TimePoint wall_clock_at(std::int64_t sample) const;
    std::int64_t sample_at(scheduler::TimePoint instant) const;

    /// Sends EOS from the silence source and waits, at most `timeout`, until
    /// `outputs` output bins have forwarded their sink's EOS (or the pipeline's
    /// EOS came), popping `bus`.
    void drain(std::size_t outputs, GstBus* bus, std::chrono::nanoseconds timeout);

  private:
    GObjectPtr<GstElement> pipeline_;
    GObjectPtr<GstElement> silence_;
    GObjectPtr<GstElement> mixer_;
    GObjectPtr<GstElement> tee_;
    GObjectPtr<GstClock> clock_;
    scheduler::TimePoint origin_{};
    GstClockTime base_time_ = 0;
    std::atomic<std::int64_t> output_end_{0};
};

}  // namespace onair::playout
