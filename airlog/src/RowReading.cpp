#include "RowReading.hpp"

#include <string>

#include "Schema.hpp"

namespace onair::airlog {
namespace {

void read_text(const SQLite::Statement& query, int index, std::string& to) {
    const SQLite::Column column = query.getColumn(index);
    // Text before size: SQLite's documented order when converting.
    const char* text = column.getText();
    to.assign(text, static_cast<std::size_t>(column.getBytes()));
}

std::optional<TimePoint> read_time(const SQLite::Statement& query, int index) {
    const SQLite::Column column = query.getColumn(index);
    if (column.isNull()) {
        return std::nullopt;
    }
    return schema::from_column(column.getInt64());
}

}  // namespace

void read_row(const SQLite::Statement& query, Row& row) {
    row.id = query.getColumn(0).getInt64();
    read_text(query, 1, row.plan_key);
    row.planned_start = read_time(query, 2);
    row.planned_end = read_time(query, 3);
    row.actual_start = read_time(query, 4);
    row.actual_end = read_time(query, 5);
    read_text(query, 6, row.programme);
    read_text(query, 7, row.title);
    read_text(query, 8, row.category);
    read_text(query, 9, row.role);
    read_text(query, 10, row.episode);
    read_text(query, 11, row.source);
    const SQLite::Column status = query.getColumn(12);
    const std::optional<Status> parsed = status_from_string(
        std::string_view(status.getText(), static_cast<std::size_t>(status.getBytes())));
    if (!parsed) {
        throw LogError("as-aired row " + std::to_string(row.id) + " has an unknown status '" +
                       status.getString() + "'");
    }
    row.status = *parsed;
    read_text(query, 13, row.note);
}

}  // namespace onair::airlog
