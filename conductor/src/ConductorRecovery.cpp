// Restart recovery: `missed` rows for what should have aired while the daemon
// was down, and which slots are over or to be joined.

#include "onair/conductor/Conductor.hpp"

#include <algorithm>
#include <map>

#include "ConductorState.hpp"

namespace onair::conductor {

using namespace std::chrono_literals;
using airlog::Status;
using scheduler::Airing;

void Conductor::Impl::record_missed_since_last_run(TimePoint now) {
    const std::vector<airlog::Row> rows =
        log.rows_between(now - settings.missed_lookback, now + 1ms);
    if (rows.empty()) {
        return;  // a new log: nothing was promised before
    }
    TimePoint last = rows.front().actual_start.value_or(*rows.front().planned_start);
    std::map<std::string, Status> logged;
    for (const airlog::Row& row : rows) {
        last = std::max(last, row.actual_end.value_or(
                                  row.actual_start.value_or(row.planned_start.value_or(last))));
        if (!row.plan_key.empty()) {
            logged[row.plan_key] = row.status;
        }
    }
    const auto first_day = zone->local_date(last);
    const auto last_day = zone->local_date(now);
    for (const Airing& airing : plan_days(first_day, last_day)) {
        if (is_filler(airing) || airing.start < last || airing.start >= now) {
            continue;
        }
        const std::string key = airlog::plan_key(airing);
        const auto found = logged.find(key);
        if (found != logged.end()) {
            continue;
        }
        if (airing.end <= now + settings.join_delay + shortest_item) {
            log.record_missed(airing, "the daemon was not running");
        }
    }
    // Slots of the current plan: over ones are done; one in progress is joined
    // unless it already ended properly before the restart.
    for (Slot& slot : slots) {
        if (slot.airing.start >= now) {
            continue;
        }
        const auto found = logged.find(slot.key);
        const bool ended_properly = found != logged.end() && found->second != Status::interrupted;
        if (slot.airing.end <= now + settings.join_delay + shortest_item || ended_properly) {
            slot.stage = Slot::Stage::done;
        }
    }
}

}  // namespace onair::conductor
