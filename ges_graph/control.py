"""Derived notions of a GES: members, control, heads, reach, outside control (``schemas.md``).

Everything here is computed once per :class:`~ges_graph.graph.GES` (``ges.control``) from the
relations in force at ``as_of``, and never mutates the graph. The definitions are those of the
specification's "Derived notions", which is normative:

- **members** (G): entities with ``external: false`` whose family is not ``natural``;
- **votes**: three pools never added together (shareholding votes, membership votes, board
  seats against ``board_size``); for a range the *certain* value is ``min``, the *possible* one
  ``max``;
- **control**: A controls B when, in one pool, what A and the entities A controls hold in B
  exceeds the threshold, or by a ``statutory_control`` from one of them, or (means 5, second
  edition) when B is a union, a GIE or an employer group, none of its memberships gives votes, it
  lists at least one member, and every listed member is A or controlled by A (a listed natural
  person other than A is a member nobody controls, so it defeats this means). It is a least
  fixed point, computed for every entity (members or not) with a work list: cross-holdings and
  cycles terminate and nothing is counted twice; an entity never controls itself; a ``collective``
  never controls;
- **capital control**: the same on the shareholding pool alone; **possible control**: the same
  with every range's ``max``; pairs possible but not certain are :attr:`Control.uncertain`;
- **reach**, **coordinating reach**, **head candidates**, the **head** and **unified**
  governance, **outside control**, **operating** members, **intermediate holdings**.

The cost of the fixed point is, for each entity that holds something, the relations leaving what
it controls: at worst entities × relations, and close to linear in a tree-shaped group.

Out of scope: the 40 % presumption and control in concert (Code de commerce L233-3 II and III),
and the suspension of votes of shares held in one's controller (L233-31).

Examples:
    >>> from ges_graph.graph import GES
    >>> ges = GES.from_data({"format": "ges-graph/1", "name": "Groupe Tremplin", "entities": [
    ...     {"id": "tremplin", "name": "Tremplin", "form": "association", "conventions": ["aci"]},
    ...     {"id": "holding", "name": "Tremplin Développement", "form": "sas"},
    ...     {"id": "nettoyage", "name": "Tremplin Nettoyage", "form": "sarl"},
    ...     {"id": "fa", "name": "France Active", "form": "other", "external": True}],
    ...   "relations": [
    ...     {"type": "shareholding", "from": "tremplin", "to": "holding", "share": 100},
    ...     {"type": "shareholding", "from": "holding", "to": "nettoyage", "share": 90},
    ...     {"type": "shareholding", "from": "fa", "to": "nettoyage", "share": 10}]})
    >>> c = ges.control
    >>> c.controls("tremplin", "nettoyage"), c.head, c.unified
    (True, 'tremplin', True)
    >>> sorted(c.intermediate_holdings)
    ['holding']
    >>> print(c.why("tremplin", "nettoyage").sentence("fr"))
    Tremplin contrôle Tremplin Nettoyage : 90 % via Tremplin Développement, qu'elle détient à 100 %
    >>> c.integrated_ownership("tremplin", "nettoyage")
    90.0
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

import networkx as nx

from ges_graph.errors import ReadOnlyError, UnknownEntityError
from ges_graph.i18n import Lang, Named, Tr, check_lang, format_number, format_percent
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

if TYPE_CHECKING:
    from ges_graph.graph import GES

__all__ = [
    "Contribution",
    "Control",
    "Means",
    "Why",
    "shareholding_votes",
]

_EPS = 1e-9
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


_POOLS = (Means.SHAREHOLDING, Means.MEMBERSHIP, Means.BOARD)


class _Edge(NamedTuple):
    """One control-relevant relation in force: holder → target, in a pool."""

    holder: str
    target: str
    means: Means
    certain: float
    possible: float
    key: str


@dataclass(frozen=True)
class Contribution:
    """What one holder brings to a control: its votes or seats in the controlled entity.

    Attributes:
        holder: the id of the holder (the controller itself, or an entity it controls).
        amount: the votes (percent) or seats it holds; ``0`` for statutory control and members.
        relations: the keys of the relations that carry it.
        via: how the controller controls ``holder`` (``None`` when ``holder`` is the controller).
    """

    holder: str
    amount: float
    relations: tuple[str, ...]
    via: Why | None = None


_CONTROLS = Tr("{a} contrôle {b} : ", "{a} controls {b}: ")
_HOLDS_AT = Tr("qu'{it} détient à {pct}", "which it holds at {pct}")
_WHICH_IT_CONTROLS = Tr("qu'{it} contrôle", "which it controls")
_DIRECTLY = Tr("{amount} en direct", "{amount} directly")
_THROUGH = Tr("{amount} via {name}, {how}", "{amount} through {name}, {how}")
_OF_VOTING_SHARES = Tr("du capital (droits de vote)", "of the voting shares")
_OF_MEMBERS_VOTES = Tr("des voix des membres", "of the members' votes")
_SEATS_OF = Tr("{seats} sièges sur {size} à son conseil", "{seats} seats of {size} on its board")
_SEATS = Tr("sièges", "seats")
_STATUTES = Tr(
    "ses statuts lui donnent la désignation de la majorité de son conseil",
    "its statutes give it the appointment of the majority of its board",
)
_STATUTES_VIA = Tr(
    "ses statuts donnent {via.a} la désignation de la majorité de son conseil",
    "its statutes give {via} the appointment of the majority of its board",
)
_POOLED = Tr(
    "tous ses membres sont {a} ou contrôlés par {it} ({parts})",
    "all its members are {a} or controlled by it ({parts})",
)
"""The words of :meth:`Why.sentence`."""


@dataclass(frozen=True)
class Why:
    """The justification of one control: the means, the figures and the chain.

    Attributes:
        controller: the id of the controlling entity.
        controlled: the id of the controlled entity.
        means: the means that gives control.
        total: the votes (percent) or seats held together; ``0`` for statutory and members.
        threshold: what ``total`` exceeds (50 %, or half of ``board_size``).
        contributions: each holder's part, the controller's own first.
        names: entity names by id, for sentences.
    """

    controller: str
    controlled: str
    means: Means
    total: float
    threshold: float
    contributions: tuple[Contribution, ...]
    names: Mapping[str, str] = field(repr=False, compare=False)
    forms: Mapping[str, Form] = field(default_factory=dict, repr=False, compare=False)

    def _it(self, *, stressed: bool = False) -> str:
        """The controller as a French pronoun: « elle » or « il » (« lui » after « par »)."""
        form = self.forms.get(self.controller)
        if form is None or form.feminine:
            return "elle"
        return "lui" if stressed else "il"

    @property
    def relations(self) -> tuple[str, ...]:
        """The keys of every relation of the chain, outermost first, without repeats."""
        seen: dict[str, None] = {}
        for c in self.contributions:
            for k in c.relations:
                seen[k] = None
            if c.via is not None:
                for k in c.via.relations:
                    seen[k] = None
        return tuple(seen)

    def _holding(self, lang: Lang) -> str:
        """How the controller holds the controlled entity, as a short clause (``à 100 %``)."""
        if (
            self.means is Means.SHAREHOLDING
            and len(self.contributions) == 1
            and self.contributions[0].via is None
        ):
            pct = format_percent(self.total, lang)
            return _HOLDS_AT.format(lang, pct=pct, it=self._it())
        return _WHICH_IT_CONTROLS.format(lang, it=self._it())

    def _part(self, c: Contribution, unit: str, lang: Lang) -> str:
        name = self.names[c.holder]
        if self.means in _POOLS:
            amount = (
                format_percent(c.amount, lang)
                if unit == "%"
                else f"{format_number(c.amount, lang)} {unit}".strip()
            )
            if c.via is None:
                return _DIRECTLY.format(lang, amount=amount)
            how = c.via._holding(lang)
            return _THROUGH.format(lang, amount=amount, name=name, how=how)
        if c.via is None:
            return name
        how = c.via._holding(lang)
        return f"{name}, {how}"

    def sentence(self, lang: Lang = "fr") -> str:
        """One sentence naming the entities and the figures.

        Examples:
            >>> from ges_graph.graph import GES
            >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
            ...     {"id": "a", "name": "Alpha", "form": "association"},
            ...     {"id": "b", "name": "Beta", "form": "association", "board_size": 5}],
            ...   "relations": [{"type": "board", "from": "a", "to": "b", "seats": 3}]})
            >>> print(ges.control.why("a", "b").sentence("en"))
            Alpha controls Beta: 3 seats of 5 on its board
        """
        check_lang(lang)
        a, b = self.names[self.controller], self.names[self.controlled]
        head = _CONTROLS.format(lang, a=a, b=b)
        if self.means is Means.SHAREHOLDING or self.means is Means.MEMBERSHIP:
            parts = [self._part(c, "%", lang) for c in self.contributions]
            if len(parts) == 1 and self.contributions[0].via is None:
                own = format_percent(self.total, lang)
                what = (
                    _OF_VOTING_SHARES if self.means is Means.SHAREHOLDING else _OF_MEMBERS_VOTES
                ).render(lang)
                return f"{head}{own} {what}"
            if len(parts) == 1:
                return head + parts[0]
            total = format_percent(self.total, lang)
            return f"{head}{total} ({', '.join(parts)})"
        if self.means is Means.BOARD:
            seats = format_number(self.total, lang)
            size = format_number(self.threshold * 2, lang)
            base = _SEATS_OF.format(lang, seats=seats, size=size)
            if len(self.contributions) == 1 and self.contributions[0].via is None:
                return head + base
            unit = _SEATS.render(lang)
            parts = [self._part(c, unit, lang) for c in self.contributions]
            return f"{head}{base} ({', '.join(parts)})"
        if self.means is Means.STATUTORY:
            c = self.contributions[0]
            if c.via is None:
                return head + _STATUTES.render(lang)
            via = Named(self._part(c, "", lang))
            return head + _STATUTES_VIA.format(lang, via=via)
        parts = [self._part(c, "", lang) for c in self.contributions]
        return head + _POOLED.format(lang, a=a, parts="; ".join(parts), it=self._it(stressed=True))

    def __str__(self) -> str:
        return self.sentence("fr")


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


_Mode = Literal["certain", "possible", "capital"]


class Control:
    """The derived notions of one GES; get it as ``ges.control`` (computed once, cached).

    Args:
        ges: the group.

    Attributes:
        members: the group members G (ids).
        forms: the legal form of every entity, by id.
        families: the family of every entity's form, by id.
        relations: the (key, relation) pairs in force at ``as_of``, in document order.
        candidates: the head candidates: members no member controls (sorted ids).
        coordinating: the coordinating candidates (only when there are several candidates).
        head: the head's id, or ``None``.
        unified: whether governance is unified (there is a head).
        head_is_coordinating: the head was found as the coordinating candidate (a union).
        operating: the members that hold an IAE convention.
        intermediate_holdings: companies of G, other than the head, with capital control of
            another company of G.
        outside_control: member → the outside entities that control it and that no member
            controls (only members that have some).
        uncertain: (a, b) pairs where control is possible (ranges at ``max``) but not certain.

    Examples:
        >>> from ges_graph.graph import GES
        >>> ges = GES.from_data({"format": "ges-graph/1", "name": "Union", "entities": [
        ...     {"id": "u", "name": "Union", "form": "union"},
        ...     {"id": "a1", "name": "A1", "form": "association"},
        ...     {"id": "a2", "name": "A2", "form": "association"}],
        ...   "relations": [
        ...     {"type": "membership", "from": "a1", "to": "u"},
        ...     {"type": "membership", "from": "a2", "to": "u"}]})
        >>> c = ges.control
        >>> c.candidates, sorted(c.coordinating), c.head, c.head_is_coordinating
        (('a1', 'a2', 'u'), ['u'], 'u', True)
    """

    def __init__(self, ges: GES) -> None:
        # Each step sets the attributes the next ones read; the order is the order of the
        # definitions in schemas.md: the means of control, their closure, the head, then what
        # is said of the members.
        self._index_entities(ges)
        listed, persons, voting = self._read_relations()
        self._member_pools(listed, persons, voting)
        self._close_control()
        self._find_head()
        self._describe_members()
        self._frozen = True

    def _index_entities(self, ges: GES) -> None:
        """Names, forms, families, members and the relations in force."""
        self._names: dict[str, str] = {}
        self._entities: dict[str, Entity] = {}
        for e in ges.document.entities:
            self._entities[e.id] = e
            self._names[e.id] = e.name
        ents = self._entities
        self.forms: Mapping[str, Form] = MappingProxyType({i: e.form for i, e in ents.items()})
        self.families: Mapping[str, Family] = MappingProxyType(
            {i: f.family for i, f in self.forms.items()}
        )
        self._operating_all = frozenset(i for i, e in ents.items() if e.is_operating)
        self.members: frozenset[str] = frozenset(i for i, e in ents.items() if e.is_group_member)
        self.relations: tuple[tuple[str, Relation], ...] = tuple(ges.relations_in_force())

    def _read_relations(self) -> tuple[dict[str, set[str]], dict[str, set[str]], set[str]]:
        """The edges of means 1–4, and who is listed as a member of what.

        Returns:
            The non-natural listed members of each organisation, its natural listed members,
            and the organisations with a membership that gives votes.
        """
        ents = self._entities
        out: dict[str, list[_Edge]] = defaultdict(list)
        into: dict[str, list[_Edge]] = defaultdict(list)
        listed: dict[str, set[str]] = defaultdict(set)
        persons: dict[str, set[str]] = defaultdict(set)
        voting: set[str] = set()
        shares: list[tuple[str, str, float, str]] = []
        for key, r in self.relations:
            if r.type in ("flow", "office"):
                continue  # money and executive offices give no control
            holder = ents[r.from_]
            edge: _Edge | None = None
            if isinstance(r, Shareholding):
                shares.append((r.from_, r.to, certain(r.share), key))
                votes = shareholding_votes(r, ents[r.to])
                if votes is not None:
                    edge = _Edge(r.from_, r.to, Means.SHAREHOLDING, votes[0], votes[1], key)
            elif isinstance(r, Membership):
                (persons if holder.form.family is Family.NATURAL else listed)[r.to].add(r.from_)
                if r.votes is not None:
                    voting.add(r.to)
                    edge = _Edge(
                        r.from_, r.to, Means.MEMBERSHIP, certain(r.votes), possible(r.votes), key
                    )
            elif isinstance(r, Board):
                if ents[r.to].board_size is not None:
                    edge = _Edge(r.from_, r.to, Means.BOARD, r.seats, r.seats, key)
            elif isinstance(r, StatutoryControl):
                edge = _Edge(r.from_, r.to, Means.STATUTORY, 0.0, 0.0, key)
            if edge is not None and holder.form is not Form.COLLECTIVE:
                out[r.from_].append(edge)
                into[r.to].append(edge)
        self._out = dict(out)
        self._into = dict(into)
        self._shares = shares
        return listed, persons, voting

    def _member_pools(
        self, listed: dict[str, set[str]], persons: dict[str, set[str]], voting: set[str]
    ) -> None:
        """Means 5 and the bodies that close the reach."""
        ents = self._entities
        # Means 5 (second edition): a union, GIE or employer group whose memberships give no
        # votes, by listed member. Every listed member counts, natural persons included: nobody
        # controls a person, so a listed person defeats the means unless the person is the
        # controller itself (a collective never controls).
        self._every_member = {
            org: frozenset(listed.get(org, set()) | persons.get(org, set()))
            for org in set(listed) | set(persons)
        }
        self._need: dict[str, int] = {}
        member_of: dict[str, list[str]] = defaultdict(list)
        for org in sorted(self._every_member):
            if ents[org].form.is_member_pool and org not in voting:
                self._need[org] = len(self._every_member[org])
                for m in sorted(self._every_member[org]):
                    member_of[m].append(org)
        self._member_of = dict(member_of)
        self._listed = {org: frozenset(m) for org, m in listed.items()}
        # The same bodies, votes or not, close the reach when no natural person is listed (a
        # natural person is never in a reach): see _orgs_index.
        self._pools: frozenset[str] = frozenset(
            org for org in listed if ents[org].form.is_member_pool and not persons.get(org)
        )

    def _close_control(self) -> None:
        """Control, certain and possible, closed over every means; who controls whom."""
        has_ranges = any(e.certain != e.possible for es in self._out.values() for e in es)
        holders = sorted(set(self._out) | set(self._member_of))
        self._certain: dict[str, dict[str, int]] = {
            a: s for a in holders if (s := self._closure(a, "certain"))
        }
        self._possible = (
            {a: s for a in holders if (s := self._closure(a, "possible"))}
            if has_ranges
            else self._certain
        )
        only_shares = not self._member_of and all(
            e.means is Means.SHAREHOLDING for es in self._out.values() for e in es
        )
        # Capital control is computed on demand, entity by entity (see _capital_of).
        self._capital: dict[str, dict[str, int]] = dict(self._certain) if only_shares else {}
        self._capital_done = only_shares
        by: dict[str, set[str]] = defaultdict(set)
        for a, s in self._certain.items():
            for b in s:
                by[b].add(a)
        self._controllers = {b: frozenset(s) for b, s in by.items()}
        self.uncertain: frozenset[tuple[str, str]] = (
            frozenset(
                (a, b)
                for a, s in self._possible.items()
                for b in s
                if b not in self._certain.get(a, ())
            )
            if has_ranges
            else frozenset()
        )

    def _find_head(self) -> None:
        """The head candidates, the coordinating ones, and the head."""
        ents = self._entities
        self.operating: frozenset[str] = self._operating_all & self.members
        mem = self.members
        self.candidates: tuple[str, ...] = tuple(
            sorted(m for m in mem if not (self._controllers.get(m, frozenset()) & mem))
        )
        self._reach_cache: dict[tuple[str, bool], frozenset[str]] = {}
        head: str | None = None
        coordinating: frozenset[str] = frozenset()
        by_coordination = False
        if len(self.candidates) == 1:
            h = self.candidates[0]
            if self.reach(h) >= mem:
                head = h
        elif len(self.candidates) > 1:
            coordinating = frozenset(
                u
                for u in self.candidates
                if ents[u].form.family is Family.ASSOCIATIVE
                and all(c == u or c in self.coordinating_reach(u) for c in self.candidates)
            )
            if len(coordinating) == 1:
                (u,) = coordinating
                if self.coordinating_reach(u) >= mem:
                    head, by_coordination = u, True
        self.coordinating: frozenset[str] = coordinating
        self.head: str | None = head
        self.unified: bool = head is not None
        self.head_is_coordinating: bool = by_coordination

    def _describe_members(self) -> None:
        """Members controlled from outside, and the intermediate holdings."""
        ents = self._entities
        mem = self.members
        outside: dict[str, frozenset[str]] = {}
        for m in sorted(mem):
            found = frozenset(
                c
                for c in self._controllers.get(m, frozenset())
                if c not in mem
                and (ents[c].external or ents[c].form is Form.PERSON)
                and not (self._controllers.get(c, frozenset()) & mem)
            )
            if found:
                outside[m] = found
        self.outside_control: Mapping[str, frozenset[str]] = MappingProxyType(outside)
        self.intermediate_holdings: frozenset[str] = frozenset(
            m
            for m in mem
            if m != self.head
            and ents[m].form.is_company
            and m in self._out
            and any(ents[x].form.is_company and x in mem for x in self._capital_of(m))
        )

    def __setattr__(self, name: str, value: Any) -> None:
        if self.__dict__.get("_frozen"):
            raise ReadOnlyError(f"Control is immutable: cannot set {name!r}")
        super().__setattr__(name, value)

    def __delattr__(self, name: str) -> None:
        raise ReadOnlyError(f"Control is immutable: cannot delete {name!r}")

    def __getstate__(self) -> dict[str, Any]:
        # Read-only mappings are not picklable: send plain dicts, say which to wrap back.
        state = {
            k: dict(v) if isinstance(v, MappingProxyType) else v for k, v in vars(self).items()
        }
        state["_proxies"] = [k for k, v in vars(self).items() if isinstance(v, MappingProxyType)]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        proxies = state.pop("_proxies", [])
        for k, v in state.items():
            self.__dict__[k] = MappingProxyType(v) if k in proxies else v

    # -- the fixed point ------------------------------------------------------------------------

    def _exceeds(self, means: Means, target: str, total: float) -> bool:
        if means is Means.BOARD:
            size = self._entities[target].board_size
            return size is not None and total * 2 > size
        return total > 50 + _EPS

    def _capital_of(self, a: str) -> Mapping[str, int]:
        """What ``a`` controls by capital control (computed once per entity, when asked)."""
        if self._capital_done or a in self._capital:
            return self._capital.get(a, {})
        found = self._closure(a, "capital") if a in self._out else {}
        self._capital[a] = found
        return found

    def _closure(self, a: str, mode: _Mode) -> dict[str, int]:
        """What ``a`` controls in ``mode``, each with its rank (the order it was found in)."""
        if self._entities[a].form is Form.COLLECTIVE:
            return {}
        found: dict[str, int] = {}
        acc: dict[tuple[Means, str], float] = {}
        need: dict[str, int] = {}
        stack = [a]
        capital = mode == "capital"
        use_max = mode == "possible"

        out = self._out
        board, statutory, shares = Means.BOARD, Means.STATUTORY, Means.SHAREHOLDING
        limit = 50 + _EPS
        while stack:
            x = stack.pop()
            for e in out.get(x, ()):
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
                if total > limit if m is not board else self._exceeds(m, t, total):
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

    # -- queries --------------------------------------------------------------------------------

    def _check(self, *ids: str) -> None:
        for i in ids:
            if i not in self._entities:
                raise UnknownEntityError(i)

    def controls(self, a: str, b: str) -> bool:
        """Whether ``a`` controls ``b`` (certain control, direct or through what it controls).

        Raises:
            UnknownEntityError: an id is not an entity of the GES (a ``KeyError``).
        """
        self._check(a, b)
        return b in self._certain.get(a, ())

    def possibly_controls(self, a: str, b: str) -> bool:
        """Whether ``a`` controls ``b`` when every range is taken at its ``max``."""
        self._check(a, b)
        return b in self._possible.get(a, ())

    def capital_controls(self, a: str, b: str) -> bool:
        """Whether ``a`` controls ``b`` by the shareholding pool alone (capital control)."""
        self._check(a, b)
        return b in self._capital_of(a)

    def controllers(self, b: str) -> frozenset[str]:
        """Every entity that controls ``b``."""
        self._check(b)
        return self._controllers.get(b, frozenset())

    def controlled(self, a: str) -> frozenset[str]:
        """Every entity that ``a`` controls."""
        self._check(a)
        return self._as_set("certain", self._certain, a)

    def capital_controlled(self, a: str) -> frozenset[str]:
        """Every entity that ``a`` controls by capital control."""
        self._check(a)
        self._capital_of(a)
        return self._as_set("capital", self._capital, a)

    def possibly_controlled(self, a: str) -> frozenset[str]:
        """Every entity that ``a`` possibly controls (ranges at their ``max``)."""
        self._check(a)
        return self._as_set("possible", self._possible, a)

    def _as_set(self, kind: str, table: Mapping[str, Mapping[str, int]], a: str) -> frozenset[str]:
        cache: dict[tuple[str, str], frozenset[str]] = self.__dict__.setdefault("_sets", {})
        key = (kind, a)
        found = cache.get(key)
        if found is None:
            found = cache[key] = frozenset(table.get(a, ()))
        return found

    def shareholding_targets(self, a: str) -> frozenset[str]:
        """The entities ``a`` holds shares in directly (relations in force)."""
        self._check(a)
        return self._share_index.get(a, frozenset())

    @property
    def _share_index(self) -> Mapping[str, frozenset[str]]:
        cached = self.__dict__.get("_share_idx")
        if cached is None:
            acc: dict[str, set[str]] = defaultdict(set)
            for x, y, _s, _k in self._shares:
                acc[x].add(y)
            cached = {x: frozenset(ys) for x, ys in acc.items()}
            self.__dict__["_share_idx"] = cached
        return cached

    def ultimate_controllers(self, b: str) -> frozenset[str]:
        """The controllers of ``b`` that nothing controls, save what they control back.

        In a cycle of mutual control (statutes naming each other), every entity of the cycle is
        an ultimate controller. Empty when nothing controls ``b``.

        Examples:
            >>> from ges_graph.graph import GES
            >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
            ...     {"id": "p", "name": "P", "form": "person"},
            ...     {"id": "a", "name": "A", "form": "sas"},
            ...     {"id": "b", "name": "B", "form": "sarl"}], "relations": [
            ...     {"type": "shareholding", "from": "p", "to": "a", "share": 60},
            ...     {"type": "shareholding", "from": "a", "to": "b", "share": 60}]})
            >>> sorted(ges.control.ultimate_controllers("b"))
            ['p']
        """
        out = set()
        for c in self.controllers(b):
            above = self._controllers.get(c, frozenset())
            if all(c in self._certain.get(x, ()) and x in self._certain.get(c, ()) for x in above):
                out.add(c)
        return frozenset(out)

    def direct(self, a: str, b: str) -> tuple[Means, ...]:
        """The means by which ``a`` alone controls ``b`` (means 5 counts what ``a`` controls).

        Examples:
            >>> from ges_graph.graph import GES
            >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
            ...     {"id": "a", "name": "A", "form": "association"},
            ...     {"id": "b", "name": "B", "form": "sarl"}], "relations": [
            ...     {"type": "shareholding", "from": "a", "to": "b", "share": 60},
            ...     {"type": "statutory_control", "from": "a", "to": "b"}]})
            >>> ges.control.direct("a", "b")
            (<Means.SHAREHOLDING: 'shareholding'>, <Means.STATUTORY: 'statutory'>)
        """
        self._check(a, b)
        if a == b or self._entities[a].form is Form.COLLECTIVE:
            return ()
        totals: dict[Means, float] = defaultdict(float)
        for e in self._into.get(b, ()):
            if e.holder == a:
                totals[e.means] += e.certain
        means = [m for m in _POOLS if m in totals and self._exceeds(m, b, totals[m])]
        if Means.STATUTORY in totals:
            means.append(Means.STATUTORY)
        mems = self._every_member.get(b, frozenset())
        if b in self._need:
            ctl = self._certain.get(a, {})
            if all(m == a or m in ctl for m in mems):
                means.append(Means.MEMBERS)
        return tuple(means)

    def why(self, a: str, b: str) -> Why | None:
        """Why ``a`` controls ``b``: the means, the figures and the chain; ``None`` if it doesn't.

        Each contribution of an entity ``a`` controls carries, in ``via``, why ``a`` controls it;
        the chain never goes round a cycle.

        Examples:
            >>> from ges_graph.graph import GES
            >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
            ...     {"id": "a", "name": "Alpha", "form": "association"},
            ...     {"id": "h", "name": "Holding", "form": "sas"},
            ...     {"id": "c", "name": "Cible", "form": "sarl"}], "relations": [
            ...     {"type": "shareholding", "from": "a", "to": "h", "share": 100},
            ...     {"type": "shareholding", "from": "a", "to": "c", "share": 20},
            ...     {"type": "shareholding", "from": "h", "to": "c", "share": 40}]})
            >>> print(ges.control.why("a", "c").sentence("en"))
            Alpha controls Cible: 60% (20% directly, 40% through Holding, which it holds at 100%)
            >>> ges.control.why("c", "a") is None
            True
        """
        self._check(a, b)
        ranks = self._certain.get(a, {})
        if b not in ranks:
            return None
        # The entities a chain to b can pass through: holders into b found before it, and
        # theirs, recursively (without recursion); then build bottom-up in rank order.
        needed = {b}
        stack = [b]
        while stack:
            x = stack.pop()
            rx = ranks[x]
            before = [e.holder for e in self._into.get(x, ())]
            before += self._every_member.get(x, ())
            for h in before:
                if h != a and h not in needed and h in ranks and ranks[h] < rx:
                    needed.add(h)
                    stack.append(h)
        memo: dict[str, Why] = {}
        for x in sorted(needed, key=ranks.__getitem__):
            memo[x] = self._why_one(a, x, ranks, memo)
        return memo[b]

    def _why_one(self, a: str, b: str, ranks: Mapping[str, int], memo: Mapping[str, Why]) -> Why:
        rb = ranks[b]

        def before(x: str) -> bool:
            return x == a or (x in ranks and ranks[x] < rb)

        sums: dict[Means, dict[str, list[_Edge]]] = defaultdict(lambda: defaultdict(list))
        for e in self._into.get(b, ()):
            if before(e.holder):
                sums[e.means][e.holder].append(e)
        for m in (*_POOLS, Means.STATUTORY):
            holders = sums.get(m)
            if not holders:
                continue
            total = sum(e.certain for es in holders.values() for e in es)
            if m is Means.STATUTORY or self._exceeds(m, b, total):
                order = sorted(holders, key=lambda h: -1 if h == a else ranks[h])
                if m is Means.STATUTORY:
                    order = order[:1]
                contributions = tuple(
                    Contribution(
                        h,
                        sum(e.certain for e in holders[h]),
                        tuple(e.key for e in holders[h]),
                        None if h == a else memo[h],
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
                    self.forms,
                )
        mems = sorted(
            self._every_member.get(b, frozenset()), key=lambda h: -1 if h == a else ranks[h]
        )
        contributions = tuple(Contribution(h, 0.0, (), None if h == a else memo[h]) for h in mems)
        return Why(a, b, Means.MEMBERS, 0.0, 0.0, contributions, self._names, self.forms)

    def _closure_from(self, start: Iterable[str]) -> frozenset[str]:
        found: set[str] = set()
        need: dict[str, int] = {}
        stack: list[str] = []

        def add(x: str) -> None:
            if x not in found:
                found.add(x)
                stack.append(x)

        for s in start:
            add(s)
        while stack:
            x = stack.pop()
            for y in self._certain.get(x, ()):
                add(y)
            for org in self._orgs_of(x):
                if org in found:
                    continue
                left = need.get(org, len(self._listed[org])) - 1
                need[org] = left
                if left == 0:
                    add(org)
        return frozenset(found & self.members)

    def _orgs_of(self, x: str) -> Iterator[str]:
        orgs = self._orgs_index.get(x)
        return iter(orgs) if orgs else iter(())

    @property
    def _orgs_index(self) -> Mapping[str, tuple[str, ...]]:
        idx = self.__dict__.get("_orgs_idx")
        if idx is None:
            acc: dict[str, list[str]] = defaultdict(list)
            for org in sorted(self._pools):
                for m in self._listed[org]:
                    acc[m].append(org)
            idx = {m: tuple(o) for m, o in acc.items()}
            self.__dict__["_orgs_idx"] = idx
        return idx

    def reach(self, h: str) -> frozenset[str]:
        """The reach of ``h``, restricted to G.

        The smallest set with ``h``, whatever something in it controls, and every union, GIE or
        employer group that lists at least one member and all of whose listed members are in it
        (a listed natural person is never in it).

        Examples:
            >>> from ges_graph.graph import GES
            >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
            ...     {"id": "a", "name": "A", "form": "association"},
            ...     {"id": "b", "name": "B", "form": "association"},
            ...     {"id": "gie", "name": "GIE", "form": "gie"}], "relations": [
            ...     {"type": "statutory_control", "from": "a", "to": "b"},
            ...     {"type": "membership", "from": "a", "to": "gie", "votes": 50},
            ...     {"type": "membership", "from": "b", "to": "gie", "votes": 50}]})
            >>> sorted(ges.control.reach("a"))
            ['a', 'b', 'gie']
        """
        self._check(h)
        key = (h, False)
        if key not in self._reach_cache:
            self._reach_cache[key] = self._closure_from([h])
        return self._reach_cache[key]

    def coordinating_reach(self, h: str) -> frozenset[str]:
        """The reach started from ``h`` and its listed members (natural persons left out)."""
        self._check(h)
        key = (h, True)
        if key not in self._reach_cache:
            self._reach_cache[key] = self._closure_from(
                [h, *sorted(self._listed.get(h, frozenset()))]
            )
        return self._reach_cache[key]

    def head_reach(self, h: str | None = None) -> frozenset[str]:
        """The reach that makes ``h`` (default: the head) a head.

        The coordinating reach for a coordinating candidate, else the reach; empty when there is
        no such entity.
        """
        h = self.head if h is None else h
        if h is None:
            return frozenset()
        return self.coordinating_reach(h) if h in self.coordinating else self.reach(h)

    def listed_members(self, b: str) -> frozenset[str]:
        """The listed members of ``b`` (``membership`` into it), natural persons left out."""
        self._check(b)
        return self._listed.get(b, frozenset())

    def own_votes(self, a: str, b: str) -> float:
        """``a``'s own shareholding votes in ``b`` (certain value, percent; 0 when none)."""
        self._check(a, b)
        return sum(
            e.certain
            for e in self._into.get(b, ())
            if e.holder == a and e.means is Means.SHAREHOLDING
        )

    def integrated_ownership(self, a: str, b: str) -> float:
        """The economic share (percent) ``a`` holds in ``b`` through every chain of shareholdings.

        Products of ``share`` (certain value) along each chain, summed over every chain from
        ``a`` to ``b`` that does not come back to ``a``: what ``b``'s capital holds of itself
        through a cross-holding goes round again and is shared out like the rest (a geometric
        series), and what reaches ``a`` is counted once. This is ``a``'s row of
        ``W (I - W)⁻¹`` with ``a``'s incoming holdings removed, solved exactly, strongly connected
        component by component. Where the document puts more than 100 % of an entity's capital in
        holders' hands, those holders' shares are scaled down to 100 % first, so the result stays
        within 0–100. ``a == b`` gives 0.

        Examples:
            >>> from ges_graph.graph import GES
            >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
            ...     {"id": "a", "name": "A", "form": "association"},
            ...     {"id": "x", "name": "X", "form": "sa"},
            ...     {"id": "y", "name": "Y", "form": "sa"}], "relations": [
            ...     {"type": "shareholding", "from": "a", "to": "x", "share": 80},
            ...     {"type": "shareholding", "from": "x", "to": "y", "share": 60},
            ...     {"type": "shareholding", "from": "y", "to": "x", "share": 20}]})
            >>> round(ges.control.integrated_ownership("a", "y"), 4)  # 0.8 × 0.6 / (1 - 0.12)
            54.5455
        """
        self._check(a, b)
        if a == b:
            return 0.0
        w = self._ownership_weights
        fwd: set[str] = set()  # reachable from a, never re-entering a
        stack = [a]
        while stack:
            x = stack.pop()
            for y in w.get(x, {}):
                if y != a and y not in fwd:
                    fwd.add(y)
                    stack.append(y)
        if b not in fwd:
            return 0.0
        rev = self._ownership_reverse
        back: set[str] = {b}  # of those, the ones that reach b
        stack = [b]
        while stack:
            y = stack.pop()
            for x in rev.get(y, {}):
                if x != a and x not in back and x in fwd:
                    back.add(x)
                    stack.append(x)
        f = self._walks_to(b, back)
        value = sum(v * f.get(y, 0.0) for y, v in w.get(a, {}).items())
        return min(100.0, max(0.0, value * 100))

    def _walks_to(self, b: str, nodes: set[str]) -> dict[str, float]:
        """For each node, the sum over walks inside ``nodes`` ending at ``b`` of the products.

        ``f(x) = [x = b] + Σ_y w(x, y) f(y)``, solved component by component, sinks first.
        """
        w = self._ownership_weights
        sub: nx.DiGraph[str] = nx.DiGraph()
        sub.add_nodes_from(nodes)
        for x in nodes:
            for y in w.get(x, {}):
                if y in nodes:
                    sub.add_edge(x, y)
        cond = nx.condensation(sub)
        value: dict[str, float] = {}
        for comp in reversed(list(nx.topological_sort(cond))):
            group = sorted(cond.nodes[comp]["members"])
            idx = {x: i for i, x in enumerate(group)}
            rhs = [
                (1.0 if x == b else 0.0)
                + sum(v * value.get(y, 0.0) for y, v in w.get(x, {}).items() if y not in idx)
                for x in group
            ]
            if len(group) == 1:
                value[group[0]] = rhs[0]
                continue
            n = len(group)
            mat = [[(1.0 if i == j else 0.0) for j in range(n)] for i in range(n)]
            for x in group:
                for y, v in w.get(x, {}).items():
                    if y in idx:
                        mat[idx[x]][idx[y]] -= v
            sol = _gauss(mat, rhs)
            for x in group:
                value[x] = sol[idx[x]]
        return value

    @property
    def _ownership_weights(self) -> Mapping[str, Mapping[str, float]]:
        cached = self.__dict__.get("_own_w")
        if cached is None:
            held: dict[str, float] = defaultdict(float)
            raw: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
            for x, y, share, _key in self._shares:
                held[y] += share
                raw[x][y] += share
            cached = {
                x: {y: v / max(100.0, held[y]) for y, v in ys.items()} for x, ys in raw.items()
            }
            self.__dict__["_own_w"] = cached
        return cached

    @property
    def _ownership_reverse(self) -> Mapping[str, Mapping[str, float]]:
        cached = self.__dict__.get("_own_r")
        if cached is None:
            rev: dict[str, dict[str, float]] = defaultdict(dict)
            for x, ys in self._ownership_weights.items():
                for y, v in ys.items():
                    rev[y][x] = v
            cached = dict(rev)
            self.__dict__["_own_r"] = cached
        return cached

    def name(self, entity_id: str) -> str:
        """The name of an entity."""
        return self._names[entity_id]

    def form(self, entity_id: str) -> Form:
        """The legal form of an entity."""
        return self.forms[entity_id]

    def is_operating(self, entity_id: str) -> bool:
        """Whether an entity holds at least one IAE convention (member or not)."""
        return entity_id in self._operating_all

    def has_shareholding(self, a: str, b: str) -> bool:
        """Whether a ``shareholding`` relation from ``a`` to ``b`` is in force."""
        self._check(a, b)
        return b in self._share_index.get(a, ())

    def __repr__(self) -> str:
        return f"<Control: {len(self.members)} members, head={self.head!r}, unified={self.unified}>"


def _gauss(mat: list[list[float]], rhs: list[float]) -> list[float]:
    """Solve ``mat · x = rhs`` by Gaussian elimination with partial pivoting (small systems)."""
    n = len(rhs)
    m = [[*row, rhs[i]] for i, row in enumerate(mat)]
    for col in range(n):
        piv = max(range(col, n), key=lambda r: abs(m[r][col]))
        if abs(m[piv][col]) < 1e-12:
            continue
        m[col], m[piv] = m[piv], m[col]
        for r in range(n):
            if r != col and m[r][col] != 0.0:
                f = m[r][col] / m[col][col]
                for c in range(col, n + 1):
                    m[r][c] -= f * m[col][c]
    return [m[i][n] / m[i][i] if abs(m[i][i]) >= 1e-12 else 0.0 for i in range(n)]
