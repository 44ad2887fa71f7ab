"""What an entity is besides its form: conventions, sectors, kinds of public body, accounts."""

from __future__ import annotations

from ges_graph.i18n import Tr
from ges_graph.vocabulary._core import Noun, _labels, _noun, _synonyms, _Vocabulary

__all__ = ["AccountKind", "Convention", "PublicKind", "Sector"]


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

    @property
    def sector(self) -> Sector | None:
        """The sector the convention belongs to, if it says one.

        ``ei``, ``etti`` and ``eiti`` are market activities, ``aci`` and ``ai`` non-market ones;
        ``ea`` says nothing of the sector.

        A member that holds conventions of both sectors (a régie de quartier with an EI and an
        ACI) is ``mixte`` (:attr:`ges_graph.model.Entity.effective_sector`).

        Examples:
            >>> Convention.EI.sector, Convention.ACI.sector, Convention.EA.sector
            (<Sector.MARCHAND: 'marchand'>, <Sector.NON_MARCHAND: 'non_marchand'>, None)
        """
        return _CONVENTION_SECTORS.get(self)


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


_CONVENTION_SECTORS = {
    Convention.EI: Sector.MARCHAND,
    Convention.ETTI: Sector.MARCHAND,
    Convention.EITI: Sector.MARCHAND,
    Convention.ACI: Sector.NON_MARCHAND,
    Convention.AI: Sector.NON_MARCHAND,
}


class AccountKind(_Vocabulary):
    """Whether a year's accounts are closed (``actual``) or a forecast (``forecast``).

    Examples:
        >>> AccountKind.FORECAST.label_in("fr"), AccountKind.ACTUAL.label_in("en")
        ('prévisionnel', 'actual')
    """

    ACTUAL = "actual"
    FORECAST = "forecast"


_labels(
    AccountKind,
    {
        AccountKind.ACTUAL: Tr("réalisé", "actual"),
        AccountKind.FORECAST: Tr("prévisionnel", "forecast"),
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

_synonyms(
    Convention,
    {
        Convention.ACI: ("atelier chantier d'insertion", "chantier d'insertion"),
    },
)
_synonyms(
    Sector,
    {
        Sector.MARCHAND: ("secteur marchand",),
        Sector.NON_MARCHAND: ("secteur non marchand",),
        Sector.MIXTE: ("secteur mixte",),
    },
)
_synonyms(
    PublicKind,
    {
        PublicKind.TERRITORIAL: (
            "collectivité territoriale",
            "collectivité",
            "commune",
            "département",
            "région",
            "EPCI",
            "CCAS",
            "local authority",
        ),
        PublicKind.STATE: ("État", "établissement public national", "national public body"),
        PublicKind.OTHER: ("autre",),
    },
)
_synonyms(
    AccountKind,
    {
        AccountKind.ACTUAL: ("réel", "comptes clos", "arrêté", "closed"),
        AccountKind.FORECAST: ("prévision", "budget prévisionnel", "prévu"),
    },
)
_noun(AccountKind, Noun(Tr("nature des comptes", "kind of accounts"), feminine=True))
_noun(Convention, Noun(Tr("convention", "convention"), feminine=True))
_noun(Sector, Noun(Tr("secteur", "sector"), feminine=False))
_noun(PublicKind, Noun(Tr("nature de personne publique", "public body kind"), feminine=True))
