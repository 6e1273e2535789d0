// The stop (SIGTERM/SIGINT) on a scripted air and a real as-aired log: every
// row of an item handed to the air is closed, whatever the item was doing at
// the stop and whether or not the air reported its end before it was taken
// down (the daemon exits a short grace after the fade, and a loaded machine's
// air can be behind the clock by more than that).

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "ConductorTest.hpp"
#include "ScriptedAir.hpp"
#include "onair/conductor/Conductor.hpp"

namespace onair::conductor {
namespace {

using namespace std::chrono_literals;
using airlog::Status;
using testing::ConductorTest;
using testing::ScriptedAir;
using testing::station_text;

class ConductorStopTest : public ConductorTest {
  protected:
    void expect_none_on_air(airlog::AsAiredLog& log) const {
        for (const auto& row : rows(log)) {
            EXPECT_NE(row.status, Status::on_air) << row.title;
        }
    }
    /// The one filler row of the file handed over for `start` (its actual
    /// start is a few ms later once heard).
    airlog::Row filler_from(airlog::AsAiredLog& log, TimePoint start) const {
        std::vector<airlog::Row> found;
        for (const auto& row : of(rows(log), "filler")) {
            if (*row.actual_start >= start && *row.actual_start < start + 1s) {
                found.push_back(row);
            }
        }
        EXPECT_EQ(found.size(), 1u) << "filler rows from " << zone.format_iso(start);
        return found.empty() ? airlog::Row{} : found.front();
    }
};

TEST_F(ConductorStopTest, StopFadesAndClosesTheRowAsPartial) {
    airlog::AsAiredLog log(database);
    ScriptedAir air(catalog);
    Conductor conductor(air, log, catalog, settings());
    TimePoint now = local(1, 17, 14);
    conductor.start(station(), now);
    air.run_until(conductor, now, local(1, 17, 18));
    const TimePoint silent = conductor.stop(now);
    air.run_until(conductor, now, silent + 1s);
    const auto news = of(rows(log), "thoi-su");
    ASSERT_EQ(news.size(), 1u);
    EXPECT_EQ(news[0].status, Status::partial);
    EXPECT_EQ(news[0].note, "stopped by operator/system");
    EXPECT_EQ(news[0].actual_end, silent);
    for (const auto& row : rows(log)) {
        EXPECT_NE(row.status, Status::on_air) << row.programme;
    }
}

TEST_F(ConductorStopTest, AStopAtTheInstantAFillerFileIsDueClosesItsRowAsNeverHeard) {
    // A hard cut (fade 0s): the stop's silence is the next filler file's
    // start, so that file is taken back; its row was written just before.
    ConductorSettings hard = settings();
    hard.fade = 0ms;
    airlog::AsAiredLog log(database);
    ScriptedAir air(catalog);
    Conductor conductor(air, log, catalog, hard);
    TimePoint now = local(1, 16, 59, 50);
    conductor.start(station(), now);
    const TimePoint next_file = local(1, 17, 4);
    air.run_until(conductor, now, next_file);
    const TimePoint silent = conductor.stop(now);
    ASSERT_EQ(silent, next_file);
    air.run_until(conductor, now, silent + 1s);

    expect_none_on_air(log);
    const airlog::Row first = filler_from(log, local(1, 17, 0));
    EXPECT_EQ(first.status, Status::aired);
    const airlog::Row taken_back = filler_from(log, next_file);
    EXPECT_EQ(taken_back.status, Status::skipped);
    EXPECT_EQ(taken_back.note, "stopped by operator/system");
    EXPECT_EQ(taken_back.actual_start, next_file);
    EXPECT_EQ(taken_back.actual_end, next_file);
}

TEST_F(ConductorStopTest, AFillerFileOnTheAirWhoseEndIsNeverReportedIsPartialToTheStopsSilence) {
    airlog::AsAiredLog log(database);
    ScriptedAir air(catalog);
    Conductor conductor(air, log, catalog, settings());
    TimePoint now = local(1, 16, 59, 50);
    conductor.start(station(), now);
    air.run_until(conductor, now, local(1, 17, 4) + 500ms);  // the second file just started
    const TimePoint silent = conductor.stop(now);
    // The air is taken down before it reports the fade's end.
    conductor.air_stopped(silent + 400ms);

    expect_none_on_air(log);
    const airlog::Row stopped = filler_from(log, local(1, 17, 4));
    EXPECT_EQ(stopped.status, Status::partial);
    EXPECT_EQ(stopped.note, "stopped by operator/system");
    EXPECT_EQ(stopped.actual_start, local(1, 17, 4) + air.start_error());
    EXPECT_EQ(stopped.actual_end, silent);
}

TEST_F(ConductorStopTest, AFillerFileHandedOverButNeverHeardBeforeTheAirIsTakenDownIsClosed) {
    airlog::AsAiredLog log(database);
    ScriptedAir air(catalog);
    Conductor conductor(air, log, catalog, settings());
    TimePoint now = local(1, 16, 59, 50);
    conductor.start(station(), now);
    const TimePoint next_file = local(1, 17, 4);
    air.run_until(conductor, now, next_file - 100ms);  // its row is written
    const TimePoint silent = conductor.stop(now);
    ASSERT_GT(silent, next_file);  // cut at the silence, not taken back
    // The first file's end is reported; the air goes before the second's start.
    air.run_until(conductor, now, next_file + air.start_error() - 1ms);
    conductor.air_stopped(silent + 400ms);

    expect_none_on_air(log);
    EXPECT_EQ(filler_from(log, local(1, 17, 0)).status, Status::aired);
    const airlog::Row unheard = filler_from(log, next_file);
    EXPECT_EQ(unheard.status, Status::skipped);
    EXPECT_EQ(unheard.note, "stopped by operator/system");
    EXPECT_EQ(unheard.actual_start, next_file);
    EXPECT_EQ(unheard.actual_end, next_file);
}

TEST_F(ConductorStopTest, AStopAsAFolderProgrammesNextFileIsDueClosesTheProgrammesRow) {
    for (const char* name : {"a.mp3", "b.mp3", "c.mp3"}) {
        const auto path = folder.path() / "media" / "nhac" / name;
        std::filesystem::create_directories(path.parent_path());
        std::ofstream(path) << "x";
        catalog.set_length(path.string(), 4min);
    }
    // The fixture's station with one folder programme instead of its own.
    const std::string common = station_text;
    const std::string text = common.substr(0, common.find("programmes:")) + R"(programmes:
  - id: nhac
    title: "Nhạc"
    source: { folder: nhac }
    duration: 12m
    daily: { at: "17:15" }
)";
    ConductorSettings hard = settings();
    hard.fade = 0ms;
    airlog::AsAiredLog log(database);
    ScriptedAir air(catalog);
    Conductor conductor(air, log, catalog, hard);
    TimePoint now = local(1, 17, 14);
    conductor.start(station(text), now);
    // The first file ends as the stop comes; the second is taken back.
    const TimePoint second_file = local(1, 17, 19);
    air.run_until(conductor, now, second_file);
    const TimePoint silent = conductor.stop(now);
    air.run_until(conductor, now, silent + 1s);

    expect_none_on_air(log);
    const auto music = of(rows(log), "nhac");
    ASSERT_EQ(music.size(), 1u);
    EXPECT_EQ(music[0].status, Status::partial);
    EXPECT_EQ(music[0].note, "stopped by operator/system");
    EXPECT_EQ(music[0].actual_end, second_file);
}

}  // namespace
}  // namespace onair::conductor
