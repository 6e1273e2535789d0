#pragma once
// The daemon's recent log lines, for `onair log`: an spdlog sink that keeps the
// last N formatted lines in memory. Any thread may log to it (spdlog calls the
// sink under base_sink's mutex) and read it with tail() at the same time.

#include <cstddef>
#include <deque>
#include <mutex>
#include <string>
#include <vector>

#include <spdlog/sinks/base_sink.h>

namespace onair::daemon {

class LogRing final : public spdlog::sinks::base_sink<std::mutex> {
  public:
    /// With timestamps even when standard error has none (under systemd the
    /// journal adds them there; an operator reading `onair log` needs them).
    static constexpr const char* default_pattern = "%Y-%m-%d %H:%M:%S.%e %l [%n] %v";

    explicit LogRing(std::size_t capacity, const std::string& pattern = default_pattern);

    /// The last `n` lines (fewer when fewer were logged), oldest first, without
    /// their line ends.
    std::vector<std::string> tail(std::size_t n) const;

    std::size_t capacity() const noexcept { return capacity_; }

  protected:
    void sink_it_(const spdlog::details::log_msg& message) override;
    void flush_() override {}

  private:
    const std::size_t capacity_;
    // base_sink's mutex is not mutable; tail() is const and must not wait for
    // a formatter either.
    mutable std::mutex lines_mutex_;
    std::deque<std::string> lines_;
};

}  // namespace onair::daemon
