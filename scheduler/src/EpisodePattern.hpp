#pragma once
// Fills a media file pattern's placeholders ({yyyy} {mm} {dd} {q} {ww}) from the
// premiere's date, so every rerun plays the premiere's file.

#include <string>
#include <string_view>

#include <date/date.h>

namespace onair::scheduler {

/// `{yyyy}` is the ISO week-numbering year when the pattern also has `{ww}`, so
/// `tinh/{yyyy}-w{ww}.mp3` for Monday 2025-12-29 is `tinh/2026-w01.mp3`.
/// The loader has rejected unknown placeholders; any left are copied as written.
std::string expand_episode_pattern(std::string_view pattern, date::year_month_day premiere);

}  // namespace onair::scheduler
