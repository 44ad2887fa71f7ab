"""The places of a big structure drawn left to right: ranks, and the order top to bottom.

From :data:`PLANNED` entities, ``dot``'s own ordering leaves a big structure's outside minority
holders and its GIE of means with dozens of crossing lines: each investor holds subsidiaries
of two or three sector holdings, the GIE's members sit all over the group (84 crossing pairs
of 129 edges at 100 members). :func:`plan_blocks` places them itself, and ``dot`` is told the
order of every holder's lines (``ordering=out``, see :mod:`ges_graph.render.dot`):

- the **tree**: each entity held (or federated) by one holder only hangs under it; a holder's
  fan of leaves is stacked over as few columns of about ``most`` as hold it; the entities are
  taken top down in depth-first order, so that no two fans of the tree cross;
- the **shared** entities, tied to several holders (an investor, a GIE of means), are drawn
  after the last of them, at the middle of their holders: an investor in two sector holdings'
  subsidiaries between the two blocks, beside them;
- in a block, the leaves tied to a shared entity whose other holders lie above it are put at
  its top, those tied to one below at its bottom, the others in between, so that each shared
  entity's lines reach its leaves from the gap between two blocks without crossing a fan;
- shared entities whose spans overlap are drawn in successive columns (two a column at most),
  the wider outside, their leaves farther from the gap: nested like arcs of a rainbow, their
  lines cross seldom. A shared entity tied to an inner holder (the head, a holding: a GIE of
  means) is drawn in the last of these columns, above the others: its lines from the inner
  holders run along the top.
- in **lanes** (``plan_blocks(..., lanes=True)``, below :data:`PLANNED` entities when the
  drawing then fits A3 across): a fan's two columns one rank apart, its free leaves dealt
  evenly and alternately over them, the first column of shared entities in the lane between:
  the drawing is shorter, and wider.

Examples:
    >>> pairs = [("t", "a"), ("t", "b")] + [("a", f"a{i}") for i in range(3)]
    >>> pairs += [("b", f"b{i}") for i in range(3)] + [("a0", "x"), ("b2", "x")]
    >>> ids = sorted({n for p in pairs for n in p})
    >>> ranks, order = plan_blocks(ids, pairs, "t", most=2)
    >>> [n for n in order if ranks[n] == 2], ranks["x"]
    (['a1', 'a0', 'b2', 'b0'], 3)
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import NamedTuple

from ges_graph.render.ranks import (
    BLOCK_MOST,
    BLOCKS,
    balanced_children,
    layer_ranks,
    stack_blocks,
)
from ges_graph.render.scene_model import Scene

__all__ = [
    "LANE_FANS",
    "LANE_NODESEP",
    "LANE_RANKS",
    "PER_COLUMN",
    "PLANNED",
    "Blocks",
    "in_blocks",
    "plan_blocks",
]

PLANNED = 80
"""From this many entities, a big structure drawn left to right is placed by
:func:`plan_blocks`. Its columns of shared entities make it wider: below, unless it is planned
in lanes (:data:`LANE_FANS`), the blocks of :func:`~ges_graph.render.ranks.stack_blocks` and
``dot``'s own order keep a drawing that fits A3 upright (a group of 70 members: 294 mm wide at
7 pt, against 391 mm planned), at the price of its crossings (55 pairs of 93 edges, against 6)."""

LANE_FANS = 2
"""At most this many fans stacked over two columns (none over more), a structure of fewer than
:data:`PLANNED` entities is planned in lanes (:func:`plan_blocks`): a group of 60 members fits
A3 across (386 x 292 mm at 7 pt, 7 crossing pairs of 80 edges), where the plan without lanes
is 331 x 353 mm and ``dot``'s own order crosses 36 pairs."""

LANE_RANKS = 7
"""A plan in lanes spanning more ranks (columns) than this is not drawn: a fifth investor, in a
third column of shared entities, makes a group of 61 members 422 x 306 mm at 7 pt."""

LANE_NODESEP = 0.04
"""The gap between two entities of a column in a structure planned in lanes, in inches."""

PER_COLUMN = 2
"""Shared entities whose spans overlap drawn in one column at most: two of them cross once."""


class Blocks(NamedTuple):
    """A structure drawn in blocks: its ranked scene, its planned order, its column gap."""

    scene: Scene
    """The scene, each node on its rank."""
    order: list[str] | None
    """Every entity from top to bottom, when planned: ``dot`` keeps it (``ordering=out``)."""
    nodesep: float | None
    """The gap between two entities of a column, in inches, when the plan sets it."""


def in_blocks(scene: Scene) -> Blocks | None:
    """The scene with its wide fans stacked in blocks, and its planned order if it has one.

    From :data:`~ges_graph.render.ranks.BLOCKS` entities, the structure view drawn left to
    right (or right to left) has each holder's leaves stacked in a block of its own
    (:func:`~ges_graph.render.ranks.stack_blocks`): its fans then lie one under the other
    instead of sharing the columns that have room, where ``dot`` interleaves them. From
    :data:`PLANNED` entities, the places are planned (:func:`plan_blocks`): the shared
    entities (investors, a GIE of means) beside the blocks they are tied to, in columns of
    their own, and the order of every holder's lines given to ``dot`` (the entities top to
    bottom). Below, when at most :data:`LANE_FANS` fans take two columns and none more, and
    the plan in lanes spans fewer than :data:`LANE_RANKS` ranks, they are planned in lanes
    (:func:`plan_blocks` with ``lanes``: shorter and wider, to fit A3 across), two entities
    of a column :data:`LANE_NODESEP` inch apart. None when the structure is not drawn in
    blocks.
    """
    if scene.view != "structure" or scene.direction not in ("LR", "RL"):
        return None
    if len(scene.nodes) < BLOCKS:
        return None
    ids = [n.id for n in scene.nodes]
    order: list[str] | None = None
    nodesep: float | None = None
    lanes = None
    if len(scene.nodes) < PLANNED and _in_lanes(ids, scene.rank_pairs):
        lanes = plan_blocks(ids, scene.rank_pairs, scene.head, BLOCK_MOST, lanes=True)
    if len(scene.nodes) >= PLANNED:
        rank, order = plan_blocks(ids, scene.rank_pairs, scene.head, BLOCK_MOST)
    elif lanes is not None and max(lanes[0].values()) < LANE_RANKS:
        rank, order = lanes
        nodesep = LANE_NODESEP
    else:
        rank = stack_blocks(layer_ranks(ids, scene.rank_pairs, scene.head), scene.rank_pairs)
    placed = replace(scene, nodes=tuple(n._replace(rank=rank[n.id]) for n in scene.nodes))
    return Blocks(placed, order, nodesep)


def _in_lanes(ids: Sequence[str], pairs: Sequence[tuple[str, str]]) -> bool:
    """Whether a structure is planned in lanes: at most :data:`LANE_FANS` fans of two columns.

    In lanes, a fan of two columns takes three ranks: a third such fan (at 65 members, the
    head's associations) makes the drawing wider than A3.
    """
    preds: dict[str, set[str]] = {i: set() for i in ids}
    succs: dict[str, set[str]] = {i: set() for i in ids}
    for u, v in pairs:
        preds[v].add(u)
        succs[u].add(v)
    fans: dict[str, int] = {}
    for v in ids:  # a leaf of one holder holds nothing but shared entities (investors)
        if len(preds[v]) == 1 and all(len(preds[c]) > 1 for c in succs[v]):
            (u,) = preds[v]
            fans[u] = fans.get(u, 0) + 1
    columns = [c for c in (_columns(n, BLOCK_MOST) for n in fans.values()) if c > 1]
    return 0 < len(columns) <= LANE_FANS and max(columns) == 2


def _columns(leaves: int, most: int) -> int:
    """The columns a fan of ``leaves`` is stacked over, about ``most`` a column."""
    return max(1, (leaves + most // 2) // most)


def plan_blocks(
    ids: Sequence[str],
    pairs: Sequence[tuple[str, str]],
    head: str | None,
    most: int = 10,
    lanes: bool = False,
) -> tuple[dict[str, int], list[str]]:
    """The rank of each entity, and every entity in order from top to bottom.

    Args:
        ids: every entity drawn.
        pairs: the (upper, lower) ranking pairs: a DAG (see
            :func:`~ges_graph.render.ranks.rank_pairs`).
        head: the head of group, first on top.
        most: a column of a holder's block holds at most this many leaves.
        lanes: a fan's columns one rank apart (a lane between them), its free leaves dealt
            alternately over its columns and evenly (the tied ones first column), the
            shared entities of the first column in the lane after it, the others after the
            last column: the lines to a far column run in the lane beside the near one, whose
            leaves sit beside the far ones rather than above them, and their labels in the
            lane, not among the near leaves; the drawing is shorter, two ranks wider.

    Examples:
        >>> pairs = [("t", "a")] + [("a", f"a{i}") for i in range(6)] + [("a0", "x"), ("t", "x")]
        >>> ids = sorted({n for p in pairs for n in p})
        >>> ranks, order = plan_blocks(ids, pairs, "t", most=3, lanes=True)
        >>> fan = [n for n in order if n.startswith("a") and n != "a"]
        >>> fan, [ranks[n] for n in fan], ranks["x"]
        (['a0', 'a1', 'a4', 'a2', 'a5', 'a3'], [2, 2, 4, 2, 4, 2], 3)
    """
    preds: dict[str, list[str]] = {i: [] for i in ids}
    succs: dict[str, list[str]] = {i: [] for i in ids}
    for u, v in dict.fromkeys(pairs):
        preds[v].append(u)
        succs[u].append(v)
    shared = {n for n in ids if len(preds[n]) > 1}
    kids = {u: sorted(v for v in succs[u] if v not in shared) for u in ids}
    for u, order in balanced_children(pairs).items():
        kids[u] = [v for v in order if v in kids[u]] + [v for v in kids[u] if v not in order]
    leaves = {u: [v for v in kids[u] if not kids[v]] for u in ids}
    roots = sorted((n for n in ids if not preds[n]), key=lambda n: (n != head, not succs[n], n))
    pos = _positions(roots, kids, {})
    # A shared entity with an inner holder (the head, a holding: a GIE of means) is drawn
    # outermost, after every other, above the drawing: its lines from the inner holders run
    # along the top.
    outer = {s for s in shared if any(kids[p] for p in preds[s])}
    spans = _spans(shared, preds, pos, kids)
    depth = _depths({s: span for s, span in spans.items() if s not in outer})
    last = max(depth.values(), default=0)
    for s in sorted(outer):
        depth[s] = max(1, last)
        spans[s] = (-1.0, -1.0)
    keys = _leaf_keys(ids, kids, leaves, preds, succs, pos, spans, depth, shared)
    for u in ids:  # the others keep their place among the free leaves
        keys.setdefault(u, (1.0, 0.0, pos.get(u, math.inf)))
    pos = _positions(roots, kids, keys)
    tied = {v for v in ids if any(s in shared for s in succs[v])}
    rank = _tree_ranks(roots, kids, leaves, keys, tied, most, lanes)
    far = 0
    if lanes:
        far = max((rank[v] for fan in leaves.values() if len(fan) > most for v in fan), default=0)
        for fan in leaves.values():
            if len(fan) > most:
                _alternate([v for v in fan if v not in tied], rank, pos)
    _place_shared(ids, preds, outer, depth, rank, pos, far)
    return rank, sorted(ids, key=lambda n: (pos.get(n, math.inf), n))


def _positions(
    roots: Sequence[str], kids: Mapping[str, Sequence[str]], keys: Mapping[str, tuple[float, ...]]
) -> dict[str, float]:
    """Depth-first order of the tree from ``roots``, children sorted by ``keys`` (else as given)."""
    pos: dict[str, float] = {}
    stack = list(reversed(roots))
    while stack:
        node = stack.pop()
        if node in pos:
            continue
        pos[node] = float(len(pos))
        children = sorted(kids[node], key=lambda c: keys.get(c, ()))
        stack.extend(reversed(children))
    return pos


def _spans(
    shared: set[str],
    preds: Mapping[str, Sequence[str]],
    pos: Mapping[str, float],
    kids: Mapping[str, Sequence[str]],
) -> dict[str, tuple[float, float]]:
    """The span of each shared entity: from its first holder to its last, in tree order."""
    spans = {}
    for s in sorted(shared):
        at = [pos[p] for p in preds[s] if p in pos]
        if at:
            spans[s] = (min(at), max(at))
    return spans


def _depths(spans: Mapping[str, tuple[float, float]]) -> dict[str, int]:
    """The column of each shared entity after its holders: the narrowest spans nearest.

    A column takes at most :data:`PER_COLUMN` shared entities whose spans overlap.
    """
    depth: dict[str, int] = {}
    for s in sorted(spans, key=lambda s: (spans[s][1] - spans[s][0], s)):
        lo, hi = spans[s]
        d = 1
        while (
            sum(1 for t, dt in depth.items() if dt == d and _overlap(spans[t], (lo, hi)))
            >= PER_COLUMN
        ):
            d += 1
        depth[s] = d
    return depth


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _leaf_keys(
    ids: Sequence[str],
    kids: Mapping[str, Sequence[str]],
    leaves: Mapping[str, Sequence[str]],
    preds: Mapping[str, Sequence[str]],
    succs: Mapping[str, Sequence[str]],
    pos: Mapping[str, float],
    spans: Mapping[str, tuple[float, float]],
    depth: Mapping[str, int],
    shared: set[str],
) -> dict[str, tuple[float, ...]]:
    """The sort key of each holder's leaves: tied up first, free in the middle, tied down last.

    A leaf tied to a shared entity whose other holders lie above its block goes to the top of
    the block, the innermost (lowest column) first; tied below, to the bottom, innermost last.
    """
    keys: dict[str, tuple[float, ...]] = {}
    for u in ids:
        fan = leaves[u]
        if not fan or u not in pos:  # under a shared entity: placed with it, not sorted
            continue
        start, end = min(pos[v] for v in fan), max(pos[v] for v in fan)
        for v in fan:
            ties = [s for s in succs[v] if s in shared and s in spans]
            if not ties:
                keys[v] = (1.0, 0.0, pos[v])
                continue
            s = min(ties, key=lambda s: (depth[s], s))
            others = [pos[p] for p in preds[s] if p in pos and p not in fan]
            centre = sum(spans[s]) / 2
            if spans[s][1] < 0 or (others and max(others) < start):
                keys[v] = (0.0, float(depth[s]), centre)
            elif others and min(others) > end:
                keys[v] = (2.0, float(-depth[s]), centre)
            else:
                keys[v] = (1.0, 0.0, centre)
    return keys


def _tree_ranks(
    roots: Sequence[str],
    kids: Mapping[str, Sequence[str]],
    leaves: Mapping[str, Sequence[str]],
    keys: Mapping[str, tuple[float, ...]],
    tied: set[str],
    most: int,
    lanes: bool = False,
) -> dict[str, int]:
    """Tree depth; a holder's fan of more than ``most`` leaves over as few columns as hold it.

    The leaves tied to a shared entity are in the first column, nearest their holder, so that
    the shared entity's lines reach them from the next column. ``lanes``: see
    :func:`plan_blocks`.
    """
    rank: dict[str, int] = {}
    for root in roots:
        rank[root] = 0
        stack = [root]
        while stack:
            node = stack.pop()
            fan = leaves[node]
            for c in kids[node]:
                if c not in rank:
                    rank[c] = rank[node] + 1
                    stack.append(c)
            if len(fan) > most:
                _stack_fan(fan, rank[node] + 1, keys, tied, most, rank, lanes)
    return rank


def _stack_fan(
    fan: Sequence[str],
    first: int,
    keys: Mapping[str, tuple[float, ...]],
    tied: set[str],
    most: int,
    rank: dict[str, int],
    lanes: bool = False,
) -> None:
    """The ranks of a fan's leaves over as few columns as hold them, the tied ones in the first.

    ``lanes``: the columns two ranks apart, the free leaves dealt evenly over them.
    """
    columns = _columns(len(fan), most)
    ordered = sorted(fan, key=lambda v: (v not in tied, keys.get(v, ()), v))
    n_tied = sum(v in tied for v in fan)
    if lanes:
        per = n_tied + math.ceil((len(fan) - n_tied) / columns)
    else:
        per = max(n_tied, math.ceil(len(fan) / columns))
    rest = max(1, len(fan) - per)
    step = 2 if lanes else 1
    for i, v in enumerate(ordered):
        rank[v] = first if i < per else first + step * (1 + (i - per) * (columns - 1) // rest)


def _alternate(free: Sequence[str], rank: Mapping[str, int], pos: dict[str, float]) -> None:
    """The free leaves of a fan dealt alternately over its columns, in the places they had.

    Each column's leaves keep their order and are spread evenly over the fan's places, so that
    the near column's leaves sit beside the far column's, not above them.
    """
    slots = sorted(pos[v] for v in free)
    columns: dict[int, list[str]] = {}
    for v in sorted(free, key=lambda v: pos[v]):
        columns.setdefault(rank[v], []).append(v)
    spread = {v: ((i + 0.5) / len(c), r) for r, c in columns.items() for i, v in enumerate(c)}
    for slot, v in zip(slots, sorted(free, key=lambda v: spread[v]), strict=True):
        pos[v] = slot


def _place_shared(
    ids: Sequence[str],
    preds: Mapping[str, Sequence[str]],
    outer: set[str],
    depth: Mapping[str, int],
    rank: dict[str, int],
    pos: dict[str, float],
    far: int = 0,
) -> None:
    """Ranks and places of the entities off the tree: after their holders, at their middle.

    ``far``: in lanes, the last column of the fans; a shared entity of the first column after
    its holders goes in the lane after them, the others after ``far``.
    """
    todo = [n for n in ids if n not in rank]
    while todo:
        left = []
        for n in todo:
            if any(p not in rank for p in preds[n]):
                left.append(n)
                continue
            base = max((rank[p] for p in preds[n]), default=0)
            d = depth.get(n, 1)
            rank[n] = base + d if not far or d == 1 else max(far, base) + d - 1
            at = [pos[p] for p in preds[n] if p in pos]
            pos[n] = sum(at) / len(at) if at else math.inf
            if n in outer:
                pos[n] = -1.0
        if len(left) == len(todo):  # cannot happen in a DAG; kept total
            for n in left:
                rank[n] = max((rank.get(p, 0) for p in preds[n]), default=0) + 1
                pos[n] = math.inf
            break
        todo = left
