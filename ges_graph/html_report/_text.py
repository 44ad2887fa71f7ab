"""The report page's texts, and the escaping every text of the page goes through."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import Any

from ges_graph.i18n import Lang, Tr

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Control characters (C0 but tab and line breaks, DEL, C1): HTML forbids them and a name holding
one could forge what a reader sees (issue 15); they are dropped from every text of the page."""


def _e(value: Any) -> str:
    r"""Escape any value for HTML text or attribute, without control characters.

    Examples:
        >>> _e("A\x00<b>\x1b[2J\x9b")
        'A&lt;b&gt;[2J'
    """
    return html.escape(_CONTROL.sub("", str(value)), quote=True)


_T: dict[str, Tr] = {
    "title": Tr("Rapport", "Report"),
    "sep": Tr(" : ", ": "),
    "toc": Tr("Sommaire", "Contents"),
    "summary": Tr("En bref", "Summary"),
    "diagram": Tr("Schéma du groupe", "Diagram of the group"),
    "classification": Tr("Classement", "Classification"),
    "findings": Tr("Constats", "Findings"),
    "entities": Tr("Entités", "Entities"),
    "relations": Tr("Relations de gouvernance et de capital", "Governance and capital relations"),
    "flows": Tr("Flux et budget combiné", "Flows and combined budget"),
    "schema": Tr("Schéma de référence", "Reference schema"),
    "variant": Tr("variante", "variant"),
    "head": Tr("Tête de groupe", "Head of group"),
    "none_schema": Tr("aucun schéma de référence ne correspond", "no reference schema matches"),
    "nearest": Tr("Schéma le plus proche", "Nearest schema"),
    "none": Tr("aucune", "none"),
    "verdict": Tr("Validation", "Validation"),
    "conforms": Tr("conforme", "conforms"),
    "not_conforms": Tr("non conforme", "does not conform"),
    "why": Tr("Pourquoi", "Why"),
    "to_change": Tr("Ce qu'il faudrait changer", "What would have to change"),
    "held": Tr("Ce qui est acquis", "What already holds"),
    "roles": Tr("Rôles", "Roles"),
    "all_schemas": Tr(
        "Conditions distinctives remplies par schéma", "Distinguishing conditions held per schema"
    ),
    "common": Tr("Conditions communes à tous les schémas", "Conditions common to every schema"),
    "condition_col": Tr("condition", "condition"),
    "found_col": Tr("constat", "what was found"),
    "then": Tr(" ; ", "; "),
    "matched": Tr("correspond", "matches"),
    "nearest_mark": Tr("le plus proche", "nearest"),
    "score": Tr("conditions remplies", "conditions held"),
    "schema_col": Tr("schéma", "schema"),
    "result": Tr("résultat", "result"),
    "key": Tr("Clé", "Key"),
    "number": Tr("N°", "No."),
    "severity": Tr("Gravité", "Severity"),
    "rule": Tr("Règle", "Rule"),
    "message": Tr("Constat", "Finding"),
    "subjects": Tr("Sujets", "Subjects"),
    "reference": Tr("Référence", "Reference"),
    "no_findings": Tr("Aucun constat.", "No findings."),
    "id": Tr("Identifiant", "Id"),
    "name": Tr("Nom", "Name"),
    "form": Tr("Forme", "Form"),
    "conventions": Tr("Conventionnements IAE", "IAE agreements"),
    "sector": Tr("Secteur", "Sector"),
    "employees": Tr("Salariés", "Employees"),
    "budget": Tr("Budget", "Budget"),
    "external": Tr("hors groupe", "outside the group"),
    "none_known_f": Tr("aucune connue", "none known"),
    "type": Tr("Type", "Type"),
    "from": Tr("De", "From"),
    "provider": Tr("Fournisseur", "Provider"),
    "beneficiary": Tr("Bénéficiaire", "Beneficiary"),
    "free": Tr("gratuit", "free"),
    "to": Tr("Vers", "To"),
    "detail": Tr("Détail", "Detail"),
    "dates": Tr("Dates", "Dates"),
    "kind": Tr("Nature", "Kind"),
    "amount": Tr("Montant", "Amount"),
    "basis": Tr("Base", "Basis"),
    "agreement": Tr("Convention écrite", "Written agreement"),
    "yes": Tr("oui", "yes"),
    "no": Tr("non", "no"),
    "no_relations": Tr(
        "Aucune relation de gouvernance ou de capital.", "No governance or capital relation."
    ),
    "no_flows": Tr("Aucun flux.", "No flows."),
    "flows_table": Tr("Flux entre entités", "Flows between entities"),
    "budget_table": Tr("Budget combiné par membre", "Combined budget by member"),
    "sector_table": Tr("Budget combiné par secteur", "Combined budget by sector"),
    "forecast": Tr("Budget prévisionnel", "Forecast budget"),
    # The section's heading, after what the year's accounts are (Forecast.nature).
    "budget_heading": Tr("Budget {kinds}", "{Kinds} budget"),
    "forecast_table": Tr(
        "Budget {year} et exercice précédent ({currency}) : par membre, éliminations, total et "
        "secteurs",
        "Budget {year} and the year before ({currency}): by member, eliminations, total and "
        "sectors",
    ),
    "forecast_between_sectors": Tr(
        "Un flux entre deux secteurs est retiré des ressources du secteur qui le reçoit et des "
        "charges du secteur qui le paie, pour que les secteurs s'additionnent au total : le "
        "résultat d'un secteur n'est donc pas celui de ses membres ({amounts}).",
        "A flow between two sectors is taken off the resources of the sector that receives it "
        "and the expenses of the sector that pays it, so that the sectors add up to the total: a "
        "sector's net result is therefore not its members' own ({amounts}).",
    ),
    "forecast_incomplete": Tr(
        "Des chiffres manquent : les totaux ne portent que sur ceux qui sont donnés.",
        "Figures are missing: the totals count only those given.",
    ),
    "forecast_no_result": Tr(
        "Des chiffres manquent : les totaux ne portent que sur ceux qui sont donnés, et le "
        "résultat du groupe n'est pas calculé pour une année où un membre n'indique pas à la "
        "fois ses ressources et ses charges.",
        "Figures are missing: the totals count only those given, and the group's net result is "
        "not computed for a year in which a member does not give both its resources and its "
        "expenses.",
    ),
    "forecast_missing": Tr(
        "Sans chiffres pour l'un des deux exercices", "No accounts for one of the two years"
    ),
    "member": Tr("Membre", "Member"),
    "eliminated": Tr("Éliminé", "Eliminated"),
    "combined": Tr("Combiné", "Combined"),
    "total": Tr("Total", "Total"),
    "members": Tr("Membres", "Members"),
    "eliminations": Tr("Flux internes éliminés", "Internal flows eliminated"),
    "not_eliminated": Tr("Flux internes non éliminés", "Internal flows not eliminated"),
    # What the total is worth when budgets are missing (CombinedBudget.bound).
    "incomplete_lower": Tr(
        "Budget incomplet (le total est un minorant) : budget non indiqué pour",
        "Incomplete budget (the total is a lower bound): no budget given for",
    ),
    "incomplete_unknown": Tr(
        "Budget incomplet (le total ne peut être borné) : budget non indiqué pour",
        "Incomplete budget (the total cannot be bounded): no budget given for",
    ),
    "incomplete_upper": Tr(
        "Budget incomplet (le total est un majorant) : des flux internes sont sans montant.",
        "Incomplete budget (the total is an upper bound): internal flows give no amount.",
    ),
    "unavailable": Tr("Indisponible", "Unavailable"),
    "structure_alt": Tr(
        "Schéma des relations de gouvernance et de capital entre les entités du groupe",
        "Diagram of the governance and capital relations between the group's entities",
    ),
    "structure_legend": Tr(
        "Gouvernance (conseils, mandats, adhésions) et capital (participations).",
        "Governance (boards, offices, memberships) and capital (shareholdings).",
    ),
    "flows_alt": Tr(
        "Schéma des flux financiers entre les entités du groupe",
        "Diagram of the money flows between the group's entities",
    ),
    "flows_legend": Tr(
        "Flux financiers en vigueur, par nature et montant ; « gratuit » : sans contrepartie.",
        "Money flows in force, by kind and amount; “free”: with nothing paid in return.",
    ),
    "flows_diagram": Tr("Schéma des flux", "Diagram of the flows"),
    "full_size": Tr("Afficher en taille réelle", "Show at full size"),
    "matrix": Tr("Matrice des flux entre membres", "Matrix of the flows between members"),
    "matrix_note": Tr(
        "Ce que chaque membre, en ligne, paie à chaque membre, en colonne : flux en vigueur "
        "additionnés, en {currency}.",
        "What each member, in a row, pays each member, in a column: flows in force summed, "
        "in {currency}.",
    ),
    "matrix_all": Tr(
        "Flux entre membres, toutes natures confondues", "Flows between members, all kinds"
    ),
    "matrix_kind": Tr("Flux entre membres : {kind}", "Flows between members: {kind}"),
    "by_kind": Tr("Par nature de flux", "By kind of flow"),
    "payer_payee": Tr(
        "Qui paie (ligne) / qui reçoit (colonne)", "Who pays (row) / who receives (column)"
    ),
    "no_member_flows": Tr("Aucun flux entre membres.", "No flow between members."),
    "unpriced": Tr(
        "Flux sans montant, non comptés : {keys}.", "Flows without an amount, not counted: {keys}."
    ),
    "generated": Tr(
        "Produit par ges-graph {version} le {date}.", "Made by ges-graph {version} on {date}."
    ),
    "as_of": Tr("situation au", "as of"),
    "counts": Tr("{n} entités, {m} relations", "{n} entities, {m} relations"),
    "sources": Tr("Sources", "Sources"),
    "in_force": Tr("hors vigueur à la date du document", "not in force at the document's date"),
    "year_of": Tr("exercice {year}", "year {year}"),
    "seat": Tr("{n} siège", "{n} seat"),
    "seats": Tr("{n} sièges", "{n} seats"),
    "chair": Tr("présidence", "chair"),
    "votes": Tr("voix", "votes"),
    "category": Tr("collège", "college"),
    "ex_officio": Tr("membre de droit", "ex officio"),
    "start": Tr("depuis le {date}", "from {date}"),
    "end": Tr("jusqu'au {date}", "until {date}"),
}


_MORE_ROWS: dict[str, tuple[Tr, Tr]] = {
    "entities": (
        Tr("… et {count} autre entité", "… and {count} more entity"),
        Tr("… et {count} autres entités", "… and {count} more entities"),
    ),
    "relations": (
        Tr("… et {count} autre relation", "… and {count} more relation"),
        Tr("… et {count} autres relations", "… and {count} more relations"),
    ),
    "flows": (
        Tr("… et {count} autre flux", "… and {count} more flow"),
        Tr("… et {count} autres flux", "… and {count} more flows"),
    ),
    "members": (
        Tr("… et {count} autre membre", "… and {count} more member"),
        Tr("… et {count} autres membres", "… and {count} more members"),
    ),
}
"""The row that ends a table cut short, by what its rows are (singular, plural)."""
_IN_EXPORTS = Tr(
    " — la liste complète est dans les exports de ges-graph convert (classeur .xlsx, fichiers "
    "CSV).",
    " — the full list is in the exports of ges-graph convert (.xlsx workbook, CSV files).",
)
"""What follows the count of the rows left out: where they all are."""
_TOO_MANY_ENTITIES = Tr(
    "Les {n} entités du groupe sont trop nombreuses pour un schéma lisible (plus de {max}) : "
    "les tables ci-dessous les présentent, et ges-graph render dessine le schéma entier.",
    "The group's {n} entities are too many for a readable diagram (more than {max}): the "
    "tables below show them, and ges-graph render draws the whole diagram.",
)
_TOO_MANY_PAYERS = Tr(
    "Les {n} membres qui paient ou reçoivent des flux sont trop nombreux pour une matrice lisible "
    "(plus de {max}) : la liste des flux ci-dessous les présente.",
    "The {n} members that pay or receive flows are too many for a readable matrix (more than "
    "{max}): the list of flows below shows them.",
)


_TERRITORY = Tr("territoire : {territory}", "{territory}")  # English readers see the name alone


def _in(table: Mapping[str, Tr], lang: Lang) -> dict[str, str]:
    """Every text of ``table`` rendered in ``lang``."""
    return {key: text.render(lang) for key, text in table.items()}
