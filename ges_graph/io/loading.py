"""Loading documents: a GES, or the validated document, from a file or from text.

:func:`load` and :func:`loads` give a GES, :func:`load_document` and :func:`loads_document` the
validated document, :func:`syntax_of` the syntax of a file from its suffix.

Reading goes in three steps, each refusing what the format refuses: the bytes
(:mod:`ges_graph.io.source`), the syntax (:mod:`ges_graph.io.json_reader`,
:mod:`ges_graph.io.yaml_reader`), the model (:mod:`ges_graph.io.document`). The cyclic garbage
collector is paused while a large document is read and its graph built.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from ges_graph._lazy import lazy_module
from ges_graph.errors import ArgumentError, ErrorDetail, LoadError, os_reason
from ges_graph.graph import GES
from ges_graph.i18n import Tr
from ges_graph.io.document import _read, _validate
from ges_graph.io.source import (
    _GC_PAUSE_ITEMS,
    _GC_PAUSE_SIZE,
    MAX_SIZE,
    Syntax,
    _decode,
    _gc_paused,
    _too_large,
)
from ges_graph.model import Document

if TYPE_CHECKING:
    from ges_graph.io import bods, spreadsheet
else:  # the readers of workbooks, CSV folders and BODS: loaded when such an input comes
    bods = lazy_module("ges_graph.io.bods")
    spreadsheet = lazy_module("ges_graph.io.spreadsheet")

__all__ = ["load", "load_document", "loads", "loads_document", "syntax_of"]

_SUFFIXES: dict[str, Syntax] = {".yaml": "yaml", ".yml": "yaml", ".json": "json"}
_ARRAY = re.compile(r"\s*\[")
"""JSON text that opens an array (BODS statements may; a document never does)."""


def syntax_of(path: str | os.PathLike[str]) -> Syntax:
    """The syntax of a file, from its suffix (``.yaml``, ``.yml``, ``.json``).

    Raises:
        LoadError: the suffix is none of these.

    Examples:
        >>> syntax_of("groupe.YML"), syntax_of("groupe.json")
        ('yaml', 'json')
        >>> syntax_of("groupe.txt")
        Traceback (most recent call last):
        ...
        ges_graph.errors.LoadError: groupe.txt: unknown file suffix (got '.txt'; expected .yaml, ...
    """
    suffix = Path(path).suffix.lower()
    try:
        return _SUFFIXES[suffix]
    except KeyError:
        message, expected = _UNKNOWN_SUFFIX
        if suffix in _OTHER_SHEETS:  # a spreadsheet program's own format: say what to do
            message = _OTHER_SHEET
        elif suffix == ".csv":
            message, expected = _ONE_CSV
        raise LoadError(
            str(path),
            [
                ErrorDetail(
                    "",
                    message.en,
                    suffix,
                    expected.en,
                    type="suffix",
                    message_fr=message.fr,
                    expected_fr=expected.fr,
                )
            ],
        ) from None


_UNKNOWN_SUFFIX = (
    Tr("extension de fichier inconnue", "unknown file suffix"),
    Tr(
        ".yaml, .yml, .json, .xlsx ou un dossier de fichiers CSV",
        ".yaml, .yml, .json, .xlsx or a folder of CSV files",
    ),
)
_OTHER_SHEETS = frozenset({".ods", ".xls", ".numbers", ".fods"})
_OTHER_SHEET = Tr(
    "classeur d'un autre format : enregistrez-le au format .xlsx (Excel), que ges-graph lit",
    "a workbook in another format: save it as .xlsx (Excel), which ges-graph reads",
)
_ONE_CSV = (
    Tr("un fichier CSV seul ne peut être lu", "a single CSV file cannot be read"),
    Tr(
        "le dossier qui contient Groupe.csv, Entités.csv, Relations.csv et Flux.csv",
        "the folder holding Group.csv, Entities.csv, Relations.csv and Flows.csv",
    ),
)


def _check_max_size(max_size: object) -> None:
    """Refuse a size limit that is not a whole number of bytes, 0 or more.

    Examples:
        >>> _check_max_size(2**64)  # any size, however large
        >>> _check_max_size(-1)
        Traceback (most recent call last):
        ...
        ges_graph.errors.ArgumentError: max_size must be a whole number of bytes, 0 or more, not -1
    """
    if isinstance(max_size, bool) or not isinstance(max_size, int) or max_size < 0:
        raise ArgumentError(
            f"max_size must be a whole number of bytes, 0 or more, not {max_size!r}"
        )


def load_document(
    path: str | os.PathLike[str], *, syntax: Syntax | None = None, max_size: int = MAX_SIZE
) -> Document:
    r"""Load a document from a file; the syntax comes from the suffix unless given.

    Args:
        path: the file.
        syntax: ``"yaml"`` or ``"json"``; by default from the suffix.
        max_size: larger files are refused (in bytes), before being read whole.

    Raises:
        LoadError: the file is not a valid document (or cannot be read).
        ArgumentError: ``max_size`` is not a whole number, 0 or more.

    Examples:
        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "g.yaml"
        >>> _ = p.write_text("format: ges-graph/1\nname: G\n"
        ...                  "entities: [{id: a, name: A, form: sas}]\n", encoding="utf-8")
        >>> load_document(p).entities[0].form
        <Form.SAS: 'sas'>
    """
    _check_max_size(max_size)
    # A file named .yaml, .yml or .json is a document: the spreadsheet readers stay unloaded.
    document_file = Path(path).suffix.lower() in _SUFFIXES and os.path.isfile(path)
    if syntax is None and not document_file and spreadsheet.is_spreadsheet(path):
        return spreadsheet.load_spreadsheet(path, max_size=max_size)
    data = read_limited(path, max_size)
    return loads_document(data, syntax=syntax or syntax_of(path), file=str(path), max_size=max_size)


def read_limited(path: str | os.PathLike[str], max_size: int = MAX_SIZE) -> bytes:
    """The bytes of a file, refused before being read whole when it is larger than ``max_size``.

    Raises:
        LoadError: the file cannot be read, or is too large (the errors :func:`load` gives).

    Examples:
        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "g.json"
        >>> _ = p.write_bytes(b'{"name": "G"}')
        >>> read_limited(p)
        b'{"name": "G"}'
        >>> read_limited(p, 5)
        Traceback (most recent call last):
        ...
        ges_graph.errors.LoadError: ...: the document is larger than the size limit (13 bytes) ...
    """
    _check_max_size(max_size)
    file = str(path)
    try:
        with open(path, "rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            if size > max_size:
                raise LoadError(file, [_too_large(size, max_size)])
            return stream.read(min(max_size, size) + 1)  # a huge limit fits no index
    except OSError as exc:
        raise LoadError(
            file,
            [
                ErrorDetail(
                    "",
                    f"cannot read the file: {os_reason(exc, 'en')}",
                    type="io",
                    message_fr=f"lecture du fichier impossible : {os_reason(exc, 'fr')}",
                )
            ],
        ) from None


def loads_document(
    text: str | bytes, *, syntax: Syntax, file: str = "<string>", max_size: int = MAX_SIZE
) -> Document:
    r"""Load a document from text or bytes (UTF-8).

    Args:
        text: the document.
        syntax: ``"yaml"`` or ``"json"``.
        file: the name to give in errors.
        max_size: larger documents are refused (in bytes of UTF-8).

    Raises:
        LoadError: the text is not a valid document.

    Examples:
        >>> doc = loads_document(b"format: ges-graph/1\nname: G\n"
        ...                      b"entities: [{id: a, name: A, form: sas}]\n", syntax="yaml")
        >>> doc.name
        'G'
        >>> loads_document('{"format": "ges-graph/1", "format": "x"}', syntax="json")
        Traceback (most recent call last):
        ...
        ges_graph.errors.LoadError: <string>:1:27: format: duplicate key 'format' (got 'format'; ...
    """
    _check_max_size(max_size)
    if syntax not in ("yaml", "json"):
        raise ArgumentError(f"unknown syntax: {syntax!r} (must be one of ['yaml', 'json'])")
    with _gc_paused(len(text) >= _GC_PAUSE_SIZE):
        source = _decode(text, file, max_size)
        # BODS 0.4 statements: an array (a document is an object, and needs no BODS reader)
        if syntax == "json" and _ARRAY.match(source) and bods.looks_like_bods(source):
            return bods.loads_bods(source, file=file)
        data, marks = _read(source, syntax, file)
        return _validate(data, source, syntax, file, marks)


def load(
    path: str | os.PathLike[str], *, syntax: Syntax | None = None, max_size: int = MAX_SIZE
) -> GES:
    """Load a GES from a file (see :func:`load_document`).

    Raises:
        LoadError: the file is not a valid document.

    Examples:
        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "g.json"
        >>> _ = p.write_text('{"format": "ges-graph/1", "name": "G", "entities": '
        ...                  '[{"id": "a", "name": "A", "form": "scic"}]}', encoding="utf-8")
        >>> load(p)
        <GES 'G': 1 entities, 0 relations>
        >>> load(p, max_size=10)
        Traceback (most recent call last):
        ...
        ges_graph.errors.LoadError: ...: the document is larger than the size limit (94 bytes) ...
    """
    document = load_document(path, syntax=syntax, max_size=max_size)
    with _gc_paused(len(document.relations) + len(document.entities) >= _GC_PAUSE_ITEMS):
        return GES(document)


def loads(
    text: str | bytes, *, syntax: Syntax, file: str = "<string>", max_size: int = MAX_SIZE
) -> GES:
    r"""Load a GES from text or bytes (see :func:`loads_document`).

    Raises:
        LoadError: the text is not a valid document.

    Examples:
        >>> ges = loads("format: ges-graph/1\nname: G\nentities:\n"
        ...             "  - {id: a, name: A, form: association}\n"
        ...             "  - {id: b, name: B, form: sas}\n"
        ...             "relations: [{type: shareholding, from: a, to: b, share: 100}]\n",
        ...             syntax="yaml")
        >>> list(ges.graph.edges(keys=True))
        [('a', 'b', 'relations[0]')]
    """
    with _gc_paused(len(text) >= _GC_PAUSE_SIZE):
        return GES(loads_document(text, syntax=syntax, file=file, max_size=max_size))
