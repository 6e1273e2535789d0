// Relay items on the real clock, when nothing goes wrong: on the air on their
// exact sample, joined at once when scheduled late, refused without a maximum
// length, and cut with a fade. The stream, the recording and the timeline are
// in RelayTestSupport.hpp.

#include <gtest/gtest.h>

#include "RelayTestSupport.hpp"

namespace onair::playout {
namespace {

using namespace relay_test;

TEST(Relay, GoesOnTheAirOnItsExactSampleAndEndsWithItsSlot) {
    Outcome outcome;
    // An Icecast-like burst of 2 s on connect: faster than real time at first.
    run({.length = 4000ms, .burst_frames = 84}, outcome);
    ASSERT_FALSE(HasFatalFailure());
    const std::int64_t start = outcome.sample(outcome.start);
    const std::int64_t end = outcome.sample(outcome.end);
    const std::string why = context(outcome);
    // Nothing before the start; the relay's first sample on the planned one.
    // Every MP3 frame of the test stream holds 24 whole periods of the tone
    // and the relay goes on the air on a frame's first sample, sin(0) = 0: so
    // the first sound is the sample after the planned one, then the sine.
    EXPECT_EQ(first_sound(outcome.samples), start + 1) << why;
    EXPECT_NEAR(outcome.samples[static_cast<std::size_t>(start + 1)],
                0.8 * std::sin(2.0 * std::numbers::pi * relay_hz / 48000.0), 0.02);
    EXPECT_EQ(outcome.timeline.other_than(Sound::relay, start, end - 500 * samples_per_ms), 0u)
        << why;
    EXPECT_EQ(first_sound(outcome.samples, end), -1) << "the slot ends on its exact sample";
    EXPECT_NE(outcome.samples[static_cast<std::size_t>(end - 100)], 0.0f);

    const Listener& heard = outcome.listener;
    EXPECT_EQ(heard.sequence(), "started connected ended") << why;
    ASSERT_EQ(heard.started.size(), 1u);
    EXPECT_EQ(heard.started[0].planned, outcome.start);
    EXPECT_EQ(heard.started[0].actual, outcome.start);
    ASSERT_EQ(heard.relay.size(), 1u);
    EXPECT_EQ(heard.relay[0].at, outcome.start);
    ASSERT_EQ(heard.ended.size(), 1u);
    EXPECT_EQ(heard.ended[0].kind, EndReason::cut_at_max_length);
    EXPECT_EQ(heard.ended[0].at, outcome.end);
    expect_continuous(outcome);
}

TEST(Relay, ScheduledAfterItsStartJoinsAtOnce) {
    // A restart in the middle of a relay: the daemon schedules it again with
    // its planned start, now in the past.
    HttpStreamServer server(tone_stream(), silent_stream());
    const fs::path recording = scratch() / "relay-join.wav";
    Outcome outcome;
    PlayoutEngine engine(
        {{"test-wav", OutputSpec::Kind::file, recording, OutputSpec::Encoding::wav}},
        outcome.listener);
    engine.start();
    outcome.origin = engine.origin();
    outcome.start = engine.origin() + 300ms;
    outcome.end = outcome.start + 4000ms;
    const auto give_up = std::chrono::steady_clock::now() + 15s;
    while (engine.on_air_until() < engine.origin() + 1000ms) {
        outcome.timed_poll(engine);
    }
    const TimePoint scheduled =
        std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
    engine.schedule({.id = "relay",
                     .file = fallback_file(),
                     .relay_url = server.url(),
                     .start = outcome.start,
                     .max_length = 4000ms,
                     .fade_out = 500ms});
    while (engine.on_air_until() < outcome.end + 500ms) {
        ASSERT_LT(std::chrono::steady_clock::now(), give_up) << "the output stalled";
        outcome.timed_poll(engine);
    }
    engine.poll(0ms);
    engine.stop();
    outcome.samples = read_wav_left(recording);
    outcome.timeline =
        Timeline::of(outcome.samples, 0, static_cast<std::int64_t>(outcome.samples.size()));

    const Listener& heard = outcome.listener;
    const std::string why = context(outcome);
    EXPECT_EQ(heard.sequence(), "started connected ended") << why;
    ASSERT_EQ(heard.started.size(), 1u);
    EXPECT_EQ(heard.started[0].planned, outcome.start);
    // On the air within the daemon's 2 s target after being scheduled.
    EXPECT_LE(heard.started[0].actual - scheduled, 1500ms) << why;
    const std::int64_t on = outcome.sample(heard.started[0].actual);
    // Its first sample is there; the sound may begin a frame later, as an MP3
    // decoder joining a stream mid-way can give a silent first frame (it
    // lacks the bit reservoir), and here the connection's first audio airs.
    EXPECT_GE(first_sound(outcome.samples), on + 1) << why;
    EXPECT_LE(first_sound(outcome.samples), on + 2 * 1152 + 1) << why;
    EXPECT_EQ(outcome.timeline.other_than(Sound::relay, on + window,
                                          outcome.sample(outcome.end) - 500 * samples_per_ms),
              0u)
        << why;
    ASSERT_EQ(heard.ended.size(), 1u);
    EXPECT_EQ(heard.ended[0].kind, EndReason::cut_at_max_length);
    EXPECT_EQ(heard.ended[0].at, outcome.end);
    expect_continuous(outcome);
}

TEST(Relay, WithoutMaxLengthIsRefused) {
    Listener listener;
    PlayoutEngine engine({{"nowhere", OutputSpec::Kind::null, {}, {}}}, listener);
    engine.start();
    engine.schedule({.id = "relay",
                     .relay_url = "http://127.0.0.1:9/x.mp3",
                     .start = engine.origin() + 2000ms});
    const auto give_up = std::chrono::steady_clock::now() + 2s;
    while (listener.ended.empty() && std::chrono::steady_clock::now() < give_up) {
        engine.poll(20ms);
    }
    engine.stop();
    ASSERT_EQ(listener.ended.size(), 1u);
    EXPECT_EQ(listener.ended[0].kind, EndReason::failed);
    EXPECT_NE(listener.ended[0].reason.find("max_length"), std::string::npos);
}

TEST(Relay, ACutEndsItWithAFadeOnTheRequestedSample) {
    Outcome outcome;
    run({.length = 6000ms, .cut_at = 1500ms}, outcome);
    ASSERT_FALSE(HasFatalFailure());
    const Listener& heard = outcome.listener;
    ASSERT_EQ(heard.ended.size(), 1u);
    EXPECT_EQ(heard.ended[0].kind, EndReason::cut);
    EXPECT_EQ(heard.ended[0].reason, "emergency");
    // Asked for "now": the cut lands after what the relay had already handed
    // to the mixer (its jitter buffer), within a second.
    EXPECT_GE(heard.ended[0].at, outcome.start + 1500ms);
    EXPECT_LE(heard.ended[0].at, outcome.start + 2500ms);
    const std::int64_t cut = outcome.sample(heard.ended[0].at);
    EXPECT_EQ(first_sound(outcome.samples, cut), -1) << context(outcome);
    EXPECT_NE(outcome.samples[static_cast<std::size_t>(cut - 500)], 0.0f);
    expect_continuous(outcome);
}

}  // namespace
}  // namespace onair::playout
