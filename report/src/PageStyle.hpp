#pragma once
// The HTML report's style sheet, inlined into every page (the page must open
// anywhere, offline, and print on A4).

namespace onair::report {

const char* page_style() noexcept;

}  // namespace onair::report
