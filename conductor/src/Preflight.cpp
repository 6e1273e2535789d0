#include "onair/conductor/Preflight.hpp"

#include <map>

#include "onair/conductor/DurationText.hpp"
#include "onair/scheduler/Planner.hpp"

namespace onair::conductor {

std::vector<PreflightProblem> preflight(const std::vector<scheduler::Airing>& airings,
                                        const config::Station& station,
                                        scheduler::MediaCatalog& media, const RelayProbe& relay) {
    std::vector<PreflightProblem> problems;
    std::map<std::string, std::optional<std::string>> checked;  // file or URL -> problem
    auto check_file = [&](const std::string& source) -> std::optional<std::string> {
        const auto path = scheduler::media_path(station, source);
        const auto found = checked.find(path.string());
        if (found != checked.end()) {
            return found->second;
        }
        std::optional<std::string> problem;
        const scheduler::MediaInfo info = media.file(path);
        if (info.status == scheduler::MediaInfo::Status::missing) {
            problem = "missing file " + path.string();
        } else if (info.status == scheduler::MediaInfo::Status::unreadable) {
            problem =
                "cannot play " + path.string() + (info.detail.empty() ? "" : ": " + info.detail);
        }
        checked.emplace(path.string(), problem);
        return problem;
    };
    for (const scheduler::Airing& airing : airings) {
        std::optional<std::string> problem;
        switch (airing.source_kind) {
            case config::SourceKind::file:
                problem = check_file(airing.source);
                break;
            case config::SourceKind::folder:
                if (!media.folder_has_media(scheduler::media_path(station, airing.source))) {
                    problem = "no audio files in folder " +
                              scheduler::media_path(station, airing.source).string();
                }
                break;
            case config::SourceKind::relay: {
                auto found = checked.find(airing.source);
                if (found == checked.end()) {
                    found = checked.emplace(airing.source, relay(airing.source)).first;
                }
                if (found->second) {
                    problem = "relay " + airing.source + " does not answer: " + *found->second;
                    if (!airing.fallback.empty()) {
                        const auto fallback = check_file(airing.fallback);
                        *problem += fallback ? "; and its fallback: " + *fallback
                                             : "; its fallback file is ready";
                    }
                } else if (!airing.fallback.empty()) {
                    if (const auto fallback = check_file(airing.fallback)) {
                        problem = "relay fallback: " + *fallback;
                    }
                }
                break;
            }
        }
        if (problem) {
            problems.push_back({airing, *problem});
        }
    }
    return problems;
}

}  // namespace onair::conductor
