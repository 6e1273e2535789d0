#include "Commands.hpp"
#include "PeriodOptions.hpp"
#include "SubcommandHooks.hpp"
#include "onair/cli/CommandLine.hpp"
#include "onair/daemon/MediaCache.hpp"
#include "onair/playout/DiscovererMediaCatalog.hpp"
#include "onair/scheduler/CachingMediaCatalog.hpp"
#include "onair/scheduler/PlanFormat.hpp"
#include "onair/scheduler/Planner.hpp"

namespace onair::cli {

using daemon::CachedStationMedia;

int run_plan(const PlanOptions& options, std::ostream& out, std::ostream& err) {
    const auto station = load_station_or_report(options.station_file, err);
    if (!station) {
        return exit_invalid;
    }
    CachedStationMedia cached(*station);
    scheduler::MediaCatalog& media = cached.catalog();
    const scheduler::Plan plan =
        scheduler::make_plan(*station, scheduler::Period{options.from, options.to}, media);
    print_diagnostics(plan.diagnostics, err);
    if (plan.has_errors()) {
        err << options.station_file << ": the plan has conflicts (above); nothing printed\n";
        return exit_invalid;
    }
    const scheduler::StationTimeZone zone(station->timezone);
    switch (options.format) {
        case PlanFormat::table:
            out << scheduler::format_plan_table(plan.airings, zone);
            break;
        case PlanFormat::csv:
            out << scheduler::format_plan_csv(plan.airings, zone);
            break;
        case PlanFormat::json:
            out << scheduler::format_plan_json(plan.airings, zone);
            break;
    }
    return exit_ok;
}

SubcommandHook add_plan_command(CLI::App& app, std::ostream& out, std::ostream& err) {
    struct Parsed {
        PlanOptions options;
        std::string format = "table";
        std::unique_ptr<PeriodOptions> period;
    };
    auto parsed = std::make_shared<Parsed>();
    auto* command = app.add_subcommand("plan", "Print every airing of a period, ordered by start.");
    command->footer(exit_codes_help);
    command->add_option("station", parsed->options.station_file, "The station file (YAML)")
        ->required();
    parsed->period = std::make_unique<PeriodOptions>(*command, "plan");
    command->add_option("--format", parsed->format, "Output format")
        ->check(CLI::IsMember({"table", "csv", "json"}))
        ->capture_default_str();
    return [command, parsed, &out, &err]() -> std::optional<int> {
        if (!*command) {
            return std::nullopt;
        }
        if (!parsed->period->days_into(parsed->options.from, parsed->options.to, err)) {
            return exit_invalid;
        }
        parsed->options.format = parsed->format == "csv"    ? PlanFormat::csv
                                 : parsed->format == "json" ? PlanFormat::json
                                                            : PlanFormat::table;
        return run_plan(parsed->options, out, err);
    };
}

}  // namespace onair::cli
