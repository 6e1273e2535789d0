#pragma once
// A station file for the end-to-end tests, in a zone where the test's window
// is around local noon whatever the hour in UTC: the window (a few minutes
// from now) never crosses local midnight, so the tests pass at any hour and
// never wait for a window. Times in the file are written in that zone.
// Used from the test's thread only; throws nothing of its own.

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include <date/date.h>

#include "DaemonProcess.hpp"

namespace onair::testing {

/// A fixed-offset zone (Etc/GMT±N, no DST) in which `now` is between 11:00
/// and 13:00 local time.
class StationZone {
  public:
    explicit StationZone(Instant now) {
        const auto utc_hour = date::floor<std::chrono::hours>(now - date::floor<date::days>(now));
        offset_ = std::chrono::hours(12) - utc_hour;  // -11 h ... +12 h: all exist as Etc zones
    }

    /// The IANA name: Etc/GMT-7 is UTC+7 (POSIX signs are inverted).
    std::string name() const {
        const auto hours = offset_.count();
        if (hours == 0) {
            return "UTC";
        }
        return std::string("Etc/GMT") + (hours > 0 ? "-" : "+") + std::to_string(std::abs(hours));
    }

    /// `HH:MM:SS` local time of a whole-second instant, as the station file writes times.
    std::string clock_time(Instant at) const {
        return date::format("%T", date::floor<std::chrono::seconds>(at + offset_));
    }

  private:
    std::chrono::hours offset_{0};
};

/// The next whole second at least `ahead` from now.
inline Instant window_start(std::chrono::seconds ahead) {
    return date::ceil<std::chrono::seconds>(now_ms() + ahead);
}

/// A station in `folder`: one window [from, to), filler from media/filler,
/// the air-check to `recording`, the log in `database` (relative to the
/// folder), the control socket control.sock, and `programmes` (YAML list items).
inline std::filesystem::path write_station(const std::filesystem::path& folder,
                                           const StationZone& zone, Instant from, Instant to,
                                           const std::string& programmes,
                                           const std::string& recording,
                                           const std::string& database = "onair.db") {
    const auto path = folder / "station.yaml";
    std::ofstream(path) << "station: { name: \"Thử\", timezone: \"" << zone.name() << "\" }\n"
                        << "media_root: media\n"
                        << "windows:\n  w: { start: \"" << zone.clock_time(from) << "\", end: \""
                        << zone.clock_time(to) << "\" }\n"
                        << "filler: { folder: filler }\n"
                        << "outputs:\n  - { type: file, path: \"" << recording << "\" }\n"
                        << "log: { database: \"" << database << "\" }\n"
                        << "control: { socket: control.sock }\n"
                        << (programmes.empty() ? "programmes: []\n" : "programmes:\n" + programmes);
    return path;
}

/// A programme airing daily at `at` from one file (a YAML list item).
inline std::string daily_programme(const StationZone& zone, const std::string& id,
                                   const std::string& file, Instant at) {
    return "  - { id: " + id + ", title: \"" + id + "\", source: { file: " + file +
           " }, daily: { at: \"" + zone.clock_time(at) + "\" } }\n";
}

}  // namespace onair::testing
