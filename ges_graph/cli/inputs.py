"""What the command reads: the documents named on the command line, and the ``--schema`` files.

A FILE is a path (its suffix gives the syntax), a folder (its documents, recursively, sorted) or
``-`` (standard input, once). A document that cannot be read becomes an
:class:`~ges_graph.cli.output.Outcome` that says why, so that one bad file does not stop the
others. The schema files of ``--schema`` are loaded and checked before any work starts. The
loader is imported when a document is read, not with this module (``convert --help`` reads the
formats of :mod:`ges_graph.cli.files`, which imports this one).

Examples:
    >>> from ges_graph._data import example_path
    >>> ges = load_source(Source(str(example_path("tremplin.yaml"))), "fr", 10**6)
    >>> ges.name
    'Groupe Tremplin'
    >>> print(load_source(Source("no-such-file.yaml"), "en", 10**6).notes[0])
    no-such-file.yaml: ...
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ges_graph.cli.output import CANNOT_READ, Outcome, error_outcome
from ges_graph.cli.parser import MAX_SIZE
from ges_graph.errors import LoadError, os_reason
from ges_graph.i18n import Lang, Tr, check_lang

if TYPE_CHECKING:
    from ges_graph.graph import GES
    from ges_graph.io import Syntax
    from ges_graph.schemas import SchemaDef

__all__ = [
    "DOCUMENT_SUFFIXES",
    "STDIN_ONCE",
    "Source",
    "expand_sources",
    "given_schemas",
    "is_folder",
    "load_source",
    "load_with_text",
    "read_source",
    "schema_files",
]

DOCUMENT_SUFFIXES = (".yaml", ".yml", ".json", ".xlsx")
"""The suffixes of documents picked up when a folder is given."""

_EMPTY_FOLDER = Tr(
    "aucun document .yaml, .yml, .json ou .xlsx ni dossier de fichiers CSV dans le dossier",
    "no .yaml, .yml, .json or .xlsx document nor folder of CSV files in the folder",
)
_STDIN_TOO_LARGE = Tr(
    "{file}: le document dépasse la taille maximale (plus de {max_size} octets ; --max-size)",
    "{file}: the document is larger than the size limit (over {max_size} bytes; --max-size)",
)
_STDIN_CLOSED = Tr(
    "{file}: lecture impossible : l'entrée standard est fermée",
    "{file}: cannot read: standard input is closed",
)
_CHUNK = 1 << 16
"""Standard input is read by chunks of this many bytes, so that the size limit stops it early."""
STDIN_ONCE = Tr(
    "'-' (entrée standard) ne peut être donné qu'une fois",
    "'-' (standard input) can be given only once",
)
"""``-`` given twice: standard input can be read only once."""


@dataclass(frozen=True)
class Source:
    """One document to read: a path, or the bytes read from standard input.

    Attributes:
        name: the path, or ``<stdin>``.
        data: the bytes of standard input; ``None`` for a path.
        syntax: ``yaml`` or ``json`` when given (``--syntax``); else from the suffix.
        unread: why standard input could not be read: ``too_large`` (over ``max_size``, reading
            stopped there) or ``closed``; ``None`` when it was read.
    """

    name: str
    data: bytes | None = None
    syntax: Syntax | None = None
    unread: str | None = None


def _read_stdin(max_size: int) -> tuple[bytes, str | None]:
    """Standard input, read by chunks until its end or until it passes ``max_size`` bytes."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # started with standard input closed (``<&-``)
        return b"", "closed"
    chunks: list[bytes] = []
    total = 0
    try:
        while chunk := stream.read(_CHUNK):
            total += len(chunk)
            if total > max_size:
                return b"", "too_large"
            chunks.append(chunk)
    except OSError:  # a closed or unreadable descriptor
        return b"", "closed"
    return b"".join(chunks), None


def read_source(name: str, syntax: Syntax | None, max_size: int = MAX_SIZE) -> Source:
    """The document named ``name`` on the command line; ``-`` reads standard input.

    Standard input is YAML unless ``syntax`` says otherwise; files go by their suffix. Reading
    standard input stops as soon as it passes ``max_size`` bytes (``< /dev/zero`` ends at once).
    """
    if name == "-":
        data, unread = _read_stdin(max_size)
        return Source("<stdin>", data, syntax or "yaml", unread)
    return Source(name, syntax=syntax)


def load_source(source: Source, lang: Lang, max_size: int) -> GES | Outcome:
    """Load one document, or the outcome that says why it could not be read.

    Args:
        source: the document.
        lang: the language of the message when it cannot be read.
        max_size: the largest document accepted, in bytes.
    """
    return load_with_text(source, lang, max_size)[0]


def load_with_text(source: Source, lang: Lang, max_size: int) -> tuple[GES | Outcome, bytes | None]:
    """:func:`load_source`, and the JSON text the document was read from when it was JSON.

    :func:`~ges_graph.cli.output.document_text` reads that text to know at once whether any of
    the document's strings holds a line feed (a hundred thousand entities: a scan of the bytes
    rather than a dump of the document).

    Examples:
        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "g.json"
        >>> _ = p.write_text('{"format": "ges-graph/1", "name": "G", "entities": '
        ...                  '[{"id": "a", "name": "A", "form": "scic"}]}', encoding="utf-8")
        >>> ges, text = load_with_text(Source(str(p)), "fr", 10**6)
        >>> ges.name, text[:10]
        ('G', b'{"format":')
    """
    check_lang(lang)
    from ges_graph import io as ges_io  # noqa: PLC0415 (on demand: the help does without it)
    from ges_graph.io.loading import read_limited  # noqa: PLC0415

    if source.unread == "too_large":
        return error_outcome(
            source.name, _STDIN_TOO_LARGE.format(lang, file=source.name, max_size=max_size)
        ), None
    if source.unread is not None:
        return error_outcome(source.name, _STDIN_CLOSED.format(lang, file=source.name)), None
    try:
        if source.data is None and _json_file(source):
            data = read_limited(source.name, max_size)  # kept, for document_text
            return ges_io.loads(data, syntax="json", file=source.name, max_size=max_size), data
        if source.data is not None:
            syntax = source.syntax or "yaml"
            ges = ges_io.loads(source.data, syntax=syntax, file=source.name, max_size=max_size)
            return ges, source.data if syntax == "json" else None
        return ges_io.load(source.name, syntax=source.syntax, max_size=max_size), None
    except LoadError as exc:
        text, first = exc.to_text(lang), exc.first
        return error_outcome(
            source.name, text, first, omitted=exc.unlisted, at_least=exc.at_least
        ), None
    except OSError as exc:
        reason = os_reason(exc, lang)
        return error_outcome(
            source.name, CANNOT_READ.format(lang, file=source.name, reason=reason)
        ), None
    except (ValueError, _yaml_error()) as exc:  # defence in depth: the loader wraps these
        return error_outcome(source.name, f"{source.name}: {exc}"), None


def _json_file(source: Source) -> bool:
    """True when ``source`` is a JSON file: ``--syntax json``, or the suffix ``.json``."""
    if source.syntax is not None:
        return source.syntax == "json" and os.path.isfile(source.name)
    return Path(source.name).suffix.lower() == ".json" and os.path.isfile(source.name)


def _yaml_error() -> type[Exception]:
    """PyYAML's error class, imported only when an exception is being matched against it."""
    import yaml  # noqa: PLC0415 (a JSON document is checked without PyYAML)

    error: type[Exception] = yaml.YAMLError
    return error


def expand_sources(args: argparse.Namespace) -> list[Source | Outcome]:
    """The documents named on the command line (``args.files``), folders expanded, in order.

    A folder gives its ``.yaml``, ``.yml``, ``.json`` and ``.xlsx`` files and its folders of CSV
    files (:func:`folder_documents`: recursively, sorted); an empty
    folder (or one holding no document file: only folders named ``x.yaml``, dangling links) is
    an unreadable input; ``-`` reads standard input once.
    """
    out: list[Source | Outcome] = []
    stdin_used = False
    for name in args.files:
        if name == "-":
            if stdin_used:
                out.append(error_outcome("-", STDIN_ONCE.render(args.lang)))
                continue
            stdin_used = True
            out.append(read_source(name, args.syntax, args.max_size))
        elif is_folder(name):
            found = folder_documents(Path(name))
            if not found:
                message = CANNOT_READ.format(args.lang, file=name, reason="")
                out.append(error_outcome(name, message + _EMPTY_FOLDER.render(args.lang)))
            out.extend(Source(str(p), syntax=args.syntax) for p in found)
        else:
            out.append(read_source(name, args.syntax, args.max_size))
    return out


def folder_documents(folder: Path) -> list[Path]:
    """The documents of a folder, recursively, sorted: document files and folders of CSV files.

    Files count by their suffix (:data:`DOCUMENT_SUFFIXES`); a folder of CSV files is one
    document, named by the folder, and is not descended into.

    A folder is a CSV document when it holds a CSV file named after a sheet of the workbook
    (``Entités.csv``, ``Groupe.csv``, or their English names): the folder ``ges-graph convert``
    writes. Only files count (not a folder named ``x.yaml``, nor a dangling link).

    Examples:
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     root = Path(tmp)
        ...     (root / "tableur").mkdir()
        ...     for name in ("a.yaml", "notes.txt", "tableur/Entités.csv", "tableur/b.yaml"):
        ...         _ = (root / name).write_text("format: 1", encoding="utf-8")
        ...     [p.relative_to(root).as_posix() for p in folder_documents(root)]
        ['a.yaml', 'tableur']
    """
    from ges_graph.io.spreadsheet.layout import SHEETS, fold  # noqa: PLC0415 (on demand)

    sheet_names = {fold(s.name.render(lang)) for s in SHEETS for lang in ("fr", "en")}

    # Read with ``os.scandir``, whose entries know their type without a call to the system
    # each, and sorted as paths sort (part by part): a registry of 5,000 files is listed in a
    # tenth of the time ``pathlib`` takes, before any document is checked.
    def is_csv_document(entries: list[os.DirEntry[str]]) -> bool:
        for e in entries:
            stem, suffix = _stem_suffix(e.name)
            if suffix.lower() == ".csv" and fold(stem) in sheet_names and e.is_file():
                return True
        return False

    found: list[str] = []
    pending = [str(folder)]
    while pending:
        current = pending.pop()
        with os.scandir(current) as listing:
            entries = list(listing)
        if is_csv_document(entries):
            found.append(current)
            continue
        for e in entries:
            if e.is_dir(follow_symlinks=False):
                pending.append(e.path)
            elif _stem_suffix(e.name)[1].lower() in DOCUMENT_SUFFIXES and e.is_file():
                found.append(e.path)
    found.sort(key=lambda path: path.split(os.sep))
    return [Path(path) for path in found]


def _stem_suffix(name: str) -> tuple[str, str]:
    """A file name's stem and suffix, as :class:`pathlib.PurePath` splits them (``.json``: none)."""
    i = name.rfind(".")
    if 0 < i < len(name) - 1:
        return name[:i], name[i:]
    return name, ""


def is_folder(name: str) -> bool:
    """Whether ``name`` is a folder; ``False`` for a name the system cannot even look up."""
    try:
        return Path(name).is_dir()
    except (OSError, ValueError):  # a name too long, a NUL: reading it will say why
        return False


@functools.cache
def given_schemas(files: tuple[str, ...]) -> tuple[SchemaDef, ...] | None:
    """The schemas to try: the reference ones, then each ``--schema FILE`` in order.

    ``None`` when no file is given (the reference schemas, the library's default). Loaded once
    per process (worker processes load them again from the paths); ``main`` empties the cache at
    each run, since a file may have changed in between.

    Raises:
        SchemaFileError: a file cannot be read, is malformed, or takes an id already taken; the
            message names the file and the place (``main`` reports it, exit 2).
    """
    if not files:
        return None
    from ges_graph.schemas import load_schema_files, reference_schemas  # noqa: PLC0415

    reference = reference_schemas()
    return (*reference, *load_schema_files(files, beside=reference))


def schema_files(args: argparse.Namespace) -> tuple[str, ...]:
    """The ``--schema FILE`` of the command line, checked (loaded) before any work starts.

    Raises:
        SchemaFileError: as :func:`given_schemas`.
    """
    files = tuple(getattr(args, "schemas", None) or ())
    given_schemas(files)
    return files
