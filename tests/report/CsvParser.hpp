#pragma once
// A strict RFC 4180 reader for the tests: records end with CRLF, fields are
// separated by commas, a quoted field may hold commas, CRLF and doubled quotes.
// Anything else (a bare LF, a quote inside an unquoted field, text after a
// closing quote) is an error, so the writer is checked, not forgiven.

#include <stdexcept>
#include <string>
#include <vector>

namespace onair::report::testing {

using CsvRecord = std::vector<std::string>;

inline std::vector<CsvRecord> parse_csv(const std::string& text) {
    std::vector<CsvRecord> records;
    CsvRecord record;
    std::string field;
    std::size_t at = 0;
    auto fail = [&](const char* why) {
        throw std::runtime_error(std::string("CSV: ") + why + " at byte " + std::to_string(at));
    };
    while (at < text.size()) {
        if (text[at] == '"') {
            ++at;
            for (;;) {
                if (at >= text.size()) {
                    fail("unterminated quoted field");
                }
                if (text[at] == '"') {
                    if (at + 1 < text.size() && text[at + 1] == '"') {
                        field += '"';
                        at += 2;
                        continue;
                    }
                    ++at;
                    break;
                }
                field += text[at++];
            }
            if (at < text.size() && text[at] != ',' && text[at] != '\r') {
                fail("text after a closing quote");
            }
        } else {
            while (at < text.size() && text[at] != ',' && text[at] != '\r') {
                if (text[at] == '"' || text[at] == '\n') {
                    fail("quote or bare LF in an unquoted field");
                }
                field += text[at++];
            }
        }
        if (at < text.size() && text[at] == ',') {
            record.push_back(std::move(field));
            field.clear();
            ++at;
            continue;
        }
        if (at + 1 >= text.size() || text[at] != '\r' || text[at + 1] != '\n') {
            fail("record does not end with CRLF");
        }
        at += 2;
        record.push_back(std::move(field));
        field.clear();
        records.push_back(std::move(record));
        record.clear();
    }
    return records;
}

}  // namespace onair::report::testing
