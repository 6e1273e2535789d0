#include "onair/scheduler/PlanFormat.hpp"

#include <string>
#include <string_view>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "PlanFormatTestSupport.hpp"

namespace onair::scheduler {
namespace {

using namespace plan_format_test;

// The plan as CSV for spreadsheets: BOM, CRLF and RFC 4180 quoting.

/// A strict RFC 4180 reader: records end with CRLF, quoted fields may hold
/// anything with quotes doubled. Reports any bare line feed or stray quote.
std::vector<std::vector<std::string>> read_csv(std::string_view text) {
    std::vector<std::vector<std::string>> records;
    std::vector<std::string> record;
    std::string field;
    std::size_t pos = 0;
    bool at_field_start = true;
    while (pos < text.size()) {
        const char c = text[pos];
        if (at_field_start && c == '"') {
            ++pos;
            while (true) {
                if (pos >= text.size()) {
                    ADD_FAILURE() << "unterminated quoted field";
                    return records;
                }
                if (text[pos] == '"') {
                    if (pos + 1 < text.size() && text[pos + 1] == '"') {
                        field += '"';
                        pos += 2;
                        continue;
                    }
                    ++pos;
                    break;
                }
                field += text[pos++];
            }
            at_field_start = false;
            continue;
        }
        at_field_start = false;
        if (c == ',') {
            record.push_back(std::move(field));
            field.clear();
            at_field_start = true;
            ++pos;
        } else if (c == '\r' && pos + 1 < text.size() && text[pos + 1] == '\n') {
            record.push_back(std::move(field));
            field.clear();
            records.push_back(std::move(record));
            record.clear();
            at_field_start = true;
            pos += 2;
        } else if (c == '\r' || c == '\n' || c == '"') {
            ADD_FAILURE() << "bare CR, LF or quote in an unquoted field at byte " << pos;
            ++pos;
        } else {
            field += c;
            ++pos;
        }
    }
    if (!record.empty() || !field.empty()) {
        ADD_FAILURE() << "last record does not end with CRLF";
    }
    return records;
}

const std::string bom = "\xEF\xBB\xBF";
const std::string csv_header =
    "start,end,window,programme,title,category,role,episode,source,fallback,media_ok,media_note";

TEST(PlanCsvTest, StartsWithBomAndHeaderAndEndsLinesWithCrLf) {
    const std::string csv = format_plan_csv(sample_plan(), vietnam());
    EXPECT_TRUE(csv.starts_with(bom + csv_header + "\r\n"));
    EXPECT_TRUE(csv.ends_with("\r\n"));
    EXPECT_EQ(format_plan_csv({}, vietnam()), bom + csv_header + "\r\n");
}

TEST(PlanCsvTest, ReadsBackFieldForField) {
    const auto plan = sample_plan();
    const std::string csv = format_plan_csv(plan, vietnam());
    ASSERT_TRUE(csv.starts_with(bom));
    const auto records = read_csv(std::string_view(csv).substr(bom.size()));
    ASSERT_EQ(records.size(), plan.size() + 1);
    EXPECT_EQ(records[0].size(), 12u);
    for (std::size_t i = 0; i < plan.size(); ++i) {
        const Airing& a = plan[i];
        const std::vector<std::string> expected{vietnam().format_iso(a.start),
                                                vietnam().format_iso(a.end),
                                                a.window,
                                                a.programme,
                                                a.title,
                                                a.category,
                                                std::string(to_string(a.role)),
                                                a.episode,
                                                a.source,
                                                a.fallback,
                                                a.media_ok ? "yes" : "no",
                                                a.media_note};
        EXPECT_EQ(records[i + 1], expected) << "airing " << i;
    }
}

struct CsvQuotingCase {
    std::string title;
    std::string written;  // how the title field must appear in the file
};

class PlanCsvQuotingTest : public testing::TestWithParam<CsvQuotingCase> {};

TEST_P(PlanCsvQuotingTest, QuotesOnlyWhenNeeded) {
    Airing a = airing(at(2026, 12, 1, 17, 15), at(2026, 12, 1, 17, 30), "cds-thixa", Role::premiere,
                      GetParam().title);
    const std::string csv = format_plan_csv({a}, vietnam());
    EXPECT_NE(csv.find(",cds-thixa," + GetParam().written + ",chuyen-doi-so,premiere,"),
              std::string::npos)
        << csv;
    const auto records = read_csv(std::string_view(csv).substr(bom.size()));
    ASSERT_EQ(records.size(), 2u);
    ASSERT_EQ(records[1].size(), 12u);
    EXPECT_EQ(records[1][4], GetParam().title);
}

INSTANTIATE_TEST_SUITE_P(
    Titles, PlanCsvQuotingTest,
    testing::Values(CsvQuotingCase{"Chuyên mục", "Chuyên mục"},
                    CsvQuotingCase{"Tin tức, thời sự", "\"Tin tức, thời sự\""},
                    CsvQuotingCase{"Phim \"Đất rừng\"", "\"Phim \"\"Đất rừng\"\"\""},
                    CsvQuotingCase{"\"", "\"\"\"\""}, CsvQuotingCase{"hai\ndòng", "\"hai\ndòng\""},
                    CsvQuotingCase{"hai\r\ndòng", "\"hai\r\ndòng\""},
                    CsvQuotingCase{"a\rb", "\"a\rb\""},
                    CsvQuotingCase{"semi;colon 'single'", "semi;colon 'single'"},
                    CsvQuotingCase{"", ""}));

}  // namespace
}  // namespace onair::scheduler
