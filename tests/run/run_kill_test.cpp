// `onair run` killed with SIGKILL and started again: every item heard on the
// recording before the kill has its row in the log (the row is written before
// the item is heard), and a programme joined after the restart plays, to the
// sample, what the plan puts there, measured against a later fixed airing
// found on the same recording.

#include <gtest/gtest.h>

#include <iostream>
#include <map>

#include "RunFixture.hpp"

namespace onair::testing {
namespace {

using namespace std::chrono_literals;
using airlog::Status;

class RunKillTest : public RunFixture {};

TEST_F(RunKillTest, EveryItemHeardBeforeAKillNineHasItsRow) {
    // Filler of 2 s items, each file its own tone: any instant is within 1 s
    // of an item's start, and the recording says which item played.
    const std::map<std::string, double> tone_of{
        {"f1.wav", 400}, {"f2.wav", 700}, {"f3.wav", 1000}, {"f4.wav", 1300}};
    for (const auto& [name, frequency] : tone_of) {
        write_tone_steps(media("filler/" + name), std::vector<double>(2, frequency));
    }
    const Instant t0 = window_start(2s);
    const int rounds = 10;
    int heard_items = 0;
    for (int round = 0; round < rounds; ++round) {
        const std::string recording = "rec-" + std::to_string(round) + ".ogg";
        auto daemon = start_daemon(station(t0, t0 + 10min, "", recording),
                                   "daemon-" + std::to_string(round) + ".log");
        ASSERT_TRUE(daemon);
        // The kill instants are spread over the second either side of an
        // item's start: before the row (written 150 ms ahead), between the
        // row and the first sample, and while the item plays.
        const Instant after_start = now_ms() + 300ms;
        const auto next = wait_for_row(
            [&](const airlog::Row& row) {
                return row.programme == "filler" && *row.actual_start > after_start;
            },
            10s);
        ASSERT_TRUE(next) << daemon->output();
        const auto offset = -1000ms + round * 2000ms / rounds + 37ms;
        const Instant kill_at = *next->actual_start + 2s + offset;
        std::this_thread::sleep_until(Clock::time_point(kill_at));
        daemon->signal(SIGKILL);
        ASSERT_EQ(daemon->wait(10s), 128 + SIGKILL);

        // Every 10 ms of the recording where a filler item is heard: a row
        // of that item says it started no later (and not longer ago than
        // the item lasts).
        const auto log = rows();
        const std::vector<float> air = decode_recording(folder.path() / recording);
        std::string last_heard;
        Instant last_heard_at{};
        const auto item_at = [&](std::int64_t at) {
            const double frequency = frequency_at(air, at, 480);
            std::string item;
            for (const auto& [name, tone] : tone_of) {
                item = std::abs(frequency - tone) < 60 ? name : item;
            }
            return item;
        };
        // Heard: the same item's tone in two 10 ms windows in a row (one
        // window across a change of item reads as neither).
        for (std::int64_t at = 0; at + 960 <= static_cast<std::int64_t>(air.size()); at += 480) {
            const std::string item = item_at(at);
            if (item.empty() || item_at(at + 480) != item) {
                continue;
            }
            const Instant heard = origin + Ms(at / (air_rate / 1000));
            bool has_row = false;
            for (const auto& row : log) {
                has_row |= std::filesystem::path(row.source).filename() == item &&
                           *row.actual_start <= heard + 20ms && *row.actual_start > heard - 2020ms;
            }
            std::string logged;
            for (const auto& row : log) {
                logged += "\n  " + row.title + " " + std::string(airlog::to_string(row.status)) +
                          " from " + zone.clock_time(*row.actual_start) + " +" +
                          std::to_string((*row.actual_start -
                                          date::floor<std::chrono::seconds>(*row.actual_start))
                                             .count()) +
                          " ms";
            }
            ASSERT_TRUE(has_row) << logged << "\n"
                                 << "round " << round << ": " << item << " heard at "
                                 << zone.clock_time(heard) << " (+"
                                 << (heard - date::floor<std::chrono::seconds>(heard)).count()
                                 << " ms) has no row; killed " << offset.count()
                                 << " ms from an item's start";
            if (item != last_heard) {
                ++heard_items;
            }
            last_heard = item;
            last_heard_at = heard;
        }
        std::cout << "round " << round << ": killed " << offset.count()
                  << " ms from an item's start; the recording ends "
                  << (kill_at - last_heard_at).count() << " ms before the kill\n";
    }
    EXPECT_GE(heard_items, rounds) << "each round heard items";
}

TEST_F(RunKillTest, AProgrammeJoinedAfterKillNinePlaysThePlannedSampleByALaterAiring) {
    // Noise: every sample of the programme can be found on the recording.
    const auto programme = write_noise(media("p/long.wav"), 16, 11);
    const auto mark = write_noise(media("p/mark.wav"), 3, 22);
    write_tone_steps(media("filler/f.wav"), std::vector<double>(2, 2500));
    const Instant t0 = window_start(5s);
    const Instant start = t0 + 2s, mark_start = t0 + 19s;
    const std::string programmes =
        daily("long", "p/long.wav", start) + daily("mark", "p/mark.wav", mark_start);

    // Killed twice while the programme plays, then left to play on.
    for (int round = 0; round < 3; ++round) {
        const std::string recording = "rec-" + std::to_string(round) + ".ogg";
        auto daemon = start_daemon(station(t0, t0 + 60s, programmes, recording),
                                   "daemon-" + std::to_string(round) + ".log");
        ASSERT_TRUE(daemon);
        ASSERT_TRUE(daemon->wait_for("on air: long ", 20s)) << daemon->output();
        if (round < 2) {
            std::this_thread::sleep_for(round == 0 ? 1300ms : 700ms);
            daemon->signal(SIGKILL);
            ASSERT_EQ(daemon->wait(10s), 128 + SIGKILL);
            continue;
        }
        ASSERT_TRUE(wait_for_row(
            [](const airlog::Row& row) {
                return row.programme == "mark" && row.status == Status::aired;
            },
            40s))
            << daemon->output();
        daemon->signal(SIGTERM);
        ASSERT_EQ(daemon->wait(20s), 0) << daemon->output();
    }

    std::vector<Status> statuses;
    std::optional<airlog::Row> joined;
    for (const auto& row : rows()) {
        EXPECT_NE(row.status, Status::on_air) << row.programme;
        if (row.programme == "long") {
            statuses.push_back(row.status);
            joined = row;
        }
    }
    EXPECT_EQ(statuses,
              (std::vector<Status>{Status::interrupted, Status::interrupted, Status::joined}));
    ASSERT_TRUE(joined);

    // The mark's first sample on the last recording (the daemon's timeline
    // only says where to look: a probe inside the mark is located in it).
    const std::vector<float> air = decode_recording(folder.path() / "rec-2.ogg");
    const std::int64_t mark_probe = sample_at(mark_start + 1s);
    const Location in_mark = locate(air, mark_probe, 4800, mark);
    ASSERT_GT(in_mark.likeness, 0.9) << "the mark is not on the recording";
    const std::int64_t mark_first = mark_probe - in_mark.medium_sample;
    // From there back: recording position `at` is (mark_first - at) samples
    // before the mark's planned start, where the plan puts the programme's
    // sample lead - (mark_first - at).
    const std::int64_t lead = (mark_start - start).count() * (air_rate / 1000);
    for (const Instant probe :
         {*joined->actual_start + 300ms, start + 15s, *joined->actual_start + 1500ms}) {
        const std::int64_t at = mark_first - (mark_start - probe).count() * (air_rate / 1000);
        const Location found = locate(air, at, 4800, programme);
        EXPECT_GT(found.likeness, 0.9) << "the programme at " << zone.clock_time(probe);
        EXPECT_NEAR(found.medium_sample, lead - (mark_first - at), 48)
            << "the programme at " << (probe - start).count() << " ms into it";
    }
}

}  // namespace
}  // namespace onair::testing
