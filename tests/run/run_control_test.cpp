// The operator's commands against a real `onair run`: status, an emergency
// insert that pre-empts a programme (and the schedule resuming after it), skip.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "../cli/RunOnair.hpp"
#include "../support/HttpStreamServer.hpp"
#include "../support/TempFolder.hpp"
#include "DaemonProcess.hpp"
#include "onair/airlog/AsAiredLog.hpp"

namespace onair::testing {
namespace {

using namespace std::chrono_literals;
using airlog::Status;
using ::testing::HasSubstr;

TEST(RunControl, StatusEmergencyInsertAndSkip) {
    TempFolder folder("onair-run-control");
    const auto media = folder.path() / "media";
    write_tone_steps(media / "p/long.wav", std::vector<double>(20, 700));
    write_tone_steps(media / "filler/f.wav", std::vector<double>(3, 300));
    write_tone_steps(folder.path() / "alert.wav", std::vector<double>(2, 2000));
    const Instant t0 = window_start(3s);
    const Instant start = t0 + 1s;
    const std::string programmes =
        "  - { id: long, title: \"Chương trình dài\", source: { file: "
        "p/long.wav }, daily: { at: \"" +
        clock_time(start) + "\" } }\n";
    const auto station = write_station(folder.path(), t0, t0 + 60s, programmes, "rec.ogg");
    DaemonProcess daemon(station, folder.path() / "daemon.log");
    const auto origin_text = daemon.wait_for("timeline starts at (\\S+)", 10s);
    ASSERT_TRUE(origin_text) << daemon.output();
    std::this_thread::sleep_until(Clock::time_point(start + 2s));

    // status: what is on the air now, as JSON.
    const auto status = run_onair({"status", station.string(), "--json"}, folder.path());
    ASSERT_EQ(status.exit_code, 0) << status.err;
    const auto json = nlohmann::json::parse(status.out);
    ASSERT_TRUE(json["on_air"].is_object()) << status.out;
    EXPECT_EQ(json["on_air"]["programme"], "long");
    EXPECT_NEAR(json["on_air"]["elapsed_s"].get<double>(), 2.0, 1.0);
    const auto human = run_onair({"status", station.string()}, folder.path());
    EXPECT_THAT(human.out, HasSubstr("Chương trình dài"));

    // An emergency pre-empts the programme at once; it resumes after.
    const Instant asked = now_ms();
    const auto insert =
        run_onair({"insert", station.string(), (folder.path() / "alert.wav").string(), "--priority",
                   "emergency"},
                  folder.path());
    ASSERT_EQ(insert.exit_code, 0) << insert.err;
    std::this_thread::sleep_for(4500ms);
    // skip what is on the air then (the programme, joined again).
    const auto skip = run_onair({"skip", station.string()}, folder.path());
    EXPECT_EQ(skip.exit_code, 0) << skip.err;
    std::this_thread::sleep_for(3s);
    daemon.signal(SIGTERM);
    ASSERT_EQ(daemon.wait(10s), 0) << daemon.output();

    airlog::AsAiredLog log(folder.path() / "onair.db");
    std::vector<airlog::Row> programme, emergency;
    for (const auto& row : log.rows_between(t0 - 1min, t0 + 2min)) {
        EXPECT_NE(row.status, Status::on_air);
        if (row.programme == "long") {
            programme.push_back(row);
        } else if (row.role == "emergency") {
            emergency.push_back(row);
        }
    }
    ASSERT_EQ(emergency.size(), 1u) << daemon.output();
    EXPECT_EQ(emergency[0].status, Status::aired);
    EXPECT_LE(*emergency[0].actual_start - asked, 1500ms);  // "at once"
    EXPECT_EQ(*emergency[0].actual_end - *emergency[0].actual_start, 2s);
    ASSERT_EQ(programme.size(), 2u) << daemon.output();
    EXPECT_EQ(programme[0].status, Status::partial);
    EXPECT_EQ(programme[0].note, "preempted by emergency");
    EXPECT_EQ(programme[0].actual_end, emergency[0].actual_start);
    EXPECT_EQ(programme[1].status, Status::skipped);
    EXPECT_EQ(programme[1].actual_start, emergency[0].actual_end);
    EXPECT_THAT(programme[1].note, HasSubstr("skipped by the operator"));

    // The recording agrees: the alert's tone where the log says it aired.
    const Instant origin = parse_instant(*origin_text);
    const auto air = decode_recording(folder.path() / "rec.ogg");
    const auto at = [&](Instant instant) { return (instant - origin).count() * 48; };
    EXPECT_NEAR(frequency_at(air, at(*emergency[0].actual_start) + 2400), 2000, 30);
    EXPECT_NEAR(frequency_at(air, at(*emergency[0].actual_end) + 2400), 700, 30);
}

TEST(RunControl, AnEmergencyPreemptsARelayAndTheRelayComesBack) {
    TempFolder folder("onair-run-relay");
    // The provincial stream: a 1200 Hz tone, served in real time on 127.0.0.1.
    HttpStreamServer province(mp3_tone_stream(1200, 60s), mp3_tone_stream(0, 2s), 40);
    write_tone_steps(folder.path() / "media/fallback.wav", std::vector<double>(30, 330));
    write_tone_steps(folder.path() / "media/filler/f.wav", std::vector<double>(3, 300));
    write_tone_steps(folder.path() / "alert.wav", std::vector<double>(2, 2000));
    const Instant t0 = window_start(3s);
    const Instant start = t0 + 6s;  // the relay is handed over before the window opens
    const std::string programmes =
        "  - { id: tinh, title: \"Tiếp sóng tỉnh\", source: { relay: \"" + province.url() +
        "\", fallback: fallback.wav }, duration: 20s, daily: { at: \"" + clock_time(start) +
        "\" } }\n";
    const auto station = write_station(folder.path(), t0, t0 + 60s, programmes, "rec.ogg");
    DaemonProcess daemon(station, folder.path() / "daemon.log");
    const auto origin_text = daemon.wait_for("timeline starts at (\\S+)", 10s);
    ASSERT_TRUE(origin_text) << daemon.output();
    std::this_thread::sleep_until(Clock::time_point(start + 4s));

    const auto status = run_onair({"status", station.string(), "--json"}, folder.path());
    ASSERT_EQ(status.exit_code, 0) << status.err;
    const auto json = nlohmann::json::parse(status.out);
    ASSERT_TRUE(json["relay"].is_object()) << status.out;
    EXPECT_EQ(json["relay"]["state"], "connected") << status.out;

    const auto insert =
        run_onair({"insert", station.string(), (folder.path() / "alert.wav").string(), "--priority",
                   "emergency"},
                  folder.path());
    ASSERT_EQ(insert.exit_code, 0) << insert.err;
    std::this_thread::sleep_until(Clock::time_point(start + 12s));
    daemon.signal(SIGTERM);
    ASSERT_EQ(daemon.wait(10s), 0) << daemon.output();

    airlog::AsAiredLog log(folder.path() / "onair.db");
    std::vector<airlog::Row> relay, emergency;
    for (const auto& row : log.rows_between(t0 - 1min, t0 + 2min)) {
        EXPECT_NE(row.status, Status::on_air);
        if (row.programme == "tinh") {
            relay.push_back(row);
        } else if (row.role == "emergency") {
            emergency.push_back(row);
        }
    }
    ASSERT_EQ(emergency.size(), 1u) << daemon.output();
    EXPECT_EQ(emergency[0].status, Status::aired);
    ASSERT_EQ(relay.size(), 2u) << daemon.output();
    EXPECT_EQ(relay[0].status, Status::partial);
    EXPECT_EQ(relay[0].actual_start, start);
    EXPECT_EQ(relay[0].actual_end, emergency[0].actual_start);
    EXPECT_THAT(relay[0].note, HasSubstr("preempted by emergency"));
    EXPECT_EQ(relay[1].actual_start, emergency[0].actual_end);  // the relay comes back

    // On the recording: the stream, the alert, the stream again (not the fallback).
    const Instant origin = parse_instant(*origin_text);
    const auto air = decode_recording(folder.path() / "rec.ogg");
    const auto at = [&](Instant instant) { return (instant - origin).count() * 48; };
    EXPECT_NEAR(frequency_at(air, at(start + 1s)), 1200, 30);
    EXPECT_NEAR(frequency_at(air, at(*emergency[0].actual_start) + 2400), 2000, 30);
    EXPECT_NEAR(frequency_at(air, at(*emergency[0].actual_end) + 24000), 1200, 30);
}

}  // namespace
}  // namespace onair::testing
