#pragma once
// A fresh folder under the system temp folder, removed with everything in it when
// the test is done. Shared by the test programs.

#include <stdlib.h>

#include <filesystem>
#include <stdexcept>
#include <string>

namespace onair::testing {

class TempFolder {
  public:
    explicit TempFolder(const std::string& prefix = "onair-test") {
        std::string pattern =
            (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
        if (mkdtemp(pattern.data()) == nullptr) {
            throw std::runtime_error("mkdtemp failed for " + pattern);
        }
        path_ = pattern;
    }
    TempFolder(const TempFolder&) = delete;
    TempFolder& operator=(const TempFolder&) = delete;
    ~TempFolder() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
};

}  // namespace onair::testing
