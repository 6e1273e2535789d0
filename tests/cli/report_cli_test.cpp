// `onair report` as an operator runs it: a real as-aired log written through
// airlog::AsAiredLog, a real process, the files it writes, exit codes and
// messages.

#include <filesystem>
#include <fstream>
#include <regex>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "../support/ExampleStation.hpp"
#include "../support/TempFolder.hpp"
#include "RunOnair.hpp"

#include "../report/CsvParser.hpp"
#include "onair/airlog/AsAiredLog.hpp"
#include "onair/scheduler/PlanFormat.hpp"
#include "onair/scheduler/StationTimeZone.hpp"

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using onair::airlog::AsAiredLog;
using onair::airlog::StartRecord;
using onair::airlog::Status;
using onair::scheduler::Airing;
using onair::testing::OnairResult;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

// December 2025, which has passed: every planned airing is due.
// Dec 1 is a Monday: cds premieres Tue 2, reruns Tue 9, 16, 23 at 17:15;
// tinh is relayed Sat 6, 13, 20, 27 at 06:00.
const std::string station_yaml = std::string{onair::test::example_station_head} +
                                 std::string{onair::test::example_windows} +
                                 R"(log: { database: nhat-ky.db }
programmes:
  - id: cds
    title: "Chuyên mục \"Chuyển đổi số\", thị xã"
    category: chuyen-doi-so
    source: { file: "cds/{yyyy}-{mm}.wav" }
    max_duration: 15m
    monthly: { premiere: { week: 1, day: tue, at: "17:15" }, reruns: 3 }
  - id: tinh
    title: "Tiếp sóng Đài tỉnh"
    category: thoi-su
    source: { relay: "http://127.0.0.1:9/tinh.mp3" }
    duration: 30m
    weekly: { day: sat, at: "06:00" }
)";

class ReportCli : public ::testing::Test {
  protected:
    void SetUp() override {
        onair::testing::write_wav(dir_ / "media/cds/2025-12.wav", 60);
        std::ofstream(station_) << station_yaml;
    }

    OnairResult run(const std::vector<std::string>& args) {
        return onair::testing::run_onair(args, dir_);
    }

    /// The plan as `onair plan` makes it, so the rows carry its plan keys.
    std::vector<Airing> plan() {
        const OnairResult result =
            run({"plan", station_.string(), "--month", "2025-12", "--format", "json"});
        EXPECT_EQ(result.exit_code, 0) << result.err;
        return onair::scheduler::parse_plan_json(result.out);
    }

    static const Airing& find(const std::vector<Airing>& plan, const std::string& programme,
                              unsigned day) {
        const onair::scheduler::StationTimeZone zone("Asia/Ho_Chi_Minh");
        for (const Airing& airing : plan) {
            if (airing.programme == programme &&
                static_cast<unsigned>(zone.local_date(airing.start).day()) == day) {
                return airing;
            }
        }
        throw std::runtime_error("no such airing");
    }

    /// cds: 2 aired, 9 aired, 16 partial, 23 failed; tinh: 6 aired, 13 missed,
    /// 20 joined, 27 nothing; an operator's insert on the 10th.
    void write_log() {
        const auto airings = plan();
        AsAiredLog log(dir_ / "nhat-ky.db");
        auto aired = [&](const Airing& airing, Status status, std::chrono::milliseconds late,
                         std::chrono::milliseconds length, const std::string& note) {
            const auto id =
                log.record_start(StartRecord{airing, airing.start + late, {}, {}, {}, {}, {}, {}});
            log.record_end(id, airing.start + late + length, status, note);
        };
        aired(find(airings, "cds", 2), Status::aired, 125ms, 60s, "");
        aired(find(airings, "tinh", 6), Status::aired, 0ms, 30min, "");
        aired(find(airings, "cds", 9), Status::aired, 80ms, 60s, "");
        StartRecord insert;
        insert.actual_start = find(airings, "cds", 9).start + 24h + 10min;
        insert.programme = "thong-bao";
        insert.title = "Thông báo \"khẩn\", về bão";
        insert.role = "manual";
        insert.source = "insert/thong-bao.wav";
        log.record_end(log.record_start(insert), insert.actual_start + 2min, Status::aired);
        log.record_missed(find(airings, "tinh", 13), "onair was not running");
        aired(find(airings, "cds", 16), Status::partial, 0ms, 20s, "preempted by emergency");
        aired(find(airings, "tinh", 20), Status::joined, 3min, 27min,
              "relay started 3m late: stream not reachable");
        aired(find(airings, "cds", 23), Status::failed, 0ms, 0ms,
              "media unreadable: cds/2025-12.wav");
        ASSERT_TRUE(log.retry_pending());
    }

    std::vector<std::string> leftovers() const {
        std::vector<std::string> names;
        for (const auto& entry : fs::directory_iterator(dir_)) {
            if (entry.path().filename().string().find(".tmp-") != std::string::npos) {
                names.push_back(entry.path().filename().string());
            }
        }
        return names;
    }

    onair::testing::TempFolder temp_{"onair-report-cli"};
    const fs::path dir_ = temp_.path();
    const fs::path station_ = dir_ / "station.yaml";
};

TEST_F(ReportCli, CsvOfAMonthGoesToStandardOutputRowByRow) {
    write_log();
    const OnairResult result = run({"report", station_.string(), "--month", "2025-12"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    ASSERT_THAT(result.out, StartsWith("\xEF\xBB\xBF"));
    const auto records = onair::report::testing::parse_csv(result.out.substr(3));
    ASSERT_EQ(records.size(), 1u + 8u);
    EXPECT_EQ(records[0][0], "planned_start");
    std::vector<std::string> statuses;
    for (std::size_t i = 1; i < records.size(); ++i) {
        statuses.push_back(records[i][5] + " " + records[i][11]);
    }
    EXPECT_THAT(statuses,
                ::testing::ElementsAre("cds aired", "tinh aired", "cds aired", "thong-bao aired",
                                       "tinh missed", "cds partial", "tinh joined", "cds failed"));
    const std::regex iso{R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+07:00)"};
    EXPECT_EQ(records[1][0], "2025-12-02T17:15:00.000+07:00");
    EXPECT_EQ(records[1][2], "2025-12-02T17:15:00.125+07:00");
    EXPECT_EQ(records[1][4], "60.000");
    EXPECT_EQ(records[1][6], "Chuyên mục \"Chuyển đổi số\", thị xã");
    EXPECT_EQ(records[4][6], "Thông báo \"khẩn\", về bão");
    EXPECT_EQ(records[4][0], "");  // unplanned
    EXPECT_TRUE(std::regex_match(records[4][2], iso)) << records[4][2];
    EXPECT_EQ(records[5][2], "");  // missed: never on air
    EXPECT_EQ(records[5][12], "onair was not running");
}

TEST_F(ReportCli, YearAndDayRangesSelectTheirRows) {
    write_log();
    const OnairResult year = run({"report", station_.string(), "--year", "2025"});
    ASSERT_EQ(year.exit_code, 0) << year.err;
    EXPECT_EQ(onair::report::testing::parse_csv(year.out.substr(3)).size(), 1u + 8u);
    const OnairResult days =
        run({"report", station_.string(), "--from", "2025-12-01", "--to", "2025-12-09"});
    ASSERT_EQ(days.exit_code, 0) << days.err;
    EXPECT_EQ(onair::report::testing::parse_csv(days.out.substr(3)).size(), 1u + 3u);
    const OnairResult other = run({"report", station_.string(), "--year", "2024"});
    ASSERT_EQ(other.exit_code, 0) << other.err;
    EXPECT_EQ(onair::report::testing::parse_csv(other.out.substr(3)).size(), 1u);
}

TEST_F(ReportCli, HtmlToAFileCountsPlannedAgainstAiredAndListsTheProblems) {
    write_log();
    const fs::path page = dir_ / "bao-cao-2025-12.html";
    const OnairResult result = run({"report", station_.string(), "--month", "2025-12", "--format",
                                    "html", "--output", page.string()});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "");
    const std::string html = onair::testing::read_file(page);
    EXPECT_THAT(html, HasSubstr("data-counts=\"cds 2025-12: premiere 1/1, rerun 2/3\""));
    EXPECT_THAT(html, HasSubstr("data-counts=\"tinh 2025-12: relay 2/4\""));
    EXPECT_THAT(html, HasSubstr("Kế hoạch và thực tế"));
    for (const char* status : {"missed", "partial", "joined", "failed", "never-logged"}) {
        EXPECT_THAT(html, HasSubstr(std::string("data-status=\"") + status + "\"")) << status;
    }
    EXPECT_THAT(html, HasSubstr("media unreadable: cds/2025-12.wav"));
    EXPECT_THAT(html, HasSubstr("27/12/2025"));  // the relay with no row at all
    EXPECT_THAT(html, Not(HasSubstr("<script")));
    EXPECT_THAT(html, Not(HasSubstr("http")));
    EXPECT_EQ(leftovers(), std::vector<std::string>{});

    const OnairResult english = run(
        {"report", station_.string(), "--month", "2025-12", "--format", "html", "--lang", "en"});
    ASSERT_EQ(english.exit_code, 0) << english.err;
    EXPECT_THAT(english.out, HasSubstr("Planned and aired"));
    EXPECT_THAT(english.out, HasSubstr("<html lang=\"en\">"));
}

TEST_F(ReportCli, TheDatabaseCanBeGivenOnTheCommandLine) {
    write_log();
    fs::rename(dir_ / "nhat-ky.db", dir_ / "elsewhere.db");
    const OnairResult missing = run({"report", station_.string(), "--month", "2025-12"});
    EXPECT_EQ(missing.exit_code, 1);
    const OnairResult given = run({"report", station_.string(), "--month", "2025-12", "--db",
                                   (dir_ / "elsewhere.db").string()});
    ASSERT_EQ(given.exit_code, 0) << given.err;
    EXPECT_EQ(onair::report::testing::parse_csv(given.out.substr(3)).size(), 1u + 8u);
}

TEST_F(ReportCli, AMissingLogIsAnInvalidRequestThatSaysWhere) {
    const OnairResult result = run({"report", station_.string(), "--month", "2025-12"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(result.out, "");
    EXPECT_THAT(result.err,
                HasSubstr("onair report: no as-aired log at " + (dir_ / "nhat-ky.db").string() +
                          " (log.database in " + station_.string() + ")"));
}

TEST_F(ReportCli, AFailedReportNeverReplacesAGoodOne) {
    const fs::path page = dir_ / "report.html";
    std::ofstream(page) << "the good report of last month";
    std::ofstream(dir_ / "not-a-log.db") << "this is not a SQLite database, just text\n";
    const OnairResult result =
        run({"report", station_.string(), "--month", "2025-12", "--format", "html", "--db",
             (dir_ / "not-a-log.db").string(), "--output", page.string()});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_THAT(result.err, StartsWith("onair report: "));
    EXPECT_EQ(onair::testing::read_file(page), "the good report of last month");
    EXPECT_EQ(leftovers(), std::vector<std::string>{});

    const OnairResult nowhere = run({"report", station_.string(), "--month", "2025-12", "--db",
                                     (dir_ / "not-a-log.db").string(), "--output",
                                     (dir_ / "no/such/folder/r.csv").string()});
    EXPECT_EQ(nowhere.exit_code, 1);
    EXPECT_THAT(nowhere.err, HasSubstr("cannot write"));
}

TEST_F(ReportCli, AnEmptyRangeIsAnInvalidRequest) {
    write_log();
    const OnairResult result =
        run({"report", station_.string(), "--from", "2025-12-10", "--to", "2025-12-01"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_THAT(result.err, HasSubstr("--to 2025-12-01 is before --from 2025-12-10"));
}

TEST_F(ReportCli, UsageErrorsExitTwoAndSayWhatIsWrong) {
    struct Case {
        std::vector<std::string> args;
        const char* message;
    };
    const std::string station = station_.string();
    for (const Case& c : std::vector<Case>{
             {{"report", station}, "--month, --year or --from/--to is required"},
             {{"report", station, "--month", "2025-12", "--year", "2025"}, "excludes"},
             {{"report", station, "--year", "2025", "--from", "2025-01-01", "--to", "2025-02-01"},
              "excludes"},
             {{"report", station, "--year", "25"}, "\"25\" is not a year"},
             {{"report", station, "--month", "2025-13"}, "\"2025-13\" is not a month"},
             {{"report", station, "--from", "2025-12-01"}, "--to"},
             {{"report", station, "--month", "2025-12", "--format", "pdf"}, "pdf"},
             {{"report", station, "--month", "2025-12", "--lang", "fr"}, "fr"},
             {{"report", "--month", "2025-12"}, "station is required"},
         }) {
        const OnairResult result = run(c.args);
        EXPECT_EQ(result.exit_code, 2) << c.args.back() << "\n" << result.err;
        EXPECT_THAT(result.err, HasSubstr(c.message));
        EXPECT_THAT(result.err, HasSubstr("onair report --help"));
    }
}

TEST_F(ReportCli, HelpExplainsTheReportingYear) {
    const OnairResult result = run({"report", "--help"});
    EXPECT_EQ(result.exit_code, 0);
    EXPECT_THAT(result.out, HasSubstr("--from 2025-11-21 --to 2026-11-20"));
    EXPECT_THAT(result.out, HasSubstr("Exit codes:"));
    EXPECT_THAT(run({"--help"}).out, HasSubstr("report"));
}

}  // namespace
