// Raw-text checks: UTF-8, tab indentation and unclosed quotes.

#include "TextChecks.hpp"

#include <cstdio>

#include "Utf8.hpp"

namespace onair::config {

namespace {

// Where the quoted scalar starting at `open` ends (the offset after its closing
// quote), or npos when the text ends first.
std::size_t closing_quote_end(const std::string& text, std::size_t open) {
    const char quote = text[open];
    for (std::size_t i = open + 1; i < text.size(); ++i) {
        if (quote == '"' && text[i] == '\\') {
            ++i;
        } else if (text[i] == quote) {
            if (quote == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
                ++i;
                continue;
            }
            return i + 1;
        }
    }
    return std::string::npos;
}

void visit_quoted_scalars(const YAML::Node& node, const LoadContext& context, int depth) {
    if (depth > 64) {
        return;
    }
    if (node.IsScalar()) {
        const auto mark = node.Mark();
        const auto& text = context.source.text();
        if (node.Tag() == "!" && !mark.is_null() && mark.pos >= 0 &&
            static_cast<std::size_t>(mark.pos) < text.size()) {
            const auto open = static_cast<std::size_t>(mark.pos);
            if ((text[open] == '"' || text[open] == '\'') &&
                closing_quote_end(text, open) == std::string::npos) {
                context.error(context.locate(node),
                              std::string{"the quoted text starting here has no closing "} +
                                  text[open] + "; it swallows the rest of the file");
            }
        }
        return;
    }
    if (node.IsSequence()) {
        for (const auto& item : node) {
            visit_quoted_scalars(item, context, depth + 1);
        }
    } else if (node.IsMap()) {
        for (auto it = node.begin(); it != node.end(); ++it) {
            visit_quoted_scalars(it->first, context, depth + 1);
            visit_quoted_scalars(it->second, context, depth + 1);
        }
    }
}

}  // namespace

void check_utf8(const LoadContext& context) {
    const auto& text = context.source.text();
    auto bad = first_invalid_utf8(text);
    if (!bad) {
        return;
    }
    char byte[8];
    std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(text[*bad]));
    context.error(context.source.locate_offset(*bad),
                  std::string{"the station file is not valid UTF-8 (byte "} + byte +
                      " here); save it as UTF-8");
}

std::vector<int> check_tab_indentation(const LoadContext& context) {
    std::vector<int> lines;
    for (int number = 1; number <= context.source.line_count(); ++number) {
        auto line = context.source.line(number);
        std::size_t indent = 0;
        while (indent < line.size() && (line[indent] == ' ' || line[indent] == '\t')) {
            ++indent;
        }
        if (indent == line.size() || line[indent] == '#') {
            continue;
        }
        auto tab = line.substr(0, indent).find('\t');
        if (tab != std::string_view::npos) {
            context.error(Location{number, static_cast<int>(tab) + 1},
                          "tab in the indentation; YAML indents with spaces only");
            lines.push_back(number);
        }
    }
    return lines;
}

std::optional<Location> find_unclosed_quote(const SourceText& source, int error_line) {
    for (int number = 1; number <= error_line; ++number) {
        auto line = source.line(number);
        char quote = 0;
        std::size_t opened_at = 0;
        char previous = 0;  // last character outside quotes that is not a space
        for (std::size_t i = 0; i < line.size(); ++i) {
            const char c = line[i];
            if (quote != 0) {
                if (quote == '"' && c == '\\') {
                    ++i;
                } else if (c == quote) {
                    if (quote == '\'' && i + 1 < line.size() && line[i + 1] == '\'') {
                        ++i;
                    } else {
                        quote = 0;
                        previous = c;
                    }
                }
                continue;
            }
            if (c == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) {
                break;
            }
            // A quote starts a scalar only where a value can begin; `Đài's` is plain text.
            const bool value_can_start = previous == 0 || previous == ':' || previous == '[' ||
                                         previous == '{' || previous == ',' || previous == '-' ||
                                         previous == '?';
            if ((c == '"' || c == '\'') && value_can_start) {
                quote = c;
                opened_at = i;
                continue;
            }
            if (c != ' ' && c != '\t') {
                previous = c;
            }
        }
        if (quote != 0) {
            return Location{number,
                            static_cast<int>(count_characters(line.substr(0, opened_at))) + 1};
        }
    }
    return std::nullopt;
}

void check_quotes_closed(const YAML::Node& root, const LoadContext& context) {
    visit_quoted_scalars(root, context, 0);
}

}  // namespace onair::config
