#pragma once
// The as-aired log as the end-to-end tests read it: read-only (the daemon may
// be writing it), and waited on for a row instead of sleeping.
// Used from the test's thread; all_rows() throws airlog::LogError when the
// file is not an onair log.

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <thread>
#include <vector>

#include "DaemonProcess.hpp"
#include "onair/airlog/AsAiredLog.hpp"

namespace onair::testing {

/// Every row starting within a day of now, in order of start; none when the
/// database does not exist yet.
inline std::vector<airlog::Row> all_rows(const std::filesystem::path& database) {
    std::vector<airlog::Row> rows;
    if (!std::filesystem::exists(database)) {
        return rows;
    }
    airlog::for_each_row(database, now_ms() - std::chrono::hours(24),
                         now_ms() + std::chrono::hours(24),
                         [&](const airlog::Row& row) { rows.push_back(row); });
    return rows;
}

/// Waits (at most `limit`) for a row that `wanted` accepts; returns it.
inline std::optional<airlog::Row> wait_for_row(
    const std::filesystem::path& database, const std::function<bool(const airlog::Row&)>& wanted,
    std::chrono::milliseconds limit) {
    const auto give_up = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < give_up) {
        try {
            for (const auto& row : all_rows(database)) {
                if (wanted(row)) {
                    return row;
                }
            }
        } catch (const airlog::LogError&) {
            // Being created by the daemon: read again.
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return std::nullopt;
}

}  // namespace onair::testing
