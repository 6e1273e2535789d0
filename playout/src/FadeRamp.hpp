#pragma once
// The gain of a linear fade at each sample of the output timeline: one rule for
// file items (the mixer pad's probe) and relay feeds, so a cut, a slot's end and
// a crossfade sound the same whatever is on the air.
//
// A fade-out ends on a sample: `end` is the first sample not played, and the
// sample `left` samples before it has gain left / length (the last one played
// 1 / length). A fade-in from `start` gives sample start + i the gain
// i / length. Sample-exact, unlike a controller's interpolation at buffer
// granularity.
//
// Audio already handed to the mixer cannot be changed any more, so a fade-out
// asked for late is placed by out(): it never begins before the earliest
// sample not yet mixed, moving its end there at the latest and shortening it.
//
// Plain value; no GStreamer, no clock, any thread. Throws nothing.

#include <cstdint>
#include <optional>

namespace onair::playout {

class FadeRamp {
  public:
    /// No fade: gain 1 everywhere.
    FadeRamp() = default;

    /// A fade-out over `length` samples whose gain reaches 0 at `end`, not
    /// reaching back before `earliest_unmixed` (nullopt: nothing mixed yet).
    static FadeRamp out(std::int64_t end, std::int64_t length,
                        std::optional<std::int64_t> earliest_unmixed) noexcept;

    /// A fade-in over `length` samples from `start` (a crossfade's rising half).
    static FadeRamp in(std::int64_t start, std::int64_t length) noexcept;

    /// A fade-out: its first silent sample. -1 for a fade-in or no fade.
    std::int64_t end() const noexcept { return falling_ ? end_ : -1; }
    /// The ramp's length in samples (0: a hard cut, or no fade).
    std::int64_t length() const noexcept { return length_; }

    /// The gain of output sample `t`: 1 outside the ramp, 0 from a fade-out's end on.
    float gain(std::int64_t t) const noexcept;

    /// Some sample in [first, first + frames) has a gain other than 1.
    bool touches(std::int64_t first, std::int64_t frames) const noexcept;

    /// Multiplies `frames` interleaved frames of `channels` samples, the first
    /// at output sample `first`, by the product of the two ramps' gains.
    static void apply(float* samples, int channels, std::int64_t first, std::int64_t frames,
                      const FadeRamp& ramp, const FadeRamp& other) noexcept;
    /// The same with one ramp.
    static void apply(float* samples, int channels, std::int64_t first, std::int64_t frames,
                      const FadeRamp& ramp) noexcept;

  private:
    bool falling_ = false;
    bool rising_ = false;
    std::int64_t start_ = 0;  // a fade-in's first sample
    std::int64_t end_ = 0;    // a fade-out's first silent sample
    std::int64_t length_ = 0;
};

}  // namespace onair::playout
