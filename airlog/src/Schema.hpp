#pragma once
// The database layout of the as-aired log and how a file gets there. Internal to
// airlog; the only contract with other programs (sqlite3, people) is the table
// and view described in Schema.cpp.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "onair/airlog/AsAiredLog.hpp"

namespace onair::airlog::schema {

/// PRAGMA user_version of a log written by this code. Each version adds one
/// step to the migrations in Schema.cpp.
inline constexpr int version = 1;

/// PRAGMA application_id of an onair log ("ONAR"), so that `file` and this code
/// can tell our database from another program's.
inline constexpr std::int32_t application_id = 0x4F4E4152;

/// Throws LogError when the file is not ours to write: another program's
/// database, or a log from a newer onair. Called before changing anything (even
/// the journal mode).
void check_writable(SQLite::Database& db, const std::string& name);

/// Brings a database opened for writing to `version` in one write transaction:
/// creates the table in an empty (or foreign, application_id 0 and
/// user_version 0) database, migrates an older log. Throws LogError when the file
/// is another program's database or from a newer onair. `name` is for messages.
void migrate(SQLite::Database& db, const std::string& name);

/// Checks that a database opened for reading is an onair log this code can
/// read. Throws LogError saying why not.
void check_readable(SQLite::Database& db, const std::string& name);

/// The columns a Row is read from, in the order read_row() expects.
inline constexpr const char* row_columns =
    "id, plan_key, planned_start, planned_end, actual_start, actual_end, programme, title, "
    "category, role, episode, source, status, note";

/// The time a row is ordered and selected by: when it went on air, or, for a
/// missed row, when it should have. Written the same everywhere so that SQLite
/// uses the index on this expression.
inline constexpr const char* row_time = "coalesce(actual_start, planned_start)";

/// Times are stored as INTEGER milliseconds since 1970 UTC.
inline std::int64_t to_column(TimePoint time) noexcept {
    return time.time_since_epoch().count();
}
inline TimePoint from_column(std::int64_t milliseconds) noexcept {
    return TimePoint{std::chrono::milliseconds{milliseconds}};
}

/// Binds `time` as its column value, or NULL when there is none.
inline void bind_time(SQLite::Statement& statement, int index,
                      const std::optional<TimePoint>& time) {
    if (time) {
        statement.bind(index, to_column(*time));
    } else {
        statement.bind(index);
    }
}

}  // namespace onair::airlog::schema
