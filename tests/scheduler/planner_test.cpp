// The recurrence rules of make_plan (monthly, quarterly, weekly, once, reruns,
// from/until/except), checked on small stations written as YAML and a fake
// media catalog. Packing, conflicts, media and DST: planner_windows_test.cpp.

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

TEST(Planner, MonthlyPremiereAndThreeRerunsOnTheSameWeekday) {
    const auto plan = plan_of(station_yaml(R"(programmes:
  - id: cds-thixa
    title: "Chuyên mục Chuyển đổi số thị xã"
    category: chuyen-doi-so
    source: { file: "cds/{yyyy}-{mm}.mp3" }
    max_duration: 15m
    monthly:
      premiere: { week: 1, day: tue, at: "17:15" }
      reruns: 3
)"),
                              2026_y / 12 / 1, 2026_y / 12 / 31);
    ASSERT_FALSE(plan.has_errors()) << errors(plan);
    EXPECT_EQ(starts(plan),
              (std::vector<std::string>{"2026-12-01T17:15:00+07:00", "2026-12-08T17:15:00+07:00",
                                        "2026-12-15T17:15:00+07:00", "2026-12-22T17:15:00+07:00"}));
    ASSERT_EQ(plan.airings.size(), 4u);
    EXPECT_EQ(plan.airings[0].role, Role::premiere);
    for (std::size_t i = 1; i < 4; ++i) {
        EXPECT_EQ(plan.airings[i].role, Role::rerun);
    }
    for (const Airing& airing : plan.airings) {
        EXPECT_EQ(airing.source, "cds/2026-12.mp3");
        EXPECT_EQ(airing.episode, "2026-12");
        EXPECT_EQ(airing.window, "evening");
        EXPECT_EQ(airing.title, "Chuyên mục Chuyển đổi số thị xã");
        EXPECT_TRUE(airing.fixed);
        EXPECT_TRUE(airing.media_ok);
        EXPECT_EQ(airing.end - airing.start, 12min);  // the media's own length
    }
}

TEST(Planner, MaxDurationCapsLongMedia) {
    FakeMediaCatalog media;
    media.set_length("/media/cds/2026-12.mp3", 20min);
    const auto plan = plan_of(station_yaml(R"(programmes:
  - id: cds
    title: T
    source: { file: "cds/{yyyy}-{mm}.mp3" }
    max_duration: 15m
    monthly: { premiere: { week: 1, day: tue, at: "17:00" } }
)"),
                              2026_y / 12 / 1, 2026_y / 12 / 31, media);
    ASSERT_FALSE(plan.has_errors()) << errors(plan);
    ASSERT_EQ(plan.airings.size(), 1u);
    EXPECT_EQ(plan.airings[0].end - plan.airings[0].start, 15min);
}

struct NthWeekdayCase {
    const char* week;
    const char* day;
    date::year_month month;
    const char* expected_start;  // empty: the month has no such day
};

class NthWeekday : public ::testing::TestWithParam<NthWeekdayCase> {};

TEST_P(NthWeekday, PicksTheRightDateOrSaysTheMonthHasNone) {
    const auto& c = GetParam();
    const auto plan = plan_of(station_yaml(std::string(R"(programmes:
  - id: p
    title: T
    source: { file: "p.mp3" }
    monthly: { premiere: { week: )") + c.week +
                                           ", day: " + c.day +
                                           R"(, at: "17:00" } }
)"),
                              c.month / 1, c.month / date::last);
    if (std::string(c.expected_start).empty()) {
        ASSERT_TRUE(plan.has_errors());
        EXPECT_THAT(errors(plan), HasSubstr(date::format("%Y-%m", c.month / 1) + " has no"));
        EXPECT_THAT(errors(plan), HasSubstr("test.yaml:"));
    } else {
        ASSERT_FALSE(plan.has_errors()) << errors(plan);
        EXPECT_EQ(starts(plan), std::vector<std::string>{c.expected_start});
    }
}

INSTANTIATE_TEST_SUITE_P(
    Table, NthWeekday,
    ::testing::Values(
        NthWeekdayCase{"1", "tue", 2026_y / 12, "2026-12-01T17:00:00+07:00"},
        NthWeekdayCase{"2", "tue", 2026_y / 12, "2026-12-08T17:00:00+07:00"},
        NthWeekdayCase{"5", "tue", 2026_y / 12, "2026-12-29T17:00:00+07:00"},
        NthWeekdayCase{"5", "wed", 2026_y / 12, "2026-12-30T17:00:00+07:00"},
        NthWeekdayCase{"5", "fri", 2026_y / 12, ""},  // December 2026 has four Fridays
        NthWeekdayCase{"last", "thu", 2026_y / 12, "2026-12-31T17:00:00+07:00"},
        NthWeekdayCase{"last", "fri", 2026_y / 12, "2026-12-25T17:00:00+07:00"},
        NthWeekdayCase{"last", "sun", 2027_y / 2, "2027-02-28T17:00:00+07:00"},
        NthWeekdayCase{"5", "tue", 2028_y / 2, "2028-02-29T17:00:00+07:00"},  // leap year
        NthWeekdayCase{"5", "tue", 2027_y / 2, ""},  // February 2027 has exactly four of each
        NthWeekdayCase{"4", "mon", 2027_y / 2, "2027-02-22T17:00:00+07:00"},
        NthWeekdayCase{"1", "sun", 2027_y / 8, "2027-08-01T17:00:00+07:00"},
        NthWeekdayCase{"last", "tue", 2028_y / 2, "2028-02-29T17:00:00+07:00"}));

TEST(Planner, RerunsThatNeedAFifthWeekAreAnErrorNamingTheMonth) {
    const std::string yaml = station_yaml(R"(programmes:
  - id: town
    title: T
    source: { file: "t/{yyyy}-{mm}.mp3" }
    monthly:
      premiere: { week: 2, day: tue, at: "17:15" }
      reruns: 3
)");
    // December 2026 has five Tuesdays: 8, 15, 22, 29 fit.
    const auto december = plan_of(yaml, 2026_y / 12 / 1, 2026_y / 12 / 31);
    ASSERT_FALSE(december.has_errors()) << errors(december);
    EXPECT_EQ(starts(december).back(), "2026-12-29T17:15:00+07:00");
    // January 2027 has four: the third rerun would be on 2027-02-02.
    const auto january = plan_of(yaml, 2027_y / 1 / 1, 2027_y / 1 / 31);
    ASSERT_TRUE(january.has_errors());
    const std::string text = errors(january);
    EXPECT_THAT(text, HasSubstr("\"town\""));
    EXPECT_THAT(text, HasSubstr("2027-01"));
    EXPECT_THAT(text, HasSubstr("tue 2027-02-02"));
    EXPECT_THAT(text, HasSubstr("list the reruns explicitly"));
    EXPECT_THAT(text, HasSubstr("/stations/test.yaml:"));
}

TEST(Planner, ListedRerunsInheritWhatTheyDoNotSay) {
    const auto plan = plan_of(station_yaml(R"(programmes:
  - id: town
    title: T
    source: { file: "t/{yyyy}-{mm}.mp3" }
    monthly:
      premiere: { week: 1, day: tue, at: "17:15" }
      reruns:
        - { week: 3 }
        - { week: 3, day: sat, at: "06:00" }
        - { days_after: 1, at: "05:45" }
)"),
                              2026_y / 12 / 1, 2026_y / 12 / 31);
    ASSERT_FALSE(plan.has_errors()) << errors(plan);
    EXPECT_EQ(starts(plan),
              (std::vector<std::string>{"2026-12-01T17:15:00+07:00", "2026-12-02T05:45:00+07:00",
                                        "2026-12-15T17:15:00+07:00", "2026-12-19T06:00:00+07:00"}));
}

TEST(Planner, DaysAfterRerunKeepsThePremieresEpisodeAcrossTheMonthEnd) {
    const auto plan = plan_of(station_yaml(R"(programmes:
  - id: town
    title: T
    source: { file: "t/{yyyy}-{mm}.mp3" }
    monthly:
      premiere: { week: last, day: mon, at: "17:15" }
      reruns: [ { days_after: 1, at: "05:45" } ]
)"),
                              2026_y / 12 / 1, 2026_y / 12 / 31);
    ASSERT_FALSE(plan.has_errors()) << errors(plan);
    // November's last Monday is the 30th; its rerun on 1 December is in December's plan.
    ASSERT_EQ(plan.airings.size(), 3u);
    EXPECT_EQ(starts(plan)[0], "2026-12-01T05:45:00+07:00");
    EXPECT_EQ(plan.airings[0].episode, "2026-11");
    EXPECT_EQ(plan.airings[0].source, "t/2026-11.mp3");
    EXPECT_EQ(plan.airings[0].role, Role::rerun);
    EXPECT_EQ(plan.airings[1].episode, "2026-12");  // 28 Dec premiere, 29 Dec rerun
    EXPECT_EQ(starts(plan)[2], "2026-12-29T05:45:00+07:00");
}

TEST(Planner, RerunBeforeItsPremiereIsAnError) {
    const auto plan = plan_of(station_yaml(R"(programmes:
  - id: town
    title: T
    source: { file: "t.mp3" }
    monthly:
      premiere: { week: 2, day: tue, at: "17:15" }
      reruns: [ { week: 1 } ]
)"),
                              2026_y / 12 / 1, 2026_y / 12 / 31);
    EXPECT_THAT(errors(plan), HasSubstr("not after its premiere"));
}

TEST(Planner, QuarterlyPremiereInTheChosenMonthOfEachQuarter) {
    const auto plan = plan_of(station_yaml(R"(programmes:
  - id: phuong-pho-ninh
    title: "Chương trình phường Phổ Ninh"
    source: { file: "xa/pho-ninh/{yyyy}-q{q}.mp3" }
    max_duration: 15m
    quarterly:
      premiere: { month: 2, week: 2, day: wed, window: evening }
)"),
                              2026_y / 1 / 1, 2026_y / 12 / 31);
    ASSERT_FALSE(plan.has_errors()) << errors(plan);
    // Feb, May, Aug, Nov: the second Wednesday, packed at the evening window's start.
    EXPECT_EQ(starts(plan),
              (std::vector<std::string>{"2026-02-11T17:00:00+07:00", "2026-05-13T17:00:00+07:00",
                                        "2026-08-12T17:00:00+07:00", "2026-11-11T17:00:00+07:00"}));
    EXPECT_EQ(plan.airings[3].episode, "2026-Q4");
    EXPECT_EQ(plan.airings[3].source, "xa/pho-ninh/2026-q4.mp3");
    EXPECT_FALSE(plan.airings[3].fixed);
}

TEST(Planner, QuarterlyRerunsByCountMayCrossMonthsButNotTheQuarter) {
    const std::string yaml = station_yaml(R"(programmes:
  - id: q
    title: T
    source: { file: "q.mp3" }
    quarterly:
      premiere: { month: 3, week: 4, day: mon, at: "17:00" }
      reruns: 1
)");
    // 4th Monday of June 2027 is the 28th; +7 days is 5 July, next quarter.
    const auto plan = plan_of(yaml, 2027_y / 4 / 1, 2027_y / 6 / 30);
    EXPECT_THAT(errors(plan), HasSubstr("quarter 2027-Q2"));
    // 4th Monday of September 2027 is the 27th; the rerun would be 4 October.
    const auto q3 = plan_of(yaml, 2027_y / 7 / 1, 2027_y / 9 / 30);
    EXPECT_THAT(errors(q3), HasSubstr("mon 2027-10-04"));
    // 4th Monday of March 2027 is the 22nd; the rerun on the 29th stays in Q1.
    const auto q1 = plan_of(yaml, 2027_y / 1 / 1, 2027_y / 3 / 31);
    ASSERT_FALSE(q1.has_errors()) << errors(q1);
    EXPECT_EQ(starts(q1),
              (std::vector<std::string>{"2027-03-22T17:00:00+07:00", "2027-03-29T17:00:00+07:00"}));
}

TEST(Planner, WeeklyEpisodesUseIsoWeeksAcrossTheNewYear) {
    const auto plan = plan_of(station_yaml(R"(programmes:
  - id: tinh-cds
    title: "Chuyển đổi số — tiếp sóng"
    source: { relay: "http://127.0.0.1:8000/tinh.mp3", fallback: "tinh/{yyyy}-w{ww}.mp3" }
    duration: 30m
    weekly: { day: mon, at: "06:00" }
  - id: friday
    title: F
    source: { file: "f/{yyyy}-w{ww}-{mm}{dd}.mp3" }
    weekly: { day: fri, at: "17:00" }
)"),
                              2025_y / 12 / 29, 2027_y / 1 / 3);
    ASSERT_FALSE(plan.has_errors()) << errors(plan);
    ASSERT_FALSE(plan.airings.empty());
    const Airing& first = plan.airings.front();  // Monday 2025-12-29 is ISO week 2026-W01
    EXPECT_EQ(first.role, Role::relay);
    EXPECT_EQ(first.episode, "2026-W01");
    EXPECT_EQ(first.fallback, "tinh/2026-w01.mp3");
    EXPECT_EQ(first.source, "http://127.0.0.1:8000/tinh.mp3");
    EXPECT_EQ(first.end - first.start, 30min);
    const Airing& last = plan.airings.back();  // Friday 2027-01-01 is ISO week 2026-W53
    EXPECT_EQ(last.programme, "friday");
    EXPECT_EQ(last.episode, "2026-W53");
    EXPECT_EQ(last.source, "f/2026-w53-0101.mp3");
}

TEST(Planner, WeeklyEveryNthWeekCountsFromTheProgrammesFromDate) {
    const auto plan = plan_of(station_yaml(R"(programmes:
  - id: fortnightly
    title: T
    from: 2026-12-02
    source: { file: "x.mp3" }
    weekly: { day: sat, at: "06:00", every: 2 }
)"),
                              2026_y / 11 / 1, 2027_y / 1 / 31);
    ASSERT_FALSE(plan.has_errors()) << errors(plan);
    EXPECT_EQ(starts(plan),
              (std::vector<std::string>{"2026-12-05T06:00:00+07:00", "2026-12-19T06:00:00+07:00",
                                        "2027-01-02T06:00:00+07:00", "2027-01-16T06:00:00+07:00",
                                        "2027-01-30T06:00:00+07:00"}));
}

TEST(Planner, FromUntilAndExceptLimitTheDates) {
    const auto plan = plan_of(station_yaml(R"(programmes:
  - id: news
    title: "Bản tin"
    from: 2026-12-03
    until: 2026-12-10
    except: [2026-12-05, 2026-12-07]
    source: { file: "news/{yyyy}{mm}{dd}.mp3" }
    daily: { at: "05:30", days: [mon, tue, wed, thu, fri, sat] }
)"),
                              2026_y / 12 / 1, 2026_y / 12 / 31);
    ASSERT_FALSE(plan.has_errors()) << errors(plan);
    // 3 (thu), 4 (fri), [5 sat except], [6 sun], [7 mon except], 8, 9, 10.
    EXPECT_EQ(starts(plan),
              (std::vector<std::string>{"2026-12-03T05:30:00+07:00", "2026-12-04T05:30:00+07:00",
                                        "2026-12-08T05:30:00+07:00", "2026-12-09T05:30:00+07:00",
                                        "2026-12-10T05:30:00+07:00"}));
    EXPECT_EQ(plan.airings[0].role, Role::daily);
    EXPECT_EQ(plan.airings[0].episode, "2026-12-03");
    EXPECT_EQ(plan.airings[0].source, "news/20261203.mp3");
}

TEST(Planner, OnceAiringsAtTheirDates) {
    const auto plan = plan_of(station_yaml(R"(programmes:
  - id: special
    title: "Tết"
    source: { file: "special.mp3" }
    once: ["2026-12-31T17:30", "2027-01-01T06:00:30"]
)"),
                              2026_y / 12 / 1, 2027_y / 1 / 31);
    ASSERT_FALSE(plan.has_errors()) << errors(plan);
    EXPECT_EQ(starts(plan),
              (std::vector<std::string>{"2026-12-31T17:30:00+07:00", "2027-01-01T06:00:30+07:00"}));
    EXPECT_EQ(plan.airings[1].role, Role::once);
    EXPECT_EQ(plan.airings[1].window, "morning");
}

}  // namespace
}  // namespace onair::scheduler
