#pragma once
// Test helpers for the playout engine: generated tones, and the samples of a
// recording (the engine's float WAV output, or a generated S16 WAV) read back
// for analysis.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <numbers>
#include <stdexcept>
#include <string>
#include <vector>

namespace onair::playout::testing {

/// The left channel of a WAV file, as floats in [-1, 1]. Reads S16 and F32
/// PCM. Throws if the header's data size does not fit the file (a WAV whose
/// writer never finalized it).
inline std::vector<float> read_wav_left(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto u32 = [&](std::size_t at) {
        std::uint32_t value = 0;
        std::memcpy(&value, bytes.data() + at, 4);
        return value;
    };
    auto u16 = [&](std::size_t at) {
        std::uint16_t value = 0;
        std::memcpy(&value, bytes.data() + at, 2);
        return value;
    };
    if (bytes.size() < 12 || bytes.compare(0, 4, "RIFF") != 0 || bytes.compare(8, 4, "WAVE") != 0) {
        throw std::runtime_error(path.string() + " is not a WAV file");
    }
    int channels = 0;
    int bits = 0;
    std::size_t at = 12;
    while (at + 8 <= bytes.size()) {
        const std::string id = bytes.substr(at, 4);
        const std::size_t size = u32(at + 4);
        if (id == "fmt ") {
            channels = u16(at + 10);
            bits = u16(at + 22);
        } else if (id == "data") {
            // wavenc may append a LIST chunk after the data; an unfinalized header
            // (size 0, or a placeholder bigger than the file) is an error.
            if (size == 0 || at + 8 + size > bytes.size() ||
                bytes.size() - (at + 8 + size) > 4096) {
                throw std::runtime_error(
                    path.string() + ": data size " + std::to_string(size) + " in the header, " +
                    std::to_string(bytes.size() - at - 8) + " bytes after it in the file");
            }
            const std::size_t frame = static_cast<std::size_t>(channels) * (bits / 8);
            std::vector<float> left;
            left.reserve(size / frame);
            for (std::size_t offset = at + 8; offset + frame <= at + 8 + size; offset += frame) {
                if (bits == 32) {
                    float value = 0;
                    std::memcpy(&value, bytes.data() + offset, 4);
                    left.push_back(value);
                } else if (bits == 16) {
                    std::int16_t value = 0;
                    std::memcpy(&value, bytes.data() + offset, 2);
                    left.push_back(static_cast<float>(value) / 32768.0f);
                } else {
                    throw std::runtime_error(path.string() + ": unexpected sample size");
                }
            }
            return left;
        }
        at += 8 + size + (size % 2);
    }
    throw std::runtime_error(path.string() + " has no data chunk");
}

/// Index of the first sample at or after `from` that is not exactly 0, or -1.
inline std::int64_t first_sound(const std::vector<float>& samples, std::int64_t from = 0) {
    for (auto i = static_cast<std::size_t>(from); i < samples.size(); ++i) {
        if (samples[i] != 0.0f) {
            return static_cast<std::int64_t>(i);
        }
    }
    return -1;
}

/// The longest run of exact zeros inside [from, to).
inline std::int64_t longest_silence(const std::vector<float>& samples, std::int64_t from,
                                    std::int64_t to) {
    std::int64_t longest = 0;
    std::int64_t run = 0;
    for (std::int64_t i = from; i < to && i < static_cast<std::int64_t>(samples.size()); ++i) {
        run = samples[static_cast<std::size_t>(i)] == 0.0f ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    return longest;
}

/// The amplitude of the `frequency` component of samples [at, at + count)
/// at 48 kHz (Goertzel): 0.8 for audiotestsrc's default sine.
inline double tone_amplitude(const std::vector<float>& samples, std::int64_t at, std::int64_t count,
                             double frequency) {
    const double coefficient = 2.0 * std::cos(2.0 * std::numbers::pi * frequency / 48000.0);
    double s1 = 0.0, s2 = 0.0;
    for (std::int64_t i = 0; i < count; ++i) {
        const double s = samples[static_cast<std::size_t>(at + i)] + coefficient * s1 - s2;
        s2 = s1;
        s1 = s;
    }
    const double power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
    return 2.0 * std::sqrt(std::max(0.0, power)) / static_cast<double>(count);
}

}  // namespace onair::playout::testing
