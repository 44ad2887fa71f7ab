"""The YAML reader reads values as PyYAML's safe loader does (YAML 1.1), and refuses the rest."""

from __future__ import annotations

import math
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from ges_graph import io

SPECIALS = [
    "yes",
    "No",
    "on",
    "OFF",
    "y",
    "n",
    "true",
    "False",
    "~",
    "null",
    "Null",
    "",
    "0",
    "-0",
    "+1",
    "012",
    "09",
    "0o12",
    "0x1F",
    "0b101",
    "1_000",
    "1:20",
    "-1:30:00",
    "190:20:30.15",
    ".5",
    "1.",
    "1.0e+5",
    "1e5",
    "6.8523015e+5",
    ".inf",
    "-.Inf",
    ".NaN",
    "2020-01-01",
    "2020-1-1",
    "2001-12-14t21:59:43.10-05:00",
    "2001-12-14 21:59:43.10",
    "2020-02-30",
    "<<",
    "=",
    "abc",
    "a:b",
    "-",
    "?x",
    "0.",
    "+.5",
    "-.5e+3",
    "1__0",
]
plain_tokens = st.sampled_from(SPECIALS) | st.from_regex(
    r"[-+.0-9a-eA-E_:~xo]{1,8}", fullmatch=True
)
REFUSED = object()


def safe_load(text: str) -> Any:
    try:
        return yaml.load(text, Loader=yaml.CSafeLoader)
    except (yaml.YAMLError, ValueError):
        return REFUSED


def non_finite(value: Any) -> bool:
    if isinstance(value, float):
        return not math.isfinite(value)
    if isinstance(value, dict):
        return any(non_finite(v) for v in value.values())
    if isinstance(value, list):
        return any(non_finite(v) for v in value)
    return False


@given(st.lists(plain_tokens, min_size=1, max_size=6), st.booleans())
def test_plain_scalars_read_as_the_safe_loader_reads_them(tokens: list[str], flow: bool) -> None:
    if flow:
        text = "k: [" + ", ".join(t if t else "''" for t in tokens) + "]\n"
    else:
        text = "".join(f"k{i}: {t}\n" for i, t in enumerate(tokens))
    expected = safe_load(text)
    data, errors, _ = io.yaml_reader._read_yaml(text, record=False)
    if errors:
        assert expected is REFUSED or non_finite(expected), (text, errors)
    else:
        assert expected is not REFUSED, text
        assert data == expected, text
        assert [type(v) for v in _leaves(data)] == [type(v) for v in _leaves(expected)]
    again, errors_again, _ = io.yaml_reader._read_yaml(text, record=True)
    assert errors_again == errors
    if not errors:
        assert again == data


def _leaves(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [x for v in value.values() for x in _leaves(v)]
    if isinstance(value, list):
        return [x for v in value for x in _leaves(v)]
    return [value]


json_like = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8)
    | st.dates(),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=10,
)


@given(st.dictionaries(st.text(max_size=4), json_like, max_size=4), st.sampled_from([None, True]))
def test_dumped_yaml_reads_back_as_the_safe_loader_reads_it(data: Any, flow: bool | None) -> None:
    text = yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, default_flow_style=flow)
    read, errors, _ = io.yaml_reader._read_yaml(text, record=False)
    assert not errors, (text, errors)
    assert read == safe_load(text) == data


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("a: 1\n---\nb: 2\n", "multiple_documents"),
        ("a: &x 1\nb: *x\n", "yaml_anchor"),
        ("a: !!int '1'\n", "yaml_tag"),
        ("a: 1\na: 2\n", "duplicate_key"),
        ("a: {<<: {b: 1}}\n", "yaml_merge"),
        ("a: =\n", "yaml_value"),
        ("a: 2020-02-30\n", "yaml_value"),
        ("a: .nan\n", "non_finite"),
        ("a: [-.inf]\n", "non_finite"),
        ("? [a]\n: 1\n", "key_type"),
        ("a: 'x\n", "syntax"),
        ("a:\tb: c\n", "syntax"),
    ],
)
def test_refusals_of_the_reader(text: str, kind: str) -> None:
    _, errors, _ = io.yaml_reader._read_yaml(text, record=False)
    assert errors
    assert errors[0].type == kind
    assert errors[0].line is not None
