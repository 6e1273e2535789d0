#pragma once
// The IANA time zones the date/tz library knows (from the OS tzdb).

#include <string>
#include <vector>

namespace onair::config {

/// True when `name` is a zone or a link (alias) in the tz database.
bool time_zone_exists(const std::string& name);

/// Every zone and link name, for "did you mean" (empty if the tzdb cannot be read).
std::vector<std::string> time_zone_names();

}  // namespace onair::config
