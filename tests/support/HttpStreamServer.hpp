#pragma once
// A tiny HTTP streaming server for relay tests: on 127.0.0.1, a port of its
// own (port 0), one thread, serving an MP3 stream in real time the way a
// radio server does (every listener gets the live position, optionally after
// a burst), that can be told to misbehave: refuse (port closed), stall (keep
// the sockets open, send nothing), close (hang up on everyone), send garbage,
// or send silence. Also the MP3 frames it serves, made here with GStreamer.
//
// Bounded: the thread polls every few ms, stops when the server is destroyed,
// and gives up by itself after `lifetime`.

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <mutex>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <gst/gst.h>

namespace onair::testing {

/// A stream cut into frames that are sent one per `frame_duration`.
struct FramedStream {
    std::vector<std::string> frames;
    std::chrono::microseconds frame_duration{0};
    std::string content_type;
};

/// MPEG-1 Layer III frames of a `frequency` Hz sine (0: silence), 48 kHz
/// stereo, CBR 128 kbit/s: every frame is 384 bytes and 24 ms. Encoded with
/// GStreamer (lamemp3enc) into a temporary file, then split at the frame
/// headers. Throws std::runtime_error.
inline FramedStream mp3_tone_stream(int frequency, std::chrono::seconds length) {
    if (!gst_init_check(nullptr, nullptr, nullptr)) {
        throw std::runtime_error("cannot initialize GStreamer");
    }
    static std::atomic<int> counter{0};
    const std::filesystem::path path =
        std::filesystem::temp_directory_path() /
        ("onair-stream-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".mp3");
    const std::string description =
        "audiotestsrc samplesperbuffer=1152 num-buffers=" +
        std::to_string(length.count() * 48000 / 1152) + " freq=" + std::to_string(frequency) +
        (frequency == 0 ? " wave=silence" : "") +
        " ! audio/x-raw,rate=48000,channels=2 ! lamemp3enc target=bitrate cbr=true bitrate=128 ! "
        "filesink location=" +
        path.string();
    GError* error = nullptr;
    GstElement* pipeline = gst_parse_launch(description.c_str(), &error);
    if (pipeline == nullptr || error != nullptr) {
        const std::string text = error != nullptr ? error->message : "?";
        g_clear_error(&error);
        throw std::runtime_error(description + ": " + text);
    }
    GstBus* bus = gst_element_get_bus(pipeline);
    gst_element_set_state(pipeline, GST_STATE_PLAYING);
    GstMessage* message = gst_bus_timed_pop_filtered(
        bus, 60 * GST_SECOND, static_cast<GstMessageType>(GST_MESSAGE_EOS | GST_MESSAGE_ERROR));
    const bool ok = message != nullptr && GST_MESSAGE_TYPE(message) == GST_MESSAGE_EOS;
    if (message != nullptr) {
        gst_message_unref(message);
    }
    gst_element_set_state(pipeline, GST_STATE_NULL);
    gst_object_unref(bus);
    gst_object_unref(pipeline);
    std::ifstream in(path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::filesystem::remove(path);
    if (!ok) {
        throw std::runtime_error(description + ": did not finish");
    }
    static constexpr int bitrates[] = {0,   32,  40,  48,  56,  64,  80, 96,
                                       112, 128, 160, 192, 224, 256, 320};
    static constexpr int rates[] = {44100, 48000, 32000};
    FramedStream stream{{}, std::chrono::microseconds(24000), "audio/mpeg"};
    std::size_t at = 0;
    while (at + 4 <= bytes.size()) {
        const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(bytes[at + i]); };
        // MPEG-1 (version bits 11), Layer III (layer bits 01).
        if (byte(0) != 0xff || (byte(1) & 0xfe) != 0xfa) {
            ++at;
            continue;
        }
        const int bitrate = bitrates[(byte(2) >> 4) & 0x0f];
        const int rate_index = (byte(2) >> 2) & 0x03;
        if (bitrate == 0 || rate_index == 3) {
            ++at;
            continue;
        }
        const std::size_t size = static_cast<std::size_t>(144 * bitrate * 1000 / rates[rate_index] +
                                                          ((byte(2) >> 1) & 1));
        if (at + size > bytes.size()) {
            break;
        }
        stream.frames.push_back(bytes.substr(at, size));
        at += size;
    }
    if (stream.frames.empty()) {
        throw std::runtime_error("no MP3 frames in " + path.string());
    }
    return stream;
}

class HttpStreamServer {
  public:
    enum class Mode {
        serve,    ///< the stream, in real time, from the live position
        silence,  ///< the silent stream instead (same frame size and pace)
        stall,    ///< connections stay open, nothing is sent (the live position moves on)
        garbage,  ///< random bytes at the stream's byte rate
        close,    ///< every connection is closed, new ones as soon as they are accepted
        refuse,   ///< the port is closed: connections are refused
    };
    using SteadyClock = std::chrono::steady_clock;

    /// `silent`: what Mode::silence sends (same frame size). `burst_frames`: a
    /// new listener first gets this many frames from before the live position
    /// at once, as Icecast's burst-on-connect does.
    HttpStreamServer(FramedStream stream, FramedStream silent, std::size_t burst_frames = 0,
                     std::chrono::seconds lifetime = std::chrono::seconds(120))
        : stream_(std::move(stream)),
          silent_(std::move(silent)),
          burst_frames_(burst_frames),
          lifetime_(lifetime) {
        open_listener(0);
        thread_ = std::thread([this] { run(); });
    }

    ~HttpStreamServer() {
        stop_ = true;
        thread_.join();
        for (Client& client : clients_) {
            ::close(client.fd);
        }
        if (listener_ >= 0) {
            ::close(listener_);
        }
    }

    HttpStreamServer(const HttpStreamServer&) = delete;
    HttpStreamServer& operator=(const HttpStreamServer&) = delete;

    std::uint16_t port() const { return port_; }
    std::string url(const std::string& path = "/relay.mp3") const {
        return "http://127.0.0.1:" + std::to_string(port_) + path;
    }

    /// Switches the behaviour for every connection; returns once the server's
    /// thread has applied it, with the wall-clock instant it did (the fault's
    /// time for a test).
    std::chrono::system_clock::time_point set_mode(Mode mode) {
        std::unique_lock lock(mutex_);
        wanted_ = mode;
        ++wanted_version_;
        const auto version = wanted_version_;
        applied_.wait_for(lock, std::chrono::seconds(5),
                          [&] { return applied_version_ >= version; });
        return applied_at_;
    }

    /// Connections accepted so far (refused ones are not).
    int connections() const { return accepted_.load(); }

  private:
    struct Client {
        int fd = -1;
        std::string request;
        bool responding = false;
        std::int64_t next_frame = 0;
        std::string pending;
    };

    void open_listener(std::uint16_t port) {
        listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (listener_ < 0) {
            throw std::runtime_error("socket() failed");
        }
        int yes = 1;
        ::setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
            ::listen(listener_, 16) != 0) {
            ::close(listener_);
            listener_ = -1;
            throw std::runtime_error("cannot listen on 127.0.0.1:" + std::to_string(port));
        }
        socklen_t length = sizeof address;
        ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
        port_ = ntohs(address.sin_port);
    }

    void close_all_clients() {
        for (Client& client : clients_) {
            ::close(client.fd);
        }
        clients_.clear();
    }

    void apply_mode() {
        std::lock_guard lock(mutex_);
        if (applied_version_ == wanted_version_) {
            return;
        }
        mode_ = wanted_;
        if (mode_ == Mode::refuse || mode_ == Mode::close) {
            close_all_clients();
        }
        if (mode_ == Mode::refuse && listener_ >= 0) {
            ::close(listener_);
            listener_ = -1;
        } else if (mode_ != Mode::refuse && listener_ < 0) {
            open_listener(port_);
        }
        applied_version_ = wanted_version_;
        applied_at_ = std::chrono::system_clock::now();
        applied_.notify_all();
    }

    std::string frame_for(std::int64_t index) {
        const FramedStream& source = mode_ == Mode::silence ? silent_ : stream_;
        const std::string& frame =
            source.frames[static_cast<std::size_t>(index) % source.frames.size()];
        if (mode_ != Mode::garbage) {
            return frame;
        }
        std::string noise(frame.size(), '\0');
        for (char& byte : noise) {
            byte = static_cast<char>(random_() & 0xff);
        }
        return noise;
    }

    void run() {
        const auto began = SteadyClock::now();
        while (!stop_ && SteadyClock::now() - began < lifetime_) {
            apply_mode();
            std::vector<pollfd> fds;
            if (listener_ >= 0) {
                fds.push_back({listener_, POLLIN, 0});
            }
            for (const Client& client : clients_) {
                fds.push_back({client.fd,
                               static_cast<short>(POLLIN | (client.pending.empty() ? 0 : POLLOUT)),
                               0});
            }
            ::poll(fds.data(), fds.size(), 4);
            accept_clients();
            serve_clients();
        }
        close_all_clients();
    }

    void accept_clients() {
        if (listener_ < 0) {
            return;
        }
        for (;;) {
            const int fd = ::accept4(listener_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
            if (fd < 0) {
                return;
            }
            ++accepted_;
            if (mode_ == Mode::close) {
                ::close(fd);
                continue;
            }
            clients_.push_back({fd});
        }
    }

    void serve_clients() {
        const std::int64_t live = (SteadyClock::now() - started_) / stream_.frame_duration;
        for (std::size_t i = 0; i < clients_.size();) {
            Client& client = clients_[i];
            bool keep = read_request(client);
            if (keep && client.responding) {
                while (client.next_frame <= live) {
                    if (mode_ != Mode::stall) {
                        client.pending += frame_for(client.next_frame);
                    }
                    ++client.next_frame;
                }
                keep = flush(client);
            }
            if (keep) {
                ++i;
            } else {
                ::close(client.fd);
                clients_.erase(clients_.begin() + static_cast<std::ptrdiff_t>(i));
            }
        }
    }

    /// Reads what the client sent; answers once its request is complete.
    /// False when the client hung up.
    bool read_request(Client& client) {
        char buffer[2048];
        for (;;) {
            const ssize_t got = ::recv(client.fd, buffer, sizeof buffer, 0);
            if (got == 0) {
                return false;
            }
            if (got < 0) {
                return errno == EAGAIN || errno == EWOULDBLOCK;
            }
            if (!client.responding) {
                client.request.append(buffer, static_cast<std::size_t>(got));
                if (client.request.find("\r\n\r\n") != std::string::npos) {
                    client.responding = true;
                    client.pending = "HTTP/1.0 200 OK\r\nContent-Type: " + stream_.content_type +
                                     "\r\nCache-Control: no-cache\r\n\r\n";
                    const std::int64_t live =
                        (SteadyClock::now() - started_) / stream_.frame_duration;
                    client.next_frame =
                        std::max<std::int64_t>(0, live - static_cast<std::int64_t>(burst_frames_));
                }
            }
        }
    }

    /// Sends what is pending; false if the client is gone or 2 MB behind.
    bool flush(Client& client) {
        while (!client.pending.empty()) {
            const ssize_t sent =
                ::send(client.fd, client.pending.data(), client.pending.size(), MSG_NOSIGNAL);
            if (sent < 0) {
                return (errno == EAGAIN || errno == EWOULDBLOCK) &&
                       client.pending.size() < (2 << 20);
            }
            client.pending.erase(0, static_cast<std::size_t>(sent));
        }
        return true;
    }

    const FramedStream stream_;
    const FramedStream silent_;
    const std::size_t burst_frames_;
    const std::chrono::seconds lifetime_;
    const SteadyClock::time_point started_ = SteadyClock::now();
    std::mt19937 random_{20261122};
    int listener_ = -1;
    std::uint16_t port_ = 0;
    std::vector<Client> clients_;
    Mode mode_ = Mode::serve;
    std::atomic<int> accepted_{0};
    std::atomic<bool> stop_{false};

    std::mutex mutex_;
    std::condition_variable applied_;
    Mode wanted_ = Mode::serve;
    std::uint64_t wanted_version_ = 0;
    std::uint64_t applied_version_ = 0;
    std::chrono::system_clock::time_point applied_at_{};
    std::thread thread_;
};

}  // namespace onair::testing
