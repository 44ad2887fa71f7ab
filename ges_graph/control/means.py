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
    Form,
    Membership,
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


def read_edges(relations: Iterable[tuple[str, Relation]], ents: Mapping[str, Entity]) -> Read:
    """The edges of means 1–4, and who is listed as a member of what.

    Examples:
        >>> ents = {"a": Entity(id="a", name="A", form="association"),
        ...         "b": Entity(id="b", name="B", form="sas")}
        >>> r = Shareholding(**{"from": "a", "to": "b", "share": 60})
        >>> read_edges([("relations[0]", r)], ents).into["b"][0].certain
        60.0
    """
    out: dict[str, list[Edge]] = defaultdict(list)
    into: dict[str, list[Edge]] = defaultdict(list)
    listed: dict[str, set[str]] = defaultdict(set)
    persons: dict[str, set[str]] = defaultdict(set)
    voting: set[str] = set()
    shares: list[tuple[str, str, float, str]] = []
    for key, r in relations:
        if r.type in ("flow", "office"):
            continue  # money and executive offices give no control
        holder = ents[r.from_]
        edge: Edge | None = None
        if isinstance(r, Shareholding):
            shares.append((r.from_, r.to, certain(r.share), key))
            votes = shareholding_votes(r, ents[r.to])
            if votes is not None:
                edge = Edge(r.from_, r.to, Means.SHAREHOLDING, votes[0], votes[1], key)
        elif isinstance(r, Membership):
            (persons if holder.form.family is Family.NATURAL else listed)[r.to].add(r.from_)
            if r.votes is not None:
                voting.add(r.to)
                edge = Edge(
                    r.from_, r.to, Means.MEMBERSHIP, certain(r.votes), possible(r.votes), key
                )
        elif isinstance(r, Board):
            if ents[r.to].board_size is not None:
                edge = Edge(r.from_, r.to, Means.BOARD, r.seats, r.seats, key)
        elif isinstance(r, StatutoryControl):
            edge = Edge(r.from_, r.to, Means.STATUTORY, 0.0, 0.0, key)
        if edge is not None and holder.form is not Form.COLLECTIVE:
            out[r.from_].append(edge)
            into[r.to].append(edge)
    return Read(dict(out), dict(into), shares, listed, persons, voting)
