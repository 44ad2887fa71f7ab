"""The head candidates, the coordinating ones and the head (``schemas.md``, "Head").

A head candidate is a member that no other member controls (nothing above it, no other member
in its component of mutual control). One candidate is the head when its reach holds every
member; among several, an associative candidate that has every other one in its coordinating
reach (a union of associations, say) is the head when that reach holds every member.

Examples:
    >>> from ges_graph.graph import GES
    >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
    ...     {"id": "a", "name": "A", "form": "association"},
    ...     {"id": "b", "name": "B", "form": "sas"}], "relations": [
    ...     {"type": "shareholding", "from": "a", "to": "b", "share": 100}]})
    >>> c = ges.control
    >>> find_head(c._g, c.families, c.members, c._listed, c._pools, c.reach,
    ...           c.coordinating_reach)
    Head(candidates=('a',), coordinating=frozenset(), head='a', by_coordination=False)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import NamedTuple

from ges_graph.control.graphs import Graphs
from ges_graph.model import Family

__all__ = ["Head", "find_head", "intermediate_holdings"]


class Head(NamedTuple):
    """What :func:`find_head` finds."""

    candidates: tuple[str, ...]
    """The head candidates (sorted ids)."""
    coordinating: frozenset[str]
    """The coordinating candidates (only when there are several candidates)."""
    head: str | None
    """The head, or ``None``."""
    by_coordination: bool
    """Whether the head was found as the coordinating candidate."""


def find_head(
    g: Graphs,
    families: Mapping[str, Family],
    members: frozenset[str],
    listed: Mapping[str, frozenset[str]],
    pools: frozenset[str],
    reach: Callable[[str], frozenset[str]],
    coordinating_reach: Callable[[str], frozenset[str]],
) -> Head:
    """The head candidates, the coordinating ones, and the head.

    Args:
        g: the control graphs.
        families: the family of each entity.
        members: the group members.
        listed: each body's listed members (natural persons left out).
        pools: the bodies that close a reach.
        reach: the reach of an entity, restricted to the members.
        coordinating_reach: the reach from an entity and its listed members.
    """
    candidates = tuple(g.uncontrolled(members))
    if len(candidates) == 1:
        h = candidates[0]
        if g.acyclic:
            # Every other member has a member above it, hence, up a chain without a cycle,
            # the one member with none: the candidate controls every member (:meth:`Graphs.
            # acyclic`), and its reach, which holds what it controls, holds them all.
            return Head(candidates, frozenset(), h, False)
        return Head(candidates, frozenset(), h if reach(h) >= members else None, False)
    if not candidates:
        return Head(candidates, frozenset(), None, False)
    reaching = g.reaching(listed, pools)
    coordinating = frozenset(
        u
        for u in candidates
        if families[u] is Family.ASSOCIATIVE
        and u in reaching
        and all(c == u or c in coordinating_reach(u) for c in candidates)
    )
    if len(coordinating) == 1:
        (u,) = coordinating
        if coordinating_reach(u) >= members:
            return Head(candidates, coordinating, u, True)
    return Head(candidates, coordinating, None, False)


def intermediate_holdings(
    g: Graphs,
    members: frozenset[str],
    families: Mapping[str, Family],
    head: str | None,
    out: Mapping[str, object],
) -> frozenset[str]:
    """The companies of G, other than the head, with capital control of another company of G.

    ``out``: the entities that hold something (the others control nothing). A company with
    capital control of another directly is one (most are); the rest are sought in one climb
    from every company.
    """
    company = Family.COMPANY
    # Only what holds something can control: the holders are read, not every member.
    maybe = [m for m in out if m != head and m in members and families[m] is company]
    found: set[str] = set()
    if maybe:
        kids = g.kids("capital")
        rest: list[str] = []
        for m in maybe:
            for k in kids.get(m, ()):
                if k != m and k in members and families[k] is company:
                    found.add(m)
                    break
            else:
                rest.append(m)
        if rest:
            companies = [m for m in members if families[m] is company]
            above = g.controllers_of_any("capital", companies)
            found.update(m for m in rest if m in above)
    return frozenset(found)
