#pragma once
// Converts between the station's local wall-clock times and real instants, with
// explicit answers for DST changes:
//  - a local time that does not exist (clocks go forward) is moved forward by the
//    length of the gap (02:30 becomes 03:30), as RFC 5545 and systemd do;
//  - a local time that occurs twice (clocks go back) is taken at its first occurrence.
// Immutable after construction; safe to share between threads.

#include <chrono>
#include <string>

#include <date/tz.h>

#include "onair/scheduler/Airing.hpp"

namespace onair::scheduler {

class StationTimeZone {
  public:
    /// Throws std::runtime_error when `iana_name` is not a known zone.
    explicit StationTimeZone(const std::string& iana_name);

    enum class Adjustment { none, skipped_forward, first_of_two };
    struct Resolved {
        date::sys_seconds instant;
        Adjustment adjustment = Adjustment::none;
    };

    /// The instant of a local wall-clock time (see the DST rules above).
    Resolved resolve(date::local_seconds local) const;

    date::local_time<std::chrono::milliseconds> to_local(TimePoint instant) const;

    /// ISO 8601 with the offset, e.g. `2026-12-01T17:15:00+07:00`; milliseconds are
    /// printed only when not zero (`17:25:12.345+07:00`).
    std::string format_iso(TimePoint instant) const;

    /// The station's date of an instant.
    date::year_month_day local_date(TimePoint instant) const;

    const std::string& name() const noexcept { return name_; }

  private:
    std::string name_;
    const date::time_zone* zone_;
};

/// Parses ISO 8601 with an offset (`2026-12-01T17:15:00+07:00`, optional
/// fractional seconds, `Z` allowed). Throws std::runtime_error when malformed.
TimePoint parse_iso(const std::string& text);

}  // namespace onair::scheduler
