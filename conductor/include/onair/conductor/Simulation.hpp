#pragma once
// `onair simulate`'s driver: the daemon's own Conductor on a virtual clock,
// with a SimulatedAir for the playout, writing a real as-aired log. It jumps
// from one instant where something happens (a conductor deadline, an air
// report) to the next, so a month takes well under a second.
//
// Faults, as an operator would meet them:
// - missing media: the files (or everything under the folders) are missing for
//   the whole run, for the plan and for the air alike;
// - relay outages: every relay is down during them (SimulatedAir);
// - daemon outages: at an outage's start the process "crashes" (the conductor
//   and the air are dropped and the log closed without ending its on-air rows);
//   at its end a new log object and a new conductor start, exactly as a
//   restart under systemd would, so the log gets `interrupted`, then `missed`
//   and `joined` rows. The log's heartbeat runs every `heartbeat_every` from
//   each start; only the last beat before a crash can be seen in the log (the
//   end of an interrupted row), so only that one is written.
//
// Threads: runs on the calling thread. Throws StationRefused when a conductor
// refuses the station (plan conflicts around a start), airlog::LogError when
// the log cannot be opened, std::invalid_argument for faults that cannot be
// simulated (a daemon outage from the very start: a new log has nothing to
// miss), std::logic_error when the conductor stops moving forward in time.

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <vector>

#include "onair/airlog/AsAiredLog.hpp"
#include "onair/conductor/Conductor.hpp"
#include "onair/conductor/SimulatedAir.hpp"
#include "onair/config/Station.hpp"
#include "onair/scheduler/MediaCatalog.hpp"

namespace onair::conductor {

struct SimulationFaults {
    /// Media missing for the whole run: files or folders, absolute, relative to
    /// the current directory, or relative to the station's media_root (as the
    /// plan prints them).
    std::vector<std::filesystem::path> missing;
    /// Every relay is down during these.
    std::vector<Outage> relay_down;
    /// The daemon is not running during these.
    std::vector<Outage> daemon_down;
};

struct SimulationSettings {
    /// The simulated period, [from, to): the daemon starts at `from` and is
    /// stopped (as by SIGTERM) at `to`.
    scheduler::TimePoint from;
    scheduler::TimePoint to;
    /// The as-aired log to write (created if needed; rows are added to it).
    std::filesystem::path database;
    SimulationFaults faults;
    ConductorSettings conductor;
    std::chrono::milliseconds heartbeat_every{5000};
};

struct SimulationResult {
    /// Every row of the log, by status.
    std::map<airlog::Status, std::size_t> rows_by_status;
    std::size_t rows = 0;
    /// Conductor starts after a simulated daemon outage.
    int restarts = 0;
    /// `missing` entries that nothing asked for (a typo, or media not used in
    /// the period).
    std::vector<std::filesystem::path> unused_missing;
};

SimulationResult simulate(std::shared_ptr<const config::Station> station,
                          scheduler::MediaCatalog& media, const SimulationSettings& settings);

}  // namespace onair::conductor
