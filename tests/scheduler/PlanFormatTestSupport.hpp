#pragma once
// What the plan format tests share: a plan with every role and source kind,
// millisecond times and Vietnamese text in both Unicode forms, built on the
// station time zone Asia/Ho_Chi_Minh. Test thread only; throws nothing.

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "onair/scheduler/Airing.hpp"
#include "onair/scheduler/StationTimeZone.hpp"

namespace onair::scheduler::plan_format_test {

using namespace std::chrono;
using config::SourceKind;

// "Chuyển đổi số" precomposed (NFC) and decomposed (NFD: base letters + combining marks).
inline const std::string nfc = "Chuy\u1EC3n \u0111\u1ED5i s\u1ED1";
inline const std::string nfd = "Chuye\u0302\u0309n \u0111o\u0302\u0309i so\u0301";

inline const StationTimeZone& vietnam() {
    static const StationTimeZone zone("Asia/Ho_Chi_Minh");
    return zone;
}

inline TimePoint at(int y, unsigned m, unsigned d, int hh, int mm, int ss = 0, int ms = 0) {
    const auto local = date::local_days{date::year{y} / m / d} + hours{hh} + minutes{mm};
    return TimePoint{vietnam().resolve(local).instant + seconds{ss} + milliseconds{ms}};
}

inline Airing airing(TimePoint start, TimePoint end, std::string programme, Role role,
                     std::string title) {
    Airing a;
    a.start = start;
    a.end = end;
    a.window = "evening";
    a.programme = std::move(programme);
    a.title = std::move(title);
    a.category = "chuyen-doi-so";
    a.role = role;
    a.source = "cds/2026-12.mp3";
    a.episode = "2026-12";
    return a;
}

/// Every role, every source kind, millisecond times, Vietnamese text in both forms.
inline std::vector<Airing> sample_plan() {
    std::vector<Airing> plan;
    Airing morning = airing(at(2026, 12, 1, 5, 30), at(2026, 12, 1, 5, 44, 59, 875), "cds-thixa",
                            Role::rerun, "Chuyên mục " + nfc + " thị xã");
    morning.window = "morning";
    morning.fixed = true;
    plan.push_back(morning);

    Airing filler = airing(at(2026, 12, 1, 5, 44, 59, 875), at(2026, 12, 1, 6, 30), "filler",
                           Role::fill, "Nhạc nền");
    filler.window = "morning";
    filler.source_kind = SourceKind::folder;
    filler.source = "filler";
    filler.episode = "2026-12-01";
    filler.category = "";
    plan.push_back(filler);

    Airing premiere = airing(at(2026, 12, 1, 17, 15), at(2026, 12, 1, 17, 29, 3, 120), "cds-thixa",
                             Role::premiere, "Chuyên mục " + nfd + " thị xã");
    premiere.fixed = true;
    plan.push_back(premiere);

    Airing ward = airing(at(2026, 12, 1, 17, 29, 3, 120), at(2026, 12, 1, 17, 41, 0, 1),
                         "phuong-pho-ninh", Role::premiere, "Chương trình phường Phổ Ninh");
    ward.category = "xa-phuong";
    ward.source = "xa/pho-ninh/2026-q4.mp3";
    ward.episode = "2026-Q4";
    ward.media_ok = false;
    ward.media_note = "file not found: media/xa/pho-ninh/2026-q4.mp3";
    plan.push_back(ward);

    Airing relay = airing(at(2026, 12, 5, 6, 0), at(2026, 12, 5, 6, 30), "tinh-cds", Role::relay,
                          "Chuyển đổi số — tiếp sóng Đài PT-TH tỉnh");
    relay.window = "morning";
    relay.source_kind = SourceKind::relay;
    relay.source = "http://127.0.0.1:8000/tinh.mp3";
    relay.fallback = "tinh/2026-w49.mp3";
    relay.episode = "2026-W49";
    relay.fixed = true;
    plan.push_back(relay);

    Airing live = relay;
    live.start = at(2026, 12, 5, 17, 0);
    live.end = at(2026, 12, 5, 17, 30);
    live.window = "evening";
    live.programme = "vov1";
    live.title = "Thời sự VOV1 中文 テスト";
    live.fallback = "";
    plan.push_back(live);

    Airing daily = airing(at(2026, 12, 5, 17, 30), at(2026, 12, 5, 17, 35, 12), "weather",
                          Role::daily, "Bản tin thời tiết, \"nóng\" và lạnh\nhai dòng");
    daily.source = "weather/2026-12-05.mp3";
    daily.episode = "2026-12-05";
    daily.media_ok = false;
    daily.media_note = "unreadable: could not determine type of stream";
    plan.push_back(daily);

    Airing once = airing(at(2026, 12, 31, 23, 50), at(2027, 1, 1, 0, 10), "new-year", Role::once,
                         "Chào năm mới, 2027");
    once.window = "night";
    once.source = "special/new,year \"2027\".mp3";
    once.episode = "2026-12-31";
    once.fixed = true;
    plan.push_back(once);
    return plan;
}

}  // namespace onair::scheduler::plan_format_test
