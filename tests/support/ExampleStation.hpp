#pragma once
// The example station, the one fixture of a station file for tests and
// benchmarks (the spec's example plus every other key). Its parts are named so
// that a test or benchmark that needs a smaller or larger station builds it
// from the same programmes:
//   example_station()      the whole file (loader, mutation tests)
//   example_station_head   `station:` (name, time zone) and media_root
//   example_windows        morning every day, evening Mon-Sat (packed programmes use it)
//   example_cds_thixa      monthly file, premiere 1st Tue 17:15, 3 reruns
//   example_tinh_cds       weekly relay Sat 06:00 (30 min) with a fallback file
//   example_phuong_pho_ninh  quarterly file, 3rd month's 2nd Wed, packed into `evening`
// Text only (no onair types), so any test or benchmark can include it.

#include <string>
#include <string_view>

namespace onair::test {

inline constexpr std::string_view example_station_head = R"yaml(station:
  name: "Đài Truyền thanh thị xã Đức Phổ"
  timezone: Asia/Ho_Chi_Minh          # IANA name; default Asia/Ho_Chi_Minh

media_root: media                     # relative to this file's folder
)yaml";

inline constexpr std::string_view example_windows = R"yaml(
windows:                              # when the station is on air
  morning: { start: "05:30", end: "06:30" }
  evening: { start: "17:00", end: "18:00", days: [mon, tue, wed, thu, fri, sat] }
)yaml";

inline constexpr std::string_view example_cds_thixa = R"yaml(
  - id: cds-thixa
    title: "Chuyên mục \"Chuyển đổi số\", thị xã Đức Phổ"
    category: chuyen-doi-so
    source: { file: "cds/{yyyy}-{mm}.mp3" }     # a new file every month
    max_duration: 15m
    monthly:
      premiere: { week: 1, day: tue, at: "17:15" }
      reruns: 3
)yaml";

inline constexpr std::string_view example_tinh_cds = R"yaml(
  - id: tinh-cds
    title: "Chuyển đổi số — tiếp sóng Đài PT-TH tỉnh"
    category: chuyen-doi-so
    source: { relay: "http://127.0.0.1:8000/tinh.mp3", fallback: "tinh/{yyyy}-w{ww}.mp3" }
    duration: 30m
    weekly: { day: sat, at: "06:00" }
)yaml";

inline constexpr std::string_view example_phuong_pho_ninh = R"yaml(
  - id: phuong-pho-ninh
    title: "Chương trình phường Phổ Ninh"
    category: xa-phuong
    source: { file: "xa/pho-ninh/{yyyy}-q{q}.mp3" }
    max_duration: 15m
    quarterly:
      premiere: { month: 3, week: 2, day: wed, window: evening }   # packed, no fixed time
)yaml";

/// The whole example: the parts above, plus a third window, filler, every kind
/// of output, the log, and programmes of every other recurrence and key.
inline std::string example_station() {
    std::string text{example_station_head};
    text += example_windows;
    text += R"yaml(  khuya: { start: "22:00:30", end: "24:00", days: [sun] }

filler: { folder: filler, title: "Nhạc nền" }

outputs:
  - { type: alsa, device: default }
  - { type: icecast, url: "icecast://source:secret@127.0.0.1:8000/station.mp3", format: mp3, bitrate: 64 }
  - { type: file, path: "aircheck/%Y-%m-%d.ogg", retain_days: 90 }   # air-check recording
  - { type: pulse }
  - { type: icecast, url: "http://stream.example.vn/live.ogg", bitrate: 96 }
  - { type: null }

log: { database: data/onair.db }      # the as-aired log (SQLite)

programmes:)yaml";
    text += example_cds_thixa;
    text += example_tinh_cds;
    text += example_phuong_pho_ninh;
    text += R"yaml(
  - id: an-ninh
    title: "An ninh trật tự"
    priority: 5
    from: 2026-01-05
    until: 2026-12-31
    except: [2026-09-02, 2026-04-30]
    source: { file: "an-ninh/{yyyy}-{mm}-{dd}.mp3" }
    monthly:
      premiere: { week: last, day: fri, at: "17:30:00", window: evening }
      reruns:
        - { days_after: 1, at: "05:40" }
        - { week: 2, day: mon, window: morning }

  - id: nong-nghiep
    title: "Bản tin nông nghiệp"
    from: 2026-01-05
    source: { folder: nong-nghiep }
    duration: "00:10:00"
    weekly: { day: thu, window: morning, every: 2, reruns: [{ day: sun, at: "05:45" }] }

  - id: thoi-tiet
    title: "Dự báo thời tiết"
    source: { file: "thoi-tiet/{yyyy}{mm}{dd}.mp3" }
    max_duration: 1h30m
    daily: { at: "05:30", days: [mon, wed, fri] }

  - id: quoc-khanh
    title: "Chào mừng Quốc khánh"
    source: { file: "le/quoc-khanh.mp3" }
    once: ["2026-09-02T17:05", "2026-09-01T05:35:30"]

  - id: xa-tuan
    title: "Xã phường tuần"
    source: { relay: "https://radio.example.vn/xa.m3u8" }
    duration: 90s
    daily: { window: evening }
)yaml";
    return text;
}

}  // namespace onair::test
