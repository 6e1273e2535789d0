// What the air reports: items on and off the air, relay events, output
// errors and silence.

#include "onair/conductor/Conductor.hpp"

#include <algorithm>

#include "onair/conductor/ItemOutcome.hpp"

#include "ConductorState.hpp"
#include "onair/config/WindowDays.hpp"

namespace onair::conductor {

using airlog::Status;

void Conductor::item_started(const std::string& id, TimePoint, TimePoint actual) {
    Impl& impl = *impl_;
    const auto found = impl.on_air.find(id);
    if (found == impl.on_air.end()) {
        return;
    }
    OnAir& item = found->second;
    item.started = true;
    item.actual_start = actual;
    impl.write_row(item);
}

void Conductor::item_ended(const std::string& id, TimePoint actual_end,
                           playout::EndReason reason_kind, const std::string& reason) {
    Impl& impl = *impl_;
    const auto found = impl.on_air.find(id);
    if (found == impl.on_air.end()) {
        return;
    }
    OnAir item = std::move(found->second);
    impl.on_air.erase(found);
    impl.end_item(item, actual_end, reason_kind, reason);
}

void Conductor::Impl::end_item(OnAir& item, TimePoint actual_end, playout::EndReason reason_kind,
                               const std::string& reason) {
    const TimePoint began = item.actual_start.value_or(item.start);
    Outcome result = outcome(item, reason_kind, reason, began, actual_end);
    if (reason_kind == playout::EndReason::cut && !item.started) {
        // Taken off before its first sample: it never aired. Its row, if
        // already written (it is, just before the start), says so.
        if (item.row) {
            finish(item, item.start, result.status, std::move(result.note));
        }
        return;
    }
    if (reason_kind == playout::EndReason::failed && !item.started) {
        // Never on air: the row says so, from its intended start, 0 s long.
        finish(item, item.start, result.status, std::move(result.note));
    } else {
        finish(item, actual_end, result.status, std::move(result.note));
    }
    if (reason_kind == playout::EndReason::failed && item.kind == OnAir::Kind::programme &&
        !stopping) {
        // Never dead air inside a window: filler takes the rest of the slot.
        const TimePoint from = std::max(actual_end, item.start);
        const TimePoint to = item.record.planned ? item.record.planned->end : item.limit;
        fill_gap(from, std::min(to, item.limit),
                 item.limit_reason.empty() ? "the failed item's slot ends" : item.limit_reason);
    }
}

void Conductor::output_error(const std::string& output, const std::string& message, TimePoint at) {
    warn("output:" + output, "output " + output + " failed: " + message, at);
}

void Conductor::output_recovered(const std::string& output) {
    clear_warning("output:" + output);
}

void Conductor::relay_event(const std::string& id, playout::RelayEvent event, TimePoint at,
                            const std::string& detail) {
    Impl& impl = *impl_;
    const auto found = impl.on_air.find(id);
    if (found == impl.on_air.end()) {
        return;
    }
    OnAir& item = found->second;
    switch (event) {
        case playout::RelayEvent::connected:
            item.relay_state = "connected";
            break;
        case playout::RelayEvent::dropped:
            item.relay_state = "dropped";
            item.drops.emplace_back(at, detail);
            break;
        case playout::RelayEvent::fallback:
            item.relay_state = "fallback";
            item.fallback_played = true;
            break;
        case playout::RelayEvent::rejoined:
            item.relay_state = "connected";
            item.rejoins.push_back(at);
            break;
    }
}

bool Conductor::in_window(TimePoint instant) const {
    const Impl& impl = *impl_;
    const date::local_days day{impl.zone->local_date(instant)};
    const date::weekday weekday{date::sys_days{impl.zone->local_date(instant)}};
    for (const config::Window& window : impl.station->windows) {
        if (!config::is_open_on(window, weekday)) {
            continue;
        }
        const TimePoint from = impl.zone->resolve(day + window.start).instant;
        const TimePoint to = impl.zone->resolve(day + window.end).instant;
        if (from <= instant && instant < to) {
            return true;
        }
    }
    return false;
}

void Conductor::silence_alarm(TimePoint since) {
    // Dead air only counts inside a window.
    if (in_window(since)) {
        warn("silence", "dead air since " + impl_->zone->format_iso(since), since);
    }
}

void Conductor::silence_ended(TimePoint) {
    clear_warning("silence");
}

}  // namespace onair::conductor
