#include "onair/scheduler/CachingMediaCatalog.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace onair::scheduler {

namespace fs = std::filesystem;

namespace {

// The first line names the format and its version: a file written by another
// program, or by a later onair with another layout, is ignored, not misread.
constexpr std::string_view header = "onair media durations 1";
// The last line counts the lines before it: a file cut short is ignored.
constexpr std::string_view trailer_prefix = "end\t";

struct FileVersion {
    std::uintmax_t size;
    std::int64_t modified_ns;
};

/// Size and modification time of a regular file, or nothing when it is not one
/// (missing, a folder, or cannot be looked at).
std::optional<FileVersion> version_of(const fs::path& path) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec) || ec) {
        return std::nullopt;
    }
    const std::uintmax_t size = fs::file_size(path, ec);
    if (ec) {
        return std::nullopt;
    }
    const fs::file_time_type modified = fs::last_write_time(path, ec);
    if (ec) {
        return std::nullopt;
    }
    const auto since_1970 = std::chrono::file_clock::to_sys(modified).time_since_epoch();
    return FileVersion{size,
                       std::chrono::duration_cast<std::chrono::nanoseconds>(since_1970).count()};
}

/// The same file has the same key from any working folder, which matters once
/// keys are saved and read by another process.
fs::path key_of(const fs::path& path) {
    std::error_code ec;
    const fs::path absolute = fs::absolute(path, ec);
    return (ec ? path : absolute).lexically_normal();
}

template <typename Number>
bool parse_whole(std::string_view text, Number& value) {
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    return ec == std::errc{} && end == text.data() + text.size() && !text.empty();
}

/// Cuts `line` at the next tab: returns the text before it and leaves the rest.
std::optional<std::string_view> next_field(std::string_view& line) {
    const auto tab = line.find('\t');
    if (tab == std::string_view::npos) {
        return std::nullopt;
    }
    const std::string_view field = line.substr(0, tab);
    line.remove_prefix(tab + 1);
    return field;
}

struct SavedEntry {
    fs::path path;
    std::uintmax_t size;
    std::int64_t modified_ns;
    std::int64_t duration_ms;
};

std::optional<SavedEntry> parse_entry(std::string_view line) {
    SavedEntry entry{};
    const auto size = next_field(line);
    const auto modified = next_field(line);
    const auto duration = next_field(line);
    if (!size || !modified || !duration || !parse_whole(*size, entry.size) ||
        !parse_whole(*modified, entry.modified_ns) || !parse_whole(*duration, entry.duration_ms) ||
        entry.duration_ms < 0) {
        return std::nullopt;
    }
    entry.path = fs::path(std::string(line));
    if (!entry.path.is_absolute()) {
        return std::nullopt;
    }
    return entry;
}

std::runtime_error write_error(const fs::path& file, const std::string& why) {
    return std::runtime_error("cannot write media cache " + file.string() + ": " + why);
}

/// Creates a temporary file beside `file` that no other writer uses (other
/// threads and processes may save at the same time); its mode follows the
/// umask like any file the program makes.
std::pair<int, fs::path> create_temporary_beside(const fs::path& file) {
    static std::atomic<unsigned> counter{0};
    for (int attempt = 0; attempt < 100; ++attempt) {
        fs::path temporary = file;
        temporary += ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
        const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0) {
            return {fd, temporary};
        }
        if (errno != EEXIST) {  // EEXIST: left by a crashed process with our pid
            throw write_error(file, std::strerror(errno));
        }
    }
    throw write_error(file, "no free temporary name beside it");
}

void write_all(int fd, std::string_view bytes, const fs::path& file) {
    while (!bytes.empty()) {
        const ssize_t written = ::write(fd, bytes.data(), bytes.size());
        if (written < 0) {
            if (errno == EINTR) {
                continue;
            }
            throw write_error(file, std::strerror(errno));
        }
        bytes.remove_prefix(static_cast<std::size_t>(written));
    }
}

}  // namespace

CachingMediaCatalog::CachingMediaCatalog(MediaCatalog& inner) : inner_(inner) {}

MediaInfo CachingMediaCatalog::file(const fs::path& path) {
    // Size and mtime are read before probing: if the file changes during the
    // probe (an upload still being written), the stored key is the older one
    // and the next call, seeing the newer one, probes again.
    const std::optional<FileVersion> version = version_of(path);
    if (!version) {
        // Missing, not a file, or cannot be looked at: let the inner catalog say
        // so in its words; nothing is cached.
        return inner_.file(path);
    }

    const fs::path key = key_of(path);
    {
        std::lock_guard lock(mutex_);
        const auto found = entries_.find(key);
        if (found != entries_.end() && found->second.size == version->size &&
            found->second.modified_ns == version->modified_ns) {
            return found->second.info;
        }
    }

    MediaInfo info = inner_.file(path);
    // Only good answers are kept: "unreadable" may be passing (a probe that timed
    // out on a busy machine, a file still being uploaded), and a daemon that runs
    // for months must not remember it until it restarts.
    if (info.status == MediaInfo::Status::ok) {
        std::lock_guard lock(mutex_);
        entries_.insert_or_assign(key, Entry{version->size, version->modified_ns, info});
    }
    return info;
}

bool CachingMediaCatalog::folder_has_media(const fs::path& folder) {
    return inner_.folder_has_media(folder);
}

std::size_t CachingMediaCatalog::load(const fs::path& cache_file) {
    std::ifstream in(cache_file, std::ios::binary);
    std::string line;
    if (!in || !std::getline(in, line) || line != header) {
        return 0;
    }
    // Everything is read before anything is used: one bad line and the file
    // was not written by us, or not completely.
    std::vector<SavedEntry> saved;
    bool complete = false;
    while (std::getline(in, line)) {
        if (complete) {
            return 0;  // lines after the trailer
        }
        if (line.starts_with(trailer_prefix)) {
            std::size_t count = 0;
            if (!parse_whole(std::string_view(line).substr(trailer_prefix.size()), count) ||
                count != saved.size()) {
                return 0;
            }
            complete = true;
            continue;
        }
        auto entry = parse_entry(line);
        if (!entry) {
            return 0;
        }
        saved.push_back(std::move(*entry));
    }
    if (!complete || in.bad()) {
        return 0;
    }

    std::lock_guard lock(mutex_);
    for (SavedEntry& entry : saved) {
        const MediaInfo info{
            MediaInfo::Status::ok, std::chrono::milliseconds(entry.duration_ms), {}};
        entries_.try_emplace(std::move(entry.path), Entry{entry.size, entry.modified_ns, info});
    }
    return saved.size();
}

void CachingMediaCatalog::save(const fs::path& cache_file) const {
    std::vector<std::pair<fs::path, Entry>> snapshot;
    {
        std::lock_guard lock(mutex_);
        snapshot.assign(entries_.begin(), entries_.end());
    }

    // Results for files deleted or replaced since they were probed are dropped
    // here, so the cache follows the media folder instead of growing forever.
    std::string text(header);
    text += '\n';
    std::size_t count = 0;
    for (const auto& [path, entry] : snapshot) {
        const std::optional<FileVersion> now = version_of(path);
        if (!now || now->size != entry.size || now->modified_ns != entry.modified_ns ||
            path.native().find('\n') != std::string::npos) {
            continue;
        }
        text += std::to_string(entry.size) + '\t' + std::to_string(entry.modified_ns) + '\t' +
                std::to_string(entry.info.duration.count()) + '\t' + path.native() + '\n';
        ++count;
    }
    text += std::string(trailer_prefix) + std::to_string(count) + '\n';

    // No fsync: after a power cut the renamed file may be empty or cut short;
    // the header and trailer make load() ignore it, and the cost is one round of
    // probes. Not waiting for the disk keeps save() quick on a busy SD card.
    const auto [fd, temporary] = create_temporary_beside(cache_file);
    bool closed = false;
    try {
        write_all(fd, text, cache_file);
        closed = true;  // even when close() fails: the descriptor is gone
        if (::close(fd) != 0) {
            throw write_error(cache_file, std::strerror(errno));
        }
    } catch (...) {
        if (!closed) {
            ::close(fd);
        }
        std::error_code ignored;
        fs::remove(temporary, ignored);
        throw;
    }
    std::error_code ec;
    fs::rename(temporary, cache_file, ec);
    if (ec) {
        std::error_code ignored;
        fs::remove(temporary, ignored);
        throw write_error(cache_file, ec.message());
    }
}

}  // namespace onair::scheduler
