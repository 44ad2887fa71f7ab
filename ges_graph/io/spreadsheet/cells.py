"""From cells to a document's plain data and back, whatever holds the cells (workbook or CSV).

A reader gives one :class:`Grid` a sheet: its rows of cells, as the file holds them (a workbook's
numbers, dates and booleans, or a CSV file's text). :func:`to_data` reads them into the plain
data of a document, with the cell each value came from (``Entités!C7 (forme)``), and
:func:`document_of` validates it with the model, so that an error names the cell and says what was
expected in the same words as the YAML loader (:mod:`~ges_graph.io.spreadsheet.rows` writes a
document as rows).

Cells are read leniently and handed to the model as they are: a vocabulary cell holding one of the
drop-down labels (« société par actions simplifiée ») becomes its code, anything else goes to the
model unchanged (which refuses it, or accepts it); a number in a text column becomes its text; in
CSV text, numbers take a decimal point or comma, dates ``YYYY-MM-DD`` or ``JJ/MM/AAAA``. A text
cell's leading apostrophe is dropped, as a spreadsheet program does (``'`` alone is the empty
text; a text that starts with one is written with a second).

Examples:
    >>> from ges_graph.io.spreadsheet.layout import ENTITIES, GROUP
    >>> rows = [["identifiant", "nom", "forme"], ["a", "A", "société par actions simplifiée"]]
    >>> grids = {"group": Grid(GROUP, "Groupe", [(1, ["champ", "valeur"]),
    ...          (2, ["format", "ges-graph/1"]), (3, ["nom", "G"])]),
    ...          "entities": Grid(ENTITIES, "Entités", list(enumerate(rows, 1)))}
    >>> document_of(grids, "g.xlsx").entities[0].form
    <Form.SAS: 'sas'>
    >>> rows[1][2] = "associaton"
    >>> document_of(grids, "g.xlsx")
    Traceback (most recent call last):
    ...
    ges_graph.errors.LoadError: g.xlsx: Entités!C2 (forme): unknown form; did you mean ...
"""

from __future__ import annotations

import collections
import dataclasses
import datetime as dt
import functools
import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ges_graph.errors import ErrorDetail, LoadError
from ges_graph.i18n import Lang, Tr
from ges_graph.io.document import _read, _validate
from ges_graph.io.spreadsheet.layout import ACCOUNTS, FLOWS, RELATIONS, Column, Sheet, Vocab, fold
from ges_graph.model import Document

__all__ = ["EXCEL_EPOCH", "Cell", "Grid", "document_of", "letter", "number", "rows_of", "to_data"]

Cell = str | int | float | bool | dt.date | None
"""What a cell holds (a workbook's dates and times are ``datetime``, a ``date`` subclass)."""
_TRUE = frozenset({"oui", "yes", "vrai", "true", "x"})
_FALSE = frozenset({"non", "no", "faux", "false"})
_NUMBER = re.compile(r"[+-]?([0-9]+([.,][0-9]*)?|[.,][0-9]+)([eE][+-]?[0-9]+)?")
_FRENCH_DATE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")
_PATH = re.compile(r"(entities|relations)\[([0-9]+)\](?:\.([A-Za-z_]+))?|([A-Za-z_]+)")

_UNKNOWN_COLUMN = Tr("colonne inconnue", "unknown column")
_TWICE = Tr("colonne en double", "column given twice")
_UNKNOWN_FIELD = Tr("champ inconnu", "unknown field")
_FIELD_TWICE = Tr("champ en double", "field given twice")
_NO_HEADER = Tr("valeur dans une colonne sans en-tête", "a value in a column with no header")
_NOT_JSON = Tr("JSON illisible : {reason}", "unreadable JSON: {reason}")
_JSON_OBJECT = Tr('un objet JSON, par exemple {"clé": "valeur"}', 'a JSON object, e.g. {"key": 1}')
_JSON_LIST = Tr('une liste JSON, par exemple ["a", "b"]', 'a JSON list, e.g. ["a", "b"]')
_JSON_TYPE = Tr("JSON d'un autre type que celui attendu", "JSON of another type than expected")
_WHOLE = Tr("un nombre entier, 1 ou plus", "a whole number, 1 or more")
_YEAR_AS_DATE = Tr(
    "{year} est une année, pas une date : écrivez une date complète, le 01/01/{year} par exemple",
    "{year} is a year, not a date: write a whole date, 01/01/{year} for instance",
)
_YEAR_IN_DATE_CELL = Tr(
    "la cellule affiche le {shown} : l'année {year}, tapée dans une cellule au format date, y est "
    "lue comme un nombre de jours ; écrivez une date complète, le 01/01/{year} par exemple",
    "the cell shows {shown}: the year {year}, typed in a cell formatted as a date, is read there "
    "as a number of days; write a whole date, 01/01/{year} for instance",
)
_FULL_DATE = Tr("une date : jour, mois et année", "a date: day, month and year")
_SEPARATOR_AMBIGUOUS = Tr(
    "« {value} » se lit de deux façons : des milliers séparés par {sep}, ou des décimales après "
    "{sep} ; écrivez {grouped} ou {decimal}",
    "“{value}” reads two ways: thousands grouped by {sep}, or decimals after {sep}; write "
    "{grouped} or {decimal}",
)
_MARK_WORDS = {".": Tr("un point", "a dot"), ",": Tr("une virgule", "a comma")}
"""A number's separator in words, by the separator."""
_PLAIN = Tr(
    "un nombre, ses milliers séparés par une espace ou par rien",
    "a number, its thousands separated by a space or by nothing",
)
_NOT_WHOLE = Tr("le rang doit être un nombre entier", "the rank must be a whole number")


@dataclass(frozen=True)
class Grid:
    """One sheet as read: its layout, its name as written, and its rows (numbered from 1).

    Attributes:
        sheet: the layout it follows.
        name: its name in the file (the CSV file's name without ``.csv``).
        rows: (row number, cells) for each row that holds something, the header row first.
    """

    sheet: Sheet
    name: str
    rows: list[tuple[int, list[Cell]]]

    @property
    def lang(self) -> Lang:
        """The language of its name (``fr`` for *Entités*, ``en`` for *Entities*).

        A sheet named alike in both languages (*Relations*) is in the language most of its
        headers are written in; French when they do not tell.
        """
        if fold(self.sheet.name.fr) != fold(self.sheet.name.en):
            return "en" if fold(self.name) == fold(self.sheet.name.en) else "fr"
        heads = {fold(str(c)) for c in (self.rows[0][1] if self.rows else ()) if c}
        french = english = 0  # headers written in each language (those that differ)
        for column in self.sheet.columns:
            fr, en = fold(column.header.fr), fold(column.header.en)
            if fr != en:
                french += fr in heads
                english += en in heads
        return "en" if english > french else "fr"


def letter(index: int) -> str:
    """The column letter of a column index, from 1.

    Examples:
        >>> letter(1), letter(26), letter(27), letter(703)
        ('A', 'Z', 'AA', 'AAA')
    """
    out = ""
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out


def _detail(where: str, message: Tr, value: Any, expected: Tr | None, kind: str) -> ErrorDetail:
    return ErrorDetail(
        where,
        message.en,
        value,
        expected.en if expected else None,
        type=kind,
        message_fr=message.fr,
        expected_fr=expected.fr if expected else None,
    )


# -- reading ------------------------------------------------------------------------------------


@functools.cache
def _labels(vocabulary: Vocab) -> dict[str, str]:
    """Each member's code, by its French and English labels (folded)."""
    out: dict[str, str] = {}
    for member in vocabulary:
        for label in (member.text.fr, member.text.en):
            out.setdefault(fold(label), member.value)
    return out


def _vocab(value: Cell, vocabulary: Vocab | None) -> Any:
    if isinstance(value, str) and vocabulary is not None:
        return _labels(vocabulary).get(fold(value), value)
    return value


def number(text: str) -> int | float | None:
    """The number a text holds (decimal point or comma, spaces between digit groups), or ``None``.

    Examples:
        >>> number("1 800 000"), number("25,5"), number("2.5e3"), number("douze")
        (1800000, 25.5, 2500.0, None)
    """
    plain = "".join(text.split())
    if not _NUMBER.fullmatch(plain):
        return None
    if plain.lstrip("+-").isdigit():
        return int(plain)
    return float(plain.replace(",", "."))


def _text(value: Cell) -> Any:
    if isinstance(value, str):
        return value[1:] if value.startswith("'") else value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(int(value)) if float(value).is_integer() else repr(value)
    return value


def _numeric(value: Cell) -> Any:
    """A number as typed, an amount's currency after it: « 1 800 000 », « 42 000,50 € ».

    Examples:
        >>> _numeric("42 000 €"), _numeric("30 000,00 EUR"), _numeric("12 euros"), _numeric("x")
        (42000, 30000.0, 12, 'x')
        >>> _numeric("42.000 €"), _numeric("1.250.000,50 €"), _numeric("2.5")
        (42000, 1250000.5, 2.5)
    """
    if isinstance(value, str):
        bare = _CURRENCY.sub("", value)
        if bare != value and _DOTTED.fullmatch(bare.strip().lstrip("+-")):
            bare = bare.replace(".", "")  # « 42.000 € »: the dots group thousands
        found = number(bare)
        return value if found is None else found
    return value


_DOTTED = re.compile(r"[0-9]{1,3}(\.[0-9]{3})+(,[0-9]+)?")
"""An amount whose dots group its thousands (« 1.250.000,50 »), as a currency after it shows."""
_DECIMAL_MARK = Tr(",", ".")
"""The decimal separator of a sheet in each language, as the library writes its numbers."""
_OTHER_MARK = {",": ".", ".": ","}
_GROUPED = {
    mark: re.compile(
        rf"([+-]?)0*([1-9][0-9]{{0,2}})((?:\{mark}[0-9]{{3}})+)(\{_OTHER_MARK[mark]}[0-9]+)?"
    )
    for mark in _OTHER_MARK
}
"""A number whose digits are grouped by threes with ``mark`` (« 30.000 », "1,250,000.50"), a
sign before it, decimals after the other mark."""


def _thousands(text: str, sheet: Lang) -> tuple[int | float | None, str | None]:
    """A number grouped by threes with the mark a ``sheet`` does not write for decimals.

    ``(the number, None)`` when it can only be thousands (several groups, decimals after the
    sheet's own mark, or a currency after it: « 1.250.000 », « 30.000,50 », "30,000 EUR");
    ``(None, the bare text)`` when one group leaves it open (« 30.000 » in a French sheet:
    thirty thousand, or thirty); ``(None, None)`` otherwise.

    Examples:
        >>> _thousands("1.250.000", "fr"), _thousands("30,000 EUR", "en")
        ((1250000, None), (30000, None))
        >>> _thousands("-1.250.000,50 €", "fr"), _thousands("+30.000", "fr")
        ((-1250000.5, None), (None, '+30.000'))
        >>> _thousands("30.000", "fr"), _thousands("30,000", "fr"), _thousands("0.500", "fr")
        ((None, '30.000'), (None, None), (None, None))
    """
    bare = _CURRENCY.sub("", text).strip()
    decimal_mark = _DECIMAL_MARK.render(sheet)
    mark = _OTHER_MARK[decimal_mark]
    found = _GROUPED[mark].fullmatch(bare)
    if found is None:
        return None, None
    sign, head, groups, decimals = found.groups()
    if groups.count(mark) == 1 and decimals is None and bare == text.strip():
        return None, bare
    digits = head + groups.replace(mark, "")
    if decimals is None:
        return int(sign + digits), None
    return float(sign + digits + "." + decimals[1:]), None


def _one_group(value: str, sheet: Lang) -> Tr:
    """What is said of ``value`` (see :func:`_thousands`), its two readings as ``sheet`` writes.

    Examples:
        >>> print(_one_group("42.500", "fr").fr)
        « 42.500 » se lit de deux façons : des milliers séparés par un point, ou des décimales \
après un point ; écrivez 42500 ou 42,5
        >>> print(_one_group("30,000", "en").en)
        “30,000” reads two ways: thousands grouped by a comma, or decimals after a comma; write \
30000 or 30
    """
    decimal_mark = _DECIMAL_MARK.render(sheet)
    mark = _OTHER_MARK[decimal_mark]
    whole, _, decimals = value.partition(mark)
    sign, digits = (whole[0], whole[1:]) if whole[:1] in "+-" else ("", whole)
    digits = digits.lstrip("0") or "0"
    args = {
        "value": value,
        "grouped": sign + digits + decimals,
        "decimal": (sign + digits + decimal_mark + decimals).rstrip("0").rstrip(decimal_mark),
    }
    return Tr(
        _SEPARATOR_AMBIGUOUS.fr.format(sep=_MARK_WORDS[mark].fr, **args),
        _SEPARATOR_AMBIGUOUS.en.format(sep=_MARK_WORDS[mark].en, **args),
    )


_CURRENCY = re.compile(r"\s*(?:€|eur|euros?)\s*$", re.IGNORECASE)
"""An amount's currency, which a person types after it (the document's ``currency`` says it)."""


def _percent(value: Cell) -> Any:
    """A percentage or a range, as typed: « 60 », « 60 % », « 40–60 % », « 40 - 60 ».

    Examples:
        >>> _percent("60 %"), _percent("12,5%"), _percent("40–60 %"), _percent("beaucoup")
        (60, 12.5, {'min': 40, 'max': 60}, 'beaucoup')
    """
    if isinstance(value, str) and value.rstrip().endswith("%"):
        bare = value.rstrip()[:-1]
        if number(bare) is not None or _percent(bare) != bare:
            value = bare
    if not isinstance(value, str) or number(value) is not None:
        return _numeric(value)
    parts = re.split(r"[–—]|(?<=[0-9])\s*-\s*(?=[0-9+])", value.strip(), maxsplit=1)
    bounds = [number(p) for p in parts]
    if len(bounds) == 2 and bounds[0] is not None and bounds[1] is not None:
        return {"min": bounds[0], "max": bounds[1]}
    return value


def _bool(value: Cell) -> Any:
    if isinstance(value, str):
        word = fold(value)
        return True if word in _TRUE else False if word in _FALSE else value
    if isinstance(value, int) and not isinstance(value, bool) and value in (0, 1):
        return bool(value)
    return value


def _date(value: Cell) -> Any:
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time() else value
    if isinstance(value, str):
        found = _FRENCH_DATE.fullmatch(value.strip())
        if found:
            day, month, year = (int(g) for g in found.groups())
            try:
                return dt.date(year, month, day)
            except ValueError:
                return value
        return value.strip()
    return value


EXCEL_EPOCH = dt.datetime(1899, 12, 30)
"""Day 0 of a workbook of the 1900 date system (the usual one): a date cell holding the number N
shows this date plus N days. A workbook of the 1904 system counts from 01/01/1904."""
_YEARS = range(1900, 2101)
"""The years one might type in a date's column (what such a cell then shows lies in 1905)."""


def _typed_year(value: Cell, epoch: dt.datetime = EXCEL_EPOCH) -> int | None:
    """The year typed where a date was expected, or None when ``value`` is not one.

    A year typed in a cell formatted as a date is stored as that many days after the workbook's
    epoch, 30/12/1899 (``epoch``; 01/01/1904 in a workbook of the 1904 date system, as some made
    on a Mac are): « 2026 » shows as 18/07/1905 (or 19/07/1909), a date nobody means in a GES;
    typed in a plain cell, or as text, it stays a number or four digits.

    Examples:
        >>> _typed_year(dt.datetime(1905, 7, 18)), _typed_year(2026), _typed_year(" 2026 ")
        (2026, 2026, 2026)
        >>> _typed_year(dt.datetime(2026, 1, 1)), _typed_year("01/01/2026"), _typed_year(12)
        (None, None, None)
        >>> _typed_year(float("inf")), _typed_year(float("nan"))
        (None, None)
        >>> _typed_year(dt.datetime(1909, 7, 19), dt.datetime(1904, 1, 1))
        2026
    """
    if isinstance(value, dt.datetime):
        if value.time() != dt.time():
            return None
        days = (value - epoch).days
        return days if days in _YEARS else None
    if isinstance(value, bool) or (isinstance(value, float) and not math.isfinite(value)):
        return None  # an infinite or undefined number is refused as any other non-date
    if isinstance(value, int | float) and value == int(value) and int(value) in _YEARS:
        return int(value)
    if isinstance(value, str) and value.strip().isdigit() and int(value) in _YEARS:
        return int(value)
    return None


def _list(value: Cell, column: Column) -> list[Any]:
    """Items separated by commas (vocabularies; free lists also by line breaks)."""
    if not isinstance(value, str):
        return [_text(value)]
    separators = r"," if column.kind == "vocabs" else r"[,\n]"
    items = [item.strip() for item in re.split(separators, value)]
    return [_vocab(item, column.vocabulary) for item in items if item]


_IDS = frozenset({"id", "from", "to"})
"""The columns that hold an entity's id: spaces around one are a typing slip, never meant."""


class _Reader:
    """Cells read into plain data, with the cell each value came from, and what went wrong."""

    def __init__(self, file: str, epoch: dt.datetime = EXCEL_EPOCH) -> None:
        self.file = file
        self.epoch = epoch
        self.lang: Lang | None = None
        """The language of the sheet being read (its numbers' decimal separator)."""
        self.errors: list[ErrorDetail] = []
        self.places: dict[str, str] = {}

    def fail(self, where: str, message: Tr, value: Any, expected: Tr | None, kind: str) -> None:
        self.errors.append(_detail(where, message, value, expected, kind))

    def value(self, column: Column, cell: Cell, where: str) -> Any:
        kind = column.kind
        if kind == "text":
            text = _text(cell)
            if column.key in _IDS and isinstance(text, str):
                return text.strip()  # « tremplin » with a space typed after it is tremplin
            return text
        if kind in ("int", "number", "order"):
            if isinstance(cell, str) and self.lang is not None:
                grouped, open_ = _thousands(cell, self.lang)
                if grouped is not None:
                    return grouped
                if open_ is not None:
                    self.fail(where, _one_group(open_, self.lang), cell, _PLAIN, "ambiguous")
                    return None
            return _numeric(cell)
        if kind == "percent":
            return _percent(cell)
        if kind == "bool":
            return _bool(cell)
        if kind == "date":
            year = _typed_year(cell, self.epoch)
            if year is not None:
                shown = cell.strftime("%d/%m/%Y") if isinstance(cell, dt.date) else None
                message = _YEAR_AS_DATE if shown is None else _YEAR_IN_DATE_CELL
                said = Tr(
                    message.fr.format(year=year, shown=shown),
                    message.en.format(year=year, shown=shown),
                )
                self.fail(where, said, cell, _FULL_DATE, "year_for_date")
                return None
            return _date(cell)
        if kind == "vocab":
            return _vocab(cell, column.vocabulary)
        cell = _text(cell) if isinstance(cell, str) else cell
        if kind == "json" or (kind == "list" and isinstance(cell, str) and cell.startswith("[")):
            return self.json(cell, where, dict if kind == "json" else list)
        return _list(cell, column)

    def json(self, cell: Cell, where: str, want: type[dict[str, Any]] | type[list[Any]]) -> Any:
        expected = _JSON_OBJECT if want is dict else _JSON_LIST
        text = cell if isinstance(cell, str) else json.dumps(cell, default=str)
        try:
            data, _ = _read('{"_": ' + text + "\n}", "json", self.file)
        except LoadError as exc:
            reason = exc.details[0]
            message = Tr(
                _NOT_JSON.fr.format(reason=reason.message_in("fr")),
                _NOT_JSON.en.format(reason=reason.message_in("en")),
            )
            self.fail(where, message, text, expected, "json")
            return None
        if not isinstance(data["_"], want):
            self.fail(where, _JSON_TYPE, text, expected, "json")
            return None
        return data["_"]

    def header(self, grid: Grid) -> dict[int, tuple[Column, str]]:
        """The columns of a sheet by index, from its header row; unknown headers are errors."""
        number_, cells = grid.rows[0] if grid.rows else (1, [])
        found: dict[int, tuple[Column, str]] = {}
        seen: set[str] = set()
        for i, cell in enumerate(cells, 1):
            if cell is None or cell == "":
                continue
            where = f"{grid.name}!{letter(i)}{number_}"
            column = grid.sheet.column_of(str(cell))
            if column is None:
                choices = ", ".join(c.header.render(grid.lang) for c in grid.sheet.columns)
                self.fail(where, _UNKNOWN_COLUMN, cell, Tr(choices, choices), "unknown_column")
            elif column.key in seen:
                self.fail(where, _TWICE, cell, None, "duplicate_column")
            else:
                seen.add(column.key)
                found[i] = (column, str(cell).strip())
        return found

    def row(
        self,
        grid: Grid,
        columns: dict[int, tuple[Column, str]],
        spots: dict[str, str],
        row: tuple[int, list[Cell]],
        path: str,
    ) -> dict[str, Any]:
        """One row of an entity or relation sheet, as the plain data of one item at ``path``.

        ``spots`` gives, for each key, where its cell is: ``C{row} (forme)`` for a column of the
        sheet, ``{row}:{row} (forme)`` (the row) for a column the sheet lacks.
        """
        number_, cells = row
        self.places[path] = f"{grid.name}!{number_}:{number_}"
        for key, spot in spots.items():
            self.places[f"{path}.{key}"] = grid.name + "!" + spot.replace("{row}", str(number_))
        out: dict[str, Any] = {}
        for i, cell in enumerate(cells, 1):
            if cell is None or cell == "":
                continue
            if i not in columns:
                where = f"{grid.name}!{letter(i)}{number_}"
                self.fail(where, _NO_HEADER, cell, None, "unknown_column")
                continue
            column, _ = columns[i]
            value = self.value(column, cell, self.places[f"{path}.{column.key}"])
            if value is not None:
                out[column.key] = value
        return out

    def items(self, grid: Grid | None, prefix: str, start: int) -> list[tuple[dict[str, Any], str]]:
        """The rows of a sheet below its header: (plain data, its path in the document)."""
        if grid is None:
            return []
        columns = self.header(grid)
        lang = self.lang = grid.lang
        spots = {c.key: f"{{row}}:{{row}} ({c.header.render(lang)})" for c in grid.sheet.columns}
        spots.update({c.key: f"{letter(i)}{{row}} ({h})" for i, (c, h) in columns.items()})
        out: list[tuple[dict[str, Any], str]] = []
        for row in grid.rows[1:]:
            if all(c is None or (isinstance(c, str) and not c.strip()) for c in row[1]):
                continue
            path = f"{prefix}[{start + len(out)}]"
            out.append((self.row(grid, columns, spots, row, path), path))
        return out

    def group(self, grid: Grid | None) -> dict[str, Any]:
        """The *Groupe* sheet: one field a row, its name in column A and its value in column B."""
        if grid is None:
            return {}
        self.lang = grid.lang
        out: dict[str, Any] = {}
        for number_, cells in grid.rows[1:]:
            name = cells[0] if cells else None
            value = cells[1] if len(cells) > 1 else None
            if name is None or name == "":
                if value is not None and value != "":
                    self.fail(f"{grid.name}!B{number_}", _NO_HEADER, value, None, "unknown_field")
                continue
            column = grid.sheet.column_of(str(name))
            where = f"{grid.name}!A{number_}"
            if column is None:
                choices = ", ".join(c.header.render(grid.lang) for c in grid.sheet.columns)
                self.fail(where, _UNKNOWN_FIELD, name, Tr(choices, choices), "unknown_field")
                continue
            if column.key in out or column.key in self.places:
                self.fail(where, _FIELD_TWICE, name, None, "duplicate_field")
                continue
            place = f"{grid.name}!B{number_} ({str(name).strip()})"
            self.places[column.key] = place
            if value is not None and value != "":
                read = self.value(column, value, place)
                if read is not None:
                    out[column.key] = read
        return out


def to_data(
    grids: dict[str, Grid], file: str, epoch: dt.datetime = EXCEL_EPOCH
) -> tuple[dict[str, Any], dict[str, str]]:
    """The plain data of a document, and the cell of each path (``entities[2].form``).

    ``epoch``: the workbook's day 0 (:data:`EXCEL_EPOCH`, or 01/01/1904 in the 1904 system).

    Raises:
        LoadError: a header, a field name, a rank or a JSON cell cannot be read.
    """
    reader = _Reader(file, epoch)
    data = reader.group(grids.get("group"))
    entities = reader.items(grids.get("entities"), "entities", 0)
    data["entities"] = [item for item, _ in entities]
    if "entities" in grids:
        reader.places["entities"] = grids["entities"].name
    _accounts(reader, grids.get("accounts"), data["entities"])
    relations = reader.items(grids.get("relations"), "relations", 0)
    flows = reader.items(grids.get("flows"), "relations", len(relations))
    ranked = []
    for seq, (read, path) in enumerate(relations + flows):
        item = {"type": "flow", **read} if seq >= len(relations) else read
        rank = item.pop("order", None)
        if rank is not None and (isinstance(rank, bool) or not isinstance(rank, int) or rank < 1):
            reader.fail(reader.places[f"{path}.order"], _NOT_WHOLE, rank, _WHOLE, "order")
            rank = None
        ranked.append(((0, rank, seq) if rank is not None else (1, 0, seq), item, path))
    ranked.sort(key=lambda r: r[0])
    if reader.errors:
        raise LoadError(file, reader.errors)
    places = {p: w for p, w in reader.places.items() if not p.startswith("relations[")}
    suffixes = ["", *(f".{c.key}" for sheet in (RELATIONS, FLOWS) for c in sheet.columns)]
    for new, (_, _item, old) in enumerate(ranked):  # paths follow the new order
        for suffix in suffixes:
            where = reader.places.get(old + suffix)
            if where is not None:
                places[f"relations[{new}]{suffix}"] = where
    if ranked:
        data["relations"] = [item for _, item, _ in ranked]
    return data, places


def _accounts(reader: _Reader, grid: Grid | None, entities: list[dict[str, Any]]) -> None:
    """The *Comptes* sheet's rows into their entities' ``accounts``, in the sheet's order.

    Each row names its entity by id; the cells of a row are then the places of that entity's
    account (``entities[2].accounts[0].year`` is ``Comptes!B4``), for the model's errors.
    """
    rows = reader.items(grid, "accounts", 0)
    if not rows:
        return
    index: dict[str, int] = {}
    for n, entity in enumerate(entities):
        if isinstance(entity.get("id"), str):
            index.setdefault(entity["id"], n)
    suffixes = ["", *(f".{c.key}" for c in ACCOUNTS.columns)]
    for read, path in rows:
        owner = read.pop("entity", None)
        k = index.get(owner) if isinstance(owner, str) else None
        if k is None:
            where = reader.places[f"{path}.entity"]
            message, expected = (_NO_ACCOUNT_OWNER, _AN_ENTITY_ID)
            reader.fail(
                where, message, owner, expected, "missing" if owner is None else "unknown_entity"
            )
            continue
        accounts = entities[k].setdefault("accounts", [])
        for suffix in suffixes:
            if f"{path}{suffix}" in reader.places:
                place = reader.places[f"{path}{suffix}"]
                reader.places[f"entities[{k}].accounts[{len(accounts)}]{suffix}"] = place
        accounts.append(read)


_NO_ACCOUNT_OWNER = Tr(
    "aucune entité n'a cet id : ces comptes ne sont ceux d'aucune entité",
    "no entity has this id: these accounts are no entity's",
)
_AN_ENTITY_ID = Tr(
    "l'id d'une entité de la feuille Entités", "the id of an entity of the Entities sheet"
)


def _where(path: str, places: dict[str, str]) -> str | None:
    """The cell of a document path, or of its nearest ancestor with the rest of the path."""
    probe = path
    while probe:
        if probe in places:
            rest = path[len(probe) :].lstrip(".")
            return places[probe] + (f" ({rest})" if rest and "(" not in places[probe] else "")
        cut = max(probe.rfind("."), probe.rfind("["))
        probe = probe[:cut] if cut > 0 else ""
    return None


def document_of(grids: dict[str, Grid], file: str, epoch: dt.datetime = EXCEL_EPOCH) -> Document:
    """The document the sheets hold; errors name the cell (``Entités!C7 (forme)``).

    ``epoch``: the workbook's day 0 (:data:`EXCEL_EPOCH`, or 01/01/1904 in the 1904 system).

    Raises:
        LoadError: the sheets do not hold a valid document.
    """
    data, places = to_data(grids, file, epoch)
    try:
        document = _validate(data, "", "json", file, {}, read=False)  # cells, not text
    except LoadError as exc:
        details = [_in_cells(d, _where(d.path, places)) for d in exc.details]
    else:
        _remember(document, places)
        return document
    raise LoadError(file, details) from None


def _in_cells(detail: ErrorDetail, where: str | None) -> ErrorDetail:
    """A model's error as a spreadsheet's reader reads it: at its cell, in a cell's words.

    The place names the column by its header (« Entités!B3 (nom) »): a missing value is an
    empty cell, not a « clé » of the format's (« clé obligatoire absente : « name » »).
    """
    moved = dataclasses.replace(detail, path=where or detail.path, line=None, column=None)
    if detail.type == "missing" and where is not None and "(" in where:
        return dataclasses.replace(
            moved, message=_EMPTY.en, message_fr=_EMPTY.fr, value=None, expected=None
        )
    return moved


_EMPTY = Tr("cellule vide : une valeur est obligatoire ici", "empty cell: a value is required here")


_RECENT: collections.OrderedDict[int, tuple[Document, dict[str, str]]] = collections.OrderedDict()
"""The rows of the last documents read from a spreadsheet, by document (kept alive while here,
so that its ``id`` is not another's); a few, since a command checks a document just after
reading it."""
_KEEP = 8


def _remember(document: Document, places: Mapping[str, str]) -> None:
    """Keep where each relation and entity of ``document`` was read (« Flux!2:2 »)."""
    rows = {
        document.relation_key(i): places[f"relations[{i}]"]
        for i in range(len(document.relations))
        if f"relations[{i}]" in places
    }
    rows |= {
        e.id: places[f"entities[{k}]"]
        for k, e in enumerate(document.entities)
        if f"entities[{k}]" in places
    }
    _RECENT[id(document)] = (document, rows)
    while len(_RECENT) > _KEEP:
        _RECENT.popitem(last=False)


def rows_of(document: Document) -> Mapping[str, str]:
    """Where a document just read from a spreadsheet holds each relation and entity.

    By relation key (``relations[11]``, or the relation's ``id``) and entity id: the sheet and
    the row (``Flux!2:2``). Empty for a document not read from a spreadsheet (or read long ago:
    the last few are kept).
    """
    found = _RECENT.get(id(document))
    return {} if found is None or found[0] is not document else found[1]
