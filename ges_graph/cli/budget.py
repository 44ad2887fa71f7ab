r"""``ges-graph budget FILE --year YEAR``: the group's budget for a year and the one before.

Prints the table of :func:`ges_graph.flows.forecast` for people (or, with ``--json``, its plain
data), and writes it with ``--csv FILE`` (UTF-8 with a BOM, ``;`` between cells and the decimal
comma in French, ``,`` and the decimal point in English: what a spreadsheet of that language
opens by a double click) or ``--xlsx FILE`` (a workbook, numbers as numbers; needs openpyxl,
``pip install 'ges-graph[xlsx]'``). Files are written whole or not at all.

Examples:
    >>> from decimal import Decimal
    >>> print(csv_text([["ligne", "ressources"], ["=A", Decimal("1250.50")]], "fr")[1:], end="")
    ligne;ressources
    '=A;1250,50
"""

from __future__ import annotations

import argparse
import csv
import io
from decimal import Decimal
from typing import Any

from ges_graph.cli.output import (
    CANNOT_WRITE,
    EXIT_OK,
    EXIT_UNREADABLE,
    WRITTEN,
    Outcome,
    check_output,
    err,
    print_json,
    say,
)
from ges_graph.errors import os_reason
from ges_graph.i18n import Lang, Tr, check_lang

__all__ = ["cmd_budget", "csv_text", "workbook_bytes"]

_CSV_SEPARATOR = Tr(";", ",")
_SHEET = Tr("Budget {year}", "Budget {year}")
_NEEDS_OPENPYXL = Tr(
    "--xlsx demande openpyxl : pip install 'ges-graph[xlsx]'",
    "--xlsx needs openpyxl: pip install 'ges-graph[xlsx]'",
)
_DECIMAL_MARK = Tr(",", ".")
_BAD_YEAR = Tr(
    "--year : l'année {year} est hors de l'intervalle permis (de {low} à {high})",
    "--year: the year {year} is out of range (from {low} to {high})",
)


def _text_cell(value: object, lang: Lang) -> str:
    """A CSV cell: an amount with the decimal separator of ``lang``; a formula-like text quoted."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:.2f}".replace(".", _DECIMAL_MARK.render(lang))
    if isinstance(value, int):
        return str(value)
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_text(rows: list[list[Any]], lang: Lang = "fr") -> str:
    """The table as CSV text: a BOM, the separator and the decimal mark of ``lang``, CRLF."""
    check_lang(lang)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=_CSV_SEPARATOR.render(lang), lineterminator="\r\n")
    for row in rows:
        writer.writerow([_text_cell(c, lang) for c in row])
    return "\ufeff" + out.getvalue()


def workbook_bytes(rows: list[list[Any]], title: str) -> bytes:
    """The table as an ``.xlsx`` workbook: one sheet, amounts as numbers to the cent.

    Raises:
        ImportError: openpyxl is not installed.
    """
    import openpyxl  # noqa: PLC0415 (optional: imported where used)

    book = openpyxl.Workbook()
    sheet: Any = book.active
    sheet.title = title[:31]
    for row in rows:
        sheet.append([float(c) if isinstance(c, Decimal) else c for c in row])
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if isinstance(cell.value, float):
                cell.number_format = "#,##0.00"
    for cell in sheet[1]:
        cell.font = openpyxl.styles.Font(bold=True)
    sheet.freeze_panes = "C2"
    sheet.column_dimensions["A"].width = 36
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _write(path: str, data: bytes | str, lang: Lang) -> int:
    from ges_graph._files import write_atomic  # noqa: PLC0415 - --help needs none of it

    try:
        write_atomic(path, data)
    except OSError as exc:
        err(CANNOT_WRITE.format(lang, file=path, reason=os_reason(exc, lang)))
        return EXIT_UNREADABLE
    err(WRITTEN.format(lang, path=path))
    return EXIT_OK


def cmd_budget(args: argparse.Namespace) -> int:
    """``ges-graph budget FILE --year YEAR``: print the forecast table, write it as CSV or XLSX.

    Returns 0, or 2 when the document cannot be read, the year is out of range or a file
    cannot be written.
    """
    from ges_graph.cli.inputs import load_source, read_source  # noqa: PLC0415 - not for --help
    from ges_graph.flows import forecast  # noqa: PLC0415
    from ges_graph.model import YEAR_MAX, YEAR_MIN  # noqa: PLC0415

    lang: Lang = check_lang(args.lang)
    if not YEAR_MIN < args.year <= YEAR_MAX:
        err(_BAD_YEAR.format(lang, year=args.year, low=YEAR_MIN + 1, high=YEAR_MAX))
        return EXIT_UNREADABLE
    output = args.csv or args.xlsx
    if output is not None:
        refused = check_output(output, [args.file], lang)
        if refused is not None:
            err(refused)
            return EXIT_UNREADABLE
    ges = load_source(read_source(args.file, args.syntax, args.max_size), lang, args.max_size)
    if isinstance(ges, Outcome):
        for note in ges.notes:
            err(note)
        return ges.status
    table = forecast(ges, args.year, lang=lang)
    if args.json:
        print_json(table.to_dict())
    else:
        say(table.to_text(lang))
    if args.csv is not None:
        return _write(args.csv, csv_text(table.rows(lang), lang), lang)
    if args.xlsx is not None:
        try:
            data = workbook_bytes(table.rows(lang), _SHEET.format(lang, year=args.year))
        except ImportError:
            err(_NEEDS_OPENPYXL.render(lang))
            return EXIT_UNREADABLE
        return _write(args.xlsx, data, lang)
    return EXIT_OK
