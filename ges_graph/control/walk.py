"""Certain and capital control read in one walk, where the relations hold no cycle.

Most groups hold no cycle of relations: :func:`acyclic_graphs` then goes once down the order of
:func:`~ges_graph.control.fixpoint.relation_order` (holders first) and builds what
:class:`~ges_graph.control.graphs.Graphs` would otherwise build in a pass each: the certain and
capital control graphs, each entity's children in both, and the head candidates. Groups with a
cycle take :mod:`~ges_graph.control.fixpoint`'s walk, component by component.

Examples:
    >>> from ges_graph.control.means import Edge, Means
    >>> e = [Edge("h", "s", Means.SHAREHOLDING, 100, 100, "r0"),
    ...      Edge("s", "c", Means.SHAREHOLDING, 90, 90, "r1")]
    >>> got = acyclic_graphs(["h", "s", "c"], {"s": e[:1], "c": e[1:]}, {},
    ...     lambda m, t, s: s > 50, frozenset(), frozenset("hsc"), capital=True)
    >>> got.capital == got.certain, got.capital_kids, got.uncontrolled
    (True, {'h': ['s'], 's': ['c']}, ['h'])
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from ges_graph.control.fixpoint import Exceeds, _certain, _controllers
from ges_graph.control.means import EPS, Edge, Means

__all__ = ["Acyclic", "acyclic_graphs"]


class Acyclic(NamedTuple):
    """What :func:`acyclic_graphs` reads in one walk down an order without cycle."""

    certain: dict[str, set[str]]
    """Each entity's immediate controllers (certain control)."""
    capital: dict[str, set[str]] | None
    """The same by the shareholding pool alone; ``None`` when not asked (it is the same)."""
    kids: dict[str, list[str]]
    """The entities each entity is an immediate controller of (certain control)."""
    capital_kids: dict[str, list[str]] | None
    """The same in capital control."""
    uncontrolled: list[str]
    """The marked entities that no other marked entity controls (sorted)."""


def acyclic_graphs(
    order: Sequence[str],
    into: Mapping[str, Sequence[Edge]],
    pools: Mapping[str, frozenset[str]],
    exceeds: Exceeds,
    never: frozenset[str],
    marked: frozenset[str],
    *,
    capital: bool,
) -> Acyclic:
    """Certain and capital control, their children and what no marked entity controls, at once.

    The same graphs as :func:`control_graph_ordered` over ``order`` (holders first, no cycle)
    for certain control and, when ``capital``, for the shareholdings alone (no pooled body, no
    statute): one walk down ``order`` decides each target in both modes, the capital one taken
    from the certain one where the target and everything above it were read off shareholdings
    alone. Each entity's children, and whether a ``marked`` entity (a member) is above it, are
    read in the same walk. ``exceeds`` must be the threshold of :mod:`ges_graph.control`: a
    single holder's votes are compared with 50 % here, and ``exceeds`` asked for board seats.

    Examples:
        >>> from ges_graph.control.means import Edge, Means
        >>> e = [Edge("a", "b", Means.SHAREHOLDING, 60, 60, "r0"),
        ...      Edge("a", "c", Means.STATUTORY, 0, 0, "r1")]
        >>> got = acyclic_graphs(["a", "b", "c"], {"b": e[:1], "c": e[1:]}, {},
        ...     lambda m, t, s: s > 50, frozenset(), frozenset("abc"), capital=True)
        >>> got.certain, got.capital, got.kids, got.uncontrolled
        ({'b': {'a'}, 'c': {'a'}}, {'b': {'a'}}, {'a': ['b', 'c']}, ['a'])
    """
    parents: dict[str, set[str]] = {}
    cap: dict[str, set[str]] = {}
    kids: dict[str, list[str]] = {}
    cap_kids: dict[str, list[str]] = {}
    below_marked: set[str] = set()
    same: set[str] = set()  # read off shareholdings alone, as is everything above it
    shares, statutory_means, board = Means.SHAREHOLDING, Means.STATUTORY, Means.BOARD
    limit = 50 + EPS  # what ``exceeds`` tells of one holder's votes, read here without a call
    for b in order:
        edges = into.get(b, ())
        if len(edges) == 1 and b not in pools:
            # One relation into b (most targets): decided by it alone in both graphs, its
            # holder or nothing; the same set object stands in both.
            e = edges[0]
            h, means = e.holder, e.means
            if h == b:
                ok = False
            elif means is statutory_means:
                ok = True
            elif means is board:
                ok = h not in never and exceeds(means, b, e.certain)
            else:
                ok = h not in never and e.certain > limit
            if ok:
                one = {h}
                parents[b] = one
                got = kids.get(h)
                if got is None:
                    kids[h] = [b]
                else:
                    got.append(b)
                if h in marked or h in below_marked:
                    below_marked.add(b)
            if capital and means is shares:
                if h in same:
                    same.add(b)
                if ok:
                    cap[b] = one
                    got = cap_kids.get(h)
                    if got is None:
                        cap_kids[h] = [b]
                    else:
                        got.append(b)
            continue
        found = None
        if edges or b in pools:  # several relations into b, or a pooled body
            found = _controllers(b, into, pools, exceeds, never, parents, _certain, True) or None
        if found is not None:
            parents[b] = found
            up = False
            for p in found:
                got = kids.get(p)
                if got is None:
                    kids[p] = [b]
                else:
                    got.append(b)
                if not up and (p in marked or p in below_marked):
                    up = True
            if up:
                below_marked.add(b)
        if not capital:
            continue
        if b not in pools:
            for e in edges:
                if e.means is not shares or e.holder not in same:
                    break
            else:  # read off shareholdings alone, as is everything above it: the same
                same.add(b)
                if found is not None:
                    cap[b] = found
                    _add_kids(b, found, cap_kids)
                continue
        held = [e for e in edges if e.means is shares]
        if held and (
            got_cap := _controllers(b, {b: held}, {}, exceeds, never, cap, _certain, False)
        ):
            cap[b] = got_cap
            _add_kids(b, got_cap, cap_kids)
    unc = sorted(marked - below_marked)
    return Acyclic(parents, cap if capital else None, kids, cap_kids if capital else None, unc)


def _add_kids(b: str, found: set[str], kids: dict[str, list[str]]) -> None:
    """``b`` appended to the children of each of ``found``."""
    for p in found:
        got = kids.get(p)
        if got is None:
            kids[p] = [b]
        else:
            got.append(b)
