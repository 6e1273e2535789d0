// The silence alarm on the real engine, with short settings (alarm after 1 s
// below -50 dBFS): dead air raises one alarm naming when it began, sound ends
// it, and a tone too quiet to hear counts as silence.

#include <gtest/gtest.h>
#include "../support/TempFolder.hpp"
#include "AirHarness.hpp"
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
using testing::samples_per_ms;

class SilenceEvents final : public EventLog {
  public:
    struct Event {
        bool alarm;
        TimePoint at;
        /// How far the air had got when the listener heard of it.
        TimePoint heard;
    };
    explicit SilenceEvents(const PlayoutEngine*& engine) : engine_(engine) {}
    void silence_alarm(TimePoint since) override {
        events.push_back({true, since, engine_->on_air_until()});
    }
    void silence_ended(TimePoint at) override {
        events.push_back({false, at, engine_->on_air_until()});
    }
    std::vector<Event> events;

  private:
    const PlayoutEngine*& engine_;
};

TEST(SilenceAlarm, DeadAirAlarmsOnceAndSoundEndsIt) {
    const TempFolder folder("onair-silence");
    const fs::path audible = folder.path() / "audible.wav";
    const fs::path inaudible = folder.path() / "inaudible.wav";
    // RMS -37 dBFS (quiet, but sound) and -57 dBFS (below the threshold).
    testing::write_wav(audible, 48000, 1000 * samples_per_ms, testing::sine(440.0, 0.02));
    testing::write_wav(inaudible, 48000, 2000 * samples_per_ms, testing::sine(440.0, 0.002));

    const PlayoutEngine* engine_for_listener = nullptr;
    SilenceEvents listener(engine_for_listener);
    PlayoutEngine engine({{"nowhere", OutputSpec::Kind::null, {}, {}}}, listener,
                         {.silence_threshold_db = -50.0, .silence_alarm_after = 1000ms});
    engine_for_listener = &engine;
    engine.start();
    const TimePoint origin = engine.origin();
    engine.schedule({.id = "audible", .file = audible, .start = origin + 2500ms});
    engine.schedule({.id = "inaudible", .file = inaudible, .start = origin + 3500ms});
    testing::play_until(engine, origin + 5000ms);
    engine.poll(200ms);
    engine.stop();
    EXPECT_TRUE(listener.errors().empty());

    // level measures 100 ms at a time: times are good to that.
    ASSERT_EQ(listener.events.size(), 3u);
    const auto& first = listener.events[0];
    EXPECT_TRUE(first.alarm);
    EXPECT_GE(first.at, origin);
    EXPECT_LE(first.at, origin + 100ms);
    EXPECT_GE(first.heard, first.at + 1000ms) << "alarmed before 1 s of silence";
    EXPECT_LE(first.heard, first.at + 1400ms);

    const auto& sound = listener.events[1];
    EXPECT_FALSE(sound.alarm);
    EXPECT_GE(sound.at, origin + 2400ms);
    EXPECT_LE(sound.at, origin + 2500ms);

    const auto& again = listener.events[2];
    EXPECT_TRUE(again.alarm);
    EXPECT_GE(again.at, origin + 3400ms);
    EXPECT_LE(again.at, origin + 3600ms);
    EXPECT_GE(again.heard, again.at + 1000ms);
}

TEST(SilenceAlarm, NoAlarmWhileThereIsSound) {
    const TempFolder folder("onair-sound");
    const fs::path tone = folder.path() / "tone.wav";
    testing::write_wav(tone, 48000, 3000 * samples_per_ms, testing::sine(440.0, 0.1));
    const PlayoutEngine* engine_for_listener = nullptr;
    SilenceEvents listener(engine_for_listener);
    PlayoutEngine engine({{"nowhere", OutputSpec::Kind::null, {}, {}}}, listener,
                         {.silence_threshold_db = -50.0, .silence_alarm_after = 1500ms});
    engine_for_listener = &engine;
    engine.start();
    engine.schedule({.id = "tone", .file = tone, .start = engine.origin() + 1000ms});
    testing::play_until(engine, engine.origin() + 3900ms);
    engine.stop();
    // 1 s of silence before the tone is shorter than the 1.5 s allowed.
    EXPECT_TRUE(listener.events.empty());
}

}  // namespace
}  // namespace onair::playout
