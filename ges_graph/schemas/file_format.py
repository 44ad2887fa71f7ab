"""The schema-file format as a whole: the file model and the JSON Schema generated from it.

:class:`SchemaFile` is the content of a schema file (``schemas/coorace/S1.yaml`` or a user's
own); its conditions use the language of :mod:`ges_graph.schemas.predicates`. The committed
JSON Schema ``schemas/json/ges-schema.schema.json`` is :func:`dump_json_schema`'s output (a test
fails when it drifts; the models' docstrings are its descriptions).

Examples:
    >>> json_schema()["title"]
    'ges-graph schema file'
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field

from ges_graph.schemas.predicates import Strict, Test

__all__ = [
    "ConditionSpec",
    "Confidence",
    "SchemaFile",
    "Text",
    "VariantSpec",
    "dump_json_schema",
    "json_schema",
]


Confidence = Literal["high", "medium", "low to medium", "low"]
"""How sure a schema's reconstruction is."""


class Text(Strict):
    """A sentence in French and in English."""

    fr: Annotated[str, Field(min_length=1)]
    en: Annotated[str, Field(min_length=1)]


class ConditionSpec(Strict):
    """One named condition of a schema file."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
    text: Text
    test: Test


class VariantSpec(Strict):
    """A variant: the first whose test holds names the match."""

    id: Annotated[str, Field(pattern=r"^[A-Za-z0-9]+$")]
    text: Text
    test: Test


class SchemaFile(Strict):
    """The content of a schema file (the JSON Schema ``schemas/json/ges-schema.schema.json``)."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        title="ges-graph schema file",
    )

    id: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$")]
    title: Text
    confidence: Confidence
    basis: Text
    head_condition: ConditionSpec
    conditions: tuple[ConditionSpec, ...] = ()
    variants: tuple[VariantSpec, ...] = ()
    example: dict[str, Any]


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the schema-file format, generated from :class:`SchemaFile`.

    Examples:
        >>> sorted(json_schema()["properties"])[:4]
        ['basis', 'conditions', 'confidence', 'example']
    """
    body = SchemaFile.model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "urn:ges-graph:schema:ges-schema:1",
        **body,
    }


def dump_json_schema() -> str:
    """The JSON Schema as committed in ``schemas/json/ges-schema.schema.json``."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
