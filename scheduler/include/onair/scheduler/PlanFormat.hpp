#pragma once
// The plan printed for people (table), for Excel (csv) and for programs (json),
// and the json read back. Pure functions.

#include <string>
#include <vector>

#include "onair/scheduler/Airing.hpp"
#include "onair/scheduler/StationTimeZone.hpp"

namespace onair::scheduler {

/// Aligned columns for a terminal; widths count what a terminal shows, so
/// Vietnamese titles line up.
std::string format_plan_table(const std::vector<Airing>& airings, const StationTimeZone& zone);

/// UTF-8 with a BOM (so Excel shows Vietnamese), RFC 4180 quoting, CRLF line ends.
std::string format_plan_csv(const std::vector<Airing>& airings, const StationTimeZone& zone);

/// A JSON array of objects: start, end, window, programme, title, category, role,
/// source_kind, source, fallback, episode, media_ok, media_note, fixed.
std::string format_plan_json(const std::vector<Airing>& airings, const StationTimeZone& zone);

/// Reads what format_plan_json wrote. Throws std::runtime_error when malformed.
std::vector<Airing> parse_plan_json(const std::string& json);

/// How many terminal columns a UTF-8 string takes (combining marks take none,
/// East Asian wide characters two).
std::size_t display_width(std::string_view utf8) noexcept;

}  // namespace onair::scheduler
