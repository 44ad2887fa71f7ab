"""The command line of ``ges-graph``: one argparse subparser per subcommand.

The parser knows the subcommands by name only (``args.command``); the package runs
``cmd_<name>`` (:func:`ges_graph.cli.main`), so that ``--help`` needs none of the subcommands'
code. Help texts are in English, as are argparse's own messages.

A wrong command line prints the subcommand's usage line and argparse's error on stderr, and
exits with code 2 (``SystemExit``, which ``main`` turns into its return value).

Examples:
    >>> args = parse_command_line(["classify", "--json", "-j", "2", "a.yaml", "b.yaml"])
    >>> args.command, args.files, args.jobs, args.json, args.lang, args.schemas
    ('classify', ['a.yaml', 'b.yaml'], 2, True, 'fr', None)
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from ges_graph._version import __version__
from ges_graph.cli.files import CONVERT_FORMATS
from ges_graph.i18n import LANGS
from ges_graph.io import MAX_SIZE

__all__ = ["SUBCOMMANDS", "build_parser", "parse_command_line"]

_SCHEMA_HELP = (
    "a schema file (YAML) to try after the reference schemas; repeatable "
    "(see docs/classification.md for the format)"
)


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
        type=_size,
        default=MAX_SIZE,
        metavar="BYTES",
        help=f"refuse larger documents (default: {MAX_SIZE})",
    )


def _many_files(parser: argparse.ArgumentParser, nargs: str = "+") -> None:
    """FILE... with the input options and ``--jobs``; ``nargs="*"`` where FILE may be left out."""
    parser.add_argument(
        "files",
        nargs=nargs,
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


_LARGEST_SIZE = 2**63 - 1
"""The largest ``--max-size``: what a file offset can say."""


def _size(text: str) -> int:
    """``--max-size``: a whole number of bytes, from 0 to 2**63 - 1.

    Examples:
        >>> _size("1000")
        1000
        >>> _size("99999999999999999999999")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        argparse.ArgumentTypeError: must be at most 9223372036854775807 bytes, not 9999...
    """
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number of bytes: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {value}")
    if value > _LARGEST_SIZE:
        raise argparse.ArgumentTypeError(f"must be at most {_LARGEST_SIZE} bytes, not {value}")
    return value


def _non_negative(text: str) -> int:
    """``--jobs``: a whole number, 0 or more.

    Examples:
        >>> _non_negative("-1")
        Traceback (most recent call last):
        ...
        argparse.ArgumentTypeError: must be 0 or more, not -1
    """
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
    _many_files(p, nargs="*")  # ``--rules`` needs no FILE: parse_command_line requires it else
    p.add_argument("--rules", action="store_true", help="list the rule catalogue and exit")


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


def _parser_render(sub: Any) -> None:
    p = sub.add_parser(
        "render",
        parents=[_common()],
        help="draw the structure of a group",
        description="Draw the structure; the format comes from OUT's suffix "
        "(.svg, .png, .pdf, .dot).",
    )
    p.add_argument("file", metavar="FILE", help="the document, or '-' for standard input")
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="'-': standard output")
    p.add_argument(
        "--to",
        choices=("svg", "png", "pdf", "dot"),
        help="output format (default: from OUT; svg on standard output)",
    )
    p.add_argument("--engine", choices=("graphviz", "matplotlib"), default="graphviz")
    p.add_argument(
        "--view",
        choices=("structure", "flows", "all"),
        default="structure",
        help="ce que montre le schéma : la structure (gouvernance et capital, par défaut), "
        "les flux financiers, ou tout",
    )
    p.add_argument(
        "--layers",
        metavar="LAYERS",
        help="couches séparées par des virgules : governance,capital,flows (remplace --view)",
    )
    p.add_argument(
        "--clusters",
        choices=("family", "sector", "territory"),
        help="regrouper les membres dans des cadres : par famille de forme, par secteur, ou par "
        "territoire (attrs.territory de chaque entité) ; Graphviz seulement",
    )
    p.add_argument(
        "--direction",
        choices=("TB", "LR", "BT", "RL"),
        help="sens du schéma : de haut en bas (TB), de gauche à droite (LR) ou l'inverse ; par "
        "défaut, celui de la vue",
    )
    p.add_argument(
        "--findings",
        action=argparse.BooleanOptionalAction,
        default=False,
        help="vérifier le document et marquer les constats sur le schéma (par défaut : non)",
    )
    p.add_argument(
        "--paper",
        choices=("a4", "a3"),
        help="format de papier visé : le schéma est disposé pour lui, et mis à sa taille si le "
        "plus petit texte reste d'au moins 7 points",
    )
    _schema_option(
        p,
        "a schema file (YAML), checked and accepted as by classify and report; repeatable. The "
        "diagram does not depend on it: its head comes from the control notions",
    )
    _input_options(p)


def _parser_report(sub: Any) -> None:
    p = sub.add_parser(
        "report",
        parents=[_common()],
        help="write a self-contained HTML report",
        description="One self-contained HTML page: diagram, classification with explanation, "
        "findings, flows and combined budget.",
    )
    p.add_argument("file", metavar="FILE", help="the document, or '-' for standard input")
    p.add_argument("-o", "--output", required=True, metavar="OUT.html", help="'-': standard output")
    _schema_option(p, _SCHEMA_HELP)
    _input_options(p)


def _parser_schemas(sub: Any) -> None:
    p = sub.add_parser(
        "schemas",
        parents=[_common(json_option=True)],
        help="list the reference schemas",
        description="List the reference schemas with their titles and how sure the "
        "reconstruction is.",
    )
    p.add_argument("--render", metavar="DIR", help="draw each schema's example into DIR")


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


_BUILDERS = {
    "validate": _parser_validate,
    "classify": _parser_classify,
    "render": _parser_render,
    "report": _parser_report,
    "schemas": _parser_schemas,
    "convert": _parser_convert,
    "diff": _parser_diff,
    "demo": _parser_demo,
}

SUBCOMMANDS = tuple(_BUILDERS)
"""The subcommands, in the order of ``--help``; each NAME runs ``ges_graph.cli.cmd_NAME``."""


def _build() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    """The command's parser, and each subcommand's parser by name."""
    parser = argparse.ArgumentParser(
        prog="ges-graph",
        description="Model, check, classify and draw Groupes Économiques Solidaires.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in SUBCOMMANDS:
        _BUILDERS[name](sub)
    return parser, sub.choices


def build_parser() -> argparse.ArgumentParser:
    """The command's argument parser, one subparser per subcommand.

    Examples:
        >>> build_parser().prog
        'ges-graph'
    """
    return _build()[0]


def parse_command_line(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The parsed command line (``args.command`` names the subcommand).

    Args:
        argv: the arguments, without the program name (default: ``sys.argv[1:]``).

    Raises:
        SystemExit: ``--help`` or ``--version`` (code 0, after printing them), or a wrong command
            line (code 2, after printing the usage line and the error on stderr).
    """
    parser, subparsers = _build()
    args = parser.parse_args(argv)
    if args.command == "validate" and not args.files and not args.rules:
        subparsers["validate"].error("the following arguments are required: FILE (or --rules)")
    return args
