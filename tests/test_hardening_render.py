"""Issue 15, hardening of the diagrams and the report page against hostile names and ids."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest

from ges_graph import GES
from ges_graph.errors import RenderError
from ges_graph.html_report import report_html
from ges_graph.render import dot as dot_engine
from ges_graph.render import render_bytes, to_dot

needs_dot = pytest.mark.skipif(dot_engine.find_dot() is None, reason="Graphviz not installed")

# Every id the diagram's legend used for its own nodes before issue 15, as entity ids.
_LEGEND_LIKE_IDS = [
    "legend:title",
    "legend:row:1",
    "legend:family:company",
    "legend:family:association",
    "legend:external",
    "legend:head",
    "legend:findings",
    "legend:rel:membership:a",
    "legend:rel:membership:b",
    "legend",
    "cluster_marchand",
]


def _ges(entities: list[dict[str, Any]], relations: list[dict[str, Any]] | None = None) -> GES:
    return GES.from_data(
        {"format": "ges-graph/1", "name": "G", "entities": entities, "relations": relations or []}
    )


@needs_dot
def test_h15_04_entity_ids_never_collide_with_the_legend() -> None:
    entities = [
        {"id": eid, "name": f"Entité {i:02d} zq", "form": "association" if i % 2 else "sas"}
        for i, eid in enumerate(_LEGEND_LIKE_IDS)
    ]
    relations = [
        {"type": "membership", "from": entities[i]["id"], "to": entities[i + 1]["id"]}
        for i in range(len(entities) - 1)
    ]
    ges = _ges(entities, relations)
    source = to_dot(ges)
    for e in entities:
        # Each entity id is declared once, as the entity's own node.
        assert len(re.findall(rf'^ *"{re.escape(e["id"])}" \[', source, re.M)) == 1
    svg = render_bytes(ges, "svg").decode()
    for e in entities:
        # Drawn as a label (not only in a tooltip, which the legend would leave as it was).
        assert f">{e['name']}</text>" in svg


def _one_long_name(n: int) -> GES:
    return _ges(
        [
            {"id": "a", "name": "Z" * n, "form": "association"},
            {"id": "b", "name": "Tremplin", "form": "sas"},
        ],
        [{"type": "membership", "from": "b", "to": "a"}],
    )


@needs_dot
@pytest.mark.parametrize("n", [20_000, 1_000_000])
def test_h15_10_a_long_name_keeps_the_diagram(n: int) -> None:
    start = time.monotonic()
    svg = render_bytes(_one_long_name(n), "svg").decode()
    assert time.monotonic() - start < 20
    assert ">Tremplin</text>" in svg
    # The label is cut, with « … »; the tooltip keeps the whole name.
    assert re.search(r">Z{1,48}…</text>", svg)
    assert "Z" * n in svg


@needs_dot
def test_h15_10_a_long_name_keeps_the_report_diagram() -> None:
    page = report_html(_one_long_name(20_000), diagram=True)
    assert "<svg" in page  # the report lost its diagram when dot failed on the label
    assert re.search(r">Z{1,48}…</text>", page)
    assert "Z" * 20_000 in page  # the tables (and the tooltip) keep the whole name


def test_h15_10_matplotlib_is_bounded() -> None:
    pytest.importorskip("matplotlib")
    start = time.monotonic()
    svg = render_bytes(_one_long_name(1_000_000), "svg", engine="matplotlib").decode()
    assert time.monotonic() - start < 20
    assert "Tremplin" in svg
    assert "Z" * 200 not in svg
    n = 100
    entities = [{"id": f"e{i}", "name": f"E{i}", "form": "association"} for i in range(n)]
    relations = [
        {"type": "membership", "from": f"e{i}", "to": f"e{j}"}
        for i in range(n)
        for j in range(n)
        if i != j
    ]
    dense = _ges(entities, relations)
    start = time.monotonic()
    with pytest.raises(RenderError, match="graphviz"):
        render_bytes(dense, "svg", engine="matplotlib")
    assert time.monotonic() - start < 20


_HOSTILE = "Évil\x00 \x1b]0;pwned\x07 \x1b[2J \x08\x7f\x9b31m fin\r\nligne"
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@pytest.mark.parametrize("diagram", [False, pytest.param(True, marks=needs_dot)])
def test_h15_06_report_page_has_no_control_characters(diagram: bool) -> None:
    ges = GES.from_data(
        {
            "format": "ges-graph/1",
            "name": "G" + _HOSTILE,
            "description": _HOSTILE,
            "sources": [_HOSTILE],
            "entities": [
                {"id": "a", "name": "A" + _HOSTILE, "form": "association", "tags": [_HOSTILE]},
                {"id": "b", "name": "B" + _HOSTILE, "form": "sas"},
            ],
            "relations": [
                {"type": "shareholding", "from": "a", "to": "b", "share": 60, "note": _HOSTILE}
            ],
        }
    )
    page = report_html(ges, diagram=diagram)
    assert not _CONTROLS.search(page)
    assert "Évil ]0;pwned [2J 31m fin" in page
    if diagram:
        assert "<svg" in page


@needs_dot
@pytest.mark.parametrize("engine", ["graphviz", "matplotlib"])
def test_h15_06_svg_labels_have_no_control_characters(engine: str) -> None:
    if engine == "matplotlib":
        pytest.importorskip("matplotlib")
    ges = _ges([{"id": "a", "name": "A" + _HOSTILE, "form": "association"}])
    svg = render_bytes(ges, "svg", engine=engine).decode()
    # C1 characters are printable in XML and kept in drawings (a name may be only that).
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", svg)
    assert "pwned" in svg
