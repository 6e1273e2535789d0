#pragma once
// The station file's `outputs:` as the playout engine's OutputSpecs.

#include <vector>

#include "onair/config/Station.hpp"
#include "onair/playout/PlayoutEngine.hpp"

namespace onair::daemon {

/// Names are the output's type, numbered when a type repeats ("file",
/// "icecast", "icecast-2"); file paths resolve against the station file's
/// folder. A station without outputs gets one `null` output.
std::vector<playout::OutputSpec> output_specs(const config::Station& station);

}  // namespace onair::daemon
