#include "Calendar.hpp"

#include "onair/config/Station.hpp"
#include "onair/config/Values.hpp"

namespace onair::scheduler::calendar {

std::optional<year_month_day> nth_weekday(date::year_month month, date::weekday day, int week) {
    if (week == config::last_week) {
        return year_month_day{sys_days{month / day[date::last]}};
    }
    if (week < 1 || week > 5) {
        return std::nullopt;
    }
    const date::year_month_weekday wanted = month / day[static_cast<unsigned>(week)];
    if (!wanted.ok()) {
        return std::nullopt;
    }
    return year_month_day{sys_days{wanted}};
}

sys_days iso_week_monday(sys_days day) {
    return day - (date::weekday{day} - date::Monday);
}

std::string iso_week_label(year_month_day day) {
    return date::format("%G-W%V", sys_days{day});
}

unsigned quarter_of(date::month month) {
    return (static_cast<unsigned>(month) - 1) / 3 + 1;
}

date::year_month quarter_start(date::year_month month) {
    const unsigned first = (quarter_of(month.month()) - 1) * 3 + 1;
    return month.year() / date::month{first};
}

std::string day_and_date(year_month_day day) {
    return config::format_weekday(date::weekday{sys_days{day}}) + " " + config::format_date(day);
}

}  // namespace onair::scheduler::calendar
