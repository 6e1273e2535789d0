#pragma once
// One input of the air's mixer that a relay item fills itself: an appsrc whose
// buffers carry output-timeline stamps the item chose, with the item's fades
// applied on the way in.
//
// A relay item uses one feed per stretch of air: the relay from its (re)join
// to its drop, the fallback from a drop to the rejoin. A stretch ends by not
// pushing any more and sending EOS, so nothing already handed to the mixer has
// to be taken back, and a feed that gets no data (a stalled relay) is only an
// empty mixer pad: the mixer's latency answer (see PlayoutEngine.cpp) keeps
// the air flowing without it.
//
// appsrc is driven through its action signals ("push-buffer",
// "end-of-stream"), so the library needs no gstreamer-app link.
//
// Threads: push(), end_of_stream(), set_fade_in(), set_end() and the getters
// from any thread (the relay's or the fallback's streaming thread, the owner);
// remove() on the owner thread. push() of a `blocking` feed waits while about
// 0.2 s of audio is queued in it; that wait ends when the feed is removed.

#include <cstdint>
#include <mutex>
#include <string>

#include <gst/gst.h>

#include "AirMixer.hpp"
#include "FadeRamp.hpp"
#include "GstHandles.hpp"

namespace onair::playout {

class RelayFeed {
  public:
    /// Adds an appsrc named `name` to the air pipeline and links it to a new
    /// mixer pad. Throws std::runtime_error if it cannot.
    RelayFeed(const AirMixer& air, const std::string& name, bool blocking);
    /// Removes the feed if remove() was not called.
    ~RelayFeed();
    RelayFeed(const RelayFeed&) = delete;
    RelayFeed& operator=(const RelayFeed&) = delete;

    /// The `length` samples from `start` on ramp up from 0 (a crossfade's rising
    /// half). Set before the first push that reaches `start`.
    void set_fade_in(std::int64_t start, std::int64_t length);

    /// The feed ends at output sample `end` (nothing at or after it goes out),
    /// with a linear fade of `fade` samples ending there, as a file item's cut.
    /// Never earlier than what was already pushed: returns the end it chose. A
    /// later end than one already set is ignored (the earlier one is returned).
    std::int64_t set_end(std::int64_t end, std::int64_t fade);

    /// Hands `buffer` (air format) to the mixer with its first sample at output
    /// sample `at`. Returns false, pushing nothing, once the feed is at its end
    /// or removed. Sends EOS when the push reaches the end.
    bool push(GstBuffer* buffer, std::int64_t at);

    /// No more audio: sends EOS (once).
    void end_of_stream();

    /// One past the last sample pushed; -1 before the first push.
    std::int64_t pushed_end() const;
    /// The first sample pushed; -1 before the first push.
    std::int64_t first_sample() const;
    /// EOS was sent.
    bool ended() const;

    /// Owner thread: releases the mixer pad (dropping what waits in it) and
    /// removes the appsrc from the pipeline. Safe to call twice.
    void remove();

  private:
    AirMixer air_;
    GObjectPtr<GstElement> source_;
    GObjectPtr<GstPad> mixer_pad_;
    mutable std::mutex mutex_;
    FadeRamp fade_in_;
    FadeRamp fade_out_;  // and the end: fade_out_.end(), -1 while none is set
    std::int64_t first_ = -1;
    std::int64_t pushed_end_ = -1;
    bool eos_sent_ = false;
    bool removed_ = false;
};

}  // namespace onair::playout
