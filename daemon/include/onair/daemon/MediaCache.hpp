#pragma once
// Where probed media durations are kept between runs, so `onair run`, `check`
// and `plan` do not probe unchanged files again (scheduler::CachingMediaCatalog
// load()/save()).

#include <filesystem>
#include <memory>

#include "onair/config/Station.hpp"
#include "onair/playout/DiscovererMediaCatalog.hpp"
#include "onair/scheduler/CachingMediaCatalog.hpp"

namespace onair::daemon {

/// $CACHE_DIRECTORY/media-durations.tsv under systemd (the unit sets it);
/// otherwise `media-durations.tsv` beside the as-aired log.
std::filesystem::path media_cache_path(const config::Station& station);

/// The station's media, probed with GStreamer, through the cache: loaded when
/// made, saved (best effort: a read-only cache is only read) when destroyed.
class CachedStationMedia {
  public:
    explicit CachedStationMedia(const config::Station& station);
    ~CachedStationMedia();
    CachedStationMedia(const CachedStationMedia&) = delete;
    CachedStationMedia& operator=(const CachedStationMedia&) = delete;

    scheduler::MediaCatalog& catalog() { return cache_; }

  private:
    std::filesystem::path file_;
    playout::DiscovererMediaCatalog discoverer_;
    scheduler::CachingMediaCatalog cache_{discoverer_};
};

}  // namespace onair::daemon
