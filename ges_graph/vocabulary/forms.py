"""Legal forms and their families: what the format says about each form.

Examples:
    >>> Form("SARL".lower()).family, Form.SCIC.acronym
    (<Family.COMPANY: 'company'>, 'SCIC')
"""

from __future__ import annotations

from dataclasses import dataclass

from ges_graph.i18n import Lang, Tr, check_lang
from ges_graph.vocabulary._core import Noun, _labels, _noun, _synonyms, _Vocabulary

__all__ = ["Availability", "Family", "Form", "FormInfo"]


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

# Synonyms: what people write for a form besides its code and labels. Each is read as the form's
# code on load; none may name two forms (tests/test_vocabulary.py).
_synonyms(
    Form,
    {
        Form.ASSOCIATION: (
            "association loi de 1901",
            "association loi du 1er juillet 1901",
            "association déclarée",
        ),
        Form.UNION: ("fédération d'associations",),
        Form.FOUNDATION: ("fondation reconnue d'utilité publique", "FRUP"),
        Form.EMPLOYER_GROUP: (
            "GE",
            "GEIQ",
            "groupement d'employeurs pour l'insertion et la qualification",
        ),
        Form.SAS: ("société par action simplifiée",),
        Form.SASU: (
            "société par actions simplifiée unipersonnelle",
            "société par action simplifiée unipersonnelle",
        ),
        Form.EURL: ("entreprise unipersonnelle à responsabilité limitée",),
        Form.SCIC: ("SCIC SA", "SCIC SAS", "SCIC SARL"),
        Form.SCOP: (
            "société coopérative ouvrière de production",
            "société coopérative de production",
            "SCOP SA",
            "SCOP SAS",
            "SCOP SARL",
        ),
        Form.PUBLIC_BODY: (
            "personne publique",
            "collectivité",
            "collectivité territoriale",
            "établissement public",
            "commune",
            "mairie",
            "département",
            "région",
            "EPCI",
            "CCAS",
        ),
        Form.PERSON: ("particulier",),
        Form.COLLECTIVE: ("collectif",),
        Form.OTHER: ("autre", "autre forme"),
    },
)
_noun(Form, Noun(Tr("forme", "form"), feminine=True))
