// Fills an as-aired log for one month of a station, as the daemon would have
// written it, with the trouble a real month has: the example behind
// docs/report-example.html (scripts/render-report.sh --example).
//
// Usage: onair_report_example STATION.yaml --month YYYY-MM --db FILE
//
// The plan is made as `onair plan` makes it (media probed with GStreamer), so
// `onair report` finds every row's planned airing. Every airing goes out, a
// little late as real playout is, except:
//   - the 3rd: a power cut through the morning window (rows `missed`);
//   - the cds-thixa programme's 1st rerun: onair restarted in the middle
//     (`interrupted`, then `joined`); its 2nd rerun's file is unreadable
//     (`failed`, filler instead); its 3rd is skipped by the operator for a storm
//     warning (`skipped`, and an `emergency` insert);
//   - the 10th: the morning bulletin is cut short by an emergency insert;
//   - the month's 2nd relay drops after 12m03s (`partial`);
//   - the 26th: no row at all (the machine was off and nobody noted it), which
//     the report shows as never logged.
// Filler is logged one track at a time, as it plays.
// Exit status: 0 done, 1 the station or the log could not be used, 2 usage.

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>

#include <date/date.h>

#include "onair/airlog/AsAiredLog.hpp"
#include "onair/config/StationLoader.hpp"
#include "onair/config/Values.hpp"
#include "onair/playout/DiscovererMediaCatalog.hpp"
#include "onair/scheduler/CachingMediaCatalog.hpp"
#include "onair/scheduler/Planner.hpp"
#include "onair/scheduler/StationTimeZone.hpp"

namespace {

using namespace std::chrono_literals;
using onair::airlog::AsAiredLog;
using onair::airlog::StartRecord;
using onair::airlog::Status;
using onair::scheduler::Airing;
using onair::scheduler::Role;
using onair::scheduler::TimePoint;
using std::chrono::milliseconds;

/// Playout is never exactly on time: a small, repeatable delay per airing.
milliseconds jitter(std::size_t index) {
    return milliseconds{40 + static_cast<long>((index * 7919) % 360)};
}

class MonthWriter {
  public:
    MonthWriter(AsAiredLog& log, const onair::scheduler::StationTimeZone& zone)
        : log_(log), zone_(zone) {}

    void aired(const Airing& airing, std::size_t index, Status status = Status::aired,
               milliseconds cut = 0ms, const std::string& note = {}) {
        const TimePoint start = airing.start + jitter(index);
        const TimePoint end = cut > 0ms ? airing.start + cut : airing.end + jitter(index) / 2;
        const auto id = log_.record_start(StartRecord{airing, start, {}, {}, {}, {}, {}, {}});
        log_.record_end(id, end, status, note);
    }

    void joined(const Airing& airing, milliseconds late, const std::string& note) {
        const auto id =
            log_.record_start(StartRecord{airing, airing.start + late, {}, {}, {}, {}, {}, {}});
        log_.record_end(id, airing.end, Status::joined, note);
    }

    void interrupted_then_joined(const Airing& airing) {
        const auto crashed =
            log_.record_start(StartRecord{airing, airing.start + 120ms, {}, {}, {}, {}, {}, {}});
        log_.record_end(crashed, airing.start + 4min + 42s, Status::interrupted,
                        "onair stopped while on air (restarted by systemd); last seen " +
                            clock(airing.start + 4min + 42s));
        joined(airing, 5min + 31s, "joined 5m31s late, after a restart");
    }

    void failed(const Airing& airing, const std::string& note) {
        const auto id =
            log_.record_start(StartRecord{airing, airing.start, {}, {}, {}, {}, {}, {}});
        log_.record_end(id, airing.start, Status::failed, note);
    }

    void skipped(const Airing& airing, const std::string& note) {
        const auto id =
            log_.record_start(StartRecord{airing, airing.start, {}, {}, {}, {}, {}, {}});
        log_.record_end(id, airing.start, Status::skipped, note);
    }

    void inserted(const std::string& role, const std::string& programme, const std::string& title,
                  TimePoint start, milliseconds length) {
        StartRecord record;
        record.actual_start = start;
        record.programme = programme;
        record.title = title;
        record.category = "thong-bao";
        record.role = role;
        record.source = "insert/" + programme + ".mp3";
        const auto id = log_.record_start(record);
        log_.record_end(id, start + length, Status::aired);
    }

    /// Filler tracks of 3–4 minutes from `from` to `to`; the last fades out early.
    void filler(TimePoint from, TimePoint to, std::size_t& track) {
        static const milliseconds lengths[] = {3min + 12s, 3min + 47s, 4min + 5s, 3min + 31s,
                                               3min + 58s};
        for (TimePoint at = from; to - at >= 1s; ++track) {
            const milliseconds length = lengths[track % 5];
            const bool last = at + length >= to;
            StartRecord record;
            record.actual_start = at;
            record.programme = "filler";
            char file[64];
            std::snprintf(file, sizeof file, "filler/nhac-nen-%02zu.mp3", track % 5 + 1);
            record.title = "Nhạc nền";
            record.role = "fill";
            record.source = file;
            const auto id = log_.record_start(record);
            const TimePoint end = last ? to : at + length;
            log_.record_end(id, end, last ? Status::partial : Status::aired,
                            last ? "faded out for what was next" : "");
            at = end;
        }
    }

    std::string clock(TimePoint instant) const {
        return date::format("%H:%M:%S", date::floor<std::chrono::seconds>(zone_.to_local(instant)));
    }

  private:
    AsAiredLog& log_;
    const onair::scheduler::StationTimeZone& zone_;
};

int usage(const char* why) {
    std::cerr << "onair_report_example: " << why
              << "\nUsage: onair_report_example STATION.yaml --month YYYY-MM --db FILE\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    std::string station_file, month, database;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if ((arg == "--month" || arg == "--db") && i + 1 < argc) {
            (arg == "--month" ? month : database) = argv[++i];
        } else if (!arg.empty() && arg[0] != '-' && station_file.empty()) {
            station_file = arg;
        } else {
            return usage(("unexpected argument " + arg).c_str());
        }
    }
    const auto first = onair::config::parse_date(month + "-01");
    if (station_file.empty() || database.empty() || !first) {
        return usage("a station file, --month YYYY-MM and --db FILE are needed");
    }
    try {
        const onair::config::Station station = onair::config::load_station(station_file);
        const onair::scheduler::StationTimeZone zone(station.timezone);
        onair::playout::DiscovererMediaCatalog discoverer;
        onair::scheduler::CachingMediaCatalog media(discoverer);
        const auto period = onair::scheduler::month_period(first->year() / first->month());
        const onair::scheduler::Plan plan = onair::scheduler::make_plan(station, period, media);
        if (plan.has_errors()) {
            std::cerr << station_file << ": the plan has conflicts; run onair plan\n";
            return 1;
        }
        AsAiredLog log(database, {.busy_timeout = 5000ms, .time_zone = station.timezone});
        MonthWriter writer(log, zone);

        int cds_reruns = 0, relays = 0;
        std::size_t track = 0;
        for (std::size_t index = 0; index < plan.airings.size(); ++index) {
            const Airing& airing = plan.airings[index];
            const unsigned day = static_cast<unsigned>(zone.local_date(airing.start).day());
            const bool morning = airing.window == "morning";
            if (day == 26) {
                continue;  // the machine was off; nothing in the log
            }
            if (day == 3 && morning) {
                if (airing.role != Role::fill) {
                    log.record_missed(airing, "onair was not running (power cut 05:12–06:41)");
                }
                continue;
            }
            if (airing.role == Role::fill) {
                writer.filler(airing.start, airing.end, track);
                continue;
            }
            if (airing.programme == "cds-thixa" && airing.role == Role::rerun) {
                switch (++cds_reruns) {
                    case 1:
                        writer.interrupted_then_joined(airing);
                        continue;
                    case 2:
                        writer.failed(airing, "media unreadable: " + airing.source +
                                                  " (not an MP3 file: upload was cut off); "
                                                  "filler played instead");
                        writer.filler(airing.start, airing.end, track);
                        continue;
                    case 3:
                        writer.skipped(airing, "skipped by the operator for the storm warning");
                        writer.inserted("emergency", "canh-bao-bao",
                                        "Cảnh báo bão số 12 — Ban Chỉ huy PCTT thị xã",
                                        airing.start + 1s, 6min + 40s);
                        writer.filler(airing.start + 1s + 6min + 40s, airing.end, track);
                        continue;
                }
            }
            if (airing.role == Role::relay && ++relays == 2) {
                writer.aired(airing, index, Status::partial, 12min + 3s,
                             "relay dropped after 12m03s and did not come back; fallback " +
                                 airing.fallback + " missing");
                writer.filler(airing.start + 12min + 3s, airing.end, track);
                continue;
            }
            if (day == 10 && airing.programme == "ban-tin-sang") {
                writer.aired(airing, index, Status::partial, 1min + 20s, "preempted by emergency");
                writer.inserted("emergency", "lich-cat-dien",
                                "Thông báo khẩn: lịch cắt điện ngày 10", airing.start + 1min + 20s,
                                50s);
                continue;
            }
            writer.aired(airing, index);
        }
        if (!log.retry_pending()) {
            std::cerr << database << ": " << log.health().last_error << '\n';
            return 1;
        }
        std::cout << "onair_report_example: wrote " << database << " for " << month << '\n';
    } catch (const std::exception& error) {
        std::cerr << "onair_report_example: " << error.what() << '\n';
        return 1;
    }
    return 0;
}
