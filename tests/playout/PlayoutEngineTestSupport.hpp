#pragma once
// What the PlayoutEngine tests share: generated tones in several formats, a
// scratch folder, and playing the engine until a moment of the real clock. Test
// thread only; throws what GoogleTest assertions and GStreamer set-up throw.

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

namespace onair::playout::engine_test {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using scheduler::TimePoint;
using testing::EventLog;
using testing::first_sound;
using testing::longest_silence;
using testing::read_wav_left;
using testing::sample_of;
using testing::wav_output;
constexpr std::int64_t samples_per_ms = PlayoutEngine::sample_rate / 1000;

inline const fs::path& scratch() {
    return testing::scratch_folder("onair-playout");
}

inline void run_pipeline(const std::string& description) {
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

inline const Format wav{"wav", "wavenc", true};
inline const Format flac{"flac", "flacenc", true};
inline const Format ogg{"ogg", "audioconvert ! vorbisenc ! oggmux", false};

/// A sine tone of `length` (a multiple of 10 ms) at 48 kHz stereo S16,
/// generated once per run. audiotestsrc advances the phase before it computes a
/// sample, so the first sample is 0.8 x sin(2 pi f / 48000), not 0 (1508 of
/// 32767 at 440 Hz): a tone's first sample is its first non-zero one.
inline fs::path tone(const Format& format, int frequency, std::chrono::milliseconds length) {
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
inline void play_until(PlayoutEngine& engine, TimePoint until) {
    const auto give_up = std::chrono::steady_clock::now() + (until - engine.on_air_until()) + 10s;
    while (engine.on_air_until() < until) {
        ASSERT_LT(std::chrono::steady_clock::now(), give_up) << "the output stalled";
        engine.poll(20ms);
    }
}

/// How many samples of `recording` from `at` on differ from `reference`
/// (all of them if the recording is too short).
inline std::size_t mismatches(const std::vector<float>& recording, std::int64_t at,
                              const std::vector<float>& reference) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < reference.size(); ++i) {
        const auto k = static_cast<std::size_t>(at) + i;
        count += k >= recording.size() || recording[k] != reference[i];
    }
    return count;
}

}  // namespace onair::playout::engine_test
