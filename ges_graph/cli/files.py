"""The subcommands that turn documents into files or compare them: ``convert`` and ``diff``.

``convert`` rewrites a document as YAML or JSON, or exports it (GraphML, GEXF, BODS); the format
comes from the output's suffix unless ``--to`` names it. ``diff`` says what changed between two
states of a group. The exports and the diff are loaded on demand.

Examples:
    >>> from ges_graph._data import example_path
    >>> import argparse
    >>> args = argparse.Namespace(
    ...     file=str(example_path("tremplin.yaml")), output="-", to="yaml", lang="fr",
    ...     syntax=None, max_size=10**6)
    >>> cmd_convert(args)
    format: ges-graph/1
    name: Groupe Tremplin
    ...
    0
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING

from ges_graph.cli.inputs import STDIN_ONCE, is_folder, load_source, read_source
from ges_graph.cli.output import (
    CANNOT_WRITE,
    EXIT_OK,
    EXIT_UNREADABLE,
    UNKNOWN_OUTPUT,
    WRITTEN,
    Outcome,
    check_output,
    document_text,
    err,
    print_json,
    say,
    write_text,
)
from ges_graph.errors import os_reason
from ges_graph.i18n import Tr

if TYPE_CHECKING:
    from ges_graph.graph import GES

__all__ = ["CONVERT_FORMATS", "cmd_convert", "cmd_diff", "output_format"]

CONVERT_FORMATS = ("yaml", "json", "graphml", "gexf", "bods", "xlsx", "csv")
"""The formats of ``convert --to`` (``csv``: a folder of CSV files)."""

_CONVERT_SUFFIXES = ".yaml, .yml, .json, .graphml, .gexf, .bods.json, .xlsx, …/ (CSV)"
_STDOUT_NEEDS_TO = Tr(
    "-o - (sortie standard) demande --to yaml ou --to json",
    "-o - (standard output) needs --to yaml or --to json",
)

# -- convert ------------------------------------------------------------------------------------


def output_format(output: str) -> str | None:
    """The format of an output file from its suffix (``.bods.json`` is BODS), or ``None``.

    Examples:
        >>> [output_format(n) for n in ("g.yml", "g.JSON", "g.bods.json", "g.gexf", "g.txt")]
        ['yaml', 'json', 'bods', 'gexf', None]
        >>> output_format("g.xlsx"), output_format("groupe/")
        ('xlsx', 'csv')
    """
    name = output.lower()
    if name.endswith(".bods.json"):
        return "bods"
    if name.endswith(".xlsx"):
        return "xlsx"
    if output.endswith(("/", os.sep)) or is_folder(output):  # a folder of CSV files
        return "csv"
    return {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".graphml": "graphml"}.get(
        Path(name).suffix, "gexf" if name.endswith(".gexf") else None
    )


def cmd_convert(args: argparse.Namespace) -> int:
    """``ges-graph convert FILE -o OUT``: rewrite as YAML or JSON, or export the document."""
    fmt = args.to or (None if args.output == "-" else output_format(args.output))
    if fmt is None or (args.output == "-" and fmt in ("xlsx", "csv")):
        if args.output == "-":
            err(_STDOUT_NEEDS_TO.render(args.lang))
        else:
            suffix = Path(args.output).suffix
            err(
                UNKNOWN_OUTPUT.format(
                    args.lang, file=args.output, suffix=suffix, expected=_CONVERT_SUFFIXES
                )
            )
        return EXIT_UNREADABLE
    refused = check_output(args.output, [args.file], args.lang)
    if refused is not None:
        err(refused)
        return EXIT_UNREADABLE
    ges = load_source(read_source(args.file, args.syntax, args.max_size), args.lang, args.max_size)
    if isinstance(ges, Outcome):
        err("\n".join(ges.notes))
        return EXIT_UNREADABLE
    if fmt in ("xlsx", "csv"):
        return _write_spreadsheet(ges, args, fmt)
    if fmt in ("yaml", "json"):
        from ges_graph import io as ges_io  # noqa: PLC0415 (not needed by convert --help)

        text = ges_io.dumps(ges, syntax="json" if fmt == "json" else "yaml")
    else:  # GraphML, GEXF, BODS (``.bods.json``): ges_graph.export
        from ges_graph.export import export_text  # noqa: PLC0415 (loaded on demand)

        text = export_text(ges, fmt)
    return write_text(args.output, text, args.lang)


def _write_spreadsheet(ges: GES, args: argparse.Namespace, fmt: str) -> int:
    """``convert -o groupe.xlsx`` or ``-o dossier/``: the document as a workbook or CSV files."""
    from ges_graph.io.spreadsheet import (  # noqa: PLC0415 - convert --help reads this module
        save_csv_folder,
        save_workbook,
    )

    save = save_workbook if fmt == "xlsx" else save_csv_folder
    try:
        save(ges, args.output, lang=args.lang)
    except OSError as exc:
        err(CANNOT_WRITE.format(args.lang, file=args.output, reason=os_reason(exc, args.lang)))
        return EXIT_UNREADABLE
    err(WRITTEN.format(args.lang, path=args.output))
    return EXIT_OK


# -- diff ---------------------------------------------------------------------------------------


def cmd_diff(args: argparse.Namespace) -> int:
    """``ges-graph diff OLD NEW``: what changed between two states of a group.

    Exit 0 whether or not something changed (a change is not a failure); 2 when either file
    cannot be read.
    """
    from ges_graph.diff import diff  # noqa: PLC0415 (loaded on demand)

    if args.old == args.new == "-":
        err(STDIN_ONCE.render(args.lang))
        return EXIT_UNREADABLE
    states = []
    for file in (args.old, args.new):
        ges = load_source(read_source(file, args.syntax, args.max_size), args.lang, args.max_size)
        if isinstance(ges, Outcome):
            if args.json:
                print_json(ges.data)
            err("\n".join(ges.notes))
            return EXIT_UNREADABLE
        states.append(ges)
    result = diff(states[0], states[1])
    if args.json:
        print_json({"old_file": args.old, "new_file": args.new, **result.to_dict(args.lang)})
    else:
        documents = [state.document.model_dump(mode="json") for state in states]
        say(document_text(result.to_text(args.lang), documents))
    return EXIT_OK
