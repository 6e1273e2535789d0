// `onair simulate STATION.yaml --month YYYY-MM [--db FILE] [faults]`: a dry run
// of the daemon over a period on a virtual clock (see Simulation.hpp), written
// to an as-aired log that `onair report` reads like the real one.

#include <chrono>
#include <cstdio>
#include <iomanip>
#include <regex>
#include <sstream>
#include <variant>

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "CliValidators.hpp"
#include "Commands.hpp"
#include "PeriodOptions.hpp"
#include "SubcommandHooks.hpp"
#include "onair/cli/CommandLine.hpp"
#include "onair/conductor/Simulation.hpp"
#include "onair/config/Values.hpp"
#include "onair/playout/DiscovererMediaCatalog.hpp"
#include "onair/scheduler/AudioFileName.hpp"
#include "onair/scheduler/CachingMediaCatalog.hpp"
#include "onair/scheduler/Planner.hpp"
#include "onair/scheduler/StationTimeZone.hpp"

namespace onair::cli {

using conductor::Outage;
using conductor::simulate;
using conductor::SimulationResult;
using conductor::SimulationSettings;
using conductor::StationRefused;
namespace {

namespace fs = std::filesystem;

/// A span of local wall-clock time, [from, to).
struct LocalRange {
    date::local_seconds from;
    date::local_seconds to;
};

/// `DATE` (that whole day), `FROM..TO` where each end is `YYYY-MM-DD` or
/// `YYYY-MM-DDTHH:MM[:SS]` (a date as TO means to the end of that day), and TO
/// may also be just `HH:MM[:SS]` on FROM's day. An error message, or the range.
std::variant<std::string, LocalRange> parse_range(const std::string& text) {
    const std::string form =
        "write DATE, or FROM..TO with YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS] (TO may be HH:MM)";
    const auto dots = text.find("..");
    if (dots == std::string::npos) {
        if (const auto day = config::parse_date(text)) {
            const date::local_days first{*day};
            return LocalRange{first, first + date::days{1}};
        }
        return "\"" + text + "\" is not a date or range; " + form;
    }
    const std::string first = text.substr(0, dots);
    const std::string last = text.substr(dots + 2);
    LocalRange range;
    if (const auto day = config::parse_date(first)) {
        range.from = date::local_days{*day};
    } else if (const auto moment = config::parse_local_datetime(first)) {
        range.from = *moment;
    } else {
        return "\"" + first + "\" in \"" + text + "\" is not a date or date and time; " + form;
    }
    if (const auto day = config::parse_date(last)) {
        range.to = date::local_days{*day} + date::days{1};
    } else if (const auto moment = config::parse_local_datetime(last)) {
        range.to = *moment;
    } else if (const auto time = config::parse_time_of_day(last, true)) {
        range.to = date::floor<date::days>(range.from) + *time;
    } else {
        return "\"" + last + "\" in \"" + text + "\" is not a date, date and time, or time; " +
               form;
    }
    if (range.to <= range.from) {
        return "\"" + text + "\" ends before it begins";
    }
    return range;
}

const CLI::Validator range_format(
    [](std::string& text) {
        const auto parsed = parse_range(text);
        return std::holds_alternative<std::string>(parsed) ? std::get<std::string>(parsed)
                                                           : std::string{};
    },
    "");

struct SimulateOptions {
    std::string station_file;
    std::string month, from, to;  // as typed
    Days days;
    std::string database;
    bool force = false;
    std::vector<std::string> missing;
    std::vector<std::string> relay_down;
    std::vector<std::string> down;
    std::uint64_t seed = 1;
};

int invalid(const std::string& message, std::ostream& err) {
    err << "onair simulate: " << message << '\n';
    return exit_invalid;
}

/// The log's own messages (rows closed as interrupted after a simulated crash)
/// are what the simulation is for, not news: only its errors are shown.
void quiet_log_messages() {
    if (!spdlog::get("airlog")) {
        auto logger = spdlog::stderr_logger_st("airlog");
        logger->set_level(spdlog::level::err);
    }
}

std::string plural(std::size_t count, const std::string& one, const std::string& many) {
    return std::to_string(count) + " " + (count == 1 ? one : many);
}

/// Removes the database and what SQLite keeps beside it.
void remove_database(const fs::path& database) {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        std::error_code ignored;
        fs::remove(database.string() + suffix, ignored);
    }
}

bool same_file(const fs::path& a, const fs::path& b) {
    std::error_code error;
    return fs::weakly_canonical(fs::absolute(a), error) ==
           fs::weakly_canonical(fs::absolute(b), error);
}

/// Probes the files of the filler and of folder programmes (the plan does not:
/// it only asks whether such a folder has media).
void probe_folders(const config::Station& station, scheduler::MediaCatalog& media) {
    std::vector<std::string> folders;
    if (station.filler && station.filler->source.kind == config::SourceKind::folder) {
        folders.push_back(station.filler->source.target);
    }
    for (const config::Programme& programme : station.programmes) {
        if (programme.source.kind == config::SourceKind::folder) {
            folders.push_back(programme.source.target);
        }
    }
    for (const std::string& folder : folders) {
        std::error_code error;
        for (const auto& entry :
             fs::directory_iterator(scheduler::media_path(station, folder), error)) {
            if (scheduler::is_audio_file_name(entry.path())) {
                media.file(entry.path());
            }
        }
    }
}

int run_simulate(const SimulateOptions& options, std::ostream& out, std::ostream& err) {
    const auto began = std::chrono::steady_clock::now();
    const date::year_month_day first_day = options.days.first;
    const date::year_month_day last_day = options.days.last;

    auto loaded = load_station_or_report(options.station_file, err);
    if (!loaded) {
        return exit_invalid;
    }
    const auto station = std::make_shared<const config::Station>(std::move(*loaded));
    const scheduler::StationTimeZone zone(station->timezone);
    SimulationSettings settings;
    settings.from = zone.resolve(date::local_days{first_day}).instant;
    settings.to = zone.resolve(date::local_days{last_day} + date::days{1}).instant;
    settings.conductor.shuffle_seed = options.seed;

    // Faults, in the station's time zone.
    auto outages = [&](const std::vector<std::string>& texts, const std::string& option,
                       std::vector<Outage>& into) -> bool {
        for (const std::string& text : texts) {
            const LocalRange range = std::get<LocalRange>(parse_range(text));
            const Outage outage{zone.resolve(range.from).instant, zone.resolve(range.to).instant};
            if (outage.to <= settings.from || outage.from >= settings.to) {
                err << "onair simulate: warning: " << option << " " << text
                    << " is outside the simulated period; ignored\n";
                continue;
            }
            if (option == "--down" && outage.from <= settings.from) {
                invalid("--down " + text +
                            " begins at or before the start of the simulated period; the log is "
                            "new then, so nothing could be missed: let it begin later",
                        err);
                return false;
            }
            into.push_back(outage);
        }
        return true;
    };
    if (!outages(options.relay_down, "--relay-down", settings.faults.relay_down) ||
        !outages(options.down, "--down", settings.faults.daemon_down)) {
        return exit_invalid;
    }
    for (const std::string& file : options.missing) {
        settings.faults.missing.emplace_back(file);
    }

    // The log: a new file, never the station's own.
    const std::string period_name =
        !options.month.empty() ? options.month : options.from + "_" + options.to;
    settings.database = options.database.empty() ? fs::path("simulate-" + period_name + ".db")
                                                 : fs::path(options.database);
    fs::path station_log = station->log.database;
    if (station_log.is_relative()) {
        station_log = fs::path(station->file).parent_path() / station_log;
    }
    if (same_file(settings.database, station_log)) {
        return invalid("--db " + settings.database.string() +
                           " is the station's own as-aired log (log.database); a simulation "
                           "never writes it: choose another file",
                       err);
    }
    if (fs::exists(settings.database)) {
        if (!options.force) {
            return invalid(settings.database.string() +
                               " exists; pass --force to replace it, or choose another --db",
                           err);
        }
        remove_database(settings.database);
    }

    playout::DiscovererMediaCatalog discoverer;
    scheduler::CachingMediaCatalog media(discoverer);
    // The whole period's plan first: the conductor plans only days ahead, and
    // would meet a conflict late in the month only when it gets there.
    const scheduler::Plan plan =
        scheduler::make_plan(*station, scheduler::Period{first_day, last_day}, media);
    if (plan.has_errors()) {
        print_diagnostics(plan.diagnostics, err);
        err << options.station_file << ": the plan has conflicts (above); nothing simulated\n";
        return exit_invalid;
    }
    // The conductor also plans the day before and the days after (plan_ahead):
    // their media are probed now too, so the time printed for the simulation
    // is the simulation's.
    const date::sys_days warm_from = date::sys_days{first_day} - date::days{1};
    const date::sys_days warm_to = date::sys_days{last_day} +
                                   std::chrono::ceil<date::days>(settings.conductor.plan_ahead) +
                                   date::days{1};
    scheduler::make_plan(
        *station, scheduler::Period{date::year_month_day{warm_from}, date::year_month_day{warm_to}},
        media);
    probe_folders(*station, media);
    const auto probed = std::chrono::steady_clock::now();
    quiet_log_messages();
    SimulationResult result;
    try {
        result = simulate(station, media, settings);
    } catch (const StationRefused& refused) {
        print_diagnostics(refused.errors, err);
        err << options.station_file << ": the plan has conflicts (above); simulation stopped\n";
        return exit_invalid;
    } catch (const airlog::LogError& error) {
        return invalid(error.what(), err);
    }
    for (const fs::path& file : result.unused_missing) {
        err << "onair simulate: warning: --missing " << file.string()
            << ": no airing or filler of the period used it\n";
    }

    const auto ended = std::chrono::steady_clock::now();
    const double seconds = std::chrono::duration<double>(ended - began).count();
    const double simulating = std::chrono::duration<double>(ended - probed).count();
    std::size_t planned = 0;
    for (const scheduler::Airing& airing : plan.airings) {
        planned += airing.role == scheduler::Role::fill ? 0 : 1;
    }
    std::ostringstream summary;
    summary << "Simulated " << station->name << " from "
            << zone.format_iso(settings.from).substr(0, 16) << " to "
            << zone.format_iso(settings.to).substr(0, 16) << " (" << station->timezone << ") in "
            << std::fixed << std::setprecision(2) << seconds << " s (" << simulating
            << " s after probing the media): "
            << plural(planned, "planned airing", "planned airings") << " (filler aside), "
            << plural(result.rows, "row", "rows") << " in the as-aired log";
    const char* separator = ": ";
    for (const airlog::Status status :
         {airlog::Status::aired, airlog::Status::partial, airlog::Status::joined,
          airlog::Status::failed, airlog::Status::missed, airlog::Status::skipped,
          airlog::Status::interrupted, airlog::Status::on_air}) {
        if (const auto found = result.rows_by_status.find(status);
            found != result.rows_by_status.end()) {
            summary << separator << found->second << " " << airlog::to_string(status);
            separator = ", ";
        }
    }
    summary << ". Faults: "
            << plural(settings.faults.missing.size(), "missing media", "missing media") << ", "
            << plural(settings.faults.relay_down.size(), "relay outage", "relay outages") << ", "
            << plural(settings.faults.daemon_down.size(), "daemon outage", "daemon outages") << " ("
            << plural(static_cast<std::size_t>(result.restarts), "restart", "restarts") << ").";
    out << summary.str() << "\n"
        << "As-aired log: " << settings.database.string() << "\n"
        << "Report: onair report " << options.station_file
        << (!options.month.empty() ? " --month " + options.month
                                   : " --from " + options.from + " --to " + options.to)
        << " --db " << settings.database.string() << " --format html --output "
        << fs::path(settings.database).replace_extension(".html").string() << "\n";
    return exit_ok;
}

}  // namespace

SubcommandHook add_simulate_command(CLI::App& app, std::ostream& out, std::ostream& err) {
    auto options = std::make_shared<SimulateOptions>();
    auto* command = app.add_subcommand(
        "simulate",
        "Dry-run the station: the daemon's logic on a virtual clock, with media lengths from "
        "the real files and no audio, writes the period's as-aired log in seconds. Inject "
        "faults to see the report's problem sections; then run 'onair report' on the log.");
    command->footer(
        "RANGE: DATE (that whole day), or FROM..TO where FROM and TO are YYYY-MM-DD or "
        "YYYY-MM-DDTHH:MM[:SS] in the station's time zone (a date as TO includes that day), "
        "and TO may be just HH:MM on FROM's day: 2026-12-12T06:10..06:20.\n"
        "Exit codes: 0 success, 1 the station file or the request is invalid (errors are "
        "printed as FILE:LINE:COLUMN: error: WHAT), 2 usage error.");
    command->add_option("station", options->station_file, "The station file (YAML)")->required();
    auto period = std::make_shared<PeriodOptions>(*command, "simulate");
    command
        ->add_option("--db", options->database,
                     "The as-aired log to write, a new file (default: simulate-YYYY-MM.db here)")
        ->type_name("FILE");
    command->add_flag("--force", options->force, "Replace the --db file if it exists");
    command
        ->add_option("--missing", options->missing,
                     "This media file (or every file in this folder) is missing for the whole "
                     "run; as the plan prints it, or a path. Repeatable")
        ->type_name("FILE");
    command
        ->add_option("--relay-down", options->relay_down,
                     "Every relay is down during RANGE (the fallback plays). Repeatable")
        ->type_name("RANGE")
        ->check(range_format);
    command
        ->add_option("--down", options->down,
                     "The daemon is not running during RANGE (killed at its start, restarted "
                     "at its end). Repeatable")
        ->type_name("RANGE")
        ->check(range_format);
    command
        ->add_option("--seed", options->seed, "Seed of the filler's shuffle (same seed, same run)")
        ->capture_default_str();
    return [command, options, period, &out, &err]() -> std::optional<int> {
        if (!*command) {
            return std::nullopt;
        }
        const auto days = period->days(err);
        if (!days) {
            return exit_invalid;
        }
        options->days = *days;
        options->month = period->month();
        options->from = period->from();
        options->to = period->to();
        return run_simulate(*options, out, err);
    };
}

}  // namespace onair::cli
