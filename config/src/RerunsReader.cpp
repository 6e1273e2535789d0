// read_reruns() and check_rerun_count(): how often an episode airs again.

#include "RecurrenceReader.hpp"
#include "ValueReaders.hpp"
#include "WhenReader.hpp"

namespace onair::config {

namespace {

std::optional<When> read_rerun_entry(const Field& item, RecurrenceKind kind,
                                     const WindowCatalog& windows, const LoadContext& context) {
    if (!expect_map(item, context,
                    "write e.g. { day: sun, at: \"05:45\" } or { days_after: 1, at: \"05:30\" }")) {
        return std::nullopt;
    }
    MapReader map{item.node, item.scope, context};
    if (map.keys().empty()) {
        context.error(item.location, item.label() +
                                         " is empty; give at least one of day, at, window or "
                                         "days_after");
        return std::nullopt;
    }
    const WhenRules rules{kind, WhenRole::rerun};
    When when = read_when_keys(map, rules, windows, context);
    map.check_unknown_keys(when_keys(rules));
    return when;
}

}  // namespace

void read_reruns(const Field& field, Recurrence& recurrence, const WindowCatalog& windows,
                 const LoadContext& context) {
    recurrence.reruns_location = field.location;
    if (field.node.IsScalar()) {
        if (auto count = read_integer(field, context, 0, 52)) {
            recurrence.rerun_count = static_cast<int>(*count);
        }
        return;
    }
    if (!field.node.IsSequence()) {
        context.error(field.location, "expected a number or a list for " + field.label() +
                                          ", found " + describe_node(field.node) +
                                          "; write e.g. reruns: 3 or reruns: [{ days_after: 1, "
                                          "at: \"05:30\" }]");
        return;
    }
    for (const auto& item : list_items(field, context)) {
        if (auto when = read_rerun_entry(item, recurrence.kind, windows, context)) {
            recurrence.reruns.push_back(std::move(*when));
        }
    }
}

void check_rerun_count(const Recurrence& recurrence, const std::string& label,
                       const LoadContext& context) {
    const int count = recurrence.rerun_count;
    if (count < 1) {
        return;
    }
    const auto where = recurrence.reruns_location;
    const std::string prefix = label + ": ";
    if (recurrence.kind == RecurrenceKind::weekly) {
        context.error(where, prefix + "a weekly episode lasts one week, so " +
                                 std::to_string(count) + " rerun" + (count == 1 ? "" : "s") +
                                 " in the following weeks would leave it; list them, e.g. reruns: "
                                 "[{ day: sun, at: \"05:45\" }]");
        return;
    }
    const auto week = recurrence.premiere.week;
    if (!week) {
        return;
    }
    if (*week == last_week) {
        context.error(where, prefix +
                                 "the premiere is in the last week of the month, so no week "
                                 "follows it for " +
                                 std::to_string(count) + " rerun" + (count == 1 ? "" : "s") +
                                 "; list them, e.g. reruns: [{ days_after: 1, at: \"05:45\" }]");
        return;
    }
    if (recurrence.kind == RecurrenceKind::monthly && *week + count > 5) {
        context.error(where, prefix + "a premiere in week " + std::to_string(*week) + " with " +
                                 std::to_string(count) + " reruns needs a week " +
                                 std::to_string(*week + count) +
                                 ", which no month has; use at most " + std::to_string(5 - *week) +
                                 " or list them");
    }
}

}  // namespace onair::config
