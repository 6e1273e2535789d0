// `media_root:` and `log:`: paths resolved against the station file's folder, so
// the station works the same from whatever directory the daemon starts in.

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

}  // namespace onair::config
