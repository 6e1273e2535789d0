#pragma once
// Reads a source (`file`, `relay` or `folder`, plus `fallback` for relays) from
// the keys of a map: a programme's `source:` map or the `filler:` map.

#include <optional>

#include "MapReader.hpp"
#include "onair/config/Station.hpp"

namespace onair::config {

/// The keys read_source_keys() takes.
inline const std::vector<std::string> source_keys{"file", "relay", "folder", "fallback"};

/// Takes the source keys of `map`; reports none, two, or bad values.
std::optional<Source> read_source_keys(MapReader& map, const LoadContext& context);

/// Reports unknown `{…}` placeholders and stray braces in a media file pattern.
bool check_file_pattern(const std::string& pattern, const Field& field, const LoadContext& context);

}  // namespace onair::config
