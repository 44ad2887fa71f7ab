"""The flows section of the report page: the flows, the combined budget, the flows matrix."""

from __future__ import annotations

import datetime as dt

from ges_graph.flows import CombinedBudget, is_free
from ges_graph.graph import GES
from ges_graph.html_report._parts import TABLE_ROWS, _cut, _dates, _money, _name, _table
from ges_graph.html_report._text import _e
from ges_graph.i18n import Lang
from ges_graph.model import Flow
from ges_graph.report import SHOWN, subjects_text


def _agreement(flow: Flow, t: dict[str, str]) -> str:
    """A flow's written agreement: « oui », or « aucune connue ».

    ``agreement: false`` is also what a document that does not say gives: it means that no
    written agreement is known, not that there is none.
    """
    return _e(t["yes"] if flow.agreement else t["none_known_f"])


def _flow_dates(flow: Flow, t: dict[str, str], lang: Lang, as_of: dt.date | None) -> str:
    """A flow's year or dates, and « hors vigueur » as the relations' table says it."""
    said = _dates(flow, t, lang)
    if flow.year is not None:
        year = _e(t["year_of"].format(year=flow.year))
        said = year if not said else f"{year}, {said}"
    if not flow.in_force(as_of):
        said += f' <span class="out-of-force">({_e(t["in_force"])})</span>'
    return said


def _flows(ges: GES, t: dict[str, str], lang: Lang, budget: CombinedBudget | None) -> str:
    currency = ges.document.currency
    out = []
    rows = [
        [
            f"<code>{_e(key)}</code>",
            _e(r.kind.label_in(lang)),
            _name(ges, r.provider, t),
            _name(ges, r.beneficiary, t),
            _e(t["free"]) if is_free(r) else _money(r.amount, currency, lang),
            _e(r.basis.label_in(lang)),
            _agreement(r, t),
            _flow_dates(r, t, lang, ges.document.as_of),
        ]
        for key, r in ges.relations.items()
        if isinstance(r, Flow)
    ]
    if rows:
        head = [t["key"], t["kind"], t["provider"], t["beneficiary"], t["amount"], t["basis"]]
        head += [t["agreement"], t["dates"]]
        rows, more = _cut(rows, "flows", lang)
        out.append(_table(t["flows_table"], head, rows, numeric=[4], more=more))
    else:
        out.append(f"<p>{_e(t['no_flows'])}</p>")
    if budget is None:
        return "".join(out)
    member_rows = [
        [
            _name(ges, m.member, t),
            _e(m.sector.label_in(lang)),
            "—" if m.employees is None else _e(m.employees),
            _money(m.budget, currency, lang),
            _money(m.eliminated, currency, lang),
            _money(m.combined, currency, lang),
        ]
        for m in budget.members
    ]
    total, people, combined = budget.shown()  # « — » for a sum no member gives a figure to
    foot = [
        _e(t["total"]),
        "",
        "—" if people is None else _e(people),
        _money(total, currency, lang),
        _money(budget.eliminated, currency, lang),
        _money(combined, currency, lang),
    ]
    head = [t["member"], t["sector"], t["employees"], t["budget"], t["eliminated"], t["combined"]]
    member_rows, more = _cut(member_rows, "members", lang)  # the totals are of every member
    table = _table(t["budget_table"], head, member_rows, numeric=[2, 3, 4, 5], foot=foot, more=more)
    out.append(table)
    sector_rows = [
        [
            _e(s.sector.label_in(lang)),
            _e(s.members),
            "—" if (shown := s.shown())[1] is None else _e(shown[1]),
            _money(shown[0], currency, lang),
            _money(s.eliminated, currency, lang),
            _money(shown[2], currency, lang),
        ]
        for s in budget.sectors
    ]
    head = [t["sector"], t["members"], t["employees"], t["budget"], t["eliminated"], t["combined"]]
    out.append(_table(t["sector_table"], head, sector_rows, numeric=[1, 2, 3, 4, 5]))
    if budget.eliminations:
        out.append(f"<h3>{_e(t['eliminations'])}</h3><ul>")
        out += [
            f"<li>{_name(ges, x.payer, t)} → {_name(ges, x.payee, t)}, {_e(x.kind.label_in(lang))}"
            f"{t['sep']}{_money(x.amount, currency, lang)}</li>"
            for x in budget.eliminations[:TABLE_ROWS]
        ]
        out.append(_more_items(len(budget.eliminations), lang) + "</ul>")
    if budget.not_eliminated:
        out.append(f"<h3>{_e(t['not_eliminated'])}</h3><ul>")
        out += [
            f"<li>{_name(ges, x.payer, t)} → {_name(ges, x.payee, t)}, {_e(x.kind.label_in(lang))}"
            + ("" if x.amount is None else f"{t['sep']}{_money(x.amount, currency, lang)}")
            + f" — {_e(x.explain(lang))}</li>"
            for x in budget.not_eliminated[:TABLE_ROWS]
        ]
        out.append(_more_items(len(budget.not_eliminated), lang) + "</ul>")
    if budget.missing_budget:
        missing = tuple(budget.missing_budget)
        who = subjects_text(missing, SHOWN, lang, lambda m: _name(ges, m, t))
        out.append(f'<p class="note">{_e(t["incomplete_" + budget.bound])} {who}.</p>')
    elif budget.bound == "upper":
        out.append(f'<p class="note">{_e(t["incomplete_upper"])}</p>')
    return "".join(out)


def _more_items(count: int, lang: Lang) -> str:
    """The last item of a list of ``count`` flows cut at :data:`TABLE_ROWS`, or nothing."""
    _, more = _cut([[]] * count, "flows", lang)
    return f'<li class="more">{_e(more)}</li>' if more is not None else ""
