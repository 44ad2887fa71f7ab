"""The command line of ``ges-graph``: one argparse subparser per subcommand.

The parser knows the subcommands by name only (``args.command``); the package runs
``cmd_<name>`` (:func:`ges_graph.cli.main`), so that ``--help`` needs none of the subcommands'
code, and nothing heavy: building it imports neither the library's models nor networkx,
pydantic or yaml (``tests/test_startup.py``). Help texts are in English, as are argparse's own
messages, but ``check``'s, which are in the language of ``--lang``: French by default.

A wrong command line prints the subcommand's usage line and argparse's error on stderr, and
exits with code 2 (``SystemExit``, which ``main`` turns into its return value).

Examples:
    >>> args = parse_command_line(["classify", "--json", "-j", "2", "a.yaml", "b.yaml"])
    >>> args.command, args.files, args.jobs, args.json, args.lang, args.schemas
    ('classify', ['a.yaml', 'b.yaml'], 2, True, 'fr', None)
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from typing import Any

from ges_graph._version import __version__
from ges_graph.cli.budget import parser_budget
from ges_graph.cli.plan import build_parser as _parser_plan
from ges_graph.i18n import LANGS, Lang, Tr, check_lang

__all__ = ["MAX_SIZE", "SUBCOMMANDS", "build_parser", "parse_command_line"]

MAX_SIZE = 16 * 1024 * 1024
"""The default ``--max-size``: :data:`ges_graph.io.MAX_SIZE`, written again here so that the
command line is built without importing the loader (``tests/test_startup.py`` keeps them equal)."""

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
    p.add_argument("--all", action="store_true", help=_ALL_HELP.render("en"))


_ALL_HELP = Tr(
    "afficher tous les constats, tous leurs sujets et toutes leurs données ; sans cette option, "
    "seulement les premiers constats de chaque règle, puis combien il en reste",
    "print every finding, with all its subjects and data; without it, only the first findings "
    "of each rule, then how many more there are",
)
"""The help of ``--all`` (``validate``, ``check``)."""


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


_CHECK_HELP = Tr(
    "valider et classer tout un registre de documents",
    "validate and classify a whole registry of documents",
)
_CHECK_DESCRIPTION = Tr(
    "Charge, valide et classe chaque document une seule fois, dans plusieurs processus ; "
    "chaque résultat s'affiche dès qu'il est prêt : une ligne d'un tableau récapitulatif, ou "
    "un objet JSON par ligne (--json). Un document illisible n'arrête pas les autres. Code de "
    "sortie : 0 si tous sont conformes, 1 si l'un ne l'est pas, 2 si l'un est illisible.",
    "Load, validate and classify each document once, in several processes; each result is "
    "printed as soon as it is ready: a row of a summary table, or one JSON object per line "
    "(--json). A document that cannot be read does not stop the others. Exit code: 0 if all "
    "conform, 1 if one does not, 2 if one cannot be read.",
)
_CHECK_OPTIONS = {
    "paths": Tr(
        "documents (.yaml, .yml, .json), dossiers de documents (parcourus récursivement), ou "
        "«\u00a0-\u00a0» pour l'entrée standard",
        "documents (.yaml, .yml, .json), folders of documents (searched recursively), or '-' "
        "for standard input",
    ),
    "lang": Tr("langue des résultats (par défaut : fr)", "language of the results (default: fr)"),
    "json": Tr(
        "un objet JSON par document et par ligne (JSON Lines), au fil des résultats",
        "one JSON object per document and per line (JSON Lines), as results come",
    ),
    "csv": Tr(
        "écrire aussi le récapitulatif dans FICHIER, au format CSV (UTF-8 avec BOM ; séparateur "
        "«\u00a0;\u00a0» en français, «\u00a0,\u00a0» en anglais)",
        "also write the summary to FILE as CSV (UTF-8 with a BOM; separated by ';' in French, "
        "',' in English)",
    ),
    "jobs": Tr(
        "nombre de processus (par défaut, et 0 : un par processeur ; 1 : aucun autre que celui-ci)",
        "number of processes (default, and 0: one per CPU; 1: none but this one)",
    ),
    "syntax": Tr(
        "syntaxe des documents (par défaut : selon le suffixe ; YAML pour «\u00a0-\u00a0»)",
        "syntax of the documents (default: from the suffix; YAML for '-')",
    ),
    "max_size": Tr(
        "refuser les documents plus grands (par défaut : {max_size} octets)",
        "refuse larger documents (default: {max_size} bytes)",
    ),
    "schema": Tr(
        "un fichier de schéma (YAML) à essayer après les schémas de référence ; répétable",
        "a schema file (YAML) to try after the reference schemas; repeatable",
    ),
}
"""The help of ``check``'s options, in the language of ``--lang`` (French by default)."""


def _parser_check(sub: Any, lang: Lang = "fr") -> None:
    """``check``: its help in ``lang``, the language the command line asks for."""
    text = {key: tr.render(lang) for key, tr in _CHECK_OPTIONS.items()}
    p = sub.add_parser(
        "check",
        help=_CHECK_HELP.render(lang),
        description=_CHECK_DESCRIPTION.render(lang),
    )
    p.add_argument(
        "files", nargs="+", metavar=Tr("CHEMIN", "PATH").render(lang), help=text["paths"]
    )
    p.add_argument("--lang", choices=LANGS, default="fr", help=text["lang"])
    p.add_argument("--json", action="store_true", help=text["json"])
    p.add_argument("--all", action="store_true", help=_ALL_HELP.render(lang))
    file_ = Tr("FICHIER", "FILE").render(lang)
    p.add_argument("--csv", metavar=file_, help=text["csv"])
    p.add_argument("--jobs", "-j", type=_non_negative, default=0, metavar="N", help=text["jobs"])
    p.add_argument("--syntax", choices=("yaml", "json"), help=text["syntax"])
    p.add_argument(
        "--max-size",
        type=_size,
        default=MAX_SIZE,
        metavar=Tr("OCTETS", "BYTES").render(lang),
        help=_CHECK_OPTIONS["max_size"].format(lang, max_size=MAX_SIZE),
    )
    p.add_argument(
        "--schema",
        action="append",
        dest="schemas",
        metavar=Tr("FICHIER_DE_SCHEMA", "SCHEMA_FILE").render(lang),
        help=text["schema"],
    )


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


class _ConvertFormats:
    """``convert --to``'s choices: :data:`ges_graph.cli.files.CONVERT_FORMATS`, read when needed.

    The command's other subcommands, and ``--help``, do without that module (and the library
    modules it imports).

    Examples:
        >>> "json" in _ConvertFormats(), "docx" in _ConvertFormats()
        (True, False)
    """

    def __iter__(self) -> Iterator[str]:
        from ges_graph.cli.files import CONVERT_FORMATS  # noqa: PLC0415 (see above)

        return iter(CONVERT_FORMATS)

    def __contains__(self, value: object) -> bool:
        return value in tuple(self)


def _parser_convert(sub: Any) -> None:
    p = sub.add_parser(
        "convert",
        parents=[_common()],
        help="rewrite a document as YAML or JSON, or export it",
        description="Rewrite the document as .json or .yaml, as a workbook (.xlsx) or a folder "
        "of CSV files (OUT/, --to csv), or export it (.graphml, .gexf, BODS JSON as .bods.json). "
        "The format comes from OUT's suffix unless --to is given. FILE may be a workbook or a "
        "folder of CSV files too.",
    )
    p.add_argument("file", metavar="FILE", help="the document, or '-' for standard input")
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="'-': standard output")
    p.add_argument(
        "--to",
        choices=_ConvertFormats(),
        metavar="FORMAT",  # not the choices: argparse would read them while building the parser
        help="output format: %(choices)s (default: from OUT)",
    )
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


def _parser_template(sub: Any) -> None:
    p = sub.add_parser(
        "template",
        parents=[_common()],
        help="write a workbook (or a folder of CSV files) to fill in",
        description="Write a workbook with the sheets of a group (group, entities, relations, "
        "flows), drop-down lists, a comment on each column and an example to replace; --csv "
        "writes a folder of CSV files instead. Read it back with 'convert FILE -o OUT.yaml'. "
        "Never overwrites a file or folder.",
    )
    p.add_argument("file", metavar="FILE", help="the workbook (.xlsx), or the folder with --csv")
    p.add_argument("--csv", action="store_true", help="write a folder of CSV files")


def _positive_seconds(text: str) -> float:
    """``--timeout``: a number of seconds above 0.

    Examples:
        >>> _positive_seconds("2.5")
        2.5
        >>> _positive_seconds("0")
        Traceback (most recent call last):
        ...
        argparse.ArgumentTypeError: must be a number of seconds above 0, not '0'
    """
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"must be a number of seconds above 0, not {text!r}")
    return value


def _parser_import_registry(sub: Any) -> None:
    p = sub.add_parser(
        "import-registry",
        parents=[_common()],
        help="start a document from the French company register",
        description="Build a document skeleton from the public register (API Recherche "
        "d'entreprises, no key): one entity per SIREN (name, form, SIREN, headcount band, ESS "
        "flag) and the offices they hold in each other. Add seats, shares and flows yourself.",
    )
    p.add_argument("sirens", nargs="+", metavar="SIREN", help="the companies' SIRENs (9 digits)")
    p.add_argument(
        "-o", "--output", required=True, metavar="OUT", help=".yaml, .yml or .json; '-': YAML on "
        "standard output"
    )  # fmt: skip
    p.add_argument(
        "--from-json",
        metavar="DIR",
        help="read saved answers of the API (DIR/SIREN.json) instead of asking it",
    )
    p.add_argument(
        "--timeout",
        type=_positive_seconds,
        default=10.0,
        metavar="S",
        help="seconds to wait for each answer of the API (default: 10)",
    )
    p.add_argument(
        "--api-url",
        metavar="URL",
        help="address of the API (default: $GES_GRAPH_REGISTRY_URL, else "
        "https://recherche-entreprises.api.gouv.fr)",
    )
    p.add_argument("--name", help="the group's name (default: « Groupe » and the first name)")


_BUILDERS = {
    "validate": _parser_validate,
    "classify": _parser_classify,
    "check": _parser_check,
    "render": _parser_render,
    "report": _parser_report,
    "schemas": _parser_schemas,
    "convert": _parser_convert,
    "diff": _parser_diff,
    "demo": _parser_demo,
    "template": _parser_template,
    "import-registry": _parser_import_registry,
    "budget": parser_budget,
    "plan": _parser_plan,
}

SUBCOMMANDS = tuple(_BUILDERS)
"""The subcommands, in the order of ``--help``; each NAME runs ``ges_graph.cli.cmd_NAME``."""


_IN_THE_LANGUAGE = {"check": _parser_check, "budget": parser_budget, "plan": _parser_plan}
"""The subcommands whose help is written in the language of ``--lang`` (French by default)."""


def _help_lang(argv: Sequence[str]) -> Lang:
    """The language ``--lang`` asks for on the command line, read before parsing it (for help).

    Examples:
        >>> _help_lang(["check", "--help", "--lang", "en"]), _help_lang(["check", "--lang=xx"])
        ('en', 'fr')
    """
    for i, arg in enumerate(argv):
        value = arg.removeprefix("--lang=") if arg.startswith("--lang=") else None
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        if value in LANGS:
            return check_lang(value)
    return "fr"


def _build(
    lang: Lang = "fr",
) -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    """The command's parser, and each subcommand's parser by name.

    The help of the subcommands of :data:`_IN_THE_LANGUAGE` is written in ``lang``.
    """
    parser = argparse.ArgumentParser(
        prog="ges-graph",
        description="Model, check, classify and draw Groupes Économiques Solidaires.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in SUBCOMMANDS:
        if name in _IN_THE_LANGUAGE:
            _IN_THE_LANGUAGE[name](sub, lang)
        else:
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
    parser, subparsers = _build(_help_lang(sys.argv[1:] if argv is None else argv))
    args = parser.parse_args(argv)
    if args.command == "validate" and not args.files and not args.rules:
        subparsers["validate"].error("the following arguments are required: FILE (or --rules)")
    return args
