// describe_days(): weekday sets for messages.

#include "WeekdayWords.hpp"

#include <vector>

#include "Alternatives.hpp"
#include "onair/config/Values.hpp"

namespace onair::config {

std::string describe_days(const WeekdaySet& days) {
    std::vector<std::string> names;
    for (unsigned i = 1; i <= 7; ++i) {
        if (days[i % 7]) {
            names.push_back(format_weekday(date::weekday{i % 7}));
        }
    }
    if (names.size() == 7) {
        return "every day";
    }
    return join_alternatives(names, " and ");
}

}  // namespace onair::config
