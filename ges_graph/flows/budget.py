"""The combined budget: members' budgets and headcounts minus the flows between members."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from ges_graph.flows._tables import _REASONS, _WORDS, _in, _table, named
from ges_graph.flows.reading import (
    _ZERO,
    BALANCE_SHEET_KINDS,
    _budget_of,
    _flows,
    _members_in_order,
    _money,
    _pandas,
)
from ges_graph.i18n import Lang, check_lang, format_money
from ges_graph.model import FlowKind, Sector

if TYPE_CHECKING:
    import pandas as pd

    from ges_graph.graph import GES

__all__ = [
    "CombinedBudget",
    "Elimination",
    "MemberBudget",
    "NotEliminated",
    "SectorBudget",
    "combined_budget",
]


@dataclass(frozen=True)
class Elimination:
    """A flow between members removed from the payee's resources."""

    key: str
    payer: str
    payee: str
    kind: FlowKind
    amount: Decimal


@dataclass(frozen=True)
class NotEliminated:
    """A flow between members that could not be, or need not be, eliminated.

    Attributes:
        reason: ``balance_sheet`` (a loan, treasury or capital contribution), ``no_amount``,
            ``no_budget`` (the payee gives no budget), or in a forecast ``no_resources`` (the
            payee gives no resources for the year) or ``no_charges`` (the payer no charges).
    """

    key: str
    payer: str
    payee: str
    kind: FlowKind
    amount: Decimal | None
    reason: str

    def explain(self, lang: Lang = "fr") -> str:
        """The reason in words."""
        check_lang(lang)
        return _REASONS[self.reason].render(lang)


@dataclass(frozen=True)
class MemberBudget:
    """One member's line of the combined budget.

    Attributes:
        member: its id.
        name: its name.
        sector: its effective sector.
        budget: its budget (``None`` when not given).
        employees: its headcount (``None`` when not given).
        eliminated: the flows from other members removed from its resources.
    """

    member: str
    name: str
    sector: Sector
    budget: Decimal | None
    employees: int | None
    eliminated: Decimal

    @property
    def combined(self) -> Decimal | None:
        """``budget - eliminated`` (``None`` when the budget is not given)."""
        return None if self.budget is None else self.budget - self.eliminated


@dataclass(frozen=True)
class SectorBudget:
    """The combined budget of one sector: its members' figures, those given, summed.

    Attributes:
        sector: the sector.
        members: how many members are of it.
        budget: the sum of the budgets given (0 when none is: see ``budgets_given``).
        employees: the sum of the headcounts given (0 when none is).
        eliminated: the flows from other members removed from its members' resources.
        budgets_given: how many of its members give a budget (``None``: not counted, and then
            the sums are said as they are).
        employees_given: how many of its members give a headcount (likewise).
    """

    sector: Sector
    members: int
    budget: Decimal
    employees: int
    eliminated: Decimal
    budgets_given: int | None = None
    employees_given: int | None = None

    @property
    def combined(self) -> Decimal:
        """``budget - eliminated``."""
        return self.budget - self.eliminated

    def shown(self) -> tuple[Decimal | None, int | None, Decimal | None]:
        """(budget, employees, combined) as said to a reader, « — » where nothing is given.

        ``None`` for a sum that none of the sector's members gives a figure to; a sector without
        members sums to 0.

        Examples:
            >>> SectorBudget(Sector.MARCHAND, 2, Decimal(0), 0, Decimal(0), 0, 0).shown()
            (None, None, None)
            >>> SectorBudget(Sector.MIXTE, 0, Decimal(0), 0, Decimal(0)).shown()
            (Decimal('0'), 0, Decimal('0'))
        """
        none_budget = self.members > 0 and self.budgets_given == 0
        none_staff = self.members > 0 and self.employees_given == 0
        return (
            None if none_budget else self.budget,
            None if none_staff else self.employees,
            None if none_budget else self.combined,
        )


@dataclass(frozen=True)
class CombinedBudget:
    """The group's combined budget: members' budgets and headcounts minus internal flows.

    Attributes:
        currency: the document's currency.
        members: one line per member, in document order.
        sectors: one line per sector (marchand, non marchand, mixte), always all three.
        eliminations: the flows removed, in document order.
        not_eliminated: the flows between members left in, with the reason.
    """

    currency: str
    members: tuple[MemberBudget, ...]
    sectors: tuple[SectorBudget, ...]
    eliminations: tuple[Elimination, ...]
    not_eliminated: tuple[NotEliminated, ...]

    @property
    def budget(self) -> Decimal:
        """The sum of the members' budgets (those given)."""
        return sum((m.budget for m in self.members if m.budget is not None), _ZERO)

    @property
    def eliminated(self) -> Decimal:
        """The sum of the eliminations."""
        return sum((e.amount for e in self.eliminations), _ZERO)

    @property
    def combined(self) -> Decimal:
        """``budget - eliminated``: the group's resources from outside it."""
        return self.budget - self.eliminated

    @property
    def employees(self) -> int:
        """The sum of the members' headcounts (those given)."""
        return sum(m.employees for m in self.members if m.employees is not None)

    def shown(self) -> tuple[Decimal | None, int | None, Decimal | None]:
        """The group's (budget, employees, combined) as said to a reader, « — » where none given.

        ``None`` for a sum that no member gives a figure to (:meth:`SectorBudget.shown`).
        """
        none_budget = bool(self.members) and all(m.budget is None for m in self.members)
        none_staff = bool(self.members) and all(m.employees is None for m in self.members)
        return (
            None if none_budget else self.budget,
            None if none_staff else self.employees,
            None if none_budget else self.combined,
        )

    @property
    def missing_budget(self) -> tuple[str, ...]:
        """Members whose budget is not given."""
        return tuple(m.member for m in self.members if m.budget is None)

    @property
    def missing_employees(self) -> tuple[str, ...]:
        """Members whose headcount is not given."""
        return tuple(m.member for m in self.members if m.employees is None)

    @property
    def complete(self) -> bool:
        """True when every budget and every internal flow's amount is known."""
        return not self.missing_budget and not any(
            n.reason != "balance_sheet" for n in self.not_eliminated
        )

    @property
    def bound(self) -> Literal["exact", "lower", "upper", "unknown"]:
        """What the combined total is worth, given what is missing.

        ``exact`` when every budget and every internal flow's amount is given; ``lower`` when
        members give no budget (their resources are left out: the total is a *minorant*);
        ``upper`` when internal flows give no amount (they could not be taken off: a
        *majorant*); ``unknown`` when both, or when no member gives a budget.

        Examples:
            >>> from ges_graph.graph import GES
            >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
            ...     {"id": "a", "name": "A", "form": "association", "budget": 1000},
            ...     {"id": "b", "name": "B", "form": "sas"}], "relations": [
            ...     {"type": "shareholding", "from": "a", "to": "b", "share": 100}]})
            >>> combined_budget(ges).bound
            'lower'
        """
        missing_budget = set(self.missing_budget)
        # a flow without amount inflates the total only where its payee's budget counts it
        unamounted = any(
            n.reason == "no_amount" and n.payee not in missing_budget for n in self.not_eliminated
        )
        missing = bool(missing_budget)
        if missing and (unamounted or len(self.missing_budget) == len(self.members)):
            return "unknown"
        return "lower" if missing else "upper" if unamounted else "exact"

    def sector(self, sector: Sector | str) -> SectorBudget:
        """The line of one sector."""
        wanted = Sector(sector)
        return next(s for s in self.sectors if s.sector is wanted)

    def to_dict(self) -> dict[str, Any]:
        """Plain data (amounts as numbers, in ``currency``)."""

        def num(d: Decimal | None) -> float | None:
            return None if d is None else float(d)

        budget, employees, combined = self.shown()
        return {
            "currency": self.currency,
            "budget": num(budget),
            "eliminated": num(self.eliminated),
            "combined": num(combined),
            "employees": employees,
            "complete": self.complete,
            "bound": self.bound,
            "members": [
                {
                    "member": m.member,
                    "name": m.name,
                    "sector": m.sector.value,
                    "budget": num(m.budget),
                    "employees": m.employees,
                    "eliminated": num(m.eliminated),
                    "combined": num(m.combined),
                }
                for m in self.members
            ],
            "sectors": [
                {
                    "sector": s.sector.value,
                    "members": s.members,
                    "budget": num(s.shown()[0]),
                    "employees": s.shown()[1],
                    "eliminated": num(s.eliminated),
                    "combined": num(s.shown()[2]),
                    "budgets_given": s.budgets_given,
                    "employees_given": s.employees_given,
                }
                for s in self.sectors
            ],
            "eliminations": [
                {
                    "relation": e.key,
                    "payer": e.payer,
                    "payee": e.payee,
                    "kind": e.kind.value,
                    "amount": num(e.amount),
                }
                for e in self.eliminations
            ],
            "not_eliminated": [
                {
                    "relation": n.key,
                    "payer": n.payer,
                    "payee": n.payee,
                    "kind": n.kind.value,
                    "amount": num(n.amount),
                    "reason": n.reason,
                }
                for n in self.not_eliminated
            ],
            "missing_budget": list(self.missing_budget),
            "missing_employees": list(self.missing_employees),
        }

    def to_text(self, lang: Lang = "fr") -> str:
        """The budget by member, by sector and in total, then the eliminations."""
        w = _in(_WORDS, lang)
        c = self.currency

        def money(d: Decimal | None) -> str:
            return "—" if d is None else format_money(d, c, lang)

        lines = [f"{w['budget']} ({c})"]
        names = {m.member: m.name for m in self.members}
        for m in self.members:
            staff = "—" if m.employees is None else str(m.employees)
            lines.append(
                f"  {m.name} ({m.member}, {m.sector.label_in(lang)}){w['sep']}{w['resources']} "
                f"{money(m.budget)}, {w['eliminated']} {money(m.eliminated)}, {w['combined']} "
                f"{money(m.combined)}, {w['employees']} {staff}"
            )
        for s in self.sectors:
            if s.members:
                budget, people, combined = s.shown()
                lines.append(
                    f"  {w['sector']} {s.sector.label_in(lang)}{w['sep']}{w['resources']} "
                    f"{money(budget)}, {w['eliminated']} {money(s.eliminated)}, "
                    f"{w['combined']} {money(combined)}, {w['employees']} {_count(people)}"
                )
        budget, people, combined = self.shown()
        lines.append(
            f"  {w['total']}{w['sep']}{w['resources']} {money(budget)}, {w['eliminated']} "
            f"{money(self.eliminated)}, {w['combined']} {money(combined)}, "
            f"{w['employees']} {_count(people)}"
        )
        if self.eliminations:
            lines.append(f"{w['eliminations']} ({len(self.eliminations)})")
            for e in self.eliminations:
                lines.append(
                    f"  {e.key}{w['sep']}{named([e.payer], names)} → {named([e.payee], names)}, "
                    f"{e.kind.label_in(lang)}, "
                    f"{money(e.amount)}"
                )
        if self.not_eliminated:
            lines.append(f"{w['not_eliminated']} ({len(self.not_eliminated)})")
            for n in self.not_eliminated:
                amount = "" if n.amount is None else f", {money(n.amount)}"
                lines.append(
                    f"  {n.key}{w['sep']}{named([n.payer], names)} → {named([n.payee], names)}, "
                    f"{n.kind.label_in(lang)}"
                    f"{amount} ({n.explain(lang)})"
                )
        if self.missing_budget:
            lines.append(f"{w['missing_budget']}{w['sep']}{named(self.missing_budget, names)}")
        if self.missing_employees:
            lines.append(
                f"{w['missing_employees']}{w['sep']}{named(self.missing_employees, names)}"
            )
        if self.bound != "exact":  # the same as not complete
            lines.append(f"({w['incomplete_' + self.bound]})")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        c = self.currency
        w = _in(_WORDS, "fr")

        def money(d: Decimal | None) -> str:
            return "—" if d is None else format_money(d, c)

        rows = [
            [
                f"{m.name} ({m.member})",
                m.sector.label_fr,
                money(m.budget),
                money(m.eliminated),
                money(m.combined),
                "—" if m.employees is None else str(m.employees),
            ]
            for m in self.members
        ]
        rows += [
            [
                f"{w['sector']} {s.sector.label_fr}",
                "",
                money(s.shown()[0]),
                money(s.eliminated),
                money(s.shown()[2]),
                _count(s.shown()[1]),
            ]
            for s in self.sectors
            if s.members
        ]
        budget, staff, combined = self.shown()
        rows.append(
            [w["total"], "", money(budget), money(self.eliminated), money(combined), _count(staff)]
        )
        head = [w[k] for k in ("member", "sector", "resources", "eliminated", "combined")]
        head.append(w["employees"])
        return _table(f"{w['budget']} ({c})", head, rows)

    def to_dataframe(self) -> pd.DataFrame:
        """One row per member, indexed by id: sector, budget, employees, eliminated, combined."""
        pandas = _pandas()
        rows = [
            {
                "member": m.member,
                "name": m.name,
                "sector": m.sector.value,
                "budget": None if m.budget is None else float(m.budget),
                "employees": m.employees,
                "eliminated": float(m.eliminated),
                "combined": None if m.combined is None else float(m.combined),
            }
            for m in self.members
        ]
        frame: pd.DataFrame = pandas.DataFrame(
            rows,
            columns=["member", "name", "sector", "budget", "employees", "eliminated", "combined"],
        ).set_index("member")
        frame.attrs["currency"] = self.currency
        return frame


def _count(n: int | None) -> str:
    """A headcount as said: « — » when no figure is given."""
    return "—" if n is None else str(n)


def combined_budget(ges: GES) -> CombinedBudget:
    """The combined budget of the group (see the module's notes on eliminations).

    Examples:
        >>> from ges_graph.graph import GES
        >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
        ...     {"id": "a", "name": "A", "form": "association", "budget": 100},
        ...     {"id": "b", "name": "B", "form": "sarl", "budget": 50}],
        ...   "relations": [
        ...     {"type": "flow", "kind": "loan", "from": "a", "to": "b", "amount": 30},
        ...     {"type": "flow", "kind": "service", "from": "a", "to": "b"}]})
        >>> cb = combined_budget(ges)
        >>> cb.combined, [n.reason for n in cb.not_eliminated], cb.complete
        (Decimal('150.00'), ['balance_sheet', 'no_amount'], False)
    """
    members = _members_in_order(ges)
    inside = set(members)
    entities = {e.id: e for e in ges.document.entities}
    eliminations: list[Elimination] = []
    left: list[NotEliminated] = []
    received: dict[str, Decimal] = defaultdict(lambda: _ZERO)
    for key, f in _flows(ges):
        if f.from_ not in inside or f.to not in inside:
            continue
        amount = None if f.amount is None else _money(f.amount)
        reason = None
        if f.kind in BALANCE_SHEET_KINDS:
            reason = "balance_sheet"
        elif amount is None:
            reason = "no_amount"
        elif entities[f.to].budget is None:
            reason = "no_budget"
        if reason is not None or amount is None:
            left.append(NotEliminated(key, f.from_, f.to, f.kind, amount, reason or "no_amount"))
            continue
        eliminations.append(Elimination(key, f.from_, f.to, f.kind, amount))
        received[f.to] += amount
    lines = tuple(
        MemberBudget(
            m,
            entities[m].name,
            entities[m].effective_sector,
            _budget_of(entities[m].budget),
            entities[m].employees,
            received[m],
        )
        for m in members
    )
    sectors = []
    for sector in Sector:
        of = [m for m in lines if m.sector is sector]
        sectors.append(
            SectorBudget(
                sector,
                len(of),
                sum((m.budget for m in of if m.budget is not None), _ZERO),
                sum(m.employees for m in of if m.employees is not None),
                sum((m.eliminated for m in of), _ZERO),
                sum(m.budget is not None for m in of),
                sum(m.employees is not None for m in of),
            )
        )
    return CombinedBudget(
        ges.document.currency, lines, tuple(sectors), tuple(eliminations), tuple(left)
    )
