"""The subcommands that check groups: ``validate``, ``classify``, and ``schemas`` (what it tries).

``validate`` and ``classify`` take several FILEs (:mod:`ges_graph.cli.batch`): each file goes
through a worker below, at module level so that worker processes can run it. The rules and the
classification are loaded on demand, so that ``--help`` stays fast.

Examples:
    >>> import argparse
    >>> cmd_schemas(argparse.Namespace(lang="en", json=False, render=None))
    COORACE's reference schemas (“Exemples de structuration de GES”). ...
      S1 — Associative group or union of associations (reconstruction of the COORACE typology,
      high confidence) [variants 1a, 1b]
    ...
    0
"""

from __future__ import annotations

import argparse
import collections
import functools
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ges_graph.cli.batch import run_files
from ges_graph.cli.inputs import Source, given_schemas, load_with_text, schema_files
from ges_graph.cli.output import (
    CANNOT_WRITE,
    EXIT_FAILED,
    EXIT_OK,
    EXIT_UNREADABLE,
    WRITTEN,
    Outcome,
    document_text,
    err,
    print_json,
    say,
)
from ges_graph.errors import LoadError, MissingDependencyError, RenderError, os_reason
from ges_graph.i18n import Lang, Tr

__all__ = ["cmd_classify", "cmd_schemas", "cmd_validate"]

# -- validate -----------------------------------------------------------------------------------


def _validate_one(
    source: Source, lang: Lang, max_size: int, every: bool = False, as_json: bool = False
) -> Outcome:
    """Load and validate one document (a worker of :func:`~ges_graph.cli.batch.run_files`).

    ``every`` (``--all``): every finding printed; otherwise the first
    :data:`~ges_graph.report.SHOWN` of each rule, then how many more there are. ``as_json``
    (``--json``): only the JSON form is made, else only the text (one of them is printed).
    """
    ges, json_text = load_with_text(source, lang, max_size)
    if isinstance(ges, Outcome):
        return ges
    from ges_graph.report import SHOWN  # noqa: PLC0415 (loaded on demand)
    from ges_graph.rules import RULES, validate  # noqa: PLC0415

    report = validate(ges)
    limit = None if every else SHOWN
    status = EXIT_OK if report.conforms else EXIT_FAILED
    if as_json:
        return Outcome(
            source.name,
            status,
            data={"file": source.name, **report.to_dict(lang=lang, limit=limit)},
        )
    text = report.to_text(lang, limit=limit, rules=RULES)
    text += _rows_said(report, ges.document, lang, limit) or _lines_said(
        report, source, json_text, ges.document, lang, limit
    )
    return Outcome(source.name, status, document_text(text, ges.document, json_text))


_IN_SHEETS = Tr("Dans le tableur : {rows}.", "In the spreadsheet: {rows}.")
_ROW = Tr("{key} est la ligne {row} de la feuille {sheet}", "{key} is row {row} of sheet {sheet}")


def _rows_said(report: Any, document: Any, lang: Lang, limit: int | None) -> str:
    """For a document read from a spreadsheet, the row of each relation the findings name.

    A finding names a relation by its key in the document (``relations[11]``), which counts the
    *Relations* and *Flux* sheets as one list: the reader of a workbook is told the row.
    """
    cells = sys.modules.get("ges_graph.io.spreadsheet.cells")
    if cells is None:  # no spreadsheet was read: a YAML file's check imports none of it
        return ""
    rows: Mapping[str, str] = cells.rows_of(document)
    if not rows:
        return ""
    shown = report.shown(limit)[0] if limit is not None else report.findings
    entities = {e.id for e in document.entities}  # found by their id in the sheet
    keys = dict.fromkeys(s for f in shown for s in f.subjects if s in rows and s not in entities)
    said = []
    for key in keys:
        sheet, _, row = rows[key].partition("!")
        said.append(_ROW.format(lang, key=key, row=row.partition(":")[0], sheet=sheet))
    if not said:
        return ""
    return "\n" + _IN_SHEETS.format(lang, rows=Tr(" ; ", "; ").render(lang).join(said))


_IN_FILE = Tr(
    "Relations citées, dans le fichier : {lines}.", "Relations cited, in the file: {lines}."
)
_IN_STDIN = Tr(
    "Relations citées, dans le texte lu sur l'entrée standard : {lines}.",
    "Relations cited, in the text read from standard input: {lines}.",
)
_LINE = Tr("{key} à la ligne {line}", "{key} on line {line}")
_LINE_COLUMN = Tr(
    "{key} à la ligne {line}, colonne {column}", "{key} on line {line}, column {column}"
)
_PLACED = re.compile(r"relations\[([0-9]+)\]")
"""A relation named by its place in the document (a relation with an ``id`` is named by it)."""


def _lines_said(
    report: Any,
    source: Source,
    json_text: bytes | None,
    document: Any,
    lang: Lang,
    limit: int | None,
) -> str:
    """For a YAML or JSON text, where each relation named by its place begins (``relations[6]``).

    Its line (:mod:`ges_graph.cli.lines`), and its column when it shares its line with another.
    """
    shown = report.shown(limit)[0] if limit is not None else report.findings
    named = sorted(  # the relations' places in the document, in its order
        {int(m.group(1)) for f in shown for s in f.subjects if (m := _PLACED.fullmatch(s))}
    )
    if not named:
        return ""
    from ges_graph.cli.lines import READ_AGAIN_MAX, relation_places  # noqa: PLC0415 (on demand)
    from ges_graph.io import syntax_of  # noqa: PLC0415 (loaded already: the document was read)

    text: bytes | None = json_text if json_text is not None else source.data
    syntax = "json" if json_text is not None else source.syntax
    try:
        if text is None:
            syntax = syntax or syntax_of(source.name)
            with open(source.name, "rb") as f:  # no more than is read again
                text = f.read(READ_AGAIN_MAX + 1)
    except (OSError, LoadError):  # gone since it was read, or not a YAML or JSON file
        return ""
    places = relation_places(text, syntax or "yaml", len(document.relations))
    if places is None:
        return ""
    per_line = collections.Counter(line for line, _ in places)
    said = []
    for i in named:
        if i >= len(places):  # an id written like a place (« relations[99] »)
            continue
        line, column = places[i]
        # Several relations on one line (JSON written on one): the column tells them apart.
        words = _LINE_COLUMN if per_line[line] > 1 else _LINE
        key = f"relations[{i}]"
        said.append(words.format(lang, key=key, line=str(line), column=str(column)))
    if not said:
        return ""
    where = _IN_STDIN if source.data is not None else _IN_FILE
    return "\n" + where.format(lang, lines=Tr(" ; ", "; ").render(lang).join(said))


def cmd_validate(args: argparse.Namespace) -> int:
    """``ges-graph validate FILE...``: load, validate, print the findings grouped by severity.

    ``--rules`` lists the rule catalogue instead (the parser requires FILE otherwise); ``--all``
    prints every finding, where by default a rule's findings past the first few are counted.
    """
    if args.rules:
        from ges_graph.rules import RULES, catalogue_text  # noqa: PLC0415 (loaded on demand)

        if args.json:
            print_json([r.to_dict(args.lang) for r in RULES.values()])
        else:
            say(catalogue_text(args.lang))
        return EXIT_OK
    every = getattr(args, "all", False)
    return run_files(args, functools.partial(_validate_one, every=every, as_json=args.json))


# -- classify -----------------------------------------------------------------------------------


def _classify_one(
    source: Source,
    lang: Lang,
    max_size: int,
    schema_files: tuple[str, ...] = (),
    as_json: bool = False,
) -> Outcome:
    """Load and classify one document (a worker of :func:`~ges_graph.cli.batch.run_files`).

    ``schema_files``: the ``--schema`` files, read again in a worker process (once each).
    ``as_json`` (``--json``): only the JSON form is made, else only the text.
    """
    ges, json_text = load_with_text(source, lang, max_size)
    if isinstance(ges, Outcome):
        return ges
    from ges_graph.classification import classify  # noqa: PLC0415 (loaded on demand)

    result = classify(ges, given_schemas(schema_files))
    if as_json:
        return Outcome(
            source.name, EXIT_OK, data={"file": source.name, **result.to_dict(lang=lang)}
        )
    text = document_text(result.to_text(lang=lang), ges.document, json_text)
    return Outcome(source.name, EXIT_OK, text)


def cmd_classify(args: argparse.Namespace) -> int:
    """``ges-graph classify FILE...``: the schema, the head and the explanation; exit 0 if none.

    ``--schema FILE`` (repeatable) tries the schemas of those files after the reference ones.
    """
    files = schema_files(args)
    return run_files(args, functools.partial(_classify_one, schema_files=files, as_json=args.json))


# -- schemas ------------------------------------------------------------------------------------

_RECONSTRUCTIONS = Tr(
    "Schémas de référence de COORACE (« Exemples de structuration de GES »). Ce sont des "
    "reconstitutions : les schémas originaux ne sont pas disponibles.",
    "COORACE's reference schemas (“Exemples de structuration de GES”). These are "
    "reconstructions: the original diagrams are not available.",
)
_VARIANTS = Tr(" [variantes {ids}]", " [variants {ids}]")


def cmd_schemas(args: argparse.Namespace) -> int:
    """``ges-graph schemas``: the reference schemas, their titles and how sure each one is.

    ``--render DIR`` draws each one's example instead (:func:`_render_schemas`).
    """
    if args.render:
        return _render_schemas(args)
    from ges_graph.schemas import reference_schemas  # noqa: PLC0415 (loaded on demand)

    lang = args.lang
    schemas = reference_schemas()
    if args.json:
        print_json(
            {
                "reconstruction": True,
                "schemas": [
                    {
                        "id": s.id,
                        "title": s.title(lang),
                        "confidence": s.confidence,
                        "basis": Tr(s.basis.fr, s.basis.en).render(lang),
                        "variants": [v.id for v in s.variants],
                    }
                    for s in schemas
                ],
            }
        )
        return EXIT_OK
    say(_RECONSTRUCTIONS.render(lang))
    for s in schemas:
        variants = ", ".join(v.id for v in s.variants)
        extra = _VARIANTS.format(lang, ids=variants) if variants else ""
        say(f"  {s.caption(lang)}{extra}")
    return EXIT_OK


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
        err(CANNOT_WRITE.format(args.lang, file=out, reason=os_reason(exc, args.lang)))
        return EXIT_UNREADABLE
    engine = "graphviz" if find_dot() is not None else "matplotlib"
    written = []
    for schema in reference_schemas():
        try:
            path = render(
                schema.example_ges(), out / f"{schema.id}.svg", engine=engine, lang=args.lang
            )
        except MissingDependencyError as exc:
            err(str(exc))
            return EXIT_UNREADABLE
        except RenderError as exc:
            err(f"{schema.id}: {exc.message_in(args.lang)}")
            return EXIT_FAILED
        except OSError as exc:
            err(CANNOT_WRITE.format(args.lang, file=out, reason=os_reason(exc, args.lang)))
            return EXIT_UNREADABLE
        written.append(path)
    if args.json:
        print_json({"written": [str(p) for p in written]})
    else:
        for path in written:
            say(WRITTEN.format(args.lang, path=path))
    return EXIT_OK
