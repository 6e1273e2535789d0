// A valid station file loads with every value in place; defaults and paths.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "../support/ExampleStation.hpp"
#include "LocationPrinter.hpp"
#include "onair/config/StationLoader.hpp"

namespace onair::config {
namespace {

using namespace std::chrono_literals;
using namespace date;

const WeekdaySet mon_to_sat{false, true, true, true, true, true, true};

TimeOfDay hm(int h, int m, int s = 0) {
    return TimeOfDay{h * 3600 + m * 60 + s};
}

const Programme& programme(const Station& station, const std::string& id) {
    for (const auto& p : station.programmes) {
        if (p.id == id) {
            return p;
        }
    }
    throw std::runtime_error("no programme " + id);
}

class ExampleStationTest : public ::testing::Test {
  protected:
    Station station = parse_station(onair::test::example_station(), "/srv/radio/station.yaml");
};

TEST_F(ExampleStationTest, StationAndPaths) {
    EXPECT_EQ(station.file, "/srv/radio/station.yaml");
    EXPECT_EQ(station.name, "Đài Truyền thanh thị xã Đức Phổ");
    EXPECT_EQ(station.timezone, "Asia/Ho_Chi_Minh");
    EXPECT_EQ(station.media_root, std::filesystem::path{"/srv/radio/media"});
    EXPECT_EQ(station.log.database, std::filesystem::path{"/srv/radio/data/onair.db"});
    EXPECT_TRUE(station.warnings.empty());
}

TEST_F(ExampleStationTest, Windows) {
    ASSERT_EQ(station.windows.size(), 3u);
    const auto& morning = station.windows[0];
    EXPECT_EQ(morning.name, "morning");
    EXPECT_EQ(morning.start, hm(5, 30));
    EXPECT_EQ(morning.end, hm(6, 30));
    EXPECT_EQ(morning.days, every_day);
    EXPECT_EQ(morning.location, (Location{8, 3}));
    const auto& evening = station.windows[1];
    EXPECT_EQ(evening.name, "evening");
    EXPECT_EQ(evening.start, hm(17, 0));
    EXPECT_EQ(evening.end, hm(18, 0));
    EXPECT_EQ(evening.days, mon_to_sat);
    const auto& late = station.windows[2];
    EXPECT_EQ(late.start, hm(22, 0, 30));
    EXPECT_EQ(late.end, TimeOfDay{86400});
    EXPECT_EQ(late.days, (WeekdaySet{true, false, false, false, false, false, false}));
}

TEST_F(ExampleStationTest, Filler) {
    ASSERT_TRUE(station.filler);
    EXPECT_EQ(station.filler->title, "Nhạc nền");
    EXPECT_EQ(station.filler->source.kind, SourceKind::folder);
    EXPECT_EQ(station.filler->source.target, "filler");
    EXPECT_EQ(station.filler->source.fallback, std::nullopt);
    EXPECT_EQ(station.filler->source.location, (Location{12, 9}));
}

TEST_F(ExampleStationTest, Outputs) {
    ASSERT_EQ(station.outputs.size(), 6u);
    const auto& alsa = station.outputs[0];
    EXPECT_EQ(alsa.kind, OutputKind::alsa);
    EXPECT_EQ(alsa.device, "default");
    EXPECT_EQ(alsa.location, (Location{15, 5}));
    const auto& icecast = station.outputs[1];
    EXPECT_EQ(icecast.kind, OutputKind::icecast);
    EXPECT_EQ(icecast.url, "icecast://source:secret@127.0.0.1:8000/station.mp3");
    EXPECT_EQ(icecast.format, "mp3");
    EXPECT_EQ(icecast.bitrate_kbps, 64);
    const auto& file = station.outputs[2];
    EXPECT_EQ(file.kind, OutputKind::file);
    EXPECT_EQ(file.path, "aircheck/%Y-%m-%d.ogg");
    EXPECT_EQ(file.format, "ogg");
    EXPECT_EQ(file.retain_days, 90);
    EXPECT_EQ(file.bitrate_kbps, 64);
    const auto& pulse = station.outputs[3];
    EXPECT_EQ(pulse.kind, OutputKind::pulse);
    EXPECT_EQ(pulse.device, "");
    const auto& ogg_stream = station.outputs[4];
    EXPECT_EQ(ogg_stream.url, "http://stream.example.vn/live.ogg");
    EXPECT_EQ(ogg_stream.format, "ogg");
    EXPECT_EQ(ogg_stream.bitrate_kbps, 96);
    EXPECT_EQ(station.outputs[5].kind, OutputKind::null);
}

TEST_F(ExampleStationTest, MonthlyWithRerunCount) {
    const auto& p = programme(station, "cds-thixa");
    EXPECT_EQ(p.title, "Chuyên mục \"Chuyển đổi số\", thị xã Đức Phổ");
    EXPECT_EQ(p.category, "chuyen-doi-so");
    EXPECT_EQ(p.priority, 0);
    EXPECT_EQ(p.from, std::nullopt);
    EXPECT_EQ(p.until, std::nullopt);
    EXPECT_TRUE(p.except.empty());
    EXPECT_EQ(p.source.kind, SourceKind::file);
    EXPECT_EQ(p.source.target, "cds/{yyyy}-{mm}.mp3");
    EXPECT_EQ(p.duration, std::nullopt);
    EXPECT_EQ(p.max_duration, Milliseconds{15min});
    EXPECT_EQ(p.location, (Location{25, 5}));
    const auto& r = p.recurrence;
    EXPECT_EQ(r.kind, RecurrenceKind::monthly);
    EXPECT_EQ(r.location, (Location{30, 5}));
    EXPECT_EQ(r.premiere.week, 1);
    EXPECT_EQ(r.premiere.day, Tuesday);
    EXPECT_EQ(r.premiere.at, hm(17, 15));
    EXPECT_EQ(r.premiere.window, std::nullopt);
    EXPECT_EQ(r.premiere.month, std::nullopt);
    EXPECT_EQ(r.premiere.location, (Location{31, 17}));
    EXPECT_EQ(r.rerun_count, 3);
    EXPECT_TRUE(r.reruns.empty());
    EXPECT_EQ(r.reruns_location, (Location{32, 15}));
}

TEST_F(ExampleStationTest, WeeklyRelayWithFallback) {
    const auto& p = programme(station, "tinh-cds");
    EXPECT_EQ(p.source.kind, SourceKind::relay);
    EXPECT_EQ(p.source.target, "http://127.0.0.1:8000/tinh.mp3");
    EXPECT_EQ(p.source.fallback, "tinh/{yyyy}-w{ww}.mp3");
    EXPECT_EQ(p.duration, Milliseconds{30min});
    EXPECT_EQ(p.max_duration, std::nullopt);
    const auto& r = p.recurrence;
    EXPECT_EQ(r.kind, RecurrenceKind::weekly);
    EXPECT_EQ(r.premiere.day, Saturday);
    EXPECT_EQ(r.premiere.at, hm(6, 0));
    EXPECT_EQ(r.premiere.week, std::nullopt);
    EXPECT_EQ(r.every, 1);
    EXPECT_EQ(r.rerun_count, 0);
}

TEST_F(ExampleStationTest, QuarterlyPackedIntoAWindow) {
    const auto& r = programme(station, "phuong-pho-ninh").recurrence;
    EXPECT_EQ(r.kind, RecurrenceKind::quarterly);
    EXPECT_EQ(r.premiere.month, 3);
    EXPECT_EQ(r.premiere.week, 2);
    EXPECT_EQ(r.premiere.day, Wednesday);
    EXPECT_EQ(r.premiere.at, std::nullopt);
    EXPECT_EQ(r.premiere.window, "evening");
}

TEST_F(ExampleStationTest, RangeExceptionsAndRerunList) {
    const auto& p = programme(station, "an-ninh");
    EXPECT_EQ(p.priority, 5);
    EXPECT_EQ(p.from, 2026_y / January / 5);
    EXPECT_EQ(p.until, 2026_y / December / 31);
    EXPECT_EQ(p.except, (std::vector<year_month_day>{2026_y / September / 2, 2026_y / April / 30}));
    EXPECT_EQ(p.source.target, "an-ninh/{yyyy}-{mm}-{dd}.mp3");
    EXPECT_EQ(p.max_duration, std::nullopt);
    const auto& r = p.recurrence;
    EXPECT_EQ(r.premiere.week, last_week);
    EXPECT_EQ(r.premiere.day, Friday);
    EXPECT_EQ(r.premiere.at, hm(17, 30));
    EXPECT_EQ(r.premiere.window, "evening");
    EXPECT_EQ(r.rerun_count, 0);
    EXPECT_EQ(r.reruns_location, (Location{59, 9}));
    ASSERT_EQ(r.reruns.size(), 2u);
    EXPECT_EQ(r.reruns[0].days_after, 1);
    EXPECT_EQ(r.reruns[0].at, hm(5, 40));
    EXPECT_EQ(r.reruns[0].day, std::nullopt);
    EXPECT_EQ(r.reruns[0].location, (Location{59, 11}));
    EXPECT_EQ(r.reruns[1].days_after, std::nullopt);
    EXPECT_EQ(r.reruns[1].week, 2);
    EXPECT_EQ(r.reruns[1].day, Monday);
    EXPECT_EQ(r.reruns[1].at, std::nullopt);
    EXPECT_EQ(r.reruns[1].window, "morning");
    EXPECT_EQ(r.reruns[1].location, (Location{60, 11}));
}

TEST_F(ExampleStationTest, WeeklyEveryOtherWeekFromAFolder) {
    const auto& p = programme(station, "nong-nghiep");
    EXPECT_EQ(p.source.kind, SourceKind::folder);
    EXPECT_EQ(p.source.target, "nong-nghiep");
    EXPECT_EQ(p.duration, Milliseconds{10min});
    const auto& r = p.recurrence;
    EXPECT_EQ(r.every, 2);
    EXPECT_EQ(r.premiere.day, Thursday);
    EXPECT_EQ(r.premiere.window, "morning");
    ASSERT_EQ(r.reruns.size(), 1u);
    EXPECT_EQ(r.reruns[0].day, Sunday);
    EXPECT_EQ(r.reruns[0].at, hm(5, 45));
}

TEST_F(ExampleStationTest, DailyAndOnce) {
    const auto& daily = programme(station, "thoi-tiet");
    EXPECT_EQ(daily.max_duration, Milliseconds{90min});
    EXPECT_EQ(daily.recurrence.kind, RecurrenceKind::daily);
    EXPECT_EQ(daily.recurrence.premiere.at, hm(5, 30));
    EXPECT_EQ(daily.recurrence.days, (WeekdaySet{false, true, false, true, false, true, false}));

    const auto& once = programme(station, "quoc-khanh");
    EXPECT_EQ(once.recurrence.kind, RecurrenceKind::once);
    ASSERT_EQ(once.recurrence.once.size(), 2u);
    EXPECT_EQ(once.recurrence.once[0], local_days{2026_y / September / 2} + 17h + 5min);
    EXPECT_EQ(once.recurrence.once[1], local_days{2026_y / September / 1} + 5h + 35min + 30s);
    ASSERT_EQ(once.recurrence.once_locations.size(), 2u);
    EXPECT_EQ(once.recurrence.once_locations[0], (Location{78, 12}));
    EXPECT_EQ(once.recurrence.once_locations[1], (Location{78, 32}));

    const auto& relay = programme(station, "xa-tuan");
    EXPECT_EQ(relay.source.target, "https://radio.example.vn/xa.m3u8");
    EXPECT_EQ(relay.duration, Milliseconds{90s});
    EXPECT_EQ(relay.recurrence.premiere.window, "evening");
    EXPECT_EQ(relay.recurrence.premiere.at, std::nullopt);
    EXPECT_EQ(relay.recurrence.days, every_day);
}

TEST_F(ExampleStationTest, ProgrammesKeepFileOrder) {
    std::vector<std::string> ids;
    for (const auto& p : station.programmes) {
        ids.push_back(p.id);
    }
    EXPECT_EQ(ids, (std::vector<std::string>{"cds-thixa", "tinh-cds", "phuong-pho-ninh", "an-ninh",
                                             "nong-nghiep", "thoi-tiet", "quoc-khanh", "xa-tuan"}));
}

constexpr std::string_view minimal_station = R"yaml(
station: { name: Minimal }
windows:
  morning: { start: "05:30", end: "06:30" }
programmes: []
)yaml";

TEST(StationDefaults, MinimalStation) {
    const auto station = parse_station(minimal_station, "stations/minimal.yaml");
    EXPECT_EQ(station.name, "Minimal");
    EXPECT_EQ(station.timezone, "Asia/Ho_Chi_Minh");
    EXPECT_EQ(station.media_root, std::filesystem::path{"stations"});
    EXPECT_EQ(station.log.database, std::filesystem::path{"stations/onair.db"});
    EXPECT_FALSE(station.filler);
    EXPECT_TRUE(station.outputs.empty());
    EXPECT_TRUE(station.programmes.empty());
    ASSERT_EQ(station.windows.size(), 1u);
    EXPECT_EQ(station.windows[0].days, every_day);
}

TEST(StationDefaults, StationFileInTheCurrentFolder) {
    const auto station = parse_station(minimal_station, "minimal.yaml");
    EXPECT_EQ(station.media_root, std::filesystem::path{"."});
    EXPECT_EQ(station.log.database, std::filesystem::path{"onair.db"});
}

TEST(StationDefaults, OutputDefaults) {
    const auto station = parse_station(std::string{minimal_station} + R"yaml(
outputs:
  - { type: alsa }
  - { type: icecast, url: "icecast://source:x@radio.example.vn/live" }
  - { type: file, path: "rec/%Y-%m-%d_%H%M.mp3" }
  - { type: file, path: "rec/%F", format: ogg, bitrate: 128, channels: 2 }
  - { type: icecast, url: "http://h:8000/a.ogg", format: mp3, channels: mono }
  - type: null
  - { type: file, path: "rec/%F.ogg", channels: stereo }
  - { type: icecast, url: "http://h:8000/b.mp3", channels: 1 }
)yaml",
                                       "s.yaml");
    ASSERT_EQ(station.outputs.size(), 8u);
    EXPECT_EQ(station.outputs[0].device, "default");
    EXPECT_EQ(station.outputs[1].format, "mp3");
    EXPECT_EQ(station.outputs[1].bitrate_kbps, 64);
    EXPECT_EQ(station.outputs[1].channels, 2);  // a stream is stereo unless written
    EXPECT_EQ(station.outputs[2].format, "mp3");
    EXPECT_EQ(station.outputs[2].retain_days, 0);
    EXPECT_EQ(station.outputs[2].bitrate_kbps, 64);
    EXPECT_EQ(station.outputs[2].channels, 1);  // the air-check is mono unless written
    EXPECT_EQ(station.outputs[3].format, "ogg");
    EXPECT_EQ(station.outputs[3].bitrate_kbps, 128);
    EXPECT_EQ(station.outputs[3].channels, 2);
    EXPECT_EQ(station.outputs[4].format, "mp3");
    EXPECT_EQ(station.outputs[4].channels, 1);
    EXPECT_EQ(station.outputs[5].kind, OutputKind::null);
    EXPECT_EQ(station.outputs[6].channels, 2);
    EXPECT_EQ(station.outputs[7].channels, 1);
}

struct PathCase {
    const char* file;
    const char* media_root;
    const char* database;
    const char* expected_media;
    const char* expected_database;
};

TEST(StationPaths, ResolveAgainstTheStationFilesFolder) {
    const PathCase cases[] = {
        {"/srv/radio/station.yaml", "media", "onair.db", "/srv/radio/media", "/srv/radio/onair.db"},
        {"/srv/radio/station.yaml", "../shared/media/", "/var/lib/onair/log.db",
         "/srv/shared/media", "/var/lib/onair/log.db"},
        {"/srv/radio/station.yaml", "/mnt/audio", "./db/x.db", "/mnt/audio", "/srv/radio/db/x.db"},
        {"examples/duc-pho/station.yaml", "media", "onair.db", "examples/duc-pho/media",
         "examples/duc-pho/onair.db"},
        {"station.yaml", "media", "data/onair.db", "media", "data/onair.db"},
        {"station.yaml", ".", "onair.db", ".", "onair.db"},
        {"./station.yaml", "a/../b", "x.db", "b", "x.db"},
    };
    for (const auto& c : cases) {
        const auto station =
            parse_station(std::string{minimal_station} + "media_root: \"" + c.media_root +
                              "\"\nlog: { database: \"" + c.database + "\" }\n",
                          c.file);
        EXPECT_EQ(station.media_root, std::filesystem::path{c.expected_media}) << c.file;
        EXPECT_EQ(station.log.database, std::filesystem::path{c.expected_database}) << c.file;
    }
}

TEST(StationWarnings, SameSoundCardTwice) {
    const auto station = parse_station(std::string{minimal_station} + R"yaml(
outputs:
  - { type: alsa, device: "hw:0" }
  - { type: alsa, device: "hw:1" }
  - { type: alsa, device: "hw:0" }
)yaml",
                                       "s.yaml");
    ASSERT_EQ(station.warnings.size(), 1u);
    EXPECT_EQ(station.warnings[0].severity, Severity::warning);
    EXPECT_EQ(station.warnings[0].location, (Location{10, 5}));
    EXPECT_EQ(station.warnings[0].to_string(),
              "s.yaml:10:5: warning: output type alsa with device \"hw:0\" is given twice (first "
              "at line 8)");
}

TEST(StationText, ByteOrderMarkAndWindowsLineEndings) {
    std::string text = "\xEF\xBB\xBF";
    for (char c : minimal_station) {
        if (c == '\n') {
            text += '\r';
        }
        text += c;
    }
    const auto station = parse_station(text, "s.yaml");
    EXPECT_EQ(station.name, "Minimal");
    ASSERT_EQ(station.windows.size(), 1u);
    EXPECT_EQ(station.windows[0].location, (Location{4, 3}));
}

TEST(LoadStation, ReadsAFileAndResolvesAgainstItsFolder) {
    const auto folder = std::filesystem::temp_directory_path() / "onair-config-test";
    std::filesystem::create_directories(folder);
    const auto path = folder / "station.yaml";
    {
        std::ofstream out{path};
        out << onair::test::example_station();
    }
    const auto station = load_station(path.string());
    EXPECT_EQ(station.file, path.string());
    EXPECT_EQ(station.media_root, folder / "media");
    EXPECT_EQ(station.programmes.size(), 8u);
    std::filesystem::remove_all(folder);
}

TEST(LoadStation, UnreadableFileIsOneErrorWithoutLocation) {
    for (const std::string path : {"/nonexistent/station.yaml", "/tmp"}) {
        try {
            load_station(path);
            FAIL() << "no error for " << path;
        } catch (const StationFileError& error) {
            ASSERT_EQ(error.diagnostics().size(), 1u);
            const auto& d = error.diagnostics()[0];
            EXPECT_EQ(d.location, (Location{0, 0}));
            EXPECT_EQ(d.file, path);
            EXPECT_EQ(d.to_string().rfind(path + ": error: cannot read station file: ", 0), 0u)
                << d.to_string();
        }
    }
    try {
        load_station("/nonexistent/station.yaml");
    } catch (const StationFileError& error) {
        EXPECT_STREQ(error.what(),
                     "/nonexistent/station.yaml: error: cannot read station file: No such file "
                     "or directory");
    }
}

}  // namespace
}  // namespace onair::config
