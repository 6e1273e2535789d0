// Plan keeping: the plan for the coming days, made again every hour and on a
// reload, and how far each airing may run.

#include "onair/conductor/Conductor.hpp"

#include <iterator>
#include <set>

#include "onair/conductor/DurationText.hpp"
#include "onair/scheduler/Planner.hpp"

#include "ConductorState.hpp"

namespace onair::conductor {

using scheduler::Airing;

std::vector<Airing> Conductor::Impl::plan_days(date::year_month_day first,
                                               date::year_month_day last) const {
    scheduler::Plan plan = scheduler::make_plan(*station, {first, last}, catalog);
    if (plan.has_errors()) {
        StationRefused refused;
        for (auto& diagnostic : plan.diagnostics) {
            if (diagnostic.severity == config::Severity::error) {
                refused.errors.push_back(std::move(diagnostic));
            }
        }
        throw refused;
    }
    return std::move(plan.airings);
}

void Conductor::Impl::replan(TimePoint now, bool keep_going) {
    using date::days;
    const date::sys_days today{zone->local_date(now)};
    const auto hours = std::chrono::duration_cast<days>(settings.plan_ahead) + days{1};
    std::vector<Airing> airings =
        plan_days(date::year_month_day{today - days{1}}, date::year_month_day{today + hours});
    std::map<std::string, Slot> old;
    for (Slot& slot : slots) {
        old.emplace(slot.key, std::move(slot));
    }
    slots.clear();
    std::set<std::string> kept;
    for (Airing& airing : airings) {
        Slot slot{std::move(airing), "", Slot::Stage::waiting};
        slot.key = airlog::plan_key(slot.airing);
        if (auto found = old.find(slot.key); found != old.end()) {
            slot.stage = found->second.stage;
            kept.insert(slot.key);
        } else {
            // A packed airing that moved (a file changed length) while its old
            // self is on the air is the same airing: it must not air twice.
            for (auto& [id, item] : on_air) {
                const auto& planned = item.record.planned;
                if (item.started && planned && planned->programme == slot.airing.programme &&
                    planned->role == slot.airing.role && planned->episode == slot.airing.episode &&
                    planned->start < slot.airing.end && slot.airing.start < planned->end) {
                    slot.stage = Slot::Stage::done;
                    item.slot_key = slot.key;
                    kept.insert(slot.key);
                }
            }
        }
        slots.push_back(std::move(slot));
    }
    planned_until = zone->resolve(date::local_days{(today + hours).time_since_epoch()}).instant;
    next_replan = now + replan_every;
    if (!keep_going) {
        return;
    }
    // What a new plan took away: items handed over but not on air yet are taken
    // back; on air, a programme plays on unless the station file no longer has it.
    for (auto it = on_air.begin(); it != on_air.end();) {
        OnAir& item = it->second;
        const bool slot_gone = !item.slot_key.empty() && !kept.contains(item.slot_key);
        if (!slot_gone) {
            ++it;
            continue;
        }
        if (!item.started && item.start > now && air.cancel(item.id)) {
            it = on_air.erase(it);
            continue;
        }
        if (programme(item.record.programme) == nullptr) {
            item.cut = OnAir::Cut::removed;
            air.cut(item.id, now + settings.fade, "removed from the station file", settings.fade);
        }
        ++it;
    }
    for (auto it = runs.begin(); it != runs.end();) {
        const bool own = it->first.starts_with("fill:");
        if (!own && !kept.contains(it->first)) {
            it = runs.erase(it);
            continue;
        }
        // A run goes on under its slot's key (the key is the start), so its end
        // is the old plan's: a programme the new plan puts in its way ends it
        // there, or the run's next files would play under that programme.
        FolderRun& run = it->second;
        for (const Slot& slot : slots) {
            if (!is_filler(slot.airing) && slot.key != run.slot_key &&
                slot.airing.start < run.end && slot.airing.end > run.next_start) {
                run.end = slot.airing.start;
                run.end_reason = "yields to " + slot.airing.title;
                break;
            }
        }
        ++it;
    }
    // Filler on air yields to whatever the new plan put in its way.
    for (auto& [id, item] : on_air) {
        if (item.kind != OnAir::Kind::filler) {
            continue;
        }
        for (const Slot& slot : slots) {
            if (!is_filler(slot.airing) && slot.airing.start > item.start &&
                slot.airing.start < item.limit) {
                item.limit = slot.airing.start;
                air.cut(id, slot.airing.start, "yields to " + slot.airing.title, settings.fade);
                break;
            }
        }
    }
}

/// The latest instant an airing starting at `start` may run to, and why: its
/// max_duration, its window's end, or the next fixed airing.
std::optional<std::pair<TimePoint, std::string>> Conductor::Impl::limit_for(const Airing& airing,
                                                                            TimePoint start) const {
    std::optional<std::pair<TimePoint, std::string>> limit;
    auto consider = [&](TimePoint at, std::string why) {
        if (!limit || at < limit->first) {
            limit = {at, std::move(why)};
        }
    };
    if (const config::Programme* p = programme(airing.programme); p && p->max_duration) {
        consider(airing.start + *p->max_duration,
                 "faded out at its max_duration " + duration_text(*p->max_duration));
    }
    for (const config::Window& window : station->windows) {
        if (window.name != airing.window) {
            continue;
        }
        const date::local_days day{zone->local_date(airing.start)};
        const TimePoint end = zone->resolve(day + window.end).instant;
        if (end > start) {
            consider(end, "faded out at the end of window " + window.name + " (" + local_time(end) +
                              ")");
        }
    }
    for (const Slot& next : slots) {
        if (next.airing.fixed && next.airing.start > airing.start && !is_filler(next.airing)) {
            consider(next.airing.start,
                     "faded out for " + next.airing.title + " at " + local_time(next.airing.start));
            break;
        }
    }
    return limit;
}

}  // namespace onair::conductor
