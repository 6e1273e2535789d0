#include "onair/cli/CommandLine.hpp"

#include <regex>

#include <CLI/CLI.hpp>

#include "CliValidators.hpp"
#include "Commands.hpp"
#include "SubcommandHooks.hpp"
#include "onair/config/Values.hpp"

namespace onair::cli {
namespace {

constexpr const char* exit_codes_help =
    "Exit codes: 0 success, 1 the station file or the request is invalid "
    "(errors are printed as FILE:LINE:COLUMN: error: WHAT), 2 usage error.";

constexpr const char* reporting_year_help =
    "--year is the calendar year (1 January to 31 December). For the reporting year that "
    "ends on 20 November, give the days: --from 2025-11-21 --to 2026-11-20.";

}  // namespace

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

    CheckOptions check;
    std::string check_from;
    auto* check_command = app.add_subcommand(
        "check",
        "Validate a station file: every error at once, conflicts in the coming year's plan, "
        "and media missing for the coming days (as warnings).");
    check_command->footer(exit_codes_help);
    check_command->add_option("station", check.station_file, "The station file (YAML)")->required();
    check_command->add_option("--from", check_from, "First day to check (default: today)")
        ->check(date_validator());
    check_command->add_option("--plan-days", check.plan_days, "Days of plan checked for conflicts")
        ->check(CLI::Range(1, 3660))
        ->capture_default_str();
    check_command
        ->add_option("--media-days", check.media_days,
                     "Days ahead for which missing media is reported")
        ->check(CLI::Range(0, 3660))
        ->capture_default_str();

    PlanOptions plan;
    std::string plan_month, plan_from, plan_to, plan_format = "table";
    auto* plan_command =
        app.add_subcommand("plan", "Print every airing of a period, ordered by start.");
    plan_command->footer(exit_codes_help);
    plan_command->add_option("station", plan.station_file, "The station file (YAML)")->required();
    auto* month_option = plan_command->add_option("--month", plan_month, "The month to plan")
                             ->check(month_validator());
    auto* from_option =
        plan_command->add_option("--from", plan_from, "First day to plan")->check(date_validator());
    auto* to_option = plan_command->add_option("--to", plan_to, "Last day to plan (inclusive)")
                          ->check(date_validator());
    month_option->excludes(from_option)->excludes(to_option);
    from_option->needs(to_option);
    to_option->needs(from_option);
    plan_command->add_option("--format", plan_format, "Output format")
        ->check(CLI::IsMember({"table", "csv", "json"}))
        ->capture_default_str();

    ReportOptions report;
    std::string report_month, report_year, report_from, report_to, report_format = "csv",
                                                                   report_lang = "vi";
    auto* report_command = app.add_subcommand(
        "report",
        "Report what went on air in a period, from the as-aired log: csv (every row, for "
        "Excel) or html (planned against aired per programme and month, every problem with "
        "its note, airtime, and a picture of each month).");
    report_command->footer(std::string(reporting_year_help) + "\n" + exit_codes_help);
    report_command->add_option("station", report.station_file, "The station file (YAML)")
        ->required();
    auto* report_month_option =
        report_command->add_option("--month", report_month, "The month to report")
            ->check(month_validator());
    auto* report_year_option =
        report_command->add_option("--year", report_year, "The calendar year to report")
            ->check(year_validator());
    auto* report_from_option =
        report_command->add_option("--from", report_from, "First day to report")
            ->check(date_validator());
    auto* report_to_option =
        report_command->add_option("--to", report_to, "Last day to report (inclusive)")
            ->check(date_validator());
    report_month_option->excludes(report_year_option)
        ->excludes(report_from_option)
        ->excludes(report_to_option);
    report_year_option->excludes(report_from_option)->excludes(report_to_option);
    report_from_option->needs(report_to_option);
    report_to_option->needs(report_from_option);
    report_command->add_option("--format", report_format, "Output format")
        ->check(CLI::IsMember({"csv", "html"}))
        ->capture_default_str();
    report_command
        ->add_option("--output", report.output,
                     "Write the report to FILE instead of standard output (replaced only "
                     "once the report is complete)")
        ->type_name("FILE");
    report_command
        ->add_option("--lang", report_lang, "Language of the html report's headings and labels")
        ->check(CLI::IsMember({"vi", "en"}))
        ->capture_default_str();
    report_command
        ->add_option("--db", report.database,
                     "The as-aired log to read (default: log.database in the station file)")
        ->type_name("FILE");

    const std::vector<SubcommandHook> hooks{add_run_command(app, out, err),
                                            add_simulate_command(app, out, err),
                                            add_control_commands(app, out, err)};

    try {
        app.parse(argc, argv);
        if (*plan_command && plan_month.empty() && plan_from.empty()) {
            throw CLI::RequiredError("--month or --from/--to");
        }
        if (*report_command && report_month.empty() && report_year.empty() && report_from.empty()) {
            throw CLI::RequiredError("--month, --year or --from/--to");
        }
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
    if (*check_command) {
        if (!check_from.empty()) {
            check.from = to_date(check_from);
        }
        return run_check(check, out, err);
    }
    if (*report_command) {
        if (!report_month.empty()) {
            report.from = to_date(report_month + "-01");
            report.to = report.from.year() / report.from.month() / date::last;
        } else if (!report_year.empty()) {
            report.from = to_date(report_year + "-01-01");
            report.to = to_date(report_year + "-12-31");
        } else {
            report.from = to_date(report_from);
            report.to = to_date(report_to);
        }
        report.format = report_format == "html" ? ReportFormat::html : ReportFormat::csv;
        report.language = report_lang == "en" ? report::Language::en : report::Language::vi;
        return run_report(report, out, err);
    }
    if (!plan_month.empty()) {
        plan_from = plan_month + "-01";
        plan.from = to_date(plan_from);
        plan.to = plan.from.year() / plan.from.month() / date::last;
    } else {
        plan.from = to_date(plan_from);
        plan.to = to_date(plan_to);
    }
    plan.format = plan_format == "csv"    ? PlanFormat::csv
                  : plan_format == "json" ? PlanFormat::json
                                          : PlanFormat::table;
    return run_plan(plan, out, err);
}

}  // namespace onair::cli
