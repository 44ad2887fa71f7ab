"""Flows between members and the combined budget (COORACE modules 2 and 4).

Three analyses over the flows in force at ``as_of`` (see ``docs/flows.md``):

- :func:`flow_matrix`: what each member pays each other member, by flow kind;
- :func:`balances`: each member's inflows, outflows and balance (all flows, and the part
  between members);
- :func:`combined_budget`: the members' budgets and headcounts summed, minus the flows between
  members (*eliminations*), by member, by sector and in total, with the eliminations listed.

Amounts are :class:`~decimal.Decimal` values rounded to the cent, in the document's
``currency`` (carried by every result), so that sums are exact. Every result is a frozen plain
object with ``to_text(lang)``, ``_repr_html_()``, ``to_dict()`` and, where pandas is installed,
``to_dataframe()``.

**How eliminations are attributed.** A flow is *internal* when both its ends are group members.
An internal flow is eliminated from the resources of the member that receives the money (the
payee, ``to``), in that member's line and its sector: the payee's budget counts it as a resource
and the payer's as a charge, and the combined budget keeps neither. Kinds that move capital
rather than resources (``loan``, ``treasury``, ``capital_contribution``) are not in a budget of
resources, so they are not eliminated; they are listed among the flows not eliminated. An
internal flow with no ``amount`` cannot be eliminated: it is listed, and the combined budget is
then an upper bound (``complete`` is False). Nor is a flow whose payee gives no ``budget`` (there
is nothing to remove it from). Headcounts are summed and never eliminated (a secondment moves
cost, not employees). A member without ``budget`` (or ``employees``) is left out of that sum and
named in ``missing_budget`` (``missing_employees``).

Examples:
    >>> from ges_graph.graph import GES
    >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
    ...     {"id": "a", "name": "Alpha", "form": "association", "budget": 1000, "employees": 5},
    ...     {"id": "b", "name": "Beta", "form": "sarl", "budget": 500.5, "employees": 3}],
    ...   "relations": [
    ...     {"type": "shareholding", "from": "a", "to": "b", "share": 100},
    ...     {"type": "flow", "kind": "management_fee", "from": "b", "to": "a", "amount": 100.25}]})
    >>> cb = combined_budget(ges)
    >>> cb.budget, cb.eliminated, cb.combined, cb.employees
    (Decimal('1500.50'), Decimal('100.25'), Decimal('1400.25'), 8)
    >>> [(m.member, m.combined) for m in cb.members]
    [('a', Decimal('899.75')), ('b', Decimal('500.50'))]
    >>> flow_matrix(ges).get("b", "a")
    Decimal('100.25')
    >>> balances(ges)["a"].balance
    Decimal('100.25')
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from typing import TYPE_CHECKING, Any

from ges_graph.errors import MissingDependencyError, UnknownEntityError
from ges_graph.i18n import Lang, Tr, check_lang, format_money
from ges_graph.model import Basis, Flow, FlowKind, Sector

if TYPE_CHECKING:
    import pandas as pd

    from ges_graph.graph import GES

__all__ = [
    "BALANCE_SHEET_KINDS",
    "Balances",
    "CombinedBudget",
    "Elimination",
    "FlowMatrix",
    "MemberBudget",
    "MemberFlows",
    "NotEliminated",
    "SectorBudget",
    "balances",
    "combined_budget",
    "flow_matrix",
    "flow_sentence",
    "is_free",
]

BALANCE_SHEET_KINDS = frozenset(k for k in FlowKind if k.is_balance_sheet)
"""Flow kinds that move capital, not resources: never eliminated from a budget."""


def is_free(flow: Flow) -> bool:
    """True when the flow is free: its basis is ``free`` or its amount is 0 (« gratuit »)."""
    return flow.basis is Basis.FREE or (flow.amount is not None and flow.amount == 0)


def flow_sentence(flow: Flow, names: Mapping[str, str], currency: str, lang: Lang = "fr") -> str:
    """The flow in words with both roles: who provides, who benefits, who pays what.

    Args:
        flow: the flow.
        names: how each party is named, by id (a name, or ``Name (id)``).
        currency: the document's currency.
        lang: ``fr`` or ``en``.

    Raises:
        UnknownLanguageError: ``lang`` is not a supported language.

    Examples:
        >>> f = Flow.model_validate({"type": "flow", "kind": "staff_secondment",
        ...     "from": "horizon", "to": "evolio", "amount": 45000})
        >>> names = {"horizon": "Horizon Environnement", "evolio": "Evolio"}
        >>> flow_sentence(f, names, "EUR")
        "Evolio met du personnel à disposition d'Horizon Environnement, qui paie 45 000 EUR"
        >>> free = Flow.model_validate({"type": "flow", "kind": "premises", "from": "horizon",
        ...     "to": "evolio", "basis": "free"})
        >>> flow_sentence(free, names, "EUR", "en")
        'Evolio lends premises to Horizon Environnement free of charge'
    """
    check_lang(lang)
    amount = None if flow.amount is None else format_money(flow.amount, currency, lang)
    provider, beneficiary = names[flow.provider], names[flow.beneficiary]
    return flow.kind.sentence(provider, beneficiary, amount, lang, free=is_free(flow))


_CENT = Decimal("0.01")
_ZERO = Decimal("0.00")


def _money(value: float) -> Decimal:
    """An amount as a Decimal rounded to the cent (from its shortest decimal writing)."""
    return Decimal(repr(value)).quantize(_CENT, rounding=ROUND_HALF_EVEN)


def _budget_of(value: float | None) -> Decimal | None:
    return None if value is None else _money(value)


def _pandas() -> Any:
    try:
        import pandas  # noqa: PLC0415 (optional, heavy: imported where used)
    except ImportError:  # pragma: no cover - depends on the environment
        raise MissingDependencyError("to_dataframe() needs pandas: pip install pandas") from None
    return pandas


def _members_in_order(ges: GES) -> list[str]:
    members = ges.control.members
    return [e.id for e in ges.document.entities if e.id in members]


def _flows(ges: GES) -> Iterator[tuple[str, Flow]]:
    for key, r in ges.relations_in_force():
        if isinstance(r, Flow):
            yield key, r


_WORDS: dict[str, Tr] = {
    "matrix": Tr("Flux entre membres", "Flows between members"),
    "none": Tr("aucun flux entre membres", "no flow between members"),
    "unpriced": Tr("flux sans montant", "flows without amount"),
    "balances": Tr("Flux par membre", "Flows by member"),
    "in": Tr("reçu", "received"),
    "out": Tr("versé", "paid"),
    "balance": Tr("solde", "balance"),
    "internal": Tr("dont entre membres", "of which between members"),
    "budget": Tr("Budget combiné", "Combined budget"),
    "member": Tr("membre", "member"),
    "sector": Tr("secteur", "sector"),
    "resources": Tr("budget", "budget"),
    "eliminated": Tr("éliminé", "eliminated"),
    "combined": Tr("combiné", "combined"),
    "employees": Tr("salariés", "employees"),
    "total": Tr("Total", "Total"),
    "eliminations": Tr("Éliminations", "Eliminations"),
    "not_eliminated": Tr("Flux non éliminés", "Flows not eliminated"),
    "missing_budget": Tr("Budget non indiqué", "Budget not given"),
    "missing_employees": Tr("Effectif non indiqué", "Headcount not given"),
    "incomplete": Tr(
        "incomplet : montants ou budgets manquants, le total est un majorant",
        "incomplete: amounts or budgets missing, the total is an upper bound",
    ),
    "sep": Tr(" : ", ": "),
    "payer": Tr("payeur", "payer"),
    "payee": Tr("destinataire", "payee"),
    "received_from_members": Tr("reçu des membres", "received from members"),
    "paid_to_members": Tr("versé aux membres", "paid to members"),
}


def _in(table: Mapping[str, Tr], lang: Lang) -> dict[str, str]:
    """Every text of ``table`` rendered in ``lang``."""
    return {key: text.render(lang) for key, text in table.items()}


_REASONS = {
    "balance_sheet": Tr("mouvement de capital, hors budget", "capital movement, not a resource"),
    "no_amount": Tr("montant non indiqué", "no amount given"),
    "no_budget": Tr("budget du bénéficiaire non indiqué", "the payee's budget is not given"),
}


def _table(caption: str, head: list[str], rows: list[list[str]]) -> str:
    e = html.escape
    th = "".join(f"<th>{e(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in rows)
    return (
        f'<table class="ges-flows"><caption>{e(caption)}</caption>'
        f"<thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"
    )


# --------------------------------------------------------------------------------------------
# The flow matrix
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FlowMatrix:
    """What each member pays each other member, by kind (flows in force, priced ones summed).

    Attributes:
        currency: the document's currency.
        members: the member ids, in document order.
        names: entity names by id.
        cells: ``(payer, payee, kind)`` → the sum of amounts.
        unpriced: keys of flows between members with no amount (not in ``cells``).
        free: the ``(payer, payee, kind)`` that hold a free flow (basis ``free`` or amount 0),
            priced or not: what a reader is told is « gratuit ».
    """

    currency: str
    members: tuple[str, ...]
    names: Mapping[str, str]
    cells: Mapping[tuple[str, str, FlowKind], Decimal]
    unpriced: tuple[str, ...]
    free: frozenset[tuple[str, str, FlowKind]] = frozenset()

    def get(self, payer: str, payee: str, kind: FlowKind | str | None = None) -> Decimal:
        """The amount ``payer`` pays ``payee`` (of one kind, or of every kind)."""
        if kind is not None:
            return self.cells.get((payer, payee, FlowKind(kind)), _ZERO)
        return sum((v for (a, b, _), v in self.cells.items() if a == payer and b == payee), _ZERO)

    @property
    def kinds(self) -> tuple[FlowKind, ...]:
        """The kinds present, in the format's order."""
        present = {k for _, _, k in self.cells}
        return tuple(k for k in FlowKind if k in present)

    @property
    def total(self) -> Decimal:
        """The sum of every flow between members."""
        return sum(self.cells.values(), _ZERO)

    def to_dict(self) -> dict[str, Any]:
        """Plain data: currency, members, and one item per (payer, payee, kind)."""
        return {
            "currency": self.currency,
            "members": list(self.members),
            "flows": [
                {"payer": a, "payee": b, "kind": k.value, "amount": float(v)}
                for (a, b, k), v in self.cells.items()
            ],
            "unpriced": list(self.unpriced),
        }

    def to_text(self, lang: Lang = "fr") -> str:
        """One line per (payer, payee, kind), then the flows without amount."""
        w = _in(_WORDS, lang)
        lines = [f"{w['matrix']} ({self.currency})"]
        if not self.cells:
            lines.append(f"  {w['none']}")
        for (a, b, k), v in self.cells.items():
            lines.append(
                f"  {self.names[a]} → {self.names[b]}, {k.label_in(lang)}{w['sep']}"
                f"{format_money(v, self.currency, lang)}"
            )
        if self.unpriced:
            lines.append(f"  {w['unpriced']}{w['sep']}{', '.join(self.unpriced)}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        kinds = self.kinds
        rows = []
        for a in self.members:
            for b in self.members:
                amounts = [self.cells.get((a, b, k)) for k in kinds]
                if any(x is not None for x in amounts):
                    rows.append(
                        [self.names[a], self.names[b]]
                        + [format_money(x, self.currency) if x is not None else "" for x in amounts]
                    )
        w = _in(_WORDS, "fr")
        caption = f"{w['matrix']} ({self.currency})"
        return _table(caption, [w["payer"], w["payee"], *(k.label_fr for k in kinds)], rows)

    def to_dataframe(self) -> pd.DataFrame:
        """A long table: one row per (payer, payee, kind) with the amount (needs pandas)."""
        pandas = _pandas()
        rows = [
            {"payer": a, "payee": b, "kind": k.value, "amount": float(v)}
            for (a, b, k), v in self.cells.items()
        ]
        frame: pd.DataFrame = pandas.DataFrame(rows, columns=["payer", "payee", "kind", "amount"])
        frame.attrs["currency"] = self.currency
        return frame


def flow_matrix(ges: GES) -> FlowMatrix:
    """The flows in force between members, summed by (payer, payee, kind).

    Examples:
        >>> from ges_graph.graph import GES
        >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
        ...     {"id": "a", "name": "A", "form": "association"},
        ...     {"id": "b", "name": "B", "form": "sarl"},
        ...     {"id": "x", "name": "X", "form": "public_body", "external": True}],
        ...   "relations": [
        ...     {"type": "flow", "kind": "service", "from": "a", "to": "b", "amount": 10},
        ...     {"type": "flow", "kind": "service", "from": "a", "to": "b", "amount": 5},
        ...     {"type": "flow", "kind": "premises", "from": "a", "to": "b"},
        ...     {"type": "flow", "kind": "subsidy", "from": "x", "to": "a", "amount": 99}]})
        >>> m = flow_matrix(ges)
        >>> m.get("a", "b", "service"), m.unpriced
        (Decimal('15.00'), ('relations[2]',))
        >>> free = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
        ...     {"id": "a", "name": "A", "form": "association"},
        ...     {"id": "b", "name": "B", "form": "sarl"}], "relations": [
        ...     {"type": "flow", "kind": "premises", "from": "a", "to": "b", "basis": "free"}]})
        >>> sorted(flow_matrix(free).free), flow_matrix(free).cells
        ([('a', 'b', <FlowKind.PREMISES: 'premises'>)], {})
    """
    members = _members_in_order(ges)
    inside = set(members)
    cells: dict[tuple[str, str, FlowKind], Decimal] = {}
    unpriced = []
    free = set()
    for key, f in _flows(ges):
        if f.from_ not in inside or f.to not in inside:
            continue
        if is_free(f):
            free.add((f.from_, f.to, f.kind))
        if f.amount is None:
            unpriced.append(key)
            continue
        cell = (f.from_, f.to, f.kind)
        cells[cell] = cells.get(cell, _ZERO) + _money(f.amount)
    order = {m: i for i, m in enumerate(members)}
    kinds = list(FlowKind)
    sorted_cells = dict(
        sorted(
            cells.items(), key=lambda kv: (order[kv[0][0]], order[kv[0][1]], kinds.index(kv[0][2]))
        )
    )
    names = {e.id: e.name for e in ges.document.entities}
    return FlowMatrix(
        ges.document.currency, tuple(members), names, sorted_cells, tuple(unpriced), frozenset(free)
    )


# --------------------------------------------------------------------------------------------
# Balances
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MemberFlows:
    """One member's flows in force (priced ones summed; unpriced ones counted).

    Attributes:
        member: the member's id.
        name: its name.
        inflow: what it receives, from anyone.
        outflow: what it pays, to anyone.
        internal_in: what it receives from other members.
        internal_out: what it pays other members.
        unpriced: how many of its flows give no amount.
    """

    member: str
    name: str
    inflow: Decimal
    outflow: Decimal
    internal_in: Decimal
    internal_out: Decimal
    unpriced: int

    @property
    def balance(self) -> Decimal:
        """``inflow - outflow``."""
        return self.inflow - self.outflow

    @property
    def internal_balance(self) -> Decimal:
        """``internal_in - internal_out``: what it gains from the rest of the group."""
        return self.internal_in - self.internal_out


@dataclass(frozen=True)
class Balances(Mapping[str, MemberFlows]):
    """Each member's inflows, outflows and balance, by member id in document order.

    Attributes:
        currency: the document's currency.
        members: one :class:`MemberFlows` per member.
    """

    currency: str
    members: tuple[MemberFlows, ...]

    def __getitem__(self, member: str) -> MemberFlows:
        for m in self.members:
            if m.member == member:
                return m
        raise UnknownEntityError(member)

    def __iter__(self) -> Iterator[str]:
        return (m.member for m in self.members)

    def __len__(self) -> int:
        return len(self.members)

    def _row(self, m: MemberFlows) -> dict[str, Any]:
        return {
            "member": m.member,
            "name": m.name,
            "inflow": float(m.inflow),
            "outflow": float(m.outflow),
            "balance": float(m.balance),
            "internal_in": float(m.internal_in),
            "internal_out": float(m.internal_out),
            "unpriced": m.unpriced,
        }

    def to_dict(self) -> dict[str, Any]:
        """Plain data: currency and one item per member."""
        return {"currency": self.currency, "members": [self._row(m) for m in self.members]}

    def to_text(self, lang: Lang = "fr") -> str:
        """One line per member: received, paid, balance, and the part between members."""
        w = _in(_WORDS, lang)
        c = self.currency
        lines = [f"{w['balances']} ({c})"]
        for m in self.members:
            lines.append(
                f"  {m.name} ({m.member}){w['sep']}{w['in']} {format_money(m.inflow, c, lang)}, "
                f"{w['out']} {format_money(m.outflow, c, lang)}, "
                f"{w['balance']} {format_money(m.balance, c, lang)} ({w['internal']}{w['sep']}"
                f"{w['in']} {format_money(m.internal_in, c, lang)}, "
                f"{w['out']} {format_money(m.internal_out, c, lang)})"
            )
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        c = self.currency
        rows = [
            [
                f"{m.name} ({m.member})",
                format_money(m.inflow, c),
                format_money(m.outflow, c),
                format_money(m.balance, c),
                format_money(m.internal_in, c),
                format_money(m.internal_out, c),
            ]
            for m in self.members
        ]
        w = _in(_WORDS, "fr")
        head = [w[k] for k in ("member", "in", "out", "balance")]
        head += [w["received_from_members"], w["paid_to_members"]]
        return _table(f"{w['balances']} ({c})", head, rows)

    def to_dataframe(self) -> pd.DataFrame:
        """One row per member, indexed by id (needs pandas)."""
        pandas = _pandas()
        frame: pd.DataFrame = pandas.DataFrame([self._row(m) for m in self.members])
        if not frame.empty:
            frame = frame.set_index("member")
        frame.attrs["currency"] = self.currency
        return frame


def balances(ges: GES) -> Balances:
    """Each member's inflows, outflows and balance over the flows in force.

    Examples:
        >>> from ges_graph.graph import GES
        >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
        ...     {"id": "a", "name": "A", "form": "association"},
        ...     {"id": "x", "name": "X", "form": "public_body", "external": True}],
        ...   "relations": [
        ...     {"type": "flow", "kind": "subsidy", "from": "x", "to": "a", "amount": 99}]})
        >>> b = balances(ges)["a"]
        >>> b.inflow, b.outflow, b.balance, b.internal_in
        (Decimal('99.00'), Decimal('0.00'), Decimal('99.00'), Decimal('0.00'))
    """
    members = _members_in_order(ges)
    inside = set(members)
    acc: dict[str, dict[str, Decimal]] = {m: defaultdict(lambda: _ZERO) for m in members}
    unpriced: dict[str, int] = defaultdict(int)
    for _, f in _flows(ges):
        internal = f.from_ in inside and f.to in inside
        for end, side in ((f.to, "in"), (f.from_, "out")):
            if end not in inside:
                continue
            if f.amount is None:
                unpriced[end] += 1
                continue
            amount = _money(f.amount)
            acc[end][side] += amount
            if internal:
                acc[end]["internal_" + side] += amount
    names = {e.id: e.name for e in ges.document.entities}
    return Balances(
        ges.document.currency,
        tuple(
            MemberFlows(
                m,
                names[m],
                acc[m]["in"],
                acc[m]["out"],
                acc[m]["internal_in"],
                acc[m]["internal_out"],
                unpriced[m],
            )
            for m in members
        ),
    )


# --------------------------------------------------------------------------------------------
# The combined budget
# --------------------------------------------------------------------------------------------


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
        reason: ``balance_sheet`` (a loan, treasury or capital contribution), ``no_amount`` or
            ``no_budget`` (the payee gives no budget).
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
    """The combined budget of one sector (members with a budget or headcount given)."""

    sector: Sector
    members: int
    budget: Decimal
    employees: int
    eliminated: Decimal

    @property
    def combined(self) -> Decimal:
        """``budget - eliminated``."""
        return self.budget - self.eliminated


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

    def sector(self, sector: Sector | str) -> SectorBudget:
        """The line of one sector."""
        wanted = Sector(sector)
        return next(s for s in self.sectors if s.sector is wanted)

    def to_dict(self) -> dict[str, Any]:
        """Plain data (amounts as numbers, in ``currency``)."""

        def num(d: Decimal | None) -> float | None:
            return None if d is None else float(d)

        return {
            "currency": self.currency,
            "budget": num(self.budget),
            "eliminated": num(self.eliminated),
            "combined": num(self.combined),
            "employees": self.employees,
            "complete": self.complete,
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
                    "budget": num(s.budget),
                    "employees": s.employees,
                    "eliminated": num(s.eliminated),
                    "combined": num(s.combined),
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
        for m in self.members:
            staff = "—" if m.employees is None else str(m.employees)
            lines.append(
                f"  {m.name} ({m.member}, {m.sector.label_in(lang)}){w['sep']}{w['resources']} "
                f"{money(m.budget)}, {w['eliminated']} {money(m.eliminated)}, {w['combined']} "
                f"{money(m.combined)}, {w['employees']} {staff}"
            )
        for s in self.sectors:
            if s.members:
                lines.append(
                    f"  {w['sector']} {s.sector.label_in(lang)}{w['sep']}{w['resources']} "
                    f"{money(s.budget)}, {w['eliminated']} {money(s.eliminated)}, "
                    f"{w['combined']} {money(s.combined)}, {w['employees']} {s.employees}"
                )
        lines.append(
            f"  {w['total']}{w['sep']}{w['resources']} {money(self.budget)}, {w['eliminated']} "
            f"{money(self.eliminated)}, {w['combined']} {money(self.combined)}, "
            f"{w['employees']} {self.employees}"
        )
        if self.eliminations:
            lines.append(f"{w['eliminations']} ({len(self.eliminations)})")
            for e in self.eliminations:
                lines.append(
                    f"  {e.key}{w['sep']}{e.payer} → {e.payee}, {e.kind.label_in(lang)}, "
                    f"{money(e.amount)}"
                )
        if self.not_eliminated:
            lines.append(f"{w['not_eliminated']} ({len(self.not_eliminated)})")
            for n in self.not_eliminated:
                amount = "" if n.amount is None else f", {money(n.amount)}"
                lines.append(
                    f"  {n.key}{w['sep']}{n.payer} → {n.payee}, {n.kind.label_in(lang)}"
                    f"{amount} ({n.explain(lang)})"
                )
        if self.missing_budget:
            lines.append(f"{w['missing_budget']}{w['sep']}{', '.join(self.missing_budget)}")
        if self.missing_employees:
            lines.append(f"{w['missing_employees']}{w['sep']}{', '.join(self.missing_employees)}")
        if not self.complete:
            lines.append(f"({w['incomplete']})")
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
                money(s.budget),
                money(s.eliminated),
                money(s.combined),
                str(s.employees),
            ]
            for s in self.sectors
            if s.members
        ]
        rows.append(
            [
                w["total"],
                "",
                money(self.budget),
                money(self.eliminated),
                money(self.combined),
                str(self.employees),
            ]
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
            )
        )
    return CombinedBudget(
        ges.document.currency, lines, tuple(sectors), tuple(eliminations), tuple(left)
    )
