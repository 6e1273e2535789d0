#pragma once
// The station file's text, kept to turn yaml-cpp's marks (0-based, columns in
// bytes) into the 1-based line:column an editor shows (columns in characters, so
// a Vietnamese title earlier on the line does not shift the column).
// Immutable after construction.

#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/mark.h>

#include "onair/config/Diagnostic.hpp"

namespace onair::config {

class SourceText {
  public:
    /// `text` without a byte-order mark (yaml-cpp's positions skip it too).
    explicit SourceText(std::string_view text);

    const std::string& text() const noexcept { return text_; }

    /// Where a yaml-cpp mark points; line 1, column 1 for a null mark.
    Location locate(const YAML::Mark& mark) const;

    /// Where a byte offset into text() points.
    Location locate_offset(std::size_t offset) const;

    int line_count() const noexcept { return static_cast<int>(line_starts_.size()); }

    /// The text of a 1-based line, without its line break ("" when out of range).
    std::string_view line(int number) const;

  private:
    std::string text_;
    std::vector<std::size_t> line_starts_;
};

}  // namespace onair::config
