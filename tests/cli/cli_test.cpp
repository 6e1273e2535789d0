// The `onair` command as an operator runs it: a real process, real files, exit
// codes and messages from the spec.

#include <filesystem>
#include <regex>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "../support/TempFolder.hpp"
#include "RunOnair.hpp"
#include "onair/scheduler/PlanFormat.hpp"
#include "onair/scheduler/StationTimeZone.hpp"

namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::StartsWith;

using onair::testing::OnairResult;
using Result = OnairResult;

class Cli : public ::testing::Test {
  protected:
    void SetUp() override { fs::create_directories(dir_ / "media"); }

    Result run(const std::vector<std::string>& args) {
        return onair::testing::run_onair(args, dir_);
    }

    fs::path write(const std::string& name, const std::string& text) {
        const fs::path path = dir_ / name;
        fs::create_directories(path.parent_path());
        std::ofstream(path, std::ios::binary) << text;
        return path;
    }

    void write_wav(const std::string& name, double seconds) {
        onair::testing::write_wav(dir_ / "media" / name, seconds);
    }

    onair::testing::TempFolder temp_{"onair-cli"};
    const fs::path dir_ = temp_.path();
};

const std::string station_head = R"(station: { name: "Đài Truyền thanh thị xã Đức Phổ" }
media_root: media
windows:
  evening: { start: "17:00", end: "18:00" }
)";

TEST_F(Cli, HelpListsTheCommandsAndExitsZero) {
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"--help"}, {"check", "--help"}, {"plan", "--help"}}) {
        const Result result = run(args);
        EXPECT_EQ(result.exit_code, 0) << args.front();
        EXPECT_THAT(result.out, HasSubstr("Exit codes:"));
    }
    EXPECT_THAT(run({"--help"}).out, HasSubstr("plan"));
}

TEST_F(Cli, UsageErrorsExitTwoAndSayWhatIsWrong) {
    struct Case {
        std::vector<std::string> args;
        const char* message;
    };
    const fs::path station = write("s.yaml", station_head + "programmes: []\n");
    for (const Case& c : std::vector<Case>{
             {{}, "A subcommand is required"},
             {{"frobnicate"},
              "unknown command \"frobnicate\"; the commands are check, plan, report, "},
             {{"plan", station.string()}, "--month or --from/--to is required"},
             {{"plan", station.string(), "--month", "2026-13"}, "\"2026-13\" is not a month"},
             {{"plan", station.string(), "--from", "2026-12-01"}, "--to"},
             {{"plan", station.string(), "--month", "2026-12", "--from", "2026-12-01", "--to",
               "2026-12-02"},
              "excludes"},
             {{"plan", station.string(), "--month", "2026-12", "--format", "xml"}, "xml"},
             {{"check"}, "station is required"},
             {{"check", station.string(), "--from", "2026-02-30"}, "is not a date"},
         }) {
        const Result result = run(c.args);
        EXPECT_EQ(result.exit_code, 2) << result.err;
        EXPECT_THAT(result.err, HasSubstr(c.message));
        EXPECT_THAT(result.err, HasSubstr("--help"));
    }
}

TEST_F(Cli, PlanPrintsJsonWithTheRealLengthsOfTheMedia) {
    write_wav("a.wav", 61.5);
    write_wav("b.wav", 30);
    const fs::path station = write("s.yaml", station_head + R"(programmes:
  - id: a
    title: "Bản tin sáng"
    source: { file: a.wav }
    daily: { window: evening }
  - id: b
    title: B
    source: { file: b.wav }
    daily: { window: evening }
)");
    const Result result = run({"plan", station.string(), "--from", "2026-12-01", "--to",
                               "2026-12-02", "--format", "json"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    const auto airings = onair::scheduler::parse_plan_json(result.out);
    ASSERT_EQ(airings.size(), 4u);
    const onair::scheduler::StationTimeZone zone("Asia/Ho_Chi_Minh");
    EXPECT_EQ(zone.format_iso(airings[0].start), "2026-12-01T17:00:00+07:00");
    EXPECT_EQ(zone.format_iso(airings[0].end), "2026-12-01T17:01:01.500+07:00");
    EXPECT_EQ(zone.format_iso(airings[1].start), "2026-12-01T17:01:01.500+07:00");
    EXPECT_EQ(zone.format_iso(airings[1].end), "2026-12-01T17:01:31.500+07:00");
    EXPECT_EQ(airings[0].title, "Bản tin sáng");
    EXPECT_TRUE(airings[0].media_ok);
}

TEST_F(Cli, PlanCsvAndTableFormats) {
    write_wav("a.wav", 10);
    const fs::path station = write("s.yaml", station_head + R"(programmes:
  - id: a
    title: "Chuyên mục \"Chuyển đổi số\", thị xã"
    source: { file: a.wav }
    daily: { at: "17:30" }
)");
    const Result csv = run({"plan", station.string(), "--month", "2026-12", "--format", "csv"});
    ASSERT_EQ(csv.exit_code, 0) << csv.err;
    EXPECT_THAT(csv.out, StartsWith("\xEF\xBB\xBF"
                                    "start,end,window,programme,title"));
    EXPECT_THAT(csv.out, HasSubstr("\"Chuyên mục \"\"Chuyển đổi số\"\", thị xã\""));
    const Result table = run({"plan", station.string(), "--month", "2026-12"});
    ASSERT_EQ(table.exit_code, 0) << table.err;
    EXPECT_THAT(table.out, HasSubstr("2026-12-31"));
    EXPECT_THAT(table.out, HasSubstr("31 airings"));
}

TEST_F(Cli, PlanWithConflictsExitsOneWithLocatedErrorsAndPrintsNoPlan) {
    write_wav("a.wav", 600);
    const fs::path station = write("s.yaml", station_head + R"(programmes:
  - id: a
    title: A
    source: { file: a.wav }
    daily: { at: "17:00" }
  - id: b
    title: B
    source: { file: a.wav }
    weekly: { day: tue, at: "17:05" }
)");
    const Result result = run({"plan", station.string(), "--month", "2026-12"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(result.out, "");
    EXPECT_THAT(result.err, HasSubstr(station.string() + ":13:13: error: programme \"a\" (daily)"));
    EXPECT_THAT(result.err, HasSubstr("overlap on tue 2026-12-01 by 5m"));
}

TEST_F(Cli, PlanRefusesAnEmptyRange) {
    const fs::path station = write("s.yaml", station_head + "programmes: []\n");
    const Result result =
        run({"plan", station.string(), "--from", "2026-12-10", "--to", "2026-12-01"});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_THAT(result.err, HasSubstr("is before --from"));
}

TEST_F(Cli, CheckWarnsAboutMediaMissingInTheNextDaysAtTheProgrammesSource) {
    write_wav("cds/2026-12.wav", 5);
    const fs::path station = write("s.yaml", station_head + R"(programmes:
  - id: cds
    title: C
    source: { file: "cds/{yyyy}-{mm}.wav" }
    max_duration: 15m
    monthly: { premiere: { week: 1, day: tue, at: "17:15" }, reruns: 3 }
  - id: later
    title: L
    source: { file: "later/{yyyy}{mm}{dd}.wav" }
    daily: { at: "17:40" }
)");
    const Result result =
        run({"check", station.string(), "--from", "2026-12-01", "--media-days", "3"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    // One warning per missing file: 1, 2 and 3 December.
    EXPECT_THAT(result.err,
                HasSubstr(station.string() + ":13:13: warning: media not ready for \"later\""));
    EXPECT_THAT(result.err, HasSubstr("later/20261203.wav"));
    EXPECT_THAT(result.err, ::testing::Not(HasSubstr("later/20261204.wav")));
    EXPECT_THAT(result.err, ::testing::Not(HasSubstr("\"cds\"")));
    EXPECT_THAT(result.out, HasSubstr(": ok: 2 programmes"));
}

TEST_F(Cli, CheckReportsUnreadableMedia) {
    write("media/bad.mp3", "this is not audio at all, just text pretending to be an mp3\n");
    const fs::path station = write("s.yaml", station_head + R"(programmes:
  - id: bad
    title: B
    source: { file: bad.mp3 }
    max_duration: 10m
    daily: { at: "17:15" }
)");
    const Result result = run({"check", station.string(), "--from", "2026-12-01"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_THAT(result.err, HasSubstr("warning: media not ready for \"bad\": unreadable file"));
}

TEST_F(Cli, CheckOfAMissingFileIsAnInvalidRequest) {
    const Result result = run({"check", (dir_ / "nope.yaml").string()});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_THAT(result.err, HasSubstr("nope.yaml: error: cannot read station file"));
}

TEST_F(Cli, EveryBrokenStationFileInTheCorpusExitsOneWithALocatedError) {
    const std::regex located{R"(^[^\n]+\.yaml:[0-9]+:[0-9]+: error: [^\n]+)"};
    int files = 0;
    for (const auto& entry : fs::directory_iterator(fs::path(ONAIR_CORPUS_DIR) / "invalid")) {
        if (entry.path().extension() != ".yaml") {
            continue;
        }
        ++files;
        for (const char* command : {"check", "plan"}) {
            std::vector<std::string> args{command, entry.path().string()};
            if (std::string(command) == "plan") {
                args.insert(args.end(), {"--month", "2026-12"});
            }
            const Result result = run(args);
            EXPECT_EQ(result.exit_code, 1) << command << " " << entry.path() << "\n" << result.err;
            EXPECT_TRUE(std::regex_search(result.err, located))
                << command << " " << entry.path() << "\n"
                << result.err;
            EXPECT_EQ(result.out, "") << entry.path();
        }
    }
    EXPECT_GE(files, 30);
}

TEST_F(Cli, TheExampleStationChecksAndPlans) {
    const std::string example = std::string(ONAIR_SOURCE_DIR) + "/examples/duc-pho/station.yaml";
    const Result check = run({"check", example, "--from", "2027-01-01"});
    EXPECT_EQ(check.exit_code, 0) << check.err;
    const Result plan = run({"plan", example, "--month", "2027-01", "--format", "json"});
    ASSERT_EQ(plan.exit_code, 0) << plan.err;
    const auto airings = onair::scheduler::parse_plan_json(plan.out);
    int premieres = 0, reruns = 0, relays = 0;
    for (const auto& airing : airings) {
        premieres +=
            airing.programme == "cds-thixa" && airing.role == onair::scheduler::Role::premiere;
        reruns += airing.programme == "cds-thixa" && airing.role == onair::scheduler::Role::rerun;
        relays += airing.role == onair::scheduler::Role::relay;
    }
    EXPECT_EQ(premieres, 1);  // the town programme: one new each month...
    EXPECT_EQ(reruns, 3);     // ...aired again three times
    EXPECT_EQ(relays, 5);     // the provincial relay every Saturday (five in January 2027)
}

}  // namespace
