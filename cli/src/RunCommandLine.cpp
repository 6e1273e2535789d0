// `onair run STATION.yaml`: the daemon itself (see Daemon.hpp).

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "SubcommandHooks.hpp"
#include "onair/daemon/Daemon.hpp"
#include "onair/daemon/LogRing.hpp"
#include "onair/daemon/SystemdNotifier.hpp"

namespace onair::cli {

using daemon::Daemon;
using daemon::DaemonOptions;
using daemon::LogRing;
using daemon::SystemdNotifier;

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
        // Every subsystem's logger is a clone of the default one, so they all
        // write to standard error (the journal under systemd, which adds its
        // own timestamps) and to the ring `onair log` reads.
        auto ring = std::make_shared<LogRing>(2000);
        auto console = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
        console->set_pattern(SystemdNotifier::under_systemd()
                                 ? "[%n] %l: %v"
                                 : "[%Y-%m-%d %H:%M:%S.%e] [%n] [%l] %v");
        auto logger =
            std::make_shared<spdlog::logger>("onair", spdlog::sinks_init_list{console, ring});
        spdlog::set_default_logger(logger);
        spdlog::set_level(spdlog::level::from_str(options->level));
        logger->flush_on(spdlog::level::info);
        DaemonOptions daemon;
        daemon.log_ring = ring;
        daemon.station_file = options->station_file;
        if (!options->socket.empty()) {
            daemon.socket = options->socket;
        }
        return Daemon(daemon).run();
    };
}

}  // namespace onair::cli
