// Station files with mistakes: every error is reported, located, and says what to fix.

#include <gtest/gtest.h>

#include "LocationPrinter.hpp"
#include "onair/config/StationLoader.hpp"

namespace onair::config {
namespace {

// Every diagnostic of a file that must not load, as `LINE:COLUMN: MESSAGE`.
std::vector<std::string> errors_of(std::string_view text) {
    try {
        parse_station(text, "station.yaml");
    } catch (const StationFileError& error) {
        std::vector<std::string> lines;
        for (const auto& d : error.diagnostics()) {
            EXPECT_EQ(d.severity, Severity::error) << d.to_string();
            lines.push_back(std::to_string(d.location.line) + ":" +
                            std::to_string(d.location.column) + ": " + d.message);
        }
        return lines;
    }
    ADD_FAILURE() << "loaded without errors:\n" << text;
    return {};
}

std::string joined(const std::vector<std::string>& lines) {
    std::string text;
    for (const auto& line : lines) {
        text += "  " + line + "\n";
    }
    return text;
}

// Lines 1-7; a programme's remaining keys start on line 8, indented by 4.
constexpr std::string_view header = R"yaml(station: { name: Test }
windows:
  morning: { start: "05:30", end: "06:30" }
  evening: { start: "17:00", end: "18:00", days: [mon, tue, wed, thu, fri, sat] }
programmes:
  - id: p
    title: P
)yaml";

TEST(StationErrors, AllErrorsOfAFileAreReportedInOrder) {
    const auto errors = errors_of(R"yaml(station:
  name: "Đài Test"
  timezone: Asia/Ho_Chi_Mihn
windows:
  morning: { start: "05:30", end: "6:30pm" }
programmes:
  - id: cds-thixa
    tittle: "Chuyển đổi số"
    source: { file: "cds/{yyyy}-{mm}.mp3" }
    max_duration: 900
    monthly:
      premiere: { week: 1, day: tues, at: "17:15" }
      reruns: 3
)yaml");
    const std::vector<std::string> expected{
        "3:13: station.timezone: unknown time zone \"Asia/Ho_Chi_Mihn\"; did you mean "
        "\"Asia/Ho_Chi_Minh\"?",
        "5:35: end of window \"morning\": \"6:30pm\" is not a time of day; write HH:MM or "
        "HH:MM:SS from 00:00 to 24:00, e.g. \"17:15\"",
        "7:5: missing required key \"title\" in programme \"cds-thixa\"; e.g. title: \"Chuyên "
        "mục Chuyển đổi số\"",
        "8:5: unknown key \"tittle\" in programme \"cds-thixa\"; did you mean \"title\"?",
        "10:19: max_duration of programme \"cds-thixa\": 900 has no unit; write 900s or 15m",
        "12:33: monthly.premiere.day of programme \"cds-thixa\": \"tues\" is not a weekday; "
        "write mon, tue, wed, thu, fri, sat or sun",
    };
    EXPECT_EQ(errors, expected) << joined(errors);
}

TEST(StationErrors, WhatHoldsEveryDiagnosticAsFileLineColumn) {
    try {
        parse_station("station: { name: x, nmae: y }\n", "/srv/radio/station.yaml");
        FAIL();
    } catch (const StationFileError& error) {
        EXPECT_STREQ(error.what(),
                     "/srv/radio/station.yaml:1:1: error: missing required key \"windows\" in the "
                     "station file; add e.g. windows: { morning: { start: \"05:30\", end: "
                     "\"06:30\" } }\n"
                     "/srv/radio/station.yaml:1:1: error: missing required key \"programmes\" in "
                     "the station file; add programmes: followed by a list of - id: … entries (or "
                     "programmes: [] for none yet)\n"
                     "/srv/radio/station.yaml:1:21: error: unknown key \"nmae\" in station; did "
                     "you mean \"name\"?");
    }
}

TEST(StationErrors, UnknownKeyWithoutACloseMatchListsTheAllowedKeys) {
    const auto errors = errors_of(std::string{header} + R"yaml(    source: { file: a.mp3 }
    lịch: hàng tuần
    once: ["2026-12-01T17:15"]
)yaml");
    ASSERT_EQ(errors.size(), 1u) << joined(errors);
    EXPECT_EQ(errors[0],
              "9:5: unknown key \"lịch\" in programme \"p\"; allowed keys: id, title, category, "
              "priority, from, until, except, source, duration, max_duration, monthly, "
              "quarterly, weekly, daily, once");
}

TEST(StationErrors, DuplicateIdNamesTheFirstLine) {
    const auto errors = errors_of(std::string{header} + R"yaml(    source: { file: a.mp3 }
    once: ["2026-12-01T17:15"]
  - id: q
    title: Q
    source: { file: b.mp3 }
    once: ["2026-12-01T17:30"]
  - id: p
    title: P again
    source: { file: c.mp3 }
    once: ["2026-12-02T17:30"]
)yaml");
    ASSERT_EQ(errors.size(), 1u) << joined(errors);
    EXPECT_EQ(errors[0], "14:9: duplicate programme id \"p\"; the first is at line 6");
}

TEST(StationErrors, DuplicateYamlKey) {
    const auto errors = errors_of(R"yaml(station: { name: Test }
windows:
  morning: { start: "05:30", end: "06:30" }
  morning: { start: "17:00", end: "18:00" }
programmes: []
)yaml");
    ASSERT_EQ(errors.size(), 1u) << joined(errors);
    EXPECT_EQ(errors[0],
              "4:3: duplicate key \"morning\" in windows; the first is at line 3 (remove one of "
              "them)");
}

TEST(StationErrors, OverlappingWindowsNameBothAndTheDays) {
    const auto errors = errors_of(R"yaml(station: { name: Test }
windows:
  sáng: { start: "05:30", end: "06:30" }
  chiều: { start: "17:00", end: "18:00", days: [mon, sat] }
  tối: { start: "17:45", end: "19:00", days: [sat, sun, mon] }
  sớm: { start: "06:30", end: "07:00" }
programmes: []
)yaml");
    ASSERT_EQ(errors.size(), 1u) << joined(errors);
    EXPECT_EQ(errors[0],
              "5:3: window \"tối\" (17:45–19:00) overlaps window \"chiều\" (17:00–18:00) on mon "
              "and sat; windows must not overlap");
}

TEST(StationErrors, AtOutsideEveryWindowListsTheWindows) {
    const auto errors = errors_of(std::string{header} + R"yaml(    source: { file: a.mp3 }
    daily: { at: "12:00" }
)yaml");
    ASSERT_EQ(errors.size(), 1u) << joined(errors);
    EXPECT_EQ(errors[0],
              "9:18: daily.at of programme \"p\": 12:00 is outside every window (morning "
              "05:30–06:30, evening 17:00–18:00); move it into one");
}

TEST(StationErrors, AtOutsideItsOwnWindowGivesTheWindowsHours) {
    const auto errors = errors_of(std::string{header} + R"yaml(    source: { file: a.mp3 }
    weekly: { day: mon, at: "18:00", window: evening }
)yaml");
    ASSERT_EQ(errors.size(), 1u) << joined(errors);
    EXPECT_EQ(errors[0],
              "9:29: weekly.at of programme \"p\": 18:00 is outside window \"evening\" "
              "(17:00–18:00)");
}

TEST(StationErrors, SyntaxErrorIsOneLocatedError) {
    const auto errors = errors_of("station: { name: Test\nwindows: {}\n");
    ASSERT_EQ(errors.size(), 1u) << joined(errors);
    EXPECT_EQ(errors[0], "2:8: invalid YAML: a { … } map is not closed; add the missing }");
}

TEST(StationErrors, SyntaxErrorPointsAtAnUnclosedQuoteBeforeIt) {
    const auto errors = errors_of(std::string{header} + R"yaml(    category: "thời sự
    source: { file: a.mp3 }
    daily: { at: "05:30" }
)yaml");
    ASSERT_EQ(errors.size(), 1u) << joined(errors);
    EXPECT_EQ(errors[0],
              "10:19: invalid YAML: the map ends unexpectedly (check the indentation and that "
              "nothing follows a quoted value); the quote at line 8, column 15 is not closed on "
              "its line");
}

TEST(StationErrors, TabIndentation) {
    const auto errors = errors_of(std::string{header} + "\tsource: { file: a.mp3 }\n");
    ASSERT_EQ(errors.size(), 1u) << joined(errors);
    EXPECT_EQ(errors[0], "8:1: tab in the indentation; YAML indents with spaces only");
}

TEST(StationErrors, ColumnsCountCharactersNotBytes) {
    // "Đài" is 3 characters but 5 bytes; an editor shows column 31 for "25:00".
    const auto errors = errors_of(R"yaml(station: { name: x }
windows:
  sáng: { start: "05:30", end: "06:30" }
  tối: { title: "Đài", start: "25:00", end: "23:00" }
programmes: []
)yaml");
    ASSERT_EQ(errors.size(), 2u) << joined(errors);
    EXPECT_EQ(errors[0].substr(0, 5), "4:10:");
    EXPECT_EQ(errors[1].substr(0, 5), "4:31:");
}

TEST(StationErrors, HostileYamlGivesLocatedErrors) {
    const auto deep =
        errors_of("station: " + std::string(5000, '[') + std::string(5000, ']') + "\n");
    ASSERT_EQ(deep.size(), 1u) << joined(deep);
    EXPECT_NE(deep[0].find("invalid YAML: lists or maps are nested too deeply"), std::string::npos)
        << deep[0];

    // Aliases inside their own anchors make cyclic trees; nothing may loop on them.
    const auto cyclic = errors_of(R"yaml(station: &s { name: x, timezone: *s }
windows: &w { m: *w }
programmes: &p [*p, { id: a, title: b, source: &q { file: *q }, once: &o [*o] }]
)yaml");
    EXPECT_EQ(cyclic.size(), 7u) << joined(cyclic);
    EXPECT_EQ(cyclic.front(), "1:10: expected a text value for station.timezone, found a map");
}

struct ProgrammeCase {
    const char* body;      // the programme's keys after id and title (line 8 on)
    const char* location;  // "LINE:COLUMN"
    const char* message;   // a part of the message
};

// One mistake each; the loader must report it at the right place.
const ProgrammeCase programme_cases[] = {
    {"    source: { relay: \"http://x/a.mp3\" }\n    duration: 900\n    weekly: { day: sat, at: "
     "\"06:00\" }\n",
     "9:15", "duration of programme \"p\": 900 has no unit; write 900s or 15m"},
    {"    source: { relay: \"http://x/a.mp3\" }\n    duration: \"15:00\"\n    weekly: { day: sat, "
     "at: \"06:00\" }\n",
     "9:15", "\"15:00\" is ambiguous; write 15m or 00:15:00"},
    {"    source: { relay: \"http://x/a.mp3\" }\n    duration: 95\n    weekly: { day: sat, at: "
     "\"06:00\" }\n",
     "9:15", "95 has no unit; write 95s or 1m35s"},
    {"    source: { file: a.mp3 }\n    duration: 15m\n    weekly: { day: sat, at: \"06:00\" }\n",
     "9:5", "a file's length comes from the file; use max_duration to cap it"},
    {"    source: { folder: tin }\n    weekly: { day: sat, at: \"06:00\" }\n", "6:5",
     "missing required key \"duration\" in programme \"p\"; a folder source needs it"},
    {"    source: { relay: \"http://x/a.mp3\" }\n    duration: 30m\n    max_duration: 30m\n    "
     "weekly: { day: sat, at: \"06:00\" }\n",
     "10:5",
     "max_duration of programme \"p\" is only for file sources; use duration (a relay source airs "
     "for exactly that long)"},
    {"    source: { file: a.mp3 }\n", "6:5",
     "programme \"p\" has no recurrence; add one of monthly, quarterly, weekly, daily or once"},
    {"    source: { file: a.mp3 }\n    daily: { at: \"05:30\" }\n    once: "
     "[\"2026-12-01T05:30\"]\n",
     "10:5", "programme \"p\" has both daily and once; a programme has one recurrence"},
    {"    source: { file: a.mp3 }\n    weekly: { day: sat, at: \"06:00\", reruns: 1 }\n", "9:46",
     "weekly.reruns of programme \"p\": a weekly episode lasts one week, so 1 rerun in the "
     "following weeks would leave it; list them, e.g. reruns: [{ day: sun, at: \"05:45\" }]"},
    {"    source: { file: a.mp3 }\n    monthly:\n      premiere: { week: last, day: fri, window: "
     "evening }\n      reruns: 2\n",
     "11:15", "the premiere is in the last week of the month, so no week follows it for 2 reruns"},
    {"    source: { file: a.mp3 }\n    quarterly:\n      premiere: { week: last, day: fri, window: "
     "evening }\n      reruns: 1\n",
     "11:15", "no week follows it for 1 rerun;"},
    {"    source: { file: a.mp3 }\n    monthly:\n      premiere: { week: 2, day: tue, at: "
     "\"17:15\" }\n      reruns: 4\n",
     "11:15",
     "monthly.reruns of programme \"p\": a premiere in week 2 with 4 reruns needs a week 6, which "
     "no month has; use at most 3 or list them"},
    {"    source: { file: a.mp3 }\n    weekly: { day: thu, window: morning, every: 2 }\n", "9:49",
     "every: 2 counts weeks from the programme's `from` date; add from: YYYY-MM-DD"},
    {"    source: { file: a.mp3 }\n    weekly: { day: thu, window: morning, week: 2 }\n", "9:42",
     "week in weekly of programme \"p\": a weekly programme airs every week"},
    {"    source: { file: a.mp3 }\n    monthly: { premiere: { month: 2, week: 1, day: mon, at: "
     "\"05:30\" } }\n",
     "9:28", "month in monthly.premiere of programme \"p\" is only for quarterly programmes"},
    {"    source: { file: a.mp3 }\n    monthly: { premiere: { week: 1, at: \"05:30\" } }\n", "9:26",
     "missing required key \"day\" in monthly.premiere of programme \"p\""},
    {"    source: { file: a.mp3 }\n    monthly: { premiere: { week: 1, day: mon } }\n", "9:26",
     "monthly.premiere of programme \"p\" needs at (a fixed start, e.g. at: \"17:15\") or window "
     "(packed into a window), or both"},
    {"    source: { file: a.mp3 }\n    monthly: { week: 1, day: mon, at: \"05:30\" }\n", "9:14",
     "missing required key \"premiere\" in monthly of programme \"p\"; put day, week and at "
     "inside it: premiere: { … }"},
    {"    source: { file: a.mp3 }\n    monthly: { premiere: { week: 6, day: mon, at: \"05:30\" } "
     "}\n",
     "9:34", "\"6\" is not a week of the month; write 1 to 5 (the n-th such weekday) or last"},
    {"    source: { file: a.mp3 }\n    quarterly: { premiere: { month: 4, week: 1, day: mon, at: "
     "\"05:30\" } }\n",
     "9:37",
     "quarterly.premiere.month of programme \"p\": 4 is out of range; write a whole "
     "number from 1 to 3"},
    {"    source: { file: a.mp3 }\n    monthly: { premiere: { week: 1, day: sun, window: evening "
     "} }\n",
     "9:42", "window \"evening\" is closed on sun (it is open on mon, tue, wed, thu, fri and sat)"},
    {"    source: { file: a.mp3 }\n    daily: { window: evning }\n", "9:22",
     "daily.window of programme \"p\": no window named \"evning\"; did you mean \"evening\"?"},
    {"    source: { file: a.mp3 }\n    daily: { window: night }\n", "9:22",
     "no window named \"night\"; the windows are morning and evening"},
    {"    source: { file: a.mp3 }\n    daily: { window: evening, days: [sat, sun] }\n", "9:37",
     "daily.days of programme \"p\": window \"evening\" is closed on sun"},
    {"    source: { file: a.mp3 }\n    daily: { at: \"05:30\", days: [mon, mon] }\n", "9:39",
     "daily.days of programme \"p\": mon is listed twice"},
    {"    source: { file: a.mp3 }\n    daily: { at: \"5.30\" }\n", "9:18",
     "daily.at of programme \"p\": \"5.30\" is not a time of day; write HH:MM or HH:MM:SS"},
    {"    source: { file: a.mp3 }\n    daily: { at: 1730 }\n", "9:18",
     "\"1730\" is not a time of day; write HH:MM, e.g. \"17:30\""},
    {"    source: { file: a.mp3 }\n    daily: { at: \"24:00\" }\n", "9:18",
     "\"24:00\" is the end of the day, allowed only as a window's end"},
    {"    source: { file: a.mp3 }\n    once: [\"2026-12-01 17:15\"]\n", "9:12",
     "once #1 of programme \"p\": \"2026-12-01 17:15\" is not a date and time; put a T between "
     "them, e.g. \"2026-12-01T17:15\""},
    {"    source: { file: a.mp3 }\n    once: [\"2027-02-29T17:15\"]\n", "9:12",
     "\"2027-02-29\" is not a date that exists"},
    {"    source: { file: a.mp3 }\n    once: []\n", "9:11",
     "once of programme \"p\" is an empty list"},
    {"    source: { file: a.mp3 }\n    once: \"2026-12-01T17:15\"\n", "9:11",
     "expected a list for once of programme \"p\", found the value \"2026-12-01T17:15\"; write "
     "e.g. once: [\"2026-12-01T17:15\"]"},
    {"    from: 2026-12-01\n    until: 2026-11-30\n    source: { file: a.mp3 }\n    daily: { at: "
     "\"05:30\" }\n",
     "9:12", "until of programme \"p\": 2026-11-30 is before from (2026-12-01)"},
    {"    from: 01/12/2026\n    source: { file: a.mp3 }\n    daily: { at: \"05:30\" }\n", "8:11",
     "from of programme \"p\": \"01/12/2026\" is not a date; write YYYY-MM-DD, e.g. 2026-12-01"},
    {"    except: [2026-09-02, 2026-02-30]\n    source: { file: a.mp3 }\n    daily: { at: "
     "\"05:30\" }\n",
     "8:26", "except #2 of programme \"p\": \"2026-02-30\" is not a date that exists"},
    {"    priority: high\n    source: { file: a.mp3 }\n    daily: { at: \"05:30\" }\n", "8:15",
     "priority of programme \"p\": \"high\" is not a whole number"},
    {"    source: \"a.mp3\"\n    daily: { at: \"05:30\" }\n", "8:13",
     "expected a map (key: value) for source of programme \"p\", found the value \"a.mp3\"; write "
     "source: { file: \"…\" }"},
    {"    source: { file: a.mp3, relay: \"http://x/y\" }\n    daily: { at: \"05:30\" }\n", "8:28",
     "source of programme \"p\" has both file and relay; keep one"},
    {"    source: { fallback: a.mp3 }\n    daily: { at: \"05:30\" }\n", "8:13",
     "source of programme \"p\" needs one of file: PATTERN, relay: URL or folder: DIR"},
    {"    source: { file: a.mp3, fallback: b.mp3 }\n    daily: { at: \"05:30\" }\n", "8:28",
     "fallback in source of programme \"p\" is only for relay sources"},
    {"    source: { file: \"cds/{yyyy}-{MM}.mp3\" }\n    daily: { at: \"05:30\" }\n", "8:21",
     "unknown placeholder {MM} in \"cds/{yyyy}-{MM}.mp3\"; did you mean {mm}?"},
    {"    source: { file: \"cds/{yyyy-{mm}.mp3\" }\n    daily: { at: \"05:30\" }\n", "8:21",
     "stray \"{\" in \"cds/{yyyy-{mm}.mp3\"; placeholders are {yyyy}, {mm}, {dd}, {q} and {ww}"},
    {"    source: { relay: \"rtmp://x/y\" }\n    duration: 1h\n    daily: { at: \"05:30\" }\n",
     "8:22", "\"rtmp://x/y\" is not an http:// or https:// URL"},
    {"    source: { file: a.mp3 }\n    monthly:\n      premiere: { week: 1, day: mon, at: "
     "\"05:30\" "
     "}\n      reruns: [{ days_after: 1, day: tue }]\n",
     "11:18",
     "days_after in monthly.reruns #1 of programme \"p\" counts from the premiere, so it "
     "cannot be combined with day"},
    {"    source: { file: a.mp3 }\n    monthly:\n      premiere: { week: 1, day: mon, at: "
     "\"05:30\" "
     "}\n      reruns: [{}]\n",
     "11:16", "monthly.reruns #1 of programme \"p\" is empty"},
    {"    source: { file: a.mp3 }\n    monthly:\n      premiere: { week: 1, day: mon, at: "
     "\"05:30\" "
     "}\n      reruns: three\n",
     "11:15", "monthly.reruns of programme \"p\": \"three\" is not a whole number"},
    {"    source: { file: a.mp3 }\n    monthly:\n      premiere: { week: 1, day: mon, at: "
     "\"05:30\" "
     "}\n      reruns: [{ days_after: 1, at: \"12:00\" }]\n",
     "11:37", "12:00 is outside every window"},
    {"    source: { file: a.mp3 }\n    monthly:\n      premiere: { week: 1, day: mon, at: "
     "\"05:30\", "
     "days_after: 1 }\n",
     "10:51", "days_after in monthly.premiere of programme \"p\" is only for reruns"},
    {"    source: { file: a.mp3 }\n    weekly: { day: mon, at: \"05:30\", reruns: [{ week: 2 }] "
     "}\n",
     "9:49", "week in weekly.reruns #1 of programme \"p\": a weekly programme airs every week"},
};

TEST(StationErrors, ProgrammeMistakes) {
    for (const auto& c : programme_cases) {
        const auto errors = errors_of(std::string{header} + c.body);
        const std::string wanted = std::string{c.location} + ": ";
        bool found = false;
        for (const auto& error : errors) {
            found = found ||
                    (error.rfind(wanted, 0) == 0 && error.find(c.message) != std::string::npos);
        }
        EXPECT_TRUE(found) << "wanted " << wanted << "…" << c.message << "\nfor:\n"
                           << c.body << "got:\n"
                           << joined(errors);
    }
}

TEST(StationErrors, IdRules) {
    const std::pair<const char*, const char*> cases[] = {
        {"CDS Thixa",
         "6:9: id of programme #1: \"CDS Thixa\" may only contain lower-case letters a-z, digits "
         "0-9, \"-\" and \"_\", e.g. \"cds-thixa\""},
        {"filler",
         "6:9: id of programme #1: \"filler\" is reserved for filler airings; choose another id"},
        {"\"\"", "6:9: id of programme #1 is empty"},
    };
    for (const auto& [id, expected] : cases) {
        std::string text{header};
        text.replace(text.find("id: p"), 5, std::string{"id: "} + id);
        text += "    source: { file: a.mp3 }\n    daily: { at: \"05:30\" }\n";
        const auto errors = errors_of(text);
        ASSERT_EQ(errors.size(), 1u) << joined(errors);
        EXPECT_EQ(errors[0], expected);
    }
}

}  // namespace
}  // namespace onair::config
