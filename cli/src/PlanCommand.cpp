#include "Commands.hpp"
#include "onair/cli/CommandLine.hpp"
#include "onair/daemon/MediaCache.hpp"
#include "onair/playout/DiscovererMediaCatalog.hpp"
#include "onair/scheduler/CachingMediaCatalog.hpp"
#include "onair/scheduler/PlanFormat.hpp"
#include "onair/scheduler/Planner.hpp"

namespace onair::cli {

using daemon::CachedStationMedia;

int run_plan(const PlanOptions& options, std::ostream& out, std::ostream& err) {
    if (date::sys_days{options.to} < date::sys_days{options.from}) {
        err << "onair plan: --to " << date::format("%F", options.to) << " is before --from "
            << date::format("%F", options.from) << '\n';
        return exit_invalid;
    }
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

}  // namespace onair::cli
