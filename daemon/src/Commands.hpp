#pragma once
// The commands behind `onair check` and `onair plan`, and what they share.
// Each runs once on the calling thread and returns an ExitCode.

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <date/date.h>

#include "onair/config/Diagnostic.hpp"
#include "onair/config/Station.hpp"

namespace onair::daemon {

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

int run_check(const CheckOptions& options, std::ostream& out, std::ostream& err);
int run_plan(const PlanOptions& options, std::ostream& out, std::ostream& err);

/// Prints diagnostics one per line, `FILE:LINE:COLUMN: error: WHAT`.
void print_diagnostics(const std::vector<config::Diagnostic>& diagnostics, std::ostream& err);

/// Loads the station file, printing its warnings; none (after printing the
/// errors) when it is invalid.
std::optional<config::Station> load_station_or_report(const std::string& file, std::ostream& err);

}  // namespace onair::daemon
