#pragma once
// Every word the HTML report shows a person, in each language, and the way
// numbers, dates and months are written in it. Nothing user-visible is spelled
// anywhere else; adding a language means adding one table in Strings.cpp.

#include <array>
#include <string>
#include <string_view>

#include <date/date.h>

#include "onair/airlog/AsAiredLog.hpp"
#include "onair/report/Report.hpp"

namespace onair::report {

struct Strings {
    const char* html_lang;
    // The page's head.
    const char* report;
    const char* time_zone;
    // The overview cards.
    const char* airtime_total;
    const char* of_which_filler;  // {} = a duration
    const char* planned_aired;
    const char* planned_aired_note;
    const char* upcoming_note;  // {} = a count
    const char* problems_count;
    const char* problems_note;
    const char* never_logged_count;
    const char* never_logged_note;
    // Planned against aired.
    const char* counts_heading;
    const char* counts_intro;
    const char* programme;
    const char* month;
    const char* result;
    const char* complete;
    const char* short_by;  // {} = a count
    const char* upcoming;  // {} = a count
    const char* nothing_planned;
    // The month pictures.
    const char* months_heading;
    const char* months_intro;
    const char* legend_planned;
    const char* legend_aired;
    const char* legend_cut;
    const char* legend_bad;
    const char* legend_never_logged;
    const char* legend_filler;
    const char* legend_closed;
    const char* month_summary;  // {} planned, {} aired, {} problems
    const char* not_yet_due;
    // Problems.
    const char* problems_heading;
    const char* problems_intro;
    const char* date;
    const char* planned;
    const char* aired;
    const char* role;
    const char* status;
    const char* note;
    const char* no_problems;
    const char* never_logged_status;
    const char* never_logged_reason;
    // Airtime.
    const char* airtime_heading;
    const char* by_programme;
    const char* by_category;
    const char* category;
    const char* airings;
    const char* minutes;
    const char* filler;
    const char* total;
    const char* uncategorised;
    const char* footer;  // {} = the time zone
    // Numbers: 1.234,5 or 1,234.5.
    char decimal_point;
    char thousands_separator;
    const char* hours_minutes;            // {} hours, {} minutes
    bool day_first;                       // 01/12/2026 rather than 2026-12-01
    std::array<const char*, 7> weekdays;  // short, Sunday first
    std::array<const char*, 12> months;   // "December" (en); unused in vi
    const char* month_format;             // {} month name or number, {} year
    // Roles and statuses.
    std::array<const char*, 6> roles;  // in scheduler::Role order
    const char* role_manual;
    const char* role_emergency;
    std::array<const char*, 8> statuses;  // in airlog::Status order
};

const Strings& strings_for(Language language);

/// Replaces each `{}` in `pattern`, in order, by the next value.
std::string fill(std::string_view pattern, std::initializer_list<std::string_view> values);

/// The role's name for people; an unknown role is shown as written.
std::string role_label(const Strings& s, std::string_view role);
std::string status_label(const Strings& s, airlog::Status status);

/// `754,5` (vi) or `754.5` (en), one decimal, with thousands separators.
std::string format_minutes(const Strings& s, double seconds);
/// `1.234` (vi) or `1,234` (en).
std::string format_count(const Strings& s, long long count);
/// `12 giờ 34 phút` / `12 h 34 min`, rounded to the minute.
std::string format_hours_minutes(const Strings& s, double seconds);
/// `01/12/2026` (vi) or `2026-12-01` (en).
std::string format_day(const Strings& s, date::year_month_day day);
/// `Tháng 12/2026` / `December 2026`.
std::string format_month(const Strings& s, date::year_month month);
/// `T3 01` / `Tue 01`: a row label in the month picture.
std::string format_day_label(const Strings& s, date::year_month_day day);

}  // namespace onair::report
