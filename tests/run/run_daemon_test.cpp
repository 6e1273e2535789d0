// `onair run` end to end: the real process on the real clock, on a station
// whose airings are seconds apart. What it recorded (decoded and analysed) and
// what it logged must agree; kill -9 and restarts lose no row and come back on
// air within 2 s at the right offset; reloads and stops behave.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fcntl.h>

#include <iostream>
#include <random>

#include "../support/TempFolder.hpp"
#include "DaemonProcess.hpp"
#include "onair/airlog/AsAiredLog.hpp"

namespace onair::testing {
namespace {

using namespace std::chrono_literals;
using airlog::Status;
using ::testing::HasSubstr;

constexpr int rate = 48000;

class RunDaemonTest : public ::testing::Test {
  protected:
    std::filesystem::path media(const std::string& name) const {
        return folder.path() / "media" / name;
    }

    std::filesystem::path write_station(Instant from, Instant to, const std::string& programmes,
                                        const std::string& recording) const {
        return testing::write_station(folder.path(), from, to, programmes, recording);
    }

    static std::string daily(const std::string& id, const std::string& file, Instant at) {
        return "  - { id: " + id + ", title: \"" + id + "\", source: { file: " + file +
               " }, daily: { at: \"" + clock_time(at) + "\" } }\n";
    }

    std::vector<airlog::Row> rows() const {
        airlog::AsAiredLog log(folder.path() / "onair.db");
        return log.rows_between(now_ms() - 1h, now_ms() + 1h);
    }

    TempFolder folder{"onair-run"};
};

TEST_F(RunDaemonTest, TheRecordingAndTheLogAgree) {
    write_tone_steps(media("p/a.wav"), std::vector<double>(4, 1000));
    write_tone_steps(media("p/b.wav"), std::vector<double>(3, 1500));
    write_tone_steps(media("filler/f1.wav"), std::vector<double>(2, 300));
    write_tone_steps(media("filler/f2.wav"), std::vector<double>(2, 450));
    const Instant t0 = window_start(4s);
    const Instant a = t0 + 3s, b = t0 + 10s;
    const auto station =
        write_station(t0, t0 + 60s, daily("a", "p/a.wav", a) + daily("b", "p/b.wav", b), "rec.ogg");

    DaemonProcess daemon(station, folder.path() / "daemon.log");
    const auto origin_text = daemon.wait_for("timeline starts at (\\S+)", 10s);
    ASSERT_TRUE(origin_text) << daemon.output();
    const Instant origin = parse_instant(*origin_text);
    std::this_thread::sleep_until(Clock::time_point(b + 500ms));
    daemon.signal(SIGTERM);
    ASSERT_EQ(daemon.wait(10s), 0) << daemon.output();

    const auto log = rows();
    std::map<std::string, airlog::Row> by_programme;
    for (const auto& row : log) {
        EXPECT_NE(row.status, Status::on_air);
        by_programme[row.programme] = row;
    }
    ASSERT_TRUE(by_programme.contains("a") && by_programme.contains("b")) << daemon.output();
    EXPECT_EQ(by_programme["a"].status, Status::aired);
    EXPECT_EQ(by_programme["a"].actual_start, a);
    EXPECT_EQ(by_programme["a"].actual_end, a + 4s);
    EXPECT_EQ(by_programme["b"].status, Status::partial);
    EXPECT_EQ(by_programme["b"].note, "stopped by operator/system");

    const std::vector<float> air = decode_recording(folder.path() / "rec.ogg");
    auto at = [&](Instant instant) { return (instant - origin).count() * (rate / 1000); };
    // Silence before the window; filler from its start.
    EXPECT_EQ(frequency_at(air, at(t0 - 1s)), 0);
    const double first_filler = frequency_at(air, at(t0 + 200ms));
    EXPECT_TRUE(std::abs(first_filler - 300) < 20 || std::abs(first_filler - 450) < 20)
        << first_filler;
    // Each programme's tone starts on its planned instant (within 10 ms: the
    // windows either side of it), the filler before it has given way.
    for (const auto& [start, frequency] : {std::pair{a, 1000.0}, std::pair{b, 1500.0}}) {
        EXPECT_NEAR(frequency_at(air, at(start) + 480, 4800), frequency, 25);
        EXPECT_GT(std::abs(frequency_at(air, at(start) - 480 - 4800, 4800) - frequency), 100);
    }
    // Every row's start in the log is where the recording changes to it.
    for (const auto& row : log) {
        if (row.programme == "filler") {
            const double f = frequency_at(air, at(*row.actual_start) + 960, 4800);
            EXPECT_TRUE(std::abs(f - 300) < 20 || std::abs(f - 450) < 20)
                << row.title << " at " << clock_time(*row.actual_start) << ": " << f;
        }
    }
}

TEST_F(RunDaemonTest, KillNineAndRestartLosesNoRowAndJoinsAtTheRightOffset) {
    // Second k of the programme is a tone of 300 + 20k Hz: the recording says
    // which second of it went out when.
    std::vector<double> steps;
    for (int k = 0; k < 60; ++k) {
        steps.push_back(300 + 20 * k);
    }
    write_tone_steps(media("p/long.wav"), steps);
    write_tone_steps(media("filler/f.wav"), std::vector<double>(2, 2500));
    const Instant t0 = window_start(3s);
    const Instant start = t0 + 2s;
    const std::string programmes = daily("long", "p/long.wav", start);
    std::mt19937 random(12345);
    std::uniform_int_distribution<int> run_ms(2000, 3000);

    const int rounds = 10;
    for (int round = 0; round <= rounds; ++round) {
        const std::string recording = "round-" + std::to_string(round) + ".ogg";
        const auto station = write_station(t0, t0 + 120s, programmes, recording);
        DaemonProcess daemon(station, folder.path() / ("daemon-" + std::to_string(round) + ".log"));
        const auto origin_text = daemon.wait_for("timeline starts at (\\S+)", 10s);
        ASSERT_TRUE(origin_text) << daemon.output();
        const Instant origin = parse_instant(*origin_text);
        if (round == 0) {
            std::this_thread::sleep_until(Clock::time_point(start + 1500ms));
        }
        if (round < rounds) {
            // Killed at a random moment once it is back on the air (long enough
            // after for the recording to show where it joined).
            ASSERT_TRUE(daemon.wait_for("on air: long", 5s)) << daemon.output();
            std::this_thread::sleep_for(Ms(run_ms(random)));
            daemon.signal(SIGKILL);
            ASSERT_EQ(daemon.wait(5s), 128 + SIGKILL);
        } else {
            // The last run plays the programme to its end.
            std::this_thread::sleep_until(Clock::time_point(start + 61s));
            daemon.signal(SIGTERM);
            ASSERT_EQ(daemon.wait(10s), 0) << daemon.output();
        }
        if (round == 0) {
            continue;
        }
        // The joined row of this run: back on the air within 2 s of the start,
        // at the offset the clock says (checked in this run's recording).
        const auto log = rows();
        ASSERT_FALSE(log.empty());
        const airlog::Row* joined = nullptr;
        for (const auto& row : log) {
            if (row.programme == "long" && *row.actual_start >= daemon.started()) {
                joined = &row;
            }
        }
        ASSERT_NE(joined, nullptr) << "round " << round << "\n" << daemon.output();
        EXPECT_LE(*joined->actual_start - daemon.started(), 2s) << "round " << round;
        std::cout << "round " << round << ": back on the air "
                  << (*joined->actual_start - daemon.started()).count()
                  << " ms after the process started, " << (*joined->actual_start - start).count()
                  << " ms into the programme\n";
        const std::vector<float> air = decode_recording(folder.path() / recording);
        const auto into = *joined->actual_start - start;
        const auto second = date::ceil<std::chrono::seconds>(into);
        const auto probe = (start + second + 200ms - origin).count() * (rate / 1000);
        EXPECT_NEAR(frequency_at(air, probe, 9600), 300 + 20 * second.count(), 12)
            << "round " << round << ", joined " << into.count() << " ms into the programme";
    }

    const auto log = rows();
    std::vector<Status> statuses;
    for (const auto& row : log) {
        ASSERT_NE(row.status, Status::on_air) << row.programme;
        if (row.programme == "long") {
            statuses.push_back(row.status);
        }
    }
    std::vector<Status> expected(rounds, Status::interrupted);
    expected.push_back(Status::joined);
    EXPECT_EQ(statuses, expected);
    EXPECT_EQ(log.back().actual_end.has_value(), true);
}

TEST_F(RunDaemonTest, ReloadRefusesABadFileAndTakesAGoodOneWithoutTouchingTheAir) {
    write_tone_steps(media("p/a.wav"), std::vector<double>(6, 1000));
    write_tone_steps(media("p/c.wav"), std::vector<double>(2, 1500));
    write_tone_steps(media("filler/f.wav"), std::vector<double>(2, 300));
    const Instant t0 = window_start(3s);
    const Instant a = t0 + 1s, c = t0 + 8s;
    const auto station = write_station(t0, t0 + 60s, daily("a", "p/a.wav", a), "rec.ogg");
    DaemonProcess daemon(station, folder.path() / "daemon.log");
    ASSERT_TRUE(daemon.wait_for("timeline starts at (\\S+)", 10s)) << daemon.output();
    std::this_thread::sleep_until(Clock::time_point(a + 1s));

    std::ofstream(station, std::ios::app) << "  - { id: bad, title: x, source: { file: y.wav }, "
                                             "daily: { at: \"25:00\" } }\n";
    daemon.signal(SIGHUP);
    ASSERT_TRUE(daemon.wait_for("reload refused", 5s)) << daemon.output();
    EXPECT_THAT(daemon.output(), ::testing::ContainsRegex("station.yaml:[0-9]+:[0-9]+: error: "));

    write_station(t0, t0 + 60s, daily("a", "p/a.wav", a) + daily("c", "p/c.wav", c), "rec.ogg");
    daemon.signal(SIGHUP);
    ASSERT_TRUE(daemon.wait_for("the new plan is in use", 5s)) << daemon.output();
    EXPECT_THAT(daemon.output(), ::testing::Not(::testing::HasSubstr("outputs changed")))
        << "the same outputs";
    // A new recording path is an output change: it waits for a restart, and
    // says so; the plan is taken all the same.
    write_station(t0, t0 + 60s, daily("a", "p/a.wav", a) + daily("c", "p/c.wav", c), "rec-2.ogg");
    daemon.signal(SIGHUP);
    ASSERT_TRUE(daemon.wait_for("outputs changed in .*: they take effect when onair restarts", 5s))
        << daemon.output();
    std::this_thread::sleep_until(Clock::time_point(c + 2500ms));
    daemon.signal(SIGTERM);
    ASSERT_EQ(daemon.wait(10s), 0) << daemon.output();

    std::map<std::string, airlog::Row> by_programme;
    for (const auto& row : rows()) {
        by_programme[row.programme] = row;
    }
    EXPECT_EQ(by_programme["a"].status, Status::aired) << by_programme["a"].note;
    EXPECT_EQ(by_programme["a"].actual_end, a + 6s);
    EXPECT_EQ(by_programme["c"].status, Status::aired) << daemon.output();
    EXPECT_EQ(by_programme["c"].actual_start, c);
}

}  // namespace
}  // namespace onair::testing
