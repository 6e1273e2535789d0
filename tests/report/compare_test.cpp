// compare(): planned against aired. The counts an inspector reads are exact.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "ReportFixture.hpp"
#include "onair/report/Report.hpp"

namespace onair::report::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;

const scheduler::Period december{2026_y / date::December / 1, 2026_y / date::December / 31};

std::vector<std::string> described(const std::vector<RoleCount>& counts) {
    std::vector<std::string> lines;
    for (const RoleCount& c : counts) {
        lines.push_back(c.programme + " " + c.month + " " + c.role + " " + std::to_string(c.aired) +
                        "/" + std::to_string(c.planned) +
                        (c.upcoming ? " upcoming " + std::to_string(c.upcoming) : ""));
    }
    return lines;
}

std::vector<std::string> described(const std::vector<Row>& rows) {
    std::vector<std::string> lines;
    for (const Row& row : rows) {
        lines.push_back(row.programme + " " +
                        date::format("%d", zone().local_date(*row.planned_start)) + " " +
                        std::string(airlog::to_string(row.status)));
    }
    return lines;
}

class Compare : public ::testing::Test {
  protected:
    config::Station station_ = test_station();
    scheduler::Plan plan_ = test_plan(station_, december);
};

TEST_F(Compare, TheFixturesPlanHasThePremieresRerunsAndRelaysOfTheQuota) {
    ASSERT_FALSE(plan_.has_errors());
    std::vector<std::string> planned;
    for (const Airing& airing : plan_.airings) {
        if (airing.role != scheduler::Role::fill) {
            planned.push_back(airing.programme + " " +
                              date::format("%d %H:%M", zone().to_local(airing.start)) + " " +
                              std::string(scheduler::to_string(airing.role)));
        }
    }
    EXPECT_THAT(planned, ElementsAre("cds-thixa 01 17:15 premiere", "tinh-cds 05 06:00 relay",
                                     "cds-thixa 08 17:15 rerun",
                                     "phuong-pho-ninh 09 17:00 premiere", "tinh-cds 12 06:00 relay",
                                     "cds-thixa 15 17:15 rerun", "tinh-cds 19 06:00 relay",
                                     "cds-thixa 22 17:15 rerun", "tinh-cds 26 06:00 relay"));
}

TEST_F(Compare, AMonthWithEveryKindOfTroubleCountsExactly) {
    const Comparison result = compare(plan_, december_rows(plan_), zone());
    // Aired = matched rows aired, partial or joined; Dec 8's interrupted row and
    // the joined row after the restart are one airing.
    EXPECT_THAT(described(result.counts),
                ElementsAre("cds-thixa 2026-12 premiere 1/1", "cds-thixa 2026-12 rerun 2/3",
                            "phuong-pho-ninh 2026-12 premiere 1/1", "tinh-cds 2026-12 relay 2/4"));
    for (const RoleCount& count : result.counts) {
        EXPECT_EQ(count.upcoming, 0);
        EXPECT_EQ(count.shortfall(), count.planned - count.aired);
    }
    ASSERT_EQ(result.never_logged.size(), 1u);
    EXPECT_EQ(result.never_logged[0].programme, "tinh-cds");
    EXPECT_EQ(zone().local_date(result.never_logged[0].start),
              date::year_month_day{2026_y / date::December / 26});
    EXPECT_THAT(described(result.problems),
                ElementsAre("cds-thixa 08 interrupted", "cds-thixa 08 joined", "tinh-cds 12 joined",
                            "cds-thixa 15 failed", "tinh-cds 19 missed", "cds-thixa 22 partial"));
}

TEST_F(Compare, AirtimePerProgrammeCategoryAndOverallWithFillerOnItsOwnLine) {
    const Comparison result = compare(plan_, december_rows(plan_), zone());
    EXPECT_THAT(result.seconds_by_programme,
                ElementsAre(Pair("cds-thixa", 720 + 180 + 450 + 550), Pair("phuong-pho-ninh", 720),
                            Pair("thong-bao-bao", 300), Pair("tinh-cds", 1800 + 1670)));
    EXPECT_THAT(
        result.seconds_by_category,
        ElementsAre(Pair("", 300), Pair("chuyen-doi-so", 1900 + 3470), Pair("xa-phuong", 720)));
    EXPECT_DOUBLE_EQ(result.seconds_filler, 33 * 60 + 30 * 60);
    EXPECT_DOUBLE_EQ(result.seconds_total, 1900 + 3470 + 720 + 300 + 3780);
}

TEST_F(Compare, WithoutAnyRowEveryDueAiringIsNeverLoggedAndTheRestUpcoming) {
    // Mid-month report: the 16th at noon.
    const Comparison result = compare(plan_, {}, zone(), at(2026_y / date::December / 16, 12h));
    EXPECT_THAT(described(result.counts), ElementsAre("cds-thixa 2026-12 premiere 0/1",
                                                      "cds-thixa 2026-12 rerun 0/3 upcoming 1",
                                                      "phuong-pho-ninh 2026-12 premiere 0/1",
                                                      "tinh-cds 2026-12 relay 0/4 upcoming 2"));
    EXPECT_EQ(result.never_logged.size(), 1u + 2u + 1u + 2u);
    EXPECT_EQ(result.counts[1].shortfall(), 2);
    EXPECT_TRUE(result.problems.empty());
    EXPECT_EQ(result.seconds_total, 0);
}

TEST_F(Compare, ARowWhoseKeyTheCurrentPlanNoLongerHasMatchesTheSameProgrammeRoleAndDay) {
    // The ward programme was packed at 17:00 when the row was written; the
    // station file has changed since and it now starts at 17:00:30.
    const Airing& ninh = find_airing(plan_, "phuong-pho-ninh", 2026_y / date::December / 9);
    Airing then = ninh;
    then.start -= 30s;
    then.end -= 30s;
    Row moved = planned_row(then, Status::aired, 0ms, 12min);
    // Another day's stale key matches nothing.
    Airing elsewhere = ninh;
    elsewhere.start += date::days{1};
    elsewhere.end += date::days{1};
    Row stray = planned_row(elsewhere, Status::aired, 0ms, 12min);
    const Comparison result = compare(plan_, {moved, stray}, zone());
    EXPECT_THAT(described(result.counts)[2], "phuong-pho-ninh 2026-12 premiere 1/1");
    for (const Airing& airing : result.never_logged) {
        EXPECT_NE(airing.programme, "phuong-pho-ninh");
    }
    // Both count as airtime.
    EXPECT_THAT(result.seconds_by_programme, ElementsAre(Pair("phuong-pho-ninh", 2 * 720)));
}

TEST_F(Compare, FillerIsNoQuotaNorAProblem) {
    Row filler = unplanned_row("filler", "fill", at(2026_y / date::December / 2, 17h), 60min,
                               Status::failed);
    const Comparison result = compare(plan_, {filler}, zone());
    EXPECT_TRUE(result.problems.empty());
    EXPECT_TRUE(result.seconds_by_programme.empty());
    EXPECT_TRUE(result.seconds_by_category.empty());
    EXPECT_DOUBLE_EQ(result.seconds_filler, 3600);
    EXPECT_DOUBLE_EQ(result.seconds_total, 3600);
    for (const RoleCount& count : result.counts) {
        EXPECT_NE(count.role, "fill");
    }
}

TEST_F(Compare, EveryProblemStatusIsListedAndOnlyThose) {
    const Airing& cds = find_airing(plan_, "cds-thixa", 2026_y / date::December / 1);
    std::vector<Row> rows;
    for (const Status status :
         {Status::on_air, Status::aired, Status::partial, Status::joined, Status::failed,
          Status::missed, Status::skipped, Status::interrupted}) {
        rows.push_back(planned_row(cds, status, 0ms, 1min));
    }
    const Comparison result = compare(plan_, rows, zone());
    std::vector<std::string> statuses;
    for (const Row& row : result.problems) {
        statuses.push_back(std::string(airlog::to_string(row.status)));
    }
    EXPECT_THAT(statuses,
                ElementsAre("partial", "joined", "failed", "missed", "skipped", "interrupted"));
    EXPECT_EQ(described(result.counts)[0], "cds-thixa 2026-12 premiere 1/1");
}

TEST_F(Compare, OnlyMissedOrFailedRowsLeaveTheAiringShortButLogged) {
    const Airing& cds = find_airing(plan_, "cds-thixa", 2026_y / date::December / 1);
    for (const Status status :
         {Status::failed, Status::missed, Status::skipped, Status::interrupted, Status::on_air}) {
        const Comparison result = compare(plan_, {planned_row(cds, status, 0ms, 1min)}, zone());
        EXPECT_EQ(described(result.counts)[0], "cds-thixa 2026-12 premiere 0/1")
            << airlog::to_string(status);
        for (const Airing& airing : result.never_logged) {
            EXPECT_NE(airlog::plan_key(airing), airlog::plan_key(cds));
        }
    }
}

}  // namespace
}  // namespace onair::report::testing
