// `onair report`: the as-aired log of a period as CSV (every row, streamed) or
// as an HTML page that compares it with the plan for the same period.

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>

#include "Commands.hpp"
#include "PeriodOptions.hpp"
#include "SubcommandHooks.hpp"
#include "onair/airlog/AsAiredLog.hpp"
#include "onair/cli/CommandLine.hpp"
#include "onair/daemon/MediaCache.hpp"
#include "onair/playout/DiscovererMediaCatalog.hpp"
#include "onair/report/Report.hpp"
#include "onair/scheduler/CachingMediaCatalog.hpp"
#include "onair/scheduler/Planner.hpp"
#include "onair/scheduler/StationTimeZone.hpp"

namespace onair::cli {

using daemon::CachedStationMedia;
using scheduler::TimePoint;
namespace {

namespace fs = std::filesystem;

class ReportFailed : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// Writes the report into a temporary file next to `target` and renames it over
/// `target` only once everything is written and on disk: a report that failed
/// half-way (disk full, a broken log) never replaces a good one.
class AtomicOutput {
  public:
    explicit AtomicOutput(const fs::path& target) : target_(target) {
        std::string pattern = target.string() + ".tmp-XXXXXX";
        const int fd = mkstemp(pattern.data());
        if (fd < 0) {
            throw ReportFailed("cannot write " + target.string() + ": " + std::strerror(errno));
        }
        // mkstemp() makes the file private; a report is as readable as any file
        // the user creates.
        const mode_t mask = ::umask(0);
        ::umask(mask);
        ::fchmod(fd, 0666 & ~mask);
        ::close(fd);
        temporary_ = pattern;
        stream_.open(temporary_, std::ios::binary | std::ios::trunc);
        if (!stream_) {
            discard();
            throw ReportFailed("cannot write " + target.string());
        }
    }
    AtomicOutput(const AtomicOutput&) = delete;
    AtomicOutput& operator=(const AtomicOutput&) = delete;
    ~AtomicOutput() { discard(); }

    std::ostream& stream() { return stream_; }

    void commit() {
        stream_.flush();
        const bool written = static_cast<bool>(stream_);
        stream_.close();
        const int fd = ::open(temporary_.c_str(), O_RDONLY | O_CLOEXEC);
        const bool synced = fd >= 0 && ::fsync(fd) == 0;
        const int sync_errno = errno;
        if (fd >= 0) {
            ::close(fd);
        }
        if (!written || !synced) {
            throw ReportFailed("cannot write " + target_.string() + ": " +
                               (written ? std::strerror(sync_errno) : "write failed (disk full?)"));
        }
        std::error_code error;
        fs::rename(temporary_, target_, error);
        if (error) {
            throw ReportFailed("cannot write " + target_.string() + ": " + error.message());
        }
        temporary_.clear();
    }

  private:
    fs::path target_;
    fs::path temporary_;
    std::ofstream stream_;

    void discard() noexcept {
        if (!temporary_.empty()) {
            stream_.close();
            std::error_code ignored;
            fs::remove(temporary_, ignored);
            temporary_.clear();
        }
    }
};

/// The instants of the period's first local midnight and of the one after its last day.
std::pair<scheduler::TimePoint, scheduler::TimePoint> instants(
    const scheduler::StationTimeZone& zone, const ReportOptions& options) {
    const auto first = date::local_days{options.from};
    const auto after = date::local_days{options.to} + date::days{1};
    return {zone.resolve(date::local_seconds{first}).instant,
            zone.resolve(date::local_seconds{after}).instant};
}

void write_csv(const ReportOptions& options, const fs::path& database,
               const scheduler::StationTimeZone& zone, std::ostream& out) {
    const auto [from, to] = instants(zone, options);
    report::CsvWriter writer(out, zone);
    airlog::for_each_row(database, from, to, [&](const airlog::Row& row) { writer.row(row); });
    writer.flush();
}

void write_html(const ReportOptions& options, const config::Station& station,
                const fs::path& database, const scheduler::StationTimeZone& zone, std::ostream& out,
                std::ostream& err) {
    const auto [from, to] = instants(zone, options);
    std::vector<airlog::Row> rows;
    airlog::for_each_row(database, from, to, [&](const airlog::Row& row) { rows.push_back(row); });

    // The plan the quotas are counted against, with the media's real lengths
    // (packed airings start where those lengths put them, as in `onair plan`).
    const scheduler::Period period{options.from, options.to};
    CachedStationMedia cached(station);
    scheduler::MediaCatalog& media = cached.catalog();
    const scheduler::Plan plan = scheduler::make_plan(station, period, media);
    print_diagnostics(plan.diagnostics, err);
    if (plan.has_errors()) {
        throw ReportFailed(options.station_file +
                           ": the plan has conflicts (above), so planned airings cannot be "
                           "counted; no report written");
    }
    const auto now = date::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
    out << report::render_html({station, period, plan, rows, now}, options.language);
}

}  // namespace

int run_report(const ReportOptions& options, std::ostream& out, std::ostream& err) {
    const auto station = load_station_or_report(options.station_file, err);
    if (!station) {
        return exit_invalid;
    }
    const fs::path database =
        options.database.empty() ? station->log.database : fs::path(options.database);
    std::error_code ignored;
    if (!fs::is_regular_file(database, ignored)) {
        err << "onair report: no as-aired log at " << database.string()
            << (options.database.empty() ? " (log.database in " + options.station_file + ")"
                                         : std::string{})
            << "; has the daemon run yet? Nothing to report\n";
        return exit_invalid;
    }
    try {
        const scheduler::StationTimeZone zone(station->timezone);
        std::optional<AtomicOutput> file;
        if (!options.output.empty()) {
            file.emplace(options.output);
        }
        std::ostream& target = file ? file->stream() : out;
        if (options.format == ReportFormat::csv) {
            write_csv(options, database, zone, target);
        } else {
            write_html(options, *station, database, zone, target, err);
        }
        if (file) {
            file->commit();
        } else if (!out.flush()) {
            throw ReportFailed("cannot write the report to standard output");
        }
    } catch (const airlog::LogError& error) {
        err << "onair report: " << error.what() << '\n';
        return exit_invalid;
    } catch (const ReportFailed& error) {
        err << "onair report: " << error.what() << '\n';
        return exit_invalid;
    }
    return exit_ok;
}

SubcommandHook add_report_command(CLI::App& app, std::ostream& out, std::ostream& err) {
    struct Parsed {
        ReportOptions options;
        std::string format = "csv";
        std::string language = "vi";
        std::unique_ptr<PeriodOptions> period;
    };
    auto parsed = std::make_shared<Parsed>();
    auto* command = app.add_subcommand(
        "report",
        "Report what went on air in a period, from the as-aired log: csv (every row, for "
        "Excel) or html (planned against aired per programme and month, every problem with "
        "its note, airtime, and a picture of each month).");
    command->footer(
        std::string("--year is the calendar year (1 January to 31 December). For the reporting "
                    "year that ends on 20 November, give the days: --from 2025-11-21 --to "
                    "2026-11-20.\n") +
        exit_codes_help);
    command->add_option("station", parsed->options.station_file, "The station file (YAML)")
        ->required();
    parsed->period = std::make_unique<PeriodOptions>(*command, "report", PeriodOptions::Year::yes);
    command->add_option("--format", parsed->format, "Output format")
        ->check(CLI::IsMember({"csv", "html"}))
        ->capture_default_str();
    command
        ->add_option("--output", parsed->options.output,
                     "Write the report to FILE instead of standard output (replaced only "
                     "once the report is complete)")
        ->type_name("FILE");
    command
        ->add_option("--lang", parsed->language,
                     "Language of the html report's headings and labels")
        ->check(CLI::IsMember({"vi", "en"}))
        ->capture_default_str();
    command
        ->add_option("--db", parsed->options.database,
                     "The as-aired log to read (default: log.database in the station file)")
        ->type_name("FILE");
    return [command, parsed, &out, &err]() -> std::optional<int> {
        if (!*command) {
            return std::nullopt;
        }
        if (!parsed->period->days_into(parsed->options.from, parsed->options.to, err)) {
            return exit_invalid;
        }
        parsed->options.format = parsed->format == "html" ? ReportFormat::html : ReportFormat::csv;
        parsed->options.language =
            parsed->language == "en" ? report::Language::en : report::Language::vi;
        return run_report(parsed->options, out, err);
    };
}

}  // namespace onair::cli
