#pragma once
// What the control socket asks of the daemon: one call per JSON-RPC request
// (docs/control-protocol.md). ControlServer calls it on the io_context thread,
// one request at a time, so an implementation may touch the daemon's state
// directly; it must answer quickly, since the event loop waits for it.

#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

namespace onair::daemon {

/// JSON-RPC 2.0 error codes; the negative ones are the standard's.
namespace control_code {
inline constexpr int parse_error = -32700;
inline constexpr int invalid_request = -32600;
inline constexpr int method_not_found = -32601;
inline constexpr int invalid_params = -32602;
inline constexpr int internal_error = -32603;
/// The daemon understood the request and will not do it: an invalid station
/// file on reload (data: the located errors), nothing to skip, no such file.
inline constexpr int refused = 1;
}  // namespace control_code

/// A request the daemon answers with an error: becomes the reply's `error`
/// object ({code, message, data}); `data` is left out when null. The client
/// throws it back with what the daemon said.
struct ControlError : std::runtime_error {
    ControlError(int code_, std::string message_, nlohmann::json data_ = nullptr)
        : std::runtime_error(message_),
          code(code_),
          message(std::move(message_)),
          data(std::move(data_)) {}

    int code;
    std::string message;
    nlohmann::json data;
};

class ControlHandler {
  public:
    virtual ~ControlHandler() = default;

    /// Runs `method` with `params` (an object; `{}` when the request had none)
    /// and returns the result. Throws ControlError for a request it does not
    /// do; std::invalid_argument is answered as `refused` with its text, any
    /// other exception as an internal error.
    virtual nlohmann::json call(const std::string& method, const nlohmann::json& params) = 0;
};

}  // namespace onair::daemon
