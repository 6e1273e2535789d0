#include "RelayItem.hpp"

#include <algorithm>
#include <cstdio>
#include <stdexcept>
#include <utility>

#include "FadeRamp.hpp"
#include "GstUtil.hpp"

namespace onair::playout {

namespace {

constexpr std::int64_t samples_of(std::chrono::milliseconds length) {
    return length.count() * (air_rate / 1000);
}

/// "12:03", a position in a file.
std::string position_text(std::int64_t samples) {
    const std::int64_t seconds = samples / air_rate;
    char text[32];
    std::snprintf(text, sizeof text, "%lld:%02lld", static_cast<long long>(seconds / 60),
                  static_cast<long long>(seconds % 60));
    return text;
}

}  // namespace

RelayItem::RelayItem(const PlayoutItem& spec, const std::string& name, const AirMixer& air,
                     double silence_threshold_db, std::int64_t start, std::int64_t end,
                     std::int64_t now_sample)
    : spec_(spec),
      name_(name),
      air_(air),
      silence_threshold_db_(silence_threshold_db),
      start_(start),
      end_(end),
      // Never longer than the slot: as if its start were already mixed.
      fade_out_(FadeRamp::out(end, samples_of(spec.fade_out), start).length()),
      rules_(start, end, now_sample, spec.relay_silence_tolerance) {
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
            name_ + "-relay-" + std::to_string(rules_.attempts()), spec_.relay_url, air_,
            samples_of(RelayRules::lead), silence_threshold_db_);
    } catch (const std::runtime_error& failure) {
        last_failure_ = failure.what();
        rules_.connect_failed(now);
    }
}

void RelayItem::watch(Clock::time_point now, std::int64_t now_sample) {
    if (rules_.phase() == Phase::relay && live_) {
        if (auto drop = rules_.judge_on_air(live_->health(), now)) {
            drop_relay(drop->cause, drop->dead, now_sample);
        }
    }
    if (candidate_) {
        if (auto failure = rules_.judge_candidate(candidate_->health(), now)) {
            last_failure_ = std::move(failure);
            candidate_.reset();
        }
    }
}

void RelayItem::try_start(Clock::time_point now, std::int64_t now_sample) {
    const std::optional<RelayHealth> health =
        candidate_ ? std::optional(candidate_->health()) : std::nullopt;
    const RelayRules::Start start = rules_.at_start(health, fallback_usable(), now, now_sample);
    switch (start.kind) {
        case RelayRules::Start::Kind::wait:
            break;
        case RelayRules::Start::Kind::relay:
            go_relay(start.at, false);
            break;
        case RelayRules::Start::Kind::fallback:
            note(RelayEvent::dropped, start.at, "not there at the start: " + why_no_relay(now));
            go_fallback(start.at);
            break;
        case RelayRules::Start::Kind::fail:
            finish(start.at, EndReason::failed,
                   "relay " + spec_.relay_url + " " + why_no_relay(now) + "; " + why_no_fallback());
            break;
    }
}

void RelayItem::try_rejoin(Clock::time_point now, std::int64_t now_sample) {
    const std::optional<RelayHealth> health =
        candidate_ ? std::optional(candidate_->health()) : std::nullopt;
    const std::optional<std::int64_t> earliest = rules_.rejoin_from(health, now, now_sample);
    if (!earliest) {
        return;
    }
    std::int64_t at = *earliest;
    if (rules_.phase() == Phase::fallback && fallback_feed_) {
        at = fallback_->stop_at(*earliest, samples_of(RelayRules::crossfade));
        retire(fallback_feed_, at + samples_of(RelayRules::crossfade));
    }
    go_relay(at, true);
}

void RelayItem::go_relay(std::int64_t at, bool crossfade_in) {
    relay_feed_ = new_feed("relay", false);
    if (!relay_feed_) {
        return;
    }
    if (crossfade_in) {
        relay_feed_->set_fade_in(at, samples_of(RelayRules::crossfade));
    }
    relay_feed_->set_end(end_, fade_out_);
    live_ = std::move(candidate_);
    live_->go_on_air(relay_feed_, at);
    rules_.on_relay(live_->health().underruns);
    if (relay_aired_) {
        note(RelayEvent::rejoined, at, "after " + seconds_text(at - relay_lost_at_) + " away");
    } else {
        note(RelayEvent::connected, at, spec_.relay_url);
    }
    relay_aired_ = true;
    if (first_on_air_ < 0) {
        first_on_air_ = at;
    }
}

void RelayItem::go_fallback(std::int64_t at) {
    if (at >= end_ || !fallback_usable()) {
        rules_.enter(Phase::silent);
        return;
    }
    fallback_feed_ = new_feed("fallback", true);
    if (!fallback_feed_) {
        rules_.enter(Phase::silent);
        return;
    }
    const std::int64_t position = fallback_->position();
    if (position > 0) {
        fallback_feed_->set_fade_in(at, samples_of(RelayRules::crossfade));
    }
    fallback_feed_->set_end(end_, fade_out_);
    fallback_->play(fallback_feed_, at);
    note(RelayEvent::fallback, at,
         spec_.file.string() +
             (position > 0 ? " resumed at " + position_text(position) : " from its start"));
    if (first_on_air_ < 0) {
        first_on_air_ = at;
    }
    rules_.enter(Phase::fallback);
}

void RelayItem::drop_relay(const std::string& cause, bool dead, std::int64_t now_sample) {
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
    } else {
        candidate_ = std::move(live_);
    }
    go_fallback(RelayRules::fallback_after_drop(lost_at, now_sample));
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
    rules_.enter(Phase::ending);
}

std::vector<ItemNews> RelayItem::tick(std::int64_t output, std::int64_t now_sample,
                                      Clock::time_point now) {
    std::vector<ItemNews> news;
    if (done_) {
        return news;
    }

    // Feeds whose stretch is over and out of the mixer.
    std::erase_if(retired_, [&](auto& entry) {
        if (output < entry.second) {
            return false;
        }
        entry.first->remove();
        return true;
    });

    if (rules_.phase() != Phase::ending) {
        watch(now, now_sample);
        if (!candidate_ && !live_ && rules_.connect_now(now, now_sample)) {
            connect(now);
        }
        if (rules_.phase() == Phase::waiting) {
            try_start(now, now_sample);
        } else if (rules_.phase() == Phase::fallback || rules_.phase() == Phase::silent) {
            try_rejoin(now, now_sample);
        }
        if (rules_.phase() == Phase::fallback && fallback_->finished()) {
            // The file ended while the stream was away: the item is complete,
            // and the rest of the slot is the owner's.
            finish(std::max(fallback_->finished_at(), start_), EndReason::complete, "");
            candidate_.reset();
        } else if (rules_.phase() == Phase::fallback && fallback_->error()) {
            retire(fallback_feed_, now_sample);
            rules_.enter(Phase::silent);
        }
        if (rules_.missed(output)) {
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
