"""The matplotlib engine's layout: top down, or turned for a diagram drawn left to right.

Ranks come from the scene (the head on top, members below it, wide fans stacked); the order
within each rank from barycentre sweeps over the ranking edges (long edges pass through dummy
points, so that they bend around the rows they cross), and the places along each rank from an
isotonic regression that puts each node as near as possible to its neighbours without overlaps.
Left to right (``LR``, ``RL``), the same layout is computed with each node's width and height
exchanged and then turned a quarter; ``BT`` is ``TB`` upside down. Everything is sorted and
tie-broken by id, so the same group gives the same picture.

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

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple, TypeAlias

from ges_graph.render.mpl_comb import (
    ARROW_ROOM,
    ASPECT,
    TRUNK_IN,
    Comb,
    comb_shape,
    find_combs,
    label_extent,
)
from ges_graph.render.ranks import layer_ranks
from ges_graph.render.scene import Scene, SceneNode
from ges_graph.render.style import NODE_STYLES

if TYPE_CHECKING:
    from matplotlib.patches import Patch

__all__ = [
    "CHAR_WIDTH",
    "EDGE_FONT_SIZE",
    "FONT_SIZE",
    "LINE_HEIGHT",
    "NODE_GAP",
    "RANK_GAP",
    "Layout",
    "layered_layout",
    "node_size",
    "outline",
    "patch",
]

FONT_SIZE = 7.0
"""Node label size in points, at scale 1 (one data unit = one inch): as the edges' texts, so that
no text is smaller than the one that sets the printed scale."""
EDGE_FONT_SIZE = 7.0
CHAR_WIDTH = 0.58 * FONT_SIZE / 72
"""Average character width in inches at ``FONT_SIZE`` (DejaVu Sans, a little generous)."""
LINE_HEIGHT = 1.22 * FONT_SIZE / 72
NODE_GAP = 0.3
"""Gap between nodes of a rank, inches (across the ranks: horizontal top down)."""
RANK_GAP = 0.3
"""Least gap between ranks, inches; wider where edge texts must fit between them."""
MAX_RANK_GAP = 1.8
"""Widest gap between ranks (a longer text slides along its edge)."""
SWEEPS = 12
SQRT2 = 2**0.5
_BLOCK = "\x01"
"""Prefix of the id of a comb's block in the ranks."""


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
    """

    centres: dict[str, tuple[float, float]]
    sizes: dict[str, tuple[float, float]]
    bends: dict[int, tuple[tuple[float, float], ...]]
    width: float
    height: float
    routes: dict[int, tuple[tuple[float, float], ...]] = field(default_factory=dict)
    spots: dict[int, tuple[float, float]] = field(default_factory=dict)


def node_size(node: SceneNode) -> tuple[float, float]:
    """The outline's (width, height) in inches for a node's label at scale 1."""
    longest = max(len(line) for line in node.lines)
    w = longest * CHAR_WIDTH + 0.16
    h = len(node.lines) * LINE_HEIGHT + 0.1
    shape = NODE_STYLES[node.entity.form.family].shape
    if shape == "ellipse":
        w, h = w * 1.2, h * 1.3
    elif shape in ("hexagon", "octagon"):
        w, h = w + h * 0.5, h * 1.1
    elif shape == "house":
        h *= 1.35
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


ASPECTS = (0.35, 0.6, 1.0, 1.45, 2.2, 3.5)
"""The shapes tried for the combs (width over height, as drawn): the layout kept is the one
that fits a page (√2 : 1, either way) at the largest scale."""


def layered_layout(scene: Scene) -> Layout:
    """Place a scene's nodes in ranks, in the scene's direction (see the module docstring).

    When the scene has combs, each shape of :data:`ASPECTS` is tried for them and the layout
    that a page holds at the largest scale is kept (the first of equals).
    """
    found = find_combs(scene)
    if not found:
        return _layout(scene, found, ASPECT)
    best: tuple[float, float, Layout] | None = None
    for aspect in ASPECTS:
        layout = _layout(scene, found, aspect)
        # The title and the legend add about an inch to the height.
        need = round(_page_scale(layout.width, layout.height + 1.0), 6)
        area = layout.width * layout.height
        if best is None or (need, area) < best[:2]:
            best = (need, area, layout)
    assert best is not None
    return best[2]


def _page_scale(width: float, height: float) -> float:
    """How much a drawing must shrink to fit a page of height 1 and width √2, either way.

    Examples:
        >>> round(_page_scale(2.0, 1.0), 3), round(_page_scale(1.0, 2.0), 3)
        (1.414, 1.414)
    """
    return min(max(width / SQRT2, height), max(width, height / SQRT2))


def _layout(scene: Scene, found: dict[str, tuple[str, ...]], aspect: float) -> Layout:
    """The layout with combs of this shape (see :func:`layered_layout`)."""
    across = scene.direction in ("LR", "RL")
    sizes = {n.id: node_size(n) for n in scene.nodes}
    if across:  # the places along a rank are vertical: lay out on the turned sizes
        sizes = {k: (h, w) for k, (w, h) in sizes.items()}
    frame = _fold(scene, sizes, across, found, aspect)
    rank, boxes = dict(frame.rank), dict(frame.sizes)
    up, down, chains = _unit_chains(frame.pairs, rank, boxes)
    rows = _ordered_rows(rank, 1 + max(rank.values(), default=0), up, down)
    hang = {_BLOCK + p: c.width / 2 - TRUNK_IN for p, c in frame.combs.items()}
    x = _x_places(rows, boxes, up, down, NODE_GAP * (0.7 if across else 1.0), hang)
    y, bottom = _y_places(rows, boxes, _rank_gaps(scene, frame, across, len(rows)), x, up)
    xs = [x[n] - boxes[n][0] / 2 for n in x] + [x[n] + boxes[n][0] / 2 for n in x]
    shift = -min(xs, default=0.0)
    centres = {n: (x[n] + shift, y[n]) for n in x}
    width = max(xs, default=0.0) - min(xs, default=0.0)
    height = -bottom if rows else 0.0
    routes, spots = _comb_places(scene, frame, centres, sizes)
    turn = _turn(scene.direction, width, height)
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
    )


def _fold(
    scene: Scene,
    sizes: dict[str, tuple[float, float]],
    across: bool,
    found: dict[str, tuple[str, ...]],
    aspect: float,
) -> _Frame:
    """The ranks of the scene with each comb's members folded into one block under its holder."""
    labels: dict[str, list[str]] = {p: [] for p in found}
    members = {m: p for p, ms in found.items() for m in ms}
    for e in scene.edges:
        for p, m in ((e.source, e.target), (e.target, e.source)):
            if e.drawn and members.get(m) == p:
                labels[p].append(e.label)
    combs = {p: comb_shape(p, ms, sizes, labels[p], across, aspect) for p, ms in found.items()}
    key = {n.id: _BLOCK + members[n.id] if n.id in members else n.id for n in scene.nodes}
    ids = sorted(set(key.values()))
    pairs = sorted({(key[u], key[v]) for u, v in scene.rank_pairs if key[u] != key[v]})
    boxes = {k: sizes[k] for k in ids if k in sizes}
    boxes.update({_BLOCK + p: (c.width, c.height) for p, c in combs.items()})
    return _Frame(layer_ranks(ids, pairs, scene.head), pairs, boxes, key, combs)


def _rank_gaps(scene: Scene, frame: _Frame, across: bool, depth: int) -> list[float]:
    """The gap under each rank: room for the texts of the edges joining it to the next one."""
    gaps = [RANK_GAP] * depth
    for e in scene.edges:
        if not (e.drawn and e.label):
            continue
        a, b = frame.key[e.source], frame.key[e.target]
        if (a.startswith(_BLOCK) and b.startswith(_BLOCK)) or a == b:
            continue
        ra, rb = frame.rank[a], frame.rank[b]
        if abs(ra - rb) != 1 or _BLOCK + e.source == b or _BLOCK + e.target == a:
            continue
        w, h = label_extent(e.label)
        need = min((w if across else h) + 0.2, MAX_RANK_GAP)
        gaps[min(ra, rb)] = max(gaps[min(ra, rb)], need)
    return gaps


def _comb_places(
    scene: Scene,
    frame: _Frame,
    centres: dict[str, tuple[float, float]],
    sizes: dict[str, tuple[float, float]],
) -> tuple[dict[int, tuple[tuple[float, float], ...]], dict[int, tuple[float, float]]]:
    """Place the combs' members (in ``centres``); the routes and text spots of their edges."""
    corner: dict[str, tuple[float, float]] = {}
    for p, comb in frame.combs.items():
        bx, by = centres.pop(_BLOCK + p)
        corner[p] = (bx - comb.width / 2, by + comb.height / 2)
        for m in comb.members:
            centres[m] = comb.member_centre(m, corner[p], sizes[m][0])
    routes: dict[int, tuple[tuple[float, float], ...]] = {}
    spots: dict[int, tuple[float, float]] = {}
    for i, e in enumerate(scene.edges):
        for p, m, back in ((e.source, e.target, False), (e.target, e.source, True)):
            holder = frame.combs.get(p)
            if holder is None or m not in holder.members:
                continue
            px, py = centres[p]
            exit_ = (px, py - sizes[p][1] / 2)
            path = holder.route(m, corner[p], exit_, sizes[m][0])
            routes[i] = tuple(reversed(path)) if back else path
            trunk = path[-2][0]
            spots[i] = (trunk + 0.04 + (holder.stub - ARROW_ROOM) / 2, path[-1][1])
    return routes, spots


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


_Neighbours: TypeAlias = dict[str, list[str]]


def _unit_chains(
    pairs: Sequence[tuple[str, str]], rank: dict[str, int], sizes: dict[str, tuple[float, float]]
) -> tuple[_Neighbours, _Neighbours, dict[tuple[str, str], list[str]]]:
    """Ranking pairs as chains of unit length through dummy nodes (added to ``rank``, ``sizes``).

    Returns the neighbours above and below each node, and the dummies of each ranking pair.
    """
    up: _Neighbours = {n: [] for n in rank}
    down: _Neighbours = {n: [] for n in rank}
    chains: dict[tuple[str, str], list[str]] = {}
    for u, v in pairs:
        prev = u
        chain = []
        for r in range(rank[u] + 1, rank[v]):
            d = f"\x00{u}\x00{v}\x00{r}"
            rank[d] = r
            up[d], down[d] = [], []
            sizes[d] = (0.05, 0.05)
            chain.append(d)
            down[prev].append(d)
            up[d].append(prev)
            prev = d
        down[prev].append(v)
        up[v].append(prev)
        chains[(u, v)] = chain
    return up, down, chains


def _ordered_rows(
    rank: dict[str, int], depth: int, up: _Neighbours, down: _Neighbours
) -> list[list[str]]:
    """The nodes of each rank, ordered by barycentre sweeps to reduce crossings."""
    rows: list[list[str]] = [[] for _ in range(depth)]
    for node in sorted(rank, key=lambda k: (k.startswith("\x00"), k)):
        rows[rank[node]].append(node)
    pos = {node: float(i) for row in rows for i, node in enumerate(row)}

    def sweep(row: list[str], neighbours: _Neighbours) -> None:
        def key(node: str) -> tuple[float, str]:
            ns = neighbours[node]
            bary = sum(pos[m] for m in ns) / len(ns) if ns else pos[node]
            return (bary, node)

        row.sort(key=key)
        for i, node in enumerate(row):
            pos[node] = float(i)

    for it in range(SWEEPS):
        if it % 2 == 0:
            for row in rows[1:]:
                sweep(row, up)
        else:
            for row in reversed(rows[:-1]):
                sweep(row, down)
    return rows


def _x_places(
    rows: list[list[str]],
    sizes: dict[str, tuple[float, float]],
    up: _Neighbours,
    down: _Neighbours,
    gap: float,
    hang: dict[str, float] | None = None,
) -> dict[str, float]:
    """Horizontal places: start packed, then pull each node towards its neighbours.

    ``hang``: for a comb's block, how far right of its holder's centre its centre goes (so
    that its first trunk drops from under the holder, and the block spreads away from it).
    """
    hang = hang or {}
    x: dict[str, float] = {}
    for row in rows:
        left = 0.0
        for node in row:
            w = sizes[node][0]
            x[node] = left + w / 2
            left += w + gap
    # Sweeps go down then up, each row moving towards the mean of all its neighbours.
    for it in range(8):
        for row in rows[1:] if it % 2 == 0 else list(reversed(rows[:-1])):
            wanted = []
            for node in row:
                ns = up[node] + down[node]
                pulls = [x[m] + hang.get(node, 0.0) * (m in up[node]) - hang.get(m, 0.0) * (
                    m in down[node]) for m in ns]  # fmt: skip
                wanted.append(sum(pulls) / len(pulls) if ns else x[node])
            for node, value in zip(row, _place(row, wanted, sizes, gap), strict=True):
                x[node] = value
    return x


def _y_places(
    rows: list[list[str]],
    sizes: dict[str, tuple[float, float]],
    gaps: Sequence[float],
    x: dict[str, float],
    up: _Neighbours,
) -> tuple[dict[str, float], float]:
    """Vertical places, rank by rank, each node as high as it may go; and the lowest bottom.

    A node hangs ``gaps[r]`` under the nodes of rank r above it that it is tied to or that it
    would otherwise meet (their spans across overlap): not under a whole rank, so that a comb
    under a small holder does not wait for a tall block beside it. Ranks stay in order along
    each edge.
    """
    rank_of = {n: r for r, row in enumerate(rows) for n in row}
    y: dict[str, float] = {}
    bottom: dict[str, float] = {}
    placed: list[tuple[float, float, str]] = []  # left, right, node
    for row in rows:
        for node in row:
            w, h = sizes[node]
            left, right = x[node] - w / 2, x[node] + w / 2
            top = 0.0
            for u in up[node]:
                top = min(top, bottom[u] - gaps[rank_of[u]])
            for u_left, u_right, u in placed:
                if u_left < right + NODE_GAP / 2 and left < u_right + NODE_GAP / 2:
                    top = min(top, bottom[u] - gaps[rank_of[u]])
            y[node] = top - h / 2
            bottom[node] = top - h
        placed.extend((x[n] - sizes[n][0] / 2, x[n] + sizes[n][0] / 2, n) for n in row)
    return y, min(bottom.values(), default=0.0)


def _place(
    row: Sequence[str],
    wanted: Sequence[float],
    sizes: dict[str, tuple[float, float]],
    gap: float = NODE_GAP,
) -> list[float]:
    """Positions as near as possible to ``wanted`` (least squares), keeping order and gaps.

    With ``offset[i]`` the least distance from the first node's centre to node i's, the problem
    in ``z = x - offset`` is an isotonic regression, solved by pooling adjacent violators.
    """
    offsets = [0.0]
    for a, b in itertools.pairwise(row):
        offsets.append(offsets[-1] + (sizes[a][0] + sizes[b][0]) / 2 + gap)
    blocks: list[list[float]] = []  # [mean, count]
    for target, off in zip(wanted, offsets, strict=True):
        blocks.append([target - off, 1.0])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            m2, c2 = blocks.pop()
            m1, c1 = blocks.pop()
            blocks.append([(m1 * c1 + m2 * c2) / (c1 + c2), c1 + c2])
    z: list[float] = []
    for mean, count in blocks:
        z.extend([mean] * int(count))
    return [zi + off for zi, off in zip(z, offsets, strict=True)]


def outline(shape: str, x: float, y: float, w: float, h: float) -> list[tuple[float, float]]:
    """The polygon of a shape centred on (x, y) (not for ellipses)."""
    lft, r, b, t = x - w / 2, x + w / 2, y - h / 2, y + h / 2
    if shape == "hexagon":
        c = min(h / 2, w / 4)
        return [(lft, y), (lft + c, b), (r - c, b), (r, y), (r - c, t), (lft + c, t)]
    if shape == "octagon":
        c = min(h, w) * 0.29
        return [
            (lft, b + c),
            (lft + c, b),
            (r - c, b),
            (r, b + c),
            (r, t - c),
            (r - c, t),
            (lft + c, t),
            (lft, t - c),
        ]
    if shape == "house":
        roof = h * 0.3
        return [(lft, b), (r, b), (r, t - roof), (x, t), (lft, t - roof)]
    if shape == "note":
        c = min(h, w) * 0.25
        return [(lft, b), (r, b), (r, t - c), (r - c, t), (lft, t)]
    return [(lft, b), (r, b), (r, t), (lft, t)]


def patch(shape: str, rounded: bool, x: float, y: float, w: float, h: float, **kw: Any) -> Patch:
    """A matplotlib patch of a node's outline, centred on (x, y), ``w`` by ``h`` inches."""
    from matplotlib.patches import Ellipse, FancyBboxPatch, Polygon  # noqa: PLC0415

    if shape == "ellipse":
        return Ellipse((x, y), w, h, **kw)
    if rounded:
        pad = min(w, h) * 0.2
        return FancyBboxPatch(
            (x - w / 2 + pad, y - h / 2 + pad),
            w - 2 * pad,
            h - 2 * pad,
            boxstyle=f"round,pad={pad}",
            **kw,
        )
    return Polygon(outline(shape, x, y, w, h), closed=True, **kw)
