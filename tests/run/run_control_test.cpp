// The operator's commands against a real `onair run`: status, an emergency
// insert that pre-empts a programme (which comes back on the sample the clock
// has reached) or a relay (which comes back), skip.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "../cli/RunOnair.hpp"
#include "../support/HttpStreamServer.hpp"
#include "RunFixture.hpp"

namespace onair::testing {
namespace {

using namespace std::chrono_literals;
using airlog::Status;
using ::testing::HasSubstr;

class RunControlTest : public RunFixture {};

TEST_F(RunControlTest, StatusEmergencyThenTheProgrammeOnTheClocksSampleThenSkip) {
    // Noise: the recording says which sample of the programme plays where.
    const auto programme = write_noise(media("p/long.wav"), 20, 7);
    write_tone_steps(media("filler/f.wav"), std::vector<double>(3, 300));
    write_tone_steps(folder.path() / "alert.wav", std::vector<double>(2, 2000));
    const Instant t0 = window_start(5s);
    const Instant start = t0 + 1s;
    const std::string programmes =
        "  - { id: long, title: \"Chương trình dài\", source: { file: p/long.wav }, daily: { at: "
        "\"" +
        zone.clock_time(start) + "\" } }\n";
    const auto file = station(t0, t0 + 60s, programmes, "rec.ogg");
    auto daemon = start_daemon(file);
    ASSERT_TRUE(daemon);
    ASSERT_TRUE(daemon->wait_for("on air: Chương trình dài", 20s)) << daemon->output();
    std::this_thread::sleep_for(1500ms);  // some programme before the emergency

    // status: what is on the air now, as JSON; the elapsed time is between
    // the programme's start and the moments around the question.
    const Instant asked = now_ms();
    const auto status = run_onair({"status", file.string(), "--json"}, folder.path());
    const Instant answered = now_ms();
    ASSERT_EQ(status.exit_code, 0) << status.err;
    const auto json = nlohmann::json::parse(status.out);
    ASSERT_TRUE(json["on_air"].is_object()) << status.out;
    EXPECT_EQ(json["on_air"]["programme"], "long");
    const double elapsed = json["on_air"]["elapsed_s"].get<double>();
    EXPECT_GE(elapsed, std::chrono::duration<double>(asked - start).count() - 0.05);
    EXPECT_LE(elapsed, std::chrono::duration<double>(answered - start).count() + 0.05);
    const auto human = run_onair({"status", file.string()}, folder.path());
    EXPECT_THAT(human.out, HasSubstr("Chương trình dài"));

    // An emergency pre-empts the programme at once; it resumes after.
    const Instant insert_asked = now_ms();
    const auto insert = run_onair({"insert", file.string(), (folder.path() / "alert.wav").string(),
                                   "--priority", "emergency"},
                                  folder.path());
    const Instant insert_answered = now_ms();
    ASSERT_EQ(insert.exit_code, 0) << insert.err;
    ASSERT_TRUE(daemon->wait_for_count("on air: Chương trình dài", 2, 20s)) << daemon->output();
    std::this_thread::sleep_for(2s);  // some programme after the emergency
    // skip what is on the air then (the programme, joined again).
    const auto skip = run_onair({"skip", file.string()}, folder.path());
    EXPECT_EQ(skip.exit_code, 0) << skip.err;
    ASSERT_TRUE(
        wait_for_row([](const airlog::Row& row) { return row.status == Status::skipped; }, 20s))
        << daemon->output();
    daemon->signal(SIGTERM);
    ASSERT_EQ(daemon->wait(20s), 0) << daemon->output();

    std::vector<airlog::Row> runs, emergency;
    for (const auto& row : rows()) {
        EXPECT_NE(row.status, Status::on_air);
        if (row.programme == "long") {
            runs.push_back(row);
        } else if (row.role == "emergency") {
            emergency.push_back(row);
        }
    }
    ASSERT_EQ(emergency.size(), 1u) << daemon->output();
    EXPECT_EQ(emergency[0].status, Status::aired);
    // "At once": after the question, and within the daemon's join delay
    // (0.6 s) of its answer.
    EXPECT_GE(*emergency[0].actual_start, insert_asked);
    EXPECT_LE(*emergency[0].actual_start, insert_answered + 1s);
    EXPECT_EQ(*emergency[0].actual_end - *emergency[0].actual_start, 2s);
    ASSERT_EQ(runs.size(), 2u) << daemon->output();
    EXPECT_EQ(runs[0].status, Status::partial);
    EXPECT_EQ(runs[0].note, "preempted by emergency");
    EXPECT_EQ(runs[0].actual_end, emergency[0].actual_start);
    EXPECT_EQ(runs[1].status, Status::skipped);
    EXPECT_EQ(runs[1].actual_start, emergency[0].actual_end);
    EXPECT_THAT(runs[1].note, HasSubstr("skipped by the operator"));

    // The recording: the alert's tone where the log says it aired, and the
    // programme after it exactly where the clock has gone on without it: the
    // programme's first sample found before the emergency, the sample after
    // the emergency is that far from it.
    const auto air = decode_recording(folder.path() / "rec.ogg");
    EXPECT_NEAR(frequency_at(air, sample_at(*emergency[0].actual_start) + 2400), 2000, 30);
    const std::int64_t before = sample_at(start + 1s);
    const Location first = locate(air, before, 4800, programme);
    ASSERT_GT(first.likeness, 0.9) << "the programme before the emergency";
    const std::int64_t programme_first = before - first.medium_sample;
    for (const auto after : {300ms, 1200ms}) {
        const std::int64_t at = sample_at(*emergency[0].actual_end + after);
        const Location back = locate(air, at, 4800, programme);
        EXPECT_GT(back.likeness, 0.9) << after.count() << " ms after the emergency";
        EXPECT_NEAR(back.medium_sample, at - programme_first, 48)
            << after.count() << " ms after the emergency";
    }
}

TEST_F(RunControlTest, AnEmergencyPreemptsARelayAndTheRelayComesBack) {
    // The provincial stream: a 1200 Hz tone, served in real time on 127.0.0.1.
    HttpStreamServer province(mp3_tone_stream(1200, 60s), mp3_tone_stream(0, 2s), 40);
    write_tone_steps(media("fallback.wav"), std::vector<double>(30, 330));
    write_tone_steps(media("filler/f.wav"), std::vector<double>(3, 300));
    write_tone_steps(folder.path() / "alert.wav", std::vector<double>(2, 2000));
    const Instant t0 = window_start(5s);
    const Instant start = t0 + 6s;  // the relay is handed over before the window opens
    const std::string programmes =
        "  - { id: tinh, title: \"Tiếp sóng tỉnh\", source: { relay: \"" + province.url() +
        "\", fallback: fallback.wav }, duration: 20s, daily: { at: \"" + zone.clock_time(start) +
        "\" } }\n";
    const auto file = station(t0, t0 + 60s, programmes, "rec.ogg");
    auto daemon = start_daemon(file);
    ASSERT_TRUE(daemon);
    ASSERT_TRUE(daemon->wait_for("on air: Tiếp sóng tỉnh", 30s)) << daemon->output();
    std::this_thread::sleep_for(1500ms);  // some relay before the emergency

    const auto status = run_onair({"status", file.string(), "--json"}, folder.path());
    ASSERT_EQ(status.exit_code, 0) << status.err;
    const auto json = nlohmann::json::parse(status.out);
    ASSERT_TRUE(json["relay"].is_object()) << status.out;
    EXPECT_EQ(json["relay"]["state"], "connected") << status.out;

    const auto insert = run_onair({"insert", file.string(), (folder.path() / "alert.wav").string(),
                                   "--priority", "emergency"},
                                  folder.path());
    ASSERT_EQ(insert.exit_code, 0) << insert.err;
    ASSERT_TRUE(daemon->wait_for_count("on air: Tiếp sóng tỉnh", 2, 20s)) << daemon->output();
    std::this_thread::sleep_for(1500ms);  // some relay after the emergency
    daemon->signal(SIGTERM);
    ASSERT_EQ(daemon->wait(20s), 0) << daemon->output();

    std::vector<airlog::Row> relay, emergency;
    for (const auto& row : rows()) {
        EXPECT_NE(row.status, Status::on_air);
        if (row.programme == "tinh") {
            relay.push_back(row);
        } else if (row.role == "emergency") {
            emergency.push_back(row);
        }
    }
    ASSERT_EQ(emergency.size(), 1u) << daemon->output();
    EXPECT_EQ(emergency[0].status, Status::aired);
    ASSERT_EQ(relay.size(), 2u) << daemon->output();
    EXPECT_EQ(relay[0].status, Status::partial);
    EXPECT_EQ(relay[0].actual_start, start);
    EXPECT_EQ(relay[0].actual_end, emergency[0].actual_start);
    EXPECT_THAT(relay[0].note, HasSubstr("preempted by emergency"));
    EXPECT_EQ(relay[1].actual_start, emergency[0].actual_end);  // the relay comes back

    // On the recording: the stream, the alert, the stream again (not the fallback).
    const auto air = decode_recording(folder.path() / "rec.ogg");
    EXPECT_NEAR(frequency_at(air, sample_at(start + 1s)), 1200, 30);
    EXPECT_NEAR(frequency_at(air, sample_at(*emergency[0].actual_start) + 2400), 2000, 30);
    EXPECT_NEAR(frequency_at(air, sample_at(*emergency[0].actual_end) + 24000), 1200, 30);
}

}  // namespace
}  // namespace onair::testing
