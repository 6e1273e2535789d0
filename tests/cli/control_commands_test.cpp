// `onair status | reload | skip | insert | log` as an operator runs them: the
// real onair binary against a stand-in daemon (the real ControlServer and
// ControlDispatcher, fake methods) listening in this test process.

#include <filesystem>
#include <mutex>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "../support/TempFolder.hpp"
#include "ControlTestServer.hpp"
#include "RunOnair.hpp"
#include "onair/daemon/ControlDispatcher.hpp"

namespace onair::cli {

using daemon::ControlDispatcher;
using daemon::ControlMethods;
using daemon::station_refused;
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::OnairResult;

const json status_example = json::parse(R"({
  "station": "Đài Truyền thanh thị xã Đức Phổ",
  "now": "2026-12-01T17:20:05+07:00",
  "on_air": {"programme": "cds-thixa", "title": "Chuyên mục Chuyển đổi số thị xã",
             "role": "premiere", "start": "2026-12-01T17:15:00+07:00",
             "planned_end": "2026-12-01T17:30:00+07:00", "elapsed_s": 305.0,
             "remaining_s": 595.0, "source": "cds/2026-12.mp3", "kind": "programme"},
  "next": [
    {"programme": "filler", "title": "Nhạc nền", "role": "fill",
     "start": "2026-12-01T17:30:00+07:00", "end": "2026-12-01T18:00:00+07:00", "media_ok": true},
    {"programme": "tinh-cds", "title": "Tiếp sóng Đài tỉnh", "role": "relay",
     "start": "2026-12-02T06:00:00+07:00", "end": "2026-12-02T06:30:00+07:00", "media_ok": false}
  ],
  "relay": {"state": "connected", "detail": "http://127.0.0.1:8000/tinh.mp3"},
  "outputs": [{"name": "file", "state": "ok", "detail": ""},
              {"name": "icecast", "state": "error", "detail": "connection refused"}],
  "warnings": [{"key": "media:tinh", "text": "tomorrow 06:00 tinh-cds: fallback tinh/2026-w49.mp3 is missing",
                "since": "2026-12-01T17:01:00+07:00"}],
  "log": {"writable": false, "pending": 3, "last_error": "database or disk is full"}
})");

/// The stand-in daemon: answers like the real one, remembers what it was asked.
class FakeDaemon final : public ControlMethods {
  public:
    json status() override { return status_example; }
    std::vector<std::string> reload() override {
        const std::lock_guard lock{mutex_};
        ++reloads_;
        if (refuse_reload) {
            throw station_refused(
                {config::Diagnostic{"/etc/onair/station.yaml",
                                    {12, 5},
                                    config::Severity::error,
                                    "unknown key \"tittle\" in programme \"cds\"; did you mean "
                                    "\"title\"?"},
                 config::Diagnostic{"/etc/onair/station.yaml",
                                    {20, 17},
                                    config::Severity::error,
                                    "max_duration of programme \"cds\": 900 has no unit; write "
                                    "900s or 15m"}});
        }
        return {"/etc/onair/station.yaml:3:1: warning: media not uploaded yet"};
    }
    std::string skip() override { throw std::invalid_argument("nothing is on air to skip"); }
    std::string insert(const fs::path& file, Priority priority) override {
        const std::lock_guard lock{mutex_};
        inserted_ = file;
        priority_ = priority;
        return "emergency " + file.filename().string() + " goes on air at 17:20:06";
    }
    std::vector<std::string> log_tail(std::size_t lines) override {
        std::vector<std::string> all{"l1", "l2", "l3", "l4", "l5"};
        return {all.end() - static_cast<std::ptrdiff_t>(std::min(lines, all.size())), all.end()};
    }

    bool refuse_reload = false;

    int reloads() const {
        const std::lock_guard lock{mutex_};
        return reloads_;
    }
    std::pair<fs::path, Priority> inserted() const {
        const std::lock_guard lock{mutex_};
        return {inserted_, priority_};
    }

  private:
    mutable std::mutex mutex_;
    int reloads_ = 0;
    fs::path inserted_;
    Priority priority_ = Priority::normal;
};

class ControlCommands : public ::testing::Test {
  protected:
    OnairResult run(const std::vector<std::string>& args) { return testing::run_onair(args, dir); }
    // A valid station file whose control.socket is the stand-in's.
    fs::path station_file(const std::string& control = "control: { socket: control.sock }\n") {
        const fs::path path = dir / "station.yaml";
        std::ofstream{path} << "station: { name: \"Đài Test\" }\n"
                               "windows:\n  evening: { start: \"17:00\", end: \"18:00\" }\n"
                            << control << "programmes: []\n";
        return path;
    }

    testing::TempFolder temp{"onair-ctl"};
    const fs::path dir = temp.path();
    const fs::path socket = dir / "control.sock";
    FakeDaemon daemon;
    ControlDispatcher dispatcher{daemon};
};

TEST_F(ControlCommands, StatusForOperators) {
    testing::RunningControlServer server{socket, dispatcher};
    const OnairResult result = run({"status", "--socket", socket.string()});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.err, "");
    EXPECT_EQ(result.out, R"(Đài Truyền thanh thị xã Đức Phổ, 2026-12-01 17:20:05 (+07:00)

On air:   Chuyên mục Chuyển đổi số thị xã
          cds-thixa, premiere, since 17:15:00: 5m05s played, 9m55s left (until 17:30:00)
          cds/2026-12.mp3
Relay:    connected: http://127.0.0.1:8000/tinh.mp3
Next:
  17:30:00–18:00:00             fill   filler    Nhạc nền
  2026-12-02 06:00:00–06:30:00  relay  tinh-cds  Tiếp sóng Đài tỉnh  [media missing]
Outputs:
  file     ok
  icecast  error: connection refused
Warnings:
  since 17:01:00: tomorrow 06:00 tinh-cds: fallback tinh/2026-w49.mp3 is missing
Log:      CANNOT WRITE, 3 change(s) waiting in memory: database or disk is full
)");
}

TEST_F(ControlCommands, StatusAsJsonAndThroughTheStationFile) {
    testing::RunningControlServer server{socket, dispatcher};
    // control.socket is relative to the station file's folder, not to the current one.
    const OnairResult result = run({"status", station_file().string(), "--json"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(json::parse(result.out), status_example);
}

TEST_F(ControlCommands, NothingOnAir) {
    class Idle final : public ControlMethods {
        json status() override {
            return {{"station", "Đài Test"},
                    {"now", "2026-12-01T03:00:00+07:00"},
                    {"on_air", nullptr},
                    {"next", json::array()},
                    {"relay", nullptr},
                    {"outputs", json::array()},
                    {"warnings", json::array()},
                    {"log", {{"writable", true}, {"pending", 0}, {"last_error", ""}}}};
        }
        std::vector<std::string> reload() override { return {}; }
        std::string skip() override { return ""; }
        std::string insert(const fs::path&, Priority) override { return ""; }
        std::vector<std::string> log_tail(std::size_t) override { return {}; }
    } idle;
    ControlDispatcher idle_dispatcher{idle};
    testing::RunningControlServer server{socket, idle_dispatcher};
    const OnairResult result = run({"status", "--socket", socket.string()});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, R"(Đài Test, 2026-12-01 03:00:00 (+07:00)

On air:   nothing
Next:     nothing planned
Outputs:  none reported
Warnings: none
Log:      ok
)");
}

TEST_F(ControlCommands, ReloadRefusedPrintsTheLocatedErrorsAndExitsOne) {
    daemon.refuse_reload = true;
    testing::RunningControlServer server{socket, dispatcher};
    const OnairResult result = run({"reload", station_file().string()});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(result.out, "");
    EXPECT_EQ(result.err,
              "/etc/onair/station.yaml:12:5: error: unknown key \"tittle\" in programme \"cds\"; "
              "did you mean \"title\"?\n"
              "/etc/onair/station.yaml:20:17: error: max_duration of programme \"cds\": 900 has "
              "no unit; write 900s or 15m\n"
              "onair reload: refused; the daemon keeps the plan it has\n");
    EXPECT_EQ(daemon.reloads(), 1);
}

TEST_F(ControlCommands, ReloadAccepted) {
    testing::RunningControlServer server{socket, dispatcher};
    const OnairResult result = run({"reload", "--socket", socket.string()});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "The daemon reloaded its station file.\n");
    EXPECT_EQ(result.err, "/etc/onair/station.yaml:3:1: warning: media not uploaded yet\n");
}

TEST_F(ControlCommands, SkipRefused) {
    testing::RunningControlServer server{socket, dispatcher};
    const OnairResult result = run({"skip", "--socket", socket.string()});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(result.err, "onair skip: nothing is on air to skip\n");
}

TEST_F(ControlCommands, InsertSendsAnAbsolutePath) {
    testing::RunningControlServer server{socket, dispatcher};
    // run_onair runs in the test's current folder: a relative FILE is relative to it.
    const OnairResult result = run(
        {"insert", station_file().string(), "canh-bao/bao-so-9.mp3", "--priority", "emergency"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "emergency bao-so-9.mp3 goes on air at 17:20:06\n");
    const auto [file, priority] = daemon.inserted();
    EXPECT_EQ(file, fs::current_path() / "canh-bao/bao-so-9.mp3");
    EXPECT_EQ(priority, ControlMethods::Priority::emergency);
    // With --socket, the station file may be left out.
    EXPECT_EQ(run({"insert", "/srv/a.mp3", "--socket", socket.string()}).exit_code, 0);
    EXPECT_EQ(daemon.inserted().first, "/srv/a.mp3");
    EXPECT_EQ(daemon.inserted().second, ControlMethods::Priority::normal);
}

TEST_F(ControlCommands, LogTail) {
    testing::RunningControlServer server{socket, dispatcher};
    OnairResult result = run({"log", "--socket", socket.string(), "--tail", "2"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "l4\nl5\n");
    result = run({"log", "--socket", socket.string()});
    EXPECT_EQ(result.out, "l1\nl2\nl3\nl4\nl5\n");
}

TEST_F(ControlCommands, DaemonNotRunningExitsThree) {
    for (const std::string command : {"status", "reload", "skip", "log"}) {
        SCOPED_TRACE(command);
        const OnairResult result = run({command, station_file().string()});
        EXPECT_EQ(result.exit_code, 3);
        EXPECT_EQ(result.out, "");
        EXPECT_EQ(result.err, "onair " + command + ": cannot reach the daemon at " +
                                  socket.string() + ": no such socket (is onair running?)\n");
    }
}

TEST_F(ControlCommands, UsageErrorsExitTwo) {
    struct Case {
        std::vector<std::string> args;
        std::string message;
    };
    for (const Case& c : std::vector<Case>{
             {{"status"},
              "onair status: give the station file, or the daemon's socket with "
              "--socket PATH"},
             {{"insert", "--socket", "/tmp/x.sock"},
              "onair insert: give the station file and "
              "the audio FILE"},
             {{"insert", "s.yaml"}, "give the audio FILE to insert after the station file"},
             {{"insert", "s.yaml", "a.mp3", "--priority", "urgent"}, "urgent"},
             {{"log", "s.yaml", "--tail", "0"}, "--tail"},
             {{"frobnicate"}, "the commands are check, plan, report, "},
         }) {
        SCOPED_TRACE(c.args.front());
        const OnairResult result = run(c.args);
        EXPECT_EQ(result.exit_code, 2) << result.err;
        EXPECT_THAT(result.err, HasSubstr(c.message));
    }
    // Every control command is listed for an unknown one (they come last).
    EXPECT_THAT(run({"frobnicate"}).err,
                HasSubstr(", status, reload, skip, insert and log\nRun 'onair --help'"));
}

TEST_F(ControlCommands, AnInvalidStationFileSaysWhereAndExitsOne) {
    const fs::path station = station_file("control: { sokcet: control.sock }\n");
    const OnairResult result = run({"status", station.string()});
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_THAT(result.err,
                HasSubstr(station.string() + ":4:12: error: unknown key \"sokcet\" in control"));
    EXPECT_THAT(result.err, HasSubstr("give --socket PATH"));
}

TEST_F(ControlCommands, HelpDocumentsExitCodeThree) {
    for (const char* command : {"status", "reload", "skip", "insert", "log"}) {
        const OnairResult result = run({command, "--help"});
        EXPECT_EQ(result.exit_code, 0) << command;
        EXPECT_THAT(result.out, HasSubstr("3 the daemon cannot be reached")) << command;
        EXPECT_THAT(result.out, HasSubstr("--socket")) << command;
    }
}

}  // namespace
}  // namespace onair::cli
