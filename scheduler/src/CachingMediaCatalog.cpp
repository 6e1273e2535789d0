#include "onair/scheduler/CachingMediaCatalog.hpp"

#include <system_error>

namespace onair::scheduler {

namespace fs = std::filesystem;

CachingMediaCatalog::CachingMediaCatalog(MediaCatalog& inner) : inner_(inner) {}

MediaInfo CachingMediaCatalog::file(const fs::path& path) {
    // Size and mtime are read before probing: if the file changes during the
    // probe (an upload still being written), the stored key is the older one
    // and the next call, seeing the newer one, probes again.
    std::error_code ec;
    const bool regular = fs::is_regular_file(path, ec);
    const std::uintmax_t size = regular ? fs::file_size(path, ec) : 0;
    const fs::file_time_type modified =
        regular && !ec ? fs::last_write_time(path, ec) : fs::file_time_type{};
    if (!regular || ec) {
        // Missing, not a file, or cannot be looked at: let the inner catalog say
        // so in its words; nothing is cached.
        return inner_.file(path);
    }

    const fs::path key = path.lexically_normal();
    {
        std::lock_guard lock(mutex_);
        const auto found = entries_.find(key);
        if (found != entries_.end() && found->second.size == size &&
            found->second.modified == modified) {
            return found->second.info;
        }
    }

    MediaInfo info = inner_.file(path);
    // Only good answers are kept: "unreadable" may be passing (a probe that timed
    // out on a busy machine, a file still being uploaded), and a daemon that runs
    // for months must not remember it until it restarts.
    if (info.status == MediaInfo::Status::ok) {
        std::lock_guard lock(mutex_);
        entries_.insert_or_assign(key, Entry{size, modified, info});
    }
    return info;
}

bool CachingMediaCatalog::folder_has_media(const fs::path& folder) {
    return inner_.folder_has_media(folder);
}

}  // namespace onair::scheduler
