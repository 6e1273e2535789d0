#pragma once
// Opening the as-aired log's file for writing: WAL, the synchronous level the
// settings ask for, and the schema brought up to date, before any statement is
// prepared against it. SQLite answers BUSY without waiting (its busy handler is
// not called) while another connection turns a new file to WAL or recovers it,
// so several processes opening one new file at once would fail: such an open is
// tried again, for as long as the busy timeout would have waited.
//
// Threads: the caller's (one connection per AsAiredLog). Throws LogError: a
// file that is another program's, one written by a newer onair, one that
// cannot be opened or switched to WAL.

#include <filesystem>
#include <string>

#include <SQLiteCpp/Database.h>

#include "onair/airlog/AsAiredLog.hpp"

namespace onair::airlog {

/// `name` names the file in error messages.
SQLite::Database open_for_writing(const std::filesystem::path& path, const std::string& name,
                                  const LogSettings& settings);

}  // namespace onair::airlog
