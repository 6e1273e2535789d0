#pragma once
// The commands behind `onair check`, `onair plan` and `onair report`, and what
// they share.
// Each runs once on the calling thread and returns an ExitCode.

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <date/date.h>

#include "onair/config/Diagnostic.hpp"
#include "onair/config/Station.hpp"
#include "onair/daemon/StationFile.hpp"
#include "onair/report/Report.hpp"

namespace onair::cli {

struct CheckOptions {
    std::string station_file;
    /// First day checked; default: today in the station's time zone.
    std::optional<date::year_month_day> from;
    /// How many days of plan are checked for conflicts.
    int plan_days = 366;
    /// How many days ahead missing media is reported.
    int media_days = 7;
};

enum class PlanFormat { table, csv, json };

struct PlanOptions {
    std::string station_file;
    date::year_month_day from;
    date::year_month_day to;
    PlanFormat format = PlanFormat::table;
};

enum class ReportFormat { csv, html };

struct ReportOptions {
    std::string station_file;
    /// Local dates, both inclusive.
    date::year_month_day from;
    date::year_month_day to;
    ReportFormat format = ReportFormat::csv;
    /// Empty: standard output. Otherwise written to a temporary file beside it
    /// and renamed when complete, so a failed run never leaves half a report.
    std::string output;
    report::Language language = report::Language::vi;
    /// Empty: the station file's `log.database`.
    std::string database;
};

int run_check(const CheckOptions& options, std::ostream& out, std::ostream& err);
int run_plan(const PlanOptions& options, std::ostream& out, std::ostream& err);
int run_report(const ReportOptions& options, std::ostream& out, std::ostream& err);

using daemon::load_station_or_report;
using daemon::print_diagnostics;

}  // namespace onair::cli
