#include "onair/daemon/StationFile.hpp"

#include <algorithm>

#include "onair/config/StationLoader.hpp"

namespace onair::daemon {

void print_diagnostics(const std::vector<config::Diagnostic>& diagnostics, std::ostream& err) {
    for (const config::Diagnostic& diagnostic : diagnostics) {
        err << diagnostic.to_string() << '\n';
    }
}

std::optional<config::Station> load_station_or_report(const std::string& file, std::ostream& err) {
    try {
        config::Station station = config::load_station(file);
        print_diagnostics(station.warnings, err);
        return station;
    } catch (const config::StationFileError& error) {
        print_diagnostics(error.diagnostics(), err);
        const auto errors = std::count_if(
            error.diagnostics().begin(), error.diagnostics().end(),
            [](const config::Diagnostic& d) { return d.severity == config::Severity::error; });
        err << file << ": " << errors << (errors == 1 ? " error" : " errors")
            << ", nothing planned\n";
        return std::nullopt;
    }
}

}  // namespace onair::daemon
