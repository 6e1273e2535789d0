#pragma once
// Reads the parameters of each control method and calls the daemon's
// ControlMethods: the part of the protocol that knows the method names and
// their parameters. Runs on the io_context thread, where ControlServer calls it.

#include "onair/daemon/ControlHandler.hpp"
#include "onair/daemon/ControlMethods.hpp"

namespace onair::daemon {

class ControlDispatcher final : public ControlHandler {
  public:
    /// What `log` answers at most, and without `tail`.
    static constexpr std::size_t max_log_lines = 10000;
    static constexpr std::size_t default_log_lines = 50;

    explicit ControlDispatcher(ControlMethods& methods) : methods_(methods) {}

    /// Throws ControlError: method_not_found, invalid_params (with what is
    /// wrong), or whatever the method throws.
    nlohmann::json call(const std::string& method, const nlohmann::json& params) override;

  private:
    ControlMethods& methods_;
};

}  // namespace onair::daemon
