"""The command line of ``ges-graph``: one argparse subparser per subcommand, in French or English.

The parser knows the subcommands by name only (``args.command``); the package runs
``cmd_<name>`` (:func:`ges_graph.cli.main`), so that ``--help`` needs none of the subcommands'
code, and nothing heavy: building it imports neither the library's models nor networkx,
pydantic or yaml (``tests/test_startup.py``).

The help, argparse's own words and its errors are written in one language (:func:`build_parser`),
the one the messages will use: ``--lang`` wherever it stands on the command line, even after
``--help``; else the ``GES_GRAPH_LANG`` variable; else the locale; else French
(:func:`command_lang`). Each subcommand's help is written beside its options, in
:mod:`~ges_graph.cli.help_checking`, :mod:`~ges_graph.cli.help_drawing` and
:mod:`~ges_graph.cli.help_files`; the options several share are in :mod:`~ges_graph.cli.options`,
argparse's own words in :mod:`~ges_graph.cli.localised`.

A wrong command line prints the subcommand's usage line and argparse's error on stderr, and
exits with code 2 (``SystemExit``, which ``main`` turns into its return value).

Examples:
    >>> args = parse_command_line(["classify", "--json", "-j", "2", "a.yaml", "b.yaml"])
    >>> args.command, args.files, args.jobs, args.json, args.schemas
    ('classify', ['a.yaml', 'b.yaml'], 2, True, None)
    >>> parse_command_line(["validate", "--lang", "en", "a.yaml"]).lang
    'en'
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Mapping, Sequence

from ges_graph._version import __version__
from ges_graph.cli.help_checking import SUMMARIES as CHECKING
from ges_graph.cli.help_checking import (
    parser_check,
    parser_classify,
    parser_schemas,
    parser_validate,
)
from ges_graph.cli.help_drawing import SUMMARIES as DRAWING
from ges_graph.cli.help_drawing import parser_demo, parser_render, parser_report
from ges_graph.cli.help_files import SUMMARIES as FILES
from ges_graph.cli.help_files import (
    parser_convert,
    parser_diff,
    parser_import_registry,
    parser_template,
)
from ges_graph.cli.help_planning import SUMMARIES as PLANNING
from ges_graph.cli.help_planning import parser_budget, parser_plan
from ges_graph.cli.localised import parser_class
from ges_graph.cli.options import MAX_SIZE
from ges_graph.i18n import LANGS, Tr, check_lang, default_lang

TYPE_CHECKING = False
if TYPE_CHECKING:  # for the annotations only: the command starts without typing
    from typing import Any

    from ges_graph.i18n import Lang

__all__ = ["MAX_SIZE", "SUBCOMMANDS", "build_parser", "command_lang", "parse_command_line"]

_BUILDERS: dict[str, Callable[[Any, Lang], None]] = {
    "validate": parser_validate,
    "classify": parser_classify,
    "check": parser_check,
    "render": parser_render,
    "report": parser_report,
    "schemas": parser_schemas,
    "convert": parser_convert,
    "diff": parser_diff,
    "demo": parser_demo,
    "template": parser_template,
    "import-registry": parser_import_registry,
    "budget": parser_budget,
    "plan": parser_plan,
}
"""Each subcommand's builder: ``builder(sub, lang)`` adds its parser to ``sub``, written in
``lang``."""

SUBCOMMANDS = tuple(_BUILDERS)
"""The subcommands, in the order of ``--help``; each NAME runs ``ges_graph.cli.cmd_NAME``."""

_SUMMARIES: dict[str, Tr] = {**CHECKING, **DRAWING, **FILES, **PLANNING}
"""Each subcommand's line in ``ges-graph --help``: what a run needs of the subcommands it does
not run (one without a summary here is built whole)."""

_DESCRIPTION = Tr(
    "Décrire, vérifier, classer et dessiner les groupes économiques solidaires (GES) : les "
    "associations, sociétés et coopératives liées par la gouvernance, le capital et les flux "
    "financiers.\n\n"
    "La langue des messages et de l'aide est celle de --lang, sinon celle de la variable "
    "GES_GRAPH_LANG (fr ou en), sinon celle du système ; le français par défaut.",
    "Describe, check, classify and draw Groupes Économiques Solidaires (GES): associations, "
    "companies and cooperatives tied by governance, capital and financial flows.\n\n"
    "Messages and help are in the language of --lang, else of the GES_GRAPH_LANG variable "
    "(fr or en), else of the system; French by default.",
)
_EPILOG = Tr(
    "Exemples :\n"
    "  ges-graph validate groupe.yaml\n"
    "  ges-graph classify --lang en groupe.yaml\n"
    "  ges-graph report groupe.yaml -o rapport.html\n"
    "  ges-graph demo\n\n"
    "L'aide d'une commande : ges-graph COMMANDE --help. Codes de sortie : 0 en cas "
    "de succès, 1 si le document ne satisfait pas ce qui est demandé, 2 s'il est illisible ou "
    "si la ligne de commande est erronée.",
    "Examples:\n"
    "  ges-graph validate group.yaml\n"
    "  ges-graph classify --lang en group.yaml\n"
    "  ges-graph report group.yaml -o report.html\n"
    "  ges-graph demo\n\n"
    "A command's help: ges-graph COMMAND --help. Exit codes: 0 on success, 1 when the "
    "document fails what was asked, 2 when it cannot be read or the command line is wrong.",
)
_VERSION = Tr("afficher la version et quitter", "show the version and exit")
_SUBCOMMAND = Tr("COMMANDE", "COMMAND")
_SUBCOMMANDS_TITLE = Tr("commandes", "commands")
_NO_FILE = Tr(
    "argument obligatoire absent : {file} (ou --rules)",
    "the following arguments are required: {file} (or --rules)",
)

_FILE = Tr("FICHIER", "FILE")


def build_parser(lang: Lang = "fr") -> argparse.ArgumentParser:
    r"""The command's argument parser, its help and its errors in ``lang``.

    ``--lang`` defaults to ``lang`` too: the parser of :func:`parse_command_line` is built in the
    language the messages will use. The documentation's reference of the command is generated
    from it, in both languages.

    Args:
        lang: ``fr`` or ``en``.

    Raises:
        UnknownLanguageError: ``lang`` is not a supported language.

    Examples:
        >>> build_parser().prog
        'ges-graph'
        >>> build_parser("fr").format_usage()
        'utilisation : ges-graph [-h] [--version] COMMANDE ...\n'
        >>> build_parser("en").format_usage()
        'usage: ges-graph [-h] [--version] COMMAND ...\n'
    """
    return _build(check_lang(lang))[0]


def _build(
    lang: Lang, only: str | None = None
) -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    """The command's parser, and each subcommand's parser by name, written in ``lang``.

    With ``only``, the other subcommands get a parser that knows their name and summary only:
    a run parses one subcommand's options, and ``--help`` lists the others' summaries.
    """
    parser = parser_class(lang)(
        prog="ges-graph",
        description=_DESCRIPTION.render(lang),
        epilog=_EPILOG.render(lang),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {__version__}",
        help=_VERSION.render(lang),
    )
    sub = parser.add_subparsers(
        dest="command",
        required=True,
        metavar=_SUBCOMMAND.render(lang),
        title=_SUBCOMMANDS_TITLE.render(lang),
    )
    for name in SUBCOMMANDS:
        summary = _SUMMARIES.get(name)
        if only is None or name == only or summary is None:
            _BUILDERS[name](sub, lang)
        else:
            sub.add_parser(name, help=summary.render(lang), add_help=False)
    return parser, sub.choices


def command_lang(argv: Sequence[str], environ: Mapping[str, str] | None = None) -> Lang:
    """The language of a run: ``--lang`` on the command line, else :func:`default_lang`.

    The command line is read before it is parsed, so that ``--help`` is written in the language
    asked for wherever ``--lang`` stands (``ges-graph --help --lang en``). A value that is not a
    language is left to the parser, which refuses it in the language of the environment.

    Args:
        argv: the arguments, without the program name.
        environ: the environment variables (default: ``os.environ``).

    Examples:
        >>> command_lang(["check", "--help", "--lang", "en"], {})
        'en'
        >>> command_lang(["--lang=en", "--help"], {}), command_lang(["--lang", "xx"], {})
        ('en', 'fr')
        >>> command_lang(["validate", "a.yaml"], {"GES_GRAPH_LANG": "en"})
        'en'
        >>> command_lang(["diff", "--", "--lang", "en"], {})  # after --, file names
        'fr'
    """
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        value = arg.removeprefix("--lang=") if arg.startswith("--lang=") else None
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        if value in LANGS:
            return check_lang(value)
    return default_lang(os.environ if environ is None else environ)


def _lang_after_command(argv: Sequence[str]) -> list[str]:
    """``argv`` with a ``--lang`` written before the subcommand moved after it.

    ``--lang`` is each subcommand's option; the help says the language is that of ``--lang``,
    and ``ges-graph --lang en validate a.yaml`` reads as well as ``ges-graph validate --lang en
    a.yaml``. Before no subcommand (``ges-graph --lang en --help``), it has chosen the language
    of the help already (:func:`command_lang`) and is dropped.

    Examples:
        >>> _lang_after_command(["--lang", "en", "validate", "a.yaml"])
        ['validate', '--lang', 'en', 'a.yaml']
        >>> _lang_after_command(["--lang=en", "--help"]), _lang_after_command(["demo"])
        (['--help'], ['demo'])
    """
    moved: list[str] = []
    rest = list(argv)
    i = 0
    while i < len(rest) and rest[i].startswith("-") and rest[i] != "--":
        if rest[i] == "--lang" and i + 1 < len(rest):
            moved += rest[i : i + 2]
            del rest[i : i + 2]
        elif rest[i].startswith("--lang="):
            moved.append(rest.pop(i))
        else:
            i += 1
    if not moved or i >= len(rest) or rest[i] == "--":
        return rest
    return [*rest[: i + 1], *moved, *rest[i + 1 :]]


def parse_command_line(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The parsed command line (``args.command`` names the subcommand, ``args.lang`` the language).

    Args:
        argv: the arguments, without the program name (default: ``sys.argv[1:]``).

    Raises:
        SystemExit: ``--help`` or ``--version`` (code 0, after printing them), or a wrong command
            line (code 2, after printing the usage line and the error on stderr).
    """
    written = sys.argv[1:] if argv is None else argv
    lang = command_lang(written)
    given = _lang_after_command(written)
    command = next((arg for arg in given if not arg.startswith("-")), "")  # the first word
    parser, subparsers = _build(lang, only=command)
    args = parser.parse_args(given)
    if args.command == "validate" and not args.files and not args.rules:
        subparsers["validate"].error(_NO_FILE.format(lang, file=_FILE.render(lang)))
    return args
