// load_station() and parse_station(): the station file, read whole, every problem
// collected before anything is thrown.

#include "onair/config/StationLoader.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "Sections.hpp"
#include "YamlDocument.hpp"

namespace onair::config {

namespace {

constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

const std::vector<std::string> top_level_keys{"station", "media_root", "windows", "filler",
                                              "outputs", "log",        "control", "programmes"};

void read_sections(const YAML::Node& root, Station& station, const LoadContext& context) {
    MapReader top{root, Scope{}, context};
    read_station_section(top, station, context);
    read_media_root(top, station, context);
    auto windows = read_windows(top, station, context);
    read_filler(top, station, context);
    read_outputs(top, station, context);
    read_log(top, station, context);
    read_control(top, station, context);
    read_programmes(top, station, windows, context);
    top.check_unknown_keys(top_level_keys);
}

}  // namespace

Station parse_station(std::string_view yaml_text, const std::string& file_name) {
    DiagnosticList diagnostics{file_name};
    Station station;
    station.file = file_name;
    try {
        if (yaml_text.substr(0, utf8_bom.size()) == utf8_bom) {
            yaml_text.remove_prefix(utf8_bom.size());
        }
        const SourceText source{yaml_text};
        const LoadContext context{source, diagnostics,
                                  std::filesystem::path{file_name}.parent_path()};
        if (auto root = parse_document(context)) {
            read_sections(*root, station, context);
        }
    } catch (const YAML::Exception& error) {
        // yaml-cpp may still throw while walking an odd tree; keep it located.
        diagnostics.error(
            Location{std::max(error.mark.line + 1, 1), std::max(error.mark.column + 1, 1)},
            "invalid YAML: " + error.msg);
    } catch (const std::exception& error) {
        diagnostics.error(Location{1, 1},
                          std::string{"cannot read the station file: "} + error.what());
    } catch (...) {
        diagnostics.error(Location{1, 1}, "cannot read the station file: unexpected failure");
    }
    // Top to bottom, as the operator reads the file; ties keep the order found.
    auto sorted = diagnostics.all();
    std::stable_sort(sorted.begin(), sorted.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::pair{a.location.line, a.location.column} <
               std::pair{b.location.line, b.location.column};
    });
    if (diagnostics.has_errors()) {
        throw StationFileError(std::move(sorted));
    }
    station.warnings = std::move(sorted);
    return station;
}

Station load_station(const std::string& path) {
    auto fail = [&](const std::string& reason) {
        return StationFileError(
            {Diagnostic{path, Location{}, Severity::error, "cannot read station file: " + reason}});
    };
    std::error_code code;
    if (std::filesystem::is_directory(path, code)) {
        throw fail("it is a folder, not a file");
    }
    errno = 0;
    std::ifstream in{path, std::ios::binary};
    if (!in) {
        throw fail(errno != 0 ? std::strerror(errno) : "cannot open it");
    }
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) {
        throw fail(errno != 0 ? std::strerror(errno) : "read error");
    }
    return parse_station(text.str(), path);
}

}  // namespace onair::config
