#include "Conductor.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "ConductorState.hpp"
#include "DurationText.hpp"
#include "onair/scheduler/Planner.hpp"

namespace onair::daemon {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using airlog::Status;
using scheduler::Airing;
using scheduler::Role;

namespace {

constexpr TimePoint far_future = TimePoint::max();
/// The on-air row is written this long before the item's first sample: late
/// enough that a reload seldom has to take a row back, early enough that it is
/// on disk before the item is heard.
constexpr auto row_lead = 150ms;
/// Less than this left of a slot is not worth putting on the air.
constexpr auto shortest_item = 1s;
/// How often the plan is made again (new day, media uploaded since).
constexpr auto replan_every = 1h;

bool is_filler(const Airing& airing) {
    return airing.role == Role::fill;
}

}  // namespace

// ---------------------------------------------------------------- planning

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

// ---------------------------------------------------------------- handing over

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

std::optional<Hold> Conductor::Impl::hold_over(TimePoint from, TimePoint to) const {
    for (const Hold& hold : holds) {
        if (hold.priority != InsertPriority::normal && hold.from < to && from < hold.to) {
            return hold;
        }
    }
    return std::nullopt;
}

void Conductor::Impl::hand_over_due(TimePoint now) {
    const auto longest_lead = std::max(settings.preroll, settings.relay_preroll);
    for (Slot& slot : slots) {
        if (slot.airing.start - longest_lead > now) {
            break;  // slots are in order of start
        }
        const bool relay = slot.airing.source_kind == config::SourceKind::relay;
        const auto lead = relay ? settings.relay_preroll : settings.preroll;
        if (slot.stage == Slot::Stage::waiting && slot.airing.start - lead <= now) {
            hand_over(slot, now);
        }
    }
    for (auto& [key, run] : runs) {
        continue_run(key, run, now);
    }
    std::erase_if(runs, [&](const auto& entry) {
        const bool over = entry.second.next_start >= entry.second.end - shortest_item;
        if (over && !entry.second.is_filler) {
            // The folder programme's row closes with its last file, unless none played.
            const auto shared = folder_rows.find(entry.first);
            if (shared != folder_rows.end() && shared->second.open_items == 0 &&
                shared->second.row) {
                log.record_end(*shared->second.row, entry.second.end,
                               shared->second.worst.value_or(Status::aired), shared->second.note);
                folder_rows.erase(shared);
            }
        }
        return over;
    });
}

void Conductor::Impl::hand_over(Slot& slot, TimePoint now) {
    const Airing& airing = slot.airing;
    slot.stage = Slot::Stage::handed;
    TimePoint start = airing.start;
    bool joined = false;
    std::string join_note;
    // Operator inserts that hold the air push the slot back or take it whole.
    if (const auto hold = hold_over(airing.start, airing.end)) {
        if (airing.end <= hold->to + shortest_item) {
            if (!is_filler(airing)) {
                airlog::StartRecord record{airing, airing.start, {}, {}, {}, {}, {}, {}};
                const auto row = log.record_start(record);
                log.record_end(
                    row, airing.start, Status::skipped,
                    std::string("pre-empted by an ") +
                        (hold->priority == InsertPriority::emergency ? "emergency" : "priority") +
                        " insert");
            }
            slot.stage = Slot::Stage::done;
            return;
        }
        if (hold->to > start) {
            start = hold->to;
            joined = true;
            join_note = "joined after an operator insert";
        }
    }
    const TimePoint earliest = now + settings.join_delay;
    if (start < earliest) {
        if (airing.end - earliest < shortest_item) {
            slot.stage = Slot::Stage::done;
            return;
        }
        if (!joined) {
            join_note = "joined after the start (the daemon started at " + local_time(now) + ")";
        }
        start = earliest;
        joined = true;
    }
    if (is_filler(airing) || airing.source_kind == config::SourceKind::folder) {
        FolderRun run;
        run.slot_key = slot.key;
        run.is_filler = is_filler(airing);
        run.next_start = start;
        run.end = airing.end;
        if (!run.is_filler) {
            if (const auto limit = limit_for(airing, start); limit && limit->first < run.end) {
                run.end = limit->first;
            }
        }
        const Slot* next = nullptr;
        for (const Slot& other : slots) {
            if (other.airing.start >= airing.end && !is_filler(other.airing)) {
                next = &other;
                break;
            }
        }
        run.end_reason = next != nullptr && next->airing.start == airing.end
                             ? "yields to " + next->airing.title
                             : "the window ends at " + local_time(airing.end);
        runs[slot.key] = run;
        slot.stage = Slot::Stage::done;
        continue_run(slot.key, runs[slot.key], now);
        return;
    }
    hand_over_programme(slot, start, joined, join_note);
}

void Conductor::Impl::hand_over_programme(Slot& slot, TimePoint start, bool joined,
                                          const std::string& join_note) {
    const Airing& airing = slot.airing;
    OnAir item;
    item.id = new_id(slot.key);
    item.kind = OnAir::Kind::programme;
    item.slot_key = slot.key;
    item.record.planned = airing;
    item.record.actual_start = start;
    item.start = start;
    item.joined = joined;
    item.join_note = join_note;
    playout::PlayoutItem play;
    play.id = item.id;
    play.start = start;
    play.fade_out = settings.fade;
    if (airing.source_kind == config::SourceKind::relay) {
        // A relay has no position to join at: it is the stream, for its slot.
        item.relay = true;
        item.limit = airing.end;
        play.relay_url = airing.source;
        if (!airing.fallback.empty()) {
            play.file = scheduler::media_path(*station, airing.fallback);
        }
        play.max_length = std::chrono::duration_cast<std::chrono::milliseconds>(airing.end - start);
        play.cut_reason = "the relay's time is up";
        play.relay_silence_tolerance = settings.relay_tolerance;
    } else {
        play.file = scheduler::media_path(*station, airing.source);
        play.offset = std::chrono::duration_cast<std::chrono::milliseconds>(start - airing.start);
        item.limit = far_future;
        if (const auto limit = limit_for(airing, start)) {
            play.max_length =
                std::chrono::duration_cast<std::chrono::milliseconds>(limit->first - start);
            play.cut_reason = limit->second;
            item.limit = limit->first;
            item.limit_reason = limit->second;
        }
    }
    on_air.emplace(item.id, std::move(item));
    air.schedule(play);
}

void Conductor::Impl::continue_run(const std::string& run_key, FolderRun& run, TimePoint now) {
    const TimePoint lead_limit = now + settings.preroll;
    int attempts = 0;
    while (run.next_start < run.end - shortest_item && run.next_start <= lead_limit) {
        // Filler keeps out of an operator's insert, and the plan's own slots
        // always win over filler the conductor put in by itself.
        bool held = false;
        for (const Hold& hold : holds) {
            if (run.is_filler && hold.from <= run.next_start && run.next_start < hold.to) {
                run.next_start = hold.to;
                held = true;
            }
        }
        if (held) {
            continue;
        }
        const Slot* slot = nullptr;
        for (const Slot& s : slots) {
            if (s.key == run.slot_key) {
                slot = &s;
            }
        }
        std::optional<fs::path> file;
        if (run.is_filler) {
            if (!filler) {
                run.next_start = run.end;
                return;
            }
            file = filler->next();
        } else if (slot != nullptr) {
            const fs::path folder = scheduler::media_path(*station, slot->airing.source);
            auto found = folders.find(folder.string());
            if (found == folders.end()) {
                found =
                    folders.emplace(folder.string(), FillerPlaylist(folder, settings.shuffle_seed))
                        .first;
            }
            file = found->second.next();
        }
        if (!file) {
            run.next_start = run.end;  // an empty folder: silence (the plan flagged it)
            return;
        }
        const scheduler::MediaInfo info = catalog.file(*file);
        if (info.status != scheduler::MediaInfo::Status::ok || info.duration < shortest_item) {
            if (++attempts > 20) {
                run.next_start = run.end;
                return;
            }
            continue;  // the next file; the plan's check reported this one
        }
        OnAir item;
        item.id = new_id(run.is_filler ? "filler" : run_key);
        item.run_key = run_key;
        item.start = run.next_start;
        if (run.is_filler) {
            item.kind = OnAir::Kind::filler;
            item.record.programme = "filler";
            item.record.title = station->filler && !station->filler->title.empty()
                                    ? station->filler->title + ": " + file->stem().string()
                                    : file->stem().string();
            item.record.role = std::string(scheduler::to_string(Role::fill));
            item.record.episode = date::format("%F", zone->local_date(item.start));
            item.record.source = file->lexically_relative(station->media_root).string();
            item.record.actual_start = item.start;
        } else {
            item.kind = OnAir::Kind::folder_file;
            item.slot_key = run.slot_key;
            folder_rows[run.slot_key].open_items += 1;
            if (slot != nullptr) {
                item.record.planned = slot->airing;
            }
            item.record.actual_start = item.start;
        }
        const TimePoint natural_end = item.start + info.duration;
        item.limit = run.end;
        item.limit_reason = run.end_reason;
        playout::PlayoutItem play;
        play.id = item.id;
        play.file = *file;
        play.start = item.start;
        play.fade_out = settings.fade;
        if (natural_end > run.end) {
            play.max_length =
                std::chrono::duration_cast<std::chrono::milliseconds>(run.end - item.start);
            play.cut_reason = run.end_reason;
        }
        run.next_start = natural_end;
        ++run.files;
        on_air.emplace(item.id, std::move(item));
        air.schedule(play);
    }
}

void Conductor::Impl::fill_gap(TimePoint from, TimePoint to, const std::string& reason) {
    if (!filler || to - from < shortest_item) {
        return;
    }
    FolderRun run;
    run.next_start = from;
    run.end = to;
    run.end_reason = reason;
    runs["fill:" + std::to_string(from.time_since_epoch().count())] = run;
}

void Conductor::Impl::yield_filler(TimePoint at, const std::string& reason) {
    for (auto& [id, item] : on_air) {
        if (item.kind == OnAir::Kind::filler && item.limit > at) {
            item.limit = at;
            if (!item.started && item.start >= at) {
                if (air.cancel(id)) {
                    item.cut = OnAir::Cut::removed;
                }
                continue;
            }
            air.cut(id, at, reason, settings.fade);
        }
    }
    for (auto& [key, run] : runs) {
        if (run.is_filler && run.next_start < at && run.end > at) {
            run.next_start = std::max(run.next_start, at);
        }
    }
}

// ---------------------------------------------------------------- the log

void Conductor::Impl::write_row(OnAir& item) {
    if (item.row) {
        return;
    }
    if (item.kind == OnAir::Kind::folder_file) {
        // A folder programme is one row: its first file opens it.
        FolderRow& shared = folder_rows[item.slot_key];
        if (!shared.row) {
            shared.row = log.record_start(item.record);
        }
        item.row = shared.row;
        return;
    }
    item.row = log.record_start(item.record);
}

void Conductor::Impl::write_due_rows(TimePoint now) {
    for (auto& [id, item] : on_air) {
        if (!item.row && item.start - row_lead <= now) {
            write_row(item);
        }
    }
}

void Conductor::Impl::finish(OnAir& item, TimePoint end, Status status, std::string note) {
    write_row(item);
    if (item.kind == OnAir::Kind::folder_file) {
        // The row stays open until the run's last file has ended.
        FolderRow& shared = folder_rows[item.slot_key];
        shared.open_items -= 1;
        if (status != Status::aired && status != Status::joined) {
            shared.worst = status;
            shared.note = note;
        }
        const bool more = runs.contains(item.slot_key) || shared.open_items > 0;
        if (more) {
            return;
        }
        status = shared.worst.value_or(status);
        note = shared.note.empty() ? note : shared.note;
        folder_rows.erase(item.slot_key);
    }
    const std::optional<TimePoint> measured =
        item.actual_start && *item.actual_start != item.start ? item.actual_start : std::nullopt;
    try {
        log.record_end(*item.row, end, status, std::move(note), measured);
    } catch (const std::invalid_argument&) {
        // Already ended (a folder run's row, closed by an earlier file).
    }
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

// ---------------------------------------------------------------- Conductor

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

std::string Conductor::skip(TimePoint now) {
    Impl& impl = *impl_;
    for (auto& [id, item] : impl.on_air) {
        if (!item.started || item.cut != OnAir::Cut::none) {
            continue;
        }
        item.cut = OnAir::Cut::skipped;
        const TimePoint at = now + impl.settings.fade;
        impl.air.cut(id, at, "skipped by the operator", impl.settings.fade);
        if (item.kind == OnAir::Kind::programme && item.record.planned) {
            // Filler for the rest of the slot, up to where the plan goes on.
            impl.fill_gap(at, std::min(item.limit, item.record.planned->end),
                          "the skipped programme's slot ends");
        }
        if (item.kind == OnAir::Kind::filler) {
            // The next filler file comes at once.
            for (auto& [key, run] : impl.runs) {
                if (run.is_filler && run.next_start > at && run.next_start - at < 24h) {
                    for (auto& [other_id, other] : impl.on_air) {
                        if (other.kind == OnAir::Kind::filler && other.start >= run.next_start) {
                            impl.air.cancel(other_id);
                        }
                    }
                    run.next_start = at;
                }
            }
        }
        impl.hand_over_due(now);
        return "skipping " + item.record.title;
    }
    throw std::invalid_argument("nothing is on the air to skip");
}

std::string Conductor::insert(const fs::path& file, InsertPriority priority, TimePoint now) {
    Impl& impl = *impl_;
    const scheduler::MediaInfo info = impl.catalog.file(file);
    if (info.status != scheduler::MediaInfo::Status::ok) {
        throw std::invalid_argument("cannot play " + file.string() + ": " +
                                    (info.detail.empty() ? "not a playable file" : info.detail));
    }
    TimePoint start = now + impl.settings.join_delay;
    if (priority == InsertPriority::priority) {
        // After the programme on the air ends (filler gives way at once).
        for (const auto& [id, item] : impl.on_air) {
            if (item.kind == OnAir::Kind::programme && item.started) {
                // The programme's natural end is not known here; use the slot's.
                if (item.record.planned) {
                    start = std::max(start, std::min(item.limit, item.record.planned->end));
                }
            }
        }
    } else if (priority == InsertPriority::normal) {
        // The next free part of a window: the next filler long enough.
        std::optional<TimePoint> found;
        for (const Slot& slot : impl.slots) {
            if (is_filler(slot.airing) &&
                slot.airing.end - std::max(slot.airing.start, start) >= info.duration) {
                found = std::max(slot.airing.start, start);
                break;
            }
        }
        if (!found) {
            throw std::invalid_argument(
                "no free part of a window in the coming days is long enough for " + file.string());
        }
        start = *found;
    }
    const TimePoint end = start + info.duration;
    Hold hold{start, end, priority,
              impl.new_id(priority == InsertPriority::emergency ? "emergency" : "insert")};
    impl.holds.push_back(hold);
    const std::string why = priority == InsertPriority::emergency ? "preempted by emergency"
                                                                  : "yields to an operator insert";
    impl.yield_filler(start, why);
    if (priority != InsertPriority::normal) {
        // Programmes on the air or handed over that the insert covers.
        for (auto& [id, item] : impl.on_air) {
            if (item.kind == OnAir::Kind::filler || item.kind == OnAir::Kind::insert) {
                continue;
            }
            if (item.start >= start && !item.started && impl.air.cancel(id)) {
                item.cut = OnAir::Cut::removed;
                continue;
            }
            if (item.start < end && item.limit > start) {
                item.cut = OnAir::Cut::preempted;
                impl.air.cut(id, start, why, std::min(impl.settings.fade, start - now));
            }
        }
        std::erase_if(impl.on_air, [](const auto& entry) {
            return entry.second.cut == OnAir::Cut::removed && !entry.second.started;
        });
        // Slots taken back are handed over again after the insert (joined).
        for (Slot& slot : impl.slots) {
            if (slot.stage == Slot::Stage::handed && slot.airing.end > start &&
                slot.airing.start < end && !is_filler(slot.airing)) {
                bool still_on_air = false;
                for (const auto& [id, item] : impl.on_air) {
                    still_on_air |= item.slot_key == slot.key && item.start < start;
                }
                if (!still_on_air || slot.airing.end > end) {
                    slot.stage = Slot::Stage::waiting;
                }
            }
        }
    }
    OnAir item;
    item.id = hold.id;
    item.kind = OnAir::Kind::insert;
    item.start = start;
    item.limit = end;
    item.record.actual_start = start;
    // The role says manual or emergency; the programme column groups every
    // operator insert together in the reports.
    item.record.programme = "insert";
    item.record.title = file.stem().string();
    item.record.role = priority == InsertPriority::emergency ? "emergency" : "manual";
    item.record.episode = date::format("%F", impl.zone->local_date(start));
    item.record.source = file.string();
    playout::PlayoutItem play;
    play.id = item.id;
    play.file = file;
    play.start = start;
    play.fade_out = impl.settings.fade;
    impl.on_air.emplace(item.id, std::move(item));
    impl.air.schedule(play);
    const char* kind = priority == InsertPriority::emergency  ? "emergency"
                       : priority == InsertPriority::priority ? "priority"
                                                              : "normal";
    return std::string(kind) + " insert of " + file.filename().string() + " at " +
           impl.zone->format_iso(start) + " (" + duration_text(info.duration) + ")";
}

void Conductor::clock_jumped(TimePoint now) {
    Impl& impl = *impl_;
    for (auto it = impl.on_air.begin(); it != impl.on_air.end();) {
        OnAir& item = it->second;
        if (item.started || item.kind == OnAir::Kind::insert || !impl.air.cancel(item.id)) {
            ++it;
            continue;
        }
        for (Slot& slot : impl.slots) {
            if (item.kind == OnAir::Kind::programme && slot.key == item.slot_key) {
                slot.stage = Slot::Stage::waiting;
            }
        }
        if (const auto run = impl.runs.find(item.run_key); run != impl.runs.end()) {
            run->second.next_start = std::min(run->second.next_start, item.start);
        } else if (item.kind == OnAir::Kind::filler) {
            impl.fill_gap(item.start, item.limit, item.limit_reason);
        }
        if (item.kind == OnAir::Kind::folder_file) {
            impl.folder_rows[item.slot_key].open_items -= 1;
        }
        it = impl.on_air.erase(it);
    }
    impl.hand_over_due(now);
}

TimePoint Conductor::stop(TimePoint now) {
    Impl& impl = *impl_;
    impl.stopping = true;
    const TimePoint silent = now + impl.settings.fade;
    for (auto it = impl.on_air.begin(); it != impl.on_air.end();) {
        OnAir& item = it->second;
        if (item.start >= silent && impl.air.cancel(item.id)) {
            it = impl.on_air.erase(it);
            continue;
        }
        item.cut = OnAir::Cut::stopped;
        impl.air.cut(item.id, silent, "stopped by operator/system", impl.settings.fade);
        ++it;
    }
    impl.runs.clear();
    return silent;
}

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
    if (reason_kind == playout::EndReason::cut && !item.started) {
        // Taken off before its first sample: it never aired. Its row, if
        // already written (it is, just before the start), says so.
        if (item.row) {
            impl.finish(item, item.start, Status::skipped, reason);
        }
        return;
    }
    Status status = item.joined ? Status::joined : Status::aired;
    std::string note = item.join_note;
    auto add_note = [&note](const std::string& more) { note += (note.empty() ? "" : "; ") + more; };
    const TimePoint began = item.actual_start.value_or(item.start);
    if (item.relay) {
        for (const auto& [at, detail] : item.drops) {
            add_note("relay dropped after " + duration_text(at - began) +
                     (detail.empty() ? "" : " (" + detail + ")"));
        }
        if (item.fallback_played) {
            add_note("fallback file played");
        }
        for (const TimePoint at : item.rejoins) {
            add_note("relay back after " + duration_text(at - began));
        }
        if (!item.drops.empty() && status == Status::aired) {
            status = Status::partial;
        }
    }
    switch (reason_kind) {
        case playout::EndReason::complete:
            break;
        case playout::EndReason::cut_at_max_length:
            if (!item.relay) {
                status = Status::partial;
                add_note(reason);
            }
            break;
        case playout::EndReason::cut:
            switch (item.cut) {
                case OnAir::Cut::skipped:
                    status = Status::skipped;
                    add_note("skipped by the operator after " + duration_text(actual_end - began));
                    break;
                case OnAir::Cut::stopped:
                    status = Status::partial;
                    add_note("stopped by operator/system");
                    break;
                default:
                    status = Status::partial;
                    add_note(reason);
                    break;
            }
            break;
        case playout::EndReason::failed:
            status = Status::failed;
            add_note(reason);
            break;
    }
    if (reason_kind == playout::EndReason::failed && !item.started) {
        // Never on air: the row says so, from its intended start, 0 s long.
        impl.finish(item, item.start, status, note);
    } else {
        impl.finish(item, actual_end, status, note);
    }
    if (reason_kind == playout::EndReason::failed && item.kind == OnAir::Kind::programme &&
        !impl.stopping) {
        // Never dead air inside a window: filler takes the rest of the slot.
        const TimePoint from = std::max(actual_end, item.start);
        const TimePoint to = item.record.planned ? item.record.planned->end : item.limit;
        impl.fill_gap(
            from, std::min(to, item.limit),
            item.limit_reason.empty() ? "the failed item's slot ends" : item.limit_reason);
    }
}

void Conductor::output_error(const std::string& output, const std::string& message) {
    warn("output:" + output, "output " + output + " failed: " + message,
         std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now()));
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
        if (!window.days[weekday.c_encoding()]) {
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

void Conductor::silence_alarm(TimePoint since) {
    // Dead air only counts inside a window.
    if (in_window(since)) {
        warn("silence", "dead air since " + impl_->zone->format_iso(since), since);
    }
}

void Conductor::silence_ended(TimePoint) {
    clear_warning("silence");
}

std::vector<Airing> Conductor::airings() const {
    std::vector<Airing> copy;
    for (const Slot& slot : impl_->slots) {
        copy.push_back(slot.airing);
    }
    return copy;
}

}  // namespace onair::daemon
