#pragma once
// A MediaCatalog for tests: files and folders are whatever the test says.

#include <map>
#include <set>
#include <string>

#include "onair/scheduler/MediaCatalog.hpp"

namespace onair::scheduler::testing {

class FakeMediaCatalog : public MediaCatalog {
  public:
    /// Every file is present with this length unless the test says otherwise.
    explicit FakeMediaCatalog(std::chrono::milliseconds default_length = std::chrono::minutes{12})
        : default_length_(default_length) {}

    void set_length(const std::string& path, std::chrono::milliseconds length) {
        files_[path] = {MediaInfo::Status::ok, length, {}};
    }
    void set_missing(const std::string& path) {
        files_[path] = {MediaInfo::Status::missing, {}, {}};
    }
    void set_unreadable(const std::string& path, const std::string& why) {
        files_[path] = {MediaInfo::Status::unreadable, {}, why};
    }
    void set_empty_folder(const std::string& path) { empty_folders_.insert(path); }

    MediaInfo file(const std::filesystem::path& path) override {
        ++probes;
        const auto found = files_.find(path.string());
        return found != files_.end() ? found->second
                                     : MediaInfo{MediaInfo::Status::ok, default_length_, {}};
    }
    bool folder_has_media(const std::filesystem::path& folder) override {
        return !empty_folders_.contains(folder.string());
    }

    int probes = 0;

  private:
    std::chrono::milliseconds default_length_;
    std::map<std::string, MediaInfo> files_;
    std::set<std::string> empty_folders_;
};

}  // namespace onair::scheduler::testing
