// The control methods (`onair status | reload | skip | insert | log`) on the
// daemon's loop.

#include "DaemonState.hpp"

#include "OutputSpecs.hpp"
#include "onair/config/StationLoader.hpp"

namespace onair::daemon {

using conductor::StationRefused;

std::vector<std::string> Daemon::Impl::reload() {
    logger->info("reloading {}", options.station_file);
    systemd.reloading();
    std::vector<std::string> warnings;
    std::vector<config::Diagnostic> errors;
    try {
        auto fresh =
            std::make_shared<const config::Station>(config::load_station(options.station_file));
        for (const auto& warning : fresh->warnings) {
            warnings.push_back(warning.to_string());
        }
        conductor->replace_station(fresh, wall_now());
        station = fresh;
        deadline = wall_now();
    } catch (const config::StationFileError& error) {
        for (const auto& diagnostic : error.diagnostics()) {
            if (diagnostic.severity == config::Severity::error) {
                errors.push_back(diagnostic);
            } else {
                warnings.push_back(diagnostic.to_string());
            }
        }
    } catch (const StationRefused& refused) {
        errors = refused.errors;
    }
    systemd.ready("on the air: " + station->name);
    if (errors.empty()) {
        logger->info("reloaded {}: the new plan is in use", options.station_file);
        if (output_specs(*station) != output_specs_on_air) {
            logger->warn("outputs changed in {}: they take effect when onair restarts",
                         options.station_file);
        }
        return warnings;
    }
    for (const auto& error : errors) {
        logger->error("{}", error.to_string());
    }
    logger->error("reload refused: {} has {} error(s); the old plan stays", options.station_file,
                  errors.size());
    throw station_refused(errors);
}

nlohmann::json Daemon::Impl::status() {
    nlohmann::json answer = conductor->status(wall_now());
    nlohmann::json list = nlohmann::json::array();
    for (const auto& [name, state] : outputs) {
        list.push_back({{"name", name}, {"state", state.state}, {"detail", state.detail}});
    }
    answer["outputs"] = std::move(list);
    return answer;
}

std::string Daemon::Impl::skip() {
    const std::string answer = conductor->skip(wall_now());
    deadline = wall_now();
    logger->info("operator: {}", answer);
    return answer;
}

std::string Daemon::Impl::insert(const std::filesystem::path& file, Priority priority) {
    const std::string answer = conductor->insert(file, priority, wall_now());
    deadline = wall_now();
    logger->info("operator: {}", answer);
    return answer;
}

std::vector<std::string> Daemon::Impl::log_tail(std::size_t lines) {
    return options.log_ring ? options.log_ring->tail(lines) : std::vector<std::string>{};
}

}  // namespace onair::daemon
