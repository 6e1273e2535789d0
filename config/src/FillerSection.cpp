// The `filler:` section: what plays in the empty parts of a window.

#include "Sections.hpp"
#include "SourceReader.hpp"
#include "ValueReaders.hpp"

namespace onair::config {

void read_filler(MapReader& top, Station& station, const LoadContext& context) {
    auto section = top.find("filler");
    if (!section || !expect_map(*section, context,
                                "write e.g. filler: { folder: filler }, or leave it out "
                                "for silence")) {
        return;
    }
    MapReader map{section->node, section->scope, context};
    Filler filler;
    filler.title = "filler";
    if (auto title = map.find("title")) {
        if (auto text = read_text(*title, context)) {
            filler.title = *text;
        }
    }
    for (const char* key : {"duration", "max_duration"}) {
        if (map.find(key)) {
            context.error(map.key_location(key),
                          std::string{key} +
                              " is not allowed in filler: filler plays until the window's next "
                              "airing (or its end); remove it");
        }
    }
    auto source = read_source_keys(map, context);
    auto allowed = source_keys;
    allowed.push_back("title");
    map.check_unknown_keys(allowed);
    if (source) {
        filler.source = *source;
        station.filler = std::move(filler);
    }
}

}  // namespace onair::config
