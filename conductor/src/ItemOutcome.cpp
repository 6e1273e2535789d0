#include "onair/conductor/ItemOutcome.hpp"

#include "onair/conductor/DurationText.hpp"

namespace onair::conductor {

using airlog::Status;
using playout::EndReason;

Outcome outcome(const OnAirFacts& item, EndReason reason_kind, const std::string& reason,
                scheduler::TimePoint began, scheduler::TimePoint actual_end) {
    if (reason_kind == EndReason::cut && !item.started) {
        // Taken off before its first sample: it never aired.
        return {Status::skipped, reason};
    }
    Outcome result{item.joined ? Status::joined : Status::aired, item.join_note};
    auto add_note = [&result](const std::string& more) {
        result.note += (result.note.empty() ? "" : "; ") + more;
    };
    if (item.relay) {
        for (const auto& [at, detail] : item.drops) {
            add_note("relay dropped after " + duration_text(at - began) +
                     (detail.empty() ? "" : " (" + detail + ")"));
        }
        if (item.fallback_played) {
            add_note("fallback file played");
        }
        for (const scheduler::TimePoint at : item.rejoins) {
            add_note("relay back after " + duration_text(at - began));
        }
        if (!item.drops.empty() && result.status == Status::aired) {
            result.status = Status::partial;
        }
    }
    switch (reason_kind) {
        case EndReason::complete:
            break;
        case EndReason::cut_at_max_length:
            // A relay's time being up is its normal end.
            if (!item.relay) {
                result.status = Status::partial;
                add_note(reason);
            }
            break;
        case EndReason::cut:
            switch (item.cut) {
                case OnAirFacts::Cut::skipped:
                    result.status = Status::skipped;
                    add_note("skipped by the operator after " + duration_text(actual_end - began));
                    break;
                case OnAirFacts::Cut::stopped:
                    result.status = Status::partial;
                    add_note("stopped by operator/system");
                    break;
                default:
                    result.status = Status::partial;
                    add_note(reason);
                    break;
            }
            break;
        case EndReason::failed:
            result.status = Status::failed;
            add_note(reason);
            break;
    }
    return result;
}

}  // namespace onair::conductor
