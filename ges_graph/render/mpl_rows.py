"""The matplotlib engine's ranks: order within each rank, places along and across the ranks.

The layout (:mod:`ges_graph.render.mpl_layout`) folds each comb into one block, then these
place the ranked graph top down: long ranking edges become chains of dummy points
(:func:`unit_chains`), barycentre sweeps order each rank (:func:`ordered_rows`), an isotonic
regression puts each node as near its neighbours as the gaps allow (:func:`x_places`), and each
node hangs as high as the nodes above it allow (:func:`y_places`).

Examples:
    >>> rows = [["a"], ["b", "c"]]
    >>> up = {"a": [], "b": ["a"], "c": ["a"]}
    >>> down = {"a": ["b", "c"], "b": [], "c": []}
    >>> sizes = {"a": (1.0, 0.5), "b": (1.0, 0.5), "c": (1.0, 0.5)}
    >>> x = x_places(rows, sizes, up, down, 0.5)
    >>> x["b"] < x["a"] < x["c"]
    True
    >>> y = y_places(rows, sizes, [0.3, 0.3], x, up)
    >>> y["a"], y["b"]
    (-0.25, -1.05)
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from typing import TypeAlias

__all__ = [
    "BLOCK",
    "NODE_GAP",
    "SWEEPS",
    "clear_under",
    "ordered_rows",
    "pillars",
    "stagger_last_row",
    "unit_chains",
    "x_places",
    "y_places",
]

NODE_GAP = 0.25
"""Gap between nodes of a rank, inches (across the ranks: horizontal top down)."""
SWEEPS = 12
"""Barycentre sweeps, down then up, that order the ranks."""
BLOCK = "\x01"
"""Prefix of the id of a comb's block in the ranks."""

_Neighbours: TypeAlias = dict[str, list[str]]


def unit_chains(
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


def pillars(
    pairs: Sequence[tuple[str, str]],
    widths: dict[str, float],
    rank: dict[str, int],
    sizes: dict[str, tuple[float, float]],
    neighbours: tuple[_Neighbours, _Neighbours],
    depth: int,
) -> set[str]:
    """Keep a comb's column clear in the rows under it when it stands beside a deeper subtree.

    ``widths``: each comb's block (by its id in the ranks) and its width. A comb whose holder
    also holds what holds more (the head's sister associations beside its holding) is tall: the
    rows under it would slide under it and hang below its bottom. A chain of empty points as
    wide as the comb, one a row down to the last (added to ``rank``, ``sizes`` and the
    neighbours above and below, as dummies), keeps them beside it, once
    :func:`clear_under` has put them under it: the comb and that subtree stand side by side.
    Returns the points' ids.

    Examples:
        >>> pairs = [("h", BLOCK + "h"), ("h", "k"), ("k", "x")]
        >>> rank = {"h": 0, BLOCK + "h": 1, "k": 1, "x": 2}
        >>> up = {n: [] for n in rank}
        >>> down = {n: [] for n in rank}
        >>> made = pillars(pairs, {BLOCK + "h": 3.0}, rank, {}, (up, down), 3)
        >>> [(rank[p], up[p]) for p in sorted(made)] == [(2, [BLOCK + "h"])]
        True
    """
    up, down = neighbours
    children: dict[str, list[str]] = {}
    for u, v in pairs:
        children.setdefault(u, []).append(v)
    made: set[str] = set()
    for block, width in sorted(widths.items()):
        holder = block.removeprefix(BLOCK)
        if not any(children.get(v) for v in children.get(holder, ()) if v != block):
            continue
        prev = block
        for r in range(rank[block] + 1, depth):
            point = f"\x00|{holder}|{r}"  # a dummy: sorted after the nodes of its row
            rank[point], sizes[point] = r, (width, 0.0)
            up[point], down[point] = [prev], []
            down[prev].append(point)
            made.add(point)
            prev = point
    return made


def clear_under(
    rows: list[list[str]],
    x: dict[str, float],
    sizes: dict[str, tuple[float, float]],
    points: set[str],
    up: _Neighbours,
    gap: float,
) -> None:
    """Put each of :func:`pillars`' ``points`` under its comb, and its row's other nodes off it.

    The nodes before it in its row move left of it, those after it right, each keeping ``gap``
    to the next (``x`` is changed in place).

    Examples:
        >>> x = {"b": 5.0, "p": 1.0, "c": 2.0}
        >>> sizes = {"b": (2.0, 1.0), "p": (2.0, 0.0), "c": (1.0, 1.0)}
        >>> clear_under([["b"], ["p", "c"]], x, sizes, {"p"}, {"p": ["b"]}, 0.5)
        >>> x["p"], x["c"]
        (5.0, 7.0)
    """
    for row in rows:
        here = [i for i, n in enumerate(row) if n in points]
        if not here:
            continue
        for i in here:
            x[row[i]] = x[up[row[i]][0]]
        for i in range(here[0] - 1, -1, -1):
            a, b = row[i], row[i + 1]
            x[a] = min(x[a], x[b] - (sizes[a][0] + sizes[b][0]) / 2 - gap)
        for i in range(here[0] + 1, len(row)):
            a, b = row[i - 1], row[i]
            x[b] = max(x[b], x[a] + (sizes[a][0] + sizes[b][0]) / 2 + gap)


def stagger_last_row(
    rows: list[list[str]],
    x: dict[str, float],
    sizes: dict[str, tuple[float, float]],
    neighbours: tuple[_Neighbours, _Neighbours],
    points: set[str],
) -> bool:
    """Deal the last row's nodes over two rows when it stands out beyond the rows above.

    The last row (outside investors, a GIE, under the combs of what they hold) is often wider
    than the rows above: its nodes go alternately to it and to a new row under it, which gets
    its own pillar point when the last row has one (added to ``points``, ``sizes`` and the
    neighbours). Returns whether it did (``rows`` is changed in place; place them again).

    Examples:
        >>> rows = [["a"], ["b", "c", "d"]]
        >>> x = {"a": 0.0, "b": -1.0, "c": 0.0, "d": 1.0}
        >>> sizes = {"a": (1.0, 1.0), **dict.fromkeys("bcd", (0.8, 1.0))}
        >>> stagger_last_row(rows, x, sizes, ({}, {}), set()), rows
        (True, [['a'], ['b', 'd'], ['c']])
    """
    up, down = neighbours
    above = [n for row in rows[:-1] for n in row if sizes[n][1] > 0]
    last = [n for n in rows[-1] if n not in points]
    if not above or len(last) < 3:
        return False
    right = max(x[n] + sizes[n][0] / 2 for n in above)
    left = min(x[n] - sizes[n][0] / 2 for n in above)
    ends = [x[n] + k * sizes[n][0] / 2 for n in last for k in (-1, 1)]
    if min(ends) >= left and max(ends) <= right:
        return False
    moved = last[1::2]
    rows[-1] = [n for n in rows[-1] if n not in moved]
    new = list(moved)
    for point in [n for n in rows[-1] if n in points]:
        extra = point + "+"
        sizes[extra], up[extra], down[extra] = sizes[point], [point], []
        down[point].append(extra)
        points.add(extra)
        new.insert(0, extra)
    rows.append(new)
    return True


def ordered_rows(
    rank: dict[str, int], depth: int, up: _Neighbours, down: _Neighbours
) -> list[list[str]]:
    """The nodes of each rank, ordered by barycentre sweeps to reduce crossings.

    A comb's block goes just before what else wants its holder's place (it hangs from it).
    """
    rows: list[list[str]] = [[] for _ in range(depth)]
    for node in sorted(rank, key=lambda k: (k.startswith("\x00"), k)):
        rows[rank[node]].append(node)
    pos = {node: float(i) for row in rows for i, node in enumerate(row)}

    def sweep(row: list[str], neighbours: _Neighbours) -> None:
        def key(node: str) -> tuple[float, str]:
            ns = neighbours[node]
            bary = sum(pos[m] for m in ns) / len(ns) if ns else pos[node]
            return (bary - 0.5 * node.startswith(BLOCK), node)

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


def x_places(
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
                wanted.append(sum(pulls) / len(pulls) if ns else math.nan)
            _follow(row, wanted, sizes, gap)
            for node, value in zip(row, _place(row, wanted, sizes, gap), strict=True):
                x[node] = value
    return x


def _follow(
    row: Sequence[str], wanted: list[float], sizes: dict[str, tuple[float, float]], gap: float
) -> None:
    """Nodes tied to nothing (``nan`` in ``wanted``) keep close to their row's next node.

    Examples:
        >>> wanted = [math.nan, 5.0, math.nan]
        >>> _follow(["a", "b", "c"], wanted, {"a": (1, 1), "b": (1, 1), "c": (1, 1)}, 0.5)
        >>> wanted
        [3.5, 5.0, 6.5]
    """
    for j in [*range(len(row)), *reversed(range(len(row)))]:
        if not math.isnan(wanted[j]):
            continue
        for k in (j - 1, j + 1):
            if 0 <= k < len(row) and not math.isnan(wanted[k]):
                step = (sizes[row[j]][0] + sizes[row[k]][0]) / 2 + gap
                wanted[j] = wanted[k] + (step if k < j else -step)
                break
    for j, value in enumerate(wanted):
        if math.isnan(value):
            wanted[j] = 0.0 if j == 0 else wanted[j - 1] + 1.0


def y_places(
    rows: list[list[str]],
    sizes: dict[str, tuple[float, float]],
    gaps: Sequence[float],
    x: dict[str, float],
    up: _Neighbours,
) -> dict[str, float]:
    """Vertical places, rank by rank, each node as high as it may go.

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
    return y


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
