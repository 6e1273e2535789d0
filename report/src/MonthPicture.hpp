#pragma once
// The picture of one month in the HTML report: an inline SVG grid with a row per
// day and a panel per broadcast window, the plan drawn as outlines and what went
// on air filled in, coloured by how it went. Drawing only: the report decides
// what each item looks like.

#include <string>
#include <vector>

#include <date/date.h>

#include "Strings.hpp"
#include "onair/config/Station.hpp"
#include "onair/scheduler/StationTimeZone.hpp"

namespace onair::report {

struct PictureItem {
    /// Drawn in this order, each over the ones before: what should have aired
    /// and did not lies under whatever aired instead; filler is a thin bar, so
    /// that red shows around it; the plan's outline is on top.
    enum class Look { not_aired, filler, aired, cut, bad, never_logged, planned };
    scheduler::TimePoint start;
    scheduler::TimePoint end;
    Look look = Look::aired;
    /// Written inside the bar when it fits; may be empty.
    std::string label;
    /// Shown when the pointer rests on the bar (plain text).
    std::string tooltip;
};

struct MonthPictureInput {
    const std::vector<config::Window>& windows;
    const scheduler::StationTimeZone& zone;
    const Strings& strings;
    /// The days drawn, inclusive (a month, or the part of it in the period).
    date::year_month_day first;
    date::year_month_day last;
    std::vector<PictureItem> items;
};

/// Appends one <svg> element. Items outside every window are not drawn (they are
/// in the report's tables).
void append_month_picture(std::string& out, const MonthPictureInput& input);

/// Appends the legend: an HTML list with a small SVG swatch per look.
void append_picture_legend(std::string& out, const Strings& strings);

/// The CSS class of a look, shared by the picture, the legend and the page's style.
const char* look_class(PictureItem::Look look) noexcept;

}  // namespace onair::report
