#pragma once
// The small value syntaxes of the station file (durations, times of day, weekdays,
// dates), parsed and printed in one canonical form. Pure functions: no state, no
// exceptions, safe from any thread. The loader turns a `nullopt` into a message
// that says what to write instead.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <date/date.h>

#include "onair/config/Station.hpp"

namespace onair::config {

/// `90s`, `15m`, `1h`, `1h30m`, `2h15m30s`, `12.5s` (up to milliseconds, seconds
/// only) or `"HH:MM:SS"` / `"H:MM:SS"`. Units come largest first, each at most once;
/// a unit after the first is below 60. Bare numbers and `MM:SS` / `HH:MM` are
/// rejected as ambiguous. The result is always longer than zero.
std::optional<Milliseconds> parse_duration(std::string_view text);

/// The canonical form read back by parse_duration(): the non-zero units, largest
/// first, e.g. `1h5m`, `7m30s`, `45s`, `1h30s`, `12.5s`; `0s` for zero and a
/// leading `-` for negative lengths (which parse_duration() rejects).
std::string format_duration(Milliseconds length);

/// `HH:MM` or `HH:MM:SS` (hours may have one digit), 00:00 to 23:59:59; `24:00`
/// (the end of the day) only when `allow_24`, for window ends.
std::optional<TimeOfDay> parse_time_of_day(std::string_view text, bool allow_24 = false);

/// `HH:MM`, or `HH:MM:SS` when the seconds are not zero; 86400 s prints `24:00`.
std::string format_time_of_day(TimeOfDay time);

/// `mon` … `sun` or the full English name, in any letter case.
std::optional<date::weekday> parse_weekday(std::string_view text);

/// The short lower-case name used in the station file: `mon` … `sun`.
std::string format_weekday(date::weekday day);

/// Strictly `YYYY-MM-DD`, and a date that exists (no 2027-02-29).
std::optional<date::year_month_day> parse_date(std::string_view text);

/// `YYYY-MM-DD`.
std::string format_date(date::year_month_day day);

/// `YYYY-MM-DDTHH:MM` or `YYYY-MM-DDTHH:MM:SS`, a local wall-clock time.
std::optional<date::local_seconds> parse_local_datetime(std::string_view text);

/// The candidate nearest to `word` by edit distance (letter case ignored, a swap
/// of two neighbouring characters counts as one edit), or "" when none is within
/// max(2, length of word / 3) edits, or when it needs as many edits as the word
/// has characters (a 2-letter word is not "close" to every 2-letter key). Ties go
/// to the earlier candidate.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace onair::config
