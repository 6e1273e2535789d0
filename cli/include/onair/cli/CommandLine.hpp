#pragma once
// The `onair` command line: parses arguments and runs one command.
// Exit codes (the spec's contract): 0 success, 1 the station file or the request
// is invalid, 2 usage error.

#include <ostream>

namespace onair::cli {

enum ExitCode : int { exit_ok = 0, exit_invalid = 1, exit_usage = 2 };

/// Runs `onair ARGS...`; results go to `out`, messages and errors to `err`.
int run_command_line(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace onair::cli
