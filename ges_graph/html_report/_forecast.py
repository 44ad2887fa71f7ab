"""The forecast section of the report page: the budget of a year and the one before.

Shown when a member of the group gives ``accounts``: the year is the latest one an account
gives (a forecast, usually), and the table is :meth:`Forecast.rows
<ges_graph.flows.forecast.Forecast.rows>`: by member, the eliminations, the total, by sector,
with the change from one year to the next.
"""

from __future__ import annotations

from ges_graph.errors import GESError
from ges_graph.flows import Forecast, forecast
from ges_graph.flows.forecast_table import cell_text
from ges_graph.graph import GES
from ges_graph.html_report._parts import _missing, _name, _table
from ges_graph.html_report._text import _e
from ges_graph.i18n import Lang, Tr, and_list, format_money
from ges_graph.model import YEAR_MIN, AccountKind
from ges_graph.report import SHOWN, subjects_text

__all__ = ["forecast_year"]


def forecast_year(ges: GES) -> int | None:
    """The year the page shows: the latest year of a member's accounts (None without any).

    The first possible year has no year before it inside the format's range: it is not shown.
    """
    members = ges.control.members
    years = [a.year for e in ges.document.entities if e.id in members for a in e.accounts]
    latest = max(years, default=None)
    return latest if latest is not None and latest > YEAR_MIN else None


def _forecast_section(ges: GES, t: dict[str, str], lang: Lang, year: int) -> tuple[str, str]:
    """The section's title, then the table of ``year`` and the year before and what it leaves out.

    The title says what the year's accounts are (« Budget prévisionnel », « Budget réalisé »);
    a forecast that cannot be made becomes a notice saying why.
    """
    try:
        f = forecast(ges, year, lang=lang)
    except GESError as exc:
        return t["forecast"], _missing(t, t["forecast"], str(exc))
    words = and_list([k.label_in(lang) for k in f.nature or (AccountKind.FORECAST,)], lang)
    heading = t["budget_heading"].format(kinds=words, Kinds=words[:1].upper() + words[1:])
    return heading, _forecast_body(ges, f, t, lang, year)


def _forecast_body(ges: GES, f: Forecast, t: dict[str, str], lang: Lang, year: int) -> str:
    rows = f.rows(lang)
    head = [cell_text(c, lang) for c in rows[0]]
    body = [[_e(cell_text(c, lang)) for c in row] for row in rows[1:]]
    numeric = [i for i in range(len(head)) if i not in (0, 1, 2, 7)]
    caption = t["forecast_table"].format(year=year, currency=f.currency)
    out = [_table(caption, head, body, numeric=numeric)]
    if not (f.previous.complete and f.current.complete):
        unknown = f.previous.result is None or f.current.result is None
        note = t["forecast_no_result" if unknown else "forecast_incomplete"]
        out.append(f'<p class="note">{_e(note)}</p>')
    crossing = [b for b in (f.previous, f.current) if b.between_sectors]
    if crossing:
        amounts = (
            Tr(" ; ", "; ")
            .render(lang)
            .join(
                f"{b.year}{t['sep']}{format_money(b.between_sectors, f.currency, lang)}"
                for b in crossing
            )
        )
        note = t["forecast_between_sectors"].format(amounts=amounts)
        out.append(f'<p class="note">{_e(note)}</p>')
    missing = [m.member for m in f.current.members if m.member in f.previous.missing]
    missing += [m for m in f.current.missing if m not in missing]
    if missing:
        who = subjects_text(tuple(missing), SHOWN, lang, lambda m: _name(ges, m, t))
        out.append(f'<p class="note">{_e(t["forecast_missing"])}{t["sep"]}{who}.</p>')
    return "".join(out)
