// PlayoutEngine::cut() and cancel(), and filler yielding to a fixed airing:
// an emergency pre-empting what is on air, an operator's skip, a reload
// dropping an item not yet on air, and filler faded out so that the fixed
// airing starts on its exact sample. Every check is on the recorded samples,
// against the generated signals (all 48 kHz lossless, so exact).

#include <gtest/gtest.h>
#include "AirHarness.hpp"
#include "RecordedAudio.hpp"
#include "TestMedia.hpp"

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "onair/playout/PlayoutEngine.hpp"

namespace onair::playout {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using namespace testing;
using scheduler::TimePoint;

constexpr int rate = PlayoutEngine::sample_rate;

const fs::path& scratch() {
    return scratch_folder("onair-cut");
}

// Both signals start at phase 0, so each item's first sample is 0 and its
// first sound is the sample after its planned one.

/// 8 s of stepped_tone (the programme or filler being cut), WAV.
const fs::path& long_programme() {
    static const fs::path path = [] {
        const fs::path p = scratch() / "programme.wav";
        make_media(p, MediaFormat::wav, rate, 8 * rate, stepped_tone);
        return p;
    }();
    return path;
}

/// 600 ms of a 1 kHz sine (the emergency message or the news), FLAC.
const Signal news_signal = sine(1000.0, 0.4);
constexpr auto news_length = 600ms;
const fs::path& news() {
    static const fs::path path = [] {
        const fs::path p = scratch() / "news.flac";
        make_media(p, MediaFormat::flac, rate, news_length.count() * samples_per_ms, news_signal);
        return p;
    }();
    return path;
}

/// How many samples in [from, to) differ from `signal` faded out linearly so
/// that its gain is (cut - k) / fade on output sample k in the last `fade`
/// samples before `cut`. Sample k of the recording is sample k - start of the
/// signal.
std::size_t faded_mismatches(const std::vector<float>& recording, std::int64_t start,
                             std::int64_t from, std::int64_t cut, std::int64_t fade,
                             const Signal& signal) {
    const auto source = expected_samples(signal, rate, from - start, cut - from);
    std::size_t wrong = 0;
    for (std::int64_t k = from; k < cut; ++k) {
        const float original = source[static_cast<std::size_t>(k - from)];
        const float gain =
            k < cut - fade ? 1.0f : static_cast<float>(cut - k) / static_cast<float>(fade);
        wrong += k >= static_cast<std::int64_t>(recording.size()) ||
                 std::abs(recording[static_cast<std::size_t>(k)] - original * gain) > 1e-6f;
    }
    return wrong;
}

// An emergency pre-empts the programme on air: cut() at a given instant with
// a 500 ms fade, the emergency message planned at that instant. The fade ends
// exactly there and the message starts on its exact sample.
TEST(Cut, AnItemOnAirFadesOutEndingExactlyAtTheInstantAndTheNextStartsThere) {
    const fs::path recording = scratch() / "preempted.wav";
    EventLog log;
    PlayoutEngine engine({wav_output(recording)}, log);
    engine.start();
    const TimePoint start = engine.origin() + 1200ms;
    const TimePoint at = start + 2000ms;
    constexpr auto fade = 500ms;
    engine.schedule({.id = "programme", .file = long_programme(), .start = start});
    play_until(engine, start + 300ms);
    ASSERT_EQ(log.started.size(), 1u) << "the programme is on air";
    EXPECT_TRUE(engine.cut("programme", at, "preempted by emergency", fade));
    engine.schedule({.id = "emergency", .file = news(), .start = at});
    play_until(engine, at + news_length + 300ms);
    engine.poll(0ms);
    engine.stop();

    const auto samples = read_wav_left(recording);
    const std::int64_t first = sample_of(engine, start);
    const std::int64_t cut = sample_of(engine, at);
    EXPECT_EQ(first_sound(samples), first + 1);
    EXPECT_EQ(
        faded_mismatches(samples, first, first, cut, fade.count() * samples_per_ms, stepped_tone),
        0u);
    // The programme's last sample is just before the cut, still sounding
    // (gain 1/24000), and from the cut on the air is the message alone.
    EXPECT_NE(samples.at(static_cast<std::size_t>(cut - 1)), 0.0f);
    const auto message =
        expected_samples(news_signal, rate, 0, news_length.count() * samples_per_ms);
    EXPECT_EQ(max_difference(samples, cut, message, 0, static_cast<std::int64_t>(message.size())),
              0.0);
    EXPECT_EQ(first_sound(samples, cut + static_cast<std::int64_t>(message.size())), -1);

    const EventLog::Ended* programme = log.find_ended("programme");
    ASSERT_NE(programme, nullptr);
    EXPECT_EQ(programme->kind, EndReason::cut);
    EXPECT_EQ(programme->reason, "preempted by emergency");
    EXPECT_EQ(programme->actual_end, at);
    const EventLog::Started* emergency = log.find_started("emergency");
    ASSERT_NE(emergency, nullptr);
    EXPECT_EQ(emergency->actual, at);
    const EventLog::Ended* emergency_end = log.find_ended("emergency");
    ASSERT_NE(emergency_end, nullptr);
    EXPECT_EQ(emergency_end->kind, EndReason::complete);
    for (const auto id : log.threads) {
        EXPECT_EQ(id, std::this_thread::get_id());
    }
}

// An operator's skip with nothing after it: the fade, then digital silence.
TEST(Cut, WithNothingAfterItTheAirIsSilentFromTheInstant) {
    const fs::path recording = scratch() / "skipped.wav";
    EventLog log;
    PlayoutEngine engine({wav_output(recording)}, log);
    engine.start();
    const TimePoint start = engine.origin() + 1200ms;
    const TimePoint at = start + 1537ms;
    constexpr auto fade = 500ms;
    engine.schedule({.id = "programme", .file = long_programme(), .start = start});
    play_until(engine, start + 200ms);
    EXPECT_TRUE(engine.cut("programme", at, "skipped by the operator", fade));
    play_until(engine, at + 500ms);
    engine.poll(0ms);
    engine.stop();

    const auto samples = read_wav_left(recording);
    const std::int64_t first = sample_of(engine, start);
    const std::int64_t cut = sample_of(engine, at);
    EXPECT_EQ(
        faded_mismatches(samples, first, first, cut, fade.count() * samples_per_ms, stepped_tone),
        0u);
    EXPECT_EQ(first_sound(samples, cut), -1);
    EXPECT_GE(static_cast<std::int64_t>(samples.size()), cut + 400 * samples_per_ms);
    ASSERT_EQ(log.ended.size(), 1u);
    EXPECT_EQ(log.ended[0].kind, EndReason::cut);
    EXPECT_EQ(log.ended[0].reason, "skipped by the operator");
    EXPECT_EQ(log.ended[0].actual_end, at);
}

// A reload dropped an item that is not on air yet: it never airs and the
// listener hears nothing of it. Then a second cancel, a cancel of an item on
// air and a cut of an unknown id are refused.
TEST(Cancel, AFutureItemNeverAirsAndIsNotReported) {
    const fs::path recording = scratch() / "cancelled.wav";
    EventLog log;
    PlayoutEngine engine({wav_output(recording)}, log);
    engine.start();
    const TimePoint start = engine.origin() + 1500ms;
    engine.schedule({.id = "dropped", .file = news(), .start = start});
    // Prerolled by now: its first buffers wait in the mixer.
    play_until(engine, engine.origin() + 700ms);
    EXPECT_TRUE(engine.cancel("dropped"));
    EXPECT_FALSE(engine.cancel("dropped"));
    EXPECT_FALSE(engine.cut("dropped", start, "gone"));
    EXPECT_FALSE(engine.cut("no-such-item", start + 100ms, "operator"));
    EXPECT_FALSE(engine.cancel("no-such-item"));

    // One that is on air cannot be cancelled, only cut.
    const TimePoint later = start + 1000ms;
    engine.schedule({.id = "on-air", .file = news(), .start = later});
    play_until(engine, later + 100ms);
    EXPECT_FALSE(engine.cancel("on-air"));
    play_until(engine, later + news_length + 300ms);
    engine.poll(0ms);
    engine.stop();

    for (const auto& started : log.started) {
        EXPECT_NE(started.id, "dropped");
    }
    for (const auto& ended : log.ended) {
        EXPECT_NE(ended.id, "dropped");
    }
    const auto samples = read_wav_left(recording);
    EXPECT_EQ(first_sound(samples), sample_of(engine, later) + 1) << "the cancelled item aired";
    ASSERT_NE(log.find_ended("on-air"), nullptr);
    EXPECT_EQ(log.find_ended("on-air")->kind, EndReason::complete);
}

// cut() of an item that has not started by the instant: it ends then without
// airing (reported as cut, never as started).
TEST(Cut, AnItemNotStartedByTheInstantNeverAirs) {
    const fs::path recording = scratch() / "cut-before-start.wav";
    EventLog log;
    PlayoutEngine engine({wav_output(recording)}, log);
    engine.start();
    const TimePoint start = engine.origin() + 2000ms;
    const TimePoint at = engine.origin() + 1500ms;
    engine.schedule({.id = "later", .file = news(), .start = start});
    play_until(engine, engine.origin() + 500ms);
    EXPECT_TRUE(engine.cut("later", at, "skipped by the operator"));
    play_until(engine, start + news_length + 200ms);
    engine.poll(0ms);
    engine.stop();

    EXPECT_EQ(first_sound(read_wav_left(recording)), -1);
    EXPECT_TRUE(log.started.empty());
    ASSERT_EQ(log.ended.size(), 1u);
    EXPECT_EQ(log.ended[0].kind, EndReason::cut);
    EXPECT_EQ(log.ended[0].reason, "skipped by the operator");
    EXPECT_EQ(log.ended[0].actual_end, at);
}

// Filler yields to a fixed airing: scheduled with max_length = (the airing's
// start - the filler's start) and the reason the daemon gives, it fades out so
// that its last sample is just before the airing's first, which is on its
// exact sample. Before the filler and after the airing the air is digital
// silence (outside the window).
TEST(Filler, YieldsToAFixedAiringAtItsExactStartWithAShortFade) {
    const fs::path recording = scratch() / "filler.wav";
    EventLog log;
    PlayoutEngine engine({wav_output(recording)}, log);
    engine.start();
    const TimePoint window_opens = engine.origin() + 1200ms;
    const TimePoint news_start = window_opens + 2345ms;
    constexpr auto fade = 500ms;
    engine.schedule({.id = "filler",
                     .file = long_programme(),
                     .start = window_opens,
                     .max_length = std::chrono::duration_cast<std::chrono::milliseconds>(
                         news_start - window_opens),
                     .fade_out = fade,
                     .cut_reason = "yields to news"});
    engine.schedule({.id = "news", .file = news(), .start = news_start});
    play_until(engine, news_start + news_length + 500ms);
    engine.poll(0ms);
    engine.stop();

    const auto samples = read_wav_left(recording);
    const std::int64_t opens = sample_of(engine, window_opens);
    const std::int64_t boundary = sample_of(engine, news_start);
    const std::int64_t news_end = boundary + news_length.count() * samples_per_ms;
    EXPECT_EQ(first_sound(samples), opens + 1) << "silence before the window";
    EXPECT_EQ(faded_mismatches(samples, opens, opens, boundary, fade.count() * samples_per_ms,
                               stepped_tone),
              0u);
    EXPECT_NE(samples.at(static_cast<std::size_t>(boundary - 1)), 0.0f);
    const auto message =
        expected_samples(news_signal, rate, 0, news_length.count() * samples_per_ms);
    EXPECT_EQ(max_difference(samples, boundary, message, 0, news_end - boundary), 0.0);
    EXPECT_EQ(first_sound(samples, news_end), -1) << "silence after the last item";
    EXPECT_GE(static_cast<std::int64_t>(samples.size()), news_end + 400 * samples_per_ms);

    const EventLog::Ended* filler = log.find_ended("filler");
    ASSERT_NE(filler, nullptr);
    EXPECT_EQ(filler->kind, EndReason::cut_at_max_length);
    EXPECT_EQ(filler->reason, "yields to news");
    EXPECT_EQ(filler->actual_end, news_start);
    const EventLog::Started* news_started = log.find_started("news");
    ASSERT_NE(news_started, nullptr);
    EXPECT_EQ(news_started->actual, news_start);
}

}  // namespace
}  // namespace onair::playout
