#pragma once
// Whether a window is open on a weekday: the one place that reads a
// WeekdaySet for it (the loader's checks, the planner, the report's month
// picture and the conductor's dead-air test all ask this).
//
// Threads: a pure function; any thread. Throws: nothing.

#include <date/date.h>

#include "onair/config/Station.hpp"

namespace onair::config {

inline bool is_open_on(const Window& window, date::weekday day) noexcept {
    return window.days[day.c_encoding()];
}

}  // namespace onair::config
