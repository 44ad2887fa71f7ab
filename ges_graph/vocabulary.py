"""The closed vocabularies of format ``ges-graph/1``: their members, labels and metadata.

This module is the one place that names the members of every closed vocabulary (legal forms and
their families, conventions, sectors, relation types, offices, flow kinds, …), says each one in
French and English, and holds what the rest of the library needs to know about it (a form's
family, capital and members; which side of a flow kind provides; a severity's rank). Every other
module asks the enums here instead of keeping its own lists or label tables; a test
(``tests/test_vocabulary.py``) fails when a module holds a label table of its own.

One accessor for every vocabulary: ``member.text`` is the label as an :class:`~ges_graph.i18n.Tr`,
and ``member.label_in(lang)`` renders it. The older properties (``label_fr``, ``label_en``,
``Convention.label``, ``OfficeRole.function_fr``, ``Severity.label``) read the same tables.

The enums are re-exported by :mod:`ges_graph.model` (``from ges_graph.model import Form`` works);
:class:`Severity` by :mod:`ges_graph.report`.

Examples:
    >>> Form.SCIC.text.render("en"), Form.SCIC.family, Form.SCIC.acronym
    ('multi-stakeholder cooperative (SCIC)', <Family.COOPERATIVE: 'cooperative'>, 'SCIC')
    >>> OfficeRole.PRESIDENT.label_in("fr"), Sector.NON_MARCHAND.label_in("en")
    ('présidence', 'non-market')
    >>> FlowKind.LOAN.provider_is_payee, FlowKind.LOAN.is_balance_sheet
    (False, True)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from ges_graph.i18n import Lang, Tr, check_lang, fr_a, fr_de

__all__ = [
    "VOCABULARIES",
    "Availability",
    "Basis",
    "Category",
    "ConfidenceLevel",
    "Convention",
    "Family",
    "FlowKind",
    "Form",
    "FormInfo",
    "Layer",
    "Noun",
    "OfficeRole",
    "PublicKind",
    "RelationType",
    "SchemaRole",
    "Sector",
    "Severity",
]


class _Vocabulary(StrEnum):
    """A closed vocabulary: every member has a label in French and English (its :attr:`text`)."""

    @property
    def text(self) -> Tr:
        """The member's label, in French and English."""
        return _TEXTS[type(self)][self]

    def label_in(self, lang: Lang) -> str:
        """The member's label in ``lang`` (``fr`` or ``en``).

        Raises:
            ValueError: ``lang`` is not a supported language.
        """
        check_lang(lang)
        return self.text.render(lang)

    @property
    def label_fr(self) -> str:
        """The member's label in French."""
        return self.text.fr

    @property
    def label_en(self) -> str:
        """The member's label in English."""
        return self.text.en

    @classmethod
    def noun(cls) -> Noun | None:
        """How a message names the vocabulary itself (« forme » / "form"), when it does.

        Examples:
            >>> Form.noun().unknown.render("fr"), Sector.noun().unknown.render("en")
            ('forme inconnue', 'unknown sector')
        """
        return _NOUNS.get(cls)


@dataclass(frozen=True, slots=True)
class Noun:
    """The noun naming a vocabulary in a message, with the gender French agrees it in.

    Attributes:
        text: the noun (« forme », "form").
        feminine: whether the French noun is feminine (« forme inconnue », « secteur inconnu »).
    """

    text: Tr
    feminine: bool

    @property
    def unknown(self) -> Tr:
        """« forme inconnue » / "unknown form": what a value outside the vocabulary is."""
        ending = "e" if self.feminine else ""
        return Tr(f"{self.text.fr} inconnu{ending}", f"unknown {self.text.en}")


_TEXTS: dict[type[_Vocabulary], Mapping[Any, Tr]] = {}
"""Every vocabulary's labels, filled below by :func:`_labels`."""


def _labels(vocabulary: type[_Vocabulary], texts: Mapping[Any, Tr]) -> None:
    """Register the labels of ``vocabulary``; every member must have one."""
    missing = [m for m in vocabulary if m not in texts]
    assert not missing, f"{vocabulary.__name__} has no label for {missing}"
    _TEXTS[vocabulary] = texts


# --------------------------------------------------------------------------------------------
# Forms and families
# --------------------------------------------------------------------------------------------


class Family(_Vocabulary):
    """The family of a legal form (``format.md``, "Form codes")."""

    ASSOCIATIVE = "associative"
    GROUPING = "grouping"
    COMPANY = "company"
    COOPERATIVE = "cooperative"
    PUBLIC = "public"
    NATURAL = "natural"
    OTHER = "other"


_labels(
    Family,
    {
        Family.ASSOCIATIVE: Tr("associatif", "associative"),
        Family.GROUPING: Tr("groupement", "grouping"),
        Family.COMPANY: Tr("société", "company"),
        Family.COOPERATIVE: Tr("coopérative", "cooperative"),
        Family.PUBLIC: Tr("public", "public body"),
        Family.NATURAL: Tr("personne physique", "natural person"),
        Family.OTHER: Tr("autre", "other"),
    },
)


class Availability(_Vocabulary):
    """Whether a form has capital (or members): ``yes``, ``no`` or ``optional``."""

    YES = "yes"
    NO = "no"
    OPTIONAL = "optional"


_labels(
    Availability,
    {
        Availability.YES: Tr("oui", "yes"),
        Availability.NO: Tr("non", "no"),
        Availability.OPTIONAL: Tr("facultatif", "optional"),
    },
)


@dataclass(frozen=True)
class FormInfo:
    """What the format says about a legal form.

    Attributes:
        text: the form's name in full.
        family: its family.
        capital: whether someone can hold shares in it.
        members: whether it has members.
        acronym: the usual acronym (``SAS``) when the form is called by one, else ``None``
            (an association is called by its name).
    """

    text: Tr
    family: Family
    capital: Availability
    members: Availability
    acronym: str | None = None

    @property
    def label_fr(self) -> str:
        """The form's name in French."""
        return self.text.fr

    @property
    def label_en(self) -> str:
        """The form's name in English."""
        return self.text.en


class Form(_Vocabulary):
    """Legal form codes, with their French label, family, capital and member flags.

    Examples:
        >>> Form("sasu").family, Form("sasu").has_capital, Form("sasu").has_members
        (<Family.COMPANY: 'company'>, True, False)
        >>> Form.GIE.capital
        <Availability.OPTIONAL: 'optional'>
        >>> Form.SCIC.label_fr
        "société coopérative d'intérêt collectif"
    """

    ASSOCIATION = "association"
    UNION = "union"
    FOUNDATION = "foundation"
    ENDOWMENT_FUND = "endowment_fund"
    GIE = "gie"
    EMPLOYER_GROUP = "employer_group"
    SA = "sa"
    SAS = "sas"
    SASU = "sasu"
    SARL = "sarl"
    EURL = "eurl"
    SCI = "sci"
    SCIC = "scic"
    SCOP = "scop"
    PUBLIC_BODY = "public_body"
    PERSON = "person"
    COLLECTIVE = "collective"
    OTHER = "other"

    @property
    def info(self) -> FormInfo:
        """All the form's metadata at once."""
        return _FORMS[self]

    @property
    def family(self) -> Family:
        """The form's family."""
        return _FORMS[self].family

    @property
    def capital(self) -> Availability:
        """Whether the form has capital: yes, no or optional."""
        return _FORMS[self].capital

    @property
    def members(self) -> Availability:
        """Whether the form has members: yes, no or optional."""
        return _FORMS[self].members

    @property
    def acronym(self) -> str | None:
        """The usual acronym (``SCIC``), or ``None`` for a form called by its name."""
        return _FORMS[self].acronym

    def short_in(self, lang: Lang) -> str:
        """The form as a diagram names it: its acronym when it has one, else its name.

        Examples:
            >>> Form.SCIC.short_in("fr"), Form.ASSOCIATION.short_in("en")
            ('SCIC', 'association')
        """
        check_lang(lang)
        acronym = _FORMS[self].acronym
        return acronym if acronym is not None else self.label_in(lang)

    @property
    def has_capital(self) -> bool:
        """True when someone can hold shares in it (capital "yes" or "optional")."""
        return _FORMS[self].capital is not Availability.NO

    @property
    def has_members(self) -> bool:
        """True when the form is member-based (members "yes" or "optional")."""
        return _FORMS[self].members is not Availability.NO

    @property
    def is_company(self) -> bool:
        """True for the company family (sa, sas, sasu, sarl, eurl, sci)."""
        return _FORMS[self].family is Family.COMPANY

    @property
    def feminine(self) -> bool:
        """Whether French says « elle » of an entity of this form (« il » of a GIE, a fonds).

        The gender of the noun that names the form: une association, une union, une société,
        une collectivité; un fonds de dotation, un groupement, un collectif.

        Examples:
            >>> Form.SCIC.feminine, Form.GIE.feminine
            (True, False)
        """
        return self not in _MASCULINE

    @property
    def can_be_group_member(self) -> bool:
        """True for a legal person: a natural person or a collective of them is never a member.

        Examples:
            >>> Form.SCIC.can_be_group_member, Form.PERSON.can_be_group_member
            (True, False)
        """
        return _FORMS[self].family is not Family.NATURAL

    @property
    def is_member_pool(self) -> bool:
        """True for a union, a GIE or an employer group: a body its member organisations pool.

        Only these can be controlled through their members (control means 5, ``schemas.md``);
        an association or a cooperative is governed by its adhérents or associates.
        """
        return self in _MEMBER_POOLS

    @property
    def is_societe_par_actions(self) -> bool:
        """True for the sociétés par actions of C. com. L233-29: sa, sas, sasu."""
        return self in _SOCIETES_PAR_ACTIONS


_Y, _N, _O = Availability.YES, Availability.NO, Availability.OPTIONAL
_ASSOCIATIVE, _GROUPING, _COMPANY = Family.ASSOCIATIVE, Family.GROUPING, Family.COMPANY
_COOPERATIVE, _NATURAL = Family.COOPERATIVE, Family.NATURAL
_FORMS: dict[Form, FormInfo] = {
    Form.ASSOCIATION: FormInfo(Tr("association loi 1901", "association"), _ASSOCIATIVE, _N, _Y),
    Form.UNION: FormInfo(Tr("union d'associations", "union of associations"), _ASSOCIATIVE, _N, _Y),
    Form.FOUNDATION: FormInfo(Tr("fondation", "foundation"), _ASSOCIATIVE, _N, _N),
    Form.ENDOWMENT_FUND: FormInfo(Tr("fonds de dotation", "endowment fund"), _ASSOCIATIVE, _N, _N),
    Form.GIE: FormInfo(
        Tr("groupement d'intérêt économique", "economic interest grouping"),
        _GROUPING,
        _O,
        _Y,
        "GIE",
    ),
    Form.EMPLOYER_GROUP: FormInfo(
        Tr("groupement d'employeurs", "employer group"), _GROUPING, _N, _Y
    ),
    Form.SA: FormInfo(Tr("société anonyme", "public limited company (SA)"), _COMPANY, _Y, _N, "SA"),
    Form.SAS: FormInfo(
        Tr("société par actions simplifiée", "simplified joint-stock company (SAS)"),
        _COMPANY,
        _Y,
        _N,
        "SAS",
    ),
    Form.SASU: FormInfo(
        Tr("SAS unipersonnelle", "single-shareholder SAS (SASU)"), _COMPANY, _Y, _N, "SASU"
    ),
    Form.SARL: FormInfo(
        Tr("société à responsabilité limitée", "limited liability company (SARL)"),
        _COMPANY,
        _Y,
        _N,
        "SARL",
    ),
    Form.EURL: FormInfo(
        Tr("SARL unipersonnelle", "single-member SARL (EURL)"), _COMPANY, _Y, _N, "EURL"
    ),
    Form.SCI: FormInfo(
        Tr("société civile immobilière", "real-estate partnership (SCI)"), _COMPANY, _Y, _N, "SCI"
    ),
    Form.SCIC: FormInfo(
        Tr("société coopérative d'intérêt collectif", "multi-stakeholder cooperative (SCIC)"),
        _COOPERATIVE,
        _Y,
        _Y,
        "SCIC",
    ),
    Form.SCOP: FormInfo(
        Tr("société coopérative et participative", "worker cooperative (SCOP)"),
        _COOPERATIVE,
        _Y,
        _Y,
        "SCOP",
    ),
    Form.PUBLIC_BODY: FormInfo(
        Tr("collectivité ou établissement public", "public body"), Family.PUBLIC, _N, _N
    ),
    Form.PERSON: FormInfo(Tr("personne physique", "natural person"), _NATURAL, _N, _N),
    Form.COLLECTIVE: FormInfo(
        Tr("collectif de personnes", "collective of persons"), _NATURAL, _N, _N
    ),
    Form.OTHER: FormInfo(Tr("autre personne morale", "other legal entity"), Family.OTHER, _O, _O),
}
_labels(Form, {form: info.text for form, info in _FORMS.items()})
_MASCULINE = frozenset({Form.ENDOWMENT_FUND, Form.GIE, Form.EMPLOYER_GROUP, Form.COLLECTIVE})
"""Forms named by a masculine noun in French (the others are feminine: « elle »)."""

_MEMBER_POOLS = frozenset({Form.UNION, Form.GIE, Form.EMPLOYER_GROUP})
_SOCIETES_PAR_ACTIONS = frozenset({Form.SA, Form.SAS, Form.SASU})


# --------------------------------------------------------------------------------------------
# Entities: conventions, sectors, public kinds
# --------------------------------------------------------------------------------------------


class Convention(_Vocabulary):
    """State agreements an entity may hold (IAE conventions, and ``ea``).

    Examples:
        >>> Convention.ETTI.is_iae, Convention.EA.is_iae
        (True, False)
    """

    AI = "ai"
    ACI = "aci"
    EI = "ei"
    ETTI = "etti"
    EITI = "eiti"
    EA = "ea"

    @property
    def is_iae(self) -> bool:
        """True for the IAE conventions (``ai``, ``aci``, ``ei``, ``etti``, ``eiti``)."""
        return self is not Convention.EA

    @property
    def label(self) -> str:
        """The usual acronym, in capitals (``ETTI``)."""
        return self.value.upper()


_labels(
    Convention,
    {
        Convention.AI: Tr("association intermédiaire", "intermediary association"),
        Convention.ACI: Tr("atelier et chantier d'insertion", "integration workshop and site"),
        Convention.EI: Tr("entreprise d'insertion", "work-integration enterprise"),
        Convention.ETTI: Tr(
            "entreprise de travail temporaire d'insertion",
            "work-integration temporary employment agency",
        ),
        Convention.EITI: Tr(
            "entreprise d'insertion par le travail indépendant",
            "work-integration enterprise through self-employment",
        ),
        Convention.EA: Tr("entreprise adaptée", "adapted enterprise"),
    },
)


class Sector(_Vocabulary):
    """Market sector of an entity."""

    MARCHAND = "marchand"
    NON_MARCHAND = "non_marchand"
    MIXTE = "mixte"


_labels(
    Sector,
    {
        Sector.MARCHAND: Tr("marchand", "market"),
        Sector.NON_MARCHAND: Tr("non marchand", "non-market"),
        Sector.MIXTE: Tr("mixte", "mixed"),
    },
)


class PublicKind(_Vocabulary):
    """What kind of public body a ``public_body`` entity is (``format.md``, ``public_kind``).

    Only territorial bodies count towards a SCIC's 50 % cap (loi 47-1775, art. 19 septies).

    Examples:
        >>> PublicKind.STATE.label_fr
        "l'État ou un établissement public national"
    """

    TERRITORIAL = "territorial"
    STATE = "state"
    OTHER = "other"


_labels(
    PublicKind,
    {
        PublicKind.TERRITORIAL: Tr(
            "collectivité territoriale, groupement ou établissement public territorial",
            "local authority, grouping of local authorities or local public body",
        ),
        PublicKind.STATE: Tr(
            "l'État ou un établissement public national", "the State or a national public body"
        ),
        PublicKind.OTHER: Tr("autre personne publique", "other public body"),
    },
)


# --------------------------------------------------------------------------------------------
# Relations: types, layers, offices, categories, flows
# --------------------------------------------------------------------------------------------


class RelationType(_Vocabulary):
    """The six relation types, and the layer each belongs to."""

    MEMBERSHIP = "membership"
    BOARD = "board"
    OFFICE = "office"
    STATUTORY_CONTROL = "statutory_control"
    SHAREHOLDING = "shareholding"
    FLOW = "flow"

    @property
    def layer(self) -> Layer:
        """The layer of the relation type (governance, capital or flows)."""
        if self is RelationType.SHAREHOLDING:
            return Layer.CAPITAL
        if self is RelationType.FLOW:
            return Layer.FLOWS
        return Layer.GOVERNANCE

    @property
    def legend(self) -> Tr:
        """What a diagram's legend says of the type's lines (what their labels show).

        Examples:
            >>> RelationType.FLOW.legend.render("fr")
            'flux financier (type, montant)'
        """
        return _LEGENDS[self]


_labels(
    RelationType,
    {
        RelationType.MEMBERSHIP: Tr("adhésion", "membership"),
        RelationType.BOARD: Tr("sièges au conseil", "board seats"),
        RelationType.OFFICE: Tr("mandat de direction", "executive office"),
        RelationType.STATUTORY_CONTROL: Tr("contrôle statutaire", "statutory control"),
        RelationType.SHAREHOLDING: Tr("participation au capital", "shareholding"),
        RelationType.FLOW: Tr("flux financier", "financial flow"),
    },
)
_LEGENDS = {
    RelationType.SHAREHOLDING: Tr(
        "capital : part (voix si différentes)", "capital: share (votes if different)"
    ),
    RelationType.STATUTORY_CONTROL: Tr("contrôle statutaire", "statutory control"),
    RelationType.BOARD: Tr("sièges au conseil", "board seats"),
    RelationType.MEMBERSHIP: Tr("adhésion (membre)", "membership"),
    RelationType.OFFICE: Tr("mandat de direction", "executive office"),
    RelationType.FLOW: Tr("flux financier (type, montant)", "money flow (kind, amount)"),
}


class Layer(_Vocabulary):
    """The three layers of a GES graph."""

    GOVERNANCE = "governance"
    CAPITAL = "capital"
    FLOWS = "flows"


_labels(
    Layer,
    {
        Layer.GOVERNANCE: Tr("gouvernance", "governance"),
        Layer.CAPITAL: Tr("capital", "capital"),
        Layer.FLOWS: Tr("flux", "flows"),
    },
)


class OfficeRole(_Vocabulary):
    """Executive offices (``office`` relation).

    Examples:
        >>> OfficeRole.MANAGER.function_fr, OfficeRole.MANAGER.label_en
        ('gérance', 'manager')
    """

    PRESIDENT = "president"
    GENERAL_MANAGER = "general_manager"
    MANAGER = "manager"
    DIRECTOR = "director"

    @property
    def function_fr(self) -> str:
        """The office as a French function noun (« présidence »), whoever holds it."""
        return self.text.fr


# The label is the office as a function (« présidence », « gérance »), whoever holds it: the report
# page, the diagrams and the BODS export all say it so.
_labels(
    OfficeRole,
    {
        OfficeRole.PRESIDENT: Tr("présidence", "president"),
        OfficeRole.GENERAL_MANAGER: Tr("direction générale", "general manager"),
        OfficeRole.MANAGER: Tr("gérance", "manager"),
        OfficeRole.DIRECTOR: Tr("direction", "director"),
    },
)


class Category(_Vocabulary):
    """College of an associate (membership or shareholding ``category``)."""

    EMPLOYEES = "employees"
    PRODUCERS = "producers"
    BENEFICIARIES = "beneficiaries"
    VOLUNTEERS = "volunteers"
    FOUNDERS = "founders"
    PUBLIC_BODIES = "public_bodies"
    PARTNERS = "partners"
    INVESTORS = "investors"
    OTHER = "other"


_labels(
    Category,
    {
        Category.EMPLOYEES: Tr("salariés", "employees"),
        Category.PRODUCERS: Tr("producteurs", "producers"),
        Category.BENEFICIARIES: Tr("bénéficiaires", "beneficiaries"),
        Category.VOLUNTEERS: Tr("bénévoles", "volunteers"),
        Category.FOUNDERS: Tr("fondateurs", "founders"),
        Category.PUBLIC_BODIES: Tr("personnes publiques", "public bodies"),
        Category.PARTNERS: Tr("partenaires", "partners"),
        Category.INVESTORS: Tr("investisseurs", "investors"),
        Category.OTHER: Tr("autres", "others"),
    },
)


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
            "Ville met des locaux à disposition de l'Association Tremplin à titre gratuit"
            >>> FlowKind.LOAN.sentence("Tremplin", "Le Relais", "5,000 EUR", "en")
            'Tremplin lends Le Relais (5,000 EUR)'
        """
        check_lang(lang)
        text = f"{provider} {self.towards(beneficiary, lang)}"
        if free:
            return text + _FREE.render(lang)
        if amount is None:
            return text
        template = _PAYEE_PAYS if self.provider_is_payee else _AMOUNT_GIVEN
        return text + template.format(lang, amount=amount)

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
_PAYEE_PAYS = Tr(", qui paie {amount}", ", which pays {amount}")
_AMOUNT_GIVEN = Tr(" ({amount})", " ({amount})")
_FREE = Tr(" à titre gratuit", " free of charge")
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


# --------------------------------------------------------------------------------------------
# Findings and classification
# --------------------------------------------------------------------------------------------


class Severity(_Vocabulary):
    """How serious a finding is. ``error`` makes a document non-conforming.

    Severities are ordered: ``Severity.ERROR > Severity.WARNING > Severity.INFO``.

    Examples:
        >>> Severity("warning") >= Severity.INFO, Severity.ERROR.label("fr")
        (True, 'erreur')
        >>> [s.value for s in sorted(Severity)], Severity.INFO.label("en", plural=True)
        (['info', 'warning', 'error'], 'information')
    """

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """2 for errors, 1 for warnings, 0 for information."""
        return _RANK[self]

    @property
    def plural(self) -> Tr:
        """The severity's name in the plural (``erreurs``)."""
        return _PLURALS[self]

    def label(self, lang: Lang = "fr", *, plural: bool = False) -> str:
        """The severity's name in ``lang`` (``erreur``/``error``; plural on request)."""
        check_lang(lang)
        return (self.plural if plural else self.text).render(lang)

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank >= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank > other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank <= other.rank

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank < other.rank


_RANK = {Severity.ERROR: 2, Severity.WARNING: 1, Severity.INFO: 0}
_labels(
    Severity,
    {
        Severity.ERROR: Tr("erreur", "error"),
        Severity.WARNING: Tr("avertissement", "warning"),
        Severity.INFO: Tr("information", "information"),
    },
)
_PLURALS = {
    Severity.ERROR: Tr("erreurs", "errors"),
    Severity.WARNING: Tr("avertissements", "warnings"),
    Severity.INFO: Tr("informations", "information"),
}


class SchemaRole(_Vocabulary):
    """The roles :func:`ges_graph.classification.classify` reports for the members of a group.

    A schema file may bind other names; those have no label and are shown as they are.
    """

    HEAD = "head"
    CONTROLLED = "controlled"
    INTERMEDIATE_HOLDINGS = "intermediate_holdings"
    OPERATING = "operating"
    POOLED = "pooled"
    COORDINATED = "coordinated"
    OUTSIDE_CONTROLLED = "outside_controlled"


_labels(
    SchemaRole,
    {
        SchemaRole.HEAD: Tr("tête de groupe", "head of group"),
        SchemaRole.CONTROLLED: Tr("membres contrôlés par la tête", "members the head controls"),
        SchemaRole.INTERMEDIATE_HOLDINGS: Tr("holdings intermédiaires", "intermediate holdings"),
        SchemaRole.OPERATING: Tr(
            "membres opérateurs (conventionnés IAE)", "operating members (IAE)"
        ),
        SchemaRole.POOLED: Tr("groupements mutualisés", "pooled groupings"),
        SchemaRole.COORDINATED: Tr(
            "membres fédérés par la tête", "members the head brings together"
        ),
        SchemaRole.OUTSIDE_CONTROLLED: Tr(
            "membres contrôlés de l'extérieur", "members controlled from outside"
        ),
    },
)


class ConfidenceLevel(_Vocabulary):
    """How sure the reconstruction of a schema is: a schema file's ``confidence``.

    The values are those of :data:`ges_graph.schemas.Confidence`; the French labels agree with
    « confiance » (« confiance faible à moyenne »).

    Examples:
        >>> ConfidenceLevel("low to medium").label_in("fr"), ConfidenceLevel.HIGH.label_in("en")
        ('faible à moyenne', 'high')
    """

    HIGH = "high"
    MEDIUM = "medium"
    LOW_TO_MEDIUM = "low to medium"
    LOW = "low"


_labels(
    ConfidenceLevel,
    {
        ConfidenceLevel.HIGH: Tr("élevée", "high"),
        ConfidenceLevel.MEDIUM: Tr("moyenne", "medium"),
        ConfidenceLevel.LOW_TO_MEDIUM: Tr("faible à moyenne", "low to medium"),
        ConfidenceLevel.LOW: Tr("faible", "low"),
    },
)


_NOUNS: dict[type[_Vocabulary], Noun] = {
    Form: Noun(Tr("forme", "form"), feminine=True),
    Convention: Noun(Tr("convention", "convention"), feminine=True),
    Sector: Noun(Tr("secteur", "sector"), feminine=False),
    FlowKind: Noun(Tr("nature de flux", "flow kind"), feminine=True),
    Basis: Noun(Tr("base", "basis"), feminine=True),
    OfficeRole: Noun(Tr("fonction", "office"), feminine=True),
    Category: Noun(Tr("catégorie", "category"), feminine=True),
    PublicKind: Noun(Tr("nature de personne publique", "public body kind"), feminine=True),
}
"""The nouns of the vocabularies a document's values are read from (see ``noun()``)."""


VOCABULARIES: tuple[type[_Vocabulary], ...] = tuple(_TEXTS)
"""Every closed vocabulary, in the order of this module."""
