// The `programmes:` section: what airs, from which source, and when.

#include <map>

#include "RecurrenceReader.hpp"
#include "Sections.hpp"
#include "SourceReader.hpp"
#include "ValueReaders.hpp"
#include "onair/config/Values.hpp"

namespace onair::config {

namespace {

const std::vector<std::string>& programme_keys() {
    static const std::vector<std::string> keys{
        "id",       "title",        "category", "priority",  "from",   "until", "except", "source",
        "duration", "max_duration", "monthly",  "quarterly", "weekly", "daily", "once"};
    return keys;
}

bool valid_id_character(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

// `CDS Thixa` -> `cds-thixa`, offered only when the result is a valid id.
std::string suggested_id(const std::string& id) {
    std::string result;
    for (char c : id) {
        if (c >= 'A' && c <= 'Z') {
            result += static_cast<char>(c - 'A' + 'a');
        } else if (valid_id_character(c)) {
            result += c;
        } else if (c == ' ' || c == '.') {
            result += '-';
        } else {
            return {};
        }
    }
    return result;
}

// Programme ids seen so far, with where each was written.
using IdIndex = std::map<std::string, Location>;

std::optional<std::string> read_id(MapReader& map, IdIndex& ids, const LoadContext& context) {
    auto field = map.require("id", "e.g. id: cds-thixa");
    if (!field) {
        return std::nullopt;
    }
    auto id = read_text(*field, context);
    if (!id) {
        return std::nullopt;
    }
    const bool valid = std::all_of(id->begin(), id->end(), valid_id_character);
    if (!valid) {
        std::string message = field->label() + ": \"" + *id +
                              "\" may only contain lower-case letters a-z, digits 0-9, \"-\" "
                              "and \"_\"";
        if (auto suggestion = suggested_id(*id); !suggestion.empty()) {
            message += ", e.g. \"" + suggestion + "\"";
        }
        context.error(field->location, std::move(message));
    } else if (*id == "filler") {
        context.error(field->location, field->label() +
                                           ": \"filler\" is reserved for filler airings; "
                                           "choose another id");
    } else if (auto first = ids.find(*id); first != ids.end()) {
        context.error(field->location, "duplicate programme id \"" + *id +
                                           "\"; the first is at line " +
                                           std::to_string(first->second.line));
    } else {
        ids.emplace(*id, field->location);
    }
    return id;
}

void read_lengths(MapReader& map, Programme& programme, const std::optional<Source>& source,
                  const LoadContext& context) {
    auto duration = map.find("duration");
    auto max_duration = map.find("max_duration");
    if (duration) {
        programme.duration = read_duration(*duration, context);
    }
    if (max_duration) {
        programme.max_duration = read_duration(*max_duration, context);
    }
    if (!source) {
        return;
    }
    const std::string label = map.scope().label();
    if (source->kind == SourceKind::file) {
        if (duration) {
            context.error(map.key_location("duration"),
                          "duration of " + label +
                              ": a file's length comes from the file; use max_duration to cap "
                              "it");
        }
        return;
    }
    const char* kind = source->kind == SourceKind::relay ? "relay" : "folder";
    if (!duration) {
        context.error(map.location(),
                      "missing required key \"duration\" in " + label + "; a " + kind +
                          " source needs it (how long it airs), e.g. duration: 30m");
    }
    if (max_duration) {
        context.error(map.key_location("max_duration"),
                      "max_duration of " + label + " is only for file sources; use duration (a " +
                          kind + " source airs for exactly that long)");
    }
}

void read_active_range(MapReader& map, Programme& programme, const LoadContext& context) {
    if (auto from = map.find("from")) {
        programme.from = read_date(*from, context);
    }
    if (auto until = map.find("until")) {
        programme.until = read_date(*until, context);
        if (programme.from && programme.until && *programme.until < *programme.from) {
            context.error(until->location, until->label() + ": " + format_date(*programme.until) +
                                               " is before from (" + format_date(*programme.from) +
                                               ")");
        }
    }
    if (auto except = map.find("except")) {
        if (auto dates = read_dates(*except, context)) {
            programme.except = std::move(*dates);
        }
    }
}

std::optional<Source> read_programme_source(MapReader& map, const LoadContext& context) {
    auto field = map.require("source", "e.g. source: { file: \"cds/{yyyy}-{mm}.mp3\" }");
    if (!field || !expect_map(*field, context,
                              "write source: { file: \"…\" }, { relay: \"http://…\" } or "
                              "{ folder: \"…\" }")) {
        return std::nullopt;
    }
    MapReader source_map{field->node, field->scope, context};
    auto source = read_source_keys(source_map, context);
    source_map.check_unknown_keys(source_keys);
    return source;
}

std::optional<Programme> read_programme(const Field& item, std::size_t number, IdIndex& ids,
                                        const WindowCatalog& windows, const LoadContext& context) {
    if (!expect_map(item, context, "each programme is a map starting with - id: …")) {
        return std::nullopt;
    }
    MapReader map{item.node, Scope{"programme #" + std::to_string(number)}, context};
    Programme programme;
    programme.location = map.location();
    if (auto id = read_id(map, ids, context)) {
        programme.id = *id;
        map.rename(Scope{"programme \"" + *id + "\""});
    }
    if (auto title = map.require("title", "e.g. title: \"Chuyên mục Chuyển đổi số\"")) {
        programme.title = read_text(*title, context).value_or("");
    }
    if (auto category = map.find("category")) {
        programme.category = read_text(*category, context).value_or("");
    }
    if (auto priority = map.find("priority")) {
        programme.priority =
            static_cast<int>(read_integer(*priority, context, -1000, 1000).value_or(0));
    }
    read_active_range(map, programme, context);
    auto source = read_programme_source(map, context);
    if (source) {
        programme.source = *source;
    }
    read_lengths(map, programme, source, context);
    if (auto recurrence = read_recurrence(map, map.has("from"), windows, context)) {
        programme.recurrence = std::move(*recurrence);
    }
    map.check_unknown_keys(programme_keys());
    return programme;
}

}  // namespace

void read_programmes(MapReader& top, Station& station, const WindowCatalog& windows,
                     const LoadContext& context) {
    auto section = top.require("programmes",
                               "add programmes: followed by a list of - id: … entries (or "
                               "programmes: [] for none yet)");
    if (!section || !expect_list(*section, context,
                                 "write programmes: followed by - id: … entries, or programmes: "
                                 "[] for none")) {
        return;
    }
    IdIndex ids;
    std::size_t number = 0;
    for (const auto& item : list_items(*section, context)) {
        if (auto programme = read_programme(item, ++number, ids, windows, context)) {
            station.programmes.push_back(std::move(*programme));
        }
    }
}

}  // namespace onair::config
