"""The report page's style sheet: screen and print (A4), no resource to fetch."""

from __future__ import annotations

_CSS = """
:root { --ink: #1d2329; --muted: #5a6470; --line: #c9d1d9; --soft: #f3f5f7;
  --error: #a4161a; --warning: #8a4b00; --info: #1c4e80; --ok: #1f6f3f; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
  color: var(--ink); margin: 0 auto; max-width: 72rem; padding: 1.5rem 2rem 3rem; }
h1 { font-size: 1.8rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; border-bottom: 2px solid var(--line); padding-bottom: .2rem;
  margin: 2.2rem 0 .8rem; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
.meta, footer, figcaption, .note { color: var(--muted); }
nav ol { display: flex; flex-wrap: wrap; gap: .3rem 1.2rem; padding: 0; list-style: none;
  margin: .8rem 0 0; }
nav a { color: var(--info); }
dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: .35rem 1rem; margin: 0; }
dl.summary dt { font-weight: 600; }
dl.summary dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; font-size: .92rem; }
caption { text-align: left; font-weight: 600; padding: .3rem 0; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left;
  vertical-align: top; }
thead th { background: var(--soft); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tfoot td, tfoot th { font-weight: 600; background: var(--soft); }
code { font-size: .9em; }
code.rule-id { font-size: .8em; color: #555; }
.badge { display: inline-block; border-radius: .25rem; padding: 0 .4rem; font-weight: 600;
  border: 1px solid currentColor; white-space: nowrap; }
.sev-error, .bad { color: var(--error); }
.sev-warning { color: var(--warning); }
.sev-info { color: var(--info); }
.good { color: var(--ok); }
ul.conditions { list-style: none; padding-left: 0; }
ul.conditions li { margin: .2rem 0; padding-left: 1.4rem; text-indent: -1.4rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }
.missing { border: 1px dashed var(--warning); background: #fff8ec; padding: .6rem .8rem; }
figure { margin: 0; }
.scroll { overflow-x: auto; }
figure.diagram svg { display: block; width: 100%; height: auto; margin: 0 auto;
  min-width: var(--readable); max-width: var(--full); }
figure.diagram .zoom[open] + .scroll svg { width: var(--full); min-width: var(--full);
  max-width: none; }
.zoom summary, .by-kind summary { cursor: pointer; color: var(--info); margin: .2rem 0; }
table.matrix { width: auto; }
table.matrix thead th { vertical-align: bottom; }
table.matrix td.total { font-weight: 600; background: var(--soft); }
.out-of-force { color: var(--muted); }
@page { size: A4; margin: 14mm 12mm; }
@page wide { size: A4 landscape; margin: 12mm; }
@media print {
  body { font-size: 10pt; max-width: none; padding: 0; }
  nav { display: none; }
  h2 { break-after: avoid; page-break-after: avoid; }
  table, figure, dl.summary { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  .scroll { overflow: visible; }
  /* a wide table scrolls on screen, and a printer would cut what passes the margin: tables
     print smaller, their number headings wrap, and the forecast's sixteen columns go on a
     landscape page of their own */
  table { font-size: 8pt; }
  th, td { padding: .15rem .3rem; overflow-wrap: break-word; }
  th.num { white-space: normal; }
  section#forecast { page: wide; }
  section#forecast table { font-size: 7pt; }
  .zoom { display: none; }
  /* the matrix by kind, folded on screen, is printed open (a printer cannot click it open);
     browsers without ::details-content print its summary alone, as before */
  details.by-kind::details-content { content-visibility: visible; display: block; }
  .by-kind summary { color: inherit; font-weight: 600; list-style: none; }
  figure.diagram svg { width: 100% !important; min-width: 0 !important;
    max-width: 100% !important; max-height: 24cm; }
  a { color: inherit; text-decoration: none; }
  .badge { border-width: 1.5px; }
}
""".strip()
