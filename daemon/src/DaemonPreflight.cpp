// Pre-flight: at the station's pre-flight time, tomorrow's airings are
// checked (media, relays) on a worker thread, and what is wrong becomes a
// warning in `onair status`.

#include "DaemonState.hpp"

#include <boost/asio/post.hpp>

#include "onair/daemon/HttpProbe.hpp"

namespace onair::daemon {

using namespace std::chrono_literals;

TimePoint Daemon::Impl::next_preflight_after(TimePoint now) const {
    const scheduler::StationTimeZone& zone = conductor->time_zone();
    const date::local_days today{zone.local_date(now)};
    for (const date::local_days day : {today, today + date::days{1}}) {
        const TimePoint at = zone.resolve(day + station->preflight).instant;
        if (at > now) {
            return at;
        }
    }
    return now + 24h;
}

void Daemon::Impl::run_preflight(TimePoint now) {
    if (preflight_worker.joinable()) {
        preflight_worker.join();  // the last one is long over (it ran a day ago)
    }
    const scheduler::StationTimeZone& zone = conductor->time_zone();
    const date::local_days tomorrow = date::local_days{zone.local_date(now)} + date::days{1};
    const TimePoint from = zone.resolve(tomorrow).instant;
    const TimePoint to = zone.resolve(tomorrow + date::days{1}).instant;
    std::vector<scheduler::Airing> airings;
    for (scheduler::Airing& airing : conductor->airings()) {
        if (airing.start >= from && airing.start < to && airing.role != scheduler::Role::fill) {
            airings.push_back(std::move(airing));
        }
    }
    logger->info("pre-flight: checking {} airings of {}", airings.size(),
                 date::format("%F", zone.local_date(from)));
    preflight_worker = std::jthread([this, airings = std::move(airings), station = station, now] {
        // Its own discoverer: probing must not hold up the event loop's.
        playout::DiscovererMediaCatalog media;
        auto problems = onair::conductor::preflight(
            airings, *station, media, [](const std::string& url) { return probe_http(url, 3s); });
        boost::asio::post(io, [this, problems = std::move(problems), now]() mutable {
            preflight_done(std::move(problems), now);
        });
    });
}

void Daemon::Impl::preflight_done(std::vector<PreflightProblem> problems, TimePoint now) {
    for (const std::string& key : preflight_keys) {
        conductor->clear_warning(key);
    }
    preflight_keys.clear();
    const scheduler::StationTimeZone& zone = conductor->time_zone();
    for (const PreflightProblem& problem : problems) {
        const std::string text = "tomorrow " + zone.format_iso(problem.airing.start) + " " +
                                 problem.airing.programme + ": " + problem.text;
        logger->warn("pre-flight: {}", text);
        const std::string key = "preflight:" + airlog::plan_key(problem.airing);
        conductor->warn(key, text, now);
        preflight_keys.push_back(key);
    }
    logger->info("pre-flight: {}",
                 problems.empty() ? std::string("everything for tomorrow is ready")
                                  : std::to_string(problems.size()) + " problem(s) for tomorrow");
}

}  // namespace onair::daemon
