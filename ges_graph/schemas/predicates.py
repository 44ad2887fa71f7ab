"""The condition language of schema files: entity filters, links, bounds, one model per predicate.

Each ``test`` of a schema file is a mapping with exactly one *predicate* (``members``,
``unified``, ``head_outside_control``, ``head``, ``head_coordinating``, ``count``,
``relations``, ``head_link``, ``link``) and its arguments; :data:`TEST_MODELS` gives the
pydantic model of each, and :data:`PREDICATES` their names in order. The models are also what
the JSON Schema of the format (:mod:`ges_graph.schemas.file_format`) is generated from, so their
docstrings are its descriptions.

Examples:
    >>> PREDICATES[:3]
    ('members', 'unified', 'head_outside_control')
    >>> test = TEST_MODELS["count"].model_validate({"count": {"of": {"form": ["sas"]}}})
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for CountTest
    ...
    >>> TEST_MODELS["count"].model_validate({"count": {"of": {"form": ["sas"]}, "at_least": 1}})
    CountTest(count=CountArgs(at_least=1, at_most=None, of=EntityFilter(...), exclude_head=False))
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING, Annotated, ClassVar

import annotated_types as at
from pydantic import BaseModel, ConfigDict, Field, model_validator

from ges_graph.i18n import Lang, Tr, and_list, check_lang
from ges_graph.model import Family, Form, RelationType

if TYPE_CHECKING:
    from ges_graph.control import Control

__all__ = [
    "PREDICATES",
    "TEST_MODELS",
    "Bounds",
    "Count",
    "CountArgs",
    "CountTest",
    "EntityFilter",
    "HeadCoordinatingTest",
    "HeadLinkArgs",
    "HeadLinkTest",
    "HeadOutsideControlTest",
    "HeadTest",
    "Link",
    "LinkArgs",
    "LinkTest",
    "MembersTest",
    "Name",
    "RelationsArgs",
    "RelationsTest",
    "Strict",
    "Test",
    "UnifiedTest",
    "or_words",
]


_OF_FAMILY = Tr("de type {families}", "{families} family")
_OPERATING = Tr("conventionnée IAE", "holding an IAE agreement")
_NOT_OPERATING = Tr("sans conventionnement IAE", "without an IAE agreement")
_HOLDING = Tr("holding intermédiaire", "intermediate holding")
_NOT_HOLDING = Tr("pas une holding intermédiaire", "not an intermediate holding")
_ANY_MEMBER = Tr("membre du groupe", "group member")
_NONE = Tr("aucun", "none")
_BETWEEN = Tr("entre {low} et {high}", "between {low} and {high}")
_AT_LEAST = Tr("au moins {n}", "at least {n}")
_AT_MOST = Tr("au plus {n}", "at most {n}")
_OR = Tr(" ou ", " or ")
"""The words of the filters' and bounds' descriptions."""

_QUOTED = Tr("« {label} »", "'{label}'")
_IN_FORM = Tr("de forme {forms}", "in the form {forms}")
_IN_FAMILY = Tr("de type {families}", "of the {families} family")
_OPERATING_ONE = Tr("conventionné IAE", "holding an IAE agreement")
_OPERATING_MANY = Tr("conventionnés IAE", "holding an IAE agreement")
_AS_HOLDING = Tr("constituant une holding intermédiaire", "acting as an intermediate holding")
_NOT_AS_HOLDING = Tr(
    "ne constituant pas une holding intermédiaire", "not acting as an intermediate holding"
)
_OF_THE_GROUP = Tr("du groupe", "of the group")
"""The words of a filter said after « membre » (:meth:`EntityFilter.qualifier`)."""


class Strict(BaseModel):
    """The base of every model of the schema-file format: frozen, and no unknown key."""

    model_config = ConfigDict(frozen=True, extra="forbid")


Name = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
"""A name bound by ``as`` and used by ``from``."""
Count = Annotated[int, at.Ge(0)]


class EntityFilter(Strict):
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

    def matching(self, control: Control, ids: Iterable[str]) -> list[str]:
        """The ids that pass the filter, in the order given (:meth:`select` sorts them)."""
        out = list(ids)
        if self.form is not None:
            wanted, forms = self.form, control.forms
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
        return out

    def count(self, control: Control, ids: Iterable[str], upto: int) -> int:
        """How many of ``ids`` pass the filter, counted up to ``upto`` at most.

        Examples:
            >>> from ges_graph.schemas import reference_schemas
            >>> s5 = reference_schemas()[4].example_ges()
            >>> f, members = EntityFilter(form=("sas", "sasu")), s5.control.members
            >>> f.count(s5.control, members, 5), f.count(s5.control, members, 1)
            (2, 1)
        """
        if upto <= 0:
            return 0
        it: Iterator[str] = iter(ids)
        if self.form is not None:
            wanted, forms = self.form, control.forms
            it = (i for i in it if forms[i] in wanted)
        if self.family is not None:
            fams, families = self.family, control.families
            it = (i for i in it if families[i] in fams)
        if self.operating is not None:
            op = self.operating
            it = (i for i in it if control.is_operating(i) == op)
        if self.intermediate_holding is not None:
            ih, holdings = self.intermediate_holding, control.intermediate_holdings
            it = (i for i in it if (i in holdings) == ih)
        n = 0
        for _ in it:
            n += 1
            if n >= upto:
                break
        return n

    def select(self, control: Control, ids: Iterable[str]) -> list[str]:
        """The ids that pass the filter, sorted.

        Examples:
            >>> from ges_graph.schemas import reference_schemas
            >>> s5 = reference_schemas()[4].example_ges()
            >>> EntityFilter(form=("sas", "sasu")).select(s5.control, s5.control.members)
            ['holding', 'interim']
        """
        out = self.matching(control, ids)
        out.sort()
        return out

    def describe(self, lang: Lang) -> str:
        """The filter in words (``SAS or SASU``, ``of the company family``)."""
        check_lang(lang)
        parts: list[str] = []
        if self.form is not None:
            labels = [f.label_in(lang) for f in self.form]
            parts.append(or_words(labels, lang))
        if self.family is not None:
            fams = [Tr(f.label_fr, f.value).render(lang) for f in self.family]
            parts.append(_OF_FAMILY.format(lang, families=or_words(fams, lang)))
        if self.operating is not None:
            parts.append((_OPERATING if self.operating else _NOT_OPERATING).render(lang))
        if self.intermediate_holding is not None:
            holding = self.intermediate_holding
            parts.append((_HOLDING if holding else _NOT_HOLDING).render(lang))
        if not parts:
            return _ANY_MEMBER.render(lang)
        return ", ".join(parts)

    def qualifier(self, lang: Lang, *, plural: bool = False) -> str:
        """The filter in words that follow « membre » or « membres », agreeing with them.

        :meth:`describe` says what is expected (« attendu : de type associatif, sans
        conventionnement IAE », of a head); this says which members a sentence counts or names,
        with no parenthesis and no verb: « aucun membre de type société », « 2 membres
        conventionnés IAE », « aucun membre constituant une holding intermédiaire ».

        Examples:
            >>> EntityFilter(family=("company", "cooperative")).qualifier("fr")
            'de type société ou coopérative'
            >>> EntityFilter(form=("sas", "sasu")).qualifier("fr")
            'de forme « société par actions simplifiée » ou « SAS unipersonnelle »'
            >>> EntityFilter(family=("associative",), operating=True).qualifier("fr", plural=True)
            'de type associatif et conventionnés IAE'
            >>> EntityFilter(intermediate_holding=True).qualifier("en")
            'acting as an intermediate holding'
            >>> EntityFilter().qualifier("fr")
            'du groupe'
        """
        check_lang(lang)
        parts: list[str] = []
        if self.form is not None:
            labels = [_QUOTED.format(lang, label=f.label_in(lang)) for f in self.form]
            parts.append(_IN_FORM.format(lang, forms=or_words(labels, lang)))
        if self.family is not None:
            fams = [Tr(f.label_fr, f.value).render(lang) for f in self.family]
            parts.append(_IN_FAMILY.format(lang, families=or_words(fams, lang)))
        if self.operating is not None:
            said = _OPERATING_MANY if plural else _OPERATING_ONE
            parts.append((said if self.operating else _NOT_OPERATING).render(lang))
        if self.intermediate_holding is not None:
            holding = self.intermediate_holding
            parts.append((_AS_HOLDING if holding else _NOT_AS_HOLDING).render(lang))
        if not parts:
            return _OF_THE_GROUP.render(lang)
        return and_list(parts, lang)


class Link(StrEnum):
    """A relation between two entities that a ``head_link`` or ``link`` test counts."""

    CONTROLS = "controls"
    CAPITAL_CONTROLS = "capital_controls"
    POSSIBLY_CONTROLS = "possibly_controls"
    MAJORITY_VOTES = "majority_votes"
    REACHES = "reaches"
    SHAREHOLDING = "shareholding"


class Bounds(Strict):
    """``at_least`` and/or ``at_most`` (at least one of them)."""

    at_least: Count | None = None
    at_most: Count | None = None
    _none: ClassVar[Tr] = _NONE
    """How « none » is said of what is counted (« aucun membre », « aucune relation »)."""

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

    @property
    def decisive(self) -> int:
        """How many to count at most: past it, whether :meth:`holds` is known.

        ``holds(min(n, decisive))`` equals ``holds(n)`` for every ``n``.

        Examples:
            >>> Bounds(at_most=0).decisive, Bounds(at_least=2).decisive, Bounds(at_least=0).decisive
            (1, 2, 0)
        """
        low = self.at_least or 0
        return max(low, self.at_most + 1) if self.at_most is not None else low

    def describe(self, lang: Lang) -> str:
        """The bounds in words."""
        check_lang(lang)
        if self.at_most == 0:
            return self._none.render(lang)
        if self.at_least is not None and self.at_most is not None:
            return _BETWEEN.format(lang, low=self.at_least, high=self.at_most)
        if self.at_least is not None:
            return _AT_LEAST.format(lang, n=self.at_least)
        return _AT_MOST.format(lang, n=self.at_most)


class CountArgs(Bounds):
    """Arguments of ``count``: the members matching ``of``."""

    of: EntityFilter = EntityFilter()
    exclude_head: bool = False


class RelationsArgs(Bounds):
    """Arguments of ``relations``: relations in force, of ``type``, between two members."""

    _none: ClassVar[Tr] = Tr("aucune", "none")  # « aucune relation »

    type: tuple[RelationType, ...] = Field(min_length=1)


class HeadLinkArgs(Strict):
    """Arguments of ``head_link``."""

    link: Link
    to: EntityFilter = EntityFilter()
    at_least: Annotated[int, at.Ge(1)] = 1
    as_: Name | None = Field(None, alias="as")


class LinkArgs(Strict):
    """Arguments of ``link``: ``from`` names members bound by an earlier ``head_link``."""

    from_: Name = Field(alias="from")
    link: Link
    to: EntityFilter = EntityFilter()
    at_least: Annotated[int, at.Ge(1)] = 1


class MembersTest(Strict):
    """G has so many members."""

    members: Bounds


class UnifiedTest(Strict):
    """Governance is unified, or not."""

    unified: bool


class HeadOutsideControlTest(Strict):
    """The head is under outside control, or not."""

    head_outside_control: bool


class HeadTest(Strict):
    """The head matches a filter."""

    head: EntityFilter


class HeadCoordinatingTest(Strict):
    """The head is the coordinating candidate, or not."""

    head_coordinating: bool


class CountTest(Strict):
    """Members matching a filter number so many."""

    count: CountArgs


class RelationsTest(Strict):
    """Relations between members number so many."""

    relations: RelationsArgs


class HeadLinkTest(Strict):
    """The head has a link to so many members."""

    head_link: HeadLinkArgs


class LinkTest(Strict):
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

TEST_MODELS: Mapping[str, type[Strict]] = MappingProxyType(
    {
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
)
"""Predicate name → the model of a test with that predicate (what the loader resolves with)."""
PREDICATES: tuple[str, ...] = tuple(TEST_MODELS)
"""The predicates of the condition language."""


def or_words(items: Sequence[str], lang: Lang) -> str:
    """``a, b or c`` in ``lang``.

    Examples:
        >>> or_words(["SAS", "SASU", "SARL"], "fr")
        'SAS, SASU ou SARL'
    """
    check_lang(lang)
    if len(items) <= 1:
        return "".join(items)
    word = _OR.render(lang)
    return ", ".join(items[:-1]) + word + items[-1]
