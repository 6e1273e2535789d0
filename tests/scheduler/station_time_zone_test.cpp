#include "onair/scheduler/StationTimeZone.hpp"

#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

namespace onair::scheduler {
namespace {

using namespace std::chrono;
using namespace std::chrono_literals;
using Adjustment = StationTimeZone::Adjustment;

date::local_seconds local(int y, unsigned m, unsigned d, int hh, int mm) {
    return date::local_days{date::year{y} / m / d} + hours{hh} + minutes{mm};
}

TimePoint utc(int y, unsigned m, unsigned d, int hh, int mm, int ms = 0) {
    return TimePoint{date::sys_days{date::year{y} / m / d} + hours{hh} + minutes{mm} +
                     milliseconds{ms}};
}

struct ResolveCase {
    const char* zone;
    date::local_seconds local;
    TimePoint expected;
    Adjustment adjustment;
    const char* formatted;  // the resolved instant as format_iso prints it
};

class ResolveTest : public testing::TestWithParam<ResolveCase> {};

TEST_P(ResolveTest, ResolvesAndFormats) {
    const ResolveCase& c = GetParam();
    const StationTimeZone zone(c.zone);
    const auto resolved = zone.resolve(c.local);
    EXPECT_EQ(resolved.instant, c.expected);
    EXPECT_EQ(resolved.adjustment, c.adjustment);
    EXPECT_EQ(zone.format_iso(resolved.instant), c.formatted);
    EXPECT_EQ(parse_iso(c.formatted), c.expected);
}

INSTANTIATE_TEST_SUITE_P(
    Zones, ResolveTest,
    testing::Values(
        // Vietnam: +07:00 all year, no DST.
        ResolveCase{"Asia/Ho_Chi_Minh", local(2026, 12, 1, 17, 15), utc(2026, 12, 1, 10, 15),
                    Adjustment::none, "2026-12-01T17:15:00+07:00"},
        ResolveCase{"Asia/Ho_Chi_Minh", local(2026, 7, 1, 5, 30), utc(2026, 6, 30, 22, 30),
                    Adjustment::none, "2026-07-01T05:30:00+07:00"},
        ResolveCase{"Asia/Ho_Chi_Minh", local(2027, 1, 1, 0, 0), utc(2026, 12, 31, 17, 0),
                    Adjustment::none, "2027-01-01T00:00:00+07:00"},
        // New York: 02:30 does not exist on 2027-03-14; it becomes 03:30 EDT.
        ResolveCase{"America/New_York", local(2027, 3, 14, 2, 30), utc(2027, 3, 14, 7, 30),
                    Adjustment::skipped_forward, "2027-03-14T03:30:00-04:00"},
        ResolveCase{"America/New_York", local(2027, 3, 14, 1, 59), utc(2027, 3, 14, 6, 59),
                    Adjustment::none, "2027-03-14T01:59:00-05:00"},
        ResolveCase{"America/New_York", local(2027, 3, 14, 3, 0), utc(2027, 3, 14, 7, 0),
                    Adjustment::none, "2027-03-14T03:00:00-04:00"},
        // 01:30 happens twice on 2027-11-07; the first (EDT) is taken.
        ResolveCase{"America/New_York", local(2027, 11, 7, 1, 30), utc(2027, 11, 7, 5, 30),
                    Adjustment::first_of_two, "2027-11-07T01:30:00-04:00"},
        ResolveCase{"America/New_York", local(2027, 11, 7, 2, 0), utc(2027, 11, 7, 7, 0),
                    Adjustment::none, "2027-11-07T02:00:00-05:00"},
        ResolveCase{"America/New_York", local(2027, 7, 4, 12, 0), utc(2027, 7, 4, 16, 0),
                    Adjustment::none, "2027-07-04T12:00:00-04:00"},
        // Berlin: gap 02:00-03:00 on 2027-03-28, overlap 02:00-03:00 on 2027-10-31.
        ResolveCase{"Europe/Berlin", local(2027, 3, 28, 2, 30), utc(2027, 3, 28, 1, 30),
                    Adjustment::skipped_forward, "2027-03-28T03:30:00+02:00"},
        ResolveCase{"Europe/Berlin", local(2027, 10, 31, 2, 30), utc(2027, 10, 31, 0, 30),
                    Adjustment::first_of_two, "2027-10-31T02:30:00+02:00"},
        ResolveCase{"Europe/Berlin", local(2027, 12, 24, 18, 0), utc(2027, 12, 24, 17, 0),
                    Adjustment::none, "2027-12-24T18:00:00+01:00"},
        // Negative offset with minutes, and one east of Greenwich with minutes.
        ResolveCase{"America/St_Johns", local(2027, 1, 15, 8, 0), utc(2027, 1, 15, 11, 30),
                    Adjustment::none, "2027-01-15T08:00:00-03:30"},
        ResolveCase{"Asia/Kathmandu", local(2027, 1, 15, 8, 0), utc(2027, 1, 15, 2, 15),
                    Adjustment::none, "2027-01-15T08:00:00+05:45"}));

TEST(StationTimeZoneTest, UnknownZoneThrowsNamingIt) {
    try {
        StationTimeZone zone("Asia/Hanoi_City");
        FAIL() << "expected an exception";
    } catch (const std::runtime_error& error) {
        EXPECT_NE(std::string(error.what()).find("Asia/Hanoi_City"), std::string::npos)
            << error.what();
    }
    EXPECT_THROW(StationTimeZone(""), std::runtime_error);
}

TEST(StationTimeZoneTest, KeepsItsName) {
    EXPECT_EQ(StationTimeZone("Asia/Ho_Chi_Minh").name(), "Asia/Ho_Chi_Minh");
}

struct FormatCase {
    TimePoint instant;
    const char* formatted;
};

class FormatTest : public testing::TestWithParam<FormatCase> {};

TEST_P(FormatTest, FormatsInVietnamAndReadsBack) {
    const StationTimeZone zone("Asia/Ho_Chi_Minh");
    EXPECT_EQ(zone.format_iso(GetParam().instant), GetParam().formatted);
    EXPECT_EQ(parse_iso(GetParam().formatted), GetParam().instant);
}

INSTANTIATE_TEST_SUITE_P(
    Milliseconds, FormatTest,
    testing::Values(FormatCase{utc(2026, 12, 1, 10, 15), "2026-12-01T17:15:00+07:00"},
                    FormatCase{utc(2026, 12, 1, 10, 25, 12'345), "2026-12-01T17:25:12.345+07:00"},
                    FormatCase{utc(2026, 12, 1, 10, 25, 1), "2026-12-01T17:25:00.001+07:00"},
                    FormatCase{utc(2026, 12, 1, 10, 25, 500), "2026-12-01T17:25:00.500+07:00"},
                    FormatCase{utc(2026, 12, 31, 16, 59, 59'999), "2026-12-31T23:59:59.999+07:00"},
                    // Before 1970, where flooring must not go the wrong way; Saigon
                    // kept +08:00 from 1959 to 1975.
                    FormatCase{utc(1969, 12, 31, 15, 59, 59'250), "1969-12-31T23:59:59.250+08:00"},
                    FormatCase{utc(2028, 2, 29, 0, 0), "2028-02-29T07:00:00+07:00"}));

struct ParseCase {
    const char* text;
    TimePoint expected;
};

class ParseTest : public testing::TestWithParam<ParseCase> {};

TEST_P(ParseTest, Parses) {
    EXPECT_EQ(parse_iso(GetParam().text), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Forms, ParseTest,
    testing::Values(ParseCase{"2026-12-01T10:15:00Z", utc(2026, 12, 1, 10, 15)},
                    ParseCase{"2026-12-01T10:15:00+00:00", utc(2026, 12, 1, 10, 15)},
                    ParseCase{"2026-12-01T10:15:00-00:00", utc(2026, 12, 1, 10, 15)},
                    ParseCase{"2026-12-01T17:15:00+07:00", utc(2026, 12, 1, 10, 15)},
                    ParseCase{"2026-12-01T05:15:00-05:00", utc(2026, 12, 1, 10, 15)},
                    ParseCase{"2026-12-01T17:15:00.5+07:00", utc(2026, 12, 1, 10, 15, 500)},
                    ParseCase{"2026-12-01T17:15:00.12+07:00", utc(2026, 12, 1, 10, 15, 120)},
                    ParseCase{"2026-12-01T17:15:00.123+07:00", utc(2026, 12, 1, 10, 15, 123)},
                    ParseCase{"2026-12-01T17:15:00.123999+07:00", utc(2026, 12, 1, 10, 15, 123)},
                    ParseCase{"2026-12-01T10:15:00.007Z", utc(2026, 12, 1, 10, 15, 7)},
                    ParseCase{"2027-01-01T00:30:00+07:00", utc(2026, 12, 31, 17, 30)},
                    ParseCase{"2028-02-29T12:00:00Z", utc(2028, 2, 29, 12, 0)}));

class ParseRejectTest : public testing::TestWithParam<const char*> {};

TEST_P(ParseRejectTest, ThrowsWithTheText) {
    const std::string text = GetParam();
    try {
        parse_iso(text);
        FAIL() << "accepted \"" << text << "\"";
    } catch (const std::runtime_error& error) {
        EXPECT_NE(std::string(error.what()).find("\"" + text + "\""), std::string::npos)
            << error.what();
    }
}

INSTANTIATE_TEST_SUITE_P(Malformed, ParseRejectTest,
                         testing::Values("", "garbage", "2026-12-01", "2026-12-01T17:15:00",
                                         "2026-12-01T17:15+07:00", "2026-12-01 17:15:00+07:00",
                                         "2026-12-01t17:15:00+07:00", "26-12-01T17:15:00+07:00",
                                         "2026-1-01T17:15:00+07:00", "2026-12-1T17:15:00+07:00",
                                         "2026-13-01T17:15:00+07:00", "2026-00-01T17:15:00+07:00",
                                         "2026-02-30T17:15:00+07:00", "2027-02-29T12:00:00Z",
                                         "2026-12-00T17:15:00+07:00", "2026-12-01T24:00:00+07:00",
                                         "2026-12-01T17:60:00+07:00", "2026-12-01T17:15:60+07:00",
                                         "2026-12-01T17:15:0a+07:00", "2026-12-01T17:15:00.+07:00",
                                         "2026-12-01T17:15:00,5+07:00", "2026-12-01T17:15:00+0700",
                                         "2026-12-01T17:15:00+07", "2026-12-01T17:15:00+7:00",
                                         "2026-12-01T17:15:00+24:00", "2026-12-01T17:15:00+07:60",
                                         "2026-12-01T17:15:00ZZ", "2026-12-01T17:15:00z",
                                         "2026-12-01T17:15:00+07:00 ", " 2026-12-01T17:15:00Z",
                                         "+2026-12-01T17:15:00Z", "2026/12/01T17:15:00+07:00"));

struct LocalDateCase {
    const char* zone;
    TimePoint instant;
    date::year_month_day expected;
};

class LocalDateTest : public testing::TestWithParam<LocalDateCase> {};

TEST_P(LocalDateTest, IsTheStationsDate) {
    EXPECT_EQ(StationTimeZone(GetParam().zone).local_date(GetParam().instant), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Dates, LocalDateTest,
    testing::Values(
        LocalDateCase{"Asia/Ho_Chi_Minh", utc(2026, 12, 1, 16, 59, 59'999),
                      date::year{2026} / 12 / 1},
        LocalDateCase{"Asia/Ho_Chi_Minh", utc(2026, 12, 1, 17, 0), date::year{2026} / 12 / 2},
        LocalDateCase{"Asia/Ho_Chi_Minh", utc(2026, 12, 31, 17, 0), date::year{2027} / 1 / 1},
        LocalDateCase{"America/New_York", utc(2027, 3, 14, 4, 59), date::year{2027} / 3 / 13},
        LocalDateCase{"America/New_York", utc(2027, 3, 14, 5, 0), date::year{2027} / 3 / 14},
        LocalDateCase{"Europe/Berlin", utc(2027, 10, 30, 22, 30), date::year{2027} / 10 / 31}));

TEST(StationTimeZoneTest, ToLocalKeepsMilliseconds) {
    const StationTimeZone zone("Asia/Ho_Chi_Minh");
    EXPECT_EQ(zone.to_local(utc(2026, 12, 1, 10, 25, 12'345)),
              date::local_days{date::year{2026} / 12 / 1} + 17h + 25min + 12s + 345ms);
}

}  // namespace
}  // namespace onair::scheduler
