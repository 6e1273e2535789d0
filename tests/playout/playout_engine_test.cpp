// PlayoutEngine on the real clock with generated media: each test records the
// air with the float WAV output and checks the recorded samples. Sample
// positions do not depend on machine load (the mixer places every item by its
// running time), so the checks are exact; only scheduling must happen ahead of
// time, which is why every item starts >= 1.2 s after the output's origin.

#include <gtest/gtest.h>

#include "PlayoutEngineTestSupport.hpp"

namespace onair::playout {
namespace {

using namespace engine_test;

class ExactStart : public ::testing::TestWithParam<std::tuple<Format, std::chrono::milliseconds>> {
};

TEST_P(ExactStart, FirstSampleLandsOnThePlannedSample) {
    const auto& [format, offset] = GetParam();
    constexpr auto length = 300ms;
    const fs::path media = tone(format, 440, length);
    ASSERT_FALSE(HasFatalFailure());
    const fs::path recording = scratch() / ("exact-" + std::string(format.extension) + "-" +
                                            std::to_string(offset.count()) + ".wav");

    EventLog listener;
    PlayoutEngine engine({wav_output(recording)}, listener);
    engine.start();
    const TimePoint start = engine.origin() + offset;
    engine.schedule({.id = "tone", .file = media, .start = start});
    play_until(engine, start + length + 200ms);
    ASSERT_FALSE(HasFatalFailure());
    engine.poll(0ms);
    engine.stop();

    const std::vector<float> samples = read_wav_left(recording);
    const std::int64_t expected = sample_of(engine, start);
    const std::int64_t first = first_sound(samples);
    // Lossless: the tone's first sample (non-zero, see tone()) is exactly on the
    // planned sample, and its last exactly `length` later. Lossy (Vorbis): the
    // decoded first sample may round to 0, or pre-echo may sound the sample
    // before, hence +-1 sample there.
    RecordProperty("start_error_samples", static_cast<int>(first - expected));
    const std::int64_t end = expected + length.count() * samples_per_ms;
    EXPECT_EQ(first_sound(samples, end + 2), -1) << "silence after the item";
    if (format.lossless) {
        EXPECT_EQ(first, expected);
        // Every sample of the tone in its place (the tone's own last sample is 0:
        // 440 Hz completes whole periods in any multiple of 50 ms).
        EXPECT_EQ(mismatches(samples, expected, read_wav_left(tone(wav, 440, length))), 0u);
        EXPECT_EQ(first_sound(samples, end), -1);
        // A 440 Hz sine is exactly 0 on single samples (every 600th), never two in a row.
        EXPECT_LE(longest_silence(samples, expected, expected + length.count() * samples_per_ms),
                  1);
    } else {
        EXPECT_LE(std::abs(first - expected), 1);
    }

    ASSERT_EQ(listener.started.size(), 1u);
    EXPECT_EQ(listener.started[0].id, "tone");
    EXPECT_EQ(listener.started[0].planned, start);
    EXPECT_LE(std::chrono::abs(listener.started[0].actual - start), 1ms);
    ASSERT_EQ(listener.ended.size(), 1u);
    EXPECT_EQ(listener.ended[0].kind, EndReason::complete) << listener.ended[0].reason;
    if (format.lossless) {
        EXPECT_EQ(listener.ended[0].actual_end, start + length);
    }
    for (const auto id : listener.threads) {
        EXPECT_EQ(id, std::this_thread::get_id()) << "a listener call came from another thread";
    }
    EXPECT_TRUE(listener.output_errors.empty());
}

INSTANTIATE_TEST_SUITE_P(FormatsAndOffsets, ExactStart,
                         ::testing::Combine(::testing::Values(wav, flac, ogg),
                                            ::testing::Values(1500ms, 1537ms)),
                         [](const auto& info) {
                             return std::string(std::get<0>(info.param).extension) + "_" +
                                    std::to_string(std::get<1>(info.param).count()) + "ms";
                         });

TEST(PlayoutEngine, ReanchoringWithoutAJumpKeepsStartsExact) {
    // The system clock cannot be stepped in a test; without a step, a new
    // anchor must agree with the first to the millisecond, and an item placed
    // through it still starts on its exact sample.
    const fs::path media = tone(wav, 440, 300ms);
    ASSERT_FALSE(HasFatalFailure());
    const fs::path recording = scratch() / "reanchor.wav";
    EventLog listener;
    PlayoutEngine engine({wav_output(recording)}, listener);
    engine.start();
    play_until(engine, engine.origin() + 700ms);
    const TimePoint before = engine.origin();
    EXPECT_LE(std::chrono::abs(engine.reanchor()), 1ms);
    EXPECT_LE(std::chrono::abs(engine.origin() - before), 1ms);
    const TimePoint start = engine.origin() + 1500ms;
    engine.schedule({.id = "tone", .file = media, .start = start});
    play_until(engine, start + 500ms);
    ASSERT_FALSE(HasFatalFailure());
    engine.stop();
    EXPECT_EQ(first_sound(read_wav_left(recording)), sample_of(engine, start));
    ASSERT_EQ(listener.started.size(), 1u);
    EXPECT_EQ(listener.started[0].actual, start);
}

TEST(PlayoutEngine, BackToBackItemsAreGapless) {
    constexpr auto length_a = 700ms;
    constexpr auto length_b = 500ms;
    const fs::path a = tone(wav, 440, length_a);
    const fs::path b = tone(flac, 1000, length_b);
    const fs::path b_reference = tone(wav, 1000, length_b);
    ASSERT_FALSE(HasFatalFailure());
    const fs::path recording = scratch() / "gapless.wav";

    EventLog listener;
    PlayoutEngine engine({wav_output(recording)}, listener);
    engine.start();
    const TimePoint start = engine.origin() + 1200ms;
    engine.schedule({.id = "a", .file = a, .start = start});
    engine.schedule({.id = "b", .file = b, .start = start + length_a});
    play_until(engine, start + length_a + length_b + 200ms);
    ASSERT_FALSE(HasFatalFailure());
    engine.poll(0ms);
    engine.stop();

    const std::vector<float> samples = read_wav_left(recording);
    const std::vector<float> tone_a = read_wav_left(a);
    const std::vector<float> tone_b = read_wav_left(b_reference);
    const auto from = static_cast<std::size_t>(sample_of(engine, start));
    ASSERT_GE(samples.size(), from + tone_a.size() + tone_b.size());
    // Every sample of both items, in order, with nothing in between.
    EXPECT_EQ(mismatches(samples, static_cast<std::int64_t>(from), tone_a), 0u);
    EXPECT_EQ(mismatches(samples, static_cast<std::int64_t>(from + tone_a.size()), tone_b), 0u);
    const auto boundary = static_cast<std::int64_t>(from + tone_a.size());
    // No silence between them: at most one 0, A's own last sample (440 Hz is
    // exactly 0 on every 600th sample, and 700 ms is 56 x 600 samples).
    EXPECT_LE(longest_silence(samples, boundary - 48, boundary + 48), 1);
    EXPECT_EQ(first_sound(samples), static_cast<std::int64_t>(from));
    EXPECT_EQ(first_sound(samples, boundary + static_cast<std::int64_t>(tone_b.size())), -1);

    ASSERT_EQ(listener.started.size(), 2u);
    EXPECT_EQ(listener.started[1].actual, start + length_a);
    ASSERT_EQ(listener.ended.size(), 2u);
    EXPECT_EQ(listener.ended[0].actual_end, start + length_a);
    EXPECT_EQ(listener.ended[1].actual_end, start + length_a + length_b);
}

TEST(PlayoutEngine, CutAtMaxLengthWithAFadeEndingOnTheCut) {
    constexpr auto max_length = 2000ms;
    constexpr auto fade = 500ms;
    const fs::path media = tone(wav, 440, 4000ms);
    ASSERT_FALSE(HasFatalFailure());
    const fs::path recording = scratch() / "cut.wav";
    const fs::path air_check = scratch() / "cut.ogg";

    EventLog listener;
    PlayoutEngine engine(
        {wav_output(recording),
         {"air-check", OutputSpec::Kind::file, air_check, OutputSpec::Encoding::ogg_vorbis},
         {"nowhere", OutputSpec::Kind::null, {}, {}}},
        listener);
    engine.start();
    const TimePoint start = engine.origin() + 1200ms;
    engine.schedule(
        {.id = "long", .file = media, .start = start, .max_length = max_length, .fade_out = fade});
    play_until(engine, start + max_length + 300ms);
    ASSERT_FALSE(HasFatalFailure());
    engine.poll(0ms);
    engine.stop();

    const std::vector<float> samples = read_wav_left(recording);
    const std::vector<float> source = read_wav_left(media);
    const std::int64_t from = sample_of(engine, start);
    const std::int64_t cut = from + max_length.count() * samples_per_ms;
    const std::int64_t fade_samples = fade.count() * samples_per_ms;
    EXPECT_EQ(first_sound(samples), from);
    EXPECT_EQ(first_sound(samples, cut), -1) << "the signal must end exactly at max_length";
    EXPECT_NE(samples[static_cast<std::size_t>(cut - 2)], 0.0f);
    // Untouched before the fade; then each sample scaled by (cut - k) / fade.
    std::size_t wrong = 0;
    for (std::int64_t k = from; k < cut; ++k) {
        const float original = source[static_cast<std::size_t>(k - from)];
        const float gain =
            k < cut - fade_samples ? 1.0f : static_cast<float>(cut - k) / fade_samples;
        wrong += std::abs(samples[static_cast<std::size_t>(k)] - original * gain) > 1e-6f;
    }
    EXPECT_EQ(wrong, 0u);
    // The envelope falls over the fade, 50 ms window by window.
    float previous_peak = 2.0f;
    for (std::int64_t window = cut - fade_samples; window < cut; window += 50 * samples_per_ms) {
        float peak = 0.0f;
        for (std::int64_t k = window; k < window + 50 * samples_per_ms; ++k) {
            peak = std::max(peak, std::abs(samples[static_cast<std::size_t>(k)]));
        }
        EXPECT_LT(peak, previous_peak) << "at sample " << window;
        previous_peak = peak;
    }

    ASSERT_EQ(listener.ended.size(), 1u);
    EXPECT_EQ(listener.ended[0].kind, EndReason::cut_at_max_length);
    EXPECT_EQ(listener.ended[0].actual_end, start + max_length);
    EXPECT_FALSE(listener.ended[0].reason.empty());
    EXPECT_TRUE(listener.output_errors.empty());
    // The air-check was finalized: a real Ogg file that is more than headers.
    std::ifstream ogg_file(air_check, std::ios::binary);
    std::string magic(4, '\0');
    ogg_file.read(magic.data(), 4);
    EXPECT_EQ(magic, "OggS");
    EXPECT_GT(fs::file_size(air_check), 4000u);
}

TEST(PlayoutEngine, SilenceWithoutItemsAndTheRecordingMatchesTheClock) {
    const fs::path recording = scratch() / "silence.wav";
    EventLog listener;
    PlayoutEngine engine({wav_output(recording)}, listener);
    engine.start();
    const TimePoint until = engine.origin() + 1000ms;
    play_until(engine, until);
    ASSERT_FALSE(HasFatalFailure());
    const auto on_air = engine.on_air_until();
    // The output runs in real time against the wall clock: it is not ahead.
    EXPECT_LE(on_air, std::chrono::time_point_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now()) +
                          150ms);
    engine.stop();
    const std::vector<float> samples = read_wav_left(recording);
    EXPECT_GE(static_cast<std::int64_t>(samples.size()), 1000 * samples_per_ms);
    EXPECT_EQ(first_sound(samples), -1);
}

}  // namespace
}  // namespace onair::playout
