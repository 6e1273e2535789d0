// The report's "planned against aired" table.

#include "HtmlSections.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <vector>

#include "HtmlText.hpp"

namespace onair::report {

using scheduler::Role;

void append_counts(HtmlPage& page) {
    const Strings& s = page.strings();
    const Comparison& comparison = page.comparison();
    std::string& out = page.out();
    page.section("counts", s.counts_heading, s.counts_intro);
    if (comparison.counts.empty()) {
        out += "<p class=\"empty\">";
        page.text(s.nothing_planned);
        out += "</p></section>";
        return;
    }
    std::set<int> roles;
    // programme -> month -> role -> count
    std::map<std::string, std::map<std::string, std::map<int, const RoleCount*>>> table;
    for (const RoleCount& count : comparison.counts) {
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
              [&](const auto& a, const auto& b) { return page.programme_before(a, b); });

    out += "<table class=\"counts\"><thead><tr><th>";
    page.text(s.programme);
    out += "</th><th>";
    page.text(s.month);
    out += "</th>";
    for (const int role : roles) {
        out += "<th class=\"count\">";
        page.text(s.roles[static_cast<std::size_t>(role)]);
        out += "</th>";
    }
    out += "<th>";
    page.text(s.result);
    out += "</th></tr></thead><tbody>";
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
            out += first ? "<tr class=\"group-start\" data-counts=\"" : "<tr data-counts=\"";
            page.text(summary);
            out += "\">";
            if (first) {
                out += "<td class=\"programme\" rowspan=\"" + std::to_string(months.size()) + "\">";
                page.programme_cell(programme);
                out += "</td>";
                first = false;
            }
            out += "<td class=\"when\">";
            page.text(month);
            out += "</td>";
            for (const int role : roles) {
                const auto found = by_role.find(role);
                if (found == by_role.end()) {
                    out += "<td class=\"count none\">·</td>";
                    continue;
                }
                const RoleCount& count = *found->second;
                out +=
                    count.shortfall() > 0 ? "<td class=\"count short\">" : "<td class=\"count\">";
                page.text(std::to_string(count.aired) + "/" + std::to_string(count.planned));
                if (count.upcoming > 0) {
                    out += "<span class=\"upcoming\">";
                    page.text(fill(s.upcoming, {std::to_string(count.upcoming)}));
                    out += "</span>";
                }
                out += "</td>";
            }
            if (shortfall > 0) {
                out += "<td class=\"result-short\">";
                page.text(fill(s.short_by, {std::to_string(shortfall)}));
            } else {
                out += "<td class=\"result-ok\">✓ ";
                page.text(s.complete);
            }
            if (upcoming > 0) {
                out += "<span class=\"upcoming\">";
                page.text(fill(s.upcoming, {std::to_string(upcoming)}));
                out += "</span>";
            }
            out += "</td></tr>";
        }
    }
    out += "</tbody></table></section>";
}

}  // namespace onair::report
