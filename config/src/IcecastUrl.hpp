#pragma once
// Icecast source URLs: `icecast://USER:PASSWORD@HOST[:PORT]/MOUNT` (or http://).

#include <optional>
#include <string>

namespace onair::config {

/// What is wrong with `url` as an Icecast source URL, or nullopt when it is fine.
std::optional<std::string> icecast_url_problem(const std::string& url);

/// The mount path (`/station.mp3`) of a URL that icecast_url_problem() accepts.
std::string icecast_mount(const std::string& url);

}  // namespace onair::config
