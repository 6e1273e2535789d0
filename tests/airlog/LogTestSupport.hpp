#pragma once
// Shared by the as-aired log tests: times in the station's zone, planned
// airings, a capture of the "airlog" logger, and direct SQL on a log file.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>

#include <SQLiteCpp/SQLiteCpp.h>
#include <date/date.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include "onair/airlog/AsAiredLog.hpp"
#include "onair/scheduler/StationTimeZone.hpp"

namespace onair::airlog {

/// Rows in failure messages, readable (found by GoogleTest through ADL).
inline void PrintTo(const Row& row, std::ostream* out) {
    auto time = [](const std::optional<TimePoint>& t) {
        return t ? std::to_string(t->time_since_epoch().count()) : std::string("-");
    };
    *out << "{id " << row.id << ", " << to_string(row.status) << ", plan_key '" << row.plan_key
         << "', planned " << time(row.planned_start) << ".." << time(row.planned_end) << ", actual "
         << time(row.actual_start) << ".." << time(row.actual_end) << ", " << row.programme << " \""
         << row.title << "\" " << row.category << " " << row.role << " " << row.episode << " "
         << row.source << ", note '" << row.note << "'}";
}

}  // namespace onair::airlog

namespace onair::airlog::testing {

using namespace std::chrono_literals;
using scheduler::Airing;
using scheduler::Role;

inline const scheduler::StationTimeZone& vietnam() {
    static const scheduler::StationTimeZone zone("Asia/Ho_Chi_Minh");
    return zone;
}

/// A wall-clock time in Vietnam (UTC+7), to the millisecond.
inline TimePoint at(int y, unsigned m, unsigned d, int hh, int mm, int ss = 0, int ms = 0) {
    const auto local =
        date::local_days{date::year{y} / m / d} + std::chrono::hours{hh} + std::chrono::minutes{mm};
    return TimePoint{vietnam().resolve(local).instant + std::chrono::seconds{ss} +
                     std::chrono::milliseconds{ms}};
}

inline Airing airing(std::string programme, TimePoint start, std::chrono::milliseconds length,
                     Role role = Role::premiere, std::string title = "Thời sự thị xã") {
    Airing a;
    a.start = start;
    a.end = start + length;
    a.window = "evening";
    a.programme = std::move(programme);
    a.title = std::move(title);
    a.category = "thoi-su";
    a.role = role;
    a.source = a.programme + "/2026-12.mp3";
    a.episode = "2026-12";
    return a;
}

inline StartRecord planned_start(const Airing& planned, TimePoint actual_start) {
    StartRecord start;
    start.planned = planned;
    start.actual_start = actual_start;
    return start;
}

/// Settings the tests use: notes in the station's zone; short waits.
inline LogSettings settings(std::chrono::milliseconds busy_timeout = 5000ms) {
    LogSettings s;
    s.busy_timeout = busy_timeout;
    s.time_zone = "Asia/Ho_Chi_Minh";
    return s;
}

/// Everything logged on the "airlog" logger while it lives (it replaces
/// whatever "airlog" logger there was; AsAiredLog picks it up when opened).
class CapturedLog {
  public:
    CapturedLog() {
        spdlog::drop("airlog");
        logger_ = std::make_shared<spdlog::logger>(
            "airlog", std::make_shared<spdlog::sinks::ostream_sink_mt>(out_));
        logger_->set_pattern("%l: %v");
        logger_->set_level(spdlog::level::info);
        spdlog::register_logger(logger_);
    }
    CapturedLog(const CapturedLog&) = delete;
    CapturedLog& operator=(const CapturedLog&) = delete;
    ~CapturedLog() { spdlog::drop("airlog"); }

    std::string text() const {
        logger_->flush();
        return out_.str();
    }
    /// How many lines contain `needle`.
    int count(std::string_view needle) const {
        std::istringstream lines(text());
        int found = 0;
        for (std::string line; std::getline(lines, line);) {
            if (line.find(needle) != std::string::npos) {
                ++found;
            }
        }
        return found;
    }

  private:
    std::ostringstream out_;
    std::shared_ptr<spdlog::logger> logger_;
};

/// One value from the file, through a connection of the test's own.
inline std::string query_text(const std::filesystem::path& database, const std::string& sql) {
    SQLite::Database db(database.string(), SQLite::OPEN_READONLY);
    return db.execAndGet(sql).getString();
}

inline std::int64_t query_int(const std::filesystem::path& database, const std::string& sql) {
    SQLite::Database db(database.string(), SQLite::OPEN_READONLY);
    return db.execAndGet(sql).getInt64();
}

/// Every row of the log, in time order, read the way a report reads it.
inline std::vector<Row> all_rows(const std::filesystem::path& database) {
    std::vector<Row> rows;
    for_each_row(database, TimePoint{}, TimePoint{std::chrono::milliseconds{INT64_MAX}},
                 [&](const Row& row) { rows.push_back(row); });
    return rows;
}

}  // namespace onair::airlog::testing
