"""Which flows count, and how their amounts are read: to the cent, as Decimal values."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import ROUND_HALF_EVEN, Decimal
from typing import TYPE_CHECKING, Any

from ges_graph.errors import MissingDependencyError
from ges_graph.i18n import Lang, check_lang
from ges_graph.model import Flow, FlowKind

if TYPE_CHECKING:
    from ges_graph.graph import GES

__all__ = ["BALANCE_SHEET_KINDS", "flow_sentence", "is_free"]

BALANCE_SHEET_KINDS = frozenset(k for k in FlowKind if k.is_balance_sheet)
"""Flow kinds that move capital, not resources: never eliminated from a budget."""


def is_free(flow: Flow) -> bool:
    """True when the flow is free: its basis is ``free`` or its amount is 0 (« gratuit »)."""
    return flow.free


def flow_sentence(flow: Flow, names: Mapping[str, str], currency: str, lang: Lang = "fr") -> str:
    """The flow in words with both roles: who provides, who benefits, who pays what.

    The same as :meth:`Flow.sentence <ges_graph.model.Flow.sentence>`.

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
        "Evolio met du personnel à disposition d'Horizon Environnement, qui paie 45 000 EUR par an"
        >>> free = Flow.model_validate({"type": "flow", "kind": "premises", "from": "horizon",
        ...     "to": "evolio", "basis": "free"})
        >>> flow_sentence(free, names, "EUR", "en")
        'Evolio lends premises to Horizon Environnement free of charge'
    """
    check_lang(lang)
    return flow.sentence(names, currency, lang)


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
