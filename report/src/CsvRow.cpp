#include <chrono>

#include "CsvText.hpp"
#include "RowTime.hpp"
#include "onair/report/Report.hpp"

namespace onair::report {

void write_csv_header(std::ostream& out) {
    out << csv_header_line;
}

void append_csv_field(std::string& out, std::string_view field) {
    if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
        out += field;
        return;
    }
    out += '"';
    std::size_t begin = 0;
    for (std::size_t quote = field.find('"'); quote != std::string_view::npos;
         quote = field.find('"', begin)) {
        out.append(field, begin, quote + 1 - begin);
        out += '"';
        begin = quote + 1;
    }
    out.append(field, begin);
    out += '"';
}

namespace {

void append_time(std::string& out, const std::optional<scheduler::TimePoint>& time,
                 IsoTimeFormatter& times) {
    if (time) {
        times.append(out, *time);
    }
    out += ',';
}

/// Seconds with exactly 3 decimals, from whole milliseconds (no floating point
/// rounding: 0.1 s prints 0.100, never 0.099).
void append_seconds(std::string& out, const airlog::Row& row) {
    const long long millis = time_on_air(row).count();
    out += std::to_string(millis / 1000);
    const auto fraction = static_cast<int>(millis % 1000);
    out += '.';
    out += static_cast<char>('0' + fraction / 100);
    out += static_cast<char>('0' + fraction / 10 % 10);
    out += static_cast<char>('0' + fraction % 10);
    out += ',';
}

void append_text(std::string& out, std::string_view text) {
    append_csv_field(out, text);
    out += ',';
}

}  // namespace

void append_csv_row(std::string& out, const airlog::Row& row, IsoTimeFormatter& times) {
    append_time(out, row.planned_start, times);
    append_time(out, row.planned_end, times);
    append_time(out, row.actual_start, times);
    append_time(out, row.actual_end, times);
    append_seconds(out, row);
    append_text(out, row.programme);
    append_text(out, row.title);
    append_text(out, row.category);
    append_text(out, row.role);
    append_text(out, row.episode);
    append_text(out, row.source);
    append_text(out, airlog::to_string(row.status));
    append_csv_field(out, row.note);
    out += "\r\n";
}

void write_csv_row(std::ostream& out, const airlog::Row& row,
                   const scheduler::StationTimeZone& zone) {
    IsoTimeFormatter times(zone);
    std::string text;
    append_csv_row(text, row, times);
    out << text;
}

}  // namespace onair::report
