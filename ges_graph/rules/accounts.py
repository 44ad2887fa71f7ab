"""Rules on accounts (module 4) (``rules.md``, "Accounts").

The consolidation thresholds are dated parameters: the document's ``as_of`` chooses them (the
latest when there is none). The combined budget is an analysis, not a rule: see
:mod:`ges_graph.flows`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import NamedTuple

from ges_graph.i18n import Tr
from ges_graph.model import Entity, Family, FlowKind, Form
from ges_graph.report import Severity
from ges_graph.rules.params import Param
from ges_graph.rules.registry import (
    Context,
    Ents,
    Hit,
    Money,
    Phrase,
    RuleFamily,
    TrList,
    const,
    rule,
)

__all__ = ["PUBLIC_FUNDING", "RULES", "PublicSubsidies", "iae_conventions", "public_subsidies"]

F = RuleFamily.ACCOUNTS

_AGREEMENT = Tr("conventionnement {labels}", "{labels} agreement")
_AGREEMENTS = Tr("conventionnements {labels}", "{labels} agreements")
"""An association's IAE agreements, in the message of ``association-economic-audit``."""

TURNOVER = Param(
    "turnover",
    "EUR",
    Tr(
        "le seuil de chiffre d'affaires (somme des budgets), qui doit être dépassé",
        "turnover threshold (sum of `budget`), exceeded strictly",
    ),
    ((None, 48_000_000), (dt.date(2025, 1, 1), 60_000_000)),
)
"""The consolidation turnover threshold: €48 M before 2025-01-01, €60 M from then."""

HEADCOUNT = const(
    "headcount",
    250,
    "employees",
    Tr("le seuil d'effectif, qui doit être dépassé", "headcount threshold, exceeded strictly"),
)
"""The consolidation headcount threshold: 250 employees."""

PUBLIC_FUNDING = 153_000
"""Public subsidies a year (euros) from which an association keeps audited accounts (C. com.
L612-4, D612-5), and its regulated agreements are reported (L612-5)."""


class PublicSubsidies(NamedTuple):
    """The subsidies in force that public bodies pay each associative member, a year."""

    totals: dict[str, float]
    """The amount, by member (only the flows that give one)."""
    grantors: dict[str, list[str]]
    """The public bodies paying, by member."""
    keys: dict[str, list[str]]
    """The flows' keys, by member."""
    unknown: Mapping[str, list[str]] = MappingProxyType({})
    """The public bodies paying a subsidy whose amount is not given, by member: its total is then
    only a floor."""


def public_subsidies(ctx: Context) -> PublicSubsidies:
    """What public bodies pay the associative members as subsidies (C. com. L612-4).

    Read by ``association-public-funding-audit`` and by ``regulated-agreement`` (an association
    that receives 153,000 euros a year falls under L612-5).
    """
    totals: dict[str, float] = defaultdict(float)
    grantors: dict[str, list[str]] = defaultdict(list)
    keys: dict[str, list[str]] = defaultdict(list)
    unknown: dict[str, list[str]] = defaultdict(list)
    for key, f in ctx.flows(FlowKind.SUBSIDY):
        if f.to not in ctx.members:
            continue
        if ctx.entity(f.to).form.family is not Family.ASSOCIATIVE:
            continue
        if ctx.entity(f.from_).form is not Form.PUBLIC_BODY:
            continue
        if f.amount is None:
            unknown[f.to].append(f.from_)
            continue
        totals[f.to] += f.amount
        grantors[f.to].append(f.from_)
        keys[f.to].append(key)
    return PublicSubsidies(totals, grantors, keys, dict(unknown))


def iae_conventions(entity: Entity) -> Phrase:
    """An operating entity's IAE agreements in words (« conventionnements ACI et AI »)."""
    iae = [c.label for c in entity.conventions if c.is_iae]
    listed = TrList(tuple(Tr(label, label) for label in iae))
    said = _AGREEMENT if len(iae) == 1 else _AGREEMENTS
    return Phrase(said.fr, said.en, {"labels": listed})


@rule(
    "association-public-funding-audit",
    Severity.INFO,
    F,
    title=(
        "Subventions publiques d'au moins 153 000 € : comptes et commissaire aux comptes",
        "Public subsidies of €153,000 or more: accounts and statutory auditor",
    ),
    message=(
        "{entity.the} reçoit {total} par an de subventions de personnes publiques ({grantors}) : "
        "à partir de {threshold}, des comptes annuels (bilan, compte de résultat et annexe), "
        "la nomination d'un commissaire aux comptes et la publication des comptes sont "
        "obligatoires.",
        "{entity} receives {total} a year of subsidies from public bodies ({grantors}): from "
        "{threshold}, annual accounts (balance sheet, income statement and notes), a statutory "
        "auditor and the publication of the accounts are required.",
    ),
    reference="C. com. L612-4, D612-5",
    fires_when=(
        "les subventions en vigueur qu'un membre du groupe relevant de la famille associative "
        "reçoit de collectivités ou d'établissements publics, quelle que soit leur nature, "
        "atteignent au total 153 000 euros par an (seuls comptent les flux dont le montant est "
        "indiqué, lu dans la monnaie du document) : l'organisme doit établir des comptes annuels, "
        "nommer un commissaire aux comptes et publier ses comptes",
        "the `subsidy` flows in force into a group member of the associative family, paid by "
        "entities of form `public_body` (any `public_kind`), add up to €153,000 or more a year "
        "(the flows that give an amount; figures read in the document's currency): annual "
        "accounts, a statutory auditor (commissaire aux comptes) and publication are due",
    ),
    params=(
        const(
            "threshold",
            PUBLIC_FUNDING,
            "EUR",
            Tr(
                "le montant annuel de subventions publiques à partir duquel l'obligation "
                "s'applique",
                "public subsidies a year from which the duty applies",
            ),
        ),
    ),
)
def association_public_funding_audit(ctx: Context, p: Mapping[str, float]) -> Iterator[Hit]:
    """An associative member receiving €153,000 or more of public subsidies a year."""
    subsidies = public_subsidies(ctx)
    totals, grantors, keys = subsidies.totals, subsidies.grantors, subsidies.keys
    for entity in ctx.in_document_order(totals):
        if totals[entity] >= p["threshold"] - 1e-9:
            given = ctx.in_document_order(grantors[entity])
            total: Money | Phrase = Money(totals[entity], ctx.currency)
            paying: Ents | Phrase = ctx.ents(given)
            unknown = subsidies.unknown.get(entity)
            if unknown:  # a subsidy without its amount: the total is a floor, its grantor named
                total = Phrase(_AT_LEAST.fr, _AT_LEAST.en, {"total": total})
                said = _UNKNOWN_ONE if len(set(unknown)) == 1 else _UNKNOWN_MANY
                paying = Phrase(said.fr, said.en, {"given": paying, "unknown": ctx.ents(unknown)})
            yield Hit(
                (entity, *given, *keys[entity]),
                {
                    "entity": ctx.ent(entity),
                    "total": total,
                    "grantors": paying,
                    "threshold": Money(p["threshold"], ctx.currency),
                },
            )


_AT_LEAST = Tr("au moins {total}", "at least {total}")
"""A total that some subsidy without its amount leaves a floor (the amount rendered late)."""
_UNKNOWN_ONE = Tr(
    "{given}, ainsi que {unknown}, dont le montant n'est pas indiqué",
    "{given}, and {unknown}, whose amount is not given",
)
_UNKNOWN_MANY = Tr(
    "{given}, ainsi que {unknown}, dont les montants ne sont pas indiqués",
    "{given}, and {unknown}, whose amounts are not given",
)


@rule(
    "association-economic-audit",
    Severity.INFO,
    F,
    title=(
        "Organisme à activité économique au-delà des seuils : comptes et commissaire aux comptes",
        "Non-profit body with an economic activity above the thresholds: accounts and auditor",
    ),
    message=(
        "{entity.the} exerce une activité économique ({conventions}) et "
        "dépasse {budget_threshold} de ressources ({budget}) et {headcount} salariés "
        "({employees}) : deux des trois seuils sont franchis, des comptes annuels et la "
        "nomination d'un commissaire aux comptes sont obligatoires.",
        "{entity} carries on an economic activity ({conventions}) and exceeds "
        "{budget_threshold} of resources ({budget}) and {headcount} employees ({employees}): "
        "two of the three thresholds are passed, so annual accounts and a statutory auditor "
        "are required.",
    ),
    reference="C. com. L612-1, R612-1",
    fires_when=(
        "un membre du groupe relevant de la famille associative ou de celle des groupements, "
        "titulaire d'un conventionnement d'insertion par l'activité économique (AI, ACI, EI, ETTI "
        "ou EITI, signe d'une activité économique), a un budget de plus de 3,1 millions d'euros "
        "et plus de 50 salariés, chaque chiffre étant indiqué (le total du bilan, troisième "
        "critère, fixé à 1,55 million d'euros, n'est pas dans le format : deux critères sur trois "
        "s'entendent donc de ces deux-là) : l'organisme doit établir des comptes annuels et "
        "nommer un commissaire aux comptes. Les seuils sont en euros : un document tenu dans une "
        "autre devise n'est pas vérifié",
        "a group member of the associative or grouping family that holds an IAE convention (`ai`, "
        "`aci`, `ei`, `etti`, `eiti`: an economic activity) has more than €3.1 M of `budget` and "
        "more than 50 `employees` (the balance-sheet threshold, €1.55 M, is not in the format, so "
        "two of three means these two; every figure given): annual accounts and a statutory "
        "auditor are due. The thresholds are in euros: a document in another `currency` is not "
        "checked",
    ),
    params=(
        const(
            "budget",
            3_100_000,
            "EUR",
            Tr(
                "le seuil de ressources ou de chiffre d'affaires, qui doit être dépassé",
                "resources or turnover, exceeded strictly",
            ),
        ),
        const(
            "headcount",
            50,
            "employees",
            Tr("le seuil d'effectif, qui doit être dépassé", "headcount, exceeded strictly"),
        ),
    ),
)
def association_economic_audit(ctx: Context, p: Mapping[str, float]) -> Iterator[Hit]:
    """A non-profit member with an IAE activity above €3.1 M and 50 employees."""
    if ctx.currency != "EUR":
        return  # R612-1's thresholds are in euros (as consolidation-duty's)
    members = ctx.members
    for e in ctx.document.entities:
        if e.budget is None or e.employees is None:  # the cheapest test first: most lack them
            continue
        if e.form.family not in (Family.ASSOCIATIVE, Family.GROUPING):
            continue
        if e.id not in members or not e.is_operating:
            continue
        if e.budget > p["budget"] and e.employees > p["headcount"]:
            conventions = iae_conventions(e)
            yield Hit(
                (e.id,),
                {
                    "entity": ctx.ent(e.id),
                    "conventions": conventions,
                    "budget_threshold": Money(p["budget"], ctx.currency),
                    "budget": Money(e.budget, ctx.currency),
                    "headcount": int(p["headcount"]),
                    "employees": e.employees,
                },
            )


_COMPANIES = frozenset(f for f in Form if f.is_company)
"""The forms of the company family, whose accounts may be consolidated."""


@rule(
    "consolidation-duty",
    Severity.INFO,
    F,
    title=("Obligation de consolider les comptes", "Duty to consolidate accounts"),
    message=(
        "{company.the} contrôle par le capital {controlled.the} : l'ensemble dépasse {turnover} de "
        "chiffre d'affaires ({total}) et {headcount} salariés ({employees}), elle doit établir "
        "des comptes consolidés (sauf si elle est elle-même comprise dans une consolidation).",
        "{company} has capital control of {controlled}: together they exceed {turnover} of "
        "turnover ({total}) and {headcount} employees ({employees}), so it must publish "
        "consolidated accounts (unless it is itself included in a consolidation).",
    ),
    reference="C. com. L233-16, L233-17",
    fires_when=(
        "une société du groupe (SA, SAS, SASU, SARL, EURL ou SCI : les coopératives ne sont pas "
        "comptées) contrôle par le capital d'autres sociétés de ces formes, et l'ensemble qu'elle "
        "forme avec elles, elle comprise, dépasse à la fois le seuil de chiffre d'affaires (somme "
        "des budgets) et le seuil d'effectif (somme des salariés), chaque chiffre étant indiqué : "
        "pour un groupe décrit au 1er janvier 2025 ou après, ou sans date, 60 millions d'euros et "
        "250 salariés ; auparavant, 48 millions d'euros et 250 salariés. Les seuils sont en "
        "euros : un document tenu dans une autre monnaie n'est pas vérifié",
        "a company of G has capital control of other companies, and the set it forms with them "
        "(itself included) exceeds both the turnover threshold (sum of `budget`) and the "
        "headcount threshold (sum of `employees`), every figure being given: from `as_of` "
        "2025-01-01 (or with no `as_of`), €60 M and 250 employees; before, €48 M and 250. The "
        "thresholds are in euros: a document in another `currency` is not checked",
    ),
    params=(TURNOVER, HEADCOUNT),
)
def consolidation_duty(ctx: Context, p: Mapping[str, float]) -> Iterator[Hit]:
    """A company of G whose capital-controlled companies, with it, pass both thresholds."""
    if ctx.currency != "EUR":
        return  # the thresholds are in euros; no conversion is attempted
    control = ctx.control
    # The companies, in one pass over the document: those whose figures are given (in document
    # order), and those lacking some.
    lacking: list[str] = []
    figures: dict[str, tuple[float, int]] = {}
    companies = _COMPANIES
    all_budgets, all_employees, negative = 0.0, 0, False
    for e in ctx.document.entities:
        if e.form in companies:
            budget, employees = e.budget, e.employees
            if budget is None or employees is None:
                lacking.append(e.id)
            else:
                figures[e.id] = (budget, employees)
                all_budgets += budget
                all_employees += employees
                if budget < 0 or employees < 0:  # only in a model made without validation
                    negative = True
    if not figures:
        return  # no company gives its figures
    # A company's set sums some of these figures, none below zero: when all the companies
    # together stay within a threshold, none passes (most groups), with nothing walked. The
    # budgets' sum is taken a billionth larger: a set summed in another order rounds otherwise,
    # and may pass by less than that (3e-9 and 3e-9 added to 6e7 one at a time vanish, added to
    # each other first they do not); that near the threshold, the sets are summed as usual.
    if not negative and not (
        all_budgets * (1 + 1e-9) > p["turnover"] and all_employees > p["headcount"]
    ):
        return
    # A company with capital control of one whose figures are missing is never checked: found in
    # one walk, so that a long chain costs one step per link, not the chain for each link.
    blocked = control.capital_controllers_of_any(lacking)
    members = ctx.members
    if not any(i in members and i not in blocked for i in figures):
        return  # no company of G gives its figures and those of all it controls
    # The sums over what each company controls, in one pass (a chain of companies giving their
    # figures costs one step per link); what a company controls is listed only when it passes.
    totals = control.capital_totals(figures)
    for c, (own_budget, own_employees) in figures.items():  # in document order
        if c not in members or c in blocked:
            continue
        summed = totals.get(c)
        if summed is None:
            continue
        if not (
            own_budget + summed[1] > p["turnover"] and own_employees + summed[2] > p["headcount"]
        ):
            continue
        controlled = [
            x for x in control.capital_controlled(c) if x != c and ctx.entity(x).form.is_company
        ]
        ordered = ctx.in_document_order(controlled)  # summed in one order: the same total
        group = [ctx.entity(x) for x in (c, *ordered)]
        budgets = [e.budget for e in group]
        heads = [e.employees for e in group]
        if any(b is None for b in budgets) or any(h is None for h in heads):
            continue
        total = sum(b for b in budgets if b is not None)
        employees = sum(h for h in heads if h is not None)
        if total > p["turnover"] and employees > p["headcount"]:
            yield Hit(
                (c, *ordered),
                {
                    "company": ctx.ent(c),
                    "controlled": ctx.ents(ordered),
                    "turnover": Money(p["turnover"], "EUR"),
                    "total": Money(total, ctx.currency),
                    "headcount": int(p["headcount"]),
                    "employees": employees,
                },
            )


RULES = (association_public_funding_audit, association_economic_audit, consolidation_duty)
"""The rules of this family, in catalogue order."""
