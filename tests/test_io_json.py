"""The position-aware JSON reader (errors only) reads exactly what ``json.loads`` reads."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ges_graph import io
from ges_graph.errors import DocumentError
from ges_graph.graph import GES

json_data = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=6),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=12,
)


@given(json_data, st.sampled_from([None, 1, 2]), st.booleans())
def test_slow_reader_reads_what_json_loads_reads(
    data: Any, indent: int | None, ascii_: bool
) -> None:
    text = json.dumps(data, indent=indent, ensure_ascii=ascii_)
    read, errors, marks = io._JsonReader(text).read()
    if io._attrs_suspect({"attrs": data}) and errors:
        return  # nested deeper than the limit: refused, as it must be
    assert errors == []
    assert read == json.loads(text)
    assert marks[""] == (1, 1)


def test_marks_point_at_values_and_keys() -> None:
    text = '{\n  "a": [1,\n    {"b": true}]\n}'
    _, errors, marks = io._JsonReader(text).read()
    assert errors == []
    assert marks["a"] == (2, 8)
    assert marks["a[1]"] == (3, 5)
    assert marks["a[1].b"] == (3, 11)
    assert marks["a[1].b\0key"] == (3, 6)


@pytest.mark.parametrize(
    ("text", "kind", "where"),
    [
        ('{"a": 1,}', "syntax", (1, 9)),
        ('{"a" 1}', "syntax", (1, 6)),
        ('{"a": [1 2]}', "syntax", (1, 10)),
        ('{"a": 1} x', "syntax", (1, 10)),
        ('{"a": tru}', "syntax", (1, 7)),
        ('{"a": "\\x"}', "syntax", (1, 8)),
        ("", "syntax", (1, 1)),
        ('{"a": 1, "a": 2}', "duplicate_key", (1, 10)),
        ('{"a": -Infinity}', "non_finite", (1, 7)),
    ],
)
def test_slow_reader_errors(text: str, kind: str, where: tuple[int, int]) -> None:
    _, errors, _ = io._JsonReader(text).read()
    assert errors[0].type == kind
    assert (errors[0].line, errors[0].column) == where


def test_builder_and_from_data_speak_like_the_loader() -> None:
    with pytest.raises(DocumentError) as info:
        GES.from_data(
            {
                "format": "ges-graph/1",
                "name": "G",
                "entities": [{"id": "a", "name": "A", "form": "sarlx"}],
            }
        )
    assert info.value.first.path == "entities[0].form"
    assert info.value.first.message == "unknown form; did you mean 'sarl'?"
    assert info.value.first.expected is not None
    assert info.value.first.expected.startswith("one of: association")


def test_builder_names_a_key_that_is_not_a_string() -> None:
    with pytest.raises(DocumentError) as info:
        GES.from_data(
            {
                "format": "ges-graph/1",
                "name": "G",
                "attrs": {1: "x"},
                "entities": [{"id": "a", "name": "A", "form": "sarl"}],
            }
        )
    assert info.value.first.path == "attrs"
    assert info.value.first.type == "key_type"
    assert "read as an integer (1); write it in quotes" in info.value.first.message
