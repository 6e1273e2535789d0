#pragma once
// Where an airing's sound comes from and whether it is there: expands the episode
// pattern, asks the media catalog, and notes a missing or unreadable source on the
// airing (the plan is still made). Plain functions; used by the Planner on the
// planning thread. Throws only what the MediaCatalog throws.

#include <chrono>
#include <string>

#include <date/date.h>

#include "onair/config/Station.hpp"
#include "onair/scheduler/Airing.hpp"
#include "onair/scheduler/MediaCatalog.hpp"

namespace onair::scheduler {

/// Fills in the airing's source, fallback and media note; returns the probe of a
/// file source (its length), or nothing for relays and folders.
MediaInfo resolve_airing_source(Airing& airing, const config::Source& source,
                                date::year_month_day episode_date, const config::Station& station,
                                MediaCatalog& media);

/// A file plays as long as it is (capped by max_duration), or reserves
/// max_duration while it is missing; relays and folders last `duration`.
std::chrono::milliseconds planned_length(const config::Programme& programme, const MediaInfo& file);

}  // namespace onair::scheduler
