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
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias

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

FONT_SIZE = 8.0
"""Node label size in points, at scale 1 (one data unit = one inch)."""
EDGE_FONT_SIZE = 7.0
CHAR_WIDTH = 0.60 * FONT_SIZE / 72
"""Average character width in inches at ``FONT_SIZE`` (DejaVu Sans, a little generous)."""
LINE_HEIGHT = 1.3 * FONT_SIZE / 72
NODE_GAP = 0.45
"""Horizontal gap between nodes of a rank, inches."""
RANK_GAP = 0.75
"""Vertical gap between ranks, inches."""
SWEEPS = 12


@dataclass(frozen=True)
class Layout:
    """Where everything goes, in inches (y grows upwards; rank 0 is on top).

    Attributes:
        centres: node id -> (x, y) of its centre.
        sizes: node id -> (width, height) of its outline.
        bends: index of a scene edge -> the points a long edge passes through.
        width: extent of the drawing.
        height: extent of the drawing.
    """

    centres: dict[str, tuple[float, float]]
    sizes: dict[str, tuple[float, float]]
    bends: dict[int, tuple[tuple[float, float], ...]]
    width: float
    height: float


def node_size(node: SceneNode) -> tuple[float, float]:
    """The outline's (width, height) in inches for a node's label at scale 1."""
    longest = max(len(line) for line in node.lines)
    w = longest * CHAR_WIDTH + 0.2
    h = len(node.lines) * LINE_HEIGHT + 0.14
    shape = NODE_STYLES[node.entity.form.family].shape
    if shape == "ellipse":
        w, h = w * 1.25, h * 1.35
    elif shape in ("hexagon", "octagon"):
        w, h = w + h * 0.6, h * 1.15
    elif shape == "house":
        h *= 1.4
    elif shape == "note":
        w += 0.12
    return max(w, 0.6), max(h, 0.35)


def layered_layout(scene: Scene) -> Layout:
    """Place a scene's nodes in ranks, in the scene's direction (see the module docstring)."""
    across = scene.direction in ("LR", "RL")
    sizes = {n.id: node_size(n) for n in scene.nodes}
    if across:  # the places along a rank are vertical: lay out on the turned sizes
        sizes = {k: (h, w) for k, (w, h) in sizes.items()}
    rank = {n.id: n.rank for n in scene.nodes}
    up, down, chains = _unit_chains(scene, rank, sizes)
    rows = _ordered_rows(rank, scene.depth, up, down)
    x = _x_places(rows, sizes, up, down)
    y, top = _y_places(rows, sizes)
    xs = [x[n] - sizes[n][0] / 2 for n in x] + [x[n] + sizes[n][0] / 2 for n in x]
    shift = -min(xs, default=0.0)
    centres = {n: (x[n] + shift, y[n]) for n in x}
    width = max(xs, default=0.0) - min(xs, default=0.0)
    height = -top - RANK_GAP if rows else 0.0
    turn = _turn(scene.direction, width, height)
    centres = {n: turn(c) for n, c in centres.items()}
    if across:
        sizes = {k: (h, w) for k, (w, h) in sizes.items()}
        width, height = height, width
    bends: dict[int, tuple[tuple[float, float], ...]] = {}
    for i, e in enumerate(scene.edges):
        upper, lower = (e.target, e.source) if e.upward else (e.source, e.target)
        via = chains.get((upper, lower)) if e.constraint else None
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
    )


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
    scene: Scene, rank: dict[str, int], sizes: dict[str, tuple[float, float]]
) -> tuple[_Neighbours, _Neighbours, dict[tuple[str, str], list[str]]]:
    """Ranking edges as chains of unit length through dummy nodes (added to ``rank``, ``sizes``).

    Returns the neighbours above and below each node, and the dummies of each ranking edge.
    """
    up: _Neighbours = {n.id: [] for n in scene.nodes}
    down: _Neighbours = {n.id: [] for n in scene.nodes}
    chains: dict[tuple[str, str], list[str]] = {}
    for u, v in scene.rank_pairs:
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
) -> dict[str, float]:
    """Horizontal places: start packed, then pull each node towards its neighbours."""
    x: dict[str, float] = {}
    for row in rows:
        left = 0.0
        for node in row:
            w = sizes[node][0]
            x[node] = left + w / 2
            left += w + NODE_GAP
    # Sweeps go down then up, each row moving towards the mean of all its neighbours.
    for it in range(8):
        for row in rows[1:] if it % 2 == 0 else list(reversed(rows[:-1])):
            wanted = []
            for node in row:
                ns = up[node] + down[node]
                wanted.append(sum(x[m] for m in ns) / len(ns) if ns else x[node])
            for node, value in zip(row, _place(row, wanted, sizes), strict=True):
                x[node] = value
    return x


def _y_places(
    rows: list[list[str]], sizes: dict[str, tuple[float, float]]
) -> tuple[dict[str, float], float]:
    """Vertical places, rows stacked by their tallest node; and the bottom of the last row."""
    heights = [max((sizes[n][1] for n in row), default=0.35) for row in rows]
    y: dict[str, float] = {}
    top = 0.0
    for row, h in zip(rows, heights, strict=True):
        for node in row:
            y[node] = top - h / 2
        top -= h + RANK_GAP
    return y, top


def _place(
    row: Sequence[str], wanted: Sequence[float], sizes: dict[str, tuple[float, float]]
) -> list[float]:
    """Positions as near as possible to ``wanted`` (least squares), keeping order and gaps.

    With ``offset[i]`` the least distance from the first node's centre to node i's, the problem
    in ``z = x - offset`` is an isotonic regression, solved by pooling adjacent violators.
    """
    offsets = [0.0]
    for a, b in itertools.pairwise(row):
        offsets.append(offsets[-1] + (sizes[a][0] + sizes[b][0]) / 2 + NODE_GAP)
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
