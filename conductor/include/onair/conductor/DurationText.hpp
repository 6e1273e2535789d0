#pragma once
// Lengths of time in the words of the as-aired log's notes: `45s`, `12m03s`,
// `1h02m03s`, `15m` (the spec's "relay dropped after 12m03s").

#include <chrono>
#include <string>

namespace onair::conductor {

/// Rounded to the second; under a second: `0.4s`.
std::string duration_text(std::chrono::milliseconds length);

}  // namespace onair::conductor
