"""Findings and classification: severities, the roles of a schema, confidence levels."""

from __future__ import annotations

from ges_graph.i18n import Lang, Tr, check_lang, counted
from ges_graph.vocabulary._core import _labels, _Vocabulary
from ges_graph.vocabulary.forms import Form

__all__ = ["ConfidenceLevel", "SchemaRole", "Severity", "role_label"]


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

    def counted(self, n: int, lang: Lang = "fr") -> str:
        """``n`` findings of this severity: « 2 erreurs », "2 information findings".

        English counts no « information »: it says how many information findings.

        Examples:
            >>> Severity.INFO.counted(2, "fr"), Severity.INFO.counted(2, "en")
            ('2 informations', '2 information findings')
            >>> Severity.ERROR.counted(1, "en"), Severity.WARNING.counted(0, "fr")
            ('1 error', '0 avertissement')
        """
        check_lang(lang)
        one, many = _COUNTED.get(self, (self.text, _PLURALS[self]))
        return counted(n, one, many, lang)

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
_COUNTED = {
    Severity.INFO: (
        Tr("information", "information finding"),
        Tr("informations", "information findings"),
    ),
}
"""How a count names the severity, where it differs from its name (:meth:`Severity.counted`)."""


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


def role_label(role: str, lang: Lang = "fr") -> str:
    """How to name a role in ``lang``.

    A name that a schema file binds (``as: sas``) is shown by its label when it is a code of the
    vocabulary (a form: « SAS »), and as it is otherwise (a user's own word).

    Examples:
        >>> role_label("intermediate_holdings", "en"), role_label("sas"), role_label("filiales")
        ('intermediate holdings', 'SAS', 'filiales')
    """
    check_lang(lang)
    known = _ROLES.get(role)
    if known is not None:
        return known.label_in(lang)
    form = _FORMS.get(role)
    return form.short_in(lang) if form is not None else role


_ROLES = {role.value: role for role in SchemaRole}
_FORMS = {form.value: form for form in Form}
