#pragma once
// The sections of the HTML report after the overview, in page order, each
// appended to the page by its own function (and file).
//
// Threads: the page's. Throws: std::bad_alloc only.

#include "HtmlPage.hpp"

namespace onair::report {

/// Planned against aired, per programme, month and role.
void append_counts(HtmlPage& page);
/// The picture of each month of the period.
void append_months(HtmlPage& page);
/// Every problem row and every planned airing the log never got, in time order.
void append_problems(HtmlPage& page);
/// Airtime by programme and by category, filler and the total.
void append_airtime(HtmlPage& page);

}  // namespace onair::report
