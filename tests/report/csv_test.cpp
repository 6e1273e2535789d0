// The CSV export: what Excel and the yearly report's authors get. Checked by
// parsing it back, not by comparing strings.

#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "CsvParser.hpp"
#include "ReportFixture.hpp"
#include "onair/report/Report.hpp"

namespace onair::report::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::StartsWith;

const CsvRecord header{"planned_start", "planned_end", "actual_start", "actual_end", "duration_s",
                       "programme",     "title",       "category",     "role",       "episode",
                       "source",        "status",      "note"};

std::string export_csv(const std::vector<Row>& rows,
                       const scheduler::StationTimeZone& zone = testing::zone()) {
    std::ostringstream out;
    {
        CsvWriter writer(out, zone);
        for (const Row& row : rows) {
            writer.row(row);
        }
    }
    return out.str();
}

Row sample_row() {
    Row row;
    row.plan_key = "cds-thixa@1796120100000";
    row.planned_start = at(2026_y / date::December / 1, 17h + 15min);
    row.planned_end = at(2026_y / date::December / 1, 17h + 30min);
    row.actual_start = at(2026_y / date::December / 1, 17h + 15min + 250ms);
    row.actual_end = at(2026_y / date::December / 1, 17h + 27min + 12s + 345ms);
    row.programme = "cds-thixa";
    row.title = "Chuyên mục Chuyển đổi số thị xã Đức Phổ";
    row.category = "chuyen-doi-so";
    row.role = "premiere";
    row.episode = "2026-12";
    row.source = "cds/2026-12.mp3";
    row.status = Status::aired;
    return row;
}

TEST(Csv, StartsWithABomAndTheSpecsHeaderAndEndsEveryLineWithCrlf) {
    const std::string csv = export_csv({sample_row(), sample_row()});
    ASSERT_THAT(csv, StartsWith("\xEF\xBB\xBF"));
    const auto records = parse_csv(csv.substr(3));
    ASSERT_EQ(records.size(), 3u);
    EXPECT_EQ(records[0], header);
    // Every line break is CRLF: as many CR as LF, each LF preceded by CR.
    for (std::size_t at = csv.find('\n'); at != std::string::npos; at = csv.find('\n', at + 1)) {
        ASSERT_GT(at, 0u);
        EXPECT_EQ(csv[at - 1], '\r') << "bare LF at byte " << at;
    }
    EXPECT_EQ(csv.substr(csv.size() - 2), "\r\n");

    std::ostringstream just_header;
    write_csv_header(just_header);
    EXPECT_EQ(parse_csv(just_header.str()), std::vector<CsvRecord>{header});
}

TEST(Csv, TimesHaveTheOffsetAndAlwaysMilliseconds) {
    const auto records = parse_csv(export_csv({sample_row()}).substr(3));
    ASSERT_EQ(records.size(), 2u);
    EXPECT_THAT(
        records[1],
        ElementsAre("2026-12-01T17:15:00.000+07:00", "2026-12-01T17:30:00.000+07:00",
                    "2026-12-01T17:15:00.250+07:00", "2026-12-01T17:27:12.345+07:00", "732.095",
                    "cds-thixa", "Chuyên mục Chuyển đổi số thị xã Đức Phổ", "chuyen-doi-so",
                    "premiere", "2026-12", "cds/2026-12.mp3", "aired", ""));
    // Every time parses back to the instant it came from.
    const Row row = sample_row();
    EXPECT_EQ(scheduler::parse_iso(records[1][2]), *row.actual_start);
    EXPECT_EQ(scheduler::parse_iso(records[1][3]), *row.actual_end);
}

TEST(Csv, MissedRowsHaveEmptyActualTimesAndZeroDuration) {
    Row row = sample_row();
    row.actual_start.reset();
    row.actual_end.reset();
    row.status = Status::missed;
    row.note = "onair was not running";
    Row manual = sample_row();
    manual.planned_start.reset();
    manual.planned_end.reset();
    manual.role = "manual";
    const auto records = parse_csv(export_csv({row, manual}).substr(3));
    ASSERT_EQ(records.size(), 3u);
    EXPECT_EQ(records[1][2], "");
    EXPECT_EQ(records[1][3], "");
    EXPECT_EQ(records[1][4], "0.000");
    EXPECT_EQ(records[1][11], "missed");
    EXPECT_EQ(records[1][12], "onair was not running");
    EXPECT_EQ(records[2][0], "");
    EXPECT_EQ(records[2][1], "");
    EXPECT_EQ(records[2][8], "manual");
}

TEST(Csv, QuotesTitlesAndNotesWithCommasQuotesAndLineBreaksAndRoundTrips) {
    struct Case {
        std::string title;
        std::string note;
    };
    const std::vector<Case> cases{
        {"Chuyên mục \"Chuyển đổi số\", thị xã", "relay dropped after 12m03s; fallback played"},
        {"Bản tin, sáng", "two\r\nlines"},
        {"\"", ","},
        {"line\nfeed only", "carriage\rreturn only"},
        {"", "\"quoted\" at the start"},
        {"  spaces kept  ", "tab\there"},
        {"Tiếng Việt: Đắk Lắk, Huế, Quảng Ngãi — ổn định, ắ ặ ẫ ỹ", "ghi chú: phát lại ✓"},
    };
    std::vector<Row> rows;
    for (const Case& c : cases) {
        Row row = sample_row();
        row.title = c.title;
        row.note = c.note;
        row.source = "http://example.invalid/a,b.mp3?x=\"1\"";
        rows.push_back(row);
    }
    const std::string csv = export_csv(rows);
    EXPECT_NE(csv.find("\"Chuyên mục \"\"Chuyển đổi số\"\", thị xã\""), std::string::npos);
    const auto records = parse_csv(csv.substr(3));
    ASSERT_EQ(records.size(), cases.size() + 1);
    for (std::size_t i = 0; i < cases.size(); ++i) {
        ASSERT_EQ(records[i + 1].size(), header.size()) << i;
        EXPECT_EQ(records[i + 1][6], cases[i].title) << i;
        EXPECT_EQ(records[i + 1][12], cases[i].note) << i;
        EXPECT_EQ(records[i + 1][10], rows[i].source) << i;
    }
}

TEST(Csv, DurationHasThreeDecimalsFromWholeMilliseconds) {
    struct Case {
        std::chrono::milliseconds length;
        const char* text;
    };
    for (const Case& c : std::vector<Case>{{0ms, "0.000"},
                                           {1ms, "0.001"},
                                           {100ms, "0.100"},
                                           {999ms, "0.999"},
                                           {1000ms, "1.000"},
                                           {15min, "900.000"},
                                           {26h + 7ms, "93600.007"}}) {
        Row row = sample_row();
        row.actual_end = *row.actual_start + c.length;
        const auto records = parse_csv(export_csv({row}).substr(3));
        EXPECT_EQ(records[1][4], c.text) << c.length.count();
    }
}

TEST(Csv, OffsetsFollowDaylightSavingAcrossRows) {
    const scheduler::StationTimeZone berlin("Europe/Berlin");
    // 2026-03-29: clocks go from 02:00 CET to 03:00 CEST (01:00 UTC).
    Row before = sample_row(), after = sample_row(), back = sample_row();
    before.actual_start =
        TimePoint{date::sys_days{2026_y / date::March / 29}} + 59min + 59s + 999ms;
    after.actual_start = TimePoint{date::sys_days{2026_y / date::March / 29}} + 1h;
    back.actual_start = *before.actual_start;
    for (Row* row : {&before, &after, &back}) {
        row->actual_end = *row->actual_start + 1s;
    }
    const auto records = parse_csv(export_csv({before, after, back}, berlin).substr(3));
    EXPECT_EQ(records[1][2], "2026-03-29T01:59:59.999+01:00");
    EXPECT_EQ(records[2][2], "2026-03-29T03:00:00.000+02:00");
    EXPECT_EQ(records[3][2], "2026-03-29T01:59:59.999+01:00");
    EXPECT_EQ(records[2][3], "2026-03-29T03:00:01.000+02:00");

    const scheduler::StationTimeZone new_york("America/New_York");
    const auto west = parse_csv(export_csv({sample_row()}, new_york).substr(3));
    EXPECT_EQ(west[1][0], "2026-12-01T05:15:00.000-05:00");
}

TEST(Csv, WriteCsvRowMatchesTheWriter) {
    const Row row = sample_row();
    std::ostringstream one;
    write_csv_row(one, row, zone());
    const std::string all = export_csv({row});
    EXPECT_EQ(all.substr(all.size() - one.str().size()), one.str());
}

TEST(Csv, EveryStatusIsWrittenByItsSpecName) {
    std::vector<Row> rows;
    for (const Status status :
         {Status::on_air, Status::aired, Status::partial, Status::joined, Status::failed,
          Status::missed, Status::skipped, Status::interrupted}) {
        Row row = sample_row();
        row.status = status;
        rows.push_back(row);
    }
    const auto records = parse_csv(export_csv(rows).substr(3));
    std::vector<std::string> statuses;
    for (std::size_t i = 1; i < records.size(); ++i) {
        statuses.push_back(records[i][11]);
    }
    EXPECT_THAT(statuses, ElementsAre("on-air", "aired", "partial", "joined", "failed", "missed",
                                      "skipped", "interrupted"));
}

}  // namespace
}  // namespace onair::report::testing
