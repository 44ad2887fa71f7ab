"""Argument checking of the strategies: eager, with Hypothesis's ``InvalidArgument``.

A strategy function decorated with :func:`validated` checks its arguments (defaults applied)
when it is called, before the strategy is built, and keeps the composite's ``repr``.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Collection
from typing import Any, ParamSpec, TypeVar

from ges_graph.errors import MissingDependencyError

try:
    from hypothesis.errors import InvalidArgument
    from hypothesis.strategies import SearchStrategy
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise MissingDependencyError(
        "ges_graph.strategies needs Hypothesis: pip install 'ges-graph[testing]'"
    ) from exc

P = ParamSpec("P")
T = TypeVar("T")


def validated(
    check: Callable[[dict[str, Any]], None],
) -> Callable[[Callable[P, SearchStrategy[T]]], Callable[P, SearchStrategy[T]]]:
    """Check a strategy function's arguments (defaults applied) before building the strategy."""

    def decorate(factory: Callable[P, SearchStrategy[T]]) -> Callable[P, SearchStrategy[T]]:
        signature = inspect.signature(factory)

        @functools.wraps(factory)
        def strategy(*args: P.args, **kwargs: P.kwargs) -> SearchStrategy[T]:
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            check(dict(bound.arguments))
            return factory(*args, **kwargs)

        return strategy

    return decorate


def check_strategy(name: str, value: object) -> None:
    if value is not None and not isinstance(value, SearchStrategy):
        raise InvalidArgument(f"{name}={value!r} must be a strategy or None")


def check_flag(name: str, value: object) -> None:
    if value is not None and not isinstance(value, bool):
        raise InvalidArgument(f"{name}={value!r} must be True, False or None")


def check_bool(name: str, value: object) -> None:
    if not isinstance(value, bool):
        raise InvalidArgument(f"{name}={value!r} must be True or False")


def check_int(name: str, value: object, low: int, high: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidArgument(f"{name}={value!r} must be an integer")
    if value < low or (high is not None and value > high):
        bound = f"at least {low}" if high is None else f"between {low} and {high}"
        raise InvalidArgument(f"{name}={value!r} must be {bound}")
    return value


def check_count(name: str, value: object, low: int, high: int | None = None) -> None:
    """A count option: a fixed ``int`` within bounds, or a strategy of ints."""
    if isinstance(value, SearchStrategy):
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidArgument(f"{name}={value!r} must be an integer or a strategy of integers")
    check_int(name, value, low, high)


def enum_values(name: str, value: object, enum: type[Any]) -> tuple[Any, ...] | None:
    """A collection of enum members (or their codes) as a tuple, checked."""
    if value is None:
        return None
    if isinstance(value, str) or not isinstance(value, Collection):
        raise InvalidArgument(f"{name}={value!r} must be a collection of {enum.__name__} values")
    out = []
    for v in value:
        try:
            out.append(enum(v))
        except ValueError:
            choices = ", ".join(m.value for m in enum)
            raise InvalidArgument(
                f"{name}: unknown {enum.__name__} {v!r} (must be one of {choices})"
            ) from None
    if not out:
        raise InvalidArgument(f"{name}={value!r} must not be empty")
    return tuple(dict.fromkeys(out))
