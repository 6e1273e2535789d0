#include "onair/scheduler/PlanFormat.hpp"

#include <cctype>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "PlanFormatTestSupport.hpp"

namespace onair::scheduler {
namespace {

using namespace plan_format_test;

// display_width: the terminal columns the plan table lines up by.

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

}  // namespace
}  // namespace onair::scheduler
