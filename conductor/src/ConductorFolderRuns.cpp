// Folder runs: filler and `folder:` programmes, one file at a time, and the
// filler the conductor puts in gaps or takes out of the way.

#include "onair/conductor/Conductor.hpp"

#include <algorithm>

#include "onair/scheduler/Planner.hpp"

#include "ConductorState.hpp"

namespace onair::conductor {

namespace fs = std::filesystem;
using airlog::Status;
using scheduler::Role;

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

void Conductor::Impl::close_folder_rows(TimePoint end, bool all) {
    for (auto it = folder_rows.begin(); it != folder_rows.end();) {
        const FolderRow& shared = it->second;
        if (!all && shared.open_items > 0) {
            ++it;  // closes with its last file
            continue;
        }
        if (shared.row) {
            log.record_end(*shared.row, end, shared.worst.value_or(Status::partial),
                           shared.note.empty() ? stopped_note : shared.note);
        }
        it = folder_rows.erase(it);
    }
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

}  // namespace onair::conductor
