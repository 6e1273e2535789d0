// status_text(): what is on air, what comes next, and what needs attention.

#include "ControlStatusText.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <sstream>

#include "onair/conductor/DurationText.hpp"

namespace onair::cli {

using conductor::duration_text;

namespace {

using nlohmann::json;

std::string text_of(const json& object, const char* key, const std::string& otherwise = "") {
    if (!object.is_object()) {
        return otherwise;
    }
    const auto value = object.find(key);
    return value != object.end() && value->is_string() ? value->get<std::string>() : otherwise;
}

bool flag_of(const json& object, const char* key, bool otherwise) {
    if (!object.is_object()) {
        return otherwise;
    }
    const auto value = object.find(key);
    return value != object.end() && value->is_boolean() ? value->get<bool>() : otherwise;
}

json field_of(const json& object, const char* key) {
    return object.is_object() && object.contains(key) ? object.at(key) : json{};
}

// `2026-12-01T17:15:00.250+07:00` → date `2026-12-01`, time `17:15:00`.
std::string date_part(const std::string& iso) {
    return iso.size() >= 10 ? iso.substr(0, 10) : iso;
}
std::string time_part(const std::string& iso) {
    return iso.size() >= 19 ? iso.substr(11, 8) : iso;
}
std::string offset_part(const std::string& iso) {
    const auto sign = iso.find_first_of("+-Z", 19);
    return iso.size() > 19 && sign != std::string::npos ? iso.substr(sign) : "";
}

// A time on `today` is shown as its time only; another day's with its date.
std::string when(const std::string& iso, const std::string& today) {
    if (iso.empty()) {
        return "?";
    }
    return date_part(iso) == today ? time_part(iso) : date_part(iso) + " " + time_part(iso);
}

std::string seconds_text(const json& seconds) {
    if (!seconds.is_number()) {
        return "";
    }
    const double value = seconds.get<double>();
    return duration_text(std::chrono::milliseconds{std::llround(value * 1000.0)});
}

std::string padded(const std::string& text, std::size_t width) {
    return text.size() >= width ? text : text + std::string(width - text.size(), ' ');
}

void on_air_lines(std::ostream& out, const json& on_air, const std::string& today) {
    if (!on_air.is_object()) {
        out << "On air:   nothing\n";
        return;
    }
    const std::string title = text_of(on_air, "title");
    const std::string programme = text_of(on_air, "programme");
    out << "On air:   " << (title.empty() ? programme : title) << "\n";
    std::string detail = programme;
    const std::string role = text_of(on_air, "role");
    if (!role.empty()) {
        detail += (detail.empty() ? "" : ", ") + role;
    }
    detail += (detail.empty() ? "" : ", ") + std::string{"since "} +
              when(text_of(on_air, "start"), today);
    const std::string elapsed = seconds_text(field_of(on_air, "elapsed_s"));
    const std::string remaining = seconds_text(field_of(on_air, "remaining_s"));
    if (!elapsed.empty()) {
        detail += ": " + elapsed + " played";
    }
    if (!remaining.empty()) {
        detail += (elapsed.empty() ? ": " : ", ") + remaining + " left (until " +
                  when(text_of(on_air, "planned_end"), today) + ")";
    }
    out << "          " << detail << "\n";
    const std::string source = text_of(on_air, "source");
    if (!source.empty()) {
        out << "          " << source << "\n";
    }
}

void next_lines(std::ostream& out, const json& next, const std::string& today) {
    if (!next.is_array() || next.empty()) {
        out << "Next:     nothing planned\n";
        return;
    }
    out << "Next:\n";
    std::vector<std::string> times;
    std::size_t time_width = 0, role_width = 0, programme_width = 0;
    for (const json& airing : next) {
        times.push_back(when(text_of(airing, "start"), today) + "–" +
                        time_part(text_of(airing, "end", "?")));
        time_width = std::max(time_width, times.back().size());
        role_width = std::max(role_width, text_of(airing, "role").size());
        programme_width = std::max(programme_width, text_of(airing, "programme").size());
    }
    for (std::size_t i = 0; i < next.size(); ++i) {
        const json& airing = next[i];
        out << "  " << padded(times[i], time_width) << "  "
            << padded(text_of(airing, "role"), role_width) << "  "
            << padded(text_of(airing, "programme"), programme_width) << "  "
            << text_of(airing, "title");
        if (!flag_of(airing, "media_ok", true)) {
            out << "  [media missing]";
        }
        out << "\n";
    }
}

void relay_lines(std::ostream& out, const json& relay) {
    if (!relay.is_object()) {
        return;
    }
    const std::string detail = text_of(relay, "detail");
    out << "Relay:    " << text_of(relay, "state", "?") << (detail.empty() ? "" : ": " + detail)
        << "\n";
}

void output_lines(std::ostream& out, const json& outputs) {
    if (!outputs.is_array() || outputs.empty()) {
        out << "Outputs:  none reported\n";
        return;
    }
    out << "Outputs:\n";
    std::size_t width = 0;
    for (const json& output : outputs) {
        width = std::max(width, text_of(output, "name").size());
    }
    for (const json& output : outputs) {
        const std::string detail = text_of(output, "detail");
        out << "  " << padded(text_of(output, "name"), width) << "  "
            << text_of(output, "state", "?") << (detail.empty() ? "" : ": " + detail) << "\n";
    }
}

void warning_lines(std::ostream& out, const json& warnings, const std::string& today) {
    if (!warnings.is_array() || warnings.empty()) {
        out << "Warnings: none\n";
        return;
    }
    out << "Warnings:\n";
    for (const json& warning : warnings) {
        const std::string since = text_of(warning, "since");
        out << "  " << (since.empty() ? "" : "since " + when(since, today) + ": ")
            << text_of(warning, "text", text_of(warning, "key")) << "\n";
    }
}

void log_lines(std::ostream& out, const json& log) {
    if (!log.is_object()) {
        return;
    }
    const bool writable = flag_of(log, "writable", true);
    const json pending_field = field_of(log, "pending");
    const auto pending = pending_field.is_number_integer() ? pending_field.get<long long>() : 0;
    const std::string error = text_of(log, "last_error");
    if (writable && pending == 0) {
        out << "Log:      ok\n";
        return;
    }
    out << "Log:      " << (writable ? "catching up" : "CANNOT WRITE") << ", " << pending
        << " change(s) waiting in memory" << (error.empty() ? "" : ": " + error) << "\n";
}

}  // namespace

std::string status_text(const json& status) {
    std::ostringstream out;
    const std::string now = text_of(status, "now");
    const std::string today = date_part(now);
    const std::string station = text_of(status, "station", "onair");
    out << station;
    if (!now.empty()) {
        out << ", " << today << " " << time_part(now);
        if (const std::string offset = offset_part(now); !offset.empty()) {
            out << " (" << offset << ")";
        }
    }
    out << "\n\n";
    auto field = [&](const char* key) { return field_of(status, key); };
    on_air_lines(out, field("on_air"), today);
    relay_lines(out, field("relay"));
    next_lines(out, field("next"), today);
    output_lines(out, field("outputs"));
    warning_lines(out, field("warnings"), today);
    log_lines(out, field("log"));
    return out.str();
}

}  // namespace onair::cli
