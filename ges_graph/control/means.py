"""The means of control and the control-relevant relations in force (``schemas.md``).

Examples:
    >>> Means.BOARD.value, [m.value for m in POOLS]
    ('board', ['shareholding', 'membership', 'board'])
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import NamedTuple

from ges_graph.model import (
    Board,
    Entity,
    Family,
    Flow,
    Form,
    Membership,
    Office,
    Relation,
    Shareholding,
    StatutoryControl,
    certain,
    possible,
)

__all__ = ["EPS", "POOLS", "Edge", "Means", "Read", "read_edges", "shareholding_votes"]

EPS = 1e-9
"""Tolerance when comparing sums of percentages with the 50 % threshold (float rounding)."""


class Means(StrEnum):
    """The five means of control (``schemas.md``, "Direct control")."""

    SHAREHOLDING = "shareholding"
    """More than 50 % of the shareholding votes."""
    MEMBERSHIP = "membership"
    """More than 50 % of the membership votes."""
    BOARD = "board"
    """More than half of the seats of the governing body."""
    STATUTORY = "statutory"
    """A ``statutory_control`` relation."""
    MEMBERS = "members"
    """B is a union, GIE or employer group whose listed members are all the controller's."""


POOLS = (Means.SHAREHOLDING, Means.MEMBERSHIP, Means.BOARD)
"""The three pools of votes, never added together."""


class Edge(NamedTuple):
    """One control-relevant relation in force: holder → target, in a pool."""

    holder: str
    target: str
    means: Means
    certain: float
    possible: float
    key: str


def shareholding_votes(r: Shareholding, target: Entity) -> tuple[float, float] | None:
    """(certain, possible) shareholding votes of ``r`` in ``target``; None when it gives none.

    ``votes`` when given, else ``share`` for companies, GIEs and ``other``; none for a
    cooperative without ``votes``, nor into an entity without capital (``format.md``).

    Examples:
        >>> r = Shareholding(**{"from": "a", "to": "b", "share": {"min": 40, "max": 60}})
        >>> shareholding_votes(r, Entity(id="b", name="B", form="sas"))
        (40.0, 60.0)
        >>> shareholding_votes(r, Entity(id="b", name="B", form="scic")) is None
        True
    """
    if not target.form.has_capital:
        return None
    if r.votes is not None:
        return certain(r.votes), possible(r.votes)
    if target.form.family is Family.COOPERATIVE:
        return None
    return certain(r.share), possible(r.share)


_SHARES = Means.SHAREHOLDING
_HAS_CAPITAL = {f: f.has_capital for f in Form}
"""Whether shares can be held in an entity of each form."""
_SHARE_VOTES = {f: f.has_capital and f.family is not Family.COOPERATIVE for f in Form}
"""Whether a shareholding without ``votes`` gives its ``share`` as votes, by the target's form."""
_NATURAL = frozenset(f for f in Form if f.family is Family.NATURAL)
"""The forms of natural persons (and collectives of them)."""


class Read(NamedTuple):
    """The control-relevant relations in force, as :func:`read_edges` reads them."""

    out: dict[str, list[Edge]]
    """The edges of means 1–4 leaving each entity (never from a collective)."""
    into: dict[str, list[Edge]]
    """The same edges, by target."""
    shares: list[tuple[str, str, float, str]]
    """Every shareholding: holder, held, share (certain value), key."""
    listed: dict[str, set[str]]
    """The non-natural listed members of each organisation."""
    persons: dict[str, set[str]]
    """The natural persons listed as members of each organisation."""
    voting: set[str]
    """The organisations with a membership that gives votes."""
    ranged: bool = False
    """Whether some edge's certain and possible figures differ (a range)."""


def read_edges(
    relations: Iterable[tuple[str, Relation]],
    ents: Mapping[str, Entity],
    forms: Mapping[str, Form] | None = None,
) -> Read:
    """The edges of means 1–4, and who is listed as a member of what.

    ``forms``: each entity's form, when the caller has them by id (read from ``ents`` else).

    Examples:
        >>> ents = {"a": Entity(id="a", name="A", form="association"),
        ...         "b": Entity(id="b", name="B", form="sas")}
        >>> r = Shareholding(**{"from": "a", "to": "b", "share": 60})
        >>> read_edges([("relations[0]", r)], ents).into["b"][0].certain
        60.0
    """
    out: dict[str, list[Edge]] = {}
    into: dict[str, list[Edge]] = {}
    listed: dict[str, set[str]] = defaultdict(set)
    persons: dict[str, set[str]] = defaultdict(set)
    voting: set[str] = set()
    shares: list[tuple[str, str, float, str]] = []
    # The forms' properties read once per form, not once per relation (a large registry has
    # hundreds of thousands of relations and a dozen forms); a plain figure is its own certain
    # and possible value.
    if forms is None:
        forms = {i: e.form for i, e in ents.items()}
    takes_share_votes, has_capital = _SHARE_VOTES, _HAS_CAPITAL
    natural = _NATURAL
    collective = Form.COLLECTIVE
    _edge = tuple.__new__  # a named tuple made without its Python-level constructor
    odd = False  # some figure is not a plain number (a range): look for ranges at the end
    member_means, board_means, statutory_means = Means.MEMBERSHIP, Means.BOARD, Means.STATUTORY
    for key, r in relations:
        # Told apart by class (a relation's type is its class), which narrows it for mypy;
        # money and executive offices (a large registry's flows are most of its relations) give
        # no control, and are passed over first.
        cls = type(r)
        if cls is Flow or cls is Office:
            continue
        if type(r) is Shareholding:
            src, dst = r.from_, r.to
            share = r.share
            if type(share) is float:
                low = high = share
            else:
                odd = True
                low, high = certain(share), possible(share)
            shares.append((src, dst, low, key))
            votes = r.votes
            if votes is not None:
                if not has_capital[forms[dst]]:
                    continue
                if type(votes) is float:
                    edge = _edge(Edge, (src, dst, _SHARES, votes, votes, key))
                else:
                    odd = True
                    edge = _edge(Edge, (src, dst, _SHARES, certain(votes), possible(votes), key))
            elif takes_share_votes[forms[dst]]:
                edge = _edge(Edge, (src, dst, _SHARES, low, high, key))
            else:
                continue
        elif type(r) is StatutoryControl:
            src, dst = r.from_, r.to
            edge = _edge(Edge, (src, dst, statutory_means, 0.0, 0.0, key))
        elif type(r) is Membership:
            src, dst = r.from_, r.to
            (persons if forms[src] in natural else listed)[dst].add(src)
            if r.votes is None:
                continue
            odd = True
            voting.add(dst)
            edge = _edge(Edge, (src, dst, member_means, certain(r.votes), possible(r.votes), key))
        elif type(r) is Board:
            src, dst = r.from_, r.to
            if ents[dst].board_size is None:
                continue
            edge = _edge(Edge, (src, dst, board_means, r.seats, r.seats, key))
        else:
            continue
        if forms[src] is not collective:
            got = out.get(src)
            if got is None:
                out[src] = [edge]
            else:
                got.append(edge)
            got = into.get(dst)
            if got is None:
                into[dst] = [edge]
            else:
                got.append(edge)
    ranged = any(e.certain != e.possible for es in into.values() for e in es) if odd else False
    return Read(out, into, shares, listed, persons, voting, ranged)
