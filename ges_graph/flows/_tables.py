"""The words of the flow analyses, in French and English, and their HTML tables."""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping

from ges_graph.i18n import Lang, Tr

_WORDS: dict[str, Tr] = {
    "matrix": Tr("Flux entre membres", "Flows between members"),
    "none": Tr("aucun flux entre membres", "no flow between members"),
    "unpriced": Tr("flux sans montant", "flows without amount"),
    "balances": Tr("Flux par membre", "Flows by member"),
    "in": Tr("reçu", "received"),
    "out": Tr("versé", "paid"),
    "balance": Tr("solde", "balance"),
    "internal": Tr("dont entre membres", "of which between members"),
    "budget": Tr("Budget combiné", "Combined budget"),
    "member": Tr("membre", "member"),
    "sector": Tr("secteur", "sector"),
    "resources": Tr("budget", "budget"),
    "eliminated": Tr("éliminé", "eliminated"),
    "combined": Tr("combiné", "combined"),
    "employees": Tr("salariés", "employees"),
    "total": Tr("Total", "Total"),
    "eliminations": Tr("Éliminations", "Eliminations"),
    "not_eliminated": Tr("Flux non éliminés", "Flows not eliminated"),
    "missing_budget": Tr("Budget non indiqué", "Budget not given"),
    "missing_employees": Tr("Effectif non indiqué", "Headcount not given"),
    # What the total is worth when figures are missing (CombinedBudget.bound).
    "incomplete_lower": Tr(
        "incomplet : des budgets manquent, le total est un minorant",
        "incomplete: some budgets are missing, so the total is a lower bound",
    ),
    "incomplete_upper": Tr(
        "incomplet : des flux internes sont sans montant, le total est un majorant",
        "incomplete: some internal flows have no amount, so the total is an upper bound",
    ),
    "incomplete_unknown": Tr(
        "incomplet : il manque trop de chiffres pour borner le total",
        "incomplete: too many figures are missing to bound the total",
    ),
    "sep": Tr(" : ", ": "),
    "payer": Tr("payeur", "payer"),
    "payee": Tr("destinataire", "payee"),
    "received_from_members": Tr("reçu des membres", "received from members"),
    "paid_to_members": Tr("versé aux membres", "paid to members"),
}


def _in(table: Mapping[str, Tr], lang: Lang) -> dict[str, str]:
    """Every text of ``table`` rendered in ``lang``."""
    return {key: text.render(lang) for key, text in table.items()}


_REASONS = {
    "balance_sheet": Tr("mouvement de capital, hors budget", "capital movement, not a resource"),
    "no_amount": Tr("montant non indiqué", "no amount given"),
    "no_budget": Tr("budget du destinataire non indiqué", "the payee's budget is not given"),
    "no_resources": Tr(
        "ressources du destinataire non indiquées", "the payee's resources are not given"
    ),
    "no_charges": Tr("charges du payeur non indiquées", "the payer's expenses are not given"),
}


def named(ids: Iterable[str], names: Mapping[str, str]) -> str:
    """Each entity as ``Name (id)`` (its id alone when it has no name here), joined by commas.

    Examples:
        >>> named(["t", "x"], {"t": "Association Tremplin"})
        'Association Tremplin (t), x'
    """
    return ", ".join(f"{names[i]} ({i})" if i in names else i for i in ids)


def _table(caption: str, head: list[str], rows: list[list[str]]) -> str:
    e = html.escape
    th = "".join(f"<th>{e(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in rows)
    return (
        f'<table class="ges-flows"><caption>{e(caption)}</caption>'
        f"<thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"
    )
