// `onair run STATION.yaml`: the daemon itself (see Daemon.hpp).

#include <spdlog/spdlog.h>

#include "Daemon.hpp"
#include "SubcommandHooks.hpp"

namespace onair::daemon {

SubcommandHook add_run_command(CLI::App& app, std::ostream& out, std::ostream& err) {
    (void)out;
    (void)err;
    struct Options {
        std::string station_file;
        std::string socket;
        std::string level = "info";
    };
    auto options = std::make_shared<Options>();
    auto* command = app.add_subcommand(
        "run",
        "Put the station on the air and keep it there: plays the plan on time, writes the "
        "as-aired log, answers onair status/reload/skip/insert/log. Stops on SIGTERM/SIGINT "
        "(fading out); SIGHUP reloads the station file.");
    command->add_option("station", options->station_file, "The station file (YAML)")->required();
    command->add_option("--socket", options->socket,
                        "The control socket (default: control.socket in the station file)");
    command->add_option("--log-level", options->level, "trace, debug, info, warn or error")
        ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error"}))
        ->capture_default_str();
    return [command, options]() -> std::optional<int> {
        if (!*command) {
            return std::nullopt;
        }
        spdlog::set_level(spdlog::level::from_str(options->level));
        DaemonOptions daemon;
        daemon.station_file = options->station_file;
        if (!options->socket.empty()) {
            daemon.socket = options->socket;
        }
        return Daemon(daemon).run();
    };
}

}  // namespace onair::daemon
