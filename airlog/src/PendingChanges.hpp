#pragma once
// What the database has not taken yet, while it cannot be written (disk full,
// locked, read-only): at most one change per row, in the order the rows were
// first touched. Plain data; AsAiredLog writes it out in one transaction.

#include <cstdint>
#include <optional>
#include <vector>

#include "onair/airlog/AsAiredLog.hpp"

namespace onair::airlog {

class PendingChanges {
  public:
    struct Change {
        enum class Kind {
            insert,  // the whole row is new (possibly already ended)
            end,     // the row is in the table; set its end, status and note
            alive,   // the row is in the table; only its last heartbeat changed
        };
        Kind kind = Kind::insert;
        /// insert: the row; end: id, actual_end, status and note; alive: id.
        Row row;
        std::optional<TimePoint> last_alive;
    };

    void insert(Row row);
    /// Folds into a pending insert or heartbeat of the same row when there is one.
    void end(std::int64_t id, TimePoint actual_end, Status status, const std::string& note,
             std::optional<TimePoint> actual_start);
    /// Folds into any pending change of the same row.
    void alive(std::int64_t id, TimePoint now);

    bool empty() const noexcept { return changes_.empty(); }
    std::size_t size() const noexcept { return changes_.size(); }
    /// True when nothing but heartbeats waits: those may be written without fsync.
    bool only_heartbeats() const noexcept;
    const std::vector<Change>& changes() const noexcept { return changes_; }
    void clear() noexcept { changes_.clear(); }

    /// `rows` came from the table for [from, to): applies pending ends, adds
    /// pending new rows that start in [from, to), and sorts the result by time
    /// (actual start, else planned start), then id.
    void merge_into(std::vector<Row>& rows, TimePoint from, TimePoint to) const;

  private:
    Change* find(std::int64_t id) noexcept;
    std::vector<Change> changes_;
};

/// The time a row is ordered by: when it went on air, or should have (missed).
TimePoint row_time(const Row& row) noexcept;

}  // namespace onair::airlog
