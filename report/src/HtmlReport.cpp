// render_html(): the page a station hands to its inspectors. Sections, in order:
// overview cards, planned against aired per programme and month, the picture of
// each month, the problems, and the airtime (each in its own file,
// HtmlSections.hpp).

#include "HtmlSections.hpp"
#include "HtmlText.hpp"
#include "PageStyle.hpp"

namespace onair::report {

namespace {

void append_head(HtmlPage& page) {
    const HtmlInput& in = page.input();
    const Strings& s = page.strings();
    const scheduler::StationTimeZone& zone = page.zone();
    std::string& out = page.out();
    out += "<!DOCTYPE html>\n<html lang=\"";
    out += s.html_lang;
    out +=
        "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
        "content=\"width=device-width, initial-scale=1\"><title>";
    page.text(std::string(s.report) + " — " + in.station.name + " — " + page.period_text());
    out += "</title><style>";
    out += page_style();
    out += "</style></head><body><main><header class=\"top\"><p class=\"kicker\">";
    page.text(s.report);
    out += "</p><h1>";
    page.text(in.station.name);
    out += "</h1><p class=\"period\"><strong>";
    page.text(page.period_text());
    out += "</strong> · ";
    page.text(std::string(s.time_zone) + " " + zone.name());
    out += "</p></header>";
}

void card(HtmlPage& page, const char* css, const char* label, const std::string& value,
          const std::string& sub) {
    std::string& out = page.out();
    out += "<div class=\"card";
    out += css;
    out += "\"><div class=\"label\">";
    page.text(label);
    out += "</div><div class=\"value\">";
    page.text(value);
    out += "</div><div class=\"sub\">";
    page.text(sub);
    out += "</div></div>";
}

void append_overview(HtmlPage& page) {
    const Strings& s = page.strings();
    const Comparison& comparison = page.comparison();
    std::string& out = page.out();
    int planned = 0, aired = 0, upcoming = 0;
    for (const RoleCount& count : comparison.counts) {
        planned += count.planned;
        aired += count.aired;
        upcoming += count.upcoming;
    }
    const int due = planned - upcoming;
    const std::size_t problems = comparison.problems.size();
    const std::size_t never = comparison.never_logged.size();
    out += "<section class=\"cards\">";
    card(page, "", s.airtime_total, format_hours_minutes(s, comparison.seconds_total),
         fill(s.of_which_filler, {format_hours_minutes(s, comparison.seconds_filler)}));
    std::string sub = s.planned_aired_note;
    if (upcoming > 0) {
        sub += "; " + fill(s.upcoming_note, {format_count(s, upcoming)});
    }
    card(page, aired < due ? " alert" : " ok", s.planned_aired,
         format_count(s, aired) + " / " + format_count(s, due), sub);
    card(page, problems > 0 ? " alert" : " ok", s.problems_count,
         format_count(s, static_cast<long long>(problems)), s.problems_note);
    card(page, never > 0 ? " alert" : " ok", s.never_logged_count,
         format_count(s, static_cast<long long>(never)), s.never_logged_note);
    out += "</section>";
}

}  // namespace

std::string render_html(const HtmlInput& input, Language language) {
    HtmlPage page(input, language);
    std::string& out = page.out();
    out.reserve(256 * 1024);
    append_head(page);
    append_overview(page);
    append_counts(page);
    append_months(page);
    append_problems(page);
    append_airtime(page);
    out += "<footer>";
    page.text(fill(page.strings().footer, {page.zone().name()}));
    out += "</footer></main></body></html>\n";
    return std::move(out);
}

}  // namespace onair::report
