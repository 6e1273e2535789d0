// Operator commands: skip, insert (normal, priority, emergency), stop, and a
// clock jump.

#include "onair/conductor/Conductor.hpp"

#include <algorithm>
#include <stdexcept>

#include "onair/conductor/DurationText.hpp"

#include "ConductorState.hpp"

namespace onair::conductor {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using airlog::Status;

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
    impl.silent = silent;
    // No run goes on: a folder programme's row closes with its last file
    // still on the air, or below if none is.
    impl.runs.clear();
    for (auto it = impl.on_air.begin(); it != impl.on_air.end();) {
        OnAir& item = it->second;
        item.cut = OnAir::Cut::stopped;
        if (item.start >= silent && impl.air.cancel(item.id)) {
            // Taken back before its first sample. Its row is already written
            // when it was due within row_lead (a short fade, a stop at its
            // start): closed as an item cut before it was heard. A folder
            // file's row is its programme's, closed with the programme.
            OnAir taken = std::move(item);
            it = impl.on_air.erase(it);
            if (taken.kind == OnAir::Kind::folder_file) {
                impl.folder_rows[taken.slot_key].open_items -= 1;
            } else {
                impl.end_item(taken, taken.start, playout::EndReason::cut, stopped_note);
            }
            continue;
        }
        impl.air.cut(item.id, silent, stopped_note, impl.settings.fade);
        ++it;
    }
    impl.close_folder_rows(now, false);
    return silent;
}

void Conductor::air_stopped(TimePoint now) {
    Impl& impl = *impl_;
    const TimePoint silent = impl.silent.value_or(now);
    // Whatever the air did not report ended before it went: ended here, as
    // the air would have reported it, cut by the stop.
    while (!impl.on_air.empty()) {
        OnAir item = std::move(impl.on_air.begin()->second);
        impl.on_air.erase(impl.on_air.begin());
        const TimePoint began = item.actual_start.value_or(item.start);
        const TimePoint end = std::max(began, std::min({now, silent, item.limit}));
        impl.end_item(item, end, playout::EndReason::cut, stopped_note);
    }
    impl.close_folder_rows(std::min(now, silent), true);
}

}  // namespace onair::conductor
