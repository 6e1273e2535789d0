// probe_http, the pre-flight's relay check, against small servers on 127.0.0.1.

#include <chrono>
#include <string>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>

#include "onair/daemon/HttpProbe.hpp"

namespace onair::daemon {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;
namespace asio = boost::asio;
using asio::ip::tcp;

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
    EXPECT_EQ(probe_http(server.url(), 30s), std::nullopt);
}

TEST(ProbeHttp, IcecastsIcyAnswerIsFine) {
    OneShotServer server("ICY 200 OK\r\n\r\n");
    EXPECT_EQ(probe_http(server.url(), 30s), std::nullopt);
}

TEST(ProbeHttp, AMissingMountSaysTheStatus) {
    OneShotServer server("HTTP/1.0 404 Not Found\r\n\r\n");
    EXPECT_EQ(probe_http(server.url(), 30s), "HTTP 404");
}

TEST(ProbeHttp, ASilentServerTimesOut) {
    OneShotServer server("");
    const auto started = std::chrono::steady_clock::now();
    EXPECT_EQ(probe_http(server.url(), 500ms), "no answer within 0.5s");
    // It gives up on its own timeout (the server would keep the connection
    // open for ever): no earlier, and with room no loaded machine needs.
    const auto waited = std::chrono::steady_clock::now() - started;
    EXPECT_GE(waited, 500ms);
    EXPECT_LT(waited, 30s);
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
}  // namespace onair::daemon
