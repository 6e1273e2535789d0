#pragma once
// The conductor's state, shared by its source files, one per job (plan
// keeping, restart recovery, hand-over, folder runs, operator commands, the
// air's reports; ConductorStatus.cpp answers `onair status`). Private.

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "FillerPlaylist.hpp"
#include "onair/conductor/Conductor.hpp"
#include "onair/conductor/ItemOutcome.hpp"
#include "onair/scheduler/StationTimeZone.hpp"

namespace onair::conductor {

inline constexpr TimePoint far_future = TimePoint::max();
/// The on-air row is written this long before the item's first sample: late
/// enough that a reload seldom has to take a row back, early enough that it is
/// on disk before the item is heard.
inline constexpr std::chrono::milliseconds row_lead{150};
/// The note of every row the stop (SIGTERM/SIGINT) cuts short.
inline constexpr const char* stopped_note = "stopped by operator/system";
/// Less than this left of a slot is not worth putting on the air.
inline constexpr std::chrono::seconds shortest_item{1};
/// How often the plan is made again (new day, media uploaded since).
inline constexpr std::chrono::hours replan_every{1};

inline bool is_filler(const scheduler::Airing& airing) {
    return airing.role == scheduler::Role::fill;
}

/// One airing of the plan and how far it has got.
struct Slot {
    scheduler::Airing airing;
    std::string key;  // airlog::plan_key(airing)
    enum class Stage {
        waiting,  // not handed to the air yet
        handed,   // its item (or, for filler and folders, its first file) is with the air
        done,     // aired, failed, missed or skipped: nothing more to do
    };
    Stage stage = Stage::waiting;
};

/// A run of files from a folder (the filler, a `folder:` programme, or filler
/// put in where something failed or was skipped), handed over one file at a time.
struct FolderRun {
    std::string slot_key;  // empty for filler put in by the conductor itself
    bool is_filler = true;
    TimePoint next_start;  // where the next file goes
    TimePoint end;         // the run's end: its last file is faded out there
    std::string end_reason;
    int files = 0;
};

/// The one row of a folder programme, shared by its files.
struct FolderRow {
    std::optional<std::int64_t> row;
    int open_items = 0;  // files handed over and not ended yet
    std::optional<airlog::Status> worst;
    std::string note;
};

/// An item the conductor handed to the air, until the air says it ended. What
/// decides its row's outcome (started, joined, cut, relay history) is in
/// OnAirFacts.
struct OnAir : OnAirFacts {
    std::string id;
    enum class Kind { programme, folder_file, filler, insert };
    Kind kind = Kind::programme;
    std::string slot_key;  // programme and folder_file
    std::string run_key;   // filler and folder_file: the run it came from
    airlog::StartRecord record;
    TimePoint start{};  // intended first sample
    TimePoint limit{};  // where it is cut at the latest (max time if none)
    std::string limit_reason;
    std::optional<std::int64_t> row;
    std::optional<TimePoint> actual_start;
    std::string relay_state;  // for status: connected, dropped, fallback, rejoined
};

/// A span the operator took for an insert: filler keeps out of it, and for
/// priority and emergency inserts so does the plan (joined again afterwards).
struct Hold {
    TimePoint from{};
    TimePoint to{};
    InsertPriority priority = InsertPriority::normal;
    std::string id;
};

struct Warning {
    std::string text;
    TimePoint since{};
};

struct Conductor::Impl {
    Impl(Air& a, airlog::AsAiredLog& l, scheduler::MediaCatalog& c, ConductorSettings s)
        : air(a), log(l), catalog(c), settings(s) {}

    Air& air;
    airlog::AsAiredLog& log;
    scheduler::MediaCatalog& catalog;
    ConductorSettings settings;

    std::shared_ptr<const config::Station> station;
    std::optional<scheduler::StationTimeZone> zone;
    std::optional<FillerPlaylist> filler;
    std::map<std::string, FillerPlaylist> folders;  // folder programmes, by folder

    std::vector<Slot> slots;  // by start
    TimePoint planned_until{};
    TimePoint next_replan{};
    std::map<std::string, FolderRun> runs;  // by slot key, or "fill:<ms>" for the conductor's own
    std::map<std::string, OnAir> on_air;    // by item id
    std::map<std::string, FolderRow> folder_rows;  // by slot key
    std::vector<Hold> holds;
    std::map<std::string, Warning> warnings;
    std::uint64_t next_item = 0;
    bool stopping = false;
    std::optional<TimePoint> silent;  // stop(): when the stop's fade ends

    // Conductor.cpp
    void replan(TimePoint now, bool keep_going);
    std::vector<scheduler::Airing> plan_days(date::year_month_day first,
                                             date::year_month_day last) const;
    void record_missed_since_last_run(TimePoint now);
    void hand_over_due(TimePoint now);
    void hand_over(Slot& slot, TimePoint now);
    void hand_over_programme(Slot& slot, TimePoint start, bool joined,
                             const std::string& join_note);
    void continue_run(const std::string& run_key, FolderRun& run, TimePoint now);
    void write_due_rows(TimePoint now);
    void write_row(OnAir& item);
    void finish(OnAir& item, TimePoint end, airlog::Status status, std::string note);
    void end_item(OnAir& item, TimePoint actual_end, playout::EndReason reason_kind,
                  const std::string& reason);
    /// After a stop: closes the folder programmes' rows with no file left on
    /// the air (`all`: every one), at `end`.
    void close_folder_rows(TimePoint end, bool all);
    void fill_gap(TimePoint from, TimePoint to, const std::string& reason);
    void yield_filler(TimePoint at, const std::string& reason);
    std::optional<std::pair<TimePoint, std::string>> limit_for(const scheduler::Airing& airing,
                                                               TimePoint start) const;
    std::optional<Hold> hold_over(TimePoint from, TimePoint to) const;
    const config::Programme* programme(const std::string& id) const;
    std::string new_id(const std::string& stem);
    std::string local_time(TimePoint instant) const;
    TimePoint next_deadline(TimePoint now) const;
};

}  // namespace onair::conductor
