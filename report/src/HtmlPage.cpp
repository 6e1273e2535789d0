#include "HtmlPage.hpp"

#include <cstdio>

#include "HtmlText.hpp"

namespace onair::report {

using scheduler::Airing;
using scheduler::TimePoint;

HtmlPage::HtmlPage(const HtmlInput& input, Language language)
    : in_(input),
      s_(strings_for(language)),
      zone_(input.station.timezone),
      comparison_(compare(input.plan, input.rows, zone_, input.now)) {
    for (const config::Programme& programme : in_.station.programmes) {
        order_.emplace(programme.id, order_.size());
        titles_.emplace(programme.id, programme.title);
    }
    for (const Airing& airing : in_.plan.airings) {
        titles_.emplace(airing.programme, airing.title);
    }
    for (const airlog::Row& row : in_.rows) {
        titles_.emplace(row.programme, row.title);
    }
    for (const Airing& airing : comparison_.never_logged) {
        never_logged_keys_.insert(airlog::plan_key(airing));
    }
}

bool HtmlPage::never_logged(const std::string& plan_key) const {
    return never_logged_keys_.count(plan_key) > 0;
}

void HtmlPage::text(std::string_view t) {
    append_escaped(out_, t);
}

std::string HtmlPage::title_of(const std::string& programme) const {
    const auto found = titles_.find(programme);
    return found == titles_.end() || found->second.empty() ? programme : found->second;
}

bool HtmlPage::programme_before(const std::string& a, const std::string& b) const {
    const auto ia = order_.find(a), ib = order_.find(b);
    const std::size_t oa = ia == order_.end() ? order_.size() : ia->second;
    const std::size_t ob = ib == order_.end() ? order_.size() : ib->second;
    return oa != ob ? oa < ob : a < b;
}

std::string HtmlPage::period_text() const {
    return format_day(s_, in_.period.first) + " – " + format_day(s_, in_.period.last);
}

void HtmlPage::programme_cell(const std::string& programme) {
    text(title_of(programme));
    out_ += "<br><span class=\"id\">";
    text(programme);
    out_ += "</span>";
}

void HtmlPage::section(const char* id, const char* heading, const char* intro) {
    out_ += "<section id=\"";
    out_ += id;
    out_ += "\"><h2>";
    text(heading);
    out_ += "</h2>";
    if (*intro != '\0') {
        out_ += "<p class=\"intro\">";
        text(intro);
        out_ += "</p>";
    }
}

/// `17:15` or, with seconds, `17:15:02`.
std::string local_clock(const scheduler::StationTimeZone& zone, scheduler::TimePoint instant,
                        bool with_seconds) {
    const auto local = zone.to_local(instant);
    const auto in_day = date::floor<std::chrono::seconds>(local - date::floor<date::days>(local));
    const long long s = in_day.count();
    char text[64];
    if (with_seconds) {
        std::snprintf(text, sizeof text, "%02lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
    } else {
        std::snprintf(text, sizeof text, "%02lld:%02lld", s / 3600, s / 60 % 60);
    }
    return text;
}

PictureItem::Look look_of(const airlog::Row& row) {
    using airlog::Status;
    if (row.role == fill_role) {
        return PictureItem::Look::filler;
    }
    switch (row.status) {
        case Status::aired:
        case Status::on_air:
            return PictureItem::Look::aired;
        case Status::partial:
        case Status::joined:
            return PictureItem::Look::cut;
        default:
            return PictureItem::Look::bad;
    }
}

}  // namespace onair::report
