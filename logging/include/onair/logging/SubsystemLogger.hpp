#pragma once
// One spdlog logger per subsystem ("daemon", "playout", "control", "airlog"), made the
// one way: a clone of the default logger (its sinks and level, set by
// `onair run`), registered under the subsystem's name so every part of that
// subsystem writes through the same logger.
//
// Threads: any; spdlog's registry is thread-safe, and two threads asking for
// the same new name get the same logger. Throws: std::bad_alloc only.

#include <memory>
#include <string>

#include <spdlog/logger.h>

namespace onair::logging {

std::shared_ptr<spdlog::logger> subsystem_logger(const std::string& name);

}  // namespace onair::logging
