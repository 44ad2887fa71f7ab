"""The pages of the documentation site that are written from the code, in French and in English.

Each function returns the Markdown of one page in one language; :data:`PAGES` names them by
their path under a language folder (``docs/fr/`` or ``docs/en/``), where the build hook
(``docs/hooks/site_hook.py``) writes them before MkDocs reads the folder. Nothing here is
committed: the vocabularies come from :mod:`ges_graph.vocabulary`, the rule catalogue from
:data:`ges_graph.rules.RULES` (with, for each rule, a small document that fires it, checked at
every build), the command line from :func:`ges_graph.cli.parser.build_parser`, the schema pages
from the reference schema files. ``tests/test_docs_site.py`` checks that every code, rule,
subcommand and condition reaches its page.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from ges_graph.classification import classify
from ges_graph.cli.parser import build_parser
from ges_graph.graph import GES
from ges_graph.i18n import Lang, Tr, check_lang, fr_the
from ges_graph.rules import RULES, validate
from ges_graph.rules.registry import Rule
from ges_graph.schemas import SchemaDef, reference_schemas
from ges_graph.vocabulary import FlowKind, Severity
from ges_graph.vocabulary.findings import ConfidenceLevel
from ges_graph.vocabulary.tables import vocabulary_tables

__all__ = [
    "PAGES",
    "RULE_EXAMPLES",
    "cli_page",
    "flow_direction_table",
    "rule_example",
    "rules_page",
    "schema_page",
    "schemas_index",
    "vocabularies_page",
]

RULE_EXAMPLES = Path(__file__).with_name("rule_examples.yaml")
"""For every rule, a small document that fires it (the catalogue shows it; the build checks it)."""

_GENERATED = Tr(
    "<!-- Page écrite par docs/hooks/site_pages.py à partir du code, à chaque construction du "
    "site : ne pas la modifier à la main. -->",
    "<!-- Page written by docs/hooks/site_pages.py from the code at every build of the site: "
    "do not edit it by hand. -->",
)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


# -- vocabularies ---------------------------------------------------------------------------------


def flow_direction_table(lang: Lang = "fr") -> str:
    """Who is ``from`` and who is ``to`` for every kind of flow, and what the provider does.

    Examples:
        >>> print(flow_direction_table("en").splitlines()[2])
        | `management_fee` | frais de siège | management fee | the beneficiary, who pays | ...
    """
    check_lang(lang)
    header = Tr(
        "| code | libellé français | libellé anglais | `from` | `to` "
        "| ce que fait le prestataire ou le financeur |",
        "| code | French label | English label | `from` | `to` | the provider… |",
    )
    payer = Tr("le bénéficiaire, qui paie", "the beneficiary, who pays")
    payee = Tr("le **prestataire**, qui est payé", "the **provider**, who is paid")
    giver = Tr("le **financeur**, qui verse ou prête l'argent", "the **provider** of the money")
    taker = Tr("le bénéficiaire", "the beneficiary")
    rows = [header.render(lang), "|---|---|---|---|---|---|"]
    for k in FlowKind:
        frm, to = (payer, payee) if k.provider_is_payee else (giver, taker)
        rows.append(
            f"| `{k.value}` | {k.text.fr} | {k.text.en} | {frm.render(lang)} | "
            f"{to.render(lang)} | « {k.action.render(lang)} » |"
        )
    return "\n".join(rows)


def vocabularies_page(lang: Lang = "fr") -> str:
    """Every closed vocabulary of the format as a table, then the flow-direction table."""
    check_lang(lang)
    title = Tr("Les vocabulaires du format", "The vocabularies of the format")
    lead = Tr(
        "Les valeurs fermées d'un document (forme juridique, conventionnement, nature d'une "
        "relation, d'un flux…) sont tirées des listes ci-dessous, écrites ici depuis le module "
        "`ges_graph.vocabulary` qui les définit. Voir [Décrire un groupe](../format.md) pour le "
        "document entier.",
        "The closed values of a document (legal form, convention, kind of relation or flow…) "
        "come from the lists below, written here from the module `ges_graph.vocabulary` that "
        "defines them. See [Describing a group](../format.md) for the whole document.",
    )
    flows = Tr("Le sens des flux", "The direction of flows")
    flows_lead = Tr(
        "Un flux va de `from` vers `to`, dans le sens de l'argent. Pour les prestations "
        "achetées (frais de siège, mise à disposition, locaux…), le prestataire est donc `to`, "
        "celui qui est payé ; pour l'argent donné ou prêté, il est `from`.",
        "A flow goes from `from` to `to`, the way the money goes. For what is bought "
        "(management fees, secondments, premises…) the provider is therefore `to`, the one "
        "paid; for money given or lent it is `from`.",
    )
    return "\n\n".join(
        [
            f"# {title.render(lang)}",
            _GENERATED.render(lang),
            lead.render(lang),
            vocabulary_tables(lang).replace("### ", "## "),
            f"## {flows.render(lang)}",
            flows_lead.render(lang),
            flow_direction_table(lang),
            "",
        ]
    )


# -- the rule catalogue ---------------------------------------------------------------------------


def _examples() -> dict[str, Any]:
    data = yaml.safe_load(RULE_EXAMPLES.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def rule_example(rule: Rule, examples: dict[str, Any] | None = None) -> tuple[str, GES]:
    """The example document of ``rule`` (YAML text) and its group; it must fire the rule.

    Raises:
        AssertionError: the rule has no example, or its example does not fire it.

    Examples:
        >>> text, ges = rule_example(RULES["ai-form"])
        >>> "ai-form" in [f.rule for f in validate(ges).findings]
        True
    """
    data = (examples or _examples()).get(rule.id)
    assert data is not None, f"{RULE_EXAMPLES.name} has no example for the rule {rule.id}"
    document = {"format": "ges-graph/1", **data}
    ges = GES.from_data(document)
    fired = {f.rule for f in validate(ges).findings}
    assert rule.id in fired, f"the example of {rule.id} does not fire it (it fires {fired})"
    return _yaml(document), ges


def _yaml(document: dict[str, Any]) -> str:
    """The document as YAML written by hand: one entity or relation a line."""
    lines = []
    for key, value in document.items():
        if isinstance(value, list):
            lines.append(f"{key}:")
            lines += [f"  - {_flow(item)}" for item in value]
        else:
            lines.append(_flow({key: value}).removeprefix("{").removesuffix("}"))
    return "\n".join(lines) + "\n"


def _flow(value: Any) -> str:
    return yaml.safe_dump(
        value, allow_unicode=True, default_flow_style=True, width=10_000, sort_keys=False
    ).strip()


def _rule_section(rule: Rule, examples: dict[str, Any], lang: Lang) -> list[str]:
    sep = Tr("\N{NO-BREAK SPACE}:", ":").render(lang)  # French keeps a space before the colon
    severity = Tr("Gravité", "Severity").render(lang)
    fires = Tr("Se déclenche quand", "Fires when").render(lang)
    reference = Tr("Référence", "Reference").render(lang)
    params = Tr("Paramètres", "Parameters").render(lang)
    example = Tr("Un document qui la déclenche", "A document that fires it").render(lang)
    says = Tr("et ce qu'elle en dit\N{NO-BREAK SPACE}:", "and what it says of it:").render(lang)
    text, ges = rule_example(rule, examples)
    finding = next(f for f in validate(ges).findings if f.rule == rule.id)
    lines = [
        f"### `{rule.id}` — {rule.title(lang)}",
        "",
        f"- **{severity}**{sep} {Severity(rule.severity).label_in(lang)}",
        f"- **{fires}**{sep} {_cell(rule.fires_when_in(lang))}",
        f"- **{reference}**{sep} {rule.reference}",
    ]
    if rule.params:
        lines.append(f"- **{params}**{sep}")
        lines += [
            f"    - `{p.name}`{sep} {p.values_in(lang)} — {_cell(p.description_in(lang))}"
            for p in rule.params
        ]
    lines += ["", f"{example}{sep}", "", "```yaml", text.rstrip(), "```", "", says, ""]
    lines += [f"> {finding.message(lang)}", ""]
    return lines


def rules_page(lang: Lang = "fr") -> str:
    """The rule catalogue: each rule's id, severity, what fires it, reference and an example."""
    check_lang(lang)
    examples = _examples()
    title = Tr("Le catalogue des règles", "The rule catalogue")
    lead = Tr(
        f"La validation applique les {len(RULES)} règles ci-dessous, rangées par famille. "
        "Chacune porte un identifiant stable, une gravité (une *erreur* rend le groupe non "
        "conforme ; un *avertissement* et une *information* appellent l'attention sans le "
        "rendre non conforme) et, le plus souvent, sa référence juridique. Le document donné "
        "pour chaque règle la déclenche : la construction du site le vérifie, et le message "
        "cité est celui que la bibliothèque écrit.",
        f"Validation applies the {len(RULES)} rules below, by family. Each has a stable id, a "
        "severity (an *error* makes the group non-conforming; a *warning* and an *information* "
        "draw attention without doing so) and, most often, its legal reference. The document "
        "given for each rule fires it: the build of the site checks so, and the message quoted "
        "is the one the library writes.",
    )
    lines = [f"# {title.render(lang)}", "", _GENERATED.render(lang), "", lead.render(lang), ""]
    for family, rules in RULES.by_family().items():
        lines += [f"## {family.title(lang)}", ""]
        for rule in rules:
            lines += _rule_section(rule, examples, lang)
    return "\n".join(lines)


# -- the command line -----------------------------------------------------------------------------


def _parser(lang: Lang) -> argparse.ArgumentParser:
    """The command's parser, with its help written in ``lang``."""
    return build_parser(lang)


def _invocation(action: argparse.Action) -> str:
    if action.option_strings:
        names = ", ".join(f"`{o}`" for o in action.option_strings)
        if action.nargs == 0:
            return names
        metavar = action.metavar or (action.dest.upper() if action.dest else "")
        return f"{names} `{metavar}`"
    return f"`{action.metavar or action.dest}`"


def _arguments(parser: argparse.ArgumentParser, lang: Lang) -> list[str]:
    header = Tr("| argument | rôle |", "| argument | what it does |").render(lang)
    rows = [header, "|---|---|"]
    formatter = parser._get_formatter()  # private: argparse's own expansion of %(default)s
    for action in parser._actions:  # private: argparse has no public list of actions
        if action.help == argparse.SUPPRESS or isinstance(action, argparse._HelpAction):
            continue
        text = formatter._expand_help(action) if action.help else ""
        rows.append(f"| {_invocation(action)} | {_cell(' '.join(text.split()))} |")
    return rows


def cli_page(lang: Lang = "fr") -> str:
    """Every subcommand of ``ges-graph``: what it does, its usage line, its arguments."""
    check_lang(lang)
    parser = _parser(lang)
    title = Tr("Référence de la commande `ges-graph`", "The `ges-graph` command reference")
    lead = Tr(
        "Chaque sous-commande, telle que la décrit l'analyseur de la ligne de commande "
        "(`ges_graph.cli.parser.build_parser`) ; `ges-graph COMMANDE --help` en dit autant. "
        "La page [La ligne de commande](../cli.md) explique les sorties et les codes de retour.",
        "Each subcommand, as the command's parser (`ges_graph.cli.parser.build_parser`) "
        "describes it; `ges-graph COMMAND --help` says the same. The page "
        "[The command line](../cli.md) explains outputs and exit codes.",
    )
    lines = [f"# {title.render(lang)}", "", _GENERATED.render(lang), "", lead.render(lang), ""]
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    helps = {c.dest: c.help or "" for c in sub._choices_actions}
    for name, subparser in sub.choices.items():
        usage = " ".join(subparser.format_usage().split()).removeprefix("usage: ")
        lines += [f"## `ges-graph {name}`", "", helps.get(name, ""), ""]
        if subparser.description and subparser.description != helps.get(name):
            lines += [" ".join(subparser.description.split()), ""]
        lines += ["```text", usage, "```", "", *_arguments(subparser, lang), ""]
    return "\n".join(lines)


# -- the schemas ----------------------------------------------------------------------------------

_CONFIDENCE = Tr("Confiance de la reconstitution", "Confidence of the reconstruction")


def _example_section(schema: SchemaDef, lang: Lang) -> list[str]:
    """The schema's example: its drawing, its members, and what classification makes of it."""
    example = schema.example_ges()
    result = classify(example)
    assert result.schema == schema.id, f"the example of {schema.id} classifies as {result.schema}"
    assert result.head is not None
    head = example.entity(result.head).name
    drawn = Tr(
        f"L'exemple canonique du schéma, « {example.name} », tel que `ges-graph render` le "
        f"dessine : sa tête de groupe est {fr_the(head)}, et la classification le range bien "
        f"sous {schema.id}. Ses entités :",
        f"The schema's canonical example, “{example.name}”, as `ges-graph render` draws it: its "
        f"head is {head}, and classification does file it under {schema.id}. Its entities:",
    )
    tags = {
        "head": Tr("tête de groupe", "head of group"),
        "external": Tr("extérieure au groupe", "outside the group"),
    }
    members = []
    for e in example.document.entities:
        kinds = [e.form.label_in(lang), *(c.value.upper() for c in e.conventions)]
        flags = {"head": e.id == result.head, "external": e.external}
        marks = [tags[k].render(lang) for k, on in flags.items() if on]
        suffix = f" — *{', '.join(marks)}*" if marks else ""
        members.append(f"- **{e.name}** ({' · '.join(kinds)}){suffix}")
    title = Tr("L'exemple", "The example").render(lang)
    picture = f"![{schema.id} — {example.name}](../../images/schema-{schema.id}.svg)"
    return [f"## {title}", "", picture, "", drawn.render(lang), "", *members, ""]


def schema_page(schema: SchemaDef, lang: Lang = "fr") -> str:
    """One reference schema: its drawing, its conditions in words, its basis and confidence."""
    check_lang(lang)
    sep = Tr(" :", ":").render(lang)
    words = {
        "conditions": Tr("Les conditions", "The conditions"),
        "head": Tr("Condition de tête", "Head condition"),
        "others": Tr(
            "Et toutes les conditions suivantes :", "And every one of the following conditions:"
        ),
        "variants": Tr("Variantes", "Variants"),
        "basis": Tr("Sur quoi repose la reconstitution", "What the reconstruction rests on"),
        "groups": Tr("Les groupes réels qui y répondent", "The real groups it fits"),
        "file": Tr("Le fichier du schéma", "The schema file"),
    }
    groups = Tr(
        "Un groupe réel répond au schéma quand sa description remplit chacune des conditions "
        "ci-dessus, ce que `ges-graph classify groupe.yaml` vérifie condition par condition ; "
        "sinon, la classification nomme le schéma le plus proche et les conditions qui "
        "manquent. Les groupes réels sur lesquels repose la reconstitution sont ceux que cite "
        "le paragraphe précédent ; l'exemple est bâti sur leur modèle, sans en reproduire "
        "aucun.",
        "A real group fits the schema when its document meets every condition above, which "
        "`ges-graph classify groupe.yaml` checks condition by condition; otherwise "
        "classification names the nearest schema and the conditions missing. The real groups "
        "the reconstruction rests on are those the paragraph above cites; the example is "
        "modelled on them without copying any.",
    )
    level = ConfidenceLevel(schema.confidence).label_in(lang)
    lines = [f"# {schema.id} — {schema.title(lang)}", "", _GENERATED.render(lang), ""]
    lines += [f"*{schema.origin(lang)}.*", "", *_example_section(schema, lang)]
    lines += [f"## {words['conditions'].render(lang)}", ""]
    lines += [f"**{words['head'].render(lang)}**{sep} {schema.head_condition.title(lang)}.", ""]
    lines += [words["others"].render(lang), ""]
    lines += [f"1. {c.title(lang)} (`{c.id}`)" for c in schema.conditions]
    lines.append("")
    if schema.variants:
        lines += [f"**{words['variants'].render(lang)}**{sep}", ""]
        lines += [f"- `{v.id}`{sep} {v.title(lang)}" for v in schema.variants]
        lines.append("")
    basis = Tr(schema.basis.fr, schema.basis.en).render(lang)
    lines += [f"## {words['basis'].render(lang)}", "", basis, ""]
    lines += [f"**{_CONFIDENCE.render(lang)}**{sep} {level}.", ""]
    lines += [f"## {words['groups'].render(lang)}", "", groups.render(lang), ""]
    name = Path(schema.file).name
    lines += [f"## {words['file'].render(lang)}", "", f"`schemas/coorace/{name}`", ""]
    return "\n".join(lines)


def schemas_index(lang: Lang = "fr") -> str:
    """The six schemas in one table, each linked to its page."""
    check_lang(lang)
    title = Tr("Les six schémas de référence", "The six reference schemas")
    lead = Tr(
        "COORACE décrit six façons de structurer un GES (« Exemples de structuration de GES », "
        "schémas 1 à 6). Les définitions ci-dessous sont une **reconstitution** : les dessins "
        "d'origine ne sont pas disponibles, seules leurs légendes le sont ; voir "
        "[La reconstitution des schémas](../../sources.md). Un groupe répond au plus à un "
        "schéma.",
        "COORACE describes six ways to structure a GES (« Exemples de structuration de GES », "
        "schemas 1 to 6). The definitions below are a **reconstruction**: the original "
        "drawings are not available, only their captions; see "
        "[How the schemas were reconstructed](../../sources.md). A group fits one schema at most.",
    )
    header = Tr(
        "| schéma | titre | tête de groupe | confiance |", "| schema | title | head | confidence |"
    )
    rows = [header.render(lang), "|---|---|---|---|"]
    for s in reference_schemas():
        level = ConfidenceLevel(s.confidence).label_in(lang)
        rows.append(
            f"| [{s.id}]({s.id}.md) | {s.title(lang)} | {s.head_condition.title(lang)} | {level} |"
        )
    return "\n\n".join(
        [f"# {title.render(lang)}", _GENERATED.render(lang), lead.render(lang), "\n".join(rows), ""]
    )


def _schema_pages() -> dict[str, Callable[[Lang], str]]:
    return {
        f"reference/schemas/{s.id}.md": (lambda lang, s=s: schema_page(s, lang))
        for s in reference_schemas()
    }


PAGES: dict[str, Callable[[Lang], str]] = {
    "reference/vocabularies.md": vocabularies_page,
    "reference/rules.md": rules_page,
    "reference/cli.md": cli_page,
    "reference/schemas/index.md": schemas_index,
    **_schema_pages(),
}
"""Each generated page, by its path under a language folder."""
