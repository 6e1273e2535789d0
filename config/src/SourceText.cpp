// SourceText: yaml-cpp marks to editor positions.

#include "SourceText.hpp"

#include <algorithm>

#include "Utf8.hpp"

namespace onair::config {

SourceText::SourceText(std::string_view text) : text_(text) {
    line_starts_.push_back(0);
    for (std::size_t i = 0; i < text_.size(); ++i) {
        if (text_[i] == '\n') {
            line_starts_.push_back(i + 1);
        }
    }
}

Location SourceText::locate(const YAML::Mark& mark) const {
    if (mark.is_null() || mark.line < 0 || mark.column < 0) {
        return Location{1, 1};
    }
    const auto line_index = static_cast<std::size_t>(mark.line);
    if (line_index >= line_starts_.size()) {
        return Location{mark.line + 1, mark.column + 1};
    }
    const auto start = line_starts_[line_index];
    const auto width =
        std::min<std::size_t>(static_cast<std::size_t>(mark.column), text_.size() - start);
    const auto characters = count_characters(std::string_view{text_}.substr(start, width));
    return Location{mark.line + 1, static_cast<int>(characters) + 1};
}

Location SourceText::locate_offset(std::size_t offset) const {
    offset = std::min(offset, text_.size());
    auto next = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    const auto line_index = static_cast<std::size_t>(next - line_starts_.begin()) - 1;
    const auto start = line_starts_[line_index];
    const auto characters = count_characters(std::string_view{text_}.substr(start, offset - start));
    return Location{static_cast<int>(line_index) + 1, static_cast<int>(characters) + 1};
}

std::string_view SourceText::line(int number) const {
    if (number < 1 || static_cast<std::size_t>(number) > line_starts_.size()) {
        return {};
    }
    const auto start = line_starts_[static_cast<std::size_t>(number) - 1];
    auto end = text_.find('\n', start);
    if (end == std::string::npos) {
        end = text_.size();
    }
    auto text = std::string_view{text_}.substr(start, end - start);
    if (!text.empty() && text.back() == '\r') {
        text.remove_suffix(1);
    }
    return text;
}

}  // namespace onair::config
