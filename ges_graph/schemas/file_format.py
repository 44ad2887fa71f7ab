"""The schema-file format as a whole: the file model and the JSON Schema generated from it.

:class:`SchemaFile` is the content of a schema file (``schemas/coorace/S1.yaml`` or a user's
own); its conditions use the language of :mod:`ges_graph.schemas.predicates`. The committed
JSON Schema ``schemas/json/ges-schema.schema.json`` is :func:`dump_json_schema`'s output (a test
fails when it drifts; the models' docstrings are its descriptions). The reference files' YAML
ships parsed in advance too (:func:`reference_cache_text`), so that the first classification of
a process does not spend its time in the YAML parser.

Examples:
    >>> json_schema()["title"]
    'ges-graph schema file'
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import ConfigDict, Field

from ges_graph._data import reference_schema_paths
from ges_graph.schemas.predicates import Strict, Test

__all__ = [
    "ConditionSpec",
    "Confidence",
    "SchemaFile",
    "Text",
    "VariantSpec",
    "dump_json_schema",
    "json_schema",
    "reference_cache_text",
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


# -- the reference files, parsed in advance ------------------------------------------------

_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's loader where PyYAML was built with it (ten times faster), else the pure Python one."""

_CACHE = Path(__file__).with_name("reference_parsed.json")
"""The YAML of the reference files, parsed in advance (:func:`reference_cache_text`), by the
SHA-256 of each file's text: a file whose text is the one shipped is not parsed again (YAML is
most of the time of loading), one that changed or was added is parsed as any schema file.
``tests/test_startup.py`` fails when this file is out of date."""


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _tagged(value: Any) -> Any:
    """``value`` for JSON, which has no date: a YAML date (``as_of``) becomes ``{"$date": ...}``."""
    if isinstance(value, dict):
        return {key: _tagged(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_tagged(item) for item in value]
    return {"$date": value.isoformat()} if isinstance(value, dt.date) else value


def _untag_date(obj: dict[str, Any]) -> Any:
    return dt.date.fromisoformat(obj["$date"]) if obj.keys() == {"$date"} else obj


def _reference_cache() -> dict[str, Any]:
    """The parses of :data:`_CACHE`, by hash; none when the file is missing or unreadable."""
    try:
        data: dict[str, Any] = json.loads(_CACHE.read_bytes(), object_hook=_untag_date)
    except (OSError, ValueError):
        return {}
    return data


def reference_cache_text() -> str:
    """What ``ges_graph/schemas/reference_parsed.json`` holds: each reference file's YAML, parsed.

    Regenerate it after changing a reference file:
    ``python -c "from ges_graph.schemas.file_format import reference_cache_text as t;
    print(t(), end='')" > ges_graph/schemas/reference_parsed.json``.

    Examples:
        >>> import json
        >>> len(json.loads(reference_cache_text())) == len(reference_schema_paths())
        True
    """
    parsed = {}
    for path in reference_schema_paths():
        text = path.read_text(encoding="utf-8")
        parsed[_digest(text)] = _tagged(yaml.load(text, Loader=_SafeLoader))  # a safe loader
    return json.dumps(parsed, ensure_ascii=False, sort_keys=True) + "\n"
