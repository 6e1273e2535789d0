// Packing, conflicts, media and DST handling of make_plan, checked on small
// stations written as YAML and a fake media catalog. The recurrence rules:
// planner_test.cpp.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "PlannerTestStations.hpp"
#include "onair/scheduler/PlanFormat.hpp"

namespace onair::scheduler {
namespace {

using ::testing::HasSubstr;
using namespace std::chrono_literals;
using namespace date::literals;
using namespace testing;  // onair::scheduler::testing: PlannerTestStations.hpp

TEST(Planner, PackedAiringsFlowAroundFixedOnesAndFillerFillsTheRest) {
    FakeMediaCatalog media;
    media.set_length("/media/a.mp3", 10min);
    media.set_length("/media/b.mp3", 12min);
    media.set_length("/media/c.mp3", 5min);
    media.set_length("/media/fixed.mp3", 15min);
    const auto plan = plan_of(station_yaml(R"(filler: { folder: filler, title: "Nhạc" }
programmes:
  - id: a
    title: A
    source: { file: "a.mp3" }
    daily: { window: evening, days: [wed] }
  - id: b
    title: B
    priority: 5
    source: { file: "b.mp3" }
    daily: { window: evening, days: [wed] }
  - id: c
    title: C
    source: { file: "c.mp3" }
    daily: { window: evening, days: [wed] }
  - id: fixed
    title: Fixed
    source: { file: "fixed.mp3" }
    daily: { at: "17:15", days: [wed] }
)"),
                              2026_y / 12 / 2, 2026_y / 12 / 2, media);
    ASSERT_FALSE(plan.has_errors()) << errors(plan);
    StationTimeZone tz("Asia/Ho_Chi_Minh");
    std::vector<std::string> got;
    for (const Airing& airing : plan.airings) {
        got.push_back(airing.programme + " " + tz.format_iso(airing.start).substr(11, 5) + "-" +
                      tz.format_iso(airing.end).substr(11, 5));
    }
    // b (priority 5) first; a (10 min) would overlap "fixed" at 17:15 so it flows
    // after it; c follows a. Filler fills the morning and the gaps.
    EXPECT_EQ(got,
              (std::vector<std::string>{"filler 05:30-06:30", "b 17:00-17:12", "filler 17:12-17:15",
                                        "fixed 17:15-17:30", "a 17:30-17:40", "c 17:40-17:45",
                                        "filler 17:45-18:00"}));
    EXPECT_EQ(plan.airings[0].role, Role::fill);
    EXPECT_EQ(plan.airings[0].title, "Nhạc");
    EXPECT_EQ(plan.airings[0].source, "filler");
}

TEST(Planner, OverlappingFixedAiringsNameBothProgrammesAndTheAmount) {
    const auto plan = plan_of(station_yaml(R"(programmes:
  - id: first
    title: A
    source: { file: "a.mp3" }
    daily: { at: "17:15" }
  - id: second
    title: B
    source: { file: "b.mp3" }
    weekly: { day: tue, at: "17:20" }
)"),
                              2026_y / 12 / 1, 2026_y / 12 / 1);
    ASSERT_TRUE(plan.has_errors());
    const std::string text = errors(plan);
    EXPECT_THAT(text, HasSubstr("\"first\""));
    EXPECT_THAT(text, HasSubstr("\"second\""));
    EXPECT_THAT(text, HasSubstr("tue 2026-12-01"));
    EXPECT_THAT(text, HasSubstr("17:15–17:27"));
    EXPECT_THAT(text, HasSubstr("by 7m"));
}

TEST(Planner, AiringOutsideEveryWindowOpenThatDayIsAnError) {
    const auto plan = plan_of(
        station_yaml(R"(programmes:
  - id: sunday
    title: S
    source: { file: "s.mp3" }
    weekly: { day: sun, at: "17:10" }
)",
                     "Asia/Ho_Chi_Minh",
                     "  morning: { start: \"05:30\", end: \"06:30\" }\n"
                     "  evening: { start: \"17:00\", end: \"18:00\", days: [mon, tue, wed, thu, "
                     "fri, sat] }\n"),
        2026_y / 12 / 1, 2026_y / 12 / 7);
    ASSERT_TRUE(plan.has_errors());
    EXPECT_THAT(errors(plan), HasSubstr("\"sunday\""));
    EXPECT_THAT(errors(plan), HasSubstr("sun 2026-12-06"));
    EXPECT_THAT(errors(plan), HasSubstr("outside every window"));
}

TEST(Planner, FixedAiringRunningPastItsWindowIsAnError) {
    FakeMediaCatalog media;
    media.set_length("/media/long.mp3", 20min);
    const auto plan = plan_of(station_yaml(R"(programmes:
  - id: long
    title: L
    source: { file: "long.mp3" }
    once: ["2026-12-01T17:45"]
)"),
                              2026_y / 12 / 1, 2026_y / 12 / 1, media);
    EXPECT_THAT(errors(plan), HasSubstr("runs past the end of window \"evening\" (18:00) by 5m"));
}

TEST(Planner, OverfullWindowNamesTheWindowDateAmountAndWhatDoesNotFit) {
    FakeMediaCatalog media;
    media.set_length("/media/w.mp3", 25min);
    const auto plan = plan_of(station_yaml(R"(programmes:
  - id: w1
    title: W
    source: { file: "w.mp3" }
    daily: { window: evening }
  - id: w2
    title: W
    source: { file: "w.mp3" }
    daily: { window: evening }
  - id: w3
    title: W
    source: { file: "w.mp3" }
    daily: { window: evening }
)"),
                              2026_y / 12 / 9, 2026_y / 12 / 9, media);
    ASSERT_TRUE(plan.has_errors());
    const std::string text = errors(plan);
    EXPECT_THAT(text, HasSubstr("window \"evening\" on wed 2026-12-09"));
    EXPECT_THAT(text, HasSubstr("overfull by 15m"));
    EXPECT_THAT(text, HasSubstr("\"w3\" 17:50–18:15"));
    EXPECT_THAT(text, ::testing::Not(HasSubstr("\"w1\"")));
    // The airings are still listed, never silently dropped.
    EXPECT_EQ(plan.airings.size(), 3u);
}

TEST(Planner, MissingAndUnreadableMediaAreFlaggedNotErrors) {
    FakeMediaCatalog media;
    media.set_missing("/media/cds/2026-12.mp3");
    media.set_unreadable("/media/tinh/2026-w49.mp3", "not an audio file");
    media.set_empty_folder("/media/filler");
    const auto plan = plan_of(station_yaml(R"(filler: { folder: filler }
programmes:
  - id: cds
    title: C
    source: { file: "cds/{yyyy}-{mm}.mp3" }
    max_duration: 15m
    monthly: { premiere: { week: 1, day: tue, at: "17:15" } }
  - id: tinh
    title: T
    source: { relay: "http://127.0.0.1:8000/t.mp3", fallback: "tinh/{yyyy}-w{ww}.mp3" }
    duration: 30m
    weekly: { day: sat, at: "06:00" }
)"),
                              2026_y / 12 / 1, 2026_y / 12 / 5, media);
    ASSERT_FALSE(plan.has_errors()) << errors(plan);
    int checked = 0;
    for (const Airing& airing : plan.airings) {
        EXPECT_FALSE(airing.media_ok) << airing.programme;
        if (airing.programme == "cds") {
            EXPECT_EQ(airing.media_note, "missing file /media/cds/2026-12.mp3");
            EXPECT_EQ(airing.end - airing.start, 15min);  // max_duration reserves the slot
            ++checked;
        } else if (airing.programme == "tinh") {
            EXPECT_EQ(airing.media_note,
                      "unreadable file /media/tinh/2026-w49.mp3: not an audio file");
            ++checked;
        } else {
            EXPECT_EQ(airing.media_note, "folder /media/filler is empty or missing");
        }
    }
    EXPECT_EQ(checked, 2);
}

TEST(Planner, DstGapMovesTheTimeForwardAndWarns) {
    const auto plan =
        plan_of(station_yaml(R"(programmes:
  - id: night
    title: N
    source: { file: "n.mp3" }
    daily: { at: "02:30" }
)",
                             "America/New_York", "  night: { start: \"01:00\", end: \"04:00\" }\n"),
                2027_y / 3 / 13, 2027_y / 3 / 15);
    ASSERT_FALSE(plan.has_errors()) << errors(plan);
    EXPECT_EQ(starts(plan, "America/New_York"),
              (std::vector<std::string>{"2027-03-13T02:30:00-05:00", "2027-03-14T03:30:00-04:00",
                                        "2027-03-15T02:30:00-04:00"}));
    EXPECT_THAT(errors(plan), HasSubstr("does not exist in America/New_York"));
    EXPECT_THAT(errors(plan), HasSubstr("warning:"));
}

TEST(Planner, DstFoldTakesTheFirstOccurrenceAndWarns) {
    const auto plan =
        plan_of(station_yaml(R"(programmes:
  - id: night
    title: N
    source: { file: "n.mp3" }
    daily: { at: "01:30" }
)",
                             "America/New_York", "  night: { start: \"01:00\", end: \"04:00\" }\n"),
                2027_y / 11 / 7, 2027_y / 11 / 7);
    ASSERT_FALSE(plan.has_errors()) << errors(plan);
    EXPECT_EQ(starts(plan, "America/New_York"),
              std::vector<std::string>{"2027-11-07T01:30:00-04:00"});
    EXPECT_THAT(errors(plan), HasSubstr("happens twice"));
}

TEST(Planner, WindowOnASpringForwardDayIsAnHourShorter) {
    FakeMediaCatalog media(50min);
    const std::string yaml =
        station_yaml(R"(programmes:
  - id: a
    title: A
    source: { file: "a.mp3" }
    daily: { window: night }
  - id: b
    title: B
    source: { file: "b.mp3" }
    daily: { window: night }
  - id: c
    title: C
    source: { file: "c.mp3" }
    daily: { window: night }
)",
                     "Europe/Berlin", "  night: { start: \"01:00\", end: \"04:00\" }\n");
    // 150 minutes fit in 3 hours, but 2027-03-28 02:00 → 03:00 leaves two.
    const auto normal = plan_of(yaml, 2027_y / 3 / 27, 2027_y / 3 / 27, media);
    EXPECT_FALSE(normal.has_errors()) << errors(normal);
    const auto short_day = plan_of(yaml, 2027_y / 3 / 28, 2027_y / 3 / 28, media);
    EXPECT_THAT(errors(short_day), HasSubstr("overfull by 30m"));
}

TEST(Planner, PlanForAMonthRoundTripsThroughJson) {
    FakeMediaCatalog media;
    media.set_length("/media/xa/a/2026-q4.mp3", std::chrono::milliseconds{612'345});
    media.set_missing("/media/cds/2026-12.mp3");
    const auto station = station_of(station_yaml(R"(filler: { folder: filler }
programmes:
  - id: cds
    title: "Chuyên mục \"Chuyển đổi số\", thị xã"
    category: chuyen-doi-so
    source: { file: "cds/{yyyy}-{mm}.mp3" }
    max_duration: 15m
    monthly: { premiere: { week: 1, day: tue, at: "17:15" }, reruns: 3 }
  - id: tinh
    title: "Tiếp sóng tỉnh"
    source: { relay: "http://127.0.0.1:8000/t.mp3", fallback: "tinh/{yyyy}-w{ww}.mp3" }
    duration: 30m
    weekly: { day: sat, at: "06:00" }
  - id: xa-a
    title: "Phường A"
    source: { file: "xa/a/{yyyy}-q{q}.mp3" }
    quarterly: { premiere: { month: 3, week: 2, day: wed, window: evening }, reruns: [ { days_after: 1, window: morning } ] }
)"));
    const auto plan = make_plan(station, month_period(2026_y / 12), media);
    ASSERT_FALSE(plan.has_errors()) << errors(plan);
    ASSERT_GT(plan.airings.size(), 60u);
    StationTimeZone tz(station.timezone);
    const std::string json = format_plan_json(plan.airings, tz);
    EXPECT_EQ(parse_plan_json(json), plan.airings);
    EXPECT_EQ(format_plan_json(parse_plan_json(json), tz), json);
}

TEST(Planner, ProbesEachAiringsMediaThroughTheCatalog) {
    FakeMediaCatalog media;
    const auto plan = plan_of(station_yaml(R"(programmes:
  - id: cds
    title: C
    source: { file: "cds/{yyyy}-{mm}.mp3" }
    monthly: { premiere: { week: 1, day: tue, at: "17:15" }, reruns: 3 }
)"),
                              2026_y / 12 / 1, 2026_y / 12 / 31, media);
    EXPECT_EQ(media.probes, 4);  // caching belongs to CachingMediaCatalog, not the planner
}

}  // namespace
}  // namespace onair::scheduler

namespace onair::scheduler {
namespace {

TEST(Planner, ADailyConflictReadsAsThreeExamplesAndACount) {
    const auto plan = plan_of(station_yaml(R"(programmes:
  - id: first
    title: A
    source: { file: "a.mp3" }
    daily: { at: "17:15" }
  - id: second
    title: B
    source: { file: "b.mp3" }
    daily: { at: "17:20" }
)"),
                              date::year{2026} / 12 / 1, date::year{2026} / 12 / 31);
    ASSERT_EQ(plan.diagnostics.size(), 4u) << errors(plan);
    for (int i = 0; i < 3; ++i) {
        EXPECT_THAT(plan.diagnostics[i].message, HasSubstr("overlap on"));
    }
    EXPECT_EQ(plan.diagnostics[3].message,
              "programme \"first\" (daily) and programme \"second\" (daily) overlap on 28 more "
              "days too, the last on thu 2026-12-31");
    EXPECT_EQ(plan.diagnostics[3].severity, config::Severity::error);
}

}  // namespace
}  // namespace onair::scheduler

namespace onair::scheduler {
namespace {

TEST(Planner, APackedAiringInAWindowClosedThatDayIsAnError) {
    const auto plan = plan_of(
        station_yaml(R"(programmes:
  - id: news
    title: N
    source: { file: "n.mp3" }
    daily: { window: evening }
)",
                     "Asia/Ho_Chi_Minh",
                     "  evening: { start: \"17:00\", end: \"18:00\", days: [mon, tue, wed, thu, "
                     "fri, sat] }\n"),
        date::year{2026} / 12 / 1, date::year{2026} / 12 / 13);
    ASSERT_TRUE(plan.has_errors());
    const std::string text = errors(plan);
    EXPECT_THAT(text, HasSubstr("programme \"news\" (daily) on sun 2026-12-06: window \"evening\" "
                                "is closed that day"));
    EXPECT_THAT(text, HasSubstr("sun 2026-12-13"));
    // The days it is open are planned as usual.
    EXPECT_EQ(plan.airings.size(), 11u);
}

}  // namespace
}  // namespace onair::scheduler
