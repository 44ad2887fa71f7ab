"""Components of mutual control, and walks up and down a control graph.

:class:`Condensed` (the components of a control graph, controllers first, with what is above
each), :func:`ancestors` and :func:`descendants`, read off the control graph that
:mod:`ges_graph.control.fixpoint` builds.

Examples:
    >>> c = Condensed("abc", {"a": {"b"}, "b": {"a"}, "c": {"a"}})
    >>> sorted(c.members[c.comp["a"]]), c.up[c.comp["c"]] == (c.comp["a"],)
    (['a', 'b'], True)
    >>> sorted(descendants("a", {"a": ["b"], "b": ["c"]}))
    ['b', 'c']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence

from ges_graph.control.fixpoint import peel, tarjan

__all__ = ["Condensed", "ancestors", "condense", "descendants", "walk_down"]


def ancestors(x: str, parents: Mapping[str, Iterable[str]]) -> set[str]:
    """Everything above ``x`` (``x`` itself only through a cycle).

    Examples:
        >>> sorted(ancestors("c", {"c": ["b"], "b": ["a"]}))
        ['a', 'b']
    """
    seen: set[str] = set()
    stack = list(parents.get(x, ()))
    while stack:
        y = stack.pop()
        if y not in seen:
            seen.add(y)
            stack.extend(parents.get(y, ()))
    return seen


descendants = ancestors
"""Everything below ``x``, given the children of each entity (the same walk)."""


def walk_down(x: str, kids: Mapping[str, Iterable[str]]) -> Iterator[str]:
    """What :func:`descendants` finds, less ``x``, each once, as the walk reaches it.

    The walk goes only as far as it is read: a count that stops at its bound stops it.

    Examples:
        >>> walk = walk_down("a", {"a": ["b"], "b": ["c", "a"]})
        >>> next(walk), sorted(walk)
        ('b', ['c'])
    """
    seen: set[str] = set()
    stack = list(kids.get(x, ()))
    while stack:
        y = stack.pop()
        if y not in seen:
            seen.add(y)
            if y != x:
                yield y
            stack.extend(kids.get(y, ()))


class Condensed:
    """The components of mutual control of a control graph, ordered sources first.

    Args:
        nodes: every entity id.
        parents: the control graph (:func:`control_graph`).

    Attributes:
        comp: entity → the index of its component.
        members: the entities of each component.
        up: the components directly above each component (others than itself).

    Examples:
        >>> c = Condensed("abc", {"b": {"a", "c"}, "c": {"b"}})
        >>> c.members[c.comp["b"]] == c.members[c.comp["c"]], c.up[c.comp["a"]]
        (True, ())
        >>> c.flag_above(["a"]), c.count(["a", "b", "c"])
        ([False, True], [1, 2])
    """

    def __init__(
        self,
        nodes: Iterable[str],
        parents: Mapping[str, Iterable[str]],
        order: Sequence[str] | None = None,
    ) -> None:
        if order is not None:
            self._singletons(nodes, parents, order)
            return
        kids: dict[str, list[str]] = {}
        left: dict[str, int] = {}
        for b, ps in parents.items():
            n = 0
            for p in ps:
                n += 1
                got = kids.get(p)
                if got is None:
                    kids[p] = [b]
                else:
                    got.append(b)
            if n:
                left[b] = n
        nodes = list(nodes)
        # Controllers before what they control, peeled as in a topological sort (each entity
        # is then a component of its own): only what lies on or below a cycle of mutual
        # control needs Tarjan's walk, after everything peeled (nothing peeled is below it).
        order = peel([x for x in nodes if x not in left], kids, left)
        comps: list[list[str]] = [[x] for x in order]
        if len(order) < len(nodes):
            done = set(order)
            comps += reversed(tarjan([x for x in nodes if x not in done], kids, done))
        self.members: list[list[str]] = comps
        comp = {x: i for i, x in enumerate(order)}
        for i in range(len(order), len(comps)):
            for x in comps[i]:
                comp[x] = i
        self.comp: dict[str, int] = comp
        up: list[tuple[int, ...]] = []
        empty: tuple[int, ...] = ()
        for i, c in enumerate(comps):
            if len(c) == 1:
                over = parents.get(c[0])
                up.append(tuple({comp[p] for p in over}) if over else empty)
            else:
                seen = {comp[p] for x in c for p in parents.get(x, ())}
                seen.discard(i)
                up.append(tuple(seen))
        self.up = up

    def _singletons(
        self, nodes: Iterable[str], parents: Mapping[str, Iterable[str]], order: Sequence[str]
    ) -> None:
        """Every entity a component of its own (the graph has no cycle).

        ``order`` lists, controllers first, every entity with a controller or controlling
        something.
        """
        tied = set(order)
        ordered = [x for x in nodes if x not in tied]
        ordered += order
        self.members = [[x] for x in ordered]
        comp = {x: i for i, x in enumerate(ordered)}
        self.comp = comp
        empty: tuple[int, ...] = ()
        up: list[tuple[int, ...]] = []
        for x in ordered:
            over = parents.get(x)
            if not over:
                up.append(empty)
            elif len(over) == 1:  # type: ignore[arg-type]
                up.append((comp[next(iter(over))],))
            else:
                up.append(tuple({comp[p] for p in over}))
        self.up = up

    def _has(self, marked: Iterable[str]) -> list[bool]:
        has = [False] * len(self.members)
        comp = self.comp
        for x in marked:
            i = comp.get(x)
            if i is not None:
                has[i] = True
        return has

    def count(self, marked: Iterable[str]) -> list[int]:
        """For each component: how many of the (distinct) ``marked`` entities it holds."""
        counts = [0] * len(self.members)
        comp = self.comp
        for x in marked:
            i = comp.get(x)
            if i is not None:
                counts[i] += 1
        return counts

    def flag_above(self, marked: Iterable[str]) -> list[bool]:
        """For each component: whether a marked entity is in a component strictly above it."""
        out: list[bool] = []
        has = self._has(marked)
        for ups in self.up:
            out.append(any(has[u] or out[u] for u in ups) if ups else False)
        return out

    def flag_below(self, marked: Iterable[str], down: Sequence[Sequence[int]]) -> list[bool]:
        """For each component: whether a marked entity is in a component strictly below it."""
        has = self._has(marked)
        out = [False] * len(self.members)
        for i in reversed(range(len(self.members))):
            ds = down[i]
            if ds:
                out[i] = any(has[d] or out[d] for d in ds)
        return out

    def down(self) -> list[list[int]]:
        """The components directly below each component."""
        d: list[list[int]] = [[] for _ in self.members]
        for i, ups in enumerate(self.up):
            for u in ups:
                d[u].append(i)
        return d


def condense(
    nodes: Iterable[str],
    parents: Mapping[str, Iterable[str]],
    order: Sequence[str] | None = None,
) -> Condensed:
    """The components of mutual control of ``parents`` (see :class:`Condensed`).

    ``order``: when the graph is known to have no cycle, the entities with a controller or
    controlling something, controllers first (each entity is then a component of its own).
    """
    return Condensed(nodes, parents, order)
