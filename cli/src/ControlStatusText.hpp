#pragma once
// `onair status` for operators: the daemon's status object (the `status`
// method's result, docs/control-protocol.md) as a few lines of text. Pure
// function; fields the daemon left out are shown as unknown, never a crash.

#include <string>

#include <nlohmann/json.hpp>

namespace onair::cli {

std::string status_text(const nlohmann::json& status);

}  // namespace onair::cli
