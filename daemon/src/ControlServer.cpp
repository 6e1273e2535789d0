// ControlServer: the control socket, its connections, and the socket file's life.

#include "onair/daemon/ControlServer.hpp"

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

#include <spdlog/spdlog.h>
#include <boost/asio/read_until.hpp>
#include <boost/asio/write.hpp>

#include "onair/daemon/ControlRpc.hpp"
#include "onair/logging/SubsystemLogger.hpp"

namespace onair::daemon {

namespace asio = boost::asio;
using stream_protocol = asio::local::stream_protocol;

namespace {

enum class Occupant { nothing, dead_socket, live_socket };

// What is at `path` now. A socket nobody accepts on (ECONNREFUSED) was left by
// a daemon that died; one that accepts belongs to a running daemon.
Occupant occupant_of(const std::filesystem::path& path) {
    struct stat info {};
    if (::lstat(path.c_str(), &info) != 0) {
        if (errno == ENOENT) {
            return Occupant::nothing;
        }
        throw ControlSocketError("cannot use the control socket " + path.string() + ": " +
                                 std::strerror(errno));
    }
    if (!S_ISSOCK(info.st_mode)) {
        throw ControlSocketError("cannot use the control socket " + path.string() +
                                 ": something that is not a socket is there; move it away or "
                                 "give control.socket another path in the station file");
    }
    const int probe = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (probe < 0) {
        throw ControlSocketError(std::string{"cannot open a socket: "} + std::strerror(errno));
    }
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::strncpy(address.sun_path, path.c_str(), sizeof(address.sun_path) - 1);
    const int result =
        ::connect(probe, reinterpret_cast<const sockaddr*>(&address), sizeof(address));
    const int error = result == 0 ? 0 : errno;
    ::close(probe);
    // EAGAIN: a listener whose queue is full, so alive (and busy).
    if (result == 0 || error == EAGAIN) {
        return Occupant::live_socket;
    }
    if (error == ECONNREFUSED) {
        return Occupant::dead_socket;
    }
    throw ControlSocketError("cannot use the control socket " + path.string() + ": " +
                             std::strerror(error));
}

}  // namespace

struct ControlServer::Shared {
    ControlHandler* handler = nullptr;
    std::shared_ptr<spdlog::logger> logger;
    std::vector<std::weak_ptr<Connection>> connections;

    std::size_t open_connections() {
        std::erase_if(connections, [](const auto& c) { return c.expired(); });
        return connections.size();
    }
};

/// One client: reads a line, answers it, reads the next, until the client
/// closes its end. Kept alive by its pending operation's completion handler.
class ControlServer::Connection : public std::enable_shared_from_this<Connection> {
  public:
    Connection(stream_protocol::socket socket, std::shared_ptr<Shared> shared)
        : socket_(std::move(socket)), shared_(std::move(shared)) {}

    void read_next() {
        asio::async_read_until(
            socket_, asio::dynamic_buffer(input_, max_request_bytes + 1), '\n',
            [self = shared_from_this()](const boost::system::error_code& error, std::size_t size) {
                self->on_read(error, size);
            });
    }

    void close() {
        boost::system::error_code ignored;
        socket_.shutdown(stream_protocol::socket::shutdown_both, ignored);
        socket_.close(ignored);
    }

  private:
    void on_read(const boost::system::error_code& error, std::size_t size) {
        if (shared_->handler == nullptr) {
            return;  // the server is gone
        }
        if (error == asio::error::not_found) {
            shared_->logger->warn("control request longer than {} bytes refused",
                                  max_request_bytes);
            reply_and_close(control_error_reply(control_code::invalid_request,
                                                "request longer than " +
                                                    std::to_string(max_request_bytes / 1024) +
                                                    " KiB; send one JSON object per line"));
            return;
        }
        bool last = false;
        if (error == asio::error::eof && !input_.empty()) {
            // The client closed its end after a request without its newline.
            size = input_.size();
            last = true;
        } else if (error) {
            close();
            return;
        }
        std::string line = input_.substr(0, size);
        input_.erase(0, size);
        while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) {
            line.pop_back();
        }
        std::optional<std::string> reply;
        if (line.find_first_not_of(" \t") != std::string::npos) {
            reply = answer_control_request(line, *shared_->handler);
        }
        if (!reply) {
            // A blank line or a notification: nothing to send.
            if (last) {
                close();
            } else {
                read_next();
            }
            return;
        }
        output_ = std::move(*reply) + "\n";
        asio::async_write(
            socket_, asio::buffer(output_),
            [self = shared_from_this(), last](const boost::system::error_code& error, std::size_t) {
                if (error || last || self->shared_->handler == nullptr) {
                    self->close();
                } else {
                    self->read_next();
                }
            });
    }

    void reply_and_close(std::string reply) {
        output_ = std::move(reply) + "\n";
        asio::async_write(socket_, asio::buffer(output_),
                          [self = shared_from_this()](const boost::system::error_code&,
                                                      std::size_t) { self->close(); });
    }

    stream_protocol::socket socket_;
    std::shared_ptr<Shared> shared_;
    std::string input_;
    std::string output_;
};

ControlServer::ControlServer(asio::io_context& io, std::filesystem::path path,
                             ControlHandler& handler)
    : path_(std::move(path)), acceptor_(io), retry_(io), shared_(std::make_shared<Shared>()) {
    shared_->handler = &handler;
    shared_->logger = logging::subsystem_logger("control");
    if (path_.native().size() >= sizeof(sockaddr_un::sun_path)) {
        throw ControlSocketError("cannot use the control socket " + path_.string() +
                                 ": the path is longer than a Unix socket allows (" +
                                 std::to_string(sizeof(sockaddr_un::sun_path) - 1) +
                                 " bytes); give control.socket a shorter path");
    }
    switch (occupant_of(path_)) {
        case Occupant::live_socket:
            throw ControlSocketError("another onair is already running with the control socket " +
                                     path_.string() +
                                     " (it answers there); stop it first, or give this station "
                                     "another control.socket");
        case Occupant::dead_socket:
            shared_->logger->info("removing {}, left by an onair that stopped", path_.string());
            if (::unlink(path_.c_str()) != 0 && errno != ENOENT) {
                throw ControlSocketError("cannot remove the stale control socket " +
                                         path_.string() + ": " + std::strerror(errno));
            }
            break;
        case Occupant::nothing:
            break;
    }
    try {
        const stream_protocol::endpoint endpoint{path_.string()};
        acceptor_.open(endpoint.protocol());
        acceptor_.bind(endpoint);
        acceptor_.listen();
    } catch (const boost::system::system_error& error) {
        throw ControlSocketError("cannot listen on the control socket " + path_.string() + ": " +
                                 error.code().message());
    }
    // The socket's mode follows the umask between bind and here; the runtime
    // folder (0755, the daemon's) is what keeps others out meanwhile.
    struct stat info {};
    if (::chmod(path_.c_str(), 0660) != 0 || ::stat(path_.c_str(), &info) != 0) {
        const std::string reason = std::strerror(errno);
        boost::system::error_code ignored;
        acceptor_.close(ignored);
        ::unlink(path_.c_str());
        throw ControlSocketError("cannot set the mode of the control socket " + path_.string() +
                                 ": " + reason);
    }
    device_ = info.st_dev;
    inode_ = info.st_ino;
    shared_->logger->info("control socket listening on {}", path_.string());
    accept();
}

ControlServer::~ControlServer() {
    shared_->handler = nullptr;
    boost::system::error_code ignored;
    acceptor_.close(ignored);
    retry_.cancel();
    for (const auto& weak : shared_->connections) {
        if (auto connection = weak.lock()) {
            connection->close();
        }
    }
    // Only our own file: another daemon may have taken the path since.
    struct stat info {};
    if (::lstat(path_.c_str(), &info) == 0 && info.st_dev == device_ && info.st_ino == inode_) {
        ::unlink(path_.c_str());
    }
}

void ControlServer::accept() {
    acceptor_.async_accept([this, shared = shared_](const boost::system::error_code& error,
                                                    stream_protocol::socket socket) {
        if (shared->handler == nullptr || error == asio::error::operation_aborted) {
            return;  // the server is gone or going
        }
        if (!error) {
            if (shared->open_connections() >= max_connections) {
                shared->logger->warn("control connection refused: {} already open",
                                     max_connections);
                boost::system::error_code ignored;
                socket.close(ignored);
            } else {
                auto connection = std::make_shared<Connection>(std::move(socket), shared);
                shared->connections.push_back(connection);
                connection->read_next();
            }
        } else {
            shared->logger->warn("control socket: accept failed: {}", error.message());
            retry_.expires_after(std::chrono::milliseconds{200});
            retry_.async_wait([this, shared](const boost::system::error_code& error) {
                if (!error && shared->handler != nullptr) {
                    accept();
                }
            });
            return;
        }
        accept();
    });
}

}  // namespace onair::daemon
