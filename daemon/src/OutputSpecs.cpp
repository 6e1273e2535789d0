#include "OutputSpecs.hpp"

#include <map>

namespace onair::daemon {

namespace fs = std::filesystem;
using playout::OutputSpec;

namespace {

const char* type_name(config::OutputKind kind) {
    switch (kind) {
        case config::OutputKind::alsa:
            return "alsa";
        case config::OutputKind::pulse:
            return "pulse";
        case config::OutputKind::icecast:
            return "icecast";
        case config::OutputKind::file:
            return "file";
        case config::OutputKind::null:
            return "null";
    }
    return "null";
}

OutputSpec::Encoding encoding_of(const std::string& format) {
    return format == "mp3" ? OutputSpec::Encoding::mp3 : OutputSpec::Encoding::ogg_vorbis;
}

}  // namespace

std::vector<OutputSpec> output_specs(const config::Station& station) {
    const fs::path folder = fs::path(station.file).parent_path();
    std::vector<OutputSpec> specs;
    std::map<std::string, int> seen;
    for (const config::Output& output : station.outputs) {
        OutputSpec spec;
        const std::string type = type_name(output.kind);
        const int count = ++seen[type];
        spec.name = count == 1 ? type : type + "-" + std::to_string(count);
        spec.time_zone = station.timezone;
        spec.bitrate_kbps = output.bitrate_kbps;
        spec.channels = output.channels;
        spec.device = output.device;
        switch (output.kind) {
            case config::OutputKind::file:
                spec.kind = OutputSpec::Kind::file;
                spec.path = fs::path(output.path).is_absolute() ? fs::path(output.path)
                                                                : folder / output.path;
                spec.encoding = encoding_of(output.format);
                spec.retain_days = output.retain_days;
                break;
            case config::OutputKind::icecast:
                spec.kind = OutputSpec::Kind::icecast;
                spec.url = output.url;
                spec.encoding = encoding_of(output.format);
                break;
            case config::OutputKind::alsa:
                spec.kind = OutputSpec::Kind::alsa;
                break;
            case config::OutputKind::pulse:
                spec.kind = OutputSpec::Kind::pulse;
                break;
            case config::OutputKind::null:
                spec.kind = OutputSpec::Kind::null;
                break;
        }
        specs.push_back(std::move(spec));
    }
    if (specs.empty()) {
        OutputSpec none;
        none.name = "null";
        specs.push_back(none);
    }
    return specs;
}

}  // namespace onair::daemon
