#pragma once
// The line each benchmark prints for each of its targets, the same for all of
// them so that `scripts/bench.sh check` can collect the verdicts into its table:
//     PASS  plan a year (median make_plan): 41.2 ms, target <= 100 ms
// (MISS instead of PASS when the figure is over the target). Main thread.

#include <cstdio>
#include <string_view>

namespace onair::bench {

/// Prints the target line for `figure` against `target` (both in `unit`);
/// returns whether the target was met.
inline bool print_target_line(std::string_view what, double figure, std::string_view unit,
                              double target) {
    const bool met = figure <= target;
    std::printf("%s  %.*s: %.3g %.*s, target <= %g %.*s\n", met ? "PASS" : "MISS",
                static_cast<int>(what.size()), what.data(), figure, static_cast<int>(unit.size()),
                unit.data(), target, static_cast<int>(unit.size()), unit.data());
    std::fflush(stdout);
    return met;
}

}  // namespace onair::bench
