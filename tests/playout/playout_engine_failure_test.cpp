// PlayoutEngine on the real clock when something goes wrong: broken media, a stop
// with an item waiting in the mixer, an output that fails while running. The air
// is recorded and checked as in playout_engine_test.cpp.

#include <gtest/gtest.h>

#include "PlayoutEngineTestSupport.hpp"

namespace onair::playout {
namespace {

using namespace engine_test;
using onair::testing::read_prefix;
using onair::testing::write_bytes;

TEST(PlayoutEngine, BrokenMediaFailsAndTheAirGoesOn) {
    const fs::path folder = scratch() / "broken";
    fs::create_directories(folder);
    write_bytes(folder / "empty.mp3", "");
    std::mt19937 random(20261122);
    std::string garbage(64 * 1024, '\0');
    for (char& byte : garbage) {
        byte = static_cast<char>(random() & 0xff);
    }
    write_bytes(folder / "garbage.mp3", garbage);
    write_bytes(folder / "notes.wav", "Bản tin sáng thứ hai.\n");
    write_bytes(folder / "cut.ogg", read_prefix(tone(ogg, 440, 2500ms), 200));
    const fs::path good = tone(wav, 880, 300ms);
    ASSERT_FALSE(HasFatalFailure());
    const fs::path recording = scratch() / "broken.wav";

    EventLog listener;
    // A folder that cannot be made (a file is in its way), even by root.
    write_bytes(folder / "not-a-folder", "x");
    PlayoutEngine engine({wav_output(recording),
                          {"unwritable", OutputSpec::Kind::file, folder / "not-a-folder" / "a.wav",
                           OutputSpec::Encoding::wav}},
                         listener);
    engine.start();
    const TimePoint broken_start = engine.origin() + 1000ms;
    const std::vector<std::pair<std::string, fs::path>> broken = {
        {"missing", folder / "chua-tai-len.mp3"}, {"zero-bytes", folder / "empty.mp3"},
        {"garbage", folder / "garbage.mp3"},      {"text-named-wav", folder / "notes.wav"},
        {"truncated-ogg", folder / "cut.ogg"},
    };
    for (const auto& [id, path] : broken) {
        engine.schedule({.id = id, .file = path, .start = broken_start});
    }
    // After the broken ones have failed (at most start_grace after their start).
    const TimePoint good_start = broken_start + 2500ms;
    engine.schedule({.id = "good", .file = good, .start = good_start});
    play_until(engine, good_start + 300ms + 300ms);
    ASSERT_FALSE(HasFatalFailure());
    engine.poll(0ms);
    engine.stop();

    for (const auto& [id, path] : broken) {
        const EventLog::Ended* ended = listener.find_ended(id);
        ASSERT_NE(ended, nullptr) << id << " was never reported";
        EXPECT_EQ(ended->kind, EndReason::failed) << id;
        EXPECT_FALSE(ended->reason.empty()) << id;
        // Errors come at once; a decodebin that lost its error is failed by the
        // 2 s start watchdog (plus poll latency).
        EXPECT_LE(ended->actual_end, broken_start + 2500ms) << id << ": " << ended->reason;
        RecordProperty(id, ended->reason);
    }
    ASSERT_EQ(listener.started.size(), 1u);
    EXPECT_EQ(listener.started[0].id, "good");
    ASSERT_EQ(listener.output_errors.size(), 1u);
    EXPECT_EQ(listener.output_errors[0].first, "unwritable");

    const std::vector<float> samples = read_wav_left(recording);
    const std::int64_t from = sample_of(engine, good_start);
    // Silence everywhere but the good item, which starts on its exact sample.
    EXPECT_EQ(first_sound(samples), from);
    EXPECT_EQ(mismatches(samples, from, read_wav_left(good)), 0u);
    EXPECT_EQ(first_sound(samples, from + 300 * samples_per_ms), -1);
    EXPECT_GE(static_cast<std::int64_t>(samples.size()), from + 600 * samples_per_ms);
}

TEST(PlayoutEngine, StopWithAnItemWaitingInTheMixerIsPromptAndFinalizesTheFile) {
    const fs::path media = tone(wav, 440, 4000ms);
    ASSERT_FALSE(HasFatalFailure());
    const fs::path recording = scratch() / "stopped.wav";
    EventLog listener;
    PlayoutEngine engine({wav_output(recording)}, listener);
    engine.start();
    // Prerolled (its decoder is blocked in the mixer's pad) but not yet on air.
    engine.schedule({.id = "later", .file = media, .start = engine.origin() + 3000ms});
    play_until(engine, engine.origin() + 1200ms);
    ASSERT_FALSE(HasFatalFailure());
    const auto before = std::chrono::steady_clock::now();
    engine.stop();
    EXPECT_LT(std::chrono::steady_clock::now() - before, 1s);
    EXPECT_TRUE(listener.started.empty());
    const std::vector<float> samples = read_wav_left(recording);
    EXPECT_GE(static_cast<std::int64_t>(samples.size()), 1200 * samples_per_ms);
    EXPECT_EQ(first_sound(samples), -1);
}

TEST(PlayoutEngine, AnOutputThatFailsWhileRunningIsReportedAndTheOthersGoOn) {
    const fs::path media = tone(wav, 880, 300ms);
    ASSERT_FALSE(HasFatalFailure());
    const fs::path recording = scratch() / "survivor.wav";
    EventLog listener;
    // /dev/full opens, then every write fails with "no space left".
    PlayoutEngine engine(
        {wav_output(recording), {"full-disk", OutputSpec::Kind::file, "/dev/full", {}}}, listener);
    engine.start();
    const TimePoint start = engine.origin() + 1500ms;
    engine.schedule({.id = "after", .file = media, .start = start});
    play_until(engine, start + 600ms);
    ASSERT_FALSE(HasFatalFailure());
    engine.poll(0ms);
    engine.stop();

    ASSERT_EQ(listener.output_errors.size(), 1u);
    EXPECT_EQ(listener.output_errors[0].first, "full-disk");
    RecordProperty("error", listener.output_errors[0].second);
    ASSERT_EQ(listener.ended.size(), 1u);
    EXPECT_EQ(listener.ended[0].kind, EndReason::complete);
    const std::vector<float> samples = read_wav_left(recording);
    const std::int64_t from = sample_of(engine, start);
    EXPECT_EQ(first_sound(samples), from);
    EXPECT_EQ(mismatches(samples, from, read_wav_left(media)), 0u);
    EXPECT_GE(static_cast<std::int64_t>(samples.size()), from + 600 * samples_per_ms);
}

}  // namespace
}  // namespace onair::playout
