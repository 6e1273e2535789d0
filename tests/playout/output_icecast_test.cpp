// The `icecast` output against a real icecast2 on 127.0.0.1 (LocalIcecast):
// the air reaches a listener in MP3 and Ogg; a server that dies, refuses, or
// hangs is reported once and never holds up the air, the owner thread or the
// file recording; a server that comes back is rejoined by itself.

#include <gtest/gtest.h>
#include "../support/LocalIcecast.hpp"
#include "../support/TempFolder.hpp"
#include "AirHarness.hpp"
#include "RecordedAudio.hpp"
#include "TestMedia.hpp"

#include <chrono>
#include <cmath>
#include <functional>
#include <future>
#include <string>
#include <vector>

#include "onair/playout/PlayoutEngine.hpp"

namespace onair::playout {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using onair::testing::LocalIcecast;
using onair::testing::TempFolder;
using scheduler::TimePoint;
using testing::EventLog;
using testing::read_wav_left;
using testing::sample_of;
using testing::samples_per_ms;

/// The longest a poll() (or start(), stop()) may take here. poll() itself waits
/// at most 20 ms for news; a call that a stuck connection held up would take the
/// connect timeout (5 s) or stop()'s end-of-stream limit (5 s). A loaded 2-core
/// machine delays a thread by some hundreds of milliseconds, never by seconds.
constexpr auto held_up = 2s;

/// Polls the engine until `done` (or `timeout`); returns whether it came, and
/// records the longest single poll() call in `longest_poll`.
bool poll_until(PlayoutEngine& engine, const std::function<bool()>& done,
                std::chrono::milliseconds timeout, std::chrono::nanoseconds& longest_poll) {
    const auto give_up = std::chrono::steady_clock::now() + timeout;
    while (!done()) {
        if (std::chrono::steady_clock::now() > give_up) {
            return false;
        }
        const auto before = std::chrono::steady_clock::now();
        engine.poll(20ms);
        longest_poll = std::max(longest_poll, std::chrono::steady_clock::now() - before);
    }
    return true;
}

/// The RMS and the zero-crossing frequency of samples[from, to) (48 kHz).
struct Tone {
    double rms = 0;
    double frequency = 0;
};
Tone tone_in(const std::vector<float>& samples, std::size_t from, std::size_t to) {
    Tone tone;
    if (to > samples.size() || to <= from + 1) {
        return tone;
    }
    double sum = 0;
    int crossings = 0;
    for (std::size_t i = from; i < to; ++i) {
        sum += samples[i] * samples[i];
        if (i > from && (samples[i - 1] < 0) != (samples[i] < 0)) {
            ++crossings;
        }
    }
    tone.rms = std::sqrt(sum / static_cast<double>(to - from));
    tone.frequency = crossings / 2.0 / (static_cast<double>(to - from) / 48000.0);
    return tone;
}

/// A 1 kHz sine item of `length` at `start`; its reference samples.
PlayoutItem sine_item(const fs::path& folder, TimePoint start, std::chrono::milliseconds length) {
    const fs::path media = folder / "sine.wav";
    testing::write_wav(media, 48000, length.count() * samples_per_ms, testing::sine(1000.0));
    return {.id = "sine", .file = media, .start = start};
}

/// The recording holds the sine item exactly from its start to `until`: no
/// sample lost while an output failed.
void expect_continuous(const fs::path& recording, const PlayoutEngine& engine, TimePoint start,
                       TimePoint until) {
    const std::vector<float> samples = read_wav_left(recording);
    const std::int64_t from = sample_of(engine, start);
    const std::int64_t count = sample_of(engine, until) - from;
    const std::vector<float> reference =
        testing::expected_samples(testing::sine(1000.0), 48000, 0, count);
    EXPECT_EQ(testing::max_difference(samples, from, reference, 0, count), 0.0)
        << "the recording is not the air, sample for sample";
}

OutputSpec icecast(const std::string& name, const std::string& url,
                   OutputSpec::Encoding encoding = OutputSpec::Encoding::mp3) {
    return {.name = name,
            .kind = OutputSpec::Kind::icecast,
            .encoding = encoding,
            .url = url,
            .bitrate_kbps = 128};
}

TEST(OutputIcecast, TheAirReachesListenersInMp3AndOgg) {
    const TempFolder folder("onair-icecast");
    LocalIcecast server;
    EventLog events;
    PlayoutEngine engine(
        {icecast("mp3", server.source_url("/air.mp3")),
         icecast("ogg", server.source_url("/air.ogg"), OutputSpec::Encoding::ogg_vorbis)},
        events);
    engine.start();
    const TimePoint start = engine.origin() + 1000ms;
    engine.schedule(sine_item(folder.path(), start, 20s));
    std::chrono::nanoseconds longest_poll{0};
    ASSERT_TRUE(poll_until(
        engine,
        [&] {
            return engine.on_air_until() > start + 500ms && server.has_source("/air.mp3") &&
                   server.has_source("/air.ogg");
        },
        10s, longest_poll))
        << server.log_text();
    // Listen to both at once, while the engine keeps polling here.
    auto mp3 = std::async(std::launch::async, [&] {
        return onair::testing::listen_decoded(server.listen_url("/air.mp3"), 2500ms);
    });
    auto ogg = std::async(std::launch::async, [&] {
        return onair::testing::listen_decoded(server.listen_url("/air.ogg"), 2500ms);
    });
    poll_until(
        engine, [] { return false; }, 2600ms, longest_poll);
    for (auto* listened : {&mp3, &ogg}) {
        const std::vector<float> samples = listened->get();
        // The last second a listener got is the air's tone (the first part may
        // be the server's burst of what came before it).
        ASSERT_GT(samples.size(), 48000u) << server.log_text();
        const Tone tone = tone_in(samples, samples.size() - 48000, samples.size());
        EXPECT_GT(tone.rms, 0.2);
        EXPECT_NEAR(tone.frequency, 1000.0, 10.0);
    }
    engine.stop();
    EXPECT_TRUE(events.errors().empty()) << events.errors().front();
    EXPECT_LT(longest_poll, held_up);
}

TEST(OutputIcecast, AServerThatDiesIsReportedOnceAndRejoinedWhenBack) {
    const TempFolder folder("onair-icecast-kill");
    const fs::path recording = folder.path() / "air.wav";
    LocalIcecast server;
    EventLog events;
    PlayoutEngine engine(
        {{"recording", OutputSpec::Kind::file, recording, OutputSpec::Encoding::wav},
         icecast("stream", server.source_url("/air.mp3"))},
        events);
    engine.start();
    const TimePoint start = engine.origin() + 1000ms;
    engine.schedule(sine_item(folder.path(), start, 30s));
    std::chrono::nanoseconds longest_poll{0};
    ASSERT_TRUE(poll_until(
        engine, [&] { return server.has_source("/air.mp3"); }, 10s, longest_poll));

    server.stop();  // SIGKILL: the source connection breaks
    ASSERT_TRUE(poll_until(
        engine, [&] { return !events.errors().empty(); }, 5s, longest_poll))
        << "no output_error after the server died";
    EXPECT_NE(events.errors()[0].find("stream: icecast 127.0.0.1:"), std::string::npos)
        << events.errors()[0];
    RecordProperty("error", events.errors()[0]);
    // Down for a moment, back before the first retry (2 s after the error);
    // RefusingAndHungServers... has retries that fail, quietly.
    poll_until(
        engine, [] { return false; }, 1000ms, longest_poll);
    EXPECT_EQ(events.errors().size(), 1u);

    server.start();
    ASSERT_TRUE(poll_until(
        engine, [&] { return !events.recovered.empty(); }, 10s, longest_poll))
        << "not rejoined: " << server.log_text();
    EXPECT_EQ(events.recovered, std::vector<std::string>{"stream"});
    ASSERT_TRUE(server.wait_for_source("/air.mp3", 5s));
    const std::vector<float> samples =
        onair::testing::listen_decoded(server.listen_url("/air.mp3"), 2000ms);
    ASSERT_GT(samples.size(), 24000u);
    const Tone tone = tone_in(samples, samples.size() - 24000, samples.size());
    EXPECT_GT(tone.rms, 0.2);
    EXPECT_NEAR(tone.frequency, 1000.0, 10.0);

    const TimePoint until = engine.on_air_until();
    engine.stop();
    EXPECT_EQ(events.errors().size(), 1u);
    EXPECT_LT(longest_poll, held_up);
    expect_continuous(recording, engine, start, until);
}

TEST(OutputIcecast, RefusingAndHungServersNeverHoldUpTheAir) {
    const TempFolder folder("onair-icecast-dead");
    const fs::path recording = folder.path() / "air.wav";
    LocalIcecast hung;
    hung.freeze();  // accepts connections (the kernel does) but never answers
    LocalIcecast refusing;
    const std::string refused_url = refusing.source_url("/air.mp3");
    refusing.stop();  // nothing listens on its port any more
    EventLog events;
    PlayoutEngine engine(
        {{"recording", OutputSpec::Kind::file, recording, OutputSpec::Encoding::wav},
         icecast("refused", refused_url),
         icecast("hung", hung.source_url("/a.mp3"))},
        events);
    const auto before_start = std::chrono::steady_clock::now();
    engine.start();
    EXPECT_LT(std::chrono::steady_clock::now() - before_start, held_up);
    const TimePoint start = engine.origin() + 1000ms;
    engine.schedule(sine_item(folder.path(), start, 20s));
    std::chrono::nanoseconds longest_poll{0};
    // The refused one at once; the hung one when its 5 s connect timeout ends.
    ASSERT_TRUE(poll_until(
        engine, [&] { return events.errors().size() >= 2; }, 9s, longest_poll))
        << events.errors().size() << " error(s)";
    EXPECT_NE(events.errors()[0].find("refused: "), std::string::npos) << events.errors()[0];
    EXPECT_NE(events.errors()[1].find("hung: "), std::string::npos) << events.errors()[1];
    for (const std::string& error : events.errors()) {
        RecordProperty(error.substr(0, error.find(':')), error);
    }
    // Both keep being retried (the refused one at +2 s and +4 s), quietly.
    poll_until(
        engine, [] { return false; }, 1500ms, longest_poll);
    const TimePoint until = engine.on_air_until();
    engine.stop();
    EXPECT_EQ(events.errors().size(), 2u);
    EXPECT_TRUE(events.recovered.empty());
    EXPECT_LT(longest_poll, held_up) << "a connection attempt blocked the owner thread";
    expect_continuous(recording, engine, start, until);
}

TEST(OutputIcecast, AServerThatHangsWhileStreamingNeverHoldsUpTheAirOrStop) {
    const TempFolder folder("onair-icecast-hang");
    const fs::path recording = folder.path() / "air.wav";
    LocalIcecast server;
    EventLog events;
    PlayoutEngine engine(
        {{"recording", OutputSpec::Kind::file, recording, OutputSpec::Encoding::wav},
         icecast("stream", server.source_url("/air.ogg"), OutputSpec::Encoding::ogg_vorbis)},
        events);
    engine.start();
    const TimePoint start = engine.origin() + 1000ms;
    engine.schedule(sine_item(folder.path(), start, 30s));
    std::chrono::nanoseconds longest_poll{0};
    ASSERT_TRUE(poll_until(
        engine, [&] { return server.has_source("/air.ogg"); }, 10s, longest_poll));
    // The server stops reading: the stream's data piles up in the socket
    // (shout2send sends without blocking) until it gives up.
    server.freeze();
    poll_until(
        engine, [] { return false; }, 4s, longest_poll);
    const TimePoint until = engine.on_air_until();
    const auto before_stop = std::chrono::steady_clock::now();
    engine.stop();
    EXPECT_LT(std::chrono::steady_clock::now() - before_stop, held_up);
    server.resume();
    EXPECT_LT(longest_poll, held_up);
    expect_continuous(recording, engine, start, until);
}

}  // namespace
}  // namespace onair::playout
