// read_source_keys(): what a programme (or the filler) plays.

#include "SourceReader.hpp"

#include "AsciiCase.hpp"
#include "ValueReaders.hpp"

namespace onair::config {

namespace {

bool check_relay_url(const std::string& url, const Field& field, const LoadContext& context) {
    std::string_view rest = url;
    if (starts_with_lower_case(rest, "http://")) {
        rest.remove_prefix(7);
    } else if (starts_with_lower_case(rest, "https://")) {
        rest.remove_prefix(8);
    } else {
        context.error(field.location, field.label() + ": \"" + url +
                                          "\" is not an http:// or https:// URL; write e.g. "
                                          "http://127.0.0.1:8000/tinh.mp3");
        return false;
    }
    if (rest.empty() || rest.front() == '/' || rest.front() == ':') {
        context.error(field.location, field.label() + ": \"" + url + "\" has no host name");
        return false;
    }
    return true;
}

}  // namespace

std::optional<Source> read_source_keys(MapReader& map, const LoadContext& context) {
    struct Kind {
        const char* key;
        SourceKind kind;
    };
    static constexpr Kind kinds[] = {
        {"file", SourceKind::file}, {"relay", SourceKind::relay}, {"folder", SourceKind::folder}};

    std::optional<Source> source;
    const char* chosen = nullptr;
    for (const auto& kind : kinds) {
        auto field = map.find(kind.key);
        if (!field) {
            continue;
        }
        if (chosen) {
            context.error(map.key_location(kind.key), map.scope().label() + " has both " + chosen +
                                                          " and " + kind.key + "; keep one");
            continue;
        }
        chosen = kind.key;
        source = Source{kind.kind, "", std::nullopt, map.location()};
        auto target = read_text(*field, context);
        if (!target) {
            continue;
        }
        if (kind.kind == SourceKind::file) {
            check_file_pattern(*target, *field, context);
        }
        if (kind.kind == SourceKind::relay) {
            check_relay_url(*target, *field, context);
        }
        source->target = *target;
    }
    if (!chosen) {
        context.error(map.location(), map.scope().label() +
                                          " needs one of file: PATTERN, relay: URL or folder: DIR");
        return std::nullopt;
    }
    if (auto fallback = map.find("fallback")) {
        auto pattern = read_text(*fallback, context);
        if (std::string_view{chosen} != "relay") {
            context.error(map.key_location("fallback"),
                          "fallback in " + map.scope().label() +
                              " is only for relay sources (a file played when the relay fails)");
        } else if (pattern && check_file_pattern(*pattern, *fallback, context)) {
            source->fallback = *pattern;
        }
    }
    // Returned even after a bad value (the loader throws anyway once errors are
    // reported): the kind still lets the caller check the duration rules.
    return source;
}

}  // namespace onair::config
