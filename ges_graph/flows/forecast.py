"""The forecast budget of a group for one year and the year before (COORACE module 4).

:func:`forecast` reads each member's ``accounts`` (:class:`~ges_graph.model.Account`: a year's
closed accounts or its forecast) and gives, for a year and the one before: by member, by sector
and in total, resources, charges and result, the flows between members eliminated, headcount,
and the change from one year to the next. :func:`~ges_graph.flows.comparison.compare_forecasts`
sets two groups side by side for one year: a group and the same group after a restructuring (a
plan applied, new management fees, a new entity whose figures the user gives in ``assumed``).

**Which flows count for a year.** A flow of ``year`` Y counts for Y only; a flow without
``year`` counts for every year it is in force, by its dates (``start`` on or before 31
December, ``end`` on or after 1 January). The document's ``as_of`` does not filter the flows
here: each year is judged by its own dates. The members are those of the group's structure
(``ges.control.members``).

**How a flow is eliminated.** An internal flow (both ends members) is removed from the payee's
resources and from the payer's charges, so that the group's total counts neither: the member
lines keep their own figures, the *eliminations* line takes the flows off, and
``total = sum of members - eliminations``, for resources and for charges alike (the result,
resources minus charges, is unchanged by eliminations). Capital movements (loans, treasury,
capital contributions) are never eliminated; nor is a flow with no amount, or one whose payee
gives no resources or whose payer gives no charges for the year: these are listed in
``not_eliminated`` with the reason, and the year is then ``complete`` no longer. A sector's line
sums its members' figures less the eliminations they take: resources at the payee's sector,
charges at the payer's, so that the sectors add up to the total.

Examples:
    >>> from ges_graph.graph import GES
    >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
    ...     {"id": "a", "name": "Alpha", "form": "association", "accounts": [
    ...         {"year": 2025, "kind": "actual", "resources": 1000, "charges": 990,
    ...          "employees": 5},
    ...         {"year": 2026, "kind": "forecast", "resources": 1100, "charges": 1080,
    ...          "employees": 6}]},
    ...     {"id": "b", "name": "Beta", "form": "sarl", "accounts": [
    ...         {"year": 2025, "kind": "actual", "resources": 500, "charges": 450},
    ...         {"year": 2026, "kind": "forecast", "resources": 520, "charges": 500}]}],
    ...   "relations": [
    ...     {"type": "shareholding", "from": "a", "to": "b", "share": 100},
    ...     {"type": "flow", "kind": "management_fee", "from": "b", "to": "a", "amount": 30,
    ...      "year": 2026}]})
    >>> f = forecast(ges, 2026)
    >>> f.current.resources, f.current.eliminated, f.current.combined_resources
    (Decimal('1620.00'), Decimal('30.00'), Decimal('1590.00'))
    >>> f.previous.result, f.current.result, f.change.result, f.change.employees
    (Decimal('60.00'), Decimal('40.00'), Decimal('-20.00'), 1)
    >>> f.current.sector("marchand").combined_charges
    Decimal('470.00')
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ges_graph.errors import ArgumentError, ArgumentTypeError, UnknownEntityError
from ges_graph.flows.budget import Elimination, NotEliminated
from ges_graph.flows.forecast_table import _minus, caption, forecast_rows, forecast_text, html
from ges_graph.flows.reading import _ZERO, BALANCE_SHEET_KINDS, _members_in_order, _money
from ges_graph.i18n import Lang, check_lang
from ges_graph.model import YEAR_MAX, YEAR_MIN, Account, AccountKind, Entity, Flow, Sector

if TYPE_CHECKING:
    from ges_graph.graph import GES

__all__ = [
    "Change",
    "Forecast",
    "ForecastLine",
    "MemberYear",
    "YearBudget",
    "change_of",
    "forecast",
    "line_change",
]


def _num(d: Decimal | None) -> float | None:
    return None if d is None else float(d)


@dataclass(frozen=True)
class MemberYear:
    """One member's figures for one year, as its account gives them.

    Attributes:
        member: its id.
        name: its name.
        sector: its effective sector.
        kind: ``actual`` or ``forecast``; ``None`` when it gives no account for the year.
        resources: its resources (``None`` when not given).
        charges: its charges (``None`` when not given).
        employees: its headcount (``None`` when not given).
        eliminated_resources: the flows from other members taken off its resources.
        eliminated_charges: the flows to other members taken off its charges.
    """

    member: str
    name: str
    sector: Sector
    kind: AccountKind | None
    resources: Decimal | None
    charges: Decimal | None
    employees: int | None
    eliminated_resources: Decimal
    eliminated_charges: Decimal

    @property
    def result(self) -> Decimal | None:
        """Its own result, ``resources - charges`` (``None`` unless both are given)."""
        if self.resources is None or self.charges is None:
            return None
        return self.resources - self.charges


@dataclass(frozen=True)
class ForecastLine:
    """A sum of members' figures for one year: a sector's, or the group's.

    Attributes:
        members: how many members it sums.
        resources: their resources (those given).
        charges: their charges (those given).
        employees: their headcounts (those given).
        eliminated_resources: the eliminations taken off these resources.
        eliminated_charges: the eliminations taken off these charges.
        unfigured: how many of these members give no resources or no charges: the line's
            result is then unknown (a member's resources without its charges are not a profit).
        given: how many of these members give their resources, their charges, their headcount
            (a sum of none is no figure: the table says « — », not 0).
    """

    members: int
    resources: Decimal
    charges: Decimal
    employees: int
    eliminated_resources: Decimal
    eliminated_charges: Decimal
    unfigured: int = 0
    given: tuple[int, int, int] = (0, 0, 0)

    @property
    def combined_resources(self) -> Decimal:
        """``resources - eliminated_resources``."""
        return self.resources - self.eliminated_resources

    @property
    def combined_charges(self) -> Decimal:
        """``charges - eliminated_charges``."""
        return self.charges - self.eliminated_charges

    @property
    def result(self) -> Decimal | None:
        """``combined_resources - combined_charges``, or ``None`` when a member lacks a figure.

        The resources and charges sum those given; their difference is a result only when
        every member gives both (``unfigured == 0``).
        """
        if self.unfigured or not self.members:  # a sum of no member is no result either
            return None
        return self.combined_resources - self.combined_charges

    def to_dict(self) -> dict[str, Any]:
        """Plain data (amounts as numbers; ``None`` for a figure no member gives)."""
        resources, charges, employees = self.given
        return {
            "members": self.members,
            "resources": float(self.resources) if resources else None,
            "charges": float(self.charges) if charges else None,
            "eliminated_resources": float(self.eliminated_resources),
            "eliminated_charges": float(self.eliminated_charges),
            "combined_resources": float(self.combined_resources) if resources else None,
            "combined_charges": float(self.combined_charges) if charges else None,
            "result": _num(self.result),
            "employees": self.employees if employees else None,
        }


def _line(members: list[MemberYear]) -> ForecastLine:
    return ForecastLine(
        len(members),
        sum((m.resources for m in members if m.resources is not None), _ZERO),
        sum((m.charges for m in members if m.charges is not None), _ZERO),
        sum(m.employees for m in members if m.employees is not None),
        sum((m.eliminated_resources for m in members), _ZERO),
        sum((m.eliminated_charges for m in members), _ZERO),
        sum(m.resources is None or m.charges is None for m in members),
        (
            sum(m.resources is not None for m in members),
            sum(m.charges is not None for m in members),
            sum(m.employees is not None for m in members),
        ),
    )


@dataclass(frozen=True)
class YearBudget:
    """The group's budget for one year: members, sectors, total and eliminations.

    Attributes:
        year: the year.
        members: one line per member, in document order.
        eliminations: the flows between members taken off, in document order.
        not_eliminated: the flows between members left in, with the reason.
    """

    year: int
    members: tuple[MemberYear, ...]
    eliminations: tuple[Elimination, ...]
    not_eliminated: tuple[NotEliminated, ...]

    @property
    def total(self) -> ForecastLine:
        """The group's line: the members' figures less the eliminations."""
        return _line(list(self.members))

    @property
    def between_sectors(self) -> Decimal:
        """The eliminated flows whose payer and payee are of different sectors, summed.

        A sector's line takes such a flow off the resources of the payee's sector and off the
        charges of the payer's (so that the sectors add up to the total): its result is then
        not its members' own, by these amounts. The table says so under it.
        """
        sector = {m.member: m.sector for m in self.members}
        return sum(
            (e.amount for e in self.eliminations if sector[e.payer] is not sector[e.payee]),
            _ZERO,
        )

    @property
    def sectors(self) -> tuple[tuple[Sector, ForecastLine], ...]:
        """One line per sector that has members, in the vocabulary's order."""
        out = []
        for sector in Sector:
            of = [m for m in self.members if m.sector is sector]
            if of:
                out.append((sector, _line(of)))
        return tuple(out)

    def sector(self, sector: Sector | str) -> ForecastLine:
        """The line of one sector (an empty line when no member is of it)."""
        wanted = Sector(sector)
        return _line([m for m in self.members if m.sector is wanted])

    @property
    def resources(self) -> Decimal:
        """The sum of the members' resources (those given)."""
        return self.total.resources

    @property
    def charges(self) -> Decimal:
        """The sum of the members' charges (those given)."""
        return self.total.charges

    @property
    def eliminated(self) -> Decimal:
        """The sum of the eliminations (taken off resources and charges alike)."""
        return sum((e.amount for e in self.eliminations), _ZERO)

    @property
    def combined_resources(self) -> Decimal:
        """``resources - eliminated``: the group's resources from outside it."""
        return self.resources - self.eliminated

    @property
    def combined_charges(self) -> Decimal:
        """``charges - eliminated``: the group's charges paid outside it."""
        return self.charges - self.eliminated

    @property
    def result(self) -> Decimal | None:
        """The group's result, ``combined_resources - combined_charges``.

        ``None`` when a member gives no resources or no charges for the year: the sums count
        only the figures given, and a member's resources without its charges are no profit.
        """
        return self.total.result

    @property
    def employees(self) -> int:
        """The sum of the members' headcounts (those given)."""
        return self.total.employees

    @property
    def missing(self) -> tuple[str, ...]:
        """Members that give no account for the year."""
        return tuple(m.member for m in self.members if m.kind is None)

    @property
    def complete(self) -> bool:
        """True when every member gives resources and charges for the year.

        And when every internal flow other than a capital movement was eliminated.
        """
        figures = all(m.resources is not None and m.charges is not None for m in self.members)
        return figures and all(n.reason == "balance_sheet" for n in self.not_eliminated)

    def to_dict(self) -> dict[str, Any]:
        """Plain data: the year, the members, the sectors, the total, the eliminations."""
        return {
            "year": self.year,
            "complete": self.complete,
            "members": [
                {
                    "member": m.member,
                    "name": m.name,
                    "sector": m.sector.value,
                    "kind": None if m.kind is None else m.kind.value,
                    "resources": _num(m.resources),
                    "charges": _num(m.charges),
                    "result": _num(m.result),
                    "employees": m.employees,
                    "eliminated_resources": float(m.eliminated_resources),
                    "eliminated_charges": float(m.eliminated_charges),
                }
                for m in self.members
            ],
            "sectors": [{"sector": s.value, **line.to_dict()} for s, line in self.sectors],
            "total": self.total.to_dict(),
            "eliminations": [
                {"relation": e.key, "payer": e.payer, "payee": e.payee, "kind": e.kind.value}
                | {"amount": float(e.amount)}
                for e in self.eliminations
            ],
            "not_eliminated": [
                {"relation": n.key, "payer": n.payer, "payee": n.payee, "kind": n.kind.value}
                | {"amount": _num(n.amount), "reason": n.reason}
                for n in self.not_eliminated
            ],
            "missing": list(self.missing),
            "between_sectors": float(self.between_sectors),
        }


@dataclass(frozen=True)
class Change:
    """What changes from one year (or one group) to the other: ``after - before``.

    A member's change is ``None`` where either side does not give the figure.
    """

    resources: Decimal | None
    charges: Decimal | None
    result: Decimal | None
    employees: int | None

    def to_dict(self) -> dict[str, Any]:
        """Plain data."""
        return {
            "resources": _num(self.resources),
            "charges": _num(self.charges),
            "result": _num(self.result),
            "employees": self.employees,
        }


def line_change(before: Sequence[MemberYear], after: Sequence[MemberYear]) -> Change:
    """The change of a sum of members from one year to the next (combined figures).

    Each figure's change is ``None`` unless the same members, one at least, give it both years
    (the result: both years' results known), so that a member missing one year is not read as
    a change.

    Examples:
        >>> from decimal import Decimal as D
        >>> from ges_graph.model import Sector
        >>> def m(i, r, c, e):
        ...     return MemberYear(i, i, Sector.MARCHAND, None, r, c, e, D(0), D(0))
        >>> c = line_change([m("a", D(10), D(8), 5), m("b", D(4), D(4), 30)],
        ...                 [m("a", D(12), D(9), 6), m("b", D(5), D(5), None)])
        >>> c.resources, c.result, c.employees
        (Decimal('3.00'), Decimal('1.00'), None)
    """
    was, now = _line(list(before)), _line(list(after))

    def same(field: str) -> bool:  # the same members give it, and some do
        given = {m.member for m in before if getattr(m, field) is not None}
        return bool(given) and given == {m.member for m in after if getattr(m, field) is not None}

    return Change(
        now.combined_resources - was.combined_resources if same("resources") else None,
        now.combined_charges - was.combined_charges if same("charges") else None,
        _minus(now.result, was.result),
        now.employees - was.employees if same("employees") else None,
    )


def change_of(
    after: MemberYear | YearBudget | None, before: MemberYear | YearBudget | None
) -> Change:
    """``after - before``, figure by figure (``None`` where a side lacks the figure)."""

    def get(side: MemberYear | YearBudget | None, field: str) -> Any:
        return None if side is None else getattr(side, field)

    def diff(field: str) -> Any:
        return _minus(get(after, field), get(before, field))

    return Change(diff("resources"), diff("charges"), diff("result"), diff("employees"))


@dataclass(frozen=True)
class Forecast:
    """The group's budget for ``year`` and the year before, and the change between them.

    Attributes:
        name: the group's name.
        currency: the document's currency.
        year: the year asked for.
        previous: the budget of ``year - 1``.
        current: the budget of ``year``.
        lang: the language of its notebook table (``fr`` by default).
        undated: the members that give a ``budget`` or ``employees`` but no actual account:
            those figures belong to no year (:meth:`Entity.account
            <ges_graph.model.Entity.account>`), and are counted in neither.
    """

    name: str
    currency: str
    year: int
    previous: YearBudget
    current: YearBudget
    lang: Lang = "fr"
    undated: tuple[str, ...] = ()

    @property
    def change(self) -> Change:
        """The group's change, ``current - previous`` (combined figures).

        A figure's change is ``None`` unless the same members give it both years: a member
        whose figures are missing one year would count as a fall or a rise of the group.
        """
        return line_change(self.previous.members, self.current.members)

    def sector_change(self, sector: Sector | str) -> Change:
        """One sector's change, ``current - previous``, as :attr:`change` says the group's."""
        wanted = Sector(sector)
        before = [m for m in self.previous.members if m.sector is wanted]
        return line_change(before, [m for m in self.current.members if m.sector is wanted])

    @property
    def nature(self) -> tuple[AccountKind, ...]:
        """What the year's accounts are: the kinds the members give for ``year``.

        In the vocabulary's order (``actual`` before ``forecast``); empty when no member gives
        an account for the year. The table's title says it: « Budget réalisé 2025 »,
        « Budget réalisé et prévisionnel 2026 », « Budget prévisionnel 2026 ».
        """
        kinds = {m.kind for m in self.current.members if m.kind is not None}
        return tuple(k for k in AccountKind if k in kinds)

    def member_change(self, member: str) -> Change:
        """One member's change from the year before (its own figures).

        Raises:
            UnknownEntityError: ``member`` is not a member of the group.
        """
        now = next((m for m in self.current.members if m.member == member), None)
        if now is None:
            raise UnknownEntityError(member)
        before = next(m for m in self.previous.members if m.member == member)
        return change_of(now, before)

    def rows(self, lang: Lang = "fr") -> list[list[str | Decimal | int | None]]:
        """The table as rows of cells, a header row first (see :mod:`.forecast_table`)."""
        check_lang(lang)
        return forecast_rows(self, lang)

    def to_text(self, lang: Lang = "fr") -> str:
        """The table in words: by member, eliminations, total, by sector, then what is missing."""
        check_lang(lang)
        return forecast_text(self, lang)

    def to_dict(self) -> dict[str, Any]:
        """Plain data: both years and the change."""
        return {
            "name": self.name,
            "currency": self.currency,
            "year": self.year,
            "nature": [k.value for k in self.nature],
            "previous": self.previous.to_dict(),
            "current": self.current.to_dict(),
            "change": self.change.to_dict(),
            "undated": list(self.undated),
        }

    def _repr_html_(self) -> str:
        title = caption("forecast", self.year, self.currency, self.lang, self.nature)
        return html(self.rows(self.lang), f"{title} — {self.name}", self.lang)


def _year_flows(ges: GES, year: int) -> Iterator[tuple[str, Flow]]:
    """The flows of ``year``: dated to it, or undated and in force during it."""
    for i, r in enumerate(ges.document.relations):
        if not isinstance(r, Flow):
            continue
        if r.year is not None and r.year != year:
            continue
        if r.start is not None and r.start.year > year:
            continue
        if r.end is not None and r.end.year < year:
            continue
        yield ges.document.relation_key(i), r


def _year_budget(
    ges: GES, members: list[str], year: int, accounts: Mapping[str, Account | None]
) -> YearBudget:
    entities = {e.id: e for e in ges.document.entities}
    inside = set(members)
    eliminations: list[Elimination] = []
    left: list[NotEliminated] = []
    received: dict[str, Decimal] = defaultdict(lambda: _ZERO)
    paid: dict[str, Decimal] = defaultdict(lambda: _ZERO)
    for key, f in _year_flows(ges, year):
        if f.from_ not in inside or f.to not in inside:
            continue
        amount = None if f.amount is None else _money(f.amount)
        payee, payer = accounts[f.to], accounts[f.from_]
        reason = None
        if f.kind in BALANCE_SHEET_KINDS:
            reason = "balance_sheet"
        elif amount is None:
            reason = "no_amount"
        elif payee is None or payee.resources is None:
            reason = "no_resources"
        elif payer is None or payer.charges is None:
            reason = "no_charges"
        if reason is not None or amount is None:
            left.append(NotEliminated(key, f.from_, f.to, f.kind, amount, reason or "no_amount"))
            continue
        eliminations.append(Elimination(key, f.from_, f.to, f.kind, amount))
        received[f.to] += amount
        paid[f.from_] += amount
    lines = tuple(_member_year(entities[m], accounts[m], received[m], paid[m]) for m in members)
    return YearBudget(year, lines, tuple(eliminations), tuple(left))


def _member_year(
    entity: Entity, account: Account | None, received: Decimal, paid: Decimal
) -> MemberYear:
    def money(value: float | None) -> Decimal | None:
        return None if value is None else _money(value)

    return MemberYear(
        entity.id,
        entity.name,
        entity.effective_sector,
        None if account is None else account.kind,
        None if account is None else money(account.resources),
        None if account is None else money(account.charges),
        None if account is None else account.employees,
        received,
        paid,
    )


def _check_year(year: object) -> int:
    if isinstance(year, bool) or not isinstance(year, int):
        raise ArgumentTypeError(f"year must be a whole number, not {year!r}")
    if not YEAR_MIN < year <= YEAR_MAX:
        raise ArgumentError(f"year {year} is out of range (from {YEAR_MIN + 1} to {YEAR_MAX})")
    return year


def _assumed(ges: GES, assumed: Mapping[str, Account] | None) -> dict[str, Account]:
    out: dict[str, Account] = {}
    for member, account in (assumed or {}).items():
        ges.document.entity(member)  # raises UnknownEntityError
        if not isinstance(account, Account):
            raise ArgumentTypeError(
                f"assumed[{member!r}] must be an Account, not {type(account).__name__}"
            )
        out[member] = account
    return out


def forecast(
    ges: GES, year: int, *, assumed: Mapping[str, Account] | None = None, lang: Lang = "fr"
) -> Forecast:
    """The group's budget for ``year`` and ``year - 1`` (see the module's notes).

    Args:
        ges: the group.
        year: the year of the forecast.
        assumed: figures the document does not hold, by member id: each account replaces the
            member's own for its year (a new entity's charges, a fee not yet voted).
        lang: the language of the result's notebook table.

    Raises:
        UnknownLanguageError: ``lang`` is not a supported language.
        ArgumentError: ``year`` is out of range.
        UnknownEntityError: an id of ``assumed`` is not an entity of the document.

    Examples:
        >>> from ges_graph.graph import GES
        >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
        ...     {"id": "a", "name": "A", "form": "sas", "budget": 100, "accounts": [
        ...         {"year": 2025, "kind": "actual", "charges": 90}]}]})
        >>> f = forecast(ges, 2026, assumed={"a": Account(year=2026, kind="forecast",
        ...     resources=120, charges=100)})
        >>> f.previous.result, f.current.result, f.current.missing, f.previous.complete
        (Decimal('10.00'), Decimal('20.00'), (), True)
    """
    check_lang(lang)
    year = _check_year(year)
    extra = _assumed(ges, assumed)
    members = _members_in_order(ges)
    budgets = []
    for y in (year - 1, year):
        accounts: dict[str, Account | None] = {}
        for e in ges.document.entities:
            given = extra.get(e.id)
            accounts[e.id] = given if given is not None and given.year == y else e.account(y)
        budgets.append(_year_budget(ges, members, y, accounts))
    doc = ges.document
    inside = set(members)
    undated = tuple(
        e.id
        for e in doc.entities
        if e.id in inside
        and e.latest_actual is None  # budget and employees fill in the latest actual year only
        and (e.budget is not None or e.employees is not None)
    )
    return Forecast(doc.name, doc.currency, year, budgets[0], budgets[1], lang, undated)
