"""The JSON Schema of the format, generated from the models (``schemas/json/``).

The committed copy, ``schemas/json/ges-document.schema.json``, is checked against
:func:`document_json_schema` by the tests (``GES_UPDATE_SCHEMA=1`` rewrites it).
"""

from __future__ import annotations

from typing import Any

from ges_graph.model import FORMAT, RELATION_CLASSES, Document

__all__ = ["SCHEMA_ID", "document_json_schema"]

SCHEMA_ID = "urn:ges-graph:schema:ges-document:1"
"""The ``$id`` of the format's JSON Schema (``schemas/json/ges-document.schema.json``)."""


def document_json_schema() -> dict[str, Any]:
    """The JSON Schema of format ``ges-graph/1``, generated from the models.

    The committed copy is ``schemas/json/ges-document.schema.json`` (a test fails when it drifts).
    It lets an editor check a document as it is typed; what it cannot say (unique ids, references,
    SIREN checksums, a ``start`` after its ``end``) is still checked at load.

    Examples:
        >>> schema = document_json_schema()
        >>> schema["$id"], schema["properties"]["format"]["const"]
        ('urn:ges-graph:schema:ges-document:1', 'ges-graph/1')
        >>> schema["$defs"]["Entity"]["additionalProperties"]
        False
    """
    generated = _tidy_schema(Document.model_json_schema(by_alias=True, mode="validation"))
    props = generated["properties"]
    props["format"] = {
        "const": FORMAT,
        "title": "Format",
        "description": "format and version of the document",
    }
    props["entities"]["minItems"] = 1
    for cls in RELATION_CLASSES.values():
        definition = generated["$defs"][cls.__name__]
        definition["required"] = ["type", *definition.get("required", [])]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **generated,
        "title": "GES document (ges-graph/1)",
        "description": (
            "A Groupe Économique Solidaire: its legal entities and the relations between them. "
            "Generated from the ges-graph models; see docs/format.md."
        ),
    }


_SCHEMA_BOUNDS = {
    "ge": "minimum",
    "le": "maximum",
    "gt": "exclusiveMinimum",
    "lt": "exclusiveMaximum",
}


def _tidy_schema(node: Any) -> Any:
    """The generated schema with standard keywords and short descriptions.

    pydantic leaves bounds that follow a ``BeforeValidator`` as ``ge``/``le``: they become
    ``minimum``/``maximum``; descriptions lose their doctest examples.
    """
    if isinstance(node, list):
        return [_tidy_schema(v) for v in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key in _SCHEMA_BOUNDS and "type" in node:
            out[_SCHEMA_BOUNDS[key]] = value
        elif key == "description" and isinstance(value, str):
            out[key] = value.split("\n\nExamples:")[0]
        else:
            out[key] = _tidy_schema(value)
    return out
