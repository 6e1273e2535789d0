// Opening a log that a previous process left with rows on air: those become
// interrupted, ending at the last sign of life; everything else is untouched.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include "../support/TempFolder.hpp"
#include "LogTestSupport.hpp"

#include <optional>
#include <string>
#include <vector>

namespace onair::airlog {
namespace {

using namespace onair::airlog::testing;
using onair::testing::TempFolder;
using ::testing::HasSubstr;

class ReopenTest : public ::testing::Test {
  protected:
    std::filesystem::path database() const { return folder.path() / "onair.db"; }

    TempFolder folder{"onair-airlog-reopen"};
};

TEST_F(ReopenTest, LeftoverOnAirRowEndsAtItsLastHeartbeat) {
    // Table: the heartbeats the previous process managed, and the end and note
    // the row gets. The planned item is 17:00-17:10.
    struct Case {
        std::string name;
        std::vector<TimePoint> heartbeats;
        TimePoint expected_end;
        std::string expected_note;
    };
    const TimePoint start = at(2026, 12, 1, 17, 0, 0, 400);
    const std::vector<Case> cases{
        {"no heartbeat",
         {},
         start,
         "the process stopped while it was on air (no heartbeat after its start at 17:00:00)"},
        {"heartbeats",
         {start + 5s, start + 90s + 250ms},
         start + 90s + 250ms,
         "the process stopped while it was on air (last seen 17:01:30)"},
        // Past the planned end: the heartbeat says it was still playing, and
        // that airtime is real (a late start, a relay running over).
        {"past planned end",
         {start + 9min, start + 12min},
         start + 12min,
         "the process stopped while it was on air (last seen 17:12:00)"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.name);
        TempFolder case_folder{"onair-airlog-leftover"};
        const auto path = case_folder.path() / "onair.db";
        {
            AsAiredLog log(path, settings());
            log.record_start(planned_start(airing("p", at(2026, 12, 1, 17, 0), 10min), start));
            for (const TimePoint beat : c.heartbeats) {
                log.heartbeat(beat);
            }
            // Destroyed without record_end: as far as the file knows, the process died.
        }
        CapturedLog logs;
        AsAiredLog reopened(path, settings());
        const std::vector<Row> rows = all_rows(path);
        ASSERT_EQ(rows.size(), 1u);
        EXPECT_EQ(rows[0].status, Status::interrupted);
        EXPECT_EQ(rows[0].actual_start, start);
        EXPECT_EQ(rows[0].actual_end, c.expected_end);
        EXPECT_EQ(rows[0].note, c.expected_note);
        EXPECT_EQ(logs.count("row 1 closed as interrupted: " + c.expected_note), 1) << logs.text();
    }
}

TEST_F(ReopenTest, RowsEndedProperlyAreUntouched) {
    const TimePoint start = at(2026, 12, 1, 17, 0);
    std::vector<Row> before;
    {
        AsAiredLog log(database(), settings());
        const std::int64_t aired =
            log.record_start(planned_start(airing("a", start, 10min), start + 1s));
        log.heartbeat(start + 5min);
        log.record_end(aired, start + 10min, Status::aired);
        const std::int64_t partial =
            log.record_start(planned_start(airing("b", start + 10min, 10min), start + 10min));
        log.record_end(partial, start + 15min, Status::partial, "preempted by emergency");
        log.record_missed(airing("c", start + 20min, 10min), "the daemon was not running");
        log.record_start(planned_start(airing("d", start + 30min, 10min), start + 30min));
        log.heartbeat(start + 31min);
        before = all_rows(database());
    }
    {
        CapturedLog logs;
        AsAiredLog reopened(database(), settings());
        const std::vector<Row> after = all_rows(database());
        ASSERT_EQ(after.size(), 4u);
        for (std::size_t i = 0; i < 3; ++i) {
            EXPECT_EQ(after[i], before[i]);
        }
        Row expected = before[3];
        expected.status = Status::interrupted;
        expected.actual_end = start + 31min;
        expected.note = "the process stopped while it was on air (last seen 17:31:00)";
        EXPECT_EQ(after[3], expected);
        EXPECT_EQ(logs.count("closed as interrupted"), 1);

        // New rows carry on after the old ones.
        EXPECT_EQ(reopened.record_missed(airing("e", start + 40min, 1min), "down"), 5);
    }
    // A second reopen finds nothing left to close.
    CapturedLog logs;
    const std::vector<Row> settled = all_rows(database());
    AsAiredLog again(database(), settings());
    EXPECT_EQ(all_rows(database()), settled);
    EXPECT_EQ(logs.count("closed as interrupted"), 0);
    EXPECT_EQ(query_text(database(), "PRAGMA integrity_check"), "ok");
}

TEST_F(ReopenTest, EveryRowLeftOnAirIsClosed) {
    // Two at once: an emergency started over a programme that was still playing.
    const TimePoint start = at(2026, 12, 1, 17, 0);
    {
        AsAiredLog log(database(), settings());
        log.record_start(planned_start(airing("a", start, 10min), start));
        StartRecord emergency;
        emergency.actual_start = start + 2min;
        emergency.programme = "khan-cap";
        emergency.role = "emergency";
        log.record_start(emergency);
        log.heartbeat(start + 3min);
    }
    CapturedLog logs;
    AsAiredLog reopened(database(), settings());
    const std::vector<Row> rows = all_rows(database());
    ASSERT_EQ(rows.size(), 2u);
    for (const Row& row : rows) {
        EXPECT_EQ(row.status, Status::interrupted);
        EXPECT_EQ(row.actual_end, start + 3min);
    }
    EXPECT_EQ(logs.count("closed as interrupted"), 2);
}

TEST_F(ReopenTest, NotesUseTheConfiguredZone) {
    const TimePoint start = at(2026, 12, 1, 17, 0);  // 10:00 UTC
    {
        AsAiredLog log(database(), settings());
        log.record_start(planned_start(airing("p", start, 10min), start));
        log.heartbeat(start + 2min);
    }
    LogSettings utc = settings();
    utc.time_zone = "UTC";
    CapturedLog logs;
    AsAiredLog reopened(database(), utc);
    EXPECT_THAT(all_rows(database())[0].note, HasSubstr("(last seen 10:02:00)"));
}

TEST_F(ReopenTest, UnknownZoneIsALogError) {
    LogSettings bad = settings();
    bad.time_zone = "Asia/Hanoi_City";
    EXPECT_THROW(AsAiredLog(database(), bad), LogError);
}

}  // namespace
}  // namespace onair::airlog
