#pragma once
// The nightly pre-flight: checks every airing of the next day while there is
// still time for the operator to upload a file or call the provincial station:
// media present and decodable, relay URL answering. Runs off the event loop
// (probing files and connecting take seconds); the daemon posts the result back.
// The relay check itself is the caller's (daemon::probe_http), so this logic
// does no I/O but through the catalog and the probe it is given.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "onair/config/Station.hpp"
#include "onair/scheduler/Airing.hpp"
#include "onair/scheduler/MediaCatalog.hpp"

namespace onair::conductor {

struct PreflightProblem {
    scheduler::Airing airing;
    /// In words, naming the file or URL and what is wrong.
    std::string text;
};

/// Returns an error in words, or none when the URL answers with audio.
using RelayProbe = std::function<std::optional<std::string>(const std::string& url)>;

/// Checks `airings` (the next day's), each file once and each relay URL once.
std::vector<PreflightProblem> preflight(const std::vector<scheduler::Airing>& airings,
                                        const config::Station& station,
                                        scheduler::MediaCatalog& media, const RelayProbe& relay);

}  // namespace onair::conductor
