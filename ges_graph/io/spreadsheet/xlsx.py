"""Workbooks (``.xlsx``), read safely and written for people, with openpyxl (``ges-graph[xlsx]``).

Reading refuses, before openpyxl parses anything: a file over the size limit; a macro-enabled
workbook (``.xlsm``, ``.xltm``, ``.xlam``, or a file whose content types or parts say macros); a
file that is not a zip archive; parts whose uncompressed size passes ten times the size limit (a
zip bomb: Python's zip reader never inflates a part past its declared size); an XML part with a
document type declaration (where entity bombs live). Then a cell holding a formula is refused
where it is: a formula is never evaluated, and its cached value is not read either (it may be
stale, or forged), so that what is loaded is what the cells say.

Texts keep every character: those a workbook's XML cannot hold (control characters, and the
carriage return, which XML turns into a line feed) are written ``_x000D_``, the escape of the
format that Excel reads and writes too.

Writing gives a workbook a person can fill: a bold, frozen header row with a comment on each
header that says what the column holds, sensible widths, drop-down lists (from a hidden sheet
*Listes*) of the French or English labels of every closed vocabulary, and the text columns
formatted as text (so that a SIREN typed there keeps its leading zero).
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from pathlib import Path
from typing import Any

from ges_graph.errors import ErrorDetail, LoadError, MissingDependencyError, os_reasons
from ges_graph.i18n import Lang, Tr, check_lang
from ges_graph.io.source import _too_large
from ges_graph.io.spreadsheet.cells import Cell, Grid, document_of, letter
from ges_graph.io.spreadsheet.layout import GROUP, LISTS, SHEETS, Column, Sheet, Vocab, fold
from ges_graph.io.spreadsheet.rows import NO, YES, to_grids
from ges_graph.model import Document, RelationType

__all__ = [
    "MACRO_SUFFIXES",
    "UNCOMPRESSED_RATIO",
    "escape",
    "read_workbook",
    "unescape",
    "workbook_bytes",
]

MACRO_SUFFIXES = (".xlsm", ".xltm", ".xlam")
"""Suffixes of macro-enabled workbooks, refused."""
UNCOMPRESSED_RATIO = 10
"""A workbook's parts, uncompressed, may hold at most this many times the size limit."""
_TEXT_ROWS = 1000
"""Rows below the last one written that offer the drop-down lists, ready to fill."""
_CHUNK = 1 << 16

_MACROS = Tr(
    "classeur avec macros refusé (les macros ne sont jamais lues ni exécutées)",
    "macro-enabled workbook refused (macros are never read nor run)",
)
_NO_MACROS = Tr("un classeur .xlsx sans macros", "an .xlsx workbook without macros")
_NOT_A_WORKBOOK = Tr("le fichier n'est pas un classeur .xlsx", "the file is not an .xlsx workbook")
_BOMB = Tr(
    "le classeur décompressé dépasse la taille maximale ({size} octets)",
    "the workbook, uncompressed, is larger than the size limit ({size} bytes)",
)
_AT_MOST = Tr("au plus {limit} octets une fois décompressé", "at most {limit} bytes uncompressed")
_DOCTYPE = Tr(
    "déclaration de type de document XML refusée dans la partie {part}",
    "XML document type declaration refused in part {part}",
)
_UNREADABLE = Tr("classeur illisible : {reason}", "unreadable workbook: {reason}")
_FORMULA = Tr(
    "formule refusée : elle n'est jamais calculée ; saisir sa valeur",
    "formula refused: it is never evaluated; type its value",
)
_A_VALUE = Tr("une valeur saisie", "a typed value")
_UNKNOWN_SHEET = Tr("feuille inconnue « {name} »", "unknown sheet '{name}'")
_MISSING_SHEET = Tr("feuille « {name} » absente", "missing sheet '{name}'")
_SHEETS = Tr(
    "les feuilles Groupe, Entités, Relations, Flux et Comptes",
    "the sheets Group, Entities, Relations, Flows, Accounts",
)
_OUTSIDE = Tr(
    "Valeur hors de la liste : elle est lue si c'est un code du format.",
    "A value outside the list: it is read if it is a code of the format.",
)
_AUTHOR = "ges-graph"
_DATE_FORMAT = Tr("DD/MM/YYYY", "YYYY-MM-DD")
"""How a date cell shows its date (a spreadsheet's format code)."""


_RAW = re.compile(r"[\x00-\x08\x0b-\x1f\ufffe\uffff]")
"""What a workbook's XML cannot hold as it is (a carriage return it would turn into ``\n``)."""
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


def escape(text: str) -> str:
    r"""A text as a workbook holds it: control characters as ``_xHHHH_``, as Excel writes them.

    A text that holds such an escape already gets its underscore escaped (``_x005F_``), so that
    :func:`unescape` gives back the text as it was.

    Examples:
        >>> escape("a\rb"), escape("_x0041_")
        ('a_x000D_b', '_x005F_x0041_')
        >>> unescape(escape("a\x01_x0041_\r\n")) == "a\x01_x0041_\r\n"
        True
    """
    text = re.sub(r"_(?=x[0-9A-Fa-f]{4}_)", "_x005F_", text)
    return _RAW.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


def unescape(text: str) -> str:
    """A text as a workbook holds it, read back (see :func:`escape`)."""
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)


def _openpyxl() -> Any:
    try:
        import openpyxl  # noqa: PLC0415 (optional: imported where used)
        import openpyxl.comments  # noqa: PLC0415
        import openpyxl.styles  # noqa: PLC0415
        import openpyxl.worksheet.datavalidation  # noqa: PLC0415
    except ImportError:  # pragma: no cover - depends on the environment
        raise MissingDependencyError(
            "workbooks (.xlsx) need openpyxl: pip install 'ges-graph[xlsx]'"
        ) from None
    return openpyxl


def _error(
    file: str,
    where: str,
    message: str | Tr,
    value: Any = None,
    expected: Tr | None = None,
    kind: str = "workbook",
) -> LoadError:
    text = message if isinstance(message, Tr) else Tr(message, message)
    return LoadError(
        file,
        [
            ErrorDetail(
                where,
                text.en,
                value,
                expected.en if expected else None,
                type=kind,
                message_fr=text.fr,
                expected_fr=expected.fr if expected else None,
            )
        ],
    )


# -- reading ------------------------------------------------------------------------------------


def _check_archive(data: io.BytesIO, file: str, max_size: int) -> None:
    """Refuse what is not a plain workbook before openpyxl parses it (see the module)."""
    try:
        archive = zipfile.ZipFile(data)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _error(
            file, "", _NOT_A_WORKBOOK, expected=_NO_MACROS, kind="not_a_workbook"
        ) from None
    with archive:
        parts = archive.infolist()
        total = sum(part.file_size for part in parts)
        limit = max_size * UNCOMPRESSED_RATIO
        if total > limit:
            raise _error(
                file,
                "",
                Tr(_BOMB.fr.format(size=total), _BOMB.en.format(size=total)),
                None,
                Tr(_AT_MOST.fr.format(limit=limit), _AT_MOST.en.format(limit=limit)),
                "too_large",
            )
        names = [part.filename for part in parts]
        types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
        if b"macroEnabled" in types or any(n.lower().endswith("vbaproject.bin") for n in names):
            raise _error(file, "", _MACROS, expected=_NO_MACROS, kind="macros")
        for part in parts:
            if part.filename.lower().endswith((".xml", ".rels", ".vml")):
                _check_xml(archive, part.filename, file)


def _check_xml(archive: zipfile.ZipFile, name: str, file: str) -> None:
    tail = b""
    with archive.open(name) as stream:
        while chunk := stream.read(_CHUNK):
            if b"<!DOCTYPE" in tail + chunk or b"<!ENTITY" in tail + chunk:
                raise _error(
                    file,
                    "",
                    Tr(_DOCTYPE.fr.format(part=name), _DOCTYPE.en.format(part=name)),
                    kind="doctype",
                )
            tail = chunk[-16:]


def _sheet_of(name: str) -> Sheet | None:
    return next((s for s in SHEETS if fold(name) in (fold(s.name.fr), fold(s.name.en))), None)


def _is_percent_cell(cell: Any, value: object) -> bool:
    """Whether a cell holds a number shown as a percentage (its format has ``%``).

    Examples:
        >>> class C: number_format = "0%"
        >>> _is_percent_cell(C(), 0.6), _is_percent_cell(C(), True), _is_percent_cell(C(), "x")
        (True, False, False)
        >>> class Literal: number_format = '0" %"'
        >>> _is_percent_cell(Literal(), 60)  # shown « 60 % », stored 60: no scaling
        False
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    shown = str(getattr(cell, "number_format", "") or "")
    # a « % » between quotes or after a backslash is text (0" %"): the number is not scaled
    return "%" in _LITERALS.sub("", shown)


_LITERALS = re.compile(r'"[^"]*"|\\.')
"""The literal parts of a number format: quoted text, and a character after a backslash."""


def _grid(worksheet: Any, sheet: Sheet, errors: list[ErrorDetail]) -> Grid:
    rows: list[tuple[int, list[Cell]]] = []
    for number, row in enumerate(worksheet.iter_rows(), 1):
        cells: list[Cell] = []
        for i, cell in enumerate(row, 1):
            if getattr(cell, "data_type", None) == "f":
                where = f"{worksheet.title}!{letter(i)}{number}"
                errors.append(
                    ErrorDetail(
                        where,
                        _FORMULA.en,
                        cell.value,
                        _A_VALUE.en,
                        type="formula",
                        message_fr=_FORMULA.fr,
                        expected_fr=_A_VALUE.fr,
                    )
                )
                cells.append(None)
            else:
                value = cell.value
                if isinstance(value, str):
                    value = unescape(value)
                elif _is_percent_cell(cell, value):
                    # « 60 % » typed in a cell: the spreadsheet stores 0.6 and shows 60 %; the
                    # format's percentages are the figures shown (60), never the fraction.
                    value = round(value * 100, 9)
                cells.append(value)
        while cells and cells[-1] in (None, ""):
            cells.pop()
        if cells:
            rows.append((number, cells))
    return Grid(sheet, worksheet.title, rows)


def read_workbook(path: str | os.PathLike[str], max_size: int) -> Document:
    """The document a workbook holds (see the module for what is refused).

    Raises:
        LoadError: the file is refused, or its cells do not hold a valid document.
        MissingDependencyError: openpyxl is not installed.
    """
    file = str(path)
    if Path(file).suffix.lower() in MACRO_SUFFIXES:
        raise _error(file, "", _MACROS, Path(file).suffix, _NO_MACROS, "macros")
    try:
        with open(path, "rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            if size > max_size:
                raise LoadError(file, [_too_large(size, max_size)])
            data = io.BytesIO(stream.read(size + 1))
    except OSError as exc:
        why = os_reasons(exc)
        message = Tr(f"lecture du fichier impossible : {why.fr}", f"cannot read the file: {why.en}")
        raise _error(file, "", message, kind="io") from None
    _check_archive(data, file, max_size)
    openpyxl = _openpyxl()
    book = None
    try:  # openpyxl raises many kinds of error on a broken file, some while reading the rows
        book = openpyxl.load_workbook(data, read_only=True, data_only=False, keep_links=False)
        grids = _grids(book, file)
        epoch = book.epoch  # 30/12/1899, or 01/01/1904 in a workbook of the 1904 date system
    except LoadError:
        raise
    except Exception as exc:
        reason = str(exc) or type(exc).__name__
        message = Tr(_UNREADABLE.fr.format(reason=reason), _UNREADABLE.en.format(reason=reason))
        raise _error(file, "", message, kind="not_a_workbook") from None
    finally:
        if book is not None:
            book.close()
    return document_of(grids, file, epoch)


def _grids(book: Any, file: str) -> dict[str, Grid]:
    grids: dict[str, Grid] = {}
    errors: list[ErrorDetail] = []
    for worksheet in book.worksheets:
        sheet = _sheet_of(worksheet.title)
        if fold(worksheet.title) in (fold(LISTS.fr), fold(LISTS.en)):
            continue
        if sheet is None or sheet.key in grids:
            name = worksheet.title
            message = Tr(_UNKNOWN_SHEET.fr.format(name=name), _UNKNOWN_SHEET.en.format(name=name))
            errors.append(
                ErrorDetail(
                    name,
                    message.en,
                    name,
                    _SHEETS.en,
                    type="unknown_sheet",
                    message_fr=message.fr,
                    expected_fr=_SHEETS.fr,
                )
            )
            continue
        grids[sheet.key] = _grid(worksheet, sheet, errors)
    for sheet in SHEETS[:2]:
        if sheet.key not in grids:
            name = sheet.name.fr
            message = Tr(_MISSING_SHEET.fr.format(name=name), _MISSING_SHEET.en.format(name=name))
            errors.append(
                ErrorDetail(
                    "",
                    message.en,
                    None,
                    _SHEETS.en,
                    type="missing_sheet",
                    message_fr=message.fr,
                    expected_fr=_SHEETS.fr,
                )
            )
    if errors:
        raise LoadError(file, errors)
    return grids


# -- writing ------------------------------------------------------------------------------------


def workbook_bytes(document: Document, lang: Lang) -> bytes:
    """The document as a workbook to fill in (see the module), in ``lang``.

    Raises:
        MissingDependencyError: openpyxl is not installed.
    """
    check_lang(lang)
    openpyxl = _openpyxl()
    book = openpyxl.Workbook()
    book.remove(book.active)
    grids = to_grids(document, "xlsx", lang)
    lists = book.create_sheet(LISTS.render(lang))
    choices = _fill_lists(lists, grids, lang)
    for sheet, rows in grids:
        worksheet = book.create_sheet(sheet.name.render(lang))
        _fill(worksheet, rows, lang)
        if sheet is GROUP:
            _dress_group(worksheet, openpyxl, len(rows))
        else:
            _dress(worksheet, sheet, openpyxl, len(rows), lang, choices)
    book.move_sheet(lists, offset=len(grids))
    lists.sheet_state = "hidden"
    book.active = 0
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _fill(worksheet: Any, rows: list[list[Cell]], lang: Lang) -> None:
    dates = _DATE_FORMAT.render(lang)
    for r, row in enumerate(rows, 1):
        for c, value in enumerate(row, 1):
            if value is None:
                continue
            cell = worksheet.cell(r, c)
            cell.value = escape(value) if isinstance(value, str) else value
            if isinstance(value, str):
                cell.data_type = "s"  # a text, even one that starts with "="
            elif not isinstance(value, int | float):
                cell.number_format = dates


_NOT_OFFERED = frozenset({RelationType.FLOW})
"""Not in a drop-down list: the relations' *type* column cannot hold a flow (its sheet has no
column for a flow's kind or amount: flows go in the *Flux* sheet)."""


def _fill_lists(
    lists: Any, grids: list[tuple[Sheet, list[list[Cell]]]], lang: Lang
) -> dict[Any, str]:
    """Each vocabulary's labels in a column of the hidden sheet; the range of each, by key."""
    titles: dict[Vocab, str] = {}  # each vocabulary, titled by the first column that reads it
    for sheet, _ in grids:
        for column in sheet.columns:
            if column.vocabulary is not None:
                titles.setdefault(column.vocabulary, column.header.render(lang))
    out: dict[Any, str] = {}
    columns: list[tuple[Any, str, list[str]]] = [
        (v, title, [m.label_in(lang) for m in v if m not in _NOT_OFFERED])
        for v, title in titles.items()
    ]
    columns.append(
        ("bool", f"{YES.render(lang)}/{NO.render(lang)}", [YES.render(lang), NO.render(lang)])
    )
    for c, (key, title, labels) in enumerate(columns, 1):
        lists.cell(1, c).value = title
        for r, label in enumerate(labels, 2):
            lists.cell(r, c).value = label
            lists.cell(r, c).data_type = "s"
        out[key] = f"'{lists.title}'!${letter(c)}$2:${letter(c)}${len(labels) + 1}"
    return out


def _header_style(worksheet: Any, openpyxl: Any) -> None:
    fill = openpyxl.styles.PatternFill("solid", fgColor="DDEBF7")
    for cell in worksheet[1]:
        cell.font = openpyxl.styles.Font(bold=True)
        cell.fill = fill


def _dress_group(worksheet: Any, openpyxl: Any, count: int) -> None:
    _header_style(worksheet, openpyxl)
    worksheet.freeze_panes = "A2"
    for col, width in (("A", 22), ("B", 40), ("C", 90)):
        worksheet.column_dimensions[col].width = width
    for r in range(2, count + 1):
        worksheet.cell(r, 1).font = openpyxl.styles.Font(bold=True)
        worksheet.cell(r, 3).alignment = openpyxl.styles.Alignment(wrap_text=True)


def _dress(
    worksheet: Any, sheet: Sheet, openpyxl: Any, count: int, lang: Lang, choices: dict[Any, str]
) -> None:
    """Header style and comments, widths, a frozen header, drop-downs, text formats."""
    _header_style(worksheet, openpyxl)
    worksheet.freeze_panes = "A2"
    last = count + _TEXT_ROWS
    for c, column in enumerate(sheet.columns, 1):
        col = letter(c)
        comment = openpyxl.comments.Comment(column.help.render(lang), _AUTHOR)
        comment.width, comment.height = 320, 140
        worksheet.cell(1, c).comment = comment
        worksheet.column_dimensions[col].width = max(
            column.width, len(column.header.render(lang)) + 3
        )
        ref = _choices_of(column, choices)
        if ref is not None:
            validation = openpyxl.worksheet.datavalidation.DataValidation(
                type="list",
                formula1=ref,
                allow_blank=True,
                showErrorMessage=True,
                errorStyle="information" if column.kind == "vocabs" else "warning",
                error=_OUTSIDE.render(lang),
            )
            validation.add(f"{col}2:{col}{last}")
            worksheet.add_data_validation(validation)
        if column.kind == "text":  # the whole column, so that what is typed stays text
            worksheet.column_dimensions[col].number_format = "@"


def _choices_of(column: Column, choices: dict[Any, str]) -> str | None:
    if column.kind == "bool":
        return choices["bool"]
    return choices.get(column.vocabulary) if column.vocabulary is not None else None
