"""The report page: content, escaping, self-containment, degradation, and a real browser."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from conformance_cases import CONFORMANCE

from ges_graph._data import example_path
from ges_graph.classification import classify
from ges_graph.errors import RenderError
from ges_graph.graph import GES
from ges_graph.html_report import report_html, write_report
from ges_graph.io import load
from ges_graph.render import to_dot
from ges_graph.rules import validate

HOSTILE: dict[str, Any] = {
    "format": "ges-graph/1",
    "name": "Groupe <script>alert('x')</script> & \"Cie\"",
    "description": "<img src=x onerror=alert(1)>",
    "sources": ["<b>rapport</b>"],
    "entities": [
        {"id": "a", "name": "Asso <i>A</i>", "form": "association", "budget": 1000},
        {"id": "b", "name": "B & <Co>", "form": "sas", "budget": 500},
    ],
    "relations": [
        {"type": "shareholding", "from": "a", "to": "b", "share": 100, "note": "<u>n</u>"},
        {"type": "flow", "kind": "service", "from": "a", "to": "b", "amount": 10},
    ],
}


def tremplin() -> GES:
    return load(example_path("tremplin.yaml"))  # = conformance s5-association-sas.yaml


@pytest.fixture(scope="module")
def dot_available() -> None:
    if shutil.which("dot") is None:
        pytest.skip("Graphviz 'dot' is not installed")


class _Outline(HTMLParser):
    """Text by section id, text inside the SVG, headings, tables' header cells."""

    def __init__(self) -> None:
        super().__init__()
        self.section: str | None = None
        self.svg_depth = 0
        self.text: dict[str, list[str]] = {}
        self.svg_text: list[str] = []
        self.headings: list[str] = []
        self._heading = False
        self.th_scopes: list[str | None] = []
        self.html_lang: str | None = None
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append(tag)
        if tag == "html":
            self.html_lang = a.get("lang")
        if tag == "section":
            self.section = a.get("id")
        if tag == "svg":
            self.svg_depth += 1
        if tag in ("h1", "h2", "h3"):
            self._heading = True
            self.headings.append(tag + ":")
        if tag == "th":
            self.th_scopes.append(a.get("scope"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "section":
            self.section = None
        if tag == "svg":
            self.svg_depth -= 1
        if tag in ("h1", "h2", "h3"):
            self._heading = False

    def handle_data(self, data: str) -> None:
        if self._heading:
            self.headings[-1] += data
        if self.section is not None:
            self.text.setdefault(self.section, []).append(data)
        if self.svg_depth:
            self.svg_text.append(data)

    def of(self, section: str) -> str:
        return " ".join(" ".join(self.text.get(section, [])).split())


def outline(page: str) -> _Outline:
    p = _Outline()
    p.feed(page)
    return p


# -- content --------------------------------------------------------------------------------------


def test_page_has_every_part(dot_available: None) -> None:
    ges = tremplin()
    page = report_html(ges, lang="fr")
    o = outline(page)
    assert o.html_lang == "fr"
    assert [h for h in o.headings if h.startswith("h1")] == ["h1:Groupe Tremplin"]
    h2 = [h.removeprefix("h2:") for h in o.headings if h.startswith("h2")]
    assert h2 == [
        "En bref",
        "Schéma du groupe",
        "Classement",
        "Constats",
        "Entités",
        "Relations de gouvernance et de capital",
        "Flux et budget combiné",
    ]
    svg = " ".join(" ".join(o.svg_text).split())  # long names wrap over several <text> lines
    for e in ges.document.entities:
        assert e.name in svg, e.name
    assert "S5" in o.of("summary")
    assert "Association Tremplin" in o.of("summary")
    c = classify(ges)
    for cond in c.candidate("S5").conditions:
        assert " ".join(cond.message("fr").split()) in o.of("classification")
    for f in validate(ges).findings:
        assert f.rule in o.of("findings")
    assert "4 690 000 EUR" in o.of("flows")  # combined budget: 4 750 000 - 60 000
    assert all(scope in ("col", "row") for scope in o.th_scopes)


@pytest.mark.skipif(not CONFORMANCE.is_dir(), reason="../shared/conformance is not present")
def test_english_page(dot_available: None) -> None:
    o = outline(report_html(load(CONFORMANCE / "none-outside-control.yaml"), lang="en"))
    assert o.html_lang == "en"
    assert "no reference schema matches" in o.of("summary")
    assert "What would have to change:" in o.of("classification")
    assert " : " not in o.of("classification")  # English punctuation, not French
    assert "outside-control" in o.of("findings")
    assert "does not conform" in o.of("summary") or "conforms" in o.of("summary")


def test_everything_from_the_document_is_escaped() -> None:
    page = report_html(GES.from_data(HOSTILE), diagram=False)
    assert "<script" not in page
    assert "<img" not in page
    assert "<i>A</i>" not in page
    assert "<b>rapport</b>" not in page
    assert "Groupe &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;Cie&quot;" in page
    assert "Asso &lt;i&gt;A&lt;/i&gt;" in page
    assert "B &amp; &lt;Co&gt;" in page


def test_escaped_in_the_diagram_too(dot_available: None) -> None:
    page = report_html(GES.from_data(HOSTILE))
    assert "<script" not in page
    assert "<Co>" not in page


def test_self_contained() -> None:
    page = report_html(tremplin(), diagram=False)
    for needle in ("<script", "<link", "<img", "<iframe", "@import", "url(", "src="):
        assert needle not in page, needle
    external = re.findall(r'href="(?!#)[^"]*"', page)
    assert external == []


def test_self_contained_with_the_diagram(dot_available: None) -> None:
    page = report_html(tremplin())
    assert page.count("<svg") == 2  # the structure view and the flows view
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids))  # two Graphviz drawings, no id shared
    assert "<?xml" not in page
    assert "<!DOCTYPE svg" not in page
    assert not re.search(r'(?:xlink:)?href="(?!#)[^"]+"', page)
    assert re.search(r"<svg[^>]*role=\"img\"", page)


def test_printable() -> None:
    page = report_html(tremplin(), diagram=False)
    assert "@media print" in page
    assert "@page" in page
    assert "thead { display: table-header-group; }" in page


def test_diagram_failure_degrades_to_a_notice(monkeypatch: pytest.MonkeyPatch) -> None:
    import ges_graph.render

    def broken(*args: Any, **kwargs: Any) -> str:
        raise RenderError("dot ran out of time (20 s)")

    monkeypatch.setattr(ges_graph.render, "to_svg", broken)
    o = outline(report_html(tremplin(), lang="en"))
    assert "Unavailable (Diagram of the group): dot ran out of time (20 s)" in o.of("diagram")
    assert "S5" in o.of("classification")
    assert "Tremplin Nettoyage" in o.of("entities")


def test_missing_render_package_degrades(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "ges_graph.render", None)  # import fails
    o = outline(report_html(tremplin()))
    assert "Indisponible" in o.of("diagram")
    assert "S5" in o.of("classification")
    assert "management-fee-vat" in o.of("findings")


def test_without_diagram_there_is_no_diagram_section() -> None:
    o = outline(report_html(tremplin(), diagram=False))
    assert "diagram" not in o.text


def test_language_is_checked() -> None:
    with pytest.raises(ValueError, match="unknown language 'de'"):
        report_html(tremplin(), lang="de", diagram=False)


def test_same_input_same_page() -> None:
    day = dt.date(2026, 1, 2)
    assert report_html(tremplin(), diagram=False, today=day) == report_html(
        tremplin(), diagram=False, today=day
    )
    assert "02/01/2026" in report_html(tremplin(), diagram=False, today=day)


def test_rows_are_numbered_in_the_diagram_s_order_not_the_report_s() -> None:
    # the report lists no-siae first, the diagram (severity first) the treasury error
    ges = GES.from_data(
        {
            "format": "ges-graph/1",
            "name": "G",
            "entities": [
                {"id": "a", "name": "Association A", "form": "association"},
                {"id": "b", "name": "Société B", "form": "sas"},
            ],
            "relations": [
                {"type": "shareholding", "from": "a", "to": "b", "share": 100},
                {"type": "flow", "kind": "treasury", "from": "a", "to": "b", "amount": 20000},
            ],
        }
    )
    report = validate(ges)
    assert report.findings[0].rule == "no-siae"
    legend = to_dot(ges, report=report)
    first = re.search(r"⚠ 1 · [^·]+ · ([^\\—]+?)(?: — |\\)", legend)
    assert first is not None
    page = report_html(ges, diagram=False)
    row = page[page.index('id="finding-1"') : page.index("</tr>", page.index('id="finding-1"'))]
    assert first.group(1) in row  # the rule the legend names « ⚠ 1 » is row 1's
    assert "no-siae" not in row


def test_findings_are_numbered_as_the_diagram_numbers_them_and_named_by_title() -> None:
    ges = tremplin()
    page = report_html(ges, diagram=False)
    findings = outline(page).of("findings")
    # the diagram's order: severity, rule, subjects; row n is « ⚠ n »
    first = page.index('id="finding-1"')
    second = page.index('id="finding-2"')
    assert first < page.index("Convention réglementée", first) < second
    assert page.index("TVA", second) > second
    assert '<code class="rule-id">company-regulated-agreement</code>' in page
    assert "Convention réglementée" in findings
    legend = to_dot(ges, report=validate(ges))  # the diagram's own numbers
    assert "⚠ 1 · information · Convention réglementée d'une société" in legend


@pytest.mark.skipif(not CONFORMANCE.is_dir(), reason="../shared/conformance is not present")
def test_the_nearest_schema_says_the_head_it_was_tried_with_as_classify_does() -> None:
    ges = load(CONFORMANCE / "none-two-heads.yaml")
    page = report_html(ges, diagram=False)
    said = "en prenant l&#x27;Association Alpha (a1) comme tête de groupe</h3>"
    assert said in page
    assert "taking Association Alpha (a1) as the head</h3>" in report_html(
        ges, lang="en", diagram=False
    )


def test_the_page_writes_dates_counts_and_unknowns_as_a_reader_says_them() -> None:
    ges = GES.from_data(
        {
            "format": "ges-graph/1",
            "name": "G",
            "entities": [
                {"id": "a", "name": "A", "form": "association", "budget": 1000},
                {"id": "b", "name": "B", "form": "sas", "budget": 500},
                {"id": "v", "name": "Ville", "form": "public_body", "external": True},
            ],
            "relations": [
                {"type": "shareholding", "from": "a", "to": "b", "share": 100,
                 "start": "2020-01-01"},
                {"type": "flow", "kind": "service", "from": "a", "to": "b"},
                {"type": "flow", "kind": "subsidy", "from": "v", "to": "a", "amount": 10},
            ],
        }
    )  # fmt: skip
    fr, en = report_html(ges, diagram=False), report_html(ges, lang="en", diagram=False)
    assert "depuis le 01/01/2020" in fr
    assert "from 2020-01-01" in en
    assert 'Ville <span class="note">(hors groupe)</span>' in fr
    ville = fr[fr.index('Ville <span class="note">') :]
    assert ville.index("<td>—</td>") < ville.index("</tr>")  # no sector of the group's budget
    assert "exercice" not in fr  # no flow of one year here
    assert "(outside the group)" in en
    assert "information finding" in en  # never « 2 information »
    assert "aucune connue" in fr  # agreement: false is also what a silent document gives
    assert "— —" not in fr  # a flow without amount is not given a dash before its reason
    empty = GES.from_data(
        {
            "format": "ges-graph/1",
            "name": "G",
            "entities": [{"id": "a", "name": "A", "form": "association"}],
        }
    )
    flows = outline(report_html(empty, diagram=False)).of("flows")
    assert "Aucun flux." in flows
    assert "Aucun flux entre membres." not in flows  # said once


def test_the_flows_table_says_a_flow_s_year_and_when_it_is_out_of_force() -> None:
    ges = GES.from_data(
        {
            "format": "ges-graph/1",
            "name": "G",
            "as_of": "2025-12-31",
            "entities": [
                {"id": "a", "name": "A", "form": "association"},
                {"id": "b", "name": "B", "form": "sas"},
            ],
            "relations": [
                {"type": "shareholding", "from": "a", "to": "b", "share": 100},
                {"type": "flow", "kind": "service", "from": "a", "to": "b", "amount": 5,
                 "year": 2025},
                {"type": "flow", "kind": "premises", "from": "a", "to": "b", "amount": 7,
                 "end": "2023-06-30"},
            ],
        }
    )  # fmt: skip
    flows = outline(report_html(ges, diagram=False)).of("flows")
    assert "exercice 2025" in flows
    assert "jusqu'au 30/06/2023 (hors vigueur à la date du document)" in flows
    english = outline(report_html(ges, lang="en", diagram=False)).of("flows")
    assert "until 2023-06-30 (not in force at the document's date)" in english


def test_incomplete_budget_is_said() -> None:
    ges = GES.from_data(
        {
            "format": "ges-graph/1",
            "name": "G",
            "entities": [
                {"id": "a", "name": "A", "form": "association", "budget": 1000},
                {"id": "b", "name": "B", "form": "sas"},
            ],
            "relations": [{"type": "shareholding", "from": "a", "to": "b", "share": 100}],
        }
    )
    o = outline(report_html(ges, diagram=False, lang="en"))
    # b's resources are left out: the total can only be higher (it was called an upper bound)
    assert "Incomplete budget (the total is a lower bound): no budget given for B" in o.of("flows")
    assert "No flows." in o.of("flows")


def test_write_report(tmp_path: Path) -> None:
    out = write_report(tremplin(), tmp_path / "r.html", lang="en", diagram=False)
    assert out == tmp_path / "r.html"
    assert '<html lang="en">' in out.read_text(encoding="utf-8")


# -- a real browser -------------------------------------------------------------------------------


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    pytest.skip(
        "no Chromium found: install it (Debian: apt-get install -y chromium) to run the "
        "browser test of the report page"
    )


def _headless(browser: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={profile}",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "HOME": str(profile)},
    )


@pytest.mark.slow
def test_the_page_in_a_real_browser(tmp_path: Path, dot_available: None) -> None:
    browser = _chromium()
    ges = tremplin()
    page = write_report(ges, tmp_path / "tremplin.html")
    dom = _headless(browser, tmp_path / "profile", "--dump-dom", page.as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    o = outline(dom.stdout)
    assert o.html_lang == "fr"
    svg = " ".join(" ".join(o.svg_text).split())  # long names wrap over several <text> lines
    for e in ges.document.entities:
        assert e.name in svg, f"{e.name} not drawn in the rendered DOM"
    assert "S5" in o.of("summary")
    assert "Groupe mixte avec gouvernance associative et SAS" in o.of("classification")
    for f in validate(ges).findings:
        assert f.rule in o.of("findings")
    shot = tmp_path / "tremplin.png"
    run = _headless(
        browser,
        tmp_path / "profile",
        "--window-size=1280,2400",
        f"--screenshot={shot}",
        page.as_uri(),
    )
    assert run.returncode == 0, run.stderr[-2000:]
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG")
    assert len(data) > 50_000  # a blank page of this size compresses to a few kB
    pdf = tmp_path / "tremplin.pdf"
    run = _headless(
        browser,
        tmp_path / "profile",
        "--no-pdf-header-footer",
        f"--print-to-pdf={pdf}",
        page.as_uri(),
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert pdf.read_bytes().startswith(b"%PDF")
    # The matrix by kind, folded on screen, is printed open (the printer cannot open it).
    printed = _pdf_text(pdf)
    assert "Par nature de flux" in printed
    assert "Flux entre membres : frais de siège" in printed
    assert "Flux entre membres : mise à disposition" in printed


def _pdf_text(pdf: Path) -> str:
    """The text of a PDF, its ligatures (« ﬂ ») and spacing made plain."""
    import pypdf

    text = "".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages)
    return " ".join(unicodedata.normalize("NFKC", text).split())


@pytest.mark.slow
def test_hostile_names_stay_text_in_a_real_browser(tmp_path: Path) -> None:
    browser = _chromium()
    page = write_report(GES.from_data(HOSTILE), tmp_path / "hostile.html", diagram=False)
    dom = _headless(browser, tmp_path / "profile", "--dump-dom", page.as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    o = outline(dom.stdout)
    assert "script" not in o.tags
    assert "img" not in o.tags
    assert "Asso <i>A</i>" in o.of("entities")


def test_vocabularies_are_written_in_words() -> None:
    ges = GES.from_data(
        {
            "format": "ges-graph/1",
            "name": "G",
            "entities": [
                {"id": "a", "name": "A", "form": "association", "board_size": 9},
                {"id": "b", "name": "B", "form": "association"},
                {"id": "c", "name": "C", "form": "association"},
            ],
            "relations": [
                {"type": "board", "from": "a", "to": "b", "seats": 1},
                {"type": "board", "from": "a", "to": "c", "seats": 3, "chair": True},
                {"type": "flow", "kind": "service", "from": "b", "to": "a", "basis": "free"},
            ],
        }
    )
    fr = outline(report_html(ges, diagram=False))
    assert "sièges au conseil" in fr.of("relations")
    assert "1 siège " in fr.of("relations")
    assert "3 sièges, présidence" in fr.of("relations")
    assert "gratuit" in fr.of("flows")
    en = outline(report_html(ges, diagram=False, lang="en"))
    assert "board seats" in en.of("relations")
    assert "3 seats, chair" in en.of("relations")
    assert "free" in en.of("flows")


def test_the_entity_table_says_what_kind_of_public_body() -> None:
    ges = GES.from_data(
        {
            "format": "ges-graph/1",
            "name": "SCIC",
            "entities": [
                {"id": "scic", "name": "SCIC Vallée", "form": "scic"},
                {"id": "c", "name": "Commune", "form": "public_body"},
                {
                    "id": "bdt",
                    "name": "Banque des Territoires",
                    "form": "public_body",
                    "public_kind": "state",
                },
            ],
        }
    )
    fr = report_html(ges, diagram=False)
    assert "(l&#x27;État ou un établissement public national)" in fr
    assert "(collectivité territoriale, groupement ou établissement public territorial)" in fr
    en = report_html(ges, lang="en", diagram=False)
    assert "(the State or a national public body)" in en
