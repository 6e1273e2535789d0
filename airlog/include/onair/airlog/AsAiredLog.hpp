#pragma once
// The as-aired log: one SQLite row per item that went on air, written before the
// item starts (status on-air) and completed when it ends, so a crash never loses
// it. No GStreamer here.
//
// Threads: an AsAiredLog is used from one thread (the daemon's event loop). Other
// processes (sqlite3, `onair report`) may read the database while it writes (WAL).
// One AsAiredLog writes a database at a time: it numbers the rows itself.
//
// Failures: record_*() never throw for database trouble (disk full, locked,
// read-only): the row is kept in memory, the failure is logged once, and the
// rows are written, in order, on a later call or retry_pending() once the
// database is writable again. Only the constructor throws (LogError) when the
// database cannot be opened or migrated at all.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "onair/scheduler/Airing.hpp"

namespace onair::airlog {

using scheduler::TimePoint;

/// The spec's statuses; `on_air` only while an item plays.
enum class Status { on_air, aired, partial, joined, failed, missed, skipped, interrupted };

/// `on-air`, `aired`, `partial`, `joined`, `failed`, `missed`, `skipped`, `interrupted`.
std::string_view to_string(Status status) noexcept;
std::optional<Status> status_from_string(std::string_view text) noexcept;

/// Identifies one planned airing so its as-aired row can be matched with the plan:
/// `PROGRAMME@START` with START the planned start in milliseconds since 1970 UTC.
std::string plan_key(const scheduler::Airing& planned);

/// One row of the log: the spec's columns, plus what matching needs.
struct Row {
    std::int64_t id = 0;
    /// plan_key() of the planned airing; empty for unplanned items (inserts).
    std::string plan_key;
    std::optional<TimePoint> planned_start;
    std::optional<TimePoint> planned_end;
    std::optional<TimePoint> actual_start;
    std::optional<TimePoint> actual_end;
    std::string programme;
    std::string title;
    std::string category;
    /// The plan's role (premiere, rerun, relay, fill, once, daily), or manual / emergency.
    std::string role;
    std::string episode;
    std::string source;
    Status status = Status::on_air;
    /// Why, in words, for any status but aired.
    std::string note;

    /// Seconds actually on air (0 without both actual times).
    double duration_s() const noexcept;

    friend bool operator==(const Row&, const Row&) = default;
};

/// What is known when an item goes on air.
struct StartRecord {
    /// The planned airing; none for items an operator inserted.
    std::optional<scheduler::Airing> planned;
    TimePoint actual_start;
    /// For unplanned items (ignored when `planned` is set, which supplies them).
    std::string programme, title, category, role, episode, source;
};

struct Health {
    bool writable = true;
    /// Rows (or row updates) waiting in memory for the database.
    std::size_t pending = 0;
    /// The last database error, in words; empty when none.
    std::string last_error;
};

class LogError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct LogSettings {
    /// How long a write waits for another connection's write lock before it
    /// counts as a failure (the rows then wait in memory). record_*() may block
    /// this long while someone else holds the lock; readers never hold it.
    std::chrono::milliseconds busy_timeout{5000};
    /// IANA zone for the times written into notes (`last seen 17:21:04`);
    /// empty: this machine's zone. The daemon passes the station's.
    std::string time_zone;
    /// Rows survive a power cut (synchronous=FULL for rows, NORMAL for
    /// heartbeats). False (`onair simulate`, whose log can be made again) never
    /// waits for the disk (synchronous=OFF): a month of rows in milliseconds,
    /// still safe against a crash of the process, not of the machine.
    bool durable = true;
};

class AsAiredLog {
  public:
    /// Opens (creating or migrating) the database. Any row still on-air from a
    /// previous process is closed as interrupted, its end the last time it was
    /// known to be on air: max(actual_start, last heartbeat), even when that is
    /// past the planned end (the heartbeat is evidence of airtime; the planned
    /// end is only intent). Throws LogError (not an onair log, written by a newer
    /// onair, cannot be opened for writing or migrated).
    explicit AsAiredLog(const std::filesystem::path& database, LogSettings settings = {});
    ~AsAiredLog();
    AsAiredLog(const AsAiredLog&) = delete;
    AsAiredLog& operator=(const AsAiredLog&) = delete;

    /// Inserts the on-air row, durably (synchronous=FULL, unless
    /// LogSettings::durable is false), before the item starts.
    /// Returns the row's id (valid even when the row is still pending in memory).
    std::int64_t record_start(const StartRecord& start);

    /// Completes a row: its end as measured on the output, final status, note.
    /// Throws std::invalid_argument for a caller's mistake (an id this log did
    /// not start or already ended, or Status::on_air), never for the database.
    /// `actual_start`, when given, replaces the start written by record_start()
    /// (which is written before the item airs, so it holds the intended start):
    /// the start measured on the output, e.g. for a join or a late start.
    void record_end(std::int64_t id, TimePoint actual_end, Status status, std::string note = {},
                    std::optional<TimePoint> actual_start = std::nullopt);

    /// A planned airing that never went on air (the daemon was not running).
    std::int64_t record_missed(const scheduler::Airing& planned, std::string note);

    /// "Still on air at `now`": the end an interrupted row gets after a crash.
    /// Cheap (no fsync; losing the last one to a power cut only makes that end
    /// earlier); the daemon calls it every few seconds. While the database is
    /// not writable it only updates memory: it does not retry, so it never waits.
    void heartbeat(TimePoint now);

    /// Tries again to write what is pending. Returns true when nothing is left.
    bool retry_pending();

    Health health() const;

    /// Rows that start (actual start, or planned start for missed ones) in
    /// [from, to), in order of that time, then id; pending rows included.
    /// Throws LogError when the database cannot be read.
    std::vector<Row> rows_between(TimePoint from, TimePoint to) const;

  private:
    class Impl;
    std::unique_ptr<Impl> impl_;
};

/// Reads a log database without writing it (for reports, while the daemon
/// writes): calls `visit` for each row starting in [from, to), in time order.
/// Throws LogError when the file is not an onair log.
void for_each_row(const std::filesystem::path& database, TimePoint from, TimePoint to,
                  const std::function<void(const Row&)>& visit);

}  // namespace onair::airlog
