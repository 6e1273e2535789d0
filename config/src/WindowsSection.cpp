// The `windows:` section: when the station is on air, and no two windows overlap.

#include "Sections.hpp"
#include "ValueReaders.hpp"
#include "WeekdayWords.hpp"
#include "onair/config/Values.hpp"

namespace onair::config {

namespace {

std::optional<Window> read_window(const std::string& name, const Field& field,
                                  const LoadContext& context) {
    if (!expect_map(field, context,
                    "write e.g. " + name + ": { start: \"05:30\", end: \"06:30\" }")) {
        return std::nullopt;
    }
    MapReader map{field.node, Scope{"window \"" + name + "\""}, context};
    Window window;
    window.name = name;
    window.location = map.location();
    bool ok = true;
    std::optional<TimeOfDay> start;
    std::optional<TimeOfDay> end;
    if (auto value = map.require("start")) {
        start = read_time_of_day(*value, context);
    }
    auto end_field = map.require("end");
    if (end_field) {
        end = read_time_of_day(*end_field, context, true);
    }
    if (auto days = map.find("days")) {
        if (auto set = read_weekdays(*days, context)) {
            window.days = *set;
        } else {
            ok = false;
        }
    }
    map.check_unknown_keys({"start", "end", "days"});
    if (!start || !end) {
        return std::nullopt;
    }
    if (*end <= *start) {
        context.error(end_field->location,
                      "end of window \"" + name + "\": " + format_time_of_day(*end) +
                          " is not after its start " + format_time_of_day(*start) +
                          "; a window ends on the day it starts (split one that crosses "
                          "midnight at 24:00)");
        return std::nullopt;
    }
    window.start = *start;
    window.end = *end;
    return ok ? std::optional{window} : std::nullopt;
}

std::string hours(const Window& window) {
    return format_time_of_day(window.start) + "–" + format_time_of_day(window.end);
}

void check_overlaps(const std::vector<Window>& windows, const LoadContext& context) {
    for (std::size_t later = 0; later < windows.size(); ++later) {
        for (std::size_t earlier = 0; earlier < later; ++earlier) {
            const auto& a = windows[earlier];
            const auto& b = windows[later];
            if (!(a.start < b.end && b.start < a.end)) {
                continue;
            }
            WeekdaySet common{};
            bool any = false;
            for (std::size_t day = 0; day < 7; ++day) {
                common[day] = a.days[day] && b.days[day];
                any = any || common[day];
            }
            if (any) {
                context.error(b.location, "window \"" + b.name + "\" (" + hours(b) +
                                              ") overlaps window \"" + a.name + "\" (" + hours(a) +
                                              ") on " + describe_days(common) +
                                              "; windows must not overlap");
            }
        }
    }
}

}  // namespace

WindowCatalog read_windows(MapReader& top, Station& station, const LoadContext& context) {
    WindowCatalog catalog{station.windows, {}};
    constexpr std::string_view example =
        "e.g. windows: { morning: { start: \"05:30\", end: \"06:30\" } }";
    auto section = top.require("windows", std::string{"add "} + std::string{example});
    if (!section || !expect_map(*section, context, "write " + std::string{example})) {
        return catalog;
    }
    MapReader map{section->node, section->scope, context};
    for (const auto& name : map.keys()) {
        auto field = map.find(name);
        catalog.written_names.push_back(name);
        if (auto window = read_window(name, *field, context)) {
            window->location = map.key_location(name);
            station.windows.push_back(std::move(*window));
        }
    }
    if (map.keys().empty()) {
        context.error(
            section->location,
            "windows has no window; add at least one, e.g. morning: { start: \"05:30\", end: "
            "\"06:30\" }");
    }
    check_overlaps(station.windows, context);
    return catalog;
}

}  // namespace onair::config
