"""Writing documents back: :func:`dumps` (YAML or JSON text) and :func:`save` (to a file).

What is written reads back to an equal document: keys in the order of the format, default values
left out, numbers with no fractional part as integers, dates as dates, ``attrs`` as it is.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
from typing import TYPE_CHECKING, Any

from ges_graph._files import write_atomic
from ges_graph._lazy import lazy_module
from ges_graph.errors import ArgumentError, ArgumentTypeError
from ges_graph.graph import GES
from ges_graph.io.loading import syntax_of
from ges_graph.io.source import Syntax
from ges_graph.model import Document

if TYPE_CHECKING:
    from ges_graph.io import spreadsheet
else:  # the workbook and CSV writers: loaded when such an output is asked for
    spreadsheet = lazy_module("ges_graph.io.spreadsheet")

__all__ = ["dumps", "save"]

if TYPE_CHECKING:
    import yaml
else:  # PyYAML: loaded when YAML is written
    yaml = lazy_module("yaml")


@functools.cache
def _dumper() -> type[Any]:
    """The YAML dumper: libyaml's when PyYAML has it, else the pure Python one."""
    dumper: type[Any] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return dumper


"""libyaml's safe dumper where PyYAML was built with it, else PyYAML's."""


def dumps(obj: GES | Document, *, syntax: Syntax = "yaml") -> str:
    """The document as YAML or JSON text, which :func:`loads` reads back to an equal document.

    Keys come in the order of the format; default values are left out; numbers with no fractional
    part are written as integers (``share: 100``), dates as dates; ``attrs`` is written as it is.
    YAML is in block style, with non-ASCII characters kept.

    Examples:
        >>> ges = GES.from_data({"format": "ges-graph/1", "name": "Groupe Été", "entities": [
        ...     {"id": "a", "name": "A", "form": "association"},
        ...     {"id": "b", "name": "B", "form": "sas"}], "relations": [
        ...     {"type": "shareholding", "from": "a", "to": "b", "share": 100,
        ...      "start": "2020-01-01"}]})
        >>> print(dumps(ges))
        format: ges-graph/1
        name: Groupe Été
        entities:
        - id: a
          name: A
          form: association
        - id: b
          name: B
          form: sas
        relations:
        - type: shareholding
          from: a
          to: b
          start: 2020-01-01
          share: 100
        <BLANKLINE>
        >>> dumps(ges, syntax="json").splitlines()[:3]
        ['{', '  "format": "ges-graph/1",', '  "name": "Groupe Été",']
    """
    doc = obj.document if isinstance(obj, GES) else obj
    if not isinstance(doc, Document):
        raise ArgumentTypeError(f"dumps expects a GES or a Document, not {type(doc).__name__}")
    data = doc.model_dump(mode="json", exclude_defaults=True, by_alias=True)
    data = _integral_numbers(data)
    if syntax == "json":
        return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    if syntax != "yaml":
        raise ArgumentError(f"unknown syntax: {syntax!r} (must be one of ['yaml', 'json'])")
    _restore_dates(data)
    text: str = yaml.dump(
        data,
        Dumper=_dumper(),
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=100,
    )
    return text


def save(
    obj: GES | Document, path: str | os.PathLike[str], *, syntax: Syntax | None = None
) -> None:
    """Write the document to a file (UTF-8); the syntax comes from the suffix unless given.

    The file is written whole or not at all (:func:`ges_graph._files.write_atomic`): a failure
    part-way leaves an earlier file as it was.

    Loading the file gives back an equal document (see :func:`dumps`). Without ``syntax``, a
    path ending in ``.xlsx`` is written as a workbook, and a folder (or a path ending with ``/``)
    as a folder of CSV files, in French (:mod:`ges_graph.io.spreadsheet`).

    Raises:
        LoadError: the suffix is not a document suffix and no syntax is given.
        ArgumentError: ``path`` is a symbolic link (refused rather than followed).
        OSError: the file cannot be written.

    Examples:
        >>> import tempfile, pathlib
        >>> from ges_graph.io import load
        >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
        ...     {"id": "a", "name": "A", "form": "association", "attrs": {"x": [1, 2.5]}}]})
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "g.yaml"
        >>> save(ges, p)
        >>> load(p) == ges
        True
    """
    if syntax is None and spreadsheet.is_spreadsheet(path):
        spreadsheet.save_spreadsheet(obj, path)
        return
    text = dumps(obj, syntax=syntax or syntax_of(path))
    write_atomic(path, text)


def _integral_numbers(data: Any) -> Any:
    """Floats with no fractional part as ints (``share: 100``), except inside ``attrs``."""
    if isinstance(data, float) and data.is_integer() and abs(data) < 1e15:
        return int(data)
    if isinstance(data, dict):
        return {k: v if k == "attrs" else _integral_numbers(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_integral_numbers(v) for v in data]
    return data


def _restore_dates(data: dict[str, Any]) -> None:
    """Dates back to ``date`` objects, so that YAML writes them as dates (``as_of: 2025-12-31``)."""
    if "as_of" in data:
        data["as_of"] = dt.date.fromisoformat(data["as_of"])
    for relation in data.get("relations", ()):
        for key in ("start", "end"):
            if key in relation:
                relation[key] = dt.date.fromisoformat(relation[key])
