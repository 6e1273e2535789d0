#include "SubcommandHooks.hpp"

namespace onair::daemon {

SubcommandHook add_run_command(CLI::App& app, std::ostream& out, std::ostream& err) {
    (void)app;
    (void)out;
    (void)err;
    return [] { return std::optional<int>(); };
}

}  // namespace onair::daemon
