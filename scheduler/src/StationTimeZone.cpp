#include "onair/scheduler/StationTimeZone.hpp"

#include <cstdio>
#include <stdexcept>

namespace onair::scheduler {

namespace {

const date::time_zone* locate(const std::string& iana_name) {
    try {
        return date::locate_zone(iana_name);
    } catch (const std::exception&) {
        throw std::runtime_error("unknown time zone \"" + iana_name +
                                 "\" (expected an IANA name such as Asia/Ho_Chi_Minh)");
    }
}

[[noreturn]] void malformed(const std::string& text, const char* why) {
    throw std::runtime_error("not an ISO 8601 time with offset (" + std::string(why) + "): \"" +
                             text + "\"");
}

/// Reads exactly `count` decimal digits at `pos`; false when any is not a digit.
bool read_digits(const std::string& text, std::size_t& pos, int count, int& value) {
    if (pos + count > text.size()) {
        return false;
    }
    value = 0;
    for (int i = 0; i < count; ++i) {
        const char c = text[pos + i];
        if (c < '0' || c > '9') {
            return false;
        }
        value = value * 10 + (c - '0');
    }
    pos += count;
    return true;
}

bool expect(const std::string& text, std::size_t& pos, char wanted) {
    if (pos >= text.size() || text[pos] != wanted) {
        return false;
    }
    ++pos;
    return true;
}

}  // namespace

StationTimeZone::StationTimeZone(const std::string& iana_name)
    : name_(iana_name), zone_(locate(iana_name)) {}

StationTimeZone::Resolved StationTimeZone::resolve(date::local_seconds local) const {
    const date::local_info info = zone_->get_info(local);
    // In every case the answer uses the offset in force *before* the local time:
    // inside a gap that moves the time forward by the gap's length (02:30 -> 03:30),
    // inside an overlap it picks the first occurrence.
    const date::sys_seconds instant{local.time_since_epoch() - info.first.offset};
    switch (info.result) {
        case date::local_info::nonexistent:
            return {instant, Adjustment::skipped_forward};
        case date::local_info::ambiguous:
            return {instant, Adjustment::first_of_two};
        default:
            return {instant, Adjustment::none};
    }
}

date::local_time<std::chrono::milliseconds> StationTimeZone::to_local(TimePoint instant) const {
    return zone_->to_local(instant);
}

std::string StationTimeZone::format_iso(TimePoint instant) const {
    using namespace std::chrono;
    const date::sys_info info = zone_->get_info(instant);
    const auto local = date::local_time<milliseconds>{instant.time_since_epoch() + info.offset};
    const auto whole = date::floor<seconds>(local);
    const auto millis = (local - whole).count();

    std::string text = date::format("%Y-%m-%dT%H:%M:%S", whole);
    char buffer[16];
    if (millis != 0) {
        std::snprintf(buffer, sizeof buffer, ".%03d", static_cast<int>(millis));
        text += buffer;
    }
    // Offsets with seconds only exist in 19th-century local mean time; minutes suffice.
    const auto offset_minutes = duration_cast<minutes>(info.offset).count();
    const auto magnitude = offset_minutes < 0 ? -offset_minutes : offset_minutes;
    std::snprintf(buffer, sizeof buffer, "%c%02d:%02d", offset_minutes < 0 ? '-' : '+',
                  static_cast<int>(magnitude / 60), static_cast<int>(magnitude % 60));
    text += buffer;
    return text;
}

date::year_month_day StationTimeZone::local_date(TimePoint instant) const {
    return date::year_month_day{date::floor<date::days>(to_local(instant))};
}

TimePoint parse_iso(const std::string& text) {
    using namespace std::chrono;
    std::size_t pos = 0;
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!read_digits(text, pos, 4, year) || !expect(text, pos, '-') ||
        !read_digits(text, pos, 2, month) || !expect(text, pos, '-') ||
        !read_digits(text, pos, 2, day)) {
        malformed(text, "expected YYYY-MM-DD");
    }
    if (!expect(text, pos, 'T')) {
        malformed(text, "expected 'T' between date and time");
    }
    if (!read_digits(text, pos, 2, hour) || !expect(text, pos, ':') ||
        !read_digits(text, pos, 2, minute) || !expect(text, pos, ':') ||
        !read_digits(text, pos, 2, second)) {
        malformed(text, "expected HH:MM:SS");
    }
    const date::year_month_day ymd{date::year{year}, date::month(static_cast<unsigned>(month)),
                                   date::day(static_cast<unsigned>(day))};
    if (!ymd.ok()) {
        malformed(text, "no such date");
    }
    if (hour > 23 || minute > 59 || second > 59) {
        malformed(text, "no such time of day");
    }

    int millis = 0;
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        int digits = 0;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            // Finer than milliseconds is truncated: the plan works in milliseconds.
            if (digits < 3) {
                millis = millis * 10 + (text[pos] - '0');
            }
            ++digits;
            ++pos;
        }
        if (digits == 0) {
            malformed(text, "expected digits after '.'");
        }
        for (int i = digits; i < 3; ++i) {
            millis *= 10;
        }
    }

    minutes offset{0};
    if (pos < text.size() && text[pos] == 'Z') {
        ++pos;
    } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
        const bool negative = text[pos] == '-';
        ++pos;
        int offset_hours = 0, offset_mins = 0;
        if (!read_digits(text, pos, 2, offset_hours) || !expect(text, pos, ':') ||
            !read_digits(text, pos, 2, offset_mins) || offset_hours > 23 || offset_mins > 59) {
            malformed(text, "expected offset +HH:MM");
        }
        offset = hours{offset_hours} + minutes{offset_mins};
        if (negative) {
            offset = -offset;
        }
    } else {
        malformed(text, "expected offset +HH:MM, -HH:MM or Z");
    }
    if (pos != text.size()) {
        malformed(text, "unexpected text after the offset");
    }

    const auto local = date::sys_days{ymd} + hours{hour} + minutes{minute} + seconds{second} +
                       milliseconds{millis};
    return TimePoint{local - offset};
}

}  // namespace onair::scheduler
