#include "onair/conductor/Simulation.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace onair::conductor {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using scheduler::MediaInfo;
using scheduler::TimePoint;

namespace {

fs::path normal_absolute(const fs::path& path) {
    return fs::absolute(path).lexically_normal();
}

/// Is `path` `folder` itself or inside it (compared by components, no disk access).
bool is_within(const fs::path& path, const fs::path& folder) {
    auto p = path.begin();
    for (auto f = folder.begin(); f != folder.end(); ++f, ++p) {
        if (f->empty() && std::next(f) == folder.end()) {
            return true;  // a trailing separator
        }
        if (p == path.end() || *p != *f) {
            return false;
        }
    }
    return true;
}

/// The media as the simulation sees them: as they are when it starts (each
/// file probed and each folder looked into once: in a second of real time
/// nobody uploads anything, and the conductor asks again every virtual hour),
/// minus the ones the faults say are missing, for the conductor's plan and for
/// the air alike.
class SimulatedMedia final : public scheduler::MediaCatalog {
  public:
    SimulatedMedia(scheduler::MediaCatalog& inner, const std::vector<fs::path>& missing,
                   const fs::path& media_root)
        : inner_(inner) {
        for (const fs::path& entry : missing) {
            Entry resolved{entry, {normal_absolute(entry)}, 0};
            if (entry.is_relative()) {
                resolved.matches.push_back(normal_absolute(media_root / entry));
            }
            entries_.push_back(std::move(resolved));
        }
    }

    MediaInfo file(const fs::path& path) override {
        auto found = files_.find(path);
        if (found == files_.end()) {
            found = files_
                        .emplace(path, is_missing(path) ? MediaInfo{MediaInfo::Status::missing, 0ms,
                                                                    "missing (simulated)"}
                                                        : inner_.file(path))
                        .first;
        }
        return found->second;
    }

    bool folder_has_media(const fs::path& folder) override {
        // A folder listed as missing is gone; one with some files missing is
        // still there (the conductor skips the missing ones).
        auto found = folders_.find(folder);
        if (found == folders_.end()) {
            found = folders_.emplace(folder, !is_missing(folder) && inner_.folder_has_media(folder))
                        .first;
        }
        return found->second;
    }

    std::vector<fs::path> unused() const {
        std::vector<fs::path> unused;
        for (const Entry& entry : entries_) {
            if (entry.hits == 0) {
                unused.push_back(entry.as_given);
            }
        }
        return unused;
    }

  private:
    struct Entry {
        fs::path as_given;
        std::vector<fs::path> matches;
        std::size_t hits = 0;
    };

    bool is_missing(const fs::path& path) {
        if (entries_.empty()) {
            return false;
        }
        const fs::path wanted = normal_absolute(path);
        for (Entry& entry : entries_) {
            for (const fs::path& match : entry.matches) {
                if (is_within(wanted, match)) {
                    ++entry.hits;
                    return true;
                }
            }
        }
        return false;
    }

    scheduler::MediaCatalog& inner_;
    std::vector<Entry> entries_;
    std::map<fs::path, MediaInfo> files_;
    std::map<fs::path, bool> folders_;
};

/// A span the daemon runs: from a start to a crash, or to the period's end.
struct Run {
    TimePoint start;
    TimePoint end;
    bool crashes = false;
};

std::vector<Run> runs_between_outages(const SimulationSettings& settings) {
    std::vector<Outage> down;
    for (Outage outage : settings.faults.daemon_down) {
        outage.from = std::max(outage.from, settings.from);
        outage.to = std::min(outage.to, settings.to);
        if (outage.from < outage.to) {
            down.push_back(outage);
        }
    }
    std::sort(down.begin(), down.end(),
              [](const Outage& a, const Outage& b) { return a.from < b.from; });
    std::vector<Run> runs;
    TimePoint cursor = settings.from;
    for (const Outage& outage : down) {
        if (outage.from <= cursor) {
            if (runs.empty() && outage.from == settings.from) {
                throw std::invalid_argument(
                    "a daemon outage cannot begin at the start of the simulated period: the "
                    "log is new then, so nothing could be missed; begin it later");
            }
            cursor = std::max(cursor, outage.to);  // overlaps the previous outage
            continue;
        }
        runs.push_back({cursor, outage.from, true});
        cursor = outage.to;
    }
    // The last run may be empty (down to the end): the daemon is started at the
    // end all the same, as the next start would, to write the missed rows.
    runs.push_back({cursor, settings.to, false});
    return runs;
}

/// Passes what the simulated air reports on to the conductor, at the air's
/// virtual time.
class ReportsToConductor final : public playout::PlayoutListener {
  public:
    ReportsToConductor(Conductor& conductor, const SimulatedAir& air)
        : conductor_(conductor), air_(air) {}

    void item_started(const std::string& id, TimePoint planned, TimePoint actual) override {
        conductor_.item_started(id, planned, actual);
    }
    void item_ended(const std::string& id, TimePoint actual_end, playout::EndReason reason_kind,
                    const std::string& reason) override {
        conductor_.item_ended(id, actual_end, reason_kind, reason);
    }
    void output_error(const std::string& output, const std::string& message) override {
        conductor_.output_error(output, message, air_.now());
    }
    void output_recovered(const std::string& output) override {
        conductor_.output_recovered(output);
    }
    void relay_event(const std::string& id, playout::RelayEvent event, TimePoint at,
                     const std::string& detail) override {
        conductor_.relay_event(id, event, at, detail);
    }
    void silence_alarm(TimePoint since) override { conductor_.silence_alarm(since); }
    void silence_ended(TimePoint at) override { conductor_.silence_ended(at); }

  private:
    Conductor& conductor_;
    const SimulatedAir& air_;
};

/// Runs the conductor from run.start until it crashes or is stopped at run.end.
void simulate_run(const std::shared_ptr<const config::Station>& station,
                  scheduler::MediaCatalog& media, const SimulationSettings& settings,
                  const Run& run) {
    airlog::LogSettings log_settings;
    log_settings.time_zone = station->timezone;
    log_settings.durable = false;  // a simulation's log is made again, not rescued
    airlog::AsAiredLog log(settings.database, log_settings);
    SimulatedAir air(media, settings.faults.relay_down, run.start);
    Conductor conductor(air, log, media, settings.conductor);
    ReportsToConductor reports(conductor, air);
    conductor.start(station, run.start);

    // The last heartbeat before the crash: the end its interrupted rows get.
    // TimePoint::max() when there is none to write.
    TimePoint heartbeat = TimePoint::max();
    if (run.crashes && run.end > run.start + settings.heartbeat_every) {
        heartbeat = run.start + ((run.end - 1ms - run.start) / settings.heartbeat_every) *
                                    settings.heartbeat_every;
    }
    TimePoint now = run.start;
    TimePoint deadline = conductor.advance(now);
    int calls_at_now = 0;
    while (true) {
        const TimePoint next =
            std::max(now, std::min({deadline, air.next_event_time(), heartbeat}));
        if (next >= run.end) {
            break;  // a crash happens before anything due at its instant
        }
        calls_at_now = next == now ? calls_at_now + 1 : 0;
        if (calls_at_now > 1000) {
            throw std::logic_error(
                "simulation: the conductor asks to be called again and again at " +
                conductor.time_zone().format_iso(now) + " without time moving on");
        }
        air.advance_to(next, reports);
        now = next;
        if (heartbeat <= now) {
            log.heartbeat(heartbeat);
            heartbeat = TimePoint::max();
        }
        deadline = conductor.advance(now);
    }
    if (run.crashes) {
        return;  // conductor, air and log go as a killed process's would: rows stay on air
    }
    const TimePoint silent = conductor.stop(run.end);
    air.advance_to(std::max(silent, run.end), reports);
    for (int round = 0; air.items() > 0 && round < 1000; ++round) {
        air.advance_to(air.next_event_time(), reports);
    }
    conductor.air_stopped(std::max(silent, run.end));
}

}  // namespace

SimulationResult simulate(std::shared_ptr<const config::Station> station,
                          scheduler::MediaCatalog& media, const SimulationSettings& settings) {
    if (settings.to < settings.from) {
        throw std::invalid_argument("simulation: the period ends before it begins");
    }
    SimulatedMedia simulated_media(media, settings.faults.missing, station->media_root);
    const std::vector<Run> runs = runs_between_outages(settings);
    SimulationResult result;
    for (const Run& run : runs) {
        simulate_run(station, simulated_media, settings, run);
    }
    result.restarts = static_cast<int>(runs.size()) - 1;
    result.unused_missing = simulated_media.unused();
    airlog::for_each_row(settings.database, TimePoint{},
                         TimePoint{std::chrono::milliseconds{INT64_MAX}},
                         [&](const airlog::Row& row) {
                             ++result.rows_by_status[row.status];
                             ++result.rows;
                         });
    return result;
}

}  // namespace onair::conductor
