// The report's picture of each month: the plan's outlines and what went on air.

#include "HtmlSections.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <unordered_map>
#include <vector>

#include "HtmlText.hpp"
#include "RowTime.hpp"

namespace onair::report {

namespace {

using scheduler::Airing;
using scheduler::Role;
using scheduler::TimePoint;

std::string tooltip(HtmlPage& page, const std::string& programme, std::string_view role,
                    TimePoint start, TimePoint end, const std::string& state) {
    const Strings& s = page.strings();
    const scheduler::StationTimeZone& zone = page.zone();
    const auto day = zone.local_date(start);
    return format_day_label(s, day).substr(0, format_day_label(s, day).find(' ')) + " " +
           format_day(s, day) + " " + local_clock(zone, start, false) + "–" +
           local_clock(zone, end, false) + " · " + page.title_of(programme) + " (" + programme +
           ") · " + role_label(s, role) + " · " + state;
}

}  // namespace

void append_months(HtmlPage& page) {
    const HtmlInput& in = page.input();
    const Strings& s = page.strings();
    const scheduler::StationTimeZone& zone = page.zone();
    const Comparison& comparison = page.comparison();
    std::string& out = page.out();
    page.section("months", s.months_heading, s.months_intro);
    append_picture_legend(out, s);

    // What the log says of each planned airing: its tooltip tells the whole
    // story (an interrupted airing joined after a restart is one airing).
    std::unordered_map<std::string, std::string> states;
    for (const airlog::Row& row : in.rows) {
        if (!row.plan_key.empty() && row.role != fill_role) {
            std::string& state = states[row.plan_key];
            state += (state.empty() ? "" : ", ") + status_label(s, row.status);
        }
    }

    // Items by month, planned airings and rows alike. Only the plan's outlines
    // and unplanned inserts carry a tooltip: a year of a busy station has a
    // hundred thousand rows, and the page must stay light.
    std::map<date::year_month, std::vector<PictureItem>> items;
    std::map<date::year_month, int> problems;
    for (const Airing& airing : in.plan.airings) {
        if (airing.role == Role::fill) {
            continue;
        }
        const auto day = zone.local_date(airing.start);
        const std::string key = airlog::plan_key(airing);
        const bool never = page.never_logged(key);
        const auto state = states.find(key);
        const std::string role{scheduler::to_string(airing.role)};
        auto& month = items[day.year() / day.month()];
        if (never) {
            month.push_back({airing.start, airing.end, PictureItem::Look::never_logged, {}, {}});
            ++problems[day.year() / day.month()];
        }
        month.push_back({airing.start, airing.end, PictureItem::Look::planned, airing.programme,
                         tooltip(page, airing.programme, role, airing.start, airing.end,
                                 never                    ? std::string(s.never_logged_status)
                                 : state != states.end()  ? state->second
                                 : airing.start >= in.now ? std::string(s.not_yet_due)
                                                          : std::string(s.legend_planned))});
    }
    // Filler tracks that follow each other are drawn as one bar.
    std::vector<PictureItem>* filler_month = nullptr;
    for (const airlog::Row& row : in.rows) {
        std::optional<TimePoint> start = row.actual_start, end = row.actual_end;
        PictureItem::Look look = look_of(row);
        if (time_on_air(row).count() == 0 && row.planned_start && row.planned_end) {
            // Never went on air (missed, failed, skipped): drawn where it was planned.
            start = row.planned_start;
            end = row.planned_end;
            look = PictureItem::Look::not_aired;
        }
        if (!start || !end) {
            continue;
        }
        const auto day = zone.local_date(*start);
        auto& month = items[day.year() / day.month()];
        if (look == PictureItem::Look::filler) {
            if (filler_month == &month && !month.empty() &&
                month.back().look == PictureItem::Look::filler &&
                *start - month.back().end <= std::chrono::seconds{2} &&
                zone.local_date(month.back().start) == day) {
                month.back().end = std::max(month.back().end, *end);
                continue;
            }
            filler_month = &month;
        } else {
            filler_month = nullptr;
        }
        if (row.role != fill_role && is_problem(row.status)) {
            ++problems[day.year() / day.month()];
        }
        const bool unplanned = row.plan_key.empty() && look != PictureItem::Look::filler;
        month.push_back({*start, *end, look, unplanned ? row.programme : std::string{},
                         unplanned ? tooltip(page, row.programme, row.role, *start, *end,
                                             status_label(s, row.status))
                                   : std::string{}});
    }

    std::map<std::string, std::pair<int, int>> planned_aired;  // by month `2026-12`
    for (const RoleCount& count : comparison.counts) {
        planned_aired[count.month].first += count.planned;
        planned_aired[count.month].second += count.aired;
    }

    for (date::year_month month = in.period.first.year() / in.period.first.month();
         month <= in.period.last.year() / in.period.last.month(); month += date::months{1}) {
        const date::year_month_day first =
            std::max(in.period.first, date::year_month_day{month / 1});
        const date::year_month_day last =
            std::min(in.period.last, date::year_month_day{month / date::last});
        char label[16];
        std::snprintf(label, sizeof label, "%04d-%02u", static_cast<int>(month.year()),
                      static_cast<unsigned>(month.month()));
        const auto counts = planned_aired[label];
        out += "<figure class=\"month\" id=\"month-";
        out += label;
        out += "\"><figcaption><strong>";
        page.text(format_month(s, month));
        out += "</strong><span>";
        page.text(
            fill(s.month_summary, {format_count(s, counts.first), format_count(s, counts.second),
                                   format_count(s, problems[month])}));
        out += "</span></figcaption>";
        MonthPictureInput picture{in.station.windows,     zone, s, first, last,
                                  std::move(items[month])};
        append_month_picture(out, picture);
        out += "</figure>";
    }
    out += "</section>";
}

}  // namespace onair::report
