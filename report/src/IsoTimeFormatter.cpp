#include "IsoTimeFormatter.hpp"

#include <stdexcept>

namespace onair::report {

namespace {

void append_digits(std::string& out, long long value, int width) {
    char digits[24];
    int n = 0;
    do {
        digits[n++] = static_cast<char>('0' + value % 10);
        value /= 10;
    } while (value > 0 || n < width);
    while (n > 0) {
        out += digits[--n];
    }
}

}  // namespace

IsoTimeFormatter::IsoTimeFormatter(const scheduler::StationTimeZone& zone)
    : zone_(date::locate_zone(zone.name())) {}

void IsoTimeFormatter::look_up(scheduler::TimePoint instant) {
    const date::sys_info info = zone_->get_info(instant);
    valid_from_ = info.begin;
    valid_until_ = info.end;
    // Offsets with seconds only exist in 19th-century local mean time; minutes suffice.
    offset_ = std::chrono::duration_cast<std::chrono::minutes>(info.offset);
    const long long minutes = offset_.count() < 0 ? -offset_.count() : offset_.count();
    offset_text_[0] = offset_.count() < 0 ? '-' : '+';
    offset_text_[1] = static_cast<char>('0' + minutes / 60 / 10);
    offset_text_[2] = static_cast<char>('0' + minutes / 60 % 10);
    offset_text_[4] = static_cast<char>('0' + minutes % 60 / 10);
    offset_text_[5] = static_cast<char>('0' + minutes % 60 % 10);
}

void IsoTimeFormatter::append(std::string& out, scheduler::TimePoint instant) {
    using namespace std::chrono;
    if (instant < valid_from_ || instant >= valid_until_) {
        look_up(instant);
    }
    const auto local = instant.time_since_epoch() + offset_;
    const auto day = date::floor<date::days>(local);
    const date::year_month_day ymd{date::sys_days{day}};
    const auto in_day = duration_cast<milliseconds>(local - day).count();

    const int year = static_cast<int>(ymd.year());
    if (year < 0) {
        out += '-';
    }
    append_digits(out, year < 0 ? -year : year, 4);
    out += '-';
    append_digits(out, static_cast<unsigned>(ymd.month()), 2);
    out += '-';
    append_digits(out, static_cast<unsigned>(ymd.day()), 2);
    out += 'T';
    append_digits(out, in_day / 3'600'000, 2);
    out += ':';
    append_digits(out, in_day / 60'000 % 60, 2);
    out += ':';
    append_digits(out, in_day / 1000 % 60, 2);
    out += '.';
    append_digits(out, in_day % 1000, 3);
    out.append(offset_text_, sizeof offset_text_);
}

std::string IsoTimeFormatter::format(scheduler::TimePoint instant) {
    std::string text;
    append(text, instant);
    return text;
}

}  // namespace onair::report
