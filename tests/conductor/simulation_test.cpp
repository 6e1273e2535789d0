// The simulation: the Conductor on a virtual clock with a SimulatedAir. A
// month with faults gives exactly the rows a real station would log (counted
// from the database and compared with the plan); thirty days without faults do
// not drift by a millisecond. The command is tested in tests/cli.

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "../support/ExampleStation.hpp"
#include "../support/TempFolder.hpp"

#include "onair/airlog/AsAiredLog.hpp"
#include "onair/conductor/SimulatedAir.hpp"
#include "onair/conductor/Simulation.hpp"
#include "onair/config/StationLoader.hpp"
#include "onair/scheduler/Planner.hpp"
#include "onair/scheduler/StationTimeZone.hpp"

#include "SimulationTestSupport.hpp"

namespace onair::conductor {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using airlog::Row;
using airlog::Status;
using playout::EndReason;
using playout::RelayEvent;
using scheduler::Airing;
using scheduler::MediaInfo;
using scheduler::TimePoint;
using ::testing::HasSubstr;
using ::testing::Not;
using namespace simulation_test;

// December 2026: Tue 1, 8, 15, 22 (cds), Sat 5, 12, 19, 26 (relay), Wed 9 (the
// ward's packed programme), a bulletin every morning at 05:30.
// Its own windows: the evening is on air every day here (the example's is
// closed on Sundays), which the checks of every window below count on.
const std::string station_yaml = std::string{onair::test::example_station_head} + R"(
windows:
  morning: { start: "05:30", end: "06:30" }
  evening: { start: "17:00", end: "18:00" }
filler: { folder: filler }
log: { database: onair.db }
programmes:
  - id: tin
    title: "Bản tin sáng"
    category: thoi-su
    source: { file: "tin/{yyyy}-{mm}-{dd}.wav" }
    max_duration: 5m
    daily: { at: "05:30" }
  - id: cds
    title: "Chuyển đổi số"
    category: chuyen-doi-so
    source: { file: "cds/{yyyy}-{mm}.wav" }
    max_duration: 15m
    monthly: { premiere: { week: 1, day: tue, at: "17:15" }, reruns: 3 }
  - id: tinh
    title: "Tiếp sóng tỉnh"
    category: chuyen-doi-so
    source: { relay: "http://127.0.0.1:9/tinh.mp3", fallback: "tinh/{yyyy}-w{ww}.wav" }
    duration: 30m
    weekly: { day: sat, at: "06:00" }
  - id: xa
    title: "Chương trình xã"
    category: xa-phuong
    source: { file: "xa/{yyyy}-{mm}.wav" }
    max_duration: 15m
    monthly: { premiere: { week: 2, day: wed, window: evening } }
)";

constexpr auto bulletin_length = 4min + 30s + 125ms;
constexpr auto cds_length = 12min;

class SimulationTest : public ::testing::Test {
  protected:
    SimulationTest() {
        std::ofstream(dir_ / "station.yaml") << station_yaml;
        station_ = std::make_shared<const config::Station>(
            config::load_station((dir_ / "station.yaml").string()));
        const fs::path media = dir_ / "media";
        // Filler lengths that are not whole seconds: any drift would show.
        const std::vector<std::chrono::milliseconds> filler{190'000ms, 165'500ms, 240'000ms,
                                                            90'250ms, 213'300ms};
        for (std::size_t i = 0; i < filler.size(); ++i) {
            const fs::path path = media / "filler" / ("nhac-" + std::to_string(i) + ".wav");
            fs::create_directories(path.parent_path());
            std::ofstream(path) << "not decoded";  // the folder is listed; lengths are faked
            media_.add(path, filler[i]);
        }
        for (int month : {11, 12}) {
            const std::string mm = month == 11 ? "11" : "12";
            for (unsigned day = 1; day <= 31; ++day) {
                const std::string dd = (day < 10 ? "0" : "") + std::to_string(day);
                media_.add(media / "tin" / ("2026-" + mm + "-" + dd + ".wav"), bulletin_length);
            }
            media_.add(media / "cds" / ("2026-" + mm + ".wav"), cds_length);
            media_.add(media / "xa" / ("2026-" + mm + ".wav"), 10min);
        }
        for (int week = 40; week <= 53; ++week) {
            media_.add(media / "tinh" / ("2026-w" + std::to_string(week) + ".wav"), 25min);
        }
        media_.add(media / "tin" / "2027-01-01.wav", bulletin_length);
    }

    std::vector<Airing> planned(date::year_month month) {
        const auto plan = scheduler::make_plan(*station_, scheduler::month_period(month), media_);
        EXPECT_FALSE(plan.has_errors());
        std::vector<Airing> airings;
        for (const Airing& airing : plan.airings) {
            if (airing.role != scheduler::Role::fill) {
                airings.push_back(airing);
            }
        }
        return airings;
    }

    const Airing& find(const std::vector<Airing>& plan, const std::string& programme,
                       unsigned day) {
        for (const Airing& airing : plan) {
            if (airing.programme == programme &&
                static_cast<unsigned>(vietnam().local_date(airing.start).day()) == day) {
                return airing;
            }
        }
        throw std::runtime_error("no " + programme + " on day " + std::to_string(day));
    }

    SimulationSettings month_settings(date::year_month month) {
        SimulationSettings settings;
        const date::local_days first{month / 1};
        const date::local_days next{(month + date::months{1}) / 1};
        settings.from = vietnam().resolve(first).instant;
        settings.to = vietnam().resolve(next).instant;
        settings.database = dir_ / "simulate.db";
        settings.conductor.shuffle_seed = 7;
        return settings;
    }

    std::vector<Row> rows() {
        std::vector<Row> all;
        airlog::for_each_row(dir_ / "simulate.db", TimePoint{},
                             TimePoint{std::chrono::milliseconds{INT64_MAX}},
                             [&](const Row& row) { all.push_back(row); });
        return all;
    }

    /// Rows by plan key (planned airings only).
    std::map<std::string, std::vector<Row>> rows_by_plan_key() {
        std::map<std::string, std::vector<Row>> by_key;
        for (const Row& row : rows()) {
            if (!row.plan_key.empty() && row.role != "fill") {
                by_key[row.plan_key].push_back(row);
            }
        }
        return by_key;
    }

    onair::testing::TempFolder temp_{"onair-simulate"};
    const fs::path dir_ = temp_.path();
    FakeCatalog media_;
    std::shared_ptr<const config::Station> station_;
};

std::string statuses(const std::vector<Row>& rows) {
    std::string text;
    for (const Row& row : rows) {
        text += (text.empty() ? "" : " ") + std::string(airlog::to_string(row.status));
    }
    return text;
}

TEST_F(SimulationTest, AMonthWithFaultsGivesExactlyTheExpectedRows) {
    const auto plan = planned(date::year{2026} / 12);
    SimulationSettings settings = month_settings(date::year{2026} / 12);
    const Airing& relay_19 = find(plan, "tinh", 19);
    settings.faults.missing = {"tin/2026-12-10.wav", relay_19.fallback, "tin/2099-01-01.wav"};
    settings.faults.relay_down = {
        {at(2026, 12, 12, 5, 0), at(2026, 12, 12, 7, 0)},        // before and through the relay
        {at(2026, 12, 19, 0, 0), at(2026, 12, 20, 0, 0)},        // the whole day, no fallback
        {at(2026, 12, 26, 6, 10), at(2026, 12, 26, 6, 10, 3)}};  // 3 s: within the tolerance
    settings.faults.daemon_down = {
        {at(2026, 12, 15, 17, 20), at(2026, 12, 16, 5, 50)},  // over a night
        {at(2026, 12, 22, 17, 17), at(2026, 12, 22, 17, 19)}};

    const auto began = std::chrono::steady_clock::now();
    const SimulationResult result = simulate(station_, media_, settings);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
    std::cout << "[          ] a month with faults simulated in " << seconds << " s\n";

    EXPECT_EQ(result.restarts, 2);
    EXPECT_EQ(result.unused_missing, std::vector<fs::path>{"tin/2099-01-01.wav"});

    // Every planned airing, what became of it.
    std::map<std::string, std::string> expected;  // plan key -> statuses
    for (const Airing& airing : plan) {
        expected[airlog::plan_key(airing)] = "aired";
    }
    const Airing& bulletin_10 = find(plan, "tin", 10);
    const Airing& bulletin_16 = find(plan, "tin", 16);
    const Airing& relay_12 = find(plan, "tinh", 12);
    const Airing& relay_26 = find(plan, "tinh", 26);
    const Airing& cds_15 = find(plan, "cds", 15);
    const Airing& cds_22 = find(plan, "cds", 22);
    expected[airlog::plan_key(bulletin_10)] = "failed";
    expected[airlog::plan_key(bulletin_16)] = "missed";
    expected[airlog::plan_key(relay_12)] = "partial";
    expected[airlog::plan_key(relay_19)] = "failed";
    expected[airlog::plan_key(relay_26)] = "partial";
    expected[airlog::plan_key(cds_15)] = "interrupted";
    expected[airlog::plan_key(cds_22)] = "interrupted joined";

    const auto by_key = rows_by_plan_key();
    std::map<std::string, std::string> got;
    for (const auto& [key, rows] : by_key) {
        got[key] = statuses(rows);
    }
    EXPECT_EQ(got, expected);
    EXPECT_EQ(plan.size(), 31u + 4u + 4u + 1u);

    std::map<Status, int> counts;
    for (const auto& [key, rows] : by_key) {
        for (const Row& row : rows) {
            ++counts[row.status];
        }
    }
    EXPECT_EQ(counts[Status::failed], 2);
    EXPECT_EQ(counts[Status::missed], 1);
    EXPECT_EQ(counts[Status::interrupted], 2);
    EXPECT_EQ(counts[Status::joined], 1);
    EXPECT_EQ(counts[Status::partial], 2);
    EXPECT_EQ(counts[Status::on_air], 0);

    // The rows say when and why, in the operator's words.
    auto row_of = [&](const Airing& airing, std::size_t i = 0) {
        return by_key.at(airlog::plan_key(airing)).at(i);
    };
    EXPECT_THAT(row_of(bulletin_10).note, HasSubstr("no such file"));
    EXPECT_THAT(row_of(bulletin_16).note, HasSubstr("not running"));
    EXPECT_THAT(row_of(relay_12).note, HasSubstr("fallback"));
    EXPECT_EQ(row_of(relay_12).actual_start, relay_12.start);
    EXPECT_EQ(row_of(relay_12).actual_end, relay_12.start + 25min);  // the fallback's length
    EXPECT_THAT(row_of(relay_19).note, HasSubstr(relay_19.fallback));
    EXPECT_THAT(row_of(relay_26).note, HasSubstr("relay dropped after 10m"));
    EXPECT_EQ(row_of(relay_26).actual_end, relay_26.end);
    // Interrupted rows end at the last heartbeat (every 5 s from the start).
    EXPECT_EQ(row_of(cds_15).actual_start, cds_15.start);
    EXPECT_EQ(row_of(cds_15).actual_end, at(2026, 12, 15, 17, 19, 55));
    EXPECT_EQ(row_of(cds_22, 0).actual_end, at(2026, 12, 22, 17, 16, 55));
    // Joined at its offset: the daemon is back at 17:19, on air 0.6 s later,
    // and the programme ends where it would have.
    EXPECT_EQ(row_of(cds_22, 1).actual_start, at(2026, 12, 22, 17, 19, 0, 600));
    EXPECT_EQ(row_of(cds_22, 1).actual_end, cds_22.start + cds_length);

    // Everything else went out on the planned millisecond.
    for (const Airing& airing : plan) {
        const Row& row = row_of(airing);
        if (expected[airlog::plan_key(airing)] == "aired") {
            EXPECT_EQ(row.actual_start, airing.start)
                << airing.programme << " " << local(airing.start);
            EXPECT_EQ(row.actual_end, airing.end) << airing.programme << " " << local(airing.start);
        }
    }
    // The summary the command prints counts the same rows.
    std::size_t total = 0;
    for (const auto& [status, count] : result.rows_by_status) {
        total += count;
    }
    EXPECT_EQ(total, result.rows);
    EXPECT_EQ(result.rows, rows().size());
    EXPECT_EQ(result.rows_by_status.count(Status::on_air), 0u);
}

TEST_F(SimulationTest, DownToTheEndOfThePeriodStillLogsWhatWasMissed) {
    const auto plan = planned(date::year{2026} / 12);
    SimulationSettings settings = month_settings(date::year{2026} / 12);
    settings.faults.daemon_down = {{at(2026, 12, 30, 12, 0), at(2027, 1, 2, 0, 0)}};
    const SimulationResult result = simulate(station_, media_, settings);
    EXPECT_EQ(result.restarts, 1);
    const auto by_key = rows_by_plan_key();
    for (const Airing& airing : plan) {
        const auto found = by_key.find(airlog::plan_key(airing));
        ASSERT_NE(found, by_key.end()) << airing.programme << " " << local(airing.start);
        const bool after = airing.start >= at(2026, 12, 30, 12, 0);
        EXPECT_EQ(statuses(found->second), after ? "missed" : "aired")
            << airing.programme << " " << local(airing.start);
    }
    EXPECT_EQ(result.rows_by_status.count(Status::on_air), 0u);

    // From the very start, nothing could be missed in a new log: refused.
    settings.faults.daemon_down = {{settings.from, at(2026, 12, 2, 0, 0)}};
    settings.database = dir_ / "other.db";
    EXPECT_THROW(simulate(station_, media_, settings), std::invalid_argument);
}

/// Rows of one window of one day, in order.
std::vector<Row> rows_within(const std::vector<Row>& all, TimePoint from, TimePoint to) {
    std::vector<Row> within;
    for (const Row& row : all) {
        if (row.actual_start && *row.actual_start >= from && *row.actual_start < to) {
            within.push_back(row);
        }
    }
    return within;
}

TEST_F(SimulationTest, ThirtyDaysOnTheVirtualClockDoNotDriftOrMissAnything) {
    // November 2026: 30 days, no faults.
    const auto plan = planned(date::year{2026} / 11);
    const SimulationSettings settings = month_settings(date::year{2026} / 11);
    const auto began = std::chrono::steady_clock::now();
    const SimulationResult result = simulate(station_, media_, settings);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
    std::cout << "[          ] 30 days simulated in " << seconds << " s, " << result.rows
              << " rows\n";
    EXPECT_EQ(result.restarts, 0);

    const auto by_key = rows_by_plan_key();
    ASSERT_EQ(by_key.size(), plan.size());
    for (const Airing& airing : plan) {
        const auto found = by_key.find(airlog::plan_key(airing));
        ASSERT_NE(found, by_key.end()) << airing.programme << " " << local(airing.start);
        ASSERT_EQ(found->second.size(), 1u);
        const Row& row = found->second.front();
        EXPECT_EQ(row.status, Status::aired) << local(airing.start) << ": " << row.note;
        EXPECT_EQ(row.actual_start, airing.start) << airing.programme << " " << local(airing.start);
        EXPECT_EQ(row.actual_end, airing.end) << airing.programme << " " << local(airing.start);
    }
    for (const auto& [status, count] : result.rows_by_status) {
        EXPECT_TRUE(status == Status::aired || status == Status::partial)
            << airlog::to_string(status) << " " << count;
    }

    // Each window is covered end to end, item after item, no overlap: filler
    // starts where the previous item ended and is faded out on the next
    // programme's first sample (gaps only where less than a second was left).
    const std::vector<Row> all = rows();
    for (unsigned day = 1; day <= 30; ++day) {
        for (const auto& [start_h, start_m, end_h, end_m] :
             {std::tuple{5, 30, 6, 30}, std::tuple{17, 0, 18, 0}}) {
            const TimePoint from = at(2026, 11, day, start_h, start_m);
            const TimePoint to = at(2026, 11, day, end_h, end_m);
            const auto window = rows_within(all, from, to);
            ASSERT_FALSE(window.empty()) << local(from);
            EXPECT_EQ(window.front().actual_start, from) << local(from);
            TimePoint cursor = from;
            for (const Row& row : window) {
                EXPECT_GE(*row.actual_start, cursor) << "overlap at " << local(*row.actual_start);
                EXPECT_LT(*row.actual_start - cursor, 1s)
                    << "gap before " << local(*row.actual_start);
                cursor = *row.actual_end;
            }
            EXPECT_LE(cursor, to) << local(from);
            EXPECT_LT(to - cursor, 1s) << "the window of " << local(from) << " ends early";
        }
    }
}

}  // namespace
}  // namespace onair::conductor
