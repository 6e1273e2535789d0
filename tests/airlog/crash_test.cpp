// The headline: a process writing the log is killed (SIGKILL) at a random
// moment; after reopening, no row it had completed is lost, the one it had on
// air is interrupted, and the database is intact. Repeated with different seeds,
// half of the runs on a fresh file (so some kills land while it is created),
// the rest on one file that goes through every crash in turn.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include "../support/TempFolder.hpp"
#include "LogTestSupport.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace onair::airlog {
namespace {

using namespace onair::airlog::testing;
using onair::testing::TempFolder;
using ::testing::HasSubstr;

/// What the child tells the parent, one pipe write each (atomic: < PIPE_BUF),
/// always after the log call has returned.
struct Report {
    char kind;  // 'S' started, 'H' heartbeat, 'E' ended, 'M' missed
    std::int64_t id;
    std::int64_t ms;  // the time given to the log
};

constexpr auto item_spacing = 10s;

/// The child: plays items back to back on a fake clock (start, two heartbeats,
/// end 3 s later; now and then a missed airing) until it is killed.
[[noreturn]] void run_child(const std::filesystem::path& database, int out, unsigned seed,
                            TimePoint base) {
    auto report = [out](char kind, std::int64_t id, TimePoint time) {
        const Report r{kind, id, time.time_since_epoch().count()};
        if (write(out, &r, sizeof r) != static_cast<ssize_t>(sizeof r)) {
            _exit(3);
        }
    };
    try {
        std::mt19937 random(seed);
        std::uniform_int_distribution<int> pause_us(0, 600);
        auto pause = [&] {
            std::this_thread::sleep_for(std::chrono::microseconds(pause_us(random)));
        };
        AsAiredLog log(database, settings());
        // Killed after at most 200 ms; a minute is only there so that a child
        // whose parent died does not write for ever.
        const auto give_up = std::chrono::steady_clock::now() + 60s;
        for (int k = 0; std::chrono::steady_clock::now() < give_up; ++k) {
            const TimePoint t = base + k * item_spacing;
            const Airing planned = airing("p" + std::to_string(k % 5), t, 3s, Role::rerun,
                                          "Bản tin số " + std::to_string(k) + ", \"Đài thị xã\"");
            if (k % 7 == 3) {
                report('M', log.record_missed(planned, "the daemon was not running"), t);
                continue;
            }
            const std::int64_t id = log.record_start(planned_start(planned, t));
            report('S', id, t);
            pause();
            log.heartbeat(t + 1s);
            report('H', id, t + 1s);
            pause();
            log.heartbeat(t + 2s);
            report('H', id, t + 2s);
            pause();
            log.record_end(id, t + 3s, Status::aired);
            report('E', id, t + 3s);
        }
    } catch (...) {
        _exit(2);
    }
    _exit(0);
}

struct Reported {
    TimePoint start{};
    bool started = false;
    bool ended = false;
    bool missed = false;
    std::optional<TimePoint> last_heartbeat;
};

std::map<std::int64_t, Reported> parse(const std::vector<Report>& reports) {
    std::map<std::int64_t, Reported> rows;
    for (const Report& r : reports) {
        Reported& row = rows[r.id];
        const TimePoint time = TimePoint{std::chrono::milliseconds{r.ms}};
        switch (r.kind) {
            case 'S':
                row.started = true;
                row.start = time;
                break;
            case 'H':
                row.last_heartbeat = time;
                break;
            case 'E':
                row.ended = true;
                break;
            case 'M':
                row.missed = true;
                row.start = time;
                break;
        }
    }
    return rows;
}

/// Forks the child, collects its reports for `delay`, kills it, and collects the rest.
std::vector<Report> run_and_kill(const std::filesystem::path& database, unsigned seed,
                                 TimePoint base, std::chrono::milliseconds delay) {
    int fds[2];
    if (pipe(fds) != 0) {
        ADD_FAILURE() << "pipe failed";
        return {};
    }
    const pid_t child = fork();
    if (child == 0) {
        close(fds[0]);
        run_child(database, fds[1], seed, base);
    }
    close(fds[1]);
    std::vector<Report> reports;
    std::vector<char> bytes;
    auto drain = [&](int timeout_ms) {
        pollfd p{fds[0], POLLIN, 0};
        if (poll(&p, 1, timeout_ms) <= 0) {
            return false;
        }
        char buffer[4096];
        const ssize_t n = read(fds[0], buffer, sizeof buffer);
        if (n <= 0) {
            return false;
        }
        bytes.insert(bytes.end(), buffer, buffer + n);
        return true;
    };
    // Keep the pipe empty while the child runs, so it never blocks on it.
    const auto kill_at = std::chrono::steady_clock::now() + delay;
    for (auto now = std::chrono::steady_clock::now(); now < kill_at;
         now = std::chrono::steady_clock::now()) {
        drain(
            static_cast<int>(std::chrono::ceil<std::chrono::milliseconds>(kill_at - now).count()));
    }
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
        << "the child ended by itself, status " << status;
    while (drain(-1)) {
    }
    close(fds[0]);
    EXPECT_EQ(bytes.size() % sizeof(Report), 0u);
    reports.resize(bytes.size() / sizeof(Report));
    if (!reports.empty()) {  // killed before its first report: nothing to copy
        std::memcpy(reports.data(), bytes.data(), reports.size() * sizeof(Report));
    }
    return reports;
}

TEST(CrashTest, KilledWriterLosesNoCompletedRow) {
    TempFolder folder{"onair-airlog-crash"};
    const auto shared = folder.path() / "shared.db";
    std::map<std::int64_t, Row> settled;  // rows of the shared file verified so far
    int interrupted_total = 0;
    int completed_total = 0;
    constexpr int runs = 24;

    for (int run = 0; run < runs; ++run) {
        const unsigned seed = 20261201u + static_cast<unsigned>(run);
        std::mt19937 random(seed);
        const auto delay =
            std::chrono::milliseconds(std::uniform_int_distribution<int>(5, 200)(random));
        const bool fresh = run % 2 == 0;
        const auto database =
            fresh ? folder.path() / ("fresh-" + std::to_string(run) + ".db") : shared;
        SCOPED_TRACE("run " + std::to_string(run) + ", seed " + std::to_string(seed) +
                     ", killed after " + std::to_string(delay.count()) + " ms" +
                     (fresh ? ", fresh file" : ", shared file"));
        const TimePoint base = at(2026, 12, 1, 5, 0) + run * 24h;

        const std::map<std::int64_t, Reported> reported =
            parse(run_and_kill(database, seed, base, delay));

        CapturedLog logs;
        AsAiredLog reopened(database, settings());
        EXPECT_EQ(query_text(database, "PRAGMA integrity_check"), "ok");
        std::map<std::int64_t, Row> rows;
        for (const Row& row : all_rows(database)) {
            rows.emplace(row.id, row);
        }

        std::int64_t last_reported = 0;
        for (const auto& [id, r] : reported) {
            last_reported = std::max(last_reported, id);
            const auto found = rows.find(id);
            ASSERT_NE(found, rows.end()) << "reported row " << id << " is lost";
            const Row& row = found->second;
            if (r.missed) {
                EXPECT_EQ(row.status, Status::missed) << id;
                EXPECT_EQ(row.planned_start, r.start);
                EXPECT_EQ(row.actual_start, std::nullopt);
            } else if (r.ended) {
                ++completed_total;
                EXPECT_EQ(row.status, Status::aired) << id;
                EXPECT_EQ(row.actual_start, r.start) << id;
                EXPECT_EQ(row.actual_end, r.start + 3s) << id;
            } else {
                // On air when killed, as far as the parent knows. Its end may
                // have been committed just before the kill, before the report.
                ASSERT_TRUE(r.started);
                if (row.status == Status::aired) {
                    EXPECT_EQ(row.actual_end, r.start + 3s) << id;
                } else {
                    EXPECT_EQ(row.status, Status::interrupted) << id;
                    const TimePoint seen = r.last_heartbeat.value_or(r.start);
                    EXPECT_GE(row.actual_end, seen) << id;
                    EXPECT_LE(row.actual_end, r.start + 2s) << id;
                    EXPECT_THAT(row.note, HasSubstr("the process stopped while it was on air"));
                }
            }
        }

        int interrupted = 0;
        int unreported = 0;
        for (const auto& [id, row] : rows) {
            EXPECT_NE(row.status, Status::on_air) << id;
            if (row.status == Status::interrupted) {
                ++interrupted;
                // The one it was playing (reported or not): its end is a heartbeat or its start.
                EXPECT_TRUE(row.actual_end == row.actual_start ||
                            row.actual_end == *row.actual_start + 1s ||
                            row.actual_end == *row.actual_start + 2s)
                    << id;
            }
            const auto before = fresh ? settled.end() : settled.find(id);
            if (before != settled.end()) {
                EXPECT_EQ(row, before->second) << "row " << id << " of an earlier run changed";
            } else if (!reported.count(id)) {
                // Written, but killed before it could say so: only the last one.
                ++unreported;
                EXPECT_GT(id, last_reported);
                EXPECT_TRUE(row.status == Status::interrupted || row.status == Status::missed)
                    << id;
            }
        }
        EXPECT_LE(unreported, 1);
        // Rows interrupted by earlier runs on the shared file stay as they were;
        // this kill adds at most the one item that was playing.
        const auto interrupted_before =
            fresh ? 0 : std::count_if(settled.begin(), settled.end(), [](const auto& entry) {
                return entry.second.status == Status::interrupted;
            });
        const int closed_now = interrupted - static_cast<int>(interrupted_before);
        EXPECT_LE(closed_now, 1);
        EXPECT_EQ(logs.count("closed as interrupted"), closed_now) << logs.text();
        interrupted_total += closed_now;
        if (!fresh) {
            settled = rows;
        }
    }
    // With an item on air most of the time, a few dozen kills must catch some.
    EXPECT_GT(interrupted_total, 0);
    EXPECT_GT(completed_total, runs);
    std::printf("[          ] %d runs: %d completed rows checked, %d interrupted rows closed\n",
                runs, completed_total, interrupted_total);
}

}  // namespace
}  // namespace onair::airlog
