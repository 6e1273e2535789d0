#include "onair/scheduler/AudioFileName.hpp"

#include <algorithm>
#include <string>

namespace onair::scheduler {

namespace {

// Not std::tolower: its result depends on the process's locale, and a name's
// extension is ASCII whatever the locale.
char ascii_lower(char c) noexcept {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

}  // namespace

bool is_audio_file_name(const std::filesystem::path& path) {
    const std::string name = path.filename().string();
    if (name.empty() || name.front() == '.') {
        return false;
    }
    const auto dot = name.rfind('.');
    if (dot == std::string::npos || dot + 1 == name.size()) {
        return false;
    }
    std::string extension = name.substr(dot + 1);
    std::transform(extension.begin(), extension.end(), extension.begin(), ascii_lower);
    return std::find(audio_file_extensions.begin(), audio_file_extensions.end(), extension) !=
           audio_file_extensions.end();
}

}  // namespace onair::scheduler
