"""What :class:`~ges_graph.control.notions.Control` reads off a GES before any control is known.

The entities indexed (forms, families, members), the pooled bodies of means 5 and those that
close a reach (:func:`member_pools`), and the tables of shareholdings (:func:`share_index`,
:func:`own_votes_of`). Each is read once, in one pass, with the forms' properties read once per
form rather than once per entity.

Examples:
    >>> from ges_graph.graph import GES
    >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
    ...     {"id": "a", "name": "A", "form": "association"},
    ...     {"id": "b", "name": "B", "form": "association"},
    ...     {"id": "g", "name": "GIE", "form": "gie"}], "relations": [
    ...     {"type": "membership", "from": "a", "to": "g"},
    ...     {"type": "membership", "from": "b", "to": "g"}]})
    >>> c = ges.control
    >>> pools = member_pools(c._entities, {"g": {"a", "b"}}, {}, set(), {})
    >>> dict(pools.need), sorted(pools.pools), pools.only_shares
    ({'g': 2}, ['g'], False)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from ges_graph.control.means import Edge, Means
from ges_graph.model import Convention, Entity, Family, Form, Relation

if TYPE_CHECKING:
    from ges_graph.control.graphs import Graphs
    from ges_graph.control.rows import Rows

__all__ = [
    "FAMILY",
    "IAE",
    "LEGAL",
    "Index",
    "Pools",
    "State",
    "index_entities",
    "member_pools",
    "own_votes_of",
    "share_index",
]

FAMILY = {f: f.family for f in Form}
"""The family of each form."""
LEGAL = frozenset(f for f in Form if f.can_be_group_member)
"""The forms of legal persons: an entity of one, not external, is a group member."""
_POOL_FORMS = frozenset(f for f in Form if f.is_member_pool)
IAE = frozenset(c for c in Convention if c.is_iae)
"""The IAE conventions: an entity holding one of them is operating."""


class Index(NamedTuple):
    """The entities indexed (:func:`index_entities`)."""

    entities: dict[str, Entity]
    names: dict[str, str]
    forms: dict[str, Form]
    families: dict[str, Family]
    members: frozenset[str]
    """The group members: not external, of a legal person's form."""
    member_list: list[str]
    """The same, in document order: sorted, they come out several times faster than from the
    set's order (runs and neighbours in memory)."""
    operating: frozenset[str]
    """The entities holding an IAE convention (members or not)."""
    never: frozenset[str]
    """The entities that never control (collectives)."""
    outsiders: tuple[str, ...]
    """The entities outside the group that may control a member of it: those marked external,
    and natural persons (in document order)."""


def index_entities(entities: Iterable[Entity]) -> Index:
    """Each entity by id, its name, form and family; the members, the operating, the collectives.

    Also the entities outside the group that may control a member (external, or natural
    persons). One pass, the forms' properties read from tables and an IAE convention looked up
    in a set.

    Examples:
        >>> idx = index_entities([Entity(id="a", name="A", form="association", conventions=["ai"]),
        ...                       Entity(id="p", name="P", form="person")])
        >>> sorted(idx.members), sorted(idx.operating), idx.families["p"].value, idx.outsiders
        (['a'], ['a'], 'natural', ('p',))
    """
    by_id: dict[str, Entity] = {}
    names: dict[str, str] = {}
    forms: dict[str, Form] = {}
    families: dict[str, Family] = {}
    members: list[str] = []
    operating: list[str] = []
    never: list[str] = []
    outsiders: list[str] = []
    legal, family, iae = LEGAL, FAMILY, IAE
    collective, person = Form.COLLECTIVE, Form.PERSON
    for e in entities:
        i, f = e.id, e.form
        by_id[i] = e
        names[i] = e.name
        forms[i] = f
        families[i] = family[f]
        if f in legal:
            if e.external:
                outsiders.append(i)
            else:
                members.append(i)
        else:
            if f is collective:
                never.append(i)
            if e.external or f is person:
                outsiders.append(i)
        if e.conventions and not iae.isdisjoint(e.conventions):
            operating.append(i)
    return Index(
        by_id,
        names,
        forms,
        families,
        frozenset(members),
        members,
        frozenset(operating),
        frozenset(never),
        tuple(outsiders),
    )


class Pools(NamedTuple):
    """The bodies of means 5 and those that close a reach (:func:`member_pools`)."""

    every_member: dict[str, frozenset[str]]
    """Each body's listed members, natural persons included."""
    need: dict[str, int]
    """The bodies of means 5 (a union, GIE or employer group whose memberships give no votes),
    with how many listed members they have, in id order."""
    listed: dict[str, frozenset[str]]
    """Each body's listed members, natural persons left out."""
    pools: frozenset[str]
    """The bodies that close a reach: pooled bodies listing no natural person."""
    only_shares: bool
    """Whether shareholdings are the only means of control (no means 5, no other edge)."""


def member_pools(
    ents: Mapping[str, Entity],
    listed: Mapping[str, set[str]],
    persons: Mapping[str, set[str]],
    voting: set[str],
    out: Mapping[str, Sequence[Edge]],
) -> Pools:
    """Means 5 and the bodies that close the reach, from who is listed as a member of what.

    Means 5 (second edition): a union, GIE or employer group whose memberships give no votes,
    by listed member. Every listed member counts, natural persons included: nobody controls a
    person, so a listed person defeats the means unless the person is the controller itself (a
    collective never controls). The same bodies, votes or not, close the reach when no natural
    person is listed (a natural person is never in a reach).
    """
    if not listed and not persons:  # no membership at all (most companies' groups)
        only = all(e.means is Means.SHAREHOLDING for es in out.values() for e in es)
        return Pools({}, {}, {}, frozenset(), only)
    every_member = {
        org: frozenset(listed.get(org, set()) | persons.get(org, set()))
        for org in set(listed) | set(persons)
    }
    need = {
        org: len(mems)
        for org, mems in sorted(every_member.items())
        if ents[org].form in _POOL_FORMS and org not in voting
    }
    pools = frozenset(
        org for org in listed if ents[org].form in _POOL_FORMS and not persons.get(org)
    )
    only_shares = not need and all(e.means is Means.SHAREHOLDING for es in out.values() for e in es)
    listed_ = {org: frozenset(m) for org, m in listed.items()}
    return Pools(every_member, need, listed_, pools, only_shares)


def share_index(shares: Sequence[tuple[str, str, float, str]]) -> dict[str, frozenset[str]]:
    """Each holder's directly held entities, from the shareholdings (holder, held, share, key).

    Examples:
        >>> share_index([("a", "b", 60.0, "r0"), ("a", "c", 10.0, "r1")])["a"] == {"b", "c"}
        True
    """
    acc: dict[str, set[str]] = defaultdict(set)
    for x, y, _s, _k in shares:
        acc[x].add(y)
    return {x: frozenset(ys) for x, ys in acc.items()}


def own_votes_of(edges: Sequence[Edge]) -> dict[str, float]:
    """One holder's own shareholding votes in each entity, from its edges (certain values)."""
    votes: dict[str, float] = {}
    shares = Means.SHAREHOLDING
    for e in edges:
        if e.means is shares:
            votes[e.target] = votes.get(e.target, 0.0) + e.certain
    return votes


def family_of(forms: Mapping[str, Form]) -> dict[str, Family]:
    """The family of each entity, from its form."""
    return {i: FAMILY[f] for i, f in forms.items()}


class State:
    """The attributes :class:`~ges_graph.control.notions.Control` writes as it is made.

    Control writes them into its own dictionary, in one step each (its guard of ``__setattr__``
    is for its users, and would be a Python call per attribute): they are declared here, for
    the type checker, and documented on :class:`~ges_graph.control.notions.Control`.
    """

    forms: Mapping[str, Form]
    families: Mapping[str, Family]
    members: frozenset[str]
    relations: tuple[tuple[str, Relation], ...]
    operating: frozenset[str]
    candidates: tuple[str, ...]
    coordinating: frozenset[str]
    head: str | None
    unified: bool
    head_is_coordinating: bool
    outside_control: Mapping[str, frozenset[str]]
    intermediate_holdings: frozenset[str]
    _entities: dict[str, Entity]
    _names: dict[str, str]
    _forms: dict[str, Form]
    _operating_all: frozenset[str]
    _never: frozenset[str]
    _outsiders: tuple[str, ...]
    _member_list: list[str]
    _out: dict[str, list[Edge]]
    _into: dict[str, list[Edge]]
    _shares: list[tuple[str, str, float, str]]
    _has_ranges: bool
    _every_member: dict[str, frozenset[str]]
    _need: dict[str, int]
    _listed: dict[str, frozenset[str]]
    _pools: frozenset[str]
    _only_shares: bool
    _rows: Rows
    _cache: dict[tuple[str, ...], Any]
    _g: Graphs
    _reach_cache: dict[tuple[str, bool], frozenset[str]]
