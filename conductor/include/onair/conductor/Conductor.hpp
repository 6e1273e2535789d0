#pragma once
// The daemon's heart, free of I/O and of any clock: it turns the station's plan
// into items on the air at the right moments, and what the air reports into
// as-aired rows. `onair run` drives it from a Boost.Asio event loop on the real
// clock; `onair simulate` drives the same object on a virtual clock. Every
// method takes `now` from the caller and runs on the caller's one thread.
//
// What it does:
// - plans ahead (plan_ahead) through the scheduler, and hands each airing to
//   the air `preroll` before its start (relays earlier, to connect);
// - writes the on-air row before the item starts, and completes it when the
//   air says it ended (aired / partial / failed, with the reason);
// - at start-up writes `missed` rows for planned airings since the log's last
//   row that never aired, and joins what should be on air now at its offset;
// - expands filler blocks into files from the filler folder (shuffled, none
//   repeated before all have played), each cut at the block's end with a fade
//   so the next fixed airing starts on its exact sample;
// - cuts any item at its window's end or the next fixed airing;
// - reload: a new station replaces the plan; what is on air plays on unless
//   its programme was removed; items handed over but not started are redone;
// - operator inserts (normal, priority, emergency), skip, and stop.

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "onair/airlog/AsAiredLog.hpp"
#include "onair/conductor/Air.hpp"
#include "onair/conductor/InsertPriority.hpp"
#include "onair/config/Station.hpp"
#include "onair/playout/PlayoutListener.hpp"
#include "onair/scheduler/Airing.hpp"
#include "onair/scheduler/MediaCatalog.hpp"
#include "onair/scheduler/StationTimeZone.hpp"

namespace onair::conductor {

using scheduler::TimePoint;

struct ConductorSettings {
    /// How far ahead the plan is made (and kept).
    std::chrono::hours plan_ahead{48};
    /// A file item is handed to the air this long before its start (preroll).
    std::chrono::milliseconds preroll{3000};
    /// A relay is handed over this long before its start, to connect.
    std::chrono::milliseconds relay_preroll{6000};
    /// Fade used for cuts (window end, next fixed airing, skip, emergency, stop).
    std::chrono::milliseconds fade{2000};
    /// A join (start-up mid-item, after an emergency) starts this long after
    /// `now`: time to open and seek the file.
    std::chrono::milliseconds join_delay{600};
    /// Relay silence tolerance (the station's).
    std::chrono::milliseconds relay_tolerance{5000};
    /// How far back start-up looks for planned airings that never aired
    /// (bounded further by the log's last row: a new log has none missed).
    std::chrono::hours missed_lookback{24 * 31};
    /// Seed for the filler shuffle; tests fix it.
    std::uint64_t shuffle_seed = std::random_device{}();
};

/// Why the conductor refused a station (reload or start-up): located errors.
struct StationRefused {
    std::vector<config::Diagnostic> errors;
};

class Conductor {
  public:
    Conductor(Air& air, airlog::AsAiredLog& log, scheduler::MediaCatalog& catalog,
              ConductorSettings settings);
    ~Conductor();
    Conductor(const Conductor&) = delete;
    Conductor& operator=(const Conductor&) = delete;

    /// Takes the station, plans, writes missed rows, joins what should be on
    /// air now. Throws StationRefused if the plan has errors.
    void start(std::shared_ptr<const config::Station> station, TimePoint now);

    /// Reload: the new station's plan replaces the old one (see above).
    /// Throws StationRefused (the old plan stays) if its plan has errors.
    void replace_station(std::shared_ptr<const config::Station> station, TimePoint now);

    /// Does what is due at `now` (hand items over, extend the plan). Returns
    /// the next instant it must be called at, at the latest.
    TimePoint advance(TimePoint now);

    /// Operator commands. Return a one-line answer for the operator; throw
    /// std::invalid_argument for a request that cannot be done (no such file,
    /// nothing to skip), with the reason.
    std::string skip(TimePoint now);
    std::string insert(const std::filesystem::path& file, InsertPriority priority, TimePoint now);

    /// SIGTERM/SIGINT: cuts what is on air with a short fade, at `now` + fade,
    /// and closes its row as partial, "stopped by operator/system". Returns the
    /// instant the air is silent.
    TimePoint stop(TimePoint now);

    /// After stop(): the owner took the air down (the daemon exits), so the
    /// air will report nothing more. Every item it did not report ended is
    /// ended now as cut by the stop, so no row stays on air: one that was
    /// heard is `partial`, "stopped by operator/system", up to the stop's
    /// silent instant (or `now`, if earlier); one never heard is closed as
    /// any item cut before its first sample is.
    void air_stopped(TimePoint now);

    /// The system clock jumped (the air was re-anchored to it): items handed
    /// over but not on the air yet are taken back and handed over again, so
    /// they start when the new clock says.
    void clock_jumped(TimePoint now);

    /// `onair status`: on air now, the next airings, warnings. JSON (see
    /// docs/control-protocol.md).
    nlohmann::json status(TimePoint now, std::size_t next_count = 5) const;

    /// Warnings for status (missing media tomorrow, silence, output errors,
    /// log trouble), newest last. The daemon adds its own (pre-flight).
    void warn(std::string key, std::string text, TimePoint now);
    void clear_warning(const std::string& key);

    // What the air reports: the calls of playout::PlayoutListener, which the
    // owner of the air passes on (the daemon, the simulation).
    void item_started(const std::string& id, TimePoint planned, TimePoint actual);
    void item_ended(const std::string& id, TimePoint actual_end, playout::EndReason reason_kind,
                    const std::string& reason);
    /// `at`: when the owner heard of it (the listener's call carries no time).
    void output_error(const std::string& output, const std::string& message, TimePoint at);
    void output_recovered(const std::string& output);
    void relay_event(const std::string& id, playout::RelayEvent event, TimePoint at,
                     const std::string& detail);
    void silence_alarm(TimePoint since);
    /// Whether `instant` is inside one of the station's windows (dead air
    /// there is an alarm; outside, silence is the plan).
    bool in_window(TimePoint instant) const;
    /// An item id in words for the journal: `Thời sự (thoi-su, premiere)`.
    std::string describe(const std::string& id) const;
    void silence_ended(TimePoint at);

    /// The station's time zone, made once per station (start, reload): the
    /// daemon formats its instants with it too. Call after start().
    const scheduler::StationTimeZone& time_zone() const;

    /// The plan currently held (for tests and pre-flight).
    std::vector<scheduler::Airing> airings() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace onair::conductor
