"""Diagrams: both engines on every conformance document, safety, determinism, layers, findings."""

from __future__ import annotations

import itertools
import os
import random
import re
import subprocess
import sys
import textwrap
import time
import warnings
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conformance_cases import CASES

from ges_graph._data import example_path
from ges_graph.errors import RenderError
from ges_graph.generate import realistic_group
from ges_graph.graph import GES
from ges_graph.io import load, loads
from ges_graph.model import Shareholding
from ges_graph.render import (
    LayoutFallbackWarning,
    draw,
    render,
    render_bytes,
    to_dot,
    to_svg,
)
from ges_graph.render import dot as dot_engine
from ges_graph.render.blockcols import TWO_COLUMNS
from ges_graph.render.blockplan import (
    COLUMNS_NODESEP,
    LANE_FANS,
    LANE_NODESEP,
    LANE_RANKS,
    PER_COLUMN,
    PLANNED,
    in_blocks,
    plan_blocks,
    planned,
)
from ges_graph.render.dot import ANCHOR_WEIGHT
from ges_graph.render.ranks import BLOCKS, layer_ranks, stack_blocks
from ges_graph.render.rundot import _run
from ges_graph.render.scene import build_scene
from ges_graph.render.style import format_percent

LOADABLE = [c for c in CASES if c.values[0] is None or not c.values[0].get("load_error")]
SVG_NS = "{http://www.w3.org/2000/svg}"

NASTY = (
    'Évil "quoted" } ]; digraph x { a -> b [label="pwned"] } \\N \\l '
    "<script>alert(1)</script> & &amp; &lt;b&gt; <b>bold</b> ]]> <!-- {braces}\nnew line"
)


def _ws(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())


def svg_text(svg: str | bytes) -> str:
    """All the text of an SVG document, lines joined by spaces (parsing it as XML)."""
    root = ET.fromstring(svg)
    parts = []
    for el in root.iter():
        if el.tag in (f"{SVG_NS}text", f"{SVG_NS}tspan") and el.text:
            parts.append(el.text)
    return _ws(" ".join(parts))


def assert_names_in(svg: str | bytes, ges: GES) -> None:
    text = svg_text(svg)
    for e in ges:
        assert _ws(e.name) in text, e.name


def small() -> GES:
    return GES.from_data(
        {
            "format": "ges-graph/1",
            "name": "Groupe Tremplin",
            "entities": [
                {"id": "tremplin", "name": "Association Tremplin", "form": "association"},
                {"id": "holding", "name": "Tremplin Développement", "form": "sas"},
                {"id": "ei", "name": "Tremplin Nettoyage", "form": "sarl", "conventions": ["ei"]},
                {"id": "fa", "name": "France Active", "form": "other", "external": True},
            ],
            "relations": [
                {"type": "shareholding", "from": "tremplin", "to": "holding", "share": 100},
                {"type": "shareholding", "from": "holding", "to": "ei", "share": 90},
                {"type": "shareholding", "from": "fa", "to": "ei", "share": 10},
                {"type": "office", "from": "tremplin", "to": "holding", "office": "president"},
                {
                    "type": "flow",
                    "kind": "management_fee",
                    "from": "ei",
                    "to": "holding",
                    "amount": 42000,
                },
            ],
        }
    )


# -- every conformance document, both engines ------------------------------------------------


@pytest.mark.parametrize("case", LOADABLE)
def test_graphviz_svg_of_every_conformance_document(case: dict[str, Any]) -> None:
    ges = load(case["path"])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # dot says nothing on its error stream
        svg = to_svg(ges)
    assert_names_in(svg, ges)
    # Percentages are never hidden: each stake's figure is on the drawing.
    text = svg_text(svg)
    for r in ges.document.relations:
        if isinstance(r, Shareholding):
            assert _ws(format_percent(r.share, "fr")) in text


@pytest.mark.parametrize("case", LOADABLE)
def test_matplotlib_svg_of_every_conformance_document(case: dict[str, Any]) -> None:
    ges = load(case["path"])
    svg = render_bytes(ges, "svg", engine="matplotlib")
    assert_names_in(svg, ges)
    text = svg_text(svg)
    for r in ges.document.relations:
        if isinstance(r, Shareholding):
            assert _ws(format_percent(r.share, "fr")) in text


def test_graphviz_really_renders_png_and_pdf(tmp_path: Path) -> None:
    ges = small()
    png = render(ges, tmp_path / "g.png")
    pdf = render(ges, tmp_path / "g.PDF")
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert pdf.read_bytes().startswith(b"%PDF")
    assert len(png.read_bytes()) > 5000


def test_matplotlib_png_and_pdf(tmp_path: Path) -> None:
    ges = small()
    png = render(ges, tmp_path / "g.png", engine="matplotlib")
    pdf = render(ges, tmp_path / "g.pdf", engine="matplotlib")
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert pdf.read_bytes().startswith(b"%PDF")


def test_dot_file_is_the_dot_source(tmp_path: Path) -> None:
    ges = small()
    out = render(ges, tmp_path / "g.dot", lang="en")
    assert out.read_text(encoding="utf-8") == to_dot(ges, lang="en")


# -- safety --------------------------------------------------------------------------------------


def nasty_ges() -> GES:
    return GES.from_data(
        {
            "format": "ges-graph/1",
            "name": NASTY,
            "entities": [
                {"id": "a", "name": NASTY, "form": "association"},
                {"id": "b:c", "name": "<svg onload=alert(1)>", "form": "sas"},
            ],
            "relations": [
                {"type": "shareholding", "from": "a", "to": "b:c", "share": 51, "note": NASTY},
            ],
        }
    )


def test_dot_syntax_in_names_cannot_break_the_source() -> None:
    src = to_dot(nasty_ges())
    # Two entities, one relation: nothing injected became a node or an edge.
    body = [line for line in src.splitlines() if "legend:" not in line]
    assert sum(1 for line in body if re.match(r'\s*"a" -> "b:c"', line)) == 1
    assert not any(re.match(r'\s*"?x"? \[|\s*digraph x', line) for line in body)
    svg = to_svg(nasty_ges())
    root = ET.fromstring(svg)
    nodes = [g for g in root.iter(f"{SVG_NS}g") if g.get("class") == "node"]
    titles = {g.find(f"{SVG_NS}title").text for g in nodes}  # type: ignore[union-attr]
    assert {"a", "b:c"} <= titles
    assert not any(t is not None and "pwned" in t for t in titles)


@pytest.mark.parametrize("engine", ["graphviz", "matplotlib"])
def test_html_in_names_stays_text(engine: str) -> None:
    ges = nasty_ges()
    svg = render_bytes(ges, "svg", engine=engine)
    root = ET.fromstring(svg)  # well-formed XML
    tags = {el.tag.removeprefix(SVG_NS) for el in root.iter()}
    assert not tags & {"script", "b", "foreignObject"}
    assert b"<script" not in svg
    assert b"<svg onload" not in svg
    text = svg_text(svg)
    assert _ws(NASTY) in text
    assert "<svg onload=alert(1)>" in text
    assert "&amp; &lt;b&gt;" in text  # entities typed by the user are shown as typed


# -- determinism ---------------------------------------------------------------------------------


def _shuffled(ges: GES, seed: int) -> GES:
    data = ges.document.model_dump(by_alias=True, exclude_none=True, mode="json")
    data["entities"] = list(data["entities"])
    data["relations"] = list(data["relations"])
    rng = random.Random(seed)
    rng.shuffle(data["entities"])
    rng.shuffle(data["relations"])
    return GES.from_data(data)


@pytest.mark.parametrize("case", LOADABLE[:8] + LOADABLE[-4:])
def test_dot_is_identical_across_runs_and_document_order(case: dict[str, Any]) -> None:
    ges = load(case["path"])
    first = to_dot(ges)
    assert to_dot(ges) == first
    for seed in range(3):
        assert to_dot(_shuffled(ges, seed)) == first


def test_rendered_bytes_are_deterministic() -> None:
    ges = small()
    for engine, fmt in [
        ("graphviz", "svg"),
        ("graphviz", "png"),
        ("graphviz", "pdf"),
        ("matplotlib", "svg"),
        ("matplotlib", "png"),
        ("matplotlib", "pdf"),
    ]:
        one = render_bytes(ges, fmt, engine=engine)
        two = render_bytes(_shuffled(ges, 1), fmt, engine=engine)
        assert one == two, (engine, fmt)


def test_rendering_leaves_the_ges_unchanged() -> None:
    ges = small()
    before = ges.document.model_dump_json()
    edges = sorted(ges.graph.edges(keys=True))
    to_dot(ges)
    render_bytes(ges, "png", engine="matplotlib")
    assert ges.document.model_dump_json() == before
    assert sorted(ges.graph.edges(keys=True)) == edges


# -- grammar, layers, languages ------------------------------------------------------------------


def test_labels_in_french_and_english() -> None:
    ges = small()
    fr, en = to_dot(ges, view="all"), to_dot(ges, view="all", lang="en")
    # A flows edge says the kind and the amount; its tooltip names the provider.
    assert 'label="frais de siège · 42\xa0k€"' in fr
    assert 'tooltip="frais de siège (fournisseur : Tremplin Développement) · 42\xa0k€"' in fr
    assert "90\xa0%" in fr
    assert 'label="management fee · 42 k€"' in en
    assert "management fee (provider: Tremplin Développement) · 42 k€" in en
    assert '"90%"' in en
    assert "tête de groupe" in fr
    assert "head of group" in en
    with pytest.raises(ValueError, match="unknown lang"):
        to_dot(ges, lang="de")


def test_layers_select_relations() -> None:
    ges = small()
    flows = to_dot(ges, layers=["flows"], legend=False)
    assert "frais de siège" in flows
    assert "90\xa0%" not in flows
    # The ranking relations of hidden layers still place the nodes, invisibly.
    assert '"holding" -> "ei" [style=invis]' in flows
    capital = to_dot(ges, layers="capital", legend=False)
    assert "90\xa0%" in capital
    assert "frais de siège" not in capital
    assert "présidence" not in capital
    gov = to_dot(ges, layers=["governance"], legend=False)
    assert "présidence" in gov
    assert "90\xa0%" not in gov
    with pytest.raises(ValueError, match="unknown layer: 'money'"):
        to_dot(ges, layers=["money"])


def test_visual_grammar_in_dot() -> None:
    src = to_dot(small(), view="all")
    line = {m.group(1): m.group(0) for m in re.finditer(r'^  "([^"]+)" \[.*$', src, re.M)}
    assert 'shape="ellipse"' in line["tremplin"]
    assert "penwidth=3" in line["tremplin"]
    assert 'shape="box"' in line["holding"]
    assert "dashed" in line["fa"]  # external
    assert "SARL · EI" in line["ei"]  # IAE badge
    assert '{rank=min; "tremplin";}' in src  # head on top
    assert "constraint=false" in re.search(r'"ei" -> "holding" .*', src).group(0)  # type: ignore[union-attr]
    # Edge texts are labels, at the middle of their edge; with clusters, xlabel (bounded).
    assert '"holding" -> "ei" [label="90\xa0%"' in src
    assert "headlabel" not in src
    clustered = to_dot(small(), clusters=True)
    for edge in (line for line in clustered.splitlines() if " -> " in line):
        assert not re.search(r"[^x]label=", edge), edge


def test_large_groups_label_every_edge_at_its_middle() -> None:
    # Issue 12: percentages sit at the middle of their edge (label), never at the arrowhead.
    size = 60
    entities = [{"id": f"e{i}", "name": f"E{i}", "form": "sas"} for i in range(size)]
    relations = [
        {"type": "shareholding", "from": f"e{i // 2}", "to": f"e{i}", "share": 50}
        for i in range(1, size)
    ]
    ges = GES.from_data(
        {"format": "ges-graph/1", "name": "G", "entities": entities, "relations": relations}
    )
    src = to_dot(ges)
    edges = [line for line in src.splitlines() if " -> " in line and "legend:" not in line]
    edges = [line for line in edges if "style=invis" not in line]
    assert len(edges) == size - 1
    assert all('[label="50\xa0%"' in line for line in edges)
    assert "headlabel" not in src
    assert "forcelabels=true" in src
    assert_names_in(to_svg(ges), ges)


def test_head_on_top_and_outside_minority_owners_after_what_they_hold() -> None:
    from ges_graph.render.mpl import layered_layout

    scene = build_scene(small())
    ranks = {n.id: n.rank for n in scene.nodes}
    # France Active's 10 % is drawn from below: it does not cross the holding's fan.
    assert ranks == {"tremplin": 0, "holding": 1, "ei": 2, "fa": 3}
    fa = next(e for e in scene.edges if e.source == "fa")
    assert fa.upward
    assert fa.constraint
    # Written the other way, the edge keeps its arrow at the held company's end.
    edge = next(line for line in to_dot(small()).splitlines() if '"ei" -> "fa"' in line)
    assert 'arrowtail="normal"' in edge
    assert 'dir="back"' in edge
    assert "arrowhead" not in edge
    # The flows view keeps every holder above what it holds.
    flows = {n.id: n.rank for n in build_scene(small(), view="flows").nodes}
    assert flows == {"tremplin": 0, "holding": 1, "fa": 1, "ei": 2}
    layout = layered_layout(scene)
    top = max(y for _, y in layout.centres.values())
    assert layout.centres["tremplin"][1] == top


CROSS_HOLDING = """
format: ges-graph/1
name: Participations croisées
entities:
  - {id: asso, name: Association Racines, form: association, conventions: [ai]}
  - {id: sa1, name: Racines Développement, form: sa}
  - {id: sa2, name: Racines Industrie, form: sa, conventions: [ei]}
relations:
  - {type: shareholding, from: asso, to: sa1, share: 80}
  - {type: shareholding, from: sa1, to: sa2, share: 60}
  - {type: shareholding, from: sa2, to: sa1, share: 15}
"""


def test_cycles_are_drawn() -> None:
    ges = loads(CROSS_HOLDING, syntax="yaml")
    scene = build_scene(ges)
    pairs = {(e.source, e.target) for e in scene.edges}
    assert {("sa1", "sa2"), ("sa2", "sa1")} <= pairs
    # Ranks come from control: sa1 controls sa2, so sa2's 15 % of sa1 is drawn upwards and
    # every edge ranks the layout (no cycle left to break).
    up = {(e.source, e.target): e.upward for e in scene.edges}
    assert up == {("asso", "sa1"): False, ("sa1", "sa2"): False, ("sa2", "sa1"): True}
    assert all(e.constraint for e in scene.edges)
    # Beside sa1's 60 % of sa2, the 15 % going up is written its own way and ranks nothing:
    # written the same way, dot would pack the two labels into one another.
    src = to_dot(ges)
    assert '"sa2" -> "sa1" [label="15\xa0%"' in src
    line = next(x for x in src.splitlines() if '"sa2" -> "sa1"' in x)
    assert "constraint=false" in line
    assert 'dir="back"' not in src
    assert_names_in(to_svg(ges), ges)


UNION_OF_ITS_OWN = """
format: ges-graph/1
name: Pôle
entities:
  - {id: parent, name: Parent, form: association, board_size: 12}
  - {id: ai, name: AI, form: association, board_size: 8}
  - {id: ei, name: EI, form: sarl}
  - {id: union, name: Union, form: union}
relations:
  - {type: board, from: parent, to: ai, seats: 5}
  - {type: shareholding, from: parent, to: ei, share: 100}
  - {type: membership, from: parent, to: union}
  - {type: membership, from: ai, to: union}
  - {type: membership, from: ei, to: union}
"""


def test_a_union_the_head_belongs_to_is_drawn_between_it_and_the_other_members() -> None:
    # Regression (conformance e2-union-members-all-its-own): the union sat beside the head, and
    # its memberships crossed the head's edges to the same members.
    scene = build_scene(loads(UNION_OF_ITS_OWN, syntax="yaml"))
    rank = {n.id: n.rank for n in scene.nodes}
    assert rank == {"parent": 0, "union": 1, "ai": 2, "ei": 2}
    up = {(e.source, e.target): e.upward for e in scene.edges}
    assert up[("parent", "union")] is False
    assert up[("ai", "union")] is True


def test_clusters_by_sector() -> None:
    src = to_dot(small(), clusters=True)
    assert "subgraph cluster_marchand" in src
    assert "subgraph cluster_non_marchand" in src
    assert_names_in(to_svg(small(), clusters=True), small())


# -- findings ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FakeFinding:
    rule: str
    severity: str
    subjects: tuple[str, ...]


@dataclass(frozen=True)
class FakeReport:
    findings: tuple[FakeFinding, ...]


def test_findings_are_marked_and_listed() -> None:
    ges = small()
    key = next(k for k, r in ges.relations.items() if r.type == "flow")
    report = FakeReport(
        (
            FakeFinding("secondment-for-profit", "warning", (key,)),
            FakeFinding("capital-over-100", "error", ("ei",)),
        )
    )
    src = to_dot(ges, view="all", report=report)
    ei = re.search(r'^  "ei" \[.*$', src, re.M).group(0)  # type: ignore[union-attr]
    assert "peripheries=2" in ei
    assert "#CC3311" in ei
    assert "⚠ 1" in ei
    flow = re.search(r'^  "ei" -> "holding" .*$', src, re.M).group(0)  # type: ignore[union-attr]
    assert "⚠ 2" in flow
    assert "#EE7733" in flow
    # the legend names each rule by its title, never its code
    assert "⚠ 1 · erreur · Plus de 100 % détenus" in src
    assert "⚠ 2 · avertissement · Mise à disposition de personnel avec marge" in src
    assert "capital-over-100" not in src
    svg = render_bytes(ges, "svg", engine="matplotlib", view="all", report=report)
    assert "Plus de 100 % détenus" in svg_text(svg)
    unmarked = to_dot(ges, view="all", report=report, findings=False)
    assert "⚠" not in unmarked
    assert "peripheries=2" not in unmarked


def test_real_validation_report_on_the_diagram() -> None:
    rules = pytest.importorskip("ges_graph.rules")
    path = Path(__file__).resolve().parents[2] / "shared/conformance/f-capital-over-100.yaml"
    if not path.exists():
        pytest.skip("no ../shared/conformance")
    ges = load(path)
    report = rules.validate(ges)
    src = to_dot(ges, report=report)
    assert "Plus de 100 % détenus" in src
    assert "peripheries=2" in src


# -- failures and bounds -------------------------------------------------------------------------


def test_dot_failure_is_a_render_error_that_says_what_happened() -> None:
    with pytest.raises(RenderError, match=r"failed \(exit status \d+\).*syntax error"):
        dot_engine.run_dot("digraph { a -> }", "svg")


def test_reference_examples_render_without_a_word_from_dot() -> None:
    schemas = pytest.importorskip("ges_graph.schemas")
    for schema in schemas.reference_schemas():
        for clusters in (False, True):
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                assert_names_in(
                    to_svg(schema.example_ges(), clusters=clusters), schema.example_ges()
                )


def test_what_dot_says_is_a_warning() -> None:
    with pytest.warns(dot_engine.GraphvizWarning, match="Graphviz 'dot': .*"):
        dot_engine.run_dot('digraph { a -> b [arrowhead="nonsense"]; }', "svg")


def test_dot_timeout_is_a_render_error() -> None:
    with pytest.raises(RenderError, match="did not finish within"):
        dot_engine.run_dot(to_dot(small()), "svg", timeout=1e-6)


def test_dot_is_read_whole_while_written_to_and_its_status_kept() -> None:
    # Input, output and error stream each larger than a pipe holds: written and read together,
    # as subprocess.run does, with the exit status.
    code = (
        "import sys; data = sys.stdin.buffer.read(); sys.stdout.buffer.write(data[::-1]); "
        "sys.stderr.write('x' * 200000); sys.exit(3)"
    )
    data = bytes(range(256)) * 1000
    done = _run([sys.executable, "-c", code], data, dict(os.environ), 60)
    assert (done.returncode, done.stdout, len(done.stderr)) == (3, data[::-1], 200000)


def test_dot_that_closes_its_streams_is_still_stopped_at_the_timeout() -> None:
    # Its streams closed, the program is awaited until the timeout only, then stopped.
    code = "import os, time; os.close(1); os.close(2); time.sleep(60)"
    started = time.monotonic()
    with pytest.raises(subprocess.TimeoutExpired):
        _run([sys.executable, "-c", code], b"", dict(os.environ), 2.0)
    assert time.monotonic() - started < 30  # a generous safety bound: not the minute's sleep


def test_cluster_failure_falls_back_without_clusters(monkeypatch: pytest.MonkeyPatch) -> None:
    real = dot_engine.run_dot

    def flaky(source: str, fmt: str = "svg", *, timeout: float = 60.0) -> bytes:
        if "subgraph cluster_" in source:
            raise RenderError("Graphviz 'dot' failed (exit status 1): trouble in init_rank")
        return real(source, fmt, timeout=timeout)

    monkeypatch.setattr(dot_engine, "run_dot", flaky)
    with pytest.warns(LayoutFallbackWarning, match="trouble in init_rank"):
        svg = to_svg(small(), clusters=True)
    assert_names_in(svg, small())


def test_bad_suffix_and_engine(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"unknown format: '\.jpg'"):
        render(small(), tmp_path / "g.jpg")
    with pytest.raises(ValueError, match="engine matplotlib writes"):
        render(small(), tmp_path / "g.dot", engine="matplotlib")
    with pytest.raises(ValueError, match="unknown engine"):
        render(small(), tmp_path / "g.svg", engine="tikz")
    assert not list(tmp_path.iterdir())


def test_large_group_gets_bounded_attributes() -> None:
    entities = [{"id": f"e{i}", "name": f"E{i}", "form": "sas"} for i in range(dot_engine.LARGE)]
    ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": entities})
    assert "nslimit=" in to_dot(ges)
    assert "nslimit=" not in to_dot(small())


# -- matplotlib without Graphviz, and in notebooks -----------------------------------------------


S5 = example_path("tremplin.yaml")


def test_matplotlib_engine_without_dot_on_path(tmp_path: Path) -> None:
    out = tmp_path / "g.png"
    script = textwrap.dedent(
        f"""
        import warnings
        from ges_graph.errors import RenderError
        from ges_graph.io import load
        from ges_graph.render import render, to_svg
        from ges_graph.render.dot import find_dot
        assert find_dot() is None
        ges = load({str(S5)!r})
        render(ges, {str(out)!r}, engine="matplotlib")
        bundle = ges._repr_mimebundle_()
        assert "image/png" in bundle and "image/svg+xml" not in bundle, sorted(bundle)
        try:
            to_svg(ges)
        except RenderError as exc:
            assert "not on PATH" in str(exc), exc
        else:
            raise AssertionError("to_svg worked without dot")
        print("ok")
        """
    )
    done = _without_dot(tmp_path, "-c", script)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
    assert out.read_bytes().startswith(b"\x89PNG")


def _without_dot(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Python run with ``args`` on a ``PATH`` of ``folder`` alone: no ``dot`` to be found."""
    return subprocess.run(
        [sys.executable, *args],
        env={**os.environ, "PATH": str(folder), "MPLBACKEND": "Agg"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_without_dot_the_command_and_the_report_say_so_in_french(tmp_path: Path) -> None:
    done = _without_dot(
        tmp_path, "-m", "ges_graph", "render", str(S5), "-o", str(tmp_path / "g.svg")
    )
    assert done.returncode == 1
    assert "le programme « dot » de Graphviz est introuvable" in done.stderr
    assert done.stderr.rstrip().endswith("; ou dessinez avec matplotlib (--engine matplotlib)")
    assert "Traceback" not in done.stderr
    page = tmp_path / "r.html"
    done = _without_dot(tmp_path, "-m", "ges_graph", "report", str(S5), "-o", str(page))
    assert done.returncode == 0, done.stderr
    text = page.read_text(encoding="utf-8")
    assert "le programme « dot » de Graphviz est introuvable" in text
    assert "not on PATH" not in text
    assert "--engine" not in text  # an option the report does not have


def test_draw_on_an_existing_axes() -> None:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(4, 3))
    ax = fig.add_subplot(1, 2, 1)
    assert draw(small(), ax, lang="en", layers=["capital"]) is ax
    texts = " ".join(t.get_text() for t in ax.texts)
    assert "Tremplin Développement" in texts
    assert "90%" in texts
    assert "management fee" not in texts
    assert ax.get_legend() is not None


def test_notebook_reprs() -> None:
    ges = small()
    bundle = ges._repr_mimebundle_()
    ET.fromstring(bundle["image/svg+xml"])
    assert bundle["text/plain"] == repr(ges)
    assert ges._repr_mimebundle_(include=["text/plain"]) == {"text/plain": repr(ges)}
    assert ges._repr_html_().startswith("<svg")


def test_import_ges_graph_does_not_import_rendering_libraries() -> None:
    code = (
        "import sys, ges_graph, ges_graph.graph, ges_graph.render; "
        "print(sorted(m for m in ('matplotlib', 'graphviz') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_no_warning_on_plain_render() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        to_svg(small())


def test_docs_table_matches_the_grammar() -> None:
    from ges_graph.model import Family
    from ges_graph.render.style import EDGE_STYLES, NODE_STYLES, flow_kind_label, office_label

    doc = (Path(__file__).resolve().parents[1] / "docs" / "diagrams.md").read_text("utf-8")
    rows = doc.splitlines()
    assert set(NODE_STYLES) == set(Family)
    for fam, st in NODE_STYLES.items():
        row = next(r for r in rows if f"family **{fam.value}**" in r)
        assert st.fill in row
        assert ("rounded box" if st.rounded else st.shape) in row
    for t, est in EDGE_STYLES.items():
        row = next(r for r in rows if r.startswith(f"| `{t.value}`"))
        assert est.line in row, t
    # Every flow kind and office has a text in both languages.
    from ges_graph.model import FlowKind, OfficeRole

    for kind in FlowKind:
        assert flow_kind_label(kind, "fr")
        assert flow_kind_label(kind, "en")
    for office in OfficeRole:
        assert office_label(office, "fr")
        assert office_label(office, "en")


def test_governance_texts_dates_and_relations_out_of_force() -> None:
    ges = GES.from_data(
        {
            "format": "ges-graph/1",
            "name": "G",
            "as_of": "2025-12-31",
            "entities": [
                {"id": "a", "name": "A", "form": "association"},
                {"id": "b", "name": "B", "form": "association", "board_size": 9},
                {"id": "c", "name": "C", "form": "union"},
            ],
            "relations": [
                {"type": "board", "from": "c", "to": "b", "seats": 3, "end": "2020-01-01"},
                {"type": "membership", "from": "a", "to": "b", "votes": 60, "ex_officio": True},
                {"type": "statutory_control", "from": "a", "to": "b"},
                {"type": "shareholding", "from": "a", "to": "c", "share": {"min": 25, "max": 50}},
            ],
        }
    )
    src = to_dot(ges)
    assert 'label="G (au 31/12/2025)"' in src
    board = re.search(r'^  "c" -> "b" .*$', src, re.M).group(0)  # type: ignore[union-attr]
    assert "3/9 sièges (hors vigueur)" in board
    assert "#999999" in board
    # Two relations the same way share one text, a line each, in type order.
    # The structure view breaks a long edge text at its « · » (the scene keeps it whole).
    assert 'label="contrôle statutaire\\nmembre de droit\\nvoix 60\xa0%"' in src
    assert '[label="25–50\xa0%"' in src
    assert "(as of 2025-12-31)" in to_dot(ges, lang="en")


def test_missing_matplotlib_says_how_to_install(tmp_path: Path) -> None:
    script = textwrap.dedent(
        """
        import sys
        sys.modules["matplotlib"] = None  # as if it were not installed
        from ges_graph.errors import MissingDependencyError
        from ges_graph.graph import GES
        from ges_graph.render import render_bytes
        ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
            {"id": "a", "name": "A", "form": "association"}]})
        try:
            render_bytes(ges, "png", engine="matplotlib")
        except MissingDependencyError as exc:
            assert isinstance(exc, ImportError)
            print(exc)
        # Without dot and without matplotlib, a notebook still shows the text.
        print(sorted(ges._repr_mimebundle_()))
        """
    )
    env = {**os.environ, "PATH": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "pip install 'ges-graph[render]'" in lines[0]
    assert lines[1] == "['text/html', 'text/plain']"


@pytest.mark.parametrize("engine", ["graphviz", "matplotlib"])
def test_regression_control_characters_keep_the_svg_well_formed(engine: str) -> None:
    # Found by Hypothesis: a group named "\x1b" made matplotlib write SVG that is not XML.
    ges = GES.from_data(
        {
            "format": "ges-graph/1",
            "name": "\x1b",
            "entities": [
                {"id": "a", "name": "A\x1bB\x00C\ufffe", "form": "association"},
                {"id": "b", "name": "D\x1eE", "form": "sas"},  # \x1e breaks a line (splitlines)
            ],
        }
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        svg = render_bytes(ges, "svg", engine=engine)
    text = svg_text(svg)
    assert "ABC" in text
    assert "D E" in text


def test_dollars_are_not_mathtext_in_matplotlib() -> None:
    ges = GES.from_data(
        {
            "format": "ges-graph/1",
            "name": "Groupe $x^2$",
            "entities": [{"id": "a", "name": "Coût $\\alpha$ & Cie", "form": "association"}],
        }
    )
    text = svg_text(render_bytes(ges, "svg", engine="matplotlib"))
    assert "Groupe $x^2$" in text
    assert "Coût $\\alpha$ & Cie" in text


def test_regression_long_words_are_not_cut() -> None:
    # Found by Hypothesis: a 25-character word was cut over two lines, so the SVG no longer
    # held the name as text.
    word = "0" * 25
    ges = GES.from_data(
        {
            "format": "ges-graph/1",
            "name": "G",
            "entities": [{"id": "a", "name": f"{word} et fils", "form": "association"}],
        }
    )
    assert build_scene(ges).nodes[0].lines[0] == word
    for engine in ("graphviz", "matplotlib"):
        assert word in svg_text(render_bytes(ges, "svg", engine=engine))


@pytest.mark.parametrize("name", ['"', '" ] ; x [label="injected', '"quoted" group', "\\"])
def test_regression_a_group_name_starting_with_a_quote(name: str) -> None:
    # Found by Hypothesis: a group named '"' was taken for an already quoted DOT string.
    ges = GES.from_data(
        {
            "format": "ges-graph/1",
            "name": name,
            "entities": [{"id": "a", "name": name, "form": "association"}],
        }
    )
    svg = to_svg(ges)
    titles = [t.text for t in ET.fromstring(svg).iter(f"{SVG_NS}title")]
    assert "x" not in titles
    assert _ws(name) in svg_text(svg)


# -- the legend's layout, and edge texts in matplotlib -------------------------------------------


def plain_layout(src: str) -> dict[str, tuple[float, float, float, float]]:
    """Node name -> (x, y, width, height) in inches, y upwards, from ``dot -Tplain``."""
    dot = dot_engine.find_dot()
    assert dot is not None
    out = subprocess.run([dot, "-Tplain"], input=src.encode(), capture_output=True, check=True)
    nodes = {}
    for line in out.stdout.decode().splitlines():
        if line.startswith("node "):
            name, x, y, w, h = re.match(  # type: ignore[union-attr]
                r'node ("(?:[^"\\]|\\.)*"|\S+) (\S+) (\S+) (\S+) (\S+)', line
            ).groups()
            nodes[name.strip('"')] = (float(x), float(y), float(w), float(h))
    return nodes


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("name", ["S1", "S3", "S4", "S6", "tremplin", "s4-report"])
def test_legend_is_a_compact_block_under_the_diagram(name: str, lang: str) -> None:
    schemas = pytest.importorskip("ges_graph.schemas")
    report = None
    if name == "tremplin":
        ges = load(Path(__file__).resolve().parents[1] / "ges_graph/examples/tremplin.yaml")
    elif name == "s4-report":
        rules = pytest.importorskip("ges_graph.rules")
        ges = next(s for s in schemas.reference_schemas() if s.id == "S4").example_ges()
        report = rules.validate(ges)
    else:
        ges = next(s for s in schemas.reference_schemas() if s.id == name).example_ges()
    scene = build_scene(ges, lang=lang, report=report)
    # The legend's own nodes are named "#legend:…", which no entity id can be (issue 15).
    nodes = {
        k.removeprefix("#"): v
        for k, v in plain_layout(to_dot(ges, lang=lang, report=report)).items()
    }
    legend = {k: v for k, v in nodes.items() if k.startswith("legend:")}
    diagram = {k: v for k, v in nodes.items() if not k.startswith("legend:")}
    # Everything the legend says is there: each family, external, head, each relation type.
    families = {n.entity.form.family.value for n in scene.nodes}
    assert {k.split(":")[2] for k in legend if k.startswith("legend:family:")} == families
    types = {e.type.value for e in scene.edges if e.drawn}  # an office in another's text: none
    assert {k.split(":")[2] for k in legend if k.startswith("legend:rel:")} == types
    assert ("legend:head" in legend) == (scene.head is not None)
    assert ("legend:external" in legend) == any(n.entity.external for n in scene.nodes)
    assert ("legend:findings" in legend) == bool(scene.findings)
    # Below the whole diagram.
    assert max(y + h / 2 for _, y, _, h in legend.values()) < min(
        y - h / 2 for _, y, _, h in diagram.values()
    )
    # A few rows, close together: at most 6 samples a row, and row starts aligned on the left.
    rows = sorted({round(y, 2) for _, y, _, _ in legend.values()}, reverse=True)
    samples = len(families) + ("legend:head" in legend) + ("legend:external" in legend)
    expected = -(-samples // 6) + -(-len(types) // 3) + bool(scene.findings)
    assert len(rows) == expected
    assert all(a - b < 1.1 for a, b in itertools.pairwise(rows))
    starts = {
        round(v[0], 2) for k, v in legend.items() if k.startswith(("legend:title", "legend:row:"))
    }
    assert len(starts) == 1
    # No wider than its rows need: about the sum of a row's samples and gaps, not the diagram's.
    left = min(x - w / 2 for x, _, w, _ in legend.values())
    right = max(x + w / 2 for x, _, w, _ in legend.values())
    per_row: dict[float, float] = {}
    for _, y, w, _ in legend.values():
        per_row[round(y, 2)] = per_row.get(round(y, 2), 0.0) + w + 0.45 + 1.0  # gap, arrow
    assert right - left <= max(per_row.values())


def test_legend_rows_are_balanced() -> None:
    assert [len(r) for r in dot_engine._chunks([["x"]] * 7, 6)] == [4, 3]
    assert [len(r) for r in dot_engine._chunks([["x"]] * 6, 6)] == [6]
    assert [len(r) for r in dot_engine._chunks([["x"]] * 4, 3)] == [2, 2]
    assert dot_engine._chunks([], 3) == []


def test_matplotlib_edge_texts_do_not_overlap() -> None:
    from ges_graph.render.mpl import figure

    ges = load(Path(__file__).resolve().parents[1] / "ges_graph/examples/tremplin.yaml")
    for lang in ("fr", "en"):
        fig = figure(build_scene(ges, view="all", lang=lang))
        fig.canvas.draw()
        ax = fig.axes[0]
        renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
        boxes = [t.get_window_extent(renderer) for t in ax.texts if t.get_bbox_patch()]
        assert len(boxes) >= 6
        for a, b in itertools.combinations(boxes, 2):
            assert not a.overlaps(b), (lang, a, b)


def test_node_tooltips_give_the_form_in_full_and_a_public_body_s_kind() -> None:
    ges = GES.from_data(
        {
            "format": "ges-graph/1",
            "name": "G",
            "entities": [
                {"id": "a", "name": "Chantier", "form": "association", "conventions": ["aci"]},
                {
                    "id": "c",
                    "name": "CDC",
                    "form": "public_body",
                    "public_kind": "state",
                    "external": True,
                },
            ],
        }
    )
    src = to_dot(ges)
    assert (
        "tooltip=\"CDC\\ncollectivité ou établissement public : l'État ou un établissement "
        'public national\\nexterne au groupe"'
    ) in src
    assert "ACI : atelier et chantier d'insertion" in src
    assert "the State or a national public body" in to_dot(ges, lang="en")


def test_the_holdings_fan_is_drawn_between_the_sister_associations() -> None:
    # Issue 12: the head's children in DOT order, kept by dot (ordering=out): the sisters tied
    # to the holding's GIE next to it, above, the others half on each side.
    src = to_dot(GES.from_data(realistic_group(30)))
    assert '  "tete" [ordering=out];' in src
    order = re.findall(r'^  "tete" -> "([^"]+)"', src, flags=re.MULTILINE)
    middle = order.index("holding")
    assert order[middle - 2 : middle] == ["asso-2", "gie"]
    assert 2 <= middle <= len(order) - 3
    assert '"holding" [ordering=out]' not in src  # leaves only: dot's own order


def test_the_structure_view_is_compact_and_the_flows_view_is_not() -> None:
    ges = GES.from_data(realistic_group(30))
    structure, flows = to_dot(ges), to_dot(ges, view="flows")
    assert 'splines="polyline"' in structure
    assert "splines" not in flows
    assert "ordering=out" not in flows
    # A long structure text is broken at its « · »; a flow's line stays whole.
    assert 'label="5/9 sièges\\nprésidence\\nmembre de droit"' in structure
    assert re.search(r'label="frais de siège · \d+\xa0k€', flows)


def _minlens(src: str, holder: str) -> dict[str, int]:
    """The rank gap (``minlen``, 1 when absent) of each edge written from ``holder``."""
    gaps = {}
    for target, attrs in re.findall(rf'^  "{holder}" -> "([^"]+)" \[(.*)\];$', src, re.MULTILINE):
        found = re.search(r"minlen=(\d+)", attrs)
        gaps[target] = int(found[1]) if found else 1
    return gaps


@pytest.mark.parametrize(("members", "far"), [(60, 3), (70, 2)])
def test_a_big_structure_stacks_each_holders_fan_in_a_block_of_its_own(
    members: int, far: int
) -> None:
    # Issue 12: from 50 entities, drawn left to right, the two sector holdings' subsidiaries
    # make two blocks of two columns each, just after their holding, instead of six shared ones.
    # At 60 members the blocks are planned in lanes: their far column one rank farther.
    ges = GES.from_data(realistic_group(members))
    scene = build_scene(ges)
    assert scene.direction == "LR"
    assert len(scene.nodes) >= BLOCKS
    src = to_dot(ges)
    for pole in ("pole-1", "pole-2"):
        gaps = _minlens(src, pole)
        assert len(gaps) >= 20
        assert set(gaps.values()) == {1, far}
        assert list(gaps.values()).count(far) >= 7
    assert f'margin="{dot_engine.BLOCK_MARGIN}"' in src
    assert (f"nodesep={LANE_NODESEP}," in src) == (far == 3)
    # Smaller groups, another view or another direction: stacked as before.
    for other in (to_dot(GES.from_data(realistic_group(30))), to_dot(ges, view="flows")):
        assert 'margin="0.06,0.03"' in other
    assert max(_minlens(to_dot(ges, direction="TB"), "pole-2").values()) > 2


def _two_blocks(investors: dict[str, tuple[str, ...]]) -> list[tuple[str, str]]:
    """A head over two holders of six leaves each, and investors in some of the leaves."""
    pairs = [("t", "a"), ("t", "b")]
    pairs += [(h, f"{h}{i}") for h in "ab" for i in range(6)]
    pairs += [(leaf, inv) for inv, held in investors.items() for leaf in held]
    return pairs


def test_plan_blocks_draws_an_investor_between_the_two_blocks_it_holds_in() -> None:
    pairs = _two_blocks({"x": ("a1", "b4")})
    ids = sorted({n for p in pairs for n in p})
    ranks, order = plan_blocks(ids, pairs, "t", most=3)
    where = {n: i for i, n in enumerate(order)}
    a_block = [n for n in order if n.startswith("a") and n != "a"]
    b_block = [n for n in order if n.startswith("b") and n != "b"]
    # The tied leaves face each other across the gap between the blocks: a1 last of a's,
    # b4 first of b's, and both in the first column, nearest their holder.
    assert a_block[-1] == "a1"
    assert b_block[0] == "b4"
    assert ranks["a1"] == ranks["b4"] == 2
    assert max(where[n] for n in a_block) < where["x"] < min(where[n] for n in b_block)
    assert ranks["x"] == 3
    # Six leaves, at most three a column: two columns, none beyond.
    assert {ranks[n] for n in a_block} == {ranks[n] for n in b_block} == {2, 3}


def test_plan_blocks_nests_overlapping_investors_two_a_column() -> None:
    held = {"x": ("a5", "b0"), "y": ("a4", "b1", "b2"), "z": ("a2", "a3", "b3")}
    pairs = _two_blocks(held)
    ids = sorted({n for p in pairs for n in p})
    ranks, order = plan_blocks(ids, pairs, "t", most=6)
    columns = [ranks[i] - ranks["a0"] for i in sorted(held)]  # past the leaves' column
    assert sorted(columns) == [1] * PER_COLUMN + [2]
    # The outer one's leaves lie farther from the gap than the inner ones'.
    outer = next(i for i in held if ranks[i] - ranks["a0"] == 2)
    a_block = [n for n in order if n.startswith("a") and n != "a"]
    b_block = [n for n in order if n.startswith("b") and n != "b"]
    inner = {leaf for i, leaves in held.items() if i != outer for leaf in leaves}
    mine = set(held[outer])
    assert max(a_block.index(n) for n in mine & set(a_block)) < min(
        a_block.index(n) for n in inner & set(a_block)
    )
    assert min(b_block.index(n) for n in mine & set(b_block)) > max(
        b_block.index(n) for n in inner & set(b_block)
    )


def test_plan_blocks_places_what_a_shared_entity_holds_after_it() -> None:
    # A company held by two holders that holds a fan of its own: its fan comes after it.
    pairs = _two_blocks({"x": ("a0", "b0")}) + [("x", f"y{i}") for i in range(12)]
    ids = sorted({n for p in pairs for n in p})
    ranks, order = plan_blocks(ids, pairs, "t", most=4)
    assert sorted(order) == ids
    assert all(ranks[u] < ranks[v] for u, v in pairs)
    assert min(ranks[f"y{i}"] for i in range(12)) == ranks["x"] + 1


def test_a_structure_of_100_members_is_planned_and_its_gie_drawn_on_top() -> None:
    big = build_scene(GES.from_data(realistic_group(100)))
    assert len(big.nodes) >= PLANNED
    planned = in_blocks(big)
    assert planned is not None
    scene, order, nodesep, anchors, pins = planned
    assert order is not None
    assert nodesep == COLUMNS_NODESEP  # planned in two columns: their own gap
    assert sorted(order) == sorted(n.id for n in big.nodes)
    assert order[0] == "gie"  # tied to the head and the holding: above everything
    rank = {n.id: n.rank for n in scene.nodes}
    for upper, lower in big.rank_pairs:
        assert rank[upper] < rank[lower], (upper, lower)
    # Four sector holdings: two in the first column, two in the corridor after it, each
    # anchored to a leaf of its own on the next rank.
    poles = sorted(rank[f"pole-{i}"] for i in range(1, 5))
    assert poles[0] == poles[1] < poles[2] == poles[3]
    assert len(anchors) == 2
    assert all(rank[b] == rank[a] + 1 and (a, b) in big.rank_pairs for a, b in anchors)
    assert pins
    assert all(rank[a] == rank[b] for a, b in pins)
    # The head's associations on both of their ranks, on both sides of the holding.
    where = {n: i for i, n in enumerate(order)}
    for r in (1, 2):
        sisters = [where[n] for n in order if n.startswith("asso-") and rank[n] == r]
        assert min(sisters) < where["holding"] < max(sisters)
    src = to_dot(GES.from_data(realistic_group(100)))
    assert all(f'"pole-{i}" [ordering=out];' in src for i in range(1, 5))
    assert src.count(f"weight={ANCHOR_WEIGHT}") == 2
    assert src.count("[style=invis, minlen=0];") == len(pins)
    # Fewer entities: blocks without a plan, dot's own order, unless planned in lanes.
    middle = in_blocks(build_scene(GES.from_data(realistic_group(70))))
    assert middle is not None
    assert middle.order is None
    lanes = in_blocks(build_scene(GES.from_data(realistic_group(60))))
    assert lanes is not None
    assert lanes.order is not None
    assert lanes.nodesep == LANE_NODESEP


def _grid(**investors: tuple[str, ...]) -> list[tuple[str, str]]:
    """A head over a holding of four holders (a to d) of five leaves each, and investors."""
    pairs = [("t", "h")] + [("h", p) for p in "abcd"]
    pairs += [(p, f"{p}{i}") for p in "abcd" for i in range(5)]
    return pairs + [(leaf, inv) for inv, held in investors.items() for leaf in held]


def test_plan_in_two_columns_puts_the_second_column_in_the_corridor() -> None:
    pairs = _grid()
    ids = sorted({n for p in pairs for n in p})
    plan = planned(ids, pairs, "t", most=3, columns=2)
    assert TWO_COLUMNS == 4
    assert all(plan.rank[u] < plan.rank[v] for u, v in pairs)
    # First column a and b (rank 2), their leaves on ranks 3 and 4; c and d on rank 4, in
    # the corridor between a (above) and b (below), their leaves on ranks 5 and 6.
    assert [plan.rank[p] for p in "abcd"] == [2, 2, 4, 4]
    assert {plan.rank[f"a{i}"] for i in range(5)} == {3, 4}
    assert {plan.rank[f"c{i}"] for i in range(5)} == {5, 6}
    where = {n: i for i, n in enumerate(plan.order)}
    assert where["a"] < where["c"] < where["d"] < where["b"]
    # c opens upwards from its lowest leaf on the next rank, d downwards from its highest.
    (c, c_leaf), (d, d_leaf) = plan.anchors
    assert (c, d) == ("c", "d")
    assert c_leaf == max((f"c{i}" for i in range(5) if plan.rank[f"c{i}"] == 5), key=where.get)
    assert d_leaf == min((f"d{i}" for i in range(5) if plan.rank[f"d{i}"] == 5), key=where.get)
    # One column: no anchor, the blocks one under the other.
    single = planned(ids, pairs, "t", most=3)
    assert not single.anchors
    assert [single.rank[p] for p in "abcd"] == [2, 2, 2, 2]
    assert plan_blocks(ids, pairs, "t", most=3, columns=2) == (plan.rank, plan.order)


def test_plan_in_two_columns_runs_shared_lines_along_their_channels() -> None:
    # x and y each tie two blocks, z ties a and d: the blocks are dealt so that x's and y's
    # lines run along the top and the bottom of the drawing, z's along the corridor.
    pairs = _grid(x=("a0", "c1"), y=("b2", "d3"), z=("a4", "d0"))
    ids = sorted({n for p in pairs for n in p})
    plan = planned(ids, pairs, "t", most=3, columns=2)
    assert all(plan.rank[u] < plan.rank[v] for u, v in pairs)
    where = {n: i for i, n in enumerate(plan.order)}
    top, bottom = plan.order[0], plan.order[-1]
    assert {top, bottom} == {"x", "y"}
    blocks = {p: sorted((n for n in ids if n[0] == p and n[1:]), key=where.get) for p in "abcd"}
    upper = {p for p in "abcd" if where[p] < where["z"]}
    assert len(upper) == 2
    assert all(where[n] < where["z"] for p in upper for n in blocks[p])
    assert all(where[n] > where["z"] for p in set("abcd") - upper for n in blocks[p])
    # Each tied leaf on its channel's side of its block.
    for leaf in {"x": ("a0", "c1"), "y": ("b2", "d3")}[top]:
        assert blocks[leaf[0]][0] == leaf
    for leaf in {"x": ("a0", "c1"), "y": ("b2", "d3")}[bottom]:
        assert blocks[leaf[0]][-1] == leaf
    for leaf in ("a4", "d0"):
        assert blocks[leaf[0]][-1 if leaf[0] in upper else 0] == leaf
    # The pins keep each rank of a shared entity in that order.
    assert plan.pins
    assert all(where[a] < where[b] and plan.rank[a] == plan.rank[b] for a, b in plan.pins)


def _lanes(investor: str = "x") -> list[tuple[str, str]]:
    """A head over two holders of eight leaves each, an investor in a leaf of each."""
    pairs = [("t", "a"), ("t", "b")]
    pairs += [(h, f"{h}{i}") for h in "ab" for i in range(8)]
    return [*pairs, ("a7", investor), ("b0", investor)]


def test_plan_in_lanes_deals_the_free_leaves_over_two_columns_a_lane_apart() -> None:
    pairs = _lanes()
    ids = sorted({n for p in pairs for n in p})
    ranks, order = plan_blocks(ids, pairs, "t", most=4, lanes=True)
    assert all(ranks[u] < ranks[v] for u, v in pairs)
    for h in "ab":
        block = [n for n in order if n.startswith(h) and n != h]
        near = [n for n in block if ranks[n] == 2]
        far = [n for n in block if ranks[n] == 4]  # a lane (rank 3) between the columns
        assert len(near) + len(far) == 8
        # The tied leaf and half the seven free ones near, the others far: 1 + 4 and 3.
        assert (len(near), len(far)) == (5, 3)
        # The two columns alternate, down the block: no far leaf above every near one.
        free = [n for n in block if n not in ("a7", "b0")]
        assert [ranks[n] for n in free[:3]] in ([2, 4, 2], [4, 2, 4])
    # The investor in the lane, between the blocks.
    assert ranks["x"] == 3
    where = {n: i for i, n in enumerate(order)}
    assert where["a7"] < where["x"] < where["b0"]
    # Without lanes: columns side by side, the near leaves first.
    plain, _ = plan_blocks(ids, pairs, "t", most=4)
    assert {plain[n] for n in ids if n[0] in "ab" and n[1:]} == {2, 3}
    assert plain["x"] == 3


def test_plan_in_lanes_puts_an_outer_investor_after_the_far_column() -> None:
    pairs = [*_lanes(), ("a6", "y"), ("b1", "y"), ("a5", "z"), ("b2", "z")]
    ids = sorted({n for p in pairs for n in p})
    ranks, _ = plan_blocks(ids, pairs, "t", most=4, lanes=True)
    assert max(ranks[f"{h}{i}"] for h in "ab" for i in range(8)) == 4
    # Three overlapping investors, two a column: two in the lane, the widest past the far
    # column (never on it, where its lines would cross the lines to the far leaves).
    assert (ranks["x"], ranks["y"], ranks["z"]) == (3, 3, 5)
    plain, _ = plan_blocks(ids, pairs, "t", most=4)
    assert (plain["x"], plain["y"], plain["z"]) == (3, 3, 4)


@pytest.mark.parametrize(
    ("members", "lanes"),
    [(30, False), (50, False), (52, True), (60, True), (61, False), (65, False)],
)
def test_a_structure_is_planned_in_lanes_with_at_most_two_fans_of_two_columns(
    members: int, lanes: bool
) -> None:
    # 50 members: one fan of 35 leaves (four columns); 61: a fifth investor, a third column
    # of shared entities (eight ranks); 65: the head's associations make a third fan of two
    # columns. Each would be too wide for A3 in lanes.
    planned = in_blocks(build_scene(GES.from_data(realistic_group(members))))
    assert (planned is not None and planned.nodesep == LANE_NODESEP) == lanes
    assert LANE_FANS == 2
    if members == 61:  # planned in lanes, it would span one rank too many
        scene = build_scene(GES.from_data(realistic_group(members)))
        ids = [n.id for n in scene.nodes]
        ranks, _ = plan_blocks(ids, scene.rank_pairs, scene.head, lanes=True)
        assert max(ranks.values()) == LANE_RANKS


def test_stack_blocks_leaves_small_fans_and_shared_leaves_in_place() -> None:
    pairs = [("h", f"s{i}") for i in range(7)] + [("t", "h"), ("t", "x"), ("h", "x")]
    pairs += [("g", "y"), ("g", "z")]
    ids = sorted({n for p in pairs for n in p})
    rows = stack_blocks(layer_ranks(ids, pairs, "t"), pairs, 3)
    assert [rows[f"s{i}"] for i in range(7)] == [2, 2, 2, 3, 3, 4, 4]
    assert rows["x"] == 2  # two holders: not a leaf of h's alone
    assert (rows["y"], rows["z"]) == (rows["g"] + 1, rows["g"] + 1)  # a fan within the budget


def test_a_render_error_keeps_its_words_across_processes() -> None:
    import pickle

    exc = RenderError(
        "dot failed; engine='matplotlib'", message_fr="dot a échoué", message_en="dot failed"
    )
    back = pickle.loads(pickle.dumps(exc))  # a worker of check or demo sends it back
    assert (back.message_in("fr"), back.message_in("en"), str(back)) == (
        "dot a échoué",
        "dot failed",
        "dot failed; engine='matplotlib'",
    )


def test_a_flow_line_has_one_width_and_an_arrow_that_grows_with_it() -> None:
    # The flow's width was written twice (its kind's 1.4, then its amount's), and its arrow kept
    # the thin lines' size: drawn with a 3.6 pt pen, the outline of a small « vee » filled it.
    dot = to_dot(load(example_path("tremplin.yaml")), view="flows")
    flows = [line for line in dot.splitlines() if "-> " in line and "#994455" in line]
    flows = [line for line in flows if "#legend" not in line]
    assert len(flows) == 2
    for line in flows:
        assert line.count("penwidth=") == 1, line
        width = float(re.search(r"penwidth=([0-9.]+)", line)[1])  # type: ignore[index]
        size = float(re.search(r"arrowsize=([0-9.]+)", line)[1])  # type: ignore[index]
        assert width > 3, line
        assert size >= 0.4 * width - 0.05, line


def test_a_name_that_ends_with_its_form_does_not_say_it_twice() -> None:
    ges = GES.from_data(
        {
            "format": "ges-graph/1",
            "name": "G",
            "entities": [
                {"id": "s", "name": "Territoires Solidaires SCIC", "form": "scic"},
                {"id": "n", "name": "Emploi Services Nord SA", "form": "sa", "conventions": ["ei"]},
                {"id": "a", "name": "Scic de la Vallée", "form": "scic"},
            ],
        }
    )
    dot = to_dot(ges, legend=False)
    assert "SCIC\\nSCIC" not in dot
    assert "SA\\nSA" not in dot
    assert "Emploi Services Nord SA\\nEI" in dot  # the badges stay
    assert "Scic de la Vallée\\nSCIC" in dot  # the form said where the name does not end with it


def test_a_head_controlled_from_outside_is_drawn_below_its_controller() -> None:
    # The private group holding 76 % of the network's head was drawn under it, beside a 4 %
    # minority association: a board read the picture upside down.
    ges = GES.from_data(
        {
            "format": "ges-graph/1",
            "name": "G",
            "entities": [
                {"id": "reseau", "name": "Réseau", "form": "sas", "conventions": ["etti"]},
                {"id": "groupe", "name": "Groupe privé", "form": "sa", "external": True},
                {
                    "id": "ai",
                    "name": "AI",
                    "form": "association",
                    "conventions": ["ai"],
                    "board_size": 6,
                },
                {"id": "agence", "name": "Agence", "form": "sarl"},
            ],
            "relations": [
                {"type": "shareholding", "from": "groupe", "to": "reseau", "share": 76},
                {"type": "shareholding", "from": "ai", "to": "reseau", "share": 4},
                {"type": "shareholding", "from": "reseau", "to": "agence", "share": 100},
                {"type": "board", "from": "reseau", "to": "ai", "seats": 4},
            ],
        }
    )
    assert ges.control.head == "reseau"
    scene = build_scene(ges)
    rank = {n.id: n.rank for n in scene.nodes}
    assert rank["groupe"] < rank["reseau"] < rank["agence"]
    assert rank["ai"] > rank["reseau"]  # a minority owner stays under the head
    assert "rank=min" not in to_dot(ges)
    data = ges.document.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    # a tie back from the head to its controller (a 5 % stake) leaves the controller above
    back = {**data, "relations": [*data["relations"],
                                  {"type": "shareholding", "from": "reseau", "to": "groupe",
                                   "share": 5}]}  # fmt: skip
    tied = build_scene(GES.from_data(back))
    placed = {n.id: n.rank for n in tied.nodes}
    assert placed["groupe"] < placed["reseau"]
    data["relations"] = data["relations"][1:]  # not held from outside: on top again
    assert '{rank=min; "reseau";}' in to_dot(GES.from_data(data))


def test_the_matplotlib_figure_is_as_wide_as_its_title() -> None:
    from ges_graph.render.mpl import figure

    ges = GES.from_data(
        {
            "format": "ges-graph/1",
            "name": "Réseau d'intérim d'insertion contrôlé par un groupe privé",
            "entities": [{"id": "a", "name": "A", "form": "association"}],
        }
    )
    fig = figure(build_scene(ges))
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    title = fig.axes[0].title.get_window_extent(renderer)
    assert title.x0 >= 0
    assert title.x1 <= fig.bbox.width


def test_the_legend_names_what_is_drawn() -> None:
    # A collective of employees was a « personne physique » in the legend; an office said in a
    # shareholding's text (« 100 % · présidence ») had a line sample no line of the drawing has.
    ges = GES.from_data(
        {
            "format": "ges-graph/1",
            "name": "G",
            "entities": [
                {"id": "a", "name": "A", "form": "association"},
                {"id": "b", "name": "B", "form": "sas"},
                {"id": "s", "name": "Salariés", "form": "collective"},
            ],
            "relations": [
                {"type": "shareholding", "from": "a", "to": "b", "share": 100},
                {"type": "office", "from": "a", "to": "b", "office": "president"},
                {"type": "membership", "from": "s", "to": "a"},
            ],
        }
    )
    dot = to_dot(ges)
    assert 'label="personne physique ou collectif"' in dot
    assert "#legend:rel:office" not in dot
    assert "mandat de direction" not in dot
    assert 'label="natural person or collective"' in to_dot(ges, lang="en")
    people = GES.from_data(
        {
            **ges.document.model_dump(mode="json", by_alias=True, exclude_defaults=True),
            "entities": [
                {"id": "a", "name": "A", "form": "association"},
                {"id": "b", "name": "B", "form": "sas"},
                {"id": "s", "name": "Salariés", "form": "person"},
            ],
        }
    )
    assert 'label="personne physique"' in to_dot(people)


def test_a_png_is_sharp_enough_to_print() -> None:
    # At Graphviz's default 96 dpi (matplotlib's 110 here), 9-point text was 12 pixels high:
    # blurred once the picture was pasted in a report and printed.
    import struct

    from ges_graph.render.rundot import PNG_DPI

    ges = load(example_path("tremplin.yaml"))
    svg = render_bytes(ges, "svg")
    width_pt = float(re.search(rb'<svg width="([0-9.]+)pt"', svg)[1])  # type: ignore[index]
    png = render_bytes(ges, "png")
    (width_px,) = struct.unpack(">I", png[16:20])
    assert PNG_DPI >= 200
    assert abs(width_px - width_pt * PNG_DPI / 72) <= width_px * 0.02
    mpl = render_bytes(ges, "png", engine="matplotlib")
    (mpl_px,) = struct.unpack(">I", mpl[16:20])
    assert mpl_px >= 2.0 * 200  # at least two inches at 200 dpi


def test_the_legend_says_what_each_finding_is_about() -> None:
    # Three « Membre contrôlé de l'extérieur » lines could not be told apart, and « Aucune SIAE
    # dans le groupe », marked on no node, seemed to concern nothing drawn.
    from ges_graph.rules import validate

    ges = GES.from_data(
        {
            "format": "ges-graph/1",
            "name": "G",
            "entities": [
                {"id": "a", "name": "Alpha", "form": "sas"},
                {"id": "b", "name": "Bêta", "form": "sas"},
                {"id": "x", "name": "Groupe privé", "form": "sa", "external": True},
            ],
            "relations": [
                {"type": "shareholding", "from": "x", "to": "a", "share": 70},
                {"type": "shareholding", "from": "a", "to": "b", "share": 60},
            ],
        }
    )
    scene = build_scene(ges, report=validate(ges))
    labels = [f.label for f in scene.findings]
    outside = [x for x in labels if x.startswith("Membre contrôlé de l'extérieur")]
    assert sorted(outside) == [
        "Membre contrôlé de l'extérieur — Alpha",
        "Membre contrôlé de l'extérieur — Bêta",
    ]
    assert "Aucune SIAE dans le groupe — tout le groupe" in labels
    english = build_scene(ges, report=validate(ges), lang="en")
    assert "No SIAE in the group — the whole group" in [f.label for f in english.findings]
