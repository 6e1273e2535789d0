#include <array>
#include <utility>

#include "onair/scheduler/Airing.hpp"

namespace onair::scheduler {

namespace {

// The names are the spec's (station-format.md, "Roles") and appear in plans and logs.
constexpr std::array<std::pair<Role, std::string_view>, 6> role_names{{
    {Role::premiere, "premiere"},
    {Role::rerun, "rerun"},
    {Role::relay, "relay"},
    {Role::fill, "fill"},
    {Role::once, "once"},
    {Role::daily, "daily"},
}};

}  // namespace

std::string_view to_string(Role role) noexcept {
    for (const auto& [value, name] : role_names) {
        if (value == role) {
            return name;
        }
    }
    return "unknown";
}

std::optional<Role> role_from_string(std::string_view text) noexcept {
    for (const auto& [value, name] : role_names) {
        if (name == text) {
            return value;
        }
    }
    return std::nullopt;
}

}  // namespace onair::scheduler
