"""Evaluating conditions: one evaluator per predicate, a resolved :class:`Condition`, sharing.

Each predicate of :mod:`ges_graph.schemas.predicates` has one evaluator here (``_EVAL``), which
reads the group's derived notions through a :class:`~ges_graph.schemas.context.Context` and
returns an :class:`~ges_graph.schemas.context.Outcome` whose sentences name the entities. A
:class:`Condition` is a condition of a loaded schema; an :class:`Evaluation` evaluates many
conditions on one group with one head, evaluating a test shared by several schemas once.

Examples:
    >>> from ges_graph.schemas import reference_schemas
    >>> s5 = reference_schemas()[4]
    >>> cond = s5.conditions[0]
    >>> cond.id, cond.evaluate(s5.example_ges(), "tremplin").held
    ('at-least-two-members', True)
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from ges_graph.i18n import Lang, Tr, and_others, check_lang, counted
from ges_graph.model import RelationType
from ges_graph.schemas.context import (
    Context,
    Outcome,
    no_head,
)
from ges_graph.schemas.file_format import Text
from ges_graph.schemas.links import (
    eval_head_link,
    eval_link,
    prepare_head_link,
    prepare_link,
    run_head_link,
    run_link,
)
from ges_graph.schemas.matching import Match
from ges_graph.schemas.predicates import (
    CountTest,
    HeadCoordinatingTest,
    HeadLinkTest,
    HeadOutsideControlTest,
    HeadTest,
    LinkTest,
    MembersTest,
    RelationsTest,
    Strict,
    Test,
    UnifiedTest,
    or_words,
)
from ges_graph.schemas.unified import eval_unified

if TYPE_CHECKING:
    from ges_graph.graph import GES

__all__ = ["EVALUATORS", "PREPARED", "Condition", "Evaluation"]


_MEMBER, _MEMBERS = Tr("membre", "member"), Tr("membres", "members")
_GROUP_HAS = Tr("le groupe compte {n} (attendu : {want})", "the group has {n} (expected: {want})")
_CONTROLLED_FROM_OUTSIDE = Tr(
    "{head} est contrôlée de l'extérieur par {by.the}", "{head} is controlled from outside by {by}"
)
_NOT_CONTROLLED_FROM_OUTSIDE = Tr(
    "{head} n'est contrôlée par aucune personne ni entité extérieure au groupe",
    "{head} is controlled by no person or entity outside the group",
)
_HEAD_FORM = Tr(
    "{head} a la forme « {form} », de type {family}{operating} (attendu : {expected})",
    "{head} has the form '{form}', of the {family} family{operating} (expected: {expected})",
)
_OPERATING_HEAD = Tr(", conventionnée IAE", ", holding an IAE agreement")
_NOT_OPERATING_HEAD = Tr(", sans conventionnement IAE", ", without an IAE agreement")
_POOLS_OTHERS = Tr(
    "{head} fédère les autres membres, qui en sont adhérents",
    "{head} brings together the other members, who are its members",
)
_CONTROLS_OTHERS = Tr("{head} contrôle les autres membres", "{head} controls the other members")
_COUNTED = Tr(
    "{many} {what} : {listed} (attendu : {expected})",
    "{many} {what}: {listed} (expected: {expected})",
)
_NONE_COUNTED = Tr(
    "aucun membre {what} (attendu : {expected})", "no member {what} (expected: {expected})"
)
_RELATION, _RELATIONS = Tr("relation", "relation"), Tr("relations", "relations")
_RELATION_KIND = Tr("« {label} »", "{label}")
_RELATIONS_FOUND = Tr(
    "{counted} de type {kinds} entre membres : {pairs} (attendu : {expected})",
    "{n} {kinds} {noun} between members: {pairs} (expected: {expected})",
)
_NO_RELATION = Tr(
    "aucune relation de type {kinds} entre membres (attendu : {expected})",
    "no {kinds} relation between members (expected: {expected})",
)
_PAIRS_SEP = Tr(" ; ", "; ")
"""The sentences of the conditions' outcomes, each written in the language read."""


def _eval_members(ctx: Context, t: MembersTest) -> Outcome:
    n = len(ctx.control.members)
    held = t.members.holds(n)

    def text(lang: Lang) -> str:
        many = counted(n, _MEMBER, _MEMBERS, lang)
        return _GROUP_HAS.format(lang, n=many, want=t.members.describe(lang))

    return Outcome(held, text)


def _eval_head_outside(ctx: Context, t: HeadOutsideControlTest) -> Outcome:
    if ctx.head is None:
        return no_head(ctx)
    outside = sorted(ctx.control.outside_control.get(ctx.head, frozenset()))

    def text(lang: Lang) -> str:
        head = ctx.head_words(lang)
        if outside:
            return _CONTROLLED_FROM_OUTSIDE.format(lang, head=head, by=ctx.names(outside, lang))
        return _NOT_CONTROLLED_FROM_OUTSIDE.format(lang, head=head)

    return Outcome(bool(outside) == t.head_outside_control, text)


class _HeadArgs(NamedTuple):
    """A ``head`` test prepared: the test, its filter compiled."""

    test: HeadTest
    match: Match


def _prepare_head(t: HeadTest) -> _HeadArgs:
    return _HeadArgs(t, Match(t.head))


def _eval_head(ctx: Context, t: HeadTest) -> Outcome:
    return _run_head(ctx, _prepare_head(t))


def _run_head(ctx: Context, p: _HeadArgs) -> Outcome:
    head = ctx.head
    if head is None:
        return no_head(ctx)
    t = p.test
    held = p.match.matches(ctx.control, head)

    def text(lang: Lang) -> str:
        form = ctx.control.form(head)
        operating = ""
        if t.head.operating is not None:
            said = _OPERATING_HEAD if ctx.control.is_operating(head) else _NOT_OPERATING_HEAD
            operating = said.render(lang)
        return _HEAD_FORM.format(
            lang,
            head=ctx.head_words(lang),
            form=Tr(form.label_fr, form.label_en).render(lang),
            family=Tr(form.family.label_fr, form.family.value).render(lang),
            operating=operating,
            expected=t.head.describe(lang),
        )

    return Outcome(held, text)


def _eval_head_coordinating(ctx: Context, t: HeadCoordinatingTest) -> Outcome:
    if ctx.head is None:
        return no_head(ctx)
    coord = ctx.control.head == ctx.head and ctx.control.head_is_coordinating

    def text(lang: Lang) -> str:
        return (_POOLS_OTHERS if coord else _CONTROLS_OTHERS).format(
            lang, head=ctx.head_words(lang)
        )

    return Outcome(coord == t.head_coordinating, text)


class _CountArgs(NamedTuple):
    """A ``count`` test prepared: the test, its filter compiled, its bounds read."""

    test: CountTest
    match: Match
    exclude_head: bool
    at_least: int | None
    at_most: int | None
    decisive: int


def _prepare_count(t: CountTest) -> _CountArgs:
    a = t.count
    return _CountArgs(t, Match(a.of), a.exclude_head, a.at_least, a.at_most, a.decisive)


def _eval_count(ctx: Context, t: CountTest) -> Outcome:
    return _run_count(ctx, _prepare_count(t))


def _run_count(ctx: Context, p: _CountArgs) -> Outcome:
    a = p.test.count
    control, head = ctx.control, ctx.head
    members: Iterable[str] = control.members
    if p.exclude_head and head is not None:
        members = [m for m in control.members if m != head]
    # Counted only as far as the bounds need; the members are listed when put in words.
    n = p.match.count(control, members, p.decisive)
    low, high = p.at_least, p.at_most
    held = (low is None or n >= low) and (high is None or n <= high)

    def text(lang: Lang) -> str:
        found = a.of.select(control, members)
        expected = a.describe(lang)
        if not found:
            what = a.of.qualifier(lang)
            return _NONE_COUNTED.format(lang, what=what, expected=expected)
        many = counted(len(found), _MEMBER, _MEMBERS, lang)
        what = a.of.qualifier(lang, plural=len(found) > 1)
        listed = ctx.names(found, lang)
        return _COUNTED.format(lang, many=many, what=what, listed=listed, expected=expected)

    return Outcome(held, text)


class _RelationsArgs(NamedTuple):
    """A ``relations`` test prepared: the test, its bounds read."""

    test: RelationsTest
    decisive: int
    at_least: int | None
    at_most: int | None


def _prepare_relations(t: RelationsTest) -> _RelationsArgs:
    a = t.relations
    return _RelationsArgs(t, a.decisive, a.at_least, a.at_most)


def _eval_relations(ctx: Context, t: RelationsTest) -> Outcome:
    return _run_relations(ctx, _prepare_relations(t))


def _run_relations(ctx: Context, p: _RelationsArgs) -> Outcome:
    a = p.test.relations
    kinds = a.type  # a relation's ``type`` is its code, equal to its RelationType
    mem = ctx.control.members
    upto = p.decisive  # counted only as far as the bounds need, listed when put in words
    n = 0
    if upto:
        for _k, r in ctx.control.relations:
            if r.type in kinds and r.from_ in mem and r.to in mem:
                n += 1
                if n >= upto:
                    break
    low, high = p.at_least, p.at_most
    held = (low is None or n >= low) and (high is None or n <= high)

    def text(lang: Lang) -> str:
        found = sorted(
            ((r.from_, r.to, k), r)
            for k, r in ctx.control.relations
            if r.type in kinds and r.from_ in mem and r.to in mem
        )
        types = sorted({x.value for x in kinds})
        labels = [RelationType(x).label_in(lang) for x in types]
        words = or_words([_RELATION_KIND.format(lang, label=x) for x in labels], lang)
        said = [ctx.relation_sentence(r, lang) for _, r in found[:4]]
        if len(found) > 4:
            said.append(and_others(len(found) - 4, lang))
        pairs = _PAIRS_SEP.render(lang).join(said)
        expected = a.describe(lang)
        if not found:
            return _NO_RELATION.format(lang, kinds=words, expected=expected)
        n = len(found)
        return _RELATIONS_FOUND.format(
            lang,
            counted=counted(n, _RELATION, _RELATIONS, lang),
            n=n,
            noun=(_RELATION if n == 1 else _RELATIONS).render(lang),
            kinds=words,
            pairs=pairs,
            expected=expected,
        )

    return Outcome(held, text)


_EVAL: dict[type[Strict], Callable[[Context, Any], Outcome]] = {
    MembersTest: _eval_members,
    UnifiedTest: eval_unified,
    HeadOutsideControlTest: _eval_head_outside,
    HeadTest: _eval_head,
    HeadCoordinatingTest: _eval_head_coordinating,
    CountTest: _eval_count,
    RelationsTest: _eval_relations,
    HeadLinkTest: eval_head_link,
    LinkTest: eval_link,
}
EVALUATORS: Mapping[type[Strict], Callable[[Context, Any], Outcome]] = _EVAL
"""The evaluator of each predicate's test model (what :mod:`ges_graph.schemas.plan` compiles)."""
PREPARED: Mapping[type[Strict], tuple[Callable[[Any], Any], Callable[[Context, Any], Outcome]]] = {
    HeadTest: (_prepare_head, _run_head),
    CountTest: (_prepare_count, _run_count),
    RelationsTest: (_prepare_relations, _run_relations),
    HeadLinkTest: (prepare_head_link, run_head_link),
    LinkTest: (prepare_link, run_link),
}
"""The tests a plan prepares once (their filters compiled, their arguments read): for each test
model, what prepares a test and what evaluates it prepared. ``EVALUATORS[T](ctx, t)`` is
``run(ctx, prepare(t))``."""


@dataclass(frozen=True)
class Condition:
    """A resolved condition of a schema: its id, its text and its test.

    Attributes:
        id: the condition's id (``head-associative``).
        text: what it requires, in French and English.
        test: the parsed test (one predicate).
    """

    id: str
    text: Text
    test: Test

    @functools.cached_property
    def key(self) -> str:
        """The test in canonical JSON: equal tests of different schemas share it."""
        return f"{type(self.test).__name__}:{self.test.model_dump_json(by_alias=True)}"

    @functools.cached_property
    def head_free(self) -> bool:
        """Whether the test reads neither the head nor bound names (the same for every head)."""
        return _head_free(self.test)

    def title(self, lang: Lang = "fr") -> str:
        """What the condition requires, in ``lang``."""
        check_lang(lang)
        return Tr(self.text.fr, self.text.en).render(lang)

    def evaluate(
        self, ges: GES, head: str | None, bound: Mapping[str, tuple[str, ...]] | None = None
    ) -> Outcome:
        """The outcome on ``ges`` with ``head`` as the head (``bound``: names bound so far)."""
        ctx = Context(ges, ges.control, head, bound or {})
        return _EVAL[type(self.test)](ctx, self.test)

    def evaluate_in(self, ctx: Context, bound: Mapping[str, tuple[str, ...]]) -> Outcome:
        """The outcome in ``ctx`` (``bound``: the names bound so far, which a link test reads)."""
        if isinstance(self.test, LinkTest):
            ctx = Context(ctx.ges, ctx.control, ctx.head, bound)
        return _EVAL[type(self.test)](ctx, self.test)


class Evaluation:
    """Evaluate conditions on one GES with one head, sharing work between schemas.

    A test that does not depend on names bound by earlier conditions is evaluated once, however
    many schemas state it (the three common conditions, for instance).

    Args:
        ges: the group.
        head: the entity taken as the head (the real head, a candidate tried, or ``None``).
        shared: the outcomes of tests that read no head, kept across the evaluations of one
            group with different heads (each is evaluated once, whatever the candidates).

    Examples:
        >>> from ges_graph.schemas import reference_schemas
        >>> s1 = reference_schemas()[0]
        >>> ev = Evaluation(s1.example_ges(), "pi")
        >>> ev.evaluate(s1.conditions[1]).held, ev.evaluate(s1.conditions[1]) is ev.evaluate(
        ...     reference_schemas()[1].conditions[1])
        (True, True)
    """

    def __init__(
        self, ges: GES, head: str | None, shared: dict[str, Outcome] | None = None
    ) -> None:
        self._ctx = Context(ges, ges.control, head, {})
        self._cache: dict[str, Outcome] = {}
        self._shared = {} if shared is None else shared

    def evaluate(
        self, condition: Condition, bound: Mapping[str, tuple[str, ...]] | None = None
    ) -> Outcome:
        """The outcome of ``condition`` (``bound``: the names bound so far in its schema)."""
        test = condition.test
        if isinstance(test, LinkTest):
            ctx = Context(self._ctx.ges, self._ctx.control, self._ctx.head, bound or {})
            return eval_link(ctx, test)
        key = condition.key
        cache = self._shared if condition.head_free else self._cache
        out = cache.get(key)
        if out is None:
            out = _EVAL[type(test)](self._ctx, test)
            cache[key] = out
        return out


def _head_free(test: Test) -> bool:
    """Whether a test reads neither the head nor bound names (its outcome is the same for all)."""
    if isinstance(test, CountTest):
        return not test.count.exclude_head
    return isinstance(test, MembersTest | UnifiedTest | RelationsTest)
