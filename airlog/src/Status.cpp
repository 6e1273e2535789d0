#include "onair/airlog/AsAiredLog.hpp"
#include "onair/config/NameTable.hpp"

namespace onair::airlog {
namespace {

constexpr config::NameTable<Status, 8> names{{
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
    return config::name_in(names, status, "on-air");
}

std::optional<Status> status_from_string(std::string_view text) noexcept {
    return config::value_named(names, text);
}

}  // namespace onair::airlog
