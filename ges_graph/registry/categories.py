"""From the INSEE *catégorie juridique* to a form of the format.

The SIRENE register gives every legal unit a four-digit *catégorie juridique* (nomenclature of
the INSEE, level III: ``9220`` association déclarée, ``5710`` SAS, ``6220`` GIE…). The table below
maps every code whose legal form is one of the format's forms; every other code (a société en nom
collectif ``5202``, a mutuelle ``8210``, a congrégation ``9240``, a fonds de dotation, which the
register files under ``9900``…) gives ``other``, and the skeleton keeps the code in the entity's
``attrs`` so that nothing the register said is lost.

Choices the table makes, each for a reason:

- cooperatives other than SCOP (``5460`` autre SARL coopérative, ``5560`` autre SA coopérative…)
  take their company form (``sarl``, ``sa``): the register has no code for a SCIC, which is filed
  as a cooperative SA, SARL or as an SAS; :func:`form_of` then reads the name (« SCIC »,
  « société coopérative d'intérêt collectif ») to tell a SCIC, and a SCOP filed as an SAS;
- the *association intermédiaire* (``9222``) and the *association d'insertion* (``9221``) are
  associations (the convention is added by the user: the register does not say which one);
- the *groupement d'employeurs* (``9223``) is an ``employer_group``;
- the *entrepreneur individuel* (``1000``) is a natural person, an *indivision entre personnes
  physiques* (``2110``) a ``collective``;
- public bodies get their ``public_kind``: the State and national public bodies ``state``,
  collectivities and local public bodies ``territorial``, the others (GIP, chambres consulaires,
  groupements de coopération sanitaire) ``other``.

Examples:
    >>> form_of("9220")
    (<Form.ASSOCIATION: 'association'>, None)
    >>> form_of("7361")  # centre communal d'action sociale
    (<Form.PUBLIC_BODY: 'public_body'>, <PublicKind.TERRITORIAL: 'territorial'>)
    >>> form_of("5560", "LES JARDINS SCIC")[0], form_of("5202")[0]
    (<Form.SCIC: 'scic'>, <Form.OTHER: 'other'>)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

from ges_graph.vocabulary import Family, Form, PublicKind

__all__ = ["CATEGORIES", "PUBLIC_KINDS", "form_of"]


def _codes(*spans: str) -> Iterable[str]:
    """Codes written one by one (``"5710"``) or as inclusive spans (``"7210-7230"``)."""
    for span in spans:
        first, _, last = span.partition("-")
        yield from (str(c) for c in range(int(first), int(last or first) + 1))


_FORMS: Mapping[str, Form] = {
    **dict.fromkeys(("1000",), Form.PERSON),
    **dict.fromkeys(("2110",), Form.COLLECTIVE),
    **dict.fromkeys(("9210", "9220", "9221", "9222", "9224", "9230", "9260"), Form.ASSOCIATION),
    **dict.fromkeys(("9223",), Form.EMPLOYER_GROUP),
    **dict.fromkeys(("9300",), Form.FOUNDATION),
    **dict.fromkeys(("6210", "6220"), Form.GIE),
    **dict.fromkeys(("5458", "5558", "5658"), Form.SCOP),
    **dict.fromkeys(("5410", "5415", "5422", "5426", "5430", "5431", "5432", "5442", "5443",
                    "5451", "5453", "5454", "5455", "5459", "5460", "5470", "5485", "5499"),
                    Form.SARL),
    **dict.fromkeys(("5498",), Form.EURL),
    **dict.fromkeys(("5505", "5510", "5515", "5522", "5525", "5530", "5531", "5532", "5542",
                    "5543", "5546", "5547", "5548", "5551", "5552", "5553", "5554", "5555",
                    "5559", "5560", "5570", "5585", "5599", "5605", "5610", "5615", "5622",
                    "5625", "5630", "5631", "5632", "5642", "5643", "5646", "5647", "5648",
                    "5651", "5652", "5653", "5654", "5655", "5659", "5660", "5670", "5685",
                    "5699", "5800"), Form.SA),
    **dict.fromkeys(("5710", "5770", "5785"), Form.SAS),
    **dict.fromkeys(("5720",), Form.SASU),
    **dict.fromkeys(("6540", "6541", "6544"), Form.SCI),
}  # fmt: skip

PUBLIC_KINDS: Mapping[str, PublicKind] = {
    **dict.fromkeys(_codes("4110", "4120", "4130", "4160"), PublicKind.STATE),
    **dict.fromkeys(_codes("4140", "4150"), PublicKind.TERRITORIAL),
    **dict.fromkeys(_codes("7111-7113", "7120", "7150", "7160", "7171", "7172", "7179"),
                    PublicKind.STATE),
    **dict.fromkeys(_codes("7190", "7382-7385", "7389"), PublicKind.STATE),
    **dict.fromkeys(_codes("7210", "7220", "7225", "7229", "7230", "7312-7314", "7321-7323"),
                    PublicKind.TERRITORIAL),
    **dict.fromkeys(_codes("7331", "7340-7349", "7351-7357", "7361-7367", "7371-7373"),
                    PublicKind.TERRITORIAL),
    **dict.fromkeys(_codes("7378", "7379"), PublicKind.TERRITORIAL),
    **dict.fromkeys(_codes("7381", "7410", "7430", "7450", "7470", "7490"), PublicKind.OTHER),
}  # fmt: skip
"""*Catégorie juridique* of a public body → its ``public_kind``; the spans hold only the codes
of the nomenclature (a code between two that does not exist is never given by the register)."""

CATEGORIES: Mapping[str, Form] = {
    **_FORMS,
    **dict.fromkeys(PUBLIC_KINDS, Form.PUBLIC_BODY),
}
"""*Catégorie juridique* (four digits) → form, for the codes whose form the format knows."""

_SCIC = re.compile(r"\bscic\b|\bcooperative d'interet collectif\b")
_SCOP = re.compile(
    r"\bscop\b|\bcooperative ouvriere de production\b|\bcooperative et participative\b"
)


def _folded(name: str) -> str:
    """``name`` in lower case, without accents, with typographic apostrophes made plain."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return plain.lower().replace("\u2019", "'")


def form_of(code: str | None, name: str = "") -> tuple[Form, PublicKind | None]:
    """The form (and, for a public body, its kind) of a *catégorie juridique*.

    A company or cooperative whose name says it is a SCIC or a SCOP is one (the register has no
    code for a SCIC, nor for a SCOP that is an SAS).

    Args:
        code: the *catégorie juridique* as the register gives it (``"5710"``); ``None`` when it
            gives none.
        name: the unit's name, read only for the cooperative forms.

    Returns:
        The form (``other`` for a code the table does not hold) and the ``public_kind`` of a
        public body (``None`` for every other form).

    Examples:
        >>> form_of("5710", "Tremplin SCOP SAS")[0], form_of("5710", "Tremplin SAS")[0]
        (<Form.SCOP: 'scop'>, <Form.SAS: 'sas'>)
        >>> form_of("7220")
        (<Form.PUBLIC_BODY: 'public_body'>, <PublicKind.TERRITORIAL: 'territorial'>)
        >>> form_of(None), form_of("9900")
        ((<Form.OTHER: 'other'>, None), (<Form.OTHER: 'other'>, None))
    """
    form = CATEGORIES.get(code or "", Form.OTHER)
    if form.family in (Family.COMPANY, Family.COOPERATIVE) and form is not Form.SCI:
        folded = _folded(name)
        if _SCIC.search(folded):
            return Form.SCIC, None
        if _SCOP.search(folded):
            return Form.SCOP, None
    return form, PUBLIC_KINDS.get(code or "")
