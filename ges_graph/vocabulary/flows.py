"""Flows: what a flow pays for (and who provides), how its amount is set."""

from __future__ import annotations

from ges_graph.i18n import Lang, Named, Tr, check_lang, fr_a, fr_de
from ges_graph.vocabulary._core import Noun, _labels, _noun, _synonyms, _Vocabulary

__all__ = ["Basis", "FlowKind"]


class FlowKind(_Vocabulary):
    """What a flow pays for.

    Examples:
        >>> FlowKind.MANAGEMENT_FEE.provider_is_payee, FlowKind.LOAN.provider_is_payee
        (True, False)
    """

    MANAGEMENT_FEE = "management_fee"
    SERVICE = "service"
    STAFF_SECONDMENT = "staff_secondment"
    PREMISES = "premises"
    LOAN = "loan"
    TREASURY = "treasury"
    SUBSIDY = "subsidy"
    DONATION = "donation"
    DIVIDEND = "dividend"
    MEMBERSHIP_FEE = "membership_fee"
    CAPITAL_CONTRIBUTION = "capital_contribution"
    OTHER = "other"

    @property
    def provider_is_payee(self) -> bool:
        """True for the kinds that buy something: the provider is ``to``, the one paid."""
        return self in _BOUGHT

    @property
    def provider_verb(self) -> Tr | None:
        """What the provider does for the other party, for the kinds that buy something.

        Examples:
            >>> FlowKind.PREMISES.provider_verb.render("en"), FlowKind.LOAN.provider_verb
            ('lends premises to', None)
        """
        return _PROVIDER_VERBS.get(self)

    @property
    def action(self) -> Tr:
        """What the provider does for the beneficiary, for every kind (« prête à », "lends to").

        For the kinds that buy something it is :attr:`provider_verb`; for the others (money
        given or lent: the provider is ``from``) it says what the money is.

        Examples:
            >>> FlowKind.SUBSIDY.action.render("fr"), FlowKind.PREMISES.action.render("en")
            ('verse une subvention à', 'lends premises to')
        """
        return _PROVIDER_VERBS.get(self) or _GIVER_VERBS[self]

    def towards(self, beneficiary: str, lang: Lang) -> str:
        """What the provider does for ``beneficiary``, the preposition elided as French does.

        Examples:
            >>> FlowKind.STAFF_SECONDMENT.towards("Horizon", "fr")
            "met du personnel à disposition d'Horizon"
            >>> FlowKind.SERVICE.towards("Association Tremplin", "fr")
            "fournit des prestations à l'Association Tremplin"
        """
        check_lang(lang)
        verb = self.action.render(lang)
        if verb.endswith((" de", " à")):  # French: the preposition elides or takes the article
            verb, prep = verb.rsplit(" ", 1)
            beneficiary = (fr_de if prep == "de" else fr_a)(beneficiary)
        return f"{verb} {beneficiary}"

    def sentence(
        self, provider: str, beneficiary: str, amount: str | None, lang: Lang, *, free: bool = False
    ) -> str:
        """The flow in words, with both roles: who provides, who benefits, and who pays what.

        Args:
            provider: how the provider is named (:attr:`ges_graph.model.Flow.provider`).
            beneficiary: how the beneficiary is named.
            amount: the amount as written for the reader, or ``None`` when it is not given.
            lang: ``fr`` or ``en``.
            free: the flow is free (its basis is ``free``, or its amount is 0): said « à titre
                gratuit », never « 0 EUR ».

        Examples:
            >>> staff = FlowKind.STAFF_SECONDMENT
            >>> staff.sentence("Evolio", "Horizon Environnement", "45 000 EUR", "fr")
            "Evolio met du personnel à disposition d'Horizon Environnement, qui paie 45 000 EUR"
            >>> FlowKind.PREMISES.sentence("Ville", "Association Tremplin", None, "fr", free=True)
            "la Ville met des locaux à disposition de l'Association Tremplin à titre gratuit"
            >>> FlowKind.LOAN.sentence("Tremplin", "Le Relais", "5,000 EUR", "en")
            'Tremplin lends Le Relais (5,000 EUR)'
            >>> fee = FlowKind.MANAGEMENT_FEE
            >>> fee.sentence("Association Tremplin", "Evolio", "9 000 EUR", "fr")
            "l'Association Tremplin rend des services de siège à Evolio, qui paie 9 000 EUR"
        """
        check_lang(lang)
        text = _PROVIDES.format(
            lang, provider=Named(provider), does=self.towards(beneficiary, lang)
        )
        if free:
            return text + _FREE.render(lang)
        if amount is None:
            return text
        template = _PAYEE_PAYS if self.provider_is_payee else _AMOUNT_GIVEN
        return text + template.format(lang, amount=amount)

    def period(self, year: int | None, lang: Lang) -> str:
        """What an amount of this kind covers, said after it: the year, a year, or nothing.

        A flow's ``amount`` is a year's: « en 2026 » when the flow is dated to a year, « par
        an » otherwise; a loan, a cash advance or a capital contribution is a sum lent or
        brought, said without a period unless the flow is dated to a year.

        Examples:
            >>> FlowKind.SUBSIDY.period(None, "fr"), FlowKind.SERVICE.period(2026, "en")
            (' par an', ' in 2026')
            >>> FlowKind.LOAN.period(None, "fr"), FlowKind.LOAN.period(2026, "fr")
            ('', ' en 2026')
        """
        check_lang(lang)
        if year is not None:
            return _IN_YEAR.format(lang, year=year)
        return "" if self in _BALANCE_SHEET else _PER_YEAR.render(lang)

    @property
    def is_balance_sheet(self) -> bool:
        """True for the kinds that move capital (loan, treasury, capital contribution).

        They are not resources of the year: a combined budget does not count them.
        """
        return self in _BALANCE_SHEET


_BOUGHT = frozenset(
    {FlowKind.MANAGEMENT_FEE, FlowKind.SERVICE, FlowKind.STAFF_SECONDMENT, FlowKind.PREMISES}
)
_PROVIDER_VERBS = {
    FlowKind.SERVICE: Tr("fournit des prestations à", "provides services to"),
    FlowKind.STAFF_SECONDMENT: Tr("met du personnel à disposition de", "seconds staff to"),
    FlowKind.PREMISES: Tr("met des locaux à disposition de", "lends premises to"),
    FlowKind.MANAGEMENT_FEE: Tr("rend des services de siège à", "provides head-office services to"),
}
assert set(_PROVIDER_VERBS) == _BOUGHT
_GIVER_VERBS = {
    FlowKind.LOAN: Tr("prête à", "lends"),
    FlowKind.TREASURY: Tr("avance de la trésorerie à", "advances cash to"),
    FlowKind.SUBSIDY: Tr("verse une subvention à", "pays a subsidy to"),
    FlowKind.DONATION: Tr("fait un don à", "makes a donation to"),
    FlowKind.DIVIDEND: Tr("verse un dividende à", "pays a dividend to"),
    FlowKind.MEMBERSHIP_FEE: Tr("verse une cotisation à", "pays a membership fee to"),
    FlowKind.CAPITAL_CONTRIBUTION: Tr("fait un apport à", "contributes capital to"),
    FlowKind.OTHER: Tr("verse à", "pays"),
}
"""What the provider of money (``from``) does, for the kinds that do not buy something."""
assert set(_GIVER_VERBS) == set(FlowKind) - _BOUGHT
_PROVIDES = Tr("{provider.the} {does}", "{provider} {does}")
_PAYEE_PAYS = Tr(", qui paie {amount}", ", which pays {amount}")
_AMOUNT_GIVEN = Tr(" ({amount})", " ({amount})")
_FREE = Tr(" à titre gratuit", " free of charge")
_PER_YEAR = Tr(" par an", " a year")
_IN_YEAR = Tr(" en {year}", " in {year}")
_BALANCE_SHEET = frozenset({FlowKind.LOAN, FlowKind.TREASURY, FlowKind.CAPITAL_CONTRIBUTION})
_labels(
    FlowKind,
    {
        FlowKind.MANAGEMENT_FEE: Tr("frais de siège", "management fee"),
        FlowKind.SERVICE: Tr("prestation", "service"),
        FlowKind.STAFF_SECONDMENT: Tr("mise à disposition", "staff secondment"),
        FlowKind.PREMISES: Tr("locaux", "premises"),
        FlowKind.LOAN: Tr("prêt", "loan"),
        FlowKind.TREASURY: Tr("trésorerie", "treasury"),
        FlowKind.SUBSIDY: Tr("subvention", "subsidy"),
        FlowKind.DONATION: Tr("don", "donation"),
        FlowKind.DIVIDEND: Tr("dividende", "dividend"),
        FlowKind.MEMBERSHIP_FEE: Tr("cotisation", "membership fee"),
        FlowKind.CAPITAL_CONTRIBUTION: Tr("apport", "capital contribution"),
        FlowKind.OTHER: Tr("autre flux", "other flow"),
    },
)


class Basis(_Vocabulary):
    """How a flow's amount is set."""

    ACTUAL_COST = "actual_cost"
    MARKET_PRICE = "market_price"
    BELOW_COST = "below_cost"
    FREE = "free"
    UNKNOWN = "unknown"


_labels(
    Basis,
    {
        Basis.ACTUAL_COST: Tr("au coût réel", "actual cost"),
        Basis.MARKET_PRICE: Tr("prix de marché", "market price"),
        Basis.BELOW_COST: Tr("sous le coût", "below cost"),
        Basis.FREE: Tr("gratuit", "free"),
        Basis.UNKNOWN: Tr("non précisée", "not given"),
    },
)

_synonyms(
    FlowKind,
    {
        FlowKind.MANAGEMENT_FEE: ("frais de gestion", "services de siège", "convention de gestion"),
        FlowKind.SERVICE: ("prestation de services", "prestations", "sous-traitance"),
        FlowKind.STAFF_SECONDMENT: (
            "mise à disposition de personnel",
            "mise à disposition de salariés",
            "prêt de personnel",
        ),
        FlowKind.PREMISES: ("mise à disposition de locaux", "loyer"),
        FlowKind.LOAN: ("avance en compte courant", "prêt en compte courant"),
        FlowKind.TREASURY: ("convention de trésorerie", "avance de trésorerie"),
        FlowKind.SUBSIDY: ("subventions",),
        FlowKind.DONATION: ("mécénat",),
        FlowKind.DIVIDEND: ("dividendes",),
        FlowKind.MEMBERSHIP_FEE: ("cotisations",),
        FlowKind.CAPITAL_CONTRIBUTION: ("apport en capital", "souscription au capital"),
        FlowKind.OTHER: ("autre",),
    },
)
_synonyms(
    Basis,
    {
        Basis.ACTUAL_COST: ("coût réel", "prix coûtant", "à prix coûtant"),
        Basis.MARKET_PRICE: ("prix du marché", "au prix du marché"),
        Basis.BELOW_COST: ("en dessous du coût", "sous le coût de revient"),
        Basis.FREE: ("gratuité", "à titre gratuit", "gratuitement"),
        Basis.UNKNOWN: ("inconnu", "inconnue", "non précisé"),
    },
)
_noun(FlowKind, Noun(Tr("nature de flux", "flow kind"), feminine=True))
_noun(Basis, Noun(Tr("base", "basis"), feminine=True))
