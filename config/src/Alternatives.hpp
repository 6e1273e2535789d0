#pragma once
// Lists in messages: "mon, wed and fri", "file, relay or folder".

#include <string>
#include <string_view>
#include <vector>

namespace onair::config {

/// The words separated by ", ", the last two by `last_separator`.
std::string join_alternatives(const std::vector<std::string>& words,
                              std::string_view last_separator = " or ");

}  // namespace onair::config
