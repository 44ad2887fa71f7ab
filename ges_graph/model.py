"""The GES document: frozen pydantic models for format ``ges-graph/1``.

The closed vocabularies of the format (legal forms and their families, conventions, relation
types, flow kinds, …), their labels and metadata live in :mod:`ges_graph.vocabulary`; this module
re-exports them (``from ges_graph.model import Form`` works), and every other module asks the enums
(``Form.SAS.family``, ``Form.ASSOCIATION.has_capital``) instead of keeping its own lists.

The models check everything the format specification (``format.md``) refuses at load, including
the cross-references between entities and relations (duplicate ids, dangling ``from``/``to``):
a :class:`Document` that exists is a valid document. Errors are pydantic
:class:`~pydantic.ValidationError` objects whose ``loc`` is the path in the document
(``("entities", 1, "id")``); :mod:`ges_graph.io` turns them into messages that name the file.

Lenient entry, strict model: a vocabulary's field reads the code in any case, a label or a
synonym as its member (saved as its code; the vocabulary's ``_missing_`` reads it, so codes are
read at pydantic's own speed), and leaves anything else for the enum to refuse, with the closest
members suggested by :mod:`ges_graph.validation_messages`. Values other than strings are never
coerced.

Bounds are written as :mod:`annotated_types` constraints inside ``Annotated`` so that Hypothesis
(``st.builds``) can read them.

Examples:
    >>> doc = Document.model_validate({
    ...     "format": "ges-graph/1",
    ...     "name": "Groupe Tremplin",
    ...     "entities": [
    ...         {"id": "tremplin", "name": "Association Tremplin", "form": "association"},
    ...         {"id": "holding", "name": "Tremplin Développement", "form": "sas"},
    ...     ],
    ...     "relations": [
    ...         {"type": "shareholding", "from": "tremplin", "to": "holding", "share": 100},
    ...     ],
    ... })
    >>> doc.entities[1].form.family
    <Family.COMPANY: 'company'>
    >>> doc.relations[0].share
    100.0
    >>> Form.ASSOCIATION.has_capital
    False
    >>> Entity(id="a", name="A", form="Société à responsabilité limitée").form
    <Form.SARL: 'sarl'>
    >>> Flow(**{"from": "a", "to": "b", "kind": "frais de siège"}).kind
    <FlowKind.MANAGEMENT_FEE: 'management_fee'>
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import sys
import unicodedata
from collections.abc import Mapping
from functools import cache, partial
from itertools import repeat
from operator import attrgetter, is_not
from typing import TYPE_CHECKING, Annotated, Any, Literal, NamedTuple, Self, TypeAlias

import annotated_types as at
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    PlainSerializer,
    SerializerFunctionWrapHandler,
    Tag,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_serializer,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from ges_graph import vocabulary as _vocabulary
from ges_graph.errors import UnknownEntityError
from ges_graph.frozen import FrozenDict, freeze, thaw
from ges_graph.i18n import Lang, check_lang, format_money
from ges_graph.identifiers import check_rna, check_siren, check_siret, digits

__all__ = [
    "FORMAT",
    "YEAR_MAX",
    "YEAR_MIN",
    "Account",
    "Board",
    "Document",
    "Entity",
    "Flow",
    "Membership",
    "Office",
    "Percent",
    "PercentRange",
    "Relation",
    "Shareholding",
    "StatutoryControl",
    "certain",
    "format_loc",
    "possible",
]

# The vocabularies live in ges_graph.vocabulary; they stay importable from here, as they always were
# (``from ges_graph.model import Form``), though ``__all__`` names them at home only.
AccountKind = _vocabulary.AccountKind
Availability = _vocabulary.Availability
Basis = _vocabulary.Basis
Category = _vocabulary.Category
Convention = _vocabulary.Convention
Family = _vocabulary.Family
FlowKind = _vocabulary.FlowKind
Form = _vocabulary.Form
Layer = _vocabulary.Layer
OfficeRole = _vocabulary.OfficeRole
PublicKind = _vocabulary.PublicKind
RelationType = _vocabulary.RelationType
Sector = _vocabulary.Sector

FORMAT = "ges-graph/1"
"""The format and version this library reads and writes."""

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$"
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
CURRENCY_PATTERN = r"^[A-Z]{3}$"
MAX_DEPTH = 32
"""Nesting deeper than this (the top-level mapping is level 1) is refused."""
_DOCUMENT_ATTRS = 2
"""The level of the document's ``attrs`` (the document is level 1)."""
_MEMBER_ATTRS = 4
"""The level of an entity's or a relation's ``attrs`` (``entities`` 2, the entity 3)."""
YEAR_MIN = 1900
"""The first year an account or a flow may be dated (inclusive)."""
YEAR_MAX = 2100
"""The last year an account or a flow may be dated (inclusive)."""
_NO_ATTRS = FrozenDict()
"""The ``attrs`` of a model given none: one read-only empty mapping, shared (it cannot change)."""


# --------------------------------------------------------------------------------------------
# Scalar types
# --------------------------------------------------------------------------------------------


def _integral(value: Any) -> Any:
    """Accept a float with no fractional part for an integer field (spreadsheet exports)."""
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    return value


def _nonblank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("blank_string", "must contain a character other than white space")
    return value


def _date(value: Any) -> Any:
    """Accept a ``date`` or an ISO ``YYYY-MM-DD`` string; refuse datetimes and anything else."""
    if isinstance(value, dt.datetime):
        raise PydanticCustomError("date_type", "expected a date YYYY-MM-DD, not a date and time")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise PydanticCustomError("date_type", "expected a date YYYY-MM-DD")


def _finite_attrs(value: Any, level: int = _DOCUMENT_ATTRS) -> FrozenDict:
    """Check ``attrs`` and hold it as read-only JSON data, so that both syntaxes keep it as it is.

    Dates become ISO strings and tuples lists; keys must be strings and numbers finite. The result
    is a deep copy, frozen (:mod:`ges_graph.frozen`): changing the caller's data afterwards
    changes nothing in the model, and the model cannot be changed through it. ``level`` is the
    nesting level of the ``attrs`` mapping in a document, counted from its root as the readers
    count it, so that what the model accepts is what a reader reads back.

    Examples:
        >>> _finite_attrs({"since": dt.date(2020, 1, 1), "ids": (1, 2)})
        {'since': '2020-01-01', 'ids': [1, 2]}
    """
    frozen: FrozenDict = freeze(_check_attrs(value, level))
    return frozen


def _check_attrs(value: Any, depth: int) -> Any:
    if depth > MAX_DEPTH and isinstance(value, Mapping | list | tuple):  # as the readers count
        raise PydanticCustomError(
            "too_deep", "nesting deeper than {max} levels", {"max": MAX_DEPTH}
        )
    if isinstance(value, float) and not math.isfinite(value):
        raise PydanticCustomError("finite_number", "numbers must be finite")
    if isinstance(value, Mapping):
        if not all(isinstance(k, str) for k in value):
            raise PydanticCustomError("attrs_key", "keys must be strings")
        return {k: _check_attrs(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list | tuple):
        items = [_check_attrs(v, depth + 1) for v in value]
        changed = isinstance(value, tuple) or any(
            a is not b for a, b in zip(items, value, strict=True)
        )
        return items if changed else value
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is not None and not isinstance(value, str | int | float | bool):
        raise PydanticCustomError(
            "attrs_value", "attrs may hold strings, numbers, booleans, dates, lists and mappings"
        )
    return value


Id = Annotated[str, Field(strict=True, pattern=ID_PATTERN)]
"""An entity or relation id (as a :class:`Document` is validated, each of its relations' ends is
made the very string of its entity's id: :func:`_share_ids`)."""
Text = Annotated[str, Field(strict=True), AfterValidator(_nonblank)]
"""A non-empty string."""
FreeText = Annotated[str, Field(strict=True)]
Count = Annotated[int, BeforeValidator(_integral), Field(strict=True), at.Ge(0)]
"""An integer ≥ 0 (an integral float such as ``35.0`` is accepted)."""
PositiveCount = Annotated[int, BeforeValidator(_integral), Field(strict=True), at.Ge(1)]
Amount = Annotated[float, Field(strict=True, allow_inf_nan=False), at.Ge(0)]
"""A finite number ≥ 0, in the document's currency."""
Date = Annotated[dt.date, BeforeValidator(_date)]
Flag = Annotated[bool, Field(strict=True)]
Attrs = Annotated[
    Mapping[str, Any],
    AfterValidator(_finite_attrs),
    PlainSerializer(thaw, return_type=dict[str, Any]),
]
"""Free JSON data, held read-only (a :class:`~ges_graph.frozen.FrozenDict`)."""
MemberAttrs = Annotated[
    Mapping[str, Any],
    AfterValidator(lambda value: _finite_attrs(value, _MEMBER_ATTRS)),
    PlainSerializer(thaw, return_type=dict[str, Any]),
]
"""An entity's or a relation's :data:`Attrs`, two levels deeper in the document."""
Siren = Annotated[
    str,
    Field(strict=True, json_schema_extra={"pattern": r"^(?=([0-9] ?){8}[0-9]$)[0-9]+( [0-9]+)*$"}),
    AfterValidator(check_siren),
]
"""A SIREN: 9 digits (spaces between groups allowed), Luhn key (:mod:`ges_graph.identifiers`)."""
Siret = Annotated[
    str,
    Field(strict=True, json_schema_extra={"pattern": r"^(?=([0-9] ?){13}[0-9]$)[0-9]+( [0-9]+)*$"}),
    AfterValidator(check_siret),
]
"""A SIRET: 14 digits (spaces between groups allowed), Luhn key save La Poste's exception."""
Rna = Annotated[
    str,
    Field(strict=True, json_schema_extra={"pattern": "^W[0-9A-Z]{9}$"}),
    AfterValidator(check_rna),
]
"""An RNA number: ``W`` then 9 digits or capital letters."""
Pct = Annotated[float, Field(strict=True, allow_inf_nan=False), at.Ge(0), at.Le(100)]
Year = Annotated[
    int, BeforeValidator(_integral), Field(strict=True), at.Ge(YEAR_MIN), at.Le(YEAR_MAX)
]
"""A calendar year, from :data:`YEAR_MIN` to :data:`YEAR_MAX` (an integral float is accepted)."""


class _Model(BaseModel):
    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        validate_by_name=True,
        validate_by_alias=True,
        serialize_by_alias=True,
        use_enum_values=False,
        hide_input_in_errors=False,
        # Vocabulary fields are refused, not coerced, when they are not strings.
    )


class PercentRange(_Model):
    """A percentage known only by its bounds (inclusive).

    Examples:
        >>> r = PercentRange(min=25, max=50)
        >>> certain(r), possible(r)
        (25.0, 50.0)
    """

    min: Pct
    max: Pct

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.min > self.max:
            raise PydanticCustomError(
                "range_order",
                "min ({min}) must not be above max ({max})",
                {"min": _integral(self.min), "max": _integral(self.max)},
            )
        return self


def _percent_tag(value: Any) -> str:
    return "range" if isinstance(value, dict | PercentRange) else "exact"


Percent: TypeAlias = Annotated[
    Annotated[Pct, Tag("exact")] | Annotated[PercentRange, Tag("range")],
    Discriminator(_percent_tag),
]
"""A percentage, 0–100: an exact number or a :class:`PercentRange`."""

_LOC_TAGS = frozenset({"exact", "range"} | {t.value for t in RelationType})


def format_loc(loc: tuple[str | int, ...]) -> str:
    """The document path of a pydantic error location, without union tags.

    Examples:
        >>> format_loc(("relations", 0, "shareholding", "share", "range", "min"))
        'relations[0].share.min'
        >>> format_loc(("entities", 3, "form"))
        'entities[3].form'
        >>> format_loc(("relations", 0, "office", "office"))
        'relations[0].office'
    """
    out = ""
    prev: str | int | None = None
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in _LOC_TAGS and (isinstance(prev, int) or prev in ("share", "votes")):
            prev = part  # a union tag: the next part is a field, even if named like a tag
            continue
        else:
            out += f".{part}" if out else part
        prev = part
    return out


def certain(value: Percent) -> float:
    """The certain value of a percentage: the number itself, or a range's ``min``."""
    return value.min if isinstance(value, PercentRange) else value


def possible(value: Percent) -> float:
    """The possible value of a percentage: the number itself, or a range's ``max``."""
    return value.max if isinstance(value, PercentRange) else value


# --------------------------------------------------------------------------------------------
# Entities
# --------------------------------------------------------------------------------------------


class Account(_Model):
    """One year's figures of an entity: its closed accounts (``actual``) or a ``forecast``.

    Figures are ≥ 0, in the document's currency; each may be left out.

    Examples:
        >>> a = Account(year=2026, kind="prévisionnel", resources=120_000, charges=118_500)
        >>> a.kind, a.result
        (<AccountKind.FORECAST: 'forecast'>, 1500.0)
    """

    year: Year
    kind: AccountKind
    resources: Amount | None = None
    charges: Amount | None = None
    employees: Count | None = None

    @property
    def result(self) -> float | None:
        """``resources - charges`` (``None`` unless both are given)."""
        if self.resources is None or self.charges is None:
            return None
        return self.resources - self.charges


def _account_errors(entity: Entity) -> list[InitErrorDetails]:
    """What an entity's ``accounts`` contradict, each error at its path.

    A year given twice with the same kind, a forecast that comes before (or in the same year as)
    an actual year, a ``budget`` or ``employees`` unlike the latest actual year's figure.

    Examples:
        >>> e = Entity.model_construct(id="a", name="A", form=Form.SAS, budget=10.0, accounts=(
        ...     Account(year=2024, kind="forecast"), Account(year=2024, kind="actual",
        ...     resources=12)), employees=None)
        >>> [(format_loc(d["loc"]), d["type"].type) for d in _account_errors(e)]
        [('accounts[0].year', 'forecast_before_actual'), ('budget', 'budget_accounts')]
    """
    out: list[InitErrorDetails] = []

    def err(loc: tuple[str | int, ...], kind: str, template: str, ctx: dict[str, Any]) -> None:
        value = ctx.get("value")
        out.append(
            InitErrorDetails(type=PydanticCustomError(kind, template, ctx), loc=loc, input=value)
        )

    actual = [a.year for a in entity.accounts if a.kind is AccountKind.ACTUAL]
    last = max(actual, default=None)
    seen: set[tuple[int, AccountKind]] = set()
    for i, a in enumerate(entity.accounts):
        if (a.year, a.kind) in seen:
            err(
                ("accounts", i, "year"),
                "duplicate_year",
                "the accounts of {value} are given twice with the same kind",
                {"value": a.year},
            )
        seen.add((a.year, a.kind))
        if a.kind is AccountKind.FORECAST and last is not None and a.year <= last:
            err(
                ("accounts", i, "year"),
                "forecast_before_actual",
                "a forecast for {value} comes before, or in the same year as, the actual "
                "accounts of {last}: a closed year replaces its forecast",
                {"value": a.year, "last": last},
            )
    latest = entity.latest_actual
    if latest is None:
        return out
    for field, mine, theirs, name in (
        ("budget", entity.budget, latest.resources, "resources"),
        ("employees", entity.employees, latest.employees, "employees"),
    ):
        if mine is not None and theirs is not None and mine != theirs:
            err(
                (field,),
                f"{field}_accounts",
                f"{field} ({{value}}) is not the {name} of the latest actual year, {{year}} "
                "({figure})",
                {"value": _integral(mine), "year": latest.year, "figure": _integral(theirs)},
            )
    return out


class Entity(_Model):
    """A legal entity or person of the document.

    Examples:
        >>> e = Entity(id="ei", name="Tremplin Nettoyage", form="sarl", conventions=["ei"])
        >>> e.effective_sector, e.is_operating
        (<Sector.MARCHAND: 'marchand'>, True)
        >>> Entity(id="a", name="A", form="association").effective_sector
        <Sector.NON_MARCHAND: 'non_marchand'>
    """

    id: Id
    name: Text
    form: Form
    conventions: tuple[Convention, ...] = ()
    external: Flag = False
    sector: Sector | None = None
    siren: Siren | None = None
    siret: Siret | None = None
    rna: Rna | None = None
    public_kind: PublicKind | None = None
    employees: Count | None = None
    insertion_employees: Count | None = None
    budget: Amount | None = None
    accounts: tuple[Account, ...] = ()
    board_size: PositiveCount | None = None
    tags: tuple[Annotated[str, Field(strict=True)], ...] = ()
    attrs: MemberAttrs = Field(default=_NO_ATTRS)

    @field_validator("conventions")
    @classmethod
    def _no_duplicate_conventions(cls, value: tuple[Convention, ...]) -> tuple[Convention, ...]:
        seen: set[Convention] = set()
        for c in value:
            if c in seen:
                raise PydanticCustomError(
                    "duplicate_convention",
                    "convention '{convention}' is listed twice",
                    {"convention": c.value},
                )
            seen.add(c)
        return value

    @model_validator(mode="after")
    def _consistent_fields(self) -> Self:
        if (
            self.siren is not None
            and self.siret is not None
            and digits(self.siret)[:9] != digits(self.siren)
        ):
            raise _located(
                "siret",
                "siret_siren",
                "the SIRET {siret} does not begin with the SIREN {siren}",
                {"siret": self.siret, "siren": self.siren},
                self.siret,
                self.__class__.__name__,
            )
        if self.public_kind is not None and self.form is not Form.PUBLIC_BODY:
            raise _located(
                "public_kind",
                "public_kind_form",
                "public_kind is only for a public_body, not for form '{form}'",
                {"form": self.form.value},
                self.public_kind.value,
                self.__class__.__name__,
            )
        if (
            self.employees is not None
            and self.insertion_employees is not None
            and self.insertion_employees > self.employees
        ):
            raise _located(
                "insertion_employees",
                "insertion_above_employees",
                "insertion_employees ({n}) is above employees ({m})",
                {"n": self.insertion_employees, "m": self.employees},
                self.insertion_employees,
                self.__class__.__name__,
            )
        if self.accounts:
            errors = _account_errors(self)
            if errors:
                raise ValidationError.from_exception_data(self.__class__.__name__, errors)
        return self

    @property
    def latest_actual(self) -> Account | None:
        """The account of the latest actual (closed) year, if any."""
        actual = [a for a in self.accounts if a.kind is AccountKind.ACTUAL]
        return max(actual, key=lambda a: a.year, default=None)

    def account(self, year: int) -> Account | None:
        """The figures of ``year``: its account, or None when the entity gives none.

        ``budget`` and ``employees`` are the figures of the latest actual year: they fill in its
        ``resources`` and ``employees`` when its account leaves them out (and must agree with them
        when both are given). Without any account, ``budget`` belongs to no known year.

        Examples:
            >>> e = Entity(id="a", name="A", form="sas", budget=900, employees=4, accounts=[
            ...     {"year": 2025, "kind": "actual", "charges": 880},
            ...     {"year": 2026, "kind": "forecast", "resources": 950, "charges": 940}])
            >>> e.account(2025).resources, e.account(2025).employees, e.account(2026).result
            (900.0, 4, 10.0)
            >>> e.account(2024) is None
            True
        """
        found = next((a for a in self.accounts if a.year == year), None)
        if found is None or found is not self.latest_actual:
            return found
        update: dict[str, Any] = {}
        if found.resources is None and self.budget is not None:
            update["resources"] = self.budget
        if found.employees is None and self.employees is not None:
            update["employees"] = self.employees
        return found.model_copy(update=update) if update else found

    @property
    def family(self) -> Family:
        """The family of the entity's form."""
        return self.form.family

    @property
    def effective_public_kind(self) -> PublicKind | None:
        """The kind of public body: ``public_kind``, ``territorial`` by default; None elsewhere.

        Examples:
            >>> Entity(id="c", name="Commune", form="public_body").effective_public_kind
            <PublicKind.TERRITORIAL: 'territorial'>
            >>> Entity(id="a", name="A", form="association").effective_public_kind is None
            True
        """
        if self.form is not Form.PUBLIC_BODY:
            return None
        return self.public_kind if self.public_kind is not None else PublicKind.TERRITORIAL

    @property
    def effective_sector(self) -> Sector:
        """The sector: ``sector`` when given, else derived from form and conventions.

        Derived: ``mixte`` for a holder of both market conventions (``ei``/``etti``/``eiti``)
        and non-market ones (``aci``/``ai``), such as a régie de quartier with an EI and an ACI;
        else ``marchand`` for companies, cooperatives and holders of market conventions;
        ``non_marchand`` otherwise (:attr:`Convention.sector`).

        Examples:
            >>> régie = Entity(id="r", name="R", form="association", conventions=["ei", "aci"])
            >>> régie.effective_sector
            <Sector.MIXTE: 'mixte'>
        """
        if self.sector is not None:
            return self.sector
        held = {c.sector for c in self.conventions}
        if Sector.MARCHAND in held and Sector.NON_MARCHAND in held:
            return Sector.MIXTE
        if self.form.family in (Family.COMPANY, Family.COOPERATIVE) or Sector.MARCHAND in held:
            return Sector.MARCHAND
        return Sector.NON_MARCHAND

    @property
    def is_operating(self) -> bool:
        """True when the entity holds at least one IAE convention."""
        return any(c.is_iae for c in self.conventions)

    @property
    def is_group_member(self) -> bool:
        """True when the entity can belong to the group: not external, not a natural person.

        Examples:
            >>> Entity(id="a", name="A", form="sas").is_group_member
            True
            >>> Entity(id="p", name="P", form="person").is_group_member
            False
            >>> Entity(id="x", name="X", form="sas", external=True).is_group_member
            False
        """
        return not self.external and self.form.can_be_group_member


def _located(
    field: str, kind: str, template: str, ctx: dict[str, Any], value: Any, title: str, /
) -> ValidationError:
    """A ValidationError located at one field of the model being validated."""
    return ValidationError.from_exception_data(
        title,
        [
            InitErrorDetails(
                type=PydanticCustomError(kind, template, ctx), loc=(field,), input=value
            )
        ],
    )


# --------------------------------------------------------------------------------------------
# Relations
# --------------------------------------------------------------------------------------------


class _RelationBase(_Model):
    if TYPE_CHECKING:
        type: str
    id: Id | None = None
    from_: Id = Field(alias="from")
    to: Id
    start: Date | None = None
    end: Date | None = None
    source: FreeText | None = None
    note: FreeText | None = None
    attrs: MemberAttrs = Field(default=_NO_ATTRS)

    @model_validator(mode="after")
    def _check_ends(self) -> Self:
        if self.from_ == self.to:
            raise _located(
                "to",
                "self_relation",
                "a relation cannot join '{id}' to itself",
                {"id": self.to},
                self.to,
                self.__class__.__name__,
            )
        if self.start is not None and self.end is not None and self.start > self.end:
            raise _located(
                "end",
                "dates_order",
                "end ({end}) is before start ({start})",
                {"start": self.start.isoformat(), "end": self.end.isoformat()},
                self.end.isoformat(),
                self.__class__.__name__,
            )
        return self

    @model_serializer(mode="wrap")
    def _with_type(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # ``type`` is a default, but a dump must always carry it (exclude_defaults included).
        data: dict[str, Any] = handler(self)
        return {"type": self.type, **data}

    @property
    def relation_type(self) -> RelationType:
        """The relation's type as an enum."""
        return RelationType(self.type)

    @property
    def layer(self) -> Layer:
        """The layer the relation belongs to."""
        return self.relation_type.layer

    def in_force(self, as_of: dt.date | None) -> bool:
        """True when the relation is in force at ``as_of`` (always, when ``as_of`` is None).

        Examples:
            >>> r = StatutoryControl(**{"from": "a", "to": "b", "end": "2020-12-31"})
            >>> r.in_force(None), r.in_force(dt.date(2021, 1, 1)), r.in_force(dt.date(2020, 12, 31))
            (True, False, True)
        """
        if as_of is None:
            return True
        if self.start is not None and self.start > as_of:
            return False
        return not (self.end is not None and self.end < as_of)


class Membership(_RelationBase):
    """``from`` is a voting member of ``to``."""

    type: Literal["membership"] = "membership"
    votes: Percent | None = None
    category: Category | None = None
    ex_officio: Flag = False


class Board(_RelationBase):
    """``from`` holds, or appoints, ``seats`` seats on ``to``'s governing body."""

    type: Literal["board"] = "board"
    seats: PositiveCount
    chair: Flag = False


class Office(_RelationBase):
    """``from`` holds an executive office of ``to``."""

    type: Literal["office"] = "office"
    office: OfficeRole


class StatutoryControl(_RelationBase):
    """``to``'s statutes give ``from`` the appointment of the majority of its governing body."""

    type: Literal["statutory_control"] = "statutory_control"


class Shareholding(_RelationBase):
    """``from`` holds ``share`` % of ``to``'s capital and ``votes`` % of its voting rights."""

    type: Literal["shareholding"] = "shareholding"
    share: Percent
    votes: Percent | None = None
    category: Category | None = None

    @field_validator("share")
    @classmethod
    def _share_positive(cls, value: Percent) -> Percent:
        if (value.min if isinstance(value, PercentRange) else value) <= 0:  # certain(value)
            raise PydanticCustomError("share_zero", "share must be above 0")
        return value


class Flow(_RelationBase):
    """Money moving from ``from`` (payer) to ``to`` (payee).

    ``amount`` is a yearly amount. A flow with a ``year`` is of that year only (a forecast's new
    management fees, say); one without is of every year it is in force.
    """

    type: Literal["flow"] = "flow"
    kind: FlowKind
    amount: Amount | None = None
    basis: Basis = Basis.UNKNOWN
    agreement: Flag = False
    authorised: Flag = False
    label: FreeText | None = None
    year: Year | None = None

    @property
    def provider(self) -> str:
        """The id of the provider: ``to`` for kinds that buy something, ``from`` otherwise."""
        return self.to if self.kind.provider_is_payee else self.from_

    @property
    def beneficiary(self) -> str:
        """The id of the other party (the one the provider serves or funds)."""
        return self.from_ if self.kind.provider_is_payee else self.to

    @property
    def free(self) -> bool:
        """True when the flow is free: its basis is ``free`` or its amount is 0 (« gratuit »)."""
        return self.basis is Basis.FREE or (self.amount is not None and self.amount == 0)

    def sentence(self, names: Mapping[str, str], currency: str, lang: Lang = "fr") -> str:
        """The flow in words with both roles: who provides, who benefits, who pays what.

        The amount is a year's: said « par an », or « en 2026 » for a flow dated to a year; a
        loan, cash advance or capital contribution is a sum, said without a period.

        Args:
            names: how each party is named, by id (a name, or ``Name (id)``).
            currency: the document's currency.
            lang: ``fr`` or ``en``.

        Raises:
            UnknownLanguageError: ``lang`` is not a supported language.

        Examples:
            >>> f = Flow.model_validate({"type": "flow", "kind": "staff_secondment",
            ...     "from": "horizon", "to": "evolio", "amount": 45000})
            >>> names = {"horizon": "Horizon", "evolio": "Evolio"}
            >>> f.sentence(names, "EUR")
            "Evolio met du personnel à disposition d'Horizon, qui paie 45 000 EUR par an"
            >>> dated = f.model_copy(update={"year": 2026})
            >>> dated.sentence(names, "EUR", "en")
            'Evolio seconds staff to Horizon, which pays 45,000 EUR in 2026'
        """
        check_lang(lang)
        amount = None
        if self.amount is not None:
            period = self.kind.period(self.year, lang)
            amount = format_money(self.amount, currency, lang) + period
        provider, beneficiary = names[self.provider], names[self.beneficiary]
        return self.kind.sentence(provider, beneficiary, amount, lang, free=self.free)


def _fold_id(text: str) -> str:
    """An id as a slip of the keyboard leaves it: case, spaces around, accents aside.

    Examples:
        >>> _fold_id(" Tremplin-Été "), _fold_id("tremplin-ete")
        ('tremplin-ete', 'tremplin-ete')
    """
    plain = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(c for c in plain if not unicodedata.combining(c))


_RELATION_CODES = frozenset(t.value for t in RelationType)


def _relation_type(value: Any) -> Any:
    """A relation whose ``type`` is written as a label or synonym, with its code instead.

    Examples:
        >>> _relation_type({"type": "Participation au capital", "share": 10})
        {'type': 'shareholding', 'share': 10}
        >>> _relation_type({"type": ["shareholding"]})  # left for the union to refuse
        {'type': ['shareholding']}
    """
    written = value.get("type") if type(value) is dict else None
    if type(written) is str and written in _RELATION_CODES:
        return value  # the usual case, decided at a dictionary's speed
    if isinstance(value, Mapping) and isinstance(value.get("type"), str):
        written = value["type"]
        member = _vocabulary.lookup(RelationType, written)
        if member is not None and member.value != written:
            return {**value, "type": member.value}
    return value


def _relation_types(data: dict[str, Any]) -> dict[str, Any]:
    """A document's data with each relation ``type`` written as a label or synonym as its code.

    One look at every ``type`` at once, at C speed (hundreds of thousands of relations on a
    territory's registry): the relations are copied only when one is not written as a code.
    The caller's data is never changed.

    Examples:
        >>> data = {"relations": [{"type": "flow"}, {"type": "Participation au capital"}]}
        >>> _relation_types(data)["relations"]
        [{'type': 'flow'}, {'type': 'shareholding'}]
        >>> data["relations"][1]
        {'type': 'Participation au capital'}
        >>> coded = {"relations": [{"type": "board"}, {"type": "flow"}]}
        >>> _relation_types(coded) is coded  # every type a code: nothing copied
        True
    """
    relations = data.get("relations")
    if not isinstance(relations, list | tuple):
        return data
    try:  # a TypeError when an item is not a dict, or a type cannot be hashed
        written: set[Any] | None = set(map(dict.get, relations, repeat("type")))
    except TypeError:
        written = None
    if written is not None and written <= _RELATION_CODES:
        return data
    return {**data, "relations": [_relation_type(r) for r in relations]}


Relation = Annotated[
    Membership | Board | Office | StatutoryControl | Shareholding | Flow,
    Field(discriminator="type"),
]
"""Any relation, discriminated on ``type``.

A :class:`Document` reads a ``type`` written as a label or a synonym as its code
(:func:`_relation_types`), as every vocabulary.
"""

RELATION_CLASSES: dict[RelationType, type[_RelationBase]] = {
    RelationType.MEMBERSHIP: Membership,
    RelationType.BOARD: Board,
    RelationType.OFFICE: Office,
    RelationType.STATUTORY_CONTROL: StatutoryControl,
    RelationType.SHAREHOLDING: Shareholding,
    RelationType.FLOW: Flow,
}


# --------------------------------------------------------------------------------------------
# Plain data: what both syntaxes' readers refuse, refused here too (issue 15)
# --------------------------------------------------------------------------------------------


def _drop_nulls(data: dict[str, Any]) -> dict[str, Any]:
    """An optional key given as null is absent; a required one given as null is missing.

    Only the format's own mappings are concerned (the top level, entities, relations and
    percentage ranges): ``attrs`` keeps its nulls. The loader and :meth:`GES.from_data` both come
    through here (:class:`Document` calls it), so both read nulls alike.

    A null is dropped only under a key that the mapping may hold: any other key stays, so that
    it is refused as unknown. ``{share: 60,5 %}`` in a YAML flow mapping reads as a share of 60
    and a key ``5 %`` with no value; dropping that key would have let 60 % pass for 60.5 %.

    Examples:
        >>> _drop_nulls({"name": "G", "relations": None, "attrs": {"k": None}})
        {'name': 'G', 'attrs': {'k': None}}
        >>> _drop_nulls({"relations": [{"type": "flow", "share": 60, "5 %": None, "kind": None}]})
        {'relations': [{'type': 'flow', 'share': 60, '5 %': None}]}
        >>> _drop_nulls({"relations": [{"type": "membership", "share": None}]})
        {'relations': [{'type': 'membership', 'share': None}]}
    """
    keys = _null_keys()

    def clean(obj: Any, known: frozenset[str]) -> Any:
        if isinstance(obj, dict) and None in obj.values():
            return {k: v for k, v in obj.items() if v is not None or k not in known}
        return obj

    def clean_relation(obj: Any) -> Any:
        if not isinstance(obj, dict):
            return obj
        kind = obj.get("type")
        known = keys.relation.get(kind) if isinstance(kind, str) else None
        obj = clean(obj, keys.any_relation if known is None else known)
        if isinstance(obj.get("share"), dict) or isinstance(obj.get("votes"), dict):
            obj = {
                k: clean(v, keys.range) if k in ("share", "votes") else v for k, v in obj.items()
            }
        return obj

    out = dict(clean(data, keys.document))
    if isinstance(out.get("entities"), list):
        out["entities"] = [clean(e, keys.entity) for e in out["entities"]]
    if isinstance(out.get("relations"), list):
        out["relations"] = [clean_relation(r) for r in out["relations"]]
    return out


class _NullKeys(NamedTuple):
    """The keys that each of the format's mappings may hold (see :func:`_drop_nulls`)."""

    document: frozenset[str]
    entity: frozenset[str]
    range: frozenset[str]
    relation: dict[str, frozenset[str]]
    """By relation type."""
    any_relation: frozenset[str]
    """Every relation type's keys (for a relation whose type is missing or unknown)."""


@cache
def _null_keys() -> _NullKeys:
    """The keys of each mapping, read off the models once."""

    def of(model: type[BaseModel]) -> frozenset[str]:
        return frozenset(f.alias or name for name, f in model.model_fields.items())

    relations = (Membership, Board, Office, StatutoryControl, Shareholding, Flow)
    by_type = {r.model_fields["type"].default: of(r) for r in relations}
    return _NullKeys(
        of(Document), of(Entity), of(PercentRange), by_type, frozenset().union(*by_type.values())
    )


_DIGITS_ONLY = bytes(48 if 48 <= b <= 57 else 32 for b in range(256))
"""A translation table: every ASCII digit becomes ``0``, every other byte a space."""
_LONG_DIGITS = b"0" * 309


def _maybe_hostile(data: Any) -> bool:
    """False when plain data surely holds no lone surrogate and no integer beyond a float's range.

    One pass of the C encoder, so that the walk of :func:`_plain_errors` runs only on data that
    may hold one (or that the encoder cannot write: dates, odd keys, very long integers).
    """
    try:
        raw = json.dumps(data, ensure_ascii=False, default=str).encode("utf-8")
    except (TypeError, ValueError, RecursionError):  # UnicodeEncodeError is a ValueError
        return True
    return _LONG_DIGITS in raw.translate(_DIGITS_ONLY)  # C speed, unlike a regular expression


def _leading_digits(n: int) -> str:
    """The start of a (perhaps very long) integer, as the JSON reader shows it."""
    try:
        return str(n)[:20]
    except ValueError:  # beyond ``sys.get_int_max_str_digits()``
        drop = max(int(abs(n).bit_length() * 0.30103) - 25, 0)
        return ("-" if n < 0 else "") + str(abs(n) // 10**drop)[: 20 - (n < 0)]


def _plain_errors(value: Any, loc: tuple[str | int, ...], depth: int) -> list[InitErrorDetails]:
    """Lone surrogates (in strings and keys) and integers beyond a float's range, in order.

    These are what the readers of both syntaxes refuse as they read; the model refuses them here
    with the same messages (``invalid_unicode``, ``non_finite``), so that plain data given to
    :meth:`GES.from_data` is judged as its text would be.

    Examples:
        >>> [e["loc"] for e in _plain_errors({"a": ["ok", chr(0xD800)], "b": 10**400}, (), 1)]
        [('a', 1), ('b',)]
    """
    out: list[InitErrorDetails] = []
    if depth > MAX_DEPTH + 1:  # refused as too deep, or of the wrong type, by the model
        return out
    if isinstance(value, str):
        if not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as exc:
                bad = ascii(value[exc.start : exc.end])
                out.append(_plain_error(loc, "invalid_unicode", bad))
    elif isinstance(value, int) and not isinstance(value, bool):
        if abs(value) > sys.float_info.max:
            out.append(_plain_error(loc, "non_finite", _leading_digits(value) + "…"))
    elif isinstance(value, Mapping):
        for k, v in value.items():
            bad_key = _plain_errors(k, loc, depth)
            # pydantic cannot carry a lone surrogate in a location: the key alone is reported.
            out += bad_key or _plain_errors(v, (*loc, k), depth + 1)
    elif isinstance(value, list | tuple):
        for i, v in enumerate(value):
            out += _plain_errors(v, (*loc, i), depth + 1)
    return out


def _plain_error(loc: tuple[str | int, ...], kind: str, shown: str) -> InitErrorDetails:
    message = (
        "the string is not valid Unicode (a lone surrogate)"
        if kind == "invalid_unicode"
        else "number too large for a float"
    )
    return InitErrorDetails(type=PydanticCustomError(kind, message), loc=loc, input=shown)


_ID = attrgetter("id")
_FROM = attrgetter("from_")
_TO = attrgetter("to")


def _references_hold(doc: Document, entity_ids: list[str]) -> bool:
    """True when entity ids are distinct, relation ids too and unlike them, and ends are known.

    What :class:`Document` checks item by item to report each error, told first for the whole
    document at C speed (``map`` and sets): on a territory's registry of 300,000 relations, the
    loop is run only when some reference is wrong. ``entity_ids``: the entities' ids, in order.
    """
    ids = set(entity_ids)
    if len(ids) != len(entity_ids):
        return False
    relations = doc.relations
    if not (ids.issuperset(map(_FROM, relations)) and ids.issuperset(map(_TO, relations))):
        return False
    relation_ids = list(filter(_GIVEN, map(_ID, relations)))
    return len(set(relation_ids)) == len(relation_ids) and ids.isdisjoint(relation_ids)


def _share_ids(doc: Document, entity_ids: list[str]) -> None:
    """Make each relation's ends the very strings of the entities' ids they name.

    A parser makes a new string for each occurrence of an id (Python's, and pydantic's reading
    JSON text): an entity's id and the ends of the relations naming it are equal strings, not
    one. Control and the rules look entities up by id in dictionaries, and a lookup with the
    stored key itself stops at its identity, where an equal copy is read and compared: one more
    miss of the processor's cache in a large group, a tenth of validation at 100,000 entities,
    and a string more per relation end in memory.

    Per document, not ``sys.intern``: interned strings were immortal in the first releases of
    Python 3.12 (CPython issue 113993), and every id a process ever loaded would have stayed
    in memory. The ends are known (:func:`_references_hold`); each field is set in place to a
    string equal to the one it held, so the relation is equal to what it was and hashes the
    same. Only speed depends on it (nothing compares ids by identity): a relation object put
    in a second document shares that one's strings thereafter, and ``model_copy`` and
    ``model_construct``, which do not validate, do not share.
    """
    ids = dict(zip(entity_ids, entity_ids, strict=True))
    for r in doc.relations:
        fields = r.__dict__
        fields["from_"] = ids[fields["from_"]]
        fields["to"] = ids[fields["to"]]


_GIVEN = partial(is_not, None)


# --------------------------------------------------------------------------------------------
# The document
# --------------------------------------------------------------------------------------------


class Document(_Model):
    """A GES document, format ``ges-graph/1``. A Document that exists is valid.

    Relations are keyed by :meth:`relation_key`: their ``id`` when they have one, else their path
    ``relations[i]``, which a person can find in the source file.

    Examples:
        >>> doc = Document(format="ges-graph/1", name="G", entities=[
        ...     Entity(id="a", name="A", form="association"),
        ...     Entity(id="b", name="B", form="sarl")],
        ...     relations=[Shareholding(**{"from": "a", "to": "b", "share": 100})])
        >>> doc.relation_key(0), doc.entity("b").name
        ('relations[0]', 'B')
    """

    format: Annotated[str, Field(strict=True)]
    name: Text
    id: Annotated[str, Field(strict=True, pattern=SLUG_PATTERN)] | None = None
    description: FreeText | None = None
    territory: FreeText | None = None
    as_of: Date | None = None
    currency: Annotated[str, Field(strict=True, pattern=CURRENCY_PATTERN)] = "EUR"
    sources: tuple[Annotated[str, Field(strict=True)], ...] = ()
    entities: tuple[Entity, ...]
    relations: tuple[Relation, ...] = ()
    attrs: Attrs = Field(default=_NO_ATTRS)

    @field_validator("entities")
    @classmethod
    def _some_entities(cls, value: tuple[Entity, ...]) -> tuple[Entity, ...]:
        if not value:
            raise PydanticCustomError("too_short", "at least one entity is required")
        return value

    @field_validator("format")
    @classmethod
    def _known_format(cls, value: str) -> str:
        if value != FORMAT:
            raise PydanticCustomError(
                "unknown_format",
                "unknown format '{value}': this library reads {known}",
                {"value": value, "known": FORMAT},
            )
        return value

    @model_validator(mode="wrap")
    @classmethod
    def _check_references(cls, data: Any, handler: Any, info: ValidationInfo) -> Document:
        if isinstance(data, dict):
            context = info.context if isinstance(info.context, Mapping) else {}
            # A reader says when its text held no null at all (``"nulls": False``).
            # Types as codes first: which keys a relation may hold, nulls or not, follows them.
            data = _relation_types(data)
            if context.get("nulls") is not False:
                data = _drop_nulls(data)
            # Data that a reader of the format gave (``context={"read": True}``) holds no lone
            # surrogate and no integer beyond a float's range: the readers refuse them as they
            # read. Plain data from elsewhere (``GES.from_data``) is scanned for them here.
            read = context.get("read") is True
            if not read and _maybe_hostile(data):
                plain = _plain_errors(data, (), 1)
                if plain:
                    raise ValidationError.from_exception_data(cls.__name__, plain)
        doc: Document = handler(data)
        entity_ids = list(map(_ID, doc.entities))
        if _references_hold(doc, entity_ids):
            _share_ids(doc, entity_ids)
            return doc  # the usual case, told at C speed; else each error is found below
        errors: list[InitErrorDetails] = []

        def err(
            loc: tuple[str | int, ...], kind: str, template: str, ctx: dict[str, Any], value: Any
        ) -> None:
            errors.append(
                InitErrorDetails(
                    type=PydanticCustomError(kind, template, ctx), loc=loc, input=value
                )
            )

        ids: set[str] = set()
        folded: dict[str, str] | None = None  # each id by its folded form, made at need
        for i, e in enumerate(doc.entities):
            if e.id in ids:
                err(
                    ("entities", i, "id"),
                    "duplicate_id",
                    "duplicate entity id '{id}'",
                    {"id": e.id},
                    e.id,
                )
            ids.add(e.id)
        rel_ids: set[str] = set()
        for i, r in enumerate(doc.relations):
            if r.id is not None:
                if r.id in ids:
                    err(
                        ("relations", i, "id"),
                        "duplicate_id",
                        "relation id '{id}' is already an entity id",
                        {"id": r.id},
                        r.id,
                    )
                elif r.id in rel_ids:
                    err(
                        ("relations", i, "id"),
                        "duplicate_id",
                        "duplicate relation id '{id}'",
                        {"id": r.id},
                        r.id,
                    )
                rel_ids.add(r.id)
            for end, value in (("from", r.from_), ("to", r.to)):
                if value not in ids:
                    if folded is None:
                        folded = {_fold_id(x): x for x in ids}
                    close = folded.get(_fold_id(value))
                    err(
                        ("relations", i, end),
                        "unknown_entity",
                        "'{id}' is not the id of an entity of the document",
                        {"id": value} if close is None else {"id": value, "close": close},
                        value,
                    )
        if errors:
            raise ValidationError.from_exception_data(cls.__name__, errors)
        return doc

    def entity(self, entity_id: str) -> Entity:
        """The entity with this id.

        Raises:
            UnknownEntityError: there is no such entity (a ``KeyError``).
        """
        for e in self.entities:
            if e.id == entity_id:
                return e
        raise UnknownEntityError(entity_id)

    def relation_key(self, index: int) -> str:
        """The key of relation ``index``: its ``id``, else ``relations[index]``."""
        rid = self.relations[index].id
        return rid if rid is not None else f"relations[{index}]"
