// Times the reports over a large as-aired log: 1 million rows, about ten years
// of a busy station (33 daily programmes from 05:00 to 22:00 around the example
// station's monthly programme with 3 reruns, weekly relay and quarterly ward
// programme, and filler logged track by track), then
//   - the CSV export of every row (target ≤ 2 s),
//   - the HTML report of one calendar year (target ≤ 1 s).
//
// The log is made from the plan the scheduler makes for each year (media of a
// fixed length, no GStreamer), so every row matches its planned airing as in a
// real log. The table is created by airlog::AsAiredLog; the rows are then
// inserted with SQLiteCpp in one transaction per year, with synchronous=OFF:
// loading a decade row by row with full durability would take hours and
// measures nothing about reports (airlog's own bench measures inserts).
//
// Usage: onair_report_bench [--rows N] [--db FILE] [--keep]
//   --rows  rows to load (default 1000000)
//   --db    where to make the log (default: a temporary file, removed after)
//   --keep  keep the database (reuse it with --db FILE next time: it is only
//           loaded when the file does not exist)
// Exit status: 0 measured (whatever the times), 1 error, 2 usage.

#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <unordered_map>

#include <SQLiteCpp/SQLiteCpp.h>
#include <date/date.h>

#include "../tests/support/ExampleStation.hpp"
#include "Elapsed.hpp"
#include "TargetLine.hpp"
#include "onair/airlog/AsAiredLog.hpp"
#include "onair/config/StationLoader.hpp"
#include "onair/report/Report.hpp"
#include "onair/scheduler/MediaCatalog.hpp"
#include "onair/scheduler/Planner.hpp"
#include "onair/scheduler/StationTimeZone.hpp"

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using onair::airlog::Row;
using onair::airlog::Status;
using onair::bench::Clock;
using onair::bench::seconds_since;
using onair::scheduler::Airing;
using onair::scheduler::Role;
using onair::scheduler::TimePoint;

constexpr double csv_target_s = 2.0;
constexpr double html_target_s = 1.0;

/// Every file is there and 10 minutes long; folders have media.
class TenMinuteCatalog : public onair::scheduler::MediaCatalog {
  public:
    onair::scheduler::MediaInfo file(const fs::path&) override {
        return {onair::scheduler::MediaInfo::Status::ok, 10min, {}};
    }
    bool folder_has_media(const fs::path&) override { return true; }
};

/// The example station's monthly, weekly relay and quarterly programmes
/// (tests/support/ExampleStation.hpp) in a 05:00-22:00 day, with a daily
/// programme every half hour around them.
std::string bench_station_yaml() {
    std::string yaml{onair::test::example_station_head};
    yaml += R"yaml(
windows:
  morning: { start: "05:00", end: "17:00" }
  evening: { start: "17:00", end: "22:00" }
filler: { folder: filler }
programmes:)yaml";
    yaml += onair::test::example_cds_thixa;
    yaml += onair::test::example_tinh_cds;
    yaml += onair::test::example_phuong_pho_ninh;
    const char* categories[] = {"thoi-su", "nong-nghiep", "van-hoa", "phap-luat"};
    for (int hour = 5; hour <= 21; ++hour) {
        for (int half = 0; half < 2 && !(hour == 21 && half == 1); ++half) {
            char id[32], entry[512];
            std::snprintf(id, sizeof id, "ct-%02d%s", hour, half ? "30" : "00");
            // Not at 06:00 on Saturdays: tinh-cds is on the air then.
            const char* days = hour == 6 && !half ? ", days: [sun, mon, tue, wed, thu, fri]" : "";
            std::snprintf(entry, sizeof entry,
                          "  - id: %s\n    title: \"Chương trình %02d:%s, bản tin và chuyên mục\"\n"
                          "    category: %s\n    source: { file: \"%s/{yyyy}-{mm}-{dd}.mp3\" }\n"
                          "    max_duration: 10m\n    daily: { at: \"%02d:%s\"%s }\n",
                          id, hour, half ? "30" : "00", categories[(hour + half) % 4], id, hour,
                          half ? "30" : "00", days);
            yaml += entry;
        }
    }
    return yaml;
}

/// Playout is never exactly on time: a small, repeatable delay per airing.
std::chrono::milliseconds milliseconds_jitter(long id) {
    return std::chrono::milliseconds{30 + (id * 7919) % 400};
}

/// Loads `wanted` rows, year after year from 2016, from the plan. Returns the
/// first and last local day loaded.
std::pair<int, int> load(const fs::path& path, const onair::config::Station& station, long wanted) {
    { onair::airlog::AsAiredLog create(path); }  // the schema, as the daemon makes it
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
    db.exec("PRAGMA synchronous = OFF");
    SQLite::Statement insert(
        db,
        "INSERT INTO as_aired (id, plan_key, planned_start, planned_end, actual_start, "
        "actual_end, programme, title, category, role, episode, source, status, note) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
    TenMinuteCatalog media;
    long id = 0;
    int year = 2016;
    const auto ms = [](TimePoint t) {
        return static_cast<std::int64_t>(t.time_since_epoch().count());
    };
    for (; id < wanted; ++year) {
        const onair::scheduler::Period period{date::year{year} / 1 / 1, date::year{year} / 12 / 31};
        const onair::scheduler::Plan plan = onair::scheduler::make_plan(station, period, media);
        if (plan.has_errors()) {
            throw std::runtime_error("the bench station has conflicts: " +
                                     plan.diagnostics.front().to_string());
        }
        SQLite::Transaction transaction(db);
        auto put = [&](const Airing* planned, TimePoint start, TimePoint end, const Row& row) {
            insert.reset();
            insert.bind(1, static_cast<std::int64_t>(++id));
            insert.bind(2, row.plan_key);
            if (planned) {
                insert.bind(3, ms(planned->start));
                insert.bind(4, ms(planned->end));
            } else {
                insert.bind(3);
                insert.bind(4);
            }
            if (row.status == Status::missed || row.status == Status::failed) {
                insert.bind(5);
                insert.bind(6);
            } else {
                insert.bind(5, ms(start));
                insert.bind(6, ms(end));
            }
            insert.bind(7, row.programme);
            insert.bind(8, row.title);
            insert.bind(9, row.category);
            insert.bind(10, row.role);
            insert.bind(11, row.episode);
            insert.bind(12, row.source);
            insert.bind(13, std::string(onair::airlog::to_string(row.status)));
            insert.bind(14, row.note);
            insert.exec();
        };
        for (const Airing& airing : plan.airings) {
            if (id >= wanted) {
                break;
            }
            if (airing.role == Role::fill) {
                // Filler, one row per 3-minute track; the last fades for what is next.
                Row track;
                track.programme = "filler";
                track.title = "Nhạc nền";
                track.role = "fill";
                for (TimePoint at = airing.start; at < airing.end && id < wanted; at += 3min) {
                    const TimePoint end = std::min(at + 3min, airing.end);
                    track.source = "filler/nhac-nen-" + std::to_string(id % 40) + ".mp3";
                    track.status = end == airing.end ? Status::partial : Status::aired;
                    track.note = end == airing.end ? "faded out for what was next" : "";
                    put(nullptr, at, end, track);
                }
                continue;
            }
            Row row;
            row.plan_key = onair::airlog::plan_key(airing);
            row.programme = airing.programme;
            row.title = airing.title;
            row.category = airing.category;
            row.role = std::string(onair::scheduler::to_string(airing.role));
            row.episode = airing.episode;
            row.source = airing.source;
            // One airing in a hundred has trouble, of every kind in turn.
            const long kind = id % 100 == 7 ? (id / 100) % 5 : -1;
            const Status statuses[] = {Status::missed, Status::failed, Status::partial,
                                       Status::joined, Status::interrupted};
            const char* notes[] = {"onair was not running", "media missing: ",
                                   "relay dropped after 4m12s; fallback file played",
                                   "joined 1m05s late, after a restart",
                                   "onair stopped while on air, \"last seen\" 3m ago"};
            row.status = kind < 0 ? Status::aired : statuses[kind];
            row.note = kind < 0 ? "" : notes[kind] + (kind == 1 ? airing.source : std::string{});
            const TimePoint start = airing.start + milliseconds_jitter(id);
            TimePoint end = airing.end + milliseconds_jitter(id);
            if (row.status == Status::partial || row.status == Status::interrupted) {
                end = start + (airing.end - airing.start) / 2;
            }
            put(&airing, row.status == Status::joined ? start + 65s : start, end, row);
        }
        transaction.commit();
    }
    return {2016, year - 1};
}

}  // namespace

int main(int argc, char** argv) {
    long rows = 1'000'000;
    fs::path database;
    bool keep = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--rows" && i + 1 < argc) {
            rows = std::atol(argv[++i]);
        } else if (arg == "--db" && i + 1 < argc) {
            database = argv[++i];
        } else if (arg == "--keep") {
            keep = true;
        } else {
            std::cerr << "Usage: onair_report_bench [--rows N] [--db FILE] [--keep]\n";
            return 2;
        }
    }
    if (rows <= 0) {
        std::cerr << "onair_report_bench: --rows must be positive\n";
        return 2;
    }
    const bool temporary = database.empty();
    if (temporary) {
        database = fs::temp_directory_path() /
                   ("onair-report-bench-" + std::to_string(::getpid()) + ".db");
    }
    const fs::path csv_file = database.string() + ".csv";
    int status = 0;
    try {
        const onair::config::Station station =
            onair::config::parse_station(bench_station_yaml(), "bench-station.yaml");
        const onair::scheduler::StationTimeZone zone(station.timezone);

        if (!fs::exists(database)) {
            const auto start = Clock::now();
            const auto [first, last] = load(database, station, rows);
            std::printf("load:   %ld rows (%d–%d) in %.1f s (bulk insert, synchronous=OFF)\n", rows,
                        first, last, seconds_since(start));
        } else {
            std::printf("load:   reusing %s\n", database.c_str());
        }
        const TimePoint all_from = TimePoint{date::sys_days{date::year{1970} / 1 / 1}};
        const TimePoint all_to = TimePoint{date::sys_days{date::year{2100} / 1 / 1}};

        // Reading alone, to tell SQLite's share from the report's.
        auto start = Clock::now();
        long read = 0;
        onair::airlog::for_each_row(database, all_from, all_to, [&](const Row&) { ++read; });
        const double read_s = seconds_since(start);
        std::printf("read:   %ld rows with airlog::for_each_row in %.3f s\n", read, read_s);

        start = Clock::now();
        {
            std::ofstream out(csv_file, std::ios::binary);
            onair::report::CsvWriter writer(out, zone);
            onair::airlog::for_each_row(database, all_from, all_to,
                                        [&](const Row& row) { writer.row(row); });
            writer.flush();
        }
        const double csv_s = seconds_since(start);
        std::printf("csv:    %ld rows, %.1f MB in %.3f s\n", read,
                    static_cast<double>(fs::file_size(csv_file)) / 1e6, csv_s);
        onair::bench::print_target_line("CSV of " + std::to_string(read) + " rows", csv_s, "s",
                                        csv_target_s);

        const onair::scheduler::Period year{date::year{2025} / 1 / 1, date::year{2025} / 12 / 31};
        start = Clock::now();
        std::vector<Row> year_rows;
        onair::airlog::for_each_row(
            database, zone.resolve(date::local_seconds{date::local_days{year.first}}).instant,
            zone.resolve(date::local_seconds{date::local_days{year.last} + date::days{1}}).instant,
            [&](const Row& row) { year_rows.push_back(row); });
        const double html_read_s = seconds_since(start);
        start = Clock::now();
        TenMinuteCatalog media;
        const onair::scheduler::Plan plan = onair::scheduler::make_plan(station, year, media);
        const double plan_s = seconds_since(start);
        start = Clock::now();
        const std::string html = onair::report::render_html(
            {station, year, plan, year_rows, TimePoint::max()}, onair::report::Language::vi);
        const double render_s = seconds_since(start);
        const double html_s = html_read_s + plan_s + render_s;
        std::printf(
            "html:   year 2025, %zu rows, %zu planned airings, %.1f MB: read %.3f s + plan %.3f s "
            "+ render %.3f s = %.3f s\n",
            year_rows.size(), plan.airings.size(), static_cast<double>(html.size()) / 1e6,
            html_read_s, plan_s, render_s, html_s);
        onair::bench::print_target_line("HTML report of a year", html_s, "s", html_target_s);
    } catch (const std::exception& error) {
        std::cerr << "onair_report_bench: " << error.what() << '\n';
        status = 1;
    }
    std::error_code ignored;
    fs::remove(csv_file, ignored);
    if (temporary && !keep) {
        for (const char* suffix : {"", "-wal", "-shm"}) {
            fs::remove(database.string() + suffix, ignored);
        }
    } else if (keep) {
        std::printf("kept:   %s\n", database.c_str());
    }
    return status;
}
