#pragma once
// UTF-8 helpers: station files are UTF-8 (Vietnamese names and titles), and an
// operator's editor counts columns in characters, not bytes.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace onair::config {

/// The code points of `text`; each byte of a malformed sequence becomes one code
/// point of its own (its byte value), so nothing is lost or merged.
std::u32string decode_utf8(std::string_view text);

/// The byte offset of the first malformed UTF-8 sequence, if any.
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

/// How many characters `text` holds (malformed bytes count one each).
std::size_t count_characters(std::string_view text);

}  // namespace onair::config
