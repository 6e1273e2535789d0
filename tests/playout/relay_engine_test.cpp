// Relay items on the real clock: a tiny HTTP server in the test
// (tests/support/HttpStreamServer.hpp) serves a 1000 Hz MP3 stream in real
// time and then misbehaves on cue; the fallback file is a 440 Hz tone. The air
// is recorded with the float WAV output, and the recording is read back in
// 25 ms windows (which tone sounds in each) to check when the relay, the
// fallback and silence were on the air, against the moment each fault began.

#include <gtest/gtest.h>
#include "../support/HttpStreamServer.hpp"
#include "../support/LocalIcecast.hpp"
#include "AirHarness.hpp"
#include "RecordedAudio.hpp"
#include "TestMedia.hpp"

#include <chrono>
#include <cmath>
#include <filesystem>
#include <functional>
#include <map>
#include <numbers>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "onair/playout/PlayoutEngine.hpp"

namespace onair::playout {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using onair::testing::HttpStreamServer;
using scheduler::TimePoint;
using testing::first_sound;
using testing::read_wav_left;
using testing::samples_per_ms;
using testing::tone_amplitude;
using Mode = HttpStreamServer::Mode;

constexpr int relay_hz = 1000;
constexpr int fallback_hz = 440;
/// Analysis windows: 25 ms holds whole periods of both tones (25 and 11).
constexpr std::int64_t window = 25 * samples_per_ms;

const fs::path& scratch() {
    return testing::scratch_folder("onair-relay");
}

/// The fallback: a 440 Hz tone, 30 s, 48 kHz stereo S16 WAV (made once).
fs::path fallback_file() {
    static const fs::path path = [] {
        const fs::path file = scratch() / "fallback-440hz.wav";
        testing::write_test_tone(file, fallback_hz, 30s);
        return file;
    }();
    return path;
}

const onair::testing::FramedStream& tone_stream() {
    static const auto stream = onair::testing::mp3_tone_stream(relay_hz, 40s);
    return stream;
}

const onair::testing::FramedStream& silent_stream() {
    static const auto stream = onair::testing::mp3_tone_stream(0, 10s);
    return stream;
}

enum class Sound { silence, relay, fallback, mixed };

const char* name_of(Sound sound) {
    switch (sound) {
        case Sound::silence:
            return "silence";
        case Sound::relay:
            return "relay";
        case Sound::fallback:
            return "fallback";
        case Sound::mixed:
            return "mixed";
    }
    return "?";
}

/// What the air carried, window by window, from `from` on.
struct Timeline {
    std::int64_t from = 0;
    std::vector<Sound> windows;

    static Timeline of(const std::vector<float>& samples, std::int64_t from, std::int64_t to) {
        Timeline timeline{from, {}};
        for (std::int64_t at = from;
             at + window <= to && at + window <= static_cast<std::int64_t>(samples.size());
             at += window) {
            float peak = 0.0f;
            for (std::int64_t i = at; i < at + window; ++i) {
                peak = std::max(peak, std::abs(samples[static_cast<std::size_t>(i)]));
            }
            const double relay = tone_amplitude(samples, at, window, relay_hz);
            const double fallback = tone_amplitude(samples, at, window, fallback_hz);
            Sound sound = Sound::mixed;
            if (peak < 0.003f) {
                sound = Sound::silence;
            } else if (relay > 0.3 && fallback < 0.05) {
                sound = Sound::relay;
            } else if (fallback > 0.3 && relay < 0.05) {
                sound = Sound::fallback;
            }
            timeline.windows.push_back(sound);
        }
        return timeline;
    }

    std::int64_t sample_of(std::size_t index) const {
        return from + static_cast<std::int64_t>(index) * window;
    }

    /// The first window at or after `at` that carries `sound` (its first sample), or -1.
    std::int64_t first(Sound sound, std::int64_t at) const {
        for (std::size_t i = 0; i < windows.size(); ++i) {
            if (sample_of(i) >= at && windows[i] == sound) {
                return sample_of(i);
            }
        }
        return -1;
    }

    /// How many windows fully inside [a, b) do not carry `sound`.
    std::size_t other_than(Sound sound, std::int64_t a, std::int64_t b) const {
        std::size_t count = 0;
        for (std::size_t i = 0; i < windows.size(); ++i) {
            if (sample_of(i) >= a && sample_of(i) + window <= b && windows[i] != sound) {
                ++count;
            }
        }
        return count;
    }

    /// The longest run of silent windows inside [a, b), in samples.
    std::int64_t longest_silence(std::int64_t a, std::int64_t b) const {
        std::int64_t longest = 0, run = 0;
        for (std::size_t i = 0; i < windows.size(); ++i) {
            if (sample_of(i) < a || sample_of(i) + window > b) {
                continue;
            }
            run = windows[i] == Sound::silence ? run + window : 0;
            longest = std::max(longest, run);
        }
        return longest;
    }

    std::string describe(std::int64_t a, std::int64_t b) const {
        std::string text;
        Sound previous = Sound::mixed;
        bool first_one = true;
        for (std::size_t i = 0; i < windows.size(); ++i) {
            if (sample_of(i) < a || sample_of(i) >= b) {
                continue;
            }
            if (first_one || windows[i] != previous) {
                text += " " + std::to_string((sample_of(i) - a) / samples_per_ms) +
                        "ms:" + name_of(windows[i]);
                previous = windows[i];
                first_one = false;
            }
        }
        return text;
    }
};

struct RelayHeard {
    RelayEvent event;
    TimePoint at;
    std::string detail;
};

class Listener final : public PlayoutListener {
  public:
    void item_started(const std::string& id, TimePoint planned, TimePoint actual) override {
        order.push_back("started");
        started.push_back({id, planned, actual});
    }
    void item_ended(const std::string& id, TimePoint actual_end, EndReason kind,
                    const std::string& reason) override {
        order.push_back("ended");
        ended.push_back({id, actual_end, kind, reason});
    }
    void output_error(const std::string& output, const std::string& message) override {
        output_errors.push_back(output + ": " + message);
    }
    void relay_event(const std::string& id, RelayEvent event, TimePoint at,
                     const std::string& detail) override {
        EXPECT_EQ(id, "relay");
        static const char* names[] = {"connected", "dropped", "fallback", "rejoined"};
        order.push_back(names[static_cast<int>(event)]);
        relay.push_back({event, at, detail});
    }

    struct Started {
        std::string id;
        TimePoint planned, actual;
    };
    struct Ended {
        std::string id;
        TimePoint at;
        EndReason kind;
        std::string reason;
    };

    std::string sequence() const {
        std::string text;
        for (const auto& step : order) {
            text += (text.empty() ? "" : " ") + step;
        }
        return text;
    }
    const RelayHeard* find(RelayEvent event, std::size_t nth = 0) const {
        for (const RelayHeard& heard : relay) {
            if (heard.event == event && nth-- == 0) {
                return &heard;
            }
        }
        return nullptr;
    }
    std::string events_text() const {
        std::string text;
        for (const RelayHeard& heard : relay) {
            static const char* names[] = {"connected", "dropped", "fallback", "rejoined"};
            text +=
                std::string("\n  ") + names[static_cast<int>(heard.event)] + ": " + heard.detail;
        }
        return text;
    }

    std::vector<std::string> order;
    std::vector<Started> started;
    std::vector<Ended> ended;
    std::vector<RelayHeard> relay;
    std::vector<std::string> output_errors;
};

/// One relay airing on a fresh engine, with the server's faults on cue.
struct Scenario {
    std::chrono::milliseconds start_after = 2000ms;  // item start, from the engine's origin
    std::chrono::milliseconds length = 9000ms;
    bool with_fallback = true;
    std::chrono::milliseconds silence_tolerance = 5000ms;
    std::chrono::milliseconds fade_out = 500ms;
    std::size_t burst_frames = 0;
    /// Server modes, by time from the item's start (before: Mode::serve, or
    /// `initial` if set before scheduling).
    std::optional<Mode> initial;
    std::vector<std::pair<std::chrono::milliseconds, Mode>> cues;
    /// A cut() of the item at this time from its start, with a 300 ms fade.
    std::optional<std::chrono::milliseconds> cut_at;
};

struct Outcome {
    Listener listener;
    std::vector<float> samples;
    TimePoint origin;
    TimePoint start;
    TimePoint end;
    std::vector<TimePoint> cue_times;  // when the server applied each cue
    Timeline timeline;
    std::chrono::steady_clock::duration ran{};
    /// The longest poll(10ms): a relay being torn down must never hold the
    /// owner thread.
    std::chrono::steady_clock::duration longest_poll{};

    void timed_poll(PlayoutEngine& engine) {
        const auto before = std::chrono::steady_clock::now();
        engine.poll(10ms);
        longest_poll = std::max(longest_poll, std::chrono::steady_clock::now() - before);
    }

    std::int64_t sample(TimePoint instant) const {
        return (instant - origin).count() * samples_per_ms;
    }
};

void run(const Scenario& scenario, Outcome& outcome) {
    HttpStreamServer server(tone_stream(), silent_stream(), scenario.burst_frames);
    if (scenario.initial) {
        server.set_mode(*scenario.initial);
    }
    const fs::path recording = scratch() / "relay.wav";
    PlayoutEngine engine(
        {{"test-wav", OutputSpec::Kind::file, recording, OutputSpec::Encoding::wav}},
        outcome.listener);
    engine.start();
    outcome.origin = engine.origin();
    outcome.start = engine.origin() + scenario.start_after;
    outcome.end = outcome.start + scenario.length;
    PlayoutItem item{.id = "relay",
                     .file = scenario.with_fallback ? fallback_file() : fs::path(),
                     .relay_url = server.url(),
                     .start = outcome.start,
                     .max_length = scenario.length,
                     .fade_out = scenario.fade_out,
                     .cut_reason = "the relay's slot ends",
                     .relay_silence_tolerance = scenario.silence_tolerance};
    engine.schedule(item);
    const TimePoint until = outcome.end + 500ms;
    const auto began = std::chrono::steady_clock::now();
    const auto give_up = began + (until - engine.on_air_until()) + 10s;
    std::size_t next_cue = 0;
    bool cut_done = false;
    while (engine.on_air_until() < until) {
        ASSERT_LT(std::chrono::steady_clock::now(), give_up) << "the output stalled";
        outcome.timed_poll(engine);
        const auto now = std::chrono::system_clock::now();
        if (next_cue < scenario.cues.size() &&
            now >= outcome.start + scenario.cues[next_cue].first) {
            outcome.cue_times.push_back(std::chrono::time_point_cast<std::chrono::milliseconds>(
                server.set_mode(scenario.cues[next_cue].second)));
            ++next_cue;
        }
        if (scenario.cut_at && !cut_done && now >= outcome.start + *scenario.cut_at) {
            cut_done = engine.cut("relay", outcome.start + *scenario.cut_at, "emergency", 300ms);
            EXPECT_TRUE(cut_done);
        }
    }
    outcome.ran = std::chrono::steady_clock::now() - began;
    engine.poll(0ms);
    engine.stop();
    outcome.samples = read_wav_left(recording);
    outcome.timeline =
        Timeline::of(outcome.samples, 0, static_cast<std::int64_t>(outcome.samples.size()));
}

/// The recording covers the whole run: the air never stopped.
void expect_continuous(const Outcome& outcome) {
    EXPECT_GE(static_cast<std::int64_t>(outcome.samples.size()),
              outcome.sample(outcome.end + 500ms))
        << "the recording is shorter than the time the air ran";
    EXPECT_TRUE(outcome.listener.output_errors.empty());
    EXPECT_LT(outcome.longest_poll, 300ms) << "poll() was held up";
}

std::string context(const Outcome& outcome) {
    return "timeline:" +
           outcome.timeline.describe(outcome.sample(outcome.start), outcome.sample(outcome.end)) +
           "\nevents: " + outcome.listener.sequence() + outcome.listener.events_text();
}

/// Checks one fault: the relay until it, the fallback on the air within 2 s of
/// `fault` (the moment it became detectable), and the relay back by the end.
void expect_fallback_and_rejoin(const Outcome& outcome, TimePoint fault, TimePoint cue,
                                const char* cause) {
    const Timeline& air = outcome.timeline;
    const std::int64_t start = outcome.sample(outcome.start);
    const std::int64_t end = outcome.sample(outcome.end);
    const std::string why = context(outcome);
    // The relay from its exact start up to the cue.
    EXPECT_LE(air.other_than(Sound::relay, start, outcome.sample(cue) - 2 * window), 1u) << why;
    const std::int64_t fallback = air.first(Sound::fallback, outcome.sample(cue) - window);
    ASSERT_GE(fallback, 0) << "no fallback after the fault\n" << why;
    const auto delay = (fallback - outcome.sample(fault)) / samples_per_ms;
    ::testing::Test::RecordProperty(std::string(cause) + "_fault_to_fallback_ms",
                                    static_cast<int>(delay));
    EXPECT_LE(delay, 2000) << cause << ": fallback " << delay << " ms after the fault\n" << why;
    // Never a long silence in the slot (the stall itself is at most ~1.3 s).
    EXPECT_LE(air.longest_silence(start, end), 1500 * samples_per_ms) << why;

    const Listener& heard = outcome.listener;
    const RelayHeard* dropped = heard.find(RelayEvent::dropped);
    const RelayHeard* fell_back = heard.find(RelayEvent::fallback);
    const RelayHeard* rejoined = heard.find(RelayEvent::rejoined);
    ASSERT_TRUE(dropped && fell_back && rejoined) << why;
    EXPECT_EQ(heard.sequence(), "started connected dropped fallback rejoined ended") << why;
    // Event times agree with the recording (to a window).
    EXPECT_NEAR(static_cast<double>(outcome.sample(fell_back->at)), static_cast<double>(fallback),
                static_cast<double>(window + samples_per_ms))
        << why;
    EXPECT_LE(fell_back->at - dropped->at, 1500ms) << why;
    EXPECT_GE(dropped->at, cue) << why;
    // After the rejoin (a 300 ms crossfade), the relay again until the slot's fade.
    const std::int64_t back = outcome.sample(rejoined->at);
    EXPECT_LE(air.other_than(Sound::relay, back + 400 * samples_per_ms, end - 600 * samples_per_ms),
              1u)
        << why;
    EXPECT_LE(
        air.other_than(Sound::fallback, outcome.sample(fell_back->at) + window, back - window), 1u)
        << why;

    ASSERT_EQ(heard.started.size(), 1u);
    EXPECT_EQ(heard.started[0].actual, outcome.start);
    ASSERT_EQ(heard.ended.size(), 1u) << why;
    EXPECT_EQ(heard.ended[0].kind, EndReason::cut_at_max_length) << heard.ended[0].reason;
    EXPECT_EQ(heard.ended[0].reason, "the relay's slot ends");
    EXPECT_EQ(heard.ended[0].at, outcome.end);
    // Silence after the slot: both sources faded out and ended on its last sample.
    EXPECT_EQ(first_sound(outcome.samples, end), -1) << why;
    expect_continuous(outcome);
}

// ---------------------------------------------------------------------------

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
