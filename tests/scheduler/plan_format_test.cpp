#include "onair/scheduler/PlanFormat.hpp"

#include <cctype>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace onair::scheduler {
namespace {

using namespace std::chrono;
using config::SourceKind;

// "Chuyển đổi số" precomposed (NFC) and decomposed (NFD: base letters + combining marks).
const std::string nfc = "Chuy\u1EC3n \u0111\u1ED5i s\u1ED1";
const std::string nfd = "Chuye\u0302\u0309n \u0111o\u0302\u0309i so\u0301";

const StationTimeZone& vietnam() {
    static const StationTimeZone zone("Asia/Ho_Chi_Minh");
    return zone;
}

TimePoint at(int y, unsigned m, unsigned d, int hh, int mm, int ss = 0, int ms = 0) {
    const auto local = date::local_days{date::year{y} / m / d} + hours{hh} + minutes{mm};
    return TimePoint{vietnam().resolve(local).instant + seconds{ss} + milliseconds{ms}};
}

Airing airing(TimePoint start, TimePoint end, std::string programme, Role role, std::string title) {
    Airing a;
    a.start = start;
    a.end = end;
    a.window = "evening";
    a.programme = std::move(programme);
    a.title = std::move(title);
    a.category = "chuyen-doi-so";
    a.role = role;
    a.source = "cds/2026-12.mp3";
    a.episode = "2026-12";
    return a;
}

/// Every role, every source kind, millisecond times, Vietnamese text in both forms.
std::vector<Airing> sample_plan() {
    std::vector<Airing> plan;
    Airing morning = airing(at(2026, 12, 1, 5, 30), at(2026, 12, 1, 5, 44, 59, 875), "cds-thixa",
                            Role::rerun, "Chuyên mục " + nfc + " thị xã");
    morning.window = "morning";
    morning.fixed = true;
    plan.push_back(morning);

    Airing filler = airing(at(2026, 12, 1, 5, 44, 59, 875), at(2026, 12, 1, 6, 30), "filler",
                           Role::fill, "Nhạc nền");
    filler.window = "morning";
    filler.source_kind = SourceKind::folder;
    filler.source = "filler";
    filler.episode = "2026-12-01";
    filler.category = "";
    plan.push_back(filler);

    Airing premiere = airing(at(2026, 12, 1, 17, 15), at(2026, 12, 1, 17, 29, 3, 120), "cds-thixa",
                             Role::premiere, "Chuyên mục " + nfd + " thị xã");
    premiere.fixed = true;
    plan.push_back(premiere);

    Airing ward = airing(at(2026, 12, 1, 17, 29, 3, 120), at(2026, 12, 1, 17, 41, 0, 1),
                         "phuong-pho-ninh", Role::premiere, "Chương trình phường Phổ Ninh");
    ward.category = "xa-phuong";
    ward.source = "xa/pho-ninh/2026-q4.mp3";
    ward.episode = "2026-Q4";
    ward.media_ok = false;
    ward.media_note = "file not found: media/xa/pho-ninh/2026-q4.mp3";
    plan.push_back(ward);

    Airing relay = airing(at(2026, 12, 5, 6, 0), at(2026, 12, 5, 6, 30), "tinh-cds", Role::relay,
                          "Chuyển đổi số — tiếp sóng Đài PT-TH tỉnh");
    relay.window = "morning";
    relay.source_kind = SourceKind::relay;
    relay.source = "http://127.0.0.1:8000/tinh.mp3";
    relay.fallback = "tinh/2026-w49.mp3";
    relay.episode = "2026-W49";
    relay.fixed = true;
    plan.push_back(relay);

    Airing live = relay;
    live.start = at(2026, 12, 5, 17, 0);
    live.end = at(2026, 12, 5, 17, 30);
    live.window = "evening";
    live.programme = "vov1";
    live.title = "Thời sự VOV1 中文 テスト";
    live.fallback = "";
    plan.push_back(live);

    Airing daily = airing(at(2026, 12, 5, 17, 30), at(2026, 12, 5, 17, 35, 12), "weather",
                          Role::daily, "Bản tin thời tiết, \"nóng\" và lạnh\nhai dòng");
    daily.source = "weather/2026-12-05.mp3";
    daily.episode = "2026-12-05";
    daily.media_ok = false;
    daily.media_note = "unreadable: could not determine type of stream";
    plan.push_back(daily);

    Airing once = airing(at(2026, 12, 31, 23, 50), at(2027, 1, 1, 0, 10), "new-year", Role::once,
                         "Chào năm mới, 2027");
    once.window = "night";
    once.source = "special/new,year \"2027\".mp3";
    once.episode = "2026-12-31";
    once.fixed = true;
    plan.push_back(once);
    return plan;
}

// ---- display_width -------------------------------------------------------------

struct WidthCase {
    const char* name;
    std::string text;
    std::size_t width;
};

class DisplayWidthTest : public testing::TestWithParam<WidthCase> {};

TEST_P(DisplayWidthTest, CountsTerminalColumns) {
    EXPECT_EQ(display_width(GetParam().text), GetParam().width) << GetParam().name;
}

INSTANTIATE_TEST_SUITE_P(
    Texts, DisplayWidthTest,
    testing::Values(
        WidthCase{"empty", "", 0}, WidthCase{"ascii", "cds-thixa", 9},
        WidthCase{"vietnamese precomposed", nfc, 13}, WidthCase{"vietnamese decomposed", nfd, 13},
        WidthCase{"vietnamese title", "Chương trình phường Phổ Ninh", 28},
        WidthCase{"em dash", "—", 1}, WidthCase{"cjk", "中文字", 6},
        WidthCase{"hangul syllables", "한국어", 6}, WidthCase{"hangul jamo", "\u1100\u1161", 3},
        WidthCase{"fullwidth latin", "\uFF21\uFF22", 4}, WidthCase{"fullwidth sign", "\uFFE5", 2},
        WidthCase{"emoji", "\U0001F600\U0001F914", 4},
        WidthCase{"cjk extension b", "\U00020000", 2},
        WidthCase{"combining alone", "\u0301\u1AB0\u1DC0\u20D0\uFE20", 0},
        WidthCase{"combining after ascii", "e\u0302\u0301", 1},
        WidthCase{"invalid byte",
                  "a\xFF"
                  "b",
                  3},
        WidthCase{"truncated sequence", "a\xC3", 2}, WidthCase{"stray continuation", "\x80\x80", 2},
        WidthCase{"overlong encoding", "\xE0\x80\x80", 3},
        WidthCase{"surrogate encoded", "\xED\xA0\x80", 3},
        WidthCase{"beyond U+10FFFF", "\xF4\x90\x80\x80", 4}),
    [](const testing::TestParamInfo<WidthCase>& info) {
        std::string name = info.param.name;
        for (char& c : name) {
            if (!std::isalnum(static_cast<unsigned char>(c))) {
                c = '_';
            }
        }
        return name;
    });

// ---- JSON ----------------------------------------------------------------------

TEST(PlanJsonTest, RoundTripIsIdentical) {
    const auto plan = sample_plan();
    const std::string json = format_plan_json(plan, vietnam());
    const auto back = parse_plan_json(json);
    ASSERT_EQ(back.size(), plan.size());
    for (std::size_t i = 0; i < plan.size(); ++i) {
        EXPECT_EQ(back[i], plan[i]) << "airing " << i;
    }
    EXPECT_EQ(format_plan_json(back, vietnam()), json);
}

TEST(PlanJsonTest, EmptyPlanIsAnEmptyArray) {
    EXPECT_EQ(format_plan_json({}, vietnam()), "[]\n");
    EXPECT_TRUE(parse_plan_json("[]").empty());
}

TEST(PlanJsonTest, HasExactlyTheDocumentedFieldsInOrder) {
    const auto json = nlohmann::ordered_json::parse(format_plan_json(sample_plan(), vietnam()));
    ASSERT_TRUE(json.is_array());
    const std::vector<std::string> expected{
        "start",       "end",    "window",   "programme", "title",    "category",   "role",
        "source_kind", "source", "fallback", "episode",   "media_ok", "media_note", "fixed"};
    for (const auto& object : json) {
        std::vector<std::string> keys;
        for (const auto& item : object.items()) {
            keys.push_back(item.key());
        }
        EXPECT_EQ(keys, expected);
        EXPECT_TRUE(object["media_ok"].is_boolean());
        EXPECT_TRUE(object["fixed"].is_boolean());
    }
    EXPECT_EQ(json[0]["start"], "2026-12-01T05:30:00+07:00");
    EXPECT_EQ(json[0]["end"], "2026-12-01T05:44:59.875+07:00");
    EXPECT_EQ(json[0]["role"], "rerun");
    EXPECT_EQ(json[1]["source_kind"], "folder");
    EXPECT_EQ(json[1]["role"], "fill");
    EXPECT_EQ(json[3]["media_ok"], false);
    EXPECT_EQ(json[4]["source_kind"], "relay");
    EXPECT_EQ(json[4]["fallback"], "tinh/2026-w49.mp3");
    EXPECT_EQ(json[4]["episode"], "2026-W49");
    EXPECT_EQ(json[6]["role"], "daily");
    EXPECT_EQ(json[7]["role"], "once");
    EXPECT_EQ(json[7]["end"], "2027-01-01T00:10:00+07:00");
}

TEST(PlanJsonTest, IsIndentedAndKeepsVietnameseReadable) {
    const std::string json = format_plan_json(sample_plan(), vietnam());
    EXPECT_TRUE(json.starts_with("[\n  {\n    \"start\": \"2026-12-01T05:30:00+07:00\",\n"))
        << json.substr(0, 80);
    EXPECT_NE(json.find("\"title\": \"Chương trình phường Phổ Ninh\""), std::string::npos);
    EXPECT_EQ(json.find("\\u"), std::string::npos) << "non-ASCII text was escaped";
    EXPECT_TRUE(json.ends_with("]\n"));
}

TEST(PlanJsonTest, RolesHaveTheSpecNames) {
    const std::vector<std::pair<Role, std::string>> names{
        {Role::premiere, "premiere"}, {Role::rerun, "rerun"}, {Role::relay, "relay"},
        {Role::fill, "fill"},         {Role::once, "once"},   {Role::daily, "daily"}};
    for (const auto& [role, name] : names) {
        EXPECT_EQ(to_string(role), name);
        EXPECT_EQ(role_from_string(name), role);
    }
    EXPECT_EQ(role_from_string("Premiere"), std::nullopt);
    EXPECT_EQ(role_from_string("filler"), std::nullopt);
    EXPECT_EQ(role_from_string(""), std::nullopt);
}

struct BadJsonCase {
    const char* name;
    std::string json;
    std::vector<std::string> message_parts;
};

/// One valid airing as JSON, with `field` replaced by `value` (or removed when
/// `value` is empty).
std::string one_airing_with(const std::string& field, const std::string& value) {
    nlohmann::ordered_json object = {{"start", "2026-12-01T17:15:00+07:00"},
                                     {"end", "2026-12-01T17:30:00+07:00"},
                                     {"window", "evening"},
                                     {"programme", "cds-thixa"},
                                     {"title", "Chuyên mục"},
                                     {"category", ""},
                                     {"role", "premiere"},
                                     {"source_kind", "file"},
                                     {"source", "cds/2026-12.mp3"},
                                     {"fallback", ""},
                                     {"episode", "2026-12"},
                                     {"media_ok", true},
                                     {"media_note", ""},
                                     {"fixed", true}};
    if (value.empty()) {
        object.erase(field);
    } else {
        object[field] = nlohmann::ordered_json::parse(value);
    }
    return nlohmann::ordered_json::array({object}).dump();
}

class ParsePlanJsonErrorTest : public testing::TestWithParam<BadJsonCase> {};

TEST_P(ParsePlanJsonErrorTest, ThrowsNamingTheProblem) {
    try {
        parse_plan_json(GetParam().json);
        FAIL() << "accepted " << GetParam().json;
    } catch (const std::runtime_error& error) {
        for (const std::string& part : GetParam().message_parts) {
            EXPECT_THAT(error.what(), testing::HasSubstr(part));
        }
    }
}

INSTANTIATE_TEST_SUITE_P(
    Malformed, ParsePlanJsonErrorTest,
    testing::Values(
        BadJsonCase{"not_json", "this is not json", {"plan JSON"}},
        BadJsonCase{"truncated", "[{\"start\": ", {"plan JSON"}},
        BadJsonCase{"object_not_array", "{}", {"plan JSON", "array"}},
        BadJsonCase{"element_not_object", "[1]", {"airing [0]", "object"}},
        BadJsonCase{
            "missing_start", one_airing_with("start", ""), {"airing [0]", "\"start\"", "missing"}},
        BadJsonCase{
            "missing_fixed", one_airing_with("fixed", ""), {"airing [0]", "\"fixed\"", "missing"}},
        BadJsonCase{"missing_title", one_airing_with("title", ""), {"\"title\"", "missing"}},
        BadJsonCase{"start_not_string", one_airing_with("start", "17"), {"\"start\"", "string"}},
        BadJsonCase{"start_malformed",
                    one_airing_with("start", "\"2026-12-01 17:15\""),
                    {"airing [0]", "\"start\"", "2026-12-01 17:15"}},
        BadJsonCase{"end_without_offset",
                    one_airing_with("end", "\"2026-12-01T17:30:00\""),
                    {"\"end\"", "2026-12-01T17:30:00"}},
        BadJsonCase{"end_before_start",
                    one_airing_with("end", "\"2026-12-01T17:00:00+07:00\""),
                    {"\"end\"", "before start"}},
        BadJsonCase{"unknown_role",
                    one_airing_with("role", "\"encore\""),
                    {"airing [0]", "\"role\"", "encore"}},
        BadJsonCase{"role_not_string", one_airing_with("role", "3"), {"\"role\"", "string"}},
        BadJsonCase{"unknown_source_kind",
                    one_airing_with("source_kind", "\"stream\""),
                    {"\"source_kind\"", "stream"}},
        BadJsonCase{"media_ok_as_string",
                    one_airing_with("media_ok", "\"yes\""),
                    {"\"media_ok\"", "true or false"}},
        BadJsonCase{
            "fixed_as_number", one_airing_with("fixed", "1"), {"\"fixed\"", "true or false"}},
        BadJsonCase{"episode_null", one_airing_with("episode", "null"), {"\"episode\"", "string"}},
        BadJsonCase{"index_of_second",
                    [] {
                        auto good = nlohmann::json::parse(one_airing_with("window", "\"evening\""));
                        auto bad = nlohmann::json::parse(one_airing_with("programme", "[]"));
                        good.push_back(bad[0]);
                        return good.dump();
                    }(),
                    {"airing [1]", "\"programme\"", "string"}}),
    [](const testing::TestParamInfo<BadJsonCase>& info) { return std::string(info.param.name); });

// ---- CSV -----------------------------------------------------------------------

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

// ---- table ---------------------------------------------------------------------

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
