#pragma once
// The control protocol's methods as the daemon implements them, with their
// parameters already checked (ControlDispatcher reads the JSON). Called on the
// io_context thread, one at a time; each must answer quickly.
// docs/control-protocol.md has the requests and replies on the wire.

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "onair/conductor/InsertPriority.hpp"
#include "onair/config/Diagnostic.hpp"
#include "onair/daemon/ControlHandler.hpp"

namespace onair::daemon {

class ControlMethods {
  public:
    using Priority = conductor::InsertPriority;

    virtual ~ControlMethods() = default;

    /// `status`: the object described in docs/control-protocol.md.
    virtual nlohmann::json status() = 0;

    /// `reload`: re-reads the station file and replaces the plan. Returns the
    /// new file's warnings, each printed as `FILE:LINE:COLUMN: warning: WHAT`.
    /// Throws station_refused(errors) when the file is invalid (the old plan stays).
    virtual std::vector<std::string> reload() = 0;

    /// `skip`: fades out what is on air. Returns a one-line answer for the
    /// operator; throws std::invalid_argument (or ControlError) with the reason
    /// when there is nothing to skip.
    virtual std::string skip() = 0;

    /// `insert`: `file` is absolute. Returns a one-line answer (what plays
    /// when); throws std::invalid_argument (or ControlError) with the reason.
    virtual std::string insert(const std::filesystem::path& file, Priority priority) = 0;

    /// `log`: the last `lines` lines of the daemon's log, oldest first.
    virtual std::vector<std::string> log_tail(std::size_t lines) = 0;
};

/// The error a refused reload answers with: code `refused`, the message the
/// located errors one per line (`FILE:LINE:COLUMN: error: WHAT`), the data the
/// same lines as a list.
ControlError station_refused(const std::vector<config::Diagnostic>& errors);

}  // namespace onair::daemon
