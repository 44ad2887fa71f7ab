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

from ges_graph.i18n import Lang, Tr, check_lang

__all__ = ["cmd_plan"]

_UNKNOWN_TARGET = Tr(
    "{target} n'est pas un schéma connu (schémas : {known})",
    "{target} is not a known schema (schemas: {known})",
)
_WRITTEN = Tr("Groupe projeté écrit dans {path}", "Planned group written to {path}")


def cmd_plan(args: argparse.Namespace) -> int:
    """``ges-graph plan FILE --target S``: print the plan; write the planned group with ``-o``."""
    from ges_graph.cli import inputs, output  # noqa: PLC0415 (loaded on demand)
    from ges_graph.planning import plan  # noqa: PLC0415
    from ges_graph.schemas import reference_schemas  # noqa: PLC0415

    lang: Lang = check_lang(args.lang)
    schemas = list(inputs.given_schemas(inputs.schema_files(args)) or reference_schemas())
    ids = [s.id for s in schemas]
    if args.target not in ids:  # « s4 » is S4, when no other schema's id reads the same
        same = [i for i in ids if i.casefold() == args.target.strip().casefold()]
        if len(same) == 1:
            args.target = same[0]
    if args.target not in ids:
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
