"""A folder of CSV files, one for each sheet of a workbook (``Groupe.csv``, ``Entités.csv``…).

The files are written in UTF-8 with a byte-order mark (without it, Excel reads UTF-8 as the old
Windows code page and garbles every accent), with a semicolon between fields: French spreadsheet
programs write the decimal comma, so their list separator, and what Excel in a French locale
splits a CSV file on when it opens it, is the semicolon. Numbers are written with the decimal
comma in French and the decimal point in English; dates as ``YYYY-MM-DD``, which every
spreadsheet program reads as a date. A text that a spreadsheet program would take for a formula
(it starts with ``=``, ``+``, ``-`` or ``@``) is written after an apostrophe, which the reader
drops.

Reading takes either language's file names (any case), UTF-8 with a byte-order mark or none, or
Windows' Western code page (cp1252, which Excel in a French locale writes), and the
separator the header row uses (semicolon, comma or tab: a program that saved the file in another
locale may have changed it); the files together may not pass the size limit.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
import unicodedata
from pathlib import Path

from ges_graph._files import write_atomic
from ges_graph.errors import ArgumentError, ErrorDetail, LoadError, os_reasons
from ges_graph.i18n import LANGS, Lang, Tr, check_lang
from ges_graph.io.source import _decode, _too_large
from ges_graph.io.spreadsheet.cells import Cell, Grid, document_of
from ges_graph.io.spreadsheet.layout import SHEETS, Sheet, fold
from ges_graph.io.spreadsheet.rows import to_grids
from ges_graph.model import Document

__all__ = ["SEPARATOR", "read_csv_folder", "write_csv_folder"]

SEPARATOR = ";"
"""The field separator written: the list separator of French spreadsheet programs."""

_UNKNOWN_FILE = Tr("fichier CSV inconnu « {name} »", "unknown CSV file '{name}'")
_TWO_FILES = Tr("deux fichiers pour la feuille « {name} »", "two files for the sheet '{name}'")
_MISSING_FILE = Tr("fichier « {name}.csv » absent", "missing file '{name}.csv'")
_FILES = Tr(
    "Groupe.csv, Entités.csv, Relations.csv et Flux.csv (ou Group.csv, Entities.csv, "
    "Relations.csv et Flows.csv)",
    "Group.csv, Entities.csv, Relations.csv, Flows.csv (or their French names)",
)
_UNREADABLE = Tr("CSV illisible : {reason}", "unreadable CSV: {reason}")


def _detail(where: str, message: Tr, value: object, kind: str) -> ErrorDetail:
    return ErrorDetail(
        where, message.en, value, _FILES.en, type=kind, message_fr=message.fr, expected_fr=_FILES.fr
    )


def _sheet_of(stem: str) -> Sheet | None:
    return next((s for s in SHEETS if fold(stem) in (fold(s.name.fr), fold(s.name.en))), None)


def _files(folder: Path, file: str) -> dict[str, Path]:
    """The CSV file of each sheet, by key; unknown or doubled files are refused."""
    found: dict[str, Path] = {}
    errors: list[ErrorDetail] = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() != ".csv" or not path.is_file():
            continue
        stem = unicodedata.normalize("NFC", path.stem)
        sheet = _sheet_of(stem)
        if sheet is None:
            message = Tr(
                _UNKNOWN_FILE.fr.format(name=path.name), _UNKNOWN_FILE.en.format(name=path.name)
            )
            errors.append(_detail(path.name, message, path.name, "unknown_sheet"))
        elif sheet.key in found:
            name = sheet.name.fr
            message = Tr(_TWO_FILES.fr.format(name=name), _TWO_FILES.en.format(name=name))
            errors.append(_detail(path.name, message, path.name, "duplicate_sheet"))
        else:
            found[sheet.key] = path
    for sheet in SHEETS[:2]:
        if sheet.key not in found:
            name = sheet.name.fr
            message = Tr(_MISSING_FILE.fr.format(name=name), _MISSING_FILE.en.format(name=name))
            errors.append(_detail("", message, None, "missing_sheet"))
    if errors:
        raise LoadError(file, errors)
    return found


def _rows(text: str, where: str, file: str) -> list[tuple[int, list[Cell]]]:
    first = text.split("\n", 1)[0]
    separator = max((";", ",", "\t"), key=first.count) if first else SEPARATOR
    rows: list[tuple[int, list[Cell]]] = []
    try:
        for number, record in enumerate(
            csv.reader(io.StringIO(text, newline=""), delimiter=separator), 1
        ):
            cells: list[Cell] = list(record)
            while cells and cells[-1] == "":
                cells.pop()
            if cells:
                rows.append((number, cells))
    except csv.Error as exc:
        message = Tr(_UNREADABLE.fr.format(reason=exc), _UNREADABLE.en.format(reason=exc))
        raise LoadError(
            file, [ErrorDetail(where, message.en, type="syntax", message_fr=message.fr)]
        ) from None
    return rows


def _legacy(data: bytes) -> bytes | str:
    """The file's bytes, or its text when it is in Windows' Western code page, not UTF-8.

    Excel in a French locale saves « CSV (séparateur : point-virgule) » in cp1252, without a
    byte-order mark: « é » is one byte, 0xE9, which UTF-8 refuses. Such a file is read as cp1252;
    one that is neither (cp1252 leaves five bytes undefined) is left to the UTF-8 check and its
    message.

    Examples:
        >>> _legacy("Entités".encode("cp1252"))
        'Entités'
        >>> _legacy("Entités".encode("utf-8")) == "Entités".encode("utf-8")  # left as it is
        True
    """
    if data.startswith(codecs.BOM_UTF8):
        return data
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        # UTF-8 with a stray byte, or UTF-16: left to the UTF-8 check, never garbled
        if b"\x00" in data or _UTF8_SEQUENCE.search(data):
            return data
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data
    return data


_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
"""A character written in UTF-8 over several bytes: a file holding one is UTF-8, not cp1252."""


def read_csv_folder(path: str | os.PathLike[str], max_size: int) -> Document:
    """The document a folder of CSV files holds (see the module).

    Raises:
        LoadError: a file is missing, unknown, too large, in neither UTF-8 nor cp1252, or the
            cells do not hold a valid document.
    """
    folder = Path(path)
    file = str(path)
    try:
        files = _files(folder, file)
        total = sum(p.stat().st_size for p in files.values())
        if total > max_size:
            raise LoadError(file, [_too_large(total, max_size)])
        texts = {key: (p, p.read_bytes()) for key, p in files.items()}
    except OSError as exc:
        why = os_reasons(exc)
        raise LoadError(
            file,
            [
                ErrorDetail(
                    "",
                    f"cannot read the folder: {why.en}",
                    type="io",
                    message_fr=f"lecture du dossier impossible : {why.fr}",
                )
            ],
        ) from None
    grids: dict[str, Grid] = {}
    for key, (csv_path, data) in texts.items():
        text = _decode(_legacy(data), str(csv_path), max_size)
        name = unicodedata.normalize("NFC", csv_path.stem)
        grids[key] = Grid(_sheet_of(name) or SHEETS[0], name, _rows(text, csv_path.name, file))
    return document_of(grids, file)


def write_csv_folder(document: Document, path: str | os.PathLike[str], lang: Lang) -> None:
    """Write the document as a folder of CSV files (created if need be), in ``lang``.

    Each file is written whole or not at all.

    Raises:
        ArgumentError: the folder holds a file of the same sheet in the other language (it
            would be read in place of the new one), or a path is a symbolic link.
        OSError: a file cannot be written.
    """
    check_lang(lang)
    folder = Path(path)
    folder.mkdir(parents=True, exist_ok=True)
    for sheet, rows in to_grids(document, "csv", lang):
        other = sheet.name.render(next(other for other in LANGS if other != lang))
        stale = [
            p
            for p in folder.iterdir()
            if p.suffix.lower() == ".csv" and fold(p.stem) == fold(other)
        ]
        if stale and fold(other) != fold(sheet.name.render(lang)):
            raise ArgumentError(
                f"{stale[0]}: a file of the same sheet in the other language is in the folder; "
                "remove it first"
            )
        out = io.StringIO()
        writer = csv.writer(out, delimiter=SEPARATOR, lineterminator="\r\n")
        for row in rows:
            writer.writerow(["" if cell is None else str(cell) for cell in row])
        write_atomic(folder / f"{sheet.name.render(lang)}.csv", "\ufeff" + out.getvalue())
