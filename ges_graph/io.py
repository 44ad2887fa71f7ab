r"""Loading and saving GES documents (YAML, JSON), with errors that point at the place.

Reading a document goes in three steps, each refusing what the format refuses
(``format.md``, "What is refused at load"):

1. **Bytes.** A file larger than the size limit is refused before it is read whole; the bytes must
   be UTF-8 (a byte-order mark is tolerated; the error gives the byte offset).
2. **Syntax.** JSON is parsed by the standard library, with hooks that catch duplicate keys and
   numbers that are not finite. YAML is read event by event from libyaml's parser (the pure-Python
   one where libyaml is missing), as YAML 1.1 with a safe loader's types; tags, anchors, aliases
   (merge keys included), several documents, duplicate keys and non-finite numbers are refused
   *before* any value is built, so an alias bomb never expands. Nesting deeper than 32 levels (the
   top-level mapping is level 1) is refused in both syntaxes.
3. **Model.** The plain data is validated by :class:`ges_graph.model.Document`; pydantic's errors
   become :class:`ErrorDetail` items with the document path (``entities[1].form``), a message a
   person can act on, the value, the allowed values, and the line and column in the file, sorted in
   document order.

Every error is written in French and English (``ErrorDetail.message_fr``/``message``): French
by default in ``LoadError.to_text()`` and on the command line, English in ``str()``.

JSON is the fast path: a 10,000-entity document loads about three times faster from JSON than
from YAML (``benchmarks/bench_load.py``); the cyclic garbage collector is paused while a large
document is read.

Examples:
    >>> ges = loads('{"format": "ges-graph/1", "name": "G", '
    ...             '"entities": [{"id": "a", "name": "A", "form": "association"}]}',
    ...             syntax="json")
    >>> ges.name, len(ges)
    ('G', 1)
    >>> try:
    ...     loads("format: ges-graph/1\nname: G\nentities:\n"
    ...           "  - {id: a, name: A, form: associaton}\n", syntax="yaml", file="g.yaml")
    ... except LoadError as exc:
    ...     err = exc
    >>> print(err.to_text())  # French by default; to_text("en") or str(err) in English
    g.yaml:4:28: entities[0].form : forme inconnue ; vouliez-vous dire 'association' ? (lu ...
    >>> print(err)
    g.yaml:4:28: entities[0].form: unknown form; did you mean 'association'? (got 'associaton'; ...
    >>> err.details[0].expected  # doctest: +ELLIPSIS
    'one of: association, union, foundation, endowment_fund, gie, employer_group, sa, sas, ...'
    >>> print(dumps(ges, syntax="yaml"), end="")
    format: ges-graph/1
    name: G
    entities:
    - id: a
      name: A
      form: association
"""

from __future__ import annotations

import bisect
import codecs
import dataclasses
import datetime as dt
import difflib
import gc
import json
import math
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal, NoReturn

import yaml
from pydantic import BaseModel, ValidationError

from ges_graph.errors import ErrorDetail, LoadError
from ges_graph.graph import GES
from ges_graph.model import (
    FORMAT,
    MAX_DEPTH,
    RELATION_CLASSES,
    Document,
    Entity,
    PercentRange,
    RelationType,
    format_loc,
)

__all__ = [
    "MAX_SIZE",
    "SCHEMA_ID",
    "Syntax",
    "document_json_schema",
    "dumps",
    "error_details",
    "load",
    "load_document",
    "loads",
    "loads_document",
    "save",
    "syntax_of",
]

Syntax = Literal["yaml", "json"]
MAX_SIZE = 16 * 1024 * 1024
"""Default size limit of a document, in bytes (16 MiB)."""

SCHEMA_ID = "urn:ges-graph:schema:ges-document:1"
"""The ``$id`` of the format's JSON Schema (``schemas/json/ges-document.schema.json``)."""

_GC_PAUSE_SIZE = 1 << 20
"""Documents of at least this many bytes (or characters) are read with the cyclic GC paused."""
_GC_PAUSE_ITEMS = 5000
"""Graphs of at least this many entities and relations are built with the cyclic GC paused."""

_MAX_ERRORS = 100
"""At most this many errors are reported for one file (the first in document order first)."""

_LOADER: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader where PyYAML was built with it (several times faster), else PyYAML's."""
_DUMPER: type[Any] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

_SUFFIXES: dict[str, Syntax] = {".yaml": "yaml", ".yml": "yaml", ".json": "json"}


class _Stop(Exception):
    """Internal: stop reading, the errors gathered so far are reported."""


class _Refused(Exception):
    """Internal: a YAML scalar that is refused, with the message and the error type."""

    def __init__(self, message: str, kind: str, message_fr: str) -> None:
        super().__init__(message)
        self.message = message
        self.message_fr = message_fr
        self.kind = kind


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------


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
        raise LoadError(
            str(path),
            [
                ErrorDetail(
                    "",
                    "unknown file suffix",
                    suffix,
                    ".yaml, .yml or .json",
                    type="suffix",
                    message_fr="extension de fichier inconnue",
                    expected_fr=".yaml, .yml ou .json",
                )
            ],
        ) from None


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

    Examples:
        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "g.yaml"
        >>> _ = p.write_text("format: ges-graph/1\nname: G\n"
        ...                  "entities: [{id: a, name: A, form: sas}]\n", encoding="utf-8")
        >>> load_document(p).entities[0].form
        <Form.SAS: 'sas'>
    """
    file = str(path)
    syntax = syntax or syntax_of(path)
    try:
        with open(path, "rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            if size > max_size:
                raise LoadError(file, [_too_large(size, max_size)])
            data = stream.read(max_size + 1)
    except OSError as exc:
        raise LoadError(
            file,
            [
                ErrorDetail(
                    "",
                    f"cannot read the file: {exc.strerror or exc}",
                    type="io",
                    message_fr=f"lecture du fichier impossible : {exc.strerror or exc}",
                )
            ],
        ) from None
    return loads_document(data, syntax=syntax, file=file, max_size=max_size)


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
    if syntax not in ("yaml", "json"):
        raise ValueError(f"unknown syntax: {syntax!r} (must be one of ['yaml', 'json'])")
    with _gc_paused(len(text) >= _GC_PAUSE_SIZE):
        source = _decode(text, file, max_size)
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


def dumps(obj: GES | Document, *, syntax: Syntax = "yaml") -> str:
    """The document as YAML or JSON text, which :func:`loads` reads back to an equal document.

    Keys come in the order of the format; default values are left out; numbers with no fractional
    part are written as integers (``share: 100``), dates as dates; ``attrs`` is written as it is.
    YAML is in block style, with non-ASCII characters kept.

    Examples:
        >>> ges = GES.from_data({"format": "ges-graph/1", "name": "Groupe Été", "entities": [
        ...     {"id": "a", "name": "A", "form": "association"},
        ...     {"id": "b", "name": "B", "form": "sas"}], "relations": [
        ...     {"type": "shareholding", "from": "a", "to": "b", "share": 100,
        ...      "start": "2020-01-01"}]})
        >>> print(dumps(ges))
        format: ges-graph/1
        name: Groupe Été
        entities:
        - id: a
          name: A
          form: association
        - id: b
          name: B
          form: sas
        relations:
        - type: shareholding
          from: a
          to: b
          start: 2020-01-01
          share: 100
        <BLANKLINE>
        >>> dumps(ges, syntax="json").splitlines()[:3]
        ['{', '  "format": "ges-graph/1",', '  "name": "Groupe Été",']
    """
    doc = obj.document if isinstance(obj, GES) else obj
    if not isinstance(doc, Document):
        raise TypeError(f"dumps expects a GES or a Document, not {type(doc).__name__}")
    data = doc.model_dump(mode="json", exclude_defaults=True, by_alias=True)
    data = _integral_numbers(data)
    if syntax == "json":
        return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    if syntax != "yaml":
        raise ValueError(f"unknown syntax: {syntax!r} (must be one of ['yaml', 'json'])")
    _restore_dates(data)
    text: str = yaml.dump(
        data,
        Dumper=_DUMPER,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=100,
    )
    return text


def save(
    obj: GES | Document, path: str | os.PathLike[str], *, syntax: Syntax | None = None
) -> None:
    """Write the document to a file (UTF-8); the syntax comes from the suffix unless given.

    Loading the file gives back an equal document (see :func:`dumps`).

    Raises:
        LoadError: the suffix is not a document suffix and no syntax is given.

    Examples:
        >>> import tempfile, pathlib
        >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
        ...     {"id": "a", "name": "A", "form": "association", "attrs": {"x": [1, 2.5]}}]})
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "g.yaml"
        >>> save(ges, p)
        >>> load(p) == ges
        True
    """
    text = dumps(obj, syntax=syntax or syntax_of(path))
    Path(path).write_text(text, encoding="utf-8", newline="\n")


def document_json_schema() -> dict[str, Any]:
    """The JSON Schema of format ``ges-graph/1``, generated from the models.

    The committed copy is ``schemas/json/ges-document.schema.json`` (a test fails when it drifts).
    It lets an editor check a document as it is typed; what it cannot say (unique ids, references,
    SIREN checksums, a ``start`` after its ``end``) is still checked at load.

    Examples:
        >>> schema = document_json_schema()
        >>> schema["$id"], schema["properties"]["format"]["const"]
        ('urn:ges-graph:schema:ges-document:1', 'ges-graph/1')
        >>> schema["$defs"]["Entity"]["additionalProperties"]
        False
    """
    generated = _tidy_schema(Document.model_json_schema(by_alias=True, mode="validation"))
    props = generated["properties"]
    props["format"] = {
        "const": FORMAT,
        "title": "Format",
        "description": "format and version of the document",
    }
    props["entities"]["minItems"] = 1
    for cls in RELATION_CLASSES.values():
        definition = generated["$defs"][cls.__name__]
        definition["required"] = ["type", *definition.get("required", [])]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **generated,
        "title": "GES document (ges-graph/1)",
        "description": (
            "A Groupe Économique Solidaire: its legal entities and the relations between them. "
            "Generated from the ges-graph models; see docs/format.md."
        ),
    }


_SCHEMA_BOUNDS = {
    "ge": "minimum",
    "le": "maximum",
    "gt": "exclusiveMinimum",
    "lt": "exclusiveMaximum",
}


def _tidy_schema(node: Any) -> Any:
    """The generated schema with standard keywords and short descriptions.

    pydantic leaves bounds that follow a ``BeforeValidator`` as ``ge``/``le``: they become
    ``minimum``/``maximum``; descriptions lose their doctest examples.
    """
    if isinstance(node, list):
        return [_tidy_schema(v) for v in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key in _SCHEMA_BOUNDS and "type" in node:
            out[_SCHEMA_BOUNDS[key]] = value
        elif key == "description" and isinstance(value, str):
            out[key] = value.split("\n\nExamples:")[0]
        else:
            out[key] = _tidy_schema(value)
    return out


# --------------------------------------------------------------------------------------------
# Bytes
# --------------------------------------------------------------------------------------------


@contextmanager
def _gc_paused(active: bool) -> Iterator[None]:
    """Pause the cyclic garbage collector while many small objects are built (measured.md).

    Only for large documents: for small ones the collection that follows costs more than the
    pause saves (``benchmarks/bench_load.py``).
    """
    was_enabled = gc.isenabled()
    if not active or not was_enabled:
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _too_large(size: int, max_size: int) -> ErrorDetail:
    return ErrorDetail(
        "",
        f"the document is larger than the size limit ({size} bytes)",
        expected=f"at most {max_size} bytes",
        type="too_large",
        message_fr=f"le document dépasse la taille maximale ({size} octets)",
        expected_fr=f"au plus {max_size} octets",
    )


def _decode(text: str | bytes, file: str, max_size: int) -> str:
    """The text of a document, checked for size and encoding, without a byte-order mark."""
    if isinstance(text, str):
        size = len(text) if len(text) * 4 <= max_size else len(text.encode("utf-8", "replace"))
        if size > max_size:
            raise LoadError(file, [_too_large(size, max_size)])
        if not text.isascii():
            try:
                text.encode("utf-8")
            except UnicodeEncodeError as exc:
                line = text.count("\n", 0, exc.start) + 1
                column = exc.start - text.rfind("\n", 0, exc.start)
                raise LoadError(
                    file,
                    [
                        ErrorDetail(
                            "",
                            f"the text is not valid Unicode at character {exc.start}",
                            ascii(text[exc.start : exc.end]),
                            "Unicode text",
                            line,
                            column,
                            type="encoding",
                            message_fr="le texte n'est pas de l'Unicode valide au caractère "
                            f"{exc.start}",
                            expected_fr="du texte Unicode",
                        )
                    ],
                ) from None
        return text[1:] if text.startswith("\ufeff") else text
    if len(text) > max_size:
        raise LoadError(file, [_too_large(len(text), max_size)])
    skip = len(codecs.BOM_UTF8) if text.startswith(codecs.BOM_UTF8) else 0
    try:
        return text[skip:].decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = skip + exc.start
        line, column = _byte_position(text, offset)
        bad = text[offset : offset + min(exc.end - exc.start, 4)]
        raise LoadError(
            file,
            [
                ErrorDetail(
                    "",
                    f"the file is not UTF-8: invalid byte at offset {offset}",
                    bad.hex(" "),
                    "UTF-8 text",
                    line,
                    column,
                    type="encoding",
                    message_fr="le fichier n'est pas en UTF-8 : octet invalide à la position "
                    f"{offset}",
                    expected_fr="du texte UTF-8",
                )
            ],
        ) from None


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    """Line and column (from 1) of a byte offset; the column counts characters."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", "replace")) + 1
    return data.count(b"\n", 0, offset) + 1, column


# --------------------------------------------------------------------------------------------
# Syntax: plain data, or the errors found reading it
# --------------------------------------------------------------------------------------------

_Marks = dict[str, tuple[int, int]]
"""Document path -> (line, column) of the value at that path; ``path + "\\0key"`` for the key."""


def _read(source: str, syntax: Syntax, file: str) -> tuple[Any, _Marks | None]:
    """Plain data from the text; marks when they were computed already (on an error path)."""
    marks: _Marks | None = None
    if syntax == "json":
        data = _json_fast(source)
        if (
            data is _SUSPECT
            or _attrs_suspect(data)
            or ("\\u" in source and _SURROGATE.search(source))
        ):
            data, errors, marks = _JsonReader(source).read()
            _raise_if(file, errors)
    else:
        data, errors, marks = _read_yaml(source, record=False)
        _raise_if(file, errors)
        marks = None
    if not isinstance(data, dict):
        raise LoadError(
            file,
            [
                ErrorDetail(
                    "",
                    "the document is empty" if data is None else f"the document is {_kind(data)}",
                    expected="a mapping with format, name and entities",
                    line=1,
                    column=1,
                    type="not_a_mapping",
                    message_fr="le document est vide"
                    if data is None
                    else f"le document est {_kind(data, 'fr')}",
                    expected_fr="un dictionnaire avec format, name et entities",
                )
            ],
        )
    return data, marks


def _raise_if(file: str, errors: list[ErrorDetail]) -> None:
    if errors:
        raise LoadError(file, errors[:_MAX_ERRORS])


# -- JSON --------------------------------------------------------------------------------------

_SURROGATE = re.compile(r"\\u[dD][89abcdefABCDEF]")
"""An escaped UTF-16 surrogate: the slow reader checks that it is part of a pair."""
_SUSPECT: Any = object()
"""Returned by the fast JSON reader when the slow, position-aware reader must look."""


class _Suspect(Exception):
    pass


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        raise _Suspect
    return obj


def _constant(_: str) -> NoReturn:
    raise _Suspect


def _float(text: str) -> float:
    value = float(text)
    if value in (math.inf, -math.inf):
        raise _Suspect
    return value


def _int(text: str) -> int:
    if len(text) > 308:  # perhaps beyond a float's range: the slow reader decides
        raise _Suspect
    return int(text)


def _json_fast(source: str) -> Any:
    """``json.loads`` with hooks; ``_SUSPECT`` when anything is off (the slow reader explains)."""
    try:
        return json.loads(
            source,
            object_pairs_hook=_pairs,
            parse_constant=_constant,
            parse_float=_float,
            parse_int=_int,
        )
    except (_Suspect, ValueError, RecursionError):  # JSONDecodeError is a ValueError
        return _SUSPECT


def _attrs_suspect(data: Any) -> bool:
    """True when ``attrs`` nests deeper than the limit.

    ``attrs`` is the only free-form part of a document: outside it the model admits no nesting
    deeper than four levels, so after the fast JSON reader this is enough to refuse deep nesting.
    The slow reader then says where.
    """
    if not isinstance(data, dict):
        return False
    top = data.get("attrs")
    if top and type(top) in (dict, list) and _attrs_bad(top, 2):
        return True
    for key in ("entities", "relations"):
        items = data.get(key)
        if type(items) is list:
            for item in items:
                if type(item) is dict:
                    attrs = item.get("attrs")
                    if attrs and type(attrs) in (dict, list) and _attrs_bad(attrs, 4):
                        return True
    return False


def _attrs_bad(value: Any, depth: int) -> bool:
    if depth > MAX_DEPTH:
        return True
    for child in value.values() if type(value) is dict else value:
        kind = type(child)
        if (kind is dict or kind is list) and _attrs_bad(child, depth + 1):
            return True
    return False


_scanstring: Callable[[str, int], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]
_JSON_WS = re.compile(r"[ \t\n\r]*")
_JSON_NUMBER = re.compile(r"(-?(?:0|[1-9][0-9]*))(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_JSON_SKIP = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')
_JSON_LITERALS = {"null": None, "true": True, "false": False}

# Messages used in several places, as (English, French).
_DEEP = (f"nesting deeper than {MAX_DEPTH} levels", f"imbrication de plus de {MAX_DEPTH} niveaux")
_DEEP_EXPECTED = (f"at most {MAX_DEPTH} levels", f"au plus {MAX_DEPTH} niveaux")
_SURROGATE_MESSAGE = (
    "the string is not valid Unicode (a lone surrogate)",
    "la chaîne n'est pas de l'Unicode valide (un demi-codet d'indirection isolé)",
)
_UNICODE_TEXT = ("Unicode text", "du texte Unicode")
_TOO_LARGE_NUMBER = ("number too large for a float", "nombre trop grand pour un flottant")
_NOT_FINITE = ("not a finite number", "nombre non fini")
_FINITE = ("a finite number", "un nombre fini")
_KEY_ONCE = ("each key once per mapping", "chaque clé une seule fois par dictionnaire")
_PLAIN = ("plain values, written out", "des valeurs simples, écrites en entier")
_STRING_KEY = ("a string key", "une clé chaîne de caractères")
_KEY_NOT_STRING = ("a mapping key must be a string", "une clé de dictionnaire doit être une chaîne")

_JSON_SYNTAX_FR = {
    "extra data after the document": "données en trop après le document",
    "expecting a value": "valeur attendue",
    "unterminated list or mapping": "liste ou dictionnaire non fermé",
    "expecting a property name in double quotes": (
        "nom de propriété entre guillemets doubles attendu"
    ),
    "expecting ':' after a key": "« : » attendu après une clé",
    "expecting ',' or '}'": "« , » ou « } » attendu",
    "expecting ',' or ']'": "« , » ou « ] » attendu",
    "unterminated string starting at": "chaîne non fermée",
    "invalid control character at": "caractère de contrôle invalide",
    "invalid \\escape": "séquence d'échappement invalide",
    "invalid \\uxxxx escape": "séquence d'échappement \\uXXXX invalide",
}
"""French for the JSON syntax errors (ours, and those of the standard library's string scanner)."""
_JSON_NONFINITE = ("NaN", "Infinity", "-Infinity")


class _JsonReader:
    """A JSON reader that knows where each value is: for errors, never on the fast path.

    It accepts what ``json.loads`` accepts and reports, in document order, duplicate keys,
    non-finite numbers, nesting deeper than :data:`MAX_DEPTH`, strings that are not valid Unicode
    and syntax errors, each with the path and the line and column; it also gives the marks of every
    value for the model's errors.
    """

    def __init__(self, source: str) -> None:
        self.source = source
        self.errors: list[ErrorDetail] = []
        self.offsets: dict[str, int] = {}
        self._lines: list[int] | None = None

    def read(self) -> tuple[Any, list[ErrorDetail], _Marks]:
        data: Any = None
        try:
            data, pos = self._value(0, "", 1)
            pos = _JSON_WS.match(self.source, pos).end()  # type: ignore[union-attr]
            if pos != len(self.source):
                self._syntax("extra data after the document", pos)
        except _Stop:
            pass
        marks = {path: self.position(offset) for path, offset in self.offsets.items()}
        return data, self.errors, marks

    def position(self, offset: int) -> tuple[int, int]:
        if self._lines is None:
            self._lines = [m.end() for m in re.finditer("\n", self.source)]
        line = bisect.bisect_right(self._lines, offset)
        start = self._lines[line - 1] if line else 0
        return line + 1, offset - start + 1

    def _error(
        self,
        path: str,
        offset: int,
        message: tuple[str, str],
        value: Any,
        expected: tuple[str, str],
        kind: str,
    ) -> None:
        """Record an error; ``message`` and ``expected`` are (English, French)."""
        line, column = self.position(offset)
        self.errors.append(
            ErrorDetail(
                path,
                message[0],
                value,
                expected[0],
                line,
                column,
                type=kind,
                message_fr=message[1],
                expected_fr=expected[1],
            )
        )
        if len(self.errors) >= _MAX_ERRORS:
            raise _Stop

    def _syntax(self, message: str, offset: int) -> NoReturn:
        """Record a syntax error (``message``: English, translated by :data:`_JSON_SYNTAX_FR`)."""
        french = _JSON_SYNTAX_FR.get(message, message)
        self._error(
            "",
            offset,
            (f"invalid JSON: {message}", f"JSON invalide : {french}"),
            None,
            ("", ""),
            "syntax",
        )
        raise _Stop

    def _value(self, pos: int, path: str, depth: int) -> tuple[Any, int]:
        src = self.source
        pos = _JSON_WS.match(src, pos).end()  # type: ignore[union-attr]
        self.offsets.setdefault(path, pos)  # an empty key must not hide its parent
        ch = src[pos : pos + 1]
        if ch in ("{", "["):
            if depth > MAX_DEPTH:
                self._error(
                    path,
                    pos,
                    _DEEP,
                    None,
                    _DEEP_EXPECTED,
                    "too_deep",
                )
                return None, self._skip(pos)
            return self._object(pos, path, depth) if ch == "{" else self._array(pos, path, depth)
        if ch == '"':
            try:
                text, end = _scanstring(src, pos + 1)
            except json.JSONDecodeError as exc:
                self._syntax(exc.msg.lower(), exc.pos)
            if not text.isascii():
                try:
                    text.encode("utf-8")
                except UnicodeEncodeError as exc:
                    self._error(
                        path,
                        pos,
                        _SURROGATE_MESSAGE,
                        ascii(text[exc.start : exc.end]),
                        _UNICODE_TEXT,
                        "invalid_unicode",
                    )
            return text, end
        match = _JSON_NUMBER.match(src, pos)
        if match:
            integer, fraction, exponent = match.groups()
            if fraction or exponent:
                number: Any = float(match.group())
                if not math.isfinite(number):
                    self._error(
                        path,
                        pos,
                        _TOO_LARGE_NUMBER,
                        match.group(),
                        _FINITE,
                        "non_finite",
                    )
            elif len(integer) > 308 and (len(integer) > 4000 or int(integer) > sys.float_info.max):
                self._error(
                    path,
                    pos,
                    _TOO_LARGE_NUMBER,
                    f"{integer[:20]}…",
                    _FINITE,
                    "non_finite",
                )
                number = None
            else:
                number = int(integer)
            return number, match.end()
        for word in _JSON_NONFINITE:
            if src.startswith(word, pos):
                self._error(path, pos, _NOT_FINITE, word, _FINITE, "non_finite")
                return None, pos + len(word)
        for word, value in _JSON_LITERALS.items():
            if src.startswith(word, pos):
                return value, pos + len(word)
        self._syntax("expecting a value", pos)

    def _skip(self, pos: int) -> int:
        """The end of the nested value at ``pos``, read past without building it."""
        nest = 0
        for match in _JSON_SKIP.finditer(self.source, pos):
            token = match.group()
            if token in ("[", "{"):
                nest += 1
            elif token in ("]", "}"):
                nest -= 1
                if nest == 0:
                    return match.end()
        self._syntax("unterminated list or mapping", pos)

    def _object(self, pos: int, path: str, depth: int) -> tuple[Any, int]:
        src = self.source
        obj: dict[str, Any] = {}
        pos = _JSON_WS.match(src, pos + 1).end()  # type: ignore[union-attr]
        if src.startswith("}", pos):
            return obj, pos + 1
        while True:
            if not src.startswith('"', pos):
                self._syntax("expecting a property name in double quotes", pos)
            try:
                key, end = _scanstring(src, pos + 1)
            except json.JSONDecodeError as exc:
                self._syntax(exc.msg.lower(), exc.pos)
            child = f"{path}.{key}" if path else key
            self.offsets[child + "\0key"] = pos
            if not key.isascii():
                try:
                    key.encode("utf-8")
                except UnicodeEncodeError as exc:
                    self._error(
                        path,
                        pos,
                        _SURROGATE_MESSAGE,
                        ascii(key[exc.start : exc.end]),
                        _UNICODE_TEXT,
                        "invalid_unicode",
                    )
            if key in obj:
                self._error(
                    child,
                    pos,
                    (f"duplicate key '{key}'", f"clé en double : '{key}'"),
                    key,
                    _KEY_ONCE,
                    "duplicate_key",
                )
            pos = _JSON_WS.match(src, end).end()  # type: ignore[union-attr]
            if not src.startswith(":", pos):
                self._syntax("expecting ':' after a key", pos)
            value, pos = self._value(pos + 1, child, depth + 1)
            obj.setdefault(key, value)
            pos = _JSON_WS.match(src, pos).end()  # type: ignore[union-attr]
            if src.startswith("}", pos):
                return obj, pos + 1
            if not src.startswith(",", pos):
                self._syntax("expecting ',' or '}'", pos)
            pos = _JSON_WS.match(src, pos + 1).end()  # type: ignore[union-attr]

    def _array(self, pos: int, path: str, depth: int) -> tuple[Any, int]:
        src = self.source
        items: list[Any] = []
        pos = _JSON_WS.match(src, pos + 1).end()  # type: ignore[union-attr]
        if src.startswith("]", pos):
            return items, pos + 1
        while True:
            value, pos = self._value(pos, f"{path}[{len(items)}]", depth + 1)
            items.append(value)
            pos = _JSON_WS.match(src, pos).end()  # type: ignore[union-attr]
            if src.startswith("]", pos):
                return items, pos + 1
            if not src.startswith(",", pos):
                self._syntax("expecting ',' or ']'", pos)
            pos += 1


# -- YAML --------------------------------------------------------------------------------------

_NOKEY: Any = object()


class _Ignored:
    """A key that is reported (duplicate, not a string) and then read past: hashed by identity."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __str__(self) -> str:
        return self.name


_RESOLVERS = yaml.resolver.Resolver.yaml_implicit_resolvers
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_TAG = "tag:yaml.org,2002:"
_BOOL_VALUES = yaml.constructor.SafeConstructor.bool_values
_CONSTRUCTORS: dict[str, Callable[[yaml.ScalarNode], Any]] = {
    "int": _CONSTRUCTOR.construct_yaml_int,
    "float": _CONSTRUCTOR.construct_yaml_float,
    "timestamp": _CONSTRUCTOR.construct_yaml_timestamp,
}


_REASONS_FR = {
    "month must be in N..N": " : le mois doit être entre 1 et 12",
    "day is out of range for month": " : ce jour n'existe pas dans ce mois",
    "year N is out of range": " : année hors limites",
    "hour must be in N..N": " : l'heure doit être entre 0 et 23",
    "minute must be in N..N": " : la minute doit être entre 0 et 59",
    "second must be in N..N": " : la seconde doit être entre 0 et 59",
}
"""French for the reasons Python gives for a date that does not exist (digits as ``N``)."""


def _resolve_plain(value: str) -> Any:
    """The value of a plain YAML 1.1 scalar, as PyYAML's safe loader builds it.

    Raises:
        _Refused: the scalar looks like a number or date but is not a valid or finite one, or is
            a merge key (``<<``) or a value key (``=``); the message says which.
    """
    resolvers = _RESOLVERS.get(value[:1] if value else "", []) + _RESOLVERS.get(None, [])
    tag = next((t for t, regexp in resolvers if regexp.match(value)), None)
    if tag is None:
        return value
    kind = tag[len(_TAG) :]
    if kind == "null":
        return None
    if kind == "bool":
        return _BOOL_VALUES[value.lower()]
    if kind == "merge":
        raise _Refused(
            "merge keys (<<) are refused: write the keys out",
            "yaml_merge",
            "les clés de fusion (<<) sont refusées : écrivez les clés en entier",
        )
    if kind == "value":
        raise _Refused(
            "'=' is a YAML 1.1 value key: write it in quotes",
            "yaml_value",
            "« = » est une clé de valeur YAML 1.1 : écrivez-la entre guillemets",
        )
    if kind == "int" and len(value) > 4000:
        raise _Refused(*_TOO_LARGE_NUMBER[:1], "non_finite", _TOO_LARGE_NUMBER[1])
    try:
        result = _CONSTRUCTORS[kind](yaml.ScalarNode(tag, value))
    except (ValueError, OverflowError) as exc:
        what, quoi = ("date", "date") if kind == "timestamp" else ("number", "nombre")
        raise _Refused(
            f"not a valid {what}: {exc}",
            "yaml_value",
            f"{quoi} invalide" + _REASONS_FR.get(re.sub(r"\d+", "N", str(exc)), ""),
        ) from None
    if kind == "float" and not math.isfinite(result):
        raise _Refused(_NOT_FINITE[0], "non_finite", _NOT_FINITE[1])
    if kind == "int" and abs(result) > sys.float_info.max:
        raise _Refused(_TOO_LARGE_NUMBER[0], "non_finite", _TOO_LARGE_NUMBER[1])
    return result


def _read_yaml(source: str, *, record: bool) -> tuple[Any, list[ErrorDetail], _Marks]:
    """Plain data from YAML, built from parser events with every refusal checked on the way.

    Nothing is built for an alias, so an alias bomb costs no more than its text. With ``record``,
    the line and column of every value and key are kept (for the model's errors).
    """
    loader = _LOADER(source)
    errors: list[ErrorDetail] = []
    marks: _Marks = {}
    cache: dict[str, Any] = {}
    conts: list[Any] = []  # containers being built, outermost first
    keys: list[Any] = []  # per container: its pending key (mappings) or _NOKEY; see ``sync``
    root: Any = None
    documents = 0
    # The innermost container, whether it is a list, and its pending key, kept in locals for
    # speed; ``keys[-1]`` is brought up to date (``keys[-1] = pending``) before ``path`` is used.
    top: Any = None
    top_is_list = False
    pending: Any = _NOKEY

    def path(key: Any = _NOKEY) -> str:
        """The path of the node being read (or of ``key`` in the innermost mapping)."""
        out = ""
        last = len(conts) - 1
        for i, cont in enumerate(conts):
            part = key if i == last and key is not _NOKEY else keys[i]
            if type(cont) is list:
                out += f"[{len(cont)}]"
            elif part is not _NOKEY:
                out += f".{part}" if out else str(part)
        return out

    def error(
        message: tuple[str, str],
        mark: Any,
        value: Any,
        expected: tuple[str, str],
        kind: str,
        at: str,
    ) -> None:
        """Record an error; ``message`` and ``expected`` are (English, French)."""
        errors.append(
            ErrorDetail(
                at,
                message[0],
                value,
                expected[0],
                mark.line + 1,
                mark.column + 1,
                type=kind,
                message_fr=message[1],
                expected_fr=expected[1],
            )
        )
        if len(errors) >= _MAX_ERRORS:
            raise _Stop

    def node_start(ev: Any) -> None:
        """Refuse anchors and tags; record where the node is."""
        if ev.anchor is not None:
            error(
                (
                    f"YAML anchors are refused (&{ev.anchor})",
                    f"les ancres YAML sont refusées (&{ev.anchor})",
                ),
                ev.start_mark,
                None,
                _PLAIN,
                "yaml_anchor",
                path(),
            )
            raise _Stop
        if ev.tag is not None:
            error(
                (
                    f"YAML tags are refused ({ev.tag})",
                    f"les étiquettes YAML sont refusées ({ev.tag})",
                ),
                ev.start_mark,
                None,
                ("an untagged value", "une valeur sans étiquette"),
                "yaml_tag",
                path(),
            )
            raise _Stop
        if record and not (conts and type(conts[-1]) is dict and keys[-1] is _NOKEY):
            marks.setdefault(path(), (ev.start_mark.line + 1, ev.start_mark.column + 1))

    def new_key(value: Any, mark: Any) -> Any:
        """The key to use for ``value`` in the innermost mapping, after the checks."""
        if type(value) is not str:
            error(
                (_KEY_NOT_STRING[0] + _read_as(value), _KEY_NOT_STRING[1] + _read_as(value, "fr")),
                mark,
                value,
                _STRING_KEY,
                "key_type",
                path(),
            )
            return _Ignored(str(value))
        if value in conts[-1]:
            error(
                (f"duplicate key '{value}'", f"clé en double : '{value}'"),
                mark,
                value,
                _KEY_ONCE,
                "duplicate_key",
                path(value),
            )
            return _Ignored(value)  # keep the first value, read the rest
        if record:
            marks[path(value) + "\0key"] = (mark.line + 1, mark.column + 1)
        return value

    scalar_event, mapping_start, mapping_end = (
        yaml.ScalarEvent,
        yaml.MappingStartEvent,
        yaml.MappingEndEvent,
    )
    sequence_start, sequence_end = yaml.SequenceStartEvent, yaml.SequenceEndEvent
    get_event = loader.get_event
    cached = cache.get
    try:
        while True:
            ev = get_event()
            cls = type(ev)
            if cls is scalar_event:
                if record or ev.anchor is not None or ev.tag is not None:
                    if conts:
                        keys[-1] = pending
                    node_start(ev)
                value = ev.value
                if ev.implicit[0]:
                    hit = cached(value, _NOKEY)
                    if hit is _NOKEY:
                        try:
                            hit = _resolve_plain(value)
                        except _Refused as exc:
                            if conts:
                                keys[-1] = pending
                            at = path() if pending is not _NOKEY or top_is_list else path(value)
                            expected = (
                                _FINITE
                                if exc.kind == "non_finite"
                                else ("a valid value", "une valeur valide")
                            )
                            refused = (exc.message, exc.message_fr)
                            error(refused, ev.start_mark, value, expected, exc.kind, at)
                            hit = value
                        cache[value] = hit
                    value = hit
                elif ev.style == '"' and not value.isascii():
                    try:
                        value.encode("utf-8")
                    except UnicodeEncodeError:
                        if conts:
                            keys[-1] = pending
                        error(
                            _SURROGATE_MESSAGE,
                            ev.start_mark,
                            ascii(value),
                            _UNICODE_TEXT,
                            "invalid_unicode",
                            path(),
                        )
                if top_is_list:
                    top.append(value)
                elif pending is not _NOKEY:
                    top[pending] = value
                    pending = _NOKEY
                elif top is None:
                    root = value
                elif type(value) is str and not record and value not in top:
                    pending = value
                else:
                    keys[-1] = _NOKEY
                    pending = new_key(value, ev.start_mark)
            elif cls is mapping_start or cls is sequence_start:
                if conts:
                    keys[-1] = pending
                node_start(ev)
                if len(conts) >= MAX_DEPTH:
                    error(
                        _DEEP,
                        ev.start_mark,
                        None,
                        _DEEP_EXPECTED,
                        "too_deep",
                        path(),
                    )
                    nest = 1  # read past the nested value without building it
                    while nest:
                        skipped = type(get_event())
                        if skipped is mapping_start or skipped is sequence_start:
                            nest += 1
                        elif skipped is mapping_end or skipped is sequence_end:
                            nest -= 1
                    if top_is_list:
                        top.append(None)
                    elif pending is not _NOKEY:
                        top[pending] = None
                        pending = _NOKEY
                    else:
                        pending = _Ignored("?")
                    continue
                if top is not None and not top_is_list and pending is _NOKEY:
                    error(
                        _KEY_NOT_STRING,
                        ev.start_mark,
                        None,
                        _STRING_KEY,
                        "key_type",
                        path(),
                    )
                top = {} if cls is mapping_start else []
                top_is_list = cls is sequence_start
                pending = _NOKEY
                conts.append(top)
                keys.append(_NOKEY)
            elif cls is mapping_end or cls is sequence_end:
                done = conts.pop()
                keys.pop()
                if not conts:
                    top, top_is_list, root = None, False, done
                    continue
                top = conts[-1]
                top_is_list = type(top) is list
                pending = keys[-1]
                if top_is_list:
                    top.append(done)
                elif pending is not _NOKEY:
                    top[pending] = done
                    pending = _NOKEY
                else:  # a mapping or list as a key, already reported
                    pending = _Ignored("?")
            elif cls is yaml.AliasEvent:
                if conts:
                    keys[-1] = pending
                error(
                    (
                        f"YAML aliases are refused (*{ev.anchor})",
                        f"les alias YAML sont refusés (*{ev.anchor})",
                    ),
                    ev.start_mark,
                    None,
                    _PLAIN,
                    "yaml_alias",
                    path(),
                )
                raise _Stop
            elif cls is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    error(
                        (
                            "several YAML documents in one file",
                            "plusieurs documents YAML dans un même fichier",
                        ),
                        ev.start_mark,
                        None,
                        ("one document", "un seul document"),
                        "multiple_documents",
                        "",
                    )
                    raise _Stop
            elif cls is yaml.StreamEndEvent:
                break
    except _Stop:
        pass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = " ".join(p for p in (exc.context, exc.problem) if p)
        deep = "nesting depth" in message  # libyaml's own limit, met before ours in flow style
        errors.append(
            ErrorDetail(
                "",
                _DEEP[0] if deep else f"invalid YAML: {message}",
                expected=_DEEP_EXPECTED[0] if deep else None,
                line=mark.line + 1 if mark else None,
                column=mark.column + 1 if mark else None,
                type="too_deep" if deep else "syntax",
                message_fr=_DEEP[1] if deep else f"YAML invalide : {_yaml_fr(message)}",
                expected_fr=_DEEP_EXPECTED[1] if deep else None,
            )
        )
    except yaml.reader.ReaderError as exc:
        line, column = _char_position(source, exc.position, isinstance(loader, yaml.CSafeLoader))
        errors.append(
            ErrorDetail(
                "",
                f"invalid YAML: {exc.reason}",
                f"#x{ord(exc.character):04x}" if isinstance(exc.character, str) else exc.character,
                "printable characters",
                line,
                column,
                type="syntax",
                message_fr=f"YAML invalide : {_yaml_fr(str(exc.reason))}",
                expected_fr="des caractères imprimables",
            )
        )
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml reports everything above
        errors.append(
            ErrorDetail(
                "", f"invalid YAML: {exc}", type="syntax", message_fr=f"YAML invalide : {exc}"
            )
        )
    finally:
        loader.dispose()
    return root, errors, marks


_YAML_WHAT = {
    "block mapping": "un dictionnaire en bloc",
    "block collection": "une collection en bloc",
    "block node": "un nœud en bloc",
    "flow sequence": "une liste entre crochets",
    "flow mapping": "un dictionnaire entre accolades",
    "flow node": "un nœud entre crochets ou accolades",
    "node": "un nœud",
    "simple key": "une clé simple",
    "quoted scalar": "une valeur entre guillemets",
    "double-quoted scalar": "une valeur entre guillemets doubles",
    "block scalar": "une valeur en bloc",
    "plain scalar": "une valeur simple",
    "anchor": "une ancre",
    "alias": "un alias",
    "tag": "une étiquette",
    "directive": "une directive",
    "tag directive": "une directive %TAG",
    "version directive": "une directive %YAML",
}
_YAML_CONTEXT = re.compile(
    r"^while (?:parsing|scanning) an? ("
    + "|".join(sorted(map(re.escape, _YAML_WHAT), key=len, reverse=True))
    + r")\b\s*"
)
_YAML_TOKENS = {
    "key": "une clé",
    "node content": "le contenu d'un nœud",
    "the node content": "le contenu d'un nœud",
    "':'": "« : »",
    "',' or ']'": "« , » ou « ] »",
    "',' or '}'": "« , » ou « } »",
    "'-' indicator": "l'indicateur « - »",
    "alphabetic or numeric character": "une lettre ou un chiffre",
    "comment or line break": "un commentaire ou un saut de ligne",
    "a comment or a line break": "un commentaire ou un saut de ligne",
    "<document start>": "le début du document",
    "'<document start>'": "le début du document",
    "<block end>": "la fin du bloc",
    "a digit": "un chiffre",
    "URI": "une URI",
    "' '": "une espace",
    "'>'": "« > »",
    "'!'": "« ! »",
    "tag URI": "une URI d'étiquette",
    "whitespace or line break": "une espace ou un saut de ligne",
    "directive name": "un nom de directive",
    "hexdecimal number": "un nombre hexadécimal",
    "version directive number": "un numéro de version",
    "digit or '.' character": "un chiffre ou « . »",
    "block end": "la fin du bloc",
}
_YAML_PHRASES: list[tuple[str, Callable[[re.Match[str]], str]]] = [
    (
        r"^unacceptable character (#x[0-9a-fA-F]+): special characters are not allowed",
        lambda m: f"caractère {m.group(1)} refusé (caractères spéciaux interdits)",
    ),
    (r"^unacceptable character (#x[0-9a-fA-F]+)", lambda m: f"caractère {m.group(1)} refusé"),
    (r"^while scanning for the next token\s*", lambda m: "en cherchant l'élément suivant : "),
    (
        r"(?:did not|could not) find (?:the )?expected (.+)$",
        lambda m: f"on attendait {_YAML_TOKENS.get(m.group(1), '?')}",
    ),
    (
        r"expected (.+?), but (?:found|got) (.+)$",
        lambda m: f"on attendait {_YAML_TOKENS.get(m.group(1), '?')}, lu {m.group(2)}",
    ),
    (
        r"found character (.*?) ?that cannot start any token",
        lambda m: f"le caractère {m.group(1)} ne peut commencer aucun élément".replace("  ", " "),
    ),
    (r"found unexpected end of stream", lambda m: "fin du texte inattendue"),
    (r"found unexpected '(.)'", lambda m: f"« {m.group(1)} » inattendu"),
    (r"found duplicate (%YAML|%TAG) directive", lambda m: f"directive {m.group(1)} en double"),
    (r"found unknown directive name", lambda m: "nom de directive inconnu"),
    (r"found unexpected document indicator", lambda m: "indicateur de document inattendu"),
    (r"found extremely long version number", lambda m: "numéro de version trop long"),
    (
        r"found an indentation indicator equal to 0",
        lambda m: "indicateur d'indentation égal à 0",
    ),
    (
        r"found a tab character where an indentation space is expected",
        lambda m: "tabulation là où une espace d'indentation est attendue",
    ),
    (r"did not find URI escaped octet", lambda m: "octet d'URI échappé attendu"),
    (r"found an incorrect (leading|trailing) UTF-8 octet", lambda m: "octet UTF-8 incorrect"),
    (r"incomplete UTF-8 octet sequence", lambda m: "séquence UTF-8 incomplète"),
    (r"invalid length of a UTF-8 sequence", lambda m: "longueur de séquence UTF-8 invalide"),
    (r"input is too long", lambda m: "texte trop long"),
    (r"found unexpected non-alphabetical character", lambda m: "caractère non alphabétique"),
    (
        r"found invalid Unicode character escape code",
        lambda m: "séquence d'échappement Unicode invalide",
    ),
    (r"found unexpected document separator", lambda m: "séparateur de document inattendu"),
    (
        r"found a tab character that violates? indentation",
        lambda m: "tabulation dans l'indentation",
    ),
    (
        r"found unknown escape character(.*)",
        lambda m: f"caractère d'échappement inconnu{m.group(1)}",
    ),
    (r"found undefined tag handle(.*)", lambda m: f"préfixe d'étiquette non défini{m.group(1)}"),
    (r"found incompatible YAML document.*", lambda m: "document YAML de version incompatible"),
    (
        r"(block sequence entries|mapping values|mapping keys|sequence entries) are not allowed "
        r"(?:here|in this context)",
        lambda m: (
            (
                "élément de liste interdit"
                if "sequence" in m.group(1)
                else "valeur de dictionnaire interdite"
                if m.group(1) == "mapping values"
                else "clé de dictionnaire interdite"
            )
            + " à cet endroit"
        ),
    ),
    (r"control characters are not allowed", lambda m: "caractères de contrôle interdits"),
    (r"special characters are not allowed", lambda m: "caractères spéciaux interdits"),
    (
        r"invalid indentation or unclosed '\[' or '\{'",
        lambda m: "indentation invalide ou « [ » ou « { » non fermé",
    ),
    (r"invalid leading UTF-8 octet", lambda m: "octet UTF-8 de tête invalide"),
    (r"invalid trailing UTF-8 octet", lambda m: "octet UTF-8 de suite invalide"),
    (r"invalid Unicode character", lambda m: "caractère Unicode invalide"),
]
_YAML_ENGLISH = re.compile(r"\?|\b(while|found|expected|allowed|not|the|but|or|could|did)\b")


def _yaml_fr(message: str) -> str:
    """French for a YAML syntax error of libyaml or PyYAML (quoted as is when not recognised).

    Examples:
        >>> _yaml_fr("while parsing a block mapping did not find expected key")
        'dans un dictionnaire en bloc : on attendait une clé'
        >>> _yaml_fr("mapping values are not allowed in this context")
        'valeur de dictionnaire interdite à cet endroit'
        >>> _yaml_fr("something new")
        'erreur de syntaxe (« something new »)'
    """
    text = message.strip()
    context = _YAML_CONTEXT.match(text)
    out = text[context.end() :] if context else text
    for pattern, french in _YAML_PHRASES:
        out = re.sub(pattern, french, out)
    if context:
        out = f"dans {_YAML_WHAT[context.group(1)]} : {out}"
    if out == text or _YAML_ENGLISH.search(out.replace("« ? »", "")):
        return f"erreur de syntaxe (« {text} »)"
    return out


def _char_position(source: str, position: int, in_bytes: bool) -> tuple[int, int]:
    if in_bytes:  # libyaml counts bytes of UTF-8
        return _byte_position(source.encode("utf-8", "surrogatepass"), position)
    line_start = source.rfind("\n", 0, position) + 1
    return source.count("\n", 0, position) + 1, position - line_start + 1


# --------------------------------------------------------------------------------------------
# Model: validation and human errors
# --------------------------------------------------------------------------------------------


def _drop_nulls(data: dict[str, Any]) -> dict[str, Any]:
    """An optional key given as null is absent; a required one given as null is missing.

    Only the format's own mappings are concerned (the top level, entities, relations and
    percentage ranges): ``attrs`` keeps its nulls.
    """

    def clean(obj: Any) -> Any:
        if isinstance(obj, dict) and None in obj.values():
            return {k: v for k, v in obj.items() if v is not None}
        return obj

    def clean_relation(obj: Any) -> Any:
        obj = clean(obj)
        if isinstance(obj, dict) and (
            isinstance(obj.get("share"), dict) or isinstance(obj.get("votes"), dict)
        ):
            obj = {k: clean(v) if k in ("share", "votes") else v for k, v in obj.items()}
        return obj

    out = dict(clean(data))
    if isinstance(out.get("entities"), list):
        out["entities"] = [clean(e) for e in out["entities"]]
    if isinstance(out.get("relations"), list):
        out["relations"] = [clean_relation(r) for r in out["relations"]]
    return out


def _validate(
    data: dict[str, Any], source: str, syntax: Syntax, file: str, marks: _Marks | None
) -> Document:
    if syntax == "yaml" or "null" in source:
        data = _drop_nulls(data)
    try:
        return Document.model_validate(data)
    except ValidationError as exc:
        details = error_details(exc)
    if not any(d.type in ("unknown_entity", "duplicate_id") for d in details):
        details += _reference_errors(data)
    deep: list[ErrorDetail] = []
    if marks is None:
        if syntax == "json":
            _, deep, marks = _JsonReader(source).read()
        else:
            _, deep, marks = _read_yaml(source, record=True)
    # The fast JSON reader leaves deep nesting outside ``attrs`` to the model, which calls it a
    # wrong type; the slow reader, run for the marks, names it for what it is.
    placed = [
        _place(d, marks)
        for d in details
        if not any(d.path == e.path or e.path.startswith(d.path + "[") for e in deep)
    ]
    placed += deep
    order = sorted(
        range(len(placed)), key=lambda i: (placed[i].line or 0, placed[i].column or 0, i)
    )
    raise LoadError(file, [placed[i] for i in order][:_MAX_ERRORS])


def _reference_errors(data: dict[str, Any]) -> list[ErrorDetail]:
    """Duplicate ids and dangling relation ends, when the model stopped before checking them.

    The model checks references once every entity and relation is valid; when another error
    stops it, such an error may still come first in the document, and must then be reported
    first. Ids are taken as written, valid or not; the messages are the model's.
    """
    entities, relations = data.get("entities"), data.get("relations")
    entities = entities if isinstance(entities, list) else []
    relations = relations if isinstance(relations, list) else []
    out = []

    def add(
        path: str, message: tuple[str, str], value: str, expected: str | None, kind: str
    ) -> None:
        out.append(
            ErrorDetail(
                path,
                message[0],
                value,
                expected,
                type=kind,
                message_fr=message[1],
                expected_fr=_ENTITY_ID[1] if expected else None,
            )
        )

    ids: set[str] = set()
    for i, entity in enumerate(entities):
        value = entity.get("id") if isinstance(entity, dict) else None
        if isinstance(value, str):
            if value in ids:
                add(
                    f"entities[{i}].id",
                    (f"duplicate entity id '{value}'", f"id d'entité en double : '{value}'"),
                    value,
                    None,
                    "duplicate_id",
                )
            ids.add(value)
    relation_ids: set[str] = set()
    for i, relation in enumerate(relations):
        if not isinstance(relation, dict):
            continue
        value = relation.get("id")
        if isinstance(value, str):
            if value in ids:
                message = (
                    f"relation id '{value}' is already an entity id",
                    f"l'id de relation '{value}' est déjà l'id d'une entité",
                )
                add(f"relations[{i}].id", message, value, None, "duplicate_id")
            elif value in relation_ids:
                message = (
                    f"duplicate relation id '{value}'",
                    f"id de relation en double : '{value}'",
                )
                add(f"relations[{i}].id", message, value, None, "duplicate_id")
            relation_ids.add(value)
        for end in ("from", "to"):
            value = relation.get(end)
            if isinstance(value, str) and value not in ids:
                add(
                    f"relations[{i}].{end}",
                    _NO_ENTITY,
                    value,
                    _ENTITY_ID[0],
                    "unknown_entity",
                )
    return out


def _place(detail: ErrorDetail, marks: _Marks) -> ErrorDetail:
    """The detail with the line and column of its path (or of its nearest ancestor)."""
    where = marks.get(detail.path + "\0key") if detail.type == "extra_forbidden" else None
    path = detail.path
    while where is None:
        where = marks.get(path)
        if where is not None or not path:
            break
        cut = max(path.rfind("."), path.rfind("["))
        path = path[:cut] if cut > 0 else ""
    if where is None:
        return detail
    return dataclasses.replace(detail, line=where[0], column=where[1])


_NO_ENTITY = ("no entity has this id", "aucune entité n'a cet id")
_ENTITY_ID = ("the id of an entity of the document", "l'id d'une entité du document")

_NOUNS = {
    "form": ("form", "forme inconnue"),
    "conventions": ("convention", "convention inconnue"),
    "sector": ("sector", "secteur inconnu"),
    "kind": ("flow kind", "nature de flux inconnue"),
    "basis": ("basis", "base inconnue"),
    "office": ("office", "fonction inconnue"),
    "category": ("category", "catégorie inconnue"),
    "public_kind": ("public body kind", "nature de personne publique inconnue"),
}
"""Per key with a closed vocabulary: the English noun, and « unknown … » in French."""

_PATTERNS = {
    "^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$": (
        "an id: a letter or digit, then up to 63 letters, digits, '_', '.', ':' or '-'",
        "un id : une lettre ou un chiffre, puis jusqu'à 63 lettres, chiffres, '_', '.', ':' ou '-'",
    ),
    "^[a-z0-9]+(-[a-z0-9]+)*$": (
        "a slug: lower-case letters and digits, in words joined by '-'",
        "un identifiant court : lettres minuscules et chiffres, en mots reliés par '-'",
    ),
    "^[A-Z]{3}$": (
        "three capital letters (ISO 4217), e.g. EUR",
        "trois lettres capitales (ISO 4217), par exemple EUR",
    ),
}

_TYPE_WORDS = {
    "string_type": "a string",
    "int_type": "an integer",
    "int_from_float": "an integer",
    "int_parsing": "an integer",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "tuple_type": "a list",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "date_type": "a date YYYY-MM-DD",
}

_WORDS_FR = {
    "a string": "une chaîne de caractères",
    "an integer": "un entier",
    "a number": "un nombre",
    "true or false": "true ou false",
    "a list": "une liste",
    "a mapping": "un dictionnaire",
    "a date YYYY-MM-DD": "une date AAAA-MM-JJ",
}
"""The words of :data:`_TYPE_WORDS` in French."""


_BOUNDS = {
    "greater_than_equal": ("at least", "au moins"),
    "less_than_equal": ("at most", "au plus"),
    "greater_than": ("above", "plus de"),
    "less_than": ("below", "moins de"),
}

_CUSTOM_FR = {
    "blank_string": "doit contenir un caractère autre qu'une espace",
    "siren_format": "9 chiffres attendus (espaces permises entre les groupes)",
    "siren_checksum": "SIREN invalide (la clé de Luhn ne correspond pas)",
    "too_deep": "imbrication de plus de {max} niveaux",
    "finite_number": "les nombres doivent être finis",
    "attrs_key": "les clés doivent être des chaînes de caractères",
    "attrs_value": (
        "attrs contient des chaînes, nombres, booléens, dates, listes et dictionnaires, "
        "rien d'autre"
    ),
    "range_order": "min ({min}) ne doit pas dépasser max ({max})",
    "duplicate_convention": "la convention '{convention}' figure deux fois",
    "insertion_above_employees": ("insertion_employees ({n}) dépasse employees ({m})"),
    "public_kind_form": (
        "public_kind ne s'applique qu'à une personne publique (public_body), pas à la forme "
        "'{form}'"
    ),
    "self_relation": "une relation ne peut pas relier '{id}' à elle-même",
    "dates_order": "end ({end}) est antérieure à start ({start})",
    "share_zero": "la part doit être supérieure à 0",
    "too_short": "au moins une entité est requise",
}
"""French templates of the model's own errors (``PydanticCustomError``), by type; their context
fills them as it fills the English ones."""

_DUPLICATE_ID_FR = {
    "duplicate entity id": "id d'entité en double : '{id}'",
    "relation id": "l'id de relation '{id}' est déjà l'id d'une entité",
    "duplicate relation id": "id de relation en double : '{id}'",
}

_PYDANTIC_FR = {
    "bool_parsing": "pas un booléen",
    "bool_type": "pas un booléen",
    "date_from_datetime_inexact": "une date sans heure est attendue",
    "date_from_datetime_parsing": "pas une date valide",
    "date_parsing": "pas une date valide",
    "date_type": "pas une date",
    "datetime_type": "pas une date et heure",
    "dict_type": "pas un dictionnaire",
    "enum": "valeur hors du vocabulaire",
    "extra_forbidden": "clé inconnue",
    "finite_number": "nombre non fini",
    "float_parsing": "pas un nombre",
    "float_type": "pas un nombre",
    "frozen_instance": "valeur non modifiable",
    "greater_than": "valeur trop petite",
    "greater_than_equal": "valeur trop petite",
    "int_from_float": "pas un entier",
    "int_parsing": "pas un entier",
    "int_parsing_size": "entier trop grand",
    "int_type": "pas un entier",
    "invalid_key": "clé invalide",
    "is_instance_of": "type de valeur inattendu",
    "less_than": "valeur trop grande",
    "less_than_equal": "valeur trop grande",
    "list_type": "pas une liste",
    "literal_error": "valeur non autorisée",
    "missing": "clé obligatoire absente",
    "model_attributes_type": "pas un dictionnaire",
    "model_type": "pas un dictionnaire",
    "multiple_of": "pas un multiple de la valeur attendue",
    "none_required": "la valeur doit être vide",
    "string_pattern_mismatch": "valeur invalide",
    "string_too_long": "chaîne trop longue",
    "string_too_short": "chaîne trop courte",
    "string_type": "pas une chaîne de caractères",
    "string_unicode": "chaîne Unicode invalide",
    "too_long": "trop d'éléments",
    "too_short": "pas assez d'éléments",
    "tuple_type": "pas une liste",
    "union_tag_invalid": "type de relation inconnu",
    "union_tag_not_found": "clé obligatoire absente : 'type'",
    "value_error": "valeur invalide",
    "assertion_error": "valeur invalide",
}
"""French for pydantic's own error types (stable across versions), where no better message is
written: the last resort before ``valeur invalide``."""


def _fill(template: str, ctx: dict[str, Any]) -> str:
    try:
        return template.format(**ctx)
    except (KeyError, IndexError, ValueError):
        return template


def _french_fallback(kind: str, message: str, ctx: dict[str, Any]) -> str:
    """French for an error no branch of :func:`error_details` words: by its type."""
    if kind == "duplicate_id":
        for start, template in sorted(_DUPLICATE_ID_FR.items(), key=lambda x: -len(x[0])):
            if message.startswith(start):
                return _fill(template, ctx)
    if kind in _CUSTOM_FR:
        return _fill(_CUSTOM_FR[kind], ctx)
    return _PYDANTIC_FR.get(kind, f"valeur invalide (erreur « {kind} »)")


def _kind(value: Any, lang: str = "en") -> str:
    """What a value was read as, in words: ``a boolean (false)``, ``a list``.

    Examples:
        >>> _kind(False), _kind(False, "fr"), _kind([], "fr")
        ('a boolean (false)', 'un booléen (false)', 'une liste')
    """
    fr = lang == "fr"
    if value is None:
        return "null (vide)" if fr else "null (empty)"
    if isinstance(value, bool):
        return f"{'un booléen' if fr else 'a boolean'} ({str(value).lower()})"
    if isinstance(value, int):
        word = "un entier" if fr else "an integer"
        return f"{word} ({value})" if abs(value) < 10**20 else word
    if isinstance(value, float):
        return f"{'un nombre' if fr else 'a number'} ({value})"
    if isinstance(value, dt.datetime):
        return f"{'une date et heure' if fr else 'a date and time'} ({value.isoformat()})"
    if isinstance(value, dt.date):
        return f"{'une date' if fr else 'a date'} ({value.isoformat()})"
    if isinstance(value, str):
        return "une chaîne de caractères" if fr else "a string"
    if isinstance(value, dict):
        return "un dictionnaire" if fr else "a mapping"
    if isinstance(value, list | tuple):
        return "une liste" if fr else "a list"
    return f"{'une valeur' if fr else 'a'} {type(value).__name__}"


def _read_as(value: Any, lang: str = "en") -> str:
    """``: read as a boolean (false); write it in quotes`` for YAML 1.1 surprises, else ``''``."""
    if isinstance(value, bool | int | float | dt.date) or value is None:
        if lang == "fr":
            return f" : lu comme {_kind(value, 'fr')} ; écrivez-la entre guillemets"
        return f": read as {_kind(value)}; write it in quotes"
    return ""


def _unquoted(text: str, want: str) -> bool:
    """True when ``text``, written without quotes, would be read as ``want`` (a number, …)."""
    if want not in ("an integer", "a number", "true or false"):
        return False
    try:
        value = _resolve_plain(text.strip())
    except _Refused:
        return False
    if want == "true or false":
        return isinstance(value, bool)
    return isinstance(value, int | float) and not isinstance(value, bool)


def _choices(ctx_expected: str) -> list[str]:
    return re.findall(r"'([^']*)'", ctx_expected)


def _did_you_mean(value: Any, choices: list[str], lang: str = "en") -> str:
    if not isinstance(value, str):
        return ""
    close = difflib.get_close_matches(value, choices, n=1, cutoff=0.7)
    if not close:
        return ""
    return (
        f" ; vouliez-vous dire '{close[0]}' ?" if lang == "fr" else f"; did you mean '{close[0]}'?"
    )


def _one_of(choices: list[str]) -> tuple[str, str]:
    return "one of: " + ", ".join(choices), "une des valeurs : " + ", ".join(choices)


def _model_at(loc: tuple[str | int, ...]) -> type[BaseModel]:
    """The model whose keys are checked at ``loc`` (the location of an extra key)."""
    if "range" in loc[:-1]:
        return PercentRange
    if loc[0] == "relations" and len(loc) > 3 and loc[2] in RelationType.__members__.values():
        return RELATION_CLASSES[RelationType(str(loc[2]))]
    if loc[0] == "entities" and len(loc) > 2:
        return Entity
    return Document


def error_details(exc: ValidationError, prefix: tuple[str | int, ...] = ()) -> list[ErrorDetail]:
    """Turn a pydantic ``ValidationError`` on a document into :class:`ErrorDetail` items.

    Messages say what is wrong in the terms of the format: ``unknown form`` with the allowed
    values, ``missing required key 'name'``, ``unknown key`` with the keys allowed there, and for a
    value YAML 1.1 read as a boolean, number or date where a string is expected, a hint to quote
    it. Paths have no union tags (``relations[0].share``). Every detail has its French
    (``message_fr``, ``expected_fr``): written here for the errors above, the model's own
    templates in French for its errors, and a French wording by pydantic error type otherwise.

    Args:
        exc: the error raised by validating a document or a part of one.
        prefix: the location of the validated part in the document (``("entities", 3)``).

    Examples:
        >>> try:
        ...     Document.model_validate({"format": "ges-graph/1", "name": "G", "entities": [
        ...         {"id": False, "name": "A", "form": "sas"}]})
        ... except ValidationError as exc:
        ...     details = error_details(exc)
        >>> print(details[0])
        entities[0].id: not a string: read as a boolean (false); write it in quotes (got False; ...
        >>> print(details[0].text("fr"))
        entities[0].id : pas une chaîne de caractères : lu comme un booléen (false) ; écrivez-la ...
    """
    out = []
    for err in exc.errors(include_url=False):
        loc = prefix + tuple(err["loc"])
        kind = err["type"]
        value = err.get("input")
        ctx = err.get("ctx") or {}
        message = str(err["msg"])
        fr: str | None = None
        expected: str | None = None
        expected_fr: str | None = None
        path = format_loc(loc)
        last = re.sub(r"(\[\d+\])+$", "", path).rsplit(".", 1)[-1]
        if loc and loc[-1] == "[key]":  # a mapping key that is not a string
            path = format_loc(loc[:-2])
            kind = "key_type"
            message = _KEY_NOT_STRING[0] + _read_as(value)
            fr = _KEY_NOT_STRING[1] + _read_as(value, "fr")
            expected, expected_fr = _STRING_KEY
        elif kind == "missing" or (kind == "string_type" and value is None):
            kind = "missing"
            message = f"missing required key '{last}'"
            fr = f"clé obligatoire absente : '{last}'"
            value = None
        elif kind == "extra_forbidden":
            allowed = [f.alias or name for name, f in _model_at(loc).model_fields.items()]
            message = "unknown key" + _did_you_mean(last, allowed)
            fr = "clé inconnue" + _did_you_mean(last, allowed, "fr")
            value = last
            expected, expected_fr = _one_of(allowed)
        elif kind == "enum":
            choices = _choices(str(ctx.get("expected", "")))
            noun, unknown_fr = _NOUNS.get(str(last), (str(last), f"valeur inconnue pour {last}"))
            message = f"unknown {noun}" + _did_you_mean(value, choices) + _read_as(value)
            fr = unknown_fr + _did_you_mean(value, choices, "fr") + _read_as(value, "fr")
            expected, expected_fr = _one_of(choices)
        elif kind == "union_tag_invalid":
            choices = _choices(str(ctx.get("expected_tags", "")))
            path += ".type"
            value = ctx.get("tag")
            message = "unknown relation type" + _did_you_mean(value, choices)
            fr = "type de relation inconnu" + _did_you_mean(value, choices, "fr")
            expected, expected_fr = _one_of(choices)
        elif kind == "union_tag_not_found":
            path += ".type"
            kind = "missing"
            message = "missing required key 'type'"
            fr = "clé obligatoire absente : 'type'"
            value = None
            expected, expected_fr = _one_of([t.value for t in RelationType])
        elif kind == "string_pattern_mismatch":
            message, fr = "invalid value", "valeur invalide"
            pattern = str(ctx.get("pattern"))
            expected, expected_fr = _PATTERNS.get(
                pattern, (f"a match of {pattern}", f"une valeur conforme à {pattern}")
            )
        elif kind in _TYPE_WORDS:
            want = _TYPE_WORDS[kind]
            want_fr = _WORDS_FR[want]
            if kind == "float_type" and isinstance(value, int) and not isinstance(value, bool):
                message, fr = _TOO_LARGE_NUMBER
            elif isinstance(value, str) and _unquoted(value, want):
                message = f"not {want}: read as a string; write it without quotes"
                fr = (
                    f"pas {want_fr} : lu comme une chaîne de caractères ; "
                    "écrivez-la sans guillemets"
                )
            elif kind == "date_type":
                message = message[0].lower() + message[1:]
                fr = (
                    "une date AAAA-MM-JJ est attendue, pas une date et heure"
                    if "date and time" in message
                    else "une date AAAA-MM-JJ est attendue"
                )
            else:
                message = f"not {want}" + (
                    _read_as(value) if want == "a string" else f": read as {_kind(value)}"
                )
                fr = f"pas {want_fr}" + (
                    _read_as(value, "fr")
                    if want == "a string"
                    else f" : lu comme {_kind(value, 'fr')}"
                )
            expected, expected_fr = want, want_fr
        elif kind in _BOUNDS:
            bound = next(iter(ctx.values()), None)
            if isinstance(bound, float) and bound.is_integer():
                bound = int(bound)
            words, mots = _BOUNDS[kind]
            expected, expected_fr = f"{words} {bound}", f"{mots} {bound}"
            if last in ("share", "votes", "min", "max"):
                message, fr = "percentage outside 0–100", "pourcentage hors de 0–100"
            elif kind == "greater_than_equal" and bound == 0:
                message, fr = "must not be negative", "ne doit pas être négatif"
            else:
                message, fr = "out of range", "hors de l'intervalle permis"
        elif kind == "unknown_format":
            expected = expected_fr = FORMAT
            message = "unknown format: this library reads " + FORMAT
            fr = "format inconnu : cette bibliothèque lit " + FORMAT
        elif kind == "unknown_entity":
            expected, expected_fr = _ENTITY_ID
            message, fr = _NO_ENTITY
        else:
            fr = _french_fallback(kind, message, ctx)
        if isinstance(value, dict | list | tuple | BaseModel):
            value = None
        out.append(
            ErrorDetail(
                path, message, value, expected, type=kind, message_fr=fr, expected_fr=expected_fr
            )
        )
    return out


# --------------------------------------------------------------------------------------------
# Saving
# --------------------------------------------------------------------------------------------


def _integral_numbers(data: Any) -> Any:
    """Floats with no fractional part as ints (``share: 100``), except inside ``attrs``."""
    if isinstance(data, float) and data.is_integer() and abs(data) < 1e15:
        return int(data)
    if isinstance(data, dict):
        return {k: v if k == "attrs" else _integral_numbers(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_integral_numbers(v) for v in data]
    return data


def _restore_dates(data: dict[str, Any]) -> None:
    """Dates back to ``date`` objects, so that YAML writes them as dates (``as_of: 2025-12-31``)."""
    if "as_of" in data:
        data["as_of"] = dt.date.fromisoformat(data["as_of"])
    for relation in data.get("relations", ()):
        for key in ("start", "end"):
            if key in relation:
                relation[key] = dt.date.fromisoformat(relation[key])
