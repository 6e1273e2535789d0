#pragma once
// Checks on the station file's raw text, for mistakes yaml-cpp accepts silently
// or reports in terms only a YAML expert understands: bytes that are not UTF-8,
// tabs in the indentation, and quotes that are never closed.

#include <optional>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "LoadContext.hpp"

namespace onair::config {

/// Reports the first byte that is not UTF-8.
void check_utf8(const LoadContext& context);

/// Reports each line indented with a tab; returns their line numbers.
std::vector<int> check_tab_indentation(const LoadContext& context);

/// After a YAML syntax error at `error_line`: the first line before it (or on
/// it) that opens a quote and does not close it, which is the usual cause.
std::optional<Location> find_unclosed_quote(const SourceText& source, int error_line);

/// Reports quoted scalars in `root` that run to the end of the file (yaml-cpp
/// accepts a missing closing quote there and swallows the rest of the file).
void check_quotes_closed(const YAML::Node& root, const LoadContext& context);

}  // namespace onair::config
