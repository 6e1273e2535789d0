// The `station:` section: the station's name and time zone.

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
    map.check_unknown_keys({"name", "timezone"});
}

}  // namespace onair::config
