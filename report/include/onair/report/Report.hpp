#pragma once
// Reports of what went on air, for a period: CSV for Excel and a self-contained
// HTML page comparing what aired with what the rules asked for. Pure functions
// over plain data (the plan and the log's rows); no I/O but the stream given.

#include <ostream>
#include <string>
#include <vector>

#include "onair/airlog/AsAiredLog.hpp"
#include "onair/config/Station.hpp"
#include "onair/scheduler/Planner.hpp"
#include "onair/scheduler/StationTimeZone.hpp"

namespace onair::report {

enum class Language { vi, en };

/// The spec's CSV columns in order: planned_start, planned_end, actual_start,
/// actual_end, duration_s, programme, title, category, role, episode, source,
/// status, note.
void write_csv_header(std::ostream& out);
/// One row: ISO 8601 with offset and milliseconds, RFC 4180 quoting, CRLF.
void write_csv_row(std::ostream& out, const airlog::Row& row, const scheduler::StationTimeZone& zone);

/// Planned against aired, for one programme, month and role.
struct RoleCount {
    std::string programme;
    std::string month;  // `2026-12`
    std::string role;
    int planned = 0;
    int aired = 0;  // rows matched to the plan with status aired, partial or joined
};

/// Everything the HTML shows, computed from the plan and the rows.
struct Comparison {
    std::vector<RoleCount> counts;
    /// Planned airings with no as-aired row at all (the daemon was down, ...).
    std::vector<scheduler::Airing> never_logged;
    /// Rows missed, failed, partial, joined, skipped or interrupted.
    std::vector<airlog::Row> problems;
    /// Seconds on air per programme, per category, and overall.
    std::vector<std::pair<std::string, double>> seconds_by_programme;
    std::vector<std::pair<std::string, double>> seconds_by_category;
    double seconds_total = 0;
};

Comparison compare(const scheduler::Plan& plan, const std::vector<airlog::Row>& rows,
                   const scheduler::StationTimeZone& zone);

struct HtmlInput {
    const config::Station& station;
    scheduler::Period period;
    const scheduler::Plan& plan;
    const std::vector<airlog::Row>& rows;
};

/// One self-contained page (inline CSS and SVG, no script, nothing from the network).
std::string render_html(const HtmlInput& input, Language language);

}  // namespace onair::report
