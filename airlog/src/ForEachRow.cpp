#include <string>

#include <SQLiteCpp/SQLiteCpp.h>

#include "DatabaseError.hpp"
#include "RowReading.hpp"
#include "Schema.hpp"
#include "onair/airlog/AsAiredLog.hpp"

namespace onair::airlog {

void for_each_row(const std::filesystem::path& database, TimePoint from, TimePoint to,
                  const std::function<void(const Row&)>& visit) {
    const std::string name = database.string();
    // SQLite would only say "unable to open database file".
    std::error_code ignored;
    if (!std::filesystem::exists(database, ignored)) {
        throw LogError(name + ": no such file (has the daemon written its as-aired log yet?)");
    }
    try {
        // Read-only, so a report can never change the daemon's log. In WAL mode
        // this single statement reads one consistent snapshot while the daemon
        // goes on writing, and holds no lock that would stop it.
        // NOMUTEX: this connection never leaves this function's thread, and
        // SQLite's per-call mutex was a fifth of the time of streaming a decade.
        SQLite::Database db(name, SQLite::OPEN_READONLY | SQLite::OPEN_NOMUTEX, 5000);
        schema::check_readable(db, name);
        // One prepared statement over the time index, one Row reused: a year or
        // a decade streams without being held in memory.
        SQLite::Statement query(db, std::string("SELECT ") + schema::row_columns +
                                        " FROM as_aired WHERE " + schema::row_time + " >= ?1 AND " +
                                        schema::row_time + " < ?2 ORDER BY " + schema::row_time +
                                        ", id");
        query.bind(1, schema::to_column(from));
        query.bind(2, schema::to_column(to));
        Row row;
        while (query.executeStep()) {
            read_row(query, row);
            visit(row);
        }
    } catch (const SQLite::Exception& error) {
        throw database_error(name, "cannot read the as-aired log", error);
    }
}

}  // namespace onair::airlog
