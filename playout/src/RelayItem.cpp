#include "RelayItem.hpp"

#include <algorithm>
#include <cstdio>
#include <stdexcept>
#include <utility>

#include "GstUtil.hpp"

namespace onair::playout {

namespace {

constexpr std::int64_t samples_of(std::chrono::milliseconds length) {
    return length.count() * (air_rate / 1000);
}

/// "1.0 s", for durations in event details.
std::string seconds_text(std::chrono::steady_clock::duration length) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f s", std::chrono::duration<double>(length).count());
    return text;
}

std::string seconds_text(std::int64_t samples) {
    return seconds_text(std::chrono::duration_cast<std::chrono::steady_clock::duration>(
        std::chrono::duration<double>(static_cast<double>(samples) / air_rate)));
}

/// "12:03", a position in a file.
std::string position_text(std::int64_t samples) {
    const std::int64_t seconds = samples / air_rate;
    char text[32];
    std::snprintf(text, sizeof text, "%lld:%02lld", static_cast<long long>(seconds / 60),
                  static_cast<long long>(seconds % 60));
    return text;
}

/// How long without audio is a stall for this stream: stall_after, or twice
/// the largest gap it has shown between buffers if that is more (a server
/// that sends in blocks), but never more than 2 s.
RelayConnection::Clock::duration stall_limit(const RelayConnection::Health& health) {
    return std::clamp<RelayConnection::Clock::duration>(
        2 * health.largest_gap, RelayItem::stall_after, std::chrono::seconds(2));
}

/// The stream may go on the air: no fault, and audio is coming.
bool delivering(const RelayConnection::Health& health, RelayConnection::Clock::time_point now) {
    return !health.fault && health.last_audio && now - *health.last_audio < stall_limit(health);
}

}  // namespace

RelayItem::RelayItem(const PlayoutItem& spec, const std::string& name, const AirMixer& air,
                     double silence_threshold_db, std::int64_t start, std::int64_t end)
    : spec_(spec),
      name_(name),
      air_(air),
      silence_threshold_db_(silence_threshold_db),
      start_(start),
      scheduled_(air.now_sample()),
      end_(end),
      fade_out_(std::clamp<std::int64_t>(samples_of(spec.fade_out), 0, end - start)) {
    end_reason_ = !spec.cut_reason.empty()
                      ? spec.cut_reason
                      : "max length " + std::to_string(spec.max_length->count()) + " ms reached";
    if (!spec.file.empty()) {
        fallback_ = std::make_unique<RelayFallback>(name_ + "-fallback", spec.file, air_);
    }
    // The first connection is made by tick(), connect_ahead before the start.
}

RelayItem::~RelayItem() {
    drop();
}

void RelayItem::connect(Clock::time_point now) {
    try {
        candidate_ = std::make_unique<RelayConnection>(
            name_ + "-relay-" + std::to_string(++attempts_), spec_.relay_url, air_,
            samples_of(lead), silence_threshold_db_);
    } catch (const std::runtime_error& failure) {
        last_failure_ = failure.what();
        next_attempt_ = now + retry_every;
    }
}

void RelayItem::watch_candidate(Clock::time_point now) {
    if (!candidate_) {
        return;
    }
    const RelayConnection::Health health = candidate_->health();
    std::optional<std::string> cause = health.fault;
    if (!cause && !health.first_audio && now - health.started > connect_timeout) {
        cause = "no audio within " + seconds_text(connect_timeout);
    } else if (!cause && health.last_audio && now - *health.last_audio > stall_limit(health)) {
        cause = "stalled: no audio for " + seconds_text(now - *health.last_audio);
    }
    if (cause) {
        last_failure_ = std::move(cause);
        candidate_.reset();
        next_attempt_ = now + retry_every;
    }
}

void RelayItem::watch_on_air(Clock::time_point now, std::int64_t now_sample) {
    if (phase_ != Phase::relay || !live_) {
        return;
    }
    const RelayConnection::Health health = live_->health();
    while (underruns_seen_ < health.underruns) {
        ++underruns_seen_;
        underrun_times_.push_back(now);
    }
    while (!underrun_times_.empty() && now - underrun_times_.front() > std::chrono::seconds(10)) {
        underrun_times_.pop_front();
    }
    const std::int64_t silent = std::min(health.silent_frames, health.on_air_frames);
    if (health.fault) {
        drop_relay(*health.fault, true, now, now_sample);
    } else if (health.last_audio && now - *health.last_audio > stall_limit(health)) {
        drop_relay("stalled: no audio for " + seconds_text(now - *health.last_audio), true, now,
                   now_sample);
    } else if (underrun_times_.size() >= 2) {
        drop_relay("slower than real time: ran dry twice within 10 s", true, now, now_sample);
    } else if (silent >= samples_of(spec_.relay_silence_tolerance)) {
        // The connection works: it stays, watched, and comes back with sound.
        drop_relay("silent for " + seconds_text(silent), false, now, now_sample);
    }
}

void RelayItem::try_start(Clock::time_point now, std::int64_t now_sample) {
    if (now_sample < start_ - samples_of(lead)) {
        return;
    }
    const std::int64_t at = std::max(start_, now_sample + samples_of(switch_margin));
    if (candidate_ && delivering(candidate_->health(), now)) {
        go_relay(at, false);
        return;
    }
    // Scheduled late, or after its start (a join after a restart): a first
    // connection still on its way gets a moment before the fallback goes on.
    if (candidate_ && attempts_ == 1) {
        const RelayConnection::Health health = candidate_->health();
        if (!health.fault && now - health.started < first_connect_wait) {
            return;
        }
    }
    if (fallback_usable()) {
        note(RelayEvent::dropped, at, "not there at the start: " + why_no_relay(now));
        go_fallback(at);
        return;
    }
    if (now_sample >= std::max(start_, scheduled_) + samples_of(start_grace)) {
        finish(now_sample, EndReason::failed,
               "relay " + spec_.relay_url + " " + why_no_relay(now) + "; " + why_no_fallback());
    }
}

void RelayItem::try_rejoin(Clock::time_point now, std::int64_t now_sample) {
    if (!candidate_) {
        return;
    }
    const RelayConnection::Health health = candidate_->health();
    // Sound for rejoin_after, by the clock too: a burst on connecting brings
    // seconds of audio at once, but says nothing yet about the gaps between
    // the server's next blocks, which the jitter buffer must cover.
    if (!delivering(health, now) || now - *health.first_audio < rejoin_after ||
        health.sounding_frames < samples_of(rejoin_after) ||
        health.silent_frames > samples_of(std::chrono::milliseconds(250))) {
        return;
    }
    const std::int64_t fade = samples_of(crossfade);
    const std::int64_t earliest = now_sample + samples_of(switch_margin);
    if (earliest + fade >= end_) {
        return;  // the slot ends before a crossfade would be over
    }
    std::int64_t at = earliest;
    if (phase_ == Phase::fallback && fallback_feed_) {
        at = fallback_->stop_at(earliest, fade);
        retire(fallback_feed_, at + fade);
    }
    go_relay(at, true);
}

void RelayItem::go_relay(std::int64_t at, bool crossfade_in) {
    relay_feed_ = new_feed("relay", false);
    if (!relay_feed_) {
        return;
    }
    if (crossfade_in) {
        relay_feed_->set_fade_in(at, samples_of(crossfade));
    }
    relay_feed_->set_end(end_, fade_out_);
    live_ = std::move(candidate_);
    live_->go_on_air(relay_feed_, at);
    underruns_seen_ = live_->health().underruns;
    underrun_times_.clear();
    if (relay_aired_) {
        note(RelayEvent::rejoined, at, "after " + seconds_text(at - relay_lost_at_) + " away");
    } else {
        note(RelayEvent::connected, at, spec_.relay_url);
    }
    relay_aired_ = true;
    if (first_on_air_ < 0) {
        first_on_air_ = at;
    }
    phase_ = Phase::relay;
}

void RelayItem::go_fallback(std::int64_t at) {
    if (at >= end_ || !fallback_usable()) {
        phase_ = Phase::silent;
        return;
    }
    fallback_feed_ = new_feed("fallback", true);
    if (!fallback_feed_) {
        phase_ = Phase::silent;
        return;
    }
    const std::int64_t position = fallback_->position();
    if (position > 0) {
        fallback_feed_->set_fade_in(at, samples_of(crossfade));
    }
    fallback_feed_->set_end(end_, fade_out_);
    fallback_->play(fallback_feed_, at);
    note(RelayEvent::fallback, at,
         spec_.file.string() +
             (position > 0 ? " resumed at " + position_text(position) : " from its start"));
    if (first_on_air_ < 0) {
        first_on_air_ = at;
    }
    phase_ = Phase::fallback;
}

void RelayItem::drop_relay(const std::string& cause, bool dead, Clock::time_point now,
                           std::int64_t now_sample) {
    const std::int64_t relay_end = live_->go_off_air();
    relay_feed_->end_of_stream();
    // The stream's last sample on the air: what it had handed over, which
    // still plays (a close or an error leaves up to `lead` of good audio).
    const std::int64_t lost_at = relay_end >= 0 ? relay_end : now_sample;
    retire(relay_feed_, lost_at);
    relay_lost_at_ = lost_at;
    last_failure_ = cause;
    note(RelayEvent::dropped, lost_at, cause);
    if (dead) {
        live_.reset();
        candidate_.reset();
        next_attempt_ = now;  // a fresh source at once
    } else {
        candidate_ = std::move(live_);
    }
    go_fallback(std::max(now_sample + samples_of(switch_margin), lost_at));
}

bool RelayItem::fallback_usable() const {
    return fallback_ && !fallback_->error() && !fallback_->finished();
}

std::string RelayItem::why_no_relay(Clock::time_point now) const {
    if (candidate_) {
        const RelayConnection::Health health = candidate_->health();
        if (!health.first_audio) {
            return "no audio yet " + seconds_text(now - health.started) + " after connecting";
        }
    }
    return last_failure_ ? *last_failure_ : std::string("not connected");
}

std::string RelayItem::why_no_fallback() const {
    if (spec_.file.empty()) {
        return "no fallback file";
    }
    if (fallback_ && fallback_->error()) {
        return "fallback " + spec_.file.string() + ": " + *fallback_->error();
    }
    return "fallback " + spec_.file.string() + " already played";
}

std::shared_ptr<RelayFeed> RelayItem::new_feed(const char* kind, bool blocking) {
    try {
        return std::make_shared<RelayFeed>(
            air_, name_ + "-" + kind + "-" + std::to_string(++feeds_), blocking);
    } catch (const std::runtime_error& failure) {
        last_failure_ = failure.what();
        return nullptr;
    }
}

void RelayItem::retire(std::shared_ptr<RelayFeed>& feed, std::int64_t until) {
    if (feed) {
        retired_.emplace_back(std::move(feed), until);
    }
    feed.reset();
}

void RelayItem::note(RelayEvent event, std::int64_t at, std::string detail) {
    pending_.push_back({ItemNews::Kind::event, at, event, EndReason::complete, std::move(detail)});
}

void RelayItem::finish(std::int64_t at, EndReason kind, std::string reason) {
    end_ = at;
    end_kind_ = kind;
    end_reason_ = std::move(reason);
    phase_ = Phase::ending;
}

std::vector<ItemNews> RelayItem::tick(std::int64_t output) {
    std::vector<ItemNews> news;
    if (done_) {
        return news;
    }
    const Clock::time_point now = Clock::now();
    const std::int64_t now_sample = air_.now_sample();

    // Feeds whose stretch is over and out of the mixer.
    std::erase_if(retired_, [&](auto& entry) {
        if (output < entry.second) {
            return false;
        }
        entry.first->remove();
        return true;
    });

    if (phase_ != Phase::ending) {
        watch_on_air(now, now_sample);
        watch_candidate(now);
        if (!candidate_ && !live_ && now >= next_attempt_ &&
            now_sample >= start_ - samples_of(connect_ahead)) {
            connect(now);
        }
        if (phase_ == Phase::waiting) {
            try_start(now, now_sample);
        } else if (phase_ == Phase::fallback || phase_ == Phase::silent) {
            try_rejoin(now, now_sample);
        }
        if (phase_ == Phase::fallback && fallback_->finished()) {
            // The file ended while the stream was away: the item is complete,
            // and the rest of the slot is the owner's.
            finish(std::max(fallback_->finished_at(), start_), EndReason::complete, "");
            candidate_.reset();
        } else if (phase_ == Phase::fallback && fallback_->error()) {
            retire(fallback_feed_, now_sample);
            phase_ = Phase::silent;
        }
        if (phase_ == Phase::waiting && output >= end_) {
            finish(output, EndReason::failed,
                   "relay " + spec_.relay_url + " " + why_no_relay(now) + "; " + why_no_fallback());
        }
    }

    if (!started_reported_ && first_on_air_ >= 0 && output >= first_on_air_) {
        started_reported_ = true;
        news.push_back({ItemNews::Kind::started, first_on_air_, {}, {}, {}});
    }
    const bool ended = output >= end_;
    if (started_reported_ || ended) {
        std::size_t ready = 0;
        while (ready < pending_.size() && (ended || pending_[ready].at <= output)) {
            ++ready;
        }
        news.insert(news.end(), std::make_move_iterator(pending_.begin()),
                    std::make_move_iterator(pending_.begin() + static_cast<std::ptrdiff_t>(ready)));
        pending_.erase(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(ready));
    }
    if (ended) {
        EndReason kind = end_kind_;
        std::string reason = end_reason_;
        if (first_on_air_ < 0 && kind != EndReason::cut && kind != EndReason::failed) {
            kind = EndReason::failed;
            reason =
                "relay " + spec_.relay_url + " " + why_no_relay(now) + "; " + why_no_fallback();
        }
        news.push_back({ItemNews::Kind::ended, end_, {}, kind, std::move(reason)});
        drop();
    }
    return news;
}

bool RelayItem::cut(std::int64_t at, std::int64_t fade, const std::string& reason) {
    if (done_) {
        return false;
    }
    if (at >= end_) {
        return true;  // it ends no later than that anyway
    }
    std::int64_t end = at;
    for (const auto& feed : {relay_feed_, fallback_feed_}) {
        if (feed) {
            end = std::max(end, feed->set_end(at, fade));
        }
    }
    candidate_.reset();
    finish(end, EndReason::cut, reason);
    return true;
}

bool RelayItem::on_air(std::int64_t output) const {
    return first_on_air_ >= 0 && output >= first_on_air_;
}

void RelayItem::drop() {
    done_ = true;
    // Gates and connections first, so no streaming thread pushes into a feed
    // being removed; removing the feeds then wakes a fallback waiting in one.
    // The pipelines go down on threads of their own (RelayDecoder).
    candidate_.reset();
    live_.reset();
    fallback_.reset();
    for (auto& feed : {relay_feed_, fallback_feed_}) {
        if (feed) {
            feed->remove();
        }
    }
    for (auto& [feed, until] : retired_) {
        feed->remove();
    }
    relay_feed_.reset();
    fallback_feed_.reset();
    retired_.clear();
}

}  // namespace onair::playout
