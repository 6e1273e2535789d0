#pragma once
// One reader per top-level section of the station file. Each reads its part of
// the root map into the Station, reports every problem it finds to the context,
// and fills in what it could read so later sections can still be checked.

#include <string>
#include <vector>

#include "MapReader.hpp"
#include "onair/config/Station.hpp"

namespace onair::config {

/// The windows as programmes see them: the valid ones, and every name written
/// (a window with a bad time still exists, so it is not "unknown").
struct WindowCatalog {
    const std::vector<Window>& windows;
    std::vector<std::string> written_names;
};

void read_station_section(MapReader& top, Station& station, const LoadContext& context);
void read_media_root(MapReader& top, Station& station, const LoadContext& context);
WindowCatalog read_windows(MapReader& top, Station& station, const LoadContext& context);
void read_filler(MapReader& top, Station& station, const LoadContext& context);
void read_outputs(MapReader& top, Station& station, const LoadContext& context);
void read_log(MapReader& top, Station& station, const LoadContext& context);
void read_control(MapReader& top, Station& station, const LoadContext& context);
void read_programmes(MapReader& top, Station& station, const WindowCatalog& windows,
                     const LoadContext& context);

}  // namespace onair::config
