// The relay's rules (playout/src/RelayRules.hpp) as tables, without a network
// or GStreamer: each row is a state, a health snapshot of the stream and the
// time, and the decision the rules must take. relay_engine_test.cpp checks the
// same rules on the air with a real stream.

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "../../playout/src/RelayRules.hpp"

namespace onair::playout {
namespace {

using namespace std::chrono_literals;
using Clock = RelayRules::Clock;
using Drop = RelayRules::Drop;
using Start = RelayRules::Start;
using Kind = RelayRules::Start::Kind;

constexpr std::int64_t per_ms = 48;
constexpr std::int64_t per_s = 48000;
}  // namespace

// Readable failures.
void PrintTo(const RelayRules::Drop& drop, std::ostream* out) {
    *out << "drop(\"" << drop.cause << "\", " << (drop.dead ? "dead" : "kept") << ")";
}
void PrintTo(const RelayRules::Start& start, std::ostream* out) {
    static const char* const kinds[] = {"wait", "relay", "fallback", "fail"};
    *out << kinds[static_cast<int>(start.kind)] << " at " << start.at;
}

namespace {

/// Any steady-clock instant; rows give times relative to it.
const Clock::time_point t0 = Clock::time_point(1h);

/// The slot: 10 s to 70 s on the output timeline, scheduled at 0.
constexpr std::int64_t slot_start = 10 * per_s;
constexpr std::int64_t slot_end = 70 * per_s;

RelayRules rules_for_slot(std::int64_t scheduled = 0) {
    return RelayRules(slot_start, slot_end, scheduled, 5000ms);
}

/// A stream connected at t0 - 10 s that has delivered since, audio up to
/// `last_audio` ago.
RelayHealth delivering(Clock::duration last_audio_ago, Clock::time_point now) {
    RelayHealth health;
    health.started = t0 - 10s;
    health.first_audio = t0 - 10s;
    health.last_audio = now - last_audio_ago;
    health.largest_gap = 100ms;
    health.frames = 10 * per_s;
    health.sounding_frames = 10 * per_s;
    return health;
}

struct OnAirRow {
    const char* what;
    RelayHealth live;
    std::optional<Drop> decision;
};

TEST(RelayRules, TheStreamOnTheAirIsDroppedForAFaultAStallOrTooLongASilence) {
    const Clock::time_point now = t0;
    auto with = [&](auto change) {
        RelayHealth health = delivering(100ms, now);
        health.on_air_frames = 8 * per_s;
        change(health);
        return health;
    };
    const std::vector<OnAirRow> table = {
        {"delivering", with([](RelayHealth&) {}), std::nullopt},
        {"closed", with([](RelayHealth& h) { h.fault = "closed by the server"; }),
         Drop{"closed by the server", true}},
        {"no audio for 1.5 s", with([&](RelayHealth& h) { h.last_audio = now - 1500ms; }),
         Drop{"stalled: no audio for 1.5 s", true}},
        {"no audio for 1.0 s: not yet a stall",
         with([&](RelayHealth& h) { h.last_audio = now - 1000ms; }), std::nullopt},
        {"1.5 s from a server that sends every 0.9 s: within twice its gap",
         with([&](RelayHealth& h) {
             h.last_audio = now - 1500ms;
             h.largest_gap = 900ms;
         }),
         std::nullopt},
        {"2.5 s from a server that sends every 1.5 s: never more than 2 s",
         with([&](RelayHealth& h) {
             h.last_audio = now - 2500ms;
             h.largest_gap = 1500ms;
         }),
         Drop{"stalled: no audio for 2.5 s", true}},
        {"silent on the air for the tolerance: kept and watched",
         with([](RelayHealth& h) { h.silent_frames = 5 * per_s; }),
         Drop{"silent for 5.0 s", false}},
        {"silent just under the tolerance",
         with([](RelayHealth& h) { h.silent_frames = 5 * per_s - 1; }), std::nullopt},
        {"silent for long, but mostly before it went on the air", with([](RelayHealth& h) {
             h.silent_frames = 20 * per_s;
             h.on_air_frames = 2 * per_s;
         }),
         std::nullopt},
    };
    for (const OnAirRow& row : table) {
        RelayRules rules = rules_for_slot();
        rules.on_relay(0);
        EXPECT_EQ(rules.judge_on_air(row.live, now), row.decision) << row.what;
    }
}

TEST(RelayRules, RunningDryTwiceWithinTenSecondsDropsTheStream) {
    struct Row {
        const char* what;
        Clock::duration second_underrun_after;
        bool dropped;
    };
    const std::vector<Row> table = {
        {"5 s apart", 5s, true},
        {"10 s apart", 10s, true},
        {"11 s apart", 11s, false},
    };
    for (const Row& row : table) {
        RelayRules rules = rules_for_slot();
        rules.on_relay(3);  // what it had run dry before going on the air does not count
        RelayHealth health = delivering(100ms, t0);
        health.underruns = 4;
        EXPECT_EQ(rules.judge_on_air(health, t0), std::nullopt) << row.what;
        const Clock::time_point later = t0 + row.second_underrun_after;
        health = delivering(100ms, later);
        health.underruns = 5;
        const auto drop = rules.judge_on_air(health, later);
        EXPECT_EQ(drop, row.dropped ? std::optional(Drop{
                                          "slower than real time: ran dry twice within 10 s", true})
                                    : std::nullopt)
            << row.what;
    }
}

TEST(RelayRules, ADeadStreamIsRetriedAtOnceAndAFailedAttemptAfterThreeSeconds) {
    RelayRules rules = rules_for_slot();
    rules.on_relay(0);
    RelayHealth live = delivering(100ms, t0);
    live.fault = "connection lost: timeout";
    ASSERT_TRUE(rules.judge_on_air(live, t0));
    EXPECT_TRUE(rules.connect_now(t0, slot_start)) << "a fresh source at once after a drop";

    RelayHealth attempt;
    attempt.started = t0;
    attempt.fault = "unreachable: connection refused";
    EXPECT_EQ(rules.judge_candidate(attempt, t0 + 100ms), "unreachable: connection refused");
    EXPECT_FALSE(rules.connect_now(t0 + 3099ms, slot_start));
    EXPECT_TRUE(rules.connect_now(t0 + 3100ms, slot_start));
}

struct CandidateRow {
    const char* what;
    RelayHealth health;
    Clock::time_point now;
    std::optional<std::string> failure;
};

TEST(RelayRules, AnAttemptFailsOnAFaultNoAudioWithinThreeSecondsOrAStall) {
    RelayHealth connecting;
    connecting.started = t0;
    RelayHealth faulty = connecting;
    faulty.fault = "bad stream: not audio";
    RelayHealth stalled = delivering(0ms, t0);
    const std::vector<CandidateRow> table = {
        {"still connecting", connecting, t0 + 2999ms, std::nullopt},
        {"no audio for 3 s", connecting, t0 + 3001ms, "no audio within 3.0 s"},
        {"a fault", faulty, t0 + 10ms, "bad stream: not audio"},
        {"delivering", stalled, t0 + 500ms, std::nullopt},
        {"stalled", stalled, t0 + 1200ms, "stalled: no audio for 1.2 s"},
    };
    for (const CandidateRow& row : table) {
        RelayRules rules = rules_for_slot();
        EXPECT_EQ(rules.judge_candidate(row.health, row.now), row.failure) << row.what;
    }
}

TEST(RelayRules, TheFirstConnectionIsMadeTenSecondsBeforeTheStart) {
    RelayRules rules = rules_for_slot();
    EXPECT_FALSE(rules.connect_now(t0, slot_start - 10 * per_s - 1));
    EXPECT_EQ(rules.attempts(), 0);
    EXPECT_TRUE(rules.connect_now(t0, slot_start - 10 * per_s));
    EXPECT_EQ(rules.attempts(), 1);
    rules.connect_failed(t0);
    EXPECT_FALSE(rules.connect_now(t0 + 2s, slot_start)) << "retried every 3 s";
}

struct StartRow {
    const char* what;
    std::int64_t scheduled;
    int attempts;
    std::optional<RelayHealth> candidate;
    bool fallback_usable;
    std::int64_t now_sample;
    Start decision;
};

TEST(RelayRules, AtTheStartTheStreamIfDeliveringElseTheFallbackElseFailure) {
    const RelayHealth good = delivering(100ms, t0);
    RelayHealth young;  // the first attempt, connecting for 1 s
    young.started = t0 - 1s;
    RelayHealth old = young;  // for 2 s
    old.started = t0 - 2s;
    const std::int64_t lead = 500 * per_ms;
    const std::int64_t margin = 100 * per_ms;
    const std::vector<StartRow> table = {
        {"before start - lead", 0, 1, good, true, slot_start - lead - 1, {Kind::wait, 0}},
        {"delivering at start - lead: on its exact sample",
         0,
         1,
         good,
         true,
         slot_start - lead,
         {Kind::relay, slot_start}},
        {"delivering, but late: just ahead of the air clock",
         0,
         1,
         good,
         true,
         slot_start + per_s,
         {Kind::relay, slot_start + per_s + margin}},
        {"nothing, with a fallback: the fallback on the exact sample",
         0,
         2,
         std::nullopt,
         true,
         slot_start - lead,
         {Kind::fallback, slot_start}},
        {"a first attempt connecting for 1 s: it gets a moment",
         0,
         1,
         young,
         true,
         slot_start - lead,
         {Kind::wait, 0}},
        {"a first attempt connecting for 2 s: the fallback",
         0,
         1,
         old,
         true,
         slot_start - lead,
         {Kind::fallback, slot_start}},
        {"a second attempt connecting: no moment",
         0,
         2,
         young,
         true,
         slot_start - lead,
         {Kind::fallback, slot_start}},
        {"nothing at all, 1.9 s after the start: still waiting",
         0,
         2,
         std::nullopt,
         false,
         slot_start + 1900 * per_ms,
         {Kind::wait, 0}},
        {"nothing at all, 2 s after the start: failed",
         0,
         2,
         std::nullopt,
         false,
         slot_start + 2 * per_s,
         {Kind::fail, slot_start + 2 * per_s}},
        {"scheduled 5 s late, nothing 6 s after the start: still waiting",
         slot_start + 5 * per_s,
         2,
         std::nullopt,
         false,
         slot_start + 6 * per_s,
         {Kind::wait, 0}},
        {"scheduled 5 s late, nothing 7 s after the start: failed",
         slot_start + 5 * per_s,
         2,
         std::nullopt,
         false,
         slot_start + 7 * per_s,
         {Kind::fail, slot_start + 7 * per_s}},
    };
    for (const StartRow& row : table) {
        RelayRules rules = rules_for_slot(row.scheduled);
        for (int i = 0; i < row.attempts; ++i) {
            const Clock::time_point when = t0 - 1h + i * RelayRules::retry_every;
            ASSERT_TRUE(rules.connect_now(when, slot_start));
            rules.connect_failed(when);
        }
        EXPECT_EQ(rules.at_start(row.candidate, row.fallback_usable, t0, row.now_sample),
                  row.decision)
            << row.what;
    }
}

struct RejoinRow {
    const char* what;
    std::optional<RelayHealth> candidate;
    std::int64_t now_sample;
    std::optional<std::int64_t> from;
};

TEST(RelayRules, TheStreamComesBackAfterASecondOfSoundIfTheCrossfadeFitsTheSlot) {
    const std::int64_t now_sample = 30 * per_s;
    const std::int64_t margin = 100 * per_ms;
    auto sound = [](Clock::duration first_audio_ago, std::int64_t sounding, std::int64_t silent) {
        RelayHealth health = delivering(50ms, t0);
        health.first_audio = t0 - first_audio_ago;
        health.sounding_frames = sounding;
        health.silent_frames = silent;
        return health;
    };
    const std::vector<RejoinRow> table = {
        {"no connection", std::nullopt, now_sample, std::nullopt},
        {"sound for 1.5 s", sound(1500ms, 72000, 0), now_sample, now_sample + margin},
        {"audio for only 0.5 s (a burst)", sound(500ms, 72000, 0), now_sample, std::nullopt},
        {"sound for less than 1 s of samples", sound(1500ms, per_s - 1, 0), now_sample,
         std::nullopt},
        {"silent for 0.3 s at the end", sound(1500ms, 72000, 300 * per_ms), now_sample,
         std::nullopt},
        {"a crossfade that would end on the slot's end", sound(1500ms, 72000, 0),
         slot_end - margin - 300 * per_ms, std::nullopt},
        {"one that ends just before it", sound(1500ms, 72000, 0),
         slot_end - margin - 300 * per_ms - 1, slot_end - 300 * per_ms - 1},
    };
    for (const RejoinRow& row : table) {
        RelayRules rules = rules_for_slot();
        rules.enter(RelayRules::Phase::fallback);
        EXPECT_EQ(rules.rejoin_from(row.candidate, t0, row.now_sample), row.from) << row.what;
    }
}

TEST(RelayRules, TheFallbackFollowsTheStreamsLastSampleOrTheSwitchMargin) {
    EXPECT_EQ(RelayRules::fallback_after_drop(50 * per_s, 49 * per_s), 50 * per_s)
        << "a closed stream's buffered audio still plays";
    EXPECT_EQ(RelayRules::fallback_after_drop(40 * per_s, 49 * per_s), 49 * per_s + 4800)
        << "a stall: at once, just ahead of the air clock";
}

TEST(RelayRules, AnItemStillWaitingAtTheSlotsEndHasMissedIt) {
    RelayRules rules = rules_for_slot();
    EXPECT_FALSE(rules.missed(slot_end - 1));
    EXPECT_TRUE(rules.missed(slot_end));
    rules.enter(RelayRules::Phase::fallback);
    EXPECT_FALSE(rules.missed(slot_end));
}

}  // namespace
}  // namespace onair::playout
