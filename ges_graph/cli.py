"""The ``ges-graph`` command (see ``docs/cli.md``).

One console script with a subcommand per job. Output for people goes to stdout; ``--json`` prints
one JSON document on stdout and nothing else there; diagnostics go to stderr, never a traceback
for bad input. Exit codes, for every subcommand: ``0`` success, ``1`` the input was read but fails
what was asked (validation found an error), ``2`` the input could not be read or the command line
is wrong.

Each subcommand is one ``cmd_<name>(args) -> int`` function with its own parser-building block
(``_parser_<name>``). Pieces that live in other modules (rules, classification, rendering, the
report page, exports, diff) are imported inside the function that uses them, so that the command
starts fast and ``import ges_graph`` never pulls in rendering libraries.

Examples:
    >>> from ges_graph._data import example_path
    >>> main(["convert", "--to", "json", "-o", "-", str(example_path("tremplin.yaml"))])
    {
      "format": "ges-graph/1",
      "name": "Groupe Tremplin",
    ...
    0
    >>> main(["validate", "--json", "no-such-file.yaml"])  # the diagnostic goes to stderr
    {
      "file": "no-such-file.yaml",
      "error": {
        "message": "no-such-file.yaml: ...",
        "location": null,
        "line": null,
        "column": null
      }
    }
    2
"""

from __future__ import annotations

import argparse
import functools
import itertools
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import yaml

from ges_graph import __version__
from ges_graph import io as ges_io
from ges_graph._data import examples
from ges_graph.errors import (
    DocumentError,
    ErrorDetail,
    GESError,
    LoadError,
    MissingDependencyError,
    RenderError,
)
from ges_graph.graph import GES
from ges_graph.i18n import LANGS, Lang

if TYPE_CHECKING:
    from ges_graph.schemas import SchemaDef

__all__ = ["EXIT_FAILED", "EXIT_OK", "EXIT_UNREADABLE", "main"]

EXIT_OK = 0
"""Success."""
EXIT_FAILED = 1
"""The input was read but fails what was asked (validation found an error)."""
EXIT_UNREADABLE = 2
"""The input could not be read, or the command line is wrong."""

DOCUMENT_SUFFIXES = (".yaml", ".yml", ".json")
"""The suffixes of documents picked up when a folder is given."""
PROGRESS_DELAY = 0.5
"""Seconds a multi-file run must last before a progress bar appears (on a terminal only)."""

# -- messages -----------------------------------------------------------------------------------

_MESSAGES: dict[str, dict[str, str]] = {
    "cannot_read": {
        "fr": "{file}: lecture impossible : {reason}",
        "en": "{file}: cannot read: {reason}",
    },
    "empty_folder": {
        "fr": "aucun document .yaml, .yml ou .json dans le dossier",
        "en": "no .yaml, .yml or .json document in the folder",
    },
    "summary": {
        "fr": "{total} fichier(s) : {ok} réussi(s), {failed} en échec, {unreadable} illisible(s)",
        "en": "{total} file(s): {ok} succeeded, {failed} failed, {unreadable} unreadable",
    },
    "unknown_output": {
        "fr": "{file}: format de sortie inconnu {suffix!r} (attendu : {expected})",
        "en": "{file}: unknown output format {suffix!r} (expected {expected})",
    },
    "stdout_needs_to": {
        "fr": "-o - (sortie standard) demande --to yaml ou --to json",
        "en": "-o - (standard output) needs --to yaml or --to json",
    },
    "cannot_write": {
        "fr": "{file}: écriture impossible : {reason}",
        "en": "{file}: cannot write: {reason}",
    },
    "written": {"fr": "écrit : {path}", "en": "written: {path}"},
    "stdin_once": {
        "fr": "'-' (entrée standard) ne peut être donné qu'une fois",
        "en": "'-' (standard input) can be given only once",
    },
    "demo_example": {
        "fr": "exemple {name} : {entities} entités, {relations} relations",
        "en": "example {name}: {entities} entities, {relations} relations",
    },
    "demo_conforms": {
        "fr": "  validation : conforme ({n} constat(s))",
        "en": "  validation: conforms ({n} finding(s))",
    },
    "demo_not_conforms": {
        "fr": "  validation : non conforme ({n} constat(s))",
        "en": "  validation: does not conform ({n} finding(s))",
    },
    "demo_schema": {
        "fr": "  classement : schéma {schema}, tête {head}",
        "en": "  classification: schema {schema}, head {head}",
    },
    "demo_no_schema": {
        "fr": "  classement : aucun schéma (le plus proche : {nearest})",
        "en": "  classification: no schema (nearest: {nearest})",
    },
    "demo_no_dot": {
        "fr": "Graphviz (dot) est absent : diagrammes dessinés avec matplotlib, page sans "
        "diagramme (Debian : apt-get install graphviz)",
        "en": "Graphviz (dot) is missing: diagrams drawn with matplotlib, page without a diagram "
        "(Debian: apt-get install graphviz)",
    },
    "demo_failed": {
        "fr": "  (échec : {reason})",
        "en": "  (failed: {reason})",
    },
    "demo_schemas": {
        "fr": "schémas de référence dessinés : {n}",
        "en": "reference schemas drawn: {n}",
    },
    "demo_given_schemas": {
        "fr": "schémas donnés (--schema) dessinés : {n}",
        "en": "given schemas (--schema) drawn: {n}",
    },
    "demo_done": {
        "fr": "résultats dans {dir} :",
        "en": "results in {dir}:",
    },
}


def _t(lang: str, key: str, **fields: Any) -> str:
    """A message of the command in ``lang`` (French when the language is unknown)."""
    texts = _MESSAGES[key]
    return texts.get(lang, texts["fr"]).format(**fields)


def _err(text: str) -> None:
    print(text, file=sys.stderr)


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


# -- schemas given with --schema ----------------------------------------------------------------


@functools.cache
def _schemas(files: tuple[str, ...]) -> tuple[SchemaDef, ...] | None:
    """The schemas to try: the reference ones, then each ``--schema FILE`` in order.

    ``None`` when no file is given (the reference schemas, the library's default). Loaded once
    per process (worker processes load them again from the paths).

    Raises:
        SchemaFileError: a file cannot be read, is malformed, or takes an id already taken; the
            message names the file and the place (``main`` reports it, exit 2).
    """
    if not files:
        return None
    from ges_graph.schemas import load_schema_files, reference_schemas  # noqa: PLC0415

    reference = reference_schemas()
    return (*reference, *load_schema_files(files, beside=reference))


def _schema_files(args: argparse.Namespace) -> tuple[str, ...]:
    """The ``--schema FILE`` of the command line, checked (loaded) before any work starts."""
    files = tuple(getattr(args, "schemas", None) or ())
    _schemas(files)
    return files


# -- inputs -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Source:
    """One document to read: a path, or the bytes read from standard input."""

    name: str
    data: bytes | None = None
    syntax: ges_io.Syntax | None = None


@dataclass(frozen=True)
class _Outcome:
    """What one file gave: the exit status, the text for people, the JSON form, notes for stderr."""

    file: str
    status: int
    text: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    notes: tuple[str, ...] = ()


def _error_outcome(file: str, message: str, detail: ErrorDetail | None = None) -> _Outcome:
    """The result for a file that could not be read, in the JSON form of ``docs/cli.md``."""
    error = {
        "message": message,
        "location": (detail.path or None) if detail is not None else None,
        "line": detail.line if detail is not None else None,
        "column": detail.column if detail is not None else None,
    }
    return _Outcome(file, EXIT_UNREADABLE, data={"file": file, "error": error}, notes=(message,))


def _source(name: str, syntax: ges_io.Syntax | None) -> _Source:
    """The document named ``name`` on the command line; ``-`` reads standard input.

    Standard input is YAML unless ``syntax`` says otherwise; files go by their suffix.
    """
    if name == "-":
        return _Source("<stdin>", sys.stdin.buffer.read(), syntax or "yaml")
    return _Source(name, syntax=syntax)


def _load(source: _Source, lang: str, max_size: int) -> GES | _Outcome:
    """Load one document, or the outcome that says why it could not be read."""
    try:
        if source.data is not None:
            return ges_io.loads(
                source.data, syntax=source.syntax or "yaml", file=source.name, max_size=max_size
            )
        return ges_io.load(source.name, syntax=source.syntax, max_size=max_size)
    except LoadError as exc:
        return _error_outcome(source.name, exc.to_text("en" if lang == "en" else "fr"), exc.first)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return _error_outcome(source.name, _t(lang, "cannot_read", file=source.name, reason=reason))
    except (ValueError, yaml.YAMLError) as exc:  # defence in depth: the loader wraps these
        return _error_outcome(source.name, f"{source.name}: {exc}")


def _sources(args: argparse.Namespace) -> list[_Source | _Outcome]:
    """The documents named on the command line, folders expanded, in order.

    A folder gives its ``.yaml``, ``.yml`` and ``.json`` files (recursively, sorted); an empty
    folder is an unreadable input; ``-`` reads standard input once.
    """
    out: list[_Source | _Outcome] = []
    stdin_used = False
    for name in args.files:
        if name == "-":
            if stdin_used:
                out.append(_error_outcome("-", _t(args.lang, "stdin_once")))
                continue
            stdin_used = True
            out.append(_source(name, args.syntax))
        elif Path(name).is_dir():
            found = sorted(
                p for p in Path(name).rglob("*") if p.suffix.lower() in DOCUMENT_SUFFIXES
            )
            if not found:
                message = _t(args.lang, "cannot_read", file=name, reason="")
                message = f"{message}{_t(args.lang, 'empty_folder')}"
                out.append(_error_outcome(name, message))
            out.extend(_Source(str(p), syntax=args.syntax) for p in found if p.is_file())
        else:
            out.append(_source(name, args.syntax))
    return out


# -- running over several files -----------------------------------------------------------------


class _Progress:
    """A one-line progress bar on stderr, shown only on a terminal and only for long runs.

    Examples:
        >>> import io
        >>> bar = _Progress(3, stream=io.StringIO())  # not a terminal: nothing is drawn
        >>> bar.enabled
        False
    """

    def __init__(self, total: int, stream: TextIO | None = None, delay: float = PROGRESS_DELAY):
        self.stream = stream if stream is not None else sys.stderr
        self.total = total
        self.done = 0
        self.delay = delay
        self.start = time.monotonic()
        self.drawn = False
        isatty = getattr(self.stream, "isatty", None)
        self.enabled = total > 1 and bool(isatty and isatty())

    def advance(self, name: str = "") -> None:
        """Count one more file done; draw the bar once the run has lasted ``delay`` seconds."""
        self.done += 1
        if not self.enabled or time.monotonic() - self.start < self.delay:
            return
        width = 30
        filled = width * self.done // self.total
        label = name if len(name) <= 40 else "…" + name[-39:]
        bar = "#" * filled + "-" * (width - filled)
        self.stream.write(f"\r\033[K[{bar}] {self.done}/{self.total} {label}")
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        """Erase the bar, if one was drawn."""
        if self.drawn:
            self.stream.write("\r\033[K")
            self.stream.flush()


Worker = Callable[[_Source, Lang, int], _Outcome]


def _run(
    worker: Worker, sources: list[_Source], lang: Lang, max_size: int, jobs: int
) -> list[_Outcome]:
    """Apply ``worker`` to every source, in order, in ``jobs`` processes (``0``: one per CPU)."""
    progress = _Progress(len(sources))
    jobs = jobs or os.cpu_count() or 1
    try:
        if jobs <= 1 or len(sources) <= 1:
            results = []
            for source in sources:
                results.append(worker(source, lang, max_size))
                progress.advance(source.name)
            return results
        workers = min(jobs, len(sources))
        # Chunks amortise the round trip to a worker over several small documents.
        chunk = max(1, min(16, len(sources) // (workers * 4)))
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = []
            mapped = pool.map(
                worker,
                sources,
                itertools.repeat(lang),
                itertools.repeat(max_size),
                chunksize=chunk,
            )
            for source, outcome in zip(sources, mapped, strict=True):
                results.append(outcome)
                progress.advance(source.name)
            return results
    finally:
        progress.close()


def _run_files(args: argparse.Namespace, worker: Worker) -> int:
    """Run ``worker`` over the FILEs of the command line and print the per-file results.

    Returns:
        ``2`` if any file could not be read, else ``1`` if any failed, else ``0``.
    """
    items = _sources(args)
    todo = [s for s in items if isinstance(s, _Source)]
    done = iter(_run(worker, todo, args.lang, args.max_size, args.jobs))
    outcomes = [next(done) if isinstance(s, _Source) else s for s in items]
    several = len(args.files) > 1 or any(Path(f).is_dir() for f in args.files if f != "-")
    seen_notes: set[str] = set()
    for outcome in outcomes:
        for note in outcome.notes:
            if note not in seen_notes or outcome.status == EXIT_UNREADABLE:
                _err(note)
                seen_notes.add(note)
    if args.json:
        _print_json([o.data for o in outcomes] if several else outcomes[0].data)
    else:
        for outcome in outcomes:
            if not outcome.text:
                continue
            if several:
                print(f"== {outcome.file} ==")
            print(outcome.text.rstrip("\n"))
        if several:
            print(
                _t(
                    args.lang,
                    "summary",
                    total=len(outcomes),
                    ok=sum(o.status == EXIT_OK for o in outcomes),
                    failed=sum(o.status == EXIT_FAILED for o in outcomes),
                    unreadable=sum(o.status == EXIT_UNREADABLE for o in outcomes),
                )
            )
    return max((o.status for o in outcomes), default=EXIT_OK)


# -- validate -----------------------------------------------------------------------------------


def _validate_one(source: _Source, lang: Lang, max_size: int) -> _Outcome:
    """Load and validate one document (module level, so that worker processes can run it)."""
    ges = _load(source, lang, max_size)
    if isinstance(ges, _Outcome):
        return ges
    from ges_graph.rules import validate  # noqa: PLC0415 (loaded on demand)

    report = validate(ges)
    data = {"file": source.name, **report.to_dict(lang=lang)}
    status = EXIT_OK if report.conforms else EXIT_FAILED
    return _Outcome(source.name, status, report.to_text(lang), data)


def cmd_validate(args: argparse.Namespace) -> int:
    """``ges-graph validate FILE...``: load, validate, print the findings grouped by severity."""
    if args.rules:
        from ges_graph.rules import RULES, catalogue_text  # noqa: PLC0415 (loaded on demand)

        if args.json:
            _print_json([r.to_dict(args.lang) for r in RULES.values()])
        else:
            print(catalogue_text(args.lang))
        return EXIT_OK
    if not args.files:
        _err("ges-graph validate: error: the following arguments are required: FILE (or --rules)")
        return EXIT_UNREADABLE
    return _run_files(args, _validate_one)


# -- classify -----------------------------------------------------------------------------------


def _classify_one(
    source: _Source, lang: Lang, max_size: int, schema_files: tuple[str, ...] = ()
) -> _Outcome:
    """Load and classify one document (module level, so that worker processes can run it)."""
    ges = _load(source, lang, max_size)
    if isinstance(ges, _Outcome):
        return ges
    from ges_graph.classification import classify  # noqa: PLC0415 (loaded on demand)

    result = classify(ges, _schemas(schema_files))
    data = {"file": source.name, **result.to_dict(lang=lang)}
    return _Outcome(source.name, EXIT_OK, result.to_text(lang=lang), data)


def cmd_classify(args: argparse.Namespace) -> int:
    """``ges-graph classify FILE...``: the schema, the head and the explanation; exit 0 if none.

    ``--schema FILE`` (repeatable) tries the schemas of those files after the reference ones.
    """
    files = _schema_files(args)
    return _run_files(args, functools.partial(_classify_one, schema_files=files))


# -- render -------------------------------------------------------------------------------------

RENDER_SUFFIXES = (".svg", ".png", ".pdf", ".dot")


def cmd_render(args: argparse.Namespace) -> int:
    """``ges-graph render FILE -o OUT``: draw the structure; the format comes from OUT's suffix."""
    from ges_graph.render import render  # noqa: PLC0415 (rendering is optional)

    suffix = Path(args.output).suffix.lower()
    if suffix not in RENDER_SUFFIXES:
        _err(
            _t(
                args.lang,
                "unknown_output",
                file=args.output,
                suffix=suffix,
                expected=", ".join(RENDER_SUFFIXES),
            )
        )
        return EXIT_UNREADABLE
    _schema_files(args)  # checked like any input; the drawing's head comes from control
    ges = _load(_source(args.file, args.syntax), args.lang, args.max_size)
    if isinstance(ges, _Outcome):
        _err("\n".join(ges.notes))
        return EXIT_UNREADABLE
    layers = args.layers.split(",") if args.layers else None
    try:
        path = render(ges, args.output, engine=args.engine, layers=layers, lang=args.lang)
    except (MissingDependencyError, ValueError) as exc:  # ValueError: a bad --layers
        _err(str(exc))
        return EXIT_UNREADABLE
    except RenderError as exc:
        _err(str(exc))
        return EXIT_FAILED
    except OSError as exc:
        _err(_t(args.lang, "cannot_write", file=args.output, reason=exc.strerror or str(exc)))
        return EXIT_UNREADABLE
    _err(_t(args.lang, "written", path=path))
    return EXIT_OK


# -- report -------------------------------------------------------------------------------------


def cmd_report(args: argparse.Namespace) -> int:
    """``ges-graph report FILE -o OUT.html``: one self-contained HTML page about the group."""
    from ges_graph.html_report import write_report  # noqa: PLC0415 (the page loads rendering)

    schemas = _schemas(_schema_files(args))
    ges = _load(_source(args.file, args.syntax), args.lang, args.max_size)
    if isinstance(ges, _Outcome):
        _err("\n".join(ges.notes))
        return EXIT_UNREADABLE
    try:
        path = write_report(ges, args.output, lang=args.lang, schemas=schemas)
    except OSError as exc:
        _err(_t(args.lang, "cannot_write", file=args.output, reason=exc.strerror or str(exc)))
        return EXIT_UNREADABLE
    _err(_t(args.lang, "written", path=path))
    return EXIT_OK


# -- schemas ------------------------------------------------------------------------------------


def _render_schemas(args: argparse.Namespace) -> int:
    """``schemas --render DIR``: draw each reference schema's canonical example as DIR/S<n>.svg.

    Graphviz draws them when ``dot`` is on PATH, matplotlib otherwise.
    """
    from ges_graph.render import render  # noqa: PLC0415 (rendering is optional)
    from ges_graph.render.dot import find_dot  # noqa: PLC0415
    from ges_graph.schemas import reference_schemas  # noqa: PLC0415 (loaded on demand)

    out = Path(args.render)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        _err(_t(args.lang, "cannot_write", file=out, reason=exc.strerror or str(exc)))
        return EXIT_UNREADABLE
    engine = "graphviz" if find_dot() is not None else "matplotlib"
    written = []
    for schema in reference_schemas():
        try:
            path = render(
                schema.example_ges(), out / f"{schema.id}.svg", engine=engine, lang=args.lang
            )
        except MissingDependencyError as exc:
            _err(str(exc))
            return EXIT_UNREADABLE
        except RenderError as exc:
            _err(f"{schema.id}: {exc}")
            return EXIT_FAILED
        except OSError as exc:
            _err(_t(args.lang, "cannot_write", file=out, reason=exc.strerror or str(exc)))
            return EXIT_UNREADABLE
        written.append(path)
    if args.json:
        _print_json({"written": [str(p) for p in written]})
    else:
        for path in written:
            print(_t(args.lang, "written", path=path))
    return EXIT_OK


def cmd_schemas(args: argparse.Namespace) -> int:
    """``ges-graph schemas``: the reference schemas, their titles and how sure each one is."""
    if args.render:
        return _render_schemas(args)
    from ges_graph.schemas import reference_schemas  # noqa: PLC0415 (loaded on demand)

    lang = args.lang
    fr = lang == "fr"
    schemas = reference_schemas()
    if args.json:
        _print_json(
            {
                "reconstruction": True,
                "schemas": [
                    {
                        "id": s.id,
                        "title": s.title(lang),
                        "confidence": s.confidence,
                        "basis": s.basis.fr if fr else s.basis.en,
                        "variants": [v.id for v in s.variants],
                    }
                    for s in schemas
                ],
            }
        )
        return EXIT_OK
    sure = {
        "high": ("élevée", "high"),
        "medium": ("moyenne", "medium"),
        "low to medium": ("faible à moyenne", "low to medium"),
        "low": ("faible", "low"),
    }
    print(
        "Schémas de référence de COORACE (« Exemples de structuration de GES »). Ce sont des "
        "reconstructions : les schémas originaux ne sont pas disponibles."
        if fr
        else "COORACE's reference schemas (« Exemples de structuration de GES »). These are "
        "reconstructions: the original diagrams are not available."
    )
    for s in schemas:
        variants = ", ".join(v.id for v in s.variants)
        extra = f" [{'variantes' if fr else 'variants'} {variants}]" if variants else ""
        level = sure[s.confidence][0 if fr else 1]
        print(f"  {s.id}  {s.title(lang)}{extra}")
        print(
            f"      {'confiance' if fr else 'confidence'} : {level}"
            if fr
            else f"      confidence: {level}"
        )
    return EXIT_OK


# -- convert ------------------------------------------------------------------------------------

CONVERT_FORMATS = ("yaml", "json", "graphml", "gexf", "bods")


def _output_format(output: str) -> str | None:
    """The format of an output file from its suffix (``.bods.json`` is BODS), or ``None``.

    Examples:
        >>> [_output_format(n) for n in ("g.yml", "g.JSON", "g.bods.json", "g.gexf", "g.txt")]
        ['yaml', 'json', 'bods', 'gexf', None]
    """
    name = output.lower()
    if name.endswith(".bods.json"):
        return "bods"
    return {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".graphml": "graphml"}.get(
        Path(name).suffix, "gexf" if name.endswith(".gexf") else None
    )


def cmd_convert(args: argparse.Namespace) -> int:
    """``ges-graph convert FILE -o OUT``: rewrite as YAML or JSON, or export the document."""
    fmt = args.to or (None if args.output == "-" else _output_format(args.output))
    if fmt is None:
        if args.output == "-":
            _err(_t(args.lang, "stdout_needs_to"))
        else:
            expected = ".yaml, .yml, .json, .graphml, .gexf, .bods.json"
            suffix = Path(args.output).suffix
            _err(
                _t(args.lang, "unknown_output", file=args.output, suffix=suffix, expected=expected)
            )
        return EXIT_UNREADABLE
    ges = _load(_source(args.file, args.syntax), args.lang, args.max_size)
    if isinstance(ges, _Outcome):
        _err("\n".join(ges.notes))
        return EXIT_UNREADABLE
    if fmt in ("yaml", "json"):
        text = ges_io.dumps(ges, syntax="json" if fmt == "json" else "yaml")
    else:  # GraphML, GEXF, BODS (``.bods.json``): ges_graph.export
        from ges_graph.export import export_text  # noqa: PLC0415 (loaded on demand)

        text = export_text(ges, fmt)
    if args.output == "-":
        sys.stdout.write(text)
        return EXIT_OK
    try:
        Path(args.output).write_text(text, encoding="utf-8")
    except OSError as exc:
        reason = exc.strerror or str(exc)
        _err(_t(args.lang, "cannot_write", file=args.output, reason=reason))
        return EXIT_UNREADABLE
    _err(_t(args.lang, "written", path=args.output))
    return EXIT_OK


# -- diff ---------------------------------------------------------------------------------------


def cmd_diff(args: argparse.Namespace) -> int:
    """``ges-graph diff OLD NEW``: what changed between two states of a group.

    Exit 0 whether or not something changed (a change is not a failure); 2 when either file
    cannot be read.
    """
    from ges_graph.diff import diff  # noqa: PLC0415 (loaded on demand)

    states = []
    for file in (args.old, args.new):
        ges = _load(_source(file, args.syntax), args.lang, args.max_size)
        if isinstance(ges, _Outcome):
            if args.json:
                _print_json(ges.data)
            _err("\n".join(ges.notes))
            return EXIT_UNREADABLE
        states.append(ges)
    result = diff(states[0], states[1])
    if args.json:
        _print_json({"old_file": args.old, "new_file": args.new, **result.to_dict(args.lang)})
    else:
        print(result.to_text(args.lang))
    return EXIT_OK


# -- demo ---------------------------------------------------------------------------------------


def _demo_example(
    path: Path, out: Path, lang: Lang, dot: bool, schemas: tuple[SchemaDef, ...] | None = None
) -> list[Path]:
    """Load, validate and classify one bundled example; write it as JSON, a diagram and a page.

    ``schemas``: those classification tries (default: the reference schemas).

    Returns:
        The files written.
    """
    from ges_graph.classification import classify  # noqa: PLC0415 (loaded on demand)
    from ges_graph.html_report import write_report  # noqa: PLC0415 (the page loads rendering)
    from ges_graph.render import render  # noqa: PLC0415 (rendering is optional)
    from ges_graph.rules import validate  # noqa: PLC0415 (loaded on demand)

    ges = ges_io.load(path)
    print(
        _t(
            lang,
            "demo_example",
            name=path.name,
            entities=len(ges.document.entities),
            relations=len(ges.document.relations),
        )
    )
    report = validate(ges)
    key = "demo_conforms" if report.conforms else "demo_not_conforms"
    print(_t(lang, key, n=len(report.findings)))
    result = classify(ges, schemas)
    if result.schema is not None:
        print(_t(lang, "demo_schema", schema=result.schema, head=result.head))
    else:
        print(_t(lang, "demo_no_schema", nearest=result.nearest))
    written = [out / f"{path.stem}.json"]
    ges_io.save(ges, written[0])
    engine = "graphviz" if dot else "matplotlib"
    written.append(render(ges, out / f"{path.stem}.svg", engine=engine, lang=lang, report=report))
    written.append(
        write_report(ges, out / f"{path.stem}.html", lang=lang, diagram=dot, schemas=schemas)
    )
    return written


def _demo_schemas(
    out: Path, lang: Lang, dot: bool, schemas: tuple[SchemaDef, ...] | None = None
) -> list[Path]:
    """Draw the example of each schema into ``out``; return the files written.

    ``schemas``: those to draw (default: the reference schemas).
    """
    from ges_graph.render import render  # noqa: PLC0415 (rendering is optional)
    from ges_graph.schemas import reference_schemas  # noqa: PLC0415 (loaded on demand)

    out.mkdir(parents=True, exist_ok=True)
    engine = "graphviz" if dot else "matplotlib"
    written = [
        render(schema.example_ges(), out / f"{schema.id}.svg", engine=engine, lang=lang)
        for schema in (reference_schemas() if schemas is None else schemas)
    ]
    reference = len(reference_schemas())
    print(_t(lang, "demo_schemas", n=min(reference, len(written))))
    if len(written) > reference:
        print(_t(lang, "demo_given_schemas", n=len(written) - reference))
    return written


def cmd_demo(args: argparse.Namespace) -> int:
    """``ges-graph demo [-o DIR]``: the main job on the bundled examples, needing no input.

    Draws the reference schemas (``DIR/schemas/S1.svg``…) and those of ``--schema FILE``
    beside them, and for each bundled example group validates and classifies it (against the
    same schemas), then writes it as JSON, its diagram and its report page. Without Graphviz's
    ``dot``, the diagrams are drawn with matplotlib and the page goes without.
    """
    import shutil  # noqa: PLC0415

    schemas = _schemas(_schema_files(args))

    out = Path(args.output)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        _err(_t(args.lang, "cannot_write", file=out, reason=exc.strerror or str(exc)))
        return EXIT_UNREADABLE
    dot = shutil.which("dot") is not None
    if not dot:
        _err(_t(args.lang, "demo_no_dot"))
    written: list[Path] = []
    status = EXIT_OK
    steps: list[Callable[[], list[Path]]] = [
        functools.partial(_demo_schemas, out / "schemas", args.lang, dot, schemas),
        *(functools.partial(_demo_example, p, out, args.lang, dot, schemas) for p in examples()),
    ]
    for step in steps:
        try:
            written += step()
        except (GESError, OSError) as exc:
            _err(_t(args.lang, "demo_failed", reason=exc))
            status = EXIT_FAILED
    print(_t(args.lang, "demo_done", dir=out))
    for path in written:
        print(f"  {path}")
    return status


# -- the parser ---------------------------------------------------------------------------------


def _common(json_option: bool = False) -> argparse.ArgumentParser:
    """The options every subcommand takes (``--lang``), and ``--json`` where asked."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--lang", choices=LANGS, default="fr", help="language of messages (default: fr)"
    )
    if json_option:
        parent.add_argument("--json", action="store_true", help="print one JSON document on stdout")
    return parent


def _input_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--syntax",
        choices=("yaml", "json"),
        help="syntax of the input (default: from the suffix; YAML for '-')",
    )
    parser.add_argument(
        "--max-size",
        type=int,
        default=ges_io.MAX_SIZE,
        metavar="BYTES",
        help=f"refuse larger documents (default: {ges_io.MAX_SIZE})",
    )


def _many_files(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="documents (.yaml, .yml, .json), folders of documents, or '-' for standard input",
    )
    _input_options(parser)
    parser.add_argument(
        "--jobs",
        "-j",
        type=_non_negative,
        default=1,
        metavar="N",
        help="use N processes for several files (0: one per CPU; default: 1)",
    )


def _schema_option(parser: argparse.ArgumentParser, help_text: str) -> None:
    parser.add_argument(
        "--schema",
        action="append",
        dest="schemas",
        metavar="SCHEMA_FILE",
        help=help_text,
    )


_SCHEMA_HELP = (
    "a schema file (YAML) to try after the reference schemas; repeatable "
    "(see docs/classification.md for the format)"
)


def _non_negative(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {value}")
    return value


def _parser_validate(sub: Any) -> None:
    p = sub.add_parser(
        "validate",
        parents=[_common(json_option=True)],
        help="check documents against the rules",
        description="Load and validate each document; print the findings grouped by severity. "
        "Exit 1 if any finding is an error.",
    )
    _many_files(p)
    # ``--rules`` needs no FILE: FILE is optional here and cmd_validate requires it otherwise.
    for action in p._actions:
        if action.dest == "files":
            action.nargs = "*"
    p.add_argument("--rules", action="store_true", help="list the rule catalogue and exit")
    p.set_defaults(func=cmd_validate)


def _parser_classify(sub: Any) -> None:
    p = sub.add_parser(
        "classify",
        parents=[_common(json_option=True)],
        help="tell which reference schema a group follows",
        description="Load and classify each document: the schema, the head and the explanation. "
        "Exit 0 even when nothing matches.",
    )
    _many_files(p)
    _schema_option(p, _SCHEMA_HELP)
    p.set_defaults(func=cmd_classify)


def _parser_render(sub: Any) -> None:
    p = sub.add_parser(
        "render",
        parents=[_common()],
        help="draw the structure of a group",
        description="Draw the structure; the format comes from OUT's suffix "
        "(.svg, .png, .pdf, .dot).",
    )
    p.add_argument("file", metavar="FILE", help="the document, or '-' for standard input")
    p.add_argument("-o", "--output", required=True, metavar="OUT")
    p.add_argument("--engine", choices=("graphviz", "matplotlib"), default="graphviz")
    p.add_argument(
        "--layers",
        metavar="LAYERS",
        help="comma-separated: governance,capital,flows (default: all)",
    )
    _schema_option(
        p,
        "a schema file (YAML), checked and accepted as by classify and report; repeatable. The "
        "diagram does not depend on it: its head comes from the control notions",
    )
    _input_options(p)
    p.set_defaults(func=cmd_render)


def _parser_report(sub: Any) -> None:
    p = sub.add_parser(
        "report",
        parents=[_common()],
        help="write a self-contained HTML report",
        description="One self-contained HTML page: diagram, classification with explanation, "
        "findings, flows and combined budget.",
    )
    p.add_argument("file", metavar="FILE", help="the document, or '-' for standard input")
    p.add_argument("-o", "--output", required=True, metavar="OUT.html")
    _schema_option(p, _SCHEMA_HELP)
    _input_options(p)
    p.set_defaults(func=cmd_report)


def _parser_schemas(sub: Any) -> None:
    p = sub.add_parser(
        "schemas",
        parents=[_common(json_option=True)],
        help="list the reference schemas",
        description="List the reference schemas with their titles and how sure the "
        "reconstruction is.",
    )
    p.add_argument("--render", metavar="DIR", help="draw each schema's example into DIR")
    p.set_defaults(func=cmd_schemas)


def _parser_convert(sub: Any) -> None:
    p = sub.add_parser(
        "convert",
        parents=[_common()],
        help="rewrite a document as YAML or JSON, or export it",
        description="Rewrite the document as .json or .yaml, or export it (.graphml, .gexf, "
        "BODS JSON as .bods.json). The format comes from OUT's suffix unless --to is given.",
    )
    p.add_argument("file", metavar="FILE", help="the document, or '-' for standard input")
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="'-': standard output")
    p.add_argument("--to", choices=CONVERT_FORMATS, help="output format (default: from OUT)")
    _input_options(p)
    p.set_defaults(func=cmd_convert)


def _parser_diff(sub: Any) -> None:
    p = sub.add_parser(
        "diff",
        parents=[_common(json_option=True)],
        help="what changed between two states of a group",
        description="Entities, stakes, seats, control, flows, schema, head and findings that "
        "changed between OLD and NEW.",
    )
    p.add_argument("old", metavar="OLD")
    p.add_argument("new", metavar="NEW")
    _input_options(p)
    p.set_defaults(func=cmd_diff)


def _parser_demo(sub: Any) -> None:
    p = sub.add_parser(
        "demo",
        parents=[_common()],
        help="run the main job on bundled examples",
        description="Draw the reference schemas and write a report for an example group, "
        "needing no input; then say where.",
    )
    p.add_argument(
        "-o", "--output", default="ges-graph-demo", metavar="DIR", help="default: ges-graph-demo"
    )
    _schema_option(
        p, "a schema file (YAML) drawn beside the reference schemas and tried too; repeatable"
    )
    p.set_defaults(func=cmd_demo)


def build_parser() -> argparse.ArgumentParser:
    """The command's argument parser, one subparser per subcommand."""
    parser = argparse.ArgumentParser(
        prog="ges-graph",
        description="Model, check, classify and draw Groupes Économiques Solidaires.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for build in (
        _parser_validate,
        _parser_classify,
        _parser_render,
        _parser_report,
        _parser_schemas,
        _parser_convert,
        _parser_diff,
        _parser_demo,
    ):
        build(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command with ``argv`` (default: ``sys.argv[1:]``); return the exit code.

    Args:
        argv: the arguments, without the program name.

    Examples:
        >>> main(["demo", "--lang", "xx"])
        2
    """
    parser = build_parser()
    _schemas.cache_clear()  # a schema file may have changed since an earlier call in this process
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a wrong command line (already printed)
        return exc.code if isinstance(exc.code, int) else EXIT_UNREADABLE
    try:
        return int(args.func(args))
    except GESError as exc:  # bad input that a subcommand did not catch itself
        if isinstance(exc, DocumentError):
            _err(exc.to_text("en" if getattr(args, "lang", "fr") == "en" else "fr"))
        else:
            _err(str(exc))
        return EXIT_UNREADABLE
    except BrokenPipeError:  # stdout closed early (``| head``): stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FAILED
    except KeyboardInterrupt:
        _err("interrupted")
        return 130
