#pragma once
// The prepared statements that write a PendingChanges::Change into the
// as_aired table: a new row, a row's end, a row's heartbeat. Prepared once when
// the log opens; AsAiredLog runs them inside its own transaction.
//
// Threads: the AsAiredLog's (one at a time, like its database connection).
// Throws: LogError when a statement cannot be prepared; SQLite::Exception from
// write(), which the caller's transaction turns into keeping the change pending.

#include <string>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "PendingChanges.hpp"

namespace onair::airlog {

class ChangeStatements {
  public:
    /// `name` names the database in error messages.
    ChangeStatements(SQLite::Database& db, const std::string& name);

    /// Writes `change`; returns how many rows it changed (0 when its row is no
    /// longer in the table).
    int write(const PendingChanges::Change& change);

  private:
    SQLite::Statement insert_;
    SQLite::Statement end_;
    SQLite::Statement alive_;
};

}  // namespace onair::airlog
