// Hand-over: each airing to the air ahead of its start (joined part-way when
// late), and its row written before its first sample.

#include "onair/conductor/Conductor.hpp"

#include <algorithm>
#include <stdexcept>

#include "onair/scheduler/Planner.hpp"

#include "ConductorState.hpp"

namespace onair::conductor {

using airlog::Status;
using scheduler::Airing;

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

}  // namespace onair::conductor
