#pragma once
// An enum's names as the files, plans and logs write them: one table of
// (value, name) pairs read both ways, so a name and its value cannot drift
// apart between printing and parsing (scheduler::Role, airlog::Status).
//
// Threads: any (constant data). Throws: nothing.

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace onair::config {

template <typename Enum, std::size_t Size>
using NameTable = std::array<std::pair<Enum, std::string_view>, Size>;

/// The name of `value` in `table`, or `unknown` when the table lacks it.
template <typename Enum, std::size_t Size>
constexpr std::string_view name_in(const NameTable<Enum, Size>& table, Enum value,
                                   std::string_view unknown) noexcept {
    for (const auto& [entry, name] : table) {
        if (entry == value) {
            return name;
        }
    }
    return unknown;
}

/// The value named `text` in `table` (exact, case-sensitive), if any.
template <typename Enum, std::size_t Size>
constexpr std::optional<Enum> value_named(const NameTable<Enum, Size>& table,
                                          std::string_view text) noexcept {
    for (const auto& [entry, name] : table) {
        if (name == text) {
            return entry;
        }
    }
    return std::nullopt;
}

}  // namespace onair::config
