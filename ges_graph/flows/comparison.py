"""Two groups' budgets for one year, side by side: before and after a restructuring.

:func:`compare_forecasts` takes the group as it is and the group restructured (a plan applied,
``Plan.apply(ges)``, or any other group) and gives, for one year, each member's result before
and after, the group's, and the change. Figures the restructured document does not hold (the
charges of an entity the plan creates) are given as ``assumed``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ges_graph.errors import UnknownEntityError
from ges_graph.flows.forecast import Change, Forecast, change_of, forecast
from ges_graph.flows.forecast_table import _minus, caption, cell_text, comparison_rows, html
from ges_graph.i18n import Lang, check_lang
from ges_graph.model import Account

if TYPE_CHECKING:
    from ges_graph.graph import GES

__all__ = ["Comparison", "compare_forecasts"]


@dataclass(frozen=True)
class Comparison:
    """Two groups' budgets for one year: before and after a restructuring.

    Attributes:
        before: the forecast of the group as it is.
        after: the forecast of the group restructured.
    """

    before: Forecast
    after: Forecast

    @property
    def year(self) -> int:
        """The year compared."""
        return self.after.year

    @property
    def change(self) -> Change:
        """The group's change, ``after - before``, for the year (combined figures)."""
        a, b = self.after.current, self.before.current
        return Change(
            a.combined_resources - b.combined_resources,
            a.combined_charges - b.combined_charges,
            _minus(a.result, b.result),
            a.employees - b.employees,
        )

    def member_change(self, member: str) -> Change:
        """One member's change (``None`` figures where it is a member on one side only)."""
        a = next((m for m in self.after.current.members if m.member == member), None)
        b = next((m for m in self.before.current.members if m.member == member), None)
        if a is None and b is None:
            raise UnknownEntityError(member)
        return change_of(a, b)

    def rows(self, lang: Lang = "fr") -> list[list[str | Decimal | int | None]]:
        """The comparison as rows of cells, a header row first."""
        check_lang(lang)
        return comparison_rows(self, lang)

    def to_text(self, lang: Lang = "fr") -> str:
        """The comparison as aligned lines of text."""
        check_lang(lang)
        widths = [max(len(cell_text(r[i], lang)) for r in self.rows(lang)) for i in range(5)]
        return "\n".join(
            "  ".join(cell_text(c, lang).ljust(w) for c, w in zip(r, widths, strict=False)).rstrip()
            for r in self.rows(lang)
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain data: both forecasts and the change."""
        return {
            "year": self.year,
            "before": self.before.to_dict(),
            "after": self.after.to_dict(),
            "change": self.change.to_dict(),
        }

    def _repr_html_(self) -> str:
        a = self.after
        return html(self.rows(a.lang), caption("compare", a.year, a.currency, a.lang), a.lang)


def compare_forecasts(
    before: GES,
    after: GES,
    year: int,
    *,
    assumed: Mapping[str, Account] | None = None,
    lang: Lang = "fr",
) -> Comparison:
    """The result of ``year`` before and after a restructuring (a plan applied, say).

    Args:
        before: the group as it is.
        after: the group restructured (``Plan.apply(before)``, or any other group).
        year: the year compared.
        assumed: figures ``after``'s document does not hold, by member id (the charges of an
            entity the plan creates, new management fees are flows of ``after``).
        lang: the language of the result's notebook table.

    Raises:
        UnknownLanguageError: ``lang`` is not a supported language.
        ArgumentError: ``year`` is out of range.
        UnknownEntityError: an id of ``assumed`` is not an entity of ``after``.

    Examples:
        >>> from ges_graph.graph import GES
        >>> data = {"format": "ges-graph/1", "name": "G", "entities": [
        ...     {"id": "a", "name": "A", "form": "association", "accounts": [
        ...         {"year": 2026, "kind": "forecast", "resources": 100, "charges": 100}]}]}
        >>> before = GES.from_data(data)
        >>> after = GES.from_data({**data, "entities": [*data["entities"],
        ...     {"id": "h", "name": "H", "form": "sas"}], "relations": [
        ...     {"type": "shareholding", "from": "a", "to": "h", "share": 100},
        ...     {"type": "flow", "kind": "management_fee", "from": "a", "to": "h",
        ...      "amount": 10}]})
        >>> c = compare_forecasts(before, after, 2026,
        ...     assumed={"h": Account(year=2026, kind="forecast", resources=10, charges=8)})
        >>> c.change.result, c.member_change("h").result, c.after.current.eliminated
        (Decimal('2.00'), None, Decimal('10.00'))
    """
    check_lang(lang)
    return Comparison(
        forecast(before, year, lang=lang), forecast(after, year, assumed=assumed, lang=lang)
    )
