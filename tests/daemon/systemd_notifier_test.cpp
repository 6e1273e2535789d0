// SystemdNotifier against a stand-in for systemd: a datagram socket bound in a
// temp folder and named by NOTIFY_SOCKET, as the manager does for a
// Type=notify service. Each test reads the datagrams the notifier sent.

#include <gtest/gtest.h>
#include "../support/TempFolder.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <map>
#include <optional>
#include <string>

#include "onair/daemon/SystemdNotifier.hpp"

namespace onair::daemon {
namespace {

using namespace std::chrono_literals;
using onair::testing::TempFolder;

/// Sets environment variables for one test and puts back what was there
/// (the test program itself may run under systemd).
class ScopedEnvironment {
  public:
    ScopedEnvironment(const ScopedEnvironment&) = delete;
    ScopedEnvironment& operator=(const ScopedEnvironment&) = delete;
    ScopedEnvironment() = default;
    ~ScopedEnvironment() {
        for (const auto& [name, value] : saved_) {
            if (value) {
                setenv(name.c_str(), value->c_str(), 1);
            } else {
                unsetenv(name.c_str());
            }
        }
    }
    void set(const std::string& name, const std::string& value) {
        save(name);
        setenv(name.c_str(), value.c_str(), 1);
    }
    void unset(const std::string& name) {
        save(name);
        unsetenv(name.c_str());
    }

  private:
    void save(const std::string& name) {
        if (!saved_.contains(name)) {
            const char* value = std::getenv(name.c_str());
            saved_[name] = value ? std::optional<std::string>(value) : std::nullopt;
        }
    }
    std::map<std::string, std::optional<std::string>> saved_;
};

class SystemdNotifierTest : public ::testing::Test {
  protected:
    SystemdNotifierTest() {
        socket_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        const std::string path = (folder_.path() / "notify").string();
        std::strncpy(address.sun_path, path.c_str(), sizeof(address.sun_path) - 1);
        EXPECT_EQ(::bind(socket_, reinterpret_cast<const sockaddr*>(&address), sizeof(address)), 0)
            << std::strerror(errno);
        environment_.set("NOTIFY_SOCKET", path);
        for (const char* name :
             {"WATCHDOG_USEC", "WATCHDOG_PID", "INVOCATION_ID", "JOURNAL_STREAM"}) {
            environment_.unset(name);
        }
    }
    ~SystemdNotifierTest() override { ::close(socket_); }

    /// The next datagram, or nothing when none comes within `wait`.
    std::optional<std::string> received(std::chrono::milliseconds wait = 20s) {
        pollfd ready{socket_, POLLIN, 0};
        if (::poll(&ready, 1, static_cast<int>(wait.count())) != 1) {
            return std::nullopt;
        }
        char buffer[4096];
        const ssize_t size = ::recv(socket_, buffer, sizeof(buffer), 0);
        return size < 0 ? std::nullopt : std::optional<std::string>(std::string(buffer, size));
    }

    TempFolder folder_{"onair-notify"};
    ScopedEnvironment environment_;
    int socket_ = -1;
    SystemdNotifier notifier;
};

TEST_F(SystemdNotifierTest, ReadyCarriesTheStatusLine) {
    notifier.ready("on air: Bản tin sáng");
    EXPECT_EQ(received(), "READY=1\nSTATUS=on air: Bản tin sáng");
}

TEST_F(SystemdNotifierTest, StatusIsOneLine) {
    notifier.status("2 files missing tomorrow:\ncds/2026-12.mp3");
    EXPECT_EQ(received(), "STATUS=2 files missing tomorrow: cds/2026-12.mp3");
}

TEST_F(SystemdNotifierTest, WatchdogPing) {
    notifier.watchdog_ping();
    EXPECT_EQ(received(), "WATCHDOG=1");
}

TEST_F(SystemdNotifierTest, Stopping) {
    notifier.stopping();
    EXPECT_EQ(received(), "STOPPING=1");
}

TEST_F(SystemdNotifierTest, ReloadingSaysWhenOnTheMonotonicClock) {
    const auto monotonic_usec = [] {
        timespec now{};
        clock_gettime(CLOCK_MONOTONIC, &now);
        return static_cast<std::uint64_t>(now.tv_sec) * 1'000'000u +
               static_cast<std::uint64_t>(now.tv_nsec) / 1'000u;
    };
    const std::uint64_t before = monotonic_usec();
    notifier.reloading();
    const std::uint64_t after = monotonic_usec();

    const auto message = received();
    ASSERT_TRUE(message);
    const std::string prefix = "RELOADING=1\nMONOTONIC_USEC=";
    ASSERT_TRUE(message->starts_with(prefix)) << *message;
    const std::uint64_t usec = std::stoull(message->substr(prefix.size()));
    EXPECT_GE(usec, before);
    EXPECT_LE(usec, after);
}

TEST_F(SystemdNotifierTest, EveryMessageArrivesInOrder) {
    // NOTIFY_SOCKET stays set after a message: the daemon sends many.
    notifier.ready("on air");
    notifier.watchdog_ping();
    notifier.reloading();
    notifier.ready("reloaded");
    notifier.stopping();
    EXPECT_EQ(received(), "READY=1\nSTATUS=on air");
    EXPECT_EQ(received(), "WATCHDOG=1");
    EXPECT_TRUE(received().value_or("").starts_with("RELOADING=1\n"));
    EXPECT_EQ(received(), "READY=1\nSTATUS=reloaded");
    EXPECT_EQ(received(), "STOPPING=1");
}

TEST_F(SystemdNotifierTest, NothingIsSentWithoutNotifySocket) {
    environment_.unset("NOTIFY_SOCKET");
    notifier.ready("on air");
    notifier.status("on air");
    notifier.watchdog_ping();
    notifier.reloading();
    notifier.stopping();
    EXPECT_EQ(received(200ms), std::nullopt);
}

TEST_F(SystemdNotifierTest, UnreachableSocketIsNotAnError) {
    environment_.set("NOTIFY_SOCKET", (folder_.path() / "gone").string());
    notifier.ready("on air");
    notifier.watchdog_ping();
    EXPECT_EQ(received(200ms), std::nullopt);
}

TEST_F(SystemdNotifierTest, WatchdogIntervalIsHalfOfWatchdogSec) {
    EXPECT_EQ(notifier.watchdog_interval(), std::nullopt);

    environment_.set("WATCHDOG_USEC", "30000000");  // WatchdogSec=30s
    EXPECT_EQ(notifier.watchdog_interval(), std::chrono::microseconds(15s));

    environment_.set("WATCHDOG_PID", std::to_string(::getpid()));
    EXPECT_EQ(notifier.watchdog_interval(), std::chrono::microseconds(15s));
}

TEST_F(SystemdNotifierTest, AWatchdogForAnotherProcessIsNotOurs) {
    environment_.set("WATCHDOG_USEC", "30000000");
    environment_.set("WATCHDOG_PID", std::to_string(::getpid() + 1));
    EXPECT_EQ(notifier.watchdog_interval(), std::nullopt);
}

TEST_F(SystemdNotifierTest, UnderSystemdWhenTheManagerSaysSo) {
    EXPECT_FALSE(SystemdNotifier::under_systemd());
    environment_.set("JOURNAL_STREAM", "8:12345");
    EXPECT_TRUE(SystemdNotifier::under_systemd());
    environment_.unset("JOURNAL_STREAM");
    environment_.set("INVOCATION_ID", "0123456789abcdef0123456789abcdef");
    EXPECT_TRUE(SystemdNotifier::under_systemd());
}

}  // namespace
}  // namespace onair::daemon
