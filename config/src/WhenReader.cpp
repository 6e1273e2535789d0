// read_when_keys(): `WHEN` maps of premieres, reruns and daily programmes.

#include "WhenReader.hpp"

#include <algorithm>

#include "DecimalDigits.hpp"
#include "ValueReaders.hpp"
#include "WeekdayWords.hpp"
#include "onair/config/Values.hpp"
#include "onair/config/WindowDays.hpp"

namespace onair::config {

namespace {

bool monthly_like(RecurrenceKind kind) {
    return kind == RecurrenceKind::monthly || kind == RecurrenceKind::quarterly;
}

std::optional<int> read_week(const Field& field, const LoadContext& context) {
    if (!expect_scalar(field, context, "a week of the month (1 to 5 or last)")) {
        return std::nullopt;
    }
    const auto& text = field.node.Scalar();
    if (text == "last") {
        return last_week;
    }
    if (all_digits(text) && text.size() == 1 && text[0] >= '1' && text[0] <= '5') {
        return text[0] - '0';
    }
    context.error(field.location, field.label() + ": \"" + text +
                                      "\" is not a week of the month; write 1 to 5 (the n-th "
                                      "such weekday) or last");
    return std::nullopt;
}

void read_window_name(const Field& field, When& when, const WindowCatalog& windows,
                      const LoadContext& context) {
    auto name = read_text(field, context);
    if (!name) {
        return;
    }
    const auto& names = windows.written_names;
    if (std::find(names.begin(), names.end(), *name) == names.end()) {
        std::string message = field.label() + ": no window named \"" + *name + "\"";
        auto suggestion = closest_match(*name, names);
        if (!suggestion.empty()) {
            message += "; did you mean \"" + suggestion + "\"?";
        } else if (!names.empty()) {
            message += "; the windows are " + join_alternatives(names, " and ");
        }
        context.error(field.location, std::move(message));
        return;
    }
    when.window = *name;
}

// `at` must fall in its window's hours, or in some window's hours when it has none.
void check_at_in_window(const When& when, const Field& at_field, const WindowCatalog& windows,
                        const LoadContext& context) {
    const auto at = *when.at;
    if (when.window) {
        const Window* window = find_window(windows, *when.window);
        if (window && !(window->start <= at && at < window->end)) {
            context.error(at_field.location, at_field.label() + ": " + format_time_of_day(at) +
                                                 " is outside window \"" + window->name + "\" (" +
                                                 format_time_of_day(window->start) + "–" +
                                                 format_time_of_day(window->end) + ")");
        }
        return;
    }
    if (windows.windows.empty() || windows.windows.size() != windows.written_names.size()) {
        return;  // a window with errors might have held it; its own errors are reported
    }
    std::vector<std::string> described;
    for (const auto& window : windows.windows) {
        if (window.start <= at && at < window.end) {
            return;
        }
        described.push_back(describe_window(window));
    }
    context.error(at_field.location,
                  at_field.label() + ": " + format_time_of_day(at) + " is outside every window (" +
                      join_alternatives(described, ", ") + "); move it into one");
}

// A premiere on a weekday its window is closed can never air.
void check_day_in_window(const When& when, const Field& day_field, const WindowCatalog& windows,
                         const LoadContext& context) {
    const Window* window = find_window(windows, *when.window);
    if (window && !is_open_on(*window, *when.day)) {
        context.error(day_field.location, day_field.label() + ": window \"" + window->name +
                                              "\" is closed on " + format_weekday(*when.day) +
                                              " (it is open on " + describe_days(window->days) +
                                              ")");
    }
}

}  // namespace

std::vector<std::string> when_keys(WhenRules rules) {
    if (rules.role == WhenRole::daily) {
        return {"at", "window"};
    }
    std::vector<std::string> keys{"day"};
    if (monthly_like(rules.kind)) {
        keys.push_back("week");
    }
    if (rules.kind == RecurrenceKind::quarterly) {
        keys.push_back("month");
    }
    keys.push_back("at");
    keys.push_back("window");
    if (rules.role == WhenRole::rerun) {
        keys.push_back("days_after");
    }
    return keys;
}

When read_when_keys(MapReader& map, WhenRules rules, const WindowCatalog& windows,
                    const LoadContext& context) {
    When when;
    when.location = map.location();
    const bool daily = rules.role == WhenRole::daily;
    const bool premiere = rules.role == WhenRole::premiere;

    std::optional<Field> day_field;
    if (!daily) {
        day_field = map.find("day");
        if (day_field) {
            when.day = read_weekday(*day_field, context);
        }
    }
    if (auto week = daily ? std::nullopt : map.find("week")) {
        if (monthly_like(rules.kind)) {
            when.week = read_week(*week, context);
        } else if (rules.kind == RecurrenceKind::weekly) {
            context.error(map.key_location("week"),
                          "week in " + map.scope().label() +
                              ": a weekly programme airs every week; for the n-th weekday of a "
                              "month use monthly");
        }
    }
    if (auto month = daily ? std::nullopt : map.find("month")) {
        if (rules.kind == RecurrenceKind::quarterly) {
            if (auto value = read_integer(*month, context, 1, 3)) {
                when.month = static_cast<int>(*value);
            }
        } else {
            context.error(map.key_location("month"),
                          "month in " + map.scope().label() +
                              " is only for quarterly programmes (the month within the quarter)");
        }
    }
    std::optional<Field> at_field = map.find("at");
    if (at_field) {
        when.at = read_time_of_day(*at_field, context);
    }
    if (auto window = map.find("window")) {
        read_window_name(*window, when, windows, context);
    }
    if (auto days_after = daily ? std::nullopt : map.find("days_after")) {
        if (rules.role == WhenRole::rerun) {
            if (auto value = read_integer(*days_after, context, 0, 366)) {
                when.days_after = static_cast<int>(*value);
            }
            for (const char* excluded : {"day", "week", "month"}) {
                if (map.has(excluded)) {
                    context.error(map.key_location("days_after"),
                                  "days_after in " + map.scope().label() +
                                      " counts from the premiere, so it cannot be combined with " +
                                      excluded + "; keep one of them");
                    break;
                }
            }
        } else {
            context.error(map.key_location("days_after"),
                          "days_after in " + map.scope().label() + " is only for reruns");
        }
    }

    if (premiere && monthly_like(rules.kind)) {
        map.require("day", "e.g. day: tue");
        map.require("week", "e.g. week: 1 (the first such weekday of the month) or week: last");
    }
    if (premiere && rules.kind == RecurrenceKind::weekly) {
        map.require("day", "e.g. day: sat");
    }
    if ((premiere || daily) && !map.has("at") && !map.has("window")) {
        context.error(map.location(), map.scope().label() +
                                          " needs at (a fixed start, e.g. at: \"17:15\") or "
                                          "window (packed into a window), or both");
    }
    if (when.at && at_field) {
        check_at_in_window(when, *at_field, windows, context);
    }
    if (when.day && when.window && day_field) {
        check_day_in_window(when, *day_field, windows, context);
    }
    return when;
}

const Window* find_window(const WindowCatalog& windows, const std::string& name) {
    for (const auto& window : windows.windows) {
        if (window.name == name) {
            return &window;
        }
    }
    return nullptr;
}

std::string describe_window(const Window& window) {
    return window.name + " " + format_time_of_day(window.start) + "–" +
           format_time_of_day(window.end);
}

}  // namespace onair::config
