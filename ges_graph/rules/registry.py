"""The machinery of rules: metadata, dated parameters, message arguments, the validation context.

A rule is a small function over a :class:`Context` (the GES, its relations in force, indexes of
them, and the derived notions of :mod:`ges_graph.control`) that yields :class:`Hit` objects. The
:func:`rule` decorator wraps it in a :class:`Rule` that carries its metadata: id, severity, family,
title and message templates in French and English, legal reference, and parameters. The one
registry, :data:`ges_graph.rules.RULES`, collects the rules of every family module.

Message templates are ``str.format`` templates; a hit's arguments are rendered per language:
:class:`Ent` (an entity: ``Name (id)``), :class:`Ents` (a list of entities), :class:`Pct`,
:class:`Money`, :class:`Tr` (a phrase in both languages); anything else is written with ``str``.

Parameters that change with time are :class:`~ges_graph.rules.params.Param` objects with dated
values (:mod:`ges_graph.rules.params`, with their units in both languages); a rule sees the value
in force at the document's ``as_of`` (the latest value when there is no ``as_of``).

Examples:
    >>> p = Param("turnover", "EUR", Tr("seuil de chiffre d'affaires", "turnover threshold"),
    ...           ((None, 48_000_000), (dt.date(2025, 1, 1), 60_000_000)))
    >>> p.at(dt.date(2024, 12, 31)), p.at(dt.date(2025, 1, 1)), p.at(None)
    (48000000, 60000000, 60000000)
    >>> Ents((Ent("a", "Alpha"), Ent("b", "Beta"), Ent("c", "Gamma"))).render("fr")
    'Alpha (a), Beta (b) et Gamma (c)'
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
import string
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property, lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from pydantic import BaseModel

from ges_graph.i18n import (
    Lang,
    Named,
    Tr,
    and_list,
    check_lang,
    format_money,
    format_percent_range,
    named_list,
    sentence_start,
    with_form,
)
from ges_graph.model import (
    Board,
    Convention,
    Entity,
    Flow,
    FlowKind,
    Form,
    Membership,
    Office,
    PercentRange,
    Relation,
    Shareholding,
    StatutoryControl,
)
from ges_graph.report import Finding, Messages, Severity
from ges_graph.rules.params import Param, typeset

if TYPE_CHECKING:
    from ges_graph.control import Control
    from ges_graph.control.positions import Positions
    from ges_graph.graph import GES

__all__ = [
    "LISTED",
    "Context",
    "Ent",
    "Ents",
    "Formed",
    "Hit",
    "Money",
    "Pct",
    "Phrase",
    "Rule",
    "RuleFamily",
    "const",
    "rule",
]


class RuleFamily(StrEnum):
    """The families of rules, one module each (the sections of the rule catalogue)."""

    FORM_CAPITAL = "form_capital"
    GOVERNANCE = "governance"
    FLOWS_LABOUR = "flows_labour"
    ACCOUNTS = "accounts"

    def title(self, lang: Lang = "fr") -> str:
        """The family's heading in ``lang``."""
        check_lang(lang)
        return _FAMILY_TITLES[self].render(lang)


_FAMILY_TITLES = {
    RuleFamily.FORM_CAPITAL: Tr("Forme et capital", "Form and capital"),
    RuleFamily.GOVERNANCE: Tr("Gouvernance", "Governance"),
    RuleFamily.FLOWS_LABOUR: Tr(
        "Flux financiers (module 2) et droit du travail (module 3)",
        "Financial flows (module 2) and labour law (module 3)",
    ),
    RuleFamily.ACCOUNTS: Tr("Comptes (module 4)", "Accounts (module 4)"),
}


# --------------------------------------------------------------------------------------------
# Message arguments (named tuples: a fifth of a dataclass's cost to define, at start-up)
# --------------------------------------------------------------------------------------------


class Ent(NamedTuple):
    """An entity in a message: ``Name (id)``."""

    id: str
    name: str

    def render(self, lang: Lang) -> Named:
        """The entity's name and id; a French template writes ``{x.de}`` for « d'Evolio (aci) »."""
        check_lang(lang)
        return Named(f"{self.name} ({self.id})")


class Ents(NamedTuple):
    """Several entities in a message: ``A (a), B (b) et C (c)``.

    A message names at most :data:`LISTED` entities, then says how many others there are
    (« A (a), …, E (e) et 12 autres »): the finding's subjects list them all, and a message about
    three thousand members stays a sentence.

    Examples:
        >>> many = Ents(tuple(Ent(f"m{i}", f"Membre {i}") for i in range(1, 9)))
        >>> print(many.render("fr"))
        Membre 1 (m1), Membre 2 (m2), Membre 3 (m3), Membre 4 (m4), Membre 5 (m5) et 3 autres
        >>> Ents(many.items[:6]).render("en").endswith("Membre 6 (m6)")
        True
        >>> Ents(many.items[:5], more=995).render("fr").endswith("Membre 5 (m5) et 995 autres")
        True
    """

    items: tuple[Ent, ...]
    more: int = 0
    """How many further entities there are, not kept in ``items`` (only counted)."""

    def render(self, lang: Lang) -> Named:
        """The entities, joined the way the language joins a list (``{x.de}``: « de A et de B »)."""
        check_lang(lang)
        total = len(self.items) + self.more
        # « et 1 autre » would say no less than the name: six are named rather than five
        shown = self.items if total <= LISTED + 1 else self.items[:LISTED]
        return named_list([e.render(lang) for e in shown], lang, total - len(shown))


LISTED = 5
"""The most entities a message names before « et N autres »."""


class Formed(NamedTuple):
    """An entity named with its form, the form not repeated when the name says it.

    ``form`` gives the ways the form is called, the first one written (``société anonyme|SA``):
    « la SCIC Vallée Solidaire (scic) », never « la SCIC SCIC Vallée Solidaire (scic) ».

    Examples:
        >>> Formed(Ent("v", "SCIC Vallée Solidaire"), Tr("SCIC", "SCIC")).render("fr")
        'SCIC Vallée Solidaire (v)'
        >>> Formed(Ent("v", "Vallée Solidaire"), Tr("SCIC", "SCIC")).render("en")
        'SCIC Vallée Solidaire (v)'
    """

    ent: Ent
    form: Tr

    def render(self, lang: Lang) -> Named:
        """The form then the entity's name and id."""
        check_lang(lang)
        return Named(with_form(self.form.render(lang), self.ent.render(lang)))


class Pct(NamedTuple):
    """A percentage in a message; a range is written ``25–50 %``."""

    value: float | PercentRange

    def render(self, lang: Lang) -> str:
        """The percentage in the language's notation."""
        check_lang(lang)
        return format_percent_range(self.value, lang)


class Money(NamedTuple):
    """An amount with its currency in a message; a flow's, with what it covers.

    Attributes:
        value: the amount.
        currency: its currency.
        kind: the kind of the flow it is the amount of, if it is one: its amount is then said
            with its period (« 12 000 EUR par an », « en 2026 »; :meth:`FlowKind.period
            <ges_graph.vocabulary.FlowKind.period>`).
        year: the flow's ``year``.
    """

    value: float
    currency: str
    kind: FlowKind | None = None
    year: int | None = None

    def render(self, lang: Lang) -> str:
        """The amount in the language's notation, then the currency (and a flow's period)."""
        check_lang(lang)
        said = format_money(self.value, self.currency, lang)
        return said if self.kind is None else said + self.kind.period(self.year, lang)


class TrList(NamedTuple):
    """Several phrases, each in both languages, joined as a list, or with ``sep``."""

    items: tuple[Tr | Phrase, ...]
    sep: Tr | None = None

    def render(self, lang: Lang) -> str:
        """The phrases joined the way the language joins a list, or with ``sep``."""
        check_lang(lang)
        texts = [t.render(lang) for t in self.items]
        if self.sep is None:
            return and_list(texts, lang)
        return self.sep.render(lang).join(texts)


class Phrase(NamedTuple):
    """A phrase with its own arguments, in both languages, rendered only when the message is."""

    fr: str
    en: str
    args: Mapping[str, Any]

    def render(self, lang: Lang) -> str:
        """The phrase in ``lang``, its arguments rendered in the same language."""
        check_lang(lang)
        return _fill(Tr(self.fr, self.en).render(lang), self.args, lang)


def _render(value: Any, lang: Lang) -> Any:
    render = getattr(value, "render", None)  # Ent, Ents, Pct, Money, Tr, TrList
    return render(lang) if render is not None else str(value)


def _fill(template: str, args: Mapping[str, Any], lang: Lang) -> str:
    """``template`` with the arguments it names rendered in ``lang``; the others are not rendered.

    A rule gives every message the same arguments (a flow's payer, payee, amount...), and each
    template uses some of them: rendering only those halves the cost of a registry's messages.

    Examples:
        >>> _fill("{x.de} ({n})", {"x": Ent("e", "Evolio"), "n": 3, "unused": Pct(10)}, "fr")
        "d'Evolio (e) (3)"
    """
    return template.format_map({k: _render(args[k], lang) for k in _fields(template)})


# --------------------------------------------------------------------------------------------
# Parameters, hits and rules
# --------------------------------------------------------------------------------------------


def const(name: str, value: float, unit: str, description: Tr) -> Param:
    """A parameter whose value does not change with time.

    Examples:
        >>> p = const("minimum", 2, "members", Tr("le moins de membres", "the fewest members"))
        >>> p.values_in("fr"), p.unit_in("fr"), p.description_in("en")
        ('2 membres', 'membres', 'the fewest members')
    """
    return Param(name, unit, description, ((None, value),))


class Hit(NamedTuple):
    """What a rule function yields: the subjects of a finding and its message arguments.

    ``args`` is the mapping of the message's arguments, or a function without arguments that
    makes it: a rule whose findings are many (one per flow of a registry) leaves its arguments
    to be made when a message is rendered, and most never are one by one. (A named tuple: a
    registry's rules make hundreds of thousands of hits, and a frozen dataclass takes five times
    as long to make.)

    Examples:
        >>> Hit(("a",), {"n": 1}).arguments(), Hit(("a",), lambda: {"n": 2}).arguments()
        ({'n': 1}, {'n': 2})
        >>> dict(Hit(("a",)).arguments()), Hit(("a",)).data
        ({}, None)
    """

    subjects: tuple[str, ...]
    args: Mapping[str, Any] | Callable[[], Mapping[str, Any]] = MappingProxyType({})
    data: Mapping[str, Any] | None = None
    """Plain JSON data the finding carries beside its message (full lists the message caps)."""
    reference: str | None = None
    """The texts this finding rests on, when narrower than its rule's (the articles of one legal
    form, where the rule cites those of several); ``None``: the rule's :attr:`Rule.reference`."""

    def arguments(self) -> Mapping[str, Any]:
        """The message's arguments (made now when the rule gave a function that makes them)."""
        args = self.args
        return args() if callable(args) else args


Check = Callable[["Context", Mapping[str, float]], Iterable[Hit]]


@dataclass(frozen=True, slots=True)
class Rule:
    """A validation rule and its metadata.

    Attributes:
        id: the stable id (the contract of ``rules.md``).
        severity: the severity of its findings.
        family: the family (catalogue section and module).
        title_fr: a short title in French.
        title_en: a short title in English.
        message_fr: the French message template (``str.format`` with the hit's arguments).
        message_en: the English message template, with the same placeholders.
        reference: the legal text or doctrine (``—`` when the rule is structural); a finding
            may cite a part of it (:attr:`Hit.reference`).
        fires_when_fr: when it fires, in French (a clause that follows « Se déclenche quand »).
        fires_when_en: when it fires, in English (the catalogue of ``rules.md``, in its words).
        params: its parameters, some dated.
        check: the function that finds the hits.
    """

    id: str
    severity: Severity
    family: RuleFamily
    title_fr: str
    title_en: str
    message_fr: str
    message_en: str
    reference: str
    fires_when_fr: str
    fires_when_en: str
    params: tuple[Param, ...]
    check: Check

    def title(self, lang: Lang = "fr") -> str:
        """The rule's title in ``lang``."""
        check_lang(lang)
        return Tr(self.title_fr, self.title_en).render(lang)

    def fires_when_in(self, lang: Lang = "fr") -> str:
        """When the rule fires, in ``lang``.

        Examples:
            >>> from ges_graph.rules import RULES
            >>> RULES["not-a-group"].fires_when_in("fr")
            'le groupe compte moins de deux membres'
        """
        check_lang(lang)
        return Tr(self.fires_when_fr, self.fires_when_en).render(lang)

    @property
    def fires_when(self) -> str:
        """When the rule fires, in English (:meth:`fires_when_in` says it in either language)."""
        return self.fires_when_en

    def parameters(self, as_of: dt.date | None = None) -> dict[str, float]:
        """The parameters' values in force at ``as_of`` (the latest ones when None)."""
        return {p.name: p.at(as_of) for p in self.params}

    def to_dict(self, lang: Lang = "fr") -> dict[str, Any]:
        """The rule's metadata as plain data (``validate --rules --json``).

        The texts (title, when it fires, what each parameter is and its unit's name) are in
        ``lang``; ``unit`` stays the unit's code (``EUR``), the same in both languages.

        Examples:
            >>> from ges_graph.rules import RULES
            >>> d = RULES["gie-members"].to_dict("fr")
            >>> d["fires_when"][:41], d["parameters"][0]["unit_name"]
            ("un groupement d'intérêt économique compte", 'membres')
        """
        check_lang(lang)
        return {
            "rule": self.id,
            "severity": self.severity.value,
            "family": self.family.value,
            "title": self.title(lang),
            "fires_when": self.fires_when_in(lang),
            "reference": self.reference,
            "parameters": [
                {
                    "name": p.name,
                    "unit": p.unit,
                    "unit_name": p.unit_in(lang),
                    "description": p.description_in(lang),
                    "values": [
                        {"since": None if since is None else since.isoformat(), "value": v}
                        for since, v in p.values
                    ],
                }
                for p in self.params
            ],
        }

    @property
    def placeholders(self) -> tuple[frozenset[str], frozenset[str]]:
        """The argument names used by the French and English templates."""
        return _fields(self.message_fr), _fields(self.message_en)

    def finding(self, hit: Hit) -> Finding:
        """The finding of one hit; its messages are rendered when first read."""
        # Built without a validation each: every field comes from the rule and the registry,
        # already checked (a hundred thousand findings on a territory's registry).
        return _trusted_finding(
            {
                "rule": self.id,
                "severity": self.severity,
                "subjects": subjects
                if type(subjects := hit.subjects) is tuple
                else tuple(subjects),
                "reference": hit.reference or self.reference,
                "messages": _HitMessages(self, hit),
                "data": hit.data,
            }
        )

    def render(self, hit: Hit, lang: Lang) -> str:
        """The message of a hit in ``lang``."""
        check_lang(lang)
        template = Tr(self.message_fr, self.message_en).render(lang)
        return sentence_start(_fill(template, hit.arguments(), lang))

    def run(self, ctx: Context) -> list[Finding]:
        """The rule's findings on the context's GES."""
        params = self.parameters(ctx.as_of)
        return [self.finding(hit) for hit in self.check(ctx, params)]


class _HitMessages(Messages):
    """The messages of a hit, rendered by its rule when first read (one small object a finding)."""

    __slots__ = ("hit", "rule")

    def __init__(self, rule: Rule, hit: Hit) -> None:  # no super().__init__: nothing to check
        self._fr = self._en = None
        self.rule = rule
        self.hit = hit

    def _make(self, lang: Lang) -> str:
        return self.rule.render(self.hit, lang)


class _EntArgs:
    """The arguments ``{name: the entity}`` of a message, made when it is rendered."""

    __slots__ = ("ctx", "entity_id", "name")

    def __init__(self, ctx: Context, name: str, entity_id: str) -> None:
        self.ctx = ctx
        self.name = name
        self.entity_id = entity_id

    def __call__(self) -> dict[str, Ent]:
        return {self.name: self.ctx.ent(self.entity_id)}


_FINDING_FIELDS = frozenset(Finding.model_fields)
_EVERY_FIELD = set(_FINDING_FIELDS)
"""The fields set of every trusted finding: one set shared by all (pydantic copies it before it
changes it, in ``model_copy``; a set each would be 470 bytes a finding)."""
_new_finding = Finding.__new__
# The slots of a pydantic model, set through their descriptors (a third faster than setattr).
_set_dict = BaseModel.__dict__["__dict__"].__set__
_set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private = BaseModel.__dict__["__pydantic_private__"].__set__


def _trusted_finding(values: dict[str, Any]) -> Finding:
    """``Finding.model_construct(**values)`` with every field given, at a third of its cost.

    What ``model_construct`` does when every field is given, without its loop over the fields
    (defaults, aliases, extras): the values as the instance's ``__dict__``, every field set, no
    extra and no private attribute. ``tests/test_scale_rules.py`` checks that both give the same.

    Examples:
        >>> f = _trusted_finding({"rule": "r", "severity": Severity.INFO, "subjects": ("a",),
        ...     "reference": "—", "messages": Messages(fr="m", en="n"), "data": None})
        >>> f.message("en"), f.model_fields_set == _FINDING_FIELDS
        ('n', True)
    """
    f = _new_finding(Finding)
    _set_dict(f, values)
    _set_fields_set(f, _EVERY_FIELD)
    _set_extra(f, None)
    _set_private(f, None)
    return f


@lru_cache(maxsize=1024)  # the templates are the rules' and their phrases': a few hundred
def _fields(template: str) -> frozenset[str]:
    # ``{x.de}`` (« de » before a name, :class:`~ges_graph.i18n.Named`) uses the argument ``x``
    parsed = string.Formatter().parse(template)
    return frozenset(name.split(".")[0] for _, name, _, _ in parsed if name)


def rule(
    id: str,
    severity: Severity | str,
    family: RuleFamily,
    *,
    title: tuple[str, str],
    message: tuple[str, str],
    reference: str,
    fires_when: tuple[str, str],
    params: tuple[Param, ...] = (),
) -> Callable[[Check], Rule]:
    """Decorate a check function into a :class:`Rule`.

    ``title``, ``message`` and ``fires_when`` are ``(fr, en)`` pairs; the French of
    ``fires_when`` gets its non-breaking spaces from :func:`~ges_graph.rules.params.typeset`.
    """

    def wrap(check: Check) -> Rule:
        return Rule(
            id=id,
            severity=Severity(severity),
            family=family,
            title_fr=title[0],
            title_en=title[1],
            message_fr=message[0],
            message_en=message[1],
            reference=reference,
            fires_when_fr=typeset(fires_when[0]),
            fires_when_en=fires_when[1],
            params=params,
            check=check,
        )

    return wrap


# --------------------------------------------------------------------------------------------
# The context rules run in
# --------------------------------------------------------------------------------------------

_R = TypeVar("_R", Membership, Board, Office, StatutoryControl, Shareholding, Flow)


class Context:
    """What rules read: the GES, its relations in force indexed by type and target, control.

    Built once per validation; every index is computed on first use.

    Args:
        ges: the GES being validated.
    """

    def __init__(self, ges: GES) -> None:
        self.ges = ges
        self.document = ges.document
        self.as_of = ges.document.as_of
        self.currency = ges.document.currency
        self.entities: Mapping[str, Entity] = {e.id: e for e in ges.document.entities}
        # The relations in force are read once, by control, and shared with the rules.
        self.relations: list[tuple[str, Relation]] = list(ges.control.relations)
        self._ents: dict[str, Ent] = {}
        self._of: dict[type, list[Any]] = {}
        self._into_by: dict[type, Any] = {}
        self.texts: dict[tuple[str, str], str] = {}
        """Texts that several findings' messages share, written once, by key and language."""

    # -- entities -------------------------------------------------------------------------------

    def entity(self, entity_id: str) -> Entity:
        """The entity with this id."""
        return self.entities[entity_id]

    def ent(self, entity_id: str) -> Ent:
        """The message argument for an entity (``Name (id)``), made once per entity."""
        got = self._ents.get(entity_id)
        if got is None:
            got = self._ents[entity_id] = Ent(entity_id, self.entities[entity_id].name)
        return got

    def ents(self, ids: Iterable[str]) -> Ents:
        """The message argument for several entities, in document order.

        A message names at most :data:`LISTED` of them: beyond, only the first ones in the
        document are kept, and the others counted (a hundred thousand members missed by a head
        cost a selection, not a sort and an argument each).
        """
        unique = ids if isinstance(ids, set | frozenset) else set(ids)
        if len(unique) <= LISTED + 1:
            first = self.in_document_order(unique)
        elif len(unique) * 64 < len(self.order):
            first = heapq.nsmallest(LISTED, unique, key=self.order.__getitem__)
        else:  # many: the document read from its start until the first few are found
            first = list(itertools.islice((i for i in self.order if i in unique), LISTED))
        return Ents(tuple(self.ent(i) for i in first), len(unique) - len(first))

    @cached_property
    def positions(self) -> Positions:
        """The entities by position and the relations in force as columns (``ges.positions``).

        For the rules that scan every relation: they read these lists in order, and look ids up
        only for what they find.
        """
        return self.ges.positions

    @property
    def order(self) -> dict[str, int]:
        """Each entity's position in the document, by id."""
        return self.positions.at

    def in_document_order(self, ids: Iterable[str]) -> list[str]:
        """The entity ids sorted as the document lists the entities.

        A large share of the document's entities is picked out in one pass over the document
        rather than sorted.
        """
        order = self.order
        wanted = ids if isinstance(ids, set | frozenset) else set(ids)
        if len(wanted) * 8 > len(order):
            return [i for i in order if i in wanted]
        return sorted(wanted, key=order.__getitem__)

    def lazy_ent(self, name: str, entity_id: str) -> Callable[[], dict[str, Ent]]:
        """The arguments ``{name: the entity}`` of a message, made when it is rendered.

        For the rules that make a finding for many entities (each entity of a registry with a
        convention its form may not hold): a hit then costs no argument until it is read.
        """
        return _EntArgs(self, name, entity_id)

    @cached_property
    def _by_form(self) -> dict[Form, list[str]]:
        out: dict[Form, list[str]] = defaultdict(list)
        for e in self.document.entities:
            out[e.form].append(e.id)
        return out

    @cached_property
    def _by_convention(self) -> dict[Convention, list[Entity]]:
        out: dict[Convention, list[Entity]] = defaultdict(list)
        for e in self.document.entities:
            for c in e.conventions:  # each at most once (the model refuses a repeat)
                out[c].append(e)
        return out

    def with_convention(self, convention: Convention) -> list[Entity]:
        """The entities holding ``convention``, in document order."""
        return self._by_convention.get(convention, [])

    def of_form(self, *forms: Form) -> list[str]:
        """The ids of the entities of these forms, in document order."""
        if len(forms) == 1:
            return self._by_form.get(forms[0], [])
        return self.in_document_order(i for f in forms for i in self._by_form.get(f, ()))

    @cached_property
    def _relation_order(self) -> dict[str, int]:
        return {key: i for i, (key, _) in enumerate(self.relations)}

    def relation_order(self, key: str) -> int:
        """The position of a relation in force, by key (to sort keys in document order)."""
        return self._relation_order[key]

    # -- control --------------------------------------------------------------------------------

    @property
    def control(self) -> Control:
        """The GES's derived notions (``ges.control``), computed once and cached on the GES."""
        return self.ges.control

    @cached_property
    def members(self) -> frozenset[str]:
        """The group members G (asked of :attr:`control`)."""
        return frozenset(self.control.members)

    # -- relations in force, indexed --------------------------------------------------------------

    def of(self, cls: type[_R]) -> list[tuple[str, _R]]:
        """The (key, relation) pairs in force of one relation class, in document order.

        Read off the relations' classes that :attr:`positions` indexed (one grouping of the
        relations for both): ``of(cls)[i]`` is the relation at ``positions.of(cls)[i]``.
        """
        got = self._of.get(cls)
        if got is None:
            got = self._of[cls] = list(map(self.relations.__getitem__, self.positions.of(cls)))
        return got

    def _into(self, cls: type[_R]) -> dict[str, list[tuple[str, _R]]]:
        """The relations in force of ``cls`` by target, indexed for that class on first use."""
        got = self._into_by.get(cls)
        if got is None:
            got = self._into_by[cls] = defaultdict(list)
            for pair in self.of(cls):
                got[pair[1].to].append(pair)
        return got

    def into(self, cls: type[_R], target: str) -> list[tuple[str, _R]]:
        """The (key, relation) pairs in force of one class whose ``to`` is ``target``."""
        return self._into(cls).get(target, [])

    def held(self, cls: type[_R]) -> Mapping[str, list[tuple[str, _R]]]:
        """Each entity that relations of ``cls`` point to, with those relations, in any order."""
        return self._into(cls)

    def targets(
        self, cls: type[_R], forms: Collection[Form] | None = None
    ) -> Iterator[tuple[str, list[tuple[str, _R]]]]:
        """Each entity that relations of ``cls`` point to, with those relations, in doc order.

        With ``forms``, only the entities of those forms: the relations' targets are read as
        positions against a mask of those forms (:attr:`positions`), with no index by id, and
        nothing is read when no entity has one of them.

        Examples:
            >>> from ges_graph import GES
            >>> from ges_graph.model import Shareholding
            >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
            ...     {"id": "a", "name": "A", "form": "association"},
            ...     {"id": "s", "name": "S", "form": "sasu"},
            ...     {"id": "b", "name": "B", "form": "sarl"}], "relations": [
            ...     {"type": "shareholding", "from": "a", "to": "b", "share": 60},
            ...     {"type": "shareholding", "from": "a", "to": "s", "share": 100}]})
            >>> [(t, [k for k, _ in held]) for t, held in Context(ges).targets(Shareholding)]
            [('s', ['relations[1]']), ('b', ['relations[0]'])]
            >>> [t for t, _ in Context(ges).targets(Shareholding, [Form.SASU, Form.EURL])]
            ['s']
        """
        if forms is None:
            into = self._into(cls)
            for eid in self.in_document_order(into):
                yield eid, into[eid]
            return
        pos = self.positions
        wanted = bytearray(map(frozenset(forms).__contains__, pos.forms))
        if wanted.find(1) < 0:
            return
        at = pos.of(cls)
        dst = pos.dst
        found: dict[int, list[tuple[str, _R]]] = {}
        inside = map(wanted.__getitem__, map(dst.__getitem__, at))
        for pair, n in itertools.compress(zip(self.of(cls), at, strict=True), inside):
            t = dst[n]
            got = found.get(t)
            if got is None:
                found[t] = [pair]
            else:
                got.append(pair)
        ids = pos.ids
        for t in sorted(found):
            yield ids[t], found[t]

    def flows(self, *kinds: FlowKind) -> list[tuple[str, Flow]]:
        """The flows in force, in document order; with ``kinds``, only the flows of those kinds."""
        if not kinds:
            return self.of(Flow)
        if len(kinds) == 1:
            return self._flows_by_kind.get(kinds[0], [])
        return [(k, f) for k, f in self.of(Flow) if f.kind in kinds]

    @cached_property
    def _flows_by_kind(self) -> dict[FlowKind, list[tuple[str, Flow]]]:
        out: dict[FlowKind, list[tuple[str, Flow]]] = defaultdict(list)
        for key, f in self.of(Flow):
            out[f.kind].append((key, f))
        return out
