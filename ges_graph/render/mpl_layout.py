"""The matplotlib engine's layout: top down, or turned for a diagram drawn left to right.

Ranks come from the scene (the head on top, members below it, wide fans stacked); the order
within each rank from barycentre sweeps over the ranking edges (long edges pass through dummy
points, so that they bend around the rows they cross), and the places along each rank from an
isotonic regression that puts each node as near as possible to its neighbours without overlaps.
Left to right (``LR``, ``RL``), the same layout is computed with each node's width and height
exchanged and then turned a quarter; ``BT`` is ``TB`` upside down. A big structure has two
plans tried (:func:`layered_layout`): what a comb's members hold (an outside investor, a GIE)
beside the comb, or under it, the head's comb then standing beside the deeper subtree of its
holding (:func:`~ges_graph.render.mpl_rows.pillars`); when no direction was asked for, both
top down and left to right, and the plan and direction that print largest are kept. Everything
is sorted and tie-broken by id, so the same group gives the same picture.

Examples:
    >>> from ges_graph.graph import GES
    >>> from ges_graph.render.scene import build_scene
    >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
    ...     {"id": "a", "name": "A", "form": "association"},
    ...     {"id": "b", "name": "B", "form": "sas"}], "relations": [
    ...     {"type": "shareholding", "from": "a", "to": "b", "share": 100}]})
    >>> tb = layered_layout(build_scene(ges))
    >>> tb.centres["a"][1] > tb.centres["b"][1]
    True
    >>> lr = layered_layout(build_scene(ges, direction="LR"))
    >>> lr.centres["a"][0] < lr.centres["b"][0]
    True
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from ges_graph.model import Layer
from ges_graph.render.mpl_comb import (
    ASPECT,
    TRUNK_IN,
    Comb,
    comb_shape,
    find_combs,
    label_extent,
    narrow,
    text_width,
)
from ges_graph.render.mpl_rows import BLOCK as _BLOCK
from ges_graph.render.mpl_rows import NODE_GAP as NODE_GAP  # noqa: PLC0414
from ges_graph.render.mpl_rows import (
    clear_under,
    ordered_rows,
    pillars,
    stagger_last_row,
    unit_chains,
    x_places,
    y_places,
)
from ges_graph.render.mpl_shapes import outline as outline  # noqa: PLC0414
from ges_graph.render.mpl_shapes import patch as patch  # noqa: PLC0414

# outline and patch stay importable from here; their home is ges_graph.render.mpl_shapes.
from ges_graph.render.ranks import layer_ranks
from ges_graph.render.scene import Scene, SceneNode
from ges_graph.render.style import NODE_STYLES

__all__ = [
    "CHAR_WIDTH",
    "EDGE_FONT_SIZE",
    "FONT_SIZE",
    "LINE_HEIGHT",
    "NODE_GAP",
    "RANK_GAP",
    "ROOMY",
    "TIGHT",
    "Layout",
    "Spacing",
    "layered_layout",
    "node_size",
    "spacing",
]

FONT_SIZE = 7.0
"""Node label size in points, at scale 1 (one data unit = one inch): as the edges' texts, so that
no text is smaller than the one that sets the printed scale."""
EDGE_FONT_SIZE = 7.0
CHAR_WIDTH = 0.58 * FONT_SIZE / 72
"""Average character width in inches at ``FONT_SIZE`` (DejaVu Sans, a little generous)."""
LINE_HEIGHT = 1.22 * FONT_SIZE / 72
RANK_GAP = 0.26
"""Least gap between ranks, inches; wider where edge texts must fit between them."""
MAX_RANK_GAP = 1.8
"""Widest gap between ranks (a longer text slides along its edge)."""
SQRT2 = 2**0.5


class Spacing(NamedTuple):
    """How much room a layout gives its texts, inches (the font in points).

    Attributes:
        font: the nodes' text, points (edge texts stay at :data:`EDGE_FONT_SIZE`, the smallest,
            which sets the printed scale).
        pad: room round a node's text, across and along its lines (the outline's margin).
        node_gap: least gap between the nodes of a rank.
        rank_gap: least gap between ranks.
        max_rank_gap: widest gap made between ranks for the texts of the edges across it.
        label_room: what a gap between ranks gives beyond the extent of a text across it.
        text_gap: least room between two edge texts, and between an edge text and a node.
    """

    font: float
    pad: tuple[float, float]
    node_gap: float
    rank_gap: float
    max_rank_gap: float
    label_room: float
    text_gap: float


TIGHT = Spacing(FONT_SIZE, (0.13, 0.08), NODE_GAP, RANK_GAP, MAX_RANK_GAP, 0.14, 0.03)
"""The spacing of a diagram of entities: as compact as keeps every text clear."""
ROOMY = Spacing(8.0, (0.34, 0.2), 0.6, 0.45, 2.6, 0.5, 0.12)
"""The spacing of the flows of families of members (a few nodes of several lines, many texts
between them): larger node texts, wider margins and gaps, so that it reads at a glance."""


def _flows_only(scene: Scene) -> bool:
    return scene.layers == frozenset({Layer.FLOWS})


def spacing(scene: Scene) -> Spacing:
    """:data:`ROOMY` for the flows of families of members (``scene.grouped``), else :data:`TIGHT`.

    Examples:
        >>> from ges_graph.generate import realistic_group
        >>> from ges_graph.graph import GES
        >>> from ges_graph.render.scene import build_scene
        >>> big = GES.from_data(realistic_group(30))
        >>> spacing(build_scene(big, view="flows")) is ROOMY, spacing(build_scene(big)) is TIGHT
        (True, True)
    """
    return ROOMY if scene.grouped else TIGHT


@dataclass(frozen=True)
class Layout:
    """Where everything goes, in inches (y grows upwards; rank 0 is on top).

    Attributes:
        centres: node id -> (x, y) of its centre.
        sizes: node id -> (width, height) of its outline.
        bends: index of a scene edge -> the points a long edge passes through.
        width: extent of the drawing.
        height: extent of the drawing.
        routes: index of a scene edge -> its whole path, from outline to outline, for the
            edges between a holder and the members of its comb.
        spots: index of a scene edge -> where its text goes first (a comb's stub).
        texts: index of a scene edge -> its text as drawn, where it is not the edge's label (on
            a comb's horizontal stubs, broken at its « · »: :func:`~.mpl_comb.narrow`).
    """

    centres: dict[str, tuple[float, float]]
    sizes: dict[str, tuple[float, float]]
    bends: dict[int, tuple[tuple[float, float], ...]]
    width: float
    height: float
    routes: dict[int, tuple[tuple[float, float], ...]] = field(default_factory=dict)
    spots: dict[int, tuple[float, float]] = field(default_factory=dict)
    texts: dict[int, str] = field(default_factory=dict)


def node_size(node: SceneNode, room: Spacing = TIGHT) -> tuple[float, float]:
    """The outline's (width, height) in inches for a node's label at scale 1.

    Examples:
        >>> from ges_graph.graph import GES
        >>> from ges_graph.render.scene import build_scene
        >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
        ...     {"id": "a", "name": "Archipel", "form": "sas"}]})
        >>> node = build_scene(ges).nodes[0]
        >>> w, h = node_size(node)
        >>> all(r > t for r, t in zip(node_size(node, ROOMY), (w, h)))
        True
    """
    w = max(text_width(line, room.font) for line in node.lines) + room.pad[0]
    h = len(node.lines) * LINE_HEIGHT * room.font / FONT_SIZE + room.pad[1]
    shape = NODE_STYLES[node.entity.form.family].shape
    if shape == "ellipse":
        w, h = w * 1.2, h * 1.3
    elif shape in ("hexagon", "octagon"):
        w, h = w + h * 0.5, h * 1.1
    elif shape == "house":  # the text is under the roof, whose sides slant in
        w, h = w + 0.12, h * 1.35
    elif shape == "note":
        w += 0.1
    return max(w, 0.5), max(h, 0.3)


class _Frame(NamedTuple):
    """The ranked graph the layout places: combs' members folded into one block each."""

    rank: dict[str, int]
    pairs: list[tuple[str, str]]
    sizes: dict[str, tuple[float, float]]
    key: dict[str, str]
    combs: dict[str, Comb]


class _Plan(NamedTuple):
    """How the blocks stand: the direction, and where what a comb's members hold hangs.

    ``under``: under the comb, the comb's column kept clear beside a deeper subtree; else
    beside the comb.
    """

    direction: str
    under: bool


ASPECTS = (0.25, 0.4, 0.6, 0.85, 1.2, 1.7, 2.4, 3.5)
"""The shapes tried for the combs (width over height, as drawn), in columns and in rows."""
SHAPES = tuple((a, flat) for flat in (False, True) for a in ASPECTS)
REFINED = 2
"""The plans whose combs' shapes are refined one by one (the best with one shape for all)."""
PLAN_TRIALS = 80
"""The most layouts tried to refine one plan (each takes milliseconds): with the first shapes
(:data:`SHAPES` for each of at most four plans), 224 layouts at most for a scene."""


def layered_layout(
    scene: Scene, frame: Callable[[float], tuple[float, float]] | None = None
) -> Layout:
    """Place a scene's nodes in ranks, in the scene's direction (see the module docstring).

    A scene of flows alone has no comb: its edges run both ways between a holder and its
    members, each with its own text, and could not be told apart on a shared trunk.

    When the scene has combs, their shapes are chosen so that a page (√2 : 1, either way)
    holds the figure at the largest scale: first one shape of :data:`ASPECTS` for all, for each
    plan (what a comb's members hold beside the comb, or under it with the comb's column kept
    clear beside its holder's deeper subtree: :func:`~ges_graph.render.mpl_rows.pillars`; and,
    when the scene's direction was not asked for, top down as well as left to right), then
    each comb's in turn on the :data:`REFINED` best plans, keeping what gains, at most
    :data:`PLAN_TRIALS` layouts a plan. Ties keep the smaller drawing, then the first tried.
    ``frame``: the figure's (width, height) round a drawing of a given width (its margins, title
    and legend); by default, the drawing and an inch for them.
    """
    frame = frame or (lambda width: (0.0, 1.0))
    # Flows run both ways between a holder and its members (fees up, treasury down), each
    # with a text of several lines: on a comb's shared trunk they could not be told apart.
    found = {} if _flows_only(scene) else find_combs(scene)
    if not found:
        return _layout(scene, found, {})
    plans = [_Plan(scene.direction, under) for under in (False, True)]
    if not scene.direction_given and scene.direction in ("TB", "LR"):
        other = "TB" if scene.direction == "LR" else "LR"
        plans += [_Plan(other, under) for under in (False, True)]

    def score(aspects: _Aspects, plan: _Plan) -> _Scored:
        layout = _layout(scene, found, aspects, plan)
        extra_w, extra_h = frame(layout.width)
        need = round(_page_scale(layout.width + extra_w, layout.height + extra_h), 6)
        return need, round(layout.width * layout.height, 6), layout

    starts = []
    for plan in plans:
        shapes = [dict.fromkeys(found, a) for a in SHAPES]
        aspects, first = min(((a, score(a, plan)) for a in shapes), key=lambda t: t[1][:2])
        starts.append((first, plan, aspects))
    starts.sort(key=lambda start: start[0][:2])  # stable: ties keep the first plan
    best = min(
        (_refine(functools.partial(score, plan=plan), aspects, first)
         for first, plan, aspects in starts[:REFINED]),
        key=lambda scored: scored[:2],
    )  # fmt: skip
    return best[2]


_Aspects = dict[str, tuple[float, bool]]
_Scored = tuple[float, float, Layout]


def _refine(score: Callable[[_Aspects], _Scored], aspects: _Aspects, best: _Scored) -> _Scored:
    """Each comb's shape in turn, twice over, keeping what gains; :data:`PLAN_TRIALS` at most."""
    trials = 0
    for _ in range(2):
        for p in aspects:
            for a in SHAPES:
                if trials >= PLAN_TRIALS:
                    return best
                if a == aspects[p]:
                    continue
                trials += 1
                tried = {**aspects, p: a}
                result = score(tried)
                if result[:2] < best[:2]:
                    aspects, best = tried, result
    return best


def _page_scale(width: float, height: float) -> float:
    """How much a drawing must shrink to fit a page of height 1 and width √2, either way.

    Examples:
        >>> round(_page_scale(2.0, 1.0), 3), round(_page_scale(1.0, 2.0), 3)
        (1.414, 1.414)
    """
    return min(max(width / SQRT2, height), max(width, height / SQRT2))


def _layout(
    scene: Scene,
    found: dict[str, tuple[str, ...]],
    aspects: dict[str, tuple[float, bool]],
    plan: _Plan | None = None,
) -> Layout:
    """The layout with combs of this shape, on this plan (see :func:`layered_layout`)."""
    plan = plan or _Plan(scene.direction, under=False)
    across = plan.direction in ("LR", "RL")
    room = spacing(scene)
    sizes = {n.id: node_size(n, room) for n in scene.nodes}
    if across:  # the places along a rank are vertical: lay out on the turned sizes
        sizes = {k: (h, w) for k, (w, h) in sizes.items()}
    frame = _fold(scene, sizes, (across, plan.under), found, aspects)
    rank, boxes = dict(frame.rank), dict(frame.sizes)
    up, down, chains = unit_chains(frame.pairs, rank, boxes)
    depth = 1 + max(rank.values(), default=0)
    widths = {_BLOCK + p: c.width for p, c in frame.combs.items()}
    clear = pillars(frame.pairs, widths, rank, boxes, (up, down), depth) if plan.under else set()
    rows = ordered_rows(rank, depth, up, down)
    hang = {_BLOCK + p: c.width / 2 - TRUNK_IN for p, c in frame.combs.items()}
    gap = room.node_gap * (0.7 if across else 1.0)
    x = x_places(rows, boxes, up, down, gap, hang)
    clear_under(rows, x, boxes, clear, up, gap)
    if plan.under and stagger_last_row(rows, x, boxes, (up, down), clear):
        for n in rows[-1]:
            rank[n] = len(rows) - 1
        x = x_places(rows, boxes, up, down, gap, hang)
        clear_under(rows, x, boxes, clear, up, gap)
    # What hangs from a comb kept clear (a GIE its members belong to) stands beside it: it
    # need not wait for the comb's bottom.
    kept = {up[p][0] for p in clear} - clear
    ties = {n: [u for u in us if n in clear or u not in kept] for n, us in up.items()}
    y = y_places(rows, boxes, _rank_gaps(scene, frame, across, len(rows)), x, ties)
    centres = {n: (x[n], y[n]) for n in x}
    routes, spots, texts = _comb_places(scene, frame, centres, sizes)
    # The drawing's extent: what is drawn (a comb's members, not its block's cells).
    boxes.update(sizes)
    drawn = [(n, c) for n, c in centres.items() if n not in clear]
    xs = [c[0] + k * boxes[n][0] / 2 for n, c in drawn for k in (-1, 1)]
    ys = [c[1] + k * boxes[n][1] / 2 for n, c in drawn for k in (-1, 1)]
    xs += [p[0] for r in routes.values() for p in r]
    ys += [p[1] for r in routes.values() for p in r]
    left, right = min(xs, default=0.0), max(xs, default=0.0)
    low, top = min(ys, default=0.0), max(ys, default=0.0)
    width, height = right - left, top - low
    centres = {n: (cx - left, cy - top) for n, (cx, cy) in centres.items()}
    routes = {i: tuple((px - left, py - top) for px, py in r) for i, r in routes.items()}
    spots = {i: (px - left, py - top) for i, (px, py) in spots.items()}
    turn = _turn(plan.direction, width, height)
    centres = {n: turn(c) for n, c in centres.items()}
    routes = {i: tuple(turn(p) for p in r) for i, r in routes.items()}
    spots = {i: turn(p) for i, p in spots.items()}
    if across:
        sizes = {k: (h, w) for k, (w, h) in sizes.items()}
        width, height = height, width
    bends: dict[int, tuple[tuple[float, float], ...]] = {}
    for i, e in enumerate(scene.edges):
        upper, lower = (e.target, e.source) if e.upward else (e.source, e.target)
        via = chains.get((upper, lower)) if e.constraint and i not in routes else None
        if via:
            points = tuple(centres[d] for d in via)
            bends[i] = tuple(reversed(points)) if e.upward else points
    real = {n.id for n in scene.nodes}
    return Layout(
        centres={n: c for n, c in centres.items() if n in real},
        sizes={n: s for n, s in sizes.items() if n in real},
        bends=bends,
        width=width,
        height=height,
        routes=routes,
        spots=spots,
        texts=texts,
    )


def _fold(
    scene: Scene,
    sizes: dict[str, tuple[float, float]],
    way: tuple[bool, bool],
    found: dict[str, tuple[str, ...]],
    aspects: dict[str, tuple[float, bool]],
) -> _Frame:
    """The ranks of the scene with each comb's members folded into one block under its holder.

    ``way``: whether the diagram is turned (left to right), and whether what a comb's members
    hold ranks under the comb (else beside it, from the comb's holder).
    """
    across, under = way
    labels: dict[str, list[str]] = {p: [] for p in found}
    members = {m: p for p, ms in found.items() for m in ms}
    for e in scene.edges:
        for p, m in ((e.source, e.target), (e.target, e.source)):
            if e.drawn and members.get(m) == p:
                labels[p].append(e.label)
    combs = {
        p: comb_shape(p, ms, sizes, labels[p], across, aspects.get(p, (ASPECT, False)))
        for p, ms in found.items()
    }
    key = {n.id: _BLOCK + members[n.id] if n.id in members else n.id for n in scene.nodes}
    ids = sorted(set(key.values()))
    # What a member holds ranks from the member's holder, beside the comb, or from the comb.
    upper = dict(key) if under else {n: members.get(n, n) for n in key}
    pairs = sorted({(upper[u], key[v]) for u, v in scene.rank_pairs if upper[u] != key[v]})
    boxes = {k: sizes[k] for k in ids if k in sizes}
    boxes.update({_BLOCK + p: (c.width, c.height) for p, c in combs.items()})
    return _Frame(layer_ranks(ids, pairs, scene.head), pairs, boxes, key, combs)


def _rank_gaps(scene: Scene, frame: _Frame, across: bool, depth: int) -> list[float]:
    """The gap under each rank: room for the texts of the edges joining it to the next one.

    Edges into a comb's members are left out: they run on past the comb's side, and their
    texts find room along them.
    """
    room = spacing(scene)
    gaps = [room.rank_gap] * depth
    for e in scene.edges:
        if not (e.drawn and e.label):
            continue
        a, b = frame.key[e.source], frame.key[e.target]
        if a.startswith(_BLOCK) or b.startswith(_BLOCK):
            continue
        ra, rb = frame.rank[a], frame.rank[b]
        if abs(ra - rb) != 1:
            continue
        w, h = label_extent(e.label)
        need = min((w if across else h) + room.label_room, room.max_rank_gap)
        gaps[min(ra, rb)] = max(gaps[min(ra, rb)], need)
    return gaps


def _comb_places(
    scene: Scene,
    frame: _Frame,
    centres: dict[str, tuple[float, float]],
    sizes: dict[str, tuple[float, float]],
) -> tuple[
    dict[int, tuple[tuple[float, float], ...]], dict[int, tuple[float, float]], dict[int, str]
]:
    """Place the combs' members (in ``centres``); the routes, text spots and texts of their edges.

    The texts are those that differ from the edges' labels: broken at their « · » on
    horizontal stubs (:attr:`~.mpl_comb.Comb.narrow`).
    """
    corner: dict[str, tuple[float, float]] = {}
    for p, comb in frame.combs.items():
        bx, by = centres.pop(_BLOCK + p)
        corner[p] = (bx - comb.width / 2, by + comb.height / 2)
        for m in comb.members:
            centres[m] = comb.member_centre(m, corner[p], sizes[m])
    routes: dict[int, tuple[tuple[float, float], ...]] = {}
    spots: dict[int, tuple[float, float]] = {}
    texts: dict[int, str] = {}
    for i, e in enumerate(scene.edges):
        for p, m, back in ((e.source, e.target, False), (e.target, e.source, True)):
            holder = frame.combs.get(p)
            if holder is None or m not in holder.index:
                continue
            px, py = centres[p]
            path, spots[i] = holder.route(m, corner[p], (px, py - sizes[p][1] / 2), sizes[m])
            routes[i] = tuple(reversed(path)) if back else path
            if holder.narrow and narrow(e.label) != e.label:
                texts[i] = narrow(e.label)
    return routes, spots, texts


def _turn(
    direction: str, width: float, height: float
) -> Callable[[tuple[float, float]], tuple[float, float]]:
    """How a point of the top-down layout moves for ``direction``.

    The top-down layout spans x from 0 to ``width`` and y from 0 down to ``-height``: it is
    kept (TB), mirrored (BT) or turned (LR, RL).
    """
    if direction == "BT":
        return lambda p: (p[0], -height - p[1])
    if direction == "LR":
        return lambda p: (-p[1], -p[0])
    if direction == "RL":
        return lambda p: (height + p[1], -p[0])
    return lambda p: p
