// format_plan_table(): the plan as aligned columns for an operator's terminal.
//
//   Date            Start     End       Window   Programme  Role      ...
//   --------------  --------  --------  -------  ---------  --------  ...
//   2026-12-01 Tue  05:30:00  05:45:00  morning  cds-thixa  rerun     ...
//                   17:15:00  17:30:00  evening  cds-thixa  premiere  ...
//
// The date is printed on a day's first row only, so days stand out. Times are the
// station's local time, cut to whole seconds. Columns are padded by display width
// (not bytes), so Vietnamese titles line up whatever their Unicode form.

#include <algorithm>
#include <array>
#include <cstdio>

#include "onair/scheduler/PlanFormat.hpp"

namespace onair::scheduler {

namespace {

// Column indices; a namespace so that `column::date` cannot be mistaken for `date::`.
namespace column {
enum : std::size_t {
    date,
    start,
    end,
    window,
    programme,
    role,
    episode,
    media,
    title,
    source,
    count
};
}

constexpr std::array<std::string_view, column::count> headers{
    "Date", "Start", "End", "Window", "Programme", "Role", "Episode", "Media", "Title", "Source"};

using Row = std::array<std::string, column::count>;

bool contains_ignoring_case(std::string_view text, std::string_view word) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; };
    return std::search(text.begin(), text.end(), word.begin(), word.end(),
                       [&](char a, char b) { return lower(a) == lower(b); }) != text.end();
}

/// One short word for the Media column. A relay without a fallback has nothing
/// on disk to check: `live`. Otherwise `ok` when the media is there; when it is
/// not, the planner's note decides: a note mentioning "unreadable" gives
/// `UNREADABLE`, one mentioning "empty" (a folder with nothing to play) gives
/// `EMPTY`, anything else `MISSING`. The full note is in the CSV and JSON.
std::string media_word(const Airing& airing) {
    if (airing.source_kind == config::SourceKind::relay && airing.fallback.empty()) {
        return "live";
    }
    if (airing.media_ok) {
        return "ok";
    }
    if (contains_ignoring_case(airing.media_note, "unreadable")) {
        return "UNREADABLE";
    }
    if (contains_ignoring_case(airing.media_note, "empty")) {
        return "EMPTY";
    }
    return "MISSING";
}

std::string date_label(date::local_days day) {
    static constexpr std::array<const char*, 7> weekdays{"Sun", "Mon", "Tue", "Wed",
                                                         "Thu", "Fri", "Sat"};
    return date::format("%Y-%m-%d ", day) + weekdays[date::weekday{day}.c_encoding()];
}

std::string clock_label(date::local_time<std::chrono::milliseconds> local) {
    return date::format("%H:%M:%S", date::floor<std::chrono::seconds>(local));
}

Row make_row(const Airing& airing, const StationTimeZone& zone) {
    const auto local_start = zone.to_local(airing.start);
    const auto local_end = zone.to_local(airing.end);
    const auto start_day = date::floor<date::days>(local_start);
    const auto days_later = (date::floor<date::days>(local_end) - start_day).count();

    Row row;
    row[column::date] = date_label(start_day);
    row[column::start] = clock_label(local_start);
    row[column::end] = clock_label(local_end);
    if (days_later > 0) {
        row[column::end] += "+" + std::to_string(days_later) + "d";
    }
    row[column::window] = airing.window;
    row[column::programme] = airing.programme;
    row[column::role] = std::string(to_string(airing.role));
    row[column::episode] = airing.episode;
    row[column::media] = media_word(airing);
    row[column::title] = airing.title;
    row[column::source] = airing.source;
    if (airing.source_kind == config::SourceKind::relay && !airing.fallback.empty()) {
        row[column::source] += " (fallback: " + airing.fallback + ")";
    }
    return row;
}

/// Writes the cells padded to their column's width; the last is not padded, so
/// lines carry no trailing blanks.
void append_line(std::string& out, const Row& row,
                 const std::array<std::size_t, column::count>& widths) {
    for (std::size_t index = 0; index < column::count; ++index) {
        out += row[index];
        if (index + 1 < column::count) {
            out.append(widths[index] - display_width(row[index]) + 2, ' ');
        }
    }
    while (!out.empty() && out.back() == ' ') {
        out.pop_back();
    }
    out += '\n';
}

std::string summary(std::size_t airings, std::size_t missing) {
    std::string text = std::to_string(airings) + (airings == 1 ? " airing, " : " airings, ");
    if (missing == 0) {
        return text + "all media present\n";
    }
    return text + std::to_string(missing) + " with missing media\n";
}

}  // namespace

std::string format_plan_table(const std::vector<Airing>& airings, const StationTimeZone& zone) {
    if (airings.empty()) {
        return "No airings in this period.\n";
    }

    std::vector<Row> rows;
    rows.reserve(airings.size());
    std::size_t missing = 0;
    std::string previous_date;
    for (const Airing& airing : airings) {
        Row row = make_row(airing, zone);
        if (row[column::date] == previous_date) {
            row[column::date].clear();
        } else {
            previous_date = row[column::date];
        }
        rows.push_back(std::move(row));
        if (!airing.media_ok) {
            ++missing;
        }
    }

    std::array<std::size_t, column::count> widths{};
    Row header_row;
    Row rule_row;
    for (std::size_t index = 0; index < column::count; ++index) {
        header_row[index] = headers[index];
        widths[index] = headers[index].size();
        for (const Row& row : rows) {
            widths[index] = std::max(widths[index], display_width(row[index]));
        }
        rule_row[index] = std::string(widths[index], '-');
    }

    std::string out;
    append_line(out, header_row, widths);
    append_line(out, rule_row, widths);
    for (const Row& row : rows) {
        append_line(out, row, widths);
    }
    out += summary(airings.size(), missing);
    return out;
}

}  // namespace onair::scheduler
