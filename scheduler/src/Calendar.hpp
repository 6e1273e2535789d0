#pragma once
// Small calendar facts the recurrence rules are built from. Pure functions.

#include <optional>
#include <string>

#include <date/date.h>

namespace onair::scheduler::calendar {

using date::days;
using date::sys_days;
using date::year_month_day;

/// The `week`-th `day` of a month (1..5, or config::last_week); none when the
/// month has no such weekday (a 5th Tuesday that does not exist).
std::optional<year_month_day> nth_weekday(date::year_month month, date::weekday day, int week);

/// The Monday that starts the ISO week holding `day`.
sys_days iso_week_monday(sys_days day);

/// `2026-W49`: ISO week-numbering year and week.
std::string iso_week_label(year_month_day day);

/// 1..4.
unsigned quarter_of(date::month month);

/// First month of the quarter holding `month`.
date::year_month quarter_start(date::year_month month);

/// `tue 2026-12-01`: the form error messages use, with the station file's day names.
std::string day_and_date(year_month_day day);

}  // namespace onair::scheduler::calendar
