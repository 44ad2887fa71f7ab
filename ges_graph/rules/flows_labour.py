"""Rules on financial flows (module 2) and labour law (module 3) (``rules.md``).

Flows point the way the money goes; the rules speak of the flow's *provider*
(:attr:`Flow.provider <ges_graph.model.Flow.provider>`: ``to`` for the kinds that buy something,
``from`` for the kinds that give or lend money). Group membership and control are asked of
``ges.control``, never recomputed here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any, NamedTuple

from ges_graph.i18n import Lang, Named, Tr, check_lang, counted
from ges_graph.model import (
    Basis,
    Board,
    Convention,
    Family,
    Flow,
    FlowKind,
    Form,
    Office,
    OfficeRole,
    PercentRange,
    RelationType,
    Shareholding,
)
from ges_graph.report import Severity
from ges_graph.rules.accounts import (
    PUBLIC_FUNDING,
    PublicSubsidies,
    iae_conventions,
    public_subsidies,
)
from ges_graph.rules.registry import (
    LISTED,
    Context,
    Ent,
    Hit,
    Money,
    Pct,
    Phrase,
    RuleFamily,
    const,
    rule,
)

__all__ = ["RULES"]

F = RuleFamily.FLOWS_LABOUR


def _amount(ctx: Context, f: Flow) -> Money | Tr:
    if f.amount is None:
        return Tr("montant non indiqué", "amount not given")
    return Money(f.amount, ctx.currency, f.kind, f.year)  # « 12 000 EUR par an », as its sentence


@dataclass(frozen=True, slots=True)
class FlowText:
    """A flow in words with both roles (:meth:`~ges_graph.model.Flow.sentence`), then its key.

    « Evolio (aci) met du personnel à disposition d'Horizon Environnement (sas), qui paie
    45 000 EUR (relations[7]) »; a free flow says « à titre gratuit ».
    """

    flow: Flow
    parties: tuple[Ent, Ent]
    currency: str
    key: str
    written: dict[tuple[str, str], str] = field(default_factory=dict, compare=False, repr=False)
    """The sentences written so far, by relation key and language: shared by the findings of
    one validation (:attr:`Context.texts <ges_graph.rules.registry.Context.texts>`), which name
    a flow in several messages (a regulated agreement, its fees' VAT)."""

    def render(self, lang: Lang) -> str:
        """The sentence in ``lang``, the relation's key in parentheses at its end."""
        check_lang(lang)
        got = self.written.get((self.key, lang))
        if got is not None:
            return got
        names = {e.id: e.render("fr") for e in self.parties}  # ``Name (id)`` in both languages
        text = self.flow.sentence(names, self.currency, lang)
        f = self.flow
        if f.amount is not None and not f.free and not f.kind.provider_is_payee:
            # money given or lent ends on its amount in parentheses: the key joins them
            text = f"{text[:-1]}, {self.key})"
        else:  # never inside the parentheses of a name (« Alpha (a) (relations[1]) »)
            text = f"{text} ({self.key})"
        self.written[self.key, lang] = text
        return text


@dataclass(frozen=True, slots=True)
class _Action:
    """What a flow's provider does for its beneficiary (« met des locaux à disposition de X »)."""

    kind: FlowKind
    beneficiary: str

    def render(self, lang: Lang) -> str:
        return self.kind.towards(self.beneficiary, lang)


def _flow_text(ctx: Context, key: str, f: Flow) -> FlowText:
    return FlowText(f, (ctx.ent(f.from_), ctx.ent(f.to)), ctx.currency, key, ctx.texts)


def _flow_args(ctx: Context, key: str, f: Flow, extra: Mapping[str, object]) -> dict[str, object]:
    return {
        **extra,
        "flow": _flow_text(ctx, key, f),
        "payer": ctx.ent(f.from_),
        "payee": ctx.ent(f.to),
        "amount": _amount(ctx, f),
        "relation": key,
    }


def _flow_hit(
    ctx: Context,
    key: str,
    f: Flow,
    extra: Mapping[str, object] | None = None,
    subjects: tuple[str, ...] | None = None,
) -> Hit:
    """A hit on a flow: the flow in words, its payer, payee, amount and key beside ``extra``.

    The flow's arguments are made when the message is first rendered (a registry's flows make
    a hundred thousand findings, most never read one by one).
    """
    return Hit(
        (f.from_, f.to, key) if subjects is None else subjects,
        partial(_flow_args, ctx, key, f, {} if extra is None else extra),
    )


@rule(
    "secondment-for-profit",
    Severity.ERROR,
    F,
    title=("Mise à disposition de personnel avec marge", "Staff secondment billed with a margin"),
    message=(
        "{flow}, au prix du marché : une opération à but lucratif ayant pour objet exclusif le "
        "prêt de main-d'œuvre est interdite hors des cadres qui la permettent (notamment le "
        "travail temporaire, ETTI comprises, les associations intermédiaires et les groupements "
        "d'employeurs) ; le prêt n'est pas lucratif lorsque le prêteur ne facture que les salaires "
        "versés, les charges sociales afférentes et les frais professionnels remboursés au "
        "salarié.",
        "{flow}, at market price: a for-profit operation whose sole purpose is lending staff is "
        "prohibited outside the frameworks that allow it (among them temporary work, ETTI "
        "included, intermediary associations and employer groups); the loan is not for profit "
        "when the lender bills only the wages paid, the related social security contributions "
        "and the professional expenses reimbursed to the employee.",
    ),
    reference="C. trav. L8241-1, L8241-2",
    fires_when=(
        "une mise à disposition de personnel est facturée au prix de marché (donc avec une "
        "marge), et l'entité qui prête le personnel, celle qui est payée, n'est ni conventionnée "
        "comme entreprise de travail temporaire d'insertion (ETTI) ou comme association "
        "intermédiaire (AI), ni un groupement d'employeurs",
        "a `staff_secondment` flow has basis `market_price` (a margin) and its provider (the "
        "lender, `to`) neither holds an `etti` or `ai` convention nor is an `employer_group`",
    ),
)
def secondment_for_profit(ctx: Context, p: Mapping[str, float]) -> Iterator[Hit]:
    """A staff secondment at market price by a lender that may not lend staff for profit."""
    for key, f in ctx.flows(FlowKind.STAFF_SECONDMENT):
        if f.basis is not Basis.MARKET_PRICE:
            continue
        lender = ctx.entity(f.provider)
        allowed = lender.form is Form.EMPLOYER_GROUP or any(
            c in (Convention.ETTI, Convention.AI) for c in lender.conventions
        )
        if not allowed:
            yield _flow_hit(ctx, key, f, {"provider": ctx.ent(f.provider)})


@rule(
    "secondment-basis-unknown",
    Severity.WARNING,
    F,
    title=(
        "Mise à disposition sans base ou sans convention",
        "Staff secondment without basis or agreement",
    ),
    message=(
        "{flow} : cette mise à disposition de personnel {problem} ; une convention écrite doit "
        "en fixer les conditions et le coût.",
        "{flow}: this staff secondment {problem}; a written agreement must set its terms and cost.",
    ),
    reference="C. trav. L8241-2",
    fires_when=(
        "une mise à disposition de personnel entre deux membres du groupe ne précise pas sa base "
        "de facturation, ou n'est pas couverte par une convention écrite",
        "a `staff_secondment` flow between members has basis `unknown` or no written agreement",
    ),
)
def secondment_basis_unknown(ctx: Context, p: Mapping[str, float]) -> Iterator[Hit]:
    """A staff secondment between members with unknown basis or no written agreement."""
    members = ctx.members
    for key, f in ctx.flows(FlowKind.STAFF_SECONDMENT):
        if f.from_ not in members or f.to not in members:
            continue
        problems = []
        if f.basis is Basis.UNKNOWN:
            problems.append(
                Tr("n'a pas de base de facturation connue", "has no known billing basis")
            )
        if not f.agreement:
            # ``agreement`` absent is false: the document shows no agreement, it may exist
            problems.append(
                Tr(
                    "n'est couverte par aucune convention écrite connue",
                    "has no known written agreement",
                )
            )
        if problems:
            problem = Tr(" et ".join(t.fr for t in problems), " and ".join(t.en for t in problems))
            yield _flow_hit(ctx, key, f, {"provider": ctx.ent(f.provider), "problem": problem})


_BELOW_COST_OR_FREE = (Basis.BELOW_COST, Basis.FREE)
"""The bases of a flow that ``privileged-relations`` reads."""


@rule(
    "privileged-relations",
    Severity.WARNING,
    F,
    title=(
        "Relations privilégiées avec une société du groupe",
        "Privileged relations with a company of the group",
    ),
    message=(
        "{provider.the}, membre associatif du groupe, {what}, société du groupe, {basis} "
        "({amount}, {relation}) : ces relations privilégiées avec une entreprise du secteur "
        "lucratif, qu'elle soit contrôlée ou non, menacent la non-lucrativité de l'organisme.",
        "{provider}, an associative member of the group, {what}, a company of the "
        "group, {basis} ({amount}, {relation}): such privileged relations with a business, "
        "controlled or not, put the body's non-profit tax status at risk.",
    ),
    reference="BOI-IS-CHAMP-10-50-10-30",
    fires_when=(
        "une prestation, une mise à disposition de personnel, des locaux ou des frais de siège "
        "sont facturés sous le coût ou fournis gratuitement par un membre du groupe relevant de "
        "la famille associative à un membre du groupe relevant de la famille des sociétés, que "
        "celui-ci soit ou non contrôlé par le prestataire : la doctrine s'attache à l'avantage "
        "qu'en retire l'entreprise (une coopérative n'est pas de la famille des sociétés)",
        "a flow of kind `service`, `staff_secondment`, `premises` or `management_fee` with basis "
        "`below_cost` or `free` whose provider is an associative member and whose other party is "
        "a group member of the company family (controlled by the provider or not: the doctrine "
        "looks at the advantage the business gets; a cooperative is not of the company family)",
    ),
)
def privileged_relations(ctx: Context, p: Mapping[str, float]) -> Iterator[Hit]:
    """An associative member serving a company of the group below cost or for free."""
    for key, f in ctx.flows():
        if f.basis not in _BELOW_COST_OR_FREE or not f.kind.provider_is_payee:
            continue  # the basis first: most flows are priced
        provider, other = ctx.entity(f.provider), ctx.entity(f.beneficiary)
        if provider.id not in ctx.members or provider.form.family is not Family.ASSOCIATIVE:
            continue
        if other.id in ctx.members and other.form.is_company:
            basis = (
                Tr("en dessous du coût", "below cost")
                if f.basis is Basis.BELOW_COST
                else Tr("à titre gratuit", "free of charge")
            )
            yield _flow_hit(
                ctx,
                key,
                f,
                {
                    "provider": ctx.ent(provider.id),
                    "company": ctx.ent(other.id),
                    "what": _Action(f.kind, ctx.ent(other.id).render("fr")),
                    "basis": basis,
                },
            )


@rule(
    "subsidy-pass-through",
    Severity.WARNING,
    F,
    title=("Subvention reversée sans autorisation", "Subsidy passed on without authorisation"),
    message=(
        "{payer.the}, membre du groupe, verse une subvention {payee.a} ({amount}, {relation}) sans "
        "que l'autorisation du financeur soit indiquée : reverser une subvention publique exige "
        "l'accord de celui qui l'a accordée.",
        "{payer}, a group member, grants a subsidy to {payee} ({amount}, {relation}) with no "
        "authorisation from the grantor stated: passing public money on requires the grantor's "
        "consent.",
    ),
    reference="CGCT L1611-4; décret-loi 2 mai 1938, art. 15",
    fires_when=(
        "un membre du groupe verse une subvention sans que le document indique que ce reversement "
        "est autorisé",
        "a `subsidy` flow whose payer is a member of G lacks `authorised: true`",
    ),
)
def subsidy_pass_through(ctx: Context, p: Mapping[str, float]) -> Iterator[Hit]:
    """A subsidy paid by a group member without ``authorised: true``."""
    for key, f in ctx.flows(FlowKind.SUBSIDY):
        if f.from_ in ctx.members and not f.authorised:
            yield _flow_hit(ctx, key, f)


_CAPITAL_FAMILIES = (Family.COMPANY, Family.COOPERATIVE)

_NO_CAPITAL_LINK = Tr(
    "le document ne montre pas que l'une contrôle l'autre par le capital, ni qu'une même entité "
    "les contrôle toutes deux par le capital, si bien que l'exception des sociétés liées par le "
    "capital (C. mon. fin. L511-7 I 3°) ne peut pas être retenue",
    "the document does not show that either has capital control of the other, nor that one "
    "entity has capital control of both, so the exception for companies tied by capital "
    "(C. mon. fin. L511-7 I 3°) cannot be relied on",
)
"""Capital control here is certain control (range minimums): a range may hide a link, which
the document then does not show."""
_NOT_BOTH_COMPANIES = Tr(
    "seule l'une des deux est décrite comme une société, et aucune exception ne couvre la "
    "trésorerie entre elles (celle de l'article L511-7 I 3° ne vaut qu'entre sociétés liées par "
    "le capital, celles des articles L511-6 1° bis et L511-7 I ter qu'entre organismes sans but "
    "lucratif)",
    "only one of them is described as a company, and no exception covers treasury between them "
    "(L511-7 I 3° covers only companies tied by capital, L511-6 1° bis and L511-7 I ter only "
    "non-profit bodies among themselves)",
)
"""The other party's form is not a company's nor a cooperative's (``other`` says no more)."""


@rule(
    "treasury-without-capital-link",
    Severity.ERROR,
    F,
    title=("Trésorerie sans lien capitalistique", "Treasury without a capital link"),
    message=(
        "Une convention de trésorerie lie {payer.the} et {payee.the} ({amount}, {relation}) : "
        "{why} ; ces opérations de trésorerie relèvent du monopole bancaire.",
        "A treasury agreement binds {payer} and {payee} ({amount}, {relation}): {why}; such "
        "treasury operations fall under the banking monopoly.",
    ),
    reference="C. mon. fin. L511-5, L511-7 I 3°",
    fires_when=(
        "une convention de trésorerie lie deux entités dont l'une au moins est une société ou une "
        "coopérative, sans que toutes deux soient des sociétés ou des coopératives liées en "
        "capital (l'une contrôlant l'autre par le capital, ou une même entité contrôlant l'une et "
        "l'autre par le capital). Entre une société et une association, aucune exception ne "
        "joue : l'article L511-7 I 3° ne vise que des sociétés liées en capital, les articles "
        "L511-6 1° bis et L511-7 I ter que des organismes sans but lucratif entre eux",
        "a `treasury` flow joins two entities of which at least one is of the company or "
        "cooperative family, and it is not the case that both are of those families with a "
        "capital link (one has capital control of the other, or a third entity has capital "
        "control of both). Between a company and an association no exception applies: L511-7 I 3° "
        "covers only sociétés tied by capital, L511-6 1° bis and L511-7 I ter only non-profit "
        "bodies among themselves",
    ),
)
def treasury_without_capital_link(ctx: Context, p: Mapping[str, float]) -> Iterator[Hit]:
    """A treasury flow from or to a company or cooperative, outside a capital link."""
    controllers: dict[str, set[str]] | None = None  # capital controllers, built on first need
    for key, f in ctx.flows(FlowKind.TREASURY):
        a, b = f.from_, f.to
        companies = [ctx.entity(x).form.family in _CAPITAL_FAMILIES for x in (a, b)]
        if not any(companies):
            continue  # between non-profit bodies: see nonprofit-loan
        if not all(companies):
            yield _flow_hit(ctx, key, f, {"why": _NOT_BOTH_COMPANIES}, (a, b, key))
            continue
        control = ctx.control
        if control.capital_controls(a, b) or control.capital_controls(b, a):
            continue
        if controllers is None:
            controllers = defaultdict(set)
            for x in ctx.entities:
                for y in control.capital_controlled(x):
                    controllers[y].add(x)
        if controllers[a] & controllers[b]:
            continue  # a third entity has capital control of both
        yield _flow_hit(ctx, key, f, {"why": _NO_CAPITAL_LINK}, (a, b, key))


_NONPROFIT_FAMILIES = (Family.ASSOCIATIVE, Family.GROUPING)


@rule(
    "nonprofit-loan",
    Severity.INFO,
    F,
    title=("Prêt entre organismes sans but lucratif", "Loan between non-profit bodies"),
    message=(
        "{kind} : {flow} ; {allowed} entre organismes sans but lucratif liés, si le conseil du "
        "prêteur l'approuve et si l'annexe de ses comptes le mentionne.",
        "{kind}: {flow}; {allowed} between closely tied non-profit bodies, provided the lender's "
        "board approves it and the annex to its accounts lists it.",
    ),
    reference="C. mon. fin. L511-6 1° bis, L511-7 I ter (loi 2024-344)",
    fires_when=(
        "un prêt ou une convention de trésorerie lie deux membres du groupe qui relèvent chacun "
        "de la famille associative ou de celle des groupements",
        "a `loan` or `treasury` flow between two members of the associative or grouping families",
    ),
)
def nonprofit_loan(ctx: Context, p: Mapping[str, float]) -> Iterator[Hit]:
    """A loan or treasury flow between two associative or grouping members."""
    for key, f in ctx.flows(FlowKind.LOAN, FlowKind.TREASURY):
        ends = (f.from_, f.to)
        if all(x in ctx.members and ctx.entity(x).form.family in _NONPROFIT_FAMILIES for x in ends):
            kind, allowed = _LOAN if f.kind is FlowKind.LOAN else _TREASURY
            yield _flow_hit(ctx, key, f, {"kind": kind, "allowed": allowed})


_LOAN = (Tr("Prêt", "Loan"), Tr("permis", "allowed"))
_TREASURY = (Tr("Convention de trésorerie", "Treasury agreement"), Tr("permise", "allowed"))
"""What a ``nonprofit-loan`` finding calls the flow, and the participle that agrees with it."""


_ASSOCIATIONS = (Form.ASSOCIATION, Form.UNION)

_REPORT = Tr(
    "le commissaire aux comptes, s'il en existe un, ou à défaut le représentant légal, en fait "
    "état dans un rapport présenté à l'organe délibérant, qui statue sur ce rapport",
    "the statutory auditor, if there is one, otherwise the legal representative, reports on it "
    "to the deliberative body, which rules on the report",
)
_AUDITOR_REPORTS = Tr(
    "son commissaire aux comptes, obligatoire à ce seuil, en fait état dans un rapport présenté "
    "à l'organe délibérant, qui statue sur ce rapport",
    "its statutory auditor, required at this level, reports on it to the deliberative body, "
    "which rules on the report",
)
_NO_ASSEMBLY = Tr(
    ". À défaut d'organe délibérant, le rapport est joint aux documents communiqués aux adhérents",
    ". Failing a deliberative body, the report is attached to the documents sent to the members",
)
_ECONOMIC = Tr(
    f"{{association.the}} exerce une activité économique ({{conventions}}) : {_REPORT.fr} "
    f"(C. com. L612-5){_NO_ASSEMBLY.fr}",
    f"{{association}} carries on an economic activity ({{conventions}}): {_REPORT.en} "
    f"(C. com. L612-5){_NO_ASSEMBLY.en}",
)
_FUNDED = Tr(
    f"{{association.the}} reçoit {{total}} de subventions publiques par an (seuil : "
    f"{{threshold}}) : {_AUDITOR_REPORTS.fr} (C. com. L612-4 et L612-5){_NO_ASSEMBLY.fr}",
    f"{{association}} receives {{total}} of public subsidies a year (threshold: {{threshold}}): "
    f"{_AUDITOR_REPORTS.en} (C. com. L612-4 and L612-5){_NO_ASSEMBLY.en}",
)
_BELOW = Tr(
    f"{{association.the}} reçoit {{total}} de subventions publiques par an, moins que le seuil "
    f"de {{threshold}} : si elle exerce une activité économique, {_REPORT.fr} (C. com. L612-5)"
    f"{_NO_ASSEMBLY.fr}",
    f"{{association}} receives {{total}} of public subsidies a year, less than the threshold of "
    f"{{threshold}}: if it carries on an economic activity, {_REPORT.en} (C. com. L612-5)"
    f"{_NO_ASSEMBLY.en}",
)
_IF_IT_FALLS_UNDER = Tr(
    f"si l'association relève de l'article L612-5 du code de commerce (activité économique, ou "
    f"au moins {{threshold}} de subventions publiques par an), {_REPORT.fr}{_NO_ASSEMBLY.fr}",
    f"if the association falls under article L612-5 of the Commercial Code (an economic "
    f"activity, or {{threshold}} or more of public subsidies a year), {_REPORT.en}"
    f"{_NO_ASSEMBLY.en}",
)
_ORDINARY_EXEMPT = Tr(
    " Cette procédure ne s'applique pas à une convention courante conclue à des conditions "
    "normales qui, en raison de son objet ou de ses implications financières, n'est significative "
    "pour aucune des parties.",
    " This procedure does not apply to an ordinary agreement on normal terms that, by its "
    "purpose or financial implications, is significant for neither party.",
)
"""The procedure of an association's regulated agreement (L612-5): certain when the document
shows an economic activity (an IAE agreement) or enough public subsidies, else said with its
condition; and its exemption (L612-5, last paragraph: ordinary, on normal terms, and
significant for neither party)."""
_ORDINARY_OPERATION_EXEMPT = Tr(
    "Cette procédure ne s'applique pas à une convention portant sur une opération courante et "
    "conclue à des conditions normales.",
    "This procedure does not apply to an agreement on an ordinary transaction concluded on "
    "normal terms.",
)
_SA_EXEMPT = Tr(
    "Cette procédure ne s'applique pas à une convention portant sur une opération courante et "
    "conclue à des conditions normales, ni à une convention conclue entre deux sociétés dont "
    "l'une détient, directement ou indirectement, la totalité du capital de l'autre, le cas "
    "échéant déduction faite des actions que requiert le nombre légal d'actionnaires.",
    "This procedure does not apply to an agreement on an ordinary transaction concluded on "
    "normal terms, nor to one between two companies one of which holds, directly or indirectly, "
    "the whole capital of the other, less, where need be, the shares that the legal number of "
    "shareholders requires.",
)
"""What a company's regulated-agreement procedure does not apply to (L227-11, L223-20; for an
SA, L225-39 also leaves out agreements within a wholly owned pair). Unlike L612-5's, no test
of significance."""


@rule(
    "regulated-agreement",
    Severity.INFO,
    F,
    title=("Convention réglementée d'une association", "Regulated agreement of an association"),
    message=(
        "Convention réglementée {association.de} : {flow} ; {why} ; {procedure}."
        + _ORDINARY_EXEMPT.fr,
        "Regulated agreement of {association}: {flow}; {why}; {procedure}." + _ORDINARY_EXEMPT.en,
    ),
    reference="C. com. L612-5",
    fires_when=(
        "un flux lie une association ou une union d'associations A à une autre entité E, alors "
        "que E détient des sièges au conseil ou un mandat de direction dans A, ou qu'un tiers "
        "détient des sièges au conseil ou un mandat de direction dans l'une et l'autre (un mandat "
        "que A détient dans E ne compte pas ici, non plus que le contrôle statutaire)",
        "a flow joins an entity A of form `association` or `union` and another entity E, where E "
        "holds a `board` or `office` relation in A, or a third party holds `board` or `office` "
        "relations in both (A holding an office in E does not count here, nor does statutory "
        "control)",
    ),
    params=(
        const(
            "public_funding",
            PUBLIC_FUNDING,
            "EUR",
            Tr(
                "le montant annuel de subventions publiques à partir duquel une association sans "
                "activité économique relève de l'article L612-5 (par l'article L612-4)",
                "public subsidies a year from which an association with no economic activity "
                "falls under L612-5 (through L612-4)",
            ),
        ),
    ),
)
def regulated_agreement(ctx: Context, p: Mapping[str, float]) -> Iterator[Hit]:
    """A flow between an association and an entity tied to it by board seats or offices."""
    procedures: dict[str, Phrase] = {}

    def procedure(a: str) -> Phrase:
        """The procedure that applies to ``a``'s agreements, read once per association."""
        if a not in procedures:
            procedures[a] = _procedure(ctx, a, p["public_funding"], subsidies)
        return procedures[a]

    subsidies: list[PublicSubsidies] = []  # read once, when an association needs it
    holders: dict[str, set[str]] = {}
    # Each holder's tie to each organisation: its office, said rather than its seats, else its
    # seats, summed over its board relations there (as ``board-over-size`` sums them).
    seats: dict[tuple[str, str], int] = defaultdict(int)
    for _, board in ctx.of(Board):
        holders.setdefault(board.to, set()).add(board.from_)
        seats[board.from_, board.to] += board.seats
    ties: dict[tuple[str, str], OfficeRole | int] = dict(seats)
    for _, office in ctx.of(Office):
        holders.setdefault(office.to, set()).add(office.from_)
        ties[office.from_, office.to] = office.office
    associations = set(ctx.of_form(*_ASSOCIATIONS))
    if not holders or not associations:
        return  # no seat or no association: no such agreement
    for key, f in ctx.flows():
        for a, e in ((f.from_, f.to), (f.to, f.from_)):
            if a not in associations:
                continue
            in_a = holders.get(a)
            why: _InRunning | _BothRun
            if in_a is not None and e in in_a:
                why = _tie(ctx, e, a, ties[e, a])
            else:
                in_e = holders.get(e)
                if not in_a or not in_e or in_a.isdisjoint(in_e):
                    continue  # no third party in both (told without making a set)
                common = in_a & in_e - {a, e}
                if not common:
                    continue
                third = ctx.in_document_order(common)
                why = _BothRun(
                    tuple(
                        (_tie(ctx, t, a, ties[t, a]), _tie(ctx, t, e, ties[t, e]))
                        for t in third[:LISTED]
                    ),
                    max(0, len(third) - LISTED),
                )
            extra = {"association": ctx.ent(a), "why": why, "procedure": procedure(a)}
            yield _flow_hit(ctx, key, f, extra)
            break


@dataclass(frozen=True, slots=True)
class _InRunning:
    """How ``holder`` takes part in running ``held``: its office, else its seats (L612-5)."""

    holder: Ent
    held: Ent
    tie: OfficeRole | int
    """The office held, else the seats on the board (summed over the board relations)."""

    def render(self, lang: Lang) -> str:
        return _SUBJECT.format(lang, a=Named(self.holder.render(lang)), does=self.predicate(lang))

    def predicate(self, lang: Lang, *, elided: bool = False) -> str:
        """The tie without its holder (:meth:`~ges_graph.model.RelationType.predicate`)."""
        tie, held = self.tie, self.held.render(lang)
        if isinstance(tie, OfficeRole):
            return RelationType.OFFICE.predicate(held, lang, office=tie, elided=elided)
        return RelationType.BOARD.predicate(held, lang, seats=tie, elided=elided)


_SUBJECT = Tr("{a.the} {does}", "{a} {does}")


def _tie(ctx: Context, holder: str, held: str, tie: OfficeRole | int) -> _InRunning:
    return _InRunning(ctx.ent(holder), ctx.ent(held), tie)


@dataclass(frozen=True, slots=True)
class _BothRun:
    """Third parties that take part in running both parties, each with its two ties as they are.

    « un tiers participe à l'administration ou à la direction des deux parties : Evolio (t)
    dispose de 2 sièges au conseil de l'Association Alpha (a) et exerce la présidence de Beta
    (b) »; the first :data:`~ges_graph.rules.registry.LISTED` are said, then « ainsi que N autres
    tiers ».
    """

    ties: tuple[tuple[_InRunning, _InRunning], ...]
    more: int

    def render(self, lang: Lang) -> str:
        check_lang(lang)
        said = ", ".join(_two_ties(x, y, lang) for x, y in self.ties)
        if self.more:
            others = counted(self.more, _OTHER_THIRD, _OTHER_THIRDS, lang)
            said += _AS_WELL.format(lang, others=others)
        one = len(self.ties) == 1 and not self.more
        return (_ONE_THIRD if one else _THIRDS).format(lang, ties=said)


def _two_ties(x: _InRunning, y: _InRunning, lang: Lang) -> str:
    """One holder's ties to two organisations, with one subject: « X dispose de … et exerce … ».

    The verb is said once when both ties are seats, or both offices (« dispose de 2 sièges au
    conseil de A et d'un siège au conseil de B »).
    """
    first, second = _kind_of(x), _kind_of(y)
    a = x.predicate(lang)
    b = y.predicate(lang, elided=first is second)
    return _BOTH_TIES.format(lang, holder=Named(x.holder.render(lang)), first=a, second=b)


def _kind_of(tie: _InRunning) -> RelationType:
    return RelationType.OFFICE if isinstance(tie.tie, OfficeRole) else RelationType.BOARD


_BOTH_TIES = Tr("{holder.the} {first} et {second}", "{holder} {first} and {second}")
_ONE_THIRD = Tr(
    "un tiers participe à l'administration ou à la direction des deux parties : {ties}",
    "a third party takes part in running both parties: {ties}",
)
_THIRDS = Tr(
    "des tiers participent à l'administration ou à la direction des deux parties : {ties}",
    "third parties take part in running both parties: {ties}",
)
_OTHER_THIRD, _OTHER_THIRDS = (
    Tr("autre tiers", "other third party"),
    Tr("autres tiers", "other third parties"),
)
_AS_WELL = Tr(", ainsi que {others}", ", and {others}")


def _procedure(ctx: Context, a: str, threshold: float, read: list[PublicSubsidies]) -> Phrase:
    """How ``a``'s regulated agreements are approved, as certain as the document allows.

    ``read`` holds the public subsidies once they are read (one reading for every association).
    """
    entity = ctx.entity(a)
    said: dict[str, object] = {
        "association": ctx.ent(a),
        "threshold": Money(threshold, ctx.currency),
    }
    if entity.is_operating:  # an IAE agreement: an economic activity (L612-5, al. 1)
        return Phrase(_ECONOMIC.fr, _ECONOMIC.en, {**said, "conventions": iae_conventions(entity)})
    if not read:
        read.append(public_subsidies(ctx))
    total = read[0].totals.get(a)
    if total is not None and total >= threshold - 1e-9:  # an association of L612-4
        said["total"] = Money(total, ctx.currency)
        return Phrase(_FUNDED.fr, _FUNDED.en, said)
    if total is None or a in read[0].unknown:
        # No subsidy shown, or one without its amount: the document does not tell L612-4.
        return Phrase(_IF_IT_FALLS_UNDER.fr, _IF_IT_FALLS_UNDER.en, said)
    said["total"] = Money(total, ctx.currency)
    return Phrase(_BELOW.fr, _BELOW.en, said)  # only an economic activity would bring it in


class _Procedure(NamedTuple):
    """How a company's convention réglementée is approved, and the texts a finding rests on."""

    words: Tr
    reference: str
    """The procedure and the exception of ordinary operations at normal conditions (L225-39
    and L225-87 for an SA, which also exempt its wholly-owned subsidiaries; L227-11; L223-20)."""


_COMPANY_PROCEDURES = {
    Form.SA: _Procedure(
        Tr(
            "la convention doit être autorisée au préalable par le conseil d'administration ou de "
            "surveillance, puis approuvée par l'assemblée générale (C. com. L225-38 et L225-40 "
            "ou, en présence d'un directoire, L225-86 et L225-88)",
            "the agreement must be authorised beforehand by the board of directors or supervisory "
            "board, then approved by the general meeting (C. com. L225-38 and L225-40 or, with a "
            "management board, L225-86 and L225-88)",
        ),
        "C. com. L225-38, L225-39, L225-40, L225-86, L225-87, L225-88",
    ),
    Form.SAS: _Procedure(
        Tr(
            "le commissaire aux comptes ou, à défaut, le président en fait rapport aux associés, "
            "qui statuent sur ce rapport (C. com. L227-10)",
            "the statutory auditor or, failing one, the president reports on it to the "
            "shareholders, who rule on the report (C. com. L227-10)",
        ),
        "C. com. L227-10, L227-11",
    ),
    Form.SARL: _Procedure(
        Tr(
            "le commissaire aux comptes, s'il en existe un, ou à défaut le gérant, en fait rapport "
            "à l'assemblée des associés, qui statue sur ce rapport (C. com. L223-19)",
            "the statutory auditor, if there is one, otherwise the manager, reports on it to the "
            "members' meeting, which rules on the report (C. com. L223-19)",
        ),
        "C. com. L223-19, L223-20",
    ),
}
"""The procedure of a convention réglementée, by the forms ``company-regulated-agreement`` reads."""
_OUTSIDE_MANAGER = Tr(
    " ; à défaut de commissaire aux comptes, la convention conclue par un gérant non associé est "
    "soumise à l'approbation préalable de l'assemblée",
    "; failing a statutory auditor, an agreement made by a manager who is not a member needs the "
    "meeting's prior approval",
)
"""What L223-19 adds for an SARL's manager who holds none of its shares."""
_SOLE_PROCEDURES = {
    Form.SAS: Tr(
        "la convention est seulement mentionnée au registre des décisions (C. com. L227-10)",
        "the agreement is only recorded in the register of decisions (C. com. L227-10)",
    ),
    Form.SARL: Tr(
        "la convention est seulement mentionnée au registre des décisions (C. com. L223-19)",
        "the agreement is only recorded in the register of decisions (C. com. L223-19)",
    ),
}
"""The procedure when the other party is the company's single shareholder (SASU, EURL)."""


_Tie = tuple[str, Any]
"""How an entity is tied to a company: ``("sole", None)`` (it holds the whole capital),
``("office", the office held)`` (``"outside_office"`` for an SARL's manager holding none of its
shares), ``("member", None)`` or ``("votes", (votes, whether a range's
minimum))``; put in words by
:func:`_tie_phrase` only for the ties a flow uses."""


class _CompanyTies:
    """How an entity is tied to a group member of form sa, sas or sarl, looked up pair by pair.

    Only the pairs a flow joins are looked at: an office comes first, then the shareholdings of
    the entity in the company (read from the company's holders, a handful). An SA, SAS or SARL
    has capital and is a company: a holding's votes are its ``votes``, else its ``share``
    (``shareholding_votes``), certain values (a range's minimum).
    """

    def __init__(self, ctx: Context, threshold: float) -> None:
        members = ctx.members
        self.companies = {
            c: form for form in _COMPANY_PROCEDURES for c in ctx.of_form(form) if c in members
        }
        self.offices: dict[tuple[str, str], Any] = {}
        for _, o in ctx.of(Office):
            if o.to in self.companies:
                self.offices.setdefault((o.to, o.from_), o.office)
        self.held_by = ctx.held(Shareholding)
        self.threshold = threshold

    def tie(self, c: str, e: str) -> _Tie | None:
        """How ``e`` is tied to ``c``, or ``None`` (also when ``c`` is not such a company)."""
        form = self.companies.get(c)
        if form is None:
            return None
        votes: float | None = None
        ranged = False  # whether ``votes`` adds a range's minimum: a least
        others = False  # whether anyone else holds shares in ``c``
        shares = 0.0
        for _, r in self.held_by.get(c, ()):
            if r.from_ == e:
                v = r.votes if r.votes is not None else r.share
                ranged = ranged or isinstance(v, PercentRange)
                votes = (votes or 0.0) + (v.min if isinstance(v, PercentRange) else v)
                shares += r.share.min if isinstance(r.share, PercentRange) else r.share
            else:
                others = True
        if not others and shares >= 100 - 1e-9 and form in _SOLE_PROCEDURES:
            return ("sole", None)  # an SASU or EURL in fact, whatever the document calls it
        office = self.offices.get((c, e))
        if office is not None:
            # An SARL's manager who holds none of its shares: approved beforehand (L223-19).
            outsider = form is Form.SARL and votes is None
            return ("outside_office" if outsider else "office", office)
        if votes is None:
            return None
        if form is Form.SARL:
            return ("member", None)
        return ("votes", (votes, ranged)) if votes > self.threshold + 1e-9 else None


def _tie_phrase(ctx: Context, e: str, tie: _Tie, threshold: float) -> Phrase:
    """A tie of :class:`_CompanyTies` in words."""
    kind, value = tie
    if kind == "sole":
        return Phrase(
            "{e.the} en est l'associé unique", "{e} is its single shareholder", {"e": ctx.ent(e)}
        )
    if kind in ("office", "outside_office"):
        return Phrase(
            "{e.the} en assure la {office}",
            "{e} is its {office}",
            {"e": ctx.ent(e), "office": value.text},
        )
    if kind == "member":
        return Phrase(
            "{e.the} figure parmi ses associés", "{e} is one of its members", {"e": ctx.ent(e)}
        )
    votes, ranged = value
    said = _HOLDS_AT_LEAST if ranged else _HOLDS
    args = {"e": ctx.ent(e), "votes": Pct(votes), "threshold": Pct(threshold)}
    return Phrase(said.fr, said.en, args)


_HOLDS = Tr(
    "{e.the} y détient {votes} des droits de vote, plus de {threshold}",
    "{e} holds {votes} of its voting rights, more than {threshold}",
)
_HOLDS_AT_LEAST = Tr(
    "{e.the} y détient au moins {votes} des droits de vote, plus de {threshold}",
    "{e} holds at least {votes} of its voting rights, more than {threshold}",
)


def _company_procedure(form: Form, tie: str) -> Tr:
    """The procedure said for a company of ``form`` and a tie of this kind (``_CompanyTies``)."""
    if tie == "sole":
        return _SOLE_PROCEDURES[form]
    words = _COMPANY_PROCEDURES[form].words
    if tie == "outside_office":
        return Tr(words.fr + _OUTSIDE_MANAGER.fr, words.en + _OUTSIDE_MANAGER.en)
    return words


def _agreement_args(
    ctx: Context, key: str, f: Flow, c: str, e: str, tie: _Tie, p: Mapping[str, float]
) -> dict[str, object]:
    """The arguments of a ``company-regulated-agreement`` message (made when it is rendered)."""
    form = ctx.entity(c).form
    return _flow_args(
        ctx,
        key,
        f,
        {
            "company": ctx.ent(c),
            "why": _tie_phrase(ctx, e, tie, p["votes"]),
            "procedure": _company_procedure(form, tie[0]),
            "exempt": _SA_EXEMPT if form is Form.SA else _ORDINARY_OPERATION_EXEMPT,
        },
    )


@rule(
    "company-regulated-agreement",
    Severity.INFO,
    F,
    title=("Convention réglementée d'une société", "Regulated agreement of a company"),
    message=(
        "Convention réglementée {company.de} : {flow} ; {why} ; {procedure}. {exempt}",
        "Regulated agreement of {company}: {flow}; {why}; {procedure}. {exempt}",
    ),
    reference=(
        "C. com. L225-38, L225-39, L225-40, L225-86, L225-87, L225-88, L227-10, L227-11, "
        "L223-19, L223-20"
    ),
    fires_when=(
        "un flux de toute nature, dans un sens ou dans l'autre, lie un membre C du groupe, "
        "constitué en SA, en SAS ou en SARL, à une entité E, membre ou non, qui exerce un mandat "
        "de direction dans C, ou détient directement plus de 10 % des droits de vote de C (SA ou "
        "SAS ; minimums des fourchettes), ou est associée de la SARL C : c'est une convention "
        "réglementée (dans une SASU ou une EURL, la convention conclue avec l'associé unique est "
        "seulement mentionnée au registre des décisions)",
        "a flow of any kind, either way, joins a group member C of form `sa`, `sas` or `sarl` and "
        "an entity E (member or not) that holds an `office` in C, or holds directly more than 10 "
        "% of C's shareholding votes (`sa`, `sas`; range minimums), or is a shareholder of a "
        "`sarl` C: a convention réglementée (a `sasu` or `eurl` with its single shareholder only "
        "records it)",
    ),
    params=(
        const(
            "votes",
            10,
            "%",
            Tr(
                "la part des droits de vote au-delà de laquelle un actionnaire est concerné",
                "a shareholder above this share of the votes is concerned",
            ),
        ),
    ),
)
def company_regulated_agreement(ctx: Context, p: Mapping[str, float]) -> Iterator[Hit]:
    """A flow between an SA, SAS or SARL of the group and its officer or main shareholder."""
    flows = ctx.flows()
    if not flows:
        return
    ties = _CompanyTies(ctx, p["votes"])
    if not ties.companies:
        return
    for key, f in flows:
        for c, e in ((f.from_, f.to), (f.to, f.from_)):
            tie = ties.tie(c, e)
            if tie is None:
                continue
            args = partial(_agreement_args, ctx, key, f, c, e, tie, p)
            reference = _COMPANY_PROCEDURES[ties.companies[c]].reference
            yield Hit((f.from_, f.to, key), args, None, reference)
            break


@rule(
    "management-fee-vat",
    Severity.INFO,
    F,
    title=("TVA sur les frais de siège", "VAT on management fees"),
    message=(
        "Frais de siège — {flow} : {why}.",
        "Management fees — {flow}: {why}.",
    ),
    reference="CGI art. 261 B, 256 C; BOI-TVA-CHAMP-30-10-40",
    fires_when=(
        "des frais de siège sont facturés, soit par un prestataire (celui qui est payé) qui ne "
        "relève pas de la famille des groupements et n'est pas une union d'associations (le "
        "message rappelle que la TVA est due même à prix coûtant, sauf si le prestataire est un "
        "groupement de moyens au sens de l'article 261 B, quelle que soit sa forme juridique, "
        "dont les membres sont exonérés ou non assujettis, ou si les parties forment un assujetti "
        "unique au sens de l'article 256 C), soit par un prestataire de la famille des "
        "groupements ou par une union d'associations à une société ou à une coopérative "
        "(l'exonération de l'article 261 B ne vaut que pour les membres dont l'activité est "
        "exonérée ou hors du champ de la TVA : la quote-part d'une société assujettie y est "
        "soumise). La règle n'est jamais catégorique : les deux messages disent ce qu'il faut "
        "vérifier",
        "a `management_fee` flow where either the provider (`to`) is not of the grouping family "
        "and not a `union` (the message says VAT applies even at cost *unless* the provider is a "
        "groupement de moyens under 261 B, of any legal form, whose members are exempt or not "
        "taxable, or the parties form a VAT group under 256 C), or the provider is of the "
        "grouping family or a `union` and the payer is of the company or cooperative family (the "
        "261 B exemption covers only members whose activity is exempt or not taxable: a taxable "
        "company's share is subject to VAT). Never categorical: both messages say what to check",
    ),
)
def management_fee_vat(ctx: Context, p: Mapping[str, float]) -> Iterator[Hit]:
    """A management fee that may bear VAT: what to check, either way."""
    entities = ctx.entities
    for key, f in ctx.flows(FlowKind.MANAGEMENT_FEE):
        if entities[f.to].form in _FEE_TAXABLE_PROVIDERS:
            why = _FEE_TAXABLE
        elif entities[f.from_].form in _FEE_SHARE_PAYERS:
            why = _FEE_SHARE_TAXABLE
        else:
            continue
        yield Hit((f.from_, f.to, key), partial(_fee_args, ctx, key, f, why))


_FEE_TAXABLE_PROVIDERS = frozenset(
    form for form in Form if form.family is not Family.GROUPING and form is not Form.UNION
)
"""The forms of a provider whose management fees are in principle subject to VAT."""
_FEE_SHARE_PAYERS = frozenset(form for form in Form if form.family in _CAPITAL_FAMILIES)
"""The forms of a payer whose share of a grouping's or a union's fees may bear VAT."""


def _fee_args(ctx: Context, key: str, f: Flow, why: Tr) -> dict[str, object]:
    """The arguments of a ``management-fee-vat`` message (made when it is rendered)."""
    parties = {"payer": ctx.ent(f.from_), "payee": ctx.ent(f.to)}
    return _flow_args(ctx, key, f, {"why": Phrase(why.fr, why.en, parties)})


_FEE_TAXABLE = Tr(
    "ces frais sont en principe soumis à la TVA, même facturés à prix coûtant, sauf si "
    "{payee.the} est un groupement de moyens au sens de l'article 261 B du CGI (quelle que soit "
    "sa forme juridique) dont les membres ont une activité exonérée ou non imposable, ou si les "
    "deux entités sont membres d'un même assujetti unique (groupe TVA, article 256 C) : à "
    "vérifier",
    "they are in principle subject to VAT, even at cost, unless {payee} is a groupement de "
    "moyens under article 261 B of the CGI (whatever its legal form) whose members' activity is "
    "exempt or not taxable, or the two form a VAT group (article 256 C): to be checked",
)
"""Why fees charged by a provider other than a grouping or a union may bear VAT."""
_FEE_SHARE_TAXABLE = Tr(
    "l'exonération des groupements de moyens (article 261 B du CGI) ne couvre que les membres "
    "dont l'activité est exonérée ou non imposable ; si l'activité {payer.de} est imposable, sa "
    "quote-part est soumise à la TVA : à vérifier",
    "the exemption of groupements de moyens (article 261 B of the CGI) covers only members whose "
    "activity is exempt or not taxable; if the activity of {payer} is taxable, its share is "
    "subject to VAT: to be checked",
)
"""Why a company's or cooperative's share of a grouping's fees may bear VAT."""


@rule(
    "unpriced-flow",
    Severity.WARNING,
    F,
    title=("Flux sans prix fourni par une société", "Unpriced flow provided by a company"),
    message=(
        "{flow} : ce flux ({kind}) {problem}{why}.",
        "{flow}: this flow ({kind}) {problem}{why}.",
    ),
    reference="Cass. crim. 4 févr. 1985 (Rozenblum)",
    fires_when=(
        "un flux entre deux membres du groupe n'indique pas de montant ou est gratuit, et "
        "l'entité qui fournit la prestation ou l'argent est une société autre qu'une coopérative "
        "(SA, SAS, SASU, SARL, EURL ou SCI)",
        "a flow between two members has no `amount` or has basis `free`, and its provider is a "
        "company",
    ),
)
def unpriced_flow(ctx: Context, p: Mapping[str, float]) -> Iterator[Hit]:
    """A flow between members, provided by a company, with no amount or for free."""
    for key, f in ctx.flows():
        if f.amount is not None and f.basis is not Basis.FREE:
            continue
        if f.from_ not in ctx.members or f.to not in ctx.members:
            continue
        if not ctx.entity(f.provider).form.is_company:
            continue
        free = f.basis is Basis.FREE
        civil = ctx.entity(f.provider).form is Form.SCI
        if f.kind in _NOT_HELP:
            why = _NOT_FREE if free else _AMOUNT_WANTED
        elif civil:
            why = _CIVIL_FREE if free else _CIVIL_UNPRICED
        else:
            why = _ROZENBLUM_FREE if free else _ROZENBLUM_UNPRICED
        said = {"kind": f.kind.text, "provider": ctx.ent(f.provider)}
        yield _flow_hit(
            ctx,
            key,
            f,
            {
                **said,
                "problem": _FREE_OF_CHARGE if free else _NO_AMOUNT,
                "why": Phrase(why.fr, why.en, said),
            },
        )


_FREE_OF_CHARGE = Tr("est à titre gratuit", "is free of charge")
_NO_AMOUNT = Tr("n'a pas de montant", "has no amount")
_NOT_HELP = frozenset({FlowKind.DIVIDEND, FlowKind.CAPITAL_CONTRIBUTION})
"""The kinds that are no help from their provider: a dividend, a contribution for shares."""
_ROZENBLUM = Tr(
    "Pour échapper à l'abus de biens sociaux, le concours qu'une société commerciale apporte à "
    "une autre entité de son groupe doit être dicté par un intérêt économique, social ou "
    "financier commun, apprécié au regard d'une politique élaborée pour l'ensemble du groupe, ne "
    "pas être démuni de contrepartie ni rompre l'équilibre entre les engagements respectifs, et "
    "ne pas excéder les possibilités financières de la société qui en supporte la charge (Cass. "
    "crim. 4 févr. 1985, Rozenblum)",
    "To escape misuse of corporate assets, help a commercial company gives another entity of its "
    "group must serve a common economic, social or financial interest assessed against a policy "
    "set for the whole group, must not lack consideration or upset the balance of mutual "
    "commitments, and must not exceed the financial means of the company bearing it (Cass. crim. "
    "4 Feb. 1985, Rozenblum)",
)
_CIVIL = Tr(
    "L'abus de biens sociaux ne vise pas les sociétés civiles ; un concours sans contrepartie "
    "peut toutefois y constituer un abus de confiance (C. pén. art. 314-1)",
    "Misuse of corporate assets does not reach a société civile; help without consideration may "
    "still be a breach of trust there (C. pén. art. 314-1)",
)
_PROVIDER_IS = Tr(
    ", alors que son fournisseur, {provider.the}, est une société. ",
    ", while its provider, {provider}, is a company. ",
)
_CIVIL_PROVIDER_IS = Tr(
    ", alors que son fournisseur, {provider.the}, est une société civile. ",
    ", while its provider, {provider}, is a société civile. ",
)
_UNCHECKED = Tr(
    " ; faute de montant, le document ne permet pas de vérifier ces conditions",
    "; without its amount, the document does not allow these conditions to be checked",
)
_CIVIL_UNCHECKED = Tr(
    " ; faute de montant, le document ne permet pas de vérifier sa contrepartie",
    "; without its amount, the document does not show its consideration",
)


def _joined(*parts: Tr) -> Tr:
    """The texts one after the other, in each language."""
    return Tr("".join(p.fr for p in parts), "".join(p.en for p in parts))


_ROZENBLUM_FREE = _joined(_PROVIDER_IS, _ROZENBLUM)
_ROZENBLUM_UNPRICED = _joined(_PROVIDER_IS, _ROZENBLUM, _UNCHECKED)
_CIVIL_FREE = _joined(_CIVIL_PROVIDER_IS, _CIVIL)
_CIVIL_UNPRICED = _joined(_CIVIL_PROVIDER_IS, _CIVIL, _CIVIL_UNCHECKED)
_AMOUNT_WANTED = Tr(
    " ; le montant est à indiquer pour que les flux du groupe soient complets",
    "; the amount should be stated so that the group's flows are complete",
)
_NOT_FREE = Tr(
    " ; un dividende ou un apport ne se fait pas à titre gratuit : la base de ce flux est à "
    "corriger",
    "; a dividend or a contribution is never free of charge: this flow's basis should be corrected",
)
"""What ``unpriced-flow`` says (the firing is the spec's: any flow a company provides; the law
is the provider's: Rozenblum for a commercial company, not for a société civile)."""


RULES = (
    secondment_for_profit,
    secondment_basis_unknown,
    privileged_relations,
    subsidy_pass_through,
    treasury_without_capital_link,
    nonprofit_loan,
    regulated_agreement,
    company_regulated_agreement,
    management_fee_vat,
    unpriced_flow,
)
"""The rules of this family, in catalogue order."""
