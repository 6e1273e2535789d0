#pragma once
// The text of one CSV row of the as-aired export, appended to a buffer. Shared by
// write_csv_row() and CsvWriter.

#include <string>
#include <string_view>

#include "IsoTimeFormatter.hpp"
#include "onair/airlog/AsAiredLog.hpp"

namespace onair::report {

/// The spec's columns, in order, and CRLF.
inline constexpr std::string_view csv_header_line =
    "planned_start,planned_end,actual_start,actual_end,duration_s,programme,title,"
    "category,role,episode,source,status,note\r\n";

/// RFC 4180: a field is quoted when it holds a comma, a quote or a line break,
/// and quotes inside are doubled.
void append_csv_field(std::string& out, std::string_view field);

/// The row's 13 columns (see write_csv_header()) and CRLF.
void append_csv_row(std::string& out, const airlog::Row& row, IsoTimeFormatter& times);

}  // namespace onair::report
