"""The matplotlib engine's own layout (issue 12): combs for wide fans, texts on their edges,
the legend under the drawing, and placing that stays bounded whatever the drawing."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import Any

import pytest

from ges_graph.generate import realistic_group
from ges_graph.graph import GES
from ges_graph.render import mpl
from ges_graph.render.mpl_comb import find_combs
from ges_graph.render.mpl_labels import MAX_TRIALS, Placer
from ges_graph.render.mpl_layout import layered_layout
from ges_graph.render.scene import build_scene

pytest.importorskip("matplotlib")


def _holding(subsidiaries: int) -> GES:
    entities = [
        {"id": "tete", "name": "Association Tremplin", "form": "association"},
        {"id": "h", "name": "Tremplin Développement", "form": "sas"},
        *({"id": f"s{i:02}", "name": f"Tremplin Filiale {i}", "form": "sarl"}
          for i in range(subsidiaries)),
    ]  # fmt: skip
    relations = [
        {"type": "shareholding", "from": "tete", "to": "h", "share": 100},
        *({"type": "shareholding", "from": "h", "to": f"s{i:02}", "share": 90 + i % 2 * 10}
          for i in range(subsidiaries)),
        *({"type": "flow", "from": f"s{i:02}", "to": "h", "kind": "management_fee",
           "amount": 1000 * (i + 1)} for i in range(subsidiaries)),
    ]  # fmt: skip
    return GES.from_data(
        {"format": "ges-graph/1", "name": "G", "entities": entities, "relations": relations}
    )


def test_the_flows_of_a_wide_fan_each_take_their_own_line() -> None:
    """Fees up and treasury down would share a comb's trunk: a flows view makes no comb."""
    ges = _holding(20)
    assert layered_layout(build_scene(ges)).routes  # the structure stacks the fan in a comb
    scene = build_scene(ges, view="flows")
    assert len([e for e in scene.edges if e.drawn]) == 20
    layout = layered_layout(scene)
    assert layout.routes == {}
    assert len({layout.centres[f"s{i:02}"] for i in range(20)}) == 20


@pytest.mark.parametrize("direction", ["TB", "LR"])
def test_a_wide_fan_is_stacked_in_a_few_columns_under_its_holder(direction: str) -> None:
    scene = build_scene(_holding(20), direction=direction)
    assert find_combs(scene) == {"h": tuple(f"s{i:02}" for i in range(20))}
    layout = layered_layout(scene)
    members = [layout.centres[f"s{i:02}"] for i in range(20)]
    # Neither one row nor one column: a block of a few of each.
    assert 2 <= len({round(x, 3) for x, _ in members}) <= 10
    assert 2 <= len({round(y, 3) for _, y in members}) <= 10
    # Every member is below (top down) or right of (left to right) its holder.
    hx, hy = layout.centres["h"]
    if direction == "TB":
        assert all(y < hy for _, y in members)
    else:
        assert all(x > hx for x, _ in members)
    # Each member's edge follows its route into the member's outline.
    for i, e in enumerate(scene.edges):
        if e.drawn and e.source == "h":
            end = layout.routes[i][-1]
            (x, y), (w, h) = layout.centres[e.target], layout.sizes[e.target]
            assert abs(end[0] - x) <= w / 2 + 1e-6
            assert abs(end[1] - y) <= h / 2 + 1e-6


def test_texts_sit_on_their_own_part_of_the_edge_never_at_the_arrowhead() -> None:
    scene = build_scene(_holding(12), direction="TB")
    fig = mpl.figure(scene)
    layout = layered_layout(scene)
    # Node texts first, then one text per labelled edge, in the scene's order.
    edge_texts = iter(fig.axes[0].texts[len(scene.nodes) :])
    checked = 0
    for i, e in enumerate(scene.edges):
        if not (e.drawn and e.label):
            continue
        text = next(edge_texts)
        assert text.get_text() == e.label
        if e.source != "h" or e.target == "tete":
            continue
        (x0, y0), (x1, y1) = layout.routes[i][-2:]  # the stub: the edge's own segment
        x, y = text.get_position()
        assert y == pytest.approx(y0) == y1
        assert x0 < x < x1 - 0.05
        checked += 1
    assert checked == 12


def test_the_legend_is_under_the_drawing_and_does_not_set_the_width() -> None:
    scene = build_scene(_holding(20), direction="TB")
    fig = mpl.figure(scene)
    layout = layered_layout(scene)
    assert fig.get_size_inches()[0] == pytest.approx(layout.width + 2 * mpl.MARGIN)
    fig.canvas.draw()
    legend = fig.axes[0].get_legend().get_window_extent()
    axes = fig.axes[0].get_window_extent()
    assert legend.y1 <= axes.y0 + 1
    assert legend.width <= axes.width
    assert fig.axes[0].get_legend()._ncols > 1


def test_placing_texts_is_bounded_by_counting(monkeypatch: pytest.MonkeyPatch) -> None:
    # Issue 15: 600 relations among 25 entities, each text tried at a bounded number of spots.
    n = 25
    entities = [{"id": f"e{i}", "name": f"E{i}", "form": "association"} for i in range(n)]
    relations = [
        {"type": "membership", "from": f"e{i}", "to": f"e{j}"}
        for i, j in itertools.permutations(range(n), 2)
    ]
    ges = GES.from_data(
        {"format": "ges-graph/1", "name": "G", "entities": entities, "relations": relations}
    )
    made: list[Placer] = []

    class Counting(Placer):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            made.append(self)

    monkeypatch.setattr(mpl, "Placer", Counting)
    scene = build_scene(ges)
    labelled = sum(1 for e in scene.edges if e.drawn and e.label)
    assert labelled == n * (n - 1)
    mpl.figure(scene)
    assert len(made) == 1
    assert 0 < made[0].trials <= MAX_TRIALS * labelled
    # One more relation and the engine refuses, before laying anything out.
    monkeypatch.setattr(mpl, "MAX_EDGES", len(scene.edges) - 1)
    with pytest.raises(mpl.RenderError, match="graphviz"):
        mpl.figure(scene)
    assert len(made) == 1


def test_an_asked_direction_is_kept_and_the_default_one_may_turn() -> None:
    ges = GES.from_data(realistic_group(30))
    default = build_scene(ges)
    asked = build_scene(ges, direction=default.direction)
    assert default.direction == "LR"
    assert not default.direction_given
    assert asked.direction_given
    others = [n.id for n in asked.nodes if n.rank > 0]
    kept = layered_layout(asked).centres
    assert all(kept[n][0] > kept["tete"][0] for n in others)  # left to right, as asked
    turned = layered_layout(default).centres  # top down prints larger
    assert all(turned[n][1] < turned["tete"][1] for n in others)


def test_the_head_s_comb_stands_beside_the_subtree_of_its_holding() -> None:
    scene = build_scene(GES.from_data(realistic_group(100)))
    combs = find_combs(scene)
    layout = layered_layout(scene)
    assert all(layout.centres[p][1] < layout.centres["holding"][1] for p in combs if p != "tete")

    def span(ids: Iterable[str]) -> tuple[float, float]:
        ends = [layout.centres[n][0] + k * layout.sizes[n][0] / 2 for n in ids for k in (-1, 1)]
        return min(ends), max(ends)

    sisters = span(combs["tete"])
    subsidiaries = span(m for p, ms in combs.items() if p != "tete" for m in ms)
    assert sisters[1] < subsidiaries[0]  # side by side: none under another
    paper = max(layout.width / 2**0.5, layout.height), max(layout.width, layout.height / 2**0.5)
    assert min(paper) < 11.7  # inches: A3's short side holds it
