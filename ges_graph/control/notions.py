"""The :class:`Control` object: the derived notions of one GES (see :mod:`ges_graph.control`)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from ges_graph.control import heads, ownership, reading
from ges_graph.control.graphs import Graphs
from ges_graph.control.means import Means, read_edges
from ges_graph.control.rows import Mode, Rows
from ges_graph.control.why import Why
from ges_graph.errors import ReadOnlyError, UnknownEntityError
from ges_graph.model import (
    Form,
)

if TYPE_CHECKING:
    from ges_graph.graph import GES

__all__ = ["Control"]


class Control(reading.State):
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
        # definitions in schemas.md: the means of control, the control graph, the head, then
        # what is said of the members. They are written into the instance's dictionary (the
        # guard of __setattr__ is a Python call per attribute, a tenth of a small group's cost).
        d = self.__dict__
        self._index_entities(ges, d)
        listed, persons, voting = self._read_relations(d)
        self._member_pools(listed, persons, voting, d)
        d["_rows"] = Rows(self._entities, self._out, self._into, self._every_member, self._need)
        d["_cache"] = {}
        d["_g"] = self._graphs()
        self._find_head(d)
        self._describe_members(d)
        d["_frozen"] = True

    def _index_entities(self, ges: GES, d: dict[str, Any]) -> None:
        """Names, forms, families, members and the relations in force (one pass)."""
        idx = reading.index_entities(ges.document.entities)
        d["_entities"], d["_names"] = idx.entities, idx.names
        d["forms"] = MappingProxyType(idx.forms)
        d["_forms"] = idx.forms  # the same, read without the proxy's indirection
        d["families"] = MappingProxyType(idx.families)
        d["_operating_all"] = idx.operating
        d["members"] = idx.members
        d["_member_list"] = idx.member_list
        d["relations"] = tuple(ges.relations_in_force())
        d["_never"] = idx.never
        d["_outsiders"] = idx.outsiders

    def _read_relations(
        self, d: dict[str, Any]
    ) -> tuple[dict[str, set[str]], dict[str, set[str]], set[str]]:
        """The edges of means 1–4, and who is listed as a member of what (:func:`read_edges`)."""
        read = read_edges(self.relations, self._entities, self._forms)
        d["_out"], d["_into"], d["_shares"] = read.out, read.into, read.shares
        d["_has_ranges"] = read.ranged
        return read.listed, read.persons, read.voting

    def _member_pools(
        self,
        listed: dict[str, set[str]],
        persons: dict[str, set[str]],
        voting: set[str],
        d: dict[str, Any],
    ) -> None:
        """Means 5 and the bodies that close the reach (:func:`reading.member_pools`)."""
        pools = reading.member_pools(self._entities, listed, persons, voting, self._out)
        d["_every_member"], d["_need"], d["_listed"] = pools.every_member, pools.need, pools.listed
        d["_pools"], d["_only_shares"] = pools.pools, pools.only_shares

    # -- the control graph ----------------------------------------------------------------------

    def _graphs(self) -> Graphs:
        return Graphs(
            list(self._entities),
            self._into,
            self._every_member,
            self._need,
            self._never,
            self._rows.exceeds,
            has_ranges=self._has_ranges,
            only_shares=self._only_shares,
            members=self.members,
        )

    def _memo(self, key: tuple[str, ...], make: Any) -> Any:
        """``make()`` computed once per key (the object is otherwise immutable)."""
        cache = self.__dict__["_cache"]
        if key not in cache:
            cache[key] = make()
        return cache[key]

    def _find_head(self, d: dict[str, Any]) -> None:
        """The head candidates, the coordinating ones, and the head (:func:`heads.find_head`)."""
        d["operating"] = self._operating_all & self.members
        d["_reach_cache"] = {}
        found = heads.find_head(
            self._g,
            self.families,
            self.members,
            self._listed,
            self._pools,
            self.reach,
            self.coordinating_reach,
        )
        if found.head is not None and len(found.candidates) == 1 and self._g.acyclic:
            # The one candidate of a graph without cycle controls every member
            # (:func:`heads.find_head`): its reach is the members, with no walk.
            d["_reach_cache"][(found.head, False)] = self.members
        d["candidates"] = found.candidates
        d["coordinating"] = found.coordinating
        d["head"] = found.head
        d["unified"] = found.head is not None
        d["head_is_coordinating"] = found.by_coordination

    def _describe_members(self, d: dict[str, Any]) -> None:
        """Members controlled from outside, and the intermediate holdings."""
        d["outside_control"] = MappingProxyType(self._outside())
        d["intermediate_holdings"] = heads.intermediate_holdings(
            self._g, self.members, self.families, self.head, self._out
        )

    def _outside(self) -> dict[str, frozenset[str]]:
        """The outside entities that control each member and that no member controls."""
        return self._g.outside(self.members, self._outsiders)

    @property
    def uncertain(self) -> frozenset[tuple[str, str]]:
        """(a, b) pairs where control is possible (ranges at ``max``) but not certain."""
        return self._g.uncertain()

    def __setattr__(self, name: str, value: Any) -> None:
        if self.__dict__.get("_frozen"):
            raise ReadOnlyError(f"Control is immutable: cannot set {name!r}")
        super().__setattr__(name, value)

    def __delattr__(self, name: str) -> None:
        raise ReadOnlyError(f"Control is immutable: cannot delete {name!r}")

    def __getstate__(self) -> dict[str, Any]:
        # Read-only mappings are not picklable: send plain dicts, say which to wrap back. What
        # was computed on demand is left behind (it is computed again when asked).
        state = {
            k: dict(v) if isinstance(v, MappingProxyType) else v
            for k, v in vars(self).items()
            if k not in ("_cache", "_reach_cache", "_rows", "_g", "_forms")
        }
        state["_proxies"] = [k for k, v in vars(self).items() if isinstance(v, MappingProxyType)]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        proxies = state.pop("_proxies", [])
        for k, v in state.items():
            self.__dict__[k] = MappingProxyType(v) if k in proxies else v
        self.__dict__["_forms"] = state["forms"]  # the dict the ``forms`` proxy now wraps
        self.__dict__["_cache"] = {}
        self.__dict__["_reach_cache"] = {}
        self.__dict__["_rows"] = Rows(
            self._entities, self._out, self._into, self._every_member, self._need
        )
        self.__dict__["_g"] = self._graphs()

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
        return b in self._g.below("certain", a)

    def possibly_controls(self, a: str, b: str) -> bool:
        """Whether ``a`` controls ``b`` when every range is taken at its ``max``."""
        self._check(a, b)
        return b in self._g.below("possible", a)

    def capital_controls(self, a: str, b: str) -> bool:
        """Whether ``a`` controls ``b`` by the shareholding pool alone (capital control)."""
        self._check(a, b)
        return b in self._g.below("capital", a)

    def controllers(self, b: str) -> frozenset[str]:
        """Every entity that controls ``b``."""
        self._check(b)
        return self._g.above("certain", b)

    def controlled(self, a: str) -> frozenset[str]:
        """Every entity that ``a`` controls."""
        self._check(a)
        return self._g.below("certain", a)

    def capital_controlled(self, a: str) -> frozenset[str]:
        """Every entity that ``a`` controls by capital control."""
        self._check(a)
        return self._g.below("capital", a)

    def in_order(self, ids: Collection[str]) -> list[str]:
        """``sorted(ids)``; many members at once are read off one sort of the members.

        A large group's roles (what the head controls, the intermediate holdings) each hold
        most of its members: one sort of the members, kept, then a pass that keeps those
        asked, costs less than a sort of each.

        Examples:
            >>> from ges_graph.graph import GES
            >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
            ...     {"id": "b", "name": "B", "form": "sas"},
            ...     {"id": "a", "name": "A", "form": "association"}]})
            >>> ges.control.in_order({"b", "a"}), ges.control.in_order(["b"])
            (['a', 'b'], ['b'])
        """
        members = self.members
        if len(ids) < 256 or len(ids) * 8 < len(members):
            return sorted(ids)
        wanted = ids if isinstance(ids, (set, frozenset)) else frozenset(ids)
        if len(wanted) != len(ids) or not wanted <= members:
            return sorted(ids)  # repeated ids, or some that are not members
        # Sorted from document order: five times faster for 100,000 members than from the set's
        # order. The set where there is no such list (a control unpickled from an older
        # version), or where it repeats an id (a document built without validation).
        listed = self.__dict__.get("_member_list")
        if listed is None or len(listed) != len(members):
            listed = members
        order = self._memo(("member-order",), lambda: sorted(listed))
        return [m for m in order if m in wanted]

    def walk_controlled(self, a: str, mode: Mode = "certain") -> Iterable[str]:
        """What ``a`` controls in ``mode`` (``certain``, ``possible``, ``capital``), lazily.

        The set :meth:`controlled` (or its kin) gives, when it was made; else a walk down the
        control graph that goes only as far as it is read: a count that stops at its bound
        walks no further.

        Examples:
            >>> from ges_graph.graph import GES
            >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
            ...     {"id": "a", "name": "A", "form": "association"},
            ...     {"id": "b", "name": "B", "form": "sas"},
            ...     {"id": "c", "name": "C", "form": "sarl"}], "relations": [
            ...     {"type": "shareholding", "from": "a", "to": "b", "share": 100},
            ...     {"type": "shareholding", "from": "b", "to": "c", "share": 51}]})
            >>> sorted(ges.control.walk_controlled("a", "capital"))
            ['b', 'c']
        """
        self._check(a)
        return self._g.walk_below(mode, a)

    def possibly_controlled(self, a: str) -> frozenset[str]:
        """Every entity that ``a`` possibly controls (ranges at their ``max``)."""
        self._check(a)
        return self._g.below("possible", a)

    def capital_controllers_of_any(self, ids: Iterable[str]) -> frozenset[str]:
        """Every entity with capital control of at least one of ``ids`` (one walk for all).

        Examples:
            >>> from ges_graph.graph import GES
            >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
            ...     {"id": "a", "name": "A", "form": "sas"},
            ...     {"id": "b", "name": "B", "form": "sas"},
            ...     {"id": "c", "name": "C", "form": "sarl"}], "relations": [
            ...     {"type": "shareholding", "from": "a", "to": "b", "share": 100},
            ...     {"type": "shareholding", "from": "b", "to": "c", "share": 51}]})
            >>> sorted(ges.control.capital_controllers_of_any(["c"]))
            ['a', 'b']
        """
        return self._g.controllers_of_any("capital", ids)

    def capital_totals(
        self, figures: Mapping[str, tuple[float, float]]
    ) -> Mapping[str, tuple[int, float, float]]:
        """Each entity with capital control of some of ``figures``' entities: how many, and sums.

        Only the entities other than itself count; the two figures of each are summed, in one
        pass for every entity.

        Examples:
            >>> from ges_graph.graph import GES
            >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
            ...     {"id": "a", "name": "A", "form": "sas"},
            ...     {"id": "b", "name": "B", "form": "sas"},
            ...     {"id": "c", "name": "C", "form": "sarl"}], "relations": [
            ...     {"type": "shareholding", "from": "a", "to": "b", "share": 100},
            ...     {"type": "shareholding", "from": "b", "to": "c", "share": 51}]})
            >>> totals = ges.control.capital_totals({"b": (10.0, 2.0), "c": (5.0, 1.0)})
            >>> totals["a"], totals["b"], "c" in totals
            ((2, 15.0, 3.0), (1, 5.0, 1.0), False)
        """
        return self._g.totals_below("capital", figures)

    def capital_controllers(self, b: str) -> frozenset[str]:
        """Every entity that has capital control of ``b``."""
        self._check(b)
        return self._g.above("capital", b)

    def shareholding_targets(self, a: str) -> frozenset[str]:
        """The entities ``a`` holds shares in directly (relations in force)."""
        self._check(a)
        return self._share_index.get(a, frozenset())

    @property
    def _share_index(self) -> Mapping[str, frozenset[str]]:
        cached = self.__dict__.get("_share_idx")
        if cached is None:
            cached = self.__dict__["_share_idx"] = reading.share_index(self._shares)
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
        cond = self._g.condensed("certain")
        return frozenset(c for c in self.controllers(b) if not cond.up[cond.comp[c]])

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
        return self._rows.direct(a, b, lambda: self._g.below("certain", a))

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
            Alpha controls Cible: 60% of the voting rights (20% directly, 40% through Holding,
            which it controls (100% of the voting rights))
            >>> ges.control.why("c", "a") is None
            True
        """
        self._check(a, b)
        return self._rows.why(a, b)

    def _closure_from(self, start: Iterable[str]) -> frozenset[str]:
        return self._g.reach_from(start, self._listed, self._pools, self.members)

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

    def controlled_members(self, a: str) -> frozenset[str]:
        """The members ``a`` controls: ``controlled(a) & members``.

        Where no pooled body closes a reach, this is ``a``'s reach less ``a``, which the head
        has already (:meth:`reach`): no walk.

        Examples:
            >>> from ges_graph.graph import GES
            >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
            ...     {"id": "a", "name": "A", "form": "association"},
            ...     {"id": "b", "name": "B", "form": "sas"},
            ...     {"id": "x", "name": "X", "form": "sas", "external": True}], "relations": [
            ...     {"type": "shareholding", "from": "a", "to": "b", "share": 100},
            ...     {"type": "shareholding", "from": "b", "to": "x", "share": 100}]})
            >>> sorted(ges.control.controlled_members("a")), sorted(ges.control.controlled("a"))
            (['b'], ['b', 'x'])
        """
        self._check(a)
        if not self._pools and a in self.members:
            return self.reach(a) - {a}
        return self.controlled(a) & self.members

    def capital_controlled_members(self, a: str) -> frozenset[str]:
        """The members ``a`` has capital control of: ``capital_controlled(a) & members``.

        Where shareholdings are the only means of control, capital control is certain control:
        :meth:`controlled_members`, which the head has with no walk.

        Examples:
            >>> from ges_graph.graph import GES
            >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
            ...     {"id": "a", "name": "A", "form": "association"},
            ...     {"id": "b", "name": "B", "form": "sas"},
            ...     {"id": "c", "name": "C", "form": "sas"}], "relations": [
            ...     {"type": "shareholding", "from": "a", "to": "b", "share": 100},
            ...     {"type": "statutory_control", "from": "a", "to": "c"}]})
            >>> sorted(ges.control.capital_controlled_members("a"))
            ['b']
        """
        if self._only_shares:
            return self.controlled_members(a)
        return self.capital_controlled(a) & self.members

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

    def plain_among(self, ids: Iterable[str]) -> frozenset[str]:
        """Those of ``ids`` that control, hold and reach nothing, and that nothing outside controls.

        Examples:
            >>> from ges_graph.graph import GES
            >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
            ...     {"id": "a", "name": "A", "form": "association"},
            ...     {"id": "b", "name": "B", "form": "association"}], "relations": [
            ...     {"type": "statutory_control", "from": "a", "to": "b"}]})
            >>> sorted(ges.control.plain_among(["a", "b"]))
            ['b']
        """
        busy = self._g.controlling() | self._share_index.keys()
        busy |= {m for m, outs in self.outside_control.items() if outs}
        reaching = self._g.reaching(self._listed, self._pools) | self.coordinating
        return frozenset(
            h for h in ids if h not in busy and (h not in reaching or self.head_reach(h) <= {h})
        )

    def listed_members(self, b: str) -> frozenset[str]:
        """The listed members of ``b`` (``membership`` into it), natural persons left out."""
        self._check(b)
        return self._listed.get(b, frozenset())

    def own_votes(self, a: str, b: str) -> float:
        """``a``'s own shareholding votes in ``b`` (certain value, percent; 0 when none)."""
        self._check(a, b)
        return self.own_votes_of(a).get(b, 0.0)

    def own_votes_of(self, a: str) -> Mapping[str, float]:
        """``a``'s own shareholding votes in each entity it holds shares in (certain values).

        Read off ``a``'s own relations, once: the cost follows what ``a`` holds.

        Examples:
            >>> from ges_graph.graph import GES
            >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
            ...     {"id": "a", "name": "A", "form": "association"},
            ...     {"id": "b", "name": "B", "form": "sas"}], "relations": [
            ...     {"type": "shareholding", "from": "a", "to": "b", "share": 30},
            ...     {"type": "shareholding", "from": "a", "to": "b", "share": 25}]})
            >>> dict(ges.control.own_votes_of("a")), dict(ges.control.own_votes_of("b"))
            ({'b': 55.0}, {})
        """
        self._check(a)
        table: dict[str, float] = self._memo(
            ("own-votes", a), lambda: reading.own_votes_of(self._out.get(a, ()))
        )
        return table

    def own_votes_ranged(self, a: str, b: str) -> bool:
        """Whether ``a``'s own shareholding votes in ``b`` come from a range.

        :meth:`own_votes` is then the range's minimum: a least, said « au moins ».
        """
        self._check(a, b)
        shares = Means.SHAREHOLDING
        return any(
            e.target == b and e.means is shares and e.certain != e.possible
            for e in self._out.get(a, ())
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

        def make() -> tuple[dict[str, dict[str, float]], dict[str, dict[str, float]]]:
            w = ownership.weights(self._shares)
            return w, ownership.reverse(w)

        w, rev = self._memo(("ownership",), make)
        return ownership.integrated(a, b, w, rev)

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
