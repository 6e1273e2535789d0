#pragma once
// Parses the station file's text into one YAML document, turning yaml-cpp's
// syntax errors into located diagnostics an operator can act on. Also runs the
// raw-text checks (TextChecks.hpp).

#include <optional>

#include <yaml-cpp/yaml.h>

#include "LoadContext.hpp"

namespace onair::config {

/// The document's root map, or nullopt (with the errors reported) when the text
/// is not YAML, is empty, holds several documents, or its top is not a map.
std::optional<YAML::Node> parse_document(const LoadContext& context);

}  // namespace onair::config
