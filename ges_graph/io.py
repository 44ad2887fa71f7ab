"""Loading and saving GES documents (YAML, JSON), with errors that point at the place.

Provisional version: the loader below is being rewritten (line numbers, duplicate keys, alias
bombs, depth and size limits). The signatures are the contract.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import ValidationError

from ges_graph.errors import ErrorDetail, LoadError
from ges_graph.graph import GES, details_from_validation_error
from ges_graph.model import Document

__all__ = ["MAX_SIZE", "Syntax", "dumps", "load", "load_document", "loads", "save"]

Syntax = Literal["yaml", "json"]
MAX_SIZE = 16 * 1024 * 1024
"""Default size limit of a document, in bytes."""


def _syntax_of(path: str | os.PathLike[str]) -> Syntax:
    suffix = Path(path).suffix.lower()
    if suffix in (".yaml", ".yml"):
        return "yaml"
    if suffix == ".json":
        return "json"
    raise LoadError(str(path), [ErrorDetail("", "unknown suffix", suffix, ".yaml, .yml or .json")])


def load_document(
    path: str | os.PathLike[str], *, syntax: Syntax | None = None, max_size: int = MAX_SIZE
) -> Document:
    """Load a document from a file; the syntax comes from the suffix unless given."""
    syntax = syntax or _syntax_of(path)
    data = Path(path).read_bytes()
    return loads_document(data, syntax=syntax, file=str(path), max_size=max_size)


def loads_document(
    text: str | bytes, *, syntax: Syntax, file: str = "<string>", max_size: int = MAX_SIZE
) -> Document:
    """Load a document from text or bytes."""
    raw: Any = json.loads(text) if syntax == "json" else yaml.safe_load(text)
    try:
        return Document.model_validate(raw)
    except ValidationError as exc:
        raise LoadError(file, details_from_validation_error(exc)) from None


def load(
    path: str | os.PathLike[str], *, syntax: Syntax | None = None, max_size: int = MAX_SIZE
) -> GES:
    """Load a GES from a file."""
    return GES(load_document(path, syntax=syntax, max_size=max_size))


def loads(
    text: str | bytes, *, syntax: Syntax, file: str = "<string>", max_size: int = MAX_SIZE
) -> GES:
    """Load a GES from text or bytes."""
    return GES(loads_document(text, syntax=syntax, file=file, max_size=max_size))


def dumps(obj: GES | Document, *, syntax: Syntax = "yaml") -> str:
    """The document as YAML or JSON text."""
    doc = obj.document if isinstance(obj, GES) else obj
    data = doc.model_dump(mode="json", exclude_defaults=True)
    if syntax == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def save(
    obj: GES | Document, path: str | os.PathLike[str], *, syntax: Syntax | None = None
) -> None:
    """Write the document to a file; the syntax comes from the suffix unless given."""
    Path(path).write_text(dumps(obj, syntax=syntax or _syntax_of(path)), encoding="utf-8")
