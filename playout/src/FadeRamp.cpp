#include "FadeRamp.hpp"

#include <algorithm>

namespace onair::playout {

FadeRamp FadeRamp::out(std::int64_t end, std::int64_t length,
                       std::optional<std::int64_t> earliest_unmixed) noexcept {
    FadeRamp ramp;
    ramp.falling_ = true;
    ramp.end_ = end;
    ramp.length_ = std::max<std::int64_t>(0, length);
    if (earliest_unmixed) {
        ramp.end_ = std::max(end, *earliest_unmixed);
        ramp.length_ = std::clamp<std::int64_t>(length, 0, ramp.end_ - *earliest_unmixed);
    }
    return ramp;
}

FadeRamp FadeRamp::in(std::int64_t start, std::int64_t length) noexcept {
    FadeRamp ramp;
    ramp.rising_ = length > 0;
    ramp.start_ = start;
    ramp.length_ = std::max<std::int64_t>(0, length);
    return ramp;
}

float FadeRamp::gain(std::int64_t t) const noexcept {
    if (rising_ && t < start_ + length_) {
        return static_cast<float>(std::max<std::int64_t>(0, t - start_)) /
               static_cast<float>(length_);
    }
    if (falling_ && t >= end_ - length_) {
        const std::int64_t left = std::max<std::int64_t>(0, end_ - t);
        return length_ > 0 ? static_cast<float>(left) / static_cast<float>(length_) : 0.0f;
    }
    return 1.0f;
}

bool FadeRamp::touches(std::int64_t first, std::int64_t frames) const noexcept {
    if (rising_) {
        return first < start_ + length_;
    }
    return falling_ && first + frames > end_ - length_;
}

void FadeRamp::apply(float* samples, int channels, std::int64_t first, std::int64_t frames,
                     const FadeRamp& ramp, const FadeRamp& other) noexcept {
    for (std::int64_t i = 0; i < frames; ++i) {
        const float gain = ramp.gain(first + i) * other.gain(first + i);
        for (int c = 0; c < channels; ++c) {
            samples[i * channels + c] *= gain;
        }
    }
}

void FadeRamp::apply(float* samples, int channels, std::int64_t first, std::int64_t frames,
                     const FadeRamp& ramp) noexcept {
    apply(samples, channels, first, frames, ramp, FadeRamp());
}

}  // namespace onair::playout
