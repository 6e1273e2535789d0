#include "onair/daemon/MediaCache.hpp"

#include <cstdlib>

namespace onair::daemon {

std::filesystem::path media_cache_path(const config::Station& station) {
    if (const char* cache = std::getenv("CACHE_DIRECTORY"); cache != nullptr && *cache != '\0') {
        // systemd may list several directories, separated by ':'; ours is the first.
        const std::string first = std::string(cache).substr(0, std::string(cache).find(':'));
        return std::filesystem::path(first) / "media-durations.tsv";
    }
    return station.log.database.parent_path() / "media-durations.tsv";
}

CachedStationMedia::CachedStationMedia(const config::Station& station)
    : file_(media_cache_path(station)) {
    cache_.load(file_);
}

CachedStationMedia::~CachedStationMedia() {
    try {
        cache_.save(file_);
    } catch (const std::exception&) {
        // Not writable for this user (the daemon's cache, read by an operator):
        // the next run probes again; nothing else depends on it.
    }
}

}  // namespace onair::daemon
