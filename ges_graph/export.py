"""Exports of a GES to other tools: GraphML, GEXF (Gephi) and BODS 0.4 (beneficial ownership).

GraphML and GEXF carry the whole graph with *flattened scalar attributes*, since both formats (and
the tools that read them: Gephi, yEd, Cytoscape, networkx) only know strings, numbers and booleans:

- nodes: the entity's fields (``name``, ``form``, ``siren``, ``budget``…), plus ``label`` (the
  name), ``family`` (of the form) and ``sector`` (the *effective* sector, derived when not given);
  lists become comma-separated strings (``conventions="aci,ai"``); ``attrs`` becomes one JSON
  string.
- edges: the relation's fields (``type``, ``share``, ``seats``, ``kind``, ``amount``…), plus
  ``layer``, ``in_force`` (at the document's ``as_of``) and a readable ``label``; a percentage
  gives ``share_min`` and ``share_max`` always, and ``share`` too when it is exact; dates are
  ``YYYY-MM-DD`` strings; a flow's own ``label`` is written ``flow_label``. The edge id is the
  relation key (its ``id``, else ``relations[i]``).
- GEXF reserves ``type`` (edge direction) and ``start``/``end`` (time spells) on edges: there the
  relation type is ``relation_type``, and a relation's ``start``/``end`` become GEXF spells, so
  Gephi's timeline shows when each relation is in force.

Text goes through XML 1.0: the characters it cannot hold (control characters) become U+FFFD,
and line ends become line feeds. Output is deterministic: the same document gives the same bytes
(GEXF's ``lastmodifieddate`` is the document's ``as_of``, or absent).

BODS 0.4 (:func:`to_bods`) describes who owns or controls whom, as a list of statements: one
entity statement per legal entity, one person statement per ``person``, one *entity* statement of
type ``arrangement`` per ``collective`` (a set of natural persons who hold together without a legal
personality of their own, which is what BODS calls an arrangement; an ``anonymousPerson`` or
``unknownPerson`` would claim a single natural person), and one relationship statement per
shareholding, board, office, statutory-control and membership relation. Flows are not ownership
or control and are left out, as are relations whose subject (``to``) is a natural person (BODS
requires the subject of a relationship to be an entity).

Examples:
    >>> from ges_graph.graph import GES
    >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
    ...     {"id": "a", "name": "Association A", "form": "association"},
    ...     {"id": "b", "name": "B & Co", "form": "sas"}], "relations": [
    ...     {"type": "shareholding", "from": "a", "to": "b", "share": {"min": 50, "max": 75}}]})
    >>> xml = to_graphml(ges)
    >>> 'B &amp; Co' in xml and 'share_max' in xml
    True
    >>> [s["recordType"] for s in to_bods(ges, publication_date="2025-01-31")]
    ['entity', 'entity', 'relationship']
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import unicodedata
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, TypeAlias

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter

from ges_graph._files import write_atomic
from ges_graph.control import shareholding_votes
from ges_graph.errors import ArgumentError
from ges_graph.frozen import thaw
from ges_graph.graph import GES
from ges_graph.i18n import format_percent_range
from ges_graph.model import (
    Board,
    Document,
    Entity,
    Family,
    Form,
    Membership,
    Office,
    PercentRange,
    Relation,
    RelationType,
    Shareholding,
    StatutoryControl,
    certain,
    possible,
)

__all__ = [
    "BODS_VERSION",
    "EXPORT_FORMATS",
    "bods_json",
    "export_format",
    "export_text",
    "to_bods",
    "to_gexf",
    "to_graphml",
    "to_networkx_flat",
    "write_bods",
    "write_export",
    "write_gexf",
    "write_graphml",
]

Scalar: TypeAlias = str | int | float | bool
"""What GraphML and GEXF attributes can hold."""

BODS_VERSION = "0.4"
"""The version of the Beneficial Ownership Data Standard that :func:`to_bods` writes."""

# One namespace for every statement id this library derives (UUIDv5 of a canonical text).
_BODS_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://ges-graph.readthedocs.io/bods")


# --------------------------------------------------------------------------------------------
# Flattening for GraphML and GEXF
# --------------------------------------------------------------------------------------------


def _put(out: dict[str, Scalar], name: str, value: Any) -> None:
    """Store one field as scalars under ``name`` (ranges as ``name_min``/``name_max``)."""
    if value is None:
        return
    if isinstance(value, PercentRange):
        out[f"{name}_min"] = float(value.min)
        out[f"{name}_max"] = float(value.max)
    elif isinstance(value, Enum):
        out[name] = str(value.value)
    elif isinstance(value, dt.date):
        out[name] = value.isoformat()
    elif isinstance(value, tuple | list):
        if value:
            out[name] = ",".join(str(v.value if isinstance(v, Enum) else v) for v in value)
    elif isinstance(value, Mapping):
        if value:
            out[name] = json.dumps(thaw(value), sort_keys=True, ensure_ascii=False, default=str)
    elif isinstance(value, bool | int | str | float):
        out[name] = value
    else:  # pragma: no cover - the models hold nothing else
        out[name] = str(value)


def _entity_attrs(e: Entity) -> dict[str, Scalar]:
    out: dict[str, Scalar] = {"label": e.name}
    for field in type(e).model_fields:
        if field == "id":
            continue
        _put(out, field, getattr(e, field))
    out["family"] = e.form.family.value
    out["sector"] = e.effective_sector.value
    return out


_PERCENT_FIELDS = ("share", "votes")
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_text(value: str) -> str:
    """``value`` as XML 1.0 can carry it.

    Characters XML cannot hold (control characters, lone surrogates) become U+FFFD, and line
    ends become line feeds (what an XML reader gives back anyway).
    """
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _NOT_XML.sub("\ufffd", value)


def _xml_safe(g: nx.MultiDiGraph[str]) -> nx.MultiDiGraph[str]:
    """Make every string attribute of a flat graph fit in XML, in place; return the graph."""
    datas: list[dict[str, Any]] = [g.graph]
    datas += [d for _, d in g.nodes(data=True)]
    datas += [d for _, _, d in g.edges(data=True)]
    for data in datas:
        for k, v in data.items():
            if isinstance(v, str):
                data[k] = _xml_text(v)
    return g


_XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'


def _relation_label(r: Relation) -> str:
    """A short readable label: ``shareholding 90%``, ``board 3 seats``, ``flow service``.

    Labels are in English, percentages written as :func:`ges_graph.i18n.format_percent_range`
    writes them.
    """
    if isinstance(r, Shareholding):
        return f"{r.type} {format_percent_range(r.share, 'en')}"
    if isinstance(r, Board):
        return f"{r.type} {r.seats} seat{'s' if r.seats > 1 else ''}" + (" (chair)" * r.chair)
    if isinstance(r, Office):
        return f"{r.type} {r.office.value}"
    if isinstance(r, Membership) and r.votes is not None:
        return f"{r.type} {format_percent_range(r.votes, 'en')}"
    kind = getattr(r, "kind", None)
    return f"{r.type} {kind.value}" if kind is not None else r.type


def _relation_attrs(r: Relation, as_of: dt.date | None) -> dict[str, Scalar]:
    out: dict[str, Scalar] = {
        "type": r.type,
        "layer": r.layer.value,
        "in_force": r.in_force(as_of),
        "label": _relation_label(r),
    }
    for field in type(r).model_fields:
        if field in ("type", "from_", "to", "id"):
            continue
        value = getattr(r, field)
        name = "flow_label" if field == "label" else field
        if field in _PERCENT_FIELDS and value is not None:
            out[f"{name}_min"] = float(certain(value))
            out[f"{name}_max"] = float(possible(value))
            if not isinstance(value, PercentRange):
                out[name] = float(value)
            continue
        _put(out, name, value)
    return out


def to_networkx_flat(ges: GES) -> nx.MultiDiGraph[str]:
    """A copy of the graph whose node, edge and graph data are scalars only.

    This is the graph that :func:`to_graphml` writes; it suits any tool or writer that cannot
    store models (``nx.write_graphml``, ``nx.write_gexf``, a DataFrame of edges).

    Examples:
        >>> from ges_graph.graph import GES
        >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
        ...     {"id": "a", "name": "A", "form": "scop"}, {"id": "b", "name": "B", "form": "sarl"}],
        ...     "relations": [{"type": "shareholding", "from": "a", "to": "b", "share": 60}]})
        >>> g = to_networkx_flat(ges)
        >>> g.nodes["a"]["family"], g.edges["a", "b", "relations[0]"]["share_min"]
        ('cooperative', 60.0)
    """
    doc = ges.document
    g: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for field in ("name", "id", "description", "territory", "as_of", "currency", "format"):
        _put(g.graph, field, getattr(doc, field))
    if doc.sources:
        g.graph["sources"] = "\n".join(doc.sources)
    for e in doc.entities:
        g.add_node(e.id, **_entity_attrs(e))
    for i, r in enumerate(doc.relations):
        g.add_edge(r.from_, r.to, key=doc.relation_key(i), **_relation_attrs(r, doc.as_of))
    return g


def to_graphml(ges: GES) -> str:
    """The GES as a GraphML document (text), with flattened scalar attributes.

    Examples:
        >>> from ges_graph.graph import GES
        >>> import networkx as nx
        >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
        ...     {"id": "a", "name": "A", "form": "association"},
        ...     {"id": "b", "name": "B", "form": "association"}],
        ...     "relations": [{"type": "board", "from": "a", "to": "b", "seats": 3}]})
        >>> g = nx.parse_graphml(to_graphml(ges), force_multigraph=True)
        >>> g.edges["a", "b", "relations[0]"]["seats"], g.nodes["b"]["form"]
        (3, 'association')
    """
    flat = _xml_safe(to_networkx_flat(ges))
    return _XML_DECLARATION + "\n".join(nx.generate_graphml(flat)) + "\n"


def to_gexf(ges: GES) -> str:
    """The GES as a GEXF 1.2 document (text), for Gephi.

    Node labels are the entity names; the relation type is the edge attribute ``relation_type``,
    and relation dates become GEXF spells (``start``/``end``).

    Examples:
        >>> from ges_graph.graph import GES
        >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
        ...     {"id": "a", "name": "A", "form": "association"},
        ...     {"id": "b", "name": "B", "form": "sarl"}], "relations": [
        ...     {"type": "shareholding", "from": "a", "to": "b", "share": 30,
        ...      "start": "2020-01-01"}]})
        >>> text = to_gexf(ges)
        >>> 'start="2020-01-01"' in text, 'title="relation_type"' in text
        (True, True)
    """
    flat = _xml_safe(to_networkx_flat(ges))
    for _u, _v, data in flat.edges(data=True):
        data["relation_type"] = data.pop("type")
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    meta = writer.xml.find("meta")
    if meta is not None:  # replace networkx's "today" by the document's own date: deterministic
        del meta.attrib["lastmodifieddate"]
        if ges.document.as_of is not None:
            meta.set("lastmodifieddate", ges.document.as_of.isoformat())
        creator = meta.find("creator")
        if creator is not None:
            creator.text = "ges-graph"
        description = meta.makeelement("description", {})
        description.text = _xml_text(ges.document.name)
        meta.append(description)
    writer.add_graph(flat)
    return _XML_DECLARATION + str(writer).strip() + "\n"


def write_graphml(ges: GES, path: str | os.PathLike[str]) -> Path:
    """Write :func:`to_graphml` to ``path`` (UTF-8); return the path."""
    return write_atomic(path, to_graphml(ges))


def write_gexf(ges: GES, path: str | os.PathLike[str]) -> Path:
    """Write :func:`to_gexf` to ``path`` (UTF-8); return the path."""
    return write_atomic(path, to_gexf(ges))


# --------------------------------------------------------------------------------------------
# BODS 0.4
# --------------------------------------------------------------------------------------------


def _is_rcs_registered(form: Form) -> bool:
    """Companies, cooperatives and GIEs are entered on the RCS; the others only in SIRENE."""
    return form.family in (Family.COMPANY, Family.COOPERATIVE) or form is Form.GIE


def _siren_identifier(e: Entity) -> dict[str, str]:
    """The SIREN as a BODS identifier, under its org-id.guide scheme.

    ``FR-RCS`` (Registre du commerce et des sociétés) for the forms entered there; ``FR-INSEE``
    (the SIRENE register, which gives associations and public bodies their SIREN) otherwise.
    """
    assert e.siren is not None
    digits = e.siren.replace(" ", "")
    if _is_rcs_registered(e.form):
        return {
            "id": digits,
            "scheme": "FR-RCS",
            "schemeName": "Registre du commerce et des sociétés",
        }
    return {"id": digits, "scheme": "FR-INSEE", "schemeName": "Répertoire SIRENE (INSEE)"}


def _identifiers(e: Entity) -> list[dict[str, str]]:
    """The entity's SIREN, SIRET and RNA number as BODS identifiers.

    org-id.guide lists no code for a SIRET (an establishment's number) or the RNA: they are
    named by ``schemeName`` alone, which BODS allows.
    """
    out = [_siren_identifier(e)] if e.siren is not None else []
    if e.siret is not None:
        siret = e.siret.replace(" ", "")
        out.append({"id": siret, "schemeName": "SIRET (établissement, répertoire SIRENE)"})
    if e.rna is not None:
        out.append({"id": e.rna, "schemeName": "Répertoire national des associations (RNA)"})
    return out


def _entity_type(e: Entity) -> dict[str, str]:
    details = f"{e.form.label_fr} ({e.form.value})"
    family = e.form.family
    if e.form is Form.COLLECTIVE:
        return {"type": "arrangement", "subtype": "other", "details": details}
    if family is Family.PUBLIC:
        return {"type": "stateBody", "subtype": "other", "details": details}
    if family is Family.OTHER:
        return {"type": "legalEntity", "details": details}
    # Companies, cooperatives and groupings are entered on the RCS; associations, unions,
    # foundations and endowment funds are created by a declaration or a decree that registers
    # them (RNA, Journal officiel): all are created through an act of official registration.
    return {"type": "registeredEntity", "details": details}


def _share(p: float | PercentRange) -> dict[str, float]:
    if isinstance(p, PercentRange):
        return {"minimum": float(p.min), "maximum": float(p.max)}
    return {"exact": float(p)}


def _interest_dates(r: Relation) -> dict[str, Any]:
    """The fields every interest of ``r`` carries: ``direct``, and its start and end dates."""
    dates: dict[str, Any] = {"directOrIndirect": "direct"}
    if r.start is not None:
        dates["startDate"] = r.start.isoformat()
    if r.end is not None:
        dates["endDate"] = r.end.isoformat()
    return dates


def _shareholding_interests(
    r: Shareholding, ges: GES, dates: dict[str, Any]
) -> list[dict[str, Any]]:
    """The share of the capital, and the voting rights it gives."""
    college = f" (college: {r.category.value})" if r.category is not None else ""
    out: list[dict[str, Any]] = [
        {
            "type": "shareholding",
            **dates,
            "share": _share(r.share),
            "details": f"share of the capital{college}",
        },
    ]
    # votes: given, else the share where the format says so (companies, GIEs, other); the
    # rule lives with the control computation, which is the one that counts votes.
    votes = shareholding_votes(r, ges.entity(r.to))
    voting: dict[str, Any] = {"type": "votingRights", **dates}
    if votes is not None:
        low, high = votes
        voting["share"] = (
            {"exact": float(low)} if low == high else {"minimum": low, "maximum": high}
        )
        voting["details"] = "share of the voting rights"
    else:
        voting["details"] = "voting rights of an associate (one member, one vote); share unknown"
    out.append(voting)
    return out


def _board_interests(r: Board, ges: GES, dates: dict[str, Any]) -> list[dict[str, Any]]:
    """The seats held on the governing body, and its chair."""
    target = ges.entity(r.to)
    of = f" of {target.board_size}" if target.board_size is not None else ""
    seats = f"{r.seats} seat{'s' if r.seats > 1 else ''}{of} on the governing body"
    out: list[dict[str, Any]] = [
        {"type": "boardMember", **dates, "details": f"holds or appoints {seats}"}
    ]
    if target.board_size is not None:
        out[0]["share"] = {
            "exact": round(100 * min(r.seats, target.board_size) / target.board_size, 4)
        }
    if r.chair:
        out.append({"type": "boardChair", **dates, "details": "chairs the governing body"})
    return out


def _statutory_interests(dates: dict[str, Any]) -> list[dict[str, Any]]:
    """The control the statutes give: appointing the majority of the governing body."""
    return [
        {
            "type": "appointmentOfBoard",
            **dates,
            "details": "appoints the majority of the governing body under the statutes"
            " (membre de droit majoritaire)",
        },
        {
            "type": "controlViaCompanyRulesOrArticles",
            **dates,
            "details": "control given by the statutes",
        },
    ]


def _membership_interests(r: Membership, dates: dict[str, Any]) -> list[dict[str, Any]]:
    """A voting member's influence, with its college and votes when known."""
    parts = ["voting member (adhérent, sociétaire)"]
    if r.ex_officio:
        parts.append("ex officio (membre de droit)")
    if r.category is not None:
        parts.append(f"college: {r.category.value}")
    interest: dict[str, Any] = {
        "type": "otherInfluenceOrControl",
        **dates,
        "details": "; ".join(parts),
    }
    if r.votes is not None:
        interest["share"] = _share(r.votes)
    return [interest]


def _interests(r: Relation, ges: GES) -> list[dict[str, Any]]:
    """The BODS interests of one relation (empty for the relations BODS does not describe)."""
    dates = _interest_dates(r)
    if isinstance(r, Shareholding):
        return _shareholding_interests(r, ges, dates)
    if isinstance(r, Board):
        return _board_interests(r, ges, dates)
    if isinstance(r, StatutoryControl):
        return _statutory_interests(dates)
    if isinstance(r, Office):
        return [
            {
                "type": "seniorManagingOfficial",
                **dates,
                "details": f"{r.office.label_fr} ({r.office.value})",
            }
        ]
    if isinstance(r, Membership):
        return _membership_interests(r, dates)
    return []  # flows: money, not ownership or control


def _group_key(ges: GES) -> str:
    doc = ges.document
    if doc.id is not None:
        return doc.id
    ascii_name = unicodedata.normalize("NFKD", doc.name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug or "group"


def _statement_id(statement: Mapping[str, Any]) -> str:
    """A UUIDv5 of the statement's canonical JSON: same content, same id; new content, new id."""
    canonical = json.dumps(statement, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return str(uuid.uuid5(_BODS_NAMESPACE, hashlib.sha256(canonical.encode()).hexdigest()))


def _declaration_subject(ges: GES) -> str:
    """The entity the declaration is about: the group's head, else its first internal entity."""
    head = ges.control.head
    if head is None:
        for e in ges.document.entities:
            if e.is_group_member:
                head = e.id
                break
    return head if head is not None else ges.document.entities[0].id


def _publication_details(
    publisher: str, publisher_url: str | None, published: dt.date, license: str | None
) -> dict[str, Any]:
    """The ``publicationDetails`` every statement shares."""
    details: dict[str, Any] = {
        "publicationDate": published.isoformat(),
        "bodsVersion": BODS_VERSION,
        "publisher": {"name": publisher} | ({"url": publisher_url} if publisher_url else {}),
    }
    if license is not None:
        details["license"] = license
    return details


def _source(doc: Document, publisher: str) -> dict[str, Any]:
    """The ``source`` of the statements: the publisher, and the document's first URL source."""
    urls = [s for s in doc.sources if re.match(r"https?://\S+$", s)]
    source: dict[str, Any] = {"assertedBy": [{"name": publisher}]}
    if urls:
        source["url"] = urls[0]
    return source


@dataclass(frozen=True)
class _Statement:
    """Makes the statements of one export, with what they share (subject, date, publication)."""

    subject: str
    stated: dt.date
    details: dict[str, Any]
    source: dict[str, Any]

    def __call__(
        self,
        record_id: str,
        record_type: str,
        record: dict[str, Any],
        note: str | None = None,
        provenance: str | None = None,
    ) -> dict[str, Any]:
        """One statement, its id a hash of its content."""
        src = dict(self.source)
        if provenance is not None and re.match(r"https?://\S+$", provenance):
            src["url"] = provenance
        s: dict[str, Any] = {
            "declarationSubject": self.subject,
            "statementDate": self.stated.isoformat(),
            "recordId": record_id,
            "recordType": record_type,
            "recordStatus": "new",
            "recordDetails": record,
            "publicationDetails": self.details,
            "source": src,
        }
        if note:
            s["annotations"] = [
                {"motivation": "commenting", "statementPointerTarget": "", "description": note}
            ]
        return {"statementId": _statement_id(s), **s}


def _entity_statement(e: Entity, group: str, make: _Statement) -> dict[str, Any]:
    """The person or entity statement of one entity."""
    rid = f"{group}/{e.id}"
    if e.form is Form.PERSON:
        return make(
            rid,
            "person",
            {
                "isComponent": False,
                "personType": "knownPerson",
                "names": [{"fullName": e.name}],
            },
        )
    record: dict[str, Any] = {
        "isComponent": False,
        "entityType": _entity_type(e),
        "name": e.name,
    }
    identifiers = _identifiers(e)
    if e.form is not Form.COLLECTIVE and (identifiers or not e.external):
        record["jurisdiction"] = {"name": "France", "code": "FR"}
    if identifiers:
        record["identifiers"] = identifiers
    return make(rid, "entity", record)


def _relationship_statement(ges: GES, i: int, group: str, make: _Statement) -> dict[str, Any]:
    """The relationship statement of the relation ``i``."""
    doc = ges.document
    r = doc.relations[i]
    return make(
        f"{group}/{doc.relation_key(i)}",
        "relationship",
        {
            "isComponent": False,
            "subject": f"{group}/{r.to}",
            "interestedParty": f"{group}/{r.from_}",
            "interests": _interests(r, ges),
        },
        note=r.note,
        provenance=r.source,
    )


def to_bods(
    ges: GES,
    *,
    publisher: str = "ges-graph",
    publisher_url: str | None = None,
    publication_date: dt.date | str | None = None,
    statement_date: dt.date | str | None = None,
    license: str | None = None,
) -> list[dict[str, Any]]:
    """The GES as BODS 0.4 statements (JSON-ready dicts), entities and persons first.

    Record ids are ``<group>/<entity id>`` and ``<group>/<relation key>`` (``<group>`` is the
    document's ``id``, else a slug of its name); statement ids are UUIDv5 of each statement's
    content, so the same document and dates always give the same statements, and a changed fact
    gives a new statement id for the same record. Every interest is ``direct`` (a relation of the
    document joins the two parties without intermediary) and carries the relation's ``start`` and
    ``end``. A relation's ``note`` becomes a ``commenting`` annotation.

    Args:
        ges: the group.
        publisher: the publisher's name (``publicationDetails.publisher.name``).
        publisher_url: the publisher's URL, if any.
        publication_date: the publication date; default: today.
        statement_date: the date the statements describe; default: the document's ``as_of``,
            else the publication date.
        license: the URL of the licence of the data, if any.

    Returns:
        One dict per statement, valid against the BODS 0.4 ``statement.json`` schema.

    Examples:
        >>> from ges_graph.graph import GES
        >>> ges = GES.from_data({"format": "ges-graph/1", "name": "Groupe T", "entities": [
        ...     {"id": "t", "name": "Tremplin", "form": "association", "siren": "732829320"},
        ...     {"id": "h", "name": "Holding", "form": "sas"}], "relations": [
        ...     {"type": "shareholding", "from": "t", "to": "h", "share": 100},
        ...     {"type": "flow", "kind": "service", "from": "h", "to": "t"}]})
        >>> st = to_bods(ges, publication_date="2025-06-30")
        >>> [s["recordId"] for s in st]
        ['groupe-t/t', 'groupe-t/h', 'groupe-t/relations[0]']
        >>> st[0]["recordDetails"]["identifiers"][0]["scheme"]
        'FR-INSEE'
        >>> [i["type"] for i in st[2]["recordDetails"]["interests"]]
        ['shareholding', 'votingRights']
        >>> st == to_bods(ges, publication_date="2025-06-30")
        True
    """
    doc = ges.document
    published = _iso(publication_date) if publication_date is not None else dt.date.today()
    stated = (
        _iso(statement_date)
        if statement_date is not None
        else (doc.as_of if doc.as_of is not None else published)
    )
    group = _group_key(ges)
    make = _Statement(
        subject=f"{group}/{_declaration_subject(ges)}",
        stated=stated,
        details=_publication_details(publisher, publisher_url, published, license),
        source=_source(doc, publisher),
    )
    out = [_entity_statement(e, group, make) for e in doc.entities]
    for i, r in enumerate(doc.relations):
        if r.relation_type is RelationType.FLOW or ges.entity(r.to).form is Form.PERSON:
            continue
        out.append(_relationship_statement(ges, i, group, make))
    return out


def _iso(value: dt.date | str) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def bods_json(ges: GES, **options: Any) -> str:
    """:func:`to_bods` as JSON text (an array, indented, UTF-8 characters kept as they are)."""
    return json.dumps(to_bods(ges, **options), ensure_ascii=False, indent=2) + "\n"


def write_bods(ges: GES, path: str | os.PathLike[str], **options: Any) -> Path:
    """Write :func:`bods_json` to ``path`` (UTF-8); ``options`` go to :func:`to_bods`."""
    return write_atomic(path, bods_json(ges, **options))


# --------------------------------------------------------------------------------------------
# By format name and file name
# --------------------------------------------------------------------------------------------

EXPORT_FORMATS: Mapping[str, tuple[str, Callable[[GES], str]]] = {
    "graphml": (".graphml", to_graphml),
    "gexf": (".gexf", to_gexf),
    "bods": (".bods.json", bods_json),
}
"""Export format → (file suffix, function giving the text). ``.bods.json`` is BODS; a plain
``.json`` is the GES document itself (:func:`ges_graph.io.save`)."""


def export_format(path: str | os.PathLike[str]) -> str | None:
    """The export format that ``path``'s suffix names (``graphml``, ``gexf``, ``bods``), or None.

    Examples:
        >>> export_format("out/groupe.BODS.json"), export_format("g.gexf"), export_format("g.json")
        ('bods', 'gexf', None)
    """
    name = Path(path).name.lower()
    for fmt, (suffix, _) in EXPORT_FORMATS.items():
        if name.endswith(suffix):
            return fmt
    return None


def export_text(ges: GES, format: str) -> str:
    """The export of ``ges`` in ``format`` (``graphml``, ``gexf`` or ``bods``), as text.

    Raises:
        ValueError: an unknown format; the message lists the formats there are.

    Examples:
        >>> from ges_graph.graph import GES
        >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
        ...     {"id": "a", "name": "A", "form": "association"}]})
        >>> export_text(ges, "gexf").startswith("<?xml")
        True
        >>> export_text(ges, "svg")
        Traceback (most recent call last):
        ...
        ges_graph.errors.ArgumentError: unknown export format: 'svg' (must be one of graphml, ...)
    """
    if format not in EXPORT_FORMATS:
        raise ArgumentError(
            f"unknown export format: {format!r} (must be one of {', '.join(EXPORT_FORMATS)})"
        )
    return EXPORT_FORMATS[format][1](ges)


def write_export(ges: GES, path: str | os.PathLike[str], *, format: str | None = None) -> Path:
    """Export to ``path`` in ``format``, by default the one its suffix names; return the path.

    Raises:
        ValueError: no format given and the suffix names none; the message lists the suffixes.
    """
    fmt = format or export_format(path)
    if fmt is None:
        suffixes = ", ".join(suffix for suffix, _ in EXPORT_FORMATS.values())
        raise ArgumentError(
            f"unknown export format: {Path(path).name!r} (must end with one of {suffixes})"
        )
    return write_atomic(path, export_text(ges, fmt))
