"""The command line of ``plan`` and ``budget``, in French or English.

Each ``parser_NAME(sub, lang)`` adds subcommand NAME to ``sub`` (argparse's subparsers), its
summary, description, options and examples written in ``lang`` (:mod:`ges_graph.cli.parser`
chooses it). The code that runs them is in :mod:`ges_graph.cli.plan` and
:mod:`ges_graph.cli.budget`; ``--help`` imports neither.

Examples:
    >>> from ges_graph.cli.localised import parser_class
    >>> sub = parser_class("fr")(prog="ges-graph").add_subparsers(dest="command")
    >>> parser_plan(sub, "fr")
    >>> print(sub.choices["plan"].format_usage().strip())  # doctest: +NORMALIZE_WHITESPACE
    utilisation : ges-graph plan [-h] [--lang {fr,en}] [--json] [--target SCHÉMA] [-o PROJET]
                                 [--max-edits N] [--schema FICHIER_DE_SCHÉMA]
                                 [--syntax {yaml,json}] [--max-size OCTETS] FICHIER
    >>> sub.choices["plan"].parse_args(["--max-edits", "9", "g.yaml"])
    Traceback (most recent call last):
    ...
    SystemExit: 2
"""

from __future__ import annotations

import argparse

from ges_graph.cli.options import common_options, input_options, schema_option
from ges_graph.i18n import Tr, check_lang

TYPE_CHECKING = False
if TYPE_CHECKING:  # for the annotations only: the command starts without typing
    from typing import Any

    from ges_graph.i18n import Lang

__all__ = ["MAX_EDITS", "SUMMARIES", "parser_budget", "parser_plan"]

MAX_EDITS = 8
"""The largest ``--max-edits``: the search grows fast with the number of edits."""

_FILE = (
    Tr("FICHIER", "FILE"),
    Tr(
        "le document, ou «\u00a0-\u00a0» pour l'entrée standard",
        "the document, or '-' for standard input",
    ),
)

_PLAN = (
    Tr(
        "proposer les modifications qui mènent un groupe vers un schéma",
        "suggest the edits that lead a group to a schema",
    ),
    Tr(
        "Cherche le plus petit ensemble de modifications (créer une entité, céder ou reprendre "
        "des parts, confier le contrôle par les statuts, mettre fin à une relation, changer une "
        "forme ou un conventionnement) après lequel le groupe suit le schéma visé ; chaque "
        "projet est vérifié en classant son résultat. Code de sortie : 0 quand un projet existe "
        "(ou que le groupe suit déjà le schéma), 1 quand aucun n'existe dans la limite, avec les "
        "conditions qui bloquent, 2 si le document est illisible ou le schéma inconnu.",
        "Search for the smallest set of edits (create an entity, sell or take over shares, give "
        "control by the statutes, end a relation, change a form or an IAE agreement) after which "
        "the group follows the target schema; every plan is checked by classifying its result. "
        "Exit code: 0 when a plan exists (or the group already follows the schema), 1 when none "
        "exists within the bound, with the conditions that block, 2 when the document cannot be "
        "read or the schema is unknown.",
    ),
    Tr(
        "Exemples :\n"
        "  ges-graph plan groupe.yaml --target S5\n"
        "  ges-graph plan groupe.yaml --target S4 -o projet.yaml\n"
        "  ges-graph diff groupe.yaml projet.yaml",
        "Examples:\n"
        "  ges-graph plan group.yaml --target S5\n"
        "  ges-graph plan group.yaml --target S4 -o plan.yaml\n"
        "  ges-graph diff group.yaml plan.yaml",
    ),
)
_PLAN_OPTIONS = {
    "target": Tr("le schéma visé (par défaut : S5)", "the target schema (default: S5)"),
    "schema_metavar": Tr("SCHÉMA", "SCHEMA"),
    "output": Tr(
        "écrire le groupe projeté dans ce fichier (.yaml, .json)",
        "write the planned group to this file (.yaml, .json)",
    ),
    "output_metavar": Tr("PROJET", "PLAN"),
    "max_edits": Tr(
        f"au plus N modifications (de 1 à {MAX_EDITS} ; par défaut : 4)",
        f"at most N edits (1 to {MAX_EDITS}; default: 4)",
    ),
    "schema": Tr(
        "un fichier de schéma (YAML) à essayer après les schémas de référence, que --target peut "
        "viser ; répétable",
        "a schema file (YAML) to try after the reference schemas, which --target may name; "
        "repeatable",
    ),
}
_NOT_EDITS = Tr(
    f"nombre entier de 1 à {MAX_EDITS} attendu, et non {{text!r}}",
    f"a whole number from 1 to {MAX_EDITS}, not {{text!r}}",
)

_BUDGET = (
    Tr(
        "calculer le budget du groupe pour une année, réalisé ou prévisionnel",
        "compute the group's budget for a year, actual or forecast",
    ),
    Tr(
        "Le budget du groupe pour une année et la précédente, d'après les comptes (réalisés ou "
        "prévisionnels) de ses membres : par membre, par secteur et au total, les ressources, "
        "les charges, le résultat et l'effectif, les flux entre membres éliminés, et la "
        "variation d'une année à l'autre. Code de sortie : 0, 2 si le document est illisible.",
        "The group's budget for a year and the one before, from its members' accounts (actual "
        "or forecast): by member, by sector and in total, resources, charges, result and "
        "headcount, the flows between members eliminated, and the change from one year to the "
        "next. Exit code: 0, 2 when the document cannot be read.",
    ),
    Tr(
        "Exemples :\n"
        "  ges-graph budget groupe.yaml --year 2026\n"
        "  ges-graph budget groupe.yaml --year 2026 --xlsx budget-2026.xlsx",
        "Examples:\n"
        "  ges-graph budget group.yaml --year 2026\n"
        "  ges-graph budget group.yaml --year 2026 --xlsx budget-2026.xlsx",
    ),
)
_BUDGET_OPTIONS = {
    "year": Tr(
        "l'année du budget (la précédente est donnée aussi)",
        "the year of the budget (the one before is given too)",
    ),
    "year_metavar": Tr("ANNÉE", "YEAR"),
    "csv": Tr(
        "écrire le tableau dans FICHIER, au format CSV (UTF-8 avec BOM ; séparateur "
        "«\u00a0;\u00a0» et virgule décimale en français, «\u00a0,\u00a0» et point décimal en "
        "anglais)",
        "write the table to FILE as CSV (UTF-8 with a BOM; ';' and the decimal comma in French, "
        "',' and the decimal point in English)",
    ),
    "xlsx": Tr(
        "écrire le tableau dans FICHIER, un classeur .xlsx (demande openpyxl)",
        "write the table to FILE, an .xlsx workbook (needs openpyxl)",
    ),
}
_NOT_YEAR = Tr("pas une année : {text!r}", "not a year: {text!r}")


class _Bounded:
    """A command-line value that must be a whole number in a range, refused in a language."""

    __name__ = "value"

    def __init__(self, lang: Lang, low: int, high: int, refusal: Tr) -> None:
        self.lang, self.low, self.high, self.refusal = check_lang(lang), low, high, refusal

    def __call__(self, text: str) -> int:
        """The value, or :class:`argparse.ArgumentTypeError` saying why not."""
        try:
            value = int(text)
        except ValueError:
            value = self.low - 1
        if not self.low <= value <= self.high:
            raise argparse.ArgumentTypeError(self.refusal.format(self.lang, text=text))
        return value


def parser_plan(sub: Any, lang: Lang) -> None:
    """``plan FILE --target SCHEMA``."""
    check_lang(lang)
    text = {key: tr.render(lang) for key, tr in _PLAN_OPTIONS.items()}
    summary, description, epilog = (tr.render(lang) for tr in _PLAN)
    p = sub.add_parser("plan", help=summary, description=description, epilog=epilog)
    common_options(p, lang, json_option=True)
    p.add_argument("file", metavar=_FILE[0].render(lang), help=_FILE[1].render(lang))
    p.add_argument("--target", default="S5", metavar=text["schema_metavar"], help=text["target"])
    p.add_argument("-o", "--output", metavar=text["output_metavar"], help=text["output"])
    p.add_argument(
        "--max-edits",
        type=_Bounded(lang, 1, MAX_EDITS, _NOT_EDITS),
        default=4,
        metavar="N",
        help=text["max_edits"],
    )
    schema_option(p, lang, _PLAN_OPTIONS["schema"])
    input_options(p, lang)


def parser_budget(sub: Any, lang: Lang) -> None:
    """``budget FILE --year YEAR``."""
    check_lang(lang)
    text = {key: tr.render(lang) for key, tr in _BUDGET_OPTIONS.items()}
    summary, description, epilog = (tr.render(lang) for tr in _BUDGET)
    p = sub.add_parser("budget", help=summary, description=description, epilog=epilog)
    common_options(p, lang, json_option=True)
    p.add_argument("file", metavar=_FILE[0].render(lang), help=_FILE[1].render(lang))
    p.add_argument(
        "--year",
        type=_Bounded(lang, -(10**9), 10**9, _NOT_YEAR),  # the range is the command's to say
        required=True,
        metavar=text["year_metavar"],
        help=text["year"],
    )
    out = p.add_mutually_exclusive_group()
    file_ = _FILE[0].render(lang)
    out.add_argument("--csv", metavar=file_, help=text["csv"])
    out.add_argument("--xlsx", metavar=file_, help=text["xlsx"])
    input_options(p, lang)


SUMMARIES = {"plan": _PLAN[0], "budget": _BUDGET[0]}
"""Each subcommand's summary, the line ``ges-graph --help`` shows for it."""
