#pragma once
// The daemon's control socket: a Unix stream socket (no TCP) on which each
// line is one JSON-RPC 2.0 request and gets one line back
// (docs/control-protocol.md). Everything runs on the io_context's thread:
// reads and writes are asynchronous, so a slow or silent client never blocks
// the event loop; only the handler's own work does.
//
// The socket file is created with mode 0660 (the daemon's user and group may
// connect) and removed when the server is destroyed.

#include <sys/types.h>

#include <cstddef>
#include <filesystem>
#include <memory>
#include <stdexcept>

#include <boost/asio/io_context.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/steady_timer.hpp>

#include "onair/daemon/ControlHandler.hpp"

namespace onair::daemon {

/// The control socket cannot be opened; the message says why and what to do.
class ControlSocketError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

class ControlServer {
  public:
    /// A request line longer than this is answered with an error and the
    /// connection closed (a line cannot be resynchronised).
    static constexpr std::size_t max_request_bytes = 64 * 1024;
    /// Connections open at once; more are closed at once (operators' commands
    /// use one each, for a moment).
    static constexpr std::size_t max_connections = 16;

    /// Listens on `path`. A socket file left there by a daemon that died is
    /// replaced; throws ControlSocketError when another process answers on it,
    /// when something else than a socket is there, or when it cannot listen.
    /// `handler` must outlive the server.
    ControlServer(boost::asio::io_context& io, std::filesystem::path path, ControlHandler& handler);
    /// Stops listening, closes the connections, removes the socket file.
    ~ControlServer();
    ControlServer(const ControlServer&) = delete;
    ControlServer& operator=(const ControlServer&) = delete;

    const std::filesystem::path& path() const noexcept { return path_; }

  private:
    struct Shared;
    class Connection;

    void accept();

    std::filesystem::path path_;
    boost::asio::local::stream_protocol::acceptor acceptor_;
    /// After a failed accept (out of file descriptors), the next try waits a
    /// little instead of spinning the event loop.
    boost::asio::steady_timer retry_;
    /// Shared with the connections, whose completion handlers may still run
    /// after the server is gone; they see `handler` null then.
    std::shared_ptr<Shared> shared_;
    /// The socket file we created, to remove only that one.
    dev_t device_ = 0;
    ino_t inode_ = 0;
};

}  // namespace onair::daemon
