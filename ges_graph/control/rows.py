"""One controller at a time: what it controls, in the order found, and why (``Why``).

:class:`Rows` runs the fixed point of ``schemas.md`` from one entity (a work list over what it
holds and what it controls): the cost is what that entity controls and the relations leaving it.
:class:`~ges_graph.control.notions.Control` answers who controls whom from the control graph
(:mod:`ges_graph.control.fixpoint`) and asks a row only to explain a control, whose chain and
wording follow the order in which the row found each entity.

Examples:
    >>> from ges_graph.graph import GES
    >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
    ...     {"id": "a", "name": "A", "form": "association"},
    ...     {"id": "b", "name": "B", "form": "sas"},
    ...     {"id": "c", "name": "C", "form": "sarl"}], "relations": [
    ...     {"type": "shareholding", "from": "a", "to": "b", "share": 100},
    ...     {"type": "shareholding", "from": "b", "to": "c", "share": 51}]})
    >>> ges.control._rows.row("a", "certain")
    {'b': 0, 'c': 1}
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import Literal

from ges_graph.control.means import EPS, POOLS, Edge, Means
from ges_graph.control.why import Contribution, Why
from ges_graph.model import Entity, Form

__all__ = ["Mode", "Rows"]

Mode = Literal["certain", "possible", "capital"]


class Rows:
    """Rows of the control relation, computed when asked and kept.

    Args:
        entities: every entity, by id.
        out: the control-relevant edges leaving each entity.
        into: the same edges, by target.
        every_member: each body's listed members, natural persons included.
        need: the bodies of means 5, with how many listed members they have.
    """

    def __init__(
        self,
        entities: Mapping[str, Entity],
        out: Mapping[str, Sequence[Edge]],
        into: Mapping[str, Sequence[Edge]],
        every_member: Mapping[str, frozenset[str]],
        need: Mapping[str, int],
    ) -> None:
        self._entities = entities
        self._out = out
        self._into = into
        self._every_member = every_member
        self._need = need
        member_of: dict[str, list[str]] = defaultdict(list)
        for org in sorted(need):
            for m in sorted(every_member[org]):
                member_of[m].append(org)
        self._member_of = dict(member_of)
        self._rows: dict[tuple[str, Mode], dict[str, int]] = {}
        self._whys: dict[str, dict[str, Why]] = {}

    @functools.cached_property
    def _names(self) -> dict[str, str]:
        """Each entity's name (for the explanations, made when first asked)."""
        return {i: e.name for i, e in self._entities.items()}

    @functools.cached_property
    def _forms(self) -> dict[str, Form]:
        """Each entity's form."""
        return {i: e.form for i, e in self._entities.items()}

    def exceeds(self, means: Means, target: str, total: float) -> bool:
        """Whether ``total`` votes (or seats) in ``target``'s pool of ``means`` give control."""
        if means is Means.BOARD:
            size = self._entities[target].board_size
            return size is not None and total * 2 > size
        return total > 50 + EPS

    def direct(self, a: str, b: str, controlled: Callable[[], frozenset[str]]) -> tuple[Means, ...]:
        """The means by which ``a`` alone controls ``b``; ``controlled``: what ``a`` controls.

        Means 5 counts what ``a`` controls (asked only for a pooled body of means 5).
        """
        if a == b or self._entities[a].form is Form.COLLECTIVE:
            return ()
        totals: dict[Means, float] = defaultdict(float)
        for e in self._into.get(b, ()):
            if e.holder == a:
                totals[e.means] += e.certain
        means = [m for m in POOLS if m in totals and self.exceeds(m, b, totals[m])]
        if Means.STATUTORY in totals:
            means.append(Means.STATUTORY)
        mems = self._every_member.get(b, frozenset())
        if b in self._need:
            ctl = controlled()
            if all(m == a or m in ctl for m in mems):
                means.append(Means.MEMBERS)
        return tuple(means)

    def row(self, a: str, mode: Mode) -> dict[str, int]:
        """What ``a`` controls in ``mode``, each with its rank (the order it was found in)."""
        key = (a, mode)
        found = self._rows.get(key)
        if found is None:
            found = self._rows[key] = self._closure(a, mode)
        return found

    def _closure(self, a: str, mode: Mode) -> dict[str, int]:
        if self._entities[a].form is Form.COLLECTIVE:
            return {}
        found: dict[str, int] = {}
        acc: dict[tuple[Means, str], float] = {}
        need: dict[str, int] = {}
        stack = [a]
        capital = mode == "capital"
        use_max = mode == "possible"
        board, statutory, shares = Means.BOARD, Means.STATUTORY, Means.SHAREHOLDING
        limit = 50 + EPS
        while stack:
            x = stack.pop()
            for e in self._out.get(x, ()):
                t = e.target
                if t == a or t in found:
                    continue
                m = e.means
                if capital and m is not shares:
                    continue
                if m is statutory:
                    found[t] = len(found)
                    stack.append(t)
                    continue
                k = (m, t)
                total = acc.get(k, 0.0) + (e.possible if use_max else e.certain)
                acc[k] = total
                if total > limit if m is not board else self.exceeds(m, t, total):
                    found[t] = len(found)
                    stack.append(t)
            if capital:
                continue
            for t in self._member_of.get(x, ()):
                if t == a or t in found:
                    continue
                left = need.get(t, self._need[t]) - 1
                need[t] = left
                if left == 0:
                    found[t] = len(found)
                    stack.append(t)
        return found

    def why(self, a: str, b: str) -> Why | None:
        """Why ``a`` controls ``b`` (``None`` if it does not); see ``Control.why``."""
        ranks = self.row(a, "certain")
        if b not in ranks:
            return None
        memo = self._whys.setdefault(a, {})
        if b in memo:
            return memo[b]
        # The entities a chain to b can pass through: holders into b found before it, and
        # theirs, recursively (without recursion); then build bottom-up in rank order. What
        # was explained before for the same controller is kept: a chain costs one step per link.
        needed = {b}
        stack = [b]
        while stack:
            x = stack.pop()
            rx = ranks[x]
            before = [e.holder for e in self._into.get(x, ())]
            before += self._every_member.get(x, ())
            for h in before:
                if h != a and h not in needed and h not in memo and h in ranks and ranks[h] < rx:
                    needed.add(h)
                    stack.append(h)
        for x in sorted(needed, key=ranks.__getitem__):
            memo[x] = self._why_one(a, x, ranks, memo)
        return memo[b]

    def _why_one(self, a: str, b: str, ranks: Mapping[str, int], memo: Mapping[str, Why]) -> Why:
        rb = ranks[b]

        def before(x: str) -> bool:
            return x == a or (x in ranks and ranks[x] < rb)

        sums: dict[Means, dict[str, list[Edge]]] = defaultdict(lambda: defaultdict(list))
        for e in self._into.get(b, ()):
            if before(e.holder):
                sums[e.means][e.holder].append(e)
        for m in (*POOLS, Means.STATUTORY):
            holders = sums.get(m)
            if not holders:
                continue
            total = sum(e.certain for es in holders.values() for e in es)
            if m is Means.STATUTORY or self.exceeds(m, b, total):
                order = sorted(holders, key=lambda h: -1 if h == a else ranks[h])
                if m is Means.STATUTORY:
                    order = order[:1]
                contributions = tuple(
                    Contribution(
                        h,
                        sum(e.certain for e in holders[h]),
                        tuple(e.key for e in holders[h]),
                        None if h == a else memo[h],
                        least=any(e.certain != e.possible for e in holders[h]),
                    )
                    for h in order
                )
                size = self._entities[b].board_size
                threshold = size / 2 if m is Means.BOARD and size is not None else 50.0
                return Why(
                    a,
                    b,
                    m,
                    0.0 if m is Means.STATUTORY else total,
                    threshold,
                    contributions,
                    self._names,
                    self._forms,
                )
        mems = sorted(
            self._every_member.get(b, frozenset()), key=lambda h: -1 if h == a else ranks[h]
        )
        contributions = tuple(Contribution(h, 0.0, (), None if h == a else memo[h]) for h in mems)
        return Why(a, b, Means.MEMBERS, 0.0, 0.0, contributions, self._names, self._forms)
