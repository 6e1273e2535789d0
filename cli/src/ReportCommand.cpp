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
    if (date::sys_days{options.to} < date::sys_days{options.from}) {
        err << "onair report: --to " << date::format("%F", options.to) << " is before --from "
            << date::format("%F", options.from) << '\n';
        return exit_invalid;
    }
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

}  // namespace onair::cli
