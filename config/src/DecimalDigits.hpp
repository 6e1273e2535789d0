#pragma once
// Tiny helpers for the fixed-width numbers in times, dates and durations. Unlike
// std::stoi they accept no sign, no spaces and no leading `+`, which the station
// file's syntax does not allow either.

#include <cstdint>
#include <string_view>

namespace onair::config {

/// The ASCII digits at the start of `text` (possibly none).
inline std::string_view leading_digits(std::string_view text) {
    std::size_t n = 0;
    while (n < text.size() && text[n] >= '0' && text[n] <= '9') {
        ++n;
    }
    return text.substr(0, n);
}

/// True when `text` is one or more ASCII digits and nothing else.
inline bool all_digits(std::string_view text) {
    return !text.empty() && leading_digits(text).size() == text.size();
}

/// The value of a short run of digits (callers bound the length, so no overflow).
inline std::int64_t to_number(std::string_view digits) {
    std::int64_t value = 0;
    for (char c : digits) {
        value = value * 10 + (c - '0');
    }
    return value;
}

}  // namespace onair::config
