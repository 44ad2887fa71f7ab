"""Two columns of blocks: a big structure drawn left to right, its blocks side by side.

A holding of four sector holdings, each with a fan of a dozen subsidiaries or more, drawn by
:func:`~ges_graph.render.blockplan.plan_blocks` in one column of blocks, is as tall as its
subsidiaries stacked: at 100 members 337 x 611 mm at 7 pt, on no A3. In two columns
(``plan_blocks(..., columns=2)``), it reads as a grid of two rows of blocks:

- the holder of the most blocks (:func:`split`) has them dealt over two columns, each an
  upper and a lower half; the second column's holders sit on the rank of the first column's
  last leaves, in the **corridor** between the upper and lower blocks, where the lines from
  the holding reach them (:func:`shift`);
- each holder of the second column is drawn level with its leaf nearest the corridor (the
  *anchor*, an edge ``dot`` keeps straight: :func:`anchors`), so that an upper block's fan
  opens upwards and a lower block's downwards, level with the first column's;
- an entity shared between blocks (an investor in subsidiaries of two sector holdings, a GIE
  of means) runs its lines along a **channel** (:func:`channels`): the top of the drawing when
  it is tied to upper blocks only (or to the head or a holding: the GIE), the bottom when tied
  to lower blocks only, else the corridor; the leaves tied to it lie on that side of their
  blocks (:func:`leaf_keys`), so that its lines reach them without crossing a fan. The blocks
  are dealt so that as few lines as can be cross the corridor (:func:`split`);
- the fan beside the holding (the head's sister associations) is dealt alternately over its
  columns (:func:`deal`), half of each column above the holding and half below it.

Examples:
    >>> kids = {"h": ["a", "b", "c", "d"], **{x: [f"{x}{i}" for i in range(3)] for x in "abcd"}}
    >>> kids.update({f"{x}{i}": [] for x in "abcd" for i in range(3)})
    >>> leaves = {u: [v for v in k if not kids[v]] for u, k in kids.items()}
    >>> cols = split(list(kids), kids, leaves, 2, {}, set())
    >>> cols.first, cols.second, kids["h"]
    (['a', 'b'], ['c', 'd'], ['a', 'c', 'd', 'b'])
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence, Set
from typing import NamedTuple

from ges_graph.render.blockdeal import CROSS_WEIGHT as CROSS_WEIGHT  # noqa: PLC0414
from ges_graph.render.blockdeal import MEET_WEIGHT as MEET_WEIGHT  # noqa: PLC0414
from ges_graph.render.blockdeal import Weigher
from ges_graph.render.blocktree import Plan, columns_of, place_shared, positions, tree_ranks

__all__ = [
    "CROSS_WEIGHT",
    "MEET_WEIGHT",
    "SPLIT_TRIALS",
    "TWO_COLUMNS",
    "Columns",
    "anchors",
    "blocks_of",
    "channels",
    "deal",
    "leaf_keys",
    "place_channels",
    "plan_in_columns",
    "shift",
    "split",
    "tree",
]

TWO_COLUMNS = 4
"""A holder of at least this many blocks (children with a fan of more than a column of
leaves: a holding of four sector holdings) has them drawn in two columns side by side."""

SPLIT_TRIALS = 6
"""At most this many blocks are dealt in every order to find the best (720 orders); more are
dealt in their own order."""

TOP, CORRIDOR, BOTTOM = "top", "corridor", "bottom"


class Columns(NamedTuple):
    """How a holder's blocks are dealt in two columns."""

    holder: str
    """The holder of the blocks."""
    first: list[str]
    """The blocks of the first column, top down."""
    second: list[str]
    """The blocks of the second column, top down."""

    @property
    def upper(self) -> list[str]:
        """The blocks above the corridor, first column first."""
        return self.first[: (len(self.first) + 1) // 2] + self.second[: (len(self.second) + 1) // 2]

    @property
    def lower(self) -> list[str]:
        """The blocks below the corridor, first column first."""
        return self.first[(len(self.first) + 1) // 2 :] + self.second[(len(self.second) + 1) // 2 :]


def tree(node: str, kids: Mapping[str, Sequence[str]]) -> list[str]:
    """``node`` and every entity of the tree under it."""
    out = [node]
    for n in out:
        out.extend(kids[n])
    return out


def _above(node: str, kids: Mapping[str, Sequence[str]]) -> set[str]:
    """``node``, its holder, its holder's holder, and so on up the forest ``kids``.

    Each entity of ``kids`` is the child of one holder at most (shared entities are not in it).

    Examples:
        >>> sorted(_above("b", {"t": ["a", "c"], "a": ["b"], "b": [], "c": []}))
        ['a', 'b', 't']
    """
    parent = {c: u for u, children in kids.items() for c in children}
    out = {node}
    while node in parent and parent[node] not in out:
        node = parent[node]
        out.add(node)
    return out


def split(
    ids: Sequence[str],
    kids: dict[str, list[str]],
    leaves: Mapping[str, Sequence[str]],
    most: int,
    preds: Mapping[str, Sequence[str]],
    outer: set[str],
) -> Columns | None:
    """The holder of the most blocks, its blocks dealt in two columns; ``kids`` reordered.

    At least :data:`TWO_COLUMNS` blocks (children holding a fan of more than ``most``
    leaves), the first half of them (rounded up) in the first column. Of the orders of the
    blocks (every one, up to :data:`SPLIT_TRIALS` blocks), the one whose shared entities
    cost least (:class:`~ges_graph.render.blockdeal.Weigher`), the first among equals. The
    holder's children are then reordered top down as the drawing reads them: the first
    column's upper blocks, the second column's blocks, the first column's lower blocks; its
    other children first. None
    when no holder has that many blocks.
    """
    blocks = {u: [c for c in kids[u] if len(leaves[c]) > most] for u in ids if kids[u]}
    holder = max(ids, key=lambda u: (len(blocks.get(u, ())), u))
    mine = blocks.get(holder, [])
    if len(mine) < TWO_COLUMNS:
        return None
    cut = (len(mine) + 1) // 2
    block_of = {n: b for b in mine for n in tree(b, kids)}
    weigh = Weigher(mine, _ties(preds, block_of), outer)
    given = tuple(range(len(mine)))
    orders = itertools.permutations(given) if len(mine) <= SPLIT_TRIALS else [given]
    best, least = given, -1
    for order in orders:
        cost = weigh(order, least)
        if least < 0 or cost < least:
            best, least = order, cost
    dealt = [mine[i] for i in best]
    cols = Columns(holder, dealt[:cut], dealt[cut:])
    up = (len(cols.first) + 1) // 2
    others = [c for c in kids[holder] if c not in mine]
    kids[holder] = others + cols.first[:up] + cols.second + cols.first[up:]
    return cols


def blocks_of(cols: Columns, kids: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """The block of each entity in one: the blocks of both columns and their trees.

    Examples:
        >>> blocks_of(Columns("h", ["a"], ["b"]), {"a": ["a0"], "a0": [], "b": []})
        {'a': 'a', 'a0': 'a', 'b': 'b'}
    """
    return {n: b for b in cols.first + cols.second for n in tree(b, kids)}


def _ties(preds: Mapping[str, Sequence[str]], block_of: Mapping[str, str]) -> dict[str, list[str]]:
    """The shared entities tied to blocks: the block of each of their holders (or ``""``)."""
    return {
        s: [block_of.get(p, "") for p in held]
        for s, held in preds.items()
        if len(held) > 1 and not block_of.keys().isdisjoint(held)
    }


def channels(
    ties: Mapping[str, Sequence[str]], cols: Columns, outer: set[str]
) -> dict[str, str | None]:
    """The channel each shared entity's lines run along: top, corridor, bottom, or none.

    None for an entity whose holders all lie in one block (drawn beside it) or in none; top
    for one with an inner holder (``outer``: the head, a holding) or tied to upper blocks only;
    bottom for one tied to lower blocks only; else the corridor.
    """
    upper, lower = set(cols.upper), set(cols.lower)
    return {s: _channel(s in outer, at, upper, lower) for s, at in ties.items()}


def _channel(outer: bool, at: Sequence[str], upper: Set[str], lower: Set[str]) -> str | None:
    """:func:`channels` of one entity, tied to the blocks ``at`` (``outer``: an inner holder)."""
    if outer:
        return TOP
    loose = "" in at
    blocks = {b for b in at if b}
    if not blocks or (len(blocks) == 1 and not loose):
        return None
    if not loose and blocks <= upper:
        return TOP
    if not loose and blocks <= lower:
        return BOTTOM
    return CORRIDOR


def _score(at: Sequence[str], cols: Columns) -> float:
    """Where an entity of the corridor sits in it, -1 (top) to 1: the mean of its holders.

    A holder in the second column's upper blocks counts -1, in its lower blocks 1, in the
    first column's -0.1 and 0.1 (its lines pass along the corridor), elsewhere 0.
    """
    return _mean_side(at, set(cols.upper), set(cols.second))


def _mean_side(at: Sequence[str], upper: Set[str], second: Set[str]) -> float:
    """:func:`_score`, given the deal's upper and second-column blocks."""
    side = [(-1.0 if b in upper else 1.0) * (1.0 if b in second else 0.1) if b else 0.0 for b in at]
    return sum(side) / len(side)


def leaf_keys(
    cols: Columns,
    kids: Mapping[str, Sequence[str]],
    leaves: Mapping[str, Sequence[str]],
    preds: Mapping[str, Sequence[str]],
    succs: Mapping[str, Sequence[str]],
    chan: Mapping[str, str | None],
    pos: Mapping[str, float],
    block_of: Mapping[str, str] | None = None,
) -> dict[str, tuple[float, ...]]:
    """The sort keys of the leaves: those tied to a channel on its side of their block.

    A leaf tied to the corridor goes to the bottom of an upper block, the top of a lower one,
    the nearest (tied to the first column's corridor) nearest it, the others in the order of
    their entities in the corridor; a leaf tied to the top channel to the top of its block, to
    the bottom channel to its bottom. In the fan beside the holder (the head's), a leaf tied to
    the corridor goes next to the child through which the holder is reached, one tied to the
    top at the top. The others keep their place among the free leaves. ``block_of``: the block
    of each entity in one (:func:`blocks_of`), when the caller has it.
    """
    if block_of is None:
        block_of = blocks_of(cols, kids)
    ties = _ties(preds, block_of)
    upper = set(cols.upper)
    path = _above(cols.holder, kids)
    second = set(cols.second)
    keys: dict[str, tuple[float, ...]] = {}
    for u, fan in leaves.items():
        block = block_of.get(u)
        inner = next((c for c in kids[u] if c in path), None) if u in path else None
        for v in fan:
            key: tuple[float, ...] = (1.0, 0.0, 0.0, pos[v])
            mine = [s for s in succs[v] if chan.get(s)]
            if not mine:
                keys[v] = key
                continue
            ways = {chan[s] for s in mine}
            if CORRIDOR in ways and block is not None:
                scores = [_score(ties[s], cols) for s in mine if chan[s] == CORRIDOR]
                near = not any(b in second for s in mine for b in ties[s])
                side = 2.0 if block in upper else 0.0
                flag = float(near) * (1.0 if block in upper else -1.0)
                key = (side, flag, sum(scores) / len(scores), pos[v])
            elif CORRIDOR in ways and inner is not None:
                key = (1.0, 0.0, 0.0, pos[inner] - 0.5)
            elif TOP in ways:
                key = (0.0, 0.0, 0.0, pos[v])
            elif BOTTOM in ways:
                key = (2.0, 0.0, 0.0, pos[v])
            keys[v] = key
    return keys


def place_channels(
    chan: Mapping[str, str | None],
    cols: Columns,
    kids: Mapping[str, Sequence[str]],
    preds: Mapping[str, Sequence[str]],
    pos: dict[str, float],
    block_of: Mapping[str, str] | None = None,
) -> None:
    """The shared entities placed in their channels: top, corridor, bottom (none: kept).

    The top ones before everything, the widest span first (outermost, like nested arcs); the
    bottom ones after everything, the widest last; the corridor's between the upper and lower
    blocks, in the order of :func:`_score`. ``block_of``: see :func:`leaf_keys`.
    """
    if block_of is None:
        block_of = blocks_of(cols, kids)
    ties = _ties(preds, block_of)
    finite = [p for p in pos.values() if math.isfinite(p)]
    first, last = min(finite, default=0.0), max(finite, default=0.0)

    def span(s: str) -> tuple[float, float]:
        at = [pos[p] for p in preds[s] if math.isfinite(pos.get(p, math.inf))]
        return (max(at) - min(at), sum(at) / len(at)) if at else (0.0, 0.0)

    tops = sorted((s for s in chan if chan[s] == TOP), key=lambda s: (-span(s)[0], span(s)[1], s))
    for i, s in enumerate(tops):
        pos[s] = first - len(tops) + i - 1.0
    bottoms = sorted((s for s in chan if chan[s] == BOTTOM), key=lambda s: (span(s)[0], s))
    for i, s in enumerate(bottoms):
        pos[s] = last + i + 1.0
    above = set(cols.upper)
    upper = {n for n, b in block_of.items() if b in above}
    lower = {n for n, b in block_of.items() if b not in above}
    low, high = max(pos[n] for n in upper), min(pos[n] for n in lower)
    corridor = [s for s in chan if chan[s] == CORRIDOR]
    ranked = sorted(corridor, key=lambda s: (_score(ties[s], cols), span(s)[1], s))
    for i, s in enumerate(ranked):
        pos[s] = low + (high - low) * (i + 1) / (len(ranked) + 1)


def deal(
    kids: Mapping[str, Sequence[str]],
    leaves: Mapping[str, Sequence[str]],
    tied: set[str],
    pos: Mapping[str, float],
    rank: dict[str, int],
    most: int,
) -> None:
    """A fan beside a holder's inner children dealt alternately over its columns.

    The head's sister associations, half above the holding and half below it, keep that
    order and take the columns in turn, the last column first (the first column holds the
    texts of the lines to the others besides its own entities): each column has half of them
    on each side of the holding, rather than the first column above it and the second below.
    """
    for u, fan in leaves.items():
        if len(fan) <= most or len(fan) == len(kids[u]):
            continue
        free = sorted((v for v in fan if v not in tied), key=lambda v: pos[v])
        first = min(rank[v] for v in fan)
        columns = columns_of(len(fan), most)
        for i, v in enumerate(free):
            rank[v] = first + (i + 1) % columns


def shift(cols: Columns, kids: Mapping[str, Sequence[str]], rank: dict[str, int]) -> None:
    """The second column's trees moved right: their holders on the first column's last rank.

    The holders of the second column then sit in the corridor, between the first column's
    upper and lower blocks, on the rank of their last leaves.
    """
    moved = {n for b in cols.second for n in tree(b, kids)}
    first = min(rank[n] for n in cols.second)
    stay = [r for n, r in rank.items() if n not in moved and r >= first]
    by = max(stay, default=first) - first
    for n in moved:
        rank[n] += by


def anchors(
    cols: Columns,
    kids: Mapping[str, Sequence[str]],
    rank: Mapping[str, int],
    pos: Mapping[str, float],
) -> list[tuple[str, str]]:
    """Each second-column holder and its leaf nearest the corridor, next rank: kept level."""
    out = []
    upper = set(cols.upper)
    for b in cols.second:
        near = [c for c in kids[b] if rank[c] == rank[b] + 1]
        if near:
            pick = max if b in upper else min
            out.append((b, pick(near, key=lambda c: pos[c])))
    return out


def plan_in_columns(
    ids: Sequence[str],
    preds: Mapping[str, Sequence[str]],
    succs: Mapping[str, Sequence[str]],
    kids: dict[str, list[str]],
    leaves: Mapping[str, Sequence[str]],
    roots: Sequence[str],
    most: int,
) -> Plan | None:
    """The plan of :func:`~ges_graph.render.blockplan.planned` in two columns, if it has one.

    None when no holder has :data:`TWO_COLUMNS` blocks.
    """
    shared = {n for n in ids if len(preds[n]) > 1}
    outer = {s for s in shared if any(kids[p] for p in preds[s])}
    cols = split(ids, kids, leaves, most, preds, outer)
    if cols is None:
        return None
    block_of = blocks_of(cols, kids)
    chan = channels({s: [block_of.get(p, "") for p in preds[s]] for s in shared}, cols, outer)
    pos = positions(roots, kids, {})
    keys = leaf_keys(cols, kids, leaves, preds, succs, chan, pos, block_of)
    for u in ids:
        keys.setdefault(u, (1.0, 0.0, 0.0, pos.get(u, math.inf)))
    pos = positions(roots, kids, keys)
    tied = {v for v in ids if succs[v] and not shared.isdisjoint(succs[v])}
    rank = tree_ranks(roots, kids, leaves, keys, tied, most)
    deal(kids, leaves, tied, pos, rank, most)
    shift(cols, kids, rank)
    place_shared(ids, preds, set(), {}, rank, pos)
    place_channels(chan, cols, kids, preds, pos, block_of)
    order = sorted(ids, key=lambda n: (pos.get(n, math.inf), n))
    pinned = {rank[s] for s in shared}
    by_rank: dict[int, list[str]] = {}
    for n in order:
        if rank[n] in pinned:
            by_rank.setdefault(rank[n], []).append(n)
    pins = tuple(p for row in by_rank.values() for p in itertools.pairwise(row))
    return Plan(rank, order, tuple(anchors(cols, kids, rank, pos)), pins)
