#pragma once
// One concrete airing of the plan. Plain data.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include <date/date.h>

#include "onair/config/Station.hpp"

namespace onair::scheduler {

/// An instant on the real (UTC) timeline, to the millisecond: media lengths are
/// not whole seconds, and packed airings follow each other exactly.
using TimePoint = date::sys_time<std::chrono::milliseconds>;

enum class Role { premiere, rerun, relay, fill, once, daily };

std::string_view to_string(Role role) noexcept;
std::optional<Role> role_from_string(std::string_view text) noexcept;

struct Airing {
    TimePoint start;
    TimePoint end;
    std::string window;
    /// Programme id; "filler" for role fill.
    std::string programme;
    std::string title;
    std::string category;
    Role role = Role::premiere;
    config::SourceKind source_kind = config::SourceKind::file;
    /// The expanded file path (relative to media_root as written), relay URL or folder.
    std::string source;
    /// Relay only: the expanded fallback file, empty when there is none.
    std::string fallback;
    /// The episode period: `2026-12`, `2026-Q4`, `2026-W49`, or a date for daily/once/fill.
    std::string episode;
    /// Is the media there and playable? (relay: its fallback, if any; folder: not empty)
    bool media_ok = true;
    /// Why not, in words, when media_ok is false.
    std::string media_note;
    /// Fixed by `at` (true) or packed into its window (false).
    bool fixed = false;

    friend bool operator==(const Airing&, const Airing&) = default;
};

}  // namespace onair::scheduler
