"""The command line of ``validate``, ``classify``, ``check`` and ``schemas``, in French or English.

Each ``parser_NAME(sub, lang)`` adds subcommand NAME to ``sub`` (argparse's subparsers), its
summary, description, options and examples written in ``lang`` (:mod:`ges_graph.cli.parser`
chooses it). The code that runs them is in :mod:`ges_graph.cli.checking` and
:mod:`ges_graph.cli.check`.

Examples:
    >>> from ges_graph.cli.localised import parser_class
    >>> sub = parser_class("fr")(prog="ges-graph").add_subparsers(dest="command")
    >>> parser_validate(sub, "fr")
    >>> print(sub.choices["validate"].format_usage().strip())  # doctest: +NORMALIZE_WHITESPACE
    utilisation : ges-graph validate [-h] [--lang {fr,en}] [--json] [--syntax {yaml,json}]
                                     [--max-size OCTETS] [--jobs N] [--rules] [--all]
                                     [FICHIER ...]
"""

from __future__ import annotations

from ges_graph.cli.localised import whole_number
from ges_graph.cli.options import common_options, input_options, many_files, schema_option
from ges_graph.i18n import LANGS, Tr, check_lang

TYPE_CHECKING = False
if TYPE_CHECKING:  # for the annotations only: the command starts without typing
    from typing import Any

    from ges_graph.i18n import Lang

__all__ = [
    "SCHEMA_HELP",
    "SUMMARIES",
    "parser_check",
    "parser_classify",
    "parser_schemas",
    "parser_validate",
]

SCHEMA_HELP = Tr(
    "un fichier de schéma (YAML) à essayer après les schémas de référence ; répétable (son "
    "format : docs/classification.md)",
    "a schema file (YAML) to try after the reference schemas; repeatable (its format: "
    "docs/classification.md)",
)
"""The help of ``--schema`` where the schema is tried in the classification."""

_VALIDATE = (
    Tr("vérifier des documents au regard des règles", "check documents against the rules"),
    Tr(
        "Charge et valide chaque document ; écrit les constats classés par gravité (erreurs, "
        "avertissements, informations), chacun avec sa règle et sa référence. Code de sortie : "
        "0 si aucun constat n'est une erreur, 1 sinon, 2 si un document est illisible.",
        "Load and validate each document; print the findings grouped by severity (errors, "
        "warnings, information), each with its rule and its reference. Exit code: 0 if no "
        "finding is an error, 1 otherwise, 2 if a document cannot be read.",
    ),
    Tr(
        "Exemples :\n"
        "  ges-graph validate groupe.yaml\n"
        "  ges-graph validate --json dossier/ > constats.json\n"
        "  ges-graph validate --rules",
        "Examples:\n"
        "  ges-graph validate group.yaml\n"
        "  ges-graph validate --json folder/ > findings.json\n"
        "  ges-graph validate --rules",
    ),
)
_ALL = Tr(
    "afficher tous les constats, tous leurs sujets et toutes leurs données ; sans cette option, "
    "seulement les premiers constats de chaque règle, puis combien il en reste",
    "print every finding, with all its subjects and data; without it, only the first findings "
    "of each rule, then how many more there are",
)
"""The help of ``--all`` (``validate``, ``check``)."""
_RULES = Tr(
    "écrire le catalogue des règles (identifiant, gravité, référence) et quitter",
    "list the rule catalogue (id, severity, reference) and exit",
)


def parser_validate(sub: Any, lang: Lang) -> None:
    """``validate FILE...``, or ``validate --rules``."""
    check_lang(lang)
    summary, description, epilog = (text.render(lang) for text in _VALIDATE)
    p = sub.add_parser("validate", help=summary, description=description, epilog=epilog)
    common_options(p, lang, json_option=True)
    many_files(p, lang, nargs="*")  # ``--rules`` needs no FILE: parse_command_line requires it else
    p.add_argument("--rules", action="store_true", help=_RULES.render(lang))
    p.add_argument("--all", action="store_true", help=_ALL.render(lang))


_CLASSIFY = (
    Tr(
        "dire quel schéma de référence un groupe suit",
        "tell which reference schema a group follows",
    ),
    Tr(
        "Charge et classe chaque document : le schéma de référence qu'il suit (S1 à S6), sa tête "
        "de groupe et l'explication, condition par condition, avec le degré de certitude de la "
        "reconstitution du schéma. Code de sortie : 0, même quand aucun schéma ne correspond ; 2 "
        "si un document est illisible.",
        "Load and classify each document: the reference schema it follows (S1 to S6), its head "
        "of group and the explanation, condition by condition, with how sure the "
        "reconstruction of the schema is. Exit code: 0 even when no schema matches; 2 when a "
        "document cannot be read.",
    ),
    Tr(
        "Exemples :\n"
        "  ges-graph classify groupe.yaml\n"
        "  ges-graph classify --schema S7.yaml groupe.yaml",
        "Examples:\n"
        "  ges-graph classify group.yaml\n"
        "  ges-graph classify --schema S7.yaml group.yaml",
    ),
)


def parser_classify(sub: Any, lang: Lang) -> None:
    """``classify FILE...``."""
    check_lang(lang)
    summary, description, epilog = (text.render(lang) for text in _CLASSIFY)
    p = sub.add_parser("classify", help=summary, description=description, epilog=epilog)
    common_options(p, lang, json_option=True)
    many_files(p, lang)
    schema_option(p, lang, SCHEMA_HELP)


_CHECK = (
    Tr(
        "valider et classer tout un registre de documents",
        "validate and classify a whole registry of documents",
    ),
    Tr(
        "Charge, valide et classe chaque document une seule fois, dans plusieurs processus ; "
        "chaque résultat s'affiche dès qu'il est prêt : une ligne d'un tableau récapitulatif, ou "
        "un objet JSON par ligne (--json). Un document illisible n'arrête pas les autres. Code "
        "de sortie : 0 si tous sont conformes, 1 si l'un ne l'est pas, 2 si l'un est illisible.",
        "Load, validate and classify each document once, in several processes; each result is "
        "printed as soon as it is ready: a row of a summary table, or one JSON object per line "
        "(--json). A document that cannot be read does not stop the others. Exit code: 0 if all "
        "conform, 1 if one does not, 2 if one cannot be read.",
    ),
    Tr(
        "Exemples :\n"
        "  ges-graph check registre/\n"
        "  ges-graph check --csv synthese.csv --jobs 2 registre/",
        "Examples:\n"
        "  ges-graph check registry/\n"
        "  ges-graph check --csv summary.csv --jobs 2 registry/",
    ),
)
_CHECK_OPTIONS = {
    "paths": Tr(
        "documents (.yaml, .yml, .json, classeur .xlsx, dossier de fichiers CSV), dossiers de "
        "documents (parcourus récursivement), ou «\u00a0-\u00a0» pour l'entrée standard",
        "documents (.yaml, .yml, .json, .xlsx workbook, folder of CSV files), folders of "
        "documents (searched recursively), or '-' for standard input",
    ),
    "path": Tr("CHEMIN", "PATH"),
    "lang": Tr(
        "langue des résultats : fr (français) ou en (anglais) ; par défaut, celle de la variable "
        "GES_GRAPH_LANG, sinon celle du système, sinon le français",
        "language of the results: fr (French) or en (English); by default, that of the "
        "GES_GRAPH_LANG variable, else the system's, else French",
    ),
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
    "file": Tr("FICHIER", "FILE"),
    "jobs": Tr(
        "nombre de processus (par défaut, et 0 : un par processeur ; 1 : tout dans le processus "
        "de la commande)",
        "number of processes (default, and 0: one per CPU; 1: everything in the command's own "
        "process)",
    ),
    "schema": Tr(
        "un fichier de schéma (YAML) à essayer après les schémas de référence ; répétable",
        "a schema file (YAML) to try after the reference schemas; repeatable",
    ),
}
"""The help of ``check``'s options."""


def parser_check(sub: Any, lang: Lang) -> None:
    """``check PATH...``: a whole registry, each document loaded once."""
    check_lang(lang)
    text = {key: tr.render(lang) for key, tr in _CHECK_OPTIONS.items()}
    summary, description, epilog = (tr.render(lang) for tr in _CHECK)
    p = sub.add_parser("check", help=summary, description=description, epilog=epilog)
    p.add_argument("files", nargs="+", metavar=text["path"], help=text["paths"])
    p.add_argument("--lang", choices=LANGS, default=lang, help=text["lang"])
    p.add_argument("--json", action="store_true", help=text["json"])
    p.add_argument("--all", action="store_true", help=_ALL.render(lang))
    p.add_argument("--csv", metavar=text["file"], help=text["csv"])
    p.add_argument(
        "--jobs", "-j", type=whole_number(lang), default=0, metavar="N", help=text["jobs"]
    )
    input_options(p, lang)
    schema_option(p, lang, _CHECK_OPTIONS["schema"])


_SCHEMAS = (
    Tr("lister les schémas de référence", "list the reference schemas"),
    Tr(
        "Liste les six schémas de référence (S1 à S6), avec leur titre et le degré de certitude "
        "de leur reconstitution.",
        "List the six reference schemas (S1 to S6), with their titles and how sure their "
        "reconstruction is.",
    ),
    Tr(
        "Exemples :\n  ges-graph schemas\n  ges-graph schemas --render schemas/",
        "Examples:\n  ges-graph schemas\n  ges-graph schemas --render schemas/",
    ),
)
_RENDER = Tr(
    "dessiner l'exemple de chaque schéma dans le dossier DOSSIER",
    "draw each schema's example into the folder DIR",
)

_DIR = Tr("DOSSIER", "DIR")


def parser_schemas(sub: Any, lang: Lang) -> None:
    """``schemas``, and ``schemas --render DIR``."""
    check_lang(lang)
    summary, description, epilog = (text.render(lang) for text in _SCHEMAS)
    p = sub.add_parser("schemas", help=summary, description=description, epilog=epilog)
    common_options(p, lang, json_option=True)
    p.add_argument("--render", metavar=_DIR.render(lang), help=_RENDER.render(lang))


SUMMARIES = {
    "validate": _VALIDATE[0],
    "classify": _CLASSIFY[0],
    "check": _CHECK[0],
    "schemas": _SCHEMAS[0],
}
"""Each subcommand's summary, the line ``ges-graph --help`` shows for it."""
