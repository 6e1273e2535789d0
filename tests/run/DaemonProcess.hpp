#pragma once
// `onair run` as a real child process for the end-to-end tests: started with
// fork/exec, its standard error kept in a file, stopped by a signal, waited for
// with a time limit. Also what the tests need around it: WAV files written
// directly, and a recording decoded back to samples.

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>
#include <chrono>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <date/date.h>

#include "onair/scheduler/StationTimeZone.hpp"

namespace onair::testing {

using Clock = std::chrono::system_clock;
using Ms = std::chrono::milliseconds;
using Instant = date::sys_time<Ms>;

inline Instant now_ms() {
    return std::chrono::time_point_cast<Ms>(Clock::now());
}

class DaemonProcess {
  public:
    DaemonProcess(const std::filesystem::path& station, const std::filesystem::path& stderr_file)
        : stderr_file_(stderr_file) {
        started_ = now_ms();
        pid_ = fork();
        if (pid_ == 0) {
            const int fd = ::open(stderr_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            dup2(fd, 2);
            dup2(fd, 1);
            execl(ONAIR_BINARY, ONAIR_BINARY, "run", station.c_str(), "--log-level", "debug",
                  static_cast<char*>(nullptr));
            _exit(127);
        }
    }
    ~DaemonProcess() {
        if (pid_ > 0 && !exited_) {
            ::kill(pid_, SIGKILL);
            waitpid(pid_, nullptr, 0);
        }
    }
    DaemonProcess(const DaemonProcess&) = delete;
    DaemonProcess& operator=(const DaemonProcess&) = delete;

    void signal(int number) const { ::kill(pid_, number); }

    /// The exit code (128 + signal when killed), or none after `limit`.
    std::optional<int> wait(std::chrono::milliseconds limit) {
        const auto give_up = std::chrono::steady_clock::now() + limit;
        while (std::chrono::steady_clock::now() < give_up) {
            int status = 0;
            if (waitpid(pid_, &status, WNOHANG) == pid_) {
                exited_ = true;
                return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            }
            std::this_thread::sleep_for(Ms(20));
        }
        return std::nullopt;
    }

    std::string output() const {
        std::ifstream in(stderr_file_);
        std::stringstream text;
        text << in.rdbuf();
        return text.str();
    }

    /// Waits (at most `limit`) until the output has a line matching `pattern`;
    /// returns its first capture group (or the whole match).
    std::optional<std::string> wait_for(const std::string& pattern,
                                        std::chrono::milliseconds limit) {
        const std::regex form(pattern);
        const auto give_up = std::chrono::steady_clock::now() + limit;
        while (std::chrono::steady_clock::now() < give_up) {
            const std::string text = output();
            std::smatch match;
            if (std::regex_search(text, match, form)) {
                return match.size() > 1 ? match[1].str() : match[0].str();
            }
            std::this_thread::sleep_for(Ms(20));
        }
        return std::nullopt;
    }

    /// When the process was started.
    Instant started() const { return started_; }

  private:
    std::filesystem::path stderr_file_;
    pid_t pid_ = -1;
    bool exited_ = false;
    Instant started_;
};

/// `HH:MM:SS` (UTC), as the test stations write times.
inline std::string clock_time(Instant at) {
    return date::format("%T", date::floor<std::chrono::seconds>(at));
}

/// The next whole second at least `ahead` from now, not within 3 minutes of
/// midnight UTC (a window must not cross it): waits past midnight if needed.
inline Instant window_start(std::chrono::seconds ahead) {
    using namespace std::chrono_literals;
    for (;;) {
        const Instant start = date::ceil<std::chrono::seconds>(now_ms() + ahead);
        const auto into_day = start - date::floor<date::days>(start);
        if (into_day > 3min && into_day < 24h - 3min) {
            return start;
        }
        std::this_thread::sleep_for(10s);
    }
}

/// A UTC station in `folder`: one window [from, to), filler from
/// media/filler, the air-check to `recording`, the log in onair.db, the
/// control socket control.sock, and `programmes` (YAML list items).
inline std::filesystem::path write_station(const std::filesystem::path& folder, Instant from,
                                           Instant to, const std::string& programmes,
                                           const std::string& recording) {
    const auto path = folder / "station.yaml";
    std::ofstream(path) << "station: { name: \"Thử\", timezone: UTC }\n"
                        << "media_root: media\n"
                        << "windows:\n  w: { start: \"" << clock_time(from) << "\", end: \""
                        << clock_time(to) << "\" }\n"
                        << "filler: { folder: filler }\n"
                        << "outputs:\n  - { type: file, path: \"" << recording << "\" }\n"
                        << "log: { database: onair.db }\n"
                        << "control: { socket: control.sock }\n"
                        << "programmes:\n"
                        << programmes;
    return path;
}

/// A 48 kHz mono 16-bit WAV whose second k is a sine of `frequencies[k]` Hz
/// (0: silence), at half scale.
inline void write_tone_steps(const std::filesystem::path& path,
                             const std::vector<double>& frequencies) {
    const std::uint32_t rate = 48000;
    std::vector<std::int16_t> samples;
    for (std::size_t k = 0; k < frequencies.size(); ++k) {
        for (std::uint32_t i = 0; i < rate; ++i) {
            const double t = static_cast<double>(k * rate + i) / rate;
            samples.push_back(static_cast<std::int16_t>(
                frequencies[k] > 0 ? 16000 * std::sin(2 * M_PI * frequencies[k] * t) : 0));
        }
    }
    std::filesystem::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    auto put32 = [&](std::uint32_t v) { out.write(reinterpret_cast<const char*>(&v), 4); };
    auto put16 = [&](std::uint16_t v) { out.write(reinterpret_cast<const char*>(&v), 2); };
    const auto bytes = static_cast<std::uint32_t>(samples.size() * 2);
    out.write("RIFF", 4);
    put32(36 + bytes);
    out.write("WAVEfmt ", 8);
    put32(16);
    put16(1);
    put16(1);
    put32(rate);
    put32(rate * 2);
    put16(2);
    put16(16);
    out.write("data", 4);
    put32(bytes);
    out.write(reinterpret_cast<const char*>(samples.data()), bytes);
}

/// An Ogg/Vorbis recording decoded to 48 kHz mono floats (with gst-launch-1.0).
/// A recording cut off by kill -9 has no last page: what decodes is kept.
inline std::vector<float> decode_recording(const std::filesystem::path& ogg) {
    const auto raw = ogg.string() + ".f32";
    const std::string command = "timeout 60 gst-launch-1.0 -q filesrc location='" + ogg.string() +
                                "' ! oggdemux ! vorbisdec ! audioconvert ! audioresample ! "
                                "audio/x-raw,format=F32LE,channels=1,rate=48000 ! filesink "
                                "location='" +
                                raw + "' >/dev/null 2>&1";
    std::system(command.c_str());
    std::ifstream in(raw, std::ios::binary);
    std::vector<float> samples;
    float value;
    while (in.read(reinterpret_cast<char*>(&value), sizeof value)) {
        samples.push_back(value);
    }
    if (samples.empty()) {
        throw std::runtime_error("cannot decode " + ogg.string());
    }
    return samples;
}

/// The frequency (Hz) of the tone in [from, from + length) samples, by
/// counting rising zero crossings; 0 when it is (near) silent.
inline double frequency_at(const std::vector<float>& samples, std::int64_t from,
                           std::int64_t length = 9600) {
    if (from < 0 || from + length > static_cast<std::int64_t>(samples.size())) {
        return -1;
    }
    double energy = 0;
    int crossings = 0;
    for (std::int64_t i = from + 1; i < from + length; ++i) {
        energy += samples[i] * samples[i];
        crossings += samples[i - 1] < 0 && samples[i] >= 0;
    }
    if (std::sqrt(energy / length) < 0.01) {
        return 0;
    }
    return crossings * 48000.0 / length;
}

/// Parses `2026-11-22T06:10:08.453+00:00` (the daemon's times).
inline Instant parse_instant(const std::string& text) {
    return scheduler::parse_iso(text);
}

}  // namespace onair::testing
