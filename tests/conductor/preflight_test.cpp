// The nightly pre-flight: which of tomorrow's airings would fail, and the HTTP
// check of relay URLs against small servers on 127.0.0.1.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>

#include "../scheduler/FakeMediaCatalog.hpp"
#include "onair/conductor/Preflight.hpp"
#include "onair/config/StationLoader.hpp"

namespace onair::conductor {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;
namespace asio = boost::asio;
using asio::ip::tcp;

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

/// Accepts one connection on 127.0.0.1 and answers it with `answer` (nothing
/// when empty: a server that never replies). Its own thread runs an
/// io_context, so going away is `stop()`: a blocking accept() would not wake
/// when another thread closes the acceptor, and the test would hang.
class OneShotServer {
  public:
    explicit OneShotServer(std::string answer) : answer_(std::move(answer)) {
        acceptor_.open(tcp::v4());
        acceptor_.bind({asio::ip::make_address("127.0.0.1"), 0});
        acceptor_.listen();
        acceptor_.async_accept(socket_, [this](const boost::system::error_code& error) {
            if (!error) {
                asio::async_read_until(
                    socket_, request_, "\r\n\r\n",
                    [this](const boost::system::error_code& error, std::size_t) { reply(error); });
            }
        });
        thread_ = std::thread([this] { io_.run(); });
    }
    ~OneShotServer() {
        io_.stop();
        thread_.join();
    }
    std::string url() const {
        return "http://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port()) +
               "/tinh.mp3";
    }

  private:
    void reply(const boost::system::error_code& error) {
        if (!error && !answer_.empty()) {
            asio::async_write(socket_, asio::buffer(answer_),
                              [this](const boost::system::error_code&, std::size_t) {
                                  boost::system::error_code ignored;
                                  socket_.close(ignored);
                              });
        }
        // An empty answer keeps the connection open and silent until the server goes.
    }

    std::string answer_;
    asio::io_context io_;
    tcp::acceptor acceptor_{io_};
    tcp::socket socket_{io_};
    asio::streambuf request_;
    std::thread thread_;
};

TEST(ProbeHttp, AStreamThatAnswersIsFine) {
    OneShotServer server("HTTP/1.0 200 OK\r\nContent-Type: audio/mpeg\r\n\r\n\xff\xfb");
    EXPECT_EQ(probe_http(server.url(), 3s), std::nullopt);
}

TEST(ProbeHttp, IcecastsIcyAnswerIsFine) {
    OneShotServer server("ICY 200 OK\r\n\r\n");
    EXPECT_EQ(probe_http(server.url(), 3s), std::nullopt);
}

TEST(ProbeHttp, AMissingMountSaysTheStatus) {
    OneShotServer server("HTTP/1.0 404 Not Found\r\n\r\n");
    EXPECT_EQ(probe_http(server.url(), 3s), "HTTP 404");
}

TEST(ProbeHttp, ASilentServerTimesOut) {
    OneShotServer server("");
    const auto started = std::chrono::steady_clock::now();
    EXPECT_EQ(probe_http(server.url(), 500ms), "no answer within 0.5s");
    EXPECT_LT(std::chrono::steady_clock::now() - started, 3s);
}

TEST(ProbeHttp, AClosedPortIsRefused) {
    // Bound but not listening: connecting is refused, and no other test
    // (ctest runs them in parallel) can take the port meanwhile.
    asio::io_context io;
    tcp::socket holder(io);
    holder.open(tcp::v4());
    holder.bind({asio::ip::make_address("127.0.0.1"), 0});
    const std::string url =
        "http://127.0.0.1:" + std::to_string(holder.local_endpoint().port()) + "/tinh.mp3";
    EXPECT_THAT(probe_http(url, 2s).value_or(""), HasSubstr("refused"));
}

}  // namespace
}  // namespace onair::conductor
