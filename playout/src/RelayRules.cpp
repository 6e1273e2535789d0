#include "RelayRules.hpp"

#include <algorithm>
#include <cstdio>

namespace onair::playout {

namespace {

constexpr std::int64_t air_rate = 48000;

constexpr std::int64_t samples_of(std::chrono::milliseconds length) {
    return length.count() * (air_rate / 1000);
}

/// How long without audio is a stall for this stream: stall_after, or twice
/// the largest gap it has shown between buffers if that is more (a server
/// that sends in blocks), but never more than 2 s.
RelayHealth::Clock::duration stall_limit(const RelayHealth& health) {
    return std::clamp<RelayHealth::Clock::duration>(2 * health.largest_gap, RelayRules::stall_after,
                                                    std::chrono::seconds(2));
}

/// The stream may go on the air: no fault, and audio is coming.
bool delivering(const RelayHealth& health, RelayHealth::Clock::time_point now) {
    return !health.fault && health.last_audio && now - *health.last_audio < stall_limit(health);
}

}  // namespace

std::string seconds_text(std::chrono::steady_clock::duration length) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f s", std::chrono::duration<double>(length).count());
    return text;
}

std::string seconds_text(std::int64_t samples) {
    return seconds_text(std::chrono::duration_cast<std::chrono::steady_clock::duration>(
        std::chrono::duration<double>(static_cast<double>(samples) / air_rate)));
}

RelayRules::RelayRules(std::int64_t start, std::int64_t end, std::int64_t scheduled,
                       std::chrono::milliseconds silence_tolerance)
    : start_(start),
      end_(end),
      scheduled_(scheduled),
      silence_tolerance_(samples_of(silence_tolerance)) {}

void RelayRules::on_relay(int underruns) {
    phase_ = Phase::relay;
    underruns_seen_ = underruns;
    underrun_times_.clear();
}

std::optional<RelayRules::Drop> RelayRules::judge_on_air(const RelayHealth& live,
                                                         Clock::time_point now) {
    while (underruns_seen_ < live.underruns) {
        ++underruns_seen_;
        underrun_times_.push_back(now);
    }
    while (!underrun_times_.empty() && now - underrun_times_.front() > underrun_window) {
        underrun_times_.pop_front();
    }
    const std::int64_t silent = std::min(live.silent_frames, live.on_air_frames);
    std::optional<Drop> drop;
    if (live.fault) {
        drop = Drop{*live.fault, true};
    } else if (live.last_audio && now - *live.last_audio > stall_limit(live)) {
        drop = Drop{"stalled: no audio for " + seconds_text(now - *live.last_audio), true};
    } else if (underrun_times_.size() >= 2) {
        drop = Drop{"slower than real time: ran dry twice within 10 s", true};
    } else if (silent >= silence_tolerance_) {
        // The connection works: it stays, watched, and comes back with sound.
        drop = Drop{"silent for " + seconds_text(silent), false};
    }
    if (drop && drop->dead) {
        next_attempt_ = now;  // a fresh source at once
    }
    return drop;
}

std::optional<std::string> RelayRules::judge_candidate(const RelayHealth& candidate,
                                                       Clock::time_point now) {
    std::optional<std::string> cause = candidate.fault;
    if (!cause && !candidate.first_audio && now - candidate.started > connect_timeout) {
        cause = "no audio within " + seconds_text(connect_timeout);
    } else if (!cause && candidate.last_audio &&
               now - *candidate.last_audio > stall_limit(candidate)) {
        cause = "stalled: no audio for " + seconds_text(now - *candidate.last_audio);
    }
    if (cause) {
        next_attempt_ = now + retry_every;
    }
    return cause;
}

bool RelayRules::connect_now(Clock::time_point now, std::int64_t now_sample) {
    if (now < next_attempt_ || now_sample < start_ - samples_of(connect_ahead)) {
        return false;
    }
    ++attempts_;
    return true;
}

void RelayRules::connect_failed(Clock::time_point now) {
    next_attempt_ = now + retry_every;
}

RelayRules::Start RelayRules::at_start(const std::optional<RelayHealth>& candidate,
                                       bool fallback_usable, Clock::time_point now,
                                       std::int64_t now_sample) const {
    if (now_sample < start_ - samples_of(lead)) {
        return {};
    }
    const std::int64_t at = std::max(start_, now_sample + samples_of(switch_margin));
    if (candidate && delivering(*candidate, now)) {
        return {Start::Kind::relay, at};
    }
    // Scheduled late, or after its start (a join after a restart): a first
    // connection still on its way gets a moment before the fallback goes on.
    if (candidate && attempts_ == 1 && !candidate->fault &&
        now - candidate->started < first_connect_wait) {
        return {};
    }
    if (fallback_usable) {
        return {Start::Kind::fallback, at};
    }
    if (now_sample >= std::max(start_, scheduled_) + samples_of(start_grace)) {
        return {Start::Kind::fail, now_sample};
    }
    return {};
}

std::optional<std::int64_t> RelayRules::rejoin_from(const std::optional<RelayHealth>& candidate,
                                                    Clock::time_point now,
                                                    std::int64_t now_sample) const {
    if (!candidate) {
        return std::nullopt;
    }
    // Sound for rejoin_after, by the clock too: a burst on connecting brings
    // seconds of audio at once, but says nothing yet about the gaps between
    // the server's next blocks, which the jitter buffer must cover.
    if (!delivering(*candidate, now) || now - *candidate->first_audio < rejoin_after ||
        candidate->sounding_frames < samples_of(rejoin_after) ||
        candidate->silent_frames > samples_of(rejoin_silence)) {
        return std::nullopt;
    }
    const std::int64_t earliest = now_sample + samples_of(switch_margin);
    if (earliest + samples_of(crossfade) >= end_) {
        return std::nullopt;  // the slot ends before a crossfade would be over
    }
    return earliest;
}

std::int64_t RelayRules::fallback_after_drop(std::int64_t lost_at, std::int64_t now_sample) {
    return std::max(now_sample + samples_of(switch_margin), lost_at);
}

bool RelayRules::missed(std::int64_t output) const {
    return phase_ == Phase::waiting && output >= end_;
}

}  // namespace onair::playout
