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
  the drawing is shorter, and wider;
- in **two columns** (``plan_blocks(..., columns=2)``, from :data:`PLANNED` entities when a
  holder has four blocks or more): its blocks side by side as a grid of two rows, the shared
  entities' lines along the top, the bottom or the corridor between the rows
  (:mod:`ges_graph.render.blockcols`): the drawing is half as tall.

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

from ges_graph.render.blockcols import plan_in_columns
from ges_graph.render.blocktree import (
    Plan,
    columns_of,
    place_shared,
    positions,
    tree_ranks,
)
from ges_graph.render.ranks import (
    BLOCK_MOST,
    BLOCKS,
    balanced_children,
    layer_ranks,
    stack_blocks,
)
from ges_graph.render.scene_model import Scene, SceneNode

__all__ = [
    "COLUMNS_NODESEP",
    "LANE_FANS",
    "LANE_NODESEP",
    "LANE_RANKS",
    "PER_COLUMN",
    "PLANNED",
    "Blocks",
    "in_blocks",
    "plan_blocks",
    "planned",
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

COLUMNS_NODESEP = 0.04
"""The gap between two entities of a column in a plan in two columns, in inches."""


class Blocks(NamedTuple):
    """A structure drawn in blocks: its ranked scene, its planned order, its column gap."""

    scene: Scene
    """The scene, each node on its rank."""
    order: list[str] | None
    """Every entity from top to bottom, when planned: ``dot`` keeps it (``ordering=out``)."""
    nodesep: float | None
    """The gap between two entities of a column, in inches, when the plan sets it."""
    anchors: tuple[tuple[str, str], ...] = ()
    """Edges ``dot`` keeps straight (a heavy weight): a holder level with one of its leaves."""
    pins: tuple[tuple[str, str], ...] = ()
    """Pairs of entities of one rank, the first above the second (an invisible flat edge)."""


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
    of a column :data:`LANE_NODESEP` inch apart. From :data:`PLANNED` entities, a holder of
    :data:`~ges_graph.render.blockcols.TWO_COLUMNS` blocks or more has them planned in two
    columns (:mod:`ges_graph.render.blockcols`: half as tall), two entities of a column
    :data:`COLUMNS_NODESEP` inch apart, with the anchors and pins ``dot`` is told. None when
    the structure is not drawn in blocks.
    """
    if scene.view != "structure" or scene.direction not in ("LR", "RL"):
        return None
    if len(scene.nodes) < BLOCKS:
        return None
    ids = [n.id for n in scene.nodes]
    order: list[str] | None = None
    nodesep: float | None = None
    lanes = None
    extra: tuple[tuple[tuple[str, str], ...], ...] = ()
    if len(scene.nodes) < PLANNED and _in_lanes(ids, scene.rank_pairs):
        lanes = plan_blocks(ids, scene.rank_pairs, scene.head, BLOCK_MOST, lanes=True)
    if len(scene.nodes) >= PLANNED:
        plan = planned(ids, scene.rank_pairs, scene.head, BLOCK_MOST, columns=2)
        rank, order = plan.rank, plan.order
        extra = plan.anchors, plan.pins
        nodesep = COLUMNS_NODESEP if plan.anchors else None
    elif lanes is not None and max(lanes[0].values()) < LANE_RANKS:
        rank, order = lanes
        nodesep = LANE_NODESEP
    else:
        rank = stack_blocks(layer_ranks(ids, scene.rank_pairs, scene.head), scene.rank_pairs)
    # Each node with its rank (made whole: faster than a named tuple's _replace, by the hundred).
    nodes = tuple([SceneNode(n[0], n[1], n[2], rank[n[0]], *n[4:]) for n in scene.nodes])
    placed = replace(scene, nodes=nodes)
    return Blocks(placed, order, nodesep, *extra)


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
    columns = [c for c in (columns_of(n, BLOCK_MOST) for n in fans.values()) if c > 1]
    return 0 < len(columns) <= LANE_FANS and max(columns) == 2


def plan_blocks(
    ids: Sequence[str],
    pairs: Sequence[tuple[str, str]],
    head: str | None,
    most: int = 10,
    lanes: bool = False,
    columns: int = 1,
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
        columns: 2 to draw the blocks of a holder of at least
            :data:`~ges_graph.render.blockcols.TWO_COLUMNS` of them in two columns side by
            side (see :mod:`ges_graph.render.blockcols`; not with ``lanes``): the drawing is
            half as tall, and wider.

    Examples:
        >>> pairs = [("t", "a")] + [("a", f"a{i}") for i in range(6)] + [("a0", "x"), ("t", "x")]
        >>> ids = sorted({n for p in pairs for n in p})
        >>> ranks, order = plan_blocks(ids, pairs, "t", most=3, lanes=True)
        >>> fan = [n for n in order if n.startswith("a") and n != "a"]
        >>> fan, [ranks[n] for n in fan], ranks["x"]
        (['a0', 'a1', 'a4', 'a2', 'a5', 'a3'], [2, 2, 4, 2, 4, 2], 3)
    """
    plan = planned(ids, pairs, head, most, lanes, columns)
    return plan.rank, plan.order


def planned(
    ids: Sequence[str],
    pairs: Sequence[tuple[str, str]],
    head: str | None,
    most: int = 10,
    lanes: bool = False,
    columns: int = 1,
) -> Plan:
    """:func:`plan_blocks`, with the anchors and pins of a plan in two columns.

    Examples:
        >>> pairs = [("t", "h")] + [("h", p) for p in "abcd"]
        >>> pairs += [(p, f"{p}{i}") for p in "abcd" for i in range(3)] + [("a0", "x"), ("d2", "x")]
        >>> ids = sorted({n for p in pairs for n in p})
        >>> plan = planned(ids, pairs, "t", most=2, columns=2)
        >>> [plan.rank[p] for p in "abcd"], plan.rank["x"], plan.anchors
        ([2, 2, 4, 4], 6, (('d', 'd0'), ('c', 'c0')))
    """
    preds: dict[str, list[str]] = {i: [] for i in ids}
    succs: dict[str, list[str]] = {i: [] for i in ids}
    for u, v in dict.fromkeys(pairs):
        preds[v].append(u)
        succs[u].append(v)
    shared = {n for n in ids if len(preds[n]) > 1}
    kids = {u: sorted([v for v in succs[u] if v not in shared]) if succs[u] else [] for u in ids}
    for u, order in balanced_children(pairs).items():
        kids[u] = [v for v in order if v in kids[u]] + [v for v in kids[u] if v not in order]
    leaves = {u: [v for v in kids[u] if not kids[v]] for u in ids}
    roots = sorted((n for n in ids if not preds[n]), key=lambda n: (n != head, not succs[n], n))
    if columns > 1 and not lanes:
        plan = plan_in_columns(ids, preds, succs, kids, leaves, roots, most)
        if plan is not None:
            return plan
    pos = positions(roots, kids, {})
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
    pos = positions(roots, kids, keys)
    tied = {v for v in ids if succs[v] and not shared.isdisjoint(succs[v])}
    rank = tree_ranks(roots, kids, leaves, keys, tied, most, lanes)
    far = 0
    if lanes:
        far = max((rank[v] for fan in leaves.values() if len(fan) > most for v in fan), default=0)
        for fan in leaves.values():
            if len(fan) > most:
                _alternate([v for v in fan if v not in tied], rank, pos)
    place_shared(ids, preds, outer, depth, rank, pos, far)
    return Plan(rank, sorted(ids, key=lambda n: (pos.get(n, math.inf), n)))


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
