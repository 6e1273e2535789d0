#include "onair/cli/CommandLine.hpp"

#include <CLI/CLI.hpp>

#include "Commands.hpp"
#include "SubcommandHooks.hpp"

namespace onair::cli {

int run_command_line(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
    CLI::App app{"onair: broadcast scheduling and playout for district and commune radio.",
                 "onair"};
    app.footer(exit_codes_help);
    app.set_version_flag("--version", "onair 0.1.0");
    app.require_subcommand(1);
    // Operators see what was wrong and where to read more, not CLI11's error class names.
    app.failure_message([](const CLI::App* failed, const CLI::Error& error) {
        const std::string command = failed->get_parent() ? "onair " + failed->get_name() : "onair";
        return command + ": " + error.what() + "\nRun '" + command + " --help' for the options.\n";
    });

    // In the order `onair --help` lists them.
    const std::vector<SubcommandHook> hooks{
        add_check_command(app, out, err),    add_plan_command(app, out, err),
        add_report_command(app, out, err),   add_run_command(app, out, err),
        add_simulate_command(app, out, err), add_control_commands(app, out, err)};

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        // The command that was being parsed prints the message, so it names itself.
        // Help is printed by the top app, which knows the full `onair plan` usage line.
        const auto commands = app.get_subcommands();
        if (commands.empty() && argc > 1 && argv[1][0] != '-') {
            std::string names;
            const auto all = app.get_subcommands([](const CLI::App*) { return true; });
            for (std::size_t i = 0; i < all.size(); ++i) {
                names += (i == 0 ? "" : i + 1 == all.size() ? " and " : ", ") + all[i]->get_name();
            }
            err << "onair: unknown command \"" << argv[1] << "\"; the commands are " << names
                << "\n"
                << "Run 'onair --help' for the options.\n";
            return exit_usage;
        }
        const bool help = error.get_exit_code() == 0;
        CLI::App& failed = help || commands.empty() ? app : *commands.front();
        return failed.exit(error, out, err) == 0 ? exit_ok : exit_usage;
    }

    for (const SubcommandHook& hook : hooks) {
        if (const std::optional<int> code = hook()) {
            return *code;
        }
    }
    return exit_usage;  // require_subcommand(1): one of the hooks ran
}

}  // namespace onair::cli
