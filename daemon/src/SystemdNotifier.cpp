#include "onair/daemon/SystemdNotifier.hpp"

#include <systemd/sd-daemon.h>
#include <time.h>

#include <cstdint>
#include <cstdlib>
#include <string>

namespace onair::daemon {

namespace {

/// Sends one message, keeping NOTIFY_SOCKET set for the next one.
void notify(const std::string& message) noexcept {
    (void)sd_notify(0, message.c_str());
}

/// A status line is one line: systemd shows up to the first newline.
std::string one_line(std::string_view text) {
    std::string line(text);
    for (char& c : line) {
        if (c == '\n' || c == '\r') {
            c = ' ';
        }
    }
    return line;
}

}  // namespace

void SystemdNotifier::ready(std::string_view status) const noexcept {
    try {
        notify("READY=1\nSTATUS=" + one_line(status));
    } catch (...) {  // std::bad_alloc: the status line is not worth failing for
        (void)sd_notify(0, "READY=1");
    }
}

void SystemdNotifier::status(std::string_view text) const noexcept {
    try {
        notify("STATUS=" + one_line(text));
    } catch (...) {  // std::bad_alloc: a status line can be skipped
    }
}

void SystemdNotifier::watchdog_ping() const noexcept {
    (void)sd_notify(0, "WATCHDOG=1");
}

void SystemdNotifier::stopping() const noexcept {
    (void)sd_notify(0, "STOPPING=1");
}

void SystemdNotifier::reloading() const noexcept {
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    const std::uint64_t usec = static_cast<std::uint64_t>(now.tv_sec) * 1'000'000u +
                               static_cast<std::uint64_t>(now.tv_nsec) / 1'000u;
    (void)sd_notifyf(0, "RELOADING=1\nMONOTONIC_USEC=%llu", static_cast<unsigned long long>(usec));
}

std::optional<std::chrono::microseconds> SystemdNotifier::watchdog_interval() const noexcept {
    std::uint64_t usec = 0;
    // > 0 only when WATCHDOG_USEC is set and WATCHDOG_PID, if set, is this
    // process (a child started by the daemon must not ping for it).
    if (sd_watchdog_enabled(0, &usec) <= 0 || usec == 0) {
        return std::nullopt;
    }
    return std::chrono::microseconds(usec / 2);
}

bool SystemdNotifier::under_systemd() noexcept {
    return std::getenv("INVOCATION_ID") != nullptr || std::getenv("JOURNAL_STREAM") != nullptr;
}

}  // namespace onair::daemon
