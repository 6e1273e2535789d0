#include "onair/airlog/AsAiredLog.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include <SQLiteCpp/SQLiteCpp.h>
#include <date/date.h>
#include <date/tz.h>
#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include "ChangeStatements.hpp"
#include "DatabaseError.hpp"
#include "OpenForWriting.hpp"
#include "PendingChanges.hpp"
#include "RowReading.hpp"
#include "Schema.hpp"
#include "onair/logging/SubsystemLogger.hpp"
#include "onair/scheduler/StationTimeZone.hpp"

namespace onair::airlog {
namespace {

scheduler::StationTimeZone note_zone(const std::string& name) {
    if (!name.empty()) {
        try {
            return scheduler::StationTimeZone(name);
        } catch (const std::runtime_error& error) {
            throw LogError(std::string("as-aired log: ") + error.what());
        }
    }
    try {
        return scheduler::StationTimeZone(date::current_zone()->name());
    } catch (const std::runtime_error&) {
        // A container without /etc/localtime: UTC is still a truthful clock.
        return scheduler::StationTimeZone("UTC");
    }
}

std::string clock_time(const scheduler::StationTimeZone& zone, TimePoint time) {
    return date::format("%T", date::floor<std::chrono::seconds>(zone.to_local(time)));
}

std::string date_time(const scheduler::StationTimeZone& zone, TimePoint time) {
    return date::format("%F %T", date::floor<std::chrono::seconds>(zone.to_local(time)));
}

}  // namespace

class AsAiredLog::Impl {
  public:
    Impl(const std::filesystem::path& path, LogSettings settings);
    ~Impl();
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;

    std::int64_t start(const StartRecord& start);
    void end(std::int64_t id, TimePoint actual_end, Status status, std::string note,
             std::optional<TimePoint> actual_start);
    std::int64_t missed(const scheduler::Airing& planned, std::string note);
    void heartbeat(TimePoint now);
    bool write_pending();
    Health health() const { return Health{writable_, pending_.size(), last_error_}; }
    std::vector<Row> rows_between(TimePoint from, TimePoint to);

  private:
    enum class Sync { normal, full };

    void close_leftovers();
    void use_synchronous(Sync sync);
    void apply(const PendingChanges::Change& change);
    std::string describe(const PendingChanges::Change& change) const;

    std::string name_;
    std::shared_ptr<spdlog::logger> logger_;
    scheduler::StationTimeZone zone_;
    SQLite::Database db_;
    bool durable_;
    Sync sync_ = Sync::full;
    ChangeStatements statements_;
    std::int64_t next_id_ = 1;
    /// Rows this process put on air and has not ended: the ones a heartbeat keeps alive.
    std::vector<std::int64_t> on_air_;
    PendingChanges pending_;
    bool writable_ = true;
    std::string last_error_;
};

AsAiredLog::Impl::Impl(const std::filesystem::path& path, LogSettings settings)
    : name_(path.string()),
      // The daemon configures its loggers (sinks, level) before opening the log;
      // when it has not, ours writes where the default logger does.
      logger_(logging::subsystem_logger("airlog")),
      zone_(note_zone(settings.time_zone)),
      db_(open_for_writing(path, name_, settings)),
      durable_(settings.durable),
      statements_(db_, name_) {
    try {
        close_leftovers();
        // Ours to give (see Schema.cpp): a row waiting in memory keeps its id.
        next_id_ = db_.execAndGet("SELECT coalesce(max(id), 0) + 1 FROM as_aired").getInt64();
    } catch (const SQLite::Exception& error) {
        throw database_error(name_, "cannot close the rows left on air", error);
    }
}

AsAiredLog::Impl::~Impl() {
    if (pending_.empty() || write_pending()) {
        return;
    }
    // Nothing else will ever write them: leave them where a person can find them.
    logger_->error("as-aired log {} still cannot be written ({}); {} pending change(s) are lost:",
                   name_, last_error_, pending_.size());
    for (const auto& change : pending_.changes()) {
        logger_->error("  {}", describe(change));
    }
}

void AsAiredLog::Impl::close_leftovers() {
    // The previous process died (or stopped) with these on air. Its last
    // heartbeat is the last moment it is known to have played them; the planned
    // end is not used: an item can run past it (a relay, a late start), and the
    // heartbeat is evidence where the plan is only intent.
    struct Closing {
        std::int64_t id;
        std::optional<TimePoint> end;
        std::string note;
    };
    std::vector<Closing> closing;
    SQLite::Transaction transaction(db_, SQLite::TransactionBehavior::IMMEDIATE);
    {
        // Read them all before changing any: updating rows out of the on-air
        // index while stepping through it could skip some.
        SQLite::Statement leftovers(
            db_, "SELECT id, actual_start, last_alive, note FROM as_aired WHERE status = 'on-air'");
        while (leftovers.executeStep()) {
            std::optional<TimePoint> started;
            std::optional<TimePoint> alive;
            if (!leftovers.getColumn(1).isNull()) {
                started = schema::from_column(leftovers.getColumn(1).getInt64());
            }
            if (!leftovers.getColumn(2).isNull()) {
                alive = schema::from_column(leftovers.getColumn(2).getInt64());
            }
            Closing row{leftovers.getColumn(0).getInt64(), started, {}};
            std::string reason = "the process stopped while it was on air";
            if (alive && (!started || *alive > *started)) {
                row.end = alive;
                reason += " (last seen " + clock_time(zone_, *alive) + ")";
            } else if (started) {
                reason += " (no heartbeat after its start at " + clock_time(zone_, *started) + ")";
            }
            row.note = leftovers.getColumn(3).getString();
            row.note = row.note.empty() ? reason : row.note + "; " + reason;
            closing.push_back(std::move(row));
        }
    }
    SQLite::Statement close(
        db_,
        "UPDATE as_aired SET status = 'interrupted', actual_end = ?2, note = ?3 WHERE id = ?1");
    for (const Closing& row : closing) {
        close.tryReset();
        close.bind(1, row.id);
        schema::bind_time(close, 2, row.end);
        close.bind(3, row.note);
        close.exec();
    }
    transaction.commit();
    for (const Closing& row : closing) {
        logger_->warn("as-aired log {}: row {} closed as interrupted: {}", name_, row.id, row.note);
    }
}

void AsAiredLog::Impl::use_synchronous(Sync sync) {
    if (durable_ && sync != sync_) {
        db_.exec(sync == Sync::full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
        sync_ = sync;
    }
}

namespace {

/// A row with what the plan says of an airing (its identity and columns).
Row planned_row(const scheduler::Airing& planned) {
    Row row;
    row.plan_key = plan_key(planned);
    row.planned_start = planned.start;
    row.planned_end = planned.end;
    row.programme = planned.programme;
    row.title = planned.title;
    row.category = planned.category;
    row.role = std::string(scheduler::to_string(planned.role));
    row.episode = planned.episode;
    row.source = planned.source;
    return row;
}

}  // namespace

std::int64_t AsAiredLog::Impl::start(const StartRecord& start) {
    Row row;
    if (start.planned) {
        row = planned_row(*start.planned);
    } else {
        row.programme = start.programme;
        row.title = start.title;
        row.category = start.category;
        row.role = start.role;
        row.episode = start.episode;
        row.source = start.source;
    }
    row.id = next_id_++;
    row.actual_start = start.actual_start;
    row.status = Status::on_air;
    const std::int64_t id = row.id;
    on_air_.push_back(id);
    pending_.insert(std::move(row));
    write_pending();
    return id;
}

void AsAiredLog::Impl::end(std::int64_t id, TimePoint actual_end, Status status, std::string note,
                           std::optional<TimePoint> actual_start) {
    if (status == Status::on_air) {
        throw std::invalid_argument("as-aired log: record_end needs a final status, not on-air");
    }
    const auto open = std::find(on_air_.begin(), on_air_.end(), id);
    if (open == on_air_.end()) {
        throw std::invalid_argument("as-aired log: record_end for row " + std::to_string(id) +
                                    ", which this log did not put on air or already ended");
    }
    on_air_.erase(open);
    pending_.end(id, actual_end, status, note, actual_start);
    write_pending();
}

std::int64_t AsAiredLog::Impl::missed(const scheduler::Airing& planned, std::string note) {
    Row row = planned_row(planned);
    row.id = next_id_++;
    row.status = Status::missed;
    row.note = std::move(note);
    const std::int64_t id = row.id;
    pending_.insert(std::move(row));
    write_pending();
    return id;
}

void AsAiredLog::Impl::heartbeat(TimePoint now) {
    for (const std::int64_t id : on_air_) {
        pending_.alive(id, now);
    }
    // While the database refuses writes, a heartbeat only updates memory: trying
    // every few seconds would wait out the busy timeout each time on the event
    // loop. The next record_*() or retry_pending() writes it.
    if (writable_) {
        write_pending();
    }
}

bool AsAiredLog::Impl::write_pending() {
    if (pending_.empty()) {
        return true;
    }
    const std::size_t count = pending_.size();
    try {
        if (sqlite3_get_autocommit(db_.getHandle()) == 0) {
            // A failed COMMIT whose ROLLBACK also failed: start from a clean state.
            db_.tryExec("ROLLBACK");
        }
        // FULL (fsync of the WAL at commit) for anything that records what went
        // on air; heartbeats alone go without: losing the last one to a power
        // cut only makes an interrupted row's end earlier. (A process crash loses
        // neither: the WAL is in the OS's cache by then.)
        use_synchronous(pending_.only_heartbeats() ? Sync::normal : Sync::full);
        // IMMEDIATE: wait (busy timeout) for the write lock up front, rather than
        // fail halfway when a read transaction cannot be upgraded.
        SQLite::Transaction transaction(db_, SQLite::TransactionBehavior::IMMEDIATE);
        for (const auto& change : pending_.changes()) {
            apply(change);
        }
        transaction.commit();
    } catch (const SQLite::Exception& error) {
        // All or nothing: the transaction rolled back, everything stays pending
        // in order, and the caller keeps playing.
        last_error_ = error.what();
        if (writable_) {
            writable_ = false;
            logger_->error(
                "as-aired log {} cannot be written ({}); keeping {} change(s) in memory and "
                "writing them when it can",
                name_, last_error_, count);
        }
        return false;
    }
    pending_.clear();
    if (!writable_) {
        writable_ = true;
        last_error_.clear();
        logger_->info("as-aired log writable again; {} pending {} written", count,
                      count == 1 ? "row" : "rows");
    }
    return true;
}

void AsAiredLog::Impl::apply(const PendingChanges::Change& change) {
    const Row& row = change.row;
    const int changed = statements_.write(change);
    if (changed == 0) {
        // Someone deleted the row by hand while it was on air. Retrying would
        // not bring it back, and must not hold up the rows after it.
        logger_->warn(
            "as-aired log {}: row {} is no longer in the table; {} not written", name_, row.id,
            change.kind == PendingChanges::Change::Kind::end ? "its end" : "its heartbeat");
    }
}

std::string AsAiredLog::Impl::describe(const PendingChanges::Change& change) const {
    const Row& row = change.row;
    std::string text = "row " + std::to_string(row.id);
    switch (change.kind) {
        case PendingChanges::Change::Kind::insert:
            text += " " + row.programme + " \"" + row.title + "\" " +
                    std::string(to_string(row.status));
            if (row.actual_start) {
                text += " from " + date_time(zone_, *row.actual_start);
            } else if (row.planned_start) {
                text += " planned " + date_time(zone_, *row.planned_start);
            }
            break;
        case PendingChanges::Change::Kind::end:
            text += " " + std::string(to_string(row.status));
            break;
        case PendingChanges::Change::Kind::alive:
            text += " on air";
            break;
    }
    if (row.actual_end) {
        text += " until " + date_time(zone_, *row.actual_end);
    } else if (change.last_alive) {
        text += ", last seen " + date_time(zone_, *change.last_alive);
    }
    if (!row.note.empty()) {
        text += " (" + row.note + ")";
    }
    return text;
}

std::vector<Row> AsAiredLog::Impl::rows_between(TimePoint from, TimePoint to) {
    std::vector<Row> rows;
    try {
        SQLite::Statement query(db_, std::string("SELECT ") + schema::row_columns +
                                         " FROM as_aired WHERE " + schema::row_time +
                                         " >= ?1 AND " + schema::row_time + " < ?2 ORDER BY " +
                                         schema::row_time + ", id");
        query.bind(1, schema::to_column(from));
        query.bind(2, schema::to_column(to));
        while (query.executeStep()) {
            read_row(query, rows.emplace_back());
        }
    } catch (const SQLite::Exception& error) {
        throw database_error(name_, "cannot read rows", error);
    }
    pending_.merge_into(rows, from, to);
    return rows;
}

AsAiredLog::AsAiredLog(const std::filesystem::path& database, LogSettings settings)
    : impl_(std::make_unique<Impl>(database, std::move(settings))) {}

AsAiredLog::~AsAiredLog() = default;

std::int64_t AsAiredLog::record_start(const StartRecord& start) {
    return impl_->start(start);
}

void AsAiredLog::record_end(std::int64_t id, TimePoint actual_end, Status status, std::string note,
                            std::optional<TimePoint> actual_start) {
    impl_->end(id, actual_end, status, std::move(note), actual_start);
}

std::int64_t AsAiredLog::record_missed(const scheduler::Airing& planned, std::string note) {
    return impl_->missed(planned, std::move(note));
}

void AsAiredLog::heartbeat(TimePoint now) {
    impl_->heartbeat(now);
}

bool AsAiredLog::retry_pending() {
    return impl_->write_pending();
}

Health AsAiredLog::health() const {
    return impl_->health();
}

std::vector<Row> AsAiredLog::rows_between(TimePoint from, TimePoint to) const {
    return impl_->rows_between(from, to);
}

}  // namespace onair::airlog
