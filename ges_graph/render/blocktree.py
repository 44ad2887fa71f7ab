"""The tree of a planned structure: depth-first places, ranks, fans stacked, shared entities.

The pieces :func:`~ges_graph.render.blockplan.plan_blocks` plans with, in one column of blocks
or in two (:mod:`ges_graph.render.blockcols`).

Examples:
    >>> kids = {"t": ["a", "b"], "a": ["a0", "a1", "a2"], "b": [], "a0": [], "a1": [], "a2": []}
    >>> pos = positions(["t"], kids, {})
    >>> [n for n in sorted(pos, key=pos.get)], columns_of(24, 10)
    (['t', 'a', 'a0', 'a1', 'a2', 'b'], 2)
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import NamedTuple

__all__ = ["Plan", "columns_of", "place_shared", "positions", "stack_fan", "tree_ranks"]


class Plan(NamedTuple):
    """The places a plan gives, and what ``dot`` is told besides."""

    rank: dict[str, int]
    """The rank of each entity."""
    order: list[str]
    """Every entity from top to bottom."""
    anchors: tuple[tuple[str, str], ...] = ()
    """See :attr:`~ges_graph.render.blockplan.Blocks.anchors`."""
    pins: tuple[tuple[str, str], ...] = ()
    """See :attr:`~ges_graph.render.blockplan.Blocks.pins`."""


def columns_of(leaves: int, most: int) -> int:
    """The columns a fan of ``leaves`` is stacked over, about ``most`` a column."""
    return max(1, (leaves + most // 2) // most)


def positions(
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
        children = kids[node]
        if not children:
            continue
        if keys:  # else as given (a sort by no key keeps the order)
            children = sorted(children, key=lambda c: keys.get(c, ()))
        stack.extend(reversed(children))
    return pos


def tree_ranks(
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
    :func:`~ges_graph.render.blockplan.plan_blocks`.
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
                stack_fan(fan, rank[node] + 1, keys, tied, most, rank, lanes)
    return rank


def stack_fan(
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
    columns = columns_of(len(fan), most)
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


def place_shared(
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
