#pragma once
// Reads and validates a station file. Pure function of the file's text: no
// media is looked at here (that is the scheduler's job).

#include <string>
#include <string_view>

#include "onair/config/Station.hpp"

namespace onair::config {

/// Loads the station file at `path`.
/// Throws StationFileError with every problem found (all of them, located), or
/// with one located error when the file cannot be read.
Station load_station(const std::string& path);

/// Same, from text already in memory; `file_name` is used in messages and
/// relative paths resolve against its folder.
Station parse_station(std::string_view yaml_text, const std::string& file_name);

}  // namespace onair::config
