#pragma once
// The rules of a relay airing (see RelayItem.hpp for the whole story), apart
// from the sources they judge: when the stream is stalled, too slow, or silent
// for too long; when an attempt has failed and when to try again; what goes on
// the air at the start; when the stream may come back. A plain state machine:
// it is fed health snapshots (RelayHealth), the steady clock's time and the air
// clock's sample, and answers with decisions, which RelayItem carries out and
// reports back (enter(), connect_failed(), on_relay()).
//
// RelayItem asks, each tick and in this order: judge_on_air() (phase relay),
// judge_candidate() (an attempt off the air), connect_now() (no connection
// open), then at_start() (phase waiting) or rejoin_from() (fallback, silent),
// and missed().
//
// Plain logic: no GStreamer, no clock of its own; one thread (the owner's).
// Throws nothing but std::bad_alloc.

#include <chrono>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>

#include "RelayHealth.hpp"

namespace onair::playout {

/// "1.0 s", for durations in event details.
std::string seconds_text(std::chrono::steady_clock::duration length);
/// The same for a number of output samples.
std::string seconds_text(std::int64_t samples);

class RelayRules {
  public:
    using Clock = std::chrono::steady_clock;

    /// The stream is first connected this long before the start (or at once
    /// if scheduled later than that).
    static constexpr std::chrono::milliseconds connect_ahead{10000};
    /// The relay plays this far behind its arrival: its jitter buffer, and how
    /// early the start is decided.
    static constexpr std::chrono::milliseconds lead{500};
    /// A switch is placed at least this far ahead of the air clock.
    static constexpr std::chrono::milliseconds switch_margin{100};
    /// No audio for this long from a stream that was delivering: stalled.
    static constexpr std::chrono::milliseconds stall_after{1000};
    /// No audio this long after connecting: the attempt failed.
    static constexpr std::chrono::milliseconds connect_timeout{3000};
    static constexpr std::chrono::milliseconds retry_every{3000};
    /// A new connection must deliver sound this long before it goes on the air.
    static constexpr std::chrono::milliseconds rejoin_after{1000};
    /// ... and have been silent no longer than this at the end of it.
    static constexpr std::chrono::milliseconds rejoin_silence{250};
    static constexpr std::chrono::milliseconds crossfade{300};
    /// Running dry twice within this window: slower than real time.
    static constexpr std::chrono::seconds underrun_window{10};
    /// Nothing on the air this long after the planned start (or after being
    /// scheduled, if that was later): failed.
    static constexpr std::chrono::milliseconds start_grace{2000};
    /// The first connection may take this long to deliver before the
    /// fallback replaces it at the start (matters only when scheduled late).
    static constexpr std::chrono::milliseconds first_connect_wait{1500};

    enum class Phase {
        waiting,   ///< before the start: nothing of the item on the air yet
        relay,     ///< the stream is on the air
        fallback,  ///< the fallback file is, while the stream is away
        silent,    ///< neither (no usable fallback)
        ending,    ///< the end is decided; no more rules
    };

    /// The slot on the output timeline, in samples: `start` to `end`;
    /// `scheduled`: the air clock when the item was scheduled.
    RelayRules(std::int64_t start, std::int64_t end, std::int64_t scheduled,
               std::chrono::milliseconds silence_tolerance);

    Phase phase() const { return phase_; }
    /// RelayItem has carried out a switch (or decided the end).
    void enter(Phase phase) { phase_ = phase; }

    /// The stream went on the air, having run dry `underruns` times so far:
    /// phase relay, with a fresh underrun window.
    void on_relay(int underruns);

    /// Take the stream off the air, because `cause`. `dead`: the connection
    /// is dropped and a fresh one is due at once; otherwise (silent) it is
    /// kept and watched.
    struct Drop {
        std::string cause;
        bool dead = true;
        bool operator==(const Drop&) const = default;
    };
    /// Phase relay: the stream on the air, whether it must go.
    std::optional<Drop> judge_on_air(const RelayHealth& live, Clock::time_point now);

    /// An attempt off the air: why it failed, if it did (the next attempt is
    /// then due retry_every later).
    std::optional<std::string> judge_candidate(const RelayHealth& candidate, Clock::time_point now);

    /// No connection is open: whether to open one now (counted as an attempt).
    bool connect_now(Clock::time_point now, std::int64_t now_sample);
    /// Opening it failed: the next attempt is due retry_every later.
    void connect_failed(Clock::time_point now);
    int attempts() const { return attempts_; }

    /// What goes on the air at the start, and from which sample.
    struct Start {
        enum class Kind { wait, relay, fallback, fail };
        Kind kind = Kind::wait;
        std::int64_t at = 0;  ///< relay, fallback: the first sample; fail: the end
        bool operator==(const Start&) const = default;
    };
    /// Phase waiting. `candidate`: the attempt under way, if any.
    Start at_start(const std::optional<RelayHealth>& candidate, bool fallback_usable,
                   Clock::time_point now, std::int64_t now_sample) const;

    /// Phases fallback and silent: the earliest sample at which the stream
    /// (`candidate`) may come back now with a crossfade, if it may.
    std::optional<std::int64_t> rejoin_from(const std::optional<RelayHealth>& candidate,
                                            Clock::time_point now, std::int64_t now_sample) const;

    /// After a drop: where the fallback goes on, right after the stream's last
    /// sample on the air (`lost_at`) but not within the switch margin.
    static std::int64_t fallback_after_drop(std::int64_t lost_at, std::int64_t now_sample);

    /// Still waiting when the output reached the slot's end: the item failed.
    bool missed(std::int64_t output) const;

  private:
    std::int64_t start_;
    std::int64_t end_;
    std::int64_t scheduled_;
    std::int64_t silence_tolerance_;  // samples
    Phase phase_ = Phase::waiting;
    int attempts_ = 0;
    Clock::time_point next_attempt_{};
    int underruns_seen_ = 0;
    std::deque<Clock::time_point> underrun_times_;
};

}  // namespace onair::playout
