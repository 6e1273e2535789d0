#pragma once
// Tells systemd how the daemon is doing (sd_notify(3)): ready, reloading,
// stopping, a status line for `systemctl status`, and the watchdog's "still
// alive". systemd/onair.service is Type=notify with WatchdogSec=.
//
// Every call is a no-op when the daemon was not started by systemd with a
// notification socket (NOTIFY_SOCKET unset), so the same code runs from a shell
// and in the tests. A message that cannot be sent is dropped: there is nothing
// better to do, and a watchdog that hears nothing restarts the daemon, which is
// the right outcome when the manager cannot be reached.
//
// Threads: any thread may call it (each message is one datagram on its own
// socket); the daemon calls it from its event loop. Nothing throws.

#include <chrono>
#include <optional>
#include <string_view>

namespace onair::daemon {

class SystemdNotifier {
  public:
    /// READY=1 with a status line: the first item is scheduled and the outputs
    /// are open. Also ends a reload (see reloading()).
    void ready(std::string_view status) const noexcept;

    /// STATUS=…: one line for `systemctl status onair`
    /// ("on air: Bản tin sáng, next 17:15 cds-thixa").
    void status(std::string_view text) const noexcept;

    /// WATCHDOG=1: the event loop is alive. Call it every watchdog_interval().
    void watchdog_ping() const noexcept;

    /// STOPPING=1: shutting down (fading out) on SIGTERM.
    void stopping() const noexcept;

    /// RELOADING=1 (with MONOTONIC_USEC, which systemd 253's Type=notify-reload
    /// requires): re-reading the station file. Send ready() when done, whether
    /// the new file was taken or refused.
    void reloading() const noexcept;

    /// How often to call watchdog_ping(): half of the WatchdogSec= that systemd
    /// gave this process (WATCHDOG_USEC), as sd_watchdog_enabled(3) advises;
    /// nothing when there is no watchdog for this process.
    std::optional<std::chrono::microseconds> watchdog_interval() const noexcept;

    /// Was this process started by systemd (INVOCATION_ID or JOURNAL_STREAM
    /// set)? Then stderr goes to the journal, which stamps every line itself,
    /// so the daemon logs without timestamps.
    static bool under_systemd() noexcept;
};

}  // namespace onair::daemon
