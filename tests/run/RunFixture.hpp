#pragma once
// What every end-to-end test of `onair run` starts from: its own folder, a
// station zone in which the test's window is around local noon, media and
// station files written there, the daemon started and its air's timeline
// read, the log read (and waited on) without disturbing the daemon.
// Used from the test's thread.

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "../support/TempFolder.hpp"
#include "AirMedia.hpp"
#include "DaemonProcess.hpp"
#include "LogReading.hpp"
#include "TestStation.hpp"

namespace onair::testing {

class RunFixture : public ::testing::Test {
  protected:
    std::filesystem::path media(const std::string& name) const {
        return folder.path() / "media" / name;
    }

    std::filesystem::path station(Instant from, Instant to, const std::string& programmes,
                                  const std::string& recording) const {
        return write_station(folder.path(), zone, from, to, programmes, recording);
    }

    std::string daily(const std::string& id, const std::string& file, Instant at) const {
        return daily_programme(zone, id, file, at);
    }

    std::filesystem::path database() const { return folder.path() / "onair.db"; }

    std::vector<airlog::Row> rows() const { return all_rows(database()); }

    std::optional<airlog::Row> wait_for_row(const std::function<bool(const airlog::Row&)>& wanted,
                                            std::chrono::milliseconds limit) const {
        return testing::wait_for_row(database(), wanted, limit);
    }

    /// Starts `onair run station` (standard error in `log_name`) and waits
    /// for its air's timeline: the instant of the recording's first sample.
    std::unique_ptr<DaemonProcess> start_daemon(const std::filesystem::path& station_file,
                                                const std::string& log_name = "daemon.log") {
        auto daemon = std::make_unique<DaemonProcess>(station_file, folder.path() / log_name);
        const auto origin_text =
            daemon->wait_for("timeline starts at (\\S+)", std::chrono::seconds(20));
        if (!origin_text) {
            ADD_FAILURE() << "the daemon did not go on the air:\n" << daemon->output();
            return nullptr;
        }
        origin = parse_instant(*origin_text);
        return daemon;
    }

    /// The sample of the latest recording's timeline at `instant`.
    std::int64_t sample_at(Instant instant) const {
        return (instant - origin).count() * (air_rate / 1000);
    }

    TempFolder folder{"onair-run"};
    StationZone zone{now_ms()};
    Instant origin{};
};

}  // namespace onair::testing
