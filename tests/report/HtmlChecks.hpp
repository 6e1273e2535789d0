#pragma once
// Small readers of the HTML report for the tests: balanced tags, attribute
// values, text between tags. Enough to check the page's structure and content
// without eyeballing it.

#include <regex>
#include <set>
#include <string>
#include <vector>

namespace onair::report::testing {

/// Empty when every element is closed in order; else what went wrong, and where.
/// Void elements (meta, br, ...) and self-closed SVG elements need no end tag;
/// the insides of <style> are skipped.
inline std::string unbalanced_tags(const std::string& html) {
    static const std::set<std::string> void_elements{"area",   "base",  "br",    "col",  "embed",
                                                     "hr",     "img",   "input", "link", "meta",
                                                     "source", "track", "wbr"};
    static const std::regex tag{
        R"(<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(/?)>)"};
    std::vector<std::string> open;
    std::size_t at = 0;
    for (std::sregex_iterator it(html.begin(), html.end(), tag), end; it != end; ++it) {
        const std::smatch& match = *it;
        if (static_cast<std::size_t>(match.position()) < at) {
            continue;  // inside <style>
        }
        // Anything between tags must not hold a stray '<' or '>'.
        const std::string between =
            html.substr(at, static_cast<std::size_t>(match.position()) - at);
        if (between.find_first_of("<>") != std::string::npos && between.find("<!DOCTYPE") != 0) {
            return "stray < or > before byte " + std::to_string(match.position());
        }
        at = static_cast<std::size_t>(match.position() + match.length());
        const std::string name = match[2];
        if (match[1] == "/") {
            if (open.empty() || open.back() != name) {
                return "</" + name + "> at byte " + std::to_string(match.position()) + " closes " +
                       (open.empty() ? "nothing" : "<" + open.back() + ">");
            }
            open.pop_back();
        } else if (match[4] != "/" && !void_elements.count(name)) {
            open.push_back(name);
            if (name == "style") {
                const auto close = html.find("</style>", at);
                if (close == std::string::npos) {
                    return "<style> never closed";
                }
                at = close;
            }
        }
    }
    return open.empty() ? std::string{} : "<" + open.back() + "> never closed";
}

/// Every value of `attribute` in the page, unescaped of &quot; &amp; &lt; &gt; &#39;.
inline std::vector<std::string> attribute_values(const std::string& html,
                                                 const std::string& attribute) {
    const std::regex value{" " + attribute + "=\"([^\"]*)\""};
    std::vector<std::string> values;
    for (std::sregex_iterator it(html.begin(), html.end(), value), end; it != end; ++it) {
        values.push_back((*it)[1]);
    }
    return values;
}

/// The page's elements `<NAME ...>...</NAME>` (not nested in one another) as text.
inline std::vector<std::string> elements(const std::string& html, const std::string& name,
                                         const std::string& opening_contains = "") {
    std::vector<std::string> found;
    const std::string open = "<" + name, close = "</" + name + ">";
    for (std::size_t at = html.find(open); at != std::string::npos; at = html.find(open, at + 1)) {
        const std::size_t head_end = html.find('>', at);
        const std::string head = html.substr(at, head_end - at);
        if (head.size() > open.size() && head[open.size()] != ' ') {
            continue;  // <tbody> when looking for <tr>...
        }
        const std::size_t end = html.find(close, at);
        if (end == std::string::npos) {
            break;
        }
        if (head.find(opening_contains) != std::string::npos) {
            found.push_back(html.substr(at, end + close.size() - at));
        }
        at = end;
    }
    return found;
}

inline std::size_t count_of(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
        ++n;
    }
    return n;
}

}  // namespace onair::report::testing
