#pragma once
// Running the playout engine in a test or benchmark and finding items in its
// recording: a listener that keeps every event, a loop that polls until the
// output has reached an instant, and alignment measures (where in the
// recording a reference decode matches, and how well).
//
// Without gtest: the benchmark uses it too.

#include <chrono>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <map>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "../support/TempFolder.hpp"
#include "onair/playout/PlayoutEngine.hpp"

namespace onair::playout::testing {

/// Every listener call, kept in order, with the thread that made it. Not
/// final: a test that hears more (the silence alarm) adds to it.
class EventLog : public PlayoutListener {
  public:
    struct Started {
        std::string id;
        scheduler::TimePoint planned;
        scheduler::TimePoint actual;
    };
    struct Ended {
        std::string id;
        scheduler::TimePoint actual_end;
        EndReason kind;
        std::string reason;
    };

    void item_started(const std::string& id, scheduler::TimePoint planned,
                      scheduler::TimePoint actual) override {
        threads.push_back(std::this_thread::get_id());
        started.push_back({id, planned, actual});
    }
    void item_ended(const std::string& id, scheduler::TimePoint actual_end, EndReason kind,
                    const std::string& reason) override {
        threads.push_back(std::this_thread::get_id());
        ended.push_back({id, actual_end, kind, reason});
    }
    void output_error(const std::string& output, const std::string& message) override {
        threads.push_back(std::this_thread::get_id());
        output_errors.emplace_back(output, message);
    }
    void output_recovered(const std::string& output) override { recovered.push_back(output); }

    const Started* find_started(const std::string& id) const {
        for (const Started& s : started) {
            if (s.id == id) {
                return &s;
            }
        }
        return nullptr;
    }
    const Ended* find_ended(const std::string& id) const {
        for (const Ended& e : ended) {
            if (e.id == id) {
                return &e;
            }
        }
        return nullptr;
    }

    /// The output errors as "output: message".
    std::vector<std::string> errors() const {
        std::vector<std::string> lines;
        for (const auto& [output, message] : output_errors) {
            lines.push_back(output + ": " + message);
        }
        return lines;
    }
    /// The items that failed, as "id: reason".
    std::vector<std::string> failures() const {
        std::vector<std::string> lines;
        for (const Ended& e : ended) {
            if (e.kind == EndReason::failed) {
                lines.push_back(e.id + ": " + e.reason);
            }
        }
        return lines;
    }

    std::vector<Started> started;
    std::vector<Ended> ended;
    /// (output, message), in order.
    std::vector<std::pair<std::string, std::string>> output_errors;
    std::vector<std::string> recovered;
    std::vector<std::thread::id> threads;
};

/// The scratch folder named `prefix` for this run (made on first use, removed
/// at exit): one per test file, for media made once and recordings.
inline const std::filesystem::path& scratch_folder(const std::string& prefix) {
    static std::map<std::string, onair::testing::TempFolder> folders;
    return folders.try_emplace(prefix, prefix).first->second.path();
}

/// The float WAV output the tests record the air with.
inline OutputSpec wav_output(const std::filesystem::path& path) {
    return {"recording", OutputSpec::Kind::file, path, OutputSpec::Encoding::wav};
}

/// Polls until the output has reached `until`. Throws if the output stops
/// moving for 10 s beyond the wait (a stalled air).
inline void play_until(PlayoutEngine& engine, scheduler::TimePoint until) {
    using namespace std::chrono_literals;
    const auto give_up = std::chrono::steady_clock::now() + (until - engine.on_air_until()) + 10s;
    while (engine.on_air_until() < until) {
        if (std::chrono::steady_clock::now() > give_up) {
            throw std::runtime_error("the output stalled");
        }
        engine.poll(20ms);
    }
}

inline constexpr std::int64_t samples_per_ms = PlayoutEngine::sample_rate / 1000;

/// The output sample at which `instant` plays.
inline std::int64_t sample_of(const PlayoutEngine& engine, scheduler::TimePoint instant) {
    return (instant - engine.origin()).count() * samples_per_ms;
}

/// The largest |recording[at + i] - reference[from + i]| over `count` samples
/// (infinity if the recording is too short).
inline double max_difference(const std::vector<float>& recording, std::int64_t at,
                             const std::vector<float>& reference, std::int64_t from,
                             std::int64_t count) {
    double worst = 0.0;
    for (std::int64_t i = 0; i < count; ++i) {
        const std::int64_t k = at + i;
        const std::int64_t r = from + i;
        if (k < 0 || k >= static_cast<std::int64_t>(recording.size()) || r < 0 ||
            r >= static_cast<std::int64_t>(reference.size())) {
            return std::numeric_limits<double>::infinity();
        }
        worst =
            std::max(worst, std::abs(static_cast<double>(recording[static_cast<std::size_t>(k)]) -
                                     reference[static_cast<std::size_t>(r)]));
    }
    return worst;
}

/// Where reference[from, from + count) sits in the recording: the lag L in
/// [-search, search] at which the most samples of recording[at + L + i] equal
/// it (within 1e-6), then the smallest RMS difference. A lag of 0 means exactly
/// where planned. Counting equal samples, not only the RMS, keeps a sample or
/// two that differ (a previous item's last sample mixed in) from pulling the
/// match a whole period of a tone away.
struct Alignment {
    std::int64_t lag = 0;
    double rms = std::numeric_limits<double>::infinity();
    std::int64_t equal = 0;  // samples within 1e-6 of the reference there
};

inline Alignment align(const std::vector<float>& recording, std::int64_t at,
                       const std::vector<float>& reference, std::int64_t from, std::int64_t count,
                       std::int64_t search) {
    Alignment best;
    best.equal = -1;
    for (std::int64_t lag = -search; lag <= search; ++lag) {
        double sum = 0.0;
        std::int64_t equal = 0;
        bool inside = true;
        for (std::int64_t i = 0; i < count && inside; ++i) {
            const std::int64_t k = at + lag + i;
            const std::int64_t r = from + i;
            inside = k >= 0 && k < static_cast<std::int64_t>(recording.size()) && r >= 0 &&
                     r < static_cast<std::int64_t>(reference.size());
            if (inside) {
                const double d = static_cast<double>(recording[static_cast<std::size_t>(k)]) -
                                 reference[static_cast<std::size_t>(r)];
                sum += d * d;
                equal += std::abs(d) <= 1e-6;
            }
        }
        const double rms = std::sqrt(sum / static_cast<double>(count));
        if (inside && (equal > best.equal || (equal == best.equal && rms < best.rms))) {
            best = {lag, rms, equal};
        }
    }
    return best;
}

/// The phase offset, in samples, of a sine of `frequency` (Hz, at 48 kHz) in
/// samples[at, at + count) against sin(2 pi f (k - at) / 48000): positive when
/// the recorded tone is late. A least-squares fit of a sine and a cosine, so it
/// resolves fractions of a sample; valid for |offset| < half a period.
inline double sine_delay(const std::vector<float>& samples, std::int64_t at, std::int64_t count,
                         double frequency) {
    double ss = 0, sc = 0, cc = 0, ys = 0, yc = 0;
    const double w = 2.0 * 3.14159265358979323846 * frequency / PlayoutEngine::sample_rate;
    for (std::int64_t i = 0; i < count; ++i) {
        const double s = std::sin(w * static_cast<double>(i));
        const double c = std::cos(w * static_cast<double>(i));
        const double y = samples.at(static_cast<std::size_t>(at + i));
        ss += s * s;
        sc += s * c;
        cc += c * c;
        ys += y * s;
        yc += y * c;
    }
    // y ~ a sin + b cos = A sin(w i + phi); a delay d means phi = -w d.
    const double det = ss * cc - sc * sc;
    const double a = (ys * cc - yc * sc) / det;
    const double b = (yc * ss - ys * sc) / det;
    return -std::atan2(b, a) / w;
}

}  // namespace onair::playout::testing
