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

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ges_graph.i18n import Lang, check_lang, format_percent
from ges_graph.schemas.predicates import EntityFilter, Link

if TYPE_CHECKING:
    from ges_graph.control import Control
    from ges_graph.graph import GES

__all__ = [
    "Context",
    "Outcome",
    "link_words",
    "linked_members",
    "negate_fr",
    "no_head",
]


@dataclass(frozen=True)
class Outcome:
    """The outcome of one condition on one GES: held, and a sentence in French and English.

    The sentences are written when first asked for (``fr``, ``en``, :meth:`message`), so that
    classifying costs only the tests.

    Examples:
        >>> out = Outcome(True, lambda: ("oui", "yes"))
        >>> out.held, out.message("en"), out.fr
        (True, 'yes', 'oui')
    """

    held: bool
    text: Callable[[], tuple[str, str]] = field(repr=False, compare=False)
    binds: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @functools.cached_property
    def _texts(self) -> tuple[str, str]:
        return self.text()

    @property
    def fr(self) -> str:
        """The sentence in French."""
        return self._texts[0]

    @property
    def en(self) -> str:
        """The sentence in English."""
        return self._texts[1]

    def message(self, lang: Lang = "fr") -> str:
        """The sentence in ``lang``."""
        check_lang(lang)
        return self._texts[0] if lang == "fr" else self._texts[1]

    def __getstate__(self) -> dict[str, Any]:
        # The sentence writer is a closure: pickle the sentences themselves.
        return {"held": self.held, "text": _Written(self._texts), "binds": dict(self.binds)}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)


@dataclass(frozen=True)
class _Written:
    """Sentences already written, as a picklable stand-in for a sentence writer."""

    texts: tuple[str, str]

    def __call__(self) -> tuple[str, str]:
        return self.texts


@dataclass(frozen=True)
class Context:
    """What a condition sees: the GES's derived notions, the head tried and the bound names."""

    ges: GES
    control: Control
    head: str | None
    bound: Mapping[str, tuple[str, ...]]

    def name(self, entity_id: str) -> str:
        """The entity's name."""
        return self.control.name(entity_id)

    def names(self, ids: Sequence[str], lang: Lang, limit: int = 6) -> str:
        """The names of ``ids``, the first ``limit`` of them, then how many others."""
        check_lang(lang)
        shown = [self.name(i) for i in ids[:limit]]
        more = len(ids) - len(shown)
        text = ", ".join(shown)
        if more > 0:
            text += f" et {more} autres" if lang == "fr" else f" and {more} others"
        return text

    def head_words(self, lang: Lang) -> str:
        """``la tête de groupe X`` / ``the head X`` (there must be a head)."""
        check_lang(lang)
        assert self.head is not None
        return (
            f"la tête de groupe {self.name(self.head)}"
            if lang == "fr"
            else f"the head {self.name(self.head)}"
        )

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
        fr = lang == "fr"
        na, nb = self.name(a), self.name(b)
        c = self.control
        if link is Link.MAJORITY_VOTES or (link is Link.SHAREHOLDING and c.own_votes(a, b) > 0):
            pct = format_percent(c.own_votes(a, b), lang)
            return (
                f"{na} détient {pct} des droits de vote de {nb}"
                if fr
                else (f"{na} holds {pct} of the votes of {nb}")
            )
        if link in (Link.CONTROLS, Link.CAPITAL_CONTROLS, Link.POSSIBLY_CONTROLS):
            why = c.why(a, b)
            if why is not None and (
                link is not Link.CAPITAL_CONTROLS or why.means.value == "shareholding"
            ):
                return why.sentence(lang)
            verb = {
                Link.CONTROLS: ("contrôle", "controls"),
                Link.CAPITAL_CONTROLS: (
                    "a le contrôle capitalistique de",
                    "has capital control of",
                ),
                Link.POSSIBLY_CONTROLS: ("contrôle peut-être", "possibly controls"),
            }[link]
            return f"{na} {verb[0] if fr else verb[1]} {nb}"
        if link is Link.REACHES:
            return f"{nb} est dans le périmètre de {na}" if fr else f"{nb} is in {na}'s reach"
        return f"{na} détient des parts de {nb}" if fr else f"{na} holds shares in {nb}"


def link_words(link: Link, lang: Lang) -> str:
    """The verb of a link in ``lang`` (``contrôle``, ``holds shares in``)."""
    check_lang(lang)
    fr = {
        Link.CONTROLS: "contrôle",
        Link.CAPITAL_CONTROLS: "a le contrôle capitalistique de",
        Link.POSSIBLY_CONTROLS: "contrôle peut-être",
        Link.MAJORITY_VOTES: "détient plus de 50 % des droits de vote de",
        Link.REACHES: "a dans son périmètre",
        Link.SHAREHOLDING: "détient des parts de",
    }
    en = {
        Link.CONTROLS: "controls",
        Link.CAPITAL_CONTROLS: "has capital control of",
        Link.POSSIBLY_CONTROLS: "possibly controls",
        Link.MAJORITY_VOTES: "holds more than 50% of the votes of",
        Link.REACHES: "has in its reach",
        Link.SHAREHOLDING: "holds shares in",
    }
    return fr[link] if lang == "fr" else en[link]


def no_head(ctx: Context) -> Outcome:
    """The failed outcome of a condition on the head when there is none."""
    return Outcome(False, lambda: ("il n'y a pas de tête de groupe", "there is no head of group"))


def linked_members(ctx: Context, a: str, link: Link, to: EntityFilter) -> list[str]:
    """The other members matching ``to`` that ``a`` has ``link`` to, sorted by id.

    Only the entities the link can reach are looked at, so the cost follows what ``a``
    controls or holds, not the size of the group.
    """
    c = ctx.control
    reachable: frozenset[str]
    if link is Link.CONTROLS:
        reachable = c.controlled(a)
    elif link is Link.CAPITAL_CONTROLS:
        reachable = c.capital_controlled(a)
    elif link is Link.POSSIBLY_CONTROLS:
        reachable = c.possibly_controlled(a)
    elif link is Link.REACHES:
        reachable = c.head_reach(a) if a == ctx.head else c.reach(a)
    else:
        reachable = c.shareholding_targets(a)
    chosen = to.select(c, reachable & c.members)
    if link is Link.MAJORITY_VOTES:
        return [m for m in chosen if m != a and c.own_votes(a, m) > 50]
    return [m for m in chosen if m != a]  # the others are what ``reachable`` holds


def negate_fr(link: Link) -> str:
    """The French verb of a link, negated (``ne contrôle aucun``)."""
    return {
        Link.CONTROLS: "ne contrôle aucun",
        Link.CAPITAL_CONTROLS: "n'a le contrôle capitalistique d'aucun",
        Link.POSSIBLY_CONTROLS: "ne peut contrôler aucun",
        Link.MAJORITY_VOTES: "ne détient la majorité des droits de vote d'aucun",
        Link.REACHES: "ne compte dans son périmètre aucun",
        Link.SHAREHOLDING: "ne détient de parts d'aucun",
    }[link]
