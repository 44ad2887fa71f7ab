"""The flow matrix: what each member pays each other member, by kind."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ges_graph.flows._tables import _WORDS, _in, _table
from ges_graph.flows.reading import (
    _ZERO,
    _flows,
    _members_in_order,
    _money,
    _pandas,
    is_free,
)
from ges_graph.i18n import Lang, format_money
from ges_graph.model import FlowKind

if TYPE_CHECKING:
    import pandas as pd

    from ges_graph.graph import GES

__all__ = ["FlowMatrix", "flow_matrix"]


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
