// The as-aired log's disk full under a real `onair run` (the log's folder is a
// small tmpfs the test fills): the air goes on (on the recording), `onair
// status` says the log cannot be written, the rows reach the database when the
// disk has room again; and what a kill -9 while the disk is full loses.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>

#include "../cli/RunOnair.hpp"
#include "../support/SmallDisk.hpp"
#include "RunFixture.hpp"

namespace onair::testing {
namespace {

using namespace std::chrono_literals;
using airlog::Status;
using ::testing::HasSubstr;

class RunDiskFullTest : public RunFixture {
  protected:
    void SetUp() override {
        disk = std::make_unique<SmallDisk>(folder.path() / "logdisk", 512 * 1024);
        if (!disk->mounted()) {
            GTEST_SKIP() << "cannot mount a tmpfs for the log's full disk (" << disk->why_not()
                         << "): this test needs root (CAP_SYS_ADMIN)";
        }
        for (const auto& [name, frequency] : tone_of) {
            write_tone_steps(media("filler/" + name), std::vector<double>(2, frequency));
        }
        t0 = window_start(3s);
        station_file =
            write_station(folder.path(), zone, t0, t0 + 10min, "", "rec.ogg", "logdisk/onair.db");
    }

    std::filesystem::path log_database() const { return folder.path() / "logdisk/onair.db"; }

    nlohmann::json status() const {
        const auto answer = run_onair({"status", station_file.string(), "--json"}, folder.path());
        return answer.exit_code == 0 ? nlohmann::json::parse(answer.out) : nlohmann::json();
    }

    /// The daemon started, its first row in the database and on the air
    /// (none, after a failure, when it is not).
    std::unique_ptr<DaemonProcess> start_on_air() {
        auto daemon = start_daemon(station_file);
        if (daemon &&
            !(testing::wait_for_row(
                  log_database(), [](const airlog::Row& row) { return row.programme == "filler"; },
                  20s) &&
              daemon->wait_for("on air: ", 20s))) {
            ADD_FAILURE() << "not on the air with its log:\n" << daemon->output();
            return nullptr;
        }
        return daemon;
    }

    /// Asks `onair status` (at most `limit`) until the log's health is `writable`.
    std::optional<nlohmann::json> wait_for_log(bool writable, std::chrono::seconds limit) const {
        const auto give_up = std::chrono::steady_clock::now() + limit;
        while (std::chrono::steady_clock::now() < give_up) {
            const auto answer = status();
            if (answer.contains("log") && answer["log"]["writable"] == writable &&
                (!writable || answer["log"]["pending"] == 0)) {
                return answer;
            }
            std::this_thread::sleep_for(200ms);
        }
        return std::nullopt;
    }

    const std::map<std::string, double> tone_of{{"f1.wav", 400}, {"f2.wav", 700}, {"f3.wav", 1000}};
    std::unique_ptr<SmallDisk> disk;
    Instant t0{};
    std::filesystem::path station_file;
};

TEST_F(RunDiskFullTest, TheAirGoesOnStatusSaysSoAndTheRowsArriveWhenThereIsRoom) {
    auto daemon = start_on_air();
    ASSERT_TRUE(daemon);
    disk->fill();
    const Instant full = now_ms();
    const auto trouble = wait_for_log(false, 20s);
    ASSERT_TRUE(trouble) << daemon->output();
    EXPECT_GT((*trouble)["log"]["pending"].get<int>(), 0);
    EXPECT_THAT((*trouble)["log"]["last_error"].get<std::string>(), HasSubstr("full"));
    const auto human = run_onair({"status", station_file.string()}, folder.path());
    EXPECT_THAT(human.out, HasSubstr("Log:      CANNOT WRITE"));
    // Two more items go on the air while the disk is full.
    const Instant after_full = now_ms();
    const auto on_air_lines = [&] {
        const std::string text = daemon->output();
        std::size_t count = 0;
        for (auto at = text.find("on air: "); at != std::string::npos;
             at = text.find("on air: ", at + 1)) {
            ++count;
        }
        return count;
    };
    const std::size_t lines_then = on_air_lines();
    ASSERT_TRUE(daemon->wait_for_count("on air: ", lines_then + 2, 20s)) << daemon->output();
    const Instant freed = now_ms();
    disk->free_space();

    // The rows of what aired while the disk was full reach the database.
    ASSERT_TRUE(wait_for_log(true, 30s)) << daemon->output();
    std::vector<airlog::Row> while_full;
    for (const auto& row : all_rows(log_database())) {
        if (*row.actual_start >= after_full && *row.actual_start < freed) {
            while_full.push_back(row);
        }
    }
    EXPECT_GE(while_full.size(), 1u) << daemon->output();
    daemon->signal(SIGTERM);
    ASSERT_EQ(daemon->wait(20s), 0) << daemon->output();

    // The air went on: no silence from the fill to the room (each 50 ms has
    // a tone; across an item's change it is two, read as neither), and each
    // row written late is its file's tone from its start.
    const auto air = decode_recording(folder.path() / "rec.ogg");
    // (From the fill, or from the first item if the fill came before its
    // first sample: "on air" is said as the item enters the mixer.)
    const Instant first_start = *all_rows(log_database()).front().actual_start;
    for (Instant at = std::max(full, first_start + 100ms); at < freed; at += 250ms) {
        EXPECT_GT(frequency_at(air, sample_at(at), 2400), 0)
            << "silence at " << zone.clock_time(at);
    }
    for (const auto& row : while_full) {
        const std::string name = std::filesystem::path(row.source).filename().string();
        EXPECT_NEAR(frequency_at(air, sample_at(*row.actual_start) + 480, 4800), tone_of.at(name),
                    25)
            << name;
    }
}

TEST_F(RunDiskFullTest, AKillNineWhileTheDiskIsFullLosesTheRowsWaitingInMemory) {
    auto daemon = start_on_air();
    ASSERT_TRUE(daemon);
    disk->fill();
    const Instant full = now_ms();
    ASSERT_TRUE(wait_for_log(false, 20s)) << daemon->output();
    // An item that started after the disk filled has its row only in memory
    // (not in the database yet).
    std::optional<Instant> waiting_start;
    const auto give_up = std::chrono::steady_clock::now() + 20s;
    while (!waiting_start && std::chrono::steady_clock::now() < give_up) {
        const auto answer = status();
        if (answer.contains("on_air") && answer["on_air"].is_object()) {
            const Instant start = parse_instant(answer["on_air"]["start"].get<std::string>());
            bool in_database = false;
            for (const auto& row : all_rows(log_database())) {
                in_database |= *row.actual_start == start;
            }
            if (start > full && !in_database && answer["log"]["pending"].get<int>() > 0) {
                waiting_start = start;
            }
        }
        std::this_thread::sleep_for(200ms);
    }
    ASSERT_TRUE(waiting_start) << daemon->output();
    daemon->signal(SIGKILL);
    ASSERT_EQ(daemon->wait(10s), 128 + SIGKILL);
    disk->free_space();

    // Started again with room on the disk: the rows written before the disk
    // filled are there (one left on the air is closed `interrupted`), the
    // rows that waited in memory are not.
    auto again = start_daemon(
        write_station(folder.path(), zone, t0, t0 + 10min, "", "rec-2.ogg", "logdisk/onair.db"),
        "daemon-2.log");
    ASSERT_TRUE(again);
    ASSERT_TRUE(again->wait_for("on air: ", 20s)) << again->output();
    again->signal(SIGTERM);
    ASSERT_EQ(again->wait(20s), 0) << again->output();
    const auto log = all_rows(log_database());
    ASSERT_FALSE(log.empty());
    for (const auto& row : log) {
        EXPECT_NE(*row.actual_start, *waiting_start)
            << "the row that waited in memory (" << row.title << ", "
            << airlog::to_string(row.status) << ", " << row.note << ") is in the log\n"
            << daemon->output() << "\n"
            << again->output();
    }
}

}  // namespace
}  // namespace onair::testing
