#pragma once
// The planner tests' small stations and what they look at in a plan: a station
// written as YAML around the usual two windows, its plan over a period with a
// fake media catalog, the plan's start times and its errors as text.

#include <string>
#include <vector>

#include <date/date.h>

#include "FakeMediaCatalog.hpp"
#include "onair/config/StationLoader.hpp"
#include "onair/scheduler/Planner.hpp"
#include "onair/scheduler/StationTimeZone.hpp"

namespace onair::scheduler::testing {

/// A station with the usual two windows; `rest` adds programmes (and anything else).
inline std::string station_yaml(const std::string& rest,
                                const std::string& timezone = "Asia/Ho_Chi_Minh",
                                const std::string& windows =
                                    "  morning: { start: \"05:30\", end: \"06:30\" }\n"
                                    "  evening: { start: \"17:00\", end: \"18:00\" }\n") {
    return "station: { name: \"Test\", timezone: " + timezone +
           " }\n"
           "media_root: /media\n"
           "windows:\n" +
           windows + rest;
}

inline config::Station station_of(const std::string& yaml) {
    return config::parse_station(yaml, "/stations/test.yaml");
}

inline Plan plan_of(const std::string& yaml, date::year_month_day first, date::year_month_day last,
                    FakeMediaCatalog& media) {
    return make_plan(station_of(yaml), Period{first, last}, media);
}

inline Plan plan_of(const std::string& yaml, date::year_month_day first,
                    date::year_month_day last) {
    FakeMediaCatalog media;
    return plan_of(yaml, first, last, media);
}

inline std::vector<std::string> starts(const Plan& plan,
                                       const std::string& zone = "Asia/Ho_Chi_Minh",
                                       bool with_filler = false) {
    StationTimeZone tz(zone);
    std::vector<std::string> out;
    for (const Airing& airing : plan.airings) {
        if (with_filler || airing.role != Role::fill) {
            out.push_back(tz.format_iso(airing.start));
        }
    }
    return out;
}

inline std::string errors(const Plan& plan) {
    std::string text;
    for (const auto& d : plan.diagnostics) {
        text += d.to_string() + "\n";
    }
    return text;
}

}  // namespace onair::scheduler::testing
