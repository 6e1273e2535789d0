// The conductor's object and its driving calls: start, reload, advance, and
// the small helpers every job uses.

#include "onair/conductor/Conductor.hpp"

#include <algorithm>

#include "ConductorState.hpp"
#include "onair/scheduler/Planner.hpp"

namespace onair::conductor {

using namespace std::chrono_literals;
using scheduler::Airing;

const config::Programme* Conductor::Impl::programme(const std::string& id) const {
    for (const config::Programme& p : station->programmes) {
        if (p.id == id) {
            return &p;
        }
    }
    return nullptr;
}

std::string Conductor::Impl::new_id(const std::string& stem) {
    return stem + "#" + std::to_string(next_item++);
}

std::string Conductor::Impl::local_time(TimePoint instant) const {
    // HH:MM as operators write times; the seconds only when there are some.
    const auto local = date::floor<std::chrono::seconds>(zone->to_local(instant));
    const auto minute = date::floor<std::chrono::minutes>(local);
    return local == minute ? date::format("%H:%M", minute) : date::format("%H:%M:%S", local);
}

TimePoint Conductor::Impl::next_deadline(TimePoint now) const {
    TimePoint next = std::min(next_replan, now + 60s);
    const auto longest_lead = std::max(settings.preroll, settings.relay_preroll);
    for (const Slot& slot : slots) {
        if (slot.airing.start - longest_lead > next) {
            break;
        }
        if (slot.stage == Slot::Stage::waiting) {
            const bool relay = slot.airing.source_kind == config::SourceKind::relay;
            next = std::min(
                next, slot.airing.start - (relay ? settings.relay_preroll : settings.preroll));
        }
    }
    for (const auto& [key, run] : runs) {
        if (run.next_start < run.end) {
            next = std::min(next, run.next_start - settings.preroll);
        }
    }
    for (const auto& [id, item] : on_air) {
        if (!item.row) {
            next = std::min(next, item.start - row_lead);
        }
    }
    return std::max(next, now);
}

Conductor::Conductor(Air& air, airlog::AsAiredLog& log, scheduler::MediaCatalog& catalog,
                     ConductorSettings settings)
    : impl_(std::make_unique<Impl>(air, log, catalog, settings)) {}

Conductor::~Conductor() = default;

void Conductor::start(std::shared_ptr<const config::Station> station, TimePoint now) {
    Impl& impl = *impl_;
    impl.station = std::move(station);
    impl.zone.emplace(impl.station->timezone);
    if (impl.station->filler && impl.station->filler->source.kind == config::SourceKind::folder) {
        impl.filler.emplace(
            scheduler::media_path(*impl.station, impl.station->filler->source.target),
            impl.settings.shuffle_seed);
    }
    impl.replan(now, false);
    impl.record_missed_since_last_run(now);
    impl.hand_over_due(now);
}

void Conductor::replace_station(std::shared_ptr<const config::Station> station, TimePoint now) {
    Impl& impl = *impl_;
    auto old_station = impl.station;
    auto old_zone = impl.zone;
    auto old_slots = impl.slots;
    impl.station = std::move(station);
    impl.zone.emplace(impl.station->timezone);
    try {
        impl.replan(now, true);
    } catch (...) {
        impl.station = std::move(old_station);
        impl.zone = std::move(old_zone);
        impl.slots = std::move(old_slots);
        throw;
    }
    impl.filler.reset();
    if (impl.station->filler && impl.station->filler->source.kind == config::SourceKind::folder) {
        impl.filler.emplace(
            scheduler::media_path(*impl.station, impl.station->filler->source.target),
            impl.settings.shuffle_seed);
    }
    impl.folders.clear();
    impl.hand_over_due(now);
}

TimePoint Conductor::advance(TimePoint now) {
    Impl& impl = *impl_;
    if (impl.stopping) {
        return now + 1h;
    }
    if (now >= impl.next_replan) {
        try {
            impl.replan(now, true);
        } catch (const StationRefused&) {
            // The same file planned fine before; a new day's conflict. Keep the
            // plan we have and say so; `onair check` shows the details.
            impl.next_replan = now + replan_every;
            warn("plan", "the plan for the coming days has conflicts: run onair check", now);
        }
    }
    std::erase_if(impl.holds, [&](const Hold& hold) { return hold.to <= now; });
    impl.hand_over_due(now);
    impl.write_due_rows(now);
    return impl.next_deadline(now);
}

std::vector<Airing> Conductor::airings() const {
    std::vector<Airing> copy;
    for (const Slot& slot : impl_->slots) {
        copy.push_back(slot.airing);
    }
    return copy;
}

std::string Conductor::describe(const std::string& id) const {
    const auto found = impl_->on_air.find(id);
    if (found == impl_->on_air.end()) {
        return id;
    }
    const airlog::StartRecord& r = found->second.record;
    if (r.planned) {
        return r.planned->title + " (" + r.planned->programme + ", " +
               std::string(scheduler::to_string(r.planned->role)) + ")";
    }
    return r.title + " (" + r.role + ")";
}

const scheduler::StationTimeZone& Conductor::time_zone() const {
    return *impl_->zone;
}

}  // namespace onair::conductor
