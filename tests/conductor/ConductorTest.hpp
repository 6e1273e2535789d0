#pragma once
// The fixture of the conductor's tests: a station with an evening window,
// filler, a news programme and a relay, in Asia/Ho_Chi_Minh; four 4-minute
// filler files; a fake catalog (12 minutes for any other file); and a log
// database in a temporary folder. Test thread only.

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "../scheduler/FakeMediaCatalog.hpp"
#include "../support/TempFolder.hpp"
#include "onair/airlog/AsAiredLog.hpp"
#include "onair/conductor/Conductor.hpp"
#include "onair/config/StationLoader.hpp"
#include "onair/scheduler/StationTimeZone.hpp"

namespace onair::conductor::testing {

inline constexpr const char* station_text = R"(
station: { name: "Đài thử", timezone: Asia/Ho_Chi_Minh }
media_root: media
windows:
  evening: { start: "17:00", end: "18:00" }
filler: { folder: filler }
programmes:
  - id: thoi-su
    title: "Thời sự"
    source: { file: "ts/{yyyy}-{mm}-{dd}.mp3" }
    max_duration: 15m
    daily: { at: "17:15" }
  - id: tinh
    title: "Tiếp sóng tỉnh"
    source: { relay: "http://127.0.0.1:9/tinh.mp3", fallback: "tinh/fallback.mp3" }
    duration: 20m
    daily: { at: "17:35" }
)";

class ConductorTest : public ::testing::Test {
  protected:
    ConductorTest() {
        std::filesystem::create_directories(folder.path() / "media" / "filler");
        for (const char* name : {"a.mp3", "b.mp3", "c.mp3", "d.mp3"}) {
            const auto path = folder.path() / "media" / "filler" / name;
            std::ofstream(path) << "x";
            catalog.set_length(path.string(), std::chrono::minutes{4});
        }
    }

    std::shared_ptr<const config::Station> station(const std::string& text = station_text) {
        return std::make_shared<const config::Station>(
            config::parse_station(text, (folder.path() / "station.yaml").string()));
    }

    TimePoint local(int day, int hour, int minute, int second = 0) const {
        using namespace date;
        const local_seconds at = local_days{2026_y / December / day} + std::chrono::hours(hour) +
                                 std::chrono::minutes(minute) + std::chrono::seconds(second);
        return zone.resolve(at).instant;
    }

    ConductorSettings settings() const {
        ConductorSettings s;
        s.shuffle_seed = 7;
        return s;
    }

    std::vector<airlog::Row> rows(airlog::AsAiredLog& log) const {
        return log.rows_between(local(1, 0, 0), local(5, 0, 0));
    }

    static std::vector<airlog::Row> of(const std::vector<airlog::Row>& rows,
                                       const std::string& programme) {
        std::vector<airlog::Row> out;
        for (const auto& row : rows) {
            if (row.programme == programme) {
                out.push_back(row);
            }
        }
        return out;
    }

    onair::testing::TempFolder folder{"onair-conductor"};
    scheduler::testing::FakeMediaCatalog catalog{std::chrono::minutes{12}};
    scheduler::StationTimeZone zone{"Asia/Ho_Chi_Minh"};
    std::filesystem::path database = folder.path() / "onair.db";
};

}  // namespace onair::conductor::testing
