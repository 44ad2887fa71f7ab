"""YAML 1.1 plain scalars, read as PyYAML's safe loader reads them, and the ones the format refuses.

A plain (unquoted) scalar such as ``yes``, ``12``, ``1e3`` or ``2025-01-31`` is a boolean, a number
or a date in YAML 1.1. The YAML reader of :mod:`ges_graph.io` builds values with
:func:`resolve_plain`; the translation of validation errors
(:mod:`ges_graph.validation_messages`) uses it to tell a user that a quoted ``"12"`` would be a
number without its quotes. It depends on PyYAML only.

Examples:
    >>> resolve_plain("yes"), resolve_plain("12"), resolve_plain("2025-01-31"), resolve_plain("x")
    (True, 12, datetime.date(2025, 1, 31), 'x')
    >>> resolve_plain(".inf")
    Traceback (most recent call last):
    ...
    ges_graph.yaml_scalars.RefusedScalar: not a finite number
"""

from __future__ import annotations

import functools
import math
import re
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

from ges_graph._lazy import lazy_module
from ges_graph.errors import GESError

if TYPE_CHECKING:
    import yaml
else:  # PyYAML: loaded when a YAML scalar is first resolved (the JSON reader never does)
    yaml = lazy_module("yaml")

__all__ = ["NOT_FINITE", "TOO_LARGE_NUMBER", "RefusedScalar", "resolve_plain"]

# Messages shared with the readers and the translation of validation errors, as (English, French).
TOO_LARGE_NUMBER = ("number too large for a float", "nombre trop grand pour un flottant")
NOT_FINITE = ("not a finite number", "nombre non fini")


class RefusedScalar(GESError, ValueError):
    """A plain YAML scalar that the format refuses, with the message and the error type.

    The readers turn it into an :class:`~ges_graph.errors.ErrorDetail` of a ``LoadError``; it is a
    ``GESError`` (and a ``ValueError``) for callers of :func:`resolve_plain`.
    """

    def __init__(self, message: str, kind: str, message_fr: str) -> None:
        super().__init__(message)
        self.message = message
        self.message_fr = message_fr
        self.kind = kind


_TAG = "tag:yaml.org,2002:"


class _Tables(NamedTuple):
    resolvers: dict[str | None, list[tuple[str, re.Pattern[str]]]]
    bool_values: dict[str, bool]
    constructors: dict[str, Callable[[yaml.ScalarNode], Any]]


@functools.cache
def _tables() -> _Tables:
    """PyYAML's implicit resolvers, booleans and scalar constructors, read once."""
    constructor = yaml.constructor.SafeConstructor()
    return _Tables(
        yaml.resolver.Resolver.yaml_implicit_resolvers,
        yaml.constructor.SafeConstructor.bool_values,
        {
            "int": constructor.construct_yaml_int,
            "float": constructor.construct_yaml_float,
            "timestamp": constructor.construct_yaml_timestamp,
        },
    )


_REASONS_FR = {
    "month must be in N..N": " : le mois doit être entre 1 et 12",
    "day is out of range for month": " : ce jour n'existe pas dans ce mois",
    "year N is out of range": " : année hors limites",
    "hour must be in N..N": " : l'heure doit être entre 0 et 23",
    "minute must be in N..N": " : la minute doit être entre 0 et 59",
    "second must be in N..N": " : la seconde doit être entre 0 et 59",
}
"""French for the reasons Python gives for a date that does not exist (digits as ``N``)."""


def resolve_plain(value: str) -> Any:
    """The value of a plain YAML 1.1 scalar, as PyYAML's safe loader builds it.

    Raises:
        RefusedScalar: the scalar looks like a number or date but is not a valid or finite one,
            or is a merge key (``<<``) or a value key (``=``); the message says which.
    """
    tables = _tables()
    resolvers = tables.resolvers.get(value[:1] if value else "", []) + tables.resolvers.get(
        None, []
    )
    tag = next((t for t, regexp in resolvers if regexp.match(value)), None)
    if tag is None:
        return value
    kind = tag[len(_TAG) :]
    if kind == "null":
        return None
    if kind == "bool":
        return tables.bool_values[value.lower()]
    if kind == "merge":
        raise RefusedScalar(
            "merge keys (<<) are refused: write the keys out",
            "yaml_merge",
            "les clés de fusion (<<) sont refusées : écrivez les clés en entier",
        )
    if kind == "value":
        raise RefusedScalar(
            "'=' is a YAML 1.1 value key: write it in quotes",
            "yaml_value",
            "« = » est une clé de valeur YAML 1.1 : écrivez-la entre guillemets",
        )
    if kind == "int" and len(value) > 4000:
        raise RefusedScalar(*TOO_LARGE_NUMBER[:1], "non_finite", TOO_LARGE_NUMBER[1])
    try:
        result = tables.constructors[kind](yaml.ScalarNode(tag, value))
    except (ValueError, OverflowError) as exc:
        what, quoi = ("date", "date") if kind == "timestamp" else ("number", "nombre")
        raise RefusedScalar(
            f"not a valid {what}: {exc}",
            "yaml_value",
            f"{quoi} invalide" + _REASONS_FR.get(re.sub(r"\d+", "N", str(exc)), ""),
        ) from None
    if kind == "float" and not math.isfinite(result):
        raise RefusedScalar(NOT_FINITE[0], "non_finite", NOT_FINITE[1])
    if kind == "int" and abs(result) > sys.float_info.max:
        raise RefusedScalar(TOO_LARGE_NUMBER[0], "non_finite", TOO_LARGE_NUMBER[1])
    return result
