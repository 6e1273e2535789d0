// closest_match(): the "did you mean" behind every unknown key or name.

#include <algorithm>
#include <cstdint>

#include "Utf8.hpp"
#include "onair/config/Values.hpp"

namespace onair::config {

namespace {

std::u32string folded(std::string_view text) {
    auto code_points = decode_utf8(text);
    for (auto& c : code_points) {
        if (c >= U'A' && c <= U'Z') {
            c = c - U'A' + U'a';
        }
    }
    return code_points;
}

// Optimal string alignment distance: Levenshtein plus adjacent swaps, the most
// common typing slip ("tilte").
std::size_t edit_distance(const std::u32string& a, const std::u32string& b) {
    const std::size_t columns = b.size() + 1;
    std::vector<std::size_t> rows(3 * columns);
    auto at = [&](std::size_t i, std::size_t j) -> std::size_t& {
        return rows[(i % 3) * columns + j];
    };
    for (std::size_t i = 0; i <= a.size(); ++i) {
        for (std::size_t j = 0; j <= b.size(); ++j) {
            if (i == 0 || j == 0) {
                at(i, j) = i + j;
                continue;
            }
            std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            std::size_t best =
                std::min({at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                best = std::min(best, at(i - 2, j - 2) + 1);
            }
            at(i, j) = best;
        }
    }
    return at(a.size(), b.size());
}

}  // namespace

std::string closest_match(std::string_view word, const std::vector<std::string>& candidates) {
    const auto wanted = folded(word);
    const std::size_t limit = std::max<std::size_t>(2, wanted.size() / 3);
    const std::string* best = nullptr;
    std::size_t best_distance = limit + 1;
    for (const auto& candidate : candidates) {
        auto distance = edit_distance(wanted, folded(candidate));
        // A candidate that shares nothing with a short word is no suggestion.
        if (distance < best_distance && distance < std::max<std::size_t>(wanted.size(), 1)) {
            best_distance = distance;
            best = &candidate;
        }
    }
    return best ? *best : std::string{};
}

}  // namespace onair::config
