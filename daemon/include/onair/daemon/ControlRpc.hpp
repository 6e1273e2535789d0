#pragma once
// JSON-RPC 2.0 framing of the control protocol, one JSON object per line each
// way (docs/control-protocol.md): turning a request line into its reply for
// the server, and a call into a request line and its reply back into a result
// for the client. Pure functions, no I/O; any thread.

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "onair/daemon/ControlHandler.hpp"

namespace onair::daemon {

/// The reply (one line, without its newline) to one request line, after
/// calling `handler`; nothing for a notification (a request without `id`),
/// which JSON-RPC never answers. Never throws: every failure becomes an
/// error reply.
std::optional<std::string> answer_control_request(std::string_view line, ControlHandler& handler);

/// An error reply with a null id, for a request that could not be read at all.
std::string control_error_reply(int code, const std::string& message);

/// The request line (without its newline) that calls `method`.
std::string control_request_line(const std::string& method, const nlohmann::json& params, int id);

/// The result in `reply_line`, the answer to request `id`. Throws ControlError
/// with the daemon's error, or with `internal_error` when the reply is not a
/// JSON-RPC reply to that request.
nlohmann::json control_result(std::string_view reply_line, int id);

/// JSON text that never throws on strings that are not valid UTF-8 (file
/// names, log lines): such bytes become U+FFFD.
std::string to_json_line(const nlohmann::json& value);

}  // namespace onair::daemon
