#pragma once
// The daemon's state, shared by its source files (Daemon.cpp: start-up, the
// loop and stopping; DaemonControl.cpp: the control methods; DaemonPreflight.cpp:
// tomorrow's checks). It is the engine's listener: it logs what the air
// reports, keeps the outputs' state and passes the rest on to the conductor.
// Private. Threads: the io_context's, except the pre-flight worker, which
// only posts its result back.

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <spdlog/spdlog.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include "EngineAir.hpp"
#include "onair/airlog/AsAiredLog.hpp"
#include "onair/conductor/Conductor.hpp"
#include "onair/conductor/Preflight.hpp"
#include "onair/daemon/ControlDispatcher.hpp"
#include "onair/daemon/ControlMethods.hpp"
#include "onair/daemon/ControlServer.hpp"
#include "onair/daemon/Daemon.hpp"
#include "onair/daemon/SystemdNotifier.hpp"
#include "onair/logging/SubsystemLogger.hpp"
#include "onair/playout/DiscovererMediaCatalog.hpp"
#include "onair/playout/PlayoutEngine.hpp"
#include "onair/scheduler/CachingMediaCatalog.hpp"

namespace onair::daemon {

using conductor::Conductor;
using conductor::ConductorSettings;
using conductor::PreflightProblem;
using scheduler::TimePoint;

/// The wall clock, to the millisecond: the one place the daemon reads it.
inline TimePoint wall_now() {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now());
}

/// A clock jump bigger than this is reported (and the plan's deadlines follow it).
inline constexpr std::chrono::milliseconds jump_tolerance{500};
/// After the stop's fade, how long the loop keeps collecting the air's last events.
inline constexpr std::chrono::milliseconds stop_grace{400};
/// How much longer the loop waits for the air to catch up with the stop (on a
/// loaded machine the output can lag the wall clock), before it takes the air
/// down anyway and closes what was not reported.
inline constexpr std::chrono::milliseconds stop_catch_up_limit{5000};

struct OutputState {
    std::string state = "ok";
    std::string detail;
};

struct Daemon::Impl final : playout::PlayoutListener, ControlMethods {
    explicit Impl(DaemonOptions o) : options(std::move(o)) {}

    DaemonOptions options;
    boost::asio::io_context io;
    boost::asio::steady_timer timer{io};
    boost::asio::signal_set signals{io, SIGHUP, SIGTERM, SIGINT};
    std::shared_ptr<spdlog::logger> logger = logging::subsystem_logger("daemon");
    std::shared_ptr<spdlog::logger> air_logger = logging::subsystem_logger("playout");

    std::shared_ptr<const config::Station> station;
    std::unique_ptr<airlog::AsAiredLog> log;
    std::unique_ptr<playout::DiscovererMediaCatalog> discoverer;
    std::unique_ptr<scheduler::CachingMediaCatalog> catalog;
    std::unique_ptr<playout::PlayoutEngine> engine;
    std::unique_ptr<EngineAir> air;
    std::unique_ptr<Conductor> conductor;
    std::map<std::string, OutputState> outputs;
    /// The outputs the engine was started with: a reload that changes them
    /// says they wait for a restart.
    std::vector<playout::OutputSpec> output_specs_on_air;
    std::filesystem::path media_cache;
    SystemdNotifier systemd;
    std::optional<std::chrono::steady_clock::time_point> next_watchdog;
    std::unique_ptr<ControlDispatcher> dispatcher;
    std::unique_ptr<ControlServer> control;

    TimePoint deadline{};
    TimePoint last_wall{};
    std::chrono::steady_clock::time_point last_steady{};
    TimePoint next_heartbeat{};
    std::optional<TimePoint> quit_at;
    /// The instant the stop's fade ends on the air (quit_at less the grace).
    TimePoint silent_at{};
    int exit_code = 0;
    TimePoint next_preflight{};
    std::vector<std::string> preflight_keys;
    std::jthread preflight_worker;

    bool start();
    void arm_timer();
    void on_tick();
    void on_signal(int signal);
    std::vector<std::string> reload() override;
    nlohmann::json status() override;
    std::string skip() override;
    std::string insert(const std::filesystem::path& file, Priority priority) override;
    std::vector<std::string> log_tail(std::size_t lines) override;
    ConductorSettings conductor_settings() const;
    void save_media_cache();
    void begin_stop(const std::string& why);
    TimePoint next_preflight_after(TimePoint now) const;
    void run_preflight(TimePoint now);
    void preflight_done(std::vector<PreflightProblem> problems, TimePoint now);

    // playout::PlayoutListener: log, keep the outputs' state, pass on.
    void item_started(const std::string& id, TimePoint planned, TimePoint actual) override {
        air_logger->info("on air: {}{}", conductor->describe(id),
                         actual == planned ? std::string()
                                           : ", " + std::to_string((actual - planned).count()) +
                                                 " ms after its planned start");
        conductor->item_started(id, planned, actual);
    }
    void item_ended(const std::string& id, TimePoint end, playout::EndReason kind,
                    const std::string& reason) override {
        if (kind == playout::EndReason::failed) {
            air_logger->error("failed: {}: {}", conductor->describe(id), reason);
        } else {
            air_logger->info("off air: {}{}{}", conductor->describe(id), reason.empty() ? "" : ": ",
                             reason);
        }
        conductor->item_ended(id, end, kind, reason);
    }
    void output_error(const std::string& output, const std::string& message) override {
        air_logger->error("output {} failed: {}", output, message);
        outputs[output] = {"failed", message};
        conductor->output_error(output, message, wall_now());
    }
    void output_recovered(const std::string& output) override {
        air_logger->info("output {} works again", output);
        outputs[output] = {"ok", ""};
        conductor->output_recovered(output);
    }
    void relay_event(const std::string& id, playout::RelayEvent event, TimePoint at,
                     const std::string& detail) override {
        static constexpr const char* names[] = {"connected", "dropped", "fallback", "rejoined"};
        const auto level =
            event == playout::RelayEvent::dropped ? spdlog::level::warn : spdlog::level::info;
        air_logger->log(level, "relay {}: {}{}{}", conductor->describe(id),
                        names[static_cast<int>(event)], detail.empty() ? "" : ": ", detail);
        conductor->relay_event(id, event, at, detail);
    }
    void silence_alarm(TimePoint since) override {
        air_logger->log(conductor->in_window(since) ? spdlog::level::warn : spdlog::level::debug,
                        "the air has been silent since {}",
                        conductor->time_zone().format_iso(since));
        conductor->silence_alarm(since);
    }
    void silence_ended(TimePoint at) override {
        air_logger->debug("sound again on the air");
        conductor->silence_ended(at);
    }
};

}  // namespace onair::daemon
