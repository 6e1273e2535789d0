// Exact starts for the media that are not simply 48 kHz PCM: MP3 (the
// encoder's priming and padding, trimmed through the LAME tag) and 44.1 kHz
// files (resampled to the air's 48 kHz). Each item is a sine starting at phase
// 0, so a least-squares fit of its phase on the recording says, to a fraction
// of a sample, where its sample 0 landed.

#include <gtest/gtest.h>
#include "AirHarness.hpp"
#include "RecordedAudio.hpp"
#include "TestMedia.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
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

const fs::path& scratch() {
    return scratch_folder("onair-exactness");
}

/// A sine of `frequency` lasting `length` at `rate` in `format`.
fs::path sine_media(MediaFormat format, int rate, double frequency,
                    std::chrono::milliseconds length) {
    const fs::path path = scratch() / ("sine-" + std::to_string(rate) + "-" +
                                       std::to_string(static_cast<int>(frequency)) + "-" +
                                       std::to_string(length.count()) + "." + extension_of(format));
    if (!fs::exists(path)) {
        make_media(path, format, rate, rate * length.count() / 1000, sine(frequency));
    }
    return path;
}

struct Case {
    MediaFormat format;
    int rate;
};

/// audioresample's filter delays what it resamples by a constant 1/8 of an
/// input sample (0.136 output samples at 44.1 kHz, 0.75 at 8 kHz; the same in
/// a plain gst-launch decode, and measured the same at every rate tried).
double resampler_delay(int rate) {
    return rate == PlayoutEngine::sample_rate ? 0.0 : 0.125 * PlayoutEngine::sample_rate / rate;
}

class ExactStartOf : public ::testing::TestWithParam<Case> {};

TEST_P(ExactStartOf, TheFirstSampleLandsOnThePlannedSample) {
    const auto [format, rate] = GetParam();
    constexpr double frequency = 1000.0;
    constexpr auto length = 600ms;
    const fs::path media = sine_media(format, rate, frequency, length);
    const std::string name =
        std::string(extension_of(format)) + "-" + std::to_string(rate) + "-exact";
    const fs::path recording = scratch() / (name + ".wav");

    EventLog log;
    PlayoutEngine engine({wav_output(recording)}, log);
    engine.start();
    const TimePoint start = engine.origin() + 1237ms;
    engine.schedule({.id = "tone", .file = media, .start = start});
    play_until(engine, start + length + 200ms);
    engine.poll(0ms);
    engine.stop();

    const auto samples = read_wav_left(recording);
    const std::int64_t planned = sample_of(engine, start);
    const std::int64_t end = planned + length.count() * samples_per_ms;
    // Nothing before the planned sample (no priming), nothing after the end
    // (padding trimmed, 44.1 kHz media resampled to exactly 48/44.1 as long).
    EXPECT_EQ(first_sound(samples), planned);
    EXPECT_EQ(first_sound(samples, end), -1);
    EXPECT_LE(longest_silence(samples, planned, end), 1);
    // ... and right up to it: the item is exactly `length` long (the sine is
    // not 0 on its last sample).
    EXPECT_NE(samples.at(static_cast<std::size_t>(end - 1)), 0.0f);
    // Where the tone's sample 0 is, from its phase over 500 ms: on the planned
    // sample, but for the resampler's own constant delay.
    const double delay = sine_delay(samples, planned + 2400, 24000, frequency);
    RecordProperty("delay_millisamples", static_cast<int>(std::lround(delay * 1000)));
    EXPECT_NEAR(delay, resampler_delay(rate), 0.05) << "output samples";
    // The air is the file as the decoder gives it, sample for sample, from
    // the planned sample on. (A plain decode of a resampled file ends a
    // sample or a few short, audioresample's drain; the playout feeds it
    // silence and cuts at the exact length, see FileSource.cpp.)
    const auto reference = decode_reference(media);
    const auto compared =
        std::min<std::int64_t>(static_cast<std::int64_t>(reference.size()), end - planned);
    EXPECT_GE(compared, end - planned - 6);
    EXPECT_LE(max_difference(samples, planned, reference, 0, compared), 1e-6);

    ASSERT_EQ(log.started.size(), 1u);
    EXPECT_EQ(log.started[0].actual, start);
    ASSERT_EQ(log.ended.size(), 1u);
    EXPECT_EQ(log.ended[0].kind, EndReason::complete) << log.ended[0].reason;
    EXPECT_EQ(log.ended[0].actual_end, start + length);
}

// MP3: mpegaudioparse trims the LAME tag's encoder delay plus mpg123's
// 529-sample decoder delay; the tone's phase then shows no delay (0.000
// samples measured), and 0.05 leaves room for the codec's own phase error on a
// pure tone. 44.1 kHz is the usual rate of MP3s; 22.05 kHz is what the example
// station's media have; 8 kHz is telephone audio.
INSTANTIATE_TEST_SUITE_P(
    Media, ExactStartOf,
    ::testing::Values(Case{MediaFormat::mp3, 48000}, Case{MediaFormat::mp3, 44100},
                      Case{MediaFormat::flac, 44100}, Case{MediaFormat::wav, 22050},
                      Case{MediaFormat::wav, 8000}),
    [](const auto& info) {
        return std::string(extension_of(info.param.format)) + "_" + std::to_string(info.param.rate);
    });

// Two MP3s back to back: B is planned at A's start + A's length, and the air
// has no gap and no overlap between them: the encoder's priming (576 + 529
// samples) and A's end padding are trimmed, so A's last sample is just before
// B's first. At 44.1 kHz too, where the resampler's drain would otherwise
// leave a sample out at A's end.
class BackToBackMp3s : public ::testing::TestWithParam<int> {};

TEST_P(BackToBackMp3s, HaveNoGap) {
    const int rate = GetParam();
    constexpr auto length_a = 700ms;
    constexpr auto length_b = 500ms;
    const fs::path a = sine_media(MediaFormat::mp3, rate, 1000.0, length_a);
    const fs::path b = sine_media(MediaFormat::mp3, rate, 1500.0, length_b);
    const fs::path recording = scratch() / ("mp3-back-to-back-" + std::to_string(rate) + ".wav");

    EventLog log;
    PlayoutEngine engine({wav_output(recording)}, log);
    engine.start();
    const TimePoint start = engine.origin() + 1200ms;
    engine.schedule({.id = "a", .file = a, .start = start});
    engine.schedule({.id = "b", .file = b, .start = start + length_a});
    play_until(engine, start + length_a + length_b + 200ms);
    engine.poll(0ms);
    engine.stop();

    const auto samples = read_wav_left(recording);
    const std::int64_t planned = sample_of(engine, start);
    const std::int64_t boundary = planned + length_a.count() * samples_per_ms;
    const std::int64_t end = boundary + length_b.count() * samples_per_ms;
    EXPECT_EQ(first_sound(samples), planned);
    EXPECT_EQ(first_sound(samples, end), -1);
    // No silence at the boundary (a 1 kHz or 1.5 kHz sine is never 0 on two
    // samples in a row; a gap would be a run of zeros), and A's last sample
    // is there.
    EXPECT_LE(longest_silence(samples, boundary - 480, boundary + 480), 1);
    EXPECT_NE(samples.at(static_cast<std::size_t>(boundary - 1)), 0.0f);
    // A up to the boundary, B from it: each is its own decode, sample for
    // sample, in place (a plain decode at 44.1 kHz ends a sample short).
    const auto reference_a = decode_reference(a);
    const auto reference_b = decode_reference(b);
    const auto a_compared =
        std::min<std::int64_t>(static_cast<std::int64_t>(reference_a.size()), boundary - planned);
    EXPECT_GE(a_compared, boundary - planned - 1);
    EXPECT_LE(max_difference(samples, planned, reference_a, 0, a_compared), 1e-6);
    // B's first 400 ms: at its end, the same plain-decode shortfall.
    EXPECT_LE(max_difference(samples, boundary, reference_b, 0, 400 * samples_per_ms), 1e-6);
    // And the tones' phases put A's last 100 ms and B's first 100 ms where
    // the plan says (but for the resampler's constant delay at 44.1 kHz).
    const double a_delay = sine_delay(samples, boundary - 4800, 4800, 1000.0);
    const double b_delay = sine_delay(samples, boundary, 4800, 1500.0);
    RecordProperty("a_end_delay_millisamples", static_cast<int>(std::lround(a_delay * 1000)));
    RecordProperty("b_start_delay_millisamples", static_cast<int>(std::lround(b_delay * 1000)));
    EXPECT_NEAR(a_delay, resampler_delay(rate), 0.05);
    EXPECT_NEAR(b_delay, resampler_delay(rate), 0.05);

    ASSERT_EQ(log.started.size(), 2u);
    EXPECT_EQ(log.started[1].actual, start + length_a);
    ASSERT_EQ(log.ended.size(), 2u);
    EXPECT_EQ(log.ended[0].actual_end, start + length_a);
    EXPECT_EQ(log.ended[1].actual_end, start + length_a + length_b);
}

INSTANTIATE_TEST_SUITE_P(Rates, BackToBackMp3s, ::testing::Values(48000, 44100),
                         [](const auto& info) { return std::to_string(info.param); });

}  // namespace
}  // namespace onair::playout
