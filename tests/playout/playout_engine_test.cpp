// PlayoutEngine on the real clock with generated media: each test records the
// air with the float WAV output and checks the recorded samples. Sample
// positions do not depend on machine load (the mixer places every item by its
// running time), so the checks are exact; only scheduling must happen ahead of
// time, which is why every item starts >= 1.2 s after the output's origin.

#include <gtest/gtest.h>
#include "../support/TestFiles.hpp"
#include "AirHarness.hpp"
#include "RecordedAudio.hpp"

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <gst/gst.h>

#include "../../playout/src/GstHandles.hpp"
#include "onair/playout/PlayoutEngine.hpp"

namespace onair::playout {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using scheduler::TimePoint;
using testing::EventLog;
using testing::first_sound;
using testing::longest_silence;
using testing::read_wav_left;
using testing::wav_output;
using testing::sample_of;

constexpr std::int64_t samples_per_ms = PlayoutEngine::sample_rate / 1000;

const fs::path& scratch() {
    return testing::scratch_folder("onair-playout");
}

void run_pipeline(const std::string& description) {
    ASSERT_TRUE(gst_init_check(nullptr, nullptr, nullptr));
    GErrorHolder error;
    auto pipeline = adopt_floating(gst_parse_launch(description.c_str(), error.out()));
    ASSERT_TRUE(pipeline && !error) << description << ": " << error.message();
    auto bus = adopt(gst_element_get_bus(pipeline.get()));
    ASSERT_NE(gst_element_set_state(pipeline.get(), GST_STATE_PLAYING), GST_STATE_CHANGE_FAILURE);
    GstMessagePtr message(gst_bus_timed_pop_filtered(
        bus.get(), 60 * GST_SECOND,
        static_cast<GstMessageType>(GST_MESSAGE_EOS | GST_MESSAGE_ERROR)));
    gst_element_set_state(pipeline.get(), GST_STATE_NULL);
    ASSERT_TRUE(message && GST_MESSAGE_TYPE(message.get()) == GST_MESSAGE_EOS) << description;
}

struct Format {
    const char* extension;
    const char* encoder;
    bool lossless;
};

const Format wav{"wav", "wavenc", true};
const Format flac{"flac", "flacenc", true};
const Format ogg{"ogg", "audioconvert ! vorbisenc ! oggmux", false};

/// A sine tone of `length` (a multiple of 10 ms) at 48 kHz stereo S16,
/// generated once per run. audiotestsrc advances the phase before it computes a
/// sample, so the first sample is 0.8 x sin(2 pi f / 48000), not 0 (1508 of
/// 32767 at 440 Hz): a tone's first sample is its first non-zero one.
fs::path tone(const Format& format, int frequency, std::chrono::milliseconds length) {
    static std::map<std::string, fs::path> generated;
    const std::string name = "tone-" + std::to_string(frequency) + "hz-" +
                             std::to_string(length.count()) + "ms." + format.extension;
    if (const auto found = generated.find(name); found != generated.end()) {
        return found->second;
    }
    const fs::path path = scratch() / name;
    run_pipeline("audiotestsrc num-buffers=" + std::to_string(length.count() / 10) +
                 " samplesperbuffer=480 freq=" + std::to_string(frequency) +
                 " ! audio/x-raw,format=S16LE,rate=48000,channels=2 ! " + format.encoder +
                 " ! filesink location=" + path.string());
    generated.emplace(name, path);
    return path;
}

/// Polls until the output has reached `until` (bounded by the wall clock).
void play_until(PlayoutEngine& engine, TimePoint until) {
    const auto give_up = std::chrono::steady_clock::now() + (until - engine.on_air_until()) + 10s;
    while (engine.on_air_until() < until) {
        ASSERT_LT(std::chrono::steady_clock::now(), give_up) << "the output stalled";
        engine.poll(20ms);
    }
}

/// How many samples of `recording` from `at` on differ from `reference`
/// (all of them if the recording is too short).
std::size_t mismatches(const std::vector<float>& recording, std::int64_t at,
                       const std::vector<float>& reference) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < reference.size(); ++i) {
        const auto k = static_cast<std::size_t>(at) + i;
        count += k >= recording.size() || recording[k] != reference[i];
    }
    return count;
}

// ---------------------------------------------------------------------------

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
