#include "MonthPicture.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "HtmlText.hpp"
#include "onair/config/WindowDays.hpp"

namespace onair::report {

namespace {

using std::chrono::seconds;

// Geometry, in SVG user units (about CSS pixels at the page's full width).
constexpr double width = 1000;
constexpr double label_width = 58;
constexpr double panel_gap = 22;
constexpr double header_height = 34;
constexpr double row_height = 18;
constexpr double bar_inset = 3;
constexpr double min_panel_width = 120;
// An estimate of a label's width at the picture's 9.5-unit font: enough to
// decide whether it fits in its bar.
constexpr double char_width = 5.6;

struct Panel {
    const config::Window* window;
    double x;
    double width;
    double from;  // seconds since local midnight
    double to;

    double at(double second) const {
        return x + (std::clamp(second, from, to) - from) / (to - from) * width;
    }
};

std::vector<Panel> lay_out(const std::vector<config::Window>& windows) {
    std::vector<const config::Window*> sorted;
    for (const config::Window& window : windows) {
        sorted.push_back(&window);
    }
    std::sort(sorted.begin(), sorted.end(),
              [](const auto* a, const auto* b) { return a->start < b->start; });
    double total = 0;
    for (const auto* window : sorted) {
        total += static_cast<double>((window->end - window->start).count());
    }
    const double room = width - label_width -
                        panel_gap * static_cast<double>(sorted.size() > 0 ? sorted.size() - 1 : 0);
    // Short windows get a minimum width; the others share what is left.
    std::vector<Panel> panels;
    double fixed = 0, flexible = 0;
    for (const auto* window : sorted) {
        const double share =
            static_cast<double>((window->end - window->start).count()) / total * room;
        if (share < min_panel_width) {
            fixed += min_panel_width;
        } else {
            flexible += static_cast<double>((window->end - window->start).count());
        }
    }
    double x = label_width;
    for (const auto* window : sorted) {
        const double length = static_cast<double>((window->end - window->start).count());
        double panel_width = length / total * room;
        if (panel_width < min_panel_width) {
            panel_width = min_panel_width;
        } else {
            panel_width = length / flexible * (room - fixed);
        }
        panels.push_back({window, x, panel_width, static_cast<double>(window->start.count()),
                          static_cast<double>(window->end.count())});
        x += panel_width + panel_gap;
    }
    return panels;
}

/// One decimal at most: `655`, `689.5` (a year's picture has a lot of numbers).
void number(std::string& out, double value) {
    if (value < 0) {
        out += '-';
        value = -value;
    }
    const long tenths = std::lround(value * 10);
    out += std::to_string(tenths / 10);
    if (tenths % 10 != 0) {
        out += '.';
        out += static_cast<char>('0' + tenths % 10);
    }
}

void attribute(std::string& out, const char* name, double value) {
    out += ' ';
    out += name;
    out += "=\"";
    number(out, value);
    out += '"';
}

std::string clock(double second) {
    char text[8];
    const int minutes = static_cast<int>(second) / 60;
    std::snprintf(text, sizeof text, "%02d:%02d", minutes / 60 % 24, minutes % 60);
    return text;
}

/// Grid lines every 15 minutes (30 or 60 in long windows), labels on the hours
/// and at the window's edges when they do not crowd each other.
void append_grid(std::string& out, const Panel& panel, double bottom) {
    const double length = panel.to - panel.from;
    const double step = length <= 2 * 3600 ? 900 : length <= 5 * 3600 ? 1800 : 3600;
    double last_label = -1e9;
    auto label = [&](double second, const char* anchor) {
        const double x = panel.at(second);
        if (x - last_label < 34) {
            return;
        }
        out += "<text class=\"tick\"";
        attribute(out, "x", x);
        attribute(out, "y", header_height - 6);
        out += " text-anchor=\"";
        out += anchor;
        out += "\">" + clock(second) + "</text>";
        last_label = x;
    };
    const double first_tick = std::ceil(panel.from / step) * step;
    for (double second = first_tick; second <= panel.to; second += step) {
        const bool hour = std::fmod(second, 3600) == 0;
        out += "<line class=\"";
        out += hour ? "grid hour" : "grid";
        out += '"';
        attribute(out, "x1", panel.at(second));
        attribute(out, "x2", panel.at(second));
        attribute(out, "y1", header_height - 2);
        attribute(out, "y2", bottom);
        out += "/>";
    }
    label(panel.from, "start");
    for (double second = std::ceil(panel.from / 3600) * 3600; second < panel.to; second += 3600) {
        if (second > panel.from && panel.to - second >= 1200) {
            label(second, "middle");
        }
    }
    // The end label wins over an hour label that would crowd it.
    last_label = -1e9;
    label(panel.to, "end");
}

}  // namespace

const char* look_class(PictureItem::Look look) noexcept {
    switch (look) {
        case PictureItem::Look::not_aired:
            return "bad";
        case PictureItem::Look::filler:
            return "filler";
        case PictureItem::Look::aired:
            return "aired";
        case PictureItem::Look::cut:
            return "cut";
        case PictureItem::Look::bad:
            return "bad";
        case PictureItem::Look::never_logged:
            return "nolog";
        case PictureItem::Look::planned:
            return "plan";
    }
    return "plan";
}

void append_month_picture(std::string& out, const MonthPictureInput& input) {
    const std::vector<Panel> panels = lay_out(input.windows);
    const auto first = date::sys_days{input.first};
    const int days = static_cast<int>((date::sys_days{input.last} - first).count()) + 1;
    const double height = header_height + row_height * days + 2;

    out += "<svg class=\"month-picture\" viewBox=\"0 0 ";
    number(out, width);
    out += ' ';
    number(out, height);
    out += "\" role=\"img\">";

    for (const Panel& panel : panels) {
        out += "<text class=\"window-name\"";
        attribute(out, "x", panel.x);
        attribute(out, "y", 11);
        out += '>';
        append_escaped(out, panel.window->name);
        out += "</text>";
    }

    // Days: label, then one cell per window, open or closed that weekday.
    for (int index = 0; index < days; ++index) {
        const date::year_month_day day{first + date::days{index}};
        const date::weekday weekday{day};
        const double y = header_height + row_height * index;
        if (weekday == date::Monday && index > 0) {
            out += "<line class=\"week\"";
            attribute(out, "x1", 0);
            attribute(out, "x2", width);
            attribute(out, "y1", y);
            attribute(out, "y2", y);
            out += "/>";
        }
        out += "<text class=\"day";
        out += weekday == date::Sunday ? " sunday" : "";
        out += '"';
        attribute(out, "x", label_width - 10);
        attribute(out, "y", y + row_height / 2 + 3.5);
        out += " text-anchor=\"end\">";
        append_escaped(out, format_day_label(input.strings, day));
        out += "</text>";
        for (const Panel& panel : panels) {
            const bool open = config::is_open_on(*panel.window, weekday);
            out += open ? "<rect class=\"open\"" : "<rect class=\"closed\"";
            attribute(out, "x", panel.x);
            attribute(out, "y", y + 1);
            attribute(out, "width", panel.width);
            attribute(out, "height", row_height - 2);
            out += "/>";
        }
    }
    for (const Panel& panel : panels) {
        append_grid(out, panel, height - 2);
    }

    std::vector<const PictureItem*> items;
    for (const PictureItem& item : input.items) {
        items.push_back(&item);
    }
    std::stable_sort(items.begin(), items.end(),
                     [](const auto* a, const auto* b) { return a->look < b->look; });
    for (const PictureItem* item : items) {
        const auto local_start = input.zone.to_local(item->start);
        const auto day = date::floor<date::days>(local_start);
        const auto index = (date::sys_days{day.time_since_epoch()} - first).count();
        if (index < 0 || index >= days) {
            continue;
        }
        const double from =
            static_cast<double>(
                std::chrono::duration_cast<std::chrono::milliseconds>(local_start - day).count()) /
            1000.0;
        const double to = from + static_cast<double>((item->end - item->start).count()) / 1000.0;
        const auto panel = std::find_if(panels.begin(), panels.end(), [&](const Panel& p) {
            return from < p.to && (to > p.from || (to == from && from >= p.from));
        });
        if (panel == panels.end()) {
            continue;
        }
        const double x = panel->at(from);
        const double bar = std::max(panel->at(to) - x, 2.5);
        const double y = header_height + row_height * static_cast<double>(index);
        // Filler is background: a thin bar.
        const double inset =
            item->look == PictureItem::Look::filler ? row_height * 0.32 : bar_inset;
        out += "<rect class=\"";
        out += look_class(item->look);
        out += '"';
        attribute(out, "x", x);
        attribute(out, "y", y + inset);
        attribute(out, "width", bar);
        attribute(out, "height", row_height - 2 * inset);
        if (item->tooltip.empty()) {
            out += "/>";
        } else {
            out += "><title>";
            append_escaped(out, item->tooltip);
            out += "</title></rect>";
        }
        if (!item->label.empty() &&
            bar >= static_cast<double>(item->label.size()) * char_width + 6) {
            out += "<text class=\"bar-label\"";
            attribute(out, "x", x + 3);
            attribute(out, "y", y + row_height / 2 + 3.3);
            out += '>';
            append_escaped(out, item->label);
            out += "</text>";
        }
    }
    out += "</svg>";
}

void append_picture_legend(std::string& out, const Strings& s) {
    struct Entry {
        const char* css;
        const char* text;
    };
    const Entry entries[] = {
        {"plan", s.legend_planned},  {"aired", s.legend_aired},        {"cut", s.legend_cut},
        {"bad", s.legend_bad},       {"nolog", s.legend_never_logged}, {"filler", s.legend_filler},
        {"closed", s.legend_closed},
    };
    out += "<ul class=\"legend\">";
    for (const Entry& entry : entries) {
        out +=
            "<li><svg class=\"swatch\" viewBox=\"0 0 26 14\" "
            "width=\"26\" height=\"14\"><rect class=\"";
        out += entry.css;
        out += std::string_view(entry.css) == "filler"
                   ? "\" x=\"1\" y=\"4.5\" width=\"24\" height=\"5\"/></svg>"
                   : "\" x=\"1\" y=\"2\" width=\"24\" height=\"10\"/></svg>";
        append_escaped(out, entry.text);
        out += "</li>";
    }
    out += "</ul>";
}

}  // namespace onair::report
