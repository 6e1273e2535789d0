// MapReader: keys of a station-file map, with duplicate and unknown-key checks.

#include "MapReader.hpp"

#include <algorithm>

#include "onair/config/Values.hpp"

namespace onair::config {

MapReader::MapReader(const YAML::Node& map, Scope scope, const LoadContext& context)
    : scope_(std::move(scope)), context_(context), location_(context.locate(map)) {
    for (auto it = map.begin(); it != map.end(); ++it) {
        const YAML::Node key = it->first;
        const Location where = context.locate(key);
        if (!key.IsScalar() || key.Scalar().empty()) {
            context.error(where, "a key in " + scope_.label() + " must be a plain word, found " +
                                     describe_node(key));
            continue;
        }
        const std::string name = key.Scalar();
        if (const Entry* first = entry(name)) {
            context.error(where, "duplicate key \"" + name + "\" in " + scope_.label() +
                                     "; the first is at line " +
                                     std::to_string(first->key_location.line) +
                                     " (remove one of them)");
            continue;
        }
        entries_.push_back(Entry{name, it->second, where});
    }
}

const MapReader::Entry* MapReader::entry(std::string_view key) const {
    for (const auto& item : entries_) {
        if (item.key == key) {
            return &item;
        }
    }
    return nullptr;
}

Field MapReader::field_of(const Entry& item) const {
    // yaml-cpp places an empty value (`key:`) at the next token, often lines
    // below; the key is where the operator will look.
    Location where = item.value.IsNull() ? item.key_location : context_.locate(item.value);
    return Field{item.value, where, scope_.child(item.key)};
}

std::optional<Field> MapReader::find(std::string_view key) {
    for (auto& item : entries_) {
        if (item.key == key) {
            item.taken = true;
            return field_of(item);
        }
    }
    return std::nullopt;
}

std::optional<Field> MapReader::require(std::string_view key, std::string_view hint) {
    auto field = find(key);
    if (!field) {
        std::string message =
            "missing required key \"" + std::string{key} + "\" in " + scope_.label();
        if (!hint.empty()) {
            message += "; " + std::string{hint};
        }
        context_.error(location_, std::move(message));
    }
    return field;
}

bool MapReader::has(std::string_view key) const {
    return entry(key) != nullptr;
}

Location MapReader::key_location(std::string_view key) const {
    const Entry* item = entry(key);
    return item ? item->key_location : location_;
}

void MapReader::check_unknown_keys(const std::vector<std::string>& allowed) const {
    for (const auto& item : entries_) {
        if (item.taken || std::find(allowed.begin(), allowed.end(), item.key) != allowed.end()) {
            continue;
        }
        std::string message = "unknown key \"" + item.key + "\" in " + scope_.label();
        if (item.key == "<<") {
            // yaml-cpp 0.7 reads a merge key as an ordinary key.
            context_.error(item.key_location,
                           message +
                               "; merge keys (<<: *anchor) are not supported, write the keys "
                               "out");
            continue;
        }
        auto suggestion = closest_match(item.key, allowed);
        if (!suggestion.empty()) {
            message += "; did you mean \"" + suggestion + "\"?";
        } else {
            message += "; allowed keys: " + join_alternatives(allowed, ", ");
        }
        context_.error(item.key_location, std::move(message));
    }
}

std::vector<std::string> MapReader::keys() const {
    std::vector<std::string> result;
    for (const auto& item : entries_) {
        result.push_back(item.key);
    }
    return result;
}
}  // namespace onair::config
