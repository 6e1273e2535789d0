#pragma once
// A ControlServer on its own io_context thread, for the control tests, and a
// raw line client that talks to it byte by byte (to send what ControlClient
// never would: broken JSON, huge lines, several requests at once).

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include "onair/daemon/ControlServer.hpp"

namespace onair::testing {

class RunningControlServer {
  public:
    RunningControlServer(const std::filesystem::path& path, daemon::ControlHandler& handler)
        : server_(std::in_place, io_, path, handler), thread_([this] { io_.run(); }) {}
    ~RunningControlServer() { stop(); }
    RunningControlServer(const RunningControlServer&) = delete;
    RunningControlServer& operator=(const RunningControlServer&) = delete;

    /// Stops the event loop, then destroys the server on this thread (the
    /// loop no longer runs, so nothing races with it).
    void stop() {
        if (thread_.joinable()) {
            io_.stop();
            thread_.join();
        }
        server_.reset();
    }

  private:
    boost::asio::io_context io_;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_{
        io_.get_executor()};
    std::optional<daemon::ControlServer> server_;
    std::thread thread_;
};

/// A Unix socket address for `path`.
inline sockaddr_un unix_address(const std::filesystem::path& path) {
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::strncpy(address.sun_path, path.c_str(), sizeof(address.sun_path) - 1);
    return address;
}

class LineClient {
  public:
    explicit LineClient(const std::filesystem::path& path)
        : fd_(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) {
        const sockaddr_un address = unix_address(path);
        if (fd_ < 0 ||
            ::connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) != 0) {
            throw std::runtime_error("cannot connect to " + path.string() + ": " +
                                     std::strerror(errno));
        }
    }
    ~LineClient() { ::close(fd_); }
    LineClient(const LineClient&) = delete;
    LineClient& operator=(const LineClient&) = delete;

    void send(const std::string& bytes) {
        std::size_t sent = 0;
        while (sent < bytes.size()) {
            const ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
            if (n <= 0) {
                throw std::runtime_error(std::string{"send failed: "} + std::strerror(errno));
            }
            sent += static_cast<std::size_t>(n);
        }
    }

    /// The next line (without its newline), or nothing when the server closed
    /// the connection or said nothing within `timeout`.
    std::optional<std::string> read_line(
        std::chrono::milliseconds timeout = std::chrono::milliseconds{20000}) {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (buffer_.find('\n') == std::string::npos) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now());
            pollfd wait{fd_, POLLIN, 0};
            if (left.count() <= 0 || ::poll(&wait, 1, static_cast<int>(left.count())) <= 0) {
                return std::nullopt;
            }
            char chunk[4096];
            const ssize_t n = ::recv(fd_, chunk, sizeof(chunk), 0);
            if (n <= 0) {
                closed_ = true;
                return std::nullopt;
            }
            buffer_.append(chunk, static_cast<std::size_t>(n));
        }
        const auto end = buffer_.find('\n');
        std::string line = buffer_.substr(0, end);
        buffer_.erase(0, end + 1);
        return line;
    }

    /// Whether the server has closed the connection (waits up to `timeout`).
    bool closed_by_server(std::chrono::milliseconds timeout = std::chrono::milliseconds{20000}) {
        while (!closed_ && read_line(timeout)) {
        }
        return closed_;
    }

  private:
    int fd_;
    std::string buffer_;
    bool closed_ = false;
};

}  // namespace onair::testing
