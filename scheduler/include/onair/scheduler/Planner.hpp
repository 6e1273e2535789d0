#pragma once
// Expands a station's rules into concrete airings for a period: the heart of the
// scheduler. Pure: the only outside input is the MediaCatalog it is handed.
//
// Threads: make_plan() keeps no state of its own; calls on different threads
// are safe when each has its own MediaCatalog, or one that is thread-safe (the
// daemon's pre-flight worker plans with its own). It reads the clock nowhere:
// the period says which days.
//
// Throws: nothing for a station that cannot be planned: conflicts and missing
// media are diagnostics in the Plan (errors and warnings). What the
// MediaCatalog throws, and std::bad_alloc, pass through.

#include <vector>

#include <date/date.h>

#include "onair/config/Diagnostic.hpp"
#include "onair/config/Station.hpp"
#include "onair/scheduler/Airing.hpp"
#include "onair/scheduler/MediaCatalog.hpp"

namespace onair::scheduler {

/// Local dates, both inclusive.
struct Period {
    date::year_month_day first;
    date::year_month_day last;
};

Period month_period(date::year_month month);

struct Plan {
    /// Ordered by start. Includes filler (role fill) when the station has one.
    std::vector<Airing> airings;
    /// Conflicts are errors; DST adjustments and the like are warnings. An error
    /// never silently drops an airing: when there are errors the plan is not usable.
    std::vector<config::Diagnostic> diagnostics;

    bool has_errors() const noexcept;
};

/// Every airing whose start falls on a local date within `period`.
Plan make_plan(const config::Station& station, const Period& period, MediaCatalog& media);

/// Where a source path resolves on disk (relative paths against media_root).
std::filesystem::path media_path(const config::Station& station, const std::string& source);

}  // namespace onair::scheduler
