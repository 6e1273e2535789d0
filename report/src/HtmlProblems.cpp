// The report's list of problems: rows to look at and airings never logged.

#include "HtmlSections.hpp"

#include <algorithm>
#include <optional>
#include <vector>

#include "HtmlText.hpp"
#include "RowTime.hpp"

namespace onair::report {

namespace {

using scheduler::Airing;
using scheduler::TimePoint;

std::string time_range(const scheduler::StationTimeZone& zone, std::optional<TimePoint> start,
                       std::optional<TimePoint> end, bool with_seconds) {
    if (!start) {
        return "–";
    }
    std::string text = local_clock(zone, *start, with_seconds);
    if (end) {
        text += "–" + local_clock(zone, *end, with_seconds);
    }
    return text;
}

/// A problem for the list: a row, or a planned airing with no row.
struct Problem {
    TimePoint when;
    const airlog::Row* row = nullptr;
    const Airing* never_logged = nullptr;
};

}  // namespace

void append_problems(HtmlPage& page) {
    const Strings& s = page.strings();
    const scheduler::StationTimeZone& zone = page.zone();
    const Comparison& comparison = page.comparison();
    std::string& out = page.out();
    page.section("problems", s.problems_heading, s.problems_intro);
    std::vector<Problem> list;
    for (const airlog::Row& row : comparison.problems) {
        list.push_back({row_time(row).value_or(TimePoint{}), &row, nullptr});
    }
    for (const Airing& airing : comparison.never_logged) {
        list.push_back({airing.start, nullptr, &airing});
    }
    std::stable_sort(list.begin(), list.end(),
                     [](const Problem& a, const Problem& b) { return a.when < b.when; });
    if (list.empty()) {
        out += "<p class=\"empty\">✓ ";
        page.text(s.no_problems);
        out += "</p></section>";
        return;
    }
    out += "<table class=\"problems\"><thead><tr>";
    for (const char* heading :
         {s.date, s.planned, s.aired, s.programme, s.role, s.status, s.note}) {
        out += "<th>";
        page.text(heading);
        out += "</th>";
    }
    out += "</tr></thead><tbody>";
    for (const Problem& problem : list) {
        const auto day = zone.local_date(problem.when);
        out += "<tr><td class=\"when\">";
        page.text(format_day(s, day));
        out += "</td><td class=\"when\">";
        if (problem.row) {
            const airlog::Row& row = *problem.row;
            page.text(time_range(zone, row.planned_start, row.planned_end, false));
            out += "</td><td class=\"when\">";
            // A row that never went on air may carry the instant it gave up.
            page.text(time_on_air(row).count() > 0
                          ? time_range(zone, row.actual_start, row.actual_end, true)
                          : std::string("–"));
            out += "</td><td>";
            page.programme_cell(row.programme);
            out += "</td><td class=\"role\">";
            page.text(role_label(s, row.role));
            out += "</td><td><span class=\"badge ";
            out += look_class(look_of(row));
            out += "\" data-status=\"";
            page.text(airlog::to_string(row.status));
            out += "\">";
            page.text(status_label(s, row.status));
            out += "</span></td><td class=\"note\">";
            page.text(row.note);
        } else {
            const Airing& airing = *problem.never_logged;
            page.text(time_range(zone, airing.start, airing.end, false));
            out += "</td><td class=\"when\">–</td><td>";
            page.programme_cell(airing.programme);
            out += "</td><td class=\"role\">";
            page.text(role_label(s, scheduler::to_string(airing.role)));
            out += "</td><td><span class=\"badge nolog\" data-status=\"never-logged\">";
            page.text(s.never_logged_status);
            out += "</span></td><td class=\"note\">";
            page.text(s.never_logged_reason);
        }
        out += "</td></tr>";
    }
    out += "</tbody></table></section>";
}

}  // namespace onair::report
