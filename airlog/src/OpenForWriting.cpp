#include "OpenForWriting.hpp"

#include <chrono>
#include <thread>

#include <sqlite3.h>

#include "DatabaseError.hpp"
#include "Schema.hpp"

namespace onair::airlog {

namespace {

// True for SQLITE_BUSY and its extended codes (e.g. SQLITE_BUSY_RECOVERY).
bool is_busy(const SQLite::Exception& error) noexcept {
    return (error.getErrorCode() & 0xff) == SQLITE_BUSY;
}

SQLite::Database open_once(const std::filesystem::path& path, const std::string& name,
                           const LogSettings& settings) {
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE,
                        static_cast<int>(settings.busy_timeout.count()));
    // Before anything changes the file: another program's database keeps
    // its journal mode.
    schema::check_writable(db, name);
    // WAL: readers (sqlite3, `onair report`) never block the writer and
    // never see half a transaction; a commit is one append to the WAL.
    const std::string mode = db.execAndGet("PRAGMA journal_mode = WAL").getString();
    if (mode != "wal") {
        throw LogError(name + ": cannot use write-ahead logging (journal mode stays " + mode + ")");
    }
    db.exec(settings.durable ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = OFF");
    schema::migrate(db, name);
    return db;
}

}  // namespace

SQLite::Database open_for_writing(const std::filesystem::path& path, const std::string& name,
                                  const LogSettings& settings) {
    const auto give_up = std::chrono::steady_clock::now() + settings.busy_timeout;
    while (true) {
        try {
            return open_once(path, name, settings);
        } catch (const SQLite::Exception& error) {
            if (!is_busy(error) || std::chrono::steady_clock::now() >= give_up) {
                throw database_error(name, "cannot open the as-aired log for writing", error);
            }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds{5});
    }
}

}  // namespace onair::airlog
