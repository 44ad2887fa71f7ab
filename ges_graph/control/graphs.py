"""The control graphs of one GES, and what is read off them in one walk.

:class:`Graphs` builds, when first asked, the control graph of each mode (certain, possible,
capital: :func:`~ges_graph.control.fixpoint.control_graph`), its components of mutual control,
and what an entity controls or is controlled by; :class:`~ges_graph.control.notions.Control`
asks it everything it says about control.

Examples:
    >>> from ges_graph.graph import GES
    >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
    ...     {"id": "a", "name": "A", "form": "association"},
    ...     {"id": "b", "name": "B", "form": "sas"},
    ...     {"id": "c", "name": "C", "form": "sarl"}], "relations": [
    ...     {"type": "shareholding", "from": "a", "to": "b", "share": 100},
    ...     {"type": "shareholding", "from": "b", "to": "c", "share": 51}]})
    >>> g = ges.control._g
    >>> dict(g.graph("certain")), sorted(g.below("certain", "a"))
    ({'b': {'a'}, 'c': {'b'}}, ['b', 'c'])
"""

from __future__ import annotations

import operator
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from ges_graph.control import fixpoint, walk
from ges_graph.control.components import (
    Condensed,
    ancestors,
    condense,
    descendants,
    walk_down,
)
from ges_graph.control.means import Edge, Means
from ges_graph.control.rows import Mode

__all__ = ["Graphs"]

_CERTAIN = operator.attrgetter("certain")
_POSSIBLE = operator.attrgetter("possible")


def _shareholdings(
    into: Mapping[str, Sequence[Edge]],
) -> tuple[dict[str, Sequence[Edge]], frozenset[str]]:
    """The shareholding edges into each entity, and the entities that have others too."""
    kept: dict[str, Sequence[Edge]] = {}
    differs: list[str] = []
    shares = Means.SHAREHOLDING
    for t, es in into.items():
        if len(es) == 1:  # most targets: the list is kept whole, or left out
            if es[0].means is shares:
                kept[t] = es
            else:
                differs.append(t)
            continue
        got = [e for e in es if e.means is shares]
        if got:
            kept[t] = got
        if len(got) != len(es):
            differs.append(t)
    return kept, frozenset(differs)


class Graphs:
    """The control graphs of one GES, built when first asked and kept.

    Args:
        ids: every entity id, in document order.
        into: the control-relevant edges into each entity.
        every_member: each body's listed members, natural persons included.
        need: the bodies of means 5.
        never: the entities that never control (collectives).
        exceeds: whether a total in a pool of a target gives control.
        has_ranges: whether some figure is a range (else possible control is certain control).
        only_shares: whether shareholdings are the only means (else capital control differs).
        members: the group members (whose head candidates :meth:`uncontrolled` reads in the
            walk that builds the certain graph, when the relations hold no cycle).
    """

    def __init__(
        self,
        ids: Sequence[str],
        into: Mapping[str, Sequence[Edge]],
        every_member: Mapping[str, frozenset[str]],
        need: Mapping[str, int],
        never: frozenset[str],
        exceeds: Callable[[Means, str, float], bool],
        *,
        has_ranges: bool,
        only_shares: bool,
        members: frozenset[str] = frozenset(),
    ) -> None:
        self._ids = ids
        self._members = members
        self._into = into
        self._every_member = every_member
        self._need = need
        self._never = never
        self._exceeds = exceeds
        self._has_ranges = has_ranges
        self._only_shares = only_shares
        self._cache: dict[tuple[str, ...], Any] = {}

    def _memo(self, key: tuple[str, ...], make: Callable[[], Any]) -> Any:
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]

    def _same(self, mode: Mode) -> Mode:
        """The mode whose graph is ``mode``'s (certain control's, where they are the same).

        Possible control is certain control when no figure is a range; capital control is, when
        shareholdings are the only means.
        """
        if mode == "possible" and not self._has_ranges:
            return "certain"
        if mode == "capital" and self._only_shares:
            return "certain"
        return mode

    def graph(self, mode: Mode) -> Mapping[str, set[str]]:
        """Each entity's immediate controllers in ``mode`` (:func:`fixpoint.control_graph`)."""
        mode = self._same(mode)

        if mode == "certain" and ("graph", "certain") not in self._cache:
            self._first()
        if mode == "capital" and ("graph", "capital") not in self._cache:
            self._first()

        def make() -> Mapping[str, set[str]]:
            into: Mapping[str, Sequence[Edge]] = self._into
            pools = {org: self._every_member[org] for org in self._need}
            reuse = None
            order = None
            if mode != "certain":
                self.graph("certain")
                # The certain graph's relations are a superset of these: its order serves.
                order = self._cache[("order",)]
            if mode == "capital":
                into, differs = _shareholdings(self._into)
                pools = {}
                # Where certain control read only shareholdings, capital control is the same.
                reuse = (self.graph("certain"), differs.union(self._need))
            parents, found = fixpoint.control_graph_ordered(
                self._ids,
                into,
                pools,
                self._exceeds,
                self._never,
                amount=_POSSIBLE if mode == "possible" else _CERTAIN,
                statutory=mode != "capital",
                reuse=reuse,
                order=order,
            )
            if mode == "certain":
                self._cache[("order",)] = found
            return parents

        return self._memo(("graph", mode), make)  # type: ignore[no-any-return]

    def _first(self) -> None:
        """The certain graph and, without a cycle of relations, the capital one in one walk.

        Without a cycle (most groups), one walk down the relations' order builds the certain
        and capital graphs (:func:`walk.acyclic_graphs`), each entity's children in both and
        the head candidates, all kept; with a cycle, the certain graph alone, component by
        component (the capital graph is then built when asked).
        """
        if ("graph", "certain") in self._cache:
            return
        cache = self._cache
        pools = {org: self._every_member[org] for org in self._need}
        order, succ, wanted = fixpoint.relation_order(self._ids, self._into, pools)
        cache[("order",)] = order
        if order is None:
            cache[("graph", "certain")] = fixpoint.cyclic_graph(
                wanted, succ, self._into, pools, self._exceeds, self._never
            )
            return
        capital = not self._only_shares
        got = walk.acyclic_graphs(
            order, self._into, pools, self._exceeds, self._never, self._members, capital=capital
        )
        cache[("graph", "certain")] = got.certain
        cache[("kids", "certain")] = got.kids
        cache[("uncontrolled",)] = got.uncontrolled
        if got.capital is not None:
            cache[("graph", "capital")] = got.capital
            cache[("kids", "capital")] = got.capital_kids

    @property
    def acyclic(self) -> bool:
        """Whether the relations hold no cycle (the certain graph is then built, if it was not).

        Then the control graph has none either, and a member that is not a head candidate has
        a member above it, hence (up a chain that ends) a candidate: with one candidate, that
        candidate controls every other member.
        """
        self._first()
        return self._cache[("order",)] is not None

    def kids(self, mode: Mode) -> Mapping[str, list[str]]:
        """The entities each entity is an immediate controller of."""
        mode = self._same(mode)

        def make() -> Mapping[str, list[str]]:
            kids: dict[str, list[str]] = defaultdict(list)
            for b, ps in self.graph(mode).items():
                for p in ps:
                    kids[p].append(b)
            return dict(kids)

        return self._memo(("kids", mode), make)  # type: ignore[no-any-return]

    def condensed(self, mode: Mode) -> Condensed:
        """The components of mutual control of the graph of ``mode``.

        Where the graph of ``mode`` is certain control's (:meth:`_same`), so are its components.
        """
        mode = self._same(mode)

        def make() -> Condensed:
            graph = self.graph(mode)
            # Without a cycle of relations, each entity is a component of its own, in the
            # order the certain graph was built in (the other modes keep their own order).
            order = self._cache[("order",)] if mode == "certain" else None
            return condense(self._ids, graph, order)

        return self._memo(("condensed", mode), make)  # type: ignore[no-any-return]

    def below(self, mode: Mode, a: str) -> frozenset[str]:
        """What ``a`` controls in ``mode`` (never ``a`` itself)."""
        mode = self._same(mode)
        got: frozenset[str] | None = self._cache.get(("below", mode, a))
        if got is not None:
            return got

        def make() -> frozenset[str]:
            if a in self._never:
                return frozenset()
            return frozenset(descendants(a, self.kids(mode)) - {a})

        return self._memo(("below", mode, a), make)  # type: ignore[no-any-return]

    def walk_below(self, mode: Mode, a: str) -> Iterable[str]:
        """What ``a`` controls in ``mode``: the set :meth:`below` kept, else a lazy walk."""
        mode = self._same(mode)
        got: frozenset[str] | None = self._cache.get(("below", mode, a))
        if got is not None:
            return got
        if a in self._never:
            return ()
        return walk_down(a, self.kids(mode))

    def above(self, mode: Mode, b: str) -> frozenset[str]:
        """What controls ``b`` in ``mode``."""
        mode = self._same(mode)
        return self._memo(  # type: ignore[no-any-return]
            ("above", mode, b),
            lambda: frozenset(ancestors(b, self.graph(mode)) - {b}),
        )

    def by_member(self, mem: frozenset[str]) -> tuple[Condensed, list[bool], list[int]]:
        """The components, whether a member is above each, and how many members each holds."""

        def make() -> tuple[Condensed, list[bool], list[int]]:
            cond = self.condensed("certain")
            return cond, cond.flag_above(mem), cond.count(mem)

        return self._memo(("by-member",), make)  # type: ignore[no-any-return]

    def uncontrolled(self, mem: frozenset[str]) -> list[str]:
        """The members that no other member controls (sorted ids): the head candidates.

        Nothing above them in the certain graph is a member, and no other member is in their
        component of mutual control. Without a cycle of relations each entity is a component of
        its own, and whether a member is above each entity is read in the order the graph was
        built in (controllers first), with no components made.
        """
        parents = self.graph("certain")
        if mem is self._members and ("uncontrolled",) in self._cache:
            return list(self._cache[("uncontrolled",)])
        order: list[str] | None = self._cache[("order",)]
        if order is None:
            cond, above, counts = self.by_member(mem)
            return sorted(m for m in mem if not above[i := cond.comp[m]] and counts[i] < 2)
        below_member: set[str] = set()
        for x in order:
            for p in parents.get(x, ()):
                if p in mem or p in below_member:
                    below_member.add(x)
                    break
        return sorted(mem - below_member)

    def controllers_of_any(self, mode: Mode, ids: Iterable[str]) -> frozenset[str]:
        """Every entity that controls at least one of ``ids`` other than itself, in ``mode``.

        One climb from all of ``ids`` at once, each entity carrying where it was reached from:
        one of ``ids``, or several (then some other than itself). An entity is climbed at most
        twice, whatever the number of ``ids``.
        """
        marked = frozenset(ids)
        if not marked:
            return frozenset()
        parents = self.graph(mode)
        first: dict[str, str] = {}  # reached from this one of ``ids`` alone so far
        many: set[str] = set()  # reached from two of them or more
        stack: list[tuple[str, str | None]] = [(x, x) for x in marked if x in parents]
        while stack:
            x, origin = stack.pop()
            for p in parents.get(x, ()):
                if p in many:
                    continue
                was = first.get(p)
                if was is None and origin is not None:
                    first[p] = origin
                    stack.append((p, origin))
                elif was != origin:
                    many.add(p)
                    stack.append((p, None))
        found = many.union(p for p, origin in first.items() if origin != p)
        return frozenset(found - self._never) if self._never else frozenset(found)

    def totals_below(
        self, mode: Mode, figures: Mapping[str, tuple[float, float]]
    ) -> dict[str, tuple[int, float, float]]:
        """Each entity controlling some of ``figures``' entities: how many, and their sums.

        Only the entities other than itself count. Summed from what each entity immediately
        controls where what it controls is a tree (each entity below with one immediate
        controller, no cycle): a chain costs one step per link. Elsewhere it is walked.
        """
        kids, parents = self.kids(mode), self.graph(mode)
        out: dict[str, tuple[int, float, float]] = {}
        tree: set[str] = set()  # entities what they control is a tree below
        for comp in reversed(self.condensed(mode).members):  # what is controlled first
            if len(comp) == 1:
                x = comp[0]
                ks = kids.get(x, ())
                if len(ks) == 1:  # a link of a chain: told without a generator
                    k = ks[0]
                    alone = k in tree and len(parents[k]) == 1
                else:
                    alone = all(k in tree and len(parents[k]) == 1 for k in ks)
                if alone:
                    tree.add(x)
                    n, s1, s2 = 0, 0.0, 0.0
                    for k in ks:
                        if (v := figures.get(k)) is not None:
                            n, s1, s2 = n + 1, s1 + v[0], s2 + v[1]
                        if (sub := out.get(k)) is not None:
                            n, s1, s2 = n + sub[0], s1 + sub[1], s2 + sub[2]
                    if n:
                        out[x] = (n, s1, s2)
                    continue
            for x in comp:
                below = [y for y in descendants(x, kids) if y != x and y in figures]
                if below:
                    vs = [figures[y] for y in below]
                    out[x] = (len(vs), sum(v[0] for v in vs), sum(v[1] for v in vs))
        return out

    def uncertain(self) -> frozenset[tuple[str, str]]:
        """(a, b) pairs where control is possible (ranges at ``max``) but not certain."""
        if not self._has_ranges:
            return frozenset()
        return self._memo(("uncertain",), self._uncertain)  # type: ignore[no-any-return]

    def _uncertain(self) -> frozenset[tuple[str, str]]:
        """What possibly but not certainly controls each entity, read down the possible graph.

        An entity alone in its component whose possible and certain immediate controllers are
        the same single entity ``p`` is possibly but not certainly controlled by what ``p`` is
        (less ``p`` itself): taken from ``p`` rather than walked again, so a chain under one
        range costs one step per link. Any other entity is walked.
        """
        possible, certain = self.graph("possible"), self.graph("certain")
        cond = self.condensed("possible")
        found: dict[str, frozenset[str]] = {}
        for comp in cond.members:  # sources first: a controller before what it controls
            for b in comp:
                ps = possible.get(b)
                if not ps:
                    continue
                if len(comp) == 1 and len(ps) == 1 and certain.get(b) == ps:
                    (p,) = ps
                    got = found.get(p, frozenset())
                    found[b] = got - {p} if p in got else got
                else:
                    found[b] = self.above("possible", b) - self.above("certain", b)
        return frozenset((a, b) for b, ups in found.items() for a in ups)

    def outside(self, mem: frozenset[str], outside: Iterable[str]) -> dict[str, frozenset[str]]:
        """Member → the entities of ``outside`` that control it and that no member controls.

        ``outside``: the entities that count as outside (none of them a member): they are read,
        a few, rather than every controller of the group.
        """
        # The controllers are the entities with children (kept by the walk that built the graph
        # where the relations hold no cycle).
        kids = self.kids("certain")
        controlling = [c for c in outside if c in kids and c not in mem]
        if not controlling:
            return {}  # no outsider controls anything
        cond, above, counts = self.by_member(mem)
        outsiders = {c for c in controlling if not above[cond.comp[c]] and not counts[cond.comp[c]]}
        if not outsiders:
            return {}
        own = [frozenset(x for x in c if x in outsiders) for c in cond.members]
        outs: list[frozenset[str]] = []
        for ups in cond.up:  # components come sources first: what is above is known
            got: frozenset[str] = frozenset()
            for u in ups:
                extra = outs[u] | own[u] if own[u] else outs[u]
                got = extra if not got else got | extra
            outs.append(got)
        return {m: outs[cond.comp[m]] for m in sorted(mem) if outs[cond.comp[m]]}

    def reaches_beyond(
        self, u: str, listed: Mapping[str, frozenset[str]], pools: frozenset[str]
    ) -> bool:
        """Whether ``u``'s coordinating reach may hold more than ``u`` (a cheap test first).

        False when ``u`` controls nothing, lists no member and is listed in no pooled body: its
        reach is itself alone, and it coordinates nobody.
        """
        return u in self.reaching(listed, pools)

    def reaching(
        self, listed: Mapping[str, frozenset[str]], pools: frozenset[str]
    ) -> frozenset[str]:
        """Every entity whose reach may hold more than itself (:meth:`reaches_beyond`), once."""
        got = self._cache.get(("reaching",))
        if got is None:
            self._orgs_of("", listed, pools)  # builds the index of pooled bodies by member
            got = frozenset(self.kids("certain")).union(
                (b for b, mems in listed.items() if mems), self._cache[("orgs",)]
            )
            self._cache[("reaching",)] = got
        return got

    def controlling(self) -> frozenset[str]:
        """Every entity that controls something, in some mode (certain, possible, capital).

        Nothing controls itself: an entity controls something exactly when it is an immediate
        controller of something.
        """
        return self._memo(  # type: ignore[no-any-return]
            ("controlling",),
            lambda: frozenset().union(*(self.kids(m) for m in ("certain", "possible", "capital"))),
        )

    def reach_from(
        self,
        start: Iterable[str],
        listed: Mapping[str, frozenset[str]],
        pools: frozenset[str],
        members: frozenset[str],
    ) -> frozenset[str]:
        """The reach from ``start`` in ``members``: what it controls, and pooled bodies it fills.

        ``listed`` gives each body's listed members; ``pools``, the bodies that close a reach.
        """
        self._orgs_of("", listed, pools)  # builds the index of pooled bodies by member
        orgs_of: dict[str, tuple[str, ...]] = self._cache[("orgs",)]
        if not orgs_of:
            start = list(start)
            if len(start) == 1:  # no pooled body closes a reach: the start and what it controls
                (s,) = start
                return frozenset((self.below("certain", s) | {s}) & members)
        kids = self.kids("certain")
        found: set[str] = set()
        need: dict[str, int] = {}
        stack: list[str] = []
        for s in start:
            if s not in found:
                found.add(s)
                stack.append(s)
        while stack:
            x = stack.pop()
            for y in kids.get(x, ()):
                if y not in found:
                    found.add(y)
                    stack.append(y)
            if orgs_of:
                for org in orgs_of.get(x, ()):
                    if org in found:
                        continue
                    left = need.get(org, len(listed[org])) - 1
                    need[org] = left
                    if left == 0:
                        found.add(org)
                        stack.append(org)
        return frozenset(found & members)

    def _orgs_of(
        self, x: str, listed: Mapping[str, frozenset[str]], pools: frozenset[str]
    ) -> Iterable[str]:
        idx = self._cache.get(("orgs",))
        if idx is None:
            acc: dict[str, list[str]] = defaultdict(list)
            for org in sorted(pools):
                for m in listed[org]:
                    acc[m].append(org)
            idx = {m: tuple(o) for m, o in acc.items()}
            self._cache[("orgs",)] = idx
        return idx.get(x, ())  # type: ignore[no-any-return]
