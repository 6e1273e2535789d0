#pragma once
// The pre-flight's relay check: does a relay URL answer with audio? Network
// I/O with a timeout, so it lives with the daemon and not in the conductor
// (which takes it as a conductor::RelayProbe).
//
// Threads: any; it runs its own io_context and blocks the caller up to
// `timeout` (the daemon calls it on the pre-flight worker). Throws: nothing for
// an unreachable or bad URL (that is the answer); std::bad_alloc only.

#include <chrono>
#include <optional>
#include <string>

namespace onair::daemon {

/// An HTTP GET of `url` (http:// only) that waits at most `timeout`: none when
/// the server answers 200; otherwise why not ("connection refused", "HTTP 404",
/// "no answer within 3 s"). https:// is not checked ("cannot check https").
std::optional<std::string> probe_http(const std::string& url, std::chrono::milliseconds timeout);

}  // namespace onair::daemon
