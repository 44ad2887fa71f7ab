"""The options several subcommands share, each with its help in French and in English.

Every subcommand takes ``--lang``; those that print a result take ``--json``; those that read
documents take ``--syntax`` and ``--max-size``; those that read several take ``--jobs``; those
that classify take ``--schema``. Each is added by one function here, its help written in the
language of the parser being built (:mod:`ges_graph.cli.parser`).

Examples:
    >>> from ges_graph.cli.localised import parser_class
    >>> parser = parser_class("fr")(prog="ges-graph validate")
    >>> common_options(parser, "fr", json_option=True)
    >>> parser.parse_args(["--json"])
    Namespace(lang='fr', json=True)
"""

from __future__ import annotations

import argparse

from ges_graph.cli.localised import size_in_bytes, whole_number
from ges_graph.i18n import LANGS, Tr, check_lang

TYPE_CHECKING = False
if TYPE_CHECKING:  # for the annotations only: the command starts without typing
    from ges_graph.i18n import Lang

__all__ = [
    "MAX_SIZE",
    "common_options",
    "input_options",
    "many_files",
    "output_option",
    "schema_option",
]

MAX_SIZE = 16 * 1024 * 1024
"""The default ``--max-size``: :data:`ges_graph.io.MAX_SIZE`, written again here so that the
command line is built without importing the loader (``tests/test_startup.py`` keeps them equal)."""

_LANG = Tr(
    "langue des messages : fr (français) ou en (anglais) ; par défaut, celle de la variable "
    "GES_GRAPH_LANG, sinon celle du système, sinon le français",
    "language of the messages: fr (French) or en (English); by default, that of the "
    "GES_GRAPH_LANG variable, else the system's, else French",
)
_JSON = Tr(
    "écrire sur la sortie standard un seul document JSON, et rien d'autre",
    "print one JSON document on standard output, and nothing else",
)
_SYNTAX = Tr(
    "syntaxe du document (par défaut : selon son suffixe ; YAML pour «\u00a0-\u00a0»)",
    "syntax of the document (default: from its suffix; YAML for '-')",
)
_MAX_SIZE = Tr(
    "refuser les documents plus grands (par défaut : 16 Mio, soit {max_size} octets)",
    "refuse larger documents (default: 16 MiB, {max_size} bytes)",
)
_BYTES = Tr("OCTETS", "BYTES")
_FILES = Tr(
    "documents (.yaml, .yml, .json, classeur .xlsx, dossier de fichiers CSV), dossiers de "
    "documents, ou «\u00a0-\u00a0» pour l'entrée standard",
    "documents (.yaml, .yml, .json, .xlsx workbook, folder of CSV files), folders of documents, "
    "or '-' for standard input",
)
_FILE = Tr("FICHIER", "FILE")
_JOBS = Tr(
    "utiliser N processus pour plusieurs fichiers (0 : un par processeur ; par défaut : 1)",
    "use N processes for several files (0: one per CPU; default: 1)",
)
_SCHEMA_FILE = Tr("FICHIER_DE_SCHÉMA", "SCHEMA_FILE")
_OUT = Tr("SORTIE", "OUT")
_WHAT_AND_STDOUT = Tr(
    "{what} ; «\u00a0-\u00a0» : la sortie standard", "{what}; '-': standard output"
)


def common_options(parser: argparse.ArgumentParser, lang: Lang, json_option: bool = False) -> None:
    """``--lang`` (its default: ``lang``), and ``--json`` where ``json_option`` asks for it."""
    check_lang(lang)
    parser.add_argument("--lang", choices=LANGS, default=lang, help=_LANG.render(lang))
    if json_option:
        parser.add_argument("--json", action="store_true", help=_JSON.render(lang))


def input_options(parser: argparse.ArgumentParser, lang: Lang) -> None:
    """``--syntax`` and ``--max-size``: how a document is read."""
    check_lang(lang)
    parser.add_argument("--syntax", choices=("yaml", "json"), help=_SYNTAX.render(lang))
    parser.add_argument(
        "--max-size",
        type=size_in_bytes(lang),
        default=MAX_SIZE,
        metavar=_BYTES.render(lang),
        help=_MAX_SIZE.format(lang, max_size=MAX_SIZE),
    )


def many_files(parser: argparse.ArgumentParser, lang: Lang, nargs: str = "+") -> None:
    """FILE... with the input options and ``--jobs``; ``nargs="*"`` where FILE may be left out."""
    check_lang(lang)
    parser.add_argument("files", nargs=nargs, metavar=_FILE.render(lang), help=_FILES.render(lang))
    input_options(parser, lang)
    parser.add_argument(
        "--jobs", "-j", type=whole_number(lang), default=1, metavar="N", help=_JOBS.render(lang)
    )


def schema_option(parser: argparse.ArgumentParser, lang: Lang, help_text: Tr) -> None:
    """``--schema FILE``, repeatable: a schema file read beside the reference ones."""
    check_lang(lang)
    parser.add_argument(
        "--schema",
        action="append",
        dest="schemas",
        metavar=_SCHEMA_FILE.render(lang),
        help=help_text.render(lang),
    )


def output_option(
    parser: argparse.ArgumentParser, lang: Lang, what: Tr, metavar: Tr | None = None
) -> None:
    """``-o OUT``, required: ``what`` is written there (``-`` for standard output)."""
    check_lang(lang)
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        metavar=(metavar or _OUT).render(lang),
        help=_WHAT_AND_STDOUT.format(lang, what=what.render(lang)),
    )
