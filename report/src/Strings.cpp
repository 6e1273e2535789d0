// The report's words. Vietnamese first: operators read it; English for everyone else.

#include "Strings.hpp"

#include <cmath>
#include <cstdio>

namespace onair::report {

namespace {

const Strings vietnamese{
    .html_lang = "vi",
    .report = "Báo cáo phát sóng",
    .time_zone = "Múi giờ",
    .airtime_total = "Tổng thời lượng phát sóng",
    .of_which_filler = "trong đó nhạc nền {}",
    .planned_aired = "Đã phát theo kế hoạch",
    .planned_aired_note = "lượt phát mới, phát lại, tiếp sóng… đã lên sóng",
    .upcoming_note = "còn {} lượt sắp tới",
    .problems_count = "Lượt có sự cố",
    .problems_note = "bỏ lỡ, lỗi, bị cắt, vào muộn, bỏ qua, gián đoạn",
    .never_logged_count = "Không có trong nhật ký",
    .never_logged_note = "lượt theo kế hoạch không có dòng nhật ký nào",
    .counts_heading = "Kế hoạch và thực tế",
    .counts_intro =
        "Số lượt đã phát trên số lượt theo kế hoạch, theo chương trình, tháng và "
        "loại phát sóng. Lượt phát bị cắt ngắn hoặc vào muộn vẫn được tính là đã phát "
        "(xem danh sách sự cố).",
    .programme = "Chương trình",
    .month = "Tháng",
    .result = "Kết quả",
    .complete = "Đủ",
    .short_by = "Thiếu {}",
    .upcoming = "{} sắp tới",
    .nothing_planned = "Không có lượt phát nào theo kế hoạch trong kỳ này.",
    .months_heading = "Lịch phát sóng từng ngày",
    .months_intro =
        "Mỗi hàng là một ngày, mỗi khối là một khung giờ phát sóng. Khung viền là kế "
        "hoạch, phần tô màu là những gì thực sự đã phát.",
    .legend_planned = "Theo kế hoạch",
    .legend_aired = "Đã phát trọn vẹn",
    .legend_cut = "Bị cắt ngắn / vào muộn",
    .legend_bad = "Không phát: lỗi, bỏ lỡ, bỏ qua, gián đoạn",
    .legend_never_logged = "Không có trong nhật ký",
    .legend_filler = "Nhạc nền",
    .legend_closed = "Không có giờ phát sóng",
    .month_summary = "{} lượt theo kế hoạch · {} đã phát · {} sự cố",
    .not_yet_due = "Chưa đến giờ phát",
    .problems_heading = "Các lượt phát có sự cố",
    .problems_intro =
        "Mọi lượt phát bị bỏ lỡ, lỗi, bị cắt ngắn, vào muộn, bị bỏ qua, bị gián "
        "đoạn hoặc không có trong nhật ký, kèm lý do.",
    .date = "Ngày",
    .planned = "Kế hoạch",
    .aired = "Thực tế",
    .role = "Loại",
    .status = "Tình trạng",
    .note = "Ghi chú",
    .no_problems = "Không có sự cố nào trong kỳ này.",
    .never_logged_status = "Không có trong nhật ký",
    .never_logged_reason = "Không có dòng nhật ký nào: máy phát không chạy hoặc nhật ký bị mất",
    .airtime_heading = "Thời lượng phát sóng",
    .by_programme = "Theo chương trình",
    .by_category = "Theo chuyên mục",
    .category = "Chuyên mục",
    .airings = "Lượt",
    .minutes = "Phút",
    .filler = "Nhạc nền (giữa các chương trình)",
    .total = "Tổng cộng",
    .uncategorised = "Không phân loại",
    .footer =
        "Lập bằng onair từ nhật ký phát sóng. Giờ là giờ địa phương của đài ({}). Số "
        "lượt theo kế hoạch được tính từ tệp cấu hình đài hiện tại.",
    .decimal_point = ',',
    .thousands_separator = '.',
    .hours_minutes = "{} giờ {} phút",
    .day_first = true,
    .weekdays = {"CN", "T2", "T3", "T4", "T5", "T6", "T7"},
    .months = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"},
    .month_format = "Tháng {}/{}",
    .roles = {"Phát mới", "Phát lại", "Tiếp sóng", "Nhạc nền", "Phát một lần", "Hằng ngày"},
    .role_manual = "Chèn thủ công",
    .role_emergency = "Khẩn cấp",
    .statuses = {"Đang phát", "Đã phát", "Bị cắt ngắn", "Vào muộn", "Lỗi, không phát được",
                 "Bỏ lỡ (máy không chạy)", "Bị bỏ qua", "Bị gián đoạn"},
};

const Strings english{
    .html_lang = "en",
    .report = "Broadcast report",
    .time_zone = "Time zone",
    .airtime_total = "Total airtime",
    .of_which_filler = "of which filler {}",
    .planned_aired = "Planned airings aired",
    .planned_aired_note = "premieres, reruns, relays… that went on air",
    .upcoming_note = "{} still to come",
    .problems_count = "Airings with problems",
    .problems_note = "missed, failed, cut short, joined late, skipped, interrupted",
    .never_logged_count = "Never logged",
    .never_logged_note = "planned airings with no log row at all",
    .counts_heading = "Planned and aired",
    .counts_intro =
        "Airings aired out of airings planned, per programme, month and role. An "
        "airing cut short or joined late counts as aired (see the problems below).",
    .programme = "Programme",
    .month = "Month",
    .result = "Result",
    .complete = "Complete",
    .short_by = "{} short",
    .upcoming = "{} to come",
    .nothing_planned = "Nothing was planned in this period.",
    .months_heading = "Day by day",
    .months_intro =
        "Each row is a day, each block a broadcast window. Outlines are the plan; "
        "what actually went on air is filled in.",
    .legend_planned = "Planned",
    .legend_aired = "Aired in full",
    .legend_cut = "Cut short / joined late",
    .legend_bad = "Did not air: failed, missed, skipped, interrupted",
    .legend_never_logged = "Never logged",
    .legend_filler = "Filler",
    .legend_closed = "Window closed",
    .month_summary = "{} planned · {} aired · {} problems",
    .not_yet_due = "Not yet due",
    .problems_heading = "Airings with problems",
    .problems_intro =
        "Every airing that was missed, failed, cut short, joined late, skipped, "
        "interrupted or never logged, with the reason.",
    .date = "Date",
    .planned = "Planned",
    .aired = "On air",
    .role = "Role",
    .status = "Status",
    .note = "Note",
    .no_problems = "No problems in this period.",
    .never_logged_status = "Never logged",
    .never_logged_reason = "No log row at all: the daemon was not running, or the log was lost",
    .airtime_heading = "Airtime",
    .by_programme = "By programme",
    .by_category = "By category",
    .category = "Category",
    .airings = "Airings",
    .minutes = "Minutes",
    .filler = "Filler (between programmes)",
    .total = "Total",
    .uncategorised = "Uncategorised",
    .footer =
        "Made by onair from the as-aired log. Times are the station's local time ({}). "
        "Planned counts come from the current station file.",
    .decimal_point = '.',
    .thousands_separator = ',',
    .hours_minutes = "{} h {} min",
    .day_first = false,
    .weekdays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"},
    .months = {"January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"},
    .month_format = "{} {}",
    .roles = {"Premiere", "Rerun", "Relay", "Filler", "Once", "Daily"},
    .role_manual = "Inserted by hand",
    .role_emergency = "Emergency",
    .statuses = {"On air", "Aired", "Cut short", "Joined late", "Failed", "Missed (not running)",
                 "Skipped", "Interrupted"},
};

std::string group_thousands(long long value, char separator) {
    std::string digits = std::to_string(value < 0 ? -value : value);
    for (int at = static_cast<int>(digits.size()) - 3; at > 0; at -= 3) {
        digits.insert(static_cast<std::size_t>(at), 1, separator);
    }
    return value < 0 ? "-" + digits : digits;
}

}  // namespace

const Strings& strings_for(Language language) {
    return language == Language::en ? english : vietnamese;
}

std::string fill(std::string_view pattern, std::initializer_list<std::string_view> values) {
    std::string text;
    auto value = values.begin();
    for (std::size_t at = 0; at < pattern.size(); ++at) {
        if (pattern.compare(at, 2, "{}") == 0 && value != values.end()) {
            text += *value++;
            ++at;
        } else {
            text += pattern[at];
        }
    }
    return text;
}

std::string role_label(const Strings& s, std::string_view role) {
    if (const auto known = scheduler::role_from_string(role)) {
        return s.roles[static_cast<std::size_t>(*known)];
    }
    if (role == "manual") {
        return s.role_manual;
    }
    if (role == "emergency") {
        return s.role_emergency;
    }
    return std::string(role);
}

std::string status_label(const Strings& s, airlog::Status status) {
    return s.statuses[static_cast<std::size_t>(status)];
}

std::string format_minutes(const Strings& s, double seconds) {
    const auto tenths = static_cast<long long>(std::llround(seconds / 6.0));
    return group_thousands(tenths / 10, s.thousands_separator) + s.decimal_point +
           static_cast<char>('0' + tenths % 10);
}

std::string format_count(const Strings& s, long long count) {
    return group_thousands(count, s.thousands_separator);
}

std::string format_hours_minutes(const Strings& s, double seconds) {
    const auto minutes = static_cast<long long>(std::llround(seconds / 60.0));
    return fill(s.hours_minutes, {group_thousands(minutes / 60, s.thousands_separator),
                                  std::to_string(minutes % 60)});
}

std::string format_day(const Strings& s, date::year_month_day day) {
    char text[16];
    if (s.day_first) {
        std::snprintf(text, sizeof text, "%02u/%02u/%04d", static_cast<unsigned>(day.day()),
                      static_cast<unsigned>(day.month()), static_cast<int>(day.year()));
    } else {
        std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(day.year()),
                      static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
    }
    return text;
}

std::string format_month(const Strings& s, date::year_month month) {
    return fill(s.month_format, {s.months[static_cast<unsigned>(month.month()) - 1],
                                 std::to_string(static_cast<int>(month.year()))});
}

std::string format_day_label(const Strings& s, date::year_month_day day) {
    char number[4];
    std::snprintf(number, sizeof number, "%02u", static_cast<unsigned>(day.day()));
    return std::string(s.weekdays[date::weekday{day}.c_encoding()]) + " " + number;
}

}  // namespace onair::report
