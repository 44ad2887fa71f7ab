"""The forecast budget as a table: rows of cells, lines of text, an HTML table.

One row per member (its own figures), the eliminations (taken off resources and charges), the
total (``sum of members - eliminations``), then one row per sector (« dont secteur marchand »);
for each of the two years its kind of accounts, resources, charges, result and headcount, then
the change. :meth:`Forecast.rows <ges_graph.flows.forecast.Forecast.rows>` feeds the command's
CSV and XLSX files and the report's table; cells are texts, :class:`~decimal.Decimal` amounts,
whole numbers (headcounts) or ``None`` (nothing to say).

Examples:
    >>> cell_text(Decimal("-1250.50"), "fr"), cell_text(None, "fr"), cell_text(3, "en")
    ('-1 250,50', '—', '3')
"""

from __future__ import annotations

import html as _html
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, TypeAlias, TypeVar

from ges_graph.errors import ArgumentError
from ges_graph.flows._tables import _REASONS, named
from ges_graph.i18n import (
    Lang,
    Tr,
    and_list,
    check_lang,
    format_amount,
    format_money,
    format_number,
)
from ges_graph.model import AccountKind

if TYPE_CHECKING:
    from ges_graph.flows.comparison import Comparison
    from ges_graph.flows.forecast import (
        Change,
        Forecast,
        ForecastLine,
        MemberYear,
        YearBudget,
    )

__all__ = [
    "Cell",
    "caption",
    "cell_text",
    "comparison_rows",
    "forecast_rows",
    "forecast_text",
    "html",
]

_N = TypeVar("_N", Decimal, int)

Cell: TypeAlias = "str | Decimal | int | None"
"""A cell of the table: a text, an amount, a headcount, or nothing."""

_W = {
    "title": Tr("Budget {kinds} {year} ({currency})", "{Kinds} budget {year} ({currency})"),
    "bare_title": Tr("Budget {year} ({currency})", "Budget {year} ({currency})"),
    "between_sectors": Tr(
        "{year} : {amount} de flux entre secteurs, retirés des ressources du secteur qui les "
        "reçoit et des charges du secteur qui les paie ; le résultat d'un secteur n'est donc pas "
        "celui de ses membres",
        "{year}: {amount} of flows between sectors, taken off the resources of the sector that "
        "receives them and the expenses of the sector that pays them; a sector's net result "
        "is therefore not its members' own",
    ),
    "undated": Tr(
        "Budget ou effectif sans exercice, non compté (à donner dans les comptes annuels du "
        "membre, sous la clé accounts, avec leur année)",
        "Budget or headcount without a year, not counted (give it in the member's annual "
        "accounts, under the accounts key, with their year)",
    ),
    "compare": Tr(
        "Budget {year} avant et après restructuration ({currency})",
        "Budget {year} before and after restructuring ({currency})",
    ),
    "line": Tr("Ligne", "Line"),
    "sector": Tr("Secteur", "Sector"),
    "kind": Tr("Nature {year}", "Kind {year}"),
    "resources": Tr("Ressources {year}", "Resources {year}"),
    "charges": Tr("Charges {year}", "Expenses {year}"),
    "result": Tr("Résultat {year}", "Net result {year}"),
    "employees": Tr("Effectif {year}", "Headcount {year}"),
    "d_resources": Tr("Variation des ressources", "Change in resources"),
    "d_charges": Tr("Variation des charges", "Change in expenses"),
    "d_result": Tr("Variation du résultat", "Change in net result"),
    "d_employees": Tr("Variation de l'effectif", "Change in headcount"),
    "before": Tr("Résultat avant", "Net result before"),
    "after": Tr("Résultat après", "Net result after"),
    "eliminations": Tr("Éliminations entre membres", "Eliminations between members"),
    "total": Tr("Total du groupe", "Group total"),
    "of_sector": Tr("dont secteur {sector}", "of which {sector} sector"),
    "words": Tr(
        "ressources {resources}, charges {charges}, résultat {result}, effectif {employees}",
        "resources {resources}, expenses {charges}, net result {result}, headcount {employees}",
    ),
    "no_account": Tr("aucun chiffre", "no figures"),
    "change": Tr("Variation", "Change"),
    "not_eliminated": Tr("Flux non éliminés", "Flows not eliminated"),
    "missing": Tr("Sans chiffres pour {year}", "No figures for {year}"),
    "incomplete": Tr(
        "incomplet ; des chiffres manquent, les totaux ne portent que sur ceux qui sont donnés",
        "incomplete; figures are missing, the totals count only those given",
    ),
    "no_result": Tr(
        "incomplet ; des chiffres manquent, les totaux ne portent que sur ceux qui sont donnés et "
        "le résultat du groupe n'est pas calculé",
        "incomplete; figures are missing, the totals count only those given and the group's "
        "net result is not computed",
    ),
}


def caption(
    kind: str, year: int, currency: str, lang: Lang, kinds: Sequence[AccountKind] = ()
) -> str:
    """The title of a table: ``kind`` is ``forecast`` or ``compare``.

    A forecast's title says what the year's accounts are, from ``kinds`` (:attr:`Forecast.nature
    <ges_graph.flows.forecast.Forecast.nature>`); when it is empty (no member gives an account
    for the year), the title says no kind.

    Raises:
        UnknownLanguageError: ``lang`` is not a supported language.
        ArgumentError: ``kind`` is neither.

    Examples:
        >>> caption("compare", 2026, "EUR", "fr")
        'Budget 2026 avant et après restructuration (EUR)'
        >>> caption("forecast", 2025, "EUR", "fr", [AccountKind.ACTUAL])
        'Budget réalisé 2025 (EUR)'
        >>> caption("forecast", 2026, "EUR", "en", [AccountKind.ACTUAL, AccountKind.FORECAST])
        'Actual and forecast budget 2026 (EUR)'
        >>> caption("forecast", 2025, "EUR", "fr")
        'Budget 2025 (EUR)'
    """
    check_lang(lang)
    if kind == "compare":
        return _W["compare"].format(lang, year=year, currency=currency)
    if kind != "forecast":
        raise ArgumentError(f"kind must be forecast or compare, not {kind!r}")
    if not kinds:
        return _W["bare_title"].format(lang, year=year, currency=currency)
    words = and_list([k.label_in(lang) for k in kinds], lang)
    capital = words[:1].upper() + words[1:]
    return _W["title"].format(lang, kinds=words, Kinds=capital, year=year, currency=currency)


def cell_text(value: object, lang: Lang) -> str:
    """A cell as text: amounts to the cent as ``lang`` writes them, ``—`` for nothing."""
    check_lang(lang)
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        return format_amount(value, lang)  # to the cent, as every amount is said
    if isinstance(value, int) and not isinstance(value, bool):
        return format_number(value, lang)
    return str(value)


def _header(years: tuple[int, int], lang: Lang) -> list[Cell]:
    head: list[Cell] = [_W["line"].render(lang), _W["sector"].render(lang)]
    for y in years:
        head += [_W[k].format(lang, year=y) for k in ("kind", "resources", "charges", "result")] + [
            _W["employees"].format(lang, year=y)
        ]
    return (
        head
        + [_W[k].render(lang) for k in ("d_resources", "d_charges", "d_result")]
        + [_W["d_employees"].render(lang)]
    )


def _member_cells(m: MemberYear, lang: Lang) -> list[Cell]:
    kind = None if m.kind is None else m.kind.label_in(lang)
    return [kind, m.resources, m.charges, m.result, m.employees]


def _line_cells(line: ForecastLine) -> list[Cell]:
    """A sum's cells: « — » for a figure none of its members gives (a sum of none is no 0)."""
    resources, charges, employees = line.given
    return [
        None,
        line.combined_resources if resources else None,
        line.combined_charges if charges else None,
        line.result,
        line.employees if employees else None,
    ]


def _change_cells(c: Change) -> list[Cell]:
    return [c.resources, c.charges, c.result, c.employees]


_FIGURES = ("resources", "charges", "result", "employees")


def _minus(a: _N | None, b: _N | None) -> _N | None:
    """``a - b``, or ``None`` when either is missing."""
    return None if a is None or b is None else a - b


def _row(*parts: Iterable[Cell]) -> list[Cell]:
    """The cells of ``parts``, one after the other."""
    return [cell for part in parts for cell in part]


def forecast_rows(f: Forecast, lang: Lang) -> list[list[Cell]]:
    """The forecast's table, a header row first (see the module's notes)."""
    check_lang(lang)
    rows = [_header((f.year - 1, f.year), lang)]
    for now, before in zip(f.current.members, f.previous.members, strict=True):
        title: list[Cell] = [f"{now.name} ({now.member})", now.sector.label_in(lang)]
        change = [_minus(getattr(now, k), getattr(before, k)) for k in _FIGURES]
        rows.append(_row(title, _member_cells(before, lang), _member_cells(now, lang), change))
    b, c, nil = f.previous.eliminated, f.current.eliminated, Decimal("0.00")
    rows.append(
        _row(
            [_W["eliminations"].render(lang), None],
            [None, -b, -b, nil, None],
            [None, -c, -c, nil, None],
            [b - c, b - c, nil, None],
        )
    )
    rows.append(
        _row(
            [_W["total"].render(lang), None],
            _line_cells(f.previous.total),
            _line_cells(f.current.total),
            _change_cells(f.change),
        )
    )
    for sector, line in f.current.sectors:
        prev = f.previous.sector(sector)
        title = [_W["of_sector"].format(lang, sector=sector.label_in(lang)), None]
        change = _change_cells(f.sector_change(sector))
        rows.append(_row(title, _line_cells(prev), _line_cells(line), change))
    return rows


def comparison_rows(c: Comparison, lang: Lang) -> list[list[Cell]]:
    """Before and after, by member then in total: result before, after, and the change."""
    check_lang(lang)
    head: list[Cell] = [_W["line"].render(lang), _W["sector"].render(lang)]
    head += [_W["before"].render(lang), _W["after"].render(lang), _W["d_result"].render(lang)]
    rows: list[list[Cell]] = [head]
    seen: list[MemberYear] = list(c.before.current.members)
    ids = {m.member for m in seen}
    seen += [m for m in c.after.current.members if m.member not in ids]
    after = {m.member: m for m in c.after.current.members}
    before = {m.member: m for m in c.before.current.members}
    for m in seen:
        a, b = after.get(m.member), before.get(m.member)
        row: list[Cell] = [f"{m.name} ({m.member})", m.sector.label_in(lang)]
        row += [None if b is None else b.result, None if a is None else a.result]
        row.append(_minus(None if a is None else a.result, None if b is None else b.result))
        rows.append(row)
    total: list[Cell] = [_W["total"].render(lang), None, c.before.current.result]
    total += [c.after.current.result, c.change.result]
    rows.append(total)
    return rows


def _year_words(budget: YearBudget, member: str, lang: Lang, currency: str) -> str:
    m = next(x for x in budget.members if x.member == member)
    if m.kind is None:
        return f"{budget.year}{Tr(' : ', ': ').render(lang)}{_W['no_account'].render(lang)}"
    money = _money(currency, lang)
    words = _W["words"].format(
        lang,
        resources=money(m.resources),
        charges=money(m.charges),
        result=money(m.result),
        employees=cell_text(m.employees, lang),
    )
    sep = Tr(" : ", ": ").render(lang)
    return f"{budget.year} ({m.kind.label_in(lang)}){sep}{words}"


def _money(currency: str, lang: Lang) -> Callable[[Decimal | None], str]:
    def money(value: Decimal | None) -> str:
        return "—" if value is None else format_money(value, currency, lang)  # to the cent

    return money


def forecast_text(f: Forecast, lang: Lang) -> str:
    """The forecast in lines of text: a line per member and per total, then what is missing."""
    check_lang(lang)
    money = _money(f.currency, lang)
    sep = Tr(" : ", ": ").render(lang)
    lines = [caption("forecast", f.year, f.currency, lang, f.nature) + f" — {f.name}"]
    for m in f.current.members:
        lines.append(f"  {m.name} ({m.member}, {m.sector.label_in(lang)})")
        for budget in (f.previous, f.current):
            lines.append(f"    {_year_words(budget, m.member, lang, f.currency)}")
    for title, budget_line in (
        (_W["eliminations"].render(lang), None),
        (_W["total"].render(lang), "total"),
    ):
        parts = []
        for budget in (f.previous, f.current):
            if budget_line is None:
                parts.append(f"{budget.year}{sep}{money(-budget.eliminated)}")
            else:
                line = budget.total
                parts.append(f"{budget.year}{sep}{_line_words(line, lang, f.currency)}")
        lines.append(f"  {title}{sep}" + Tr(" ; ", "; ").render(lang).join(parts))
    lines.append(f"  {_W['change'].render(lang)}{sep}{_change_words(f.change, lang, f.currency)}")
    names = {m.member: m.name for b in (f.previous, f.current) for m in b.members}
    for budget in (f.previous, f.current):
        lines += _notes(budget, lang, names, f.currency)
    if f.undated:
        lines.append(_W["undated"].render(lang) + sep + named(f.undated, names))
    return "\n".join(lines)


def _line_words(line: ForecastLine, lang: Lang, currency: str) -> str:
    money = _money(currency, lang)
    _, resources, charges, result, employees = _line_cells(line)  # « — » where none is given
    return _W["words"].format(
        lang,
        resources=money(resources),  # type: ignore[arg-type]
        charges=money(charges),  # type: ignore[arg-type]
        result=money(result),  # type: ignore[arg-type]
        employees=cell_text(employees, lang),
    )


def _change_words(c: Change, lang: Lang, currency: str) -> str:
    money = _money(currency, lang)
    return _W["words"].format(
        lang,
        resources=money(c.resources),
        charges=money(c.charges),
        result=money(c.result),
        employees=cell_text(c.employees, lang),
    )


def _notes(budget: YearBudget, lang: Lang, names: Mapping[str, str], currency: str) -> list[str]:
    sep = Tr(" : ", ": ").render(lang)
    out = []
    if budget.not_eliminated:
        out.append(f"{_W['not_eliminated'].render(lang)} ({budget.year})")
        for n in budget.not_eliminated:
            out.append(
                f"  {n.key}{sep}{named([n.payer], names)} → {named([n.payee], names)}, "
                f"{n.kind.label_in(lang)} "
                f"({_REASONS[n.reason].render(lang)})"
            )
    if budget.missing:
        out.append(
            _W["missing"].format(lang, year=budget.year) + sep + named(budget.missing, names)
        )
    if budget.between_sectors:
        amount = _money(currency, lang)(budget.between_sectors)  # to the cent, as the table
        out.append(f"({_W['between_sectors'].format(lang, year=budget.year, amount=amount)})")
    if not budget.complete:
        why = _W["incomplete" if budget.total.unfigured == 0 else "no_result"].render(lang)
        out.append(f"({budget.year}{sep}{why})")
    return out


def html(rows: list[list[Cell]], caption: str, lang: Lang) -> str:
    """The rows as an HTML table under ``caption``, amounts written as ``lang`` writes them."""
    check_lang(lang)
    e = _html.escape
    head = "".join(f"<th>{e(cell_text(c, lang))}</th>" for c in rows[0])
    body = "".join(
        "<tr>" + "".join(f"<td>{e(cell_text(c, lang))}</td>" for c in row) + "</tr>"
        for row in rows[1:]
    )
    return (
        f'<table class="ges-flows ges-forecast"><caption>{e(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )
