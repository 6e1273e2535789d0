// `onair simulate`: the real binary does a month in about a second and
// `onair report` reads what it wrote; usage and request errors.

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "../support/ExampleStation.hpp"
#include "../support/TempFolder.hpp"
#include "RunOnair.hpp"

namespace onair::cli {

namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

// ---------------------------------------------------------------- the command

const std::string cli_station_yaml = std::string{onair::test::example_station_head} +
                                     std::string{onair::test::example_windows} +
                                     R"(filler: { folder: filler }
log: { database: onair.db }
programmes:
  - id: tin
    title: "Bản tin sáng"
    source: { file: "tin/{yyyy}-{mm}-{dd}.wav" }
    max_duration: 5m
    daily: { at: "05:30" }
  - id: cds
    title: "Chuyển đổi số"
    source: { file: "cds/{yyyy}-{mm}.wav" }
    max_duration: 15m
    monthly: { premiere: { week: 1, day: tue, at: "17:15" }, reruns: 3 }
  - id: tinh
    title: "Tiếp sóng tỉnh"
    source: { relay: "http://127.0.0.1:9/tinh.mp3", fallback: "tinh/{yyyy}-w{ww}.wav" }
    duration: 30m
    weekly: { day: sat, at: "06:00" }
)";

class SimulateCli : public ::testing::Test {
  protected:
    void SetUp() override {
        // Real WAV files, probed by GStreamer like the daemon's: one bulletin
        // linked under every day's name, to keep the folder small.
        const fs::path media = dir_ / "media";
        onair::testing::write_wav(media / "one-bulletin.wav", 20);
        fs::create_directories(media / "tin");
        for (unsigned day = 1; day <= 31; ++day) {
            const std::string dd = (day < 10 ? "0" : "") + std::to_string(day);
            fs::create_symlink(media / "one-bulletin.wav",
                               media / "tin" / ("2026-12-" + dd + ".wav"));
        }
        onair::testing::write_wav(media / "cds/2026-12.wav", 40);
        for (int week = 49; week <= 53; ++week) {
            onair::testing::write_wav(media / "tinh" / ("2026-w" + std::to_string(week) + ".wav"),
                                      25);
        }
        onair::testing::write_wav(media / "filler/a.wav", 61.5);
        onair::testing::write_wav(media / "filler/b.wav", 47.25);
        onair::testing::write_wav(media / "filler/c.wav", 30);
        std::ofstream(station_) << cli_station_yaml;
    }

    onair::testing::OnairResult run(const std::vector<std::string>& args) {
        return onair::testing::run_onair(args, dir_);
    }

    onair::testing::TempFolder temp_{"onair-simulate-cli"};
    const fs::path dir_ = temp_.path();
    const fs::path station_ = dir_ / "station.yaml";
    const fs::path db_ = dir_ / "sim.db";
};

// How fast a month is simulated is scripts/bench.sh's target (<= 1 s), not a
// test's: a loaded machine would break any wall-clock bound here.
TEST_F(SimulateCli, AMonthWithFaultsThenTheReportReadsIt) {
    const auto result = run({"simulate", station_.string(), "--month", "2026-12", "--db",
                             db_.string(), "--missing", "tin/2026-12-10.wav", "--relay-down",
                             "2026-12-19", "--down", "2026-12-15T17:15:20..2026-12-16T05:50"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    std::cout << result.out;
    EXPECT_THAT(result.out, HasSubstr("1 failed"));
    EXPECT_THAT(result.out, HasSubstr("1 missed"));
    EXPECT_THAT(result.out, HasSubstr("1 interrupted"));
    EXPECT_THAT(result.out, HasSubstr("partial"));  // the relay's fallback, filler at window ends
    EXPECT_THAT(result.out, HasSubstr("1 restart"));
    EXPECT_THAT(result.out, HasSubstr("As-aired log: " + db_.string()));
    EXPECT_THAT(result.out, HasSubstr("onair report"));
    EXPECT_EQ(result.err, "");

    const fs::path page = dir_ / "report.html";
    const auto report = run({"report", station_.string(), "--month", "2026-12", "--db",
                             db_.string(), "--format", "html", "--output", page.string()});
    ASSERT_EQ(report.exit_code, 0) << report.err;
    const std::string html = onair::testing::read_file(page);
    for (const char* status : {"missed", "failed", "interrupted", "partial"}) {
        EXPECT_THAT(html, HasSubstr(std::string("data-status=\"") + status + "\"")) << status;
    }
    EXPECT_THAT(html, HasSubstr("data-counts=\"cds 2026-12: premiere 1/1"));

    // The same run again is refused: the log is there; --force replaces it.
    const auto again =
        run({"simulate", station_.string(), "--month", "2026-12", "--db", db_.string()});
    EXPECT_EQ(again.exit_code, 1);
    EXPECT_THAT(again.err, HasSubstr("--force"));
    const auto forced =
        run({"simulate", station_.string(), "--month", "2026-12", "--db", db_.string(), "--force"});
    EXPECT_EQ(forced.exit_code, 0) << forced.err;
    EXPECT_THAT(forced.out, Not(HasSubstr("failed")));
}

TEST_F(SimulateCli, TheDefaultLogIsANewFileInTheCurrentFolder) {
    const std::string command = "cd " + onair::testing::shell_quoted(dir_.string()) + " && " +
                                onair::testing::shell_quoted(ONAIR_BINARY) +
                                " simulate station.yaml --from 2026-12-01 --to 2026-12-02"
                                " >stdout 2>stderr </dev/null";
    ASSERT_EQ(std::system(command.c_str()), 0) << onair::testing::read_file(dir_ / "stderr");
    EXPECT_TRUE(fs::exists(dir_ / "simulate-2026-12-01_2026-12-02.db"));
    EXPECT_THAT(onair::testing::read_file(dir_ / "stdout"),
                HasSubstr("As-aired log: simulate-2026-12-01_2026-12-02.db"));
}

TEST_F(SimulateCli, UsageAndRequestErrors) {
    auto no_period = run({"simulate", station_.string()});
    EXPECT_EQ(no_period.exit_code, 2);
    EXPECT_THAT(no_period.err, HasSubstr("--month or --from/--to"));

    auto bad_range = run({"simulate", station_.string(), "--month", "2026-12", "--db", db_.string(),
                          "--down", "2026-12-15T17:20..soon"});
    EXPECT_EQ(bad_range.exit_code, 2);
    EXPECT_THAT(bad_range.err, HasSubstr("\"soon\""));

    auto from_start = run({"simulate", station_.string(), "--month", "2026-12", "--db",
                           db_.string(), "--down", "2026-11-30..2026-12-02"});
    EXPECT_EQ(from_start.exit_code, 1);
    EXPECT_THAT(from_start.err, HasSubstr("begins at or before the start"));

    auto own_log = run({"simulate", station_.string(), "--month", "2026-12", "--db",
                        (dir_ / "onair.db").string(), "--force"});
    EXPECT_EQ(own_log.exit_code, 1);
    EXPECT_THAT(own_log.err, HasSubstr("the station's own as-aired log"));

    std::ofstream(dir_ / "bad.yaml")
        << "station: { name: x }\nwindows:\n  m: { start: \"25:00\", end: \"06:00\" }\n";
    auto invalid =
        run({"simulate", (dir_ / "bad.yaml").string(), "--month", "2026-12", "--db", db_.string()});
    EXPECT_EQ(invalid.exit_code, 1);
    EXPECT_TRUE(std::regex_search(invalid.err, std::regex(R"(bad\.yaml:\d+:\d+: error: )")))
        << invalid.err;
    EXPECT_FALSE(fs::exists(db_));
}

}  // namespace
}  // namespace onair::cli
