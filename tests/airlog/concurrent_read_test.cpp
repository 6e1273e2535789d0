// The report (and sqlite3) read the log while the daemon writes it: readers see
// committed rows, one consistent snapshot per query, and never hold up a write.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include "../support/TempFolder.hpp"
#include "LogTestSupport.hpp"

#include <chrono>
#include <string>
#include <vector>

namespace onair::airlog {
namespace {

using namespace onair::airlog::testing;
using onair::testing::TempFolder;

class ConcurrentReadTest : public ::testing::Test {
  protected:
    std::filesystem::path database() const { return folder.path() / "onair.db"; }

    TempFolder folder{"onair-airlog-read"};
    const TimePoint start = at(2026, 12, 1, 5, 0);
    const TimePoint forever = TimePoint{std::chrono::milliseconds{INT64_MAX}};
};

TEST_F(ConcurrentReadTest, WritesGoOnWhileAReaderIsHalfwayThrough) {
    // A short busy timeout: if the reader blocked the writer, the rows written
    // while it is halfway through would end up pending instead of written.
    AsAiredLog log(database(), settings(50ms));
    for (int i = 0; i < 50; ++i) {
        const TimePoint t = start + i * 1min;
        const std::int64_t id = log.record_start(planned_start(airing("p", t, 1min), t));
        log.record_end(id, t + 1min, Status::aired);
    }

    int seen = 0;
    std::int64_t written_meanwhile = 0;
    for_each_row(database(), TimePoint{}, forever, [&](const Row&) {
        if (++seen == 10) {
            const TimePoint t = start + 2h;
            written_meanwhile = log.record_start(planned_start(airing("q", t, 1min), t));
            log.heartbeat(t + 30s);
            log.record_end(written_meanwhile, t + 1min, Status::aired);
            // Written, not waiting: the reader's open statement did not block it.
            EXPECT_TRUE(log.health().writable) << log.health().last_error;
            EXPECT_EQ(log.health().pending, 0u);
            EXPECT_EQ(all_rows(database()).size(), 51u);
        }
    });
    // The reader's snapshot was taken before the write.
    EXPECT_EQ(seen, 50);
    Health health = log.health();
    EXPECT_TRUE(health.writable) << health.last_error;
    EXPECT_EQ(health.pending, 0u);

    const std::vector<Row> after = all_rows(database());
    ASSERT_EQ(after.size(), 51u);
    EXPECT_EQ(after.back().id, written_meanwhile);
    EXPECT_EQ(after.back().status, Status::aired);
}

TEST_F(ConcurrentReadTest, AnOpenReadTransactionDoesNotBlockTheWriter) {
    AsAiredLog log(database(), settings(50ms));
    log.record_missed(airing("p", start, 1min), "down");

    // sqlite3 left in the middle of a read transaction.
    SQLite::Database reader(database().string(), SQLite::OPEN_READONLY);
    reader.exec("BEGIN");
    EXPECT_EQ(reader.execAndGet("SELECT count(*) FROM as_aired").getInt(), 1);

    const std::int64_t id =
        log.record_start(planned_start(airing("q", start + 1h, 1h), start + 1h));
    log.record_end(id, start + 2h, Status::aired);
    EXPECT_TRUE(log.health().writable) << log.health().last_error;
    // The reader still sees its snapshot; a new query sees the new row.
    EXPECT_EQ(reader.execAndGet("SELECT count(*) FROM as_aired").getInt(), 1);
    EXPECT_EQ(all_rows(database()).size(), 2u);
    reader.exec("COMMIT");
    EXPECT_EQ(reader.execAndGet("SELECT count(*) FROM as_aired_local").getInt(), 2);
}

TEST_F(ConcurrentReadTest, ReaderSeesTheOnAirRowOfARunningLog) {
    AsAiredLog log(database(), settings());
    const std::int64_t id = log.record_start(planned_start(airing("p", start, 1h), start));
    log.heartbeat(start + 10min);
    const std::vector<Row> rows = all_rows(database());
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].id, id);
    EXPECT_EQ(rows[0].status, Status::on_air);
    // Reading never closes another process's on-air rows: only the writer does.
    EXPECT_EQ(all_rows(database())[0].status, Status::on_air);
}

}  // namespace
}  // namespace onair::airlog
