// The conductor on a scripted air and a real as-aired log: what goes on the air
// when, and which rows the log gets, through a day, a crash, a reload, an
// emergency insert and a clock jump (the stop: conductor_stop_test.cpp).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "ConductorTest.hpp"
#include "ScriptedAir.hpp"
#include "onair/conductor/Conductor.hpp"

namespace onair::conductor {
namespace {

using namespace std::chrono_literals;
using airlog::Status;
using testing::ConductorTest;
using ::testing::HasSubstr;
using testing::ScriptedAir;
using testing::station_text;

TEST_F(ConductorTest, PlaysAnEveningOnTimeWithFillerAroundIt) {
    airlog::AsAiredLog log(database);
    ScriptedAir air(catalog);
    Conductor conductor(air, log, catalog, settings());
    TimePoint now = local(1, 16, 59);
    conductor.start(station(), now);
    air.run_until(conductor, now, local(1, 18, 1));

    const auto items = air.in_order();
    // The programme: on its exact instant, bounded by its max_duration.
    const auto news = std::find_if(items.begin(), items.end(), [](const auto& item) {
        return item.spec.file.string().find("ts/2026-12-01.mp3") != std::string::npos;
    });
    ASSERT_NE(news, items.end());
    EXPECT_EQ(news->spec.start, local(1, 17, 15));
    EXPECT_EQ(news->spec.max_length, 15min);
    EXPECT_THAT(news->spec.cut_reason, HasSubstr("max_duration 15m"));
    // Filler from the window's start, back to back, the last one yielding.
    std::vector<TimePoint> filler_starts;
    for (const auto& item : items) {
        if (item.spec.file.string().find("/filler/") != std::string::npos &&
            item.spec.start < local(1, 17, 15)) {
            filler_starts.push_back(item.spec.start);
        }
    }
    EXPECT_EQ(filler_starts, (std::vector<TimePoint>{local(1, 17, 0), local(1, 17, 4),
                                                     local(1, 17, 8), local(1, 17, 12)}));
    // The relay with its fallback, for its duration.
    const auto relay = std::find_if(items.begin(), items.end(),
                                    [](const auto& item) { return !item.spec.relay_url.empty(); });
    ASSERT_NE(relay, items.end());
    EXPECT_EQ(relay->spec.start, local(1, 17, 35));
    EXPECT_EQ(relay->spec.max_length, 20min);
    EXPECT_THAT(relay->spec.file.string(), HasSubstr("tinh/fallback.mp3"));
    // Nothing past the window's end.
    for (const auto& item : items) {
        EXPECT_LE(item.end, local(1, 18, 0)) << item.spec.id;
    }

    const auto all = rows(log);
    const auto news_rows = of(all, "thoi-su");
    ASSERT_EQ(news_rows.size(), 1u);
    EXPECT_EQ(news_rows[0].status, Status::aired);
    EXPECT_EQ(news_rows[0].actual_start, local(1, 17, 15) + air.start_error());
    EXPECT_EQ(news_rows[0].actual_end, local(1, 17, 27));
    const auto relay_rows = of(all, "tinh");
    ASSERT_EQ(relay_rows.size(), 1u);
    EXPECT_EQ(relay_rows[0].status, Status::aired);
    EXPECT_EQ(relay_rows[0].actual_end, local(1, 17, 55));
    // Every filler file has its row, and the air is covered from 17:00 to 18:00
    // but for each item's late first sample (the rows say when it really began).
    auto covered = 0ms;
    for (const auto& row : all) {
        EXPECT_NE(row.status, Status::on_air);
        covered += std::chrono::duration_cast<std::chrono::milliseconds>(*row.actual_end -
                                                                         *row.actual_start);
    }
    EXPECT_EQ(covered, 60min - static_cast<int>(all.size()) * air.start_error());
}

TEST_F(ConductorTest, RestartAfterACrashJoinsAtTheRightOffset) {
    const TimePoint crash = local(1, 17, 20);
    {
        airlog::AsAiredLog log(database);
        ScriptedAir air(catalog);
        Conductor conductor(air, log, catalog, settings());
        TimePoint now = local(1, 16, 59);
        conductor.start(station(), now);
        air.run_until(conductor, now, crash);
        log.heartbeat(crash);
    }  // gone without ending anything: a kill -9
    airlog::AsAiredLog log(database);
    ScriptedAir air(catalog);
    Conductor conductor(air, log, catalog, settings());
    TimePoint now = crash + 1500ms;
    conductor.start(station(), now);
    const TimePoint join = now + settings().join_delay;
    air.run_until(conductor, now, local(1, 17, 30));

    const auto news = of(rows(log), "thoi-su");
    ASSERT_EQ(news.size(), 2u);
    EXPECT_EQ(news[0].status, Status::interrupted);
    EXPECT_EQ(news[0].actual_end, crash);
    EXPECT_EQ(news[1].status, Status::joined);
    EXPECT_EQ(news[1].actual_start, join + air.start_error());
    EXPECT_EQ(news[1].actual_end, local(1, 17, 27));  // the media's own end: the offset was right
    EXPECT_THAT(news[1].note, HasSubstr("joined"));
    const auto items = air.in_order();
    const auto joined = std::find_if(items.begin(), items.end(), [](const auto& item) {
        return item.spec.file.string().find("ts/") != std::string::npos;
    });
    ASSERT_NE(joined, items.end());
    EXPECT_EQ(joined->spec.offset, join - local(1, 17, 15));
}

TEST_F(ConductorTest, AiringsWhileTheDaemonWasDownAreMissedAndTheCurrentOneJoined) {
    {
        airlog::AsAiredLog log(database);
        ScriptedAir air(catalog);
        Conductor conductor(air, log, catalog, settings());
        TimePoint now = local(1, 16, 59);
        conductor.start(station(), now);
        air.run_until(conductor, now, local(1, 18, 1));
    }
    airlog::AsAiredLog log(database);
    ScriptedAir air(catalog);
    Conductor conductor(air, log, catalog, settings());
    TimePoint now = local(2, 17, 40);
    conductor.start(station(), now);
    air.run_until(conductor, now, local(2, 18, 1));
    const auto all = log.rows_between(local(2, 0, 0), local(3, 0, 0));
    const auto news = of(all, "thoi-su");
    ASSERT_EQ(news.size(), 1u);
    EXPECT_EQ(news[0].status, Status::missed);
    EXPECT_EQ(news[0].planned_start, local(2, 17, 15));
    const auto relay = of(all, "tinh");
    ASSERT_EQ(relay.size(), 1u);
    EXPECT_EQ(relay[0].status, Status::joined);
    EXPECT_EQ(relay[0].actual_end, local(2, 17, 55));
}

TEST_F(ConductorTest, ReloadRefusesAConflictAndCutsARemovedProgramme) {
    airlog::AsAiredLog log(database);
    ScriptedAir air(catalog);
    Conductor conductor(air, log, catalog, settings());
    TimePoint now = local(1, 17, 10);
    conductor.start(station(), now);
    air.run_until(conductor, now, local(1, 17, 16));

    std::string conflicting = station_text;
    conflicting += R"(
  - id: trung
    title: "Trùng giờ"
    source: { file: "x.mp3" }
    daily: { at: "17:20" }
)";
    EXPECT_THROW(conductor.replace_station(station(conflicting), now), StationRefused);
    air.run_until(conductor, now, local(1, 17, 17));
    EXPECT_EQ(of(rows(log), "thoi-su").at(0).status, Status::on_air);  // untouched

    std::string without_news = station_text;
    without_news.erase(without_news.find("  - id: thoi-su"),
                       without_news.find("  - id: tinh") - without_news.find("  - id: thoi-su"));
    conductor.replace_station(station(without_news), now);
    air.run_until(conductor, now, local(1, 17, 20));
    const auto news = of(rows(log), "thoi-su");
    ASSERT_EQ(news.size(), 1u);
    EXPECT_EQ(news[0].status, Status::partial);
    EXPECT_EQ(news[0].actual_end, local(1, 17, 17) + settings().fade);
    EXPECT_THAT(news[0].note, HasSubstr("removed from the station file"));
}

TEST_F(ConductorTest, EmergencyPreemptsAndTheScheduleResumes) {
    const auto alert = folder.path() / "bao-khan.mp3";
    catalog.set_length(alert.string(), 2min);
    airlog::AsAiredLog log(database);
    ScriptedAir air(catalog);
    Conductor conductor(air, log, catalog, settings());
    TimePoint now = local(1, 17, 10);
    conductor.start(station(), now);
    air.run_until(conductor, now, local(1, 17, 20));
    const std::string answer = conductor.insert(alert, InsertPriority::emergency, now);
    EXPECT_THAT(answer, HasSubstr("emergency"));
    const TimePoint on = now + settings().join_delay;
    air.run_until(conductor, now, local(1, 17, 30));

    const auto all = rows(log);
    const auto emergency = of(all, "insert");
    ASSERT_EQ(emergency.size(), 1u);
    EXPECT_EQ(emergency[0].role, "emergency");
    EXPECT_EQ(emergency[0].status, Status::aired);
    EXPECT_EQ(emergency[0].actual_start, on + air.start_error());
    const auto news = of(all, "thoi-su");
    ASSERT_EQ(news.size(), 2u);
    EXPECT_EQ(news[0].status, Status::partial);
    EXPECT_EQ(news[0].actual_end, on);
    EXPECT_EQ(news[0].note, "preempted by emergency");
    EXPECT_EQ(news[1].status, Status::joined);
    EXPECT_EQ(news[1].actual_start, on + 2min + air.start_error());
    EXPECT_EQ(news[1].actual_end, local(1, 17, 27));
}

TEST_F(ConductorTest, AFailedProgrammeIsLoggedAndFillerTakesItsSlot) {
    const auto news_file = folder.path() / "media" / "ts" / "2026-12-01.mp3";
    catalog.set_missing(news_file.string());
    airlog::AsAiredLog log(database);
    ScriptedAir air(catalog);
    Conductor conductor(air, log, catalog, settings());
    TimePoint now = local(1, 17, 10);
    conductor.start(station(), now);
    air.run_until(conductor, now, local(1, 17, 35));
    const auto all = rows(log);
    const auto news = of(all, "thoi-su");
    ASSERT_EQ(news.size(), 1u);
    EXPECT_EQ(news[0].status, Status::failed);
    EXPECT_THAT(news[0].note, HasSubstr("2026-12-01.mp3"));
    // Filler covers the slot the programme would have had.
    bool filler_in_slot = false;
    for (const auto& row : all) {
        filler_in_slot |= row.programme == "filler" && *row.actual_start >= local(1, 17, 15) &&
                          *row.actual_start < local(1, 17, 20);
    }
    EXPECT_TRUE(filler_in_slot);
}

TEST_F(ConductorTest, AfterAClockJumpWhatIsNotOnTheAirIsHandedOverAgain) {
    airlog::AsAiredLog log(database);
    ScriptedAir air(catalog);
    Conductor conductor(air, log, catalog, settings());
    TimePoint now = local(1, 17, 14, 55);
    conductor.start(station(), now);
    air.run_until(conductor, now, local(1, 17, 14, 58));
    std::size_t handed = 0;
    for (const auto& item : air.in_order()) {
        handed += item.spec.start == local(1, 17, 15) && !item.cancelled;
    }
    ASSERT_EQ(handed, 1u);  // the news, prerolled

    conductor.clock_jumped(now);
    std::size_t cancelled = 0, again = 0;
    for (const auto& item : air.in_order()) {
        if (item.spec.start == local(1, 17, 15)) {
            (item.cancelled ? cancelled : again) += 1;
        }
    }
    EXPECT_EQ(cancelled, 1u);
    EXPECT_EQ(again, 1u);  // handed over again for the same instant
    air.run_until(conductor, now, local(1, 17, 30));
    const auto news = of(rows(log), "thoi-su");
    ASSERT_EQ(news.size(), 1u);
    EXPECT_EQ(news[0].status, Status::aired);
    EXPECT_EQ(news[0].actual_start, local(1, 17, 15) + air.start_error());
}

}  // namespace
}  // namespace onair::conductor
