#include "DatabaseError.hpp"

#include <sqlite3.h>

namespace onair::airlog {

LogError database_error(const std::string& name, std::string_view doing,
                        const SQLite::Exception& error) {
    // SQLite opens lazily, so "this is a text file" only shows up at the first
    // read, whatever that read was for; say it plainly rather than in its terms.
    if (error.getErrorCode() == SQLITE_NOTADB) {
        return LogError(name + " is not an SQLite database (" + error.what() + ")");
    }
    return LogError(name + ": " + std::string(doing) + ": " + error.what());
}

}  // namespace onair::airlog
