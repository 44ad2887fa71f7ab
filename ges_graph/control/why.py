"""Why one entity controls another: the means, the figures and the chain, in words.

Examples:
    >>> from ges_graph.graph import GES
    >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
    ...     {"id": "a", "name": "Alpha", "form": "association"},
    ...     {"id": "b", "name": "Beta", "form": "sarl"}], "relations": [
    ...     {"type": "shareholding", "from": "a", "to": "b", "share": 60}]})
    >>> print(ges.control.why("a", "b").sentence("fr"))
    Alpha contrôle Beta : 60 % du capital (droits de vote)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ges_graph.control.means import POOLS, Means
from ges_graph.i18n import Lang, Named, Tr, check_lang, format_number, format_percent
from ges_graph.model import Form

__all__ = ["Contribution", "Why"]

_POOLS = POOLS


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
        return tuple(self.first_relations(None))

    def first_relations(self, limit: int | None) -> list[str]:
        """The first ``limit`` keys of :attr:`relations` (all when ``None``).

        Found without recursion: a chain of a hundred thousand links neither overflows the
        stack nor is walked whole for a few keys.

        Examples:
            >>> from ges_graph.graph import GES
            >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
            ...     {"id": "a", "name": "A", "form": "association"},
            ...     {"id": "b", "name": "B", "form": "sas"},
            ...     {"id": "c", "name": "C", "form": "sarl"}], "relations": [
            ...     {"type": "shareholding", "from": "a", "to": "b", "share": 100, "id": "ab"},
            ...     {"type": "shareholding", "from": "b", "to": "c", "share": 60, "id": "bc"}]})
            >>> why = ges.control.why("a", "c")
            >>> why.relations, why.first_relations(1)
            (('bc', 'ab'), ['bc'])
        """
        seen: dict[str, None] = {}
        # Depth first, as the recursive definition reads: a contribution's own keys, then its
        # chain's, then the next contribution. A chain met again adds nothing: skipped.
        done: set[int] = set()
        stack = [iter(self.contributions)]
        while stack:
            c = next(stack[-1], None)
            if c is None:
                stack.pop()
                continue
            for k in c.relations:
                seen[k] = None
            if limit is not None and len(seen) >= limit:
                break
            if c.via is not None and id(c.via) not in done:
                done.add(id(c.via))
                stack.append(iter(c.via.contributions))
        keys = list(seen)
        return keys if limit is None else keys[:limit]

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
