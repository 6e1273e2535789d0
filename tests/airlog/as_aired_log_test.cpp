// AsAiredLog over real SQLite files: what goes in comes out, with every status,
// Vietnamese text, ids, and the period queries' order and bounds.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include "../support/TempFolder.hpp"
#include "LogTestSupport.hpp"

#include <stdexcept>
#include <string>
#include <vector>

namespace onair::airlog {
namespace {

using namespace onair::airlog::testing;
using onair::testing::TempFolder;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

class AsAiredLogTest : public ::testing::Test {
  protected:
    std::filesystem::path database() const { return folder.path() / "onair.db"; }

    /// All rows, through the writer (rows_between) and through a reader
    /// (for_each_row); the two must agree.
    std::vector<Row> rows(const AsAiredLog& log, TimePoint from, TimePoint to) const {
        std::vector<Row> read;
        for_each_row(database(), from, to, [&](const Row& row) { read.push_back(row); });
        std::vector<Row> written = log.rows_between(from, to);
        EXPECT_EQ(written, read);
        return written;
    }

    TempFolder folder{"onair-airlog"};
    const TimePoint day = at(2026, 12, 1, 0, 0);
    const TimePoint next_day = at(2026, 12, 2, 0, 0);
};

TEST(StatusNames, RoundTrip) {
    const std::vector<std::pair<Status, std::string_view>> cases{
        {Status::on_air, "on-air"},   {Status::aired, "aired"},
        {Status::partial, "partial"}, {Status::joined, "joined"},
        {Status::failed, "failed"},   {Status::missed, "missed"},
        {Status::skipped, "skipped"}, {Status::interrupted, "interrupted"},
    };
    for (const auto& [status, name] : cases) {
        EXPECT_EQ(to_string(status), name);
        EXPECT_EQ(status_from_string(name), status);
    }
    EXPECT_EQ(status_from_string("on_air"), std::nullopt);
    EXPECT_EQ(status_from_string("Aired"), std::nullopt);
}

TEST(PlanKey, ProgrammeAtPlannedStartInMilliseconds) {
    const Airing a = airing("cds-thixa", TimePoint{1'796'100'300'250ms}, 10min);
    EXPECT_EQ(plan_key(a), "cds-thixa@1796100300250");
}

TEST(RowDuration, SecondsBetweenActualTimes) {
    Row row;
    EXPECT_EQ(row.duration_s(), 0);
    row.actual_start = at(2026, 12, 1, 17, 0);
    EXPECT_EQ(row.duration_s(), 0);
    row.actual_end = at(2026, 12, 1, 17, 20, 34, 567);
    EXPECT_DOUBLE_EQ(row.duration_s(), 1234.567);
}

TEST_F(AsAiredLogTest, EveryFinalStatusRoundTrips) {
    // Table: how an airing ended, and the note the daemon gives.
    struct Case {
        Status status;
        std::string note;
    };
    const std::vector<Case> cases{
        {Status::aired, ""},
        {Status::partial, "relay dropped after 12m03s; fallback file played"},
        {Status::joined, "joined 2m10s late after a restart"},
        {Status::failed, "media missing: cds-thixa/2026-12.mp3"},
        {Status::skipped, "skipped by the operator"},
        {Status::interrupted, "output device lost"},
    };
    AsAiredLog log(database(), settings());
    std::vector<Row> expected;
    TimePoint start = at(2026, 12, 1, 17, 0);
    for (const Case& c : cases) {
        const Airing planned = airing("cds-thixa", start, 10min, Role::rerun);
        const TimePoint actual_start = start + 250ms;
        const TimePoint actual_end = start + 9min + 59s + 1ms;
        const std::int64_t id = log.record_start(planned_start(planned, actual_start));
        log.record_end(id, actual_end, c.status, c.note);

        Row row;
        row.id = id;
        row.plan_key = plan_key(planned);
        row.planned_start = planned.start;
        row.planned_end = planned.end;
        row.actual_start = actual_start;
        row.actual_end = actual_end;
        row.programme = "cds-thixa";
        row.title = "Thời sự thị xã";
        row.category = "thoi-su";
        row.role = "rerun";
        row.episode = "2026-12";
        row.source = "cds-thixa/2026-12.mp3";
        row.status = c.status;
        row.note = c.note;
        expected.push_back(row);
        start += 15min;
    }
    const Airing not_aired = airing("tin-tinh", start, 5min, Role::relay);
    const std::int64_t missed = log.record_missed(not_aired, "the daemon was not running");
    EXPECT_EQ(rows(log, day, next_day).back().id, missed);

    std::vector<Row> got = rows(log, day, next_day);
    ASSERT_EQ(got.size(), cases.size() + 1);
    got.pop_back();
    EXPECT_EQ(got, expected);
    for (const Row& row : got) {
        EXPECT_DOUBLE_EQ(row.duration_s(), 598.751);
    }
}

TEST_F(AsAiredLogTest, OnAirRowIsThereBeforeTheItemEnds) {
    AsAiredLog log(database(), settings());
    const TimePoint start = at(2026, 12, 1, 17, 0);
    const std::int64_t id =
        log.record_start(planned_start(airing("cds-thixa", start, 10min), start));
    // Another process sees it at once: record_start returned only once it was committed.
    const std::vector<Row> seen = all_rows(database());
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0].id, id);
    EXPECT_EQ(seen[0].status, Status::on_air);
    EXPECT_EQ(seen[0].actual_start, start);
    EXPECT_EQ(seen[0].actual_end, std::nullopt);
}

TEST_F(AsAiredLogTest, EndCanCorrectTheStartMeasuredOnTheOutput) {
    AsAiredLog log(database(), settings());
    const TimePoint start = at(2026, 12, 1, 17, 0);
    const std::int64_t id =
        log.record_start(planned_start(airing("cds-thixa", start, 10min), start));
    // A join after a restart: written with the intended start, aired from later.
    const TimePoint measured = start + 1234ms;
    log.record_end(id, start + 10min, Status::joined, "joined 1.234 s late", measured);
    const std::vector<Row> got = rows(log, day, next_day);
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0].actual_start, measured);
    EXPECT_EQ(got[0].planned_start, start);
    EXPECT_EQ(got[0].status, Status::joined);
}

TEST_F(AsAiredLogTest, MissedRowsHavePlannedTimesOnly) {
    AsAiredLog log(database(), settings());
    const Airing planned = airing("cds-thixa", at(2026, 12, 1, 17, 0), 10min, Role::premiere);
    const std::int64_t id = log.record_missed(planned, "the daemon was not running");
    const std::vector<Row> got = rows(log, day, next_day);
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0].id, id);
    EXPECT_EQ(got[0].status, Status::missed);
    EXPECT_EQ(got[0].planned_start, planned.start);
    EXPECT_EQ(got[0].planned_end, planned.end);
    EXPECT_EQ(got[0].actual_start, std::nullopt);
    EXPECT_EQ(got[0].actual_end, std::nullopt);
    EXPECT_EQ(got[0].duration_s(), 0);
    EXPECT_EQ(got[0].note, "the daemon was not running");
    EXPECT_EQ(got[0].plan_key, plan_key(planned));
}

TEST_F(AsAiredLogTest, UnplannedItemsKeepWhatTheCallerSays) {
    AsAiredLog log(database(), settings());
    StartRecord insert;
    insert.actual_start = at(2026, 12, 1, 9, 30, 5, 120);
    insert.programme = "thong-bao";
    insert.title = "Thông báo khẩn: bão số 9 \"Usagi\", sơ tán vùng trũng, thấp";
    insert.category = "khan-cap";
    insert.role = "emergency";
    insert.episode = "2026-12-01";
    insert.source = "/srv/onair/chen/thông báo bão.mp3";
    const std::int64_t id = log.record_start(insert);
    log.record_end(id, at(2026, 12, 1, 9, 33, 0, 5), Status::aired);

    const std::vector<Row> got = rows(log, day, next_day);
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0].plan_key, "");
    EXPECT_EQ(got[0].planned_start, std::nullopt);
    EXPECT_EQ(got[0].planned_end, std::nullopt);
    EXPECT_EQ(got[0].programme, insert.programme);
    EXPECT_EQ(got[0].title, insert.title);
    EXPECT_EQ(got[0].category, insert.category);
    EXPECT_EQ(got[0].role, "emergency");
    EXPECT_EQ(got[0].episode, insert.episode);
    EXPECT_EQ(got[0].source, insert.source);
    EXPECT_DOUBLE_EQ(got[0].duration_s(), 174.885);
}

TEST_F(AsAiredLogTest, VietnameseTextSurvivesByteForByte) {
    // Precomposed and decomposed forms, quotes, commas, a newline: stored as given.
    const std::vector<std::string> titles{
        "Chuy\u1EC3n \u0111\u1ED5i s\u1ED1",
        "Chuye\u0302\u0309n \u0111o\u0302\u0309i so\u0301",
        "Nông thôn mới, \"Đường làng\" — số 12",
        "Dòng một\nDòng hai; ký tự ‘đặc biệt’ ₫",
    };
    AsAiredLog log(database(), settings());
    TimePoint start = at(2026, 12, 1, 5, 0);
    for (const std::string& title : titles) {
        const std::int64_t id =
            log.record_start(planned_start(airing("p", start, 1min, Role::daily, title), start));
        log.record_end(id, start + 1min, Status::partial, "ngắt giữa chừng: " + title);
        start += 1min;
    }
    const std::vector<Row> got = rows(log, day, next_day);
    ASSERT_EQ(got.size(), titles.size());
    for (std::size_t i = 0; i < titles.size(); ++i) {
        EXPECT_EQ(got[i].title, titles[i]);
        EXPECT_EQ(got[i].note, "ngắt giữa chừng: " + titles[i]);
    }
}

TEST_F(AsAiredLogTest, IdsIncreaseAndContinueAfterReopening) {
    std::vector<std::int64_t> ids;
    const TimePoint start = at(2026, 12, 1, 17, 0);
    {
        AsAiredLog log(database(), settings());
        for (int i = 0; i < 3; ++i) {
            const std::int64_t id = log.record_start(
                planned_start(airing("p", start + i * 10min, 10min), start + i * 10min));
            log.record_end(id, start + i * 10min + 10min, Status::aired);
            ids.push_back(id);
        }
        ids.push_back(log.record_missed(airing("q", start + 30min, 5min), "not running"));
    }
    AsAiredLog log(database(), settings());
    ids.push_back(log.record_missed(airing("q", start + 40min, 5min), "not running"));
    EXPECT_THAT(ids, ElementsAre(1, 2, 3, 4, 5));
}

TEST_F(AsAiredLogTest, RowsBetweenIsHalfOpenAndOrderedByTimeThenId) {
    AsAiredLog log(database(), settings());
    const TimePoint from = at(2026, 12, 1, 17, 0);
    const TimePoint to = at(2026, 12, 1, 18, 0);
    auto aired = [&](TimePoint start, const std::string& programme) {
        const std::int64_t id =
            log.record_start(planned_start(airing(programme, start, 1min), start));
        log.record_end(id, start + 1min, Status::aired);
        return id;
    };
    // Written out of time order on purpose.
    const std::int64_t at_to = aired(to, "at-to");
    const std::int64_t last = aired(to - 1ms, "last");
    const std::int64_t first = aired(from, "first");
    const std::int64_t before = aired(from - 1ms, "before");
    // A missed row sorts by its planned start, between the actual starts.
    const std::int64_t missed = log.record_missed(airing("missed", from + 20min, 5min), "down");
    const std::int64_t tie_a = aired(from + 30min, "tie-a");
    const std::int64_t tie_b = log.record_missed(airing("tie-b", from + 30min, 5min), "down");

    std::vector<std::int64_t> ids;
    for (const Row& row : rows(log, from, to)) {
        ids.push_back(row.id);
    }
    EXPECT_THAT(ids, ElementsAre(first, missed, tie_a, tie_b, last));
    (void)at_to;
    (void)before;

    EXPECT_TRUE(rows(log, from, from).empty());
    EXPECT_EQ(rows(log, from - 1ms, from).size(), 1u);
    EXPECT_EQ(rows(log, TimePoint{}, TimePoint{std::chrono::milliseconds{INT64_MAX}}).size(), 7u);
}

TEST_F(AsAiredLogTest, HeartbeatDoesNotChangeWhatIsReported) {
    AsAiredLog log(database(), settings());
    const TimePoint start = at(2026, 12, 1, 17, 0);
    log.heartbeat(start - 1s);  // nothing on air: nothing to write
    const std::int64_t id = log.record_start(planned_start(airing("p", start, 10min), start));
    log.heartbeat(start + 5s);
    log.heartbeat(start + 10s);
    std::vector<Row> got = rows(log, day, next_day);
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0].status, Status::on_air);
    EXPECT_EQ(got[0].actual_end, std::nullopt);
    EXPECT_EQ(query_int(database(), "SELECT last_alive FROM as_aired WHERE id = 1"),
              (start + 10s).time_since_epoch().count());
    log.record_end(id, start + 10min, Status::aired);
    EXPECT_TRUE(log.health().writable);
    EXPECT_EQ(log.health().pending, 0u);
}

TEST_F(AsAiredLogTest, CallerMistakesThrowInvalidArgument) {
    AsAiredLog log(database(), settings());
    const TimePoint start = at(2026, 12, 1, 17, 0);
    const std::int64_t id = log.record_start(planned_start(airing("p", start, 10min), start));
    EXPECT_THROW(log.record_end(id, start + 1min, Status::on_air), std::invalid_argument);
    EXPECT_THROW(log.record_end(id + 1, start + 1min, Status::aired), std::invalid_argument);
    log.record_end(id, start + 1min, Status::aired);
    EXPECT_THROW(log.record_end(id, start + 2min, Status::partial), std::invalid_argument);
    const std::int64_t missed = log.record_missed(airing("q", start, 1min), "down");
    EXPECT_THROW(log.record_end(missed, start + 2min, Status::aired), std::invalid_argument);
    EXPECT_EQ(rows(log, day, next_day)[0].actual_end, start + 1min);
}

TEST_F(AsAiredLogTest, ViewShowsReadableLocalTimes) {
    AsAiredLog log(database(), settings());
    const TimePoint start = at(2026, 12, 1, 17, 0, 1, 250);
    const std::int64_t id = log.record_start(planned_start(airing("p", start, 10min), start));
    log.record_end(id, start + 90s + 500ms, Status::aired);
    SQLite::Database db(database().string(), SQLite::OPEN_READONLY);
    SQLite::Statement view(db, "SELECT actual_start, duration_s, status FROM as_aired_local");
    ASSERT_TRUE(view.executeStep());
    // The zone is whoever runs sqlite3's; the shape is what matters here.
    EXPECT_THAT(view.getColumn(0).getString(),
                ::testing::MatchesRegex("2026-12-01 [0-9][0-9]:[0-9][0-9]:01\\.250"));
    EXPECT_DOUBLE_EQ(view.getColumn(1).getDouble(), 90.5);
    EXPECT_EQ(view.getColumn(2).getString(), "aired");
}

}  // namespace
}  // namespace onair::airlog
