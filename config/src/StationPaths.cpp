// `media_root:`, `log:` and `control:`: paths resolved against the station
// file's folder, so the station works the same from whatever directory the
// daemon starts in.

#include <sys/un.h>

#include "Sections.hpp"
#include "ValueReaders.hpp"

namespace onair::config {

namespace {

std::filesystem::path resolve(const std::filesystem::path& folder,
                              const std::filesystem::path& path) {
    auto resolved = (path.is_absolute() ? path : folder / path).lexically_normal();
    // `media/` normalises to `media/`; drop the empty last element.
    if (!resolved.has_filename() && resolved.has_relative_path()) {
        resolved = resolved.parent_path();
    }
    return resolved.empty() ? std::filesystem::path{"."} : resolved;
}

}  // namespace

void read_media_root(MapReader& top, Station& station, const LoadContext& context) {
    station.media_root = resolve(context.folder, ".");
    auto field = top.find("media_root");
    if (!field) {
        return;
    }
    if (field->node.IsNull()) {
        context.error(field->location,
                      "media_root is empty; write a folder, or leave the key out to use the "
                      "station file's folder");
        return;
    }
    if (auto text = read_text(*field, context)) {
        station.media_root = resolve(context.folder, *text);
    }
}

void read_log(MapReader& top, Station& station, const LoadContext& context) {
    station.log.database = resolve(context.folder, "onair.db");
    auto section = top.find("log");
    if (!section || !expect_map(*section, context, "write e.g. log: { database: onair.db }")) {
        return;
    }
    MapReader map{section->node, section->scope, context};
    if (auto database = map.find("database")) {
        if (auto text = read_text(*database, context)) {
            station.log.database = resolve(context.folder, *text);
        }
    }
    map.check_unknown_keys({"database"});
}

void read_control(MapReader& top, Station& station, const LoadContext& context) {
    auto section = top.find("control");
    if (!section ||
        !expect_map(*section, context, "write e.g. control: { socket: /run/onair/control.sock }")) {
        return;
    }
    MapReader map{section->node, section->scope, context};
    if (auto socket = map.find("socket")) {
        if (auto text = read_text(*socket, context)) {
            // The kernel keeps a socket's path in a fixed array (sun_path), with
            // its terminating zero.
            constexpr std::size_t longest = sizeof(sockaddr_un::sun_path) - 1;
            auto path = resolve(context.folder, *text);
            if (text->back() == '/') {
                context.error(socket->location,
                              socket->label() + ": \"" + *text +
                                  "\" is a folder; write the socket's file name, e.g. " +
                                  "/run/onair/control.sock");
            } else if (path.native().size() > longest) {
                context.error(socket->location, socket->label() + ": the path is " +
                                                    std::to_string(path.native().size()) +
                                                    " bytes long, longer than the " +
                                                    std::to_string(longest) +
                                                    " a Unix socket allows; choose a shorter path");
            } else {
                station.control.socket = path;
            }
        }
    }
    map.check_unknown_keys({"socket"});
}

}  // namespace onair::config
