#pragma once
// The station file as plain data, after validation (see StationLoader.hpp).
// Every time here is a local wall-clock time in the station's time zone.
// Plain data: no behaviour, safe to copy and to read from any thread.

#include <array>
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <date/date.h>

#include "onair/config/Diagnostic.hpp"

namespace onair::config {

using Milliseconds = std::chrono::milliseconds;

/// A time of day: seconds since local midnight, 0..86400 (86400 only as a window end).
using TimeOfDay = std::chrono::seconds;

/// On which weekdays something happens, indexed by `date::weekday::c_encoding()` (0 = Sunday).
using WeekdaySet = std::array<bool, 7>;
inline constexpr WeekdaySet every_day{true, true, true, true, true, true, true};

struct Window {
    std::string name;
    TimeOfDay start{};
    TimeOfDay end{};
    WeekdaySet days = every_day;
    Location location;
};

enum class SourceKind { file, relay, folder };

struct Source {
    SourceKind kind = SourceKind::file;
    /// File pattern (with `{yyyy}`… placeholders), relay URL or folder, as written.
    std::string target;
    /// Relay only: file pattern played when the relay cannot start or drops.
    std::optional<std::string> fallback;
    Location location;
};

/// `WHEN` in the station file. Which fields are allowed depends on the recurrence;
/// the loader has checked that. For reruns given as a list, unset fields are
/// inherited from the premiere (see docs/station-file.md).
struct When {
    std::optional<date::weekday> day;
    /// 1..5, or `last_week` for `week: last`.
    std::optional<int> week;
    /// Quarterly only: 1..3, the month within the quarter.
    std::optional<int> month;
    std::optional<TimeOfDay> at;
    std::optional<std::string> window;
    /// Reruns only: days after the premiere (the rerun keeps the premiere's episode).
    std::optional<int> days_after;
    Location location;
};
inline constexpr int last_week = -1;

enum class RecurrenceKind { monthly, quarterly, weekly, daily, once };

struct Recurrence {
    RecurrenceKind kind = RecurrenceKind::monthly;
    /// monthly, quarterly, weekly: the premiere. daily: `at` and/or `window` only.
    When premiere;
    /// `reruns: N` (0 when absent or given as a list).
    int rerun_count = 0;
    /// `reruns: [WHEN, ...]`.
    std::vector<When> reruns;
    Location reruns_location;
    /// weekly only: every N-th ISO week, counted from the programme's `from`.
    int every = 1;
    /// daily only.
    WeekdaySet days = every_day;
    /// once only: the local start times, with where each was written.
    std::vector<date::local_seconds> once;
    std::vector<Location> once_locations;
    /// Where the recurrence key itself is.
    Location location;
};

struct Programme {
    std::string id;
    std::string title;
    std::string category;
    int priority = 0;
    std::optional<date::year_month_day> from;
    std::optional<date::year_month_day> until;
    std::vector<date::year_month_day> except;
    Source source;
    /// Required for relay and folder sources: the airing's length.
    std::optional<Milliseconds> duration;
    /// Optional for file sources: longer media is faded out at this length.
    std::optional<Milliseconds> max_duration;
    Recurrence recurrence;
    Location location;
};

struct Filler {
    Source source;
    std::string title;
};

enum class OutputKind { alsa, pulse, icecast, file, null };

struct Output {
    OutputKind kind = OutputKind::null;
    std::string device;    // alsa, pulse (empty: the default device)
    std::string url;       // icecast
    std::string format;    // icecast, file: "mp3" or "ogg"
    int bitrate_kbps = 0;  // icecast, file
    int channels = 2;      // icecast, file: 1 (mono) or 2 (stereo); a file is mono unless written
    std::string path;      // file: strftime pattern, relative to the station file's folder
    int retain_days = 0;   // file: 0 keeps recordings forever
    Location location;
};

struct LogSettings {
    /// Absolute, or relative to the station file's folder.
    std::filesystem::path database = "onair.db";
};

/// `control:`, the daemon's control socket (docs/control-protocol.md).
struct ControlSettings {
    /// `control.socket`, resolved against the station file's folder; empty when
    /// not written: the daemon and the commands then use the default place
    /// (config::control_socket_path() in ControlSocket.hpp).
    std::filesystem::path socket;
};

struct Station {
    /// The station file, as it was named when loaded (used in messages).
    std::string file;
    std::string name;
    std::string timezone = "Asia/Ho_Chi_Minh";
    /// `station.relay_tolerance`: how long a relay may stall or stay silent
    /// before its fallback plays.
    Milliseconds relay_tolerance{5000};
    /// `station.fade`: the fade of every cut (window end, next fixed airing,
    /// skip, emergency, stop); zero cuts without a fade.
    Milliseconds fade{2000};
    /// `station.preflight`: when the nightly check of the next day's airings runs.
    TimeOfDay preflight = std::chrono::hours{22};
    /// Resolved: absolute, or relative to the current directory.
    std::filesystem::path media_root;
    std::vector<Window> windows;
    std::optional<Filler> filler;
    std::vector<Output> outputs;
    LogSettings log;
    ControlSettings control;
    std::vector<Programme> programmes;
    /// Problems that do not stop the station from running (errors throw instead).
    std::vector<Diagnostic> warnings;
};

}  // namespace onair::config
