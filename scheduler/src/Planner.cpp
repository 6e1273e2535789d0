#include "onair/scheduler/Planner.hpp"

#include <algorithm>
#include <deque>
#include <map>

#include "AiringSource.hpp"
#include "Calendar.hpp"
#include "Occurrence.hpp"
#include "ProblemLog.hpp"
#include "onair/config/Values.hpp"
#include "onair/config/WindowDays.hpp"
#include "onair/scheduler/StationTimeZone.hpp"

namespace onair::scheduler {
namespace {

using config::Location;
using config::Programme;
using config::Station;
using config::Window;
using date::sys_days;
using date::year_month_day;
using std::chrono::milliseconds;

std::string quoted(const std::string& id) {
    return "\"" + id + "\"";
}

std::string amount(milliseconds length) {
    return config::format_duration(length);
}

/// One airing on its way into the plan, with what the checks need to name it.
struct Candidate {
    Airing airing;
    milliseconds length{0};
    year_month_day date;
    const Programme* programme = nullptr;
    std::size_t programme_index = 0;
    Location location;
    /// Taken by a window (fixed or packed); an airing with an error that leaves it
    /// no place is reported, not planned.
    bool placed = false;
};

/// A window on one date, on the real timeline.
struct WindowDay {
    const Window* window = nullptr;
    year_month_day date;
    TimePoint start;
    TimePoint end;
    std::vector<Candidate*> fixed;
    std::vector<Candidate*> packed;
};

class Planner {
  public:
    Planner(const Station& station, const Period& period, MediaCatalog& media)
        : station_(station),
          period_(period),
          media_(media),
          zone_(station.timezone),
          problems_(station.file) {}

    Plan run() {
        for (std::size_t i = 0; i < station_.programmes.size(); ++i) {
            const Programme& programme = station_.programmes[i];
            for (Occurrence& occurrence : expand_recurrence(programme, period_, problems_.list())) {
                candidates_.push_back(make_candidate(programme, i, occurrence));
                place(candidates_.back(), occurrence);
            }
        }
        check_fixed_overlaps();
        for (auto& [key, day] : window_days_) {
            pack(day);
        }
        Plan plan;
        add_filler(plan.airings);
        for (Candidate& candidate : candidates_) {
            if (candidate.placed) {
                plan.airings.push_back(std::move(candidate.airing));
            }
        }
        // Ties only when an airing has no length (its media is missing): it goes first.
        std::stable_sort(plan.airings.begin(), plan.airings.end(),
                         [](const Airing& a, const Airing& b) {
                             return a.start != b.start ? a.start < b.start : a.end < b.end;
                         });
        plan.diagnostics = problems_.finish();
        return plan;
    }

  private:
    TimePoint instant(year_month_day date, config::TimeOfDay time, const Location& where,
                      const std::string& what) {
        const auto resolved =
            zone_.resolve(date::local_days{sys_days{date}.time_since_epoch()} + time);
        const std::string said = what + " at " + config::format_time_of_day(time) + " on " +
                                 calendar::day_and_date(date);
        if (resolved.adjustment == StationTimeZone::Adjustment::skipped_forward) {
            problems_.warning(what + " at " + config::format_time_of_day(time) +
                                  " does not exist on a DST change day",
                              where,
                              said + " does not exist in " + zone_.name() +
                                  " (clocks go forward); it happens at " +
                                  local_time(resolved.instant) + " instead",
                              date);
        } else if (resolved.adjustment == StationTimeZone::Adjustment::first_of_two) {
            problems_.warning(what + " at " + config::format_time_of_day(time) +
                                  " happens twice on a DST change day",
                              where,
                              said + " happens twice in " + zone_.name() +
                                  " (clocks go back); the first one is used",
                              date);
        }
        return resolved.instant;
    }

    std::string local_time(TimePoint when) const {
        const auto local = zone_.to_local(when);
        const auto time = local - date::floor<date::days>(local);
        return config::format_time_of_day(date::floor<std::chrono::seconds>(time));
    }

    /// `17:15–17:30`.
    std::string span(const Airing& airing) const {
        return local_time(airing.start) + "–" + local_time(airing.end);
    }

    MediaInfo resolve_source(Airing& airing, const config::Source& source,
                             year_month_day episode_date) {
        return resolve_airing_source(airing, source, episode_date, station_, media_);
    }

    Candidate make_candidate(const Programme& programme, std::size_t index,
                             const Occurrence& occurrence) {
        Candidate candidate;
        candidate.programme = &programme;
        candidate.programme_index = index;
        candidate.date = occurrence.date;
        candidate.location = occurrence.location;
        Airing& airing = candidate.airing;
        airing.programme = programme.id;
        airing.title = programme.title;
        airing.category = programme.category;
        airing.role =
            programme.source.kind == config::SourceKind::relay ? Role::relay : occurrence.role;
        airing.episode = occurrence.episode;
        candidate.length = planned_length(
            programme, resolve_source(airing, programme.source, occurrence.episode_date));
        return candidate;
    }

    const Window* find_window(const std::string& name) const {
        for (const Window& window : station_.windows) {
            if (window.name == name) {
                return &window;
            }
        }
        return nullptr;
    }

    static bool open_on(const Window& window, year_month_day date) {
        return config::is_open_on(window, date::weekday{sys_days{date}});
    }

    WindowDay& window_day(const Window& window, year_month_day date) {
        const auto key = std::make_pair(sys_days{date}, &window - station_.windows.data());
        auto found = window_days_.find(key);
        if (found == window_days_.end()) {
            WindowDay day;
            day.window = &window;
            day.date = date;
            day.start = instant(date, window.start, window.location,
                                "window " + quoted(window.name) + " start");
            day.end = instant(date, window.end, window.location,
                              "window " + quoted(window.name) + " end");
            found = window_days_.emplace(key, std::move(day)).first;
        }
        return found->second;
    }

    std::string describe(const Candidate& candidate) const {
        return "programme " + quoted(candidate.airing.programme) + " (" +
               std::string(to_string(candidate.airing.role)) + ")";
    }

    /// Finds the airing's window and, for a fixed airing, its start and end.
    void place(Candidate& candidate, const Occurrence& occurrence) {
        Airing& airing = candidate.airing;
        const std::string when = calendar::day_and_date(occurrence.date);

        const Window* named = occurrence.window ? find_window(*occurrence.window) : nullptr;
        if (named && !open_on(*named, occurrence.date)) {
            problems_.error(describe(candidate) + " is planned in window " + quoted(named->name) +
                                " on days it is closed",
                            candidate.location,
                            describe(candidate) + " on " + when + ": window " +
                                quoted(named->name) +
                                " is closed that day; give the programme days: when the window is "
                                "open, or choose another window",
                            occurrence.date);
            return;
        }
        if (!occurrence.at) {
            if (!named) {
                return;  // the loader requires `at` or a known window
            }
            airing.window = named->name;
            window_day(*named, occurrence.date).packed.push_back(&candidate);
            candidate.placed = true;
            return;
        }

        airing.fixed = true;
        airing.start =
            instant(occurrence.date, *occurrence.at, candidate.location, describe(candidate));
        airing.end = airing.start + candidate.length;
        const Window* window = named;
        if (!window) {
            for (const Window& each : station_.windows) {
                if (!open_on(each, occurrence.date)) {
                    continue;
                }
                const WindowDay& day = window_day(each, occurrence.date);
                if (day.start <= airing.start && airing.start < day.end) {
                    window = &each;
                    break;
                }
            }
        }
        if (!window) {
            problems_.error(
                describe(candidate) + " at " + local_time(airing.start) +
                    " is outside every window",
                candidate.location,
                describe(candidate) + " at " + local_time(airing.start) + " on " + when +
                    " is outside every window open that day; move it into a window or add one",
                occurrence.date);
            return;
        }
        WindowDay& day = window_day(*window, occurrence.date);
        if (airing.start < day.start || airing.start >= day.end) {
            problems_.error(describe(candidate) + " is outside its window " + quoted(window->name),
                            candidate.location,
                            describe(candidate) + " at " + local_time(airing.start) + " on " +
                                when + " is outside its window " + quoted(window->name) + " (" +
                                config::format_time_of_day(window->start) + "–" +
                                config::format_time_of_day(window->end) + ")",
                            occurrence.date);
            return;
        }
        if (airing.end > day.end) {
            problems_.error(
                describe(candidate) + " runs past the end of window " + quoted(window->name),
                candidate.location,
                describe(candidate) + " " + span(airing) + " on " + when +
                    " runs past the end of window " + quoted(window->name) + " (" +
                    config::format_time_of_day(window->end) + ") by " +
                    amount(date::floor<milliseconds>(airing.end - day.end)) +
                    "; start it earlier or shorten it with max_duration",
                occurrence.date);
        }
        airing.window = window->name;
        day.fixed.push_back(&candidate);
        candidate.placed = true;
    }

    void check_fixed_overlaps() {
        std::vector<const Candidate*> fixed;
        for (const Candidate& candidate : candidates_) {
            if (candidate.placed && candidate.airing.fixed) {
                fixed.push_back(&candidate);
            }
        }
        std::stable_sort(fixed.begin(), fixed.end(), [](const Candidate* a, const Candidate* b) {
            return a->airing.start < b->airing.start;
        });
        const Candidate* latest = nullptr;  // the airing that ends last so far
        for (const Candidate* next : fixed) {
            if (latest && next->airing.start < latest->airing.end) {
                const auto overlap =
                    std::min(latest->airing.end, next->airing.end) - next->airing.start;
                problems_.error(describe(*latest) + " and " + describe(*next) + " overlap",
                                next->location,
                                describe(*latest) + " " + span(latest->airing) + " and " +
                                    describe(*next) + " " + span(next->airing) + " overlap on " +
                                    calendar::day_and_date(next->date) + " by " + amount(overlap) +
                                    " (" + quoted(latest->airing.programme) + " is at line " +
                                    std::to_string(latest->location.line) + ")",
                                next->date);
            }
            if (!latest || next->airing.end > latest->airing.end) {
                latest = next;
            }
        }
    }

    /// Packs the airings without a fixed time one after the other from the window's
    /// start, in priority then file order, flowing around the fixed airings.
    void pack(WindowDay& day) {
        std::stable_sort(day.packed.begin(), day.packed.end(),
                         [](const Candidate* a, const Candidate* b) {
                             if (a->programme->priority != b->programme->priority) {
                                 return a->programme->priority > b->programme->priority;
                             }
                             return a->programme_index < b->programme_index;
                         });
        std::vector<const Airing*> fixed;
        for (const Candidate* candidate : day.fixed) {
            fixed.push_back(&candidate->airing);
        }
        std::sort(fixed.begin(), fixed.end(),
                  [](const Airing* a, const Airing* b) { return a->start < b->start; });

        TimePoint cursor = day.start;
        std::vector<const Candidate*> overflowing;
        for (Candidate* candidate : day.packed) {
            TimePoint start = cursor;
            for (const Airing* blocker : fixed) {
                if (start < blocker->end && blocker->start < start + candidate->length) {
                    start = blocker->end;
                }
            }
            candidate->airing.start = start;
            candidate->airing.end = start + candidate->length;
            cursor = candidate->airing.end;
            if (candidate->airing.end > day.end) {
                overflowing.push_back(candidate);
            }
        }
        if (overflowing.empty()) {
            return;
        }
        std::string names;
        for (const Candidate* candidate : overflowing) {
            names += (names.empty() ? "" : ", ") + quoted(candidate->airing.programme) + " " +
                     span(candidate->airing);
        }
        problems_.error("window " + quoted(day.window->name) + " is overfull", day.window->location,
                        "window " + quoted(day.window->name) + " on " +
                            calendar::day_and_date(day.date) + " (" +
                            config::format_time_of_day(day.window->start) + "–" +
                            config::format_time_of_day(day.window->end) + ") is overfull by " +
                            amount(date::floor<milliseconds>(cursor - day.end)) + ": " + names +
                            (overflowing.size() == 1 ? " does" : " do") +
                            " not fit; move a programme to another day or window, or shorten it",
                        day.date);
    }

    void add_filler(std::vector<Airing>& airings) {
        if (!station_.filler) {
            return;
        }
        // Every open window of the period, including ones nothing was scheduled in.
        for (sys_days day = sys_days{period_.first}; day <= sys_days{period_.last};
             day += date::days{1}) {
            for (const Window& window : station_.windows) {
                if (open_on(window, year_month_day{day})) {
                    window_day(window, year_month_day{day});
                }
            }
        }
        Airing filler;
        filler.programme = "filler";
        filler.title = station_.filler->title;
        filler.role = Role::fill;
        for (auto& [key, day] : window_days_) {
            std::vector<std::pair<TimePoint, TimePoint>> taken;
            for (const auto* list : {&day.fixed, &day.packed}) {
                for (const Candidate* candidate : *list) {
                    taken.emplace_back(candidate->airing.start, candidate->airing.end);
                }
            }
            std::sort(taken.begin(), taken.end());
            TimePoint cursor = day.start;
            Airing fill = filler;
            fill.window = day.window->name;
            fill.episode = config::format_date(day.date);
            resolve_source(fill, station_.filler->source, day.date);
            auto fill_until = [&](TimePoint until) {
                if (until - cursor >= min_fill) {
                    fill.start = cursor;
                    fill.end = until;
                    airings.push_back(fill);
                }
            };
            for (const auto& [start, end] : taken) {
                fill_until(std::min(start, day.end));
                cursor = std::max(cursor, end);
            }
            fill_until(day.end);
        }
    }

    /// Shorter gaps are left to the playout's crossfades rather than planned.
    static constexpr milliseconds min_fill{1000};

    const Station& station_;
    const Period& period_;
    MediaCatalog& media_;
    StationTimeZone zone_;
    ProblemLog problems_;
    /// A deque: window days point at candidates, so they must not move as more arrive.
    std::deque<Candidate> candidates_;
    std::map<std::pair<sys_days, std::ptrdiff_t>, WindowDay> window_days_;
};

}  // namespace

Period month_period(date::year_month month) {
    return {month / 1, month / date::last};
}

bool Plan::has_errors() const noexcept {
    return std::any_of(diagnostics.begin(), diagnostics.end(), [](const config::Diagnostic& d) {
        return d.severity == config::Severity::error;
    });
}

std::filesystem::path media_path(const Station& station, const std::string& source) {
    const std::filesystem::path path{source};
    return path.is_absolute() ? path : station.media_root / path;
}

Plan make_plan(const Station& station, const Period& period, MediaCatalog& media) {
    return Planner(station, period, media).run();
}

}  // namespace onair::scheduler
