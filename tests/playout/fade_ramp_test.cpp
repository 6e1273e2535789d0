// The fade rule that file items and relay feeds share (playout/src/FadeRamp.hpp),
// as tables: where a fade asked for late is placed, and the gain of each sample.
// No GStreamer: the ramp is plain arithmetic on output sample numbers.

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <vector>

#include "../../playout/src/FadeRamp.hpp"

namespace onair::playout {
namespace {

struct Placement {
    std::int64_t end;
    std::int64_t length;
    std::optional<std::int64_t> earliest_unmixed;
    std::int64_t placed_end;
    std::int64_t placed_length;
};

TEST(FadeRamp, AFadeOutNeverReachesBackIntoAudioAlreadyMixed) {
    const std::vector<Placement> table = {
        // nothing mixed yet: as asked
        {1000, 100, std::nullopt, 1000, 100},
        // mixed up to well before the ramp: as asked
        {1000, 100, 500, 1000, 100},
        // mixed up to the ramp's first sample exactly: as asked
        {1000, 100, 900, 1000, 100},
        // mixed into the ramp: it starts at the first unmixed sample, shorter
        {1000, 100, 950, 1000, 50},
        // mixed up to the end: a hard cut there
        {1000, 100, 1000, 1000, 0},
        // mixed past the end: the end moves to the first unmixed sample
        {1000, 100, 1200, 1200, 0},
        // no fade asked
        {1000, 0, 500, 1000, 0},
        // a negative length is no fade
        {1000, -5, std::nullopt, 1000, 0},
        // a planned fade longer than its item (earliest = the item's start)
        {1000, 2000, 400, 1000, 600},
    };
    for (const Placement& row : table) {
        const FadeRamp ramp = FadeRamp::out(row.end, row.length, row.earliest_unmixed);
        EXPECT_EQ(ramp.end(), row.placed_end)
            << "end " << row.end << " length " << row.length << " earliest "
            << row.earliest_unmixed.value_or(-1);
        EXPECT_EQ(ramp.length(), row.placed_length)
            << "end " << row.end << " length " << row.length << " earliest "
            << row.earliest_unmixed.value_or(-1);
    }
}

struct Gain {
    FadeRamp ramp;
    std::int64_t t;
    float gain;
};

TEST(FadeRamp, TheGainOfEachSample) {
    const FadeRamp out = FadeRamp::out(1000, 100, std::nullopt);
    const FadeRamp cut = FadeRamp::out(1000, 0, std::nullopt);
    const FadeRamp in = FadeRamp::in(2000, 4);
    const std::vector<Gain> table = {
        {out, 0, 1.0f},              // long before
        {out, 899, 1.0f},            // the last sample before the ramp
        {out, 900, 1.0f},            // the ramp's first: 100 left of 100
        {out, 901, 0.99f},           // 99 left
        {out, 950, 0.5f},            // half way
        {out, 999, 0.01f},           // the last sample played: 1 / length
        {out, 1000, 0.0f},           // the end: silent
        {out, 5000, 0.0f},           // and after it
        {cut, 999, 1.0f},            // a hard cut: full level up to the end
        {cut, 1000, 0.0f},           // and nothing from it
        {in, 1999, 0.0f},            // before a fade-in: silent
        {in, 2000, 0.0f},            // its first sample: 0 / length
        {in, 2001, 0.25f},           // rising
        {in, 2003, 0.75f},           // its last ramp sample
        {in, 2004, 1.0f},            // full level after it
        {FadeRamp(), 123, 1.0f},     // no fade
        {FadeRamp::in(10, 0), 10, 1.0f},  // a fade-in of no length is none
    };
    for (const Gain& row : table) {
        EXPECT_FLOAT_EQ(row.ramp.gain(row.t), row.gain) << "at sample " << row.t;
    }
}

TEST(FadeRamp, TouchesExactlyTheBuffersWithASampleBelowFullLevel) {
    const FadeRamp out = FadeRamp::out(1000, 100, std::nullopt);
    EXPECT_FALSE(out.touches(800, 100)) << "800..899 are all at 1";
    EXPECT_TRUE(out.touches(800, 101)) << "900 is the ramp's first sample";
    EXPECT_TRUE(out.touches(1000, 10));
    const FadeRamp in = FadeRamp::in(2000, 4);
    EXPECT_TRUE(in.touches(2003, 10));
    EXPECT_FALSE(in.touches(2004, 10));
    EXPECT_FALSE(FadeRamp().touches(0, 1'000'000));
}

TEST(FadeRamp, ApplyMultipliesEveryChannelByBothRampsGains) {
    // A crossfade's rising half and a slot's end overlapping on 4 stereo frames.
    const FadeRamp in = FadeRamp::in(10, 4);
    const FadeRamp out = FadeRamp::out(14, 2, std::nullopt);
    std::vector<float> samples(8, 1.0f);
    FadeRamp::apply(samples.data(), 2, 10, 4, in, out);
    const std::vector<float> expected = {0.0f, 0.0f, 0.25f, 0.25f, 0.5f, 0.5f, 0.375f, 0.375f};
    for (std::size_t i = 0; i < samples.size(); ++i) {
        EXPECT_FLOAT_EQ(samples[i], expected[i]) << "sample " << i;
    }
}

}  // namespace
}  // namespace onair::playout
