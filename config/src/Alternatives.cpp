// join_alternatives(): lists in messages.

#include "Alternatives.hpp"

namespace onair::config {

std::string join_alternatives(const std::vector<std::string>& words,
                              std::string_view last_separator) {
    std::string text;
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (i > 0) {
            text += i + 1 == words.size() ? std::string{last_separator} : std::string{", "};
        }
        text += words[i];
    }
    return text;
}

}  // namespace onair::config
