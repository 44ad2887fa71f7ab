"""The report's diagrams and flows matrix: readable sizes, measured in a real Chromium.

The page itself holds no script; to measure it, the test writes a copy with one script at the
end of the body that measures what Chromium laid out (each SVG ``<text>``'s font size times the
scale from its user units to the screen, from ``getScreenCTM``; its bounding box), opens each
full-size toggle and measures again, reads the flows matrix, and writes the figures as JSON into
the DOM that ``--dump-dom`` prints.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest
from conformance_cases import CONFORMANCE
from report_groups import big_ges
from test_page import _chromium, _headless, outline

from ges_graph.errors import RenderError
from ges_graph.flows import flow_matrix
from ges_graph.graph import GES
from ges_graph.html_report import report_html, write_report
from ges_graph.html_report._diagrams import READABLE_PX, fit, flow_edges
from ges_graph.i18n import format_money
from ges_graph.io import load

MEASURE = """
<script>
(() => {
  const texts = (svg) => Array.from(svg.querySelectorAll("text")).filter(
    (t) => t.textContent.trim() !== "");
  const sizes = (svg) => texts(svg).map((t) => {
    const css = parseFloat(getComputedStyle(t).fontSize);
    const m = t.getScreenCTM();
    return {text: t.textContent, font: css * Math.hypot(m.a, m.b),
            box: t.getBoundingClientRect().height};
  });
  const out = {views: {}, matrix: null, viewport: window.innerWidth};
  for (const fig of document.querySelectorAll("figure.diagram")) {
    const svg = fig.querySelector("svg");
    const before = sizes(svg);
    const width = svg.getBoundingClientRect().width;
    const zoom = fig.querySelector("details.zoom");
    zoom.querySelector("summary").click();
    const after = sizes(svg);
    out.views[fig.id] = {
      texts: before.length,
      font: Math.min(...before.map((s) => s.font)),
      box: Math.min(...before.map((s) => s.box)),
      width: width,
      height: svg.getBoundingClientRect().height,
      figure: fig.getBoundingClientRect().width,
      open: zoom.open,
      full_width: svg.getBoundingClientRect().width,
      full_font: Math.min(...after.map((s) => s.font)),
      full: parseFloat(svg.style.getPropertyValue("--full")),
      readable: parseFloat(svg.style.getPropertyValue("--readable")),
    };
  }
  const table = document.querySelector("table.matrix");
  if (table) {
    out.matrix = Array.from(table.rows).map(
      (row) => Array.from(row.cells).map((c) => c.textContent));
  }
  const pre = document.createElement("pre");
  pre.id = "measures";
  pre.textContent = JSON.stringify(out);
  document.body.append(pre);
})();
</script>
"""


def _measured(tmp_path: Path, ges: GES, width: int, lang: Any = "fr") -> dict[str, Any]:
    browser = _chromium()
    page = write_report(ges, tmp_path / "page.html", lang=lang)
    probe = tmp_path / "probe.html"
    text = page.read_text(encoding="utf-8")
    probe.write_text(text.replace("</body>", MEASURE + "</body>"), encoding="utf-8")
    dom = _headless(
        browser, tmp_path / "profile", f"--window-size={width},900", "--dump-dom", probe.as_uri()
    )
    assert dom.returncode == 0, dom.stderr[-2000:]
    found = re.search(r'<pre id="measures">(.*?)</pre>', dom.stdout, re.DOTALL)
    assert found, "the measuring script did not run"
    measures: dict[str, Any] = json.loads(html.unescape(found.group(1)))
    return measures


def _check_readable(measures: dict[str, Any], views: set[str]) -> None:
    assert set(measures["views"]) == views
    for name, view in measures["views"].items():
        assert view["texts"] > 0, name
        assert view["font"] >= 9, f"{name}: smallest text {view['font']:.2f} CSS px"
        assert view["box"] >= 9, f"{name}: smallest text box {view['box']:.2f} CSS px high"
        assert view["height"] > 50, name  # the height follows the width (no squashed drawing)
        # as wide as the figure, but never narrower than readable nor wider than its own size
        expected = max(view["readable"], min(view["figure"], view["full"]))
        assert view["width"] == pytest.approx(expected, abs=1.5), name
        # the full-size toggle opens: the drawing takes its own size, no text gets smaller
        assert view["open"] is True, name
        assert view["full_width"] == pytest.approx(view["full"], abs=1.5), name
        assert view["full_width"] >= view["width"] - 0.5, name
        assert view["full_font"] >= view["font"] - 0.01, name


def _check_matrix(measures: dict[str, Any], ges: GES, lang: Any = "fr") -> None:
    m = flow_matrix(ges)
    rows = measures["matrix"]
    assert rows is not None
    head, *body, foot = rows
    names = {m.names[x]: x for x in m.members}
    payees = [names[h] for h in head[1:-1]]
    payers = [names[r[0]] for r in body]

    def money(value: Any) -> str:
        return format_money(value, m.currency, lang)

    assert foot[-1] == money(m.total)
    for row, payer in zip(body, payers, strict=True):
        assert row[-1] == money(sum(m.get(payer, b) for b in m.members)), payer
    for cell, payee in zip(foot[1:-1], payees, strict=True):
        assert cell == money(sum(m.get(a, payee) for a in m.members)), payee
    assert sum(m.get(a, b) for a in payers for b in payees) == m.total  # nobody left out


@pytest.fixture(scope="module")
def big() -> GES:
    return big_ges()


@pytest.mark.slow
@pytest.mark.parametrize("width", [1280, 800])
def test_a_thirty_member_group_reads_in_a_real_browser(
    tmp_path: Path, dot_available: None, big: GES, width: int
) -> None:
    assert len(big.document.entities) == 30
    assert flow_edges(big) > 0
    measures = _measured(tmp_path, big, width)
    _check_readable(measures, {"structure-diagram", "flows-diagram"})
    _check_matrix(measures, big)


@pytest.mark.slow
@pytest.mark.skipif(not CONFORMANCE.is_dir(), reason="../shared/conformance is not present")
@pytest.mark.parametrize("name", ["e2-flows.yaml", "s5-association-sas.yaml"])
def test_a_conformance_document_reads_in_a_real_browser(
    tmp_path: Path, dot_available: None, name: str
) -> None:
    ges = load(CONFORMANCE / name)
    measures = _measured(tmp_path, ges, 1280, lang="en")
    _check_readable(measures, {"structure-diagram", "flows-diagram"})
    _check_matrix(measures, ges, lang="en")


@pytest.mark.slow
def test_many_flows_are_drawn_by_families_and_read(tmp_path: Path, dot_available: None) -> None:
    ges = big_ges(subsidiaries=25)
    assert flow_edges(ges) > 40  # drawn pair by pair, such a view could not be read
    measures = _measured(tmp_path, ges, 1280)
    _check_readable(measures, {"structure-diagram", "flows-diagram"})
    _check_matrix(measures, ges)


# -- the page's text ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dot_available() -> None:
    import shutil

    if shutil.which("dot") is None:
        pytest.skip("Graphviz 'dot' is not installed")


def test_many_flows_are_drawn_by_families(dot_available: None) -> None:
    ges = big_ges(subsidiaries=25)
    page = report_html(ges)
    assert page.count("<svg") == 2  # the structure and the flows, by families of members
    assert "flux regroupés par famille de membres" in outline(page).of("flows")
    en = report_html(ges, lang="en")
    assert "flows grouped by family of members" in outline(en).of("flows")


def test_flows_of_too_many_entities_are_said(dot_available: None) -> None:
    data = {
        "format": "ges-graph/1",
        "name": "G",
        "entities": [
            {"id": f"a{i}", "name": f"Association {i}", "form": "association"} for i in range(301)
        ],
        "relations": [
            {"type": "flow", "kind": "service", "from": "a1", "to": "a0", "amount": 1000}
        ],
    }
    page = report_html(GES.from_data(data))
    assert "<svg" not in page
    flows = outline(page).of("flows")
    assert "Les 301 entités du groupe sont trop nombreuses pour un schéma lisible" in flows


def test_each_view_has_its_heading_title_and_toggle(dot_available: None, big: GES) -> None:
    page = report_html(big)
    o = outline(page)
    assert "h3:Schéma des flux" in o.headings
    assert "h3:Matrice des flux entre membres" in o.headings
    assert "Schéma des relations de gouvernance et de capital" in o.of("diagram")
    assert "Schéma des flux financiers entre les entités du groupe" in o.of("flows")
    assert o.of("diagram").count("Afficher en taille réelle") == 1
    assert o.of("flows").count("Afficher en taille réelle") == 1
    for view in ("structure", "flows"):
        assert f'aria-labelledby="{view}-diagram-title"' in page
        assert f'<p id="{view}-diagram-title"' in page
    en = outline(report_html(big, lang="en"))
    assert "h3:Diagram of the flows" in en.headings
    assert "h3:Matrix of the flows between members" in en.headings
    assert en.of("flows").count("Show at full size") == 1


@pytest.mark.skipif(not CONFORMANCE.is_dir(), reason="../shared/conformance is not present")
def test_the_flows_view_comes_before_the_matrix_and_the_list(dot_available: None) -> None:
    page = report_html(load(CONFORMANCE / "e2-flows.yaml"))
    flows = page[page.index('<section id="flows"') :]
    view = flows.index('id="flows-diagram"')
    matrix = flows.index('<table class="matrix">')
    listing = flows.index("Flux entre entités")
    assert view < matrix < listing


def test_the_matrix_is_shown_without_the_diagrams(big: GES) -> None:
    page = report_html(big, diagram=False)
    assert "<svg" not in page
    o = outline(page)
    assert "h3:Matrice des flux entre membres" in o.headings
    assert "h3:Schéma des flux" not in o.headings
    assert "Ce que chaque membre, en ligne, paie à chaque membre, en colonne" in o.of("flows")
    assert "427 500 EUR" in o.of("flows")  # what the subsidiaries pay the holding


def test_the_matrix_by_kind_folds_under_details(big: GES) -> None:
    page = report_html(big, diagram=False)
    folded = page[page.index('<details class="by-kind">') : page.index("</details>")]
    kinds = {"frais de siège", "prestation", "mise à disposition", "locaux", "trésorerie"}
    for kind in kinds:
        assert f"<caption>Flux entre membres : {kind}</caption>" in folded, kind
    assert "gratuit" in folded  # the premises lent free of charge
    assert folded.count('<table class="matrix">') == len(kinds) + 1  # with the membership fee


def test_a_group_without_flows_between_members_says_so() -> None:
    ges = GES.from_data(
        {
            "format": "ges-graph/1",
            "name": "G",
            "entities": [
                {"id": "a", "name": "A", "form": "association"},
                {"id": "x", "name": "X", "form": "public_body", "external": True},
            ],
            "relations": [{"type": "flow", "kind": "subsidy", "from": "x", "to": "a"}],
        }
    )
    o = outline(report_html(ges, diagram=False, lang="en"))
    assert "No flow between members." in o.of("flows")
    assert '<table class="matrix">' not in report_html(ges, diagram=False)


def test_flows_without_amount_are_named(big: GES) -> None:
    data = GES.from_data(
        {
            "format": "ges-graph/1",
            "name": "G",
            "entities": [
                {"id": "a", "name": "A", "form": "association"},
                {"id": "b", "name": "B", "form": "sas"},
            ],
            "relations": [
                {"type": "shareholding", "from": "a", "to": "b", "share": 100},
                {"type": "flow", "kind": "service", "from": "b", "to": "a"},
                {"type": "flow", "kind": "premises", "from": "a", "to": "b", "basis": "free"},
            ],
        }
    )
    o = outline(report_html(data, diagram=False))
    assert "Flux sans montant, non comptés : relations[1]." in o.of("flows")  # not the free one


@pytest.mark.skipif(not CONFORMANCE.is_dir(), reason="../shared/conformance is not present")
def test_a_failing_flows_view_leaves_the_structure_and_the_matrix(
    monkeypatch: pytest.MonkeyPatch, dot_available: None
) -> None:
    import ges_graph.render

    real = ges_graph.render.to_svg

    def flows_fail(ges: GES, **kwargs: Any) -> str:
        if kwargs.get("view") == "flows":
            raise RenderError("dot ran out of time (20 s)")
        return real(ges, **kwargs)

    monkeypatch.setattr(ges_graph.render, "to_svg", flows_fail)
    o = outline(report_html(load(CONFORMANCE / "e2-flows.yaml"), lang="en"))
    assert "Unavailable (Diagram of the flows): dot ran out of time (20 s)" in o.of("flows")
    assert "Matrix of the flows between members" in o.of("flows")
    assert "Unavailable" not in o.of("diagram")


def test_the_print_rules_fit_the_diagrams_to_the_page() -> None:
    page = report_html(big_ges(), diagram=False)
    print_rules = page[page.index("@media print") :]
    assert ".zoom { display: none; }" in print_rules
    assert "min-width: 0 !important" in print_rules
    assert ".scroll { overflow: visible; }" in print_rules
    # the forecast's sixteen columns print on a landscape page, not cut at the margin
    assert "section#forecast { page: wide; }" in print_rules
    assert "@page wide { size: A4 landscape;" in page


# -- the sizes the page asks for ------------------------------------------------------------------


def _svg(width: float, view: float, scale: float, fonts: list[float]) -> str:
    texts = "".join(f'<text font-size="{f:.2f}">t</text>' for f in fonts)
    return (
        f'<svg width="{width}pt" height="100pt" viewBox="0.00 0.00 {view:.2f} 100.00">'
        f'<g id="graph0" class="graph" transform="scale({scale} {scale}) rotate(0)">'
        f"{texts}</g></svg>"
    )


@pytest.mark.parametrize(
    ("width", "view", "scale", "fonts"),
    [
        (900, 900, 1, [9, 14]),  # Graphviz's own size: 9 pt = 12 px, shown down to 9.5 px
        (450, 900, 0.5, [9, 14]),  # drawn at half size (a "size" attribute)
        (900, 900, 1, [6, 10]),  # text smaller than readable: shown larger than its own size
    ],
)
def test_the_smallest_text_is_readable_at_the_narrowest_width(
    width: float, view: float, scale: float, fonts: list[float]
) -> None:
    sizes = fit(_svg(width, view, scale, fonts))
    own = width * 96 / 72
    smallest_at_own_size = min(fonts) * scale * own / view
    assert sizes.readable == pytest.approx(own * READABLE_PX / smallest_at_own_size)
    assert sizes.full == pytest.approx(max(own, sizes.readable))
    assert min(fonts) * scale * sizes.readable / view >= 9  # in CSS px at that width


def test_ids_of_two_drawings_never_meet(dot_available: None, big: GES) -> None:
    page = report_html(big)
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids))
    refs = re.findall(r'(?:href="#|url\(#)([^")]+)', page)
    assert set(refs) <= set(ids)
