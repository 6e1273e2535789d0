#include "OutputPath.hpp"

#include <stdexcept>
#include <system_error>

namespace onair::playout {

namespace fs = std::filesystem;

namespace {

/// A regular expression for what conversion `flag` can expand to.
std::string conversion_regex(char flag) {
    switch (flag) {
        case 'Y':
        case 'G':
            return "[0-9]{4}";
        case 'C':
        case 'y':
        case 'g':
        case 'm':
        case 'd':
        case 'H':
        case 'I':
        case 'M':
        case 'S':
        case 'U':
        case 'V':
        case 'W':
            return "[0-9]{2}";
        case 'e':
            return "[ 0-9][0-9]";
        case 'j':
            return "[0-9]{3}";
        case 'u':
        case 'w':
            return "[0-9]";
        case 'F':
            return "[0-9]{4}-[0-9]{2}-[0-9]{2}";
        case 'T':
            return "[0-9]{2}:[0-9]{2}:[0-9]{2}";
        case 'R':
            return "[0-9]{2}:[0-9]{2}";
        case 'D':
            return "[0-9]{2}/[0-9]{2}/[0-9]{2}";
        case 'z':
            return "[+-][0-9]{4}";
        case 'Z':
            return "[A-Za-z0-9+-]+";
        case 'a':
        case 'A':
        case 'b':
        case 'B':
        case 'h':
        case 'p':
            return "[A-Za-z]+";
        case '%':
            return "%";
        default:
            return "[^/]*";
    }
}

std::string escape(char c) {
    static const std::string special = R"(\^$.|?*+()[]{}-)";
    return special.find(c) != std::string::npos ? std::string("\\") + c : std::string(1, c);
}

/// The regex for a pattern fragment (no folder structure is interpreted).
std::string fragment_regex(const std::string& text) {
    std::string regex;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%' || i + 1 == text.size()) {
            regex += escape(text[i]);
            continue;
        }
        ++i;
        if ((text[i] == 'E' || text[i] == 'O') && i + 1 < text.size()) {
            ++i;  // a locale modifier: %Ey, %Od
        }
        regex += conversion_regex(text[i]);
    }
    return regex;
}

}  // namespace

OutputPath::OutputPath(fs::path pattern, const std::string& time_zone)
    : pattern_(std::move(pattern)) {
    try {
        zone_ = date::locate_zone(time_zone);
    } catch (const std::runtime_error&) {
        throw std::runtime_error("unknown time zone \"" + time_zone + "\"");
    }
    has_conversions_ = pattern_.native().find('%') != std::string::npos;
    // Split into the fixed folders in front and the part with conversions.
    fs::path rest;
    bool fixed = true;
    for (auto it = pattern_.begin(); it != pattern_.end(); ++it) {
        const bool last = std::next(it) == pattern_.end();
        if (fixed && !last && it->native().find('%') == std::string::npos) {
            root_ /= *it;
        } else {
            fixed = false;
            rest /= *it;
        }
    }
    if (root_.empty()) {
        root_ = ".";
    }
    const std::string relative = rest.generic_string();
    depth_ = static_cast<int>(std::count(relative.begin(), relative.end(), '/'));
    // A recording that found its name taken is STEM-N.EXT (first_free()).
    const std::string extension = rest.extension().string();
    const std::string stem = relative.substr(0, relative.size() - extension.size());
    relative_ = std::regex(fragment_regex(stem) + "(-[0-9]+)?" + fragment_regex(extension));
}

fs::path OutputPath::expand(scheduler::TimePoint instant) const {
    if (!has_conversions_) {
        return pattern_;
    }
    const auto zoned = date::make_zoned(zone_, date::floor<std::chrono::seconds>(instant));
    return date::format(pattern_.string(), zoned);
}

fs::path OutputPath::first_free(const fs::path& path) {
    auto taken = [](const fs::path& candidate) {
        // An empty file is ours to use (a recording that never got audio); a
        // device (/dev/null) is written to as it is.
        std::error_code error;
        return fs::is_regular_file(candidate, error) && fs::file_size(candidate, error) > 0;
    };
    if (!taken(path)) {
        return path;
    }
    const std::string stem = path.stem().string();
    const std::string extension = path.extension().string();
    for (int n = 2;; ++n) {
        fs::path candidate = path.parent_path() / (stem + "-" + std::to_string(n) + extension);
        if (!taken(candidate)) {
            return candidate;
        }
    }
}

bool OutputPath::could_have_produced(const fs::path& file) const {
    if (!has_conversions_) {
        return file.lexically_normal() == pattern_.lexically_normal();
    }
    const fs::path relative = file.lexically_relative(root_);
    if (relative.empty() || relative.native().starts_with("..")) {
        return false;
    }
    return std::regex_match(relative.generic_string(), relative_);
}

std::vector<fs::path> OutputPath::remove_expired(fs::file_time_type now, int retain_days) const {
    std::vector<fs::path> removed;
    if (retain_days <= 0 || !has_conversions_) {
        return removed;
    }
    const auto limit = now - std::chrono::hours(24) * retain_days;
    std::error_code error;
    fs::recursive_directory_iterator it(root_, error);
    if (error) {
        return removed;
    }
    for (; it != fs::recursive_directory_iterator(); it.increment(error)) {
        if (error) {
            break;
        }
        if (it.depth() >= depth_) {
            it.disable_recursion_pending();
        }
        if (!it->is_regular_file(error) || !could_have_produced(it->path())) {
            continue;
        }
        const auto written = it->last_write_time(error);
        if (!error && written < limit && fs::remove(it->path(), error)) {
            removed.push_back(it->path());
        }
    }
    return removed;
}

}  // namespace onair::playout
