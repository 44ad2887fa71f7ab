"""What the fuzz suite shares: its two profiles, the documents it starts from, hostile values.

The fuzz suite (``tests/test_fuzz_bytes.py``, ``tests/test_fuzz_structure.py``,
``tests/test_fuzz_cli.py``) tries to break the library and its command with mutated bytes,
hostile structures and generated command lines; the only exceptions it allows are the library's
own (:class:`ges_graph.errors.GESError`) and the only exit codes 0, 1 and 2.

Two profiles, chosen by the environment variable ``GES_FUZZ``:

- unset (what ``./dev test`` and CI run): a fixed seed (``derandomize=True``) and few examples,
  so that the suite adds well under a minute on two cores and fails the same way every time;
- ``GES_FUZZ=nightly``: fifty times more examples, random seeds, no deadline
  (``GES_FUZZ=nightly ./dev test tests/test_fuzz_bytes.py tests/test_fuzz_structure.py
  tests/test_fuzz_cli.py``); a failure prints the ``@reproduce_failure`` blob that replays it.

This module holds no test (pytest collects it and finds none).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

import ges_graph

NIGHTLY = os.environ.get("GES_FUZZ", "") == "nightly"
"""``GES_FUZZ=nightly``: the large profile."""

EXAMPLES_DIR = Path(ges_graph.__file__).resolve().parent / "examples"
EXAMPLE_TEXTS: tuple[bytes, ...] = tuple(
    p.read_bytes() for p in sorted(EXAMPLES_DIR.glob("*.yaml"))
)
"""The bundled examples, as bytes: valid documents the mutations start from."""

_F = TypeVar("_F", bound=Callable[..., Any])


def fuzz_settings(examples: int) -> Callable[[_F], _F]:
    """Hypothesis settings for one fuzz test: ``examples`` runs in CI, fifty times more nightly."""
    return settings(
        max_examples=examples * 50 if NIGHTLY else examples,
        derandomize=not NIGHTLY,
        database=None,
        deadline=None,
        print_blob=NIGHTLY,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.filter_too_much,
            HealthCheck.large_base_example,
        ],
    )


HOSTILE_BYTES: tuple[bytes, ...] = (
    b"\x00",
    b"\xff",
    b"\xfe\xff",
    b"\xef\xbb\xbf",  # a byte-order mark in the middle
    b"\xed\xa0\x80",  # a UTF-8-encoded lone surrogate
    b"\xc0\x80",  # an overlong NUL
    b"\xe2\x80\xae",  # right-to-left override
    b"\x1b[2J",  # clear the screen
    b"\x1b]0;pwned\x07",  # set the window title
    b"\r",
    b"\r\n",
    b"\t",
    b"\n  ",
    b"\x0b\x0c",
    b"\x85",
    b"\xe2\x80\xa8",  # line separator
    b"'",
    b'"',
    b"\\",
    b"\\u0000",
    b"\\ud800",
    b"\\uDFFF\\uD800",
    b"{",
    b"}",
    b"[",
    b"]",
    b",",
    b": ",
    b"- ",
    b"#",
    b"&a ",
    b"*a",
    b"<<: *a",
    b"!!python/object/apply:os.system ['true']",
    b"!!binary ",
    b"!!float ",
    b"!!set ",
    b"? ",
    b"|",
    b">-",
    b"%YAML 1.1\n",
    b"---\n",
    b"...\n",
    b"~",
    b"null",
    b"true",
    b"NaN",
    b".nan",
    b"-.inf",
    b"Infinity",
    b"1e999",
    b"-0",
    b"0x1F",
    b"0o17",
    b"1_000",
    b"2024-02-30",
    b"9" * 400,
    b"[" * 40,
    b"{" * 40,
    b"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    b"\xf0\x9f\x98\x80",
    b"\xef\xbc\x91\xef\xbc\x92",  # full-width digits
    "légende:titre".encode(),
    b"legend:title",
)
"""Bytes a hostile document inserts: encodings, controls, syntax, YAML tags, numbers."""

HOSTILE_STRINGS: tuple[str, ...] = (
    "",
    " ",
    "\x00",
    "a\x00b",
    "\ud800",
    "x\udfffy",
    "\u202eevil\u202c",
    "\u2066bidi\u2069",
    "\x1b[2J\x1b]0;title\x07",
    "line\nforged: line",
    "\r\n",
    "\u2028\u2029",
    "\ufeff",
    "\ufffe\uffff",
    "１２３４５６７８９",
    "٣٣٣٣٣٣٣٣٣",
    "😀" * 50,
    "e\u0301" * 20,
    "<script>alert(1)</script>",
    "]]><x/>",
    '"; rankdir=LR; "',
    "{label}",
    "%s%n",
    "legend:title",
    "legend:family:company",
    "a" * 5000,
    "ab " * 2000,
)
"""Strings a hostile structure puts anywhere: controls, surrogates, bidi, markup, long runs."""

HOSTILE_NUMBERS: tuple[Any, ...] = (
    0,
    -1,
    -0.0,
    1e-320,
    0.1 + 0.2,
    100.0000000001,
    2**31,
    2**63,
    2**64 + 1,
    -(2**63) - 1,
    10**30,
    1e308,
    float("nan"),
    float("inf"),
    float("-inf"),
    True,
    False,
)
"""Numbers a hostile structure puts anywhere: limits of the machine types, NaN, infinities."""


def hostile_values(*, huge: bool = True, surrogates: bool = True) -> st.SearchStrategy[Any]:
    """Any hostile value: a string, a number, a wrong type, a deep or wide nesting."""
    numbers = st.sampled_from(HOSTILE_NUMBERS)
    if huge:
        numbers = numbers | st.sampled_from((10**400, -(10**400)))
    strings = st.sampled_from(HOSTILE_STRINGS) | st.text(max_size=30)
    if not surrogates:
        strings = strings.filter(lambda s: not any(0xD800 <= ord(c) <= 0xDFFF for c in s))
    leaves = strings | numbers | st.none() | st.just(b"bytes") | st.just(frozenset({1}))
    return st.one_of(
        leaves,
        st.integers(1, 80).map(_nested_lists),
        st.integers(1, 80).map(_nested_dicts),
        st.lists(leaves, max_size=5),
        st.dictionaries(strings, leaves, max_size=4),
    )


def _nested_lists(depth: int) -> Any:
    value: Any = "x"
    for _ in range(depth):
        value = [value]
    return value


def _nested_dicts(depth: int) -> Any:
    value: Any = "x"
    for _ in range(depth):
        value = {"k": value}
    return value


def has_surrogate(value: Any) -> bool:
    """Whether a string anywhere in ``value`` holds a lone surrogate."""
    if isinstance(value, str):
        return any(0xD800 <= ord(c) <= 0xDFFF for c in value)
    if isinstance(value, dict):
        return any(has_surrogate(k) or has_surrogate(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(has_surrogate(v) for v in value)
    return False
