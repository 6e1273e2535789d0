#pragma once
// `onair run`: the station on the air, unattended, until SIGTERM/SIGINT.
//
// One Boost.Asio io_context thread owns everything: the conductor, the as-aired
// log, the playout engine's owner side and the control socket. GStreamer's own
// threads only record what they measured; the loop collects it every `tick`
// (50 ms: 20 ms cost a quarter of a point of a core more, for nothing the air
// needs) through PlayoutEngine::poll(), and compares the wall clock with the
// conductor's next deadline at every wake, so a deadline is met within a tick
// and a system clock jump is noticed within one. Items reach the engine
// seconds before their start (preroll), so the tick never decides when a sample
// plays: the engine's pad offsets do.

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "onair/conductor/Conductor.hpp"
#include "onair/daemon/LogRing.hpp"

namespace onair::daemon {

struct DaemonOptions {
    std::string station_file;
    /// The control socket; none: from the station file (or its default).
    std::optional<std::filesystem::path> socket;
    onair::conductor::ConductorSettings conductor;
    std::chrono::milliseconds tick{50};
    std::chrono::seconds heartbeat{5};
    /// The recent log lines `onair log` shows (also a sink of every logger).
    std::shared_ptr<LogRing> log_ring;
};

class Daemon {
  public:
    explicit Daemon(DaemonOptions options);
    ~Daemon();
    Daemon(const Daemon&) = delete;
    Daemon& operator=(const Daemon&) = delete;

    /// Loads the station, goes on the air and runs until stopped. Returns the
    /// process's exit code: 0 after SIGTERM/SIGINT, 1 when the station file is
    /// invalid or the log cannot be opened at start-up.
    int run();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace onair::daemon
