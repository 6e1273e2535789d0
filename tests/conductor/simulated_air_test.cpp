// SimulatedAir: the virtual air the simulation plays on. Files play their
// length, relays drop and rejoin as scripted, and listeners may act from their
// callbacks, all reported exactly as the real playout reports them.

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "onair/conductor/SimulatedAir.hpp"
#include "onair/scheduler/StationTimeZone.hpp"

#include "SimulationTestSupport.hpp"

namespace onair::conductor {
namespace {

using namespace std::chrono_literals;
using playout::EndReason;
using playout::RelayEvent;
using scheduler::TimePoint;
using namespace simulation_test;

/// What the air reported, one line per call, for comparing with a table.
class Recorder final : public playout::PlayoutListener {
  public:
    std::vector<std::string> calls;
    std::function<void(const std::string&)> on_start;

    void item_started(const std::string& id, TimePoint planned, TimePoint actual) override {
        calls.push_back("started " + id + " " + clock(actual) +
                        (planned != actual ? " planned " + clock(planned) : ""));
        if (on_start) {
            on_start(id);
        }
    }
    void item_ended(const std::string& id, TimePoint end, EndReason kind,
                    const std::string& reason) override {
        static const char* kinds[] = {"complete", "max-length", "cut", "failed"};
        calls.push_back("ended " + id + " " + clock(end) + " " + kinds[static_cast<int>(kind)] +
                        (reason.empty() ? "" : " (" + reason + ")"));
    }
    void output_error(const std::string&, const std::string&) override {}
    void relay_event(const std::string& id, RelayEvent event, TimePoint when,
                     const std::string& detail) override {
        static const char* events[] = {"connected", "dropped", "fallback", "rejoined"};
        calls.push_back("relay " + id + " " + events[static_cast<int>(event)] + " " + clock(when) +
                        (detail.empty() ? "" : " (" + detail + ")"));
    }

    static std::string clock(TimePoint t) { return date::format("%T", vietnam().to_local(t)); }
};

class SimulatedAirTest : public ::testing::Test {
  protected:
    SimulatedAirTest() {
        media.add("/m/a.wav", 60s);
        media.add("/m/b.wav", 90s);
        media.add("/m/fallback.wav", 10min);
    }
    playout::PlayoutItem file(const std::string& id, const std::string& path, TimePoint start) {
        playout::PlayoutItem item;
        item.id = id;
        item.file = path;
        item.start = start;
        return item;
    }
    playout::PlayoutItem relay(const std::string& id, TimePoint start,
                               std::chrono::milliseconds length, const std::string& fallback) {
        playout::PlayoutItem item;
        item.id = id;
        item.relay_url = "http://127.0.0.1:9/tinh.mp3";
        item.file = fallback;
        item.start = start;
        item.max_length = length;
        item.cut_reason = "the relay's time is up";
        return item;
    }

    FakeCatalog media;
    const TimePoint t0 = at(2026, 12, 1, 17, 0);
};

TEST_F(SimulatedAirTest, FilesPlayTheirLengthAreCappedCutAndFail) {
    SimulatedAir air(media, {}, t0 - 10s);
    Recorder heard;
    air.schedule(file("a", "/m/a.wav", t0));  // 60 s, complete
    auto b = file("b", "/m/b.wav", t0 + 60s);
    b.max_length = 30s;
    b.cut_reason = "the window ends";
    air.schedule(b);
    auto joined = file("j", "/m/b.wav", t0 + 2min);
    joined.offset = 80s;  // 10 s left
    air.schedule(joined);
    air.schedule(file("gone", "/m/none.wav", t0 + 3min));
    air.schedule(file("cut", "/m/a.wav", t0 + 4min));
    air.schedule(file("never", "/m/a.wav", t0 + 6min));
    air.schedule(file("dropped", "/m/a.wav", t0 + 7min));
    EXPECT_EQ(air.next_event_time(), t0);

    air.advance_to(t0 + 4min + 20s, heard);
    EXPECT_TRUE(air.cut("cut", t0 + 4min + 30s, "skipped by the operator", 2s));
    EXPECT_TRUE(air.cut("never", t0 + 5min, "preempted by emergency", 2s));
    EXPECT_TRUE(air.cancel("dropped"));
    EXPECT_FALSE(air.cancel("cut"));  // on the air
    EXPECT_FALSE(air.cut("a", t0 + 5min, "too late", 2s));
    air.advance_to(t0 + 1h, heard);
    EXPECT_EQ(air.items(), 0u);
    EXPECT_EQ(air.next_event_time(), TimePoint::max());
    EXPECT_THAT(heard.calls,
                ::testing::ElementsAre("started a 17:00:00.000", "ended a 17:01:00.000 complete",
                                       "started b 17:01:00.000",
                                       "ended b 17:01:30.000 max-length (the window ends)",
                                       "started j 17:02:00.000", "ended j 17:02:10.000 complete",
                                       "ended gone 17:03:00.000 failed (no such file: /m/none.wav)",
                                       "started cut 17:04:00.000",
                                       "ended cut 17:04:30.000 cut (skipped by the operator)",
                                       "ended never 17:05:00.000 cut (preempted by emergency)"));
}

TEST_F(SimulatedAirTest, RelaysDropRejoinFallBackAndFail) {
    const std::vector<Outage> outages{
        {at(2026, 12, 1, 6, 10), at(2026, 12, 1, 6, 10, 3)},  // shorter than the tolerance
        {at(2026, 12, 1, 6, 20), at(2026, 12, 1, 7, 0)},      // long
        {at(2026, 12, 2, 0, 0), at(2026, 12, 3, 0, 0)},       // the whole of the 2nd
    };
    SimulatedAir air(media, outages, at(2026, 12, 1, 5, 0));
    Recorder heard;
    air.schedule(relay("r1", at(2026, 12, 1, 6, 0), 30min, "/m/fallback.wav"));
    air.advance_to(at(2026, 12, 1, 7, 0), heard);
    EXPECT_THAT(heard.calls, ::testing::ElementsAre(
                                 "relay r1 connected 06:00:00.000", "started r1 06:00:00.000",
                                 "relay r1 dropped 06:10:00.000 (simulated outage)",
                                 "relay r1 rejoined 06:10:03.000",
                                 "relay r1 dropped 06:20:00.000 (simulated outage)",
                                 "relay r1 fallback 06:20:05.000 (/m/fallback.wav)",
                                 "ended r1 06:30:00.000 max-length (the relay's time is up)"));

    heard.calls.clear();
    air.schedule(relay("r2", at(2026, 12, 2, 6, 0), 30min, "/m/fallback.wav"));
    air.schedule(relay("r3", at(2026, 12, 2, 6, 30), 30min, "/m/none.wav"));
    air.schedule(relay("r4", at(2026, 12, 2, 7, 0), 30min, ""));
    air.advance_to(at(2026, 12, 2, 8, 0), heard);
    EXPECT_THAT(
        heard.calls,
        ::testing::ElementsAre(
            "relay r2 dropped 06:00:00.000 (simulated outage)",
            "relay r2 fallback 06:00:00.000 (/m/fallback.wav)", "started r2 06:00:00.000",
            "ended r2 06:10:00.000 complete", "relay r3 dropped 06:30:00.000 (simulated outage)",
            "ended r3 06:30:00.000 failed (relay unreachable (simulated outage); no such file: "
            "/m/none.wav)",
            "relay r4 dropped 07:00:00.000 (simulated outage)",
            "ended r4 07:00:00.000 failed (relay unreachable (simulated outage); no fallback "
            "file)"));
}

TEST_F(SimulatedAirTest, ListenersMayScheduleAndCutFromTheirCallbacks) {
    SimulatedAir air(media, {}, t0 - 10s);
    Recorder heard;
    // Each start puts the next item on right after, and the third cuts the first
    // back-to-back item short: a conductor's re-entrant calls.
    heard.on_start = [&](const std::string& id) {
        if (id == "a") {
            air.schedule(file("b", "/m/b.wav", t0 + 60s));
        } else if (id == "b") {
            air.schedule(file("c", "/m/a.wav", t0 + 150s));
            air.cut("b", t0 + 70s, "cut from a callback", 2s);
        }
    };
    air.schedule(file("a", "/m/a.wav", t0));
    air.advance_to(t0 + 1h, heard);
    EXPECT_THAT(heard.calls,
                ::testing::ElementsAre("started a 17:00:00.000", "ended a 17:01:00.000 complete",
                                       "started b 17:01:00.000",
                                       "ended b 17:01:10.000 cut (cut from a callback)",
                                       "started c 17:02:30.000", "ended c 17:03:30.000 complete"));

    // Only time itself may not be moved from inside.
    SimulatedAir other(media, {}, t0 - 10s);
    other.schedule(file("x", "/m/a.wav", t0));
    Recorder nested;
    nested.on_start = [&](const std::string&) { other.advance_to(t0 + 1h, nested); };
    EXPECT_THROW(other.advance_to(t0 + 1h, nested), std::logic_error);
}

}  // namespace
}  // namespace onair::conductor
