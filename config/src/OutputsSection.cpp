// The `outputs:` section: where the air signal goes.

#include <algorithm>

#include "IcecastUrl.hpp"
#include "Sections.hpp"
#include "ValueReaders.hpp"
#include "onair/config/Values.hpp"

namespace onair::config {

namespace {

struct OutputType {
    const char* name;
    OutputKind kind;
    std::vector<std::string> keys;
};

const std::vector<OutputType>& output_types() {
    static const std::vector<OutputType> types{
        {"alsa", OutputKind::alsa, {"type", "device"}},
        {"pulse", OutputKind::pulse, {"type", "device"}},
        {"icecast", OutputKind::icecast, {"type", "url", "format", "bitrate", "channels"}},
        {"file",
         OutputKind::file,
         {"type", "path", "format", "retain_days", "bitrate", "channels"}},
        {"null", OutputKind::null, {"type"}},
    };
    return types;
}

std::string lower_extension(const std::string& path) {
    auto extension = std::filesystem::path{path}.extension().string();
    for (auto& c : extension) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return extension;
}

// True for a value written as `null`, `Null`, `NULL` or `~`, as opposed to left empty.
bool is_null_word(const YAML::Node& node, const LoadContext& context) {
    const auto mark = node.Mark();
    if (!node.IsNull() || mark.is_null() || mark.pos < 0) {
        return false;
    }
    const std::string_view rest = std::string_view{context.source.text()}.substr(
        std::min<std::size_t>(static_cast<std::size_t>(mark.pos), context.source.text().size()));
    for (std::string_view word : {"null", "Null", "NULL", "~"}) {
        if (rest.substr(0, word.size()) == word) {
            return true;
        }
    }
    return false;
}

std::optional<std::string> read_format(MapReader& map, const LoadContext& context) {
    auto field = map.find("format");
    if (!field) {
        return std::nullopt;
    }
    auto text = read_text(*field, context);
    if (text && *text != "mp3" && *text != "ogg") {
        context.error(field->location,
                      field->label() + ": \"" + *text + "\" is not a format; write mp3 or ogg");
        return std::nullopt;
    }
    return text;
}

int read_bitrate(MapReader& map, const LoadContext& context) {
    if (auto field = map.find("bitrate")) {
        if (auto value = read_integer(*field, context, 8, 320)) {
            return static_cast<int>(*value);
        }
    }
    return 64;
}

// `channels: 1` or `2` (also `mono`, `stereo`); `fallback` when not written.
int read_channels(MapReader& map, const LoadContext& context, int fallback) {
    auto field = map.find("channels");
    if (!field) {
        return fallback;
    }
    auto text = read_text(*field, context);
    if (!text) {
        return fallback;
    }
    if (*text == "1" || *text == "mono") {
        return 1;
    }
    if (*text == "2" || *text == "stereo") {
        return 2;
    }
    context.error(field->location, field->label() + ": \"" + *text +
                                       "\" is not a channel count; write 1 (mono) or 2 (stereo)");
    return fallback;
}

// strftime conversions a recording path may use (glibc, with E/O modifiers).
bool check_strftime_pattern(const std::string& pattern, const Field& field,
                            const LoadContext& context) {
    static const std::string conversions = "aAbBcCdDeFgGhHIjklmMnprRsStTuUVwWxXyYzZ%+";
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] != '%') {
            continue;
        }
        std::size_t k = i + 1;
        if (k < pattern.size() && (pattern[k] == 'E' || pattern[k] == 'O')) {
            ++k;
        }
        if (k >= pattern.size() || conversions.find(pattern[k]) == std::string::npos) {
            const std::string bad = pattern.substr(i, k + 1 - i);
            context.error(field.location, field.label() + ": \"" + bad + "\" in \"" + pattern +
                                              "\" is not a strftime conversion; use e.g. "
                                              "%Y-%m-%d (write %% for a literal %)");
            return false;
        }
        i = k;
    }
    return true;
}

void read_icecast(MapReader& map, Output& output, const LoadContext& context) {
    std::string mount_format;
    if (auto field = map.require(
            "url", "e.g. url: \"icecast://source:PASSWORD@127.0.0.1:8000/station.mp3\"")) {
        if (auto url = read_text(*field, context)) {
            if (auto problem = icecast_url_problem(*url)) {
                context.error(field->location, field->label() + ": " + *problem);
            } else {
                output.url = *url;
                auto extension = lower_extension(icecast_mount(*url));
                mount_format = extension == ".ogg" || extension == ".oga" ? "ogg" : "mp3";
            }
        }
    }
    output.format = read_format(map, context).value_or(mount_format.empty() ? "mp3" : mount_format);
    output.bitrate_kbps = read_bitrate(map, context);
    output.channels = read_channels(map, context, 2);
}

void read_file_output(MapReader& map, Output& output, const LoadContext& context) {
    auto format = read_format(map, context);
    if (auto field = map.require("path", "e.g. path: \"aircheck/%Y-%m-%d.ogg\"")) {
        if (auto path = read_text(*field, context)) {
            output.path = *path;
            check_strftime_pattern(*path, *field, context);
            auto extension = lower_extension(*path);
            if (!format && !map.has("format")) {
                if (extension == ".mp3") {
                    format = "mp3";
                } else if (extension == ".ogg" || extension == ".oga") {
                    format = "ogg";
                } else {
                    context.error(field->location,
                                  field->label() + ": cannot tell the format from \"" + *path +
                                      "\"; end it in .mp3 or .ogg, or add format: mp3 or "
                                      "format: ogg");
                }
            }
        }
    }
    output.format = format.value_or("");
    if (auto field = map.find("retain_days")) {
        if (auto days = read_integer(*field, context, 0, 36500)) {
            output.retain_days = static_cast<int>(*days);
        }
    }
    output.bitrate_kbps = read_bitrate(map, context);
    // The air-check is the station's record of what went out, kept for months:
    // mono more than halves its encoder's CPU, spends the bitrate on one
    // channel, and loses nothing that record needs. `channels: 2` keeps stereo.
    output.channels = read_channels(map, context, 1);
}

std::optional<Output> read_output(const Field& field, std::size_t number,
                                  const LoadContext& context) {
    if (!expect_map(field, context, "write e.g. - { type: alsa, device: default }")) {
        return std::nullopt;
    }
    const std::string owner = "output #" + std::to_string(number);
    MapReader map{field.node, Scope{owner}, context};
    Output output;
    output.location = map.location();
    auto type_field = map.require("type", "write type: alsa, pulse, icecast, file or null");
    std::optional<std::string> type;
    if (type_field && is_null_word(type_field->node, context)) {
        type = "null";  // `type: null` is YAML's null, and what the spec asks for
    } else if (type_field) {
        type = read_text(*type_field, context);
    }
    const auto& types = output_types();
    auto found = std::find_if(types.begin(), types.end(),
                              [&](const OutputType& t) { return type && *type == t.name; });
    if (found == types.end()) {
        if (type) {
            std::vector<std::string> names;
            for (const auto& t : types) {
                names.push_back(t.name);
            }
            std::string message = type_field->label() + ": unknown output type \"" + *type + "\"";
            auto suggestion = closest_match(*type, names);
            message += suggestion.empty() ? "; write " + join_alternatives(names)
                                          : "; did you mean \"" + suggestion + "\"?";
            context.error(type_field->location, std::move(message));
        }
        return std::nullopt;
    }
    output.kind = found->kind;
    // Messages name the type from here on: "url of output #2 (icecast)".
    map.rename(Scope{owner + " (" + found->name + ")"});
    switch (output.kind) {
        case OutputKind::alsa:
            output.device = "default";
            [[fallthrough]];
        case OutputKind::pulse:
            if (auto device = map.find("device")) {
                if (auto text = read_text(*device, context)) {
                    output.device = *text;
                }
            }
            break;
        case OutputKind::icecast:
            read_icecast(map, output, context);
            break;
        case OutputKind::file:
            read_file_output(map, output, context);
            break;
        case OutputKind::null:
            break;
    }
    map.check_unknown_keys(found->keys);
    return output;
}

}  // namespace

void read_outputs(MapReader& top, Station& station, const LoadContext& context) {
    auto section = top.find("outputs");
    if (!section || section->node.IsNull()) {
        return;
    }
    if (!expect_list(*section, context, "write e.g. outputs: [{ type: alsa }]")) {
        return;
    }
    std::size_t number = 0;
    for (const auto& item : list_items(*section, context)) {
        auto output = read_output(item, ++number, context);
        if (!output) {
            continue;
        }
        // Two sound cards carrying the same signal are normal; the same card twice
        // is a copy-paste slip (the device is opened once, or fails the second time).
        const bool sound_card =
            output->kind == OutputKind::alsa || output->kind == OutputKind::pulse;
        for (const auto& earlier : station.outputs) {
            if (sound_card && earlier.kind == output->kind && earlier.device == output->device) {
                context.warning(output->location,
                                std::string{"output type "} +
                                    (output->kind == OutputKind::alsa ? "alsa" : "pulse") +
                                    " with device \"" + output->device +
                                    "\" is given twice (first at line " +
                                    std::to_string(earlier.location.line) + ")");
                break;
            }
        }
        station.outputs.push_back(std::move(*output));
    }
}

}  // namespace onair::config
