// parse_document(): station-file text to a YAML tree, or located syntax errors.

#include "YamlDocument.hpp"

#include <algorithm>

#include "Field.hpp"
#include "TextChecks.hpp"

namespace onair::config {

namespace {

// yaml-cpp's wording assumes the reader knows YAML's grammar; say what usually
// causes each error in a hand-written station file.
std::string syntax_message(const std::string& yaml_message) {
    struct Hint {
        const char* yaml;
        const char* words;
    };
    static constexpr Hint hints[] = {
        {"illegal map value",
         "a \"key: value\" is not allowed here (check the indentation, and quote text that "
         "contains \": \")"},
        {"end of map flow not found", "a { … } map is not closed; add the missing }"},
        {"end of sequence flow not found", "a [ … ] list is not closed; add the missing ]"},
        {"end of map not found",
         "the map ends unexpectedly (check the indentation and that nothing follows a quoted "
         "value)"},
        {"end of sequence not found", "the list ends unexpectedly (check the indentation)"},
        {"illegal block entry",
         "a list entry (\"- …\") is not allowed here (check the indentation)"},
        {"illegal flow end",
         "this ] or } does not match the [ or { it closes (check the brackets on this line)"},
        {"the referenced anchor is not defined", "an alias (*name) refers to no &name anchor"},
        // yaml-cpp's depth guard (against stack exhaustion) reports itself this way.
        {"bad file", "lists or maps are nested too deeply"},
    };
    for (const auto& hint : hints) {
        if (yaml_message == hint.yaml) {
            return std::string{"invalid YAML: "} + hint.words;
        }
    }
    return "invalid YAML: " + yaml_message;
}

// The first line of a second document (`---` after content, or content after `...`).
Location second_document_location(const LoadContext& context,
                                  const std::vector<YAML::Node>& documents) {
    if (documents.size() > 1 && !documents[1].Mark().is_null()) {
        return context.locate(documents[1]);
    }
    Location last_marker{1, 1};
    for (int number = 1; number <= context.source.line_count(); ++number) {
        auto line = context.source.line(number);
        if (line.substr(0, 3) == "---" || line.substr(0, 3) == "...") {
            last_marker = Location{number, 1};
        }
    }
    return last_marker;
}

}  // namespace

std::optional<YAML::Node> parse_document(const LoadContext& context) {
    check_utf8(context);
    const auto tab_lines = check_tab_indentation(context);

    std::vector<YAML::Node> documents;
    try {
        documents = YAML::LoadAll(context.source.text());
    } catch (const YAML::Exception& error) {
        const Location where = context.source.locate(error.mark);
        if (std::find(tab_lines.begin(), tab_lines.end(), where.line) == tab_lines.end()) {
            // One error per syntax error; an open quote is its most common cause
            // and is usually on an earlier line than where yaml-cpp notices.
            std::string message = syntax_message(error.msg);
            if (auto quote = find_unclosed_quote(context.source, where.line)) {
                message += "; the quote at line " + std::to_string(quote->line) + ", column " +
                           std::to_string(quote->column) + " is not closed on its line";
            }
            context.error(where, std::move(message));
        }
        return std::nullopt;
    }

    // A file of comments only gives no document or one empty document.
    const bool empty = documents.empty() || (documents.size() == 1 && documents[0].IsNull());
    if (empty) {
        context.error(Location{1, 1},
                      "the station file is empty; it needs at least station:, windows: and "
                      "programmes:");
        return std::nullopt;
    }
    if (documents.size() > 1) {
        context.error(second_document_location(context, documents),
                      "the station file holds " + std::to_string(documents.size()) +
                          " YAML documents (separated by ---); put everything in one");
    }
    const YAML::Node root = documents.front();
    check_quotes_closed(root, context);
    if (!root.IsMap()) {
        Location where = root.Mark().is_null() ? Location{1, 1} : context.locate(root);
        context.error(where, "expected a map (key: value) at the top of the station file, found " +
                                 describe_node(root));
        return std::nullopt;
    }
    return root;
}

}  // namespace onair::config
