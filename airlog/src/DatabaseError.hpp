#pragma once
// Turns SQLite's exceptions into the LogError messages people read.

#include <string>
#include <string_view>

#include <SQLiteCpp/Exception.h>

#include "onair/airlog/AsAiredLog.hpp"

namespace onair::airlog {

/// `NAME: DOING: SQLITE MESSAGE`, or, when the file is not SQLite at all,
/// `NAME is not an SQLite database (...)` whatever was being done.
LogError database_error(const std::string& name, std::string_view doing,
                        const SQLite::Exception& error);

}  // namespace onair::airlog
