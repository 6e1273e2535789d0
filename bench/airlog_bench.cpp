// Times the as-aired log at the size of a large station's decade: 1,000,000
// completed rows in a fresh file, then the calls the daemon makes (record_start
// with full durability, record_end, heartbeat) on top of them, then streaming
// a year and everything back with for_each_row (what `onair report` reads).
//
// Usage: onair_airlog_bench [--rows N] [--starts N] [--dir FOLDER] [--keep]
//   --rows    rows bulk-loaded first (default 1000000)
//   --starts  timed record_start/record_end pairs (default 300)
//   --dir     where the database goes (default: a new folder under the temp folder,
//             removed afterwards; put it on the disk the station will use)
//   --keep    keep the database (its path is printed)
// Exit status: 0 whatever the times (a measurement, not a test), 2 on usage errors.
// Targets: record_start (an on-air row, synchronous=FULL) ≤ 5 ms.

#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <SQLiteCpp/SQLiteCpp.h>
#include <date/date.h>

#include "Elapsed.hpp"
#include "TargetLine.hpp"
#include "onair/airlog/AsAiredLog.hpp"

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using onair::airlog::AsAiredLog;
using onair::airlog::Row;
using onair::airlog::StartRecord;
using onair::airlog::Status;
using onair::airlog::TimePoint;
using onair::bench::Clock;
using onair::bench::ms_since;

struct Options {
    long rows = 1'000'000;
    int starts = 300;
    fs::path dir;
    bool keep = false;
};

// Vietnam has no DST: local wall-clock time is UTC+7 all year, which keeps the
// generator simple and the data realistic.
TimePoint vietnam(date::sys_days day, std::chrono::seconds since_midnight) {
    return TimePoint{day + since_midnight - 7h};
}

struct Summary {
    double min, median, p99, max;
};

Summary summarize(std::vector<double> ms) {
    std::sort(ms.begin(), ms.end());
    const auto at = [&](double q) {
        return ms[std::min(ms.size() - 1,
                           static_cast<std::size_t>(q * static_cast<double>(ms.size())))];
    };
    return {ms.front(), at(0.5), at(0.99), ms.back()};
}

void print_summary(const char* what, const std::vector<double>& ms) {
    const Summary s = summarize(ms);
    std::printf("  %-44s min %6.3f  median %6.3f  p99 %6.3f  max %6.3f ms\n", what, s.min, s.median,
                s.p99, s.max);
}

/// Fills the log with `count` completed rows from 2017-01-01 on: ~274 a day (a
/// decade is a million), packed into 05:00-07:00, 11:00-13:00 and 17:00-21:00,
/// 200 programmes, mostly aired, some partial/joined/failed/missed with notes.
///
/// Bulk load, not the daemon's path: one prepared INSERT (the same columns
/// AsAiredLog writes) in transactions of 50,000 rows with synchronous=NORMAL.
/// Inserting a million rows one fsync'd transaction each would measure the
/// disk, not the log, and no station ever writes that fast. Returns the first
/// and last day.
std::pair<date::sys_days, date::sys_days> bulk_load(const fs::path& path, long count) {
    static const std::array<std::string_view, 8> categories{
        "thoi-su",  "nong-nghiep", "phap-luat",     "y-te",
        "giao-duc", "van-hoa",     "chuyen-doi-so", "the-thao"};
    static const std::array<std::string_view, 6> titles{
        "Thời sự thị xã",         "Bạn nhà nông: \"Vụ đông\", phân bón",
        "Pháp luật và đời sống",  "Sức khỏe cộng đồng",
        "Chuyển đổi số ở phường", "Văn hóa, văn nghệ cuối tuần"};
    static const std::array<std::string_view, 4> roles{"premiere", "rerun", "rerun", "relay"};
    static const std::array<int, 4> lengths_s{60, 90, 120, 150};
    struct Window {
        int from_min, to_min;
    };
    static const std::array<Window, 3> windows{
        {{5 * 60, 7 * 60}, {11 * 60, 13 * 60}, {17 * 60, 21 * 60}}};

    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
    db.exec("PRAGMA synchronous = NORMAL");
    SQLite::Statement insert(
        db,
        "INSERT INTO as_aired (id, plan_key, planned_start, planned_end, "
        "actual_start, actual_end, programme, title, category, role, episode, "
        "source, status, note, last_alive) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
        "?8, ?9, ?10, ?11, ?12, ?13, ?14, NULL)");
    const date::sys_days first_day = date::year{2017} / 1 / 1;
    date::sys_days day = first_day;
    long id = 0;
    std::string programme, plan_key, episode, source;
    auto transaction = std::make_unique<SQLite::Transaction>(db);
    while (id < count) {
        const date::year_month_day ymd{day};
        char month[16];
        std::snprintf(month, sizeof month, "%04d-%02u", static_cast<int>(ymd.year()),
                      static_cast<unsigned>(ymd.month()));
        int per_day = 0;
        for (const Window& window : windows) {
            auto at = std::chrono::seconds{window.from_min * 60};
            for (; id < count && per_day < 274; ++per_day) {
                const long n = id + 1;
                const auto length =
                    std::chrono::seconds{lengths_s[static_cast<std::size_t>(n % 4)]};
                if (at + length > std::chrono::seconds{window.to_min * 60}) {
                    break;
                }
                const TimePoint planned_start = vietnam(day, at);
                const TimePoint planned_end = planned_start + length;
                programme = "prog-" + std::to_string(n % 200);
                plan_key =
                    programme + "@" + std::to_string(planned_start.time_since_epoch().count());
                episode = month;
                source = programme + "/" + episode + ".mp3";
                std::string_view status = "aired";
                std::string_view note;
                TimePoint actual_start = planned_start + 120ms;
                TimePoint actual_end = planned_end + 80ms;
                switch (n % 200) {
                    case 7:
                    case 77:
                    case 147:
                    case 190:
                        status = "partial";
                        note = "relay dropped after 1m03s; fallback file played";
                        actual_end = planned_end - 20s;
                        break;
                    case 13:
                    case 113:
                        status = "joined";
                        note = "joined 12s late after a restart";
                        actual_start = planned_start + 12s;
                        break;
                    case 42:
                        status = "failed";
                        note = "media missing: file not found";
                        actual_end = actual_start;
                        break;
                    default:
                        break;
                }
                insert.tryReset();
                insert.bind(1, static_cast<std::int64_t>(n));
                insert.bind(2, plan_key);
                insert.bind(3, planned_start.time_since_epoch().count());
                insert.bind(4, planned_end.time_since_epoch().count());
                if (n % 200 == 99) {
                    insert.bind(5);
                    insert.bind(6);
                    status = "missed";
                    note = "the daemon was not running";
                } else {
                    insert.bind(5, actual_start.time_since_epoch().count());
                    insert.bind(6, actual_end.time_since_epoch().count());
                }
                insert.bind(7, programme);
                insert.bind(8, std::string(titles[static_cast<std::size_t>(n % 6)]));
                insert.bind(9, std::string(categories[static_cast<std::size_t>(n % 8)]));
                insert.bind(10, std::string(roles[static_cast<std::size_t>(n % 4)]));
                insert.bind(11, episode);
                insert.bind(12, source);
                insert.bind(13, std::string(status));
                insert.bind(14, std::string(note));
                insert.exec();
                id = n;
                at += length;
                if (id % 50'000 == 0) {
                    transaction->commit();
                    transaction = std::make_unique<SQLite::Transaction>(db);
                }
            }
        }
        day += date::days{1};
    }
    transaction->commit();
    return {first_day, day - date::days{1}};
}

std::uintmax_t database_bytes(const fs::path& path) {
    std::uintmax_t total = 0;
    for (const char* suffix : {"", "-wal", "-shm"}) {
        std::error_code ec;
        const auto size = fs::file_size(path.string() + suffix, ec);
        total += ec ? 0 : size;
    }
    return total;
}

/// Times one for_each_row pass (best of three: the page cache is warm either way).
void time_reading(const char* what, const fs::path& path, TimePoint from, TimePoint to) {
    double best = 1e300;
    long rows = 0;
    std::size_t bytes = 0;
    for (int run = 0; run < 3; ++run) {
        rows = 0;
        bytes = 0;
        const auto start = Clock::now();
        onair::airlog::for_each_row(path, from, to, [&](const Row& row) {
            ++rows;
            bytes += row.title.size();  // touch the row so nothing is optimized away
        });
        best = std::min(best, ms_since(start));
    }
    std::printf("  for_each_row %-31s %8ld rows in %7.1f ms  (%.2f M rows/s)\n", what, rows, best,
                static_cast<double>(rows) / best / 1000.0);
    (void)bytes;
}

/// Commit cost of one small UPDATE under each synchronous level, on a raw
/// connection to the same file: what the choice for record_end costs.
void time_synchronous_levels(const fs::path& path, int count) {
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
    SQLite::Statement update(db, "UPDATE as_aired SET note = ?2 WHERE id = ?1");
    for (const char* level : {"FULL", "NORMAL"}) {
        db.exec(std::string("PRAGMA synchronous = ") + level);
        std::vector<double> ms;
        for (int i = 0; i < count; ++i) {
            const auto start = Clock::now();
            SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
            update.tryReset();
            update.bind(1, static_cast<std::int64_t>(1 + i));
            update.bind(2, std::string("bench ") + level);
            update.exec();
            transaction.commit();
            ms.push_back(ms_since(start));
        }
        print_summary((std::string("raw UPDATE commit, synchronous=") + level).c_str(), ms);
    }
}

bool parse(int argc, char** argv, Options& options) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        const bool has_value = i + 1 < argc;
        if (arg == "--rows" && has_value) {
            options.rows = std::atol(argv[++i]);
        } else if (arg == "--starts" && has_value) {
            options.starts = std::atoi(argv[++i]);
        } else if (arg == "--dir" && has_value) {
            options.dir = argv[++i];
        } else if (arg == "--keep") {
            options.keep = true;
        } else {
            return false;
        }
    }
    return options.rows > 0 && options.starts > 0;
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    if (!parse(argc, argv, options)) {
        std::fprintf(stderr,
                     "usage: onair_airlog_bench [--rows N] [--starts N] [--dir FOLDER] [--keep]\n");
        return 2;
    }
    bool made_dir = false;
    if (options.dir.empty()) {
        std::string pattern = (fs::temp_directory_path() / "onair-airlog-bench-XXXXXX").string();
        if (mkdtemp(pattern.data()) == nullptr) {
            std::perror("mkdtemp");
            return 2;
        }
        options.dir = pattern;
        made_dir = true;
    }
    fs::create_directories(options.dir);
    const fs::path path = options.dir / "onair-bench.db";
    fs::remove(path);
    fs::remove(path.string() + "-wal");
    fs::remove(path.string() + "-shm");
    std::printf("as-aired log benchmark: %s\n", path.c_str());

    { AsAiredLog create(path); }  // the schema, exactly as the daemon makes it
    auto start = Clock::now();
    const auto [first_day, last_day] = bulk_load(path, options.rows);
    const double load_ms = ms_since(start);
    std::printf("  bulk load %ld rows (%s .. %s), 50k-row transactions: %.1f s (%.0f rows/s)\n",
                options.rows, date::format("%F", first_day).c_str(),
                date::format("%F", last_day).c_str(), load_ms / 1000,
                static_cast<double>(options.rows) / load_ms * 1000);
    std::printf("  database size: %.1f MB\n", static_cast<double>(database_bytes(path)) / 1e6);
    // The load leaves ~175 MB of dirty pages; on ext4 the next fsync (record_start's)
    // would wait for their writeback. A running station has none of that: flush it
    // first so that the timings below measure the log, not the load.
    start = Clock::now();
    sync();
    std::printf("  sync after the load: %.0f ms\n", ms_since(start));

    // The daemon's calls, on top of a decade. Times run on after the data.
    {
        start = Clock::now();
        AsAiredLog log(path);
        std::printf("  open (migrate check, close leftovers, next id): %.2f ms\n", ms_since(start));
        std::vector<double> starts, ends, beats;
        TimePoint t = vietnam(last_day + date::days{1}, 5h);
        for (int i = 0; i < options.starts; ++i) {
            StartRecord record;
            record.actual_start = t;
            record.programme = "thong-bao";
            record.title = "Thông báo của UBND phường số " + std::to_string(i);
            record.role = "manual";
            start = Clock::now();
            const std::int64_t id = log.record_start(record);
            starts.push_back(ms_since(start));
            start = Clock::now();
            log.heartbeat(t + 5s);
            beats.push_back(ms_since(start));
            start = Clock::now();
            log.record_end(id, t + 60s, Status::aired);
            ends.push_back(ms_since(start));
            t += 61s;
        }
        if (!log.health().writable) {
            std::printf("  the log became unwritable: %s\n", log.health().last_error.c_str());
        }
        print_summary("record_start (on-air row, synchronous=FULL)", starts);
        print_summary("record_end (synchronous=FULL)", ends);
        print_summary("heartbeat (synchronous=NORMAL)", beats);
        onair::bench::print_target_line("record_start, synchronous=FULL (median)",
                                        summarize(starts).median, "ms", 5.0);
    }
    time_synchronous_levels(path, options.starts);

    const TimePoint year_from = vietnam(date::sys_days{date::year{2026} / 1 / 1}, 0min);
    const TimePoint year_to = vietnam(date::sys_days{date::year{2027} / 1 / 1}, 0min);
    time_reading("year 2026", path, year_from, year_to);
    time_reading("everything", path, TimePoint{}, TimePoint{std::chrono::milliseconds{INT64_MAX}});
    std::printf("  database size after the run: %.1f MB\n",
                static_cast<double>(database_bytes(path)) / 1e6);

    if (options.keep) {
        std::printf("kept %s\n", path.c_str());
    } else if (made_dir) {
        fs::remove_all(options.dir);
    } else {
        for (const char* suffix : {"", "-wal", "-shm"}) {
            fs::remove(path.string() + suffix);
        }
    }
    return 0;
}
