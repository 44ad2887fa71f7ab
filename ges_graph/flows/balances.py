"""Balances: each member's inflows, outflows and balance."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ges_graph.errors import UnknownEntityError
from ges_graph.flows._tables import _WORDS, _in, _table
from ges_graph.flows.reading import (
    _ZERO,
    _flows,
    _members_in_order,
    _money,
    _pandas,
)
from ges_graph.i18n import Lang, format_money

if TYPE_CHECKING:
    import pandas as pd

    from ges_graph.graph import GES

__all__ = ["Balances", "MemberFlows", "balances"]


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
