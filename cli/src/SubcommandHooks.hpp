#pragma once
// Subcommands that live in their own files (run, simulate, the control
// commands) declare themselves on the CLI11 app through these. Each returns a
// hook that, after parsing, runs its command if it was chosen (and returns its
// exit code) or returns nothing.

#include <functional>
#include <optional>
#include <ostream>

#include <CLI/CLI.hpp>

namespace onair::cli {

using SubcommandHook = std::function<std::optional<int>()>;

/// `onair run` (RunCommandLine.cpp).
SubcommandHook add_run_command(CLI::App& app, std::ostream& out, std::ostream& err);
/// `onair simulate` (SimulateCommandLine.cpp).
SubcommandHook add_simulate_command(CLI::App& app, std::ostream& out, std::ostream& err);
/// `onair status | reload | skip | insert | log` (ControlCommandLine.cpp).
SubcommandHook add_control_commands(CLI::App& app, std::ostream& out, std::ostream& err);

}  // namespace onair::cli
