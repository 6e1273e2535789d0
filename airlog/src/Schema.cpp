#include "Schema.hpp"

#include <array>
#include <cstdio>

#include <SQLiteCpp/Transaction.h>

#include "onair/airlog/AsAiredLog.hpp"

namespace onair::airlog::schema {
namespace {

// Version 1. Times are INTEGER milliseconds since 1970 UTC: exact, cheap to
// compare and index, and independent of the machine's zone (the view below is
// for people). Ids are assigned by AsAiredLog (no AUTOINCREMENT), so a row
// waiting in memory already has the id it will have in the table. `last_alive`
// is the last heartbeat while the row was on air: the end it gets if the process
// dies. The CHECK keeps hand edits within the spec's words.
constexpr const char* version_1 = R"sql(
CREATE TABLE as_aired (
    id            INTEGER PRIMARY KEY,
    plan_key      TEXT NOT NULL DEFAULT '',
    planned_start INTEGER,
    planned_end   INTEGER,
    actual_start  INTEGER,
    actual_end    INTEGER,
    programme     TEXT NOT NULL DEFAULT '',
    title         TEXT NOT NULL DEFAULT '',
    category      TEXT NOT NULL DEFAULT '',
    role          TEXT NOT NULL DEFAULT '',
    episode       TEXT NOT NULL DEFAULT '',
    source        TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL CHECK (status IN ('on-air', 'aired', 'partial', 'joined',
                                                  'failed', 'missed', 'skipped', 'interrupted')),
    note          TEXT NOT NULL DEFAULT '',
    last_alive    INTEGER
);
-- Period queries (reports, rows_between) read a range of this, in order.
CREATE INDEX as_aired_by_time ON as_aired (coalesce(actual_start, planned_start));
-- Only the few rows on air: opening a log of millions of rows finds leftovers at once.
CREATE INDEX as_aired_on_air ON as_aired (id) WHERE status = 'on-air';
-- For people with sqlite3: readable times in the local zone of whoever runs sqlite3.
CREATE VIEW as_aired_local AS
SELECT id,
       strftime('%Y-%m-%d %H:%M:%f', planned_start / 1000.0, 'unixepoch', 'localtime') AS planned_start,
       strftime('%Y-%m-%d %H:%M:%f', planned_end / 1000.0, 'unixepoch', 'localtime') AS planned_end,
       strftime('%Y-%m-%d %H:%M:%f', actual_start / 1000.0, 'unixepoch', 'localtime') AS actual_start,
       strftime('%Y-%m-%d %H:%M:%f', actual_end / 1000.0, 'unixepoch', 'localtime') AS actual_end,
       round((actual_end - actual_start) / 1000.0, 3) AS duration_s,
       programme, title, category, role, episode, source, status, note, plan_key,
       strftime('%Y-%m-%d %H:%M:%f', last_alive / 1000.0, 'unixepoch', 'localtime') AS last_alive
FROM as_aired
ORDER BY coalesce(as_aired.actual_start, as_aired.planned_start), id;
)sql";

using Step = void (*)(SQLite::Database&);

// steps[v] takes a database from user_version v to v + 1; version 2 is one more
// entry (and `version` in Schema.hpp).
constexpr std::array<Step, version> steps{
    [](SQLite::Database& db) { db.exec(version_1); },
};

struct Identity {
    std::int32_t application_id = 0;
    int user_version = 0;
};

// Both marks in one statement, so from one snapshot: read one after the other,
// another process's migration could commit in between, and a log half-way
// (our user_version, no application_id yet) would look like a foreign file.
Identity read_identity(SQLite::Database& db) {
    SQLite::Statement query(db,
                            "SELECT application_id, user_version "
                            "FROM pragma_application_id, pragma_user_version");
    Identity identity;
    if (query.executeStep()) {
        identity.application_id = query.getColumn(0).getInt();
        identity.user_version = query.getColumn(1).getInt();
    }
    return identity;
}

std::string hex(std::int32_t value) {
    char text[16];
    std::snprintf(text, sizeof text, "0x%08X", static_cast<unsigned>(value));
    return text;
}

// A database with neither mark is one we may add our table to (an empty file,
// or a database someone made for us); a mark that is not ours means it belongs
// to another program, which we must not change.
void refuse_foreign(const Identity& identity, const std::string& name) {
    if (identity.application_id != 0 && identity.application_id != application_id) {
        throw LogError(name + " is another program's SQLite database (application_id " +
                       hex(identity.application_id) + "), not an onair as-aired log");
    }
    if (identity.application_id == 0 && identity.user_version != 0) {
        throw LogError(name + " is another program's SQLite database (user_version " +
                       std::to_string(identity.user_version) + "), not an onair as-aired log");
    }
    if (identity.user_version > version) {
        throw LogError(name + " was written by a newer onair (log schema version " +
                       std::to_string(identity.user_version) + "; this onair knows up to " +
                       std::to_string(version) + ")");
    }
}

}  // namespace

void check_writable(SQLite::Database& db, const std::string& name) {
    refuse_foreign(read_identity(db), name);
}

void migrate(SQLite::Database& db, const std::string& name) {
    // IMMEDIATE: take the write lock before reading the version, so two
    // processes opening a new file at once cannot both create the table. The
    // whole migration commits or not at all: a crash leaves the old version.
    SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
    const Identity identity = read_identity(db);
    refuse_foreign(identity, name);
    for (int from = identity.user_version; from < version; ++from) {
        steps[static_cast<std::size_t>(from)](db);
    }
    if (identity.user_version != version) {
        db.exec("PRAGMA user_version = " + std::to_string(version));
    }
    if (identity.application_id != application_id) {
        db.exec("PRAGMA application_id = " + std::to_string(application_id));
    }
    transaction.commit();
}

void check_readable(SQLite::Database& db, const std::string& name) {
    const Identity identity = read_identity(db);
    refuse_foreign(identity, name);
    if (identity.user_version == 0) {
        throw LogError(name + " is not an onair as-aired log (yet): it has no as_aired table");
    }
}

}  // namespace onair::airlog::schema
