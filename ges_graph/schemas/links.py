"""The ``head_link`` and ``link`` tests: what the head, or a member bound before, links to.

Both count the other members that an entity controls, holds shares in or reaches, among those
a filter admits; a ``head_link`` may bind them under a name (``as``) that a later ``link`` reads
(``from``). A plan prepares each test once (:class:`LinkArgsPrepared`: its arguments read, its
filter compiled) and evaluates it prepared at every classification.

Examples:
    >>> from ges_graph.schemas import reference_schemas
    >>> from ges_graph.schemas.context import Context
    >>> s5 = reference_schemas()[4]
    >>> ges = s5.example_ges()
    >>> test = s5.conditions[3].test
    >>> out = run_head_link(Context(ges, ges.control, "tremplin", {}), prepare_head_link(test))
    >>> out.held, dict(out.binds)
    (True, {'sas': ('holding', 'interim')})
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from ges_graph.i18n import Lang, Named, Tr, and_others
from ges_graph.schemas.context import (
    Context,
    Outcome,
    Sentence,
    count_linked,
    link_words,
    linked_members,
    negate_fr,
    no_head,
)
from ges_graph.schemas.matching import Match
from ges_graph.schemas.predicates import (
    HeadLinkArgs,
    HeadLinkTest,
    Link,
    LinkArgs,
    LinkTest,
)
from ges_graph.vocabulary.findings import role_label

_NO_OTHER = Tr("{who.the} {negated} autre membre {what}", "{who} {verb} no other member {what}")
_SEP = Tr(" ; ", "; ")
_NONE_BOUND = Tr(
    "aucun membre « {name} » : la condition précédente, qui les désigne, n'en a trouvé aucun",
    "no member '{name}': the earlier condition that names them found none",
)
_EXPECTED_AT_LEAST = Tr(" (attendu : au moins {n})", " (expected: at least {n})")
"""The words of a link condition's sentence."""

__all__ = [
    "LinkArgsPrepared",
    "eval_head_link",
    "eval_link",
    "prepare_head_link",
    "prepare_link",
    "run_head_link",
    "run_link",
]


class LinkArgsPrepared(NamedTuple):
    """A ``head_link`` or ``link`` test prepared: its arguments read, its filter compiled."""

    args: HeadLinkArgs | LinkArgs
    link: Link
    match: Match
    at_least: int
    name: str | None
    """The name bound (``as``) by a ``head_link``, or read (``from``) by a ``link``."""


def prepare_head_link(t: HeadLinkTest) -> LinkArgsPrepared:
    """A ``head_link`` test prepared: its arguments read once, its filter compiled."""
    a = t.head_link
    return LinkArgsPrepared(a, a.link, Match(a.to), a.at_least, a.as_)


def prepare_link(t: LinkTest) -> LinkArgsPrepared:
    """A ``link`` test prepared: its arguments read once, its filter compiled."""
    a = t.link
    return LinkArgsPrepared(a, a.link, Match(a.to), a.at_least, a.from_)


def eval_head_link(ctx: Context, t: HeadLinkTest) -> Outcome:
    """The outcome of a ``head_link`` test in ``ctx`` (prepared for this call alone)."""
    return run_head_link(ctx, prepare_head_link(t))


def run_head_link(ctx: Context, p: LinkArgsPrepared) -> Outcome:
    """The outcome of a prepared ``head_link`` test: the head links to enough members.

    With ``as``, every member found is bound under that name, sorted; without, they are
    counted only as far as the test needs, and listed when the sentence is written.
    """
    as_, link, match, at_least = p.name, p.link, p.match, p.at_least
    head = ctx.head
    if head is None:
        return Outcome(False, no_head(ctx).text, {as_: ()} if as_ else {})
    if as_:  # the members found are bound for later conditions: all of them, sorted
        found = linked_members(ctx, head, link, match)
        held = len(found) >= at_least
        binds = {as_: tuple(found)}
        listed: Callable[[], list[str]] = lambda: found  # noqa: E731
    else:  # counted as far as the condition needs, listed when put in words
        held = count_linked(ctx, head, link, match, at_least) >= at_least
        binds = {}

        def listed() -> list[str]:
            return linked_members(ctx, head, link, match)

    return Outcome(held, _link_text(ctx, p.args, head, ctx.head_words, listed), binds)


def _link_text(
    ctx: Context,
    a: HeadLinkArgs | LinkArgs,
    subject: str,
    words: Callable[[Lang], str],
    listed: Callable[[], list[str]],
) -> Sentence:
    """The sentence of a link condition (``head_link`` or ``link``): what ``subject`` links to.

    ``a`` is the condition's arguments (``link``, ``to``, ``at_least``); ``words`` names the
    subject in a language, ``listed`` the members it links to (both asked only when a sentence
    is written).
    """

    def text(lang: Lang) -> str:
        found = listed()
        if not found:
            return _NO_OTHER.format(
                lang,
                who=Named(words(lang)),
                negated=negate_fr(a.link),
                verb=link_words(a.link, lang),
                what=a.to.qualifier(lang),
            )
        said = _SEP.render(lang).join(ctx.link_phrase(a.link, subject, m, lang) for m in found[:3])
        if len(found) > 3:
            said += f" ({and_others(len(found) - 3, lang)})"
        if len(found) < a.at_least:
            said += _EXPECTED_AT_LEAST.format(lang, n=a.at_least)
        return said

    return text


def eval_link(ctx: Context, t: LinkTest) -> Outcome:
    """The outcome of a ``link`` test in ``ctx`` (prepared for this call alone)."""
    return run_link(ctx, prepare_link(t))


def run_link(ctx: Context, p: LinkArgsPrepared) -> Outcome:
    """The outcome of a prepared ``link`` test: a member bound under ``from`` links to enough.

    The first bound member with enough links is the one named; when none has, the one with the
    most.
    """
    a = p.args
    link, match, at_least = p.link, p.match, p.at_least
    name = p.name
    assert name is not None
    sources = ctx.bound.get(name, ())
    best: tuple[str, int] | None = None  # the first source with enough, else the most
    for s in sources:
        n = count_linked(ctx, s, link, match, at_least)
        if n >= at_least:
            best = (s, n)
            break
        if best is None or n > best[1]:
            best = (s, n)
    if best is None:

        def none_found(lang: Lang) -> str:
            # The name by its label when it is a code (« SAS »), as the schema wrote it otherwise.
            return _NONE_BOUND.format(lang, name=role_label(name, lang))

        return Outcome(False, none_found)
    s, n = best

    def words(lang: Lang) -> str:
        return ctx.name(s)

    def listed() -> list[str]:
        return linked_members(ctx, s, link, match)

    return Outcome(n >= at_least, _link_text(ctx, a, s, words, listed))
