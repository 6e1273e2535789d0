// Typed station-file values, read with messages an operator can act on.

#include "ValueReaders.hpp"

#include <limits>

#include "DecimalDigits.hpp"
#include "ValueExplanations.hpp"
#include "onair/config/Values.hpp"

namespace onair::config {

namespace {

// The scalar's text, after reporting non-scalars as "expected EXPECTED".
std::optional<std::string> scalar_text(const Field& field, const LoadContext& context,
                                       std::string_view expected) {
    if (!expect_scalar(field, context, expected)) {
        return std::nullopt;
    }
    return field.node.Scalar();
}

// A scalar read by `parse`; one that does not parse is reported with `explain`'s
// reason. Every typed value of the station file is read this one way.
template <typename Parse, typename Explain>
auto read_parsed(const Field& field, const LoadContext& context, std::string_view expected,
                 Parse parse, Explain explain) -> decltype(parse(std::string_view{})) {
    auto text = scalar_text(field, context, expected);
    if (!text) {
        return std::nullopt;
    }
    auto value = parse(*text);
    if (!value) {
        context.error(field.location, field.label() + ": " + explain(*text));
    }
    return value;
}

std::string range_text(std::int64_t minimum, std::int64_t maximum) {
    if (maximum == std::numeric_limits<std::int64_t>::max()) {
        return "a whole number of at least " + std::to_string(minimum);
    }
    return "a whole number from " + std::to_string(minimum) + " to " + std::to_string(maximum);
}

}  // namespace

std::optional<std::string> read_text(const Field& field, const LoadContext& context,
                                     bool allow_empty) {
    auto text = scalar_text(field, context, "a text value");
    if (text && text->empty() && !allow_empty) {
        context.error(field.location, field.label() + " is empty");
        return std::nullopt;
    }
    return text;
}

std::optional<std::int64_t> read_integer(const Field& field, const LoadContext& context,
                                         std::int64_t minimum, std::int64_t maximum) {
    auto text = scalar_text(field, context, "a whole number");
    if (!text) {
        return std::nullopt;
    }
    std::string_view digits = *text;
    bool negative = false;
    if (!digits.empty() && (digits.front() == '-' || digits.front() == '+')) {
        negative = digits.front() == '-';
        digits.remove_prefix(1);
    }
    if (!all_digits(digits) || digits.size() > 12) {
        context.error(field.location, field.label() + ": \"" + *text +
                                          "\" is not a whole number; write " +
                                          range_text(minimum, maximum));
        return std::nullopt;
    }
    auto value = to_number(digits) * (negative ? -1 : 1);
    if (value < minimum || value > maximum) {
        context.error(field.location, field.label() + ": " + *text + " is out of range; write " +
                                          range_text(minimum, maximum));
        return std::nullopt;
    }
    return value;
}

std::optional<Milliseconds> read_duration(const Field& field, const LoadContext& context) {
    return read_parsed(field, context, "a duration (e.g. 15m)", parse_duration,
                       explain_bad_duration);
}

std::optional<TimeOfDay> read_time_of_day(const Field& field, const LoadContext& context,
                                          bool allow_24) {
    return read_parsed(
        field, context, "a time of day (e.g. \"17:15\")",
        [allow_24](std::string_view text) { return parse_time_of_day(text, allow_24); },
        [allow_24](std::string_view text) { return explain_bad_time_of_day(text, allow_24); });
}

std::optional<date::weekday> read_weekday(const Field& field, const LoadContext& context) {
    return read_parsed(field, context, "a weekday (mon … sun)", parse_weekday, explain_bad_weekday);
}

std::optional<date::year_month_day> read_date(const Field& field, const LoadContext& context) {
    return read_parsed(field, context, "a date (YYYY-MM-DD)", parse_date, explain_bad_date);
}

std::optional<date::local_seconds> read_local_datetime(const Field& field,
                                                       const LoadContext& context) {
    return read_parsed(field, context, "a date and time (YYYY-MM-DDTHH:MM)", parse_local_datetime,
                       explain_bad_local_datetime);
}

std::vector<Field> list_items(const Field& list, const LoadContext& context) {
    std::vector<Field> items;
    std::size_t number = 0;
    for (const auto& item : list.node) {
        ++number;
        // An empty entry's mark is the next token, maybe lines below.
        Location where = item.IsNull() ? list.location : context.locate(item);
        items.push_back(Field{item, where, list.scope.item(number)});
    }
    return items;
}

std::optional<WeekdaySet> read_weekdays(const Field& field, const LoadContext& context) {
    if (!expect_list(field, context, "write e.g. [mon, wed, fri]")) {
        return std::nullopt;
    }
    if (field.node.size() == 0) {
        context.error(field.location,
                      field.label() + " is an empty list; list at least one weekday, or leave " +
                          "it out for every day");
        return std::nullopt;
    }
    WeekdaySet days{};
    bool ok = true;
    for (const auto& item : list_items(field, context)) {
        auto day = read_weekday(item, context);
        if (!day) {
            ok = false;
            continue;
        }
        auto& slot = days[day->c_encoding()];
        if (slot) {
            context.error(item.location,
                          field.label() + ": " + format_weekday(*day) + " is listed twice");
            ok = false;
        }
        slot = true;
    }
    return ok ? std::optional{days} : std::nullopt;
}

std::optional<std::vector<date::year_month_day>> read_dates(const Field& field,
                                                            const LoadContext& context) {
    if (!expect_list(field, context, "write e.g. [2026-09-02, 2027-01-01]")) {
        return std::nullopt;
    }
    std::vector<date::year_month_day> dates;
    bool ok = true;
    for (const auto& item : list_items(field, context)) {
        if (auto day = read_date(item, context)) {
            dates.push_back(*day);
        } else {
            ok = false;
        }
    }
    return ok ? std::optional{dates} : std::nullopt;
}

}  // namespace onair::config
