#pragma once
// Small facts about as-aired rows that the report needs in several places.

#include <chrono>
#include <optional>

#include "onair/airlog/AsAiredLog.hpp"

namespace onair::report {

/// Milliseconds actually on air: 0 without both actual times.
inline std::chrono::milliseconds time_on_air(const airlog::Row& row) noexcept {
    if (row.actual_start && row.actual_end && *row.actual_end > *row.actual_start) {
        return *row.actual_end - *row.actual_start;
    }
    return std::chrono::milliseconds{0};
}

/// Rows an operator or an inspector must look at.
inline bool is_problem(airlog::Status status) noexcept {
    using airlog::Status;
    switch (status) {
        case Status::missed:
        case Status::failed:
        case Status::partial:
        case Status::joined:
        case Status::skipped:
        case Status::interrupted:
            return true;
        case Status::on_air:
        case Status::aired:
            return false;
    }
    return false;
}

/// Rows that count as the planned airing having gone out (perhaps not whole).
inline bool counts_as_aired(airlog::Status status) noexcept {
    using airlog::Status;
    return status == Status::aired || status == Status::partial || status == Status::joined;
}

/// When the row belongs on a calendar: when it went on air, else when it was planned.
inline std::optional<scheduler::TimePoint> row_time(const airlog::Row& row) noexcept {
    return row.actual_start ? row.actual_start : row.planned_start;
}

}  // namespace onair::report
