#pragma once
// Loading the station file as the daemon and the commands do: its warnings and
// errors printed one per line (`FILE:LINE:COLUMN: error: WHAT`).
//
// Threads: the caller's; no state. Throws: nothing for an invalid file (it is
// reported); std::bad_alloc and stream errors pass through.

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "onair/config/Diagnostic.hpp"
#include "onair/config/Station.hpp"

namespace onair::daemon {

/// Prints diagnostics one per line, `FILE:LINE:COLUMN: error: WHAT`.
void print_diagnostics(const std::vector<config::Diagnostic>& diagnostics, std::ostream& err);

/// Loads the station file, printing its warnings; none (after printing the
/// errors) when it is invalid.
std::optional<config::Station> load_station_or_report(const std::string& file, std::ostream& err);

}  // namespace onair::daemon
