#pragma once
// `onair run` as a real child process for the end-to-end tests: started with
// fork/exec, its standard error kept in a file, stopped by a signal, waited for
// with a time limit. Used from the test's thread; throws nothing of its own.

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>
#include <chrono>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <date/date.h>

#include "onair/scheduler/StationTimeZone.hpp"

namespace onair::testing {

using Clock = std::chrono::system_clock;
using Ms = std::chrono::milliseconds;
using Instant = date::sys_time<Ms>;

inline Instant now_ms() {
    return std::chrono::time_point_cast<Ms>(Clock::now());
}

class DaemonProcess {
  public:
    DaemonProcess(const std::filesystem::path& station, const std::filesystem::path& stderr_file)
        : stderr_file_(stderr_file) {
        started_ = now_ms();
        pid_ = fork();
        if (pid_ == 0) {
            const int fd = ::open(stderr_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            dup2(fd, 2);
            dup2(fd, 1);
            execl(ONAIR_BINARY, ONAIR_BINARY, "run", station.c_str(), "--log-level", "debug",
                  static_cast<char*>(nullptr));
            _exit(127);
        }
    }
    ~DaemonProcess() {
        if (pid_ > 0 && !exited_) {
            ::kill(pid_, SIGKILL);
            waitpid(pid_, nullptr, 0);
        }
    }
    DaemonProcess(const DaemonProcess&) = delete;
    DaemonProcess& operator=(const DaemonProcess&) = delete;

    void signal(int number) const { ::kill(pid_, number); }

    /// The exit code (128 + signal when killed), or none after `limit`.
    std::optional<int> wait(std::chrono::milliseconds limit) {
        const auto give_up = std::chrono::steady_clock::now() + limit;
        while (std::chrono::steady_clock::now() < give_up) {
            if (reap()) {
                return exit_code_;
            }
            std::this_thread::sleep_for(Ms(20));
        }
        return std::nullopt;
    }

    std::string output() const {
        std::ifstream in(stderr_file_);
        std::stringstream text;
        text << in.rdbuf();
        return text.str();
    }

    /// Waits (at most `limit`) until the output has a line matching `pattern`;
    /// returns its first capture group (or the whole match).
    std::optional<std::string> wait_for(const std::string& pattern,
                                        std::chrono::milliseconds limit) {
        const std::regex form(pattern);
        const auto give_up = std::chrono::steady_clock::now() + limit;
        while (std::chrono::steady_clock::now() < give_up) {
            const std::string text = output();
            std::smatch match;
            if (std::regex_search(text, match, form)) {
                return match.size() > 1 ? match[1].str() : match[0].str();
            }
            if (exited_) {
                return std::nullopt;  // it has said all it will
            }
            reap();
            std::this_thread::sleep_for(Ms(20));
        }
        return std::nullopt;
    }

    /// Waits (at most `limit`) until the output has `count` lines matching
    /// `pattern`; says whether it has.
    bool wait_for_count(const std::string& pattern, std::size_t count,
                        std::chrono::milliseconds limit) {
        const std::regex form(pattern);
        const auto give_up = std::chrono::steady_clock::now() + limit;
        while (std::chrono::steady_clock::now() < give_up) {
            const std::string text = output();
            const auto found = std::distance(std::sregex_iterator(text.begin(), text.end(), form),
                                             std::sregex_iterator());
            if (static_cast<std::size_t>(found) >= count) {
                return true;
            }
            std::this_thread::sleep_for(Ms(20));
        }
        return false;
    }

    /// When the process was started.
    Instant started() const { return started_; }

  private:
    /// Whether the process has exited (its exit code then kept).
    bool reap() {
        int status = 0;
        if (!exited_ && waitpid(pid_, &status, WNOHANG) == pid_) {
            exited_ = true;
            exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        }
        return exited_;
    }

    std::filesystem::path stderr_file_;
    pid_t pid_ = -1;
    bool exited_ = false;
    int exit_code_ = -1;
    Instant started_;
};

/// Parses `2026-11-22T06:10:08.453+00:00` (the daemon's times).
inline Instant parse_instant(const std::string& text) {
    return scheduler::parse_iso(text);
}

}  // namespace onair::testing
