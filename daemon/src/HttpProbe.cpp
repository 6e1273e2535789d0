#include "onair/daemon/HttpProbe.hpp"

#include <regex>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>

#include "onair/conductor/DurationText.hpp"

namespace onair::daemon {

namespace asio = boost::asio;
using asio::ip::tcp;
using conductor::duration_text;

std::optional<std::string> probe_http(const std::string& url, std::chrono::milliseconds timeout) {
    static const std::regex form{R"(^(https?)://([^/:]+)(?::(\d+))?(/.*)?$)"};
    std::smatch parts;
    if (!std::regex_match(url, parts, form)) {
        return "not an http:// URL";
    }
    if (parts[1] == "https") {
        return std::nullopt;  // TLS is GStreamer's business; not checked here
    }
    const std::string host = parts[2];
    const std::string port = parts[3].matched ? std::string(parts[3]) : "80";
    const std::string path = parts[4].matched ? std::string(parts[4]) : "/";
    asio::io_context io;
    tcp::resolver resolver(io);
    tcp::socket socket(io);
    asio::streambuf answer;
    std::optional<std::string> result = "no answer within " + duration_text(timeout);
    const std::string request = "GET " + path + " HTTP/1.0\r\nHost: " + host +
                                "\r\nUser-Agent: onair-preflight\r\nIcy-MetaData: 0\r\n\r\n";
    resolver.async_resolve(
        host, port,
        [&](const boost::system::error_code& error, tcp::resolver::results_type endpoints) {
            if (error) {
                result = "cannot resolve " + host + ": " + error.message();
                return;
            }
            asio::async_connect(
                socket, endpoints,
                [&](const boost::system::error_code& error, const tcp::endpoint&) {
                    if (error) {
                        result = error.message();
                        return;
                    }
                    asio::async_write(
                        socket, asio::buffer(request),
                        [&](const boost::system::error_code& error, std::size_t) {
                            if (error) {
                                result = error.message();
                                return;
                            }
                            asio::async_read_until(
                                socket, answer, "\r\n",
                                [&](const boost::system::error_code& error, std::size_t) {
                                    if (error) {
                                        result = "closed without an answer";
                                        return;
                                    }
                                    std::istream line(&answer);
                                    std::string protocol;
                                    int status = 0;
                                    line >> protocol >> status;
                                    result = status == 200 ? std::nullopt
                                                           : std::optional<std::string>(
                                                                 "HTTP " + std::to_string(status));
                                });
                        });
                });
        });
    io.run_for(timeout);
    return result;
}

}  // namespace onair::daemon
