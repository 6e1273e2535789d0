#include <array>
#include <utility>

#include "onair/airlog/AsAiredLog.hpp"

namespace onair::airlog {
namespace {

constexpr std::array<std::pair<Status, std::string_view>, 8> names{{
    {Status::on_air, "on-air"},
    {Status::aired, "aired"},
    {Status::partial, "partial"},
    {Status::joined, "joined"},
    {Status::failed, "failed"},
    {Status::missed, "missed"},
    {Status::skipped, "skipped"},
    {Status::interrupted, "interrupted"},
}};

}  // namespace

std::string_view to_string(Status status) noexcept {
    for (const auto& [value, name] : names) {
        if (value == status) {
            return name;
        }
    }
    return "on-air";
}

std::optional<Status> status_from_string(std::string_view text) noexcept {
    for (const auto& [value, name] : names) {
        if (name == text) {
            return value;
        }
    }
    return std::nullopt;
}

}  // namespace onair::airlog
