// `onair run` end to end: the real process on the real clock, on a station
// whose airings are seconds apart. What it recorded (decoded and analysed) and
// what it logged must agree row by row; a refused reload keeps the old plan
// (checked on the recording) and names the bad line; a good one is taken.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include "../cli/RunOnair.hpp"
#include "RunFixture.hpp"

namespace onair::testing {
namespace {

using namespace std::chrono_literals;
using airlog::Status;
using ::testing::HasSubstr;

class RunDaemonTest : public RunFixture {};

/// The tone of `frequency` plays just after `at` and something else just before.
void expect_starts_at(const std::vector<float>& air, std::int64_t at, double frequency,
                      const std::string& what) {
    EXPECT_NEAR(frequency_at(air, at + 480, 4800), frequency, 25)
        << what << " just after its start";
    EXPECT_GT(std::abs(frequency_at(air, at - 480 - 4800, 4800) - frequency), 100)
        << what << " already before its start";
}

TEST_F(RunDaemonTest, TheRecordingAndTheLogAgreeOnEveryRow) {
    const std::map<std::string, double> tone_of{
        {"a.wav", 1000}, {"b.wav", 1500}, {"f1.wav", 300}, {"f2.wav", 450}};
    write_tone_steps(media("p/a.wav"), std::vector<double>(4, 1000));
    write_tone_steps(media("p/b.wav"), std::vector<double>(3, 1500));
    write_tone_steps(media("filler/f1.wav"), std::vector<double>(2, 300));
    write_tone_steps(media("filler/f2.wav"), std::vector<double>(2, 450));
    const Instant t0 = window_start(5s);
    const Instant a = t0 + 3s, b = t0 + 10s;
    const auto file =
        station(t0, t0 + 60s, daily("a", "p/a.wav", a) + daily("b", "p/b.wav", b), "rec.ogg");

    auto daemon = start_daemon(file);
    ASSERT_TRUE(daemon);
    ASSERT_TRUE(daemon->wait_for("on air: b ", 30s)) << daemon->output();
    daemon->signal(SIGTERM);
    ASSERT_EQ(daemon->wait(20s), 0) << daemon->output();

    const auto log = rows();
    std::map<std::string, airlog::Row> by_programme;
    for (const auto& row : log) {
        EXPECT_NE(row.status, Status::on_air);
        by_programme[row.programme] = row;
    }
    ASSERT_TRUE(by_programme.contains("a") && by_programme.contains("b")) << daemon->output();
    EXPECT_EQ(by_programme["a"].status, Status::aired);
    EXPECT_EQ(by_programme["a"].actual_start, a);
    EXPECT_EQ(by_programme["a"].actual_end, a + 4s);
    EXPECT_EQ(by_programme["b"].status, Status::partial);
    EXPECT_EQ(by_programme["b"].note, "stopped by operator/system");

    const std::vector<float> air = decode_recording(folder.path() / "rec.ogg");
    // Silence before the window.
    EXPECT_EQ(frequency_at(air, sample_at(t0 - 1s)), 0);
    // Every row, filler or programme: its own tone starts on the sample its
    // row says (within 10 ms: the windows either side of it), and, when it
    // aired whole, plays up to the end its row says.
    for (const auto& row : log) {
        const std::string name = std::filesystem::path(row.source).filename().string();
        ASSERT_TRUE(tone_of.contains(name)) << row.source;
        const std::string what = row.title + " at " + zone.clock_time(*row.actual_start);
        expect_starts_at(air, sample_at(*row.actual_start), tone_of.at(name), what);
        if (row.status == Status::aired) {
            EXPECT_NEAR(frequency_at(air, sample_at(*row.actual_end) - 480 - 4800, 4800),
                        tone_of.at(name), 25)
                << what << " before its end";
        }
    }
    EXPECT_EQ(*log.front().actual_start, t0) << "the filler opens the window";
}

TEST_F(RunDaemonTest, ARefusedReloadKeepsTheOldPlanOnItsSampleAndNamesTheBadLine) {
    write_tone_steps(media("p/a.wav"), std::vector<double>(4, 1000));
    write_tone_steps(media("p/o.wav"), std::vector<double>(2, 1500));
    write_tone_steps(media("p/c.wav"), std::vector<double>(2, 1800));
    write_tone_steps(media("filler/f.wav"), std::vector<double>(2, 300));
    const Instant t0 = window_start(5s);
    // The bad reload comes while `a` plays, before `o` is handed to the air
    // (3 s ahead): only a kept plan can put `o` on the air.
    const Instant a = t0 + 1s, o = t0 + 7s, c = t0 + 14s;
    const std::string old_plan = daily("a", "p/a.wav", a) + daily("o", "p/o.wav", o);
    const auto file = station(t0, t0 + 60s, old_plan, "rec.ogg");
    auto daemon = start_daemon(file);
    ASSERT_TRUE(daemon);
    ASSERT_TRUE(daemon->wait_for("on air: a ", 20s)) << daemon->output();

    // A new plan without `o`, with one bad line: refused, by signal and by
    // the control socket, each naming that line and the column of its value.
    const std::string bad_line =
        "  - { id: bad, title: x, source: { file: y.wav }, daily: { at: "
        "\"25:00\" } }";
    station(t0, t0 + 60s, daily("a", "p/a.wav", a) + bad_line + "\n", "rec.ogg");
    std::size_t line_number = 0;
    {
        std::ifstream in(file);
        std::string line;
        for (std::size_t n = 1; std::getline(in, line); ++n) {
            line_number = line == bad_line ? n : line_number;
        }
    }
    ASSERT_GT(line_number, 0u);
    const std::string located = "station.yaml:" + std::to_string(line_number) + ":" +
                                std::to_string(bad_line.find("\"25:00\"") + 1) + ": error: ";
    daemon->signal(SIGHUP);
    ASSERT_TRUE(daemon->wait_for("reload refused", 10s)) << daemon->output();
    EXPECT_THAT(daemon->output(), HasSubstr(located));
    const auto refused = run_onair({"reload", file.string()}, folder.path());
    EXPECT_NE(refused.exit_code, 0);
    EXPECT_THAT(refused.err + refused.out, HasSubstr(located));

    // `o`, of the old plan, still airs on its sample.
    ASSERT_TRUE(wait_for_row([&](const airlog::Row& row) { return row.programme == "o"; }, 20s))
        << daemon->output();

    // A good file is taken (`c` airs) without touching the air.
    station(t0, t0 + 60s, old_plan + daily("c", "p/c.wav", c), "rec.ogg");
    daemon->signal(SIGHUP);
    ASSERT_TRUE(daemon->wait_for("the new plan is in use", 10s)) << daemon->output();
    EXPECT_THAT(daemon->output(), ::testing::Not(HasSubstr("outputs changed")))
        << "the same outputs";
    // A new recording path is an output change: it waits for a restart, and
    // says so; the plan is taken all the same.
    station(t0, t0 + 60s, old_plan + daily("c", "p/c.wav", c), "rec-2.ogg");
    daemon->signal(SIGHUP);
    ASSERT_TRUE(
        daemon->wait_for("outputs changed in .*: they take effect when onair restarts", 10s))
        << daemon->output();
    ASSERT_TRUE(wait_for_row(
        [&](const airlog::Row& row) { return row.programme == "c" && row.status == Status::aired; },
        30s))
        << daemon->output();
    daemon->signal(SIGTERM);
    ASSERT_EQ(daemon->wait(20s), 0) << daemon->output();

    std::map<std::string, airlog::Row> by_programme;
    for (const auto& row : rows()) {
        by_programme[row.programme] = row;
    }
    EXPECT_EQ(by_programme["a"].status, Status::aired) << by_programme["a"].note;
    EXPECT_EQ(by_programme["a"].actual_end, a + 4s);
    EXPECT_EQ(by_programme["o"].status, Status::aired) << by_programme["o"].note;
    EXPECT_EQ(by_programme["o"].actual_start, o);
    EXPECT_EQ(by_programme["c"].actual_start, c);
    const std::vector<float> air = decode_recording(folder.path() / "rec.ogg");
    expect_starts_at(air, sample_at(o), 1500, "o, of the old plan");
    expect_starts_at(air, sample_at(c), 1800, "c, of the new plan");
}

}  // namespace
}  // namespace onair::testing
