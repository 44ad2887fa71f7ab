r"""A group in a spreadsheet: a workbook (``.xlsx``) or a folder of CSV files, both ways.

People who describe groups keep their data in spreadsheets. A workbook has five sheets: *Groupe*
(one field a row), *Entités*, *Relations* (governance and capital), *Flux* (financial flows) and
*Comptes* (a member's accounts, one year a row), one item a row and one key of the format a
column (:mod:`~ges_graph.io.spreadsheet.layout`); a
folder of CSV files holds the same sheets, one file each
(:mod:`~ges_graph.io.spreadsheet.csv_folder`). :func:`ges_graph.io.load` reads both (a path ending
in ``.xlsx``, or a folder) and :func:`ges_graph.io.save` writes both (``.xlsx``, or a path that
ends with ``/`` or is a folder); the functions here do the same, and say the language.

Every document survives a trip through a workbook or a folder unchanged; errors name the cell
(``Entités!C7 (forme)``) with the words of the YAML loader. Workbooks need openpyxl
(``pip install 'ges-graph[xlsx]'``); CSV folders need nothing more.

Examples:
    >>> import tempfile, pathlib
    >>> from ges_graph._data import example_path
    >>> from ges_graph.io import load_document
    >>> doc = load_document(example_path("tremplin.yaml"))
    >>> folder = pathlib.Path(tempfile.mkdtemp()) / "tremplin"
    >>> save_csv_folder(doc, folder)
    >>> sorted(p.name for p in folder.iterdir())
    ['Comptes.csv', 'Entités.csv', 'Flux.csv', 'Groupe.csv', 'Relations.csv']
    >>> print((folder / "Entités.csv").read_text(encoding="utf-8-sig").splitlines()[1])
    tremplin;Association Tremplin;association loi 1901;atelier et chantier d'insertion, ...
    >>> load_csv_folder(folder) == doc
    True
"""

from __future__ import annotations

import os
from pathlib import Path

from ges_graph._data import example_path
from ges_graph._files import write_atomic
from ges_graph.errors import ArgumentError, ArgumentTypeError
from ges_graph.graph import GES
from ges_graph.i18n import Lang, check_lang
from ges_graph.io.document import _read, _validate
from ges_graph.io.source import MAX_SIZE
from ges_graph.io.spreadsheet.csv_folder import SEPARATOR, read_csv_folder, write_csv_folder
from ges_graph.io.spreadsheet.xlsx import MACRO_SUFFIXES, read_workbook, workbook_bytes
from ges_graph.model import Document

__all__ = [
    "SEPARATOR",
    "WORKBOOK_SUFFIXES",
    "is_spreadsheet",
    "load_csv_folder",
    "load_spreadsheet",
    "load_workbook",
    "save_csv_folder",
    "save_spreadsheet",
    "save_workbook",
    "template_document",
    "write_template",
]

WORKBOOK_SUFFIXES = (".xlsx", *MACRO_SUFFIXES)
"""Suffixes read as workbooks (the macro-enabled ones only to be refused)."""


def is_spreadsheet(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` names a workbook (by its suffix) or a CSV folder (a folder, or ``x/``).

    Examples:
        >>> is_spreadsheet("g.XLSX"), is_spreadsheet("dossier/"), is_spreadsheet("g.yaml")
        (True, True, False)
    """
    name = os.fspath(path)
    if Path(name).suffix.lower() in WORKBOOK_SUFFIXES or name.endswith(("/", os.sep)):
        return True
    try:
        return Path(name).is_dir()
    except (OSError, ValueError):
        return False


def _document(obj: GES | Document) -> Document:
    doc = obj.document if isinstance(obj, GES) else obj
    if not isinstance(doc, Document):
        raise ArgumentTypeError(f"expected a GES or a Document, not {type(doc).__name__}")
    return doc


def _check_max_size(max_size: object) -> None:
    if isinstance(max_size, bool) or not isinstance(max_size, int) or max_size < 0:
        raise ArgumentError(
            f"max_size must be a whole number of bytes, 0 or more, not {max_size!r}"
        )


def load_workbook(path: str | os.PathLike[str], *, max_size: int = MAX_SIZE) -> Document:
    """The document a workbook holds.

    Formulas are refused (never evaluated, their cached values not read), and so are
    macro-enabled workbooks, files over ``max_size`` bytes and parts that uncompress past ten
    times it.

    Raises:
        LoadError: the file is refused or does not hold a valid document; errors name the cell.
        MissingDependencyError: openpyxl is not installed.
    """
    _check_max_size(max_size)
    return read_workbook(path, max_size)


def load_csv_folder(path: str | os.PathLike[str], *, max_size: int = MAX_SIZE) -> Document:
    """The document a folder of CSV files holds (its files together at most ``max_size`` bytes).

    Raises:
        LoadError: a file is missing or refused, or the cells do not hold a valid document.
    """
    _check_max_size(max_size)
    return read_csv_folder(path, max_size)


def save_workbook(obj: GES | Document, path: str | os.PathLike[str], *, lang: Lang = "fr") -> None:
    """Write the document as a workbook in ``lang`` (sheet names, headers, labels, comments).

    Raises:
        ArgumentError: ``path`` has a macro-enabled suffix (``.xlsm``), or is a symbolic link.
        MissingDependencyError: openpyxl is not installed.
        OSError: the file cannot be written.
    """
    check_lang(lang)
    if Path(path).suffix.lower() in MACRO_SUFFIXES:
        raise ArgumentError(f"{os.fspath(path)}: a workbook is written as .xlsx, never with macros")
    write_atomic(path, workbook_bytes(_document(obj), lang))


def save_csv_folder(
    obj: GES | Document, path: str | os.PathLike[str], *, lang: Lang = "fr"
) -> None:
    """Write the document as a folder of CSV files in ``lang`` (created if need be).

    Raises:
        ArgumentError: the folder holds a file of the same sheet in the other language.
        OSError: a file cannot be written.
    """
    check_lang(lang)
    write_csv_folder(_document(obj), path, lang)


def template_document() -> Document:
    """The example a template is filled with: Groupe Tremplin, an association heading a SAS.

    Examples:
        >>> template_document().name
        'Groupe Tremplin'
    """
    path = example_path("tremplin.yaml")
    text = path.read_text(encoding="utf-8")
    data, marks = _read(text, "yaml", str(path))
    return _validate(data, text, "yaml", str(path), marks)


def write_template(path: str | os.PathLike[str], *, lang: Lang = "fr", csv: bool = False) -> None:
    """Write a workbook (or, with ``csv``, a folder of CSV files) to fill in, with an example.

    Raises:
        ArgumentError: ``path`` exists already (a template never overwrites a file or folder).
        MissingDependencyError: openpyxl is not installed (for a workbook).
        OSError: the file cannot be written.
    """
    check_lang(lang)
    if Path(path).exists():
        raise ArgumentError(f"{os.fspath(path)}: already exists; a template overwrites nothing")
    if csv:
        save_csv_folder(template_document(), path, lang=lang)
    else:
        save_workbook(template_document(), path, lang=lang)


def load_spreadsheet(path: str | os.PathLike[str], *, max_size: int = MAX_SIZE) -> Document:
    """A workbook or a CSV folder, by its path (see :func:`is_spreadsheet`)."""
    if Path(path).suffix.lower() in WORKBOOK_SUFFIXES:
        return load_workbook(path, max_size=max_size)
    return load_csv_folder(path, max_size=max_size)


def save_spreadsheet(obj: GES | Document, path: str | os.PathLike[str]) -> None:
    """A workbook or a CSV folder in French, by its path (see :func:`is_spreadsheet`)."""
    if Path(path).suffix.lower() in WORKBOOK_SUFFIXES:
        save_workbook(obj, path)
    else:
        save_csv_folder(obj, path)
