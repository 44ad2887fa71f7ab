r"""Reading BODS 0.4 statements (beneficial ownership) into a GES document.

The Beneficial Ownership Data Standard describes who owns or controls whom as a JSON array of
statements: entity and person statements, and relationship statements whose *interests* say how
an interested party holds its subject. :func:`from_bods` reads them back into a document, the
converse of :func:`ges_graph.export.to_bods`; ``load`` and ``ges-graph convert`` read a JSON
file whose top level is an array as BODS (a GES document is a mapping).

The statements are first validated against the BODS 0.4 JSON Schema shipped with the package
(``schemas/bods-0.4``, needs ``jsonschema``: ``pip install 'ges-graph[bods]'``). Then:

- an **entity statement** gives an entity: its ``name``, a SIREN from an identifier of scheme
  ``FR-RCS``, ``FR-INSEE`` or ``FR-SIREN``, its form from the code the export writes in
  ``entityType.details`` (``association loi 1901 (association)``), else from ``entityType.type``
  (``stateBody``: ``public_body``, ``arrangement``: ``collective``, others ``other``); other
  identifiers are kept in ``attrs.bods_identifiers``;
- a **person statement** gives an entity of form ``person`` (the format has natural persons);
- a **relationship statement** gives one relation per kind of interest: ``shareholding`` a
  shareholding (``share``; the ``votingRights`` of the same statement its ``votes``),
  ``boardMember``/``boardChair`` a board seat, ``appointmentOfBoard`` or
  ``controlViaCompanyRulesOrArticles`` a statutory control, ``seniorManagingOfficial`` an office,
  ``otherInfluenceOrControl`` (and voting rights without shares) a membership. A share is exact
  (``exact``) or a range: ``minimum`` or ``exclusiveMinimum``, ``maximum`` or
  ``exclusiveMaximum`` (a missing maximum is 100); the format's ranges are inclusive, so an
  exclusive bound is read as the inclusive one and the statement's ``share`` is kept in the
  relation's ``attrs.bods_share``.

**What the format cannot hold is kept, not dropped, and not an error**: an interest of another
type (``trustee``, ``settlor``, ``rightsToProfitOrIncome``…), an ``indirect`` interest (the
format's relations are direct), a shareholding with no share or no lower bound above 0, and a
relationship whose party is unspecified go, with their ``statementId`` and the reason, to the
document's ``attrs.bods.unmapped``. What breaks BODS or cannot be placed is a
:class:`~ges_graph.errors.LoadError` whose path is the statement's index and field
(``[2].recordDetails.subject``) and whose message names its ``statementId``.

Examples:
    >>> from ges_graph.export import to_bods
    >>> from ges_graph.graph import GES
    >>> ges = GES.from_data({"format": "ges-graph/1", "id": "t", "name": "Groupe T", "entities": [
    ...     {"id": "asso", "name": "Tremplin", "form": "association", "siren": "732829320"},
    ...     {"id": "sas", "name": "Tremplin SAS", "form": "sas"}], "relations": [
    ...     {"type": "shareholding", "from": "asso", "to": "sas", "share": {"min": 50, "max": 75}},
    ...     {"type": "office", "from": "asso", "to": "sas", "office": "president"}]})
    >>> doc = from_bods(to_bods(ges, publication_date="2025-06-30"))
    >>> [(e.id, e.form.value, e.siren) for e in doc.entities]
    [('asso', 'association', '732829320'), ('sas', 'sas', None)]
    >>> [(r.type, r.from_, r.to) for r in doc.relations]
    [('shareholding', 'asso', 'sas'), ('office', 'asso', 'sas')]
    >>> doc.relations[0].share, doc.id, doc.name
    (PercentRange(min=50.0, max=75.0), 't', 'Tremplin')
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError

from ges_graph._data import bods_schema_dir
from ges_graph.errors import ErrorDetail, LoadError, MissingDependencyError
from ges_graph.i18n import Tr
from ges_graph.io.bods_records import (
    _STATEMENT,
    _common_prefix,
    _detail,
    _latest,
    _Reading,
    _records,
    _relationship,
    _sid,
)
from ges_graph.io.json_reader import _SUSPECT, _json_fast, _JsonReader
from ges_graph.io.source import _MAX_ERRORS, _capped, _raise_if
from ges_graph.model import FORMAT, SLUG_PATTERN, Document
from ges_graph.validation_messages import error_details

__all__ = ["from_bods", "loads_bods", "looks_like_bods"]

_SCHEMA = Tr("{error} (schéma BODS 0.4)", "{error} (BODS 0.4 schema)")
_NOT_ARRAY = Tr("des déclarations BODS forment un tableau JSON", "BODS statements are a JSON array")
_NO_ENTITY = Tr(
    "aucune déclaration d'entité ni de personne : un document a au moins une entité",
    "no entity or person statement: a document needs at least one entity",
)


def looks_like_bods(text: str) -> bool:
    r"""Whether JSON text is an array of objects, as BODS statements are (a cheap look, no parse).

    Examples:
        >>> looks_like_bods(' [\n {"statementId": "x"}]'), looks_like_bods('{"format": 1}')
        (True, False)
        >>> looks_like_bods("[1, 2]"), looks_like_bods("[]")
        (False, False)
    """
    return re.match(r"\s*\[\s*\{", text) is not None


def loads_bods(text: str, *, file: str = "<string>") -> Document:
    """A document from the text of a BODS 0.4 JSON array (already decoded, size checked).

    The JSON is read as the loader reads documents: a duplicate key, a number that is not finite
    or nesting deeper than 32 levels is refused with its line and column.

    Raises:
        LoadError: the text is not valid JSON, not valid BODS 0.4, or cannot be placed.
    """
    data = _json_fast(text)
    if data is _SUSPECT:
        data, errors, _ = _JsonReader(text).read()
        _raise_if(file, errors)
    return from_bods(data, file=file)


def _validator() -> Any:
    """The BODS 0.4 validator of an array of statements (jsonschema, optional)."""
    try:
        import jsonschema  # noqa: PLC0415 (an optional dependency, needed for BODS only)
        from referencing import Registry, Resource  # noqa: PLC0415
    except ImportError:
        raise MissingDependencyError(
            "reading BODS needs jsonschema: pip install 'ges-graph[bods]'"
        ) from None
    return _build_validator(jsonschema, Registry, Resource)


@functools.cache
def _build_validator(jsonschema: Any, registry_class: Any, resource_class: Any) -> Any:
    resources = []
    for path in sorted(bods_schema_dir().glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        if "$id" in schema:
            resources.append((schema["$id"], resource_class.from_contents(schema)))
    registry = registry_class().with_resources(resources)
    root = json.loads((bods_schema_dir() / "statement.json").read_text(encoding="utf-8"))
    cls = jsonschema.Draft202012Validator
    return cls(root, registry=registry, format_checker=cls.FORMAT_CHECKER)


def _path(parts: Sequence[Any]) -> str:
    """A path like the loader's: ``[2].recordDetails.interests[0].share``."""
    out = ""
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else f".{p}"
    return out


def _schema_errors(statements: Any, file: str) -> None:
    """Refuse what breaks the BODS 0.4 schema, each error at its statement and field."""
    if not isinstance(statements, list):
        raise LoadError(file, [ErrorDetail(
            "", _NOT_ARRAY.render("en"), type="not_bods", line=1, column=1,
            message_fr=_NOT_ARRAY.render("fr"),
        )])  # fmt: skip
    found = sorted(
        _validator().iter_errors(statements),
        key=lambda e: [(0, p) if isinstance(p, int) else (1, p) for p in e.absolute_path],
    )
    details = []
    for e in found[:_MAX_ERRORS]:
        where = list(e.absolute_path)
        index = where[0] if where and isinstance(where[0], int) else -1
        details.append(
            _detail(_path(where), _sid(statements, index), _SCHEMA, "bods_schema", error=e.message)
        )
    if details:
        raise LoadError(file, details, omitted=len(found) - len(details))


# --------------------------------------------------------------------------------------------
# The document
# --------------------------------------------------------------------------------------------


def _document_fields(
    reading: _Reading, order: list[int], entities: list[dict[str, Any]]
) -> dict[str, Any]:
    """``format``, ``name``, ``id``, ``as_of`` and ``sources`` from what the statements share."""
    statements = reading.statements
    subjects = [s.get("declarationSubject") for s in statements]
    head = reading.ids.get(subjects[0]) if subjects and isinstance(subjects[0], str) else None
    names = {e["id"]: e["name"] for e in entities}
    fields: dict[str, Any] = {
        "format": FORMAT,
        "name": names.get(head or "", entities[0]["name"]),
    }
    group = reading.prefix.rstrip("/")
    if re.fullmatch(SLUG_PATTERN, group):
        fields["id"] = group
    fields["as_of"] = max(statements[i]["statementDate"][:10] for i in order)
    urls = [s.get("source", {}).get("url") for s in statements]
    sources = list(dict.fromkeys(u for u in urls if isinstance(u, str) and u.strip()))
    if sources:
        fields["sources"] = sources
    return fields


def _model_errors(exc: ValidationError, origin: list[int], reading: _Reading) -> list[ErrorDetail]:
    """The model's errors, each moved to the statement the relation or entity came from."""
    out = []
    for d in error_details(exc):
        match = re.match(r"(entities|relations)\[(\d+)\]", d.path)
        if match is None:
            out.append(d)
            continue
        i = (
            origin[int(match[2])]
            if match[1] == "relations"
            else reading.entity_origin[int(match[2])]
        )
        sid = _sid(reading.statements, i)
        out.append(
            ErrorDetail(
                f"[{i}].recordDetails", _STATEMENT.format("en", sid=sid, what=d.message_in("en")),
                value=d.value, expected=d.expected, type=d.type, expected_fr=d.expected_fr,
                message_fr=_STATEMENT.format("fr", sid=sid, what=d.message_in("fr")),
            )
        )  # fmt: skip
    return out


def from_bods(statements: Any, *, file: str = "<bods>", name: str | None = None) -> Document:
    """A GES document from BODS 0.4 statements (the parsed JSON array).

    Args:
        statements: the statements, as read from JSON (a list of mappings).
        file: the name to give in errors.
        name: the group's name; by default the name of the entity the first statement's
            ``declarationSubject`` names (the group's head in an export of this library).

    Returns:
        The document: one entity per entity or person record, one relation per kind of interest
        the format has; ``as_of`` is the latest ``statementDate``; ``id`` the common prefix of
        the record ids, when there is one (as in an export); what the format cannot hold is in
        ``attrs.bods.unmapped`` (see the module's description).

    Raises:
        LoadError: the statements break the BODS 0.4 schema, a relationship names a record
            that is not there (or a person as its subject), or there is no entity at all; each
            error names the statement (its index as the path, its ``statementId`` in the
            message) and the field.
        MissingDependencyError: ``jsonschema`` is not installed.

    Examples:
        >>> from_bods({"format": "ges-graph/1"}, file="g.json")
        Traceback (most recent call last):
        ...
        ges_graph.errors.LoadError: g.json:1:1: BODS statements are a JSON array
    """
    _schema_errors(statements, file)
    order = _latest(statements)
    reading = _Reading(statements, _common_prefix([s["recordId"] for s in statements]))
    entities = _records(reading, order)
    if not entities:
        raise LoadError(file, [ErrorDetail(
            "", _NO_ENTITY.render("en"), type="too_short", message_fr=_NO_ENTITY.render("fr"),
        )])  # fmt: skip
    relations: list[dict[str, Any]] = []
    origin: list[int] = []
    used = {e["id"] for e in entities}
    for i in order:
        s = statements[i]
        if s["recordType"] != "relationship" or s.get("recordStatus") == "closed":
            continue
        for rel in _relationship(reading, i):
            if rel.get("id") in used:
                del rel["id"]
            used.add(rel.get("id", ""))
            relations.append(rel)
            origin.append(i)
    _raise_if(file, reading.errors)
    data = _document_fields(reading, order, entities) | {"entities": entities}
    data["name"] = name if name is not None else data["name"]
    if relations:
        data["relations"] = relations
    if reading.unmapped:
        data["attrs"] = {"bods": {"unmapped": reading.unmapped}}
    try:
        return Document.model_validate(data)
    except ValidationError as exc:
        raise _capped(file, _model_errors(exc, origin, reading)) from None
