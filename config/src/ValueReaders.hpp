#pragma once
// Reads one typed value of the station file. Each reader reports a located error
// ("LABEL: what is wrong; what to write") and returns nullopt when the value is
// missing its mark; callers go on with the rest of the file.

#include <cstdint>
#include <optional>
#include <string>

#include <date/date.h>

#include "Field.hpp"
#include "onair/config/Station.hpp"

namespace onair::config {

std::optional<std::string> read_text(const Field& field, const LoadContext& context,
                                     bool allow_empty = false);
std::optional<std::int64_t> read_integer(const Field& field, const LoadContext& context,
                                         std::int64_t minimum, std::int64_t maximum);
std::optional<Milliseconds> read_duration(const Field& field, const LoadContext& context);
std::optional<TimeOfDay> read_time_of_day(const Field& field, const LoadContext& context,
                                          bool allow_24 = false);
std::optional<date::weekday> read_weekday(const Field& field, const LoadContext& context);
std::optional<date::year_month_day> read_date(const Field& field, const LoadContext& context);
std::optional<date::local_seconds> read_local_datetime(const Field& field,
                                                       const LoadContext& context);
/// A non-empty list of weekdays without repeats, e.g. `[mon, wed, fri]`.
std::optional<WeekdaySet> read_weekdays(const Field& field, const LoadContext& context);
/// A list of dates, e.g. `[2026-09-02, 2027-01-01]`.
std::optional<std::vector<date::year_month_day>> read_dates(const Field& field,
                                                            const LoadContext& context);

/// The entries of a list field, each as a Field named `LABEL #n`.
std::vector<Field> list_items(const Field& list, const LoadContext& context);

}  // namespace onair::config
