// Start-up, the loop's tick (the clock, the watchdog, the engine's reports,
// the conductor's deadlines, the heartbeat) and stopping.

#include "DaemonState.hpp"

#include <csignal>
#include <sstream>

#include "OutputSpecs.hpp"
#include "onair/conductor/DurationText.hpp"
#include "onair/config/ControlSocket.hpp"
#include "onair/daemon/MediaCache.hpp"
#include "onair/daemon/StationFile.hpp"

namespace onair::daemon {

using namespace std::chrono_literals;
namespace fs = std::filesystem;
using conductor::duration_text;
using conductor::StationRefused;

bool Daemon::Impl::start() {
    std::ostringstream problems;
    auto loaded = load_station_or_report(options.station_file, problems);
    if (!problems.str().empty()) {
        logger->warn("{}", problems.str());
    }
    if (!loaded) {
        logger->error("{}: not starting", options.station_file);
        return false;
    }
    station = std::make_shared<const config::Station>(std::move(*loaded));
    try {
        airlog::LogSettings log_settings;
        // The event loop must not wait long on a locked database: rows wait
        // in memory instead (see AsAiredLog).
        log_settings.busy_timeout = 200ms;
        log_settings.time_zone = station->timezone;
        log = std::make_unique<airlog::AsAiredLog>(station->log.database, log_settings);
    } catch (const airlog::LogError& error) {
        logger->error("cannot open the as-aired log {}: {}", station->log.database.string(),
                      error.what());
        return false;
    }
    discoverer = std::make_unique<playout::DiscovererMediaCatalog>();
    catalog = std::make_unique<scheduler::CachingMediaCatalog>(*discoverer);
    media_cache = media_cache_path(*station);
    catalog->load(media_cache);
    output_specs_on_air = output_specs(*station);
    for (const playout::OutputSpec& spec : output_specs_on_air) {
        outputs[spec.name] = OutputState{};
    }
    try {
        engine = std::make_unique<playout::PlayoutEngine>(output_specs_on_air, *this);
        engine->start();
    } catch (const std::runtime_error& error) {
        logger->error("cannot start the playout: {}", error.what());
        return false;
    }
    air = std::make_unique<EngineAir>(*engine);
    conductor = std::make_unique<Conductor>(*air, *log, *catalog, conductor_settings());
    const TimePoint now = wall_now();
    try {
        conductor->start(station, now);
    } catch (const StationRefused& refused) {
        for (const auto& error : refused.errors) {
            logger->error("{}", error.to_string());
        }
        logger->error("{}: the plan has conflicts; not starting", options.station_file);
        engine->stop();
        return false;
    }
    deadline = conductor->advance(now);
    try {
        const fs::path socket =
            options.socket ? *options.socket : config::control_socket_path(*station);
        dispatcher = std::make_unique<ControlDispatcher>(*this);
        control = std::make_unique<ControlServer>(io, socket, *dispatcher);
        logger->info("control socket {}", socket.string());
    } catch (const ControlSocketError& error) {
        logger->error("{}", error.what());
        conductor->stop(now);
        engine->stop();
        conductor->air_stopped(now);
        return false;
    }
    save_media_cache();
    last_wall = now;
    last_steady = std::chrono::steady_clock::now();
    next_heartbeat = now + options.heartbeat;
    next_preflight = next_preflight_after(now);
    systemd.ready("on the air: " + station->name);
    if (const auto interval = systemd.watchdog_interval()) {
        next_watchdog = std::chrono::steady_clock::now();
    }
    // The air's timeline: a recording's first sample is this instant (tests and
    // anyone lining a recording up with the log read it here).
    logger->info("on the air: {} ({} output{}), log {}; the air's timeline starts at {}",
                 station->name, outputs.size(), outputs.size() == 1 ? "" : "s",
                 station->log.database.string(),
                 conductor->time_zone().format_iso(engine->origin()));
    return true;
}

void Daemon::Impl::arm_timer() {
    timer.expires_after(options.tick);
    timer.async_wait([this](const boost::system::error_code& error) {
        if (!error) {
            on_tick();
        }
    });
}

void Daemon::Impl::on_tick() {
    const TimePoint now = wall_now();
    const auto steady = std::chrono::steady_clock::now();
    const auto jump = (now - last_wall) -
                      std::chrono::duration_cast<std::chrono::milliseconds>(steady - last_steady);
    if (jump > jump_tolerance || jump < -jump_tolerance) {
        // The air runs on the monotonic clock and does not move; what moves is
        // which wall-clock instant each of its samples is. Re-anchor, and hand
        // over again what is not on the air yet, so it starts by the new clock.
        const auto moved = engine->reanchor();
        conductor->clock_jumped(now);
        logger->warn(
            "the system clock jumped by {}; the air's timeline moved by {}, and "
            "deadlines follow the new time",
            duration_text(jump), duration_text(moved));
        deadline = now;  // re-compute at once
    }
    last_wall = now;
    last_steady = steady;

    if (next_watchdog && steady >= *next_watchdog) {
        // From the loop itself: a loop that stops turning stops the pings, and
        // systemd restarts the daemon.
        systemd.watchdog_ping();
        *next_watchdog = steady + *systemd.watchdog_interval();
    }
    engine->poll(0ms);
    if (!quit_at && now >= deadline) {
        deadline = conductor->advance(now);
    }
    if (now >= next_heartbeat) {
        log->heartbeat(now);
        if (!log->health().writable) {
            log->retry_pending();
        }
        next_heartbeat = now + options.heartbeat;
    }
    if (!quit_at && now >= next_preflight) {
        run_preflight(now);
        next_preflight = next_preflight_after(now + 1min);
    }
    // The air reports an item's end once its output has passed that sample:
    // wait for the output to be past the fade (and the grace) so every row is
    // closed with what the air measured, within a limit.
    if (quit_at && now >= *quit_at &&
        (engine->on_air_until() >= silent_at + stop_grace ||
         now >= *quit_at + stop_catch_up_limit)) {
        engine->stop();
        // On a loaded machine the air can be behind the clock by more than
        // the grace: what it has not reported ended is closed now, so no row
        // of this run is left on air.
        conductor->air_stopped(now);
        control.reset();
        save_media_cache();
        io.stop();
        return;
    }
    arm_timer();
}

void Daemon::Impl::begin_stop(const std::string& why) {
    if (quit_at) {
        return;
    }
    logger->info("stopping ({}): fading out", why);
    systemd.stopping();
    silent_at = conductor->stop(wall_now());
    quit_at = silent_at + stop_grace;
}

void Daemon::Impl::on_signal(int signal) {
    if (signal == SIGHUP) {
        try {
            reload();
        } catch (const ControlError&) {
            // Logged by reload(); the old plan stays.
        }
    } else {
        begin_stop(signal == SIGTERM ? "SIGTERM" : "SIGINT");
    }
    if (!quit_at || signal == SIGHUP) {
        signals.async_wait([this](const boost::system::error_code& error, int next) {
            if (!error) {
                on_signal(next);
            }
        });
    }
}

ConductorSettings Daemon::Impl::conductor_settings() const {
    ConductorSettings settings = options.conductor;
    settings.fade = station->fade;
    settings.relay_tolerance = station->relay_tolerance;
    return settings;
}

void Daemon::Impl::save_media_cache() {
    try {
        catalog->save(media_cache);
    } catch (const std::runtime_error& error) {
        logger->debug("media durations not cached: {}", error.what());
    }
}

Daemon::Daemon(DaemonOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

Daemon::~Daemon() = default;

int Daemon::run() {
    Impl& impl = *impl_;
    // A stream server (Icecast) that hangs up must cost an output, not the
    // process: write errors come back as EPIPE instead.
    std::signal(SIGPIPE, SIG_IGN);
    if (!impl.start()) {
        return 1;
    }
    impl.signals.async_wait([&impl](const boost::system::error_code& error, int signal) {
        if (!error) {
            impl.on_signal(signal);
        }
    });
    impl.arm_timer();
    impl.io.run();
    impl.logger->info("stopped");
    return impl.exit_code;
}

}  // namespace onair::daemon
