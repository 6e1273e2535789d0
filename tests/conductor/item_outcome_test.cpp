// outcome(): the status and note of an item's row from what the conductor knew
// about it and how the air ended it, as a table of cases.
#include <chrono>
#include <ostream>
#include <string>

#include <gtest/gtest.h>

#include "onair/conductor/ItemOutcome.hpp"

namespace onair::conductor {
namespace {

using namespace std::chrono_literals;
using airlog::Status;
using playout::EndReason;
using scheduler::TimePoint;

const TimePoint began{std::chrono::milliseconds{1'800'000'000'000}};

OnAirFacts started() {
    OnAirFacts facts;
    facts.started = true;
    return facts;
}

OnAirFacts with_cut(OnAirFacts facts, OnAirFacts::Cut cut) {
    facts.cut = cut;
    return facts;
}

OnAirFacts joined(OnAirFacts facts) {
    facts.joined = true;
    facts.join_note = "joined after the start (the daemon started at 17:20)";
    return facts;
}

OnAirFacts relay(OnAirFacts facts) {
    facts.relay = true;
    return facts;
}

OnAirFacts dropped_and_back(OnAirFacts facts) {
    facts = relay(facts);
    facts.drops.emplace_back(began + 12min + 3s, "stalled");
    facts.fallback_played = true;
    facts.rejoins.push_back(began + 14min);
    return facts;
}

struct Case {
    const char* name;
    OnAirFacts item;
    EndReason reason_kind;
    std::string reason;
    std::chrono::milliseconds length;  // actual end - began
    Status status;
    std::string note;
};

void PrintTo(const Case& c, std::ostream* out) {
    *out << c.name;
}

const Case cases[] = {
    {"CompleteIsAired", started(), EndReason::complete, "", 12min, Status::aired, ""},
    {"CompleteAfterAJoinIsJoinedWithItsNote", joined(started()), EndReason::complete, "", 7min,
     Status::joined, "joined after the start (the daemon started at 17:20)"},
    {"CutAtMaxLengthIsPartialWithTheReason", started(), EndReason::cut_at_max_length,
     "faded out for Thời sự at 18:00", 30min, Status::partial, "faded out for Thời sự at 18:00"},
    {"ARelaysTimeUpIsItsNormalEnd", relay(started()), EndReason::cut_at_max_length,
     "the relay's time is up", 30min, Status::aired, ""},
    {"ARelayThatDroppedIsPartialWithItsHistory", dropped_and_back(started()),
     EndReason::cut_at_max_length, "the relay's time is up", 30min, Status::partial,
     "relay dropped after 12m03s (stalled); fallback file played; relay back after 14m"},
    {"ADroppedRelayJoinedStaysJoined", dropped_and_back(joined(started())), EndReason::complete, "",
     30min, Status::joined,
     "joined after the start (the daemon started at 17:20); relay dropped after 12m03s "
     "(stalled); fallback file played; relay back after 14m"},
    {"SkippedSaysAfterHowLong", with_cut(started(), OnAirFacts::Cut::skipped), EndReason::cut,
     "skipped by the operator", 4min + 2s, Status::skipped, "skipped by the operator after 4m02s"},
    {"StoppedIsPartial", with_cut(started(), OnAirFacts::Cut::stopped), EndReason::cut,
     "stopped by operator/system", 1min, Status::partial, "stopped by operator/system"},
    {"PreemptedIsPartialWithTheReason", with_cut(started(), OnAirFacts::Cut::preempted),
     EndReason::cut, "preempted by emergency", 3min, Status::partial, "preempted by emergency"},
    {"RemovedIsPartialWithTheReason", with_cut(started(), OnAirFacts::Cut::removed), EndReason::cut,
     "removed from the station file", 3min, Status::partial, "removed from the station file"},
    {"CutBeforeItsFirstSampleWasSkipped", OnAirFacts{}, EndReason::cut,
     "yields to an operator insert", 0ms, Status::skipped, "yields to an operator insert"},
    {"FailedIsFailedWithTheReason", OnAirFacts{}, EndReason::failed, "no such file: tin.mp3", 0ms,
     Status::failed, "no such file: tin.mp3"},
    {"FailedAfterAJoinKeepsTheJoinNote", joined(started()), EndReason::failed, "decoder error",
     2min, Status::failed, "joined after the start (the daemon started at 17:20); decoder error"},
};

class ItemOutcome : public ::testing::TestWithParam<Case> {};

TEST_P(ItemOutcome, GivesTheRowsStatusAndNote) {
    const Case& c = GetParam();
    const Outcome result = outcome(c.item, c.reason_kind, c.reason, began, began + c.length);
    EXPECT_EQ(airlog::to_string(result.status), airlog::to_string(c.status));
    EXPECT_EQ(result.note, c.note);
}

INSTANTIATE_TEST_SUITE_P(Cases, ItemOutcome, ::testing::ValuesIn(cases),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace onair::conductor
