#include "EpisodePattern.hpp"

#include <date/iso_week.h>

#include "Calendar.hpp"

namespace onair::scheduler {
namespace {

std::string zero_padded(unsigned value, std::size_t width) {
    std::string digits = std::to_string(value);
    return std::string(width > digits.size() ? width - digits.size() : 0, '0') + digits;
}

}  // namespace

std::string expand_episode_pattern(std::string_view pattern, date::year_month_day premiere) {
    const iso_week::year_weeknum_weekday iso{date::sys_days{premiere}};
    const bool uses_iso_week = pattern.find("{ww}") != std::string_view::npos;
    const int year =
        uses_iso_week ? static_cast<int>(iso.year()) : static_cast<int>(premiere.year());

    std::string out;
    out.reserve(pattern.size() + 8);
    for (std::size_t i = 0; i < pattern.size();) {
        const std::string_view rest = pattern.substr(i);
        if (rest.starts_with("{yyyy}")) {
            out += zero_padded(static_cast<unsigned>(year), 4);
            i += 6;
        } else if (rest.starts_with("{mm}")) {
            out += zero_padded(static_cast<unsigned>(premiere.month()), 2);
            i += 4;
        } else if (rest.starts_with("{dd}")) {
            out += zero_padded(static_cast<unsigned>(premiere.day()), 2);
            i += 4;
        } else if (rest.starts_with("{q}")) {
            out += std::to_string(calendar::quarter_of(premiere.month()));
            i += 3;
        } else if (rest.starts_with("{ww}")) {
            out += zero_padded(static_cast<unsigned>(iso.weeknum()), 2);
            i += 4;
        } else {
            out += pattern[i++];
        }
    }
    return out;
}

}  // namespace onair::scheduler
