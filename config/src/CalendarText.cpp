// Weekdays, dates and local date-times as the station file writes them.

#include <array>
#include <cstdio>

#include "AsciiCase.hpp"
#include "DecimalDigits.hpp"
#include "onair/config/Values.hpp"

namespace onair::config {

namespace {

// Indexed by date::weekday::c_encoding() (0 = Sunday).
constexpr std::array<std::string_view, 7> short_names{"sun", "mon", "tue", "wed",
                                                      "thu", "fri", "sat"};
constexpr std::array<std::string_view, 7> full_names{"sunday",   "monday", "tuesday", "wednesday",
                                                     "thursday", "friday", "saturday"};

// `HH:MM` or `HH:MM:SS` with two-digit hours, as inside a date-time.
std::optional<std::chrono::seconds> parse_clock(std::string_view text) {
    if (text.size() != 5 && text.size() != 8) {
        return std::nullopt;
    }
    if (!all_digits(text.substr(0, 2))) {
        return std::nullopt;
    }
    return parse_time_of_day(text);
}

}  // namespace

std::optional<date::weekday> parse_weekday(std::string_view text) {
    for (unsigned i = 0; i < 7; ++i) {
        if (equals_lower_case(text, short_names[i]) || equals_lower_case(text, full_names[i])) {
            return date::weekday{i};
        }
    }
    return std::nullopt;
}

std::string format_weekday(date::weekday day) {
    return std::string{short_names[day.c_encoding() % 7]};
}

std::optional<date::year_month_day> parse_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return std::nullopt;
    }
    auto y = text.substr(0, 4);
    auto m = text.substr(5, 2);
    auto d = text.substr(8, 2);
    if (!all_digits(y) || !all_digits(m) || !all_digits(d)) {
        return std::nullopt;
    }
    date::year_month_day day{date::year{static_cast<int>(to_number(y))},
                             date::month{static_cast<unsigned>(to_number(m))},
                             date::day{static_cast<unsigned>(to_number(d))}};
    if (!day.ok()) {
        return std::nullopt;
    }
    return day;
}

std::string format_date(date::year_month_day day) {
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(day.year()),
                  static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
    return text;
}

std::optional<date::local_seconds> parse_local_datetime(std::string_view text) {
    if (text.size() < 11 || text[10] != 'T') {
        return std::nullopt;
    }
    auto day = parse_date(text.substr(0, 10));
    auto clock = parse_clock(text.substr(11));
    if (!day || !clock) {
        return std::nullopt;
    }
    return date::local_days{*day} + *clock;
}

}  // namespace onair::config
