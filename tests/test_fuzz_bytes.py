"""Fuzz: mutated bytes of valid documents, loaded as YAML and as JSON.

Each example starts from a valid document (a bundled example, or one drawn from
:func:`ges_graph.strategies.documents` dumped to YAML or JSON), applies a few byte mutations
(bit flips, hostile insertions, truncations, duplications, deletions) and loads the result with
both syntaxes. Loading may only succeed or raise a :class:`ges_graph.errors.GESError`; what loads
must survive a round trip through :func:`ges_graph.dumps` in both syntaxes. Profiles (fixed seed
in CI, ``GES_FUZZ=nightly`` for many more examples): see ``tests/test_fuzz_support.py``.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from test_fuzz_support import EXAMPLE_TEXTS, HOSTILE_BYTES, fuzz_settings

import ges_graph
from ges_graph.errors import GESError
from ges_graph.strategies import documents


@st.composite
def _sources(draw: st.DrawFn) -> bytes:
    """A valid document as bytes: a bundled example, or a generated one in YAML or JSON."""
    if draw(st.booleans()):
        return draw(st.sampled_from(EXAMPLE_TEXTS))
    doc = draw(documents(max_entities=5, max_relations=6))
    return ges_graph.dumps(doc, syntax=draw(st.sampled_from(("yaml", "json")))).encode("utf-8")


@st.composite
def _mutated(draw: st.DrawFn) -> bytes:
    """A valid document with one to four byte mutations."""
    data = bytearray(draw(_sources()))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        op = draw(st.sampled_from(("flip", "insert", "truncate", "duplicate", "delete", "byte")))
        if op == "flip" and at < len(data):
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif op == "insert":
            data[at:at] = draw(st.sampled_from(HOSTILE_BYTES))
        elif op == "truncate":
            del data[at:]
        elif op == "duplicate":
            end = min(len(data), at + draw(st.integers(1, 200)))
            data[at:at] = data[at:end] * draw(st.integers(1, 3))
        elif op == "delete":
            del data[at : at + draw(st.integers(1, 20))]
        elif op == "byte":
            data[at:at] = bytes([draw(st.integers(0, 255))])
    return bytes(data)


def _load_or_refuse(data: bytes | str, syntax: Any) -> ges_graph.GES | None:
    """The loaded group, or None when the library refused it with its own exception."""
    try:
        return ges_graph.loads(data, syntax=syntax)
    except GESError:
        return None


def _round_trips(ges: ges_graph.GES) -> None:
    for syntax in ("yaml", "json"):
        text = ges_graph.dumps(ges, syntax=syntax)
        assert ges_graph.loads(text, syntax=syntax) == ges, syntax


@fuzz_settings(100)
@given(_mutated(), st.sampled_from(("yaml", "json")))
def test_fuzz_mutated_bytes_load_or_raise_the_librarys_error(data: bytes, syntax: Any) -> None:
    ges = _load_or_refuse(data, syntax)
    if ges is not None:
        _round_trips(ges)


@fuzz_settings(60)
@given(_mutated())
def test_fuzz_mutated_text_loads_like_its_bytes(data: bytes) -> None:
    """Given as ``str`` (when it decodes), a document loads or fails as its bytes do."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return
    for syntax in ("yaml", "json"):
        from_text = _load_or_refuse(text, syntax)
        assert from_text == _load_or_refuse(data, syntax), syntax
        if from_text is not None:
            _round_trips(from_text)


@fuzz_settings(40)
@given(st.binary(max_size=400), st.sampled_from(("yaml", "json")))
def test_fuzz_random_bytes_load_or_raise_the_librarys_error(data: bytes, syntax: Any) -> None:
    ges = _load_or_refuse(data, syntax)
    if ges is not None:
        _round_trips(ges)
