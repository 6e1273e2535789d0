#pragma once
// Reports of what went on air, for a period: CSV for Excel and a self-contained
// HTML page comparing what aired with what the rules asked for. Pure functions
// over plain data (the plan and the log's rows); no I/O but the stream given.
//
// Threads: any thread; nothing here keeps state between calls but a CsvWriter,
// which belongs to the thread that made it.

#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "onair/airlog/AsAiredLog.hpp"
#include "onair/config/Station.hpp"
#include "onair/scheduler/Planner.hpp"
#include "onair/scheduler/StationTimeZone.hpp"

namespace onair::report {

enum class Language { vi, en };

/// UTF-8 byte order mark: a CSV file starts with it so that Excel reads Vietnamese.
inline constexpr std::string_view csv_bom = "\xEF\xBB\xBF";

/// The spec's CSV columns in order: planned_start, planned_end, actual_start,
/// actual_end, duration_s, programme, title, category, role, episode, source,
/// status, note. The header line only (no BOM), CRLF.
void write_csv_header(std::ostream& out);
/// One row: ISO 8601 with offset and milliseconds, RFC 4180 quoting, CRLF.
/// For many rows use a CsvWriter (this looks the time zone up on every call).
void write_csv_row(std::ostream& out, const airlog::Row& row,
                   const scheduler::StationTimeZone& zone);

/// Writes a whole CSV export, row by row as they come (a million rows take well
/// under a second): the BOM and header first, then each row. Buffers the text and
/// writes it in large blocks; flush() or the destructor writes what is left.
/// Throws std::ios_base::failure only if the stream was set to throw.
class CsvWriter {
  public:
    /// Writes the BOM and the header line.
    CsvWriter(std::ostream& out, const scheduler::StationTimeZone& zone);
    ~CsvWriter();
    CsvWriter(const CsvWriter&) = delete;
    CsvWriter& operator=(const CsvWriter&) = delete;

    void row(const airlog::Row& row);
    /// Writes the buffered text to the stream and flushes it.
    void flush();

  private:
    struct Impl;
    std::ostream& out_;
    std::string buffer_;
    // The zone's offsets, cached across rows (see IsoTimeFormatter).
    std::unique_ptr<Impl> impl_;
};

/// Planned against aired, for one programme, month and role.
struct RoleCount {
    std::string programme;
    std::string month;  // `2026-12`
    std::string role;
    int planned = 0;
    int aired = 0;  // rows matched to the plan with status aired, partial or joined
    /// Of `planned`, how many start at or after compare()'s `now` (not due yet).
    int upcoming = 0;

    /// Planned airings that are due and did not air.
    int shortfall() const noexcept { return planned - upcoming - aired; }
};

/// Everything the HTML shows, computed from the plan and the rows.
///
/// Filler (role fill) is no quota: it is left out of `counts`, `never_logged`,
/// `problems` and the per-programme and per-category seconds, and counted in
/// `seconds_filler` and `seconds_total` (airtime is airtime).
struct Comparison {
    /// Ordered by programme, month, then role (the order of scheduler::Role).
    std::vector<RoleCount> counts;
    /// Planned airings, due before `now`, with no as-aired row at all (the daemon
    /// was down, ...). Ordered by start.
    std::vector<scheduler::Airing> never_logged;
    /// Rows missed, failed, partial, joined, skipped or interrupted, in log order.
    std::vector<airlog::Row> problems;
    /// Seconds on air per programme, per category (`""` when a row has none), and
    /// overall; ordered by name.
    std::vector<std::pair<std::string, double>> seconds_by_programme;
    std::vector<std::pair<std::string, double>> seconds_by_category;
    double seconds_total = 0;
    /// Filler's share of seconds_total.
    double seconds_filler = 0;
};

/// Matches rows to planned airings by airlog::plan_key(). A row whose key is not
/// in the plan (the plan moved since, e.g. a packed airing after a media file
/// changed length) is matched to an unmatched planned airing of the same
/// programme, role and local date, earliest first. Airings starting at or after
/// `now` are `upcoming`, never `never_logged`.
Comparison compare(const scheduler::Plan& plan, const std::vector<airlog::Row>& rows,
                   const scheduler::StationTimeZone& zone,
                   scheduler::TimePoint now = scheduler::TimePoint::max());

struct HtmlInput {
    const config::Station& station;
    scheduler::Period period;
    const scheduler::Plan& plan;
    const std::vector<airlog::Row>& rows;
    /// See compare(); the command passes the current time.
    scheduler::TimePoint now = scheduler::TimePoint::max();
};

/// One self-contained page (inline CSS and SVG, no script, nothing from the network).
std::string render_html(const HtmlInput& input, Language language);

}  // namespace onair::report
