#pragma once
// Comparing ASCII words without regard to case, as the station file allows for
// weekday names and URL schemes. Non-ASCII bytes compare as they are.
//
// Threads: any. Throws: nothing.

#include <string_view>

namespace onair::config {

/// True when `text` equals `lower` once its ASCII capitals are lowered;
/// `lower` is written in lower case.
constexpr bool equals_lower_case(std::string_view text, std::string_view lower) noexcept {
    if (text.size() != lower.size()) {
        return false;
    }
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
        if (c != lower[i]) {
            return false;
        }
    }
    return true;
}

/// True when `text` begins with `lower_prefix`, ignoring the case of `text`.
constexpr bool starts_with_lower_case(std::string_view text,
                                      std::string_view lower_prefix) noexcept {
    return text.size() >= lower_prefix.size() &&
           equals_lower_case(text.substr(0, lower_prefix.size()), lower_prefix);
}

}  // namespace onair::config
