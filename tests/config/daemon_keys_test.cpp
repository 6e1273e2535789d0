// The keys the daemon reads: station.relay_tolerance, station.fade,
// station.preflight and control.socket, with their defaults, their located
// errors, and where the control socket is when the file does not say.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "../support/TempFolder.hpp"
#include "LocationPrinter.hpp"
#include "onair/config/ControlSocket.hpp"
#include "onair/config/StationLoader.hpp"

namespace onair::config {
namespace {

using namespace std::chrono_literals;

// The `station:` map is written by each case on line 1; the rest follows.
constexpr std::string_view rest_of_file = R"yaml(windows:
  morning: { start: "05:30", end: "06:30" }
programmes:
  - id: p
    title: P
    source: { file: "p.mp3" }
    daily: { at: "05:30" }
)yaml";

Station with_station_line(const std::string& station_line, const std::string& more = {},
                          const std::string& file = "/srv/radio/station.yaml") {
    return parse_station(station_line + "\n" + std::string{rest_of_file} + more, file);
}

// `LINE:COLUMN: MESSAGE` of each error of a file that must not load.
std::vector<std::string> errors_of(const std::string& text) {
    try {
        parse_station(text, "station.yaml");
    } catch (const StationFileError& error) {
        std::vector<std::string> lines;
        for (const auto& d : error.diagnostics()) {
            lines.push_back(std::to_string(d.location.line) + ":" +
                            std::to_string(d.location.column) + ": " + d.message);
        }
        return lines;
    }
    ADD_FAILURE() << "loaded without errors:\n" << text;
    return {};
}

TEST(DaemonKeys, DefaultsWhenNotWritten) {
    const Station station = with_station_line("station: { name: Test }");
    EXPECT_EQ(station.relay_tolerance, 5s);
    EXPECT_EQ(station.fade, 2s);
    EXPECT_EQ(station.preflight, 22h);
    EXPECT_TRUE(station.control.socket.empty());
}

TEST(DaemonKeys, ValuesAsWritten) {
    struct Case {
        std::string station_line;
        Milliseconds tolerance;
        Milliseconds fade;
        TimeOfDay preflight;
    };
    for (const Case& c : std::vector<Case>{
             {"station: { name: T, relay_tolerance: 8s }", 8s, 2s, 22h},
             {"station: { name: T, relay_tolerance: 1s }", 1s, 2s, 22h},
             {"station: { name: T, relay_tolerance: 10m }", 10min, 2s, 22h},
             {"station: { name: T, fade: 3.5s }", 5s, 3500ms, 22h},
             {"station: { name: T, fade: 10s }", 5s, 10s, 22h},
             {"station: { name: T, fade: 0s }", 5s, 0s, 22h},
             {"station: { name: T, fade: 0 }", 5s, 0s, 22h},
             {"station: { name: T, fade: \"00:00:00\" }", 5s, 0s, 22h},
             {"station: { name: T, preflight: \"20:30\" }", 5s, 2s, 20h + 30min},
             {"station: { name: T, preflight: \"00:00\" }", 5s, 2s, 0s},
             {"station: { name: T, preflight: \"05:00:30\" }", 5s, 2s, 5h + 30s},
         }) {
        SCOPED_TRACE(c.station_line);
        const Station station = with_station_line(c.station_line);
        EXPECT_EQ(station.relay_tolerance, c.tolerance);
        EXPECT_EQ(station.fade, c.fade);
        EXPECT_EQ(station.preflight, c.preflight);
    }
}

TEST(DaemonKeys, BadValuesAreLocatedErrors) {
    struct Case {
        std::string station_line;
        std::string error;
    };
    for (const Case& c : std::vector<Case>{
             {"station: { name: T, relay_tolerance: 5 }",
              "1:38: station.relay_tolerance: 5 has no unit; write 5s"},
             {"station: { name: T, relay_tolerance: 500ms }",
              "1:38: station.relay_tolerance: \"500ms\" is not a duration"},
             {"station: { name: T, relay_tolerance: 0.5s }",
              "1:38: station.relay_tolerance: 0.5s is out of range; write from 1s to 10m, e.g. "
              "5s"},
             {"station: { name: T, relay_tolerance: 1h }",
              "1:38: station.relay_tolerance: 1h is out of range; write from 1s to 10m"},
             {"station: { name: T, fade: 12s }",
              "1:27: station.fade: 12s is too long; write at most 10s (0s cuts at once)"},
             {"station: { name: T, fade: -1s }", "1:27: station.fade: \"-1s\" is not a duration"},
             {"station: { name: T, fade: [2s] }",
              "1:27: expected a duration (e.g. 15m) for station.fade, found a list"},
             {"station: { name: T, preflight: \"25:00\" }",
              "1:32: station.preflight: \"25:00\" is not a time of day"},
             {"station: { name: T, preflight: 2200 }",
              "1:32: station.preflight: \"2200\" is not a time of day; write HH:MM, e.g. "
              "\"22:00\""},
             {"station: { name: T, prefligt: \"22:00\" }",
              "1:21: unknown key \"prefligt\" in station; did you mean \"preflight\"?"},
             {"station: { name: T, relay_tolerence: 5s }",
              "1:21: unknown key \"relay_tolerence\" in station; did you mean "
              "\"relay_tolerance\"?"},
         }) {
        SCOPED_TRACE(c.station_line);
        const auto errors = errors_of(c.station_line + "\n" + std::string{rest_of_file});
        ASSERT_EQ(errors.size(), 1u) << ::testing::PrintToString(errors);
        EXPECT_EQ(errors[0].substr(0, c.error.size()), c.error) << errors[0];
    }
}

TEST(DaemonKeys, ControlSocketResolvesAgainstTheStationFolder) {
    struct Case {
        std::string file;
        std::string socket;
        std::filesystem::path expected;
    };
    for (const Case& c : std::vector<Case>{
             {"/srv/radio/station.yaml", "/run/onair/control.sock", "/run/onair/control.sock"},
             {"/srv/radio/station.yaml", "onair.sock", "/srv/radio/onair.sock"},
             {"/srv/radio/station.yaml", "../run/./c.sock", "/srv/run/c.sock"},
             {"radio/station.yaml", "c.sock", "radio/c.sock"},
             {"station.yaml", "c.sock", "c.sock"},
         }) {
        SCOPED_TRACE(c.file + " " + c.socket);
        const Station station = with_station_line(
            "station: { name: T }", "control: { socket: " + c.socket + " }\n", c.file);
        EXPECT_EQ(station.control.socket, c.expected);
        EXPECT_EQ(control_socket_path(station, std::nullopt), c.expected);
        EXPECT_EQ(control_socket_path(station, "/run/elsewhere"), c.expected)
            << "a socket written in the station file wins over systemd's folder";
    }
}

TEST(DaemonKeys, BadControlSectionsAreLocatedErrors) {
    const std::string head = "station: { name: T }\n" + std::string{rest_of_file};
    // The control: line is line 9.
    const std::string long_name(120, 'x');
    struct Case {
        std::string control_line;
        std::string error;
    };
    for (const Case& c : std::vector<Case>{
             {"control: /run/onair/control.sock",
              "9:10: expected a map (key: value) for control, found the value "
              "\"/run/onair/control.sock\"; "
              "write e.g. control: { socket: /run/onair/control.sock }"},
             {"control: { sokcet: /run/onair/control.sock }",
              "9:12: unknown key \"sokcet\" in control; did you mean \"socket\"?"},
             {"control: { socket: \"\" }", "9:20: control.socket is empty"},
             {"control: { socket: /run/onair/ }",
              "9:20: control.socket: \"/run/onair/\" is a folder; write the socket's file name"},
             {"control: { socket: /run/" + long_name + " }",
              "9:20: control.socket: the path is 125 bytes long, longer than the 107 a Unix "
              "socket allows; choose a shorter path"},
             {"contrl: { socket: /run/onair/control.sock }",
              "9:1: unknown key \"contrl\" in the station file; did you mean \"control\"?"},
         }) {
        SCOPED_TRACE(c.control_line);
        const auto errors = errors_of(head + c.control_line + "\n");
        ASSERT_EQ(errors.size(), 1u) << ::testing::PrintToString(errors);
        EXPECT_EQ(errors[0].substr(0, c.error.size()), c.error) << errors[0];
    }
}

TEST(DaemonKeys, DefaultControlSocket) {
    testing::TempFolder run;
    const std::filesystem::path absent = run.path() / "absent";
    const Station station = with_station_line("station: { name: T }");
    const Station relative = with_station_line("station: { name: T }", {}, "station.yaml");
    struct Case {
        const char* what;
        const Station& station;
        std::optional<std::string> runtime_directory;
        std::filesystem::path run_folder;
        std::filesystem::path expected;
    };
    for (const Case& c : std::vector<Case>{
             {"systemd's RUNTIME_DIRECTORY", station, "/run/onair", absent,
              "/run/onair/control.sock"},
             {"the first of several", station, "/run/onair:/run/other", absent,
              "/run/onair/control.sock"},
             {"an empty RUNTIME_DIRECTORY is not set", station, "", run.path(),
              run.path() / "control.sock"},
             {"the system's run folder exists", station, std::nullopt, run.path(),
              run.path() / "control.sock"},
             {"beside the station file", station, std::nullopt, absent, "/srv/radio/onair.sock"},
             {"beside a station file named without a folder", relative, std::nullopt, absent,
              "onair.sock"},
         }) {
        SCOPED_TRACE(c.what);
        EXPECT_EQ(control_socket_path(c.station, c.runtime_directory, c.run_folder), c.expected);
    }
}

}  // namespace
}  // namespace onair::config
