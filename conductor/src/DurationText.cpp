#include "onair/conductor/DurationText.hpp"

#include <cstdio>
#include <string>

namespace onair::conductor {

std::string duration_text(std::chrono::milliseconds length) {
    char text[48];
    if (length < std::chrono::milliseconds(0)) {
        return "-" + duration_text(-length);
    }
    if (length < std::chrono::seconds(1)) {
        std::snprintf(text, sizeof text, "%.1fs", static_cast<double>(length.count()) / 1000.0);
        return text;
    }
    const long long total = (length.count() + 500) / 1000;
    const long long h = total / 3600, m = total / 60 % 60, s = total % 60;
    std::string out;
    if (h > 0) {
        std::snprintf(text, sizeof text, "%lldh%02lldm", h, m);
        out = text;
    } else if (m > 0) {
        out = std::to_string(m) + "m";
    }
    if (s > 0 || out.empty()) {
        std::snprintf(text, sizeof text, out.empty() ? "%llds" : "%02llds", s);
        out += text;
    }
    return out;
}

}  // namespace onair::conductor
