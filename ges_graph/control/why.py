"""Why one entity controls another: the means, the figures and the chain, in words.

Examples:
    >>> from ges_graph.graph import GES
    >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
    ...     {"id": "a", "name": "Alpha", "form": "association"},
    ...     {"id": "b", "name": "Beta", "form": "sarl"}], "relations": [
    ...     {"type": "shareholding", "from": "a", "to": "b", "share": 60}]})
    >>> print(ges.control.why("a", "b").sentence("fr"))
    Alpha contrôle Beta : participation au capital conférant 60 % des droits de vote
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ges_graph.control.means import POOLS, Means
from ges_graph.i18n import (
    Lang,
    Named,
    Tr,
    at_least,
    check_lang,
    counted,
    format_number,
    format_percent,
    fr_gender,
    fr_que,
)
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
    least: bool = field(default=False, repr=False, compare=False)
    """Whether ``amount`` is a least: a relation it adds gives a range (read at its minimum)."""


_CONTROLS = Tr("{a.the} contrôle {b.the} : ", "{a} controls {b}: ")
_HOLDS_AT = Tr(
    "{that} contrôle ({pct} des droits de vote)",
    "which {it} controls ({pct} of the voting rights)",
)
_WHICH_IT_CONTROLS = Tr("{that} contrôle", "which {it} controls")
_DIRECTLY = Tr("{amount} directement", "{amount} directly")
_THROUGH = Tr("{amount} par l'intermédiaire {name.de}, {how}", "{amount} through {name}, {how}")
_SHARES_GIVING = Tr(
    "participation au capital conférant {pct} des droits de vote",
    "a shareholding carrying {pct} of the voting rights",
)
_OF_VOTING_RIGHTS = Tr("{pct} des droits de vote", "{pct} of the voting rights")
_OF_MEMBERS_VOTES = Tr("{pct} des voix des membres", "{pct} of the members' votes")
_SEATS_OF = Tr("{seats} sur {size} à son conseil", "{seats} of {size} on its board")
_SEAT, _SEATS = Tr("siège", "seat"), Tr("sièges", "seats")
_STATUTES = Tr(
    "les statuts {b.de} lui confient la désignation de la majorité des membres de son conseil",
    "the statutes of {b} give it the appointment of the majority of its board",
)
_STATUTES_VIA = Tr(
    "les statuts {b.de} confient {via.a}, la désignation de la majorité des membres de son conseil",
    "the statutes of {b} give {via}, the appointment of the majority of its board",
)
_POOLED = Tr(
    "chacun de ses membres est {a.the} ou contrôlé par {it} ({parts})",
    "each of its members is {a} or controlled by {it} ({parts})",
)
_SEMICOLON = Tr(" ; ", "; ")
_PART_VIA = Tr("{name.the}, {how}", "{name}, {how}")
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

    @property
    def least(self) -> bool:
        """Whether ``total`` is a least: some part of it is a range's minimum.

        Control is certain control; the sentence then says « au moins ».
        """
        return any(c.least for c in self.contributions)

    def _pct(self, value: float, lang: Lang) -> str:
        """``value`` as a percentage, « au moins » before it when :attr:`least`."""
        pct = format_percent(value, lang)
        return at_least(pct, lang) if self.least else pct

    def _pronoun(self) -> str | None:
        """The controller as a French pronoun, « elle » or « il »; ``None`` for a person.

        The gender is the name's when it opens with a common noun (« le Centre Social
        Horizon », whatever its form), else its form's; a person's is not known.
        """
        name = self.names[self.controller]
        gender = fr_gender(name)
        if gender is None:
            form = self.forms.get(self.controller)
            if form is Form.PERSON:
                return None
            gender = "f" if form is None or form.feminine else "m"
        return "elle" if gender == "f" else "il"

    def _that(self, lang: Lang) -> str:
        """« qu'elle », « qu'il », or « que » and the name of a person (French only)."""
        pronoun = self._pronoun()
        if lang != "fr":
            return ""
        return "qu'" + pronoun if pronoun else fr_que(self.names[self.controller])

    def _it(self, lang: Lang, *, stressed: bool = False) -> str:
        """The controller as a pronoun (« lui » after « par »), or a person's name."""
        pronoun = self._pronoun()
        if pronoun is None:
            return self.names[self.controller]
        if lang != "fr":
            return "it"
        return "lui" if stressed and pronoun == "il" else pronoun

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
            pct = self._pct(self.total, lang)
            return _HOLDS_AT.format(lang, pct=pct, that=self._that(lang), it=self._it(lang))
        return _WHICH_IT_CONTROLS.format(lang, that=self._that(lang), it=self._it(lang))

    def _votes(self, pct: float, lang: Lang) -> str:
        """``pct`` of the voting rights, or of the members' votes (L233-3: votes, not capital)."""
        said = _OF_VOTING_RIGHTS if self.means is Means.SHAREHOLDING else _OF_MEMBERS_VOTES
        return said.format(lang, pct=self._pct(pct, lang))

    def _part(self, c: Contribution, unit: str, lang: Lang) -> str:
        """One holder's part.

        ``unit`` is ``%``, ``votes`` (a percentage said as the voting rights it is), ``seats``
        (counted: « 1 siège ») or ``""``.
        """
        name = self.names[c.holder]
        if self.means in _POOLS:
            if unit == "votes":
                amount = self._votes(c.amount, lang)
            elif unit == "%":
                amount = format_percent(c.amount, lang)
                if c.least:
                    amount = at_least(amount, lang)
            elif unit == "seats":
                amount = _seats(c.amount, lang)
            else:
                amount = format_number(c.amount, lang)
            if c.via is None:
                return _DIRECTLY.format(lang, amount=amount)
            how = c.via._holding(lang)
            return _THROUGH.format(lang, amount=amount, name=Named(name), how=how)
        if c.via is None:
            return name
        how = c.via._holding(lang)
        return _PART_VIA.format(lang, name=Named(name), how=how)

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
        head = _CONTROLS.format(lang, a=Named(a), b=Named(b))
        if self.means is Means.SHAREHOLDING or self.means is Means.MEMBERSHIP:
            if len(self.contributions) == 1:
                (c,) = self.contributions
                if c.via is None and self.means is Means.SHAREHOLDING:
                    pct = self._pct(self.total, lang)
                    return head + _SHARES_GIVING.format(lang, pct=pct)
                if c.via is None:
                    return head + self._votes(self.total, lang)
                return head + self._part(c, "votes", lang)
            parts = [self._part(c, "%", lang) for c in self.contributions]
            return f"{head}{self._votes(self.total, lang)} ({', '.join(parts)})"
        if self.means is Means.BOARD:
            size = format_number(self.threshold * 2, lang)
            base = _SEATS_OF.format(lang, seats=_seats(self.total, lang), size=size)
            if len(self.contributions) == 1 and self.contributions[0].via is None:
                return head + base
            parts = [self._part(c, "seats", lang) for c in self.contributions]
            return f"{head}{base} ({', '.join(parts)})"
        if self.means is Means.STATUTORY:
            c = self.contributions[0]
            if c.via is None:
                return head + _STATUTES.format(lang, b=Named(b))
            via = Named(self._part(c, "", lang))
            return head + _STATUTES_VIA.format(lang, b=Named(b), via=via)
        pooled = _SEMICOLON.render(lang).join(self._part(c, "", lang) for c in self.contributions)
        it = self._it(lang, stressed=True)
        return head + _POOLED.format(lang, a=Named(a), parts=pooled, it=it)

    def __str__(self) -> str:
        return self.sentence("fr")


def _seats(n: float, lang: Lang) -> str:
    """« 1 siège », « 3 sièges »: a number of seats (a whole number, as the format has them)."""
    if n == int(n):
        return counted(int(n), _SEAT, _SEATS, lang)
    return f"{format_number(n, lang)} {_SEATS.render(lang)}"
