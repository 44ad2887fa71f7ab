"""The flows view of a big group: families of members, and not an amount lost.

Beyond :data:`ges_graph.render.flowgroups.DETAIL_MOST` flows edges, the ``flows`` view draws the
head, the holdings, the GIE and the outside partners that pay or are paid, and the other members
gathered by holder and family of legal form (``docs/diagrams.md``, "Views"). These tests check
that the drawing says everything the matrix holds, in total, by kind and by family, in both
languages and both engines, and that small groups keep their member-by-member drawing.
"""

from __future__ import annotations

import functools
import itertools
import re
from decimal import Decimal
from typing import Any

import pytest

from ges_graph.flows import flow_matrix
from ges_graph.generate import realistic_group
from ges_graph.graph import GES
from ges_graph.model import Flow, FlowKind
from ges_graph.render.dot import scene_to_dot
from ges_graph.render.flowgroups import DETAIL_MOST
from ges_graph.render.scene import Scene, build_scene

SIZES = (30, 60, 100)


@functools.cache
def _group(members: int) -> GES:
    return GES.from_data(realistic_group(members))


@functools.cache
def _scene(members: int, lang: str = "fr") -> Scene:
    return build_scene(_group(members), view="flows", lang=lang)  # type: ignore[arg-type]


def _where(scene: Scene) -> dict[str, str]:
    """Each entity's node: its family's, or its own."""
    where = {n.id: n.id for n in scene.nodes if not n.members}
    for n in scene.nodes:
        where.update(dict.fromkeys(n.members, n.id))
    return where


def _fan(subsidiaries: int) -> dict[str, Any]:
    """A head, a holding and subsidiaries that each pay the holding a fee."""
    entities = [
        {"id": "tete", "name": "Tête", "form": "association"},
        {"id": "holding", "name": "Holding", "form": "sas"},
    ]
    relations: list[dict[str, Any]] = [
        {"type": "shareholding", "from": "tete", "to": "holding", "share": 100},
        {"type": "flow", "kind": "management_fee", "from": "holding", "to": "tete", "amount": 1},
    ]
    for i in range(subsidiaries):
        entities.append({"id": f"f{i:02d}", "name": f"Filiale {i}", "form": "sarl"})
        relations.append(
            {"type": "shareholding", "from": "holding", "to": f"f{i:02d}", "share": 90}
        )
        relations.append({"type": "flow", "kind": "management_fee", "from": f"f{i:02d}",
                          "to": "holding", "amount": 1000 + i})  # fmt: skip
    return {"format": "ges-graph/1", "name": "G", "entities": entities, "relations": relations}


# -- when ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("members", [5, 10])
def test_small_groups_keep_every_member(members: int) -> None:
    ges = GES.from_data(realistic_group(members))
    scene = build_scene(ges, view="flows")
    assert not scene.grouped
    assert {n.id for n in scene.nodes} == set(ges.entities)
    assert all(not n.members for n in scene.nodes)


def test_the_families_start_past_the_detail_most() -> None:
    # The holding's fee to the head is one edge; each subsidiary's fee one more.
    at_most = build_scene(GES.from_data(_fan(DETAIL_MOST - 1)), view="flows")
    past = build_scene(GES.from_data(_fan(DETAIL_MOST)), view="flows")
    assert not at_most.grouped
    assert len([e for e in at_most.edges if e.drawn]) == DETAIL_MOST
    assert past.grouped
    (family,) = [n for n in past.nodes if n.members]
    assert len(family.members) == DETAIL_MOST
    assert family.lines[0].startswith(f"{DETAIL_MOST} membres · SARL")
    (edge,) = [e for e in past.edges if e.source == family.id]
    assert edge.target == "holding"
    assert edge.amount == sum(1000 + i for i in range(DETAIL_MOST))


@pytest.mark.parametrize("members", SIZES)
def test_big_groups_draw_families(members: int) -> None:
    scene = _scene(members)
    assert scene.grouped
    assert scene.view == "flows"
    assert len(scene.nodes) <= 12
    families = [n for n in scene.nodes if n.members]
    assert len(families) >= 2
    assert "matrice des flux" in scene.title.splitlines()[1]
    # The families do not meet, and no member is drawn twice.
    ids = [m for n in families for m in n.members]
    assert len(ids) == len(set(ids))
    assert not set(ids) & {n.id for n in scene.nodes}


def test_the_layers_still_draw_every_flow() -> None:
    ges = _group(30)
    scene = build_scene(ges, layers=["flows"])
    assert not scene.grouped
    assert {n.id for n in scene.nodes} == set(ges.entities)


# -- no amount lost ------------------------------------------------------------------------------


@pytest.mark.parametrize("members", SIZES)
def test_the_totals_are_the_matrix_totals(members: int) -> None:
    ges, scene = _group(members), _scene(members)
    matrix = flow_matrix(ges)
    inside = set(matrix.members)
    nodes = {n.id: n for n in scene.nodes}

    def member_node(nid: str) -> bool:
        return bool(nodes[nid].members) or nid in inside

    between = sum(
        e.amount or 0.0 for e in scene.edges if member_node(e.source) and member_node(e.target)
    )
    within = sum(n.within or 0.0 for n in scene.nodes)
    assert Decimal(str(between + within)) == matrix.total
    every = sum(r.amount or 0.0 for _, r in ges.relations.items() if isinstance(r, Flow))
    assert sum(e.amount or 0.0 for e in scene.edges) + within == every


@pytest.mark.parametrize("members", SIZES)
def test_each_edge_sums_its_flows_by_kind(members: int) -> None:
    ges, scene = _group(members), _scene(members, "en")
    where = _where(scene)
    expected: dict[tuple[str, str], dict[FlowKind, float]] = {}
    for _, r in ges.relations.items():
        if isinstance(r, Flow) and where[r.from_] != where[r.to]:
            by_kind = expected.setdefault((where[r.from_], where[r.to]), {})
            by_kind[FlowKind(r.kind)] = by_kind.get(FlowKind(r.kind), 0.0) + (r.amount or 0.0)
    drawn = {(e.source, e.target): e.label for e in scene.edges}
    assert set(drawn) == set(expected)
    for pair, by_kind in expected.items():
        lines = drawn[pair].split("\n")
        assert len(lines) == len(by_kind)
        for line, (kind, amount) in zip(
            lines, sorted(by_kind.items(), key=_kind_order), strict=True
        ):
            name, _, text = line.partition(" · ")
            assert name == kind.label_in("en")
            assert text == ("free" if amount == 0 else _k(amount))


def _kind_order(item: tuple[FlowKind, float]) -> int:
    return list(FlowKind).index(item[0])


def _k(amount: float) -> str:
    return f"{amount / 1000:,.0f} k€"


@pytest.mark.parametrize("members", SIZES)
def test_each_family_says_what_its_members_receive_and_pay(members: int) -> None:
    ges, scene = _group(members), _scene(members, "en")
    where = _where(scene)
    for family in (n for n in scene.nodes if n.members):
        received = paid = 0.0
        for _, r in ges.relations.items():
            if not isinstance(r, Flow) or where[r.from_] == where[r.to]:
                continue
            received += (r.amount or 0.0) if where[r.to] == family.id else 0.0
            paid += (r.amount or 0.0) if where[r.from_] == family.id else 0.0
        assert family.lines[0].startswith(f"{len(family.members)} members · ")
        assert f"receive {_k(received)} · pay {_k(paid)}" in family.lines


def test_a_grouped_edge_says_between_whom_in_its_tooltip() -> None:
    ges, scene = _group(30), _scene(30)
    where = _where(scene)
    for e in scene.edges:
        lines = e.tooltip.split("\n")
        assert len(lines) == len(e.label.split("\n"))
        pairs = {(r.from_, r.to) for r in ges.relations.values() if isinstance(r, Flow)
                 and (where[r.from_], where[r.to]) == (e.source, e.target)}  # fmt: skip
        for a, b in pairs:
            assert f"{ges.entity(a).name} → {ges.entity(b).name}" in e.tooltip


def test_free_flows_stay_free() -> None:
    scene = _scene(30)
    assert any("locaux · gratuit" in e.label for e in scene.edges)


def test_flows_within_a_family_are_on_its_node() -> None:
    data = _fan(DETAIL_MOST + 2)
    data["relations"].append({"type": "flow", "kind": "service", "from": "f00", "to": "f01",
                              "amount": 7000})  # fmt: skip
    data["relations"].append({"type": "flow", "kind": "premises", "from": "f01", "to": "f02",
                              "basis": "free"})  # fmt: skip
    scene = build_scene(GES.from_data(data), view="flows")
    (family,) = [n for n in scene.nodes if n.members]
    assert family.within == 7000
    text = "\n".join(family.lines).replace("\xa0", " ")
    assert "entre eux · prestation · 7 k€" in text
    assert "entre eux · locaux · gratuit" in text
    assert all(e.source != e.target for e in scene.edges)


# -- both engines, languages, findings, order --------------------------------------------------


def test_the_drawing_says_it_in_english() -> None:
    scene = _scene(60, "en")
    assert scene.title.splitlines()[1] == (
        "flows grouped by family of members; the detail is in the flows matrix"
    )
    assert any(line.startswith("under ") for n in scene.nodes for line in n.lines)


def test_graphviz_writes_the_families_and_the_note() -> None:
    source = scene_to_dot(_scene(100))
    assert "flux regroupés par famille de membres" in source
    assert re.search(r'"pole-1\+company" \[label="18 membres', source)


def test_matplotlib_draws_the_families_and_the_note() -> None:
    pytest.importorskip("matplotlib")
    from ges_graph.render.mpl import figure

    fig = figure(_scene(100))
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert any(t.startswith("24 membres · association loi 1901") for t in texts)
    assert "matrice des flux" in fig.axes[0].get_title()


@pytest.mark.parametrize("members", SIZES)
def test_matplotlib_families_are_drawn_roomy(members: int) -> None:
    """The few nodes of several lines read first: their texts larger than the edges' (8 pt,
    7 pt), and no two texts closer than 0.15 inch (they were 0.07 apart, and looked as one:
    « 464 k€rais de siège »)."""
    pytest.importorskip("matplotlib")
    from ges_graph.render.mpl import figure

    scene = _scene(members)
    fig = figure(scene)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    texts = [t for t in fig.axes[0].texts if t.get_text().strip()]
    nodes, edges = texts[: len(scene.nodes)], texts[len(scene.nodes) :]
    assert [t.get_text() for t in nodes] == ["\n".join(n.lines) for n in scene.nodes]
    assert {t.get_fontsize() for t in nodes} == {8.0}
    assert len(edges) >= 8
    assert {t.get_fontsize() for t in edges} == {7.0}
    room = 0.15 * fig.dpi / 2  # pixels round each text
    boxes = [t.get_window_extent(renderer).padded(room) for t in texts]
    assert not [(a, b) for a, b in itertools.combinations(boxes, 2) if a.overlaps(b)]


def test_findings_on_members_mark_their_family() -> None:
    ges = _group(30)

    class Finding:
        rule = "some-rule"
        severity = "warning"
        subjects = ("filiale-3",)

    class Report:
        findings = (Finding(),)

    scene = build_scene(ges, view="flows", report=Report())
    (marked,) = [n for n in scene.nodes if n.marks]
    assert "filiale-3" in marked.members
    assert marked.severity == "warning"
    assert marked.lines[-1] == "⚠ 1"


def test_the_order_of_the_document_changes_nothing() -> None:
    data = realistic_group(60)
    shuffled = {**data, "entities": data["entities"][::-1], "relations": data["relations"][::-1]}
    assert scene_to_dot(build_scene(GES.from_data(shuffled), view="flows")) == scene_to_dot(
        _scene(60)
    )
