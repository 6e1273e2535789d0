// The report's airtime tables: by programme and by category, filler and total.

#include "HtmlSections.hpp"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <string_view>
#include <unordered_map>

#include "HtmlText.hpp"
#include "RowTime.hpp"

namespace onair::report {

namespace {

/// An airtime table's heading and column heads, up to its first row; the
/// airings column only in the table that counts them.
void table_head(HtmlPage& page, std::string_view heading, std::string_view first_column,
                bool with_airings) {
    const Strings& s = page.strings();
    std::string& out = page.out();
    out += "<h3>";
    page.text(heading);
    out += "</h3><table class=\"airtime\"><thead><tr><th>";
    page.text(first_column);
    if (with_airings) {
        out += "</th><th class=\"num\">";
        page.text(s.airings);
    }
    out += "</th><th class=\"num\">";
    page.text(s.minutes);
    out += "</th><th></th></tr></thead><tbody>";
}

/// A bar as long as the line's share of `largest` (the table's largest
/// programme or category: filler would dwarf them all).
void share_cell(HtmlPage& page, double seconds, double largest) {
    std::string& out = page.out();
    char cell[96];
    std::snprintf(cell, sizeof cell,
                  "<td class=\"share\"><span style=\"width:%.1f%%\"></span></td>",
                  largest > 0 ? std::min(seconds / largest, 1.0) * 100.0 : 0.0);
    out += cell;
}

/// The most seconds of any entry of an airtime table (0 when it is empty).
template <typename Entries>
double largest_seconds(const Entries& entries) {
    double largest = 0;
    for (const auto& entry : entries) {
        largest = std::max(largest, entry.second);
    }
    return largest;
}

/// Closes an airtime row: its minutes and its bar, `largest` being the full bar.
void minutes_and_share(HtmlPage& page, double seconds, double largest) {
    const Strings& s = page.strings();
    std::string& out = page.out();
    out += "</td><td class=\"num\">";
    page.text(format_minutes(s, seconds));
    out += "</td>";
    share_cell(page, seconds, largest);
    out += "</tr>";
}

/// One of the lines that close an airtime table; `airings` only in the table
/// that counts them.
void closing_line(HtmlPage& page, const char* css, std::string_view label,
                  std::optional<long long> airings, double seconds) {
    const Strings& s = page.strings();
    std::string& out = page.out();
    out += "<tr class=\"";
    out += css;
    out += "\"><td>";
    page.text(label);
    out += "</td>";
    if (airings) {
        out += "<td class=\"num\">";
        page.text(format_count(s, *airings));
        out += "</td>";
    }
    out += "<td class=\"num\">";
    page.text(format_minutes(s, seconds));
    out += "</td><td></td></tr>";
}

/// The filler line and the total line that close an airtime table.
void totals(HtmlPage& page, long long filler_airings, long long all_airings, bool with_airings) {
    const Strings& s = page.strings();
    const Comparison& comparison = page.comparison();
    const auto airings = [with_airings](long long count) {
        return with_airings ? std::optional<long long>{count} : std::nullopt;
    };
    closing_line(page, "filler", s.filler, airings(filler_airings), comparison.seconds_filler);
    closing_line(page, "total", s.total, airings(all_airings), comparison.seconds_total);
    page.out() += "</tbody></table>";
}

}  // namespace

void append_airtime(HtmlPage& page) {
    const HtmlInput& in = page.input();
    const Strings& s = page.strings();
    const Comparison& comparison = page.comparison();
    std::string& out = page.out();
    page.section("airtime", s.airtime_heading, "");
    std::unordered_map<std::string, long long> airings;
    long long filler_airings = 0, all_airings = 0;
    for (const airlog::Row& row : in.rows) {
        if (time_on_air(row).count() > 0) {
            ++all_airings;
            if (row.role == fill_role) {
                ++filler_airings;
            } else {
                ++airings[row.programme];
            }
        }
    }

    out += "<div class=\"two\"><div>";
    table_head(page, s.by_programme, s.programme, true);
    auto by_programme = comparison.seconds_by_programme;
    std::sort(by_programme.begin(), by_programme.end(), [&](const auto& a, const auto& b) {
        return page.programme_before(a.first, b.first);
    });
    const double largest_programme = largest_seconds(by_programme);
    for (const auto& [programme, seconds] : by_programme) {
        out += "<tr><td>";
        page.programme_cell(programme);
        out += "</td><td class=\"num\">";
        page.text(format_count(s, airings[programme]));
        minutes_and_share(page, seconds, largest_programme);
    }
    totals(page, filler_airings, all_airings, true);

    out += "</div><div>";
    table_head(page, s.by_category, s.category, false);
    const double largest_category = largest_seconds(comparison.seconds_by_category);
    for (const auto& [category, seconds] : comparison.seconds_by_category) {
        out += "<tr><td>";
        page.text(category.empty() ? s.uncategorised : category);
        minutes_and_share(page, seconds, largest_category);
    }
    totals(page, filler_airings, all_airings, false);
    out += "</div></div></section>";
}

}  // namespace onair::report
