#include "PendingChanges.hpp"

#include <algorithm>
#include <unordered_map>

namespace onair::airlog {

TimePoint row_time(const Row& row) noexcept {
    return row.actual_start.value_or(row.planned_start.value_or(TimePoint{}));
}

PendingChanges::Change* PendingChanges::find(std::int64_t id) noexcept {
    // From the back: the row being changed is nearly always one of the last.
    for (auto change = changes_.rbegin(); change != changes_.rend(); ++change) {
        if (change->row.id == id) {
            return &*change;
        }
    }
    return nullptr;
}

void PendingChanges::insert(Row row) {
    changes_.push_back(Change{Change::Kind::insert, std::move(row), std::nullopt});
}

void PendingChanges::end(std::int64_t id, TimePoint actual_end, Status status,
                         const std::string& note, std::optional<TimePoint> actual_start) {
    Change* change = find(id);
    if (change == nullptr) {
        changes_.push_back(Change{Change::Kind::end, Row{}, std::nullopt});
        change = &changes_.back();
        change->row.id = id;
    } else if (change->kind == Change::Kind::alive) {
        // The heartbeat no longer matters once the row has a real end, but keep
        // the row's place in the order.
        change->kind = Change::Kind::end;
    }
    change->row.actual_end = actual_end;
    if (actual_start) {
        change->row.actual_start = actual_start;
    }
    change->row.status = status;
    change->row.note = note;
}

void PendingChanges::alive(std::int64_t id, TimePoint now) {
    Change* change = find(id);
    if (change == nullptr) {
        changes_.push_back(Change{Change::Kind::alive, Row{}, now});
        changes_.back().row.id = id;
        return;
    }
    change->last_alive = now;
}

bool PendingChanges::only_heartbeats() const noexcept {
    return std::all_of(changes_.begin(), changes_.end(),
                       [](const Change& change) { return change.kind == Change::Kind::alive; });
}

void PendingChanges::merge_into(std::vector<Row>& rows, TimePoint from, TimePoint to) const {
    std::unordered_map<std::int64_t, const Change*> ends;
    for (const Change& change : changes_) {
        if (change.kind == Change::Kind::end) {
            ends.emplace(change.row.id, &change);
        } else if (change.kind == Change::Kind::insert) {
            const TimePoint time = row_time(change.row);
            if (from <= time && time < to) {
                rows.push_back(change.row);
            }
        }
    }
    if (!ends.empty()) {
        for (Row& row : rows) {
            const auto found = ends.find(row.id);
            if (found != ends.end()) {
                row.actual_end = found->second->row.actual_end;
                if (found->second->row.actual_start) {
                    row.actual_start = found->second->row.actual_start;
                }
                row.status = found->second->row.status;
                row.note = found->second->row.note;
            }
        }
    }
    std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
        const TimePoint ta = row_time(a);
        const TimePoint tb = row_time(b);
        return ta != tb ? ta < tb : a.id < b.id;
    });
}

}  // namespace onair::airlog
