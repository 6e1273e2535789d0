// Joins (PlayoutItem::offset), as the daemon does after a restart: the file is
// sought, not decoded from its start, and its sample at `offset` goes out on
// the planned sample. Checked on the recorded air against the media's own
// samples (WAV/FLAC: the generated signal) or against a decode of the file
// from its start (Ogg, MP3: what the decoder makes of those samples).

#include <gtest/gtest.h>
#include "AirHarness.hpp"
#include "RecordedAudio.hpp"
#include "TestMedia.hpp"

#include <chrono>
#include <cmath>
#include <filesystem>
#include <map>
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
    return scratch_folder("onair-join");
}

/// 12 s of stepped_tone at 48 kHz in `format`, made once per run.
const fs::path& stepped_media(MediaFormat format) {
    static std::map<MediaFormat, fs::path> made;
    auto& path = made[format];
    if (path.empty()) {
        path = scratch() / (std::string("stepped.") + extension_of(format));
        make_media(path, format, 48000, 12 * 48000, stepped_tone);
    }
    return path;
}

/// What air() recorded.
struct Aired {
    std::vector<float> samples;
    std::int64_t planned = 0;  // the item's planned sample
    EventLog log;
};

/// Runs one engine with `spec` starting `lead` after the origin (its `start`
/// is ignored) and records until `played` after that. Checks that it started
/// on time.
void air(const PlayoutItem& spec, std::chrono::milliseconds lead, std::chrono::milliseconds played,
         const std::string& name, Aired& aired) {
    const fs::path recording = scratch() / (name + ".wav");
    PlayoutEngine engine({wav_output(recording)}, aired.log);
    engine.start();
    PlayoutItem item = spec;
    item.start = engine.origin() + lead;
    engine.schedule(item);
    play_until(engine, item.start + played);
    engine.poll(0ms);
    engine.stop();
    aired.samples = read_wav_left(recording);
    aired.planned = sample_of(engine, item.start);
    const EventLog::Started* started = aired.log.find_started(item.id);
    ASSERT_NE(started, nullptr) << name << ": never started";
    EXPECT_EQ(started->actual, item.start) << name;
    EXPECT_TRUE(aired.log.output_errors.empty());
}

// ---------------------------------------------------------------------------

class JoinAtAnOffset : public ::testing::TestWithParam<MediaFormat> {};

TEST_P(JoinAtAnOffset, TheSampleAtTheOffsetGoesOutOnThePlannedSample) {
    const MediaFormat format = GetParam();
    const fs::path& media = stepped_media(format);
    constexpr auto offset = 7250ms;
    constexpr std::int64_t from = offset.count() * samples_per_ms;
    constexpr std::int64_t checked = 500 * samples_per_ms;
    Aired aired;
    air({.id = "join", .file = media, .offset = offset}, 1200ms, 600ms,
        std::string("join-") + extension_of(format), aired);
    ASSERT_FALSE(HasFatalFailure());

    // Digital silence before the planned sample: nothing of the file's start.
    EXPECT_GE(first_sound(aired.samples), aired.planned);
    if (format == MediaFormat::wav || format == MediaFormat::flac) {
        // Lossless: the very samples of the signal, from the one at 7.250 s.
        const auto expected = expected_samples(stepped_tone, 48000, from, checked);
        EXPECT_EQ(max_difference(aired.samples, aired.planned, expected, 0, checked), 0.0);
    } else {
        // Lossy: what the decoder makes of the file from its start, sample
        // for sample (the demuxer/parser starts early enough before the
        // position for the decoder's state to be the same).
        const auto reference = decode_reference(media);
        const Alignment found = align(aired.samples, aired.planned, reference, from, 4800, 480);
        EXPECT_EQ(found.lag, 0) << "rms there " << found.rms;
        EXPECT_LE(max_difference(aired.samples, aired.planned, reference, from, checked), 1e-6);
    }
}

INSTANTIATE_TEST_SUITE_P(Formats, JoinAtAnOffset,
                         ::testing::Values(MediaFormat::wav, MediaFormat::flac, MediaFormat::ogg,
                                           MediaFormat::mp3),
                         [](const auto& info) { return std::string(extension_of(info.param)); });

// Media at other rates, joined at 7.251 s, which lies between two of their
// samples (at 44.1 kHz: sample 319 769.1). The join starts on the file's
// sample at or before the position and drops the resampled output samples
// between that sample and the position, so the position lands on the nearest
// output sample: the join's own error is at most half an output sample. The
// resampler adds its own fractional delay (a constant of its filter), which
// the from-start decode has too; the test takes that one away.
struct RateCase {
    MediaFormat format;
    int rate;
};

class JoinAtAnotherRate : public ::testing::TestWithParam<RateCase> {};

TEST_P(JoinAtAnotherRate, IsPlacedWithinHalfASample) {
    const auto [format, rate] = GetParam();
    const std::string name =
        "sine-1k-" + std::to_string(rate) + "." + std::string(extension_of(format));
    const fs::path media = scratch() / name;
    make_media(media, format, rate, 10 * static_cast<std::int64_t>(rate), sine(1000.0));
    constexpr auto offset = 7251ms;
    Aired aired;
    air({.id = "join", .file = media, .offset = offset}, 1200ms, 600ms, "join-" + name, aired);
    ASSERT_FALSE(HasFatalFailure());
    EXPECT_GE(first_sound(aired.samples), aired.planned);
    EXPECT_LE(first_sound(aired.samples), aired.planned + 1);
    // The sine's phase at 7.251 s is 2 pi x 1000 x 7.251: zero. So from the
    // planned sample on the air should be sin(2 pi 1000 k / 48000); its fitted
    // delay is the join's error plus the resampler's. Fitted past the
    // resampler's start (its filter begins on empty history).
    const double delay = sine_delay(aired.samples, aired.planned + 480, 9600, 1000.0);
    const double resampler = sine_delay(decode_reference(media), 480, 9600, 1000.0);
    RecordProperty("join_delay_millisamples", static_cast<int>(std::lround(delay * 1000)));
    RecordProperty("resampler_delay_millisamples", static_cast<int>(std::lround(resampler * 1000)));
    EXPECT_LE(std::abs(delay - resampler), 0.5) << "output samples";
    EXPECT_LE(std::abs(delay), 1.0) << "output samples";
}

INSTANTIATE_TEST_SUITE_P(Rates, JoinAtAnotherRate,
                         ::testing::Values(RateCase{MediaFormat::flac, 44100},
                                           RateCase{MediaFormat::wav, 22050},
                                           RateCase{MediaFormat::mp3, 32000}),
                         [](const auto& info) {
                             return std::string(extension_of(info.param.format)) + "_" +
                                    std::to_string(info.param.rate);
                         });

// A restart hours into a long file, scheduled only 1 s ahead: a sparse
// 3-hour WAV (2 GB on paper, nothing on disk, made instantly) whose only sound
// is a few seconds at 2:50:00, joined 250 ms into it. Decoding the file from
// its start takes 7.7 s on this machine (gst-launch to a fakesink); the seek
// takes 2 ms. So being on air on time, with the right samples, shows the join
// seeks.
TEST(Join, HoursIntoALongWavIsOnAirOnTime) {
    const fs::path media = scratch() / "long.wav";
    constexpr std::int64_t rate = 48000;
    constexpr std::int64_t marked_second = 2 * 3600 + 50 * 60;
    write_wav(media, rate, 3 * 3600 * rate, stepped_tone, (marked_second - 2) * rate,
              (marked_second + 4) * rate);
    constexpr auto offset = std::chrono::milliseconds(marked_second * 1000 + 250);
    constexpr std::int64_t checked = 500 * samples_per_ms;

    EventLog log;
    const fs::path recording = scratch() / "join-long-wav.wav";
    PlayoutEngine engine({wav_output(recording)}, log);
    engine.start();
    play_until(engine, engine.origin() + 300ms);
    const TimePoint start =
        std::chrono::ceil<std::chrono::milliseconds>(engine.on_air_until()) + 1000ms;
    engine.schedule({.id = "long", .file = media, .start = start, .offset = offset});
    play_until(engine, start + 600ms);
    engine.poll(0ms);
    engine.stop();

    const auto samples = read_wav_left(recording);
    const std::int64_t planned = sample_of(engine, start);
    const auto expected =
        expected_samples(stepped_tone, 48000, offset.count() * samples_per_ms, checked);
    EXPECT_EQ(max_difference(samples, planned, expected, 0, checked), 0.0);
    EXPECT_GE(first_sound(samples), planned);
    ASSERT_EQ(log.started.size(), 1u);
    EXPECT_EQ(log.started[0].actual, start);
}

// The daemon's usual media: a 25-minute MP3, joined 2.25 s into a part marked
// about 20 minutes in, 1 s ahead: on time, and sample for sample what a decode
// of the marked part on its own gives. (For an accurate seek mpegaudioparse
// scans frame headers from the start, about 50 ms here, and decodes nothing;
// mpg123 is fast enough that decoding these 20 minutes would take 0.6 s, so
// it is the WAV test above that shows the seek.)
TEST(Join, TwentyMinutesIntoALongMp3IsOnAirOnTime) {
    const fs::path media = scratch() / "long.mp3";
    const LongMp3 made = make_long_mp3(media, 1200s, 6 * 48000, stepped_tone, 290s);
    const fs::path marker = scratch() / "marker.mp3";
    make_media(marker, MediaFormat::mp3, 48000, 6 * 48000, stepped_tone);
    const std::vector<float> reference = decode_reference(marker);
    // A whole ms, 2.25 s or a bit more into the marker.
    const std::int64_t offset_ms =
        (made.marker_at + 2250 * samples_per_ms + samples_per_ms - 1) / samples_per_ms;
    const std::int64_t into_marker = offset_ms * samples_per_ms - made.marker_at;
    constexpr std::int64_t checked = 500 * samples_per_ms;

    EventLog log;
    const fs::path recording = scratch() / "join-long-mp3.wav";
    PlayoutEngine engine({wav_output(recording)}, log);
    engine.start();
    play_until(engine, engine.origin() + 300ms);
    const TimePoint start =
        std::chrono::ceil<std::chrono::milliseconds>(engine.on_air_until()) + 1000ms;
    engine.schedule({.id = "long",
                     .file = media,
                     .start = start,
                     .offset = std::chrono::milliseconds(offset_ms)});
    play_until(engine, start + 600ms);
    engine.poll(0ms);
    engine.stop();

    const auto samples = read_wav_left(recording);
    const std::int64_t planned = sample_of(engine, start);
    const Alignment found = align(samples, planned, reference, into_marker, 4800, 480);
    EXPECT_EQ(found.lag, 0) << "rms there " << found.rms;
    EXPECT_LE(max_difference(samples, planned, reference, into_marker, checked), 1e-6);
    EXPECT_GE(first_sound(samples), planned);
    ASSERT_EQ(log.started.size(), 1u);
    EXPECT_EQ(log.started[0].actual, start);
}

// max_length counts from the planned start, not from the media's start: the
// daemon gives a joined item what is left of its airing.
TEST(Join, MaxLengthIsMeasuredFromTheStart) {
    const fs::path& media = stepped_media(MediaFormat::flac);
    constexpr auto max_length = 800ms;
    constexpr auto fade = 200ms;
    Aired aired;
    air({.id = "join",
         .file = media,
         .offset = 7250ms,
         .max_length = max_length,
         .fade_out = fade,
         .cut_reason = "the window ends"},
        1200ms, 1100ms, "join-cut", aired);
    ASSERT_FALSE(HasFatalFailure());
    const std::int64_t cut = aired.planned + max_length.count() * samples_per_ms;
    EXPECT_EQ(first_sound(aired.samples, cut), -1) << "sound after the cut";
    const auto expected = expected_samples(stepped_tone, 48000, 7250 * samples_per_ms,
                                           (max_length - fade).count() * samples_per_ms);
    EXPECT_EQ(max_difference(aired.samples, aired.planned, expected, 0,
                             static_cast<std::int64_t>(expected.size())),
              0.0);
    const EventLog::Ended* ended = aired.log.find_ended("join");
    ASSERT_NE(ended, nullptr);
    EXPECT_EQ(ended->kind, EndReason::cut_at_max_length);
    EXPECT_EQ(ended->reason, "the window ends");
    EXPECT_EQ(ended->actual_end, aired.log.started.at(0).planned + max_length);
}

// An offset past the file's end (the plan's duration was wrong, or the file
// was replaced by a shorter one): the item fails, nothing of it airs, and the
// air goes on.
TEST(Join, AnOffsetPastTheEndFailsTheItem) {
    const fs::path& media = stepped_media(MediaFormat::wav);
    EventLog log;
    const fs::path recording = scratch() / "join-past-end.wav";
    PlayoutEngine engine({wav_output(recording)}, log);
    engine.start();
    const TimePoint start = engine.origin() + 1200ms;
    engine.schedule({.id = "past", .file = media, .start = start, .offset = 30s});
    play_until(engine, start + 2500ms);
    engine.poll(0ms);
    engine.stop();
    EXPECT_TRUE(log.started.empty());
    const EventLog::Ended* ended = log.find_ended("past");
    ASSERT_NE(ended, nullptr);
    EXPECT_EQ(ended->kind, EndReason::failed);
    RecordProperty("reason", ended->reason);
    EXPECT_EQ(first_sound(read_wav_left(recording)), -1);
}

}  // namespace
}  // namespace onair::playout
