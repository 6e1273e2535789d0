// What the air costs: runs the playout for N minutes on the real clock with
// the outputs a station has, as a station file gets them by default (an
// Ogg/Vorbis air-check file with a daily pattern, mono, 64 kbit/s; and a
// stereo MP3 stream at 64 kbit/s to a real icecast2 on 127.0.0.1), playing
// generated media back to back (MP3, Ogg/Vorbis, FLAC and WAV, at 44.1 and
// 48 kHz), and prints:
//   - CPU seconds (user + system, getrusage) spent while on air, and that as
//     a percentage of one core;
//   - peak RSS (MB) of the whole process (VmHWM), and the RSS (VmRSS) at the
//     end.
// Targets (issue 3): RSS <= 70 MB, CPU <= 3 % of one core. The icecast2
// server is another process: its CPU is not counted.
//
// Run:
//   cmake --build build-release --target onair_air_resources_bench
//   build-release/bench/onair_air_resources_bench [--minutes N] [--seconds N]
//       [--outputs file,icecast] [--stereo-aircheck] [--item-seconds N]
// (default 10 minutes, both outputs; --outputs none: a null output only, to
// see what the air costs without its encoders; --stereo-aircheck: the
// air-check as `channels: 2` writes it; --item-seconds N: items of about N s
// instead of 20 s, so many more of them come and go, for memory)

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "onair/playout/PlayoutEngine.hpp"
#include "playout/TestMedia.hpp"
#include "support/LocalIcecast.hpp"
#include "support/TempFolder.hpp"

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using namespace onair::playout;
using namespace onair::playout::testing;
using onair::scheduler::TimePoint;

struct Media {
    fs::path path;
    std::chrono::milliseconds length;
};

class Counts final : public PlayoutListener {
  public:
    void item_started(const std::string&, TimePoint, TimePoint) override { ++started; }
    void item_ended(const std::string& id, TimePoint, EndReason kind,
                    const std::string& reason) override {
        ++ended;
        if (kind == EndReason::failed) {
            std::fprintf(stderr, "item %s failed: %s\n", id.c_str(), reason.c_str());
        }
    }
    void output_error(const std::string& output, const std::string& message) override {
        ++output_errors;
        std::fprintf(stderr, "output %s: %s\n", output.c_str(), message.c_str());
    }
    void output_recovered(const std::string& output) override {
        std::fprintf(stderr, "output %s recovered\n", output.c_str());
    }
    int started = 0;
    int ended = 0;
    int output_errors = 0;
};

double cpu_seconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    auto seconds = [](const timeval& t) {
        return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
    };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

/// A field of /proc/self/status in MB (2^20 bytes), e.g. "VmRSS" (now) or
/// "VmHWM" (the peak). Both from the same place: getrusage's ru_maxrss lags
/// behind VmRSS, so it could print a peak below the figure at the end.
double status_mb(std::string_view field) {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.starts_with(field) && line.size() > field.size() && line[field.size()] == ':') {
            return std::strtod(line.c_str() + field.size() + 1, nullptr) / 1024.0;  // in kB
        }
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::chrono::seconds air_time = 10min;
    std::string outputs = "file,icecast";
    int aircheck_channels = 1;
    // Each kind's length: 20 s and more by default, a few seconds with
    // --item-seconds, to see what hundreds of items do to memory.
    int item_seconds = 20;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--outputs" && i + 1 < argc) {
            outputs = argv[++i];
        } else if (arg == "--stereo-aircheck") {
            aircheck_channels = 2;
        } else if (arg == "--item-seconds" && i + 1 < argc) {
            item_seconds = std::max(1, std::atoi(argv[++i]));
        } else if (arg == "--minutes" && i + 1 < argc) {
            air_time = std::chrono::minutes(std::max(1, std::atoi(argv[++i])));
        } else if (arg == "--seconds" && i + 1 < argc) {
            air_time = std::chrono::seconds(std::max(5, std::atoi(argv[++i])));
        } else {
            std::fprintf(stderr,
                         "usage: %s [--minutes N | --seconds N] [--outputs file,icecast] "
                         "[--stereo-aircheck] [--item-seconds N]\n",
                         argv[0]);
            return 2;
        }
    }
    try {
        const onair::testing::TempFolder folder("onair-air-bench");
        std::printf("making media...\n");
        std::fflush(stdout);
        struct Kind {
            MediaFormat format;
            int rate;
        };
        const std::vector<Kind> kinds = {{MediaFormat::mp3, 44100},
                                         {MediaFormat::ogg, 48000},
                                         {MediaFormat::flac, 44100},
                                         {MediaFormat::wav, 48000}};
        std::vector<Media> media;
        for (std::size_t i = 0; i < kinds.size(); ++i) {
            const auto length = std::chrono::milliseconds(item_seconds * 1000 +
                                                          item_seconds * 176 * static_cast<int>(i));
            const fs::path path =
                folder.path() / ("item-" + std::to_string(i) + "." + extension_of(kinds[i].format));
            const std::int64_t frames = length.count() * kinds[i].rate / 1000;
            make_media(path, kinds[i].format, kinds[i].rate, frames, stepped_tone);
            media.push_back({path, length});
        }

        onair::testing::LocalIcecast server;
        Counts counts;
        std::vector<OutputSpec> specs;
        if (outputs.find("file") != std::string::npos) {
            specs.push_back({.name = "aircheck",
                             .kind = OutputSpec::Kind::file,
                             .path = folder.path() / "aircheck" / "%Y-%m-%d.ogg",
                             .encoding = OutputSpec::Encoding::ogg_vorbis,
                             .retain_days = 90,
                             .bitrate_kbps = 64,
                             .channels = aircheck_channels});
        }
        if (outputs.find("icecast") != std::string::npos) {
            specs.push_back({.name = "stream",
                             .kind = OutputSpec::Kind::icecast,
                             .encoding = OutputSpec::Encoding::mp3,
                             .url = server.source_url("/station.mp3"),
                             .bitrate_kbps = 64,
                             .channels = 2});
        }
        if (specs.empty()) {
            specs.push_back({.name = "nowhere", .kind = OutputSpec::Kind::null});
        }
        PlayoutEngine engine(specs, counts);

        const double cpu_before = cpu_seconds();
        const auto wall_before = std::chrono::steady_clock::now();
        engine.start();
        const TimePoint end = engine.origin() + air_time;
        TimePoint next = engine.origin() + 1500ms;
        std::size_t scheduled = 0;
        const auto lookahead = std::chrono::seconds(std::min(60, 3 * item_seconds));
        std::printf(
            "on air for %lld s; outputs: %s (file: Ogg/Vorbis 64 kbit/s %s; icecast: MP3 64 "
            "kbit/s stereo to icecast2 on port %d)\n",
            static_cast<long long>(air_time.count()), outputs.c_str(),
            aircheck_channels == 1 ? "mono" : "stereo", server.port());
        std::fflush(stdout);
        auto last_report = std::chrono::steady_clock::now();
        while (engine.on_air_until() < end) {
            // Keep a few items ahead, back to back (as the daemon hands files
            // over seconds ahead).
            while (next < end && next - engine.on_air_until() < lookahead) {
                const Media& item = media[scheduled % media.size()];
                engine.schedule(
                    {.id = "item-" + std::to_string(scheduled), .file = item.path, .start = next});
                next += item.length;
                ++scheduled;
            }
            engine.poll(200ms);
            if (std::chrono::steady_clock::now() - last_report > 60s) {
                last_report = std::chrono::steady_clock::now();
                std::printf(
                    "  %5.0f s on air, CPU %.1f s, RSS %.1f MB\n",
                    std::chrono::duration<double>(engine.on_air_until() - engine.origin()).count(),
                    cpu_seconds() - cpu_before, status_mb("VmRSS"));
                std::fflush(stdout);
            }
        }
        const double on_air =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_before).count();
        const double cpu = cpu_seconds() - cpu_before;
        const double rss_end = status_mb("VmRSS");
        const bool streaming = server.has_source("/station.mp3");
        engine.stop();

        std::printf(
            "\nair: %.1f s, %d items started, %d ended, %d output error(s), "
            "icecast source connected at the end: %s\n",
            on_air, counts.started, counts.ended, counts.output_errors, streaming ? "yes" : "NO");
        std::printf("CPU: %.2f s while on air = %.2f %% of one core   (target <= 3 %%)\n", cpu,
                    100.0 * cpu / on_air);
        std::printf("RSS: peak %.1f MB, at the end %.1f MB   (target <= 70 MB)\n",
                    status_mb("VmHWM"), rss_end);
    } catch (const std::exception& error) {
        std::fprintf(stderr, "error: %s\n", error.what());
        return 1;
    }
    return 0;
}
