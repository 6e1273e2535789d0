// Table tests for the value syntaxes of Values.hpp.

#include <gtest/gtest.h>

#include "onair/config/Values.hpp"

namespace onair::config {
namespace {

using namespace std::chrono_literals;
using date::days;
using date::local_days;

struct DurationCase {
    const char* text;
    std::optional<Milliseconds> expected;
};

TEST(ParseDuration, AcceptsUnitsAndClockForms) {
    const DurationCase cases[] = {
        {"90s", 90s},
        {"15m", 15min},
        {"1h", 1h},
        {"1h30m", 90min},
        {"2h15m30s", 2h + 15min + 30s},
        {"1h30s", 1h + 30s},
        {"90m", 90min},
        {"3600s", 1h},
        {"12.5s", 12500ms},
        {"1m0.25s", 60250ms},
        {"0.001s", 1ms},
        {"01:30:00", 90min},
        {"1:30:00", 90min},
        {"00:15:00", 15min},
        {"00:00:01", 1s},
        {"10:00:00", 10h},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(parse_duration(c.text), c.expected) << c.text;
    }
}

TEST(ParseDuration, RejectsAmbiguousAndMalformed) {
    const char* cases[] = {
        "",         "900",      "0",      "15:00",  "1:30",     "0s",       "00:00:00",
        "0m0s",     "m",        "15",     "15 m",   " 15m",     "15m ",     "15M",
        "1h90m",    "1m60s",    "30m1h",  "1h1h",   "1s30m",    "1.5h",     "1.5m",
        "12.5555s", "1.s",      ".5s",    "1:3:00", "01:60:00", "01:00:60", "100:00:00",
        "-15m",     "+15m",     "1h 30m", "15min",  "1d",       "abc",      "1:00:00:00",
        "15m30",    "1234567s",
    };
    for (const char* text : cases) {
        EXPECT_EQ(parse_duration(text), std::nullopt) << text;
    }
}

TEST(FormatDuration, PrintsTheCanonicalShortForm) {
    const std::pair<Milliseconds, const char*> cases[] = {
        {7min + 30s, "7m30s"}, {1h + 5min, "1h5m"}, {45s, "45s"},       {1h, "1h"},
        {1h + 30s, "1h30s"},   {12500ms, "12.5s"},  {250ms, "0.25s"},   {0ms, "0s"},
        {-90s, "-1m30s"},      {26h, "26h"},        {1001ms, "1.001s"},
    };
    for (const auto& [length, text] : cases) {
        EXPECT_EQ(format_duration(length), text);
    }
}

TEST(FormatDuration, ParsesBackToTheSameLength) {
    for (long seconds = 1; seconds < 3 * 3600 + 10; seconds += 7) {
        const Milliseconds length = std::chrono::seconds{seconds};
        EXPECT_EQ(parse_duration(format_duration(length)), length) << seconds;
    }
    for (long ms : {1L, 10L, 999L, 12500L, 61001L, 3600001L}) {
        EXPECT_EQ(parse_duration(format_duration(Milliseconds{ms})), Milliseconds{ms}) << ms;
    }
}

TEST(ParseTimeOfDay, AcceptsTimesOfTheDay) {
    const std::pair<const char*, long> cases[] = {
        {"00:00", 0},        {"05:30", 5 * 3600 + 30 * 60}, {"5:30", 5 * 3600 + 30 * 60},
        {"23:59", 86340},    {"23:59:59", 86399},           {"17:15:30", 62130},
        {"12:00:00", 43200},
    };
    for (const auto& [text, seconds] : cases) {
        EXPECT_EQ(parse_time_of_day(text), TimeOfDay{seconds}) << text;
    }
}

TEST(ParseTimeOfDay, TwentyFourOnlyAsAnEnd) {
    EXPECT_EQ(parse_time_of_day("24:00"), std::nullopt);
    EXPECT_EQ(parse_time_of_day("24:00", true), TimeOfDay{86400});
    EXPECT_EQ(parse_time_of_day("24:00:00", true), TimeOfDay{86400});
    EXPECT_EQ(parse_time_of_day("24:00:01", true), std::nullopt);
    EXPECT_EQ(parse_time_of_day("24:30", true), std::nullopt);
}

TEST(ParseTimeOfDay, RejectsMalformed) {
    const char* cases[] = {"",         "5",      "530",   "05:3",        "05:60",   "25:00",
                           "05:30:60", "105:30", "05-30", "05:30:5",     "05:30pm", " 05:30",
                           "05:30 ",   "5h30",   "-1:00", "05:30:00:00", "0530",    "ab:cd"};
    for (const char* text : cases) {
        EXPECT_EQ(parse_time_of_day(text, true), std::nullopt) << text;
    }
}

TEST(FormatTimeOfDay, ShowsSecondsOnlyWhenSet) {
    EXPECT_EQ(format_time_of_day(TimeOfDay{0}), "00:00");
    EXPECT_EQ(format_time_of_day(TimeOfDay{5 * 3600 + 30 * 60}), "05:30");
    EXPECT_EQ(format_time_of_day(TimeOfDay{62130}), "17:15:30");
    EXPECT_EQ(format_time_of_day(TimeOfDay{86400}), "24:00");
    for (long seconds = 0; seconds <= 86400; seconds += 37) {
        EXPECT_EQ(parse_time_of_day(format_time_of_day(TimeOfDay{seconds}), true),
                  TimeOfDay{seconds});
    }
}

TEST(ParseWeekday, ShortAndFullNamesInAnyCase) {
    const std::pair<const char*, date::weekday> cases[] = {
        {"mon", date::Monday},    {"tue", date::Tuesday},     {"wed", date::Wednesday},
        {"thu", date::Thursday},  {"fri", date::Friday},      {"sat", date::Saturday},
        {"sun", date::Sunday},    {"Mon", date::Monday},      {"SUN", date::Sunday},
        {"monday", date::Monday}, {"Tuesday", date::Tuesday}, {"SATURDAY", date::Saturday},
    };
    for (const auto& [text, day] : cases) {
        EXPECT_EQ(parse_weekday(text), day) << text;
    }
    for (const char* text : {"", "mo", "tues", "thur", "sunday ", "t2", "thứ hai", "1", "mond"}) {
        EXPECT_EQ(parse_weekday(text), std::nullopt) << text;
    }
    for (unsigned i = 0; i < 7; ++i) {
        EXPECT_EQ(parse_weekday(format_weekday(date::weekday{i})), date::weekday{i});
    }
}

TEST(ParseDate, StrictAndReal) {
    using namespace date;
    EXPECT_EQ(parse_date("2026-12-01"), 2026_y / December / 1);
    EXPECT_EQ(parse_date("2028-02-29"), 2028_y / February / 29);
    EXPECT_EQ(parse_date("2000-02-29"), 2000_y / February / 29);
    const char* bad[] = {"2027-02-29", "1900-02-29", "2026-13-01", "2026-00-10",      "2026-04-31",
                         "2026-12-1",  "26-12-01",   "2026/12/01", "01-12-2026",      "2026-12-01 ",
                         "",           "2026-12-00", "202a-12-01", "2026-12-01T00:00"};
    for (const char* text : bad) {
        EXPECT_EQ(parse_date(text), std::nullopt) << text;
    }
    EXPECT_EQ(format_date(2026_y / September / 2), "2026-09-02");
}

TEST(ParseLocalDatetime, DateTAndTime) {
    using namespace date;
    EXPECT_EQ(parse_local_datetime("2026-12-01T17:15"),
              local_days{2026_y / December / 1} + 17h + 15min);
    EXPECT_EQ(parse_local_datetime("2026-09-02T05:35:30"),
              local_days{2026_y / September / 2} + 5h + 35min + 30s);
    const char* bad[] = {"2026-12-01 17:15",
                         "2026-12-01T5:15",
                         "2026-12-01T24:00",
                         "2026-02-30T10:00",
                         "2026-12-01",
                         "2026-12-01T",
                         "2026-12-01T17:15Z",
                         "2026-12-01T17:15:00+07:00",
                         "17:15"};
    for (const char* text : bad) {
        EXPECT_EQ(parse_local_datetime(text), std::nullopt) << text;
    }
}

TEST(ClosestMatch, SuggestsOnlyWhatIsClose) {
    const std::vector<std::string> keys{"id",     "title",    "category",     "priority",
                                        "source", "duration", "max_duration", "monthly",
                                        "weekly", "premiere", "reruns"};
    const std::pair<const char*, const char*> cases[] = {
        {"tittle", "title"},
        {"tilte", "title"},
        {"Title", "title"},
        {"catgory", "category"},
        {"sorce", "source"},
        {"maxduration", "max_duration"},
        {"max-duration", "max_duration"},
        {"montly", "monthly"},
        {"premier", "premiere"},
        {"rerun", "reruns"},
        {"weekley", "weekly"},
        {"banana", ""},
        {"x", ""},
        {"zz", ""},
        {"schedule", ""},
        {"", ""},
    };
    for (const auto& [word, expected] : cases) {
        EXPECT_EQ(closest_match(word, keys), expected) << word;
    }
    EXPECT_EQ(closest_match("anything", {}), "");
    EXPECT_EQ(closest_match("Asia/Ho_Chi_Mihn", {"Asia/Hovd", "Asia/Ho_Chi_Minh"}),
              "Asia/Ho_Chi_Minh");
    EXPECT_EQ(closest_match("buổi sáng", {"buổi tối", "buổi sáng"}), "buổi sáng");
    EXPECT_EQ(closest_match("buoi sang", {"buổi tối", "buổi sáng"}), "buổi sáng");
}

}  // namespace
}  // namespace onair::config
