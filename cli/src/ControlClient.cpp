// ControlClient: one JSON-RPC call over the control socket, with plain POSIX
// sockets (a command makes one call and exits; no event loop needed).

#include "onair/cli/ControlClient.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "onair/daemon/ControlHandler.hpp"
#include "onair/daemon/ControlRpc.hpp"

namespace onair::cli {

namespace control_code = daemon::control_code;
using daemon::control_request_line;
using daemon::control_result;
using daemon::ControlError;

namespace {

using Clock = std::chrono::steady_clock;

// The daemon's replies are small; a long `log` is the largest.
constexpr std::size_t max_reply_bytes = 64 * 1024 * 1024;

class FileDescriptor {
  public:
    explicit FileDescriptor(int fd) : fd_(fd) {}
    ~FileDescriptor() {
        if (fd_ >= 0) {
            ::close(fd_);
        }
    }
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    int get() const noexcept { return fd_; }

  private:
    int fd_;
};

constexpr const char* not_running = "is onair running?";
constexpr const char* stuck = "the daemon may be stuck; see its log, e.g. journalctl -u onair";

ControlUnreachable unreachable(int error) {
    switch (error) {
        case ENOENT:
            return {"no such socket", not_running};
        case ECONNREFUSED:
            return {"nobody is listening on it", not_running};
        case EACCES:
        case EPERM:
            return {std::strerror(error),
                    "run the command as the daemon's user or a member of its group"};
        case EAGAIN:
            return {"it did not accept the connection in time", stuck};
        default:
            return {std::strerror(error), not_running};
    }
}

std::string seconds_text(std::chrono::milliseconds length) {
    const auto ms = length.count();
    return ms % 1000 == 0 ? std::to_string(ms / 1000) + " s" : std::to_string(ms) + " ms";
}

int remaining_ms(Clock::time_point deadline) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    return left > 0 ? static_cast<int>(left) : 0;
}

}  // namespace

nlohmann::json ControlClient::call(const std::string& method, const nlohmann::json& params) {
    const auto deadline = Clock::now() + timeout_;
    const std::string where = socket_.string();

    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (where.size() >= sizeof(address.sun_path)) {
        throw ControlUnreachable("the socket's path is longer than a Unix socket allows",
                                 "give control.socket a shorter path");
    }
    std::memcpy(address.sun_path, where.c_str(), where.size() + 1);

    FileDescriptor fd{::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)};
    if (fd.get() < 0) {
        throw unreachable(errno);
    }
    // A Unix connect() waits only when the daemon's queue is full (a stuck
    // event loop); SO_SNDTIMEO bounds that wait and the writes.
    const auto total_us = std::chrono::duration_cast<std::chrono::microseconds>(timeout_).count();
    const timeval send_timeout{static_cast<time_t>(total_us / 1'000'000),
                               static_cast<suseconds_t>(total_us % 1'000'000)};
    ::setsockopt(fd.get(), SOL_SOCKET, SO_SNDTIMEO, &send_timeout, sizeof(send_timeout));
    if (::connect(fd.get(), reinterpret_cast<const sockaddr*>(&address), sizeof(address)) != 0) {
        throw unreachable(errno == EINPROGRESS ? EAGAIN : errno);
    }

    constexpr int request_id = 1;
    const std::string request = control_request_line(method, params, request_id) + "\n";
    std::size_t sent = 0;
    while (sent < request.size()) {
        const ssize_t n =
            ::send(fd.get(), request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            throw errno == EAGAIN ? ControlUnreachable("it did not take the request in time", stuck)
                                  : unreachable(errno);
        }
        sent += static_cast<std::size_t>(n);
    }

    std::string reply;
    char chunk[16 * 1024];
    while (reply.find('\n') == std::string::npos) {
        pollfd wait{fd.get(), POLLIN, 0};
        const int ready = ::poll(&wait, 1, remaining_ms(deadline));
        if (ready < 0 && errno == EINTR) {
            continue;
        }
        if (ready < 0) {
            throw unreachable(errno);
        }
        if (ready == 0) {
            throw ControlUnreachable("no answer within " + seconds_text(timeout_), stuck);
        }
        const ssize_t n = ::recv(fd.get(), chunk, sizeof(chunk), 0);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            throw unreachable(errno);
        }
        if (n == 0) {
            throw ControlUnreachable("it closed the connection without answering",
                                     "see the daemon's log, e.g. journalctl -u onair");
        }
        reply.append(chunk, static_cast<std::size_t>(n));
        if (reply.size() > max_reply_bytes) {
            throw ControlError(control_code::internal_error, "the daemon's reply is too long");
        }
    }
    reply.resize(reply.find('\n'));
    return control_result(reply, request_id);
}

}  // namespace onair::cli
