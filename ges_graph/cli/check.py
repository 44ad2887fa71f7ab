"""``ges-graph check PATH...``: a registry of documents, each loaded, validated and classified once.

A federation checks all its member groups at once. Each document goes through :func:`check_one`
(in a worker process with ``--jobs``), which loads it, validates it and classifies it, and hands
back a small :class:`Checked`: the exit status, the JSON line (encoded where it was computed, by
the C encoder), the row of the summary. The main process prints each as soon as it comes, in the
order of the command line, with no more than a few chunks of documents in flight
(:func:`stream`): memory stays flat however many files, since a result is dropped once printed;
only the CSV rows (``--csv``, a few dozen bytes a document) wait for the end, when the file is
written whole or not at all.

Text for people is a table, one row a document, then the summary line of
:mod:`ges_graph.cli.batch`; ``--json`` prints one JSON object per document and per line (JSON
Lines) and nothing else. A document that cannot be read, or that fails, never stops the others;
the exit code is the worst of theirs (``2`` over ``1`` over ``0``).

Examples:
    >>> from ges_graph._data import example_path
    >>> checked = check_one(Source(str(example_path("tremplin.yaml"))), "en", 10**6)
    >>> checked.status, checked.row[1:]
    ('conforms', ('Groupe Tremplin', 'S5', 'tremplin', True, 0, 0))
    >>> checked.status_code
    0
"""

from __future__ import annotations

import argparse
import collections
import csv
import functools
import gc
import io
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import BrokenExecutor
from dataclasses import dataclass
from typing import Any

from ges_graph._files import write_atomic
from ges_graph.cli.batch import Progress, summary
from ges_graph.cli.inputs import Source, expand_sources, given_schemas, load_source, schema_files
from ges_graph.cli.output import (
    CANNOT_WRITE,
    EXIT_FAILED,
    EXIT_OK,
    EXIT_UNREADABLE,
    WRITTEN,
    Outcome,
    check_output,
    err,
    error_outcome,
    json_text,
    one_line,
    say,
)
from ges_graph.errors import os_reason
from ges_graph.i18n import Lang, Tr, check_lang

__all__ = ["CSV_COLUMNS", "Checked", "check_one", "cmd_check", "csv_text", "stream"]

Row = tuple[str, str | None, str | None, str | None, bool | None, int | None, int | None]
"""One document in the summary: file, name, schema, head, conforms, errors, warnings."""

_JSON_KEYS = ("file", "name", "schema", "head", "conforms", "errors", "warnings")
"""The first keys of a ``--json`` line: the summary's columns."""
_STATUS_CODES = {"conforms": EXIT_OK, "fails": EXIT_FAILED, "unreadable": EXIT_UNREADABLE}
_VERDICTS = {
    "conforms": Tr("conforme", "conforms"),
    "fails": Tr("non conforme", "does not conform"),
    "unreadable": Tr("illisible", "unreadable"),
}
"""What the summary says of a document, by its status."""

CSV_COLUMNS = (
    Tr("fichier", "file"),
    Tr("nom", "name"),
    Tr("schéma", "schema"),
    Tr("tête de groupe", "head"),
    Tr("conforme", "conforms"),
    Tr("erreurs", "errors"),
    Tr("avertissements", "warnings"),
)
"""The columns of ``--csv``, headed in the language of ``--lang``."""
_CSV_SEPARATOR = Tr(";", ",")
"""A French spreadsheet reads ``;`` (the comma is the decimal separator there), an English one
``,``."""
_YES, _NO = Tr("oui", "yes"), Tr("non", "no")
_NONE = "—"
"""What a cell of the text table shows for nothing (no schema, no head)."""
_TABLE_HEAD = (
    Tr("verdict", "verdict"),
    Tr("schéma", "schema"),
    Tr("erreurs", "errors"),
    Tr("avertissements", "warnings"),
    Tr("tête de groupe", "head"),
    Tr("document", "document"),
)
_WIDTHS = (16, 7, 8, 15, 20)
_FAILED_INSIDE = Tr(
    "{file} : vérification interrompue : {reason}",
    "{file}: the check stopped: {reason}",
)

_WORKER_LOST = Tr(
    "un processus de vérification s'est arrêté ({reason}) : les documents restants ne sont pas "
    "vérifiés",
    "a checking process stopped ({reason}): the documents left are not checked",
)

_IN_FLIGHT = 4
"""Chunks of documents a worker process may have waiting, at most: enough to keep it busy,
few enough that memory does not grow with the number of files."""
_CHUNK = 16
"""Documents sent to a worker at once, at most (fewer when there are few files)."""


@dataclass(frozen=True)
class Checked:
    """What one document gave: its status, its JSON line, its row of the summary, its notes.

    Attributes:
        status: ``conforms``, ``fails`` (an error finding) or ``unreadable``.
        line: the JSON object of ``--json``, on one line (empty when it was not asked for).
        row: file, name, schema, head, conforms, errors and warnings (``None`` for a document
            that could not be read).
        notes: lines for stderr (why the document could not be read).
    """

    status: str
    line: str
    row: Row
    notes: tuple[str, ...] = ()

    @property
    def status_code(self) -> int:
        """The exit code this document asks for (``0``, ``1`` or ``2``)."""
        return _STATUS_CODES[self.status]


def _unreadable(outcome: Outcome) -> Checked:
    """A document that could not be read: its error object, an empty row."""
    row: Row = (outcome.file, None, None, None, None, None, None)
    return Checked("unreadable", json_text(outcome.data), row, outcome.notes)


def check_one(
    source: Source,
    lang: Lang,
    max_size: int,
    schema_files: tuple[str, ...] = (),
    *,
    json_line: bool = True,
    every: bool = False,
) -> Checked:
    """Load, validate and classify one document (in a worker process with ``--jobs``).

    Args:
        source: the document.
        lang: the language of the messages.
        max_size: the largest document accepted, in bytes.
        schema_files: the ``--schema`` files, tried after the reference schemas.
        json_line: whether to write the JSON line (``--json``): its findings and its
            classification, every message rendered; the table needs only the row.
        every: every finding on the JSON line (``--all``); otherwise the first
            :data:`~ges_graph.report.SHOWN` of each rule, the others counted in ``omitted``.
    """
    check_lang(lang)
    ges = load_source(source, lang, max_size)
    if isinstance(ges, Outcome):
        return _unreadable(ges)
    from ges_graph.classification import classify  # noqa: PLC0415 (loaded on demand)
    from ges_graph.report import SHOWN  # noqa: PLC0415
    from ges_graph.rules import validate  # noqa: PLC0415

    try:
        report = validate(ges)
        result = classify(ges, given_schemas(schema_files))
        errors, warnings = len(report.errors), len(report.warnings)
        row: Row = (
            source.name, ges.name, result.schema, result.head, report.conforms, errors, warnings
        )  # fmt: skip
        line = ""
        if json_line:
            data: dict[str, Any] = dict(zip(_JSON_KEYS, row, strict=True))
            data |= report.to_dict(lang, limit=None if every else SHOWN)  # findings, omitted
            data["classification"] = result.to_dict(lang)
            line = json_text(data)
    except Exception as exc:  # one document's failure must not stop a registry
        reason = f"{type(exc).__name__}: {exc}"
        return _unreadable(
            error_outcome(source.name, _FAILED_INSIDE.format(lang, file=source.name, reason=reason))
        )
    return Checked("conforms" if report.conforms else "fails", line, row)


Worker = Callable[[Source], Checked]
"""What checks one document: :func:`check_one` with the language and the limits bound."""


def _check_chunk(worker: Worker, items: Sequence[Source | Outcome]) -> list[Checked]:
    """Check a few documents, the cyclic garbage collector paused meanwhile.

    A document's graph is freed by reference counting when its result is made; pausing the
    collector spares it from scanning the documents' many young objects over and over (it runs
    once the chunk is done).
    """
    gc.disable()
    try:
        return [worker(s) if isinstance(s, Source) else _unreadable(s) for s in items]
    finally:
        gc.enable()


def _prepare() -> None:
    """Set up a worker process: import the library and the reference schemas, then freeze them.

    ``gc.freeze`` moves what is alive now (modules, schemas) out of the collector's sight, so
    that no collection scans them again.

    A worker that cannot load them (an installation missing its schemas folder) still starts:
    each document then fails inside :func:`check_one`, which says why, where a failed
    initializer would print a traceback from every worker and stop the run.
    """
    try:
        from ges_graph.classification import classify  # noqa: F401, PLC0415 (loaded once, here)
        from ges_graph.rules import validate  # noqa: F401, PLC0415
        from ges_graph.schemas import reference_schemas  # noqa: PLC0415

        reference_schemas()
    except Exception:  # said per document by check_one, with the reason
        pass
    gc.freeze()


def stream(items: Sequence[Source | Outcome], worker: Worker, jobs: int) -> Iterator[Checked]:
    """Check ``items`` in order, yielding each result as soon as it and those before are ready.

    Args:
        items: the documents, and the outcomes of those that could not even be named.
        worker: what checks one document (a module-level function or a partial of one: it is
            sent to the worker processes).
        jobs: processes to use (``1``: this one only).

    Examples:
        >>> from ges_graph.cli.output import error_outcome
        >>> done = stream([error_outcome("x.yaml", "x.yaml: cannot read")], check_one, 1)
        >>> [c.status for c in done]
        ['unreadable']
    """
    if not items:
        return
    size = max(1, min(_CHUNK, len(items) // (jobs * _IN_FLIGHT) or 1))
    chunks = (items[i : i + size] for i in range(0, len(items), size))
    if jobs <= 1 or len(items) <= 1:
        for chunk in chunks:
            yield from _check_chunk(worker, chunk)
        return
    # Loaded on demand: a run in one process, and --help, do without it.
    from concurrent.futures import Future, ProcessPoolExecutor  # noqa: PLC0415

    workers = min(jobs, len(items))
    with ProcessPoolExecutor(max_workers=workers, initializer=_prepare) as pool:
        pending: collections.deque[Future[list[Checked]]] = collections.deque()
        for chunk in chunks:
            pending.append(pool.submit(_check_chunk, worker, chunk))
            if len(pending) >= workers * _IN_FLIGHT:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def _cell(value: str | None) -> str:
    """A CSV cell: what a spreadsheet would read as a formula is quoted with an apostrophe.

    Examples:
        >>> _cell("=HYPERLINK(1)"), _cell("Régie"), _cell(None)
        ("'=HYPERLINK(1)", 'Régie', '')
    """
    if value is None:
        return ""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def csv_text(rows: Sequence[Row], lang: Lang = "fr") -> str:
    r"""The CSV summary: UTF-8 with a BOM, ``;`` between cells in French and ``,`` in English.

    What a spreadsheet opens as it is, by a double click: Excel reads UTF-8 only after a BOM, and
    splits cells on the separator of its language's settings, ``;`` in French (where the comma
    is the decimal separator); LibreOffice asks, and proposes both. Lines end with CRLF, as
    RFC 4180 says.

    Examples:
        >>> text = csv_text([("g.yaml", "Régie", "S1", "asso", False, 1, 0)])
        >>> text.startswith("\ufeff")
        True
        >>> print(text[1:], end="")
        fichier;nom;schéma;tête de groupe;conforme;erreurs;avertissements
        g.yaml;Régie;S1;asso;non;1;0
    """
    check_lang(lang)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=_CSV_SEPARATOR.render(lang), lineterminator="\r\n")
    writer.writerow([column.render(lang) for column in CSV_COLUMNS])
    for file, name, schema, head, conforms, errors, warnings in rows:
        verdict = _VERDICTS["unreadable"] if conforms is None else (_YES if conforms else _NO)
        counts = ["" if n is None else str(n) for n in (errors, warnings)]
        writer.writerow(
            [_cell(file), _cell(name), _cell(schema), _cell(head), verdict.render(lang), *counts]
        )
    return "\ufeff" + out.getvalue()


def _table_line(cells: Sequence[str]) -> str:
    """One line of the text table: the first cells padded to their widths, the last as it is."""
    padded = [cell.ljust(width) for cell, width in zip(cells, _WIDTHS, strict=False)]
    return " ".join([*padded, *cells[len(_WIDTHS) :]]).rstrip()


def _table_row(checked: Checked, lang: Lang) -> str:
    """The row of the text table for one document (every cell on one line, controls escaped)."""
    file, name, schema, head, _, errors, warnings = checked.row
    document = one_line(file if name is None else f"{name} ({file})")
    counts = ["" if n is None else str(n) for n in (errors, warnings)]
    return _table_line(
        [
            _VERDICTS[checked.status].render(lang),
            one_line(schema or _NONE),
            *counts,
            one_line(head or _NONE),
            document,
        ]
    )


def _run(
    args: argparse.Namespace,
    items: Sequence[Source | Outcome],
    worker: Worker,
    files: tuple[str, ...] = (),
) -> int:
    """Check ``items``, print each result as it comes, write the CSV; the worst exit code."""
    lang: Lang = args.lang
    counts = collections.Counter[str]()
    seen: dict[str, None] = {}  # the schemas matched, in the order they first came
    rows: list[Row] = []
    progress = Progress(len(items))
    lost = False
    try:
        for checked in stream(items, worker, args.jobs or os.cpu_count() or 1):
            counts[checked.status] += 1
            if checked.row[2] is not None:
                seen.setdefault(checked.row[2])
            if args.csv is not None:
                rows.append(checked.row)
            progress.erase()  # the bar (stderr) must not cut a line of the results
            for note in checked.notes:
                err(note)
            if args.json:  # escaped by json_text: nothing on the line acts on a terminal
                sys.stdout.write(checked.line + "\n")
            else:
                say(_table_row(checked, lang))
            progress.advance(checked.row[0])
    except BrokenExecutor as exc:  # a worker was killed (out of memory, a signal)
        progress.erase()
        err(_WORKER_LOST.format(lang, reason=str(exc) or type(exc).__name__))
        lost = True
    finally:
        progress.close()
    if not args.json:
        total = sum(counts.values())
        ok, failed, unreadable = counts["conforms"], counts["fails"], counts["unreadable"]
        say(summary(lang, total=total, ok=ok, failed=failed, unreadable=unreadable))
        if seen:
            say(_schemas_said(seen, files, lang))  # the --schema files read once, before
    status = max((_STATUS_CODES[s] for s in counts), default=EXIT_OK)
    if args.csv is not None:
        try:
            write_atomic(args.csv, csv_text(rows, lang))
        except OSError as exc:
            err(CANNOT_WRITE.format(lang, file=args.csv, reason=os_reason(exc, lang)))
            return EXIT_UNREADABLE
        err(WRITTEN.format(lang, path=args.csv))
    return EXIT_UNREADABLE if lost else status


_SCHEMAS_SEEN = Tr("Schémas reconnus :", "Schemas matched:")


def _schemas_said(ids: Iterable[str], files: tuple[str, ...], lang: Lang) -> str:
    """The schemas the table names by id, each as a person reads it, with its confidence.

    The six schemas are reconstructions: wherever a schema is named for people, how sure the
    reconstruction is stands beside it (``cli.md``, second edition).
    """
    from ges_graph.schemas import reference_schemas  # noqa: PLC0415 - not for --help

    known = {d.id: d for d in given_schemas(files) or reference_schemas()}
    lines = [_SCHEMAS_SEEN.render(lang)]
    lines += [f"  {known[i].caption(lang) if i in known else i}" for i in sorted(ids, key=_order)]
    return "\n".join(lines)


def _order(schema_id: str) -> tuple[int, str]:
    """S2 before S10: the number in an id, then the id."""
    digits = "".join(c for c in schema_id if c.isdigit())
    return (int(digits) if digits else 0, schema_id)


def cmd_check(args: argparse.Namespace) -> int:
    """``ges-graph check PATH...``: load, validate and classify every document, each once.

    Prints a row (or, with ``--json``, a JSON line) per document as results come, and writes the
    CSV summary with ``--csv FILE``; returns the worst exit code of the documents (``2`` too when
    a worker process was lost, the documents left unchecked).
    """
    lang: Lang = check_lang(args.lang)
    if args.csv is not None:
        refused = check_output(args.csv, args.files, lang)
        if refused is not None:
            err(refused)
            return EXIT_UNREADABLE
    files = schema_files(args)  # checked before any work starts
    items = expand_sources(args)
    worker = functools.partial(
        check_one,
        lang=lang,
        max_size=args.max_size,
        schema_files=files,
        json_line=args.json,
        every=getattr(args, "all", False),  # a Namespace built by hand may lack it
    )
    if not args.json:
        say(_table_line([column.render(lang) for column in _TABLE_HEAD]))
    return _run(args, items, worker, files)
