// parse_time_of_day() and format_time_of_day(): `HH:MM[:SS]` wall-clock times.

#include <cstdio>

#include "DecimalDigits.hpp"
#include "onair/config/Values.hpp"

namespace onair::config {

std::optional<TimeOfDay> parse_time_of_day(std::string_view text, bool allow_24) {
    auto hour_digits = leading_digits(text);
    if (hour_digits.empty() || hour_digits.size() > 2) {
        return std::nullopt;
    }
    text.remove_prefix(hour_digits.size());
    if (text.size() != 3 && text.size() != 6) {
        return std::nullopt;
    }
    if (text[0] != ':' || !all_digits(text.substr(1, 2))) {
        return std::nullopt;
    }
    std::int64_t seconds_value = 0;
    if (text.size() == 6) {
        if (text[3] != ':' || !all_digits(text.substr(4, 2))) {
            return std::nullopt;
        }
        seconds_value = to_number(text.substr(4, 2));
    }
    auto h = to_number(hour_digits);
    auto m = to_number(text.substr(1, 2));
    if (m >= 60 || seconds_value >= 60) {
        return std::nullopt;
    }
    if (h == 24 && allow_24 && m == 0 && seconds_value == 0) {
        return TimeOfDay{86400};
    }
    if (h >= 24) {
        return std::nullopt;
    }
    return TimeOfDay{h * 3600 + m * 60 + seconds_value};
}

std::string format_time_of_day(TimeOfDay time) {
    auto total = time.count();
    char text[16];
    if (total % 60 == 0) {
        std::snprintf(text, sizeof text, "%02d:%02d", static_cast<int>(total / 3600),
                      static_cast<int>(total / 60 % 60));
    } else {
        std::snprintf(text, sizeof text, "%02d:%02d:%02d", static_cast<int>(total / 3600),
                      static_cast<int>(total / 60 % 60), static_cast<int>(total % 60));
    }
    return text;
}

}  // namespace onair::config
