#include "onair/conductor/SimulatedAir.hpp"

#include <algorithm>
#include <stdexcept>
#include <tuple>
#include <utility>

namespace onair::conductor {

using playout::EndReason;
using playout::PlayoutItem;
using playout::RelayEvent;
using scheduler::MediaInfo;
using scheduler::TimePoint;

namespace {

/// The detail a simulated outage gives, in the relay's notes.
constexpr const char* outage_detail = "simulated outage";

}  // namespace

SimulatedAir::SimulatedAir(scheduler::MediaCatalog& media, std::vector<Outage> relay_outages,
                           TimePoint now)
    : media_(media), now_(now) {
    std::sort(relay_outages.begin(), relay_outages.end(),
              [](const Outage& a, const Outage& b) { return a.from < b.from; });
    for (const Outage& outage : relay_outages) {
        if (outage.to <= outage.from) {
            continue;
        }
        if (!relay_outages_.empty() && outage.from <= relay_outages_.back().to) {
            relay_outages_.back().to = std::max(relay_outages_.back().to, outage.to);
        } else {
            relay_outages_.push_back(outage);
        }
    }
}

// ---------------------------------------------------------------- what an item will do

std::optional<Outage> SimulatedAir::outage_at(TimePoint t) const {
    for (const Outage& outage : relay_outages_) {
        if (outage.from <= t && t < outage.to) {
            return outage;
        }
    }
    return std::nullopt;
}

std::optional<Outage> SimulatedAir::outage_within(TimePoint from, TimePoint to) const {
    for (const Outage& outage : relay_outages_) {
        if (outage.from > from && outage.from < to) {
            return outage;
        }
    }
    return std::nullopt;
}

namespace {

std::string max_length_reason(const PlayoutItem& item) {
    if (!item.cut_reason.empty()) {
        return item.cut_reason;
    }
    return "max length " + std::to_string(item.max_length ? item.max_length->count() : 0) +
           " ms reached";
}

/// Why a file cannot be played, in the engine's words; empty when it can.
std::string unplayable(const std::filesystem::path& file, const MediaInfo& info) {
    switch (info.status) {
        case MediaInfo::Status::ok:
            return {};
        case MediaInfo::Status::missing:
            return "no such file: " + file.string();
        case MediaInfo::Status::unreadable:
            return "cannot decode " + file.string() +
                   (info.detail.empty() ? "" : ": " + info.detail);
    }
    return {};
}

}  // namespace

std::vector<SimulatedAir::Step> SimulatedAir::plan_file(const PlayoutItem& item, TimePoint start) {
    std::vector<Step> steps;
    if (item.file.empty()) {
        steps.push_back({Step::Kind::ended, start, {}, EndReason::failed, "no media file given"});
        return steps;
    }
    const MediaInfo info = media_.file(item.file);
    if (const std::string why = unplayable(item.file, info); !why.empty()) {
        steps.push_back({Step::Kind::ended, start, {}, EndReason::failed, why});
        return steps;
    }
    steps.push_back({Step::Kind::started, start, {}, {}, {}});
    const TimePoint natural =
        start + std::max(info.duration - item.offset, std::chrono::milliseconds{0});
    if (item.max_length && natural > item.start + *item.max_length) {
        steps.push_back({Step::Kind::ended,
                         std::max(start, item.start + *item.max_length),
                         {},
                         EndReason::cut_at_max_length,
                         max_length_reason(item)});
    } else {
        steps.push_back({Step::Kind::ended, natural, {}, EndReason::complete, {}});
    }
    return steps;
}

void SimulatedAir::plan_fallback(const PlayoutItem& item, TimePoint from, TimePoint end,
                                 std::vector<Step>& steps, bool start_item, EndReason without,
                                 TimePoint without_at, const std::string& without_reason) {
    std::string why;
    MediaInfo info;
    if (item.file.empty()) {
        why = "no fallback file";
    } else {
        info = media_.file(item.file);
        why = unplayable(item.file, info);
    }
    if (!why.empty()) {
        steps.push_back(
            {Step::Kind::ended,
             without_at,
             {},
             without,
             without == EndReason::complete ? std::string{} : without_reason + "; " + why});
        return;
    }
    steps.push_back({Step::Kind::relay, from, RelayEvent::fallback, {}, item.file.string()});
    if (start_item) {
        steps.push_back({Step::Kind::started, from, {}, {}, {}});
    }
    if (from + info.duration < end) {
        steps.push_back({Step::Kind::ended, from + info.duration, {}, EndReason::complete, {}});
    } else {
        steps.push_back(
            {Step::Kind::ended, end, {}, EndReason::cut_at_max_length, max_length_reason(item)});
    }
}

std::vector<SimulatedAir::Step> SimulatedAir::plan_relay(const PlayoutItem& item, TimePoint start) {
    std::vector<Step> steps;
    if (!item.max_length) {
        steps.push_back(
            {Step::Kind::ended, start, {}, EndReason::failed, "a relay item needs a max length"});
        return steps;
    }
    const TimePoint end = std::max(start, item.start + *item.max_length);
    if (outage_at(start)) {
        steps.push_back({Step::Kind::relay, start, RelayEvent::dropped, {}, outage_detail});
        plan_fallback(item, start, end, steps, true, EndReason::failed, start,
                      "relay unreachable (" + std::string(outage_detail) + ")");
        return steps;
    }
    steps.push_back({Step::Kind::relay, start, RelayEvent::connected, {}, {}});
    steps.push_back({Step::Kind::started, start, {}, {}, {}});
    TimePoint up = start;
    while (const auto outage = outage_within(up, end)) {
        steps.push_back({Step::Kind::relay, outage->from, RelayEvent::dropped, {}, outage_detail});
        if (outage->to - outage->from <= item.relay_silence_tolerance) {
            if (outage->to >= end) {
                break;  // silent to the end, within the tolerance
            }
            steps.push_back({Step::Kind::relay, outage->to, RelayEvent::rejoined, {}, {}});
            up = outage->to;
            continue;
        }
        const TimePoint fallback_at = outage->from + item.relay_silence_tolerance;
        if (fallback_at >= end) {
            break;
        }
        // Without a fallback the source died at the drop: the item ends there.
        plan_fallback(item, fallback_at, end, steps, false, EndReason::complete, outage->from, {});
        return steps;
    }
    steps.push_back(
        {Step::Kind::ended, end, {}, EndReason::cut_at_max_length, max_length_reason(item)});
    return steps;
}

// ---------------------------------------------------------------- Air

void SimulatedAir::schedule(const PlayoutItem& item) {
    // An item handed over late starts late, as on a real air, never in the past.
    const TimePoint start = std::max(item.start, now_);
    Item entry;
    entry.spec = item;
    entry.order = next_order_++;
    entry.steps = item.relay_url.empty() ? plan_file(item, start) : plan_relay(item, start);
    items_.insert_or_assign(item.id, std::move(entry));
}

bool SimulatedAir::cut(const std::string& id, TimePoint at, const std::string& reason,
                       std::chrono::milliseconds) {
    const auto found = items_.find(id);
    if (found == items_.end()) {
        return false;
    }
    Item& item = found->second;
    at = std::max(at, now_);
    if (item.steps.back().at <= at) {
        return true;  // it ends by itself first
    }
    // What would have happened from `at` on does not; an item not started by
    // then ends without airing.
    auto keep = std::find_if(item.steps.begin() + static_cast<std::ptrdiff_t>(item.reported),
                             item.steps.end(), [&](const Step& step) { return step.at >= at; });
    item.steps.erase(keep, item.steps.end());
    item.steps.push_back({Step::Kind::ended, at, {}, EndReason::cut, reason});
    return true;
}

bool SimulatedAir::cancel(const std::string& id) {
    const auto found = items_.find(id);
    if (found == items_.end() || found->second.reported > 0) {
        return false;
    }
    items_.erase(found);
    return true;
}

// ---------------------------------------------------------------- reporting

std::map<std::string, SimulatedAir::Item>::iterator SimulatedAir::next_item() {
    // At one instant, an item that ends reports before one that starts (back
    // to back items), relay news in between; then the first scheduled.
    auto best = items_.end();
    auto key = [](const Item& item) {
        const Step& step = item.steps[item.reported];
        const int rank = step.kind == Step::Kind::ended   ? 0
                         : step.kind == Step::Kind::relay ? 1
                                                          : 2;
        return std::tuple(step.at, rank, item.order);
    };
    for (auto it = items_.begin(); it != items_.end(); ++it) {
        if (best == items_.end() || key(it->second) < key(best->second)) {
            best = it;
        }
    }
    return best;
}

TimePoint SimulatedAir::next_event_time() const {
    TimePoint next = TimePoint::max();
    for (const auto& [id, item] : items_) {
        next = std::min(next, item.steps[item.reported].at);
    }
    return next;
}

void SimulatedAir::advance_to(TimePoint t, playout::PlayoutListener& listener) {
    if (reporting_) {
        throw std::logic_error("SimulatedAir::advance_to called from a listener callback");
    }
    struct Reporting {
        bool& flag;
        explicit Reporting(bool& f) : flag(f) { flag = true; }
        ~Reporting() { flag = false; }
    } reporting(reporting_);
    while (true) {
        const auto it = next_item();
        if (it == items_.end() || it->second.steps[it->second.reported].at > t) {
            break;
        }
        // Copied out and the item updated before the listener runs: its calls
        // may schedule, cut or cancel anything, this item included.
        const Step step = it->second.steps[it->second.reported++];
        const std::string id = it->first;
        const TimePoint planned = it->second.spec.start;
        now_ = std::max(now_, step.at);
        switch (step.kind) {
            case Step::Kind::started:
                listener.item_started(id, planned, step.at);
                break;
            case Step::Kind::relay:
                listener.relay_event(id, step.relay_event, step.at, step.text);
                break;
            case Step::Kind::ended:
                items_.erase(it);
                listener.item_ended(id, step.at, step.end_reason, step.text);
                break;
        }
    }
    now_ = std::max(now_, t);
}

}  // namespace onair::conductor
