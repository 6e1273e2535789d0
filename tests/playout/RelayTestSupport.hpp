#pragma once
// What the relay tests share: the 1000 Hz relay stream and 440 Hz fallback, the
// recording read back as a timeline of which tone sounded, and one relay airing
// run on a fresh engine with the server's faults on cue. Test thread plus the
// engine's listener callbacks (guarded in Listener); throws what GoogleTest
// assertions and the engine throw.

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

namespace onair::playout::relay_test {

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

inline const fs::path& scratch() {
    return testing::scratch_folder("onair-relay");
}

/// The fallback: a 440 Hz tone, 30 s, 48 kHz stereo S16 WAV (made once).
inline fs::path fallback_file() {
    static const fs::path path = [] {
        const fs::path file = scratch() / "fallback-440hz.wav";
        testing::write_test_tone(file, fallback_hz, 30s);
        return file;
    }();
    return path;
}

inline const onair::testing::FramedStream& tone_stream() {
    static const auto stream = onair::testing::mp3_tone_stream(relay_hz, 40s);
    return stream;
}

inline const onair::testing::FramedStream& silent_stream() {
    static const auto stream = onair::testing::mp3_tone_stream(0, 10s);
    return stream;
}

enum class Sound { silence, relay, fallback, mixed };

inline const char* name_of(Sound sound) {
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

inline void run(const Scenario& scenario, Outcome& outcome) {
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
inline void expect_continuous(const Outcome& outcome) {
    EXPECT_GE(static_cast<std::int64_t>(outcome.samples.size()),
              outcome.sample(outcome.end + 500ms))
        << "the recording is shorter than the time the air ran";
    EXPECT_TRUE(outcome.listener.output_errors.empty());
    EXPECT_LT(outcome.longest_poll, 300ms) << "poll() was held up";
}

inline std::string context(const Outcome& outcome) {
    return "timeline:" +
           outcome.timeline.describe(outcome.sample(outcome.start), outcome.sample(outcome.end)) +
           "\nevents: " + outcome.listener.sequence() + outcome.listener.events_text();
}

/// Checks one fault: the relay until it, the fallback on the air within 2 s of
/// `fault` (the moment it became detectable), and the relay back by the end.
inline void expect_fallback_and_rejoin(const Outcome& outcome, TimePoint fault, TimePoint cue,
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

}  // namespace onair::playout::relay_test
