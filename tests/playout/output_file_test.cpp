// The `file` output on the real engine: a path pattern that changes every
// second splits the recording into files on exact samples (the files joined
// are the continuous air, sample for sample), each file is finalized (WAV
// header, Ogg end of stream), folders are created, an existing recording is
// never overwritten, and old recordings of the pattern are deleted.

#include <gtest/gtest.h>
#include "../support/TempFolder.hpp"
#include "../support/TestFiles.hpp"
#include "AirHarness.hpp"
#include "RecordedAudio.hpp"
#include "TestMedia.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <date/date.h>

#include "onair/playout/PlayoutEngine.hpp"

namespace onair::playout {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using onair::testing::TempFolder;
using scheduler::TimePoint;
using testing::EventLog;
using testing::play_until;
using testing::read_wav_left;
using testing::sample_of;
using testing::samples_per_ms;

/// The files in `folder`, by name (the patterns here sort by time).
std::vector<fs::path> files_in(const fs::path& folder) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(folder)) {
        files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

/// The left channel of any file GStreamer decodes, as 48 kHz floats.
std::vector<float> decode(const fs::path& file) {
    const fs::path wav = file.string() + ".decoded.wav";
    testing::run_pipeline("filesrc location=\"" + file.string() +
                          "\" ! decodebin ! audioconvert ! audioresample ! "
                          "audio/x-raw,format=F32LE,rate=48000,channels=2 ! wavenc ! "
                          "filesink location=\"" +
                          wav.string() + "\"");
    std::vector<float> samples = read_wav_left(wav);
    fs::remove(wav);
    return samples;
}

/// The instant a "%Y%m%d%H%M%S" file name stands for (UTC).
TimePoint instant_of_name(const fs::path& file) {
    const std::string name = file.stem().string();
    auto number = [&](std::size_t at, std::size_t length) {
        return std::stoi(name.substr(at, length));
    };
    const date::sys_days day = date::year(number(0, 4)) /
                               date::month(static_cast<unsigned>(number(4, 2))) /
                               date::day(static_cast<unsigned>(number(6, 2)));
    return TimePoint(day) + std::chrono::hours(number(8, 2)) + std::chrono::minutes(number(10, 2)) +
           std::chrono::seconds(number(12, 2));
}

/// The granule position of an Ogg file's last page (for Vorbis: the number of
/// the sample after the last one), or -1 if it has no end-of-stream page.
std::int64_t last_granule(const fs::path& file) {
    const std::string bytes = onair::testing::read_prefix(file, 1 << 24);
    std::int64_t granule = -1;
    for (std::size_t at = bytes.find("OggS"); at != std::string::npos && at + 14 <= bytes.size();
         at = bytes.find("OggS", at + 4)) {
        if ((static_cast<unsigned char>(bytes[at + 5]) & 0x04) != 0) {  // end of stream
            std::int64_t value = 0;
            std::memcpy(&value, bytes.data() + at + 6, 8);
            granule = value;
        }
    }
    return granule;
}

/// A tone item that fills [start, start + length) of the air.
PlayoutItem tone_item(const fs::path& folder, const std::string& id, TimePoint start,
                      std::chrono::milliseconds length) {
    const fs::path media = folder / (id + ".wav");
    testing::write_wav(media, 48000, length.count() * samples_per_ms, testing::stepped_tone);
    return {.id = id, .file = media, .start = start};
}

TEST(OutputFile, APatternChangingEverySecondSplitsTheAirOnExactSamples) {
    const TempFolder folder("onair-rotation");
    const fs::path rotating = folder.path() / "new" / "folders" / "%Y%m%d%H%M%S.wav";
    const fs::path continuous = folder.path() / "continuous.wav";
    EventLog events;
    PlayoutEngine engine(
        {{"continuous", OutputSpec::Kind::file, continuous, OutputSpec::Encoding::wav},
         {.name = "rotating",
          .kind = OutputSpec::Kind::file,
          .path = rotating,
          .encoding = OutputSpec::Encoding::wav,
          .time_zone = "UTC"}},
        events);
    engine.start();
    // Sound across all the boundaries, so a lost or doubled sample shows.
    engine.schedule(tone_item(folder.path(), "tone", engine.origin() + 1000ms, 3000ms));
    play_until(engine, engine.origin() + 4300ms);
    engine.stop();
    EXPECT_TRUE(events.errors().empty()) << events.errors().front();
    EXPECT_TRUE(events.failures().empty());

    const std::vector<float> air = read_wav_left(continuous);
    const std::vector<fs::path> files = files_in(rotating.parent_path());
    ASSERT_GE(files.size(), 4u) << "4.3 s of air cross at least 4 whole seconds";
    std::vector<float> joined;
    for (std::size_t i = 0; i < files.size(); ++i) {
        const std::vector<float> part = read_wav_left(files[i]);  // throws if not finalized
        if (i > 0) {
            // Every file but the first starts on the whole second of its name.
            EXPECT_EQ(static_cast<std::int64_t>(joined.size()),
                      sample_of(engine, instant_of_name(files[i])))
                << files[i];
        }
        joined.insert(joined.end(), part.begin(), part.end());
    }
    ASSERT_EQ(joined.size(), air.size());
    EXPECT_TRUE(joined == air) << "the files joined differ from the continuous recording";
    EXPECT_GT(testing::first_sound(air), 0);
}

TEST(OutputFile, OggFilesAreEachFinalizedAndTogetherAsLongAsTheAir) {
    const TempFolder folder("onair-rotation-ogg");
    const fs::path rotating = folder.path() / "ogg" / "%Y%m%d%H%M%S.ogg";
    const fs::path continuous = folder.path() / "continuous.wav";
    EventLog events;
    PlayoutEngine engine(
        {{"continuous", OutputSpec::Kind::file, continuous, OutputSpec::Encoding::wav},
         {.name = "rotating",
          .kind = OutputSpec::Kind::file,
          .path = rotating,
          .encoding = OutputSpec::Encoding::ogg_vorbis,
          .time_zone = "UTC"}},
        events);
    engine.start();
    engine.schedule(tone_item(folder.path(), "tone", engine.origin() + 1000ms, 2500ms));
    play_until(engine, engine.origin() + 3300ms);
    engine.stop();
    EXPECT_TRUE(events.errors().empty()) << events.errors().front();

    const auto air = static_cast<std::int64_t>(read_wav_left(continuous).size());
    const std::vector<fs::path> files = files_in(rotating.parent_path());
    ASSERT_GE(files.size(), 3u);
    for (std::size_t i = 0; i < files.size(); ++i) {
        const std::int64_t from = i == 0 ? 0 : sample_of(engine, instant_of_name(files[i]));
        const std::int64_t to =
            i + 1 == files.size() ? air : sample_of(engine, instant_of_name(files[i + 1]));
        // The file's own timeline starts at 0 and its end of stream says how
        // many samples it holds: exactly its share of the air.
        EXPECT_EQ(last_granule(files[i]), to - from) << files[i];
        // And it decodes to its end (GStreamer's Vorbis decoding may add a
        // sample or so at the edges; the granule positions are the exact truth).
        const auto decoded = static_cast<std::int64_t>(decode(files[i]).size());
        EXPECT_NEAR(static_cast<double>(decoded), static_cast<double>(to - from), 16.0) << files[i];
    }
}

TEST(OutputFile, Mp3RecordingHoldsTheAir) {
    const TempFolder folder("onair-mp3");
    const fs::path recording = folder.path() / "air.mp3";
    EventLog events;
    PlayoutEngine engine({{.name = "mp3",
                           .kind = OutputSpec::Kind::file,
                           .path = recording,
                           .encoding = OutputSpec::Encoding::mp3,
                           .bitrate_kbps = 64}},
                         events);
    engine.start();
    const fs::path media = folder.path() / "sine.wav";
    testing::write_wav(media, 48000, 1000 * samples_per_ms, testing::sine(1000.0));
    const TimePoint start = engine.origin() + 1000ms;
    engine.schedule({.id = "sine", .file = media, .start = start});
    play_until(engine, engine.origin() + 2500ms);
    engine.stop();
    EXPECT_TRUE(events.errors().empty()) << events.errors().front();

    const std::vector<float> samples = decode(recording);
    // At 64 kbit/s LAME encodes at 24 kHz: the decoded air is late by its
    // priming and the resampler (some 50 ms), and the air ran on a little
    // until stop() reached it.
    EXPECT_GE(samples.size(), 2500u * samples_per_ms);
    EXPECT_LE(samples.size(), 2900u * samples_per_ms);
    auto rms = [&](std::int64_t from_ms, std::int64_t to_ms) {
        double sum = 0;
        for (std::int64_t i = from_ms * samples_per_ms; i < to_ms * samples_per_ms; ++i) {
            const double value = samples.at(static_cast<std::size_t>(i));
            sum += value * value;
        }
        return std::sqrt(sum / static_cast<double>((to_ms - from_ms) * samples_per_ms));
    };
    // The sine's energy (RMS 0.35) sits in its second of the air, not around it.
    EXPECT_GT(rms(1200, 1950), 0.3);
    EXPECT_LT(rms(100, 950), 0.001);
    EXPECT_LT(rms(2200, 2450), 0.001);
}

/// The channel count a recording's header declares: a WAV's `fmt ` chunk, or
/// a Vorbis identification header; 0 if neither is found.
int channels_in_header(const fs::path& file) {
    const std::string bytes = onair::testing::read_prefix(file, 1 << 16);
    if (const auto fmt = bytes.find("fmt ");
        bytes.starts_with("RIFF") && fmt != std::string::npos) {
        return static_cast<unsigned char>(bytes.at(fmt + 10));
    }
    if (const auto vorbis = bytes.find("\x01vorbis"); vorbis != std::string::npos) {
        return static_cast<unsigned char>(bytes.at(vorbis + 11));  // after the version
    }
    return 0;
}

TEST(OutputFile, AMonoRecordingIsTheAirMixedDown) {
    const TempFolder folder("onair-mono");
    const fs::path stereo = folder.path() / "stereo.wav";
    const fs::path mono_wav = folder.path() / "mono.wav";
    const fs::path mono_ogg = folder.path() / "mono.ogg";
    EventLog events;
    PlayoutEngine engine({{"stereo", OutputSpec::Kind::file, stereo, OutputSpec::Encoding::wav},
                          {.name = "mono-wav",
                           .kind = OutputSpec::Kind::file,
                           .path = mono_wav,
                           .encoding = OutputSpec::Encoding::wav,
                           .channels = 1},
                          {.name = "mono-ogg",
                           .kind = OutputSpec::Kind::file,
                           .path = mono_ogg,
                           .encoding = OutputSpec::Encoding::ogg_vorbis,
                           .bitrate_kbps = 64,
                           .channels = 1}},
                         events);
    engine.start();
    engine.schedule(tone_item(folder.path(), "tone", engine.origin() + 700ms, 1500ms));
    play_until(engine, engine.origin() + 2500ms);
    engine.stop();
    EXPECT_TRUE(events.errors().empty()) << events.errors().front();

    EXPECT_EQ(channels_in_header(stereo), 2);
    EXPECT_EQ(channels_in_header(mono_wav), 1);
    EXPECT_EQ(channels_in_header(mono_ogg), 1);
    // The tone is the same on both channels, so the mixdown is the left
    // channel itself, sample for sample, and the tone is in it.
    const std::vector<float> air = read_wav_left(stereo);
    const std::vector<float> mixed = read_wav_left(mono_wav);
    EXPECT_EQ(mixed, air);
    const std::int64_t tone_start = sample_of(engine, engine.origin() + 700ms);
    EXPECT_EQ(testing::first_sound(mixed), tone_start + 1);  // the tone's sample 0 is 0
    // The Ogg file holds every sample of the air, in one channel.
    EXPECT_EQ(last_granule(mono_ogg), static_cast<std::int64_t>(air.size()));
}

TEST(OutputFile, ARestartNeverOverwritesTheDaysRecording) {
    const TempFolder folder("onair-restart");
    const fs::path pattern = folder.path() / "%Y-%m-%d.wav";
    const auto day = [&] {
        return OutputSpec{.name = "day",
                          .kind = OutputSpec::Kind::file,
                          .path = pattern,
                          .encoding = OutputSpec::Encoding::wav,
                          .time_zone = "UTC"};
    };
    // Not across midnight UTC: the day's name must stay the same for both runs.
    const auto now = std::chrono::system_clock::now();
    if (now - date::floor<date::days>(now) > 24h - 5s) {
        std::this_thread::sleep_for(6s);
    }
    for (int run = 0; run < 2; ++run) {
        EventLog events;
        PlayoutEngine engine({day()}, events);
        engine.start();
        play_until(engine, engine.origin() + 500ms + 300ms * run);
        engine.stop();
        EXPECT_TRUE(events.errors().empty());
    }
    const std::vector<fs::path> files = files_in(folder.path());
    ASSERT_EQ(files.size(), 2u);
    const fs::path first = files[0].stem().string().ends_with("-2") ? files[1] : files[0];
    const fs::path second = first.parent_path() / (first.stem().string() + "-2.wav");
    ASSERT_TRUE(fs::exists(second)) << "2026-11-22.wav, then 2026-11-22-2.wav";
    EXPECT_GE(read_wav_left(first).size(), 500u * samples_per_ms);
    EXPECT_GE(read_wav_left(second).size(), 800u * samples_per_ms);
}

TEST(OutputFile, OldRecordingsOfThePatternAreDeletedAtStart) {
    const TempFolder folder("onair-retain");
    const fs::path air = folder.path() / "aircheck";
    fs::create_directories(air);
    const auto now = fs::file_time_type::clock::now();
    for (const auto& [name, days] :
         std::vector<std::pair<std::string, int>>{{"2026-07-01.ogg", 140},
                                                  {"2026-07-02-2.ogg", 139},
                                                  {"2026-10-30.ogg", 23},
                                                  {"report-2026-07-01.ogg", 140},
                                                  {"2026-07-01.txt", 140}}) {
        onair::testing::write_bytes(air / name, "OggS");
        fs::last_write_time(air / name, now - std::chrono::hours(24 * days));
    }
    EventLog events;
    PlayoutEngine engine({{.name = "aircheck",
                           .kind = OutputSpec::Kind::file,
                           .path = air / "%Y-%m-%d.ogg",
                           .encoding = OutputSpec::Encoding::ogg_vorbis,
                           .retain_days = 30}},
                         events);
    engine.start();
    play_until(engine, engine.origin() + 300ms);
    engine.stop();
    EXPECT_TRUE(events.errors().empty());
    EXPECT_FALSE(fs::exists(air / "2026-07-01.ogg"));
    EXPECT_FALSE(fs::exists(air / "2026-07-02-2.ogg"));
    EXPECT_TRUE(fs::exists(air / "2026-10-30.ogg"));
    EXPECT_TRUE(fs::exists(air / "report-2026-07-01.ogg")) << "not a name the pattern makes";
    EXPECT_TRUE(fs::exists(air / "2026-07-01.txt"));
}

TEST(OutputFile, RetentionRunsAgainAfterEachNewFile) {
    const TempFolder folder("onair-retain-rotate");
    const fs::path old_file = folder.path() / "20260101000000.wav";
    EventLog events;
    PlayoutEngine engine({{.name = "seconds",
                           .kind = OutputSpec::Kind::file,
                           .path = folder.path() / "%Y%m%d%H%M%S.wav",
                           .encoding = OutputSpec::Encoding::wav,
                           .retain_days = 1,
                           .time_zone = "UTC"}},
                         events);
    engine.start();
    // Appears while on air (as a file from a long-running station would age).
    onair::testing::write_bytes(old_file, "RIFF");
    fs::last_write_time(old_file, fs::file_time_type::clock::now() - 48h);
    play_until(engine, engine.origin() + 2200ms);
    EXPECT_FALSE(fs::exists(old_file));
    engine.stop();
    EXPECT_TRUE(events.errors().empty());
}

TEST(OutputFile, AnUnknownTimeZoneIsReportedAndTheOthersGoOn) {
    const TempFolder folder("onair-zone");
    EventLog events;
    PlayoutEngine engine(
        {{"good", OutputSpec::Kind::file, folder.path() / "good.wav", OutputSpec::Encoding::wav},
         {.name = "bad-zone",
          .kind = OutputSpec::Kind::file,
          .path = folder.path() / "%Y.wav",
          .time_zone = "Asia/Saigon_City"}},
        events);
    engine.start();
    play_until(engine, engine.origin() + 300ms);
    engine.stop();
    ASSERT_EQ(events.errors().size(), 1u);
    EXPECT_NE(events.errors()[0].find("bad-zone: "), std::string::npos);
    EXPECT_NE(events.errors()[0].find("Asia/Saigon_City"), std::string::npos) << events.errors()[0];
    EXPECT_GE(read_wav_left(folder.path() / "good.wav").size(), 300u * samples_per_ms);
}

TEST(OutputFile, AnOutputThatCouldNotStartIsRetriedAndRecovers) {
    const TempFolder folder("onair-retry");
    // A folder cannot be made where a file is (not even by root)...
    const fs::path blocker = folder.path() / "usb-disk";
    onair::testing::write_bytes(blocker, "not a folder");
    EventLog events;
    PlayoutEngine engine({{.name = "usb",
                           .kind = OutputSpec::Kind::file,
                           .path = blocker / "air" / "%Y%m%d%H%M%S.wav",
                           .encoding = OutputSpec::Encoding::wav,
                           .time_zone = "UTC"}},
                         events);
    engine.start();
    engine.poll(0ms);
    ASSERT_EQ(events.errors().size(), 1u);
    EXPECT_NE(events.errors()[0].find("cannot create the folder"), std::string::npos)
        << events.errors()[0];
    // ... until the disk is there: the next try (2 s after the failure) records.
    fs::remove(blocker);
    const auto give_up = std::chrono::steady_clock::now() + 5s;
    while (events.recovered.empty() && std::chrono::steady_clock::now() < give_up) {
        engine.poll(20ms);
    }
    engine.stop();
    EXPECT_EQ(events.recovered, std::vector<std::string>{"usb"});
    EXPECT_EQ(events.errors().size(), 1u);
    ASSERT_TRUE(fs::is_directory(blocker / "air"));
    EXPECT_FALSE(files_in(blocker / "air").empty());
}

}  // namespace
}  // namespace onair::playout
