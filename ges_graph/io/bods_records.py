"""BODS 0.4 records and interests, read into the entities and relations of a document.

The reading of :mod:`ges_graph.io.bods`, which validates the statements first and assembles the
document: :func:`_records` gives the entities (entity and person statements), :func:`_relationship`
the relations of one relationship statement, keeping what the format cannot hold in
``_Reading.unmapped``.

Examples:
    >>> _percent({"exclusiveMinimum": 25, "maximum": 50})
    ({'min': 25, 'max': 50}, True)
    >>> _percent({"exact": 100}), _percent({"maximum": 10})
    ((100, False), (None, False))
    >>> _office("président de SAS"), _office("présidence (president)")
    (<OfficeRole.PRESIDENT: 'president'>, <OfficeRole.PRESIDENT: 'president'>)
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ges_graph._ids import unique_id
from ges_graph.errors import ErrorDetail
from ges_graph.i18n import Tr
from ges_graph.model import ID_PATTERN
from ges_graph.vocabulary import Category, Form, OfficeRole

__all__: list[str] = []  # internal to ges_graph.io.bods

_STATEMENT = Tr("déclaration {sid} : {what}", "statement {sid}: {what}")
_NO_RECORD = Tr(
    "{key} {ref!r} ne désigne aucune déclaration d'entité ni de personne",
    "{key} {ref!r} names no entity or person statement",
)
_PERSON_SUBJECT = Tr(
    "{key} {ref!r} est une personne : le sujet d'une relation est une entité",
    "{key} {ref!r} is a person: the subject of a relationship is an entity",
)
_SIREN_SCHEMES = frozenset({"FR-RCS", "FR-INSEE", "FR-SIREN"})
_TYPE_FORMS = {"stateBody": Form.PUBLIC_BODY, "arrangement": Form.COLLECTIVE}
_CODE_IN_DETAILS = re.compile(r"\(([a-z_]+)\)\s*$")
_SEATS = re.compile(r"\b(\d+) seats?\b")
_COLLEGE = re.compile(r"college: ([a-z_]+)")
_STATUTORY = frozenset({"appointmentOfBoard", "controlViaCompanyRulesOrArticles"})
_MAPPED = frozenset(
    {"shareholding", "votingRights", "boardMember", "boardChair", "seniorManagingOfficial"}
    | {"otherInfluenceOrControl"}
    | _STATUTORY
)
_OFFICE_WORDS = (
    (re.compile(r"pr[ée]sident|chair|president", re.I), OfficeRole.PRESIDENT),
    (re.compile(r"directeur g[ée]n[ée]ral|direction g[ée]n[ée]rale|general manager|\bceo\b", re.I),
     OfficeRole.GENERAL_MANAGER),
    (re.compile(r"g[ée]ran(t|ce)|\bmanager\b", re.I), OfficeRole.MANAGER),
)  # fmt: skip


def _sid(statements: Sequence[Any], index: int) -> str:
    s = statements[index] if 0 <= index < len(statements) else None
    sid = s.get("statementId") if isinstance(s, Mapping) else None
    return repr(sid) if isinstance(sid, str) else f"#{index}"


def _detail(
    path: str, sid: str, words: Tr, kind: str, value: Any = None, **fields: Any
) -> ErrorDetail:
    """An error at ``path`` whose message begins with the statement it is in."""
    return ErrorDetail(
        path, _STATEMENT.format("en", sid=sid, what=words.format("en", **fields)), value=value,
        type=kind, message_fr=_STATEMENT.format("fr", sid=sid, what=words.format("fr", **fields)),
    )  # fmt: skip


# --------------------------------------------------------------------------------------------
# Records to entities
# --------------------------------------------------------------------------------------------


@dataclass
class _Reading:
    """What is known while reading: record ids to entity ids, and what goes to ``attrs``."""

    statements: Sequence[Mapping[str, Any]]
    prefix: str
    ids: dict[str, str] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    entity_origin: list[int] = field(default_factory=list)
    unmapped: list[dict[str, Any]] = field(default_factory=list)
    errors: list[ErrorDetail] = field(default_factory=list)

    def local_id(self, record_id: str, taken: set[str]) -> str:
        """An id of the format for ``record_id``: the record id without the common prefix."""
        rid = record_id[len(self.prefix) :]
        base = rid
        if not re.fullmatch(ID_PATTERN, rid):
            base = re.sub(r"[^A-Za-z0-9_.:-]+", "-", rid).strip("-_.:")[:60] or "record"
        return unique_id(base, taken)

    def skip(self, i: int, reason: str, **what: Any) -> None:
        """Keep what the format cannot hold in ``attrs.bods.unmapped``."""
        s = self.statements[i]
        self.unmapped.append(
            {"statementId": s["statementId"], "recordId": s["recordId"], "reason": reason, **what}
        )


def _common_prefix(record_ids: Sequence[str]) -> str:
    """``group/`` when every record id is ``group/<something>`` with the same ``group``."""
    heads = {rid.rpartition("/")[0] for rid in record_ids}
    if len(heads) == 1 and all("/" in rid for rid in record_ids):
        return heads.pop() + "/"
    return ""


def _latest(statements: Sequence[Mapping[str, Any]]) -> list[int]:
    """The index of the latest statement of each record, in the order records first appear.

    BODS 0.4 updates a record by a later statement with the same ``recordId``.
    """
    latest: dict[str, int] = {}
    for i, s in enumerate(statements):
        rid = s["recordId"]
        if rid not in latest or statements[latest[rid]]["statementDate"] <= s["statementDate"]:
            latest[rid] = i
    return list(latest.values())


def _siren(identifiers: Sequence[Mapping[str, Any]]) -> str | None:
    for ident in identifiers:
        digits = str(ident.get("id", "")).replace(" ", "")
        if ident.get("scheme") in _SIREN_SCHEMES and re.fullmatch(r"[0-9]{9}", digits):
            total = sum(sum(divmod(int(d) * (1 + k % 2), 10)) for k, d in enumerate(digits))
            if total % 10 == 0:
                return digits
    return None


def _entity(details: Mapping[str, Any], eid: str, rid: str) -> dict[str, Any]:
    kind = details["entityType"]
    code = _CODE_IN_DETAILS.search(kind.get("details", ""))
    form = Form(code[1]) if code and code[1] in Form._value2member_map_ else None
    if form is None or form is Form.PERSON:
        form = _TYPE_FORMS.get(kind["type"], Form.OTHER)
    unspecified = details.get("unspecifiedEntityDetails", {}).get("description")
    name = details.get("name", "")
    entity: dict[str, Any] = {
        "id": eid,
        "name": name if name.strip() else (unspecified or rid),
        "form": form.value,
    }
    identifiers = list(details.get("identifiers", ()))
    siren = _siren(identifiers)
    if siren is not None:
        entity["siren"] = siren
    others = [i for i in identifiers if _siren([i]) is None]
    if others:
        entity["attrs"] = {"bods_identifiers": others}
    return entity


def _person(details: Mapping[str, Any], eid: str, rid: str) -> dict[str, Any]:
    names = details.get("names") or [{}]
    first = names[0]
    parts = [first.get("givenName"), first.get("familyName")]
    name = first.get("fullName") or " ".join(p for p in parts if p)
    if not name.strip():
        name = details.get("unspecifiedPersonDetails", {}).get("description") or rid
    return {"id": eid, "name": name, "form": Form.PERSON.value}


def _records(reading: _Reading, order: list[int]) -> list[dict[str, Any]]:
    taken: set[str] = set()
    entities = []
    for i in order:
        s = reading.statements[i]
        if s["recordType"] == "relationship":
            continue
        rid = s["recordId"]
        eid = reading.local_id(rid, taken)
        reading.ids[rid], reading.kinds[rid] = eid, s["recordType"]
        read = _entity if s["recordType"] == "entity" else _person
        entity = read(s["recordDetails"], eid, rid)
        if eid != rid[len(reading.prefix) :]:
            entity.setdefault("attrs", {})["bods_record_id"] = rid
        entities.append(entity)
        reading.entity_origin.append(i)
    return entities


# --------------------------------------------------------------------------------------------
# Interests to relations
# --------------------------------------------------------------------------------------------


def _bounds(share: Mapping[str, Any]) -> tuple[float | None, float | None, bool]:
    """(low, high, exclusive): the share's bounds, and whether one of them was exclusive."""
    if "exact" in share:
        return share["exact"], share["exact"], False
    low = share.get("minimum", share.get("exclusiveMinimum"))
    high = share.get("maximum", share.get("exclusiveMaximum", 100 if low is not None else None))
    exclusive = "minimum" not in share and "exclusiveMinimum" in share
    exclusive |= "maximum" not in share and "exclusiveMaximum" in share
    return low, high, exclusive


def _percent(share: Mapping[str, Any] | None) -> tuple[Any, bool]:
    """The format's percentage for a BODS share (``None`` without bounds), and if inexact."""
    if not share:
        return None, False
    low, high, exclusive = _bounds(share)
    if low is None or high is None or low > high:
        return None, False
    return (low if "exact" in share else {"min": low, "max": high}), exclusive


def _dated(relation: dict[str, Any], interest: Mapping[str, Any]) -> dict[str, Any]:
    for key, name in (("startDate", "start"), ("endDate", "end")):
        if key in interest:
            relation[name] = interest[key][:10]
    return relation


def _office(details: str) -> OfficeRole:
    code = _CODE_IN_DETAILS.search(details)
    if code and code[1] in OfficeRole._value2member_map_:
        return OfficeRole(code[1])
    for words, role in _OFFICE_WORDS:
        if words.search(details):
            return role
    return OfficeRole.DIRECTOR


def _category(details: str) -> str | None:
    college = _COLLEGE.search(details)
    return college[1] if college and college[1] in Category._value2member_map_ else None


@dataclass
class _Interests:
    """The interests of one relationship statement, by type, in their order."""

    by_type: dict[str, list[Mapping[str, Any]]]

    def first(self, *types: str) -> Mapping[str, Any] | None:
        found = [i for t in types for i in self.by_type.get(t, ())]
        return found[0] if found else None


def _capital(ends: dict[str, Any], got: _Interests) -> list[dict[str, Any]]:
    """The shareholding (with its votes), or the votes alone as a membership."""
    held, voting = got.first("shareholding"), got.first("votingRights")
    votes, votes_inexact = _percent(voting.get("share") if voting else None)
    out: list[dict[str, Any]] = []
    if held is not None:
        share, inexact = _percent(held.get("share"))
        rel = _dated({"type": "shareholding", **ends, "share": share}, held)
        if votes is not None:
            rel["votes"] = votes
        category = _category(held.get("details", ""))
        if category is not None:
            rel["category"] = category
        if inexact or votes_inexact:
            rel["attrs"] = {
                "bods_share": held.get("share"),
                "bods_votes": voting and voting.get("share"),
            }
        out.append(rel)
    elif voting is not None and votes is not None:
        out.append(_dated({"type": "membership", **ends, "votes": votes}, voting))
    return out


def _governance(ends: dict[str, Any], got: _Interests) -> list[dict[str, Any]]:
    """Board seats, statutory control, office and membership."""
    out: list[dict[str, Any]] = []
    board, chair = got.first("boardMember"), got.first("boardChair")
    if board is not None or chair is not None:
        seats = _SEATS.search((board or {}).get("details", ""))
        first = board if board is not None else chair
        assert first is not None
        rel = {"type": "board", **ends, "seats": int(seats[1]) if seats else 1}
        out.append(_dated(rel | ({"chair": True} if chair is not None else {}), first))
    statutory = got.first(*_STATUTORY)
    if statutory is not None:
        out.append(_dated({"type": "statutory_control", **ends}, statutory))
    for official in got.by_type.get("seniorManagingOfficial", ()):
        role = _office(official.get("details", ""))
        out.append(_dated({"type": "office", **ends, "office": role.value}, official))
    for other in got.by_type.get("otherInfluenceOrControl", ()):
        details = other.get("details", "")
        rel = {"type": "membership", **ends}
        votes, _ = _percent(other.get("share"))
        rel |= {"votes": votes} if votes is not None else {}
        rel |= {"ex_officio": True} if "ex officio" in details else {}
        category = _category(details)
        rel |= {"category": category} if category is not None else {}
        out.append(_dated(rel, other))
    return out


def _relationship(reading: _Reading, i: int) -> list[dict[str, Any]]:
    """The relations of relationship statement ``i`` (what the format cannot hold is kept)."""
    s = reading.statements[i]
    details = s["recordDetails"]
    ends: dict[str, Any] = {}
    for key, end in (("subject", "to"), ("interestedParty", "from")):
        ref = details[key]
        if not isinstance(ref, str):
            reading.skip(i, f"unspecified {key}", **{key: ref})
            return []
        if ref not in reading.ids or (key == "subject" and reading.kinds[ref] != "entity"):
            words = _NO_RECORD if ref not in reading.ids else _PERSON_SUBJECT
            reading.errors.append(
                _detail(f"[{i}].recordDetails.{key}", _sid(reading.statements, i), words,
                        "unknown_record", ref, key=key, ref=ref)
            )  # fmt: skip
            return []
        ends[end] = reading.ids[ref]
    if ends["from"] == ends["to"]:
        reading.skip(i, "subject and interested party are the same record")
        return []
    got = _Interests({})
    for interest in details.get("interests", ()):
        if interest["type"] not in _MAPPED:
            reading.skip(i, "interest type the format does not have", interest=interest)
        elif interest.get("directOrIndirect") == "indirect":
            reading.skip(
                i, "indirect interest (the format's relations are direct)", interest=interest
            )
        elif interest["type"] == "shareholding" and _percent(interest.get("share"))[0] is None:
            reading.skip(i, "shareholding without a share", interest=interest)
        elif interest["type"] == "shareholding" and not _bounds(interest["share"])[0]:
            reading.skip(i, "shareholding whose share may be 0", interest=interest)
        else:
            got.by_type.setdefault(interest["type"], []).append(interest)
    relations = _capital(ends, got) + _governance(ends, got)
    note = [
        a["description"]
        for a in s.get("annotations", ())
        if a.get("motivation") == "commenting" and a.get("description")
    ]
    for rel in relations:
        if note:
            rel["note"] = note[0]
    rid = s["recordId"][len(reading.prefix) :]
    if len(relations) == 1 and re.fullmatch(ID_PATTERN, rid) and not rid.startswith("relations["):
        relations[0]["id"] = rid
    return relations
