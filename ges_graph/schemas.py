"""Reference schemas as data: the schema-file format, its two-pass loader, and its conditions.

A schema file (``schemas/coorace/S1.yaml`` … ``S6.yaml``, or a user's own) states a schema's id, its
title in French and English, how sure its reconstruction is, its *head condition*, its other
conditions and its variants, and carries a canonical example GES. Conditions are written in a
small declarative language over the derived notions of :mod:`ges_graph.control`: each ``test``
is a mapping with exactly one *predicate* and its arguments:

=========================  =======================================================================
predicate                  holds when
=========================  =======================================================================
``members``                G has ``at_least`` / ``at_most`` members
``unified``                governance is unified (``true``) or not (``false``)
``head_outside_control``   the head is under outside control (``true``) or not (``false``)
``head``                   there is a head and it matches an entity filter
``head_coordinating``      the head was found as the coordinating candidate (a union)
``count``                  the members matching ``of`` (a filter) number ``at_least``/``at_most``
``relations``              the relations of ``type`` between members number ``at_least``/…
``head_link``              the head has ``link`` to ``at_least`` other members matching ``to``;
                           ``as: NAME`` binds those members for later conditions
``link``                   some member bound to ``from`` has ``link`` to ``at_least`` others
=========================  =======================================================================

An entity filter has any of ``form`` (form codes), ``family`` (families), ``operating`` and
``intermediate_holding`` (booleans); all given must hold. A ``link`` is one of ``controls``,
``capital_controls``, ``possibly_controls``, ``majority_votes`` (own shareholding votes above
50 %), ``reaches`` (in the reach; for the head, the reach that makes it the head) and
``shareholding`` (a shareholding relation in force).

Loading has two passes, as followthemoney loads its model: *parse* (YAML, then the file's
structure) and *resolve* (each predicate known and its arguments valid, bound names defined
before use, ids unique, the example a valid GES document). Every error is a
:class:`~ges_graph.errors.SchemaFileError` naming the file and the place (a path such as
``conditions[2].test.head_link.to.form[0]``, with the line where the YAML parser knows it).
The six reference schemas are loaded once, on first use, never at import.

Examples:
    >>> [s.id for s in reference_schemas()]
    ['S1', 'S2', 'S3', 'S4', 'S5', 'S6']
    >>> s5 = reference_schemas()[4]
    >>> s5.title("en"), s5.confidence
    ('Mixed group with associative governance and an SAS', 'medium')
    >>> [c.id for c in s5.conditions][:3]
    ['at-least-two-members', 'unified-governance', 'no-outside-control']
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import annotated_types as at
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ges_graph.errors import SchemaFileError
from ges_graph.i18n import Lang, format_percent
from ges_graph.model import Document, Family, Form, RelationType, format_loc

if TYPE_CHECKING:
    from ges_graph.control import Control
    from ges_graph.graph import GES

__all__ = [
    "PREDICATES",
    "Condition",
    "EntityFilter",
    "Evaluation",
    "Link",
    "Outcome",
    "SchemaDef",
    "SchemaFile",
    "json_schema",
    "load_schema_file",
    "load_schema_text",
    "reference_schemas",
]

Confidence = Literal["high", "medium", "low to medium", "low"]


# --------------------------------------------------------------------------------------------
# The file format (pydantic models; the JSON Schema is generated from them)
# --------------------------------------------------------------------------------------------


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


Name = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
"""A name bound by ``as`` and used by ``from``."""
Count = Annotated[int, at.Ge(0)]


class Text(_Strict):
    """A sentence in French and in English."""

    fr: Annotated[str, Field(min_length=1)]
    en: Annotated[str, Field(min_length=1)]


class EntityFilter(_Strict):
    """Which entities: all the keys given must hold (an empty filter takes every member)."""

    form: tuple[Form, ...] | None = None
    family: tuple[Family, ...] | None = None
    operating: bool | None = None
    intermediate_holding: bool | None = None

    def matches(self, control: Control, entity_id: str) -> bool:
        """Whether the entity passes the filter."""
        form = control.form(entity_id)
        if self.form is not None and form not in self.form:
            return False
        if self.family is not None and form.family not in self.family:
            return False
        if self.operating is not None and control.is_operating(entity_id) != self.operating:
            return False
        return not (
            self.intermediate_holding is not None
            and (entity_id in control.intermediate_holdings) != self.intermediate_holding
        )

    def select(self, control: Control, ids: Iterable[str]) -> list[str]:
        """The ids that pass the filter, sorted.

        Examples:
            >>> s5 = reference_schemas()[4].example_ges()
            >>> EntityFilter(form=("sas", "sasu")).select(s5.control, s5.control.members)
            ['holding', 'interim']
        """
        forms = control.forms
        out = list(ids)
        if self.form is not None:
            wanted = self.form
            out = [i for i in out if forms[i] in wanted]
        if self.family is not None:
            fams, families = self.family, control.families
            out = [i for i in out if families[i] in fams]
        if self.operating is not None:
            op = self.operating
            out = [i for i in out if control.is_operating(i) == op]
        if self.intermediate_holding is not None:
            ih, holdings = self.intermediate_holding, control.intermediate_holdings
            out = [i for i in out if (i in holdings) == ih]
        out.sort()
        return out

    def describe(self, lang: Lang) -> str:
        """The filter in words (``SAS or SASU``, ``of the company family``)."""
        fr = lang == "fr"
        parts: list[str] = []
        if self.form is not None:
            labels = [f.label_fr if fr else f.label_en for f in self.form]
            parts.append(_or(labels, lang))
        if self.family is not None:
            fams = [f.label_fr if fr else f.value for f in self.family]
            parts.append(f"du type {_or(fams, lang)}" if fr else f"{_or(fams, lang)} family")
        if self.operating is not None:
            if fr:
                parts.append(
                    "opératrice (conventionnée IAE)" if self.operating else "non opératrice"
                )
            else:
                parts.append("operating (IAE agreement)" if self.operating else "not operating")
        if self.intermediate_holding is not None:
            if fr:
                parts.append(
                    "holding intermédiaire" if self.intermediate_holding else "pas une holding"
                )
            else:
                parts.append(
                    "intermediate holding"
                    if self.intermediate_holding
                    else "not an intermediate holding"
                )
        if not parts:
            return "membre du groupe" if fr else "group member"
        return ", ".join(parts)


class Link(StrEnum):
    """A relation between two entities that a ``head_link`` or ``link`` test counts."""

    CONTROLS = "controls"
    CAPITAL_CONTROLS = "capital_controls"
    POSSIBLY_CONTROLS = "possibly_controls"
    MAJORITY_VOTES = "majority_votes"
    REACHES = "reaches"
    SHAREHOLDING = "shareholding"


class Bounds(_Strict):
    """``at_least`` and/or ``at_most`` (at least one of them)."""

    at_least: Count | None = None
    at_most: Count | None = None

    @model_validator(mode="after")
    def _some_bound(self) -> Bounds:
        if self.at_least is None and self.at_most is None:
            raise ValueError("give at_least, at_most or both")
        if self.at_least is not None and self.at_most is not None and self.at_least > self.at_most:
            raise ValueError("at_least is above at_most")
        return self

    def holds(self, n: int) -> bool:
        """Whether ``n`` is within the bounds."""
        return (self.at_least is None or n >= self.at_least) and (
            self.at_most is None or n <= self.at_most
        )

    def describe(self, lang: Lang) -> str:
        """The bounds in words."""
        fr = lang == "fr"
        if self.at_most == 0:
            return "aucun" if fr else "none"
        if self.at_least is not None and self.at_most is not None:
            return (
                f"entre {self.at_least} et {self.at_most}"
                if fr
                else f"between {self.at_least} and {self.at_most}"
            )
        if self.at_least is not None:
            return f"au moins {self.at_least}" if fr else f"at least {self.at_least}"
        return f"au plus {self.at_most}" if fr else f"at most {self.at_most}"


class CountArgs(Bounds):
    """Arguments of ``count``: the members matching ``of``."""

    of: EntityFilter = EntityFilter()
    exclude_head: bool = False


class RelationsArgs(Bounds):
    """Arguments of ``relations``: relations in force, of ``type``, between two members."""

    type: tuple[RelationType, ...] = Field(min_length=1)


class HeadLinkArgs(_Strict):
    """Arguments of ``head_link``."""

    link: Link
    to: EntityFilter = EntityFilter()
    at_least: Annotated[int, at.Ge(1)] = 1
    as_: Name | None = Field(None, alias="as")


class LinkArgs(_Strict):
    """Arguments of ``link``: ``from`` names members bound by an earlier ``head_link``."""

    from_: Name = Field(alias="from")
    link: Link
    to: EntityFilter = EntityFilter()
    at_least: Annotated[int, at.Ge(1)] = 1


class MembersTest(_Strict):
    """G has so many members."""

    members: Bounds


class UnifiedTest(_Strict):
    """Governance is unified, or not."""

    unified: bool


class HeadOutsideControlTest(_Strict):
    """The head is under outside control, or not."""

    head_outside_control: bool


class HeadTest(_Strict):
    """The head matches a filter."""

    head: EntityFilter


class HeadCoordinatingTest(_Strict):
    """The head is the coordinating candidate, or not."""

    head_coordinating: bool


class CountTest(_Strict):
    """Members matching a filter number so many."""

    count: CountArgs


class RelationsTest(_Strict):
    """Relations between members number so many."""

    relations: RelationsArgs


class HeadLinkTest(_Strict):
    """The head has a link to so many members."""

    head_link: HeadLinkArgs


class LinkTest(_Strict):
    """A bound member has a link to so many others."""

    link: LinkArgs


Test = (
    MembersTest
    | UnifiedTest
    | HeadOutsideControlTest
    | HeadTest
    | HeadCoordinatingTest
    | CountTest
    | RelationsTest
    | HeadLinkTest
    | LinkTest
)

_TESTS: dict[str, type[_Strict]] = {
    "members": MembersTest,
    "unified": UnifiedTest,
    "head_outside_control": HeadOutsideControlTest,
    "head": HeadTest,
    "head_coordinating": HeadCoordinatingTest,
    "count": CountTest,
    "relations": RelationsTest,
    "head_link": HeadLinkTest,
    "link": LinkTest,
}
PREDICATES: tuple[str, ...] = tuple(_TESTS)
"""The predicates of the condition language."""


class ConditionSpec(_Strict):
    """One named condition of a schema file."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
    text: Text
    test: Test


class VariantSpec(_Strict):
    """A variant: the first whose test holds names the match."""

    id: Annotated[str, Field(pattern=r"^[A-Za-z0-9]+$")]
    text: Text
    test: Test


class SchemaFile(_Strict):
    """The content of a schema file (the JSON Schema ``schemas/json/ges-schema.schema.json``)."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        title="ges-graph schema file",
    )

    id: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$")]
    title: Text
    confidence: Confidence
    basis: Text
    head_condition: ConditionSpec
    conditions: tuple[ConditionSpec, ...] = ()
    variants: tuple[VariantSpec, ...] = ()
    example: dict[str, Any]


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the schema-file format, generated from :class:`SchemaFile`.

    Examples:
        >>> sorted(json_schema()["properties"])[:4]
        ['basis', 'conditions', 'confidence', 'example']
    """
    body = SchemaFile.model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "urn:ges-graph:schema:ges-schema:1",
        **body,
    }


# --------------------------------------------------------------------------------------------
# Evaluation
# --------------------------------------------------------------------------------------------


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
class _Context:
    """What a condition sees: the GES's derived notions, the head tried and the bound names."""

    ges: GES
    control: Control
    head: str | None
    bound: Mapping[str, tuple[str, ...]]

    def name(self, entity_id: str) -> str:
        return self.control.name(entity_id)

    def names(self, ids: Sequence[str], lang: Lang, limit: int = 6) -> str:
        shown = [self.name(i) for i in ids[:limit]]
        more = len(ids) - len(shown)
        text = ", ".join(shown)
        if more > 0:
            text += f" et {more} autres" if lang == "fr" else f" and {more} others"
        return text

    def head_words(self, lang: Lang) -> str:
        assert self.head is not None
        return (
            f"la tête de groupe {self.name(self.head)}"
            if lang == "fr"
            else f"the head {self.name(self.head)}"
        )

    def linked(self, link: Link, a: str, b: str) -> bool:
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


_RELATION_FR = {
    RelationType.MEMBERSHIP: "adhésion",
    RelationType.BOARD: "sièges au conseil",
    RelationType.OFFICE: "mandat de direction",
    RelationType.STATUTORY_CONTROL: "contrôle statutaire",
    RelationType.SHAREHOLDING: "participation au capital",
    RelationType.FLOW: "flux financier",
}
"""French names of the relation types, for sentences."""


def _or(items: Sequence[str], lang: Lang) -> str:
    if len(items) <= 1:
        return "".join(items)
    word = " ou " if lang == "fr" else " or "
    return ", ".join(items[:-1]) + word + items[-1]


def _link_words(link: Link, lang: Lang) -> str:
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


def _no_head(ctx: _Context) -> Outcome:
    return Outcome(False, lambda: ("il n'y a pas de tête de groupe", "there is no head of group"))


def _eval_members(ctx: _Context, t: MembersTest) -> Outcome:
    n = len(ctx.control.members)
    held = t.members.holds(n)

    def text() -> tuple[str, str]:
        want_fr, want_en = t.members.describe("fr"), t.members.describe("en")
        return (
            f"le groupe compte {n} membre{'s' if n > 1 else ''} (attendu : {want_fr})",
            f"the group has {n} member{'s' if n != 1 else ''} (expected: {want_en})",
        )

    return Outcome(held, text)


def _eval_unified(ctx: _Context, t: UnifiedTest) -> Outcome:
    c = ctx.control
    return Outcome(c.unified == t.unified, lambda: _unified_text(ctx))


def _unified_text(ctx: _Context) -> tuple[str, str]:
    c = ctx.control
    if c.unified:
        assert c.head is not None
        how_fr = (
            "qui coordonne les autres têtes possibles"
            if c.head_is_coordinating
            else "qui contrôle ou fédère tous les membres"
        )
        how_en = (
            "which coordinates the other possible heads"
            if c.head_is_coordinating
            else "which controls or pools every member"
        )
        fr = f"la gouvernance est unifiée autour de {c.name(c.head)}, {how_fr}"
        en = f"governance is unified around {c.name(c.head)}, {how_en}"
    elif not c.candidates:
        fr = "la gouvernance n'est pas unifiée : chaque membre est contrôlé par un autre"
        en = "governance is not unified: every member is controlled by another"
    elif len(c.candidates) == 1:
        (h,) = c.candidates
        missing = sorted(c.members - c.reach(h))
        fr = (
            f"la gouvernance n'est pas unifiée : {c.name(h)} n'atteint pas "
            f"{ctx.names(missing, 'fr')}"
        )
        en = f"governance is not unified: {c.name(h)} does not reach {ctx.names(missing, 'en')}"
    else:
        cands = list(c.candidates)
        fr = (
            "la gouvernance n'est pas unifiée : aucun membre ne contrôle "
            f"{ctx.names(cands, 'fr')}, et aucun ne les fédère tous"
        )
        en = (
            f"governance is not unified: no member controls {ctx.names(cands, 'en')}, "
            "and none brings them all together"
        )
    return fr, en


def _eval_head_outside(ctx: _Context, t: HeadOutsideControlTest) -> Outcome:
    if ctx.head is None:
        return _no_head(ctx)
    outside = sorted(ctx.control.outside_control.get(ctx.head, frozenset()))

    def text() -> tuple[str, str]:
        if outside:
            return (
                f"{ctx.head_words('fr')} est contrôlée de l'extérieur par "
                f"{ctx.names(outside, 'fr')}",
                f"{ctx.head_words('en')} is controlled from outside by {ctx.names(outside, 'en')}",
            )
        return (
            f"{ctx.head_words('fr')} n'est contrôlée par aucune entité extérieure",
            f"{ctx.head_words('en')} is controlled by no outside entity",
        )

    return Outcome(bool(outside) == t.head_outside_control, text)


def _eval_head(ctx: _Context, t: HeadTest) -> Outcome:
    if ctx.head is None:
        return _no_head(ctx)
    head = ctx.head
    held = t.head.matches(ctx.control, head)

    def text() -> tuple[str, str]:
        form = ctx.control.form(head)
        op_fr = op_en = ""
        if t.head.operating is not None:
            operating = ctx.control.is_operating(head)
            op_fr = ", opératrice" if operating else ", non opératrice"
            op_en = ", operating" if operating else ", not operating"
        return (
            f"{ctx.head_words('fr')} a la forme « {form.label_fr} » (type "
            f"{form.family.label_fr}{op_fr}) ; attendu : {t.head.describe('fr')}",
            f"{ctx.head_words('en')} has the form '{form.label_en}' ({form.family.value} "
            f"family{op_en}); expected: {t.head.describe('en')}",
        )

    return Outcome(held, text)


def _eval_head_coordinating(ctx: _Context, t: HeadCoordinatingTest) -> Outcome:
    if ctx.head is None:
        return _no_head(ctx)
    coord = ctx.control.head == ctx.head and ctx.control.head_is_coordinating

    def text() -> tuple[str, str]:
        if coord:
            return (
                f"{ctx.head_words('fr')} fédère les autres membres, qui en sont adhérents",
                f"{ctx.head_words('en')} brings together the other members, who are its members",
            )
        return (
            f"{ctx.head_words('fr')} contrôle les autres membres",
            f"{ctx.head_words('en')} controls the other members",
        )

    return Outcome(coord == t.head_coordinating, text)


def _eval_count(ctx: _Context, t: CountTest) -> Outcome:
    a = t.count
    found = [
        m
        for m in a.of.select(ctx.control, ctx.control.members)
        if not (a.exclude_head and m == ctx.head)
    ]
    held = a.holds(len(found))

    def text() -> tuple[str, str]:
        what_fr, what_en = a.of.describe("fr"), a.of.describe("en")
        if found:
            fr = f"{len(found)} membre(s) ({what_fr}) : {ctx.names(found, 'fr')}"
            en = f"{len(found)} member(s) ({what_en}): {ctx.names(found, 'en')}"
        else:
            fr = f"aucun membre ({what_fr})"
            en = f"no member ({what_en})"
        return f"{fr} (attendu : {a.describe('fr')})", f"{en} (expected: {a.describe('en')})"

    return Outcome(held, text)


def _eval_relations(ctx: _Context, t: RelationsTest) -> Outcome:
    a = t.relations
    types = {x.value for x in a.type}
    mem = ctx.control.members
    found = sorted(
        (r.from_, r.to)
        for _k, r in ctx.control.relations
        if r.type in types and r.from_ in mem and r.to in mem
    )
    held = a.holds(len(found))

    def text() -> tuple[str, str]:
        kinds_fr = _or([_RELATION_FR[RelationType(x)] for x in sorted(types)], "fr")
        kinds_en = _or(sorted(x.replace("_", " ") for x in types), "en")
        pairs = "; ".join(f"{ctx.name(x)} → {ctx.name(y)}" for x, y in found[:4])
        if found:
            fr = f"{len(found)} relation(s) entre membres ({kinds_fr}) : {pairs}"
            en = f"{len(found)} {kinds_en} relation(s) between members: {pairs}"
        else:
            fr = f"aucune relation entre membres ({kinds_fr})"
            en = f"no {kinds_en} relation between members"
        return f"{fr} (attendu : {a.describe('fr')})", f"{en} (expected: {a.describe('en')})"

    return Outcome(held, text)


def _linked_members(ctx: _Context, a: str, link: Link, to: EntityFilter) -> list[str]:
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


def _eval_head_link(ctx: _Context, t: HeadLinkTest) -> Outcome:
    a = t.head_link
    if ctx.head is None:
        return Outcome(False, _no_head(ctx).text, {a.as_: ()} if a.as_ else {})
    head = ctx.head
    found = _linked_members(ctx, head, a.link, a.to)
    held = len(found) >= a.at_least
    binds = {a.as_: tuple(found)} if a.as_ else {}

    words = (ctx.head_words("fr"), ctx.head_words("en"))
    return Outcome(held, _link_text(ctx, a, head, words, found), binds)


def _link_text(
    ctx: _Context,
    a: HeadLinkArgs | LinkArgs,
    subject: str,
    words: tuple[str, str],
    found: list[str],
) -> Callable[[], tuple[str, str]]:
    """The sentences of a link condition (``head_link`` or ``link``): what ``subject`` links to.

    ``a`` is the condition's arguments (``link``, ``to``, ``at_least``); ``words`` names the
    subject in French and English.
    """

    def text() -> tuple[str, str]:
        if not found:
            return (
                f"{words[0]} {_negate_fr(a.link)} autre membre ({a.to.describe('fr')})",
                f"{words[1]} {_link_words(a.link, 'en')} no other member ({a.to.describe('en')})",
            )
        fr = " ; ".join(ctx.link_phrase(a.link, subject, m, "fr") for m in found[:3])
        en = "; ".join(ctx.link_phrase(a.link, subject, m, "en") for m in found[:3])
        if len(found) > 3:
            fr += f" (et {len(found) - 3} autres)"
            en += f" (and {len(found) - 3} others)"
        if len(found) < a.at_least:
            fr += f" (attendu : au moins {a.at_least})"
            en += f" (expected: at least {a.at_least})"
        return fr, en

    return text


def _negate_fr(link: Link) -> str:
    return {
        Link.CONTROLS: "ne contrôle aucun",
        Link.CAPITAL_CONTROLS: "n'a le contrôle capitalistique d'aucun",
        Link.POSSIBLY_CONTROLS: "ne peut contrôler aucun",
        Link.MAJORITY_VOTES: "ne détient la majorité des droits de vote d'aucun",
        Link.REACHES: "ne compte dans son périmètre aucun",
        Link.SHAREHOLDING: "ne détient de parts d'aucun",
    }[link]


def _eval_link(ctx: _Context, t: LinkTest) -> Outcome:
    a = t.link
    sources = ctx.bound.get(a.from_, ())
    best: tuple[str, list[str]] | None = None
    for s in sources:
        found = _linked_members(ctx, s, a.link, a.to)
        if len(found) >= a.at_least:
            best = (s, found)
            break
        if best is None or len(found) > len(best[1]):
            best = (s, found)
    if best is None:
        return Outcome(
            False,
            lambda: (
                f"aucun membre « {a.from_} » n'a été trouvé par une condition précédente",
                f"no member '{a.from_}' was found by an earlier condition",
            ),
        )
    s, found = best
    held = len(found) >= a.at_least

    return Outcome(held, _link_text(ctx, a, s, (ctx.name(s), ctx.name(s)), found))


_EVAL: dict[type[_Strict], Callable[[_Context, Any], Outcome]] = {
    MembersTest: _eval_members,
    UnifiedTest: _eval_unified,
    HeadOutsideControlTest: _eval_head_outside,
    HeadTest: _eval_head,
    HeadCoordinatingTest: _eval_head_coordinating,
    CountTest: _eval_count,
    RelationsTest: _eval_relations,
    HeadLinkTest: _eval_head_link,
    LinkTest: _eval_link,
}


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

    def title(self, lang: Lang = "fr") -> str:
        """What the condition requires, in ``lang``."""
        return self.text.fr if lang == "fr" else self.text.en

    def evaluate(
        self, ges: GES, head: str | None, bound: Mapping[str, tuple[str, ...]] | None = None
    ) -> Outcome:
        """The outcome on ``ges`` with ``head`` as the head (``bound``: names bound so far)."""
        ctx = _Context(ges, ges.control, head, bound or {})
        return _EVAL[type(self.test)](ctx, self.test)


class Evaluation:
    """Evaluate conditions on one GES with one head, sharing work between schemas.

    A test that does not depend on names bound by earlier conditions is evaluated once, however
    many schemas state it (the three common conditions, for instance).

    Args:
        ges: the group.
        head: the entity taken as the head (the real head, a candidate tried, or ``None``).

    Examples:
        >>> s1 = reference_schemas()[0]
        >>> ev = Evaluation(s1.example_ges(), "pi")
        >>> ev.evaluate(s1.conditions[1]).held, ev.evaluate(s1.conditions[1]) is ev.evaluate(
        ...     reference_schemas()[1].conditions[1])
        (True, True)
    """

    def __init__(self, ges: GES, head: str | None) -> None:
        self._ctx = _Context(ges, ges.control, head, {})
        self._cache: dict[str, Outcome] = {}

    def evaluate(
        self, condition: Condition, bound: Mapping[str, tuple[str, ...]] | None = None
    ) -> Outcome:
        """The outcome of ``condition`` (``bound``: the names bound so far in its schema)."""
        test = condition.test
        if isinstance(test, LinkTest):
            ctx = _Context(self._ctx.ges, self._ctx.control, self._ctx.head, bound or {})
            return _eval_link(ctx, test)
        key = condition.key
        out = self._cache.get(key)
        if out is None:
            out = _EVAL[type(test)](self._ctx, test)
            self._cache[key] = out
        return out


@dataclass(frozen=True)
class SchemaDef:
    """A loaded, resolved schema: what :func:`ges_graph.classification.classify` matches against.

    Attributes:
        id: the schema's id (``S5``).
        confidence: how sure the reconstruction is (``high``, ``medium``, ``low to medium``,
            ``low``).
        head_condition: the kind of head the schema is built around.
        conditions: the other conditions, in file order (common ones included).
        variants: (id, text, test) of each variant, first match wins.
        file: where it was loaded from.
    """

    id: str
    titles: Text
    confidence: Confidence
    basis: Text
    head_condition: Condition
    conditions: tuple[Condition, ...]
    variants: tuple[Condition, ...]
    example_data: Mapping[str, Any] = field(repr=False)
    file: str = field(default="", compare=False)

    def title(self, lang: Lang = "fr") -> str:
        """The schema's title in ``lang``."""
        return self.titles.fr if lang == "fr" else self.titles.en

    @property
    def all_conditions(self) -> tuple[Condition, ...]:
        """The head condition, then the others."""
        return (self.head_condition, *self.conditions)

    @property
    def example(self) -> Document:
        """The canonical example GES document (a fresh validated :class:`Document`)."""
        return Document.model_validate(self.example_data)

    def example_ges(self) -> GES:
        """The canonical example as a :class:`~ges_graph.graph.GES`."""
        from ges_graph.graph import GES  # noqa: PLC0415 (graph imports control, not schemas)

        return GES(self.example)


# --------------------------------------------------------------------------------------------
# Loading: parse, then resolve
# --------------------------------------------------------------------------------------------


class _RawCondition(_Strict):
    id: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
    text: Text
    test: dict[str, Any]


class _RawVariant(_Strict):
    id: Annotated[str, Field(pattern=r"^[A-Za-z0-9]+$")]
    text: Text
    test: dict[str, Any]


class _RawFile(_Strict):
    """Pass 1: the file's structure, tests left as mappings."""

    id: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$")]
    title: Text
    confidence: Confidence
    basis: Text
    head_condition: _RawCondition
    conditions: tuple[_RawCondition, ...] = ()
    variants: tuple[_RawVariant, ...] = ()
    example: dict[str, Any]


class _Lines:
    """Line numbers of the YAML nodes, by document path, for error messages."""

    def __init__(self, text: str) -> None:
        try:
            self._root: yaml.Node | None = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError:
            self._root = None

    def line(self, loc: Sequence[str | int]) -> int | None:
        node = self._root
        best: int | None = None
        for part in loc:
            if node is None:
                break
            best = node.start_mark.line + 1
            nxt: yaml.Node | None = None
            if isinstance(node, yaml.MappingNode):
                for k, v in node.value:
                    if isinstance(k, yaml.ScalarNode) and k.value == part:
                        nxt = v
                        break
            elif (
                isinstance(node, yaml.SequenceNode)
                and isinstance(part, int)
                and 0 <= part < len(node.value)
            ):
                nxt = node.value[part]
            node = nxt
        if node is not None:
            best = node.start_mark.line + 1
        return best


def _error(file: str, lines: _Lines, loc: Sequence[str | int], message: str) -> SchemaFileError:
    path = format_loc(tuple(loc))
    line = lines.line(loc)
    where = f"{path} (line {line})" if line is not None and path else path
    return SchemaFileError(file, where, message)


def _first_validation_error(
    exc: ValidationError, file: str, lines: _Lines, prefix: Sequence[str | int] = ()
) -> SchemaFileError:
    err = exc.errors(include_url=False)[0]
    loc = [*prefix, *(p for p in err["loc"] if not (isinstance(p, str) and p[:1].isupper()))]
    msg = err["msg"]
    if (
        "input" in err
        and err["type"] not in ("missing",)
        and not isinstance(err["input"], dict | list)
    ):
        msg += f" (got {err['input']!r})"
    ctx = err.get("ctx") or {}
    if "expected" in ctx:
        msg += f"; expected {ctx['expected']}"
    return _error(file, lines, loc, msg)


def _resolve_test(
    raw: Mapping[str, Any],
    file: str,
    lines: _Lines,
    loc: list[str | int],
    bound: set[str],
) -> Test:
    if len(raw) != 1:
        keys = ", ".join(sorted(map(str, raw))) or "none"
        raise _error(
            file,
            lines,
            loc,
            f"a test has exactly one predicate (got {keys}); one of " + ", ".join(PREDICATES),
        )
    (name,) = raw
    model = _TESTS.get(name)
    if model is None:
        raise _error(
            file,
            lines,
            [*loc, name],
            f"unknown predicate {name!r}; expected one of {', '.join(PREDICATES)}",
        )
    try:
        test: Test = model.model_validate(raw)  # type: ignore[assignment]
    except ValidationError as exc:
        raise _first_validation_error(exc, file, lines, loc) from None
    if isinstance(test, LinkTest) and test.link.from_ not in bound:
        known = ", ".join(sorted(bound)) or "none so far"
        raise _error(
            file,
            lines,
            [*loc, "link", "from"],
            f"{test.link.from_!r} is not bound by an earlier head_link 'as' (bound: {known})",
        )
    if isinstance(test, HeadLinkTest) and test.head_link.as_ is not None:
        bound.add(test.head_link.as_)
    return test


def load_schema_text(text: str, file: str = "<string>") -> SchemaDef:
    r"""Load a schema from YAML text (two passes); see :func:`load_schema_file`.

    Raises:
        SchemaFileError: the text is not a valid schema file; names ``file`` and the place.

    Examples:
        >>> load_schema_text("id: S7\ntitle: {fr: x, en: x}", file="s7.yaml")
        Traceback (most recent call last):
        ...
        ges_graph.errors.SchemaFileError: s7.yaml: confidence (line 1): Field required
    """
    # Pass 1: parse.
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        raise SchemaFileError(file, where, f"not valid YAML: {exc}") from None
    lines = _Lines(text)
    if not isinstance(data, dict):
        raise SchemaFileError(file, "", "a schema file is a mapping (id, title, conditions, …)")
    try:
        raw = _RawFile.model_validate(data)
    except ValidationError as exc:
        raise _first_validation_error(exc, file, lines) from None
    # Pass 2: resolve and check.
    bound: set[str] = set()
    seen: dict[str, str] = {}

    def condition(rc: _RawCondition | _RawVariant, loc: list[str | int]) -> Condition:
        if not isinstance(rc, _RawVariant):
            if rc.id in seen:
                raise _error(
                    file,
                    lines,
                    [*loc, "id"],
                    f"duplicate condition id {rc.id!r} (first at {seen[rc.id]})",
                )
            seen[rc.id] = format_loc(tuple(loc))
        test = _resolve_test(rc.test, file, lines, [*loc, "test"], bound)
        return Condition(rc.id, rc.text, test)

    head = condition(raw.head_condition, ["head_condition"])
    conds = tuple(condition(c, ["conditions", i]) for i, c in enumerate(raw.conditions))
    variant_ids: set[str] = set()
    variants = []
    for i, v in enumerate(raw.variants):
        if v.id in variant_ids:
            raise _error(file, lines, ["variants", i, "id"], f"duplicate variant id {v.id!r}")
        variant_ids.add(v.id)
        variants.append(condition(v, ["variants", i]))
    try:
        Document.model_validate(raw.example)
    except ValidationError as exc:
        raise _first_validation_error(exc, file, lines, ["example"]) from None
    return SchemaDef(
        id=raw.id,
        titles=raw.title,
        confidence=raw.confidence,
        basis=raw.basis,
        head_condition=head,
        conditions=conds,
        variants=tuple(variants),
        example_data=raw.example,
        file=file,
    )


def load_schema_file(path: str | os.PathLike[str]) -> SchemaDef:
    """Load one schema file (YAML), checking it in two passes: parse, then resolve.

    Args:
        path: the file.

    Raises:
        SchemaFileError: the file cannot be read or is not a valid schema file; the message
            names the file and the place (path and line).

    Examples:
        >>> from ges_graph._data import reference_schema_path
        >>> load_schema_file(reference_schema_path("S1.yaml")).variants[0].id
        '1a'
    """
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SchemaFileError(str(path), "", f"cannot read the file: {exc}") from None
    return load_schema_text(text, file=str(path))


@functools.cache
def reference_schemas() -> tuple[SchemaDef, ...]:
    """The reference schemas: every file of ``schemas/coorace`` (S1–S6), loaded once, on first use.

    Raises:
        SchemaFileError: a reference file is broken (a damaged installation).
    """
    from ges_graph._data import reference_schema_paths  # noqa: PLC0415 (looked up lazily)

    return tuple(load_schema_file(path) for path in reference_schema_paths())


def dump_json_schema() -> str:
    """The JSON Schema as committed in ``schemas/json/ges-schema.schema.json``."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
