#pragma once
// How long a benchmark's step took, and the median of its runs: the same
// arithmetic for every benchmark, so their figures compare. Main thread.

#include <algorithm>
#include <chrono>
#include <vector>

namespace onair::bench {

using Clock = std::chrono::steady_clock;

/// Milliseconds from `start` to now.
inline double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

/// Seconds from `start` to now.
inline double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

/// The median of `values` (the mean of the middle two for an even count);
/// `values` must not be empty.
inline double median_of(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

}  // namespace onair::bench
