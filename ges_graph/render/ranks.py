"""Where each entity sits, top to bottom: ranks from control and membership, wide fans stacked.

The tête de groupe is on top and every member it controls or federates is below it, whatever
the direction of the relations that tie them: a union is drawn above its member associations
(their memberships point up to it), a GIE of means below its members, a holder above what it
holds unless the held one controls it. :func:`rank_pairs` orients each governance or capital
relation in force that way and keeps a DAG; :func:`layer_ranks` layers it; :func:`stack_rows`
then moves the leaves of over-full rows down, on the rows under their holder that have room
(as Graphviz's ``unflatten`` staggers a fan), so that twenty subsidiaries of one holding make a
compact block rather than one row as wide as the group.

Examples:
    >>> pairs = [("h", f"s{i}") for i in range(7)] + [("t", "h")]
    >>> ids = ["h", "t", *(f"s{i}" for i in range(7))]
    >>> rows = stack_rows(layer_ranks(ids, pairs, "t"), pairs, 3)
    >>> [rows[f"s{i}"] for i in range(7)], rows["h"], rows["t"]
    ([2, 2, 2, 3, 3, 3, 4], 1, 0)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Container, Mapping, Sequence

from ges_graph.graph import GES
from ges_graph.model import Entity, Layer, Membership, Relation, RelationType
from ges_graph.vocabulary import Form

__all__ = [
    "BLOCKS",
    "BLOCK_MOST",
    "FAN",
    "RANKING_TYPES",
    "ROW_MOST",
    "balanced_children",
    "layer_ranks",
    "rank_pairs",
    "stack_blocks",
    "stack_rows",
    "upward",
    "upwards",
]

RANKING_TYPES = frozenset(t.value for t in RelationType if t.layer is not Layer.FLOWS)
"""Governance and capital relations place the entities; flows never do."""

ROW_MOST = 7
"""A row holds at most this many entities before its leaves are stacked below it."""


def upward(ges: GES, r: Relation, head: str | None, outside_after: bool = True) -> bool:
    """Whether ``r`` is drawn from bottom to top: its ``to`` sits above its ``from``.

    Nothing is drawn above the head: every relation from it goes down (the head's membership in
    a union puts the union under it, between it and the union's other members). Drawn upwards
    are a membership in a union (the union federates its members), every relation into the
    head (a federated member, a member or an outside partner holding a share or a seat of it:
    nothing is drawn above the head), a relation from an outside partner (``external``, or a
    natural person: not a group member) that does not control what it is tied to (a minority
    investor is drawn beside and after what it holds, so that its stakes do not cross the fan
    of the holder that controls it), and a relation
    whose ``to`` controls its ``from`` (and not the other way round). ``outside_after``: False to
    draw outside partners above what they hold, as any holder (the flows view, whose layout is
    made for its flows).
    """
    control = getattr(ges, "control", None)
    controls = None if control is None else control.controls
    return _upward(r, head, outside_after, ges.entity, controls)


def upwards(
    ges: GES, keyed: Sequence[tuple[str, Relation]], head: str | None, outside_after: bool = True
) -> dict[str, bool]:
    """:func:`upward` of each governance or capital relation of ``keyed``, by key.

    What each entity controls is read from ``ges.control`` once, not once a relation.

    Examples:
        >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
        ...     {"id": "u", "name": "U", "form": "union"},
        ...     {"id": "a", "name": "A", "form": "association"}], "relations": [
        ...     {"type": "membership", "from": "a", "to": "u"},
        ...     {"type": "flow", "from": "a", "to": "u", "kind": "service"}]})
        >>> upwards(ges, list(ges.relations.items()), None)
        {'relations[0]': True}
    """
    control = getattr(ges, "control", None)
    entities = ges.entities
    if control is None:
        entity = entities.__getitem__
        return {
            key: _upward(r, head, outside_after, entity, None)
            for key, r in keyed
            if r.type in RANKING_TYPES
        }
    # As _upward, written out: a function call per relation was most of the time.
    below: dict[str, frozenset[str]] = {}
    controlled, members = control.controlled, control.members
    union, membership = Form.UNION, RelationType.MEMBERSHIP.value
    ways: dict[str, bool] = {}
    for key, r in keyed:
        kind = r.type
        if kind not in RANKING_TYPES:
            continue
        a, b = r.from_, r.to
        if head in (a, b):
            # Into the head, upward, but from what controls it (from outside: the head is only
            # the members' head), which is drawn above it, whichever way a tie between them runs.
            other = a if b == head else b
            above = head in controlled(other) and other not in controlled(head)
            ways[key] = above if a == head else not above
            continue
        if kind == membership and entities[b].form is union:
            ways[key] = True
            continue
        held = below.get(a)
        if held is None:
            held = below[a] = controlled(a)
        if b in held:
            ways[key] = False
        elif outside_after and a not in members:  # an outside partner
            ways[key] = True
        else:
            held = below.get(b)
            if held is None:
                held = below[b] = controlled(b)
            ways[key] = a in held
    return ways


def _upward(
    r: Relation,
    head: str | None,
    outside_after: bool,
    entity: Callable[[str], Entity],
    controls: Callable[[str, str], bool] | None,
) -> bool:
    """:func:`upward`, given how to find an entity and whether one controls another."""
    if head in (r.from_, r.to):  # its owners and members under it; what controls it, above
        other = r.from_ if r.to == head else r.to
        above = controls is not None and controls(other, head) and not controls(head, other)
        return above if r.from_ == head else not above
    if isinstance(r, Membership) and entity(r.to).form is Form.UNION:
        return True
    outside = outside_after and not entity(r.from_).is_group_member
    if controls is None:
        return outside
    # What ``from`` controls is asked first: a holder controls most of what it is tied to, and
    # then what its ``to`` controls (a leaf's, most often) need not be read.
    if controls(r.from_, r.to):
        return False
    return outside or controls(r.to, r.from_)


def rank_pairs(
    ges: GES,
    keyed: Sequence[tuple[str, Relation]],
    head: str | None,
    outside_after: bool = True,
    ups: Mapping[str, bool] | None = None,
    live: Container[str] | None = None,
) -> list[tuple[str, str]]:
    """The (upper, lower) pairs that rank the layout: a DAG, nothing above the head but its owner.

    Governance and capital relations in force rank, oriented by :func:`upward` (a GIE of means
    below its members, a union above its own); flows never do. Every relation into
    the head is turned, so that its owners and members are drawn under it, but for what controls
    it (from outside the group: the head is the members' head), drawn above it. Then cycles are
    broken by a depth-first search started from the head, then from every entity in id order:
    the pairs that close a cycle are drawn but do not rank. ``outside_after``: see :func:`upward`.
    ``ups``: :func:`upward` of each ranking relation by key, when the caller has it already;
    ``live``: the keys of the relations in force, likewise.
    """
    as_of = ges.document.as_of
    succ: dict[str, set[str]] = {}
    for key, r in keyed:
        if r.type not in RANKING_TYPES:
            continue
        if as_of is not None and not (key in live if live is not None else r.in_force(as_of)):
            continue
        up = ups[key] if ups is not None else upward(ges, r, head, outside_after)
        upper, lower = (r.to, r.from_) if up else (r.from_, r.to)
        # nothing ranks above the head but what controls it: upward() sees to it
        lowers = succ.get(upper)
        if lowers is None:
            succ[upper] = {lower}
        else:
            lowers.add(lower)
    order = sorted(ges.entities)
    if head is not None:
        order.remove(head)
        order.insert(0, head)
    state: dict[str, int] = {}  # 1: on the stack, 2: done
    kept: list[tuple[str, str]] = []
    # Each node's successors in id order, taken from the end of a list sorted the other way.
    todos = {u: sorted(vs, reverse=True) for u, vs in succ.items()}
    for root in order:
        if root in state:
            continue
        state[root] = 1
        stack: list[tuple[str, list[str]]] = [(root, todos.get(root, []))]
        while stack:
            node, todo = stack[-1]
            if not todo:
                state[node] = 2
                stack.pop()
                continue
            nxt = todo.pop()
            seen = state.get(nxt)
            if seen == 1:
                continue  # closes a cycle: drawn, not ranked
            kept.append((node, nxt))
            if seen is None:
                below = todos.get(nxt)
                if below:
                    state[nxt] = 1
                    stack.append((nxt, below))
                else:  # a leaf: done at once
                    state[nxt] = 2
    return kept


def layer_ranks(
    ids: Sequence[str], pairs: Sequence[tuple[str, str]], head: str | None
) -> dict[str, int]:
    """Longest-path layering of the DAG, then owners pulled down to just above what they hold.

    Examples:
        >>> layer_ranks(["a", "b", "c", "x"], [("a", "b"), ("b", "c"), ("x", "c")], "a")
        {'a': 0, 'b': 1, 'c': 2, 'x': 1}
    """
    preds: dict[str, list[str]] = {}
    succs: dict[str, list[str]] = {}
    for u, v in pairs:
        preds.setdefault(v, []).append(u)
        succs.setdefault(u, []).append(v)
    rank: dict[str, int] = {}
    indegree = {v: len(p) for v, p in preds.items()}
    ready = [i for i in ids if i not in preds]
    while ready:
        node = ready.pop()
        above = preds.get(node)
        rank[node] = max([rank[p] for p in above]) + 1 if above else 0
        for s in succs.get(node, ()):
            indegree[s] -= 1
            if indegree[s] == 0:
                ready.append(s)
    # A source that is not the head (a minority owner, an external investor) sits just above
    # the highest entity it holds, rather than on the top row beside the head.
    for node, below in succs.items():
        if node not in preds and node != head:
            rank[node] = max(rank[node], min([rank[s] for s in below]) - 1)
    return dict(sorted(rank.items()))


def stack_rows(
    ranks: Mapping[str, int], pairs: Sequence[tuple[str, str]], most: int = ROW_MOST
) -> dict[str, int]:
    """The ranks with over-full rows thinned: their leaves stacked on rows below, holder by holder.

    A row of more than ``most`` entities keeps its inner entities (those that hold something)
    and the entities with several holders (or none) where they are; the leaves held by a single
    holder are then placed, holder by holder from the top, on the first rows under their holder
    that have room, so that a fan of twenty subsidiaries becomes a block of short rows. Nothing
    ever moves above its holder.
    """
    rank = dict(ranks)
    most = max(1, most)
    by_holder = _single_leaves(pairs)
    movable = {n for leaves in by_holder.values() for n in leaves}
    count: dict[int, int] = {}
    for n, r in rank.items():
        if n not in movable:
            count[r] = count.get(r, 0) + 1
    for holder in sorted(by_holder, key=lambda h: (rank[h], h)):
        row = rank[holder] + 1
        for leaf in by_holder[holder]:
            while count.get(row, 0) >= most:
                row += 1
            rank[leaf] = row
            count[row] = count.get(row, 0) + 1
    return rank


BLOCKS = 50
"""From this many entities, a big structure drawn left to right has its wide fans stacked in
blocks (:func:`stack_blocks`) rather than on the ranks that have room (:func:`stack_rows`)."""

BLOCK_MOST = 10
"""In a block, a column holds at most this many leaves of one holder."""


def stack_blocks(
    ranks: Mapping[str, int], pairs: Sequence[tuple[str, str]], most: int = BLOCK_MOST
) -> dict[str, int]:
    """The ranks with each holder's leaves stacked in a block of its own, whatever the others.

    The leaves held by a single holder (see :func:`stack_rows`) of a holder of more than
    ``most`` of them are dealt, in id order, over as few columns as hold them (as many in each,
    give or take one), on the ranks just under their holder: each holder's fan makes one
    compact block, beside the others' rather than mixed with them on shared ranks, so that the
    fans of two sector holdings no longer interleave. Nothing else moves.

    Examples:
        >>> pairs = [("h", f"s{i}") for i in range(5)] + [("t", "h"), ("t", "u")]
        >>> ranks = layer_ranks(["h", "t", "u", *(f"s{i}" for i in range(5))], pairs, "t")
        >>> rows = stack_blocks(ranks, pairs, 2)
        >>> [rows[f"s{i}"] for i in range(5)], rows["u"]
        ([2, 2, 3, 3, 4], 1)
    """
    rank = dict(ranks)
    most = max(1, most)
    by_holder = _single_leaves(pairs)
    for holder, leaves in sorted(by_holder.items()):
        if len(leaves) <= most:
            continue
        columns = math.ceil(len(leaves) / most)
        for i, leaf in enumerate(leaves):
            rank[leaf] = rank[holder] + 1 + i * columns // len(leaves)
    return rank


def _single_leaves(pairs: Sequence[tuple[str, str]]) -> dict[str, list[str]]:
    """Each holder's leaves held by it alone (holding nothing themselves), in id order."""
    preds: dict[str, list[str]] = {}
    holds: set[str] = set()
    for u, v in pairs:
        preds.setdefault(v, []).append(u)
        holds.add(u)
    movable = {n for n, p in preds.items() if len(p) == 1 and n not in holds}
    by_holder: dict[str, list[str]] = {}
    for n in sorted(movable):
        by_holder.setdefault(preds[n][0], []).append(n)
    return by_holder


FAN = 3
"""A child with at least this many entities under it is a fan that :func:`balanced_children`
draws in the middle of its holder's leaves."""


def balanced_children(pairs: Sequence[tuple[str, str]]) -> dict[str, list[str]]:
    """The children of holders of both a big fan and leaves: the biggest fan in the middle.

    The child with the most entities under it goes in the middle, the others in id order half
    on each side, so that the biggest fan (a holding's subsidiaries) is drawn between its
    holder's other children (sister associations), beside them rather than under them; the
    others tied to the fan below it (members of its GIE) go next to it. Holders of leaves only,
    of fans only, or of no fan of :data:`FAN` entities at least, are left out: ``dot``'s own
    order is as good.

    Examples:
        >>> fan = [("h", "x"), ("h", "y"), ("h", "z")]
        >>> balanced_children([("t", "a"), ("t", "b"), ("t", "h"), ("t", "c"), *fan])
        {'t': ['a', 'h', 'b', 'c']}
    """
    succs: dict[str, list[str]] = {}
    for u, v in pairs:
        succs.setdefault(u, []).append(v)
    # Entities under each node, along every path (a DAG: it ends); none under a leaf.
    size: dict[str, int] = {v: 0 for _, v in pairs if v not in succs}
    for root in sorted(succs):
        stack = [root]
        while stack:
            node = stack[-1]
            todo = [c for c in succs[node] if c not in size]
            if todo:
                stack.extend(todo)
                continue
            stack.pop()
            below = succs[node]
            size[node] = len(below) + sum([size[c] for c in below])
    out: dict[str, list[str]] = {}
    for u, children in succs.items():
        kids = sorted(dict.fromkeys(children))
        biggest = max(kids, key=size.__getitem__)  # the first in id order among equals
        if size[biggest] < FAN or not any(size[c] == 0 for c in kids):
            continue
        near = _below(succs, biggest)
        rest = [c for c in kids if c != biggest]
        # Those tied to the biggest fan below it (members of its GIE) go next to it, before it.
        tied = [c for c in rest if c in near or (c in succs and near & _below(succs, c))]
        free = [c for c in rest if c not in tied]
        half = max(0, len(rest) // 2 - len(tied))
        out[u] = [*free[:half], *tied, biggest, *free[half:]]
    return out


def _below(succs: Mapping[str, Sequence[str]], node: str) -> set[str]:
    """The entities under ``node``."""
    seen: set[str] = set()
    todo = list(succs.get(node, ()))
    while todo:
        child = todo.pop()
        if child not in seen:
            seen.add(child)
            todo.extend(succs.get(child, ()))
    return seen
