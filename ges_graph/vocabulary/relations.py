"""Relations: their types and layers, executive offices, colleges of associates."""

from __future__ import annotations

from ges_graph.i18n import Lang, Named, Tr, check_lang, counted
from ges_graph.vocabulary._core import Noun, _labels, _noun, _synonyms, _Vocabulary

__all__ = ["Category", "Layer", "OfficeRole", "RelationType"]


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
            'flux, du payeur au payé (nature, montant)'
        """
        return _LEGENDS[self]

    def sentence(
        self,
        a: str,
        b: str,
        lang: Lang,
        *,
        seats: int | None = None,
        office: OfficeRole | None = None,
    ) -> str:
        """A relation of this type from ``a`` to ``b`` in words, each name with its article.

        The arrow « A → B » leaves the reader to guess which way a relation runs; this says it.
        A ``board`` relation names its ``seats``, an ``office`` its function, when given (a flow
        is said by :meth:`ges_graph.model.Flow.sentence`, which knows its kind).

        Examples:
            >>> RelationType.SHAREHOLDING.sentence("Holding Tremplin", "Evolio", "fr")
            "la Holding Tremplin détient une participation au capital d'Evolio"
            >>> RelationType.STATUTORY_CONTROL.sentence("Union X", "Association Y", "fr")
            "les statuts de l'Association Y confient à l'Union X la désignation de la majorité des
            membres de son conseil"
            >>> RelationType.OFFICE.sentence("Evolio", "Union X", "fr", office=OfficeRole.PRESIDENT)
            "Evolio exerce la présidence de l'Union X"
            >>> RelationType.BOARD.sentence("Evolio", "Union X", "fr", seats=1)
            "Evolio dispose d'un siège au conseil de l'Union X"
            >>> RelationType.BOARD.sentence("Evolio", "Union X", "en", seats=3)
            'Evolio has 3 seats on the board of Union X'
        """
        check_lang(lang)
        if (self is RelationType.BOARD and seats is not None) or (
            self is RelationType.OFFICE and office is not None
        ):
            said = self.predicate(b, lang, seats=seats, office=office)
            return _SUBJECT.format(lang, a=Named(a), predicate=said)
        return _SENTENCES[self].format(lang, a=Named(a), b=Named(b))

    def predicate(
        self,
        b: str,
        lang: Lang,
        *,
        seats: int | None = None,
        office: OfficeRole | None = None,
        elided: bool = False,
    ) -> str:
        """What the ``from`` of a relation of this type has or does in ``b``, without itself.

        A ``board`` relation names its ``seats``, an ``office`` its function, when given.
        ``elided``: for a second tie after « et » of the same kind, the verb left out (« dispose
        de 2 sièges au conseil de A et d'un siège au conseil de B »); only seats and offices
        have one to leave out.

        Examples:
            >>> RelationType.BOARD.predicate("Union X", "fr", seats=2)
            "dispose de 2 sièges au conseil de l'Union X"
            >>> RelationType.BOARD.predicate("Union X", "fr", seats=1, elided=True)
            "d'un siège au conseil de l'Union X"
            >>> RelationType.OFFICE.predicate("Le Relais", "fr", office=OfficeRole.MANAGER)
            'exerce la gérance du Relais'
            >>> RelationType.OFFICE.predicate("Evolio", "en", office=OfficeRole.PRESIDENT,
            ...                                elided=True)
            'the president of Evolio'
            >>> RelationType.SHAREHOLDING.predicate("Evolio", "fr")
            "détient une participation au capital d'Evolio"
        """
        check_lang(lang)
        name = Named(b)
        if self is RelationType.BOARD and seats is not None:
            if seats == 1:  # « d'un siège », never « de 1 siège »
                return (_ONE_SEAT_ELIDED if elided else _ONE_SEAT_ON).format(lang, b=name)
            many = counted(seats, _SEAT, _SEATS, lang)
            return (_SEATS_ELIDED if elided else _SEATS_ON).format(lang, b=name, seats=many)
        if self is RelationType.OFFICE and office is not None:
            held = office.label_in(lang)
            return (_OFFICE_ELIDED if elided else _HOLDS_OFFICE).format(lang, b=name, function=held)
        return _PREDICATES[self].format(lang, b=name)


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
    RelationType.FLOW: Tr(
        "flux, du payeur au payé (nature, montant)", "money flow, payer to payee (kind, amount)"
    ),
}


_SENTENCES = {
    RelationType.MEMBERSHIP: Tr("{a.the} est membre {b.de}", "{a} is a member of {b}"),
    RelationType.BOARD: Tr(
        "{a.the} dispose de sièges au conseil {b.de}", "{a} has seats on the board of {b}"
    ),
    RelationType.OFFICE: Tr(
        "{a.the} participe à la direction {b.de}", "{a} holds an executive office of {b}"
    ),
    RelationType.STATUTORY_CONTROL: Tr(
        "les statuts {b.de} confient {a.a} la désignation de la majorité des membres de son "
        "conseil",
        "the statutes of {b} give {a} the appointment of the majority of its board",
    ),
    RelationType.SHAREHOLDING: Tr(
        "{a.the} détient une participation au capital {b.de}", "{a} holds shares in {b}"
    ),
    RelationType.FLOW: Tr(
        "un flux financier va {a.de} {b.a}", "a financial flow runs from {a} to {b}"
    ),
}
_PREDICATES = {
    RelationType.MEMBERSHIP: Tr("est membre {b.de}", "is a member of {b}"),
    RelationType.BOARD: Tr("dispose de sièges au conseil {b.de}", "has seats on the board of {b}"),
    RelationType.OFFICE: Tr("participe à la direction {b.de}", "holds an executive office of {b}"),
    RelationType.STATUTORY_CONTROL: Tr(
        "désigne, selon les statuts {b.de}, la majorité des membres de son conseil",
        "appoints, under the statutes of {b}, the majority of its board",
    ),
    RelationType.SHAREHOLDING: Tr(
        "détient une participation au capital {b.de}", "holds shares in {b}"
    ),
    RelationType.FLOW: Tr("verse des fonds {b.a}", "pays money to {b}"),
}
_SUBJECT = Tr("{a.the} {predicate}", "{a} {predicate}")
_SEATS_ON = Tr("dispose de {seats} au conseil {b.de}", "has {seats} on the board of {b}")
_ONE_SEAT_ON = Tr("dispose d'un siège au conseil {b.de}", "has one seat on the board of {b}")
_SEATS_ELIDED = Tr("de {seats} au conseil {b.de}", "{seats} on the board of {b}")
_ONE_SEAT_ELIDED = Tr("d'un siège au conseil {b.de}", "one seat on the board of {b}")
_SEAT, _SEATS = Tr("siège", "seat"), Tr("sièges", "seats")
_HOLDS_OFFICE = Tr("exerce la {function} {b.de}", "is the {function} of {b}")
_OFFICE_ELIDED = Tr("la {function} {b.de}", "the {function} of {b}")
"""A relation in words (:meth:`RelationType.sentence`, :meth:`RelationType.predicate`)."""


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

_synonyms(
    RelationType,
    {
        RelationType.MEMBERSHIP: ("membre", "adhérent"),
        RelationType.BOARD: ("conseil d'administration", "administrateurs"),
        RelationType.OFFICE: ("mandat", "dirigeant"),
        RelationType.STATUTORY_CONTROL: ("contrôle par les statuts",),
        RelationType.SHAREHOLDING: ("participation", "actionnariat", "capital"),
        RelationType.FLOW: ("flux",),
    },
)
_synonyms(
    OfficeRole,
    {
        OfficeRole.PRESIDENT: ("président", "présidente"),
        OfficeRole.GENERAL_MANAGER: ("directeur général", "directrice générale", "DG"),
        OfficeRole.MANAGER: ("gérant", "gérante", "cogérant", "cogérante"),
        OfficeRole.DIRECTOR: ("directeur", "directrice"),
    },
)
_synonyms(
    Category,
    {
        Category.EMPLOYEES: ("salarié", "collège des salariés"),
        Category.PRODUCERS: ("producteur",),
        Category.BENEFICIARIES: ("bénéficiaire", "usagers", "usager"),
        Category.VOLUNTEERS: ("bénévole",),
        Category.FOUNDERS: ("fondateur", "membres fondateurs"),
        Category.PUBLIC_BODIES: ("collectivités publiques", "collectivités"),
        Category.PARTNERS: ("partenaire",),
        Category.INVESTORS: ("investisseur",),
        Category.OTHER: ("autre",),
    },
)
_noun(OfficeRole, Noun(Tr("fonction", "office"), feminine=True))
_noun(Category, Noun(Tr("catégorie", "category"), feminine=True))
_noun(RelationType, Noun(Tr("type de relation", "relation type"), feminine=False))
