#pragma once
// The first stage of planning: a programme's recurrence turned into dated
// occurrences ("premiere on tue 2026-12-01 at 17:15"), before media, windows and
// packing are looked at.

#include <optional>
#include <string>
#include <vector>

#include <date/date.h>

#include "onair/config/Diagnostic.hpp"
#include "onair/config/Station.hpp"
#include "onair/scheduler/Airing.hpp"
#include "onair/scheduler/Planner.hpp"

namespace onair::scheduler {

struct Occurrence {
    date::year_month_day date;
    /// A fixed start, or none to be packed into `window`.
    std::optional<config::TimeOfDay> at;
    /// The window named by the rule; none means "whichever window holds `at`".
    std::optional<std::string> window;
    Role role = Role::premiere;
    std::string episode;
    /// The premiere's date: fills the file pattern, so reruns play the premiere's file.
    date::year_month_day episode_date;
    /// The rule that made this occurrence, for messages.
    config::Location location;
};

/// Occurrences of `programme` whose date lies in `period`, after `from`, `until`
/// and `except`. Impossible dates (a 5th weekday a month lacks, reruns that leave
/// their episode period) are reported to `problems` for the episode periods that
/// touch `period`.
std::vector<Occurrence> expand_recurrence(const config::Programme& programme, const Period& period,
                                          config::DiagnosticList& problems);

}  // namespace onair::scheduler
