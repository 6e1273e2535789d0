#pragma once
// The air: one always-running live GStreamer pipeline that puts items on the
// output timeline at exact instants and feeds the outputs.
//
//   audiotestsrc is-live wave=silence ─┐
//   item bins (uridecodebin ! audioconvert ! audioresample ! volume) ─┤ audiomixer
//     ! audio/x-raw,format=F32LE,rate=48000,channels=2 ! tee ─┬ queue leaky ! <output 1>
//                                                             └ queue leaky ! <output 2>
//
// Output format: 32-bit float, 48 kHz, stereo. Float because the mixer sums
// items (a crossfade) without clipping in between, fades are a multiply, and
// Vorbis encodes from float; 48 kHz because a millisecond is then a whole
// number of samples (48), so every ms-exact instant is an exact sample.
//
// Time: the pipeline runs on GStreamer's system clock (monotonic), not on a
// sound card's, so the air never drifts from the wall clock's rate. start()
// takes one (std::chrono::system_clock, pipeline clock) pair and chooses the
// pipeline's base time so that running time 0 is a whole wall-clock millisecond,
// origin(). A planned instant T then plays at running time T - origin(), which
// is exactly (T - origin()) x 48 samples into the output. After a wall-clock
// jump the owner calls reanchor(), which moves origin() by the jump.
//
// Items: schedule() adds the item's bin to the running pipeline at once, with a
// pad offset that puts its first sample on its planned instant; its buffers wait
// in the mixer's pad until then (the preroll). Schedule at least ~1 s ahead.
// Items scheduled back to back (B.start = A.start + A's decoded length) are
// gapless, because both are placed on the same sample timeline.
//
// Threads: one owner thread calls every method. GStreamer's threads only record
// what they measured (under a mutex per item, or in atomics); poll() turns that,
// and the bus, into listener calls on the owner thread. No GLib main loop is
// needed. Finished, cut and failed items are removed by poll(): it releases the
// item's mixer pad first (which flushes it, so a decoder thread waiting in it
// returns), then sets the item's bin to NULL and removes it.
//
// Outputs: each is a bin behind its own leaky queue on the tee. An output that
// posts an error is cut off at the tee at once (a bus sync handler marks it and
// a tee-pad probe drops its buffers, so its error never stops the mixer), then
// reported and removed by poll().
//
// Throws: the constructor and start() throw std::runtime_error when GStreamer or
// a needed element is not available. Nothing else throws for bad media or failed
// outputs: those are reported to the listener.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "onair/playout/OutputSpec.hpp"
#include "onair/playout/PlayoutItem.hpp"
#include "onair/playout/PlayoutListener.hpp"
#include "onair/playout/PlayoutSettings.hpp"
#include "onair/scheduler/Airing.hpp"

namespace onair::playout {

class PlayoutEngine {
  public:
    static constexpr int sample_rate = 48000;
    static constexpr int channels = 2;

    /// Initializes GStreamer if needed. `listener` must outlive the engine.
    PlayoutEngine(std::vector<OutputSpec> outputs, PlayoutListener& listener,
                  PlayoutSettings settings = {});
    /// Calls stop().
    ~PlayoutEngine();

    PlayoutEngine(const PlayoutEngine&) = delete;
    PlayoutEngine& operator=(const PlayoutEngine&) = delete;

    /// Builds the pipeline and sets it playing; the output begins (silence) at
    /// origin(), the whole millisecond just before the call. A file output whose path cannot be
    /// opened is reported through output_error (on the next poll()) and left
    /// out. Throws std::runtime_error if the pipeline cannot be built or started.
    void start();

    /// Puts an item on the air at item.start. Failures (a missing file, media
    /// that does not decode) are reported as item_ended(failed) by poll(),
    /// never thrown. Call after start().
    void schedule(const PlayoutItem& item);

    /// Fades the item out so that its last sample ends at `at` (or as soon as
    /// the audio already handed to the mixer allows), over at most `fade`.
    /// It then ends with EndReason::cut and `reason` ("preempted by
    /// emergency", "skipped by the operator"). An item that has not started by
    /// `at` ends then without airing. Returns false if no such item is playing
    /// or waiting.
    bool cut(const std::string& id, scheduler::TimePoint at, const std::string& reason,
             std::chrono::milliseconds fade = std::chrono::milliseconds(2000));

    /// Removes an item that has not gone on air yet, without reporting it (a
    /// reload dropped it). Returns false if it is unknown or already on air.
    bool cancel(const std::string& id);

    /// Handles bus messages and what the streaming threads measured, calling the
    /// listener. Waits up to `timeout` for something to report; returns how many
    /// listener calls it made.
    std::size_t poll(std::chrono::milliseconds timeout);

    /// Ends the air: drops the items without reporting them, sends EOS so files
    /// are finalized (WAV sizes written, Ogg closed), waits for it (at most 5 s),
    /// and sets the pipeline to NULL. Safe to call twice.
    void stop();

    /// The wall-clock instant of the output's first sample (running time 0).
    scheduler::TimePoint origin() const;

    /// The system clock was set (an NTP step, an operator): takes a new
    /// (wall clock, pipeline clock) pair, so instants given from now on map to
    /// the output as the new wall clock says, and reported times follow it.
    /// The air itself does not move (it runs on the monotonic clock); items
    /// already scheduled keep their place on the output (cancel and schedule
    /// them again to move them). Returns how far origin() moved.
    std::chrono::milliseconds reanchor();

    /// The wall-clock instant up to which the mixer has produced output.
    scheduler::TimePoint on_air_until() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace onair::playout
