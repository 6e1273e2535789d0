#include <algorithm>

#include "CliValidators.hpp"
#include "Commands.hpp"
#include "SubcommandHooks.hpp"
#include "onair/cli/CommandLine.hpp"
#include "onair/config/Values.hpp"
#include "onair/daemon/MediaCache.hpp"
#include "onair/playout/DiscovererMediaCatalog.hpp"
#include "onair/scheduler/CachingMediaCatalog.hpp"
#include "onair/scheduler/Planner.hpp"
#include "onair/scheduler/StationTimeZone.hpp"

namespace onair::cli {

using daemon::CachedStationMedia;
namespace {

const config::Programme* find_programme(const config::Station& station, const std::string& id) {
    const auto found = std::find_if(station.programmes.begin(), station.programmes.end(),
                                    [&](const config::Programme& p) { return p.id == id; });
    return found == station.programmes.end() ? nullptr : &*found;
}

/// One warning per programme and missing file in the next days, located at the
/// programme's source (or the filler's), so the operator knows what to upload.
std::vector<config::Diagnostic> missing_media(const config::Station& station,
                                              const scheduler::Plan& plan,
                                              const scheduler::StationTimeZone& zone,
                                              date::sys_days until) {
    struct Need {
        const scheduler::Airing* first = nullptr;
        int airings = 0;
    };
    std::vector<std::pair<std::string, Need>> needs;  // in order of first need
    for (const scheduler::Airing& airing : plan.airings) {
        if (airing.media_ok || date::sys_days{zone.local_date(airing.start)} >= until) {
            continue;
        }
        const std::string key = airing.programme + '\n' + airing.media_note;
        auto found =
            std::find_if(needs.begin(), needs.end(), [&](const auto& n) { return n.first == key; });
        if (found == needs.end()) {
            needs.emplace_back(key, Need{&airing, 0});
            found = needs.end() - 1;
        }
        ++found->second.airings;
    }
    config::DiagnosticList warnings(station.file);
    for (const auto& [key, need] : needs) {
        const scheduler::Airing& airing = *need.first;
        const config::Programme* programme = find_programme(station, airing.programme);
        const config::Location where = programme        ? programme->source.location
                                       : station.filler ? station.filler->source.location
                                                        : config::Location{};
        const auto local = date::floor<std::chrono::minutes>(zone.to_local(airing.start));
        const auto day = date::floor<date::days>(local);
        warnings.warning(where,
                         "media not ready for \"" + airing.programme + "\": " + airing.media_note +
                             "; needed from " + config::format_weekday(date::weekday{day}) + " " +
                             config::format_date(date::year_month_day{day}) + " " +
                             date::format("%H:%M", local) + " (" + std::to_string(need.airings) +
                             (need.airings == 1 ? " airing" : " airings") + ")");
    }
    return warnings.all();
}

}  // namespace

int run_check(const CheckOptions& options, std::ostream& out, std::ostream& err) {
    const auto station = load_station_or_report(options.station_file, err);
    if (!station) {
        return exit_invalid;
    }
    const scheduler::StationTimeZone zone(station->timezone);
    const date::year_month_day first = options.from
                                           ? *options.from
                                           : zone.local_date(date::floor<std::chrono::milliseconds>(
                                                 std::chrono::system_clock::now()));
    const date::sys_days last = date::sys_days{first} + date::days{options.plan_days - 1};

    CachedStationMedia cached(*station);
    scheduler::MediaCatalog& media = cached.catalog();
    const scheduler::Plan plan =
        scheduler::make_plan(*station, scheduler::Period{first, date::year_month_day{last}}, media);
    print_diagnostics(plan.diagnostics, err);
    const auto not_ready =
        missing_media(*station, plan, zone, date::sys_days{first} + date::days{options.media_days});
    print_diagnostics(not_ready, err);

    const auto scheduled =
        std::count_if(plan.airings.begin(), plan.airings.end(),
                      [](const auto& a) { return a.role != scheduler::Role::fill; });
    const std::string period =
        config::format_date(first) + " to " + config::format_date(date::year_month_day{last});
    if (plan.has_errors()) {
        err << options.station_file << ": the plan from " << period << " has conflicts (above)\n";
        return exit_invalid;
    }
    const auto counted = [](std::size_t n, const char* word) {
        return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
    };
    out << options.station_file << ": ok: " << counted(station->programmes.size(), "programme")
        << ", " << counted(station->windows.size(), "window") << "; "
        << counted(scheduled, "airing") << " from " << period << " without conflicts";
    if (!not_ready.empty()) {
        out << "; media not ready for " << not_ready.size() << " of them in the next "
            << options.media_days << " days (warnings above)";
    }
    out << '\n';
    return exit_ok;
}

SubcommandHook add_check_command(CLI::App& app, std::ostream& out, std::ostream& err) {
    struct Parsed {
        CheckOptions options;
        std::string from;
    };
    auto parsed = std::make_shared<Parsed>();
    auto* command = app.add_subcommand(
        "check",
        "Validate a station file: every error at once, conflicts in the coming year's plan, "
        "and media missing for the coming days (as warnings).");
    command->footer(exit_codes_help);
    command->add_option("station", parsed->options.station_file, "The station file (YAML)")
        ->required();
    command->add_option("--from", parsed->from, "First day to check (default: today)")
        ->check(date_validator());
    command
        ->add_option("--plan-days", parsed->options.plan_days, "Days of plan checked for conflicts")
        ->check(CLI::Range(1, 3660))
        ->capture_default_str();
    command
        ->add_option("--media-days", parsed->options.media_days,
                     "Days ahead for which missing media is reported")
        ->check(CLI::Range(0, 3660))
        ->capture_default_str();
    return [command, parsed, &out, &err]() -> std::optional<int> {
        if (!*command) {
            return std::nullopt;
        }
        if (!parsed->from.empty()) {
            parsed->options.from = to_date(parsed->from);
        }
        return run_check(parsed->options, out, err);
    };
}

}  // namespace onair::cli
