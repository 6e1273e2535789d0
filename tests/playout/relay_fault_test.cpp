// Relay items on the real clock when the source misbehaves: a tiny HTTP server
// (tests/support/HttpStreamServer.hpp), or a real Icecast, stalls, closes,
// sends garbage or silence, or is unreachable; the fallback (a 440 Hz tone) must
// be on the air within the tolerance of the moment each fault began, and the
// relay must rejoin. Read back from the float WAV recording in 25 ms windows.

#include <gtest/gtest.h>

#include "RelayTestSupport.hpp"

namespace onair::playout {
namespace {

using namespace relay_test;

TEST(Relay, AStallFallsBackWithinTwoSecondsAndTheRelayRejoins) {
    Outcome outcome;
    run({.cues = {{2000ms, Mode::stall}, {4500ms, Mode::serve}}}, outcome);
    ASSERT_FALSE(HasFatalFailure());
    ASSERT_EQ(outcome.cue_times.size(), 2u);
    // The fault: the server stopped sending.
    expect_fallback_and_rejoin(outcome, outcome.cue_times[0], outcome.cue_times[0], "stall");
    const RelayHeard* dropped = outcome.listener.find(RelayEvent::dropped);
    ASSERT_NE(dropped, nullptr);
    EXPECT_TRUE(dropped->detail.starts_with("stalled")) << dropped->detail;
}

TEST(Relay, AClosedStreamFallsBackRightAfterItsLastSampleAndRejoins) {
    Outcome outcome;
    run({.cues = {{2000ms, Mode::close}, {3500ms, Mode::serve}}}, outcome);
    ASSERT_FALSE(HasFatalFailure());
    ASSERT_EQ(outcome.cue_times.size(), 2u);
    expect_fallback_and_rejoin(outcome, outcome.cue_times[0], outcome.cue_times[0], "close");
    const RelayHeard* dropped = outcome.listener.find(RelayEvent::dropped);
    ASSERT_NE(dropped, nullptr);
    EXPECT_EQ(dropped->detail, "closed by the server");
    // Detected at once: the audio already received plays out and the fallback
    // follows it, with no silence in between.
    const RelayHeard* fallback = outcome.listener.find(RelayEvent::fallback);
    ASSERT_NE(fallback, nullptr);
    EXPECT_LE(fallback->at - dropped->at, 150ms);
    EXPECT_LE(outcome.timeline.longest_silence(outcome.sample(outcome.start),
                                               outcome.sample(outcome.end)),
              300 * samples_per_ms)
        << context(outcome);
}

TEST(Relay, GarbageFallsBackWithinTwoSecondsAndTheRelayRejoins) {
    Outcome outcome;
    run({.length = 10000ms, .cues = {{2000ms, Mode::garbage}, {4000ms, Mode::serve}}}, outcome);
    ASSERT_FALSE(HasFatalFailure());
    ASSERT_EQ(outcome.cue_times.size(), 2u);
    expect_fallback_and_rejoin(outcome, outcome.cue_times[0], outcome.cue_times[0], "garbage");
}

TEST(Relay, SilenceLongerThanTheToleranceFallsBackAndSoundRejoins) {
    Outcome outcome;
    run({.silence_tolerance = 1500ms, .cues = {{2000ms, Mode::silence}, {5000ms, Mode::serve}}},
        outcome);
    ASSERT_FALSE(HasFatalFailure());
    ASSERT_EQ(outcome.cue_times.size(), 2u);
    // Silence is a fault only once it has lasted the tolerance.
    expect_fallback_and_rejoin(outcome, outcome.cue_times[0] + 1500ms, outcome.cue_times[0],
                               "silence");
    const RelayHeard* dropped = outcome.listener.find(RelayEvent::dropped);
    ASSERT_NE(dropped, nullptr);
    EXPECT_TRUE(dropped->detail.starts_with("silent for")) << dropped->detail;
    // The relay's silence stayed on the air for the tolerance, not less.
    EXPECT_GE(dropped->at - outcome.cue_times[0], 1500ms);
}

TEST(Relay, UnreachableAtTheStartPlaysTheFallbackOnTimeAndTheRelayJoinsLater) {
    Outcome outcome;
    run({.initial = Mode::refuse, .cues = {{1500ms, Mode::serve}}}, outcome);
    ASSERT_FALSE(HasFatalFailure());
    const std::int64_t start = outcome.sample(outcome.start);
    const std::int64_t end = outcome.sample(outcome.end);
    const std::string why = context(outcome);
    // The fallback file (lossless) starts on the planned sample exactly.
    EXPECT_EQ(first_sound(outcome.samples), start) << why;
    const Listener& heard = outcome.listener;
    EXPECT_EQ(heard.sequence(), "started dropped fallback connected ended") << why;
    const RelayHeard* dropped = heard.find(RelayEvent::dropped);
    const RelayHeard* connected = heard.find(RelayEvent::connected);
    ASSERT_TRUE(dropped && connected) << why;
    EXPECT_EQ(dropped->at, outcome.start);
    EXPECT_NE(dropped->detail.find("unreachable"), std::string::npos) << dropped->detail;
    // Retried every few seconds: on the air within one retry plus the rejoin's
    // second of sound after the server came back.
    EXPECT_LE(connected->at - outcome.cue_times.at(0), 5000ms) << why;
    EXPECT_LE(outcome.timeline.other_than(Sound::relay,
                                          outcome.sample(connected->at) + 400 * samples_per_ms,
                                          end - 600 * samples_per_ms),
              1u)
        << why;
    EXPECT_EQ(outcome.timeline.longest_silence(start, end), 0) << why;
    ASSERT_EQ(heard.ended.size(), 1u);
    EXPECT_EQ(heard.ended[0].kind, EndReason::cut_at_max_length);
    expect_continuous(outcome);
}

TEST(Relay, UnreachableWithoutAFallbackFailsWithTheReason) {
    Outcome outcome;
    run({.length = 3000ms, .with_fallback = false, .initial = Mode::refuse}, outcome);
    ASSERT_FALSE(HasFatalFailure());
    const Listener& heard = outcome.listener;
    EXPECT_TRUE(heard.started.empty());
    ASSERT_EQ(heard.ended.size(), 1u);
    EXPECT_EQ(heard.ended[0].kind, EndReason::failed);
    EXPECT_TRUE(heard.ended[0].reason.starts_with("relay http://127.0.0.1:"))
        << heard.ended[0].reason;
    EXPECT_NE(heard.ended[0].reason.find("unreachable"), std::string::npos)
        << heard.ended[0].reason;
    EXPECT_TRUE(heard.ended[0].reason.ends_with("; no fallback file")) << heard.ended[0].reason;
    // Given up a short grace after the planned start.
    EXPECT_GE(heard.ended[0].at, outcome.start + 2000ms);
    EXPECT_LE(heard.ended[0].at, outcome.start + 2300ms);
    EXPECT_EQ(first_sound(outcome.samples), -1);
    expect_continuous(outcome);
}

TEST(Relay, FromARealIcecastServerFallsBackWhenTheSourceGoesAndRejoins) {
    onair::testing::LocalIcecast icecast;
    auto feeder =
        std::make_unique<onair::testing::MountFeeder>(icecast, "/tinh.mp3", "mp3", relay_hz);
    ASSERT_TRUE(icecast.wait_for_source("/tinh.mp3", 5s)) << icecast.log_text();

    const fs::path recording = scratch() / "relay-icecast.wav";
    Outcome outcome;
    PlayoutEngine engine(
        {{"test-wav", OutputSpec::Kind::file, recording, OutputSpec::Encoding::wav}},
        outcome.listener);
    engine.start();
    outcome.origin = engine.origin();
    // Scheduled 3.5 s ahead (the daemon does 5 s): a fresh Icecast mount's
    // burst is small, and typefinding a 64 kbit/s MP3 takes about a second.
    outcome.start = engine.origin() + 3500ms;
    outcome.end = outcome.start + 10000ms;
    engine.schedule({.id = "relay",
                     .file = fallback_file(),
                     .relay_url = icecast.listen_url("/tinh.mp3"),
                     .start = outcome.start,
                     .max_length = 10000ms,
                     .fade_out = 500ms,
                     .cut_reason = "the relay's slot ends"});
    const auto give_up = std::chrono::steady_clock::now() + 25s;
    std::optional<TimePoint> source_gone;
    while (engine.on_air_until() < outcome.end + 500ms) {
        ASSERT_LT(std::chrono::steady_clock::now(), give_up) << "the output stalled";
        outcome.timed_poll(engine);
        const auto now = std::chrono::system_clock::now();
        if (!source_gone && now >= outcome.start + 2000ms) {
            feeder.reset();  // the provincial station's encoder goes away
            source_gone = std::chrono::time_point_cast<std::chrono::milliseconds>(
                std::chrono::system_clock::now());
        }
        if (!feeder && now >= outcome.start + 3000ms) {
            feeder = std::make_unique<onair::testing::MountFeeder>(icecast, "/tinh.mp3", "mp3",
                                                                   relay_hz);
        }
    }
    engine.poll(0ms);
    engine.stop();
    outcome.samples = read_wav_left(recording);
    outcome.timeline =
        Timeline::of(outcome.samples, 0, static_cast<std::int64_t>(outcome.samples.size()));

    const std::string why = context(outcome);
    const Listener& heard = outcome.listener;
    ASSERT_EQ(heard.started.size(), 1u) << why;
    EXPECT_EQ(heard.started[0].actual, outcome.start) << why;
    ASSERT_TRUE(source_gone);
    const std::int64_t fallback =
        outcome.timeline.first(Sound::fallback, outcome.sample(outcome.start));
    ASSERT_GE(fallback, 0) << why;
    EXPECT_LE((fallback - outcome.sample(*source_gone)) / samples_per_ms, 2000) << why;
    const RelayHeard* rejoined = heard.find(RelayEvent::rejoined);
    ASSERT_NE(rejoined, nullptr) << why;
    EXPECT_EQ(heard.sequence(), "started connected dropped fallback rejoined ended") << why;
    EXPECT_LE(outcome.timeline.other_than(Sound::relay,
                                          outcome.sample(rejoined->at) + 400 * samples_per_ms,
                                          outcome.sample(outcome.end) - 600 * samples_per_ms),
              1u)
        << why;
    EXPECT_LE(outcome.timeline.longest_silence(outcome.sample(outcome.start),
                                               outcome.sample(outcome.end)),
              1500 * samples_per_ms)
        << why;
    expect_continuous(outcome);
}

}  // namespace
}  // namespace onair::playout
