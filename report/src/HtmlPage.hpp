#pragma once
// The HTML report's page while it is written: the input, the language's
// strings, the station's time zone, the comparison of plan and log, and the
// text so far, with the small pieces every section writes (escaped text, a
// section's heading, a programme's cell). render_html() writes the head and
// the overview; each section has its own file (HtmlSections.hpp).
//
// Threads: one page, one thread. Throws: std::bad_alloc only (the time zone
// is checked when the station is loaded).

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "MonthPicture.hpp"
#include "Strings.hpp"
#include "onair/report/Report.hpp"
#include "onair/scheduler/StationTimeZone.hpp"

namespace onair::report {

/// The role of filler rows in the log.
inline constexpr std::string_view fill_role = "fill";

class HtmlPage {
  public:
    HtmlPage(const HtmlInput& input, Language language);

    const HtmlInput& input() const noexcept { return in_; }
    const Strings& strings() const noexcept { return s_; }
    const scheduler::StationTimeZone& zone() const noexcept { return zone_; }
    const Comparison& comparison() const noexcept { return comparison_; }
    /// The page so far; sections append to it.
    std::string& out() noexcept { return out_; }

    /// True when the planned airing with this plan key has no row in the log.
    bool never_logged(const std::string& plan_key) const;
    /// Appends `t`, escaped for HTML.
    void text(std::string_view t);
    /// The programme's title (the station file's, else the plan's or the log's).
    std::string title_of(const std::string& programme) const;
    /// Station file order first; programmes no longer in it after, by id.
    bool programme_before(const std::string& a, const std::string& b) const;
    /// The period, as `1 December 2026 – 31 December 2026` in the language.
    std::string period_text() const;
    /// A programme's title with its id below.
    void programme_cell(const std::string& programme);
    /// Opens a section: its heading and, when not empty, its introduction.
    void section(const char* id, const char* heading, const char* intro);

  private:
    const HtmlInput& in_;
    const Strings& s_;
    scheduler::StationTimeZone zone_;
    Comparison comparison_;
    std::unordered_map<std::string, std::size_t> order_;
    std::unordered_map<std::string, std::string> titles_;
    std::unordered_set<std::string> never_logged_keys_;
    std::string out_;
};

/// `17:15` or, with seconds, `17:15:02`, in the station's time.
std::string local_clock(const scheduler::StationTimeZone& zone, scheduler::TimePoint instant,
                        bool with_seconds);

/// How a row is drawn and badged: filler, aired, cut short, or a problem.
PictureItem::Look look_of(const airlog::Row& row);

}  // namespace onair::report
