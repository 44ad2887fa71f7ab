"""Flows between members and the combined budget (COORACE modules 2 and 4).

Three analyses over the flows in force at ``as_of``, and a forecast (see ``docs/flows.md``):

- :func:`flow_matrix`: what each member pays each other member, by flow kind;
- :func:`balances`: each member's inflows, outflows and balance (all flows, and the part
  between members);
- :func:`combined_budget`: the members' budgets and headcounts summed, minus the flows between
  members (*eliminations*), by member, by sector and in total, with the eliminations listed;
- :func:`forecast` and :func:`compare_forecasts`: the members' ``accounts`` (resources, charges,
  result, headcount) for a year and the one before, or for two groups, with the same
  eliminations (:mod:`ges_graph.flows.forecast`, :mod:`ges_graph.flows.comparison`).

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

from ges_graph.flows.balances import Balances, MemberFlows, balances
from ges_graph.flows.budget import (
    CombinedBudget,
    Elimination,
    MemberBudget,
    NotEliminated,
    SectorBudget,
    combined_budget,
)
from ges_graph.flows.comparison import Comparison, compare_forecasts
from ges_graph.flows.forecast import (
    Change,
    Forecast,
    ForecastLine,
    MemberYear,
    YearBudget,
    forecast,
)
from ges_graph.flows.matrix import FlowMatrix, flow_matrix
from ges_graph.flows.reading import BALANCE_SHEET_KINDS, flow_sentence, is_free

__all__ = [
    "BALANCE_SHEET_KINDS",
    "Balances",
    "Change",
    "CombinedBudget",
    "Comparison",
    "Elimination",
    "FlowMatrix",
    "Forecast",
    "ForecastLine",
    "MemberBudget",
    "MemberFlows",
    "MemberYear",
    "NotEliminated",
    "SectorBudget",
    "YearBudget",
    "balances",
    "combined_budget",
    "compare_forecasts",
    "flow_matrix",
    "flow_sentence",
    "forecast",
    "is_free",
]
