// How long the air goes without its relay when the stream fails: from the
// fault (the server stops sending, or hangs up) to the fallback file's first
// sound in the recording. Target: <= 2 s.
//
//   onair_relay_fallback_bench [--runs N]
//
// Each run: a PlayoutEngine recording the air (float WAV), a relay item whose
// stream (a 1000 Hz MP3 in real time) comes from a local HTTP server on
// 127.0.0.1 (tests/support/HttpStreamServer.hpp), and a 440 Hz fallback file.
// 1.5 s into the relay the server stalls (keeps the socket open, sends
// nothing) or closes the connection; the recording is then searched, 1 ms by
// 1 ms, for the first 25 ms that carry the fallback tone (to about 3 ms). It
// also prints when the `fallback` event said the fallback began, and the
// relay's start error. Real clock, so each run takes about 6 s.

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <numbers>
#include <string>
#include <vector>

#include <gst/gst.h>

#include "onair/playout/PlayoutEngine.hpp"
#include "playout/RecordedAudio.hpp"
#include "playout/TestMedia.hpp"
#include "support/HttpStreamServer.hpp"
#include "support/TempFolder.hpp"

namespace {

using namespace std::chrono_literals;
using onair::playout::PlayoutEngine;
using onair::playout::testing::tone_amplitude;
using onair::scheduler::TimePoint;
using onair::testing::HttpStreamServer;
namespace fs = std::filesystem;

constexpr std::int64_t samples_per_ms = 48;

struct Events final : onair::playout::PlayoutListener {
    void item_started(const std::string&, TimePoint, TimePoint actual) override {
        started = actual;
    }
    void item_ended(const std::string&, TimePoint, onair::playout::EndReason,
                    const std::string& why) override {
        ended = why;
    }
    void output_error(const std::string& output, const std::string& message) override {
        std::fprintf(stderr, "output %s: %s\n", output.c_str(), message.c_str());
    }
    void relay_event(const std::string&, onair::playout::RelayEvent event, TimePoint at,
                     const std::string& detail) override {
        if (event == onair::playout::RelayEvent::dropped) {
            dropped = at;
            cause = detail;
        } else if (event == onair::playout::RelayEvent::fallback) {
            fallback = at;
        }
    }
    TimePoint started{}, dropped{}, fallback{};
    std::string cause, ended;
};

struct Run {
    double fault_to_fallback_ms = -1;  // measured on the recording
    double fault_to_event_ms = -1;     // the fallback event's time
    double start_error_samples = 0;
    std::string cause;
};

Run measure(HttpStreamServer::Mode fault, const fs::path& fallback, const fs::path& folder,
            const onair::testing::FramedStream& tone, const onair::testing::FramedStream& silent) {
    HttpStreamServer server(tone, silent);
    const fs::path recording = folder / "bench.wav";
    Events events;
    PlayoutEngine engine({{"wav", onair::playout::OutputSpec::Kind::file, recording,
                           onair::playout::OutputSpec::Encoding::wav}},
                         events);
    engine.start();
    const TimePoint start = engine.origin() + 2000ms;
    engine.schedule({.id = "relay",
                     .file = fallback,
                     .relay_url = server.url(),
                     .start = start,
                     .max_length = 20000ms});
    TimePoint fault_at{};
    while (fault_at == TimePoint{} || engine.on_air_until() < fault_at + 3000ms) {
        engine.poll(10ms);
        if (fault_at == TimePoint{} && std::chrono::system_clock::now() >= start + 1500ms) {
            fault_at =
                std::chrono::time_point_cast<std::chrono::milliseconds>(server.set_mode(fault));
        }
    }
    engine.poll(0ms);
    engine.stop();

    const std::vector<float> samples = onair::playout::testing::read_wav_left(recording);
    const auto sample_of = [&](TimePoint t) {
        return (t - engine.origin()).count() * samples_per_ms;
    };
    Run run;
    run.cause = events.cause;
    run.start_error_samples =
        static_cast<double>(onair::playout::testing::first_sound(samples) - 1 - sample_of(start));
    const std::int64_t window = 25 * samples_per_ms;
    for (std::int64_t at = sample_of(fault_at);
         at + window <= static_cast<std::int64_t>(samples.size()); at += samples_per_ms) {
        // 0.7 of the tone's 0.8: the window lies (almost) wholly in the
        // fallback, so the first such window starts within ~3 ms of it.
        if (tone_amplitude(samples, at, window, 440) > 0.7) {
            run.fault_to_fallback_ms =
                static_cast<double>(at - sample_of(fault_at)) / samples_per_ms;
            break;
        }
    }
    if (events.fallback != TimePoint{}) {
        run.fault_to_event_ms = static_cast<double>((events.fallback - fault_at).count());
    }
    return run;
}

void summarize(const char* name, std::vector<double> values) {
    std::sort(values.begin(), values.end());
    if (values.empty() || values.front() < 0) {
        std::printf("%-6s fallback never heard in some run\n", name);
        return;
    }
    std::printf(
        "%-6s fault -> fallback audio: median %.0f ms, min %.0f ms, max %.0f ms over %zu "
        "runs (target <= 2000 ms)\n",
        name, values[values.size() / 2], values.front(), values.back(), values.size());
}

}  // namespace

int main(int argc, char** argv) {
    int runs = 5;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--runs") == 0 && i + 1 < argc) {
            runs = std::max(1, std::atoi(argv[++i]));
        } else {
            std::fprintf(stderr, "usage: %s [--runs N]\n", argv[0]);
            return 2;
        }
    }
    gst_init(nullptr, nullptr);
    const onair::testing::TempFolder folder("onair-relay-bench");
    const fs::path fallback = folder.path() / "fallback.wav";
    onair::playout::testing::write_test_tone(fallback, 440, 20s);
    const auto tone = onair::testing::mp3_tone_stream(1000, 20s);
    const auto silent = onair::testing::mp3_tone_stream(0, 2s);

    const std::pair<const char*, HttpStreamServer::Mode> faults[] = {
        {"stall", HttpStreamServer::Mode::stall}, {"close", HttpStreamServer::Mode::close}};
    for (const auto& [name, mode] : faults) {
        std::vector<double> heard;
        for (int i = 0; i < runs; ++i) {
            const Run run = measure(mode, fallback, folder.path(), tone, silent);
            // The stream's MP3 frames are 24 whole periods of the tone, so its
            // first sample is sin(0) = 0: a first sound 1 sample after the
            // planned start is an exact start.
            std::printf(
                "%s run %d: fallback heard %.0f ms after the fault (event at %.0f ms), "
                "relay start error %.0f samples, cause \"%s\"\n",
                name, i + 1, run.fault_to_fallback_ms, run.fault_to_event_ms,
                run.start_error_samples, run.cause.c_str());
            std::fflush(stdout);
            heard.push_back(run.fault_to_fallback_ms);
        }
        summarize(name, heard);
    }
    return 0;
}
