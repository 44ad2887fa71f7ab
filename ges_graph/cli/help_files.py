"""The command line of ``convert``, ``diff``, ``template`` and ``import-registry``, in 2 languages.

Each ``parser_NAME(sub, lang)`` adds subcommand NAME to ``sub`` (argparse's subparsers), its
summary, description, options and examples written in ``lang``. The code that runs them is in
:mod:`ges_graph.cli.files`, :mod:`ges_graph.cli.template` and :mod:`ges_graph.cli.registry`.

Examples:
    >>> from ges_graph.cli.localised import parser_class
    >>> sub = parser_class("fr")(prog="ges-graph").add_subparsers(dest="command")
    >>> parser_diff(sub, "fr")
    >>> print(sub.choices["diff"].format_usage().strip())  # doctest: +NORMALIZE_WHITESPACE
    utilisation : ges-graph diff [-h] [--lang {fr,en}] [--json] [--syntax {yaml,json}]
                                 [--max-size OCTETS] ANCIEN NOUVEAU
"""

from __future__ import annotations

from collections.abc import Iterator

from ges_graph.cli.localised import positive_seconds
from ges_graph.cli.options import common_options, input_options, output_option
from ges_graph.i18n import Tr, check_lang

TYPE_CHECKING = False
if TYPE_CHECKING:  # for the annotations only: the command starts without typing
    from typing import Any

    from ges_graph.i18n import Lang

__all__ = [
    "SUMMARIES",
    "parser_convert",
    "parser_diff",
    "parser_import_registry",
    "parser_template",
]

_FILE = Tr("FICHIER", "FILE")


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


_CONVERT = (
    Tr(
        "réécrire un document en YAML ou en JSON, ou l'exporter",
        "rewrite a document as YAML or JSON, or export it",
    ),
    Tr(
        "Réécrit le document en .json ou en .yaml, en classeur (.xlsx) ou en dossier de fichiers "
        "CSV (SORTIE/, --to csv), ou l'exporte (.graphml, .gexf, BODS JSON en .bods.json). Le "
        "format suit le suffixe de SORTIE, sauf si --to le donne. FICHIER peut aussi être un "
        "classeur ou un dossier de fichiers CSV.",
        "Rewrite the document as .json or .yaml, as a workbook (.xlsx) or a folder of CSV files "
        "(OUT/, --to csv), or export it (.graphml, .gexf, BODS JSON as .bods.json). The format "
        "comes from OUT's suffix unless --to is given. FILE may be a workbook or a folder of CSV "
        "files too.",
    ),
    Tr(
        "Exemples :\n"
        "  ges-graph convert groupe.yaml -o groupe.json\n"
        "  ges-graph convert groupe.xlsx -o groupe.yaml\n"
        "  ges-graph convert groupe.yaml --to json -o -",
        "Examples:\n"
        "  ges-graph convert group.yaml -o group.json\n"
        "  ges-graph convert group.xlsx -o group.yaml\n"
        "  ges-graph convert group.yaml --to json -o -",
    ),
)
_CONVERT_OPTIONS = {
    "file": Tr(
        "le document (ou un classeur, ou un dossier de fichiers CSV), ou «\u00a0-\u00a0» pour "
        "l'entrée standard",
        "the document (or a workbook, or a folder of CSV files), or '-' for standard input",
    ),
    "output": Tr("le fichier écrit", "the file written"),
    "to": Tr(
        "format de sortie, parmi %(choices)s (par défaut : selon SORTIE)",
        "output format, among %(choices)s (default: from OUT)",
    ),
    "format": Tr("FORMAT", "FORMAT"),
}


def parser_convert(sub: Any, lang: Lang) -> None:
    """``convert FILE -o OUT``."""
    check_lang(lang)
    text = {key: tr.render(lang) for key, tr in _CONVERT_OPTIONS.items()}
    summary, description, epilog = (tr.render(lang) for tr in _CONVERT)
    p = sub.add_parser("convert", help=summary, description=description, epilog=epilog)
    common_options(p, lang)
    p.add_argument("file", metavar=_FILE.render(lang), help=text["file"])
    output_option(p, lang, _CONVERT_OPTIONS["output"])
    p.add_argument(
        "--to",
        choices=_ConvertFormats(),
        metavar=text["format"],  # not the choices: argparse would read them while building
        help=text["to"],
    )
    input_options(p, lang)


_DIFF = (
    Tr(
        "comparer deux états d'un groupe : ce qui a changé",
        "compare two states of a group: what changed",
    ),
    Tr(
        "Les entités, participations, sièges, le contrôle, les flux, le schéma, la tête de "
        "groupe et les constats qui ont changé entre ANCIEN et NOUVEAU. Code de sortie : 0 ; 2 si "
        "l'un des documents est illisible.",
        "Entities, stakes, seats, control, flows, schema, head and findings that changed "
        "between OLD and NEW. Exit code: 0; 2 when a document cannot be read.",
    ),
    Tr(
        "Exemple :\n  ges-graph diff groupe-2024.yaml groupe-2025.yaml",
        "Example:\n  ges-graph diff group-2024.yaml group-2025.yaml",
    ),
)
_OLD = (Tr("ANCIEN", "OLD"), Tr("le document d'avant", "the document before"))
_NEW = (Tr("NOUVEAU", "NEW"), Tr("le document d'après", "the document after"))


def parser_diff(sub: Any, lang: Lang) -> None:
    """``diff OLD NEW``."""
    check_lang(lang)
    summary, description, epilog = (tr.render(lang) for tr in _DIFF)
    p = sub.add_parser("diff", help=summary, description=description, epilog=epilog)
    common_options(p, lang, json_option=True)
    p.add_argument("old", metavar=_OLD[0].render(lang), help=_OLD[1].render(lang))
    p.add_argument("new", metavar=_NEW[0].render(lang), help=_NEW[1].render(lang))
    input_options(p, lang)


_TEMPLATE = (
    Tr(
        "écrire un classeur (ou un dossier de fichiers CSV) à remplir",
        "write a workbook (or a folder of CSV files) to fill in",
    ),
    Tr(
        "Écrit un classeur avec les feuilles d'un groupe (groupe, entités, relations, flux), des "
        "listes déroulantes, un commentaire sur chaque colonne et un exemple à remplacer ; --csv "
        "écrit plutôt un dossier de fichiers CSV. Le relire avec « convert FICHIER -o "
        "SORTIE.yaml ». N'écrase jamais un fichier ni un dossier.",
        "Write a workbook with the sheets of a group (group, entities, relations, flows), "
        "drop-down lists, a comment on each column and an example to replace; --csv writes a "
        "folder of CSV files instead. Read it back with 'convert FILE -o OUT.yaml'. Never "
        "overwrites a file or folder.",
    ),
    Tr(
        "Exemples :\n"
        "  ges-graph template groupe.xlsx\n"
        "  ges-graph template --csv groupe/\n"
        "  ges-graph convert groupe.xlsx -o groupe.yaml",
        "Examples:\n"
        "  ges-graph template group.xlsx\n"
        "  ges-graph template --csv group/\n"
        "  ges-graph convert group.xlsx -o group.yaml",
    ),
)
_TEMPLATE_FILE = Tr(
    "le classeur (.xlsx), ou le dossier avec --csv",
    "the workbook (.xlsx), or the folder with --csv",
)
_TEMPLATE_CSV = Tr("écrire un dossier de fichiers CSV", "write a folder of CSV files")


def parser_template(sub: Any, lang: Lang) -> None:
    """``template FILE [--csv]``."""
    check_lang(lang)
    summary, description, epilog = (tr.render(lang) for tr in _TEMPLATE)
    p = sub.add_parser("template", help=summary, description=description, epilog=epilog)
    common_options(p, lang)
    p.add_argument("file", metavar=_FILE.render(lang), help=_TEMPLATE_FILE.render(lang))
    p.add_argument("--csv", action="store_true", help=_TEMPLATE_CSV.render(lang))


_IMPORT = (
    Tr(
        "commencer un document à partir du répertoire des entreprises",
        "start a document from the French company register",
    ),
    Tr(
        "Construit l'ébauche d'un document à partir du répertoire public (API Recherche "
        "d'entreprises, sans clé) : une entité par SIREN (nom, forme, SIREN, tranche d'effectif, "
        "qualité d'entreprise de l'ESS) et les mandats que les entreprises détiennent les unes "
        "dans les autres. Les sièges, les parts et les flux restent à ajouter.",
        "Build a document skeleton from the public register (API Recherche d'entreprises, no "
        "key): one entity per SIREN (name, form, SIREN, headcount band, ESS flag) and the "
        "offices they hold in each other. Add seats, shares and flows yourself.",
    ),
    Tr(
        "Exemples :\n"
        "  ges-graph import-registry 732829320 552081317 -o groupe.yaml\n"
        "  ges-graph import-registry --from-json reponses/ 732829320 -o -",
        "Examples:\n"
        "  ges-graph import-registry 732829320 552081317 -o group.yaml\n"
        "  ges-graph import-registry --from-json answers/ 732829320 -o -",
    ),
)

_IMPORT_OPTIONS = {
    "sirens": Tr("les SIREN des entreprises (9 chiffres)", "the companies' SIRENs (9 digits)"),
    "output": Tr(
        "le document écrit : .yaml, .yml ou .json (en YAML sur la sortie standard)",
        "the document written: .yaml, .yml or .json (YAML on standard output)",
    ),
    "from_json": Tr(
        "lire des réponses de l'API enregistrées (DOSSIER/SIREN.json) au lieu de l'interroger",
        "read saved answers of the API (DIR/SIREN.json) instead of asking it",
    ),
    "dir": Tr("DOSSIER", "DIR"),
    "seconds": Tr("SECONDES", "SECONDS"),
    "timeout": Tr(
        "secondes d'attente de chaque réponse de l'API (par défaut : 10)",
        "seconds to wait for each answer of the API (default: 10)",
    ),
    "api_url": Tr(
        "adresse de l'API (par défaut : $GES_GRAPH_REGISTRY_URL, sinon "
        "https://recherche-entreprises.api.gouv.fr)",
        "address of the API (default: $GES_GRAPH_REGISTRY_URL, else "
        "https://recherche-entreprises.api.gouv.fr)",
    ),
    "name": Tr(
        "le nom du groupe (par défaut : « Groupe » suivi du premier nom)",
        "the group's name (default: “Groupe” and the first name)",
    ),
    "name_metavar": Tr("NOM", "NAME"),
}


def parser_import_registry(sub: Any, lang: Lang) -> None:
    """``import-registry SIREN... -o OUT``."""
    check_lang(lang)
    text = {key: tr.render(lang) for key, tr in _IMPORT_OPTIONS.items()}
    summary, description, epilog = (tr.render(lang) for tr in _IMPORT)
    p = sub.add_parser("import-registry", help=summary, description=description, epilog=epilog)
    common_options(p, lang)
    p.add_argument("sirens", nargs="+", metavar="SIREN", help=text["sirens"])
    output_option(p, lang, _IMPORT_OPTIONS["output"])
    p.add_argument("--from-json", metavar=text["dir"], help=text["from_json"])
    p.add_argument(
        "--timeout",
        type=positive_seconds(lang),
        default=10.0,
        metavar=text["seconds"],
        help=text["timeout"],
    )
    p.add_argument("--api-url", metavar="URL", help=text["api_url"])
    p.add_argument("--name", metavar=text["name_metavar"], help=text["name"])


SUMMARIES = {
    "convert": _CONVERT[0],
    "diff": _DIFF[0],
    "template": _TEMPLATE[0],
    "import-registry": _IMPORT[0],
}
"""Each subcommand's summary, the line ``ges-graph --help`` shows for it."""
