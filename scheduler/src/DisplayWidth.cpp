// display_width(): how many terminal columns a UTF-8 string takes, so that plan
// tables with Vietnamese titles line up. Vietnamese text may arrive precomposed
// (NFC, "ể" = U+1EC3) or decomposed (NFD, "e" + U+0302 + U+0309); both must
// measure the same, hence combining marks count zero.

#include <array>
#include <cstdint>

#include "onair/scheduler/PlanFormat.hpp"

namespace onair::scheduler {

namespace {

struct Range {
    char32_t first;
    char32_t last;
};

constexpr std::array<Range, 5> combining{{
    {0x0300, 0x036F},
    {0x1AB0, 0x1AFF},
    {0x1DC0, 0x1DFF},
    {0x20D0, 0x20FF},
    {0xFE20, 0xFE2F},
}};

constexpr std::array<Range, 10> wide{{
    {0x1100, 0x115F},    // Hangul Jamo initial consonants
    {0x2E80, 0xA4CF},    // CJK radicals ... Yi
    {0xAC00, 0xD7A3},    // Hangul syllables
    {0xF900, 0xFAFF},    // CJK compatibility ideographs
    {0xFE30, 0xFE4F},    // CJK compatibility forms
    {0xFF00, 0xFF60},    // fullwidth forms
    {0xFFE0, 0xFFE6},    // fullwidth signs
    {0x1F300, 0x1F64F},  // pictographs, emoticons
    {0x1F900, 0x1F9FF},  // supplemental pictographs
    {0x20000, 0x3FFFD},  // CJK extensions B and later
}};

template <std::size_t N>
bool in(const std::array<Range, N>& ranges, char32_t c) noexcept {
    for (const auto& range : ranges) {
        if (c >= range.first && c <= range.last) {
            return true;
        }
    }
    return false;
}

bool continuation(unsigned char byte) noexcept {
    return (byte & 0xC0) == 0x80;
}

/// Decodes one well-formed UTF-8 sequence at `pos`. Returns its length, or 0 when
/// the bytes there are not valid UTF-8 (overlong, surrogate, truncated, stray).
std::size_t decode(std::string_view text, std::size_t pos, char32_t& out) noexcept {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[pos + i]); };
    const unsigned char lead = byte(0);
    const std::size_t left = text.size() - pos;
    if (lead < 0x80) {
        out = lead;
        return 1;
    }
    if (lead >= 0xC2 && lead <= 0xDF) {
        if (left < 2 || !continuation(byte(1))) {
            return 0;
        }
        out = (char32_t{lead} & 0x1F) << 6 | (byte(1) & 0x3F);
        return 2;
    }
    if (lead >= 0xE0 && lead <= 0xEF) {
        if (left < 3 || !continuation(byte(1)) || !continuation(byte(2))) {
            return 0;
        }
        if ((lead == 0xE0 && byte(1) < 0xA0) || (lead == 0xED && byte(1) > 0x9F)) {
            return 0;
        }
        out = (char32_t{lead} & 0x0F) << 12 | (char32_t{byte(1)} & 0x3F) << 6 | (byte(2) & 0x3F);
        return 3;
    }
    if (lead >= 0xF0 && lead <= 0xF4) {
        if (left < 4 || !continuation(byte(1)) || !continuation(byte(2)) ||
            !continuation(byte(3))) {
            return 0;
        }
        if ((lead == 0xF0 && byte(1) < 0x90) || (lead == 0xF4 && byte(1) > 0x8F)) {
            return 0;
        }
        out = (char32_t{lead} & 0x07) << 18 | (char32_t{byte(1)} & 0x3F) << 12 |
              (char32_t{byte(2)} & 0x3F) << 6 | (byte(3) & 0x3F);
        return 4;
    }
    return 0;
}

}  // namespace

std::size_t display_width(std::string_view utf8) noexcept {
    std::size_t width = 0;
    std::size_t pos = 0;
    while (pos < utf8.size()) {
        char32_t c = 0;
        const std::size_t length = decode(utf8, pos, c);
        if (length == 0) {
            // A terminal shows one replacement character per bad byte.
            ++width;
            ++pos;
            continue;
        }
        pos += length;
        if (in(combining, c)) {
            continue;
        }
        width += in(wide, c) ? 2 : 1;
    }
    return width;
}

}  // namespace onair::scheduler
