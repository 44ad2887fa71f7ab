"""What a condition sees and what it gives: the evaluation context and the outcome.

:class:`Context` holds the group's derived notions (:mod:`ges_graph.control`), the head tried
and the names bound by earlier conditions, and knows how to follow a :class:`Link` and say it in
words; :class:`Outcome` is a condition's result (held, and a sentence in French and English
written when first read). The evaluators of :mod:`ges_graph.schemas.evaluation` use both.

Examples:
    >>> link_words(Link.CAPITAL_CONTROLS, "en"), negate_fr(Link.CONTROLS)
    ('has capital control of', 'ne contrôle aucun')
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ges_graph.i18n import (
    LANGS,
    Lang,
    Named,
    Tr,
    at_least,
    check_lang,
    format_percent,
    fr_gender,
    named_list,
)
from ges_graph.model import Board, Flow, Office, Relation, RelationType
from ges_graph.schemas.matching import Match
from ges_graph.schemas.predicates import EntityFilter, Link

if TYPE_CHECKING:
    from ges_graph.control import Control
    from ges_graph.graph import GES

__all__ = [
    "Context",
    "Outcome",
    "Sentence",
    "count_linked",
    "link_words",
    "linked_members",
    "negate_fr",
    "no_head",
]


Sentence = Callable[[Lang], str]
"""What writes a condition's sentence in the language asked (``fr`` or ``en``)."""

_KEYS: Mapping[str, str] = {lang: f"_{lang}" for lang in LANGS}
"""Where an :class:`Outcome` keeps its sentence in each language, once written."""


@dataclass(frozen=True, init=False)
class Outcome:
    """The outcome of one condition on one GES: held, and a sentence in French and English.

    The sentence is written in a language when first asked for in it (``fr``, ``en``,
    :meth:`message`), so that classifying costs only the tests, and a registry checked in French
    writes no English.

    Examples:
        >>> out = Outcome(True, Tr("oui", "yes").render)
        >>> out.held, out.message("en"), out.fr
        (True, 'yes', 'oui')
    """

    held: bool
    text: Sentence = field(repr=False, compare=False)
    """Writes the sentence in a language (called at most once for each)."""
    binds: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def __init__(
        self,
        held: bool,
        text: Sentence,
        binds: Mapping[str, tuple[str, ...]] | None = None,
    ) -> None:
        # The fields written into the instance's dictionary in one step: a frozen dataclass's
        # own __init__ makes one guarded assignment per field, and a classification makes a
        # few dozen outcomes.
        d = self.__dict__
        d["held"] = held
        d["text"] = text
        d["binds"] = {} if binds is None else binds

    @property
    def fr(self) -> str:
        """The sentence in French."""
        return self.message("fr")

    @property
    def en(self) -> str:
        """The sentence in English."""
        return self.message("en")

    def message(self, lang: Lang = "fr") -> str:
        """The sentence in ``lang``, written on first use."""
        key = _KEYS.get(lang) or _KEYS[check_lang(lang)]  # check_lang raises on an unknown one
        d = self.__dict__
        got: str | None = d.get(key)
        if got is None:
            got = d[key] = self.text(lang)
        return got

    def __getstate__(self) -> dict[str, Any]:
        # The sentence writer is a closure: pickle the sentences themselves.
        written = _Written(Tr(self.fr, self.en))
        return {"held": self.held, "text": written, "binds": dict(self.binds)}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)


@dataclass(frozen=True)
class _Written:
    """Sentences already written, as a picklable stand-in for a sentence writer."""

    texts: Tr

    def __call__(self, lang: Lang) -> str:
        return self.texts.render(lang)


_THE_HEAD = Tr("la tête de groupe {name}", "the head {name}")
_THE_HEAD_NOUN = Tr("la tête de groupe, {name.the},", "the head {name}")
_HOLDS_VOTES = Tr(
    "{a.the} détient directement {pct} des droits de vote {b.de}",
    "{a} directly holds {pct} of the votes of {b}",
)
_IN_REACH = Tr("{b.the} est dans le périmètre {a.de}", "{b} is in {a}'s reach")
_HOLDS_SHARES = Tr("{a.the} détient une participation au capital {b.de}", "{a} holds shares in {b}")
_LINKED = Tr("{a.the} {verb} {b.the}", "{a} {verb} {b}")
_NO_HEAD = Tr("il n'y a pas de tête de groupe", "there is no head of group")
_LINK_VERBS: Mapping[Link, Tr] = {
    Link.CONTROLS: Tr("contrôle", "controls"),
    Link.CAPITAL_CONTROLS: Tr("contrôle par le capital", "has capital control of"),
    Link.POSSIBLY_CONTROLS: Tr("contrôle peut-être", "possibly controls"),
    Link.MAJORITY_VOTES: Tr(
        "détient directement plus de 50 % des droits de vote de",
        "directly holds more than 50% of the votes of",
    ),
    Link.REACHES: Tr("a dans son périmètre", "has in its reach"),
    Link.SHAREHOLDING: Tr("détient une participation au capital de", "holds shares in"),
}
"""The verb of each link, for sentences."""


@dataclass(frozen=True, init=False)
class Context:
    """What a condition sees: the GES's derived notions, the head tried and the bound names."""

    ges: GES
    control: Control
    head: str | None
    bound: Mapping[str, tuple[str, ...]]

    def __init__(
        self,
        ges: GES,
        control: Control,
        head: str | None,
        bound: Mapping[str, tuple[str, ...]],
    ) -> None:
        # In one step, as :class:`Outcome` (a context is made per head and per link test).
        d = self.__dict__
        d["ges"] = ges
        d["control"] = control
        d["head"] = head
        d["bound"] = bound

    def name(self, entity_id: str) -> str:
        """The entity's name."""
        return self.control.name(entity_id)

    def names(self, ids: Sequence[str], lang: Lang, limit: int = 6) -> Named:
        """The names of ``ids`` joined as a list, the first ``limit`` of them, then how many others.

        « A, B et C »; « A, B, C, D, E, F et 3 autres »; in a French template, ``{x.the}`` gives
        each name its article (:func:`~ges_graph.i18n.named_list`).
        """
        check_lang(lang)
        shown = [self.name(i) for i in ids[:limit]]
        return named_list(shown, lang, len(ids) - len(shown))

    def head_words(self, lang: Lang) -> str:
        """``la tête de groupe X`` / ``the head X`` (there must be a head).

        A name that opens with a common noun is set between commas with its article (« la tête
        de groupe, l'Association Tremplin, a la forme… »), where « la tête de groupe Evolio »
        reads as it is.
        """
        check_lang(lang)
        assert self.head is not None
        name = self.name(self.head)
        said = _THE_HEAD if fr_gender(name) is None else _THE_HEAD_NOUN
        return said.format(lang, name=Named(name))

    def relation_sentence(self, r: Relation, lang: Lang) -> str:
        """A relation in words, which way it runs, with its seats, office or kind when it has them.

        « la Holding X détient une participation au capital d'Evolio », « Evolio exerce la
        présidence de l'Union X », « Evolio rend des services de siège à l'Union X, qui paie
        9 000 EUR ».
        """
        check_lang(lang)
        a, b = self.name(r.from_), self.name(r.to)
        if isinstance(r, Flow):
            currency = self.ges.document.currency
            return r.sentence({r.from_: a, r.to: b}, currency, lang)
        seats = r.seats if isinstance(r, Board) else None
        office = r.office if isinstance(r, Office) else None
        return RelationType(r.type).sentence(a, b, lang, seats=seats, office=office)

    def linked(self, link: Link, a: str, b: str) -> bool:
        """Whether ``a`` has ``link`` to ``b``."""
        c = self.control
        if link is Link.CONTROLS:
            return c.controls(a, b)
        if link is Link.CAPITAL_CONTROLS:
            return c.capital_controls(a, b)
        if link is Link.POSSIBLY_CONTROLS:
            return c.possibly_controls(a, b)
        if link is Link.MAJORITY_VOTES:
            return c.own_votes(a, b) > 50
        if link is Link.REACHES:
            reach = c.head_reach(a) if a == self.head else c.reach(a)
            return b in reach
        return c.has_shareholding(a, b)

    def link_phrase(self, link: Link, a: str, b: str, lang: Lang) -> str:
        """``A détient 100 % de B`` and the like, for sentences."""
        check_lang(lang)
        na, nb = Named(self.name(a)), Named(self.name(b))
        c = self.control
        if link is Link.MAJORITY_VOTES or (link is Link.SHAREHOLDING and c.own_votes(a, b) > 0):
            pct = format_percent(c.own_votes(a, b), lang)
            if c.own_votes_ranged(a, b):  # a range read at its minimum
                pct = at_least(pct, lang)
            return _HOLDS_VOTES.format(lang, a=na, pct=pct, b=nb)
        if link in (Link.CONTROLS, Link.CAPITAL_CONTROLS, Link.POSSIBLY_CONTROLS):
            why = c.why(a, b)
            if why is not None and (
                link is not Link.CAPITAL_CONTROLS or why.means.value == "shareholding"
            ):
                return why.sentence(lang)
            verb = _LINK_VERBS[link].render(lang)
            if verb.endswith(" de"):  # French: « de » elides or takes the name's article
                return f"{na.the} {verb[:-3]} {nb.de}"
            return _LINKED.format(lang, a=na, verb=verb, b=nb)
        if link is Link.REACHES:
            return _IN_REACH.format(lang, a=na, b=nb)
        return _HOLDS_SHARES.format(lang, a=na, b=nb)


def link_words(link: Link, lang: Lang) -> str:
    """The verb of a link in ``lang`` (``contrôle``, ``holds shares in``)."""
    check_lang(lang)
    return _LINK_VERBS[link].render(lang)


def no_head(ctx: Context) -> Outcome:
    """The failed outcome of a condition on the head when there is none."""
    return Outcome(False, _NO_HEAD.render)


def linked_members(ctx: Context, a: str, link: Link, to: EntityFilter | Match) -> list[str]:
    """The other members matching ``to`` that ``a`` has ``link`` to, sorted by id.

    Only the entities the link can reach are looked at, so the cost follows what ``a``
    controls or holds, not the size of the group.
    """
    c = ctx.control
    if link is Link.MAJORITY_VOTES:  # the members ``a`` holds more than half the votes of
        votes = c.own_votes_of(a)
        return [m for m in to.select(c, votes.keys() & c.members) if m != a and votes[m] > 50]
    return [m for m in to.select(c, _reached(ctx, a, link) & c.members) if m != a]


def _reached(ctx: Context, a: str, link: Link) -> frozenset[str]:
    """What ``a`` reaches by ``link`` among the members, any link but :attr:`Link.MAJORITY_VOTES`.

    Others may be in it too: the callers keep the members.
    """
    c = ctx.control
    if link is Link.CONTROLS:
        return c.controlled_members(a)
    if link is Link.CAPITAL_CONTROLS:
        return c.capital_controlled_members(a)
    if link is Link.POSSIBLY_CONTROLS:
        return c.possibly_controlled(a)
    if link is Link.REACHES:
        return c.head_reach(a) if a == ctx.head else c.reach(a)
    return c.shareholding_targets(a)


def count_linked(ctx: Context, a: str, link: Link, to: EntityFilter | Match, upto: int) -> int:
    """How many of :func:`linked_members` there are, counted up to ``upto`` at most."""
    c = ctx.control
    reachable: Iterable[str]
    if link is Link.MAJORITY_VOTES:
        reachable = [m for m, v in c.own_votes_of(a).items() if v > 50]
    elif link is Link.CAPITAL_CONTROLS:  # walked only as far as the count needs
        reachable = c.walk_controlled(a, "capital")
    elif link is Link.POSSIBLY_CONTROLS:
        reachable = c.walk_controlled(a, "possible")
    else:
        reachable = _reached(ctx, a, link)
    mem = c.members
    return to.count(c, (m for m in reachable if m != a and m in mem), upto)


def negate_fr(link: Link) -> str:
    """The French verb of a link, negated (``ne contrôle aucun``)."""
    return {
        Link.CONTROLS: "ne contrôle aucun",
        Link.CAPITAL_CONTROLS: "ne contrôle par le capital aucun",
        Link.POSSIBLY_CONTROLS: "ne peut contrôler aucun",
        Link.MAJORITY_VOTES: "ne détient directement la majorité des droits de vote d'aucun",
        Link.REACHES: "n'a dans son périmètre aucun",
        Link.SHAREHOLDING: "ne détient de participation au capital d'aucun",
    }[link]
