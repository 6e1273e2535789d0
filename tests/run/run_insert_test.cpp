// `onair insert` with the `priority` and `normal` priorities on a real
// `onair run`: where each insert lands on the recording (found by its own
// tone) and what the log says of it and of the programmes around it.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

#include "../cli/RunOnair.hpp"
#include "RunFixture.hpp"

namespace onair::testing {
namespace {

using namespace std::chrono_literals;
using airlog::Status;
using ::testing::HasSubstr;

class RunInsertTest : public RunFixture {};

TEST_F(RunInsertTest, PriorityPlaysWhenTheProgrammeEndsAndNormalInTheNextFreePartOfTheWindow) {
    write_tone_steps(media("p/a.wav"), std::vector<double>(5, 700));
    write_tone_steps(media("p/b.wav"), std::vector<double>(3, 1100));
    write_tone_steps(media("filler/f.wav"), std::vector<double>(2, 300));
    write_tone_steps(folder.path() / "urgent.wav", std::vector<double>(2, 2000));
    write_tone_steps(folder.path() / "notice.wav", std::vector<double>(2, 2600));
    const Instant t0 = window_start(5s);
    // a [t0+2, t0+7), 1 s of filler, b [t0+8, t0+11), then filler.
    const Instant a = t0 + 2s, b = t0 + 8s;
    const auto file =
        station(t0, t0 + 60s, daily("a", "p/a.wav", a) + daily("b", "p/b.wav", b), "rec.ogg");
    auto daemon = start_daemon(file);
    ASSERT_TRUE(daemon);
    ASSERT_TRUE(daemon->wait_for("on air: a ", 20s)) << daemon->output();

    // While `a` plays: `priority` follows it at once (pushing `b` back), and
    // `normal` waits for filler long enough to hold it (the 1 s between the
    // programmes is not).
    const auto urgent = run_onair({"insert", file.string(), (folder.path() / "urgent.wav").string(),
                                   "--priority", "priority"},
                                  folder.path());
    ASSERT_EQ(urgent.exit_code, 0) << urgent.err;
    const auto notice = run_onair(
        {"insert", file.string(), (folder.path() / "notice.wav").string()}, folder.path());
    ASSERT_EQ(notice.exit_code, 0) << notice.err;
    ASSERT_TRUE(wait_for_row(
        [](const airlog::Row& row) {
            return row.title == "notice" && row.status != Status::on_air;
        },
        30s))
        << daemon->output();
    daemon->signal(SIGTERM);
    ASSERT_EQ(daemon->wait(20s), 0) << daemon->output();

    std::map<std::string, airlog::Row> by_title;
    for (const auto& row : rows()) {
        if (row.programme != "filler") {
            EXPECT_FALSE(by_title.contains(row.title)) << "two rows for " << row.title;
            by_title[row.title] = row;
        }
    }
    ASSERT_EQ(by_title.size(), 4u) << daemon->output();
    const Instant urgent_start = a + 5s, b_joined = urgent_start + 2s, notice_start = b + 3s;
    EXPECT_EQ(by_title["a"].status, Status::aired);
    EXPECT_EQ(by_title["a"].actual_end, urgent_start);
    for (const auto& [title, at] : {std::pair{"urgent", urgent_start}, {"notice", notice_start}}) {
        const auto& row = by_title[title];
        EXPECT_EQ(row.programme, "insert") << title;
        EXPECT_EQ(row.role, "manual") << title;
        EXPECT_EQ(row.status, Status::aired) << title << ": " << row.note;
        EXPECT_EQ(row.actual_start, at) << title;
        EXPECT_EQ(row.actual_end, at + 2s) << title;
        EXPECT_FALSE(row.planned_start) << title;
    }
    EXPECT_EQ(by_title["b"].status, Status::joined);
    EXPECT_EQ(by_title["b"].actual_start, b_joined);
    EXPECT_EQ(by_title["b"].note, "joined after an operator insert");

    // On the recording, each starts where it should, on its own tone, after
    // something else.
    const auto air = decode_recording(folder.path() / "rec.ogg");
    for (const auto& [what, at, tone] : {std::tuple{"urgent", urgent_start, 2000.0},
                                         {"b, joined", b_joined, 1100.0},
                                         {"notice", notice_start, 2600.0}}) {
        EXPECT_NEAR(frequency_at(air, sample_at(at) + 480, 4800), tone, 25) << what;
        EXPECT_GT(std::abs(frequency_at(air, sample_at(at) - 480 - 4800, 4800) - tone), 100)
            << what << " before its start";
    }
    EXPECT_NEAR(frequency_at(air, sample_at(notice_start) + 48000 + 480, 4800), 2600, 25)
        << "notice plays whole";
}

}  // namespace
}  // namespace onair::testing
