"""Rules on accounts (module 4) (``rules.md``, "Accounts").

The consolidation thresholds are dated parameters: the document's ``as_of`` chooses them (the
latest when there is none). The combined budget is an analysis, not a rule: see
:mod:`ges_graph.flows`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping

from ges_graph.report import Severity
from ges_graph.rules.registry import Context, Hit, Money, Param, RuleFamily, const, rule

__all__ = ["RULES"]

F = RuleFamily.ACCOUNTS

TURNOVER = Param(
    "turnover",
    "EUR",
    "turnover threshold (sum of `budget`), exceeded strictly",
    ((None, 48_000_000), (dt.date(2025, 1, 1), 60_000_000)),
)
"""The consolidation turnover threshold: €48 M before 2025-01-01, €60 M from then."""

HEADCOUNT = const("headcount", 250, "employees", "headcount threshold, exceeded strictly")
"""The consolidation headcount threshold: 250 employees."""


@rule(
    "consolidation-duty",
    Severity.INFO,
    F,
    title=("Obligation de consolider les comptes", "Duty to consolidate accounts"),
    message=(
        "{company} contrôle par le capital {controlled} : l'ensemble dépasse {turnover} de "
        "chiffre d'affaires ({total}) et {headcount} salariés ({employees}), il doit établir des "
        "comptes consolidés (sauf s'il est lui-même compris dans une consolidation).",
        "{company} has capital control of {controlled}: together they exceed {turnover} of "
        "turnover ({total}) and {headcount} employees ({employees}), so it must publish "
        "consolidated accounts (unless it is itself included in a consolidation).",
    ),
    reference="C. com. L233-16, L233-17",
    fires_when="a company of G has capital control of other companies, and the set it forms "
    "with them (itself included) exceeds both the turnover threshold (sum of `budget`) and the "
    "headcount threshold (sum of `employees`), every figure being given: from `as_of` "
    "2025-01-01 (or with no `as_of`), €60 M and 250 employees; before, €48 M and 250. The "
    "thresholds are in euros: a document in another `currency` is not checked",
    params=(TURNOVER, HEADCOUNT),
)
def consolidation_duty(ctx: Context, p: Mapping[str, float]) -> Iterator[Hit]:
    """A company of G whose capital-controlled companies, with it, pass both thresholds."""
    if ctx.currency != "EUR":
        return  # the thresholds are in euros; no conversion is attempted
    control = ctx.control
    for c in ctx.in_document_order(ctx.members):
        if not ctx.entity(c).form.is_company:
            continue
        controlled = [
            x for x in control.capital_controlled(c) if x != c and ctx.entity(x).form.is_company
        ]
        if not controlled:
            continue
        group = [ctx.entity(x) for x in (c, *controlled)]
        budgets = [e.budget for e in group]
        heads = [e.employees for e in group]
        if any(b is None for b in budgets) or any(h is None for h in heads):
            continue
        total = sum(b for b in budgets if b is not None)
        employees = sum(h for h in heads if h is not None)
        if total > p["turnover"] and employees > p["headcount"]:
            ordered = ctx.in_document_order(controlled)
            yield Hit(
                (c, *ordered),
                {
                    "company": ctx.ent(c),
                    "controlled": ctx.ents(ordered),
                    "turnover": Money(p["turnover"], "EUR"),
                    "total": Money(total, ctx.currency),
                    "headcount": int(p["headcount"]),
                    "employees": employees,
                },
            )


RULES = (consolidation_duty,)
"""The rules of this family, in catalogue order."""
