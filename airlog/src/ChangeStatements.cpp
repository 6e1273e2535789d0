#include "ChangeStatements.hpp"

#include "DatabaseError.hpp"
#include "Schema.hpp"

namespace onair::airlog {

namespace {

SQLite::Statement prepare(SQLite::Database& db, const char* sql, const std::string& name) {
    try {
        return SQLite::Statement(db, sql);
    } catch (const SQLite::Exception& error) {
        throw database_error(name, "cannot prepare the log's statements", error);
    }
}

}  // namespace

ChangeStatements::ChangeStatements(SQLite::Database& db, const std::string& name)
    : insert_(prepare(
          db,
          "INSERT INTO as_aired (id, plan_key, planned_start, planned_end, actual_start, "
          "actual_end, programme, title, category, role, episode, source, status, note, "
          "last_alive) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
          "?15)",
          name)),
      end_(prepare(db,
                   "UPDATE as_aired SET actual_end = ?2, status = ?3, note = ?4, "
                   "last_alive = coalesce(?5, last_alive), "
                   "actual_start = coalesce(?6, actual_start) WHERE id = ?1",
                   name)),
      alive_(prepare(db, "UPDATE as_aired SET last_alive = ?2 WHERE id = ?1", name)) {}

int ChangeStatements::write(const PendingChanges::Change& change) {
    using schema::bind_time;
    const Row& row = change.row;
    SQLite::Statement* statement = nullptr;
    switch (change.kind) {
        case PendingChanges::Change::Kind::insert:
            statement = &insert_;
            statement->tryReset();
            statement->bind(1, row.id);
            statement->bind(2, row.plan_key);
            bind_time(*statement, 3, row.planned_start);
            bind_time(*statement, 4, row.planned_end);
            bind_time(*statement, 5, row.actual_start);
            bind_time(*statement, 6, row.actual_end);
            statement->bind(7, row.programme);
            statement->bind(8, row.title);
            statement->bind(9, row.category);
            statement->bind(10, row.role);
            statement->bind(11, row.episode);
            statement->bind(12, row.source);
            statement->bind(13, std::string(to_string(row.status)));
            statement->bind(14, row.note);
            bind_time(*statement, 15, change.last_alive);
            break;
        case PendingChanges::Change::Kind::end:
            statement = &end_;
            statement->tryReset();
            statement->bind(1, row.id);
            bind_time(*statement, 2, row.actual_end);
            statement->bind(3, std::string(to_string(row.status)));
            statement->bind(4, row.note);
            bind_time(*statement, 5, change.last_alive);
            bind_time(*statement, 6, row.actual_start);
            break;
        case PendingChanges::Change::Kind::alive:
            statement = &alive_;
            statement->tryReset();
            statement->bind(1, row.id);
            bind_time(*statement, 2, change.last_alive);
            break;
    }
    const int changed = statement->exec();
    statement->tryReset();
    return changed;
}

}  // namespace onair::airlog
