"""``ges-graph plan FILE --target S5``: the fewest edits after which a group follows a schema.

Prints the plan (each edit in words, the condition it answers, the findings it raises and
clears), or with ``--json`` one JSON object (``docs/cli.md``); ``-o projet.yaml`` writes the
planned group. Exit ``0`` when a plan was found (or the group already follows the target), ``1``
when none exists within ``--max-edits`` (the conditions that block are printed), ``2`` when the
document or a schema file cannot be read, or the target is unknown.

Its help is in the language of ``--lang``, French by default, like ``check``'s.

Examples:
    >>> from ges_graph._data import example_path
    >>> from ges_graph.cli import main
    >>> main(["plan", "--lang", "en", "--target", "S2", str(example_path("tremplin.yaml"))])
    Restructuring plan for Groupe Tremplin towards S2 — Mixed group with associative governance ...
    ...
    0
"""

from __future__ import annotations

import argparse
from typing import Any

from ges_graph.i18n import LANGS, Lang, Tr, check_lang

__all__ = ["cmd_plan"]

_HELP = Tr(
    "proposer les modifications qui mènent un groupe vers un schéma",
    "suggest the edits that lead a group to a schema",
)
_DESCRIPTION = Tr(
    "Cherche le plus petit ensemble de modifications (créer une entité, céder ou reprendre des "
    "parts, confier le contrôle par les statuts, changer une forme ou un conventionnement) après "
    "lequel le groupe suit le schéma visé ; chaque projet est vérifié en classant son résultat. "
    "Code de sortie 1 quand aucun projet n'existe dans la limite, avec les conditions qui "
    "bloquent.",
    "Search for the smallest set of edits (create an entity, sell or take over shares, give "
    "control by the statutes, change a form or a convention) after which the group follows the "
    "target schema; every plan is checked by classifying its result. Exit code 1 when no plan "
    "exists within the bound, with the conditions that block.",
)
_OPTIONS = {
    "file": Tr(
        "le document, ou « - » pour l'entrée standard", "the document, or '-' for standard input"
    ),
    "target": Tr("le schéma visé (par défaut : S5)", "the target schema (default: S5)"),
    "output": Tr(
        "écrire le groupe projeté dans ce fichier (.yaml, .json)",
        "write the planned group to this file (.yaml, .json)",
    ),
    "json": Tr(
        "écrire un document JSON sur la sortie standard", "print one JSON document on stdout"
    ),
    "max_edits": Tr(
        "au plus N modifications (de 1 à 8 ; par défaut : 4)",
        "at most N edits (1 to 8; default: 4)",
    ),
    "schema": Tr(
        "un fichier de schéma (YAML) à essayer après les schémas de référence, que --target peut "
        "viser ; répétable",
        "a schema file (YAML) to try after the reference schemas, which --target may name; "
        "repeatable",
    ),
    "lang": Tr("langue des résultats (par défaut : fr)", "language of the results (default: fr)"),
    "syntax": Tr(
        "syntaxe de l'entrée (par défaut : selon l'extension)",
        "syntax of the input (default: from the suffix)",
    ),
}
_NOT_A_NUMBER = Tr(
    "nombre entier de 1 à 8 attendu : {text!r}", "a whole number from 1 to 8: {text!r}"
)
_UNKNOWN_TARGET = Tr(
    "{target} n'est pas un schéma connu (schémas : {known})",
    "{target} is not a known schema (schemas: {known})",
)
_WRITTEN = Tr("Groupe projeté écrit dans {path}", "Planned group written to {path}")


def _edits(text: str) -> int:
    """``--max-edits``: 1 to 8."""
    if not text.isdigit() or not 1 <= int(text) <= 8:
        raise argparse.ArgumentTypeError(_NOT_A_NUMBER.format("en", text=text))
    return int(text)


def build_parser(sub: Any, lang: Lang = "fr") -> None:
    """``plan``: its subparser, its help in ``lang`` (the language the command line asks for)."""
    check_lang(lang)
    from ges_graph.cli.parser import MAX_SIZE, _size  # noqa: PLC0415 (the parser imports us)

    text = {key: tr.render(lang) for key, tr in _OPTIONS.items()}
    p = sub.add_parser("plan", help=_HELP.render(lang), description=_DESCRIPTION.render(lang))
    p.add_argument("--lang", choices=LANGS, default="fr", help=text["lang"])
    p.add_argument("file", metavar=Tr("FICHIER", "FILE").render(lang), help=text["file"])
    p.add_argument(
        "--target", default="S5", metavar=Tr("SCHÉMA", "SCHEMA").render(lang), help=text["target"]
    )
    p.add_argument("-o", "--output", metavar=Tr("PROJET", "OUT").render(lang), help=text["output"])
    p.add_argument("--json", action="store_true", help=text["json"])
    p.add_argument("--max-edits", type=_edits, default=4, metavar="N", help=text["max_edits"])
    p.add_argument(
        "--schema", action="append", dest="schemas",
        metavar=Tr("FICHIER_DE_SCHEMA", "SCHEMA_FILE").render(lang), help=text["schema"],
    )  # fmt: skip
    p.add_argument("--syntax", choices=("yaml", "json"), help=text["syntax"])
    p.add_argument("--max-size", type=_size, default=MAX_SIZE, metavar="BYTES")


def cmd_plan(args: argparse.Namespace) -> int:
    """``ges-graph plan FILE --target S``: print the plan; write the planned group with ``-o``."""
    from ges_graph.cli import inputs, output  # noqa: PLC0415 (loaded on demand)
    from ges_graph.planning import plan  # noqa: PLC0415
    from ges_graph.schemas import reference_schemas  # noqa: PLC0415

    lang: Lang = check_lang(args.lang)
    schemas = list(inputs.given_schemas(inputs.schema_files(args)) or reference_schemas())
    if args.target not in {s.id for s in schemas}:
        known = ", ".join(s.id for s in schemas)
        output.err(_UNKNOWN_TARGET.format(lang, target=args.target, known=known))
        return output.EXIT_UNREADABLE
    ges = inputs.load_source(
        inputs.read_source(args.file, args.syntax, args.max_size), lang, args.max_size
    )
    if isinstance(ges, output.Outcome):
        if args.json:
            output.print_json(ges.data)
        output.err("\n".join(ges.notes))
        return output.EXIT_UNREADABLE
    result = plan(ges, args.target, max_edits=args.max_edits, schemas=schemas, lang=lang)
    if args.output and result.found:
        result.save(args.output)
    if args.json:
        output.print_json(
            {
                "file": args.file,
                **result.to_dict(lang),
                "output": args.output if result.found else None,
            }
        )
    else:
        output.say(result.to_text(lang))
        if args.output and result.found:
            output.say(_WRITTEN.format(lang, path=args.output))
    return output.EXIT_OK if result.found else output.EXIT_FAILED
