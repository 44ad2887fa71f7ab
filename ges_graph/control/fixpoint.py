"""Control as a sparse graph: each entity's immediate controllers, found in linear time.

"A controls B" is a least fixed point (``schemas.md``): what A and the entities A controls hold
in B, pool by pool, or a statutory control from one of them, or (means 5) every listed member of
a pooled body being A or controlled by A. Stored whole, it is quadratic (a chain of 6,000
shareholdings has 18 million pairs). It is transitive, so it is kept here as a graph whose
*ancestors* are the controllers: ``parents[b]`` holds some of B's controllers, such that every
controller of B is one of them or an ancestor of one of them, and every ancestor controls B.

The graph is built target by target, holders first (the strongly connected components of the
relations, sources first; inside a component, rounds until nothing changes, which reaches the
least fixed point since each round only adds controllers that are justified). For one target and
one pool, the controllers are the entities above enough of the holders: :func:`_above` climbs from
the holders through ``parents``, adding up what each entity has below it, and stops at the first
entity over the threshold on each path (everything above it controls too). When one holder alone
passes the threshold and the others together do not, that holder is the answer at once: a chain
costs one step per link.

Examples:
    >>> from ges_graph.control.means import Edge, Means
    >>> e = [Edge("a", "b", Means.SHAREHOLDING, 60, 60, "r0"),
    ...      Edge("b", "c", Means.SHAREHOLDING, 30, 30, "r1"),
    ...      Edge("a", "c", Means.SHAREHOLDING, 30, 30, "r2")]
    >>> parents = control_graph(
    ...     ["a", "b", "c"], {"b": e[:1], "c": e[1:]}, {}, lambda m, t, s: s > 50, frozenset(),
    ...     amount=lambda x: x.certain)
    >>> {k: sorted(v) for k, v in parents.items()}
    {'b': ['a'], 'c': ['a']}
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence

from ges_graph.control.means import Edge, Means

__all__ = [
    "control_graph",
    "control_graph_ordered",
    "cyclic_graph",
    "peel",
    "relation_order",
    "strong_components",
    "tarjan",
]

Exceeds = Callable[[Means, str, float], bool]
"""Whether a total in one pool gives control of a target: ``(means, target, total) -> bool``."""


def strong_components(nodes: Iterable[str], succ: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """The strongly connected components, sinks first (Tarjan, without recursion).

    Examples:
        >>> strong_components("abcd", {"a": "b", "b": "ac", "c": "d"})
        [['d'], ['c'], ['b', 'a']]
    """
    nodes = list(nodes)
    # Sources first, peeled off as in a topological sort (each is a component of its own, and
    # nothing left points back to it): only what lies on or below a cycle needs Tarjan's walk.
    wanted = set(nodes)
    indegree = dict.fromkeys(nodes, 0)
    for x in nodes:
        for y in succ.get(x, ()):
            if y in wanted:
                indegree[y] += 1
    peeled = [x for x in nodes if not indegree[x]]
    for x in peeled:  # grows while it is read
        for y in succ.get(x, ()):
            if y in wanted:
                indegree[y] -= 1
                if not indegree[y]:
                    peeled.append(y)
    done = set(peeled)
    out = tarjan([x for x in nodes if x not in done], succ, done)
    out.extend([x] for x in reversed(peeled))
    return out


def tarjan(
    nodes: Iterable[str], succ: Mapping[str, Iterable[str]], skip: set[str]
) -> list[list[str]]:
    """Tarjan's components of ``nodes``, sinks first, never entering ``skip``."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on: set[str] = set()
    stack: list[str] = []
    out: list[list[str]] = []
    for root in nodes:
        if root in index:
            continue
        index[root] = low[root] = len(index)
        stack.append(root)
        on.add(root)
        work = [(root, iter(succ.get(root, ())))]
        while work:
            v, it = work[-1]
            for w in it:
                if w in skip:
                    continue
                if w not in index:
                    index[w] = low[w] = len(index)
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(succ.get(w, ()))))
                    break
                if w in on and index[w] < low[v]:
                    low[v] = index[w]
            else:
                work.pop()
                if work and low[v] < low[work[-1][0]]:
                    low[work[-1][0]] = low[v]
                if low[v] == index[v]:
                    comp: list[str] = []
                    while True:
                        w = stack.pop()
                        on.discard(w)
                        comp.append(w)
                        if w == v:
                            break
                    out.append(comp)
    return out


def control_graph(
    nodes: Sequence[str],
    into: Mapping[str, Sequence[Edge]],
    pools: Mapping[str, frozenset[str]],
    exceeds: Exceeds,
    never: frozenset[str],
    *,
    amount: Callable[[Edge], float],
    statutory: bool = True,
    reuse: tuple[Mapping[str, set[str]], frozenset[str]] | None = None,
) -> dict[str, set[str]]:
    """Each entity's immediate controllers (see the module's docstring).

    Args:
        nodes: every entity id.
        into: the control-relevant edges into each entity (their holder is never in ``never``).
        pools: means 5: each pooled body with every listed member it must have.
        exceeds: whether a total in a pool of a target gives control of it.
        never: entities that never control (collectives).
        amount: the figure of an edge (certain or possible).
        statutory: whether ``statutory`` edges count (not for capital control).
        reuse: ``(graph, differs)``: a graph built from a superset of these edges and pools,
            and the targets where it had more of them. An entity none of whose holders' edges
            and pools differ, nor those of anything above them, has the same controllers: they
            are taken from ``graph`` (capital control from certain control, in one walk).

    Returns:
        ``parents``: entity → some of its controllers, the others being their ancestors.
    """
    return control_graph_ordered(
        nodes, into, pools, exceeds, never, amount=amount, statutory=statutory, reuse=reuse
    )[0]


def control_graph_ordered(
    nodes: Sequence[str],
    into: Mapping[str, Sequence[Edge]],
    pools: Mapping[str, frozenset[str]],
    exceeds: Exceeds,
    never: frozenset[str],
    *,
    amount: Callable[[Edge], float],
    statutory: bool = True,
    reuse: tuple[Mapping[str, set[str]], frozenset[str]] | None = None,
    order: Sequence[str] | None = None,
) -> tuple[dict[str, set[str]], list[str] | None]:
    """:func:`control_graph`, and the order it took the targets in when the relations are acyclic.

    ``order``: an order of targets, holders first, known to hold no cycle of these relations
    (that of a graph built from a superset of them): the components are not sought again. The
    order returned is ``None`` when some relations form a cycle; else it lists every entity
    with a relation, holders first: the control graph has no cycle either (a controller holds,
    or is above a holder of, what it controls), and any graph of fewer of these relations can
    be built in the same order.
    """
    if order is not None:
        return _acyclic(order, into, pools, exceeds, never, amount, statutory, reuse), list(order)
    topo, succ, wanted = relation_order(nodes, into, pools)
    if topo is not None:
        return _acyclic(topo, into, pools, exceeds, never, amount, statutory, reuse), topo
    return _cyclic(wanted, succ, into, pools, exceeds, never, amount, statutory, reuse), None


def relation_order(
    nodes: Sequence[str],
    into: Mapping[str, Sequence[Edge]],
    pools: Mapping[str, frozenset[str]],
) -> tuple[list[str] | None, dict[str, list[str]], list[str]]:
    """The entities with a relation, holders first, or ``None`` when the relations hold a cycle.

    Also returns what each entity bears on (holdings, pooled bodies it is listed in) and the
    entities with a relation (the others have no controller): in the order of ``nodes`` when
    they hold a cycle, else the order found (the same entities). Every key of ``into`` and
    ``pools``, and every holder and listed member, must be one of ``nodes``.

    Examples:
        >>> from ges_graph.control.means import Edge, Means
        >>> e = Edge("b", "a", Means.STATUTORY, 0, 0, "r0")
        >>> relation_order(["a", "b", "c"], {"a": [e]}, {})[0]
        ['b', 'a']
    """
    succ: dict[str, list[str]] = defaultdict(list)
    # How many relations come into each entity, counted as they are read: Kahn's order then
    # needs no second pass over them (:func:`_sources_first` counts them from ``succ``).
    indegree: dict[str, int] = {}
    for t, edges in into.items():
        indegree[t] = len(edges)
        for e in edges:
            succ[e.holder].append(t)
    for org, mems in pools.items():
        indegree[org] = indegree.get(org, 0) + len(mems)
        for m in mems:
            succ[m].append(org)
    # The entities with a relation (the others have no controller): every key of ``succ`` and
    # ``indegree`` is one of ``nodes``. Those with none into them are the sources, in the order
    # of ``nodes``; the whole list, in that order, is made only for a cycle.
    sources = [x for x in nodes if x in succ and x not in indegree]
    # The entities with a relation: those with one into them, and the sources (every other key
    # of ``succ``), so many that an order of them all leaves no cycle.
    with_relation = len(indegree) + len(sources)
    order = peel(sources, succ, indegree)
    if len(order) == with_relation:
        return order, succ, order
    return None, succ, [x for x in nodes if x in succ or x in indegree]


def _cyclic(
    wanted: list[str],
    succ: Mapping[str, Sequence[str]],
    into: Mapping[str, Sequence[Edge]],
    pools: Mapping[str, frozenset[str]],
    exceeds: Exceeds,
    never: frozenset[str],
    amount: Callable[[Edge], float],
    statutory: bool,
    reuse: tuple[Mapping[str, set[str]], frozenset[str]] | None,
) -> dict[str, set[str]]:
    """:func:`control_graph` where the relations hold a cycle: component by component."""
    comps = strong_components(wanted, succ)
    parents: dict[str, set[str]] = {}
    same: set[str] = set()  # with ``reuse``: what has the same controllers as in its graph
    for comp in reversed(comps):
        if len(comp) == 1 and comp[0] not in succ.get(comp[0], ()):
            b = comp[0]
            if (
                reuse is not None
                and b not in reuse[1]
                and all(e.holder in same for e in into.get(b, ()))
            ):
                same.add(b)
                if known := reuse[0].get(b):
                    parents[b] = known
                continue
            found = _controllers(b, into, pools, exceeds, never, parents, amount, statutory)
            if found:
                parents[b] = found
            continue
        changed = True
        while changed:  # rounds inside a cycle; each only adds controllers, so this ends
            changed = False
            for b in comp:
                found = _controllers(b, into, pools, exceeds, never, parents, amount, statutory)
                known = parents.setdefault(b, set())
                if not found <= known:
                    known |= found
                    changed = True
            for b in comp:
                if not parents.get(b, True):
                    del parents[b]
    return parents


def cyclic_graph(
    wanted: list[str],
    succ: Mapping[str, Sequence[str]],
    into: Mapping[str, Sequence[Edge]],
    pools: Mapping[str, frozenset[str]],
    exceeds: Exceeds,
    never: frozenset[str],
) -> dict[str, set[str]]:
    """The certain control graph where the relations hold a cycle (:func:`relation_order`)."""
    return _cyclic(wanted, succ, into, pools, exceeds, never, _certain, True, None)


def _sources_first(nodes: list[str], succ: Mapping[str, Iterable[str]]) -> list[str] | None:
    """``nodes`` in a topological order, sources first (Kahn's); ``None`` on a cycle.

    The order is the one :func:`strong_components` peels: the sources in the order given, then
    each node once everything before it is read.
    """
    indegree = dict.fromkeys(nodes, 0)
    for x in nodes:
        for y in succ.get(x, ()):
            if y in indegree:
                indegree[y] += 1
    order = peel([x for x in nodes if not indegree[x]], succ, indegree)
    return order if len(order) == len(nodes) else None


def peel(order: list[str], succ: Mapping[str, Iterable[str]], left: dict[str, int]) -> list[str]:
    """Kahn's order: ``order`` (the sources, as given), grown by each node once all it comes after.

    ``left`` counts, for each node, the arrows into it not yet read, and is spent; a node it does
    not hold is passed over. The order is shorter than the nodes when they hold a cycle.

    Examples:
        >>> peel(["a"], {"a": ["b", "c"], "b": ["c"], "c": ["x"]}, {"b": 1, "c": 2})
        ['a', 'b', 'c']
    """
    for x in order:  # grows while it is read
        for y in succ.get(x, ()):
            n = left.get(y)
            if n is None:
                continue
            left[y] = n - 1
            if n == 1:
                order.append(y)
    return order


def _acyclic(
    order: Iterable[str],
    into: Mapping[str, Sequence[Edge]],
    pools: Mapping[str, frozenset[str]],
    exceeds: Exceeds,
    never: frozenset[str],
    amount: Callable[[Edge], float],
    statutory: bool,
    reuse: tuple[Mapping[str, set[str]], frozenset[str]] | None,
) -> dict[str, set[str]]:
    """:func:`control_graph` over targets in an order without cycle, holders first.

    A target with one relation into it and in no pool (most of them) is decided here: its
    holder controls it or nothing does.
    """
    parents: dict[str, set[str]] = {}
    known, differs = ({}, frozenset()) if reuse is None else reuse
    same: set[str] = set()  # with ``reuse``: what has the same controllers as in its graph
    statutory_means = Means.STATUTORY
    for b in order:
        edges = into.get(b, ())
        if reuse is not None and b not in differs:
            for e in edges:
                if e.holder not in same:
                    break
            else:
                same.add(b)
                if got := known.get(b):
                    parents[b] = got
                continue
        if len(edges) == 1 and b not in pools:
            e = edges[0]
            h = e.holder
            if h == b:
                continue
            means = e.means
            if means is statutory_means:
                if statutory:
                    parents[b] = {h}
            elif h not in never and exceeds(means, b, amount(e)):
                parents[b] = {h}
            continue
        if not edges and b not in pools:
            continue  # a holder that nothing holds
        found = _controllers(b, into, pools, exceeds, never, parents, amount, statutory)
        if found:
            parents[b] = found
    return parents


def _certain(e: Edge) -> float:
    return e.certain


def _controllers(
    b: str,
    into: Mapping[str, Sequence[Edge]],
    pools: Mapping[str, frozenset[str]],
    exceeds: Exceeds,
    never: frozenset[str],
    parents: Mapping[str, set[str]],
    amount: Callable[[Edge], float],
    statutory: bool,
) -> set[str]:
    """Controllers of ``b`` whose ancestors are all the others, given the graph so far."""
    edges = into.get(b, ())
    if len(edges) == 1 and b not in pools:  # one relation into b (most targets): decided here
        e = edges[0]
        h = e.holder
        if h == b:
            return set()
        if e.means is Means.STATUTORY:
            return {h} if statutory else set()
        return {h} if h not in never and exceeds(e.means, b, amount(e)) else set()
    found: set[str] = set()
    by_pool: dict[Means, dict[str, float]] = {}
    for e in edges:
        if e.means is Means.STATUTORY:
            if statutory and e.holder != b:
                found.add(e.holder)
            continue
        held = by_pool.setdefault(e.means, {})
        held[e.holder] = held.get(e.holder, 0.0) + amount(e)
    for means, held in by_pool.items():
        if len(held) == 1:  # one holder: it controls, or nothing in this pool does
            ((h, v),) = held.items()
            if h != b and h not in never:
                if exceeds(means, b, v):
                    found.add(h)
                continue

        def enough(total: float, means: Means = means) -> bool:
            return exceeds(means, b, total)

        found |= _above(b, held, enough, never, parents)
    mems = pools.get(b)
    if mems:
        need = len(mems) - 0.5
        found |= _above(b, dict.fromkeys(mems, 1.0), lambda s: s > need, never, parents)
    return found


def _above(
    b: str,
    held: Mapping[str, float],
    enough: Callable[[float], bool],
    never: frozenset[str],
    parents: Mapping[str, set[str]],
) -> set[str]:
    """The lowest entities that are, or are above, holders of enough of ``held`` to pass.

    An entity counts the holders it is or is above; the climb stops at an entity that passes
    (what is above it passes too), and never takes ``b`` or an entity of ``never`` as one.
    """
    total = sum(held.values())
    if not enough(total):
        return set()
    for h, v in held.items():
        if enough(v) and not enough(total - v) and h != b and h not in never:
            return {h}  # the others together cannot pass without h: h and what is above it
    values = list(held.values())
    below: dict[str, int] = {}
    sums: dict[str, float] = {}
    work: list[str] = []
    for i, h in enumerate(held):
        below[h] = 1 << i
        sums[h] = values[i]
        work.append(h)
    found: set[str] = set()
    while work:
        x = work.pop()
        if x != b and x not in never and enough(sums[x]):
            found.add(x)
            continue
        mask = below[x]
        for p in parents.get(x, ()):
            old = below.get(p, 0)
            added = mask & ~old
            if not added:
                continue
            below[p] = old | added
            s = sums.get(p, 0.0)
            while added:
                low = added & -added
                s += values[low.bit_length() - 1]
                added ^= low
            sums[p] = s
            work.append(p)
    return found
