#pragma once
// Media for the end-to-end tests and the analysis of what the daemon recorded:
// WAV files written directly (tone steps that say which second plays, seeded
// band-limited noise whose every sample position can be found again), a
// recording decoded back to samples, the tone at a place, and where a window
// of the recording lies in a known medium (cross-correlation).
// Used from the test's thread; decode_recording() throws std::runtime_error
// when nothing decodes.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace onair::testing {

constexpr int air_rate = 48000;

/// A 48 kHz mono 16-bit WAV of `samples` (each in [-1, 1]).
inline void write_wav_samples(const std::filesystem::path& path,
                              const std::vector<float>& samples) {
    std::vector<std::int16_t> pcm;
    pcm.reserve(samples.size());
    for (float value : samples) {
        pcm.push_back(
            static_cast<std::int16_t>(std::lround(std::clamp(value, -1.0f, 1.0f) * 32000)));
    }
    const std::uint32_t rate = air_rate;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    auto put32 = [&](std::uint32_t v) { out.write(reinterpret_cast<const char*>(&v), 4); };
    auto put16 = [&](std::uint16_t v) { out.write(reinterpret_cast<const char*>(&v), 2); };
    const auto bytes = static_cast<std::uint32_t>(pcm.size() * 2);
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
    out.write(reinterpret_cast<const char*>(pcm.data()), bytes);
}

/// A 48 kHz mono 16-bit WAV whose second k is a sine of `frequencies[k]` Hz
/// (0: silence), at half scale.
inline void write_tone_steps(const std::filesystem::path& path,
                             const std::vector<double>& frequencies) {
    std::vector<float> samples;
    for (std::size_t k = 0; k < frequencies.size(); ++k) {
        for (int i = 0; i < air_rate; ++i) {
            const double t = static_cast<double>(k * air_rate + i) / air_rate;
            samples.push_back(
                frequencies[k] > 0
                    ? static_cast<float>(0.5 * std::sin(2 * M_PI * frequencies[k] * t))
                    : 0.0f);
        }
    }
    write_wav_samples(path, samples);
}

/// `seconds` of noise from `seed`, low-passed (two one-pole filters, about
/// 1.5 kHz) so the encoder keeps its waveform: every position in it is unique
/// and found again by locate(). Returned as written (after 16-bit rounding).
inline std::vector<float> write_noise(const std::filesystem::path& path, double seconds,
                                      unsigned seed) {
    std::mt19937 random(seed);
    std::normal_distribution<float> white(0.0f, 1.0f);
    const auto count = static_cast<std::size_t>(seconds * air_rate);
    std::vector<float> samples(count);
    const float a = 0.82f;  // exp(-2 pi 1500 / 48000)
    float low1 = 0, low2 = 0;
    for (auto& sample : samples) {
        low1 = a * low1 + (1 - a) * white(random);
        low2 = a * low2 + (1 - a) * low1;
        sample = 2.2f * low2;
    }
    for (auto& sample : samples) {
        sample = std::lround(std::clamp(sample, -1.0f, 1.0f) * 32000) / 32000.0f;
    }
    write_wav_samples(path, samples);
    return samples;
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

/// Where `length` samples of `air` from `from` are in `medium`: the medium's
/// sample that plays at `from`, and how alike they are (normalised
/// correlation, 1 = the same waveform). A coarse search at 1/8 of the rate
/// over the whole medium, then sample by sample around the best match.
struct Location {
    std::int64_t medium_sample = -1;
    double likeness = 0;
};

inline Location locate(const std::vector<float>& air, std::int64_t from, std::int64_t length,
                       const std::vector<float>& medium) {
    if (from < 0 || from + length > static_cast<std::int64_t>(air.size()) ||
        length > static_cast<std::int64_t>(medium.size())) {
        return {};
    }
    constexpr int step = 8;
    auto decimate = [](const float* data, std::int64_t count) {
        std::vector<float> out(static_cast<std::size_t>(count / step));
        for (std::size_t i = 0; i < out.size(); ++i) {
            float sum = 0;
            for (int k = 0; k < step; ++k) {
                sum += data[i * step + k];
            }
            out[i] = sum;
        }
        return out;
    };
    const auto probe = decimate(air.data() + from, length);
    const auto coarse = decimate(medium.data(), static_cast<std::int64_t>(medium.size()));
    auto likeness = [](const float* a, const float* b, std::size_t n) {
        double ab = 0, aa = 0, bb = 0;
        for (std::size_t i = 0; i < n; ++i) {
            ab += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }
        return aa > 0 && bb > 0 ? ab / std::sqrt(aa * bb) : 0.0;
    };
    std::size_t best_coarse = 0;
    double best = -2;
    for (std::size_t at = 0; at + probe.size() <= coarse.size(); ++at) {
        const double value = likeness(probe.data(), coarse.data() + at, probe.size());
        if (value > best) {
            best = value;
            best_coarse = at;
        }
    }
    Location found;
    const auto centre = static_cast<std::int64_t>(best_coarse) * step;
    for (std::int64_t at = std::max<std::int64_t>(0, centre - 2 * step);
         at <= centre + 2 * step && at + length <= static_cast<std::int64_t>(medium.size()); ++at) {
        const double value =
            likeness(air.data() + from, medium.data() + at, static_cast<std::size_t>(length));
        if (value > found.likeness) {
            found = {at, value};
        }
    }
    return found;
}

}  // namespace onair::testing
