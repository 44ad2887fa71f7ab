"""Issue 16's open question: would entities as integers make control and the rules flat?

Run: ``./dev bench representation`` (or ``.venv/bin/python benchmarks/bench_representation.py
[--sizes 1000 100000]``).

Three targets of issue 16 are still not met (validate + classify flat within 2× from 1,000 to
100,000 entities, classify 20× VF2 at 30 entities, ``check --json`` within 2× its floor), and
profiles show no step to fix: the growth with size is spread over every loop that looks an
entity up by its id in a dictionary or a set as large as the group. The remedy proposed is
another representation: each entity a position in the document, each notion a list read in that
order. This benchmark measures what that representation would give, on the library's own work,
before anyone rewrites control for it.

For each size it times, per entity, the same passes three ways on the same GES:

- **by id** (the library as it stands): the passes that decide control in a group without a
  cycle, called as :class:`~ges_graph.control.notions.Control` calls them: the entities indexed
  (:func:`~ges_graph.control.reading.index_entities`), the relations read into edges
  (:func:`~ges_graph.control.means.read_edges`), Kahn's order
  (:func:`~ges_graph.control.fixpoint.relation_order`) and the one walk that decides each
  entity's controllers (:func:`~ges_graph.control.walk.acyclic_graphs`); and a rule's pass of
  the usual kind, the shares held in each entity summed by id (as ``capital-over-100`` does);
- **by position**: the same passes on integer tables: each id given its position once, in one
  pass over the document, then every notion a list indexed by positions. The walk here decides
  only what these shapes hold (one relation into each entity: a statutory control or a
  shareholding, whose holder controls above 50 %), so it is checked, not trusted: its
  controllers and its head candidates are compared with the library's before any timing;
- **by id, ids swapped for ints**: the library's own passes unchanged, run on edges whose ends
  are positions (dictionaries keyed by small integers rather than by strings): the cheap change
  one might try first, the swap timed with it, its answers compared too.

It prints the cost per entity at each size, how it grows from the first size to the last
(issue 16 asks for 2× at most), and how many times faster the positions are at each size. The
ways are timed in turn, round by round, the collector paused (a slow minute of this shared
machine then falls on both).
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

sys.path.insert(0, str(Path(__file__).parent))

from bench_scale import chain, one_head

from ges_graph.control import fixpoint, reading, walk
from ges_graph.control.means import EPS, Edge, read_edges
from ges_graph.graph import GES
from ges_graph.model import Form, Shareholding, StatutoryControl, certain

# -- by id: the library's own passes --------------------------------------------------------------


class ById(NamedTuple):
    """What the library's passes find: each entity's controllers, and the head candidates."""

    parents: dict[str, set[str]]
    uncontrolled: list[str]


def control_by_id(ges: GES) -> ById:
    """Index, edges, order and walk, as :class:`~ges_graph.control.notions.Control` runs them."""
    idx = reading.index_entities(ges.document.entities)
    relations = tuple(ges.relations_in_force())
    read = read_edges(relations, idx.entities, idx.forms)
    order, _succ, _wanted = fixpoint.relation_order(list(idx.entities), read.into, {})
    assert order is not None, "the shapes measured hold no cycle"
    got = walk.acyclic_graphs(
        order, read.into, {}, _over_half, idx.never, idx.members, capital=False
    )
    return ById(got.certain, got.uncontrolled)


def _over_half(_means: object, _target: object, seats: float) -> bool:
    return seats > 50 + EPS


def control_by_int_keys(ges: GES) -> ById:
    """The library's same passes, every id swapped for its position (dictionaries keyed by ints).

    The cheap change one might try first: the algorithms untouched, their keys small integers
    (whose hash is the integer itself, so that dictionaries read in order are read in memory
    order). The swap is made in the timing, and the answers translated back to be compared.
    """
    ents = ges.document.entities
    at = {e.id: n for n, e in enumerate(ents)}
    idx = reading.index_entities(ents)
    read = read_edges(tuple(ges.relations_in_force()), idx.entities, idx.forms)
    # Typed ``Any``: the passes are annotated for ids, and run here on positions.
    into: Any = {}
    for t, edges in read.into.items():
        into[at[t]] = [Edge(at[e.holder], at[e.target], *e[2:]) for e in edges]  # type: ignore[arg-type]
    nodes: Any = range(len(ents))
    order, _succ, _wanted = fixpoint.relation_order(nodes, into, {})
    assert order is not None, "the shapes measured hold no cycle"
    never: Any = frozenset(at[i] for i in idx.never)
    members: Any = frozenset(at[i] for i in idx.members)
    got: Any = walk.acyclic_graphs(order, into, {}, _over_half, never, members, capital=False)
    ids = [e.id for e in ents]
    parents = {ids[b]: {ids[p] for p in ps} for b, ps in got.certain.items()}
    return ById(parents, sorted(ids[x] for x in got.uncontrolled))


def shares_by_id(ges: GES) -> dict[str, float]:
    """The shares held in each entity, summed by id (a rule's usual pass)."""
    total: dict[str, float] = defaultdict(float)
    for _key, r in ges.relations_in_force():
        if type(r) is Shareholding:
            total[r.to] += certain(r.share)
    return total


# -- by position: the same passes on integer tables ----------------------------------------------

_LEGAL = frozenset(f for f in Form if f.can_be_group_member)


class ByPosition(NamedTuple):
    """The same answers, each entity a position in the document."""

    ids: list[str]
    parent: list[int]
    """Each entity's one controller, ``-1`` for none."""
    uncontrolled: list[int]


def tables(ges: GES) -> tuple[list[str], list[bool], list[tuple[int, int, int, float]]]:
    """The ids in document order, which are members, and each relation in force by position.

    A relation is (kind, holder, target, certain share): kind 1 a statutory control, 2 a
    shareholding; the others are left out (these shapes have none). Each id is looked up once
    per relation end here, and never again.
    """
    ents = ges.document.entities
    ids = [e.id for e in ents]
    at = {i: n for n, i in enumerate(ids)}
    member = [e.form in _LEGAL and not e.external for e in ents]
    rels: list[tuple[int, int, int, float]] = []
    for _key, r in ges.relations_in_force():
        if type(r) is Shareholding:
            rels.append((2, at[r.from_], at[r.to], certain(r.share)))
        elif type(r) is StatutoryControl:
            rels.append((1, at[r.from_], at[r.to], 0.0))
    return ids, member, rels


def control_by_position(ges: GES) -> ByPosition:
    """Kahn's order and the walk on lists indexed by position (one relation into each entity)."""
    ids, member, rels = tables(ges)
    n = len(ids)
    into: list[int] = [-1] * n  # the one relation into each entity, by its index in ``rels``
    succ: list[list[int]] = [[] for _ in range(n)]
    indegree = [0] * n
    for k, (_kind, h, t, _share) in enumerate(rels):
        assert into[t] == -1, "the shapes measured have one relation into each entity"
        into[t] = k
        indegree[t] += 1
        succ[h].append(t)
    order = [x for x in range(n) if indegree[x] == 0 and succ[x]]
    for x in order:  # Kahn: the list grows as targets lose their last relation in
        for t in succ[x]:
            indegree[t] -= 1
            if indegree[t] == 0:
                order.append(t)
    parent = [-1] * n
    below_member = [False] * n
    for b in order:
        k = into[b]
        if k < 0:
            continue
        kind, h, _t, share = rels[k]
        if kind == 1 or share > 50 + EPS:
            parent[b] = h
            if member[h] or below_member[h]:
                below_member[b] = True
    unc = [x for x in range(n) if member[x] and not below_member[x]]
    return ByPosition(ids, parent, unc)


def shares_by_position(rels: Sequence[tuple[int, int, int, float]], n: int) -> list[float]:
    """The shares held in each entity, summed by position (the tables already made)."""
    total = [0.0] * n
    for kind, _h, t, share in rels:
        if kind == 2:
            total[t] += share
    return total


def same_answers(ges: GES) -> None:
    """The positions' walk finds what the library finds: controllers, then head candidates."""
    lib = control_by_id(ges)
    ours = control_by_position(ges)
    ids = ours.ids
    mine = {ids[b]: {ids[p]} for b, p in enumerate(ours.parent) if p >= 0}
    assert mine == lib.parents, "the walk by position disagrees with the library's controllers"
    assert sorted(ids[x] for x in ours.uncontrolled) == lib.uncontrolled
    swapped = control_by_int_keys(ges)
    assert swapped.parents == lib.parents, "the passes on int keys disagree with the library"
    assert swapped.uncontrolled == lib.uncontrolled
    _ids, _member, rels = tables(ges)
    by_pos = shares_by_position(rels, len(ids))
    by_id = shares_by_id(ges)
    assert {ids[x]: v for x, v in enumerate(by_pos) if v} == dict(by_id)


# -- timing ---------------------------------------------------------------------------------------


def best_per_entity(fns: dict[str, Callable[[], Any]], n: int, rounds: int) -> dict[str, float]:
    """Each function's best time per entity (ns), the functions timed in turn, round by round."""
    best = dict.fromkeys(fns, float("inf"))
    for _ in range(rounds):
        for name, fn in fns.items():
            gc.collect()
            gc.disable()
            try:
                t0 = time.perf_counter()
                fn()
                best[name] = min(best[name], time.perf_counter() - t0)
            finally:
                gc.enable()
    return {name: t / n * 1e9 for name, t in best.items()}


def measure(make: Callable[[int], dict[str, Any]], n: int, rounds: int) -> dict[str, float]:
    """The five measures on one GES of ``n`` entities, built before the clock starts."""
    ges = GES.from_data(make(n))
    same_answers(ges)
    ids, _member, rels = tables(ges)
    fns: dict[str, Callable[[], Any]] = {
        "control by id": lambda: control_by_id(ges),
        "control by position (tables included)": lambda: control_by_position(ges),
        "control by id, ids swapped for ints (swap included)": lambda: control_by_int_keys(ges),
        "shares summed by id": lambda: shares_by_id(ges),
        "shares summed by position (tables made)": lambda: shares_by_position(rels, len(ids)),
    }
    return best_per_entity(fns, len(ids), rounds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs=2, default=[1_000, 100_000])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    low, high = args.sizes
    for label, make in (("one head", one_head), ("long chain", chain)):
        lo = measure(make, low, args.rounds * 3)
        hi = measure(make, high, args.rounds)
        print(f"\n{label}: ns per entity, {low:,} and {high:,} entities")
        print(f"| pass | {low:,} | {high:,} | growth (goal ≤ 2×) |")
        print("|---|---|---|---|")
        for name in lo:
            print(f"| {name} | {lo[name]:,.0f} | {hi[name]:,.0f} | {hi[name] / lo[name]:.2f}× |")
        names = list(lo)
        for by_id, by_pos in ((names[0], names[1]), (names[0], names[2]), (names[3], names[4])):
            print(
                f"- {by_pos}: {_than(lo[by_id], lo[by_pos])} {by_id} at {low:,}, "
                f"{_than(hi[by_id], hi[by_pos])} at {high:,}"
            )


def _than(base: float, other: float) -> str:
    """How ``other`` compares with ``base``: « 1.8× faster than » or « 1.4× slower than ».

    Examples:
        >>> _than(2.0, 1.0), _than(1.0, 1.4)
        ('2.0× faster than', '1.4× slower than')
    """
    if other <= base:
        return f"{base / other:.1f}× faster than"
    return f"{other / base:.1f}× slower than"


if __name__ == "__main__":
    main()
