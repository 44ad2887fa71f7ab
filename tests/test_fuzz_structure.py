"""Fuzz: hostile structures through every function a document reaches.

Invalid documents from :func:`ges_graph.strategies.invalid_documents` and valid documents with a
hostile value put at any place (deep nesting, huge numbers, NaN and infinities, wrong types,
control characters, lone surrogates, bidi controls, long strings, ids the diagram uses) go
through :meth:`GES.from_data`; what it accepts goes through ``validate``, ``classify``, their
``to_text``/``to_dict`` in both languages, ``diff``, the exports, ``render.to_dot`` and a round
trip. Only :class:`ges_graph.errors.GESError` may be raised, and every JSON output is valid JSON
(no NaN). Profiles (fixed seed in CI, ``GES_FUZZ=nightly`` for many more examples): see
``tests/test_fuzz_support.py``.
"""

from __future__ import annotations

import json
import math
import shutil
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_fuzz_support import (
    EXAMPLE_TEXTS,
    HOSTILE_STRINGS,
    fuzz_settings,
    hostile_values,
)

import ges_graph
from ges_graph.diff import diff
from ges_graph.errors import GESError
from ges_graph.export import to_bods, to_gexf, to_graphml
from ges_graph.graph import GES
from ges_graph.model import MAX_DEPTH
from ges_graph.render.dot import to_dot, to_svg
from ges_graph.strategies import documents, invalid_documents

_ENTITY_FIELDS = ("id", "name", "form", "conventions", "external", "sector", "siren",
                  "public_kind", "employees", "insertion_employees", "budget", "board_size",
                  "tags", "attrs")  # fmt: skip
_RELATION_FIELDS = ("type", "from", "to", "share", "votes", "seats", "start", "end", "kind",
                    "role", "amount", "note", "source", "attrs")  # fmt: skip
_DOCUMENT_FIELDS = ("format", "name", "id", "description", "territory", "as_of", "currency",
                    "sources", "entities", "relations", "attrs")  # fmt: skip


def _json(value: Any) -> str:
    """``value`` as strict JSON (no NaN, no infinity), read back to prove it is JSON."""
    text = json.dumps(value, allow_nan=False, ensure_ascii=False)
    json.loads(text)
    return text


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in ``data``: each key of each mapping, each index of each list."""
    out = [prefix]
    if isinstance(data, dict):
        for k, v in data.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += _paths(v, (*prefix, i))
    return out


def _put(data: Any, path: tuple[Any, ...], value: Any) -> None:
    for step in path[:-1]:
        data = data[step]
    data[path[-1]] = value


@st.composite
def _hostile_documents(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    """(a valid document's data, the same data with one to three hostile values put in it)."""
    doc = draw(documents(max_entities=4, max_relations=4))
    clean: dict[str, Any] = doc.model_dump(mode="json", exclude_defaults=True, by_alias=True)
    data = json.loads(json.dumps(clean))
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.sampled_from(("any", "entity", "relation", "document")))
        value = draw(hostile_values())
        if where == "entity" and _dicts(data.get("entities")):
            i = draw(st.integers(0, len(data["entities"]) - 1))
            _put(data, ("entities", i, draw(st.sampled_from(_ENTITY_FIELDS))), value)
        elif where == "relation" and _dicts(data.get("relations")):
            i = draw(st.integers(0, len(data["relations"]) - 1))
            _put(data, ("relations", i, draw(st.sampled_from(_RELATION_FIELDS))), value)
        elif where == "document":
            data[draw(st.sampled_from(_DOCUMENT_FIELDS))] = value
        else:
            path = draw(st.sampled_from([p for p in _paths(data) if p]))
            _put(data, path, value)
    return clean, data


def _dicts(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _exercise(ges: GES, other: GES) -> None:
    """Every function a loaded group reaches; JSON outputs must be strict JSON."""
    report = ges_graph.validate(ges)
    result = ges_graph.classify(ges)
    for lang in ("fr", "en"):
        assert isinstance(report.to_text(lang), str)
        _json(report.to_dict(lang))
        assert isinstance(result.to_text(lang), str)
        _json(result.to_dict(lang))
        assert to_dot(ges, lang=lang, report=report).startswith("digraph")
    for d in (diff(other, ges), diff(ges, other)):
        for lang in ("fr", "en"):
            assert isinstance(d.to_text(lang), str)
            json.loads(d.to_json(lang))
            _json(d.to_dict(lang))
    assert to_graphml(ges).startswith("<?xml")
    assert to_gexf(ges).startswith("<?xml")
    _json(to_bods(ges, publication_date="2024-01-01"))


def _depth(value: Any) -> int:
    if isinstance(value, dict):
        return 1 + max((_depth(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((_depth(v) for v in value), default=0)
    return 0


def _round_trips(ges: GES) -> None:
    for syntax in ("yaml", "json"):
        assert ges_graph.loads(ges_graph.dumps(ges, syntax=syntax), syntax=syntax) == ges


@fuzz_settings(60)
@given(invalid_documents())
def test_fuzz_invalid_documents_are_refused_by_from_data_and_loads(bad: Any) -> None:
    with pytest.raises(GESError):
        GES.from_data(bad.data)
    if not _has_non_finite(bad.data):
        with pytest.raises(GESError):
            ges_graph.loads(json.dumps(bad.data), syntax="json")


def _has_non_finite(value: Any) -> bool:
    if isinstance(value, float):
        return not math.isfinite(value)
    if isinstance(value, dict):
        return any(_has_non_finite(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_non_finite(v) for v in value)
    return False


@fuzz_settings(80)
@given(_hostile_documents())
def test_fuzz_hostile_structures_raise_only_the_librarys_errors(
    pair: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    clean, data = pair
    try:
        ges = GES.from_data(data)
    except GESError:
        return
    _exercise(ges, GES.from_data(clean))
    _round_trips(ges)


def _nested(depth: int, leaf: Any) -> Any:
    for _ in range(depth):
        leaf = {"k": [leaf]}
    return leaf


@pytest.mark.parametrize("depth", [1, 10, 15, 16, 17, 40, 200, 2000])
@pytest.mark.parametrize("where", ["attrs", "entity attrs", "relation attrs"])
def test_fuzz_deep_nesting_within_and_beyond_the_limit(depth: int, where: str) -> None:
    data: dict[str, Any] = json.loads(EXAMPLE_JSON)
    value = _nested(depth, "x")
    if where == "attrs":
        data["attrs"] = value
    elif where == "entity attrs":
        data["entities"][0]["attrs"] = value
    else:
        data["relations"][0]["attrs"] = value
    try:
        ges = GES.from_data(data)
    except GESError:
        return
    _exercise(ges, GES.from_data(json.loads(EXAMPLE_JSON)))
    _round_trips(ges)


EXAMPLE_JSON = ges_graph.dumps(ges_graph.loads(EXAMPLE_TEXTS[0], syntax="yaml"), syntax="json")


@pytest.mark.parametrize("levels", [MAX_DEPTH - 4, MAX_DEPTH - 3, MAX_DEPTH - 2, MAX_DEPTH - 1])
@pytest.mark.parametrize("where", ["attrs", "entity attrs", "relation attrs"])
def test_h15_09_nesting_is_counted_from_the_root_by_from_data_as_by_the_readers(
    levels: int, where: str
) -> None:
    # issue 15 item 9: from_data counted nesting from inside ``attrs``, the readers from the
    # document's root: an entity's attrs 30 levels deep was built, written, then refused on load.
    data: dict[str, Any] = json.loads(EXAMPLE_JSON)
    value: Any = "x"
    for _ in range(levels):
        value = {"k": value}
    if where == "attrs":
        data["attrs"] = value
    else:
        data["entities" if where == "entity attrs" else "relations"][0]["attrs"] = value
    readable = _depth(data) <= MAX_DEPTH
    try:
        ges_graph.loads(json.dumps(data), syntax="json")
    except GESError:
        assert not readable
    else:
        assert readable
    try:
        ges = GES.from_data(data)
    except GESError:
        assert not readable, "from_data refuses what the readers read"
        return
    assert readable, "from_data builds what the readers refuse"
    _round_trips(ges)


@pytest.mark.parametrize("text", HOSTILE_STRINGS, ids=range(len(HOSTILE_STRINGS)))
def test_fuzz_hostile_names_reach_every_output(text: str) -> None:
    data: dict[str, Any] = json.loads(EXAMPLE_JSON)
    data["name"] = text
    data["entities"][0]["name"] = text
    data["relations"][0]["note"] = text
    try:
        ges = GES.from_data(data)
    except GESError:
        return
    _exercise(ges, GES.from_data(json.loads(EXAMPLE_JSON)))


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot is not installed")
@pytest.mark.parametrize("text", ["\x1b[2J", "\u202eevil", '"; rankdir=LR; "', "legend:title"])
def test_fuzz_hostile_names_draw_as_svg(text: str) -> None:
    data: dict[str, Any] = json.loads(EXAMPLE_JSON)
    data["entities"][0]["name"] = text
    data["entities"][1]["name"] = text
    ges = GES.from_data(data)
    svg = to_svg(ges, lang="en", report=ges_graph.validate(ges))
    assert "<svg" in svg
