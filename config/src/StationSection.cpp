// The `station:` section: the station's name, time zone, and the daemon's
// settings that belong to the station as a whole (relay tolerance, fade,
// pre-flight time).

#include "Sections.hpp"
#include "TimeZoneNames.hpp"
#include "ValueReaders.hpp"
#include "onair/config/Values.hpp"

namespace onair::config {

namespace {

void read_timezone(const Field& field, Station& station, const LoadContext& context) {
    auto name = read_text(field, context);
    if (!name) {
        return;
    }
    if (!time_zone_exists(*name)) {
        std::string message = field.label() + ": unknown time zone \"" + *name + "\"";
        auto suggestion = closest_match(*name, time_zone_names());
        if (!suggestion.empty()) {
            message += "; did you mean \"" + suggestion + "\"?";
        } else {
            message += "; write an IANA name such as Asia/Ho_Chi_Minh";
        }
        context.error(field.location, std::move(message));
        return;
    }
    station.timezone = *name;
}

// Below a second a relay would flap between stream and fallback on every
// network hiccup; above ten minutes listeners hear dead air for that long.
constexpr Milliseconds shortest_tolerance{1000};
constexpr Milliseconds longest_tolerance{10 * 60 * 1000};
// A longer fade eats audibly into the next fixed airing's lead-in.
constexpr Milliseconds longest_fade{10 * 1000};

void read_relay_tolerance(const Field& field, Station& station, const LoadContext& context) {
    auto tolerance = read_duration(field, context);
    if (!tolerance) {
        return;
    }
    if (*tolerance < shortest_tolerance || *tolerance > longest_tolerance) {
        context.error(field.location, field.label() + ": " + format_duration(*tolerance) +
                                          " is out of range; write from " +
                                          format_duration(shortest_tolerance) + " to " +
                                          format_duration(longest_tolerance) + ", e.g. 5s");
        return;
    }
    station.relay_tolerance = *tolerance;
}

// Durations are longer than zero everywhere else; a fade of `0s` (a hard cut)
// is a choice an operator may make. Any spelling of zero will do: `0`, `0s`,
// `0.0s`, `00:00:00`.
bool is_zero_length(std::string_view text) {
    if (text.empty() || text.front() != '0') {
        return false;
    }
    return text.find_first_not_of("0:.hms") == std::string_view::npos;
}

void read_fade(const Field& field, Station& station, const LoadContext& context) {
    if (field.node.IsScalar() && is_zero_length(field.node.Scalar())) {
        station.fade = Milliseconds::zero();
        return;
    }
    auto fade = read_duration(field, context);
    if (!fade) {
        return;
    }
    if (*fade > longest_fade) {
        context.error(field.location, field.label() + ": " + format_duration(*fade) +
                                          " is too long; write at most " +
                                          format_duration(longest_fade) + " (0s cuts at once)");
        return;
    }
    station.fade = *fade;
}

}  // namespace

void read_station_section(MapReader& top, Station& station, const LoadContext& context) {
    auto section = top.require("station", "add station: { name: \"…\" }");
    if (!section || !expect_map(*section, context)) {
        return;
    }
    MapReader map{section->node, section->scope, context};
    if (auto name = map.require("name")) {
        if (auto text = read_text(*name, context)) {
            station.name = *text;
        }
    }
    if (auto timezone = map.find("timezone")) {
        read_timezone(*timezone, station, context);
    }
    if (auto tolerance = map.find("relay_tolerance")) {
        read_relay_tolerance(*tolerance, station, context);
    }
    if (auto fade = map.find("fade")) {
        read_fade(*fade, station, context);
    }
    if (auto preflight = map.find("preflight")) {
        if (auto time = read_time_of_day(*preflight, context)) {
            station.preflight = *time;
        }
    }
    map.check_unknown_keys({"name", "timezone", "relay_tolerance", "fade", "preflight"});
}

}  // namespace onair::config
