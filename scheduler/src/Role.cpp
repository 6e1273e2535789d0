#include "onair/config/NameTable.hpp"
#include "onair/scheduler/Airing.hpp"

namespace onair::scheduler {

namespace {

// The names are the spec's (station-format.md, "Roles") and appear in plans and logs.
constexpr config::NameTable<Role, 6> role_names{{
    {Role::premiere, "premiere"},
    {Role::rerun, "rerun"},
    {Role::relay, "relay"},
    {Role::fill, "fill"},
    {Role::once, "once"},
    {Role::daily, "daily"},
}};

}  // namespace

std::string_view to_string(Role role) noexcept {
    return config::name_in(role_names, role, "unknown");
}

std::optional<Role> role_from_string(std::string_view text) noexcept {
    return config::value_named(role_names, text);
}

}  // namespace onair::scheduler
