#pragma once
// A small station and a month of its as-aired log with every kind of trouble,
// shared by the report tests. December 2026 (Dec 1 is a Tuesday):
//   cds-thixa  premiere Tue 1 17:15, reruns Tue 8, 15, 22 (same time)
//   tinh-cds   relay every Saturday 06:00–06:30: 5, 12, 19, 26
//   phuong-pho-ninh  premiere Wed 9, packed at the evening window's start
// and what the log says happened to each (see december_rows()).

#include <chrono>
#include <string>
#include <vector>

#include <date/date.h>

#include "../scheduler/FakeMediaCatalog.hpp"
#include "../support/ExampleStation.hpp"
#include "onair/airlog/AsAiredLog.hpp"
#include "onair/config/StationLoader.hpp"
#include "onair/scheduler/Planner.hpp"
#include "onair/scheduler/StationTimeZone.hpp"

namespace onair::report::testing {

using namespace std::chrono_literals;
using namespace date::literals;
using airlog::Row;
using airlog::Status;
using scheduler::Airing;
using scheduler::TimePoint;

/// The example station's first three programmes (tests/support/ExampleStation.hpp).
inline std::string station_yaml() {
    std::string yaml{onair::test::example_station_head};
    yaml += onair::test::example_windows;
    yaml += "filler: { folder: filler }\nprogrammes:";
    yaml += onair::test::example_cds_thixa;
    yaml += onair::test::example_tinh_cds;
    yaml += onair::test::example_phuong_pho_ninh;
    return yaml;
}

inline config::Station test_station() {
    return config::parse_station(station_yaml(), "station.yaml");
}

/// The plan for `period`; every file 12 minutes long.
inline scheduler::Plan test_plan(const config::Station& station, const scheduler::Period& period) {
    scheduler::testing::FakeMediaCatalog media(12min);
    return scheduler::make_plan(station, period, media);
}

inline const scheduler::StationTimeZone& zone() {
    static const scheduler::StationTimeZone zone("Asia/Ho_Chi_Minh");
    return zone;
}

/// A local time in the station's zone: at(2026_y / 12 / 1, 17h + 15min).
inline TimePoint at(date::year_month_day day, std::chrono::milliseconds time) {
    return TimePoint{date::sys_days{day}} + time - 7h;
}

inline const Airing& find_airing(const scheduler::Plan& plan, const std::string& programme,
                                 date::year_month_day day) {
    for (const Airing& airing : plan.airings) {
        if (airing.programme == programme && zone().local_date(airing.start) == day) {
            return airing;
        }
    }
    throw std::runtime_error("no airing of " + programme + " that day");
}

/// A row for a planned airing, as the daemon would log it.
inline Row planned_row(const Airing& airing, Status status, std::chrono::milliseconds late,
                       std::chrono::milliseconds length, std::string note = {}) {
    Row row;
    row.plan_key = airlog::plan_key(airing);
    row.planned_start = airing.start;
    row.planned_end = airing.end;
    if (status != Status::missed && status != Status::failed && status != Status::skipped) {
        row.actual_start = airing.start + late;
        row.actual_end = airing.start + late + length;
    }
    row.programme = airing.programme;
    row.title = airing.title;
    row.category = airing.category;
    row.role = std::string(scheduler::to_string(airing.role));
    row.episode = airing.episode;
    row.source = airing.source;
    row.status = status;
    row.note = std::move(note);
    return row;
}

inline Row unplanned_row(std::string programme, std::string role, TimePoint start,
                         std::chrono::milliseconds length, Status status = Status::aired) {
    Row row;
    row.actual_start = start;
    row.actual_end = start + length;
    row.programme = programme;
    row.title = programme;
    row.role = std::move(role);
    row.source = "insert/" + programme + ".mp3";
    row.status = status;
    return row;
}

/// December 2026 as the log has it:
///   cds-thixa Dec 1 aired; Dec 8 interrupted by a crash at 17:18, then joined
///   17:19:30; Dec 15 failed (media missing); Dec 22 partial (faded at 9m10s);
///   tinh-cds Dec 5 aired; Dec 12 joined 2m10s late; Dec 19 missed; Dec 26 no row;
///   phuong-pho-ninh Dec 9 aired;
///   filler: two rows (one partial, which is filler's normal life);
///   one manual insert (no plan key), 5 minutes.
inline std::vector<Row> december_rows(const scheduler::Plan& plan) {
    using date::December;
    const auto day = [](unsigned d) { return date::year_month_day{2026_y / December / d}; };
    const Airing& cds1 = find_airing(plan, "cds-thixa", day(1));
    const Airing& cds8 = find_airing(plan, "cds-thixa", day(8));
    const Airing& cds15 = find_airing(plan, "cds-thixa", day(15));
    const Airing& cds22 = find_airing(plan, "cds-thixa", day(22));
    const Airing& tinh5 = find_airing(plan, "tinh-cds", day(5));
    const Airing& tinh12 = find_airing(plan, "tinh-cds", day(12));
    const Airing& tinh19 = find_airing(plan, "tinh-cds", day(19));
    const Airing& ninh9 = find_airing(plan, "phuong-pho-ninh", day(9));

    std::vector<Row> rows;
    rows.push_back(planned_row(cds1, Status::aired, 120ms, 12min));
    Row filler = unplanned_row("filler", "fill", at(day(1), 17h + 27min + 120ms), 33min);
    filler.status = Status::partial;
    filler.note = "faded at the window's end";
    rows.push_back(filler);
    rows.push_back(unplanned_row("filler", "fill", at(day(5), 5h + 30min), 30min));
    rows.push_back(planned_row(tinh5, Status::aired, 80ms, 30min));
    rows.push_back(planned_row(cds8, Status::interrupted, 50ms, 3min,
                               "onair stopped while on air; last seen 17:18:00"));
    rows.push_back(planned_row(cds8, Status::joined, 4min + 30s, 7min + 30s,
                               "joined 4m30s late, after a restart"));
    rows.push_back(planned_row(ninh9, Status::aired, 0ms, 12min));
    rows.push_back(planned_row(tinh12, Status::joined, 2min + 10s, 27min + 50s,
                               "relay started 2m10s late: stream not reachable"));
    rows.push_back(planned_row(cds15, Status::failed, 0ms, 0ms,
                               "media missing: cds/2026-12.mp3 <not uploaded> & no fallback"));
    Row manual = unplanned_row("thong-bao-bao", "manual", at(day(16), 17h + 40min), 5min);
    manual.title = "Thông báo khẩn: bão số 9, \"Noru\"";
    rows.push_back(manual);
    rows.push_back(planned_row(tinh19, Status::missed, 0ms, 0ms, "onair was not running"));
    rows.push_back(
        planned_row(cds22, Status::partial, 250ms, 9min + 10s, "preempted by emergency"));
    return rows;
}

}  // namespace onair::report::testing
