#include "AiringSource.hpp"

#include <algorithm>

#include "EpisodePattern.hpp"
#include "onair/scheduler/Planner.hpp"

namespace onair::scheduler {
namespace {

using std::chrono::milliseconds;

MediaInfo probe_file(Airing& airing, const std::string& source, const config::Station& station,
                     MediaCatalog& media) {
    const auto path = media_path(station, source);
    MediaInfo info = media.file(path);
    if (info.status == MediaInfo::Status::missing) {
        airing.media_ok = false;
        airing.media_note = "missing file " + path.string();
    } else if (info.status == MediaInfo::Status::unreadable) {
        airing.media_ok = false;
        airing.media_note =
            "unreadable file " + path.string() + (info.detail.empty() ? "" : ": " + info.detail);
    }
    return info;
}

void check_folder(Airing& airing, const std::string& source, const config::Station& station,
                  MediaCatalog& media) {
    const auto path = media_path(station, source);
    if (!media.folder_has_media(path)) {
        airing.media_ok = false;
        airing.media_note = "folder " + path.string() + " is empty or missing";
    }
}

}  // namespace

MediaInfo resolve_airing_source(Airing& airing, const config::Source& source,
                                date::year_month_day episode_date, const config::Station& station,
                                MediaCatalog& media) {
    airing.source_kind = source.kind;
    switch (source.kind) {
        case config::SourceKind::file:
            airing.source = expand_episode_pattern(source.target, episode_date);
            return probe_file(airing, airing.source, station, media);
        case config::SourceKind::relay:
            airing.source = source.target;
            if (source.fallback) {
                airing.fallback = expand_episode_pattern(*source.fallback, episode_date);
                probe_file(airing, airing.fallback, station, media);
            }
            break;
        case config::SourceKind::folder:
            airing.source = source.target;
            check_folder(airing, airing.source, station, media);
            break;
    }
    return {};
}

milliseconds planned_length(const config::Programme& programme, const MediaInfo& file) {
    if (programme.source.kind != config::SourceKind::file) {
        return programme.duration.value_or(milliseconds{0});
    }
    if (file.status != MediaInfo::Status::ok) {
        return programme.max_duration.value_or(milliseconds{0});
    }
    return std::min(file.duration, programme.max_duration.value_or(file.duration));
}

}  // namespace onair::scheduler
