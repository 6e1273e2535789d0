#pragma once
// Every subcommand lives in its own file, owns its options and its action, and
// declares itself on the CLI11 app through one of these. Each returns a hook
// that, after parsing, runs its command if it was chosen (and returns its exit
// code) or returns nothing.
//
// Threads: the command line's. Throws: nothing while adding; a hook's command
// reports its errors and returns an exit code.

#include <functional>
#include <optional>
#include <ostream>

#include <CLI/CLI.hpp>

namespace onair::cli {

using SubcommandHook = std::function<std::optional<int>()>;

/// The footer of every command's help.
inline constexpr const char* exit_codes_help =
    "Exit codes: 0 success, 1 the station file or the request is invalid "
    "(errors are printed as FILE:LINE:COLUMN: error: WHAT), 2 usage error.";

/// `onair check` (CheckCommand.cpp).
SubcommandHook add_check_command(CLI::App& app, std::ostream& out, std::ostream& err);
/// `onair plan` (PlanCommand.cpp).
SubcommandHook add_plan_command(CLI::App& app, std::ostream& out, std::ostream& err);
/// `onair report` (ReportCommand.cpp).
SubcommandHook add_report_command(CLI::App& app, std::ostream& out, std::ostream& err);
/// `onair run` (RunCommandLine.cpp).
SubcommandHook add_run_command(CLI::App& app, std::ostream& out, std::ostream& err);
/// `onair simulate` (SimulateCommandLine.cpp).
SubcommandHook add_simulate_command(CLI::App& app, std::ostream& out, std::ostream& err);
/// `onair status | reload | skip | insert | log` (ControlCommandLine.cpp).
SubcommandHook add_control_commands(CLI::App& app, std::ostream& out, std::ostream& err);

}  // namespace onair::cli
