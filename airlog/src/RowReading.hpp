#pragma once
// Reads a Row from a query over schema::row_columns. Shared by the writer's
// rows_between() and the read-only for_each_row().

#include <SQLiteCpp/Statement.h>

#include "onair/airlog/AsAiredLog.hpp"

namespace onair::airlog {

/// Fills `row` from the current result of `query` (columns as in
/// schema::row_columns), reusing its strings' storage so that streaming a
/// million rows allocates nothing per row. Throws LogError for a status that is
/// not one of the spec's words.
void read_row(const SQLite::Statement& query, Row& row);

}  // namespace onair::airlog
