"""From text to a validated document: the syntax's plain data, then the model, errors placed.

:func:`_read` gives the plain data of the text (or raises the syntax's errors); :func:`_validate`
validates it with :class:`~ges_graph.model.Document`, and on failure turns pydantic's errors into
error details (:func:`ges_graph.validation_messages.error_details`) placed at their line and
column, with the duplicate ids and dangling references the model had no time to check, sorted
in document order.

Examples:
    >>> text = '{"format": "ges-graph/1", "name": "G", "entities": []}'
    >>> data, marks = _read(text, "json", "g.json")
    >>> _validate(data, text, "json", "g.json", marks)
    Traceback (most recent call last):
    ...
    ges_graph.errors.LoadError: g.json:1:52: entities: at least one entity is required
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from ges_graph._lazy import lazy_module
from ges_graph.errors import ErrorDetail, LoadError
from ges_graph.io.json_reader import _SURROGATE, _SUSPECT, _attrs_suspect, _json_fast, _JsonReader
from ges_graph.io.source import Syntax, _capped, _Errors, _Marks, _raise_if
from ges_graph.model import Document, _fold_id
from ges_graph.validation_messages import ENTITY_ID, describe_value, error_details, no_entity

if TYPE_CHECKING:
    from ges_graph.io import yaml_reader
else:  # the YAML reader (and PyYAML): loaded when a YAML text comes, never for JSON
    yaml_reader = lazy_module("ges_graph.io.yaml_reader")

__all__: list[str] = []  # internal to ges_graph.io, which reads with it


def _read(source: str, syntax: Syntax, file: str) -> tuple[Any, _Marks | None]:
    """Plain data from the text; marks when they were computed already (on an error path)."""
    marks: _Marks | None = None
    if syntax == "json":
        data = _json_fast(source)
        if (
            data is _SUSPECT
            or _attrs_suspect(data)
            or ("\\u" in source and _SURROGATE.search(source))
        ):
            data, errors, marks = _JsonReader(source).read()
            _raise_if(file, errors)
    else:
        data, errors, marks = yaml_reader._read_yaml(source, record=False)
        _raise_if(file, errors)
        marks = None
    if not isinstance(data, dict):
        raise LoadError(
            file,
            [
                ErrorDetail(
                    "",
                    "the document is empty"
                    if data is None
                    else f"the document is {describe_value(data)}",
                    expected="a mapping with format, name and entities",
                    line=1,
                    column=1,
                    type="not_a_mapping",
                    message_fr="le document est vide"
                    if data is None
                    else f"le document est {describe_value(data, 'fr')}",
                    expected_fr="un dictionnaire avec format, name et entities",
                )
            ],
        )
    return data, marks


_READ = {"read": True}
"""The validation context of data a reader of the format gave (see ``Document``)."""
_READ_NO_NULL = {"read": True, "nulls": False}
"""The same, for data that surely holds no null (a JSON text without the word ``null``)."""


def _validate(
    data: dict[str, Any],
    source: str,
    syntax: Syntax,
    file: str,
    marks: _Marks | None,
    *,
    read: bool = True,
) -> Document:
    # The model drops nulls and refuses what the readers refuse (issue 15, item 9); data that
    # one of them gave (``read``) holds none of it, and is not scanned again.
    try:
        if not read:
            return Document.model_validate(data)
        no_null = syntax == "json" and "null" not in source
        return Document.model_validate(data, context=_READ_NO_NULL if no_null else _READ)
    except ValidationError as exc:
        details = error_details(exc)
    if not any(d.type in ("unknown_entity", "duplicate_id") for d in details):
        details += _reference_errors(data)
    deep: list[ErrorDetail] = []
    if marks is None:
        if syntax == "json":
            _, deep, marks = _JsonReader(source).read()
        else:
            _, deep, marks = yaml_reader._read_yaml(source, record=True)
    # The fast JSON reader leaves deep nesting outside ``attrs`` to the model, which calls it a
    # wrong type; the slow reader, run for the marks, names it for what it is.
    placed = [
        _place(d, marks)
        for d in details
        if not any(d.path == e.path or e.path.startswith(d.path + "[") for e in deep)
    ]
    placed += deep
    order = sorted(
        range(len(placed)), key=lambda i: (placed[i].line or 0, placed[i].column or 0, i)
    )
    counted = deep if isinstance(deep, _Errors) else _Errors()  # the reader's, beyond those kept
    raise _capped(file, [placed[i] for i in order], more=counted.more, stopped=counted.stopped)


def _reference_errors(data: dict[str, Any]) -> list[ErrorDetail]:
    """Duplicate ids and dangling relation ends, when the model stopped before checking them.

    The model checks references once every entity and relation is valid; when another error
    stops it, such an error may still come first in the document, and must then be reported
    first. Ids are taken as written, valid or not; the messages are the model's.
    """
    entities, relations = data.get("entities"), data.get("relations")
    entities = entities if isinstance(entities, list) else []
    relations = relations if isinstance(relations, list) else []
    out = []

    def add(
        path: str, message: tuple[str, str], value: str, expected: str | None, kind: str
    ) -> None:
        out.append(
            ErrorDetail(
                path,
                message[0],
                value,
                expected,
                type=kind,
                message_fr=message[1],
                expected_fr=ENTITY_ID[1] if expected else None,
            )
        )

    ids: set[str] = set()
    for i, entity in enumerate(entities):
        value = entity.get("id") if isinstance(entity, dict) else None
        if isinstance(value, str):
            if value in ids:
                add(
                    f"entities[{i}].id",
                    (f"duplicate entity id '{value}'", f"id d'entité en double : « {value} »"),
                    value,
                    None,
                    "duplicate_id",
                )
            ids.add(value)
    relation_ids: set[str] = set()
    folded: dict[str, str] | None = None  # each id by its folded form, made at need
    for i, relation in enumerate(relations):
        if not isinstance(relation, dict):
            continue
        value = relation.get("id")
        if isinstance(value, str):
            if value in ids:
                message = (
                    f"relation id '{value}' is already an entity id",
                    f"l'id de relation '{value}' est déjà l'id d'une entité",
                )
                add(f"relations[{i}].id", message, value, None, "duplicate_id")
            elif value in relation_ids:
                message = (
                    f"duplicate relation id '{value}'",
                    f"id de relation en double : « {value} »",
                )
                add(f"relations[{i}].id", message, value, None, "duplicate_id")
            relation_ids.add(value)
        for end in ("from", "to"):
            value = relation.get(end)
            if isinstance(value, str) and value not in ids:
                if folded is None:
                    folded = {_fold_id(x): x for x in ids}
                close = folded.get(_fold_id(value))
                add(
                    f"relations[{i}].{end}",
                    no_entity(close),
                    value,
                    ENTITY_ID[0],
                    "unknown_entity",
                )
    return out


def _place(detail: ErrorDetail, marks: _Marks) -> ErrorDetail:
    """The detail with the line and column of its path (or of its nearest ancestor)."""
    where = marks.get(detail.path + "\0key") if detail.type == "extra_forbidden" else None
    path = detail.path
    while where is None:
        where = marks.get(path)
        if where is not None or not path:
            break
        cut = max(path.rfind("."), path.rfind("["))
        path = path[:cut] if cut > 0 else ""
    if where is None:
        return detail
    return dataclasses.replace(detail, line=where[0], column=where[1])
