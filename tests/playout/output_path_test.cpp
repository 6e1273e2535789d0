// OutputPath (the file output's strftime pattern), OutputIcecastUrl and
// SilenceTracker: plain logic, tables of cases.

#include <gtest/gtest.h>
#include "../support/TempFolder.hpp"
#include "../support/TestFiles.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include <date/date.h>

#include "../../playout/src/OutputIcecastUrl.hpp"
#include "../../playout/src/OutputPath.hpp"
#include "../../playout/src/SilenceTracker.hpp"

namespace onair::playout {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using scheduler::TimePoint;

TimePoint utc(date::sys_days day, std::chrono::milliseconds time) {
    return TimePoint(day) + time;
}

TEST(OutputPath, ExpandsInItsTimeZoneAtTheSecond) {
    using date::literals::operator""_y;
    struct Case {
        const char* pattern;
        const char* zone;
        TimePoint instant;
        const char* expected;
    };
    const date::sys_days nov22 = 2026_y / 11 / 22;
    const std::vector<Case> cases = {
        // 16:59:59.999 UTC is 23:59:59 in Ho Chi Minh City (UTC+7); one ms later
        // it is the next local day.
        {"aircheck/%Y-%m-%d.ogg", "Asia/Ho_Chi_Minh", utc(nov22, 16h + 59min + 59s + 999ms),
         "aircheck/2026-11-22.ogg"},
        {"aircheck/%Y-%m-%d.ogg", "Asia/Ho_Chi_Minh", utc(nov22, 17h), "aircheck/2026-11-23.ogg"},
        {"aircheck/%Y-%m-%d.ogg", "UTC", utc(nov22, 17h), "aircheck/2026-11-22.ogg"},
        {"%Y/%m/%d/%H%M%S.wav", "Asia/Ho_Chi_Minh", utc(nov22, 1h + 2min + 3s + 999ms),
         "2026/11/22/080203.wav"},
        {"fixed.ogg", "Asia/Ho_Chi_Minh", utc(nov22, 0h), "fixed.ogg"},
        {"%F %T %Z.mp3", "Europe/Berlin", utc(nov22, 12h), "2026-11-22 13:00:00 CET.mp3"},
        {"100%%/%d.ogg", "UTC", utc(nov22, 0h), "100%/22.ogg"},
    };
    for (const Case& c : cases) {
        const OutputPath path(c.pattern, c.zone);
        EXPECT_EQ(path.expand(c.instant).string(), c.expected) << c.pattern << " in " << c.zone;
    }
    EXPECT_FALSE(OutputPath("fixed.ogg", "UTC").has_conversions());
    EXPECT_TRUE(OutputPath("%Y.ogg", "UTC").has_conversions());
}

TEST(OutputPath, AnUnknownTimeZoneIsAnError) {
    try {
        OutputPath("%Y.ogg", "Asia/Hanoi_City");
        FAIL() << "no error";
    } catch (const std::runtime_error& error) {
        EXPECT_NE(std::string(error.what()).find("Asia/Hanoi_City"), std::string::npos);
    }
}

TEST(OutputPath, KnowsWhichNamesItCouldHaveProduced) {
    struct Case {
        const char* pattern;
        const char* file;
        bool ours;
    };
    const std::vector<Case> cases = {
        {"aircheck/%Y-%m-%d.ogg", "aircheck/2026-11-22.ogg", true},
        {"aircheck/%Y-%m-%d.ogg", "aircheck/2026-11-22-2.ogg", true},  // after a restart
        {"aircheck/%Y-%m-%d.ogg", "aircheck/2026-11-22.mp3", false},
        {"aircheck/%Y-%m-%d.ogg", "aircheck/notes-2026-11-22.ogg", false},
        {"aircheck/%Y-%m-%d.ogg", "aircheck/2026-1-22.ogg", false},
        {"aircheck/%Y-%m-%d.ogg", "other/2026-11-22.ogg", false},
        {"aircheck/%Y-%m-%d.ogg", "aircheck/sub/2026-11-22.ogg", false},
        {"aircheck/%Y/%m/%d.ogg", "aircheck/2026/11/22.ogg", true},
        {"aircheck/%Y/%m/%d.ogg", "aircheck/2026/11.ogg", false},
        {"/srv/air/day-%j.wav", "/srv/air/day-326.wav", true},
        {"/srv/air/day-%j.wav", "/srv/air/day-32.wav", false},
        {"/srv/air/%a %H.ogg", "/srv/air/Sun 08.ogg", true},
        {"fixed.ogg", "fixed.ogg", true},
        {"fixed.ogg", "fixed-2.ogg", false},
    };
    for (const Case& c : cases) {
        EXPECT_EQ(OutputPath(c.pattern, "UTC").could_have_produced(c.file), c.ours)
            << c.pattern << " / " << c.file;
    }
}

TEST(OutputPath, FirstFreeNeverOverwritesARecording) {
    const onair::testing::TempFolder folder("onair-path");
    const fs::path day = folder.path() / "2026-11-22.ogg";
    EXPECT_EQ(OutputPath::first_free(day), day);
    onair::testing::write_bytes(day, "");
    EXPECT_EQ(OutputPath::first_free(day), day) << "an empty file is free";
    onair::testing::write_bytes(day, "OggS");
    EXPECT_EQ(OutputPath::first_free(day), folder.path() / "2026-11-22-2.ogg");
    onair::testing::write_bytes(folder.path() / "2026-11-22-2.ogg", "OggS");
    EXPECT_EQ(OutputPath::first_free(day), folder.path() / "2026-11-22-3.ogg");
    EXPECT_EQ(OutputPath::first_free("/dev/null"), "/dev/null") << "a device is written to";
}

TEST(OutputPath, RetentionDeletesOnlyOldFilesOfThePattern) {
    const onair::testing::TempFolder folder("onair-retention");
    const fs::path air = folder.path() / "aircheck";
    fs::create_directories(air / "keep");
    const auto now = fs::file_time_type::clock::now();
    struct File {
        std::string name;
        std::chrono::hours age;
        bool removed;
    };
    const std::vector<File> files = {
        {"2026-08-01.ogg", 24h * 113, true},  {"2026-08-01-2.ogg", 24h * 113, true},
        {"2026-08-23.ogg", 24h * 91, true},   {"2026-08-25.ogg", 24h * 89, false},
        {"2026-11-22.ogg", 1h, false},        {"notes.txt", 24h * 400, false},
        {"2026-08-01.mp3", 24h * 400, false}, {"keep/2026-08-01.ogg", 24h * 400, false},
    };
    for (const File& file : files) {
        onair::testing::write_bytes(air / file.name, "OggS");
        fs::last_write_time(air / file.name, now - file.age);
    }
    const OutputPath path(air / "%Y-%m-%d.ogg", "Asia/Ho_Chi_Minh");
    std::vector<fs::path> removed = path.remove_expired(now, 90);
    std::sort(removed.begin(), removed.end());
    std::vector<fs::path> expected;
    for (const File& file : files) {
        EXPECT_EQ(fs::exists(air / file.name), !file.removed) << file.name;
        if (file.removed) {
            expected.push_back(air / file.name);
        }
    }
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(removed, expected);
    EXPECT_TRUE(path.remove_expired(now, 0).empty()) << "0 days: kept forever";
}

TEST(OutputPath, RetentionLooksIntoDatedFolders) {
    const onair::testing::TempFolder folder("onair-retention");
    const auto now = fs::file_time_type::clock::now();
    const fs::path old_file = folder.path() / "2026" / "01" / "05.ogg";
    const fs::path new_file = folder.path() / "2026" / "11" / "22.ogg";
    for (const auto& file : {old_file, new_file}) {
        fs::create_directories(file.parent_path());
        onair::testing::write_bytes(file, "OggS");
    }
    fs::last_write_time(old_file, now - 24h * 320);
    const OutputPath path(folder.path() / "%Y" / "%m" / "%d.ogg", "UTC");
    EXPECT_EQ(path.remove_expired(now, 30), std::vector<fs::path>{old_file});
    EXPECT_TRUE(fs::exists(new_file));
}

TEST(OutputIcecastUrl, Parses) {
    struct Case {
        const char* url;
        const char* user;
        const char* password;
        const char* host;
        int port;
        const char* mount;
    };
    const std::vector<Case> cases = {
        {"icecast://source:secret@127.0.0.1:8000/station.mp3", "source", "secret", "127.0.0.1",
         8000, "/station.mp3"},
        {"http://dj:p%40ss%3Aword@radio.example:8443/live.ogg", "dj", "p@ss:word", "radio.example",
         8443, "/live.ogg"},
        {"icecast://hackme@localhost/a/b.mp3", "source", "hackme", "localhost", 8000, "/a/b.mp3"},
    };
    for (const Case& c : cases) {
        const OutputIcecastUrl url = OutputIcecastUrl::parse(c.url);
        EXPECT_EQ(url.user, c.user) << c.url;
        EXPECT_EQ(url.password, c.password) << c.url;
        EXPECT_EQ(url.host, c.host) << c.url;
        EXPECT_EQ(url.port, c.port) << c.url;
        EXPECT_EQ(url.mount, c.mount) << c.url;
    }
    EXPECT_EQ(OutputIcecastUrl::parse(cases[0].url).display(), "127.0.0.1:8000/station.mp3");
}

TEST(OutputIcecastUrl, RejectsWithAReason) {
    const std::vector<std::pair<const char*, const char*>> cases = {
        {"rtmp://127.0.0.1/live", "icecast://"},
        {"icecast://source:x@127.0.0.1:8000", "no mount"},
        {"icecast://source:x@127.0.0.1:8000/", "no mount"},
        {"icecast://source:x@127.0.0.1:80a0/a.mp3", "bad port"},
        {"icecast://source:x@127.0.0.1:70000/a.mp3", "bad port"},
        {"icecast://source:x@:8000/a.mp3", "no host"},
        {"icecast://source:x%4@h:8000/a.mp3", "%-escape"},
    };
    for (const auto& [url, reason] : cases) {
        try {
            OutputIcecastUrl::parse(url);
            ADD_FAILURE() << url << " was accepted";
        } catch (const std::runtime_error& error) {
            EXPECT_NE(std::string(error.what()).find(reason), std::string::npos)
                << url << ": " << error.what();
        }
    }
}

TEST(SilenceTracker, OneAlarmPerSilenceAndTheEnd) {
    // 100 ms intervals (4800 samples), alarm after 1 s (48 000 samples).
    SilenceTracker tracker(-50.0, 48000);
    std::vector<SilenceTracker::Change> changes;
    auto feed = [&](int from_interval, int to_interval, double db) {
        for (int i = from_interval; i < to_interval; ++i) {
            if (auto change = tracker.measure(i * 4800, (i + 1) * 4800, db)) {
                changes.push_back(*change);
            }
        }
    };
    feed(0, 5, -20.0);           // sound
    feed(5, 14, -90.0);          // 0.9 s of silence: no alarm
    feed(14, 15, -49.0);         // just above the threshold
    feed(15, 40, -200.0);        // 2.5 s of silence: one alarm
    feed(40, 41, -10.0);         // sound: the end
    feed(41, 55, -55.0);         // silent again, 1.4 s
    feed(55, 56, std::nan(""));  // no measurement counts as silent
    ASSERT_EQ(changes.size(), 3u);
    EXPECT_TRUE(changes[0].alarm);
    EXPECT_EQ(changes[0].sample, 15 * 4800);
    EXPECT_FALSE(changes[1].alarm);
    EXPECT_EQ(changes[1].sample, 40 * 4800);
    EXPECT_TRUE(changes[2].alarm);
    EXPECT_EQ(changes[2].sample, 41 * 4800);
}

TEST(SilenceTracker, DisabledWithoutADelay) {
    SilenceTracker tracker(-50.0, 0);
    for (int i = 0; i < 100; ++i) {
        EXPECT_FALSE(tracker.measure(i * 4800, (i + 1) * 4800, -120.0));
    }
}

}  // namespace
}  // namespace onair::playout
