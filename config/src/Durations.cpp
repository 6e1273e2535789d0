// parse_duration() and format_duration(): the station file's lengths, e.g. `15m`.

#include <cstdint>

#include "DecimalDigits.hpp"
#include "onair/config/Values.hpp"

namespace onair::config {

namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

// `2h15m30s`, `90s`, `12.5s`: units largest first, each at most once.
std::optional<Milliseconds> parse_unit_form(std::string_view text) {
    if (text.empty()) {
        return std::nullopt;
    }
    std::int64_t total_ms = 0;
    int previous_rank = 3;  // 2 = h, 1 = m, 0 = s
    bool first = true;
    while (!text.empty()) {
        auto digits = leading_digits(text);
        if (digits.empty() || digits.size() > 6) {
            return std::nullopt;
        }
        text.remove_prefix(digits.size());
        std::int64_t value = to_number(digits);
        std::int64_t fraction_ms = 0;
        if (!text.empty() && text.front() == '.') {
            text.remove_prefix(1);
            auto fraction = leading_digits(text);
            if (fraction.empty() || fraction.size() > 3) {
                return std::nullopt;
            }
            text.remove_prefix(fraction.size());
            // Only seconds may have a fraction; checked below once the unit is known.
            fraction_ms = to_number(fraction);
            for (auto n = fraction.size(); n < 3; ++n) {
                fraction_ms *= 10;
            }
            if (text != "s") {
                return std::nullopt;
            }
        }
        if (text.empty()) {
            return std::nullopt;
        }
        int rank = 0;
        std::int64_t unit_ms = 0;
        switch (text.front()) {
            case 'h':
                rank = 2;
                unit_ms = 3'600'000;
                break;
            case 'm':
                rank = 1;
                unit_ms = 60'000;
                break;
            case 's':
                rank = 0;
                unit_ms = 1'000;
                break;
            default:
                return std::nullopt;
        }
        text.remove_prefix(1);
        if (rank >= previous_rank) {
            return std::nullopt;
        }
        // `1h90m` is most likely a slip; only the first unit may exceed its range.
        if (!first && value >= 60) {
            return std::nullopt;
        }
        total_ms += value * unit_ms + fraction_ms;
        previous_rank = rank;
        first = false;
    }
    return Milliseconds{total_ms};
}

// `H:MM:SS` / `HH:MM:SS`.
std::optional<Milliseconds> parse_clock_form(std::string_view text) {
    auto hours_digits = leading_digits(text);
    if (hours_digits.empty() || hours_digits.size() > 2) {
        return std::nullopt;
    }
    text.remove_prefix(hours_digits.size());
    if (text.size() != 6 || text[0] != ':' || text[3] != ':') {
        return std::nullopt;
    }
    auto minutes_digits = text.substr(1, 2);
    auto seconds_digits = text.substr(4, 2);
    if (leading_digits(minutes_digits).size() != 2 || leading_digits(seconds_digits).size() != 2) {
        return std::nullopt;
    }
    auto m = to_number(minutes_digits);
    auto s = to_number(seconds_digits);
    if (m >= 60 || s >= 60) {
        return std::nullopt;
    }
    return Milliseconds{hours{to_number(hours_digits)} + minutes{m} + seconds{s}};
}

}  // namespace

std::optional<Milliseconds> parse_duration(std::string_view text) {
    auto parsed =
        text.find(':') != std::string_view::npos ? parse_clock_form(text) : parse_unit_form(text);
    if (!parsed || *parsed <= Milliseconds::zero()) {
        return std::nullopt;
    }
    return parsed;
}

std::string format_duration(Milliseconds length) {
    if (length < Milliseconds::zero()) {
        return "-" + format_duration(-length);
    }
    if (length == Milliseconds::zero()) {
        return "0s";
    }
    auto count = length.count();
    auto h = count / 3'600'000;
    auto m = count / 60'000 % 60;
    auto s = count / 1000 % 60;
    auto ms = count % 1000;
    std::string text;
    if (h > 0) {
        text += std::to_string(h) + "h";
    }
    if (m > 0) {
        text += std::to_string(m) + "m";
    }
    if (s > 0 || ms > 0) {
        text += std::to_string(s);
        if (ms > 0) {
            std::string fraction = std::to_string(ms + 1000).substr(1);
            while (fraction.back() == '0') {
                fraction.pop_back();
            }
            text += "." + fraction;
        }
        text += "s";
    }
    return text;
}

}  // namespace onair::config
