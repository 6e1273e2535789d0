#pragma once
// A real icecast2 server on 127.0.0.1 for tests: started on a free port with a
// generated config in its own temp folder, stopped (and the folder removed) in
// the destructor. Plus what tests do with it: listen to a mount (raw bytes, or
// decoded to samples through GStreamer) and feed a mount from a GStreamer
// pipeline (audiotestsrc ! encoder ! shout2send), as a relay's source.
//
// Run as root, icecast2 refuses to start unless its config says which user to
// become; the Debian package creates `icecast2` (group `icecast`), so the config
// then holds <changeowner> and the folder is handed to that user.
//
// Threads: one test thread. Throws std::runtime_error when icecast2 cannot be
// started or does not answer within 10 s (tests that need it must fail, not
// skip: CI installs icecast2).

#include <arpa/inet.h>
#include <fcntl.h>
#include <grp.h>
#include <netinet/in.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <gst/gst.h>

#include "../../playout/src/GstHandles.hpp"
#include "LocalHttp.hpp"
#include "TempFolder.hpp"

extern char** environ;

namespace onair::testing {

class LocalIcecast {
  public:
    /// icecast2 exited as it started (its port taken, a bad configuration).
    struct StartExit : std::runtime_error {
        using std::runtime_error::runtime_error;
    };

    static constexpr const char* source_password = "onair-source";

    LocalIcecast() : folder_("onair-icecast") {
        // The free port may be taken by a parallel test before icecast2 binds
        // it; icecast2 then exits at once, and another port is tried.
        for (int attempt = 1;; ++attempt) {
            port_ = free_port();
            write_config();
            try {
                start();
                return;
            } catch (const StartExit&) {
                if (attempt == 3) {
                    throw;
                }
            }
        }
    }
    ~LocalIcecast() { stop(); }
    LocalIcecast(const LocalIcecast&) = delete;
    LocalIcecast& operator=(const LocalIcecast&) = delete;

    int port() const { return port_; }

    /// The URL a source (our icecast output, or shout2send) connects to.
    std::string source_url(const std::string& mount) const {
        return "icecast://source:" + std::string(source_password) +
               "@127.0.0.1:" + std::to_string(port_) + slash(mount);
    }
    /// The URL listeners (and relays) read the mount from.
    std::string listen_url(const std::string& mount) const {
        return "http://127.0.0.1:" + std::to_string(port_) + slash(mount);
    }

    /// Kills the server (SIGKILL: like a crash, sources see a reset connection).
    /// start() brings it back on the same port.
    void stop() {
        if (pid_ <= 0) {
            return;
        }
        ::kill(pid_, SIGCONT);
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
        pid_ = -1;
    }

    /// Starts the server (again) and waits until it answers HTTP.
    void start() {
        if (pid_ > 0) {
            return;
        }
        const std::string config = (folder_.path() / "icecast.xml").string();
        const std::string output = (folder_.path() / "stdout.log").string();
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, 1, output.c_str(), O_WRONLY | O_CREAT | O_APPEND,
                                         0644);
        posix_spawn_file_actions_adddup2(&actions, 1, 2);
        std::vector<std::string> args{"icecast2", "-c", config};
        std::vector<char*> argv;
        for (auto& arg : args) {
            argv.push_back(arg.data());
        }
        argv.push_back(nullptr);
        const int failed = posix_spawnp(&pid_, "icecast2", &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        if (failed != 0) {
            pid_ = -1;
            throw std::runtime_error("cannot run icecast2 (is it installed?): " +
                                     std::string(std::strerror(failed)));
        }
        const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (std::chrono::steady_clock::now() < give_up) {
            if (http_get(port_, "/status-json.xsl", std::chrono::milliseconds(500))
                    .starts_with("HTTP/1.0 200")) {
                return;
            }
            int status = 0;
            if (::waitpid(pid_, &status, WNOHANG) == pid_) {
                pid_ = -1;
                throw StartExit("icecast2 exited at start: " + log_text());
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        stop();
        throw std::runtime_error("icecast2 did not answer on port " + std::to_string(port_) +
                                 " within 10 s: " + log_text());
    }

    /// Freezes the server (SIGSTOP): connections are accepted by the kernel but
    /// nothing answers, like a hung or very slow server. resume() thaws it.
    void freeze() {
        if (pid_ > 0) {
            ::kill(pid_, SIGSTOP);
        }
    }
    void resume() {
        if (pid_ > 0) {
            ::kill(pid_, SIGCONT);
        }
    }

    /// Whether a source is connected to `mount` (from the server's status page).
    bool has_source(const std::string& mount) const {
        const std::string status =
            http_get(port_, "/status-json.xsl", std::chrono::milliseconds(2000));
        return status.find("\"listenurl\":\"http://127.0.0.1:" + std::to_string(port_) +
                           slash(mount) + "\"") != std::string::npos;
    }

    /// Waits up to `timeout` for a source on `mount`.
    bool wait_for_source(const std::string& mount, std::chrono::milliseconds timeout) const {
        const auto give_up = std::chrono::steady_clock::now() + timeout;
        do {
            if (has_source(mount)) {
                return true;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        } while (std::chrono::steady_clock::now() < give_up);
        return false;
    }

    /// The body a listener of `mount` receives in `duration` ("" if the mount
    /// has no source: icecast answers 404).
    std::string listen_bytes(const std::string& mount, std::chrono::milliseconds duration) const {
        const std::string response = http_get(port_, slash(mount), duration);
        const auto body = response.find("\r\n\r\n");
        if (!response.starts_with("HTTP/1.0 200") || body == std::string::npos) {
            return {};
        }
        return response.substr(body + 4);
    }

    /// The server's error log (for failure messages).
    std::string log_text() const {
        std::ifstream in(folder_.path() / "error.log");
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        std::ifstream out(folder_.path() / "stdout.log");
        text.append((std::istreambuf_iterator<char>(out)), std::istreambuf_iterator<char>());
        return text.size() > 2000 ? text.substr(text.size() - 2000) : text;
    }

  private:
    static std::string slash(const std::string& mount) {
        return mount.starts_with('/') ? mount : "/" + mount;
    }

    static int free_port() {
        const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
            ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
            throw std::runtime_error("cannot find a free port");
        }
        ::close(fd);
        return ntohs(address.sin_port);
    }

    void write_config() {
        const auto& dir = folder_.path();
        std::string security = "<chroot>0</chroot>";
        if (::geteuid() == 0) {
            // icecast2 will not run as root; it becomes the Debian package's user,
            // which must then be able to write its logs here.
            const passwd* user = ::getpwnam("icecast2");
            if (user == nullptr) {
                throw std::runtime_error("running as root and there is no icecast2 user");
            }
            const group* group = ::getgrgid(user->pw_gid);
            security += "<changeowner><user>icecast2</user><group>" +
                        std::string(group != nullptr ? group->gr_name : "icecast") +
                        "</group></changeowner>";
            if (::chown(dir.c_str(), user->pw_uid, user->pw_gid) != 0) {
                throw std::runtime_error("cannot hand " + dir.string() + " to icecast2");
            }
        }
        // The temp folder is 0700; the server's user must reach it.
        ::chmod(dir.c_str(), 0755);
        std::ofstream config(dir / "icecast.xml");
        config << "<icecast>\n"
               << "<location>test</location><admin>test@localhost</admin>\n"
               << "<limits><clients>20</clients><sources>10</sources>"
               << "<queue-size>524288</queue-size><client-timeout>30</client-timeout>"
               << "<header-timeout>5</header-timeout><source-timeout>5</source-timeout>"
               << "<burst-on-connect>1</burst-on-connect><burst-size>16384</burst-size></limits>\n"
               << "<authentication><source-password>" << source_password
               << "</source-password><relay-password>onair-relay</relay-password>"
               << "<admin-user>admin</admin-user><admin-password>onair-admin</admin-password>"
               << "</authentication>\n"
               << "<hostname>127.0.0.1</hostname>\n"
               << "<listen-socket><port>" << port_
               << "</port><bind-address>127.0.0.1</bind-address></listen-socket>\n"
               << "<fileserve>1</fileserve>\n"
               << "<paths><basedir>/usr/share/icecast2</basedir><logdir>" << dir.string()
               << "</logdir><webroot>/usr/share/icecast2/web</webroot>"
               << "<adminroot>/usr/share/icecast2/admin</adminroot></paths>\n"
               << "<logging><accesslog>access.log</accesslog><errorlog>error.log</errorlog>"
               << "<loglevel>3</loglevel><logsize>10000</logsize></logging>\n"
               << "<security>" << security << "</security>\n"
               << "</icecast>\n";
    }

    TempFolder folder_;
    int port_ = 0;
    pid_t pid_ = -1;
};

/// Feeds `mount` of `server` with a sine tone of `frequency` Hz (a live source:
/// audiotestsrc is-live ! encoder ! shout2send) until destroyed or stop()ped.
/// `format`: "mp3" or "ogg".
class MountFeeder {
  public:
    MountFeeder(const LocalIcecast& server, const std::string& mount, const std::string& format,
                double frequency) {
        if (!gst_init_check(nullptr, nullptr, nullptr)) {
            throw std::runtime_error("cannot initialize GStreamer");
        }
        const std::string encoder =
            format == "mp3" ? "lamemp3enc target=bitrate bitrate=64" : "vorbisenc ! oggmux";
        const std::string description =
            "audiotestsrc is-live=true wave=sine volume=0.5 freq=" + std::to_string(frequency) +
            " ! audio/x-raw,rate=44100,channels=2 ! audioconvert ! " + encoder +
            " ! shout2send ip=127.0.0.1 port=" + std::to_string(server.port()) +
            " mount=" + (mount.starts_with('/') ? mount : "/" + mount) +
            " password=" + LocalIcecast::source_password + " timeout=2000";
        playout::GErrorHolder error;
        pipeline_ = playout::adopt_floating(gst_parse_launch(description.c_str(), error.out()));
        if (!pipeline_ || error) {
            throw std::runtime_error("cannot build " + description + ": " + error.message());
        }
        if (gst_element_set_state(pipeline_.get(), GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE) {
            throw std::runtime_error("cannot feed " + mount);
        }
    }
    ~MountFeeder() { stop(); }
    MountFeeder(const MountFeeder&) = delete;
    MountFeeder& operator=(const MountFeeder&) = delete;

    /// Disconnects from the server (the mount goes away).
    void stop() {
        if (pipeline_) {
            gst_element_set_state(pipeline_.get(), GST_STATE_NULL);
            pipeline_.reset();
        }
    }

    /// The first error the pipeline posted ("" if none).
    std::string error() const {
        if (!pipeline_) {
            return {};
        }
        auto bus = playout::adopt(gst_element_get_bus(pipeline_.get()));
        playout::GstMessagePtr message(gst_bus_pop_filtered(bus.get(), GST_MESSAGE_ERROR));
        if (!message) {
            return {};
        }
        GError* raw = nullptr;
        gst_message_parse_error(message.get(), &raw, nullptr);
        std::string text = raw != nullptr && raw->message != nullptr ? raw->message : "error";
        g_clear_error(&raw);
        return text;
    }

  private:
    playout::GObjectPtr<GstElement> pipeline_;
};

/// Listens to `url` (http://...) for `duration` of wall-clock time and returns
/// the decoded audio: mono (left channel), 48 kHz floats. Empty if nothing
/// could be decoded.
inline std::vector<float> listen_decoded(const std::string& url,
                                         std::chrono::milliseconds duration) {
    if (!gst_init_check(nullptr, nullptr, nullptr)) {
        throw std::runtime_error("cannot initialize GStreamer");
    }
    const std::string description =
        "souphttpsrc location=" + url +
        " timeout=5 ! decodebin ! audioconvert ! audioresample ! "
        "audio/x-raw,format=F32LE,layout=interleaved,rate=48000,channels=1 ! "
        "appsink name=out sync=false emit-signals=false max-buffers=0";
    playout::GErrorHolder error;
    auto pipeline = playout::adopt_floating(gst_parse_launch(description.c_str(), error.out()));
    if (!pipeline || error) {
        throw std::runtime_error("cannot build " + description + ": " + error.message());
    }
    auto sink = playout::adopt(gst_bin_get_by_name(GST_BIN(pipeline.get()), "out"));
    std::vector<float> samples;
    if (gst_element_set_state(pipeline.get(), GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE) {
        gst_element_set_state(pipeline.get(), GST_STATE_NULL);
        return samples;
    }
    auto bus = playout::adopt(gst_element_get_bus(pipeline.get()));
    const auto until = std::chrono::steady_clock::now() + duration;
    while (std::chrono::steady_clock::now() < until) {
        playout::GstMessagePtr message(gst_bus_pop_filtered(
            bus.get(), static_cast<GstMessageType>(GST_MESSAGE_ERROR | GST_MESSAGE_EOS)));
        if (message) {
            break;
        }
        GstSample* sample = nullptr;
        g_signal_emit_by_name(sink.get(), "try-pull-sample", 50 * GST_MSECOND, &sample);
        if (sample == nullptr) {
            continue;
        }
        GstBuffer* buffer = gst_sample_get_buffer(sample);
        GstMapInfo map;
        if (buffer != nullptr && gst_buffer_map(buffer, &map, GST_MAP_READ)) {
            const auto* data = reinterpret_cast<const float*>(map.data);
            samples.insert(samples.end(), data, data + map.size / sizeof(float));
            gst_buffer_unmap(buffer, &map);
        }
        gst_sample_unref(sample);
    }
    gst_element_set_state(pipeline.get(), GST_STATE_NULL);
    return samples;
}

}  // namespace onair::testing
