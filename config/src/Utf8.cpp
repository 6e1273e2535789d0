// UTF-8 decoding for column numbers, suggestions and the encoding check.

#include "Utf8.hpp"

namespace onair::config {

namespace {

// The length of the well-formed sequence at `text[i]`, or 0 when malformed
// (overlong forms, surrogates and values past U+10FFFF are malformed too).
std::size_t sequence_length(std::string_view text, std::size_t i, char32_t& code_point) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    if (lead < 0x80) {
        code_point = lead;
        return 1;
    }
    std::size_t length = 0;
    char32_t value = 0;
    char32_t minimum = 0;
    if ((lead & 0xE0) == 0xC0) {
        length = 2;
        value = lead & 0x1F;
        minimum = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3;
        value = lead & 0x0F;
        minimum = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4;
        value = lead & 0x07;
        minimum = 0x10000;
    } else {
        return 0;
    }
    if (i + length > text.size()) {
        return 0;
    }
    for (std::size_t k = 1; k < length; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) {
            return 0;
        }
        value = (value << 6) | (byte(i + k) & 0x3F);
    }
    if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
        return 0;
    }
    code_point = value;
    return length;
}

}  // namespace

std::u32string decode_utf8(std::string_view text) {
    std::u32string result;
    result.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        char32_t code_point = 0;
        auto length = sequence_length(text, i, code_point);
        if (length == 0) {
            result.push_back(static_cast<unsigned char>(text[i]));
            ++i;
        } else {
            result.push_back(code_point);
            i += length;
        }
    }
    return result;
}

std::optional<std::size_t> first_invalid_utf8(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        char32_t code_point = 0;
        auto length = sequence_length(text, i, code_point);
        if (length == 0) {
            return i;
        }
        i += length;
    }
    return std::nullopt;
}

std::size_t count_characters(std::string_view text) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < text.size(); ++count) {
        char32_t code_point = 0;
        auto length = sequence_length(text, i, code_point);
        i += length == 0 ? 1 : length;
    }
    return count;
}

}  // namespace onair::config
