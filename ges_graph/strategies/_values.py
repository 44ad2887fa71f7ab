"""Scalars shared by the strategies: ids, names, texts, dates, JSON data, SIRENs, percentages."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any, TypeVar

from hypothesis import strategies as st
from hypothesis.strategies import DrawFn, SearchStrategy

from ges_graph.model import PercentRange

T = TypeVar("T")

_LOWER = "abcdefghijklmnopqrstuvwxyz"
_ID_FIRST = _LOWER + _LOWER.upper() + "0123456789"
_SHORT_IDS = st.builds(
    str.__add__, st.sampled_from(_LOWER), st.text(_LOWER + "0123456789", max_size=5)
)
_ANY_IDS = st.builds(
    str.__add__, st.sampled_from(_ID_FIRST), st.text(_ID_FIRST + "_.:-", max_size=63)
)
_IDS = st.one_of(_SHORT_IDS, _ANY_IDS)
"""Entity ids: short and readable first (shrinking to ``a``), any id of the pattern too."""

_READABLE_TEXT = st.builds(
    str.__add__, st.sampled_from(_LOWER.upper()), st.text(_LOWER + "é ", max_size=15)
)
_ANY_TEXT = st.text(min_size=1, max_size=30).filter(lambda s: bool(s.strip()))
_NAMES = st.one_of(_READABLE_TEXT, _ANY_TEXT)
"""Non-blank names: readable first, any text too (quotes, YAML keywords, control characters)."""

_SLUGS = st.lists(
    st.text(_LOWER + "0123456789", min_size=1, max_size=6), min_size=1, max_size=3
).map("-".join)
_FREE_TEXT = st.one_of(_READABLE_TEXT, st.text(max_size=30))
_DATES = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2099, 12, 31))

_JSON_SCALARS: SearchStrategy[Any] = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**53), max_value=2**53),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
)
_JSON_VALUES: SearchStrategy[Any] = st.recursive(
    _JSON_SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=4,
)
_ATTRS: SearchStrategy[dict[str, Any]] = st.dictionaries(
    st.text(max_size=8), _JSON_VALUES, max_size=2
)
"""Free data as JSON would carry it: string keys, finite numbers, nested lists and mappings."""


def _optional(strategy: SearchStrategy[T]) -> SearchStrategy[T | None]:
    """``None`` or a value, shrinking to ``None`` (the field is left out)."""
    return st.one_of(st.none(), strategy)


def _luhn_digit(digits: str) -> str:
    """The check digit that makes ``digits`` + it Luhn-valid."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


@st.composite
def _sirens(draw: DrawFn) -> str:
    body = draw(st.text("0123456789", min_size=8, max_size=8))
    siren = body + _luhn_digit(body)
    if draw(st.booleans()):
        siren = f"{siren[:3]} {siren[3:6]} {siren[6:]}"
    return siren


def _percent_number(*, positive: bool = False, low: float = 0.0, high: float = 100.0) -> Any:
    """A percentage in [low, high] (above ``low`` when ``positive``), integers first."""
    first = math.floor(low) + 1 if positive or low != math.floor(low) else math.floor(low)
    ints = st.integers(min_value=int(first), max_value=math.floor(high)).map(float)
    floats = st.floats(min_value=low, max_value=high, exclude_min=positive)
    return ints | floats if first <= high else floats


@st.composite
def _percents(
    draw: DrawFn,
    *,
    ranges: bool,
    positive: bool = False,
    low: float = 0.0,
    high: float = 100.0,
) -> float | PercentRange:
    """An exact percentage, or (when ``ranges``) a range with ``min`` ≤ ``max``."""
    value = draw(_percent_number(positive=positive, low=low, high=high))
    if ranges and draw(st.booleans()):
        other = draw(_percent_number(low=value, high=high))
        return PercentRange(min=value, max=other)
    return float(value)


@st.composite
def _ids_for(draw: DrawFn, n: int) -> list[str]:
    """``n`` distinct short ids, unique by suffix (shrinking to ``a``, ``a2``, ``a3``…)."""
    out: list[str] = []
    for raw in draw(st.lists(_SHORT_IDS, min_size=n, max_size=n)):
        new, k = raw, 1
        while new in out:
            k += 1
            new = f"{raw}{k}"
        out.append(new)
    return out
