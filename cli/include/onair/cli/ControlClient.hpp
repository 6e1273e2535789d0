#pragma once
// The control commands' side of the control socket: one request, one reply,
// on a connection of its own. Blocking, with a deadline, on the caller's thread.

#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

namespace onair::cli {

/// The daemon could not be reached, or did not answer in time. what() is the
/// reason with a hint for the operator, e.g. `no such socket (is onair
/// running?)`, to follow `cannot reach the daemon at SOCKET: `.
class ControlUnreachable : public std::runtime_error {
  public:
    ControlUnreachable(const std::string& reason, const std::string& hint)
        : std::runtime_error(hint.empty() ? reason : reason + " (" + hint + ")") {}
};

class ControlClient {
  public:
    static constexpr std::chrono::milliseconds default_timeout{5000};

    explicit ControlClient(std::filesystem::path socket,
                           std::chrono::milliseconds timeout = default_timeout)
        : socket_(std::move(socket)), timeout_(timeout) {}

    /// Sends `method` with `params` and returns the reply's result. Throws
    /// ControlUnreachable (no daemon, no answer within the timeout, connection
    /// lost) or daemon::ControlError (the daemon answered with an error).
    nlohmann::json call(const std::string& method,
                        const nlohmann::json& params = nlohmann::json::object());

    const std::filesystem::path& socket() const noexcept { return socket_; }

  private:
    std::filesystem::path socket_;
    std::chrono::milliseconds timeout_;
};

}  // namespace onair::cli
