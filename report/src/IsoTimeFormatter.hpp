#pragma once
// ISO 8601 local times with the station's offset and always the milliseconds
// (`2026-12-01T17:15:00.000+07:00`), fast enough for a million-row export: the
// offset in force is cached with the range of instants it covers, so a time zone
// lookup happens only when a row crosses a DST change, and the digits are
// written by hand (no date::format, no streams).
//
// Threads: one formatter per thread (it caches).

#include <string>

#include <date/tz.h>

#include "onair/scheduler/Airing.hpp"
#include "onair/scheduler/StationTimeZone.hpp"

namespace onair::report {

class IsoTimeFormatter {
  public:
    /// Throws std::runtime_error when the zone's name is not in the tz database
    /// (it was, when `zone` was made).
    explicit IsoTimeFormatter(const scheduler::StationTimeZone& zone);

    /// Appends e.g. `2026-12-01T17:15:00.000+07:00`.
    void append(std::string& out, scheduler::TimePoint instant);

    /// The same, as a string.
    std::string format(scheduler::TimePoint instant);

  private:
    const date::time_zone* zone_;
    // The instants for which offset_ holds; empty until the first look_up().
    scheduler::TimePoint valid_from_{};
    scheduler::TimePoint valid_until_{};  // exclusive
    std::chrono::minutes offset_{0};
    char offset_text_[6] = {'+', '0', '0', ':', '0', '0'};

    void look_up(scheduler::TimePoint instant);
};

}  // namespace onair::report
