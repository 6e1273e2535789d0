#include "onair/scheduler/PlanFormat.hpp"

#include <sstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "PlanFormatTestSupport.hpp"

namespace onair::scheduler {
namespace {

using namespace plan_format_test;

// The plan as a table for the terminal: aligned columns, dates and the summary.

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        lines.push_back(line);
    }
    return lines;
}

/// The display column at which `needle` starts in `line`, searching from byte `from`;
/// `from` is moved past the match so the next column is searched after it.
std::size_t column_of(const std::string& line, const std::string& needle, std::size_t& from) {
    const std::size_t pos = line.find(needle, from);
    if (pos == std::string::npos) {
        ADD_FAILURE() << "\"" << needle << "\" not found in: " << line;
        return 0;
    }
    from = pos + needle.size();
    return display_width(std::string_view(line).substr(0, pos));
}

/// A plan whose titles mix precomposed, decomposed and wide text, so only display
/// width padding lines the columns up.
std::vector<Airing> table_plan() {
    auto plan = sample_plan();
    // Keep the table's rows on single lines.
    plan[6].title = "Bản tin thời tiết";
    return plan;
}

struct Cells {
    std::string start, end, window, programme, role, episode, media, title, source;
};

std::vector<Cells> expected_cells() {
    return {
        {"05:30:00", "05:44:59", "morning", "cds-thixa", "rerun", "2026-12", "ok",
         "Chuyên mục " + nfc + " thị xã", "cds/2026-12.mp3"},
        {"05:44:59", "06:30:00", "morning", "filler", "fill", "2026-12-01", "ok", "Nhạc nền",
         "filler"},
        {"17:15:00", "17:29:03", "evening", "cds-thixa", "premiere", "2026-12", "ok",
         "Chuyên mục " + nfd + " thị xã", "cds/2026-12.mp3"},
        {"17:29:03", "17:41:00", "evening", "phuong-pho-ninh", "premiere", "2026-Q4", "MISSING",
         "Chương trình phường Phổ Ninh", "xa/pho-ninh/2026-q4.mp3"},
        {"06:00:00", "06:30:00", "morning", "tinh-cds", "relay", "2026-W49", "ok",
         "Chuyển đổi số — tiếp sóng Đài PT-TH tỉnh",
         "http://127.0.0.1:8000/tinh.mp3 (fallback: tinh/2026-w49.mp3)"},
        {"17:00:00", "17:30:00", "evening", "vov1", "relay", "2026-W49", "live",
         "Thời sự VOV1 中文 テスト", "http://127.0.0.1:8000/tinh.mp3"},
        {"17:30:00", "17:35:12", "evening", "weather", "daily", "2026-12-05", "UNREADABLE",
         "Bản tin thời tiết", "weather/2026-12-05.mp3"},
        {"23:50:00", "00:10:00+1d", "night", "new-year", "once", "2026-12-31", "ok",
         "Chào năm mới, 2027", "special/new,year \"2027\".mp3"},
    };
}

TEST(PlanTableTest, EveryColumnStartsAtTheSameDisplayColumn) {
    const auto lines = lines_of(format_plan_table(table_plan(), vietnam()));
    const auto cells = expected_cells();
    ASSERT_EQ(lines.size(), cells.size() + 3);  // header, rule, rows, summary

    const std::vector<std::string> headers{"Date", "Start",   "End",   "Window", "Programme",
                                           "Role", "Episode", "Media", "Title",  "Source"};
    std::vector<std::size_t> header_columns;
    std::size_t from = 0;
    for (const auto& header : headers) {
        header_columns.push_back(column_of(lines[0], header, from));
    }
    EXPECT_EQ(header_columns[0], 0u);

    // The rule line: one run of dashes per column, starting where the header does.
    for (std::size_t i = 0; i < header_columns.size(); ++i) {
        EXPECT_EQ(lines[1][header_columns[i]], '-') << "column " << headers[i];
        if (header_columns[i] > 0) {
            EXPECT_EQ(lines[1][header_columns[i] - 1], ' ') << "column " << headers[i];
        }
    }
    EXPECT_EQ(lines[1].find_first_not_of("- "), std::string::npos) << lines[1];

    for (std::size_t row = 0; row < cells.size(); ++row) {
        const std::string& line = lines[row + 2];
        const Cells& c = cells[row];
        std::size_t pos = 0;
        const std::vector<std::string> values{c.start,   c.end,   c.window, c.programme, c.role,
                                              c.episode, c.media, c.title,  c.source};
        for (std::size_t i = 0; i < values.size(); ++i) {
            EXPECT_EQ(column_of(line, values[i], pos), header_columns[i + 1])
                << "row " << row << ", column " << headers[i + 1] << ":\n"
                << lines[0] << "\n"
                << line;
        }
        EXPECT_EQ(pos, line.size()) << "text after the source column: " << line;
    }
}

TEST(PlanTableTest, PrintsTheDateOnlyOnTheFirstRowOfADay) {
    const auto lines = lines_of(format_plan_table(table_plan(), vietnam()));
    const std::vector<std::string> date_cells{"2026-12-01 Tue", "", "", "",
                                              "2026-12-05 Sat", "", "", "2026-12-31 Thu"};
    ASSERT_EQ(lines.size(), date_cells.size() + 3);
    for (std::size_t row = 0; row < date_cells.size(); ++row) {
        const std::string& line = lines[row + 2];
        const std::string expected =
            date_cells[row].empty() ? std::string(14, ' ') : date_cells[row];
        EXPECT_EQ(line.substr(0, 14), expected) << line;
    }
}

TEST(PlanTableTest, HasHeaderAndSummaryWithoutTrailingBlanks) {
    const std::string table = format_plan_table(table_plan(), vietnam());
    const auto lines = lines_of(table);
    ASSERT_FALSE(lines.empty());
    EXPECT_TRUE(lines[0].starts_with("Date            Start     End          Window   Programme"))
        << lines[0];
    EXPECT_EQ(lines.back(), "8 airings, 2 with missing media");
    EXPECT_TRUE(table.ends_with("\n"));
    for (const auto& line : lines) {
        EXPECT_FALSE(line.ends_with(" ")) << "trailing blank: " << line;
    }
}

struct SummaryCase {
    std::size_t airings;
    std::size_t missing;
    const char* summary;
};

class PlanTableSummaryTest : public testing::TestWithParam<SummaryCase> {};

TEST_P(PlanTableSummaryTest, CountsAiringsAndMissingMedia) {
    std::vector<Airing> plan;
    for (std::size_t i = 0; i < GetParam().airings; ++i) {
        Airing a = airing(at(2026, 12, 1, 17, int(i)), at(2026, 12, 1, 17, int(i) + 1), "cds-thixa",
                          Role::rerun, "Chuyên mục");
        a.media_ok = i >= GetParam().missing;
        a.media_note = a.media_ok ? "" : "file not found";
        plan.push_back(a);
    }
    EXPECT_EQ(lines_of(format_plan_table(plan, vietnam())).back(), GetParam().summary);
}

INSTANTIATE_TEST_SUITE_P(Counts, PlanTableSummaryTest,
                         testing::Values(SummaryCase{1, 0, "1 airing, all media present"},
                                         SummaryCase{1, 1, "1 airing, 1 with missing media"},
                                         SummaryCase{42, 3, "42 airings, 3 with missing media"},
                                         SummaryCase{2, 0, "2 airings, all media present"}));

TEST(PlanTableTest, EmptyPlanSaysSo) {
    EXPECT_EQ(format_plan_table({}, vietnam()), "No airings in this period.\n");
}

TEST(PlanTableTest, EndOnALaterDayIsMarked) {
    const std::vector<Airing> plan{
        airing(at(2026, 12, 31, 23, 30), at(2027, 1, 2, 0, 5), "marathon", Role::once, "Hai ngày")};
    const auto lines = lines_of(format_plan_table(plan, vietnam()));
    ASSERT_EQ(lines.size(), 4u);
    EXPECT_THAT(lines[2], testing::HasSubstr("23:30:00  00:05:00+2d"));
}

}  // namespace
}  // namespace onair::scheduler
