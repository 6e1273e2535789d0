#pragma once
// Prints a Location as LINE:COLUMN in GoogleTest failure messages.

#include <ostream>

#include "onair/config/Diagnostic.hpp"

namespace onair::config {

inline void PrintTo(const Location& location, std::ostream* out) {
    *out << location.line << ":" << location.column;
}

}  // namespace onair::config
