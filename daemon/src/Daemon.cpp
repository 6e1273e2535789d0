#include "onair/daemon/Daemon.hpp"

#include <csignal>
#include <map>
#include <sstream>
#include <thread>

#include <boost/asio/post.hpp>

#include <spdlog/spdlog.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include "onair/daemon/StationFile.hpp"
#include "onair/daemon/ControlDispatcher.hpp"
#include "onair/daemon/ControlMethods.hpp"
#include "onair/daemon/ControlServer.hpp"
#include "onair/conductor/DurationText.hpp"
#include "EngineAir.hpp"
#include "onair/daemon/MediaCache.hpp"
#include "OutputSpecs.hpp"
#include "onair/conductor/Preflight.hpp"
#include "onair/daemon/SystemdNotifier.hpp"
#include "onair/airlog/AsAiredLog.hpp"
#include "onair/config/ControlSocket.hpp"
#include "onair/config/StationLoader.hpp"
#include "onair/playout/DiscovererMediaCatalog.hpp"
#include "onair/scheduler/CachingMediaCatalog.hpp"
#include "onair/scheduler/StationTimeZone.hpp"

namespace onair::daemon {

namespace fs = std::filesystem;
using conductor::Conductor;
using conductor::ConductorSettings;
using conductor::duration_text;
using conductor::InsertPriority;
using conductor::PreflightProblem;
using conductor::StationRefused;
using scheduler::TimePoint;
using namespace std::chrono_literals;

namespace {

TimePoint wall_now() {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now());
}

std::shared_ptr<spdlog::logger> subsystem_logger(const std::string& name) {
    if (auto existing = spdlog::get(name)) {
        return existing;
    }
    auto logger = spdlog::default_logger()->clone(name);
    spdlog::register_logger(logger);
    return logger;
}

/// A clock jump bigger than this is reported (and the plan's deadlines follow it).
constexpr auto jump_tolerance = 500ms;
/// After the stop's fade, how long the loop keeps collecting the air's last events.
constexpr auto stop_grace = 400ms;

}  // namespace

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
    std::shared_ptr<spdlog::logger> logger = subsystem_logger("daemon");
    std::shared_ptr<spdlog::logger> air_logger = subsystem_logger("playout");

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
        conductor->output_error(output, message);
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
                        scheduler::StationTimeZone(station->timezone).format_iso(since));
        conductor->silence_alarm(since);
    }
    void silence_ended(TimePoint at) override {
        air_logger->debug("sound again on the air");
        conductor->silence_ended(at);
    }
};

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
                 scheduler::StationTimeZone(station->timezone).format_iso(engine->origin()));
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
    if (quit_at && now >= *quit_at) {
        engine->stop();
        control.reset();
        save_media_cache();
        io.stop();
        return;
    }
    arm_timer();
}

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
    const InsertPriority mapped = priority == Priority::emergency  ? InsertPriority::emergency
                                  : priority == Priority::priority ? InsertPriority::priority
                                                                   : InsertPriority::normal;
    const std::string answer = conductor->insert(file, mapped, wall_now());
    deadline = wall_now();
    logger->info("operator: {}", answer);
    return answer;
}

std::vector<std::string> Daemon::Impl::log_tail(std::size_t lines) {
    return options.log_ring ? options.log_ring->tail(lines) : std::vector<std::string>{};
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

TimePoint Daemon::Impl::next_preflight_after(TimePoint now) const {
    const scheduler::StationTimeZone zone(station->timezone);
    const date::local_days today{zone.local_date(now)};
    for (const date::local_days day : {today, today + date::days{1}}) {
        const TimePoint at = zone.resolve(day + station->preflight).instant;
        if (at > now) {
            return at;
        }
    }
    return now + 24h;
}

void Daemon::Impl::run_preflight(TimePoint now) {
    if (preflight_worker.joinable()) {
        preflight_worker.join();  // the last one is long over (it ran a day ago)
    }
    const scheduler::StationTimeZone zone(station->timezone);
    const date::local_days tomorrow = date::local_days{zone.local_date(now)} + date::days{1};
    const TimePoint from = zone.resolve(tomorrow).instant;
    const TimePoint to = zone.resolve(tomorrow + date::days{1}).instant;
    std::vector<scheduler::Airing> airings;
    for (scheduler::Airing& airing : conductor->airings()) {
        if (airing.start >= from && airing.start < to && airing.role != scheduler::Role::fill) {
            airings.push_back(std::move(airing));
        }
    }
    logger->info("pre-flight: checking {} airings of {}", airings.size(),
                 date::format("%F", zone.local_date(from)));
    preflight_worker = std::jthread([this, airings = std::move(airings), station = station, now] {
        // Its own discoverer: probing must not hold up the event loop's.
        playout::DiscovererMediaCatalog media;
        auto problems = onair::conductor::preflight(airings, *station, media,
                                  [](const std::string& url) { return onair::conductor::probe_http(url, 3s); });
        boost::asio::post(io, [this, problems = std::move(problems), now]() mutable {
            preflight_done(std::move(problems), now);
        });
    });
}

void Daemon::Impl::preflight_done(std::vector<PreflightProblem> problems, TimePoint now) {
    for (const std::string& key : preflight_keys) {
        conductor->clear_warning(key);
    }
    preflight_keys.clear();
    const scheduler::StationTimeZone zone(station->timezone);
    for (const PreflightProblem& problem : problems) {
        const std::string text = "tomorrow " + zone.format_iso(problem.airing.start) + " " +
                                 problem.airing.programme + ": " + problem.text;
        logger->warn("pre-flight: {}", text);
        const std::string key = "preflight:" + airlog::plan_key(problem.airing);
        conductor->warn(key, text, now);
        preflight_keys.push_back(key);
    }
    logger->info("pre-flight: {}",
                 problems.empty() ? std::string("everything for tomorrow is ready")
                                  : std::to_string(problems.size()) + " problem(s) for tomorrow");
}

void Daemon::Impl::begin_stop(const std::string& why) {
    if (quit_at) {
        return;
    }
    logger->info("stopping ({}): fading out", why);
    systemd.stopping();
    quit_at = conductor->stop(wall_now()) + stop_grace;
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
