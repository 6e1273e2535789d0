// time_zone_exists() and time_zone_names() over date/tz's database.

#include "TimeZoneNames.hpp"

#include <stdexcept>

#include <date/tz.h>

namespace onair::config {

bool time_zone_exists(const std::string& name) {
    try {
        return date::locate_zone(name) != nullptr;
    } catch (const std::exception&) {
        // locate_zone() throws std::runtime_error for an unknown name.
        return false;
    }
}

std::vector<std::string> time_zone_names() {
    std::vector<std::string> names;
    try {
        const auto& database = date::get_tzdb();
        for (const auto& zone : database.zones) {
            names.push_back(zone.name());
        }
#if !USE_OS_TZDB
        // With the OS database, links (Asia/Saigon) are listed as zones already.
        for (const auto& link : database.links) {
            names.push_back(link.name());
        }
#endif
    } catch (const std::exception&) {
        names.clear();
    }
    return names;
}

}  // namespace onair::config
