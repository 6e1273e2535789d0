// compare(): the plan's airings against the log's rows. See Report.hpp for the rules.

#include <cstdio>
#include <map>
#include <tuple>
#include <unordered_map>

#include "RowTime.hpp"
#include "onair/report/Report.hpp"

namespace onair::report {

namespace {

using scheduler::Airing;
using scheduler::Role;

struct Planned {
    const Airing* airing;
    date::year_month_day day;
    bool any_row = false;
    bool aired = false;
};

void match(Planned& planned, const airlog::Row& row) {
    planned.any_row = true;
    planned.aired = planned.aired || counts_as_aired(row.status);
}

std::string month_label(date::year_month_day day) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u", static_cast<int>(day.year()),
                  static_cast<unsigned>(day.month()));
    return text;
}

template <typename Map>
std::vector<std::pair<std::string, double>> to_vector(const Map& seconds) {
    return {seconds.begin(), seconds.end()};
}

}  // namespace

Comparison compare(const scheduler::Plan& plan, const std::vector<airlog::Row>& rows,
                   const scheduler::StationTimeZone& zone, scheduler::TimePoint now) {
    const std::string fill{scheduler::to_string(Role::fill)};

    std::vector<Planned> planned;
    std::unordered_map<std::string, std::size_t> by_key;
    for (const Airing& airing : plan.airings) {
        if (airing.role == Role::fill) {
            continue;
        }
        by_key.emplace(airlog::plan_key(airing), planned.size());
        planned.push_back({&airing, zone.local_date(airing.start)});
    }

    Comparison result;
    std::map<std::string, double> by_programme, by_category;
    std::vector<const airlog::Row*> unmatched;
    for (const airlog::Row& row : rows) {
        const double seconds = static_cast<double>(time_on_air(row).count()) / 1000.0;
        result.seconds_total += seconds;
        if (row.role == fill) {
            result.seconds_filler += seconds;
            continue;
        }
        by_programme[row.programme] += seconds;
        by_category[row.category] += seconds;
        if (is_problem(row.status)) {
            result.problems.push_back(row);
        }
        if (row.plan_key.empty()) {
            continue;  // inserted by an operator: airtime, but no quota
        }
        if (const auto found = by_key.find(row.plan_key); found != by_key.end()) {
            match(planned[found->second], row);
        } else if (row.planned_start) {
            unmatched.push_back(&row);
        }
    }
    // The plan may have moved since the row was written (a packed airing after a
    // file changed length): the same programme, role and day is the same airing.
    for (const airlog::Row* row : unmatched) {
        const date::year_month_day day = zone.local_date(*row->planned_start);
        for (Planned& candidate : planned) {
            if (!candidate.any_row && candidate.day == day &&
                candidate.airing->programme == row->programme &&
                scheduler::to_string(candidate.airing->role) == row->role) {
                match(candidate, *row);
                break;
            }
        }
    }

    std::map<std::tuple<std::string, std::string, int>, RoleCount> counts;
    for (const Planned& p : planned) {
        const std::string month = month_label(p.day);
        RoleCount& count = counts[{p.airing->programme, month, static_cast<int>(p.airing->role)}];
        if (count.planned == 0) {
            count.programme = p.airing->programme;
            count.month = month;
            count.role = scheduler::to_string(p.airing->role);
        }
        ++count.planned;
        if (p.aired) {
            ++count.aired;
        } else if (p.airing->start >= now) {
            ++count.upcoming;
        } else if (!p.any_row) {
            result.never_logged.push_back(*p.airing);
        }
    }
    result.counts.reserve(counts.size());
    for (auto& [key, count] : counts) {
        result.counts.push_back(std::move(count));
    }
    result.seconds_by_programme = to_vector(by_programme);
    result.seconds_by_category = to_vector(by_category);
    return result;
}

}  // namespace onair::report
