#include <algorithm>
#include <functional>

#include "Calendar.hpp"
#include "Occurrence.hpp"
#include "onair/config/Values.hpp"

namespace onair::scheduler {
namespace {

using config::Programme;
using config::When;
using date::days;
using date::sys_days;
using date::year_month_day;

/// One episode period of a monthly, quarterly or weekly programme.
struct EpisodePeriod {
    sys_days first;
    sys_days last;
    std::string label;
    /// The month the premiere's `week` counts in (monthly, quarterly).
    date::year_month premiere_month;
    /// The Monday of the week (weekly).
    sys_days monday;
};

bool overlaps(const EpisodePeriod& episode, const Period& period) {
    return episode.first <= sys_days{period.last} && episode.last >= sys_days{period.first};
}

std::string programme_name(const Programme& programme) {
    return "programme \"" + programme.id + "\"";
}

std::string week_words(int week) {
    if (week == config::last_week) {
        return "last";
    }
    static constexpr const char* ordinals[] = {"", "1st", "2nd", "3rd", "4th", "5th"};
    return week >= 1 && week <= 5 ? ordinals[week] : std::to_string(week) + "th";
}

/// Expands one programme; keeps the shared state of the walk in one place.
class Expansion {
  public:
    Expansion(const Programme& programme, const Period& period, config::DiagnosticList& problems)
        : programme_(programme), period_(period), problems_(problems) {}

    std::vector<Occurrence> run() {
        const auto& rule = programme_.recurrence;
        switch (rule.kind) {
            case config::RecurrenceKind::monthly:
                for_each_month([&](date::year_month month) { expand_episode(monthly(month)); });
                break;
            case config::RecurrenceKind::quarterly:
                for_each_month([&](date::year_month month) {
                    if (calendar::quarter_start(month) == month) {
                        expand_episode(quarterly(month));
                    }
                });
                break;
            case config::RecurrenceKind::weekly:
                expand_weekly();
                break;
            case config::RecurrenceKind::daily:
                expand_daily();
                break;
            case config::RecurrenceKind::once:
                expand_once();
                break;
        }
        return std::move(out_);
    }

  private:
    /// How far back a premiere may lie and still have reruns inside the period.
    days lookback() const {
        int most = 0;
        for (const When& rerun : programme_.recurrence.reruns) {
            most = std::max(most, rerun.days_after.value_or(0));
        }
        return days{most};
    }

    void for_each_month(const std::function<void(date::year_month)>& visit) const {
        const year_month_day start{sys_days{period_.first} - lookback()};
        // Quarterly periods start up to two months before the period's first month.
        date::year_month month = calendar::quarter_start(start.year() / start.month());
        const date::year_month end = period_.last.year() / period_.last.month();
        for (; month <= end; month += date::months{1}) {
            visit(month);
        }
    }

    EpisodePeriod monthly(date::year_month month) const {
        return {sys_days{month / 1},
                sys_days{month / date::last},
                date::format("%Y-%m", month / 1),
                month,
                {}};
    }

    EpisodePeriod quarterly(date::year_month first_month) const {
        const int month_in_quarter = programme_.recurrence.premiere.month.value_or(1);
        return {sys_days{first_month / 1},
                sys_days{(first_month + date::months{2}) / date::last},
                date::format("%Y", first_month / 1) + "-Q" +
                    std::to_string(calendar::quarter_of(first_month.month())),
                first_month + date::months{month_in_quarter - 1},
                {}};
    }

    void expand_weekly() {
        const auto& rule = programme_.recurrence;
        const sys_days first_monday =
            calendar::iso_week_monday(sys_days{period_.first} - lookback());
        // `every: N` counts weeks from the one holding `from` (the loader requires
        // `from` when N > 1).
        const bool counts_weeks = rule.every > 1 && programme_.from.has_value();
        const sys_days anchor =
            counts_weeks ? calendar::iso_week_monday(sys_days{*programme_.from}) : first_monday;
        for (sys_days monday = first_monday; monday <= sys_days{period_.last}; monday += days{7}) {
            if (counts_weeks) {
                const auto weeks = (monday - anchor).count() / 7;
                if (weeks < 0 || weeks % rule.every != 0) {
                    continue;
                }
            }
            expand_episode({monday,
                            monday + days{6},
                            calendar::iso_week_label(year_month_day{monday}),
                            {},
                            monday});
        }
    }

    /// The date a WHEN names inside an episode period, or none (and a message).
    std::optional<year_month_day> resolve(const When& when, const EpisodePeriod& episode,
                                          bool report) {
        const auto& rule = programme_.recurrence;
        if (rule.kind == config::RecurrenceKind::weekly) {
            return year_month_day{episode.monday + (*when.day - date::Monday)};
        }
        date::year_month month = episode.premiere_month;
        if (rule.kind == config::RecurrenceKind::quarterly && when.month) {
            month = year_month_day{episode.first}.year() / year_month_day{episode.first}.month() +
                    date::months{*when.month - 1};
        }
        const auto found = calendar::nth_weekday(month, *when.day, *when.week);
        if (!found && report) {
            problems_.error(when.location, programme_name(programme_) + ": " +
                                               date::format("%Y-%m", month / 1) + " has no " +
                                               week_words(*when.week) + " " +
                                               config::format_weekday(*when.day) +
                                               "; use week: last for the last one in every month");
        }
        return found;
    }

    void expand_episode(const EpisodePeriod& episode) {
        const auto& rule = programme_.recurrence;
        const bool touches_period = overlaps(episode, period_);
        const auto premiere_date = resolve(rule.premiere, episode, touches_period);
        if (!premiere_date) {
            return;
        }
        const When& premiere = rule.premiere;
        add(*premiere_date, premiere.at, premiere.window, Role::premiere, episode.label,
            *premiere_date, premiere.location);

        for (int k = 1; k <= rule.rerun_count; ++k) {
            const sys_days day = sys_days{*premiere_date} + days{7 * k};
            if (day > episode.last) {
                if (touches_period) {
                    report_missing_rerun_week(*premiere_date, episode, k);
                }
                break;
            }
            add(year_month_day{day}, premiere.at, premiere.window, Role::rerun, episode.label,
                *premiere_date, rule.reruns_location);
        }

        for (std::size_t n = 0; n < rule.reruns.size(); ++n) {
            expand_listed_rerun(rule.reruns[n], n + 1, *premiere_date, episode, touches_period);
        }
    }

    void expand_listed_rerun(const When& rerun, std::size_t number, year_month_day premiere_date,
                             const EpisodePeriod& episode, bool report) {
        const When& premiere = programme_.recurrence.premiere;
        // A rerun that names neither a time nor a window keeps the premiere's.
        const bool own_slot = rerun.at || rerun.window;
        const auto at = own_slot ? rerun.at : premiere.at;
        const auto window = own_slot ? rerun.window : premiere.window;

        std::optional<year_month_day> date;
        if (rerun.days_after) {
            date = year_month_day{sys_days{premiere_date} + days{*rerun.days_after}};
        } else {
            When resolved = rerun;
            resolved.day = rerun.day ? rerun.day : premiere.day;
            resolved.week = rerun.week ? rerun.week : premiere.week;
            resolved.month = rerun.month ? rerun.month : premiere.month;
            date = resolve(resolved, episode, report);
        }
        if (!date) {
            return;
        }
        const bool later_day = sys_days{*date} > sys_days{premiere_date};
        const bool same_day_later =
            *date == premiere_date && at && premiere.at && *at > *premiere.at;
        if (!later_day && !same_day_later) {
            if (report) {
                problems_.error(rerun.location, programme_name(programme_) + ": rerun " +
                                                    std::to_string(number) + " falls on " +
                                                    calendar::day_and_date(*date) +
                                                    ", not after its premiere on " +
                                                    calendar::day_and_date(premiere_date) +
                                                    "; give it a later week, day or time");
            }
            return;
        }
        add(*date, at, window, Role::rerun, episode.label, premiere_date, rerun.location);
    }

    void report_missing_rerun_week(year_month_day premiere_date, const EpisodePeriod& episode,
                                   int rerun) {
        const auto& rule = programme_.recurrence;
        const std::string period_name = rule.kind == config::RecurrenceKind::quarterly
                                            ? "quarter " + episode.label
                                            : episode.label;
        problems_.error(
            rule.reruns_location,
            programme_name(programme_) + ": reruns: " + std::to_string(rule.rerun_count) +
                " after the premiere on " + calendar::day_and_date(premiere_date) +
                " needs rerun " + std::to_string(rerun) + " on " +
                calendar::day_and_date(year_month_day{sys_days{premiere_date} + days{7 * rerun}}) +
                ", which is outside " + period_name +
                "; list the reruns explicitly instead, e.g. reruns: [{ week: 2 }, { week: 3 }, "
                "{ days_after: 1, at: \"05:45\" }]");
    }

    void expand_daily() {
        const auto& rule = programme_.recurrence;
        for (sys_days day = sys_days{period_.first}; day <= sys_days{period_.last};
             day += days{1}) {
            if (rule.days[date::weekday{day}.c_encoding()]) {
                const year_month_day date{day};
                add(date, rule.premiere.at, rule.premiere.window, Role::daily,
                    config::format_date(date), date, rule.premiere.location);
            }
        }
    }

    void expand_once() {
        const auto& rule = programme_.recurrence;
        for (std::size_t i = 0; i < rule.once.size(); ++i) {
            const auto local_day = date::floor<days>(rule.once[i]);
            const year_month_day date{sys_days{local_day.time_since_epoch()}};
            const config::TimeOfDay at = rule.once[i] - local_day;
            const config::Location where =
                i < rule.once_locations.size() ? rule.once_locations[i] : rule.location;
            add(date, at, std::nullopt, Role::once, config::format_date(date), date, where);
        }
    }

    bool active_on(year_month_day date) const {
        if (programme_.from && sys_days{date} < sys_days{*programme_.from}) {
            return false;
        }
        if (programme_.until && sys_days{date} > sys_days{*programme_.until}) {
            return false;
        }
        return std::find(programme_.except.begin(), programme_.except.end(), date) ==
               programme_.except.end();
    }

    void add(year_month_day date, std::optional<config::TimeOfDay> at,
             std::optional<std::string> window, Role role, const std::string& episode,
             year_month_day episode_date, config::Location location) {
        if (sys_days{date} < sys_days{period_.first} || sys_days{date} > sys_days{period_.last} ||
            !active_on(date)) {
            return;
        }
        out_.push_back({date, at, std::move(window), role, episode, episode_date, location});
    }

    const Programme& programme_;
    const Period& period_;
    config::DiagnosticList& problems_;
    std::vector<Occurrence> out_;
};

}  // namespace

std::vector<Occurrence> expand_recurrence(const Programme& programme, const Period& period,
                                          config::DiagnosticList& problems) {
    return Expansion(programme, period, problems).run();
}

}  // namespace onair::scheduler
