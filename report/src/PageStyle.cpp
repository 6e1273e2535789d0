#include "PageStyle.hpp"

namespace onair::report {

const char* page_style() noexcept {
    // Restrained: ink, one blue for what aired, amber and red only where
    // something went wrong. System fonts with full Vietnamese coverage.
    return R"css(
:root {
  --ink: #1d2733; --muted: #5d6b7a; --line: #dfe5ec; --soft: #f4f6f9;
  --accent: #1f4e79; --aired: #3f74a8; --cut: #e3a235; --bad: #c2412f;
  --bad-soft: #fbe4e0; --good: #2f7a4f; --filler: #dde3ea; --closed: #eef1f4;
}
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body {
  margin: 0; background: #fff; color: var(--ink);
  font: 14px/1.5 "Noto Sans", "DejaVu Sans", "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
main { max-width: 1080px; margin: 0 auto; padding: 36px 40px 48px; }
header.top { border-bottom: 3px solid var(--accent); padding-bottom: 14px; margin-bottom: 22px; }
.kicker { margin: 0; color: var(--accent); font-size: 12px; font-weight: 700;
  letter-spacing: .08em; text-transform: uppercase; }
h1 { margin: 2px 0 4px; font-size: 26px; line-height: 1.25; }
.period { margin: 0; color: var(--muted); font-size: 15px; }
.period strong { color: var(--ink); }
h2 { font-size: 18px; margin: 34px 0 4px; }
h3 { font-size: 14px; margin: 18px 0 6px; color: var(--muted); font-weight: 600; }
.intro { margin: 0 0 12px; color: var(--muted); font-size: 13px; max-width: 760px; }
.cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 12px; }
.card { background: var(--soft); border-radius: 8px; padding: 12px 14px; }
.card .label { font-size: 12px; color: var(--muted); font-weight: 600; }
.card .value { font-size: 24px; font-weight: 700; line-height: 1.3; font-variant-numeric: tabular-nums; }
.card .sub { font-size: 12px; color: var(--muted); }
.card.alert .value { color: var(--bad); }
.card.ok .value { color: var(--good); }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th { text-align: left; font-weight: 600; color: var(--muted); font-size: 12px;
  border-bottom: 1.5px solid #c9d2dc; padding: 6px 8px; }
td { border-bottom: 1px solid var(--line); padding: 5px 8px; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.count, th.count { text-align: center; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.count.short { background: var(--bad-soft); color: var(--bad); font-weight: 700; }
td.count.none { color: #b8c1cb; }
.id { color: var(--muted); font-size: 11.5px; font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; }
.result-ok { color: var(--good); font-weight: 600; white-space: nowrap; }
.result-short { color: var(--bad); font-weight: 700; white-space: nowrap; }
.upcoming { color: var(--muted); font-weight: 400; font-size: 11.5px; display: block; }
tr.group-start td { border-top: 1.5px solid #c9d2dc; }
td.programme { font-weight: 600; }
.badge { display: inline-block; border-radius: 10px; padding: 0 8px; font-size: 12px;
  font-weight: 600; white-space: nowrap; }
.badge.cut { background: #fcefd6; color: #8a5a00; }
.badge.bad, .badge.nolog { background: var(--bad-soft); color: var(--bad); }
.when { white-space: nowrap; font-variant-numeric: tabular-nums; }
td.role { white-space: nowrap; }
.note { color: var(--ink); }
.empty { color: var(--good); font-weight: 600; }
.two { display: grid; grid-template-columns: 3fr 2fr; gap: 28px; }
.share { width: 110px; }
.share span { display: block; height: 8px; border-radius: 4px; background: var(--aired); min-width: 2px; }
tr.total td { font-weight: 700; border-top: 1.5px solid #c9d2dc; border-bottom: none; }
tr.filler td { color: var(--muted); }
figure.month { margin: 16px 0 24px; }
figure.month figcaption { display: flex; justify-content: space-between; align-items: baseline;
  margin-bottom: 4px; }
figure.month figcaption strong { font-size: 15px; }
figure.month figcaption span { color: var(--muted); font-size: 12.5px; }
svg.month-picture { width: 100%; height: auto; display: block; }
svg text { font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; }
svg .window-name { font-size: 11px; font-weight: 700; fill: var(--ink); }
svg .tick { font-size: 9.5px; fill: var(--muted); }
svg .day { font-size: 10px; fill: var(--ink); font-variant-numeric: tabular-nums; }
svg .day.sunday { fill: var(--bad); }
svg .week { stroke: #c9d2dc; stroke-width: 1; }
svg .grid { stroke: #edf0f4; stroke-width: 1; }
svg .grid.hour { stroke: #cfd7e0; }
svg .open { fill: #fff; stroke: var(--line); stroke-width: .8; }
svg .closed { fill: var(--closed); stroke: none; }
svg .filler { fill: var(--filler); }
svg .aired { fill: var(--aired); }
svg .cut { fill: var(--cut); }
svg .bad { fill: var(--bad); }
svg .nolog { fill: var(--bad-soft); stroke: var(--bad); stroke-width: 1.2; stroke-dasharray: 3 2; }
svg .plan { fill: none; stroke: var(--ink); stroke-width: 1.1; pointer-events: all; }
svg .bar-label { font-size: 9.5px; font-weight: 600; fill: var(--ink); stroke: #fff;
  stroke-width: 2.4px; stroke-linejoin: round; paint-order: stroke; pointer-events: none; }
ul.legend { list-style: none; display: flex; flex-wrap: wrap; gap: 6px 18px; padding: 0;
  margin: 6px 0 4px; font-size: 12px; color: var(--muted); }
ul.legend li { display: flex; align-items: center; gap: 6px; }
svg.swatch { flex: none; }
footer { margin-top: 36px; padding-top: 10px; border-top: 1px solid var(--line);
  color: var(--muted); font-size: 11.5px; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { font-size: 9.5pt; }
  main { max-width: none; padding: 0; }
  h1 { font-size: 18pt; }
  h2 { break-after: avoid; margin-top: 20px; }
  .intro, ul.legend { break-after: avoid; }
  ul.legend { break-inside: avoid; }
  figure.month, tr, .card { break-inside: avoid; }
  .card .value { font-size: 15pt; }
  table { font-size: 8pt; }
  th, td { padding: 3px 4px; }
  .badge { white-space: normal; padding: 0 5px; font-size: 7.5pt; }
  .id { font-size: 7pt; }
  .two { grid-template-columns: 1fr 1fr; gap: 16px; }
  .share { width: 60px; }
}
@media (max-width: 720px) {
  main { padding: 18px; }
  .cards { grid-template-columns: repeat(2, 1fr); }
  .two { grid-template-columns: 1fr; }
}
)css";
}

}  // namespace onair::report
