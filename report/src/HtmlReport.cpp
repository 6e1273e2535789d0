// render_html(): the page a station hands to its inspectors. Sections, in order:
// overview cards, planned against aired per programme and month, the picture of
// each month, the problems, and the airtime.

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "HtmlText.hpp"
#include "MonthPicture.hpp"
#include "PageStyle.hpp"
#include "RowTime.hpp"
#include "Strings.hpp"
#include "onair/report/Report.hpp"

namespace onair::report {

namespace {

using scheduler::Airing;
using scheduler::Role;
using scheduler::TimePoint;

constexpr std::string_view fill_role = "fill";

/// `17:15` or, with seconds, `17:15:02`.
std::string local_clock(const scheduler::StationTimeZone& zone, TimePoint instant,
                        bool with_seconds) {
    const auto local = zone.to_local(instant);
    const auto in_day = date::floor<std::chrono::seconds>(local - date::floor<date::days>(local));
    const long long s = in_day.count();
    char text[64];
    if (with_seconds) {
        std::snprintf(text, sizeof text, "%02lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
    } else {
        std::snprintf(text, sizeof text, "%02lld:%02lld", s / 3600, s / 60 % 60);
    }
    return text;
}

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

class Page {
  public:
    Page(const HtmlInput& input, Language language)
        : in_(input),
          s_(strings_for(language)),
          zone_(input.station.timezone),
          comparison_(compare(input.plan, input.rows, zone_, input.now)) {
        for (const config::Programme& programme : in_.station.programmes) {
            order_.emplace(programme.id, order_.size());
            titles_.emplace(programme.id, programme.title);
        }
        for (const Airing& airing : in_.plan.airings) {
            titles_.emplace(airing.programme, airing.title);
        }
        for (const airlog::Row& row : in_.rows) {
            titles_.emplace(row.programme, row.title);
        }
        for (const Airing& airing : comparison_.never_logged) {
            never_logged_keys_.insert(airlog::plan_key(airing));
        }
    }

    std::string render() {
        out_.reserve(256 * 1024);
        head();
        overview();
        counts();
        months();
        problems();
        airtime();
        out_ += "<footer>";
        text(fill(s_.footer, {zone_.name()}));
        out_ += "</footer></main></body></html>\n";
        return std::move(out_);
    }

  private:
    const HtmlInput& in_;
    const Strings& s_;
    scheduler::StationTimeZone zone_;
    Comparison comparison_;
    std::unordered_map<std::string, std::size_t> order_;
    std::unordered_map<std::string, std::string> titles_;
    std::unordered_set<std::string> never_logged_keys_;
    std::string out_;

    void text(std::string_view t) { append_escaped(out_, t); }

    std::string title_of(const std::string& programme) const {
        const auto found = titles_.find(programme);
        return found == titles_.end() || found->second.empty() ? programme : found->second;
    }

    /// Station file order first; programmes no longer in it after, by id.
    bool programme_before(const std::string& a, const std::string& b) const {
        const auto ia = order_.find(a), ib = order_.find(b);
        const std::size_t oa = ia == order_.end() ? order_.size() : ia->second;
        const std::size_t ob = ib == order_.end() ? order_.size() : ib->second;
        return oa != ob ? oa < ob : a < b;
    }

    std::string period_text() const {
        return format_day(s_, in_.period.first) + " – " + format_day(s_, in_.period.last);
    }

    void programme_cell(const std::string& programme) {
        text(title_of(programme));
        out_ += "<br><span class=\"id\">";
        text(programme);
        out_ += "</span>";
    }

    void head() {
        out_ += "<!DOCTYPE html>\n<html lang=\"";
        out_ += s_.html_lang;
        out_ +=
            "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
            "content=\"width=device-width, initial-scale=1\"><title>";
        text(std::string(s_.report) + " — " + in_.station.name + " — " + period_text());
        out_ += "</title><style>";
        out_ += page_style();
        out_ += "</style></head><body><main><header class=\"top\"><p class=\"kicker\">";
        text(s_.report);
        out_ += "</p><h1>";
        text(in_.station.name);
        out_ += "</h1><p class=\"period\"><strong>";
        text(period_text());
        out_ += "</strong> · ";
        text(std::string(s_.time_zone) + " " + zone_.name());
        out_ += "</p></header>";
    }

    void card(const char* css, const char* label, const std::string& value,
              const std::string& sub) {
        out_ += "<div class=\"card";
        out_ += css;
        out_ += "\"><div class=\"label\">";
        text(label);
        out_ += "</div><div class=\"value\">";
        text(value);
        out_ += "</div><div class=\"sub\">";
        text(sub);
        out_ += "</div></div>";
    }

    void overview() {
        int planned = 0, aired = 0, upcoming = 0;
        for (const RoleCount& count : comparison_.counts) {
            planned += count.planned;
            aired += count.aired;
            upcoming += count.upcoming;
        }
        const int due = planned - upcoming;
        const std::size_t problems = comparison_.problems.size();
        const std::size_t never = comparison_.never_logged.size();
        out_ += "<section class=\"cards\">";
        card("", s_.airtime_total, format_hours_minutes(s_, comparison_.seconds_total),
             fill(s_.of_which_filler, {format_hours_minutes(s_, comparison_.seconds_filler)}));
        std::string sub = s_.planned_aired_note;
        if (upcoming > 0) {
            sub += "; " + fill(s_.upcoming_note, {format_count(s_, upcoming)});
        }
        card(aired < due ? " alert" : " ok", s_.planned_aired,
             format_count(s_, aired) + " / " + format_count(s_, due), sub);
        card(problems > 0 ? " alert" : " ok", s_.problems_count,
             format_count(s_, static_cast<long long>(problems)), s_.problems_note);
        card(never > 0 ? " alert" : " ok", s_.never_logged_count,
             format_count(s_, static_cast<long long>(never)), s_.never_logged_note);
        out_ += "</section>";
    }

    void section(const char* id, const char* heading, const char* intro) {
        out_ += "<section id=\"";
        out_ += id;
        out_ += "\"><h2>";
        text(heading);
        out_ += "</h2>";
        if (*intro != '\0') {
            out_ += "<p class=\"intro\">";
            text(intro);
            out_ += "</p>";
        }
    }

    void counts() {
        section("counts", s_.counts_heading, s_.counts_intro);
        if (comparison_.counts.empty()) {
            out_ += "<p class=\"empty\">";
            text(s_.nothing_planned);
            out_ += "</p></section>";
            return;
        }
        std::set<int> roles;
        // programme -> month -> role -> count
        std::map<std::string, std::map<std::string, std::map<int, const RoleCount*>>> table;
        for (const RoleCount& count : comparison_.counts) {
            const int role =
                static_cast<int>(scheduler::role_from_string(count.role).value_or(Role::once));
            roles.insert(role);
            table[count.programme][count.month][role] = &count;
        }
        std::vector<std::string> programmes;
        for (const auto& entry : table) {
            programmes.push_back(entry.first);
        }
        std::sort(programmes.begin(), programmes.end(),
                  [&](const auto& a, const auto& b) { return programme_before(a, b); });

        out_ += "<table class=\"counts\"><thead><tr><th>";
        text(s_.programme);
        out_ += "</th><th>";
        text(s_.month);
        out_ += "</th>";
        for (const int role : roles) {
            out_ += "<th class=\"count\">";
            text(s_.roles[static_cast<std::size_t>(role)]);
            out_ += "</th>";
        }
        out_ += "<th>";
        text(s_.result);
        out_ += "</th></tr></thead><tbody>";
        for (const std::string& programme : programmes) {
            const auto& months = table[programme];
            bool first = true;
            for (const auto& [month, by_role] : months) {
                std::string summary = programme + " " + month + ":";
                int shortfall = 0, upcoming = 0;
                for (const auto& [role, count] : by_role) {
                    summary += (summary.back() == ':' ? " " : ", ") + count->role + " " +
                               std::to_string(count->aired) + "/" + std::to_string(count->planned);
                    shortfall += count->shortfall();
                    upcoming += count->upcoming;
                }
                out_ += first ? "<tr class=\"group-start\" data-counts=\"" : "<tr data-counts=\"";
                text(summary);
                out_ += "\">";
                if (first) {
                    out_ += "<td class=\"programme\" rowspan=\"" + std::to_string(months.size()) +
                            "\">";
                    programme_cell(programme);
                    out_ += "</td>";
                    first = false;
                }
                out_ += "<td class=\"when\">";
                text(month);
                out_ += "</td>";
                for (const int role : roles) {
                    const auto found = by_role.find(role);
                    if (found == by_role.end()) {
                        out_ += "<td class=\"count none\">·</td>";
                        continue;
                    }
                    const RoleCount& count = *found->second;
                    out_ += count.shortfall() > 0 ? "<td class=\"count short\">"
                                                  : "<td class=\"count\">";
                    text(std::to_string(count.aired) + "/" + std::to_string(count.planned));
                    if (count.upcoming > 0) {
                        out_ += "<span class=\"upcoming\">";
                        text(fill(s_.upcoming, {std::to_string(count.upcoming)}));
                        out_ += "</span>";
                    }
                    out_ += "</td>";
                }
                if (shortfall > 0) {
                    out_ += "<td class=\"result-short\">";
                    text(fill(s_.short_by, {std::to_string(shortfall)}));
                } else {
                    out_ += "<td class=\"result-ok\">✓ ";
                    text(s_.complete);
                }
                if (upcoming > 0) {
                    out_ += "<span class=\"upcoming\">";
                    text(fill(s_.upcoming, {std::to_string(upcoming)}));
                    out_ += "</span>";
                }
                out_ += "</td></tr>";
            }
        }
        out_ += "</tbody></table></section>";
    }

    std::string tooltip(const std::string& programme, std::string_view role, TimePoint start,
                        TimePoint end, const std::string& state) const {
        const auto day = zone_.local_date(start);
        return format_day_label(s_, day).substr(0, format_day_label(s_, day).find(' ')) + " " +
               format_day(s_, day) + " " + local_clock(zone_, start, false) + "–" +
               local_clock(zone_, end, false) + " · " + title_of(programme) + " (" + programme +
               ") · " + role_label(s_, role) + " · " + state;
    }

    static PictureItem::Look look_of(const airlog::Row& row) {
        using airlog::Status;
        if (row.role == fill_role) {
            return PictureItem::Look::filler;
        }
        switch (row.status) {
            case Status::aired:
            case Status::on_air:
                return PictureItem::Look::aired;
            case Status::partial:
            case Status::joined:
                return PictureItem::Look::cut;
            default:
                return PictureItem::Look::bad;
        }
    }

    void months() {
        section("months", s_.months_heading, s_.months_intro);
        append_picture_legend(out_, s_);

        // What the log says of each planned airing: its tooltip tells the whole
        // story (an interrupted airing joined after a restart is one airing).
        std::unordered_map<std::string, std::string> states;
        for (const airlog::Row& row : in_.rows) {
            if (!row.plan_key.empty() && row.role != fill_role) {
                std::string& state = states[row.plan_key];
                state += (state.empty() ? "" : ", ") + status_label(s_, row.status);
            }
        }

        // Items by month, planned airings and rows alike. Only the plan's outlines
        // and unplanned inserts carry a tooltip: a year of a busy station has a
        // hundred thousand rows, and the page must stay light.
        std::map<date::year_month, std::vector<PictureItem>> items;
        std::map<date::year_month, int> problems;
        for (const Airing& airing : in_.plan.airings) {
            if (airing.role == Role::fill) {
                continue;
            }
            const auto day = zone_.local_date(airing.start);
            const std::string key = airlog::plan_key(airing);
            const bool never = never_logged_keys_.count(key) > 0;
            const auto state = states.find(key);
            const std::string role{scheduler::to_string(airing.role)};
            auto& month = items[day.year() / day.month()];
            if (never) {
                month.push_back(
                    {airing.start, airing.end, PictureItem::Look::never_logged, {}, {}});
                ++problems[day.year() / day.month()];
            }
            month.push_back({airing.start, airing.end, PictureItem::Look::planned, airing.programme,
                             tooltip(airing.programme, role, airing.start, airing.end,
                                     never                     ? std::string(s_.never_logged_status)
                                     : state != states.end()   ? state->second
                                     : airing.start >= in_.now ? std::string(s_.not_yet_due)
                                                               : std::string(s_.legend_planned))});
        }
        // Filler tracks that follow each other are drawn as one bar.
        std::vector<PictureItem>* filler_month = nullptr;
        for (const airlog::Row& row : in_.rows) {
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
            const auto day = zone_.local_date(*start);
            auto& month = items[day.year() / day.month()];
            if (look == PictureItem::Look::filler) {
                if (filler_month == &month && !month.empty() &&
                    month.back().look == PictureItem::Look::filler &&
                    *start - month.back().end <= std::chrono::seconds{2} &&
                    zone_.local_date(month.back().start) == day) {
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
                             unplanned ? tooltip(row.programme, row.role, *start, *end,
                                                 status_label(s_, row.status))
                                       : std::string{}});
        }

        std::map<std::string, std::pair<int, int>> planned_aired;  // by month `2026-12`
        for (const RoleCount& count : comparison_.counts) {
            planned_aired[count.month].first += count.planned;
            planned_aired[count.month].second += count.aired;
        }

        for (date::year_month month = in_.period.first.year() / in_.period.first.month();
             month <= in_.period.last.year() / in_.period.last.month(); month += date::months{1}) {
            const date::year_month_day first =
                std::max(in_.period.first, date::year_month_day{month / 1});
            const date::year_month_day last =
                std::min(in_.period.last, date::year_month_day{month / date::last});
            char label[16];
            std::snprintf(label, sizeof label, "%04d-%02u", static_cast<int>(month.year()),
                          static_cast<unsigned>(month.month()));
            const auto counts = planned_aired[label];
            out_ += "<figure class=\"month\" id=\"month-";
            out_ += label;
            out_ += "\"><figcaption><strong>";
            text(format_month(s_, month));
            out_ += "</strong><span>";
            text(fill(s_.month_summary,
                      {format_count(s_, counts.first), format_count(s_, counts.second),
                       format_count(s_, problems[month])}));
            out_ += "</span></figcaption>";
            MonthPictureInput picture{in_.station.windows,    zone_, s_, first, last,
                                      std::move(items[month])};
            append_month_picture(out_, picture);
            out_ += "</figure>";
        }
        out_ += "</section>";
    }

    void problems() {
        section("problems", s_.problems_heading, s_.problems_intro);
        std::vector<Problem> list;
        for (const airlog::Row& row : comparison_.problems) {
            list.push_back({row_time(row).value_or(TimePoint{}), &row, nullptr});
        }
        for (const Airing& airing : comparison_.never_logged) {
            list.push_back({airing.start, nullptr, &airing});
        }
        std::stable_sort(list.begin(), list.end(),
                         [](const Problem& a, const Problem& b) { return a.when < b.when; });
        if (list.empty()) {
            out_ += "<p class=\"empty\">✓ ";
            text(s_.no_problems);
            out_ += "</p></section>";
            return;
        }
        out_ += "<table class=\"problems\"><thead><tr>";
        for (const char* heading :
             {s_.date, s_.planned, s_.aired, s_.programme, s_.role, s_.status, s_.note}) {
            out_ += "<th>";
            text(heading);
            out_ += "</th>";
        }
        out_ += "</tr></thead><tbody>";
        for (const Problem& problem : list) {
            const auto day = zone_.local_date(problem.when);
            out_ += "<tr><td class=\"when\">";
            text(format_day(s_, day));
            out_ += "</td><td class=\"when\">";
            if (problem.row) {
                const airlog::Row& row = *problem.row;
                text(time_range(zone_, row.planned_start, row.planned_end, false));
                out_ += "</td><td class=\"when\">";
                // A row that never went on air may carry the instant it gave up.
                text(time_on_air(row).count() > 0
                         ? time_range(zone_, row.actual_start, row.actual_end, true)
                         : std::string("–"));
                out_ += "</td><td>";
                programme_cell(row.programme);
                out_ += "</td><td class=\"role\">";
                text(role_label(s_, row.role));
                out_ += "</td><td><span class=\"badge ";
                out_ += look_class(look_of(row));
                out_ += "\" data-status=\"";
                text(airlog::to_string(row.status));
                out_ += "\">";
                text(status_label(s_, row.status));
                out_ += "</span></td><td class=\"note\">";
                text(row.note);
            } else {
                const Airing& airing = *problem.never_logged;
                text(time_range(zone_, airing.start, airing.end, false));
                out_ += "</td><td class=\"when\">–</td><td>";
                programme_cell(airing.programme);
                out_ += "</td><td class=\"role\">";
                text(role_label(s_, scheduler::to_string(airing.role)));
                out_ += "</td><td><span class=\"badge nolog\" data-status=\"never-logged\">";
                text(s_.never_logged_status);
                out_ += "</span></td><td class=\"note\">";
                text(s_.never_logged_reason);
            }
            out_ += "</td></tr>";
        }
        out_ += "</tbody></table></section>";
    }

    /// A bar as long as the line's share of `largest` (the table's largest
    /// programme or category: filler would dwarf them all).
    void share_cell(double seconds, double largest) {
        char cell[96];
        std::snprintf(cell, sizeof cell,
                      "<td class=\"share\"><span style=\"width:%.1f%%\"></span></td>",
                      largest > 0 ? std::min(seconds / largest, 1.0) * 100.0 : 0.0);
        out_ += cell;
    }

    void airtime() {
        section("airtime", s_.airtime_heading, "");
        std::unordered_map<std::string, long long> airings;
        long long filler_airings = 0, all_airings = 0;
        for (const airlog::Row& row : in_.rows) {
            if (time_on_air(row).count() > 0) {
                ++all_airings;
                if (row.role == fill_role) {
                    ++filler_airings;
                } else {
                    ++airings[row.programme];
                }
            }
        }

        out_ += "<div class=\"two\"><div><h3>";
        text(s_.by_programme);
        out_ += "</h3><table class=\"airtime\"><thead><tr><th>";
        text(s_.programme);
        out_ += "</th><th class=\"num\">";
        text(s_.airings);
        out_ += "</th><th class=\"num\">";
        text(s_.minutes);
        out_ += "</th><th></th></tr></thead><tbody>";
        auto by_programme = comparison_.seconds_by_programme;
        std::sort(by_programme.begin(), by_programme.end(),
                  [&](const auto& a, const auto& b) { return programme_before(a.first, b.first); });
        double largest = 0;
        for (const auto& entry : by_programme) {
            largest = std::max(largest, entry.second);
        }
        for (const auto& [programme, seconds] : by_programme) {
            out_ += "<tr><td>";
            programme_cell(programme);
            out_ += "</td><td class=\"num\">";
            text(format_count(s_, airings[programme]));
            out_ += "</td><td class=\"num\">";
            text(format_minutes(s_, seconds));
            out_ += "</td>";
            share_cell(seconds, largest);
            out_ += "</tr>";
        }
        totals(filler_airings, all_airings, true);

        out_ += "</div><div><h3>";
        text(s_.by_category);
        out_ += "</h3><table class=\"airtime\"><thead><tr><th>";
        text(s_.category);
        out_ += "</th><th class=\"num\">";
        text(s_.minutes);
        out_ += "</th><th></th></tr></thead><tbody>";
        largest = 0;
        for (const auto& entry : comparison_.seconds_by_category) {
            largest = std::max(largest, entry.second);
        }
        for (const auto& [category, seconds] : comparison_.seconds_by_category) {
            out_ += "<tr><td>";
            text(category.empty() ? s_.uncategorised : category);
            out_ += "</td><td class=\"num\">";
            text(format_minutes(s_, seconds));
            out_ += "</td>";
            share_cell(seconds, largest);
            out_ += "</tr>";
        }
        totals(filler_airings, all_airings, false);
        out_ += "</div></div></section>";
    }

    /// The filler line and the total line that close an airtime table.
    void totals(long long filler_airings, long long all_airings, bool with_airings) {
        const double total = comparison_.seconds_total;
        out_ += "<tr class=\"filler\"><td>";
        text(s_.filler);
        out_ += "</td>";
        if (with_airings) {
            out_ += "<td class=\"num\">";
            text(format_count(s_, filler_airings));
            out_ += "</td>";
        }
        out_ += "<td class=\"num\">";
        text(format_minutes(s_, comparison_.seconds_filler));
        out_ += "</td>";
        out_ += "<td></td></tr><tr class=\"total\"><td>";
        text(s_.total);
        out_ += "</td>";
        if (with_airings) {
            out_ += "<td class=\"num\">";
            text(format_count(s_, all_airings));
            out_ += "</td>";
        }
        out_ += "<td class=\"num\">";
        text(format_minutes(s_, total));
        out_ += "</td><td></td></tr></tbody></table>";
    }
};

}  // namespace

std::string render_html(const HtmlInput& input, Language language) {
    return Page(input, language).render();
}

}  // namespace onair::report
