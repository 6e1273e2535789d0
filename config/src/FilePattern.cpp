// check_file_pattern(): episode file patterns may use only the placeholders the
// scheduler fills in, so a typo is caught now rather than as "media missing".

#include <algorithm>

#include "SourceReader.hpp"
#include "onair/config/Values.hpp"

namespace onair::config {

namespace {

const std::vector<std::string> placeholders{"{yyyy}", "{mm}", "{dd}", "{q}", "{ww}"};

std::string placeholder_list() {
    return "{yyyy}, {mm}, {dd}, {q} and {ww}";
}

}  // namespace

bool check_file_pattern(const std::string& pattern, const Field& field,
                        const LoadContext& context) {
    const std::string prefix = field.label() + ": ";
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '}') {
            context.error(field.location, prefix + "stray \"}\" in \"" + pattern +
                                              "\"; placeholders are " + placeholder_list());
            return false;
        }
        if (pattern[i] != '{') {
            continue;
        }
        const auto close = pattern.find_first_of("{}", i + 1);
        if (close == std::string::npos || pattern[close] != '}') {
            context.error(field.location, prefix + "stray \"{\" in \"" + pattern +
                                              "\"; placeholders are " + placeholder_list());
            return false;
        }
        const std::string placeholder = pattern.substr(i, close - i + 1);
        if (std::find(placeholders.begin(), placeholders.end(), placeholder) ==
            placeholders.end()) {
            std::string message =
                prefix + "unknown placeholder " + placeholder + " in \"" + pattern + "\"";
            auto suggestion = closest_match(placeholder, placeholders);
            if (!suggestion.empty()) {
                message += "; did you mean " + suggestion + "?";
            } else {
                message += "; placeholders are " + placeholder_list();
            }
            context.error(field.location, std::move(message));
            return false;
        }
        i = close;
    }
    return true;
}

}  // namespace onair::config
