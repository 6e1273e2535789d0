#pragma once
// Text into HTML: everything that comes from a station file or the log (titles,
// notes, relay URLs) goes through append_escaped(), in element content and in
// attribute values alike.

#include <string>
#include <string_view>

namespace onair::report {

/// Escapes & < > " ' so the text can stand in content and in quoted attributes.
inline void append_escaped(std::string& out, std::string_view text) {
    for (const char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
}

inline std::string escaped(std::string_view text) {
    std::string out;
    append_escaped(out, text);
    return out;
}

}  // namespace onair::report
