"""A document skeleton from the register's records: entities, and offices held between them.

What the register says becomes:

- the **entity**: its name (``nom_complet``), SIREN, form (from ``nature_juridique``, see
  :mod:`~ges_graph.registry.categories`), the tag ``ess`` when ``complements.est_ess`` is true,
  ``employees: 0`` when the headcount band says no employee (``00``); its ``attrs`` keep the
  *catégorie juridique*, the headcount band (``tranche_effectif_salarie``, its year, and its
  bounds ``effectif_min``/``effectif_max``: a band is not a headcount), ``est_ess``, and the
  *dirigeants* that are legal persons (SIREN, name, *qualité*);
- an **office** or **board** relation for each *dirigeant* that is a legal person among the
  companies asked for: ``président…`` gives ``president``, ``directeur général…``
  ``general_manager``, ``gérant``/``co-gérant`` ``manager``, ``directeur`` ``director``, and an
  ``administrateur`` one seat on the board; other *qualités* (commissaire aux comptes, membre du
  conseil de surveillance…) give no relation, and stay in the entity's ``attrs``.

Natural persons among the *dirigeants* are left out: the skeleton describes the legal entities
asked for. Seats, shares and flows are for the user to add.

Examples:
    >>> asso = {"siren": "732829320", "nom_complet": "TREMPLIN", "nature_juridique": "9220",
    ...         "complements": {"est_ess": True}, "tranche_effectif_salarie": "12"}
    >>> sas = {"siren": "552081317", "nom_complet": "TREMPLIN SERVICES", "nature_juridique": "5710",
    ...        "dirigeants": [{"type_dirigeant": "personne morale", "siren": "732829320",
    ...                        "denomination": "TREMPLIN", "qualite": "Président de SAS"}]}
    >>> doc = skeleton([asso, sas])
    >>> [(e.id, e.form.value, e.tags) for e in doc.entities]
    [('tremplin', 'association', ('ess',)), ('tremplin-services', 'sas', ())]
    >>> [(r.type, r.from_, r.to, r.office.value) for r in doc.relations]
    [('office', 'tremplin', 'tremplin-services', 'president')]
    >>> doc.name, dict(doc.entities[0].attrs)["effectif_min"]
    ('Groupe TREMPLIN', 20)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from ges_graph._ids import unique_id
from ges_graph.model import FORMAT, Document
from ges_graph.registry.categories import form_of
from ges_graph.vocabulary import OfficeRole

__all__ = ["HEADCOUNT_BANDS", "office_of", "skeleton"]

HEADCOUNT_BANDS: Mapping[str, tuple[int, int | None]] = {
    "00": (0, 0),
    "01": (1, 2),
    "02": (3, 5),
    "03": (6, 9),
    "11": (10, 19),
    "12": (20, 49),
    "21": (50, 99),
    "22": (100, 199),
    "31": (200, 249),
    "32": (250, 499),
    "41": (500, 999),
    "42": (1000, 1999),
    "51": (2000, 4999),
    "52": (5000, 9999),
    "53": (10000, None),
}
"""The register's headcount bands (*tranches d'effectif salarié*, INSEE) → (least, most)."""

_BOARD = "board"
_QUALITES: tuple[tuple[re.Pattern[str], OfficeRole | str], ...] = (
    (re.compile(r"^presidente?\b(?!.*surveillance)"), OfficeRole.PRESIDENT),
    (re.compile(r"^direct(eur|rice) generale?\b"), OfficeRole.GENERAL_MANAGER),
    (re.compile(r"^(co-?)?gerante?\b"), OfficeRole.MANAGER),
    (re.compile(r"^direct(eur|rice)\b"), OfficeRole.DIRECTOR),
    (re.compile(r"^administrat(eur|rice)\b|^membre du conseil d'administration"), _BOARD),
)
"""A legal person's *qualité* (folded: lower case, no accents) → its office, or a board seat."""


def _folded(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return " ".join(plain.lower().replace("\u2019", "'").split())


def office_of(qualite: str) -> OfficeRole | str | None:
    """The office a *qualité* of the register names, ``"board"`` for a seat, else ``None``.

    Examples:
        >>> office_of("Président de SAS"), office_of("Directeur Général Délégué")
        (<OfficeRole.PRESIDENT: 'president'>, <OfficeRole.GENERAL_MANAGER: 'general_manager'>)
        >>> office_of("Co-gérant"), office_of("Administrateur"), office_of("Liquidateur")
        (<OfficeRole.MANAGER: 'manager'>, 'board', None)
        >>> office_of("Président du conseil de surveillance") is None
        True
    """
    folded = _folded(qualite)
    for pattern, office in _QUALITES:
        if pattern.search(folded):
            return office
    return None


def _slug(name: str, taken: set[str]) -> str:
    plain = _folded(name)
    base = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:40].strip("-") or "entite"
    return unique_id(base, taken)


def _entity(record: Mapping[str, Any], eid: str) -> dict[str, Any]:
    name = record["nom_complet"]
    code = record.get("nature_juridique")
    form, public_kind = form_of(code, name)
    complements = record.get("complements") or {}
    band = record.get("tranche_effectif_salarie") or ""
    attrs: dict[str, Any] = {"categorie_juridique": code}
    entity: dict[str, Any] = {"id": eid, "name": name, "form": form.value, "siren": record["siren"]}
    if public_kind is not None:
        entity["public_kind"] = public_kind.value
    if band in HEADCOUNT_BANDS:
        least, most = HEADCOUNT_BANDS[band]
        attrs |= {"tranche_effectif_salarie": band, "effectif_min": least}
        attrs |= {"effectif_max": most} if most is not None else {}
        if record.get("annee_tranche_effectif_salarie"):
            attrs["annee_tranche_effectif_salarie"] = record["annee_tranche_effectif_salarie"]
        if most == 0:
            entity["employees"] = 0
    if complements.get("est_ess") is not None:
        attrs["est_ess"] = complements["est_ess"]
        entity["tags"] = ["ess"] if complements["est_ess"] else []
    legal = [
        {k: d.get(k) for k in ("siren", "denomination", "qualite") if d.get(k) is not None}
        for d in record.get("dirigeants") or ()
        if d.get("type_dirigeant") == "personne morale"
    ]
    if legal:
        attrs["dirigeants_personnes_morales"] = legal
    entity["attrs"] = attrs
    return entity


def _relations(records: Sequence[Mapping[str, Any]], ids: Mapping[str, str]) -> list[Any]:
    out: list[dict[str, Any]] = []
    for record in records:
        for leader in record.get("dirigeants") or ():
            holder = ids.get(leader.get("siren") or "")
            if leader.get("type_dirigeant") != "personne morale" or holder is None:
                continue
            office = office_of(leader.get("qualite") or "")
            ends = {"from": holder, "to": ids[record["siren"]]}
            if holder == ends["to"] or office is None:
                continue
            source = {"source": "registre : " + (leader.get("qualite") or "")}
            if isinstance(office, OfficeRole):
                out.append({"type": "office", **ends, "office": office.value, **source})
            else:
                out.append({"type": "board", **ends, "seats": 1, **source})
    return out


def skeleton(
    records: Sequence[Mapping[str, Any]],
    *,
    name: str | None = None,
    sources: Sequence[str] = (),
) -> Document:
    """A document of the companies of ``records`` (the register's records, one per company).

    Args:
        records: the companies, as :func:`~ges_graph.registry.client.company_from_response`
            gives them (checked there); a SIREN given twice is kept once.
        name: the group's name; by default « Groupe » and the first company's name.
        sources: where the records come from (URLs, files), written in ``sources``.

    Returns:
        The skeleton: one entity per company, in the order given, ids made from their names,
        and the offices and board seats that companies of the list hold in each other.
    """
    unique = list({r["siren"]: r for r in records}.values())
    taken: set[str] = set()
    ids = {r["siren"]: _slug(r["nom_complet"], taken) for r in unique}
    data: dict[str, Any] = {
        "format": FORMAT,
        "name": name if name is not None else f"Groupe {unique[0]['nom_complet']}",
        "entities": [_entity(r, ids[r["siren"]]) for r in unique],
    }
    relations = _relations(unique, ids)
    if relations:
        data["relations"] = relations
    if sources:
        data["sources"] = list(dict.fromkeys(sources))
    return Document.model_validate(data)
