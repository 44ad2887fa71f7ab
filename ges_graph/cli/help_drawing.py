"""The command line of ``render``, ``report`` and ``demo``, in French or English.

Each ``parser_NAME(sub, lang)`` adds subcommand NAME to ``sub`` (argparse's subparsers), its
summary, description, options and examples written in ``lang``. The code that runs them is in
:mod:`ges_graph.cli.drawing`.

Examples:
    >>> from ges_graph.cli.localised import parser_class
    >>> sub = parser_class("en")(prog="ges-graph").add_subparsers(dest="command")
    >>> parser_demo(sub, "en")
    >>> sub.choices["demo"].parse_args([])
    Namespace(lang='en', output='ges-graph-demo', schemas=None)
"""

from __future__ import annotations

import argparse

from ges_graph.cli.help_checking import SCHEMA_HELP
from ges_graph.cli.options import common_options, input_options, output_option, schema_option
from ges_graph.i18n import Tr, check_lang

TYPE_CHECKING = False
if TYPE_CHECKING:  # for the annotations only: the command starts without typing
    from typing import Any

    from ges_graph.i18n import Lang

__all__ = ["SUMMARIES", "parser_demo", "parser_render", "parser_report"]

_DOCUMENT = Tr(
    "le document, ou «\u00a0-\u00a0» pour l'entrée standard",
    "the document, or '-' for standard input",
)
_FILE = Tr("FICHIER", "FILE")

_RENDER = (
    Tr("dessiner la structure d'un groupe", "draw the structure of a group"),
    Tr(
        "Dessine la structure du groupe : ses membres, les liens de gouvernance et de capital, "
        "et, à la demande, les flux financiers. Le format du dessin suit le suffixe de SORTIE "
        "(.svg, .png, .pdf, .dot), ou --to.",
        "Draw the structure of the group: its members, the governance and capital ties, and, "
        "when asked, the financial flows. The drawing's format follows OUT's suffix (.svg, "
        ".png, .pdf, .dot), or --to.",
    ),
    Tr(
        "Exemples :\n"
        "  ges-graph render groupe.yaml -o groupe.svg\n"
        "  ges-graph render groupe.yaml -o flux.pdf --view flows --paper a4",
        "Examples:\n"
        "  ges-graph render group.yaml -o group.svg\n"
        "  ges-graph render group.yaml -o flows.pdf --view flows --paper a4",
    ),
)
_RENDER_OPTIONS = {
    "output": Tr("le fichier du dessin", "the drawing's file"),
    "to": Tr(
        "format du dessin (par défaut : selon SORTIE ; svg sur la sortie standard)",
        "format of the drawing (default: from OUT; svg on standard output)",
    ),
    "engine": Tr(
        "moteur de dessin : Graphviz (par défaut) ou matplotlib",
        "drawing engine: Graphviz (default) or matplotlib",
    ),
    "view": Tr(
        "ce que montre le dessin : la structure (gouvernance et capital, par défaut), les flux "
        "financiers, ou tout",
        "what the diagram shows: the structure (governance and capital, by default), the "
        "financial flows, or everything",
    ),
    "layers": Tr(
        "couches séparées par des virgules, parmi governance (gouvernance), capital et flows "
        "(flux) ; remplace --view",
        "layers separated by commas, among governance, capital and flows; replaces --view",
    ),
    "layers_metavar": Tr("COUCHES", "LAYERS"),
    "clusters": Tr(
        "regrouper les membres dans des cadres : par famille de forme, par secteur, ou par "
        "territoire (attrs.territory de chaque entité) ; Graphviz seulement",
        "group the members in frames: by family of form, by sector, or by territory (each "
        "entity's attrs.territory); Graphviz only",
    ),
    "direction": Tr(
        "sens du dessin : de haut en bas (TB), de gauche à droite (LR) ou l'inverse (BT, RL) ; "
        "par défaut, celui de la vue",
        "direction of the diagram: top to bottom (TB), left to right (LR) or the reverse (BT, "
        "RL); by default, the view's",
    ),
    "findings": Tr(
        "vérifier le document et marquer les constats sur le dessin (par défaut : non)",
        "check the document and mark the findings on the diagram (default: no)",
    ),
    "legend": Tr(
        "dessiner la légende (par défaut : oui ; --no-legend pour un dessin sans elle)",
        "draw the legend (default: yes; --no-legend for a diagram without it)",
    ),
    "paper": Tr(
        "format de papier visé : le dessin est disposé pour lui, et mis à sa taille si le plus "
        "petit texte reste d'au moins 7 points",
        "paper size aimed at: the diagram is laid out for it, and scaled to it if the smallest "
        "text stays at least 7 points",
    ),
    "schema": Tr(
        "un fichier de schéma (YAML), vérifié et accepté comme par classify et report ; "
        "répétable. Le dessin n'en dépend pas : sa tête de groupe vient des notions de contrôle",
        "a schema file (YAML), checked and accepted as by classify and report; repeatable. The "
        "diagram does not depend on it: its head comes from the control notions",
    ),
}
"""The help of ``render``'s options."""


def parser_render(sub: Any, lang: Lang) -> None:
    """``render FILE -o OUT``."""
    check_lang(lang)
    text = {key: tr.render(lang) for key, tr in _RENDER_OPTIONS.items()}
    summary, description, epilog = (tr.render(lang) for tr in _RENDER)
    p = sub.add_parser("render", help=summary, description=description, epilog=epilog)
    common_options(p, lang)
    p.add_argument("file", metavar=_FILE.render(lang), help=_DOCUMENT.render(lang))
    output_option(p, lang, _RENDER_OPTIONS["output"])
    p.add_argument("--to", choices=("svg", "png", "pdf", "dot"), help=text["to"])
    p.add_argument(
        "--engine", choices=("graphviz", "matplotlib"), default="graphviz", help=text["engine"]
    )
    p.add_argument(
        "--view", choices=("structure", "flows", "all"), default="structure", help=text["view"]
    )
    p.add_argument("--layers", metavar=text["layers_metavar"], help=text["layers"])
    p.add_argument("--clusters", choices=("family", "sector", "territory"), help=text["clusters"])
    p.add_argument("--direction", choices=("TB", "LR", "BT", "RL"), help=text["direction"])
    p.add_argument(
        "--findings",
        action=argparse.BooleanOptionalAction,
        default=False,
        help=text["findings"],
    )
    p.add_argument(
        "--legend", action=argparse.BooleanOptionalAction, default=True, help=text["legend"]
    )
    p.add_argument("--paper", choices=("a4", "a3"), help=text["paper"])
    schema_option(p, lang, _RENDER_OPTIONS["schema"])
    input_options(p, lang)


_REPORT = (
    Tr("écrire un rapport HTML autonome", "write a self-contained HTML report"),
    Tr(
        "Écrit une page HTML autonome, lisible sans connexion : le dessin du groupe, son "
        "classement expliqué, les constats de la validation, les flux et le budget combiné.",
        "Write one self-contained HTML page, readable offline: the diagram of the group, its "
        "classification with the explanation, the findings of the validation, the flows and the "
        "combined budget.",
    ),
    Tr(
        "Exemple :\n  ges-graph report groupe.yaml -o rapport.html",
        "Example:\n  ges-graph report group.yaml -o report.html",
    ),
)
_REPORT_OUTPUT = Tr("la page HTML", "the HTML page")
_REPORT_METAVAR = Tr("SORTIE.html", "OUT.html")


def parser_report(sub: Any, lang: Lang) -> None:
    """``report FILE -o OUT.html``."""
    check_lang(lang)
    summary, description, epilog = (tr.render(lang) for tr in _REPORT)
    p = sub.add_parser("report", help=summary, description=description, epilog=epilog)
    common_options(p, lang)
    p.add_argument("file", metavar=_FILE.render(lang), help=_DOCUMENT.render(lang))
    output_option(p, lang, _REPORT_OUTPUT, _REPORT_METAVAR)
    schema_option(p, lang, SCHEMA_HELP)
    input_options(p, lang)


_DEMO = (
    Tr(
        "essayer l'outil sans document : schémas de référence et rapports des exemples fournis",
        "try the tool without a document: reference schemas and reports of the bundled examples",
    ),
    Tr(
        "Sans rien demander : dessine les six schémas de référence, puis valide, classe et "
        "dessine chacun des groupes d'exemple fournis et écrit son rapport HTML ; enfin liste "
        "les fichiers écrits.",
        "Needing no input: draw the six reference schemas, then validate, classify and draw "
        "each bundled example group and write its HTML report; then list the files written.",
    ),
    Tr(
        "Exemple :\n  ges-graph demo -o demo/",
        "Example:\n  ges-graph demo -o demo/",
    ),
)
_DEMO_OUTPUT = Tr(
    "le dossier où écrire (par défaut : ges-graph-demo)",
    "the folder to write into (default: ges-graph-demo)",
)
_DIR = Tr("DOSSIER", "DIR")
_DEMO_SCHEMA = Tr(
    "un fichier de schéma (YAML), dessiné à côté des schémas de référence et essayé lui aussi ; "
    "répétable",
    "a schema file (YAML) drawn beside the reference schemas and tried too; repeatable",
)


def parser_demo(sub: Any, lang: Lang) -> None:
    """``demo [-o DIR]``."""
    check_lang(lang)
    summary, description, epilog = (tr.render(lang) for tr in _DEMO)
    p = sub.add_parser("demo", help=summary, description=description, epilog=epilog)
    common_options(p, lang)
    p.add_argument(
        "-o",
        "--output",
        default="ges-graph-demo",
        metavar=_DIR.render(lang),
        help=_DEMO_OUTPUT.render(lang),
    )
    schema_option(p, lang, _DEMO_SCHEMA)


SUMMARIES = {
    "render": _RENDER[0],
    "report": _REPORT[0],
    "demo": _DEMO[0],
}
"""Each subcommand's summary, the line ``ges-graph --help`` shows for it."""
