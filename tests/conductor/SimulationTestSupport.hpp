#pragma once
// What the simulation tests share: Vietnam's wall clock to the millisecond and a
// media catalog of known lengths that decodes nothing. Test thread only; throws
// nothing.

#include <chrono>
#include <filesystem>
#include <map>
#include <string>

#include "onair/scheduler/MediaCatalog.hpp"
#include "onair/scheduler/StationTimeZone.hpp"

namespace onair::conductor::simulation_test {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using scheduler::MediaInfo;
using scheduler::TimePoint;

inline const scheduler::StationTimeZone& vietnam() {
    static const scheduler::StationTimeZone zone("Asia/Ho_Chi_Minh");
    return zone;
}

/// A wall-clock time in Vietnam (UTC+7), to the millisecond.
inline TimePoint at(int y, unsigned m, unsigned d, int hh, int mm, int ss = 0, int ms = 0) {
    const auto local =
        date::local_days{date::year{y} / m / d} + std::chrono::hours{hh} + std::chrono::minutes{mm};
    return TimePoint{vietnam().resolve(local).instant + std::chrono::seconds{ss} +
                     std::chrono::milliseconds{ms}};
}

inline std::string local(TimePoint t) {
    return vietnam().format_iso(t);
}

/// Media of known lengths, without decoding anything: a path (normalized) to
/// its length. Folders hold media when some registered file is inside.
class FakeCatalog final : public scheduler::MediaCatalog {
  public:
    void add(const fs::path& path, std::chrono::milliseconds length) {
        lengths_[key(path)] = length;
    }
    MediaInfo file(const fs::path& path) override {
        const auto found = lengths_.find(key(path));
        if (found == lengths_.end()) {
            return MediaInfo{MediaInfo::Status::missing, 0ms, "no such file"};
        }
        return MediaInfo{MediaInfo::Status::ok, found->second, {}};
    }
    bool folder_has_media(const fs::path& folder) override {
        const std::string prefix = key(folder).string() + "/";
        for (const auto& [path, length] : lengths_) {
            if (path.string().starts_with(prefix)) {
                return true;
            }
        }
        return false;
    }

  private:
    static fs::path key(const fs::path& path) { return fs::absolute(path).lexically_normal(); }
    std::map<fs::path, std::chrono::milliseconds> lengths_;
};

}  // namespace onair::conductor::simulation_test
