// Messages for rejected durations, times, weekdays and dates: each names the bad
// value and shows the accepted form, with the likely intended value when there is one.

#include "ValueExplanations.hpp"

#include "DecimalDigits.hpp"
#include "onair/config/Values.hpp"

namespace onair::config {

namespace {

std::string quoted(std::string_view text) {
    return "\"" + std::string{text} + "\"";
}

std::string two_digits(std::int64_t value) {
    return (value < 10 ? "0" : "") + std::to_string(value);
}

}  // namespace

std::string explain_bad_duration(std::string_view text) {
    if (all_digits(text) && text.size() <= 9) {
        auto count = to_number(text);
        if (count == 0) {
            return "a duration must be longer than zero";
        }
        // Most likely seconds (a bare number of seconds is what media tools print).
        std::string message = std::string{text} + " has no unit; write " + std::string{text} + "s";
        if (count >= 60) {
            message += " or " + format_duration(std::chrono::seconds{count});
        }
        return message;
    }
    auto colon = text.find(':');
    if (colon != std::string_view::npos && text.find(':', colon + 1) == std::string_view::npos) {
        auto left = text.substr(0, colon);
        auto right = text.substr(colon + 1);
        if (all_digits(left) && left.size() <= 2 && all_digits(right) && right.size() == 2) {
            auto minutes = to_number(left);
            auto seconds = to_number(right);
            if (seconds < 60 && minutes + seconds > 0) {
                return quoted(text) + " is ambiguous; write " +
                       format_duration(std::chrono::seconds{minutes * 60 + seconds}) +
                       " or 00:" + two_digits(minutes) + ":" + two_digits(seconds);
            }
        }
    }
    if (auto parsed = parse_duration(text); !parsed) {
        // A zero length that is otherwise well formed (`0s`, `00:00:00`).
        bool only_zeros = !text.empty();
        for (char c : text) {
            if (c != '0' && c != ':' && c != 'h' && c != 'm' && c != 's' && c != '.') {
                only_zeros = false;
            }
        }
        if (only_zeros && text.find('0') != std::string_view::npos) {
            return "a duration must be longer than zero";
        }
    }
    return quoted(text) + " is not a duration; write e.g. 90s, 15m, 1h30m or \"01:30:00\"";
}

std::string explain_bad_time_of_day(std::string_view text, bool allow_24) {
    const std::string range = allow_24 ? "00:00 to 24:00" : "00:00 to 23:59:59";
    if (!allow_24 && parse_time_of_day(text, true)) {
        return quoted(text) + " is the end of the day, allowed only as a window's end; " +
               "write a time from " + range;
    }
    // `1715`, unquoted `17.15`: probably HH:MM without the colon.
    if (all_digits(text) && (text.size() == 3 || text.size() == 4)) {
        auto value = to_number(text);
        auto guess = two_digits(value / 100) + ":" + two_digits(value % 100);
        if (parse_time_of_day(guess, allow_24)) {
            return quoted(text) + " is not a time of day; write HH:MM, e.g. \"" + guess + "\"";
        }
    }
    return quoted(text) + " is not a time of day; write HH:MM or HH:MM:SS from " + range +
           ", e.g. \"17:15\"";
}

std::string explain_bad_weekday(std::string_view text) {
    std::string message =
        quoted(text) + " is not a weekday; write mon, tue, wed, thu, fri, sat or sun";
    if (text.find(',') != std::string_view::npos || text.find(' ') != std::string_view::npos) {
        message += " (several days go in a list: [mon, wed])";
    }
    return message;
}

std::string explain_bad_date(std::string_view text) {
    if (text.size() == 10 && text[4] == '-' && text[7] == '-' && all_digits(text.substr(0, 4)) &&
        all_digits(text.substr(5, 2)) && all_digits(text.substr(8, 2))) {
        return quoted(text) + " is not a date that exists";
    }
    return quoted(text) + " is not a date; write YYYY-MM-DD, e.g. 2026-12-01";
}

std::string explain_bad_local_datetime(std::string_view text) {
    if (text.size() > 10 && text[10] == ' ' && parse_date(text.substr(0, 10))) {
        return quoted(text) + " is not a date and time; put a T between them, e.g. \"" +
               std::string{text.substr(0, 10)} + "T" + std::string{text.substr(11)} + "\"";
    }
    if (text.size() > 10 && text[10] == 'T' && !parse_date(text.substr(0, 10))) {
        return explain_bad_date(text.substr(0, 10));
    }
    if (text.size() > 11 && text[10] == 'T' && !parse_time_of_day(text.substr(11))) {
        return quoted(text) + " has a bad time: " + explain_bad_time_of_day(text.substr(11), false);
    }
    return quoted(text) +
           " is not a date and time; write YYYY-MM-DDTHH:MM or YYYY-MM-DDTHH:MM:SS, e.g. "
           "\"2026-12-01T17:15\"";
}

}  // namespace onair::config
