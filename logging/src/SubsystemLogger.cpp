#include "onair/logging/SubsystemLogger.hpp"

#include <spdlog/spdlog.h>

namespace onair::logging {

std::shared_ptr<spdlog::logger> subsystem_logger(const std::string& name) {
    if (auto existing = spdlog::get(name)) {
        return existing;
    }
    auto logger = spdlog::default_logger()->clone(name);
    try {
        spdlog::register_logger(logger);
    } catch (const spdlog::spdlog_ex&) {
        // Registered by another thread meanwhile: use that one.
        if (auto existing = spdlog::get(name)) {
            return existing;
        }
    }
    return logger;
}

}  // namespace onair::logging
