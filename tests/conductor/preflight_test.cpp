// The nightly pre-flight: which of tomorrow's airings would fail (the relay
// check is a stand-in here; tests/daemon/http_probe_test.cpp tests the real one).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "../scheduler/FakeMediaCatalog.hpp"
#include "onair/conductor/Preflight.hpp"
#include "onair/config/StationLoader.hpp"

namespace onair::conductor {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;

scheduler::Airing airing(const std::string& programme, config::SourceKind kind,
                         const std::string& source, const std::string& fallback = {}) {
    scheduler::Airing a;
    a.programme = programme;
    a.source_kind = kind;
    a.source = source;
    a.fallback = fallback;
    return a;
}

TEST(Preflight, NamesMissingFilesDeadRelaysAndTheirFallbacks) {
    const config::Station station = config::parse_station(R"(
station: { name: "x" }
windows: { w: { start: "05:00", end: "06:00" } }
programmes:
  - { id: a, title: A, source: { file: a.mp3 }, daily: { at: "05:00" } }
)",
                                                          "/srv/onair/station.yaml");
    scheduler::testing::FakeMediaCatalog media;
    media.set_missing("/srv/onair/a.mp3");
    media.set_unreadable("/srv/onair/broken.mp3", "not an audio file");
    media.set_empty_folder("/srv/onair/empty");
    int probes = 0;
    const RelayProbe relay = [&](const std::string& url) -> std::optional<std::string> {
        ++probes;
        return url.find("dead") != std::string::npos ? std::optional<std::string>("refused")
                                                     : std::nullopt;
    };
    const std::vector<scheduler::Airing> tomorrow{
        airing("a", config::SourceKind::file, "a.mp3"),
        airing("a2", config::SourceKind::file, "a.mp3"),  // same file: probed once
        airing("b", config::SourceKind::file, "broken.mp3"),
        airing("ok", config::SourceKind::file, "fine.mp3"),
        airing("f", config::SourceKind::folder, "empty"),
        airing("r1", config::SourceKind::relay, "http://dead/x", "a.mp3"),
        airing("r2", config::SourceKind::relay, "http://dead/x", "fine.mp3"),
        airing("r3", config::SourceKind::relay, "http://live/x", "broken.mp3"),
    };
    const auto problems = preflight(tomorrow, station, media, relay);
    std::map<std::string, std::string> by_programme;
    for (const auto& problem : problems) {
        by_programme[problem.airing.programme] = problem.text;
    }
    EXPECT_EQ(by_programme.size(), 7u);
    EXPECT_FALSE(by_programme.contains("ok"));
    EXPECT_EQ(by_programme["a"], "missing file /srv/onair/a.mp3");
    EXPECT_EQ(by_programme["a2"], "missing file /srv/onair/a.mp3");
    EXPECT_EQ(by_programme["b"], "cannot play /srv/onair/broken.mp3: not an audio file");
    EXPECT_THAT(by_programme["f"], HasSubstr("no audio files in folder /srv/onair/empty"));
    EXPECT_EQ(by_programme["r1"],
              "relay http://dead/x does not answer: refused; and its "
              "fallback: missing file /srv/onair/a.mp3");
    EXPECT_EQ(by_programme["r2"],
              "relay http://dead/x does not answer: refused; its fallback file is ready");
    EXPECT_THAT(by_programme["r3"], HasSubstr("relay fallback: cannot play"));
    EXPECT_EQ(probes, 2);        // each URL once
    EXPECT_EQ(media.probes, 3);  // a, broken, fine: each file once
}

}  // namespace
}  // namespace onair::conductor
