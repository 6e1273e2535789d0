// When the database cannot be written (disk full, locked by someone else), the
// daemon keeps playing: record_*() do not throw, rows wait in memory in order,
// the trouble is logged once, and everything is written when it clears.
// Tests run as root, so permissions cannot make a file unwritable: the disk
// fills up through DiskFullVfs, and a second connection holds the write lock.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include "../support/TempFolder.hpp"
#include "DiskFullVfs.hpp"
#include "LogTestSupport.hpp"

#include <chrono>
#include <string>
#include <vector>

namespace onair::airlog {
namespace {

using namespace onair::airlog::testing;
using onair::testing::TempFolder;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::vector<std::int64_t> ids_of(const std::vector<Row>& rows) {
    std::vector<std::int64_t> ids;
    for (const Row& row : rows) {
        ids.push_back(row.id);
    }
    return ids;
}

class FailureTest : public ::testing::Test {
  protected:
    std::filesystem::path database() const { return folder.path() / "onair.db"; }

    TempFolder folder{"onair-airlog-failure"};
    // Before any log: the log's connection must go through it, and it must
    // outlive the log; the captured logger too.
    DiskFullVfs disk;
    CapturedLog logs;
    const TimePoint start = at(2026, 12, 1, 17, 0);
    const TimePoint day = at(2026, 12, 1, 0, 0);
    const TimePoint next_day = at(2026, 12, 2, 0, 0);
};

TEST_F(FailureTest, DiskFullKeepsRowsInMemoryAndWritesThemInOrderLater) {
    AsAiredLog log(database(), settings());
    const std::int64_t first = log.record_start(planned_start(airing("a", start, 10min), start));
    log.record_end(first, start + 10min, Status::aired);
    ASSERT_TRUE(log.health().writable);

    disk.set_full(true);
    // The item still goes on air: no exception, and its id is final already.
    std::int64_t second = 0;
    ASSERT_NO_THROW(
        second = log.record_start(planned_start(airing("b", start + 10min, 10min), start + 10min)));
    EXPECT_EQ(second, first + 1);
    Health health = log.health();
    EXPECT_FALSE(health.writable);
    EXPECT_EQ(health.pending, 1u);
    EXPECT_THAT(health.last_error, HasSubstr("full"));
    EXPECT_GT(disk.refused_writes(), 0);

    log.heartbeat(start + 15min);
    log.record_end(second, start + 20min, Status::partial, "faded at window end");
    const std::int64_t missed = log.record_missed(airing("c", start + 20min, 5min), "down");
    StartRecord emergency;
    emergency.actual_start = start + 25min;
    emergency.programme = "khan-cap";
    emergency.title = "Cảnh báo lũ quét";
    emergency.role = "emergency";
    const std::int64_t fourth = log.record_start(emergency);
    log.heartbeat(start + 26min);
    EXPECT_THAT(std::vector<std::int64_t>({second, missed, fourth}),
                ElementsAre(first + 1, first + 2, first + 3));
    EXPECT_FALSE(log.retry_pending());
    health = log.health();
    EXPECT_FALSE(health.writable);
    EXPECT_EQ(health.pending, 3u);  // one change per row: b (ended), c, and the emergency

    // Queries see the pending rows, merged in time order with the written one.
    const std::vector<Row> pending_view = log.rows_between(day, next_day);
    EXPECT_THAT(ids_of(pending_view), ElementsAre(first, second, missed, fourth));
    EXPECT_EQ(pending_view[1].status, Status::partial);
    EXPECT_EQ(pending_view[1].actual_end, start + 20min);
    EXPECT_EQ(pending_view[3].status, Status::on_air);
    // A reader sees only what is written.
    EXPECT_THAT(ids_of(all_rows(database())), ElementsAre(first));

    // Logged once, not once per call.
    EXPECT_EQ(logs.count("cannot be written"), 1) << logs.text();
    EXPECT_EQ(logs.count("error: as-aired log " + database().string() +
                         " cannot be written (database or disk is full"),
              1)
        << logs.text();

    disk.set_full(false);
    EXPECT_TRUE(log.retry_pending());
    health = log.health();
    EXPECT_TRUE(health.writable);
    EXPECT_EQ(health.pending, 0u);
    EXPECT_EQ(health.last_error, "");
    EXPECT_EQ(logs.count("info: as-aired log writable again; 3 pending rows written"), 1)
        << logs.text();

    const std::vector<Row> written = all_rows(database());
    EXPECT_EQ(written, pending_view);
    EXPECT_EQ(query_int(database(),
                        "SELECT last_alive FROM as_aired WHERE id = " + std::to_string(fourth)),
              (start + 26min).time_since_epoch().count());
    EXPECT_EQ(query_text(database(), "PRAGMA integrity_check"), "ok");

    // The on-air row carries on normally.
    log.record_end(fourth, start + 27min, Status::aired);
    EXPECT_EQ(all_rows(database()).back().status, Status::aired);
    EXPECT_EQ(logs.count("cannot be written"), 1);
}

TEST_F(FailureTest, EndOfARowAlreadyWrittenWaitsToo) {
    AsAiredLog log(database(), settings());
    const std::int64_t id = log.record_start(planned_start(airing("a", start, 10min), start));
    disk.set_full(true);
    log.record_end(id, start + 10min, Status::aired);
    EXPECT_EQ(log.health().pending, 1u);
    EXPECT_EQ(all_rows(database())[0].status, Status::on_air);
    EXPECT_EQ(log.rows_between(day, next_day)[0].status, Status::aired);
    disk.set_full(false);
    // Any record_*() first writes what waits.
    log.record_missed(airing("b", start + 10min, 10min), "down");
    EXPECT_EQ(log.health().pending, 0u);
    const std::vector<Row> rows = all_rows(database());
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].status, Status::aired);
    EXPECT_EQ(rows[0].actual_end, start + 10min);
    EXPECT_EQ(logs.count("writable again; 2 pending rows written"), 1) << logs.text();
}

TEST_F(FailureTest, LockedPastTheBusyTimeoutIsAFailureToo) {
    // A write that waits its busy timeout takes at least that long, however idle
    // the machine; one that does not wait takes microseconds. A second is room
    // a loaded machine never needs for what does not wait.
    constexpr auto busy_timeout = 1000ms;
    AsAiredLog log(database(), settings(busy_timeout));
    SQLite::Database other(database().string(), SQLite::OPEN_READWRITE);
    other.exec("BEGIN IMMEDIATE");  // someone with sqlite3 started a write and went for tea

    const auto before = std::chrono::steady_clock::now();
    const std::int64_t id = log.record_start(planned_start(airing("a", start, 10min), start));
    EXPECT_GE(std::chrono::steady_clock::now() - before, busy_timeout);  // it did wait
    Health health = log.health();
    EXPECT_FALSE(health.writable);
    EXPECT_EQ(health.pending, 1u);
    EXPECT_THAT(health.last_error, HasSubstr("database is locked"));

    // A heartbeat while unwritable only updates memory: it does not wait again.
    const auto beat = std::chrono::steady_clock::now();
    log.heartbeat(start + 1min);
    EXPECT_LT(std::chrono::steady_clock::now() - beat, busy_timeout);
    // Reading is not blocked by the other writer (WAL).
    EXPECT_EQ(log.rows_between(day, next_day).size(), 1u);
    log.record_missed(airing("b", start + 10min, 10min), "down");
    EXPECT_EQ(log.health().pending, 2u);
    EXPECT_EQ(logs.count("cannot be written (database is locked)"), 1) << logs.text();

    other.exec("COMMIT");
    log.record_end(id, start + 10min, Status::aired);
    EXPECT_TRUE(log.health().writable);
    EXPECT_EQ(logs.count("writable again; 2 pending rows written"), 1) << logs.text();
    const std::vector<Row> rows = all_rows(database());
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].status, Status::aired);
    EXPECT_EQ(rows[1].status, Status::missed);
}

TEST_F(FailureTest, AFailureAfterRecoveryIsLoggedAgain) {
    AsAiredLog log(database(), settings());
    for (int round = 1; round <= 2; ++round) {
        disk.set_full(true);
        log.record_missed(airing("a", start + round * 1min, 1min), "down");
        log.record_missed(airing("b", start + round * 1min, 1min), "down");
        disk.set_full(false);
        log.retry_pending();
        EXPECT_EQ(logs.count("cannot be written"), round);
        EXPECT_EQ(logs.count("writable again"), round);
    }
    EXPECT_EQ(all_rows(database()).size(), 4u);
}

TEST_F(FailureTest, RowsStillPendingAtCloseAreListedInTheLog) {
    {
        AsAiredLog log(database(), settings());
        disk.set_full(true);
        const std::int64_t id = log.record_start(planned_start(
            airing("cds-thixa", start, 10min, Role::premiere, "Chuyển đổi số"), start));
        log.record_end(id, start + 10min, Status::aired);
    }
    disk.set_full(false);
    EXPECT_EQ(logs.count("1 pending change(s) are lost"), 1) << logs.text();
    EXPECT_EQ(logs.count("row 1 cds-thixa \"Chuyển đổi số\" aired from 2026-12-01 17:00:00 "
                         "until 2026-12-01 17:10:00"),
              1)
        << logs.text();
}

}  // namespace
}  // namespace onair::airlog
