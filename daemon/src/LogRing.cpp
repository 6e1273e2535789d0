// LogRing: the last lines of the daemon's log, in memory.

#include "onair/daemon/LogRing.hpp"

#include <algorithm>

#include <spdlog/pattern_formatter.h>

namespace onair::daemon {

LogRing::LogRing(std::size_t capacity, const std::string& pattern)
    : spdlog::sinks::base_sink<std::mutex>(std::make_unique<spdlog::pattern_formatter>(pattern)),
      capacity_(std::max<std::size_t>(capacity, 1)) {}

void LogRing::sink_it_(const spdlog::details::log_msg& message) {
    spdlog::memory_buf_t formatted;
    formatter_->format(message, formatted);
    std::string line{formatted.data(), formatted.size()};
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) {
        line.pop_back();
    }
    const std::lock_guard lock{lines_mutex_};
    if (lines_.size() == capacity_) {
        lines_.pop_front();
    }
    lines_.push_back(std::move(line));
}

std::vector<std::string> LogRing::tail(std::size_t n) const {
    const std::lock_guard lock{lines_mutex_};
    const std::size_t count = std::min(n, lines_.size());
    return {lines_.end() - static_cast<std::ptrdiff_t>(count), lines_.end()};
}

}  // namespace onair::daemon
