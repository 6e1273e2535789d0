// The HTML report, read back: counts per programme and month, the problem list,
// headings in both languages, the month pictures, and a page that is
// self-contained and well-formed. Set ONAIR_REPORT_HTML_DIR to also write the
// pages there, to look at them.

#include <cstdlib>
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "HtmlChecks.hpp"
#include "ReportFixture.hpp"
#include "onair/report/Report.hpp"

namespace onair::report::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::IsSupersetOf;
using ::testing::Not;
using ::testing::UnorderedElementsAre;

const scheduler::Period december{2026_y / date::December / 1, 2026_y / date::December / 31};

class Html : public ::testing::Test {
  protected:
    config::Station station_ = test_station();
    scheduler::Plan plan_ = test_plan(station_, december);
    std::vector<Row> rows_ = december_rows(plan_);

    std::string render(Language language, const std::string& name) {
        const std::string html = render_html({station_, december, plan_, rows_}, language);
        if (const char* dir = std::getenv("ONAIR_REPORT_HTML_DIR")) {
            std::ofstream(std::string(dir) + "/" + name + ".html") << html;
        }
        return html;
    }
};

TEST_F(Html, CountsPerProgrammeAndMonthAreWrittenAsInTheIssue) {
    for (const Language language : {Language::vi, Language::en}) {
        const std::string html = render(language, "counts");
        EXPECT_THAT(attribute_values(html, "data-counts"),
                    UnorderedElementsAre("cds-thixa 2026-12: premiere 1/1, rerun 2/3",
                                         "tinh-cds 2026-12: relay 2/4",
                                         "phuong-pho-ninh 2026-12: premiere 1/1"));
    }
}

TEST_F(Html, ShortfallsAreHighlightedAndCompleteRowsAreNot) {
    const std::string html = render(Language::en, "shortfalls");
    const auto rows = elements(html, "tr", "data-counts");
    ASSERT_EQ(rows.size(), 3u);
    for (const std::string& row : rows) {
        const bool complete = row.find("phuong-pho-ninh") != std::string::npos;
        EXPECT_EQ(row.find("class=\"count short\"") == std::string::npos, complete) << row;
        EXPECT_EQ(row.find("Complete") != std::string::npos, complete) << row;
    }
    const auto tinh = elements(html, "tr", "tinh-cds");
    ASSERT_EQ(tinh.size(), 1u);
    EXPECT_THAT(tinh[0], HasSubstr("<td class=\"count short\">2/4</td>"));
    EXPECT_THAT(tinh[0], HasSubstr("2 short"));
}

TEST_F(Html, TheProblemListHasEveryProblemWithItsProgrammeAndNote) {
    const std::string html = render(Language::vi, "problems");
    const auto tables = elements(html, "table", "class=\"problems\"");
    ASSERT_EQ(tables.size(), 1u);
    const auto rows = elements(tables[0], "tr");
    ASSERT_EQ(rows.size(), 1u + 6u + 1u);  // header, six problem rows, one never logged
    struct Expected {
        const char* programme;
        const char* status;
        const char* note;
    };
    const std::vector<Expected> expected{
        {"cds-thixa", "interrupted", "onair stopped while on air; last seen 17:18:00"},
        {"cds-thixa", "joined", "joined 4m30s late, after a restart"},
        {"tinh-cds", "joined", "relay started 2m10s late: stream not reachable"},
        {"cds-thixa", "failed",
         "media missing: cds/2026-12.mp3 &lt;not uploaded&gt; &amp; no fallback"},
        {"tinh-cds", "missed", "onair was not running"},
        {"cds-thixa", "partial", "preempted by emergency"},
        {"tinh-cds", "never-logged",
         "Không có dòng nhật ký nào: máy phát không chạy hoặc nhật ký bị mất"},
    };
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const std::string& row = rows[i + 1];
        EXPECT_THAT(row, HasSubstr(std::string("<span class=\"id\">") + expected[i].programme))
            << i;
        EXPECT_THAT(row, HasSubstr(std::string("data-status=\"") + expected[i].status + "\"")) << i;
        EXPECT_THAT(row, HasSubstr(expected[i].note)) << i;
    }
    // Times: planned and as aired, with seconds for what aired.
    EXPECT_THAT(rows[2], HasSubstr("17:15–17:27"));  // the file is 12 minutes
    EXPECT_THAT(rows[2], HasSubstr("17:19:30–17:27:00"));
    EXPECT_THAT(rows[7], HasSubstr("26/12/2026"));
}

TEST_F(Html, HeadingsAndLabelsInVietnameseByDefaultAndInEnglishOnRequest) {
    const std::string vi = render(Language::vi, "vi");
    const std::string en = render(Language::en, "en");
    EXPECT_THAT(vi, HasSubstr("<html lang=\"vi\">"));
    EXPECT_THAT(en, HasSubstr("<html lang=\"en\">"));
    for (const char* heading :
         {"Báo cáo phát sóng", "Kế hoạch và thực tế", "Các lượt phát có sự cố",
          "Thời lượng phát sóng", "Lịch phát sóng từng ngày", "Tháng 12/2026", "Phát lại",
          "Tiếp sóng", "Bị cắt ngắn", "01/12/2026 – 31/12/2026"}) {
        EXPECT_THAT(vi, HasSubstr(heading));
        EXPECT_THAT(en, Not(HasSubstr(heading)));
    }
    for (const char* heading :
         {"Broadcast report", "Planned and aired", "Airings with problems", "Airtime", "Day by day",
          "December 2026", "Rerun", "Relay", "Cut short", "2026-12-01 – 2026-12-31"}) {
        EXPECT_THAT(en, HasSubstr(heading));
        EXPECT_THAT(vi, Not(HasSubstr(heading)));
    }
    // The station's own words are the same in both.
    EXPECT_THAT(vi, HasSubstr("Đài Truyền thanh thị xã Đức Phổ"));
    EXPECT_THAT(en, HasSubstr("Đài Truyền thanh thị xã Đức Phổ"));
}

TEST_F(Html, AirtimeTotalsPerProgrammeCategoryAndOverall) {
    const std::string en = render(Language::en, "airtime-en");
    // cds-thixa 1900 s = 31.7 min; filler 3780 s = 63.0; all 10170 s = 169.5 min.
    const auto tables = elements(en, "table", "class=\"airtime\"");
    ASSERT_EQ(tables.size(), 2u);
    EXPECT_THAT(elements(tables[0], "tr", "")[1], HasSubstr("cds-thixa"));
    EXPECT_THAT(elements(tables[0], "tr", "")[1], HasSubstr(">31.7<"));
    EXPECT_THAT(tables[0], HasSubstr("Filler"));
    EXPECT_THAT(tables[0], HasSubstr(">63.0<"));
    EXPECT_THAT(elements(tables[0], "tr", "class=\"total\"").at(0), HasSubstr(">169.5<"));
    EXPECT_THAT(elements(tables[1], "tr", "class=\"total\"").at(0), HasSubstr(">169.5<"));
    EXPECT_THAT(tables[1], HasSubstr("chuyen-doi-so"));
    EXPECT_THAT(tables[1], HasSubstr(">89.5<"));  // 5370 s
    EXPECT_THAT(tables[1], HasSubstr("Uncategorised"));
    EXPECT_THAT(en, HasSubstr("2 h 50 min"));  // the overview card

    const std::string vi = render(Language::vi, "airtime-vi");
    EXPECT_THAT(vi, HasSubstr(">169,5<"));
    EXPECT_THAT(vi, HasSubstr("2 giờ 50 phút"));
}

TEST_F(Html, EachMonthHasAPictureOfThePlanAndWhatAired) {
    const std::string html = render(Language::vi, "picture");
    const auto pictures = elements(html, "svg", "class=\"month-picture\"");
    ASSERT_EQ(pictures.size(), 1u);
    const std::string& svg = pictures[0];
    EXPECT_EQ(count_of(svg, "<rect class=\"plan\""), 9u);  // every planned airing, outlined
    // aired in full: cds 1, tinh 5, ninh 9; cut: Dec 8 joined, Dec 12 joined, Dec 22 partial;
    // bad: Dec 8 interrupted, Dec 15 failed, Dec 19 missed; never logged: Dec 26.
    EXPECT_EQ(count_of(svg, "<rect class=\"aired\""), 3u + 1u);  // + the manual insert
    EXPECT_EQ(count_of(svg, "<rect class=\"cut\""), 3u);
    EXPECT_EQ(count_of(svg, "<rect class=\"bad\""), 3u);
    EXPECT_EQ(count_of(svg, "<rect class=\"nolog\""), 1u);
    EXPECT_EQ(count_of(svg, "<rect class=\"filler\""), 2u);
    // 31 days; Sundays' evening is closed.
    EXPECT_EQ(count_of(svg, "<text class=\"day"), 31u);
    EXPECT_EQ(count_of(svg, "<rect class=\"closed\""), 4u);
    EXPECT_THAT(svg, HasSubstr(">CN 06<"));
    EXPECT_THAT(svg, HasSubstr(">evening<"));
    // Hovering tells what it is.
    EXPECT_NE(svg.find("<title>T3 15/12/2026 17:15–17:27 · Chuyên mục &quot;Chuyển đổi số&quot;, "
                       "thị xã Đức Phổ (cds-thixa) · Phát lại · Lỗi, không phát được</title>"),
              std::string::npos);
    // A legend explains the colours.
    EXPECT_EQ(elements(html, "ul", "class=\"legend\"").size(), 1u);
}

TEST_F(Html, AYearHasAPicturePerMonthAndAPartialMonthOnlyItsDays) {
    const scheduler::Period period{2026_y / date::November / 21, 2027_y / date::January / 10};
    const scheduler::Plan plan = test_plan(station_, period);
    const std::string html = render_html({station_, period, plan, rows_}, Language::en);
    const auto pictures = elements(html, "svg", "class=\"month-picture\"");
    ASSERT_EQ(pictures.size(), 3u);
    EXPECT_EQ(count_of(pictures[0], "<text class=\"day"), 10u);
    EXPECT_EQ(count_of(pictures[1], "<text class=\"day"), 31u);
    EXPECT_EQ(count_of(pictures[2], "<text class=\"day"), 10u);
    EXPECT_THAT(html, HasSubstr("November 2026"));
    EXPECT_THAT(html, HasSubstr("January 2027"));
    EXPECT_EQ(unbalanced_tags(html), "");
}

TEST_F(Html, ThePageIsSelfContainedAndWellFormed) {
    for (const Language language : {Language::vi, Language::en}) {
        const std::string html = render(language, "self-contained");
        EXPECT_EQ(unbalanced_tags(html), "");
        EXPECT_THAT(html, Not(HasSubstr("<script")));
        EXPECT_THAT(html, Not(HasSubstr(" src=")));
        EXPECT_THAT(html, Not(HasSubstr("href=")));
        EXPECT_THAT(html, Not(HasSubstr("url(")));
        EXPECT_THAT(html, Not(HasSubstr("@import")));
        // Not even the relay's URL: the page shows no sources, so nothing in it
        // can point a browser anywhere.
        EXPECT_THAT(html, Not(HasSubstr("http")));
        EXPECT_THAT(html, HasSubstr("<meta charset=\"utf-8\">"));
        EXPECT_THAT(html, HasSubstr("@page { size: A4"));
    }
}

TEST_F(Html, EverythingFromTheStationOrTheLogIsEscaped) {
    station_.name = "<script>alert(\"đài\")</script> & 'co'";
    rows_[0].title = "<img src=x onerror=alert(1)>";
    rows_[0].status = Status::partial;
    rows_[0].note = "</td></tr></table><script>x</script>";
    const std::string html = render(Language::vi, "escaped");
    EXPECT_THAT(html, Not(HasSubstr("<script")));
    EXPECT_THAT(html, Not(HasSubstr("<img")));
    EXPECT_THAT(html, HasSubstr("&lt;script&gt;alert(&quot;đài&quot;)&lt;/script&gt; &amp; "
                                "&#39;co&#39;"));
    EXPECT_THAT(html,
                HasSubstr("&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;script&gt;x&lt;/script&gt;"));
    EXPECT_EQ(unbalanced_tags(html), "");
}

TEST_F(Html, NothingPlannedAndNoProblemsSaySo) {
    const scheduler::Plan empty;
    const std::vector<Row> none;
    const std::string html = render_html({station_, december, empty, none}, Language::en);
    EXPECT_THAT(html, HasSubstr("Nothing was planned in this period."));
    EXPECT_THAT(html, HasSubstr("No problems in this period."));
    EXPECT_EQ(unbalanced_tags(html), "");
}

TEST_F(Html, TheCheckerCatchesBrokenPages) {
    EXPECT_EQ(unbalanced_tags("<p><b>x</b></p>"), "");
    EXPECT_NE(unbalanced_tags("<p><b>x</p></b>"), "");
    EXPECT_NE(unbalanced_tags("<div>"), "");
    EXPECT_NE(unbalanced_tags("<p>a < b</p>"), "");
    EXPECT_EQ(unbalanced_tags("<svg><rect x=\"1\"/></svg><br>"), "");
}

}  // namespace
}  // namespace onair::report::testing
