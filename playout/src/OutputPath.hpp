#pragma once
// The path of a `file` output: a strftime pattern ("aircheck/%Y-%m-%d.ogg")
// expanded in the output's time zone, the names a recording may take, and
// which files on disk the pattern could have produced (for retention).
//
// Conversions are expanded by HowardHinnant date's format(), in the zone given
// (never the process's TZ). strftime's finest unit is the second, so the
// expansion can only change on a whole second; OutputRecorder checks it there.
//
// Threads: const methods may be called from any thread. Throws
// std::runtime_error from the constructor for an unknown time zone.

#include <chrono>
#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include <date/tz.h>

#include "onair/scheduler/Airing.hpp"

namespace onair::playout {

class OutputPath {
  public:
    OutputPath(std::filesystem::path pattern, const std::string& time_zone);

    const std::filesystem::path& pattern() const { return pattern_; }

    /// Whether the pattern holds conversions (so the recording is split into files).
    bool has_conversions() const { return has_conversions_; }

    /// The pattern expanded at `instant` (floored to the second) in the zone.
    std::filesystem::path expand(scheduler::TimePoint instant) const;

    /// `path` if no file is there (or only an empty one), else the first free
    /// of "STEM-2.EXT", "STEM-3.EXT", ...: a recording never overwrites another.
    static std::filesystem::path first_free(const std::filesystem::path& path);

    /// Whether `file` is a name the pattern (or first_free() on it) gives.
    bool could_have_produced(const std::filesystem::path& file) const;

    /// Deletes the files the pattern could have produced that were last written
    /// more than `retain_days` days before `now`; returns them. retain_days <= 0
    /// or a pattern without conversions: nothing. Errors are skipped (a file
    /// that cannot be deleted now is tried again next time).
    std::vector<std::filesystem::path> remove_expired(std::filesystem::file_time_type now,
                                                      int retain_days) const;

  private:
    std::filesystem::path pattern_;
    const date::time_zone* zone_;
    bool has_conversions_ = false;
    /// The leading folders of the pattern without conversions: where to look.
    std::filesystem::path root_;
    /// How many folders below root_ the pattern's files are.
    int depth_ = 0;
    /// Matches a file's path relative to root_ (generic form, '/' separators).
    std::regex relative_;
};

}  // namespace onair::playout
