#pragma once
// What every part of the loader shares while reading one station file: the text
// (for locations), the diagnostics being collected and the file's folder.
// Lives for one parse_station() call, on that call's thread.

#include <filesystem>
#include <string>

#include <yaml-cpp/yaml.h>

#include "SourceText.hpp"
#include "onair/config/Diagnostic.hpp"

namespace onair::config {

struct LoadContext {
    const SourceText& source;
    DiagnosticList& diagnostics;
    /// The station file's folder ("" when it was named without one).
    std::filesystem::path folder;

    Location locate(const YAML::Node& node) const { return source.locate(node.Mark()); }
    void error(Location where, std::string message) const {
        diagnostics.error(where, std::move(message));
    }
    void warning(Location where, std::string message) const {
        diagnostics.warning(where, std::move(message));
    }
};

}  // namespace onair::config
