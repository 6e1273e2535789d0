// The `alsa` and `pulse` outputs on a machine with no sound card and no sound
// server (this one, and CI): each fails cleanly at start with its element's
// reason, is retried quietly in the background, and the air and the other
// outputs go on.

#include <gtest/gtest.h>
#include "../support/TempFolder.hpp"
#include "AirHarness.hpp"
#include "RecordedAudio.hpp"
#include "TestMedia.hpp"

#include <chrono>
#include <string>
#include <vector>

#include "onair/playout/PlayoutEngine.hpp"

namespace onair::playout {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using onair::testing::TempFolder;
using scheduler::TimePoint;
using testing::EventLog;
using testing::sample_of;
using testing::samples_per_ms;

TEST(OutputSoundCard, MissingAlsaAndPulseFailCleanlyAndTheAirGoesOn) {
    const TempFolder folder("onair-sound-card");
    const fs::path recording = folder.path() / "air.wav";
    const fs::path media = folder.path() / "sine.wav";
    testing::write_wav(media, 48000, 2000 * samples_per_ms, testing::sine(1000.0));
    EventLog events;
    PlayoutEngine engine(
        {{"recording", OutputSpec::Kind::file, recording, OutputSpec::Encoding::wav},
         {.name = "speakers", .kind = OutputSpec::Kind::alsa, .device = "hw:7"},
         {.name = "desktop", .kind = OutputSpec::Kind::pulse}},
        events);
    engine.start();  // does not throw: the pipeline starts without them
    const TimePoint start = engine.origin() + 1000ms;
    engine.schedule({.id = "sine", .file = media, .start = start});
    // Past the first retries (2 s after each failure).
    testing::play_until(engine, engine.origin() + 3000ms);
    engine.poll(0ms);
    engine.stop();

    ASSERT_EQ(events.output_errors.size(), 2u) << "each reported once, however often retried";
    EXPECT_EQ(events.output_errors[0].first, "speakers");
    EXPECT_NE(events.output_errors[0].second.find("alsa device hw:7: "), std::string::npos)
        << events.output_errors[0].second;
    EXPECT_NE(events.output_errors[0].second.find("Could not open audio device"), std::string::npos)
        << events.output_errors[0].second;
    EXPECT_EQ(events.output_errors[1].first, "desktop");
    EXPECT_NE(events.output_errors[1].second.find("pulse sink (default): "), std::string::npos)
        << events.output_errors[1].second;
    EXPECT_NE(events.output_errors[1].second.find("trying again"), std::string::npos);
    RecordProperty("alsa", events.output_errors[0].second);
    RecordProperty("pulse", events.output_errors[1].second);
    EXPECT_TRUE(events.recovered.empty());

    const std::vector<float> samples = testing::read_wav_left(recording);
    const std::int64_t from = sample_of(engine, start);
    const std::vector<float> reference =
        testing::expected_samples(testing::sine(1000.0), 48000, 0, 2000 * samples_per_ms);
    EXPECT_EQ(testing::max_difference(samples, from, reference, 0, 2000 * samples_per_ms), 0.0);
}

}  // namespace
}  // namespace onair::playout
