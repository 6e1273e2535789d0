// read_recurrence(): when a programme's episodes air.

#include "RecurrenceReader.hpp"

#include <algorithm>
#include <initializer_list>
#include <optional>

#include "ValueReaders.hpp"
#include "WeekdayWords.hpp"
#include "WhenReader.hpp"
#include "onair/config/Values.hpp"

namespace onair::config {

namespace {

const char* const premiere_example = "e.g. premiere: { week: 1, day: tue, at: \"17:15\" }";

// monthly: and quarterly: { premiere: WHEN, reruns: … }
void read_periodic(const Field& field, Recurrence& recurrence, const WindowCatalog& windows,
                   const LoadContext& context) {
    if (!expect_map(field, context, premiere_example)) {
        return;
    }
    MapReader map{field.node, field.scope, context};
    const WhenRules rules{recurrence.kind, WhenRole::premiere};
    if (auto premiere = map.find("premiere")) {
        if (expect_map(*premiere, context, premiere_example)) {
            MapReader when_map{premiere->node, premiere->scope, context};
            recurrence.premiere = read_when_keys(when_map, rules, windows, context);
            when_map.check_unknown_keys(when_keys(rules));
        }
    } else {
        // `monthly: { week: 1, day: tue, … }` is the natural slip: say where they go.
        std::vector<std::string> misplaced;
        for (const auto& key : when_keys(rules)) {
            if (map.find(key)) {
                misplaced.push_back(key);
            }
        }
        std::string message = "missing required key \"premiere\" in " + field.label();
        if (!misplaced.empty()) {
            message +=
                "; put " + join_alternatives(misplaced, " and ") + " inside it: premiere: { … }";
        } else {
            message += std::string{"; "} + premiere_example;
        }
        context.error(map.location(), std::move(message));
    }
    if (auto reruns = map.find("reruns")) {
        read_reruns(*reruns, recurrence, windows, context);
    }
    map.check_unknown_keys({"premiere", "reruns"});
}

// weekly: and daily: write their when keys (day, at, window …) straight in
// their own map. The map, its when keys read as the premiere, for the kind's
// own keys; nothing when the field is not a map (reported with `example`).
std::optional<MapReader> read_map_with_when(const Field& field, Recurrence& recurrence,
                                            const WhenRules& rules, std::string_view example,
                                            const WindowCatalog& windows,
                                            const LoadContext& context) {
    if (!expect_map(field, context, example)) {
        return std::nullopt;
    }
    MapReader map{field.node, field.scope, context};
    recurrence.premiere = read_when_keys(map, rules, windows, context);
    return map;
}

// Reports the keys of such a map that are neither when keys nor `own`.
void check_keys_beyond_when(const MapReader& map, const WhenRules& rules,
                            std::initializer_list<const char*> own) {
    auto allowed = when_keys(rules);
    allowed.insert(allowed.end(), own.begin(), own.end());
    map.check_unknown_keys(allowed);
}

void read_weekly(const Field& field, Recurrence& recurrence, bool has_from,
                 const WindowCatalog& windows, const LoadContext& context) {
    const WhenRules rules{RecurrenceKind::weekly, WhenRole::premiere};
    auto read =
        read_map_with_when(field, recurrence, rules,
                           "write e.g. weekly: { day: sat, at: \"06:00\" }", windows, context);
    if (!read) {
        return;
    }
    MapReader& map = *read;
    if (auto every = map.find("every")) {
        if (auto value = read_integer(*every, context, 1, 52)) {
            recurrence.every = static_cast<int>(*value);
            if (*value > 1 && !has_from) {
                context.error(every->location,
                              every->label() + ": every: " + std::to_string(*value) +
                                  " counts weeks from the programme's `from` date; add from: "
                                  "YYYY-MM-DD");
            }
        }
    }
    if (auto reruns = map.find("reruns")) {
        read_reruns(*reruns, recurrence, windows, context);
    }
    check_keys_beyond_when(map, rules, {"every", "reruns"});
}

void read_daily(const Field& field, Recurrence& recurrence, const WindowCatalog& windows,
                const LoadContext& context) {
    const WhenRules rules{RecurrenceKind::daily, WhenRole::daily};
    auto read = read_map_with_when(field, recurrence, rules, "write e.g. daily: { at: \"05:30\" }",
                                   windows, context);
    if (!read) {
        return;
    }
    MapReader& map = *read;
    if (auto days = map.find("days")) {
        if (auto set = read_weekdays(*days, context)) {
            recurrence.days = *set;
            // Listed days on which the window is closed can never air.
            const Window* window = recurrence.premiere.window
                                       ? find_window(windows, *recurrence.premiere.window)
                                       : nullptr;
            WeekdaySet closed{};
            bool any_closed = false;
            for (std::size_t day = 0; window && day < 7; ++day) {
                closed[day] = (*set)[day] && !window->days[day];
                any_closed = any_closed || closed[day];
            }
            if (any_closed) {
                context.error(days->location, days->label() + ": window \"" + window->name +
                                                  "\" is closed on " + describe_days(closed));
            }
        }
    }
    check_keys_beyond_when(map, rules, {"days"});
}

void read_once(const Field& field, Recurrence& recurrence, const LoadContext& context) {
    if (!expect_list(field, context, "write e.g. once: [\"2026-12-01T17:15\"]")) {
        return;
    }
    if (field.node.size() == 0) {
        context.error(field.location, field.label() +
                                          " is an empty list; give at least one date and time, "
                                          "e.g. once: [\"2026-12-01T17:15\"]");
        return;
    }
    for (const auto& item : list_items(field, context)) {
        auto start = read_local_datetime(item, context);
        if (!start) {
            continue;
        }
        auto earlier = std::find(recurrence.once.begin(), recurrence.once.end(), *start);
        if (earlier != recurrence.once.end()) {
            const auto& first = recurrence.once_locations[earlier - recurrence.once.begin()];
            context.error(item.location, item.label() + ": \"" + item.node.Scalar() +
                                             "\" is listed twice (first at line " +
                                             std::to_string(first.line) + ")");
            continue;
        }
        recurrence.once.push_back(*start);
        recurrence.once_locations.push_back(item.location);
    }
}

}  // namespace

std::optional<Recurrence> read_recurrence(MapReader& programme, bool has_from,
                                          const WindowCatalog& windows,
                                          const LoadContext& context) {
    static constexpr RecurrenceKind kinds[] = {RecurrenceKind::monthly, RecurrenceKind::quarterly,
                                               RecurrenceKind::weekly, RecurrenceKind::daily,
                                               RecurrenceKind::once};
    std::optional<Recurrence> result;
    std::string chosen;
    for (std::size_t i = 0; i < recurrence_keys.size(); ++i) {
        const auto& key = recurrence_keys[i];
        auto field = programme.find(key);
        if (!field) {
            continue;
        }
        if (!chosen.empty()) {
            context.error(programme.key_location(key), programme.scope().label() + " has both " +
                                                           chosen + " and " + key +
                                                           "; a programme has one recurrence");
            continue;
        }
        chosen = key;
        Recurrence recurrence;
        recurrence.kind = kinds[i];
        recurrence.location = programme.key_location(key);
        switch (recurrence.kind) {
            case RecurrenceKind::monthly:
            case RecurrenceKind::quarterly:
                read_periodic(*field, recurrence, windows, context);
                break;
            case RecurrenceKind::weekly:
                read_weekly(*field, recurrence, has_from, windows, context);
                break;
            case RecurrenceKind::daily:
                read_daily(*field, recurrence, windows, context);
                break;
            case RecurrenceKind::once:
                read_once(*field, recurrence, context);
                break;
        }
        check_rerun_count(recurrence, field->scope.child("reruns").label(), context);
        result = std::move(recurrence);
    }
    if (chosen.empty()) {
        context.error(programme.location(),
                      programme.scope().label() +
                          " has no recurrence; add one of monthly, quarterly, weekly, daily or "
                          "once");
    }
    return result;
}

}  // namespace onair::config
