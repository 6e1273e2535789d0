// Times scheduler::make_plan for a whole year of a large station: 200 programmes
// of every recurrence kind in three windows, with filler. The media catalog is a
// fake with fixed lengths, so only the planner is measured (no disk, no GStreamer).
//
// Usage: onair_plan_bench [--runs N]      (default 20 timed runs after 3 warm-ups)
// Exit status: 0 when the plan was made without diagnostics (whatever the time),
// 1 when the station has conflicts (a bug in this benchmark), 2 on usage errors.
// Target: the median run ≤ 100 ms on one core (the planner is single-threaded).

#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <date/date.h>

#include "Elapsed.hpp"
#include "TargetLine.hpp"
#include "onair/config/Station.hpp"
#include "onair/scheduler/Airing.hpp"
#include "onair/scheduler/MediaCatalog.hpp"
#include "onair/scheduler/Planner.hpp"

namespace {

using namespace std::chrono_literals;
using onair::bench::median_of;
using onair::config::Programme;
using onair::config::RecurrenceKind;
using onair::config::SourceKind;
using onair::config::Station;
using onair::config::TimeOfDay;
using onair::config::When;
using onair::config::Window;
using onair::scheduler::MediaCatalog;
using onair::scheduler::MediaInfo;
using std::chrono::milliseconds;

constexpr milliseconds target{100};

double thread_cpu_ms() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

/// Every file is present; its length is fixed per programme folder (the first
/// path component under media_root), so lookups cost what a cached probe would.
class FixedLengthCatalog : public MediaCatalog {
  public:
    void set_length(const std::string& folder, milliseconds length) { lengths_[folder] = length; }

    MediaInfo file(const std::filesystem::path& path) override {
        const auto found = lengths_.find(path.parent_path().filename().string());
        if (found == lengths_.end()) {
            return {MediaInfo::Status::missing, 0ms, {}};
        }
        return {MediaInfo::Status::ok, found->second, {}};
    }

    bool folder_has_media(const std::filesystem::path&) override { return true; }

  private:
    std::unordered_map<std::string, milliseconds> lengths_;
};

TimeOfDay hm(int hours, int minutes) {
    return std::chrono::hours{hours} + std::chrono::minutes{minutes};
}

Window window(std::string name, TimeOfDay start, TimeOfDay end) {
    Window w;
    w.name = std::move(name);
    w.start = start;
    w.end = end;
    return w;
}

/// A programme with a file source in its own folder, `length` long in the catalog.
Programme file_programme(FixedLengthCatalog& media, const std::string& id,
                         const std::string& pattern, milliseconds length) {
    Programme p;
    p.id = id;
    p.title = "Chương trình " + id;
    p.category = "bench";
    p.source.kind = SourceKind::file;
    p.source.target = id + "/" + pattern;
    p.max_duration = 15min;
    media.set_length(id, length);
    return p;
}

std::string numbered(std::string_view prefix, int n) {
    char id[32];
    std::snprintf(id, sizeof id, "%.*s-%03d", static_cast<int>(prefix.size()), prefix.data(), n);
    return id;
}

/// The layout, identical every day, that keeps the station free of conflicts:
///   morning 05:00–07:00, noon 11:00–13:00, evening 17:00–21:00;
///   the first hour of each window is left to packed airings (at most 3 quarterly
///   of ≤ 14 min plus 2 daily of 3 min land in one window on one day);
///   then a fixed daily at the hour, then 15-minute slots for the monthly
///   programmes (one per weekday and slot, weeks 1–4), days 29–30 of those slots
///   for the `once` programmes, and 20:00–21:00 for the weekly relays.
Station bench_station(FixedLengthCatalog& media) {
    Station station;
    station.file = "bench-station.yaml";
    station.name = "Đài Truyền thanh benchmark";
    station.timezone = "Asia/Ho_Chi_Minh";
    station.media_root = "/srv/onair-bench/media";
    station.windows = {window("morning", hm(5, 0), hm(7, 0)), window("noon", hm(11, 0), hm(13, 0)),
                       window("evening", hm(17, 0), hm(21, 0))};
    station.filler = onair::config::Filler{};
    station.filler->source.kind = SourceKind::folder;
    station.filler->source.target = "filler";
    station.filler->title = "Nhạc nền";

    const std::vector<std::string> window_names{"morning", "noon", "evening"};
    const std::vector<int> window_hours{5, 11, 17};
    auto& programmes = station.programmes;
    const date::year bench_year{2027};

    // 84 monthly programmes: premiere on the 1st weekday of the month at a fixed
    // slot, `reruns: 3` on the same weekday of weeks 2–4.
    struct Slots {
        int hour;
        int first_minute;
        int count;
    };
    const std::vector<Slots> monthly_slots{{6, 15, 3}, {12, 15, 2}, {18, 15, 7}};
    int monthly = 0;
    for (const Slots& slots : monthly_slots) {
        for (int slot = 0; slot < slots.count; ++slot) {
            for (unsigned weekday = 0; weekday < 7; ++weekday) {
                ++monthly;
                Programme p = file_programme(media, numbered("monthly", monthly), "{yyyy}-{mm}.mp3",
                                             11min + std::chrono::seconds{(monthly * 17) % 90});
                p.recurrence.kind = RecurrenceKind::monthly;
                p.recurrence.premiere.week = 1;
                p.recurrence.premiere.day = date::weekday{weekday};
                p.recurrence.premiere.at = hm(slots.hour, slots.first_minute + 15 * slot);
                p.recurrence.rerun_count = 3;
                if (monthly % 10 == 0) {
                    p.until = bench_year / date::September / 30;
                }
                if (monthly % 7 == 0) {
                    p.except = {date::year_month_day{
                        date::sys_days{bench_year / date::February / date::Monday[1]}}};
                }
                programmes.push_back(std::move(p));
            }
        }
    }

    // 14 weekly relays, 30 minutes at 20:00 or 20:30; two of them every other week.
    for (int n = 0; n < 14; ++n) {
        Programme p;
        p.id = numbered("relay", n + 1);
        p.title = "Tiếp sóng " + p.id;
        p.category = "tiep-song";
        p.source.kind = SourceKind::relay;
        p.source.target = "http://127.0.0.1:8000/" + p.id + ".mp3";
        p.source.fallback = p.id + "/{yyyy}-w{ww}.mp3";
        media.set_length(p.id, 29min);
        p.duration = 30min;
        p.recurrence.kind = RecurrenceKind::weekly;
        p.recurrence.premiere.day = date::weekday{static_cast<unsigned>(n % 7)};
        p.recurrence.premiere.at = hm(20, n < 7 ? 0 : 30);
        if (n == 3 || n == 10) {
            p.recurrence.every = 2;
            p.from = bench_year / date::January / 1;
        }
        programmes.push_back(std::move(p));
    }

    // 3 fixed daily bulletins (at the second hour of each window) and 6 packed
    // ones (two per window), one file per day.
    for (int n = 0; n < 9; ++n) {
        Programme p = file_programme(media, numbered("daily", n + 1), "{yyyy}{mm}{dd}.mp3",
                                     n < 3 ? 5min : 3min);
        p.recurrence.kind = RecurrenceKind::daily;
        if (n < 3) {
            p.recurrence.premiere.at = hm(window_hours[n] + 1, 0);
        } else {
            p.recurrence.premiere.window = window_names[n % 3];
        }
        if (n == 4) {
            p.recurrence.days = {false, true, true, true, true, true, true};  // not on Sundays
        }
        programmes.push_back(std::move(p));
    }

    // 80 quarterly programmes packed into a window. (window, month, week, weekday)
    // is different for each, so at most one premiere lands in a window on a day;
    // some are aired again the next day in the next window, some a week later.
    for (int n = 0; n < 80; ++n) {
        Programme p = file_programme(media, numbered("quarterly", n + 1), "{yyyy}-q{q}.mp3",
                                     10min + std::chrono::minutes{n % 5});
        p.priority = n % 6 == 0 ? 1 : 0;
        p.recurrence.kind = RecurrenceKind::quarterly;
        When& premiere = p.recurrence.premiere;
        premiere.window = window_names[n % 3];
        premiere.month = n / 3 % 3 + 1;
        premiere.week = n / 9 % 4 + 1;
        premiere.day = date::weekday{static_cast<unsigned>(n / 36 % 7 + 1)};
        if (n % 4 == 0) {
            When next_day;
            next_day.days_after = 1;
            next_day.window = window_names[(n + 1) % 3];
            p.recurrence.reruns.push_back(next_day);
        } else if (n % 4 == 1 && *premiere.week <= 3) {
            p.recurrence.rerun_count = 1;
        }
        programmes.push_back(std::move(p));
    }

    // 13 `once` programmes, each on the 29th or 30th of every month but February
    // (weeks 1–4 of the monthly slots end on the 28th) in an evening slot.
    for (int n = 0; n < 13; ++n) {
        Programme p = file_programme(media, numbered("once", n + 1), "{yyyy}-{mm}-{dd}.mp3", 12min);
        p.recurrence.kind = RecurrenceKind::once;
        const TimeOfDay at = hm(18, 15 + 15 * (n % 7));
        const date::day day{static_cast<unsigned>(29 + n / 7)};
        for (unsigned month = 1; month <= 12; ++month) {
            if (month != 2) {
                const date::sys_days utc_day{bench_year / date::month{month} / day};
                const date::local_days local{utc_day.time_since_epoch()};
                p.recurrence.once.push_back(local + at);
                p.recurrence.once_locations.emplace_back();
            }
        }
        programmes.push_back(std::move(p));
    }
    return station;
}

}  // namespace

int main(int argc, char** argv) {
    int runs = 20;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--runs" && i + 1 < argc) {
            runs = std::atoi(argv[++i]);
        } else {
            std::fprintf(stderr, "usage: %s [--runs N]\n", argv[0]);
            return 2;
        }
    }
    if (runs < 1) {
        std::fprintf(stderr, "--runs must be at least 1\n");
        return 2;
    }

    FixedLengthCatalog media;
    const Station station = bench_station(media);
    const onair::scheduler::Period year{date::year{2027} / 1 / 1, date::year{2027} / 12 / 31};

    onair::scheduler::Plan plan = onair::scheduler::make_plan(station, year, media);
    if (!plan.diagnostics.empty()) {
        std::fprintf(stderr, "the benchmark station has %zu problem(s); fix bench_station():\n",
                     plan.diagnostics.size());
        for (const auto& diagnostic : plan.diagnostics) {
            std::fprintf(stderr, "  %s\n", diagnostic.to_string().c_str());
        }
        return 1;
    }
    for (int warm_up = 0; warm_up < 2; ++warm_up) {
        plan = onair::scheduler::make_plan(station, year, media);
    }

    std::vector<double> times_ms;
    std::vector<double> cpu_ms;
    std::size_t airings = 0;
    for (int run = 0; run < runs; ++run) {
        const double cpu_started = thread_cpu_ms();
        const auto started = std::chrono::steady_clock::now();
        plan = onair::scheduler::make_plan(station, year, media);
        const auto elapsed = std::chrono::steady_clock::now() - started;
        times_ms.push_back(std::chrono::duration<double, std::milli>(elapsed).count());
        cpu_ms.push_back(thread_cpu_ms() - cpu_started);
        airings = plan.airings.size();
    }
    std::sort(times_ms.begin(), times_ms.end());
    const double median = median_of(times_ms);

    std::map<std::string, std::size_t> by_role;
    for (const auto& airing : plan.airings) {
        ++by_role[std::string(onair::scheduler::to_string(airing.role))];
    }
    std::printf("plan of 2027 (365 days, 3 windows) for %zu programmes: %zu airings (",
                station.programmes.size(), airings);
    const char* separator = "";
    for (const auto& [role, count] : by_role) {
        std::printf("%s%s %zu", separator, role.c_str(), count);
        separator = ", ";
    }
    std::printf(")\n");
    std::printf("make_plan over %d runs: min %.1f ms, median %.1f ms, max %.1f ms\n", runs,
                times_ms.front(), median, times_ms.back());
    // On a machine other jobs share, the wall time includes waiting for a core;
    // the CPU time of this thread is what the planner itself costs.
    std::printf("make_plan CPU time of this thread: median %.1f ms\n", median_of(cpu_ms));
    onair::bench::print_target_line("plan a year (median make_plan)", median, "ms",
                                    static_cast<double>(target.count()));
    return 0;
}
