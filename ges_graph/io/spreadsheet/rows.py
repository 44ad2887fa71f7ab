"""A document as rows of cells, sheet by sheet, for a workbook or for CSV files.

What :func:`to_grids` writes, :mod:`ges_graph.io.spreadsheet.cells` reads back to an equal
document: vocabularies as their labels in the language asked for, booleans as « oui »/"yes",
percentages as numbers (a range as ``25–50``), dates as dates (ISO text in CSV), lists as
comma-separated items (as JSON when an item holds a comma), ``attrs`` as JSON. A number a
workbook would not keep to the last digit is written as text; a text that starts with an
apostrophe (or, in CSV, with a character that would make it a formula), or is empty, is
written after an apostrophe.

Examples:
    >>> from ges_graph.model import Document
    >>> doc = Document.model_validate({"format": "ges-graph/1", "name": "G", "entities": [
    ...     {"id": "a", "name": "=A", "form": "sas", "tags": ["x", "y"]}]})
    >>> sheet, rows = to_grids(doc, "csv", "fr")[1]
    >>> rows[1][:4], rows[1][12]
    (['a', "'=A", 'société par actions simplifiée', None], 'x, y')
"""

from __future__ import annotations

import json
from typing import Any, Literal

from ges_graph.i18n import Lang, Tr, check_lang
from ges_graph.io.spreadsheet.cells import Cell
from ges_graph.io.spreadsheet.layout import (
    ACCOUNTS,
    ENTITIES,
    FLOWS,
    GROUP,
    GROUP_HEADERS,
    RELATIONS,
    Column,
    Sheet,
    Vocab,
)
from ges_graph.model import FORMAT, Document

__all__ = ["NO", "YES", "Target", "to_grids"]

Target = Literal["xlsx", "csv"]
"""What the cells are for: a workbook's typed cells, or CSV text."""

YES = Tr("oui", "yes")
NO = Tr("non", "no")
_CSV_FORMULA = tuple("=+-@\t\r")
"""A CSV text starting with one of these would be read as a formula by a spreadsheet program."""


def _cell_text(text: str, target: Target) -> str:
    if text == "" or text.startswith("'") or (target == "csv" and text.startswith(_CSV_FORMULA)):
        return "'" + text
    return text


def _fits_a_cell(value: float) -> bool:
    """Whether a workbook writes and reads the number back exactly (17 digits are not kept)."""
    if isinstance(value, int):
        return abs(value) < 2**53
    return float(f"{value:.16g}") == value


def _number_text(value: float, lang: Lang) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    text = repr(value)
    return text.replace(".", ",") if lang == "fr" else text


def _write(column: Column, value: Any, target: Target, lang: Lang) -> Cell:
    """One value of the document as a cell."""
    kind = column.kind
    if kind in ("int", "number", "order") or (kind == "percent" and not isinstance(value, dict)):
        if target == "xlsx" and _fits_a_cell(value):
            return value  # type: ignore[no-any-return]
        return _number_text(value, lang)
    if kind == "percent":
        return f"{_number_text(value['min'], lang)}–{_number_text(value['max'], lang)}"
    if kind == "bool":
        return (YES if value else NO).render(lang)
    if kind == "date":
        return value if target == "xlsx" else value.isoformat()  # type: ignore[no-any-return]
    if kind == "vocab":
        return str(_member(column.vocabulary, value).label_in(lang))
    if kind == "vocabs":
        return ", ".join(_member(column.vocabulary, v).label_in(lang) for v in value)
    if kind == "list" and _plain_list(value):
        return _cell_text(", ".join(value), target)
    if kind in ("list", "json"):
        return _cell_text(json.dumps(value, ensure_ascii=False, allow_nan=False), target)
    return _cell_text(str(value), target)


def _member(vocabulary: Vocab | None, value: Any) -> Any:
    assert vocabulary is not None
    return vocabulary(value)


def _plain_list(items: list[str]) -> bool:
    """Whether items read back from their comma-separated writing."""
    return (
        bool(items)
        and not items[0].startswith(("[", "'"))
        and all(
            item and item == item.strip() and "," not in item and "\n" not in item for item in items
        )
    )


def _row(sheet: Sheet, data: dict[str, Any], target: Target, lang: Lang) -> list[Cell]:
    return [
        None if data.get(c.key) in (None, (), [], {}) else _write(c, data[c.key], target, lang)
        for c in sheet.columns
    ]


def to_grids(
    document: Document, target: Target, lang: Lang
) -> list[tuple[Sheet, list[list[Cell]]]]:
    """The document as rows of cells, a header row first, sheet by sheet.

    A relation gets its rank (the *ordre* column) only when the document's order is not that of
    the sheets (relations, then flows).
    """
    check_lang(lang)
    dump = document.model_dump(mode="python", by_alias=True, exclude_defaults=True)
    dump["format"] = FORMAT
    group: list[list[Cell]] = [[h.render(lang) for h in GROUP_HEADERS]]
    for column in GROUP.columns:
        value = dump.get(column.key)
        cell = None if value in (None, (), {}) else _write(column, value, target, lang)
        group.append([column.header.render(lang), cell, column.help.render(lang)])
    out: list[tuple[Sheet, list[list[Cell]]]] = [(GROUP, group)]
    entities = [_header(ENTITIES, lang)]
    entities += [_row(ENTITIES, entity, target, lang) for entity in dump["entities"]]
    out.append((ENTITIES, entities))
    accounts = [_header(ACCOUNTS, lang)]
    for entity in dump["entities"]:  # one row a year, after the entity's id
        for account in entity.get("accounts", ()):
            accounts.append(_row(ACCOUNTS, {"entity": entity["id"], **account}, target, lang))
    relations = list(enumerate(dump.get("relations", ())))
    natural = [i for i, r in relations if r["type"] != "flow"]
    natural += [i for i, r in relations if r["type"] == "flow"]
    ranked = natural != sorted(natural)
    for sheet in (RELATIONS, FLOWS):
        rows = [_header(sheet, lang)]
        for i, relation in relations:
            if (relation["type"] == "flow") != (sheet is FLOWS):
                continue
            item = {**relation, "type": document.relations[i].type}
            if ranked:
                item["order"] = i + 1
            rows.append(_row(sheet, item, target, lang))
        out.append((sheet, rows))
    out.append((ACCOUNTS, accounts))
    return out


def _header(sheet: Sheet, lang: Lang) -> list[Cell]:
    return [c.header.render(lang) for c in sheet.columns]
