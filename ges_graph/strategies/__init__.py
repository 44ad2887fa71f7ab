"""Hypothesis strategies for GES documents, shaped like Hypothesis's own API.

Install with the ``testing`` extra (``pip install 'ges-graph[testing]'``); ``import ges_graph``
never imports this module or Hypothesis. Every function here returns a Hypothesis
``SearchStrategy``: options are keyword-only, what varies is given as a strategy (a plain ``int``
where a count is fixed), bad arguments raise :class:`hypothesis.errors.InvalidArgument` when the
strategy is built, and a strategy's ``repr`` shows the call that built it
(``documents(max_entities=3)``).

- :func:`entities`, :func:`relations`, :func:`documents`: models that are valid by the format
  (``format.md``), shrinking towards small groups with short ids and names.
- :func:`from_schema`: documents that match a schema (a reference schema or one of your own)
  by construction, built from its conditions, as :class:`SchemaDocument` (the document, the
  head it was built with, the schema, the variant).
- :func:`near_misses`: documents built to break exactly one named condition of a schema, as
  :class:`NearMiss`.
- :func:`invalid_documents`: raw data (``dict``) that breaks exactly one rule of the format, as
  :class:`InvalidDocument` (the data, the path of the broken place, the rule).

Importing this module registers strategies for the library's models, so that
``st.from_type(Document)``, ``st.from_type(Entity)``, ``st.from_type(Shareholding)`` (each
relation class), ``st.from_type(PercentRange)`` and ``st.from_type(GES)`` work, and so do
``st.builds`` of your own types whose fields are annotated with them.

Examples:
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10, database=None)
    ... @given(documents(max_entities=3))
    ... def check(doc):
    ...     assert 1 <= len(doc.entities) <= 3
    ...     assert len({e.id for e in doc.entities}) == len(doc.entities)
    >>> check()
    >>> documents(max_entities=3)
    documents(max_entities=3)
    >>> documents(min_entities=4, max_entities=2)
    Traceback (most recent call last):
    ...
    hypothesis.errors.InvalidArgument: min_entities=4 is above max_entities=2
"""

from __future__ import annotations

from typing import Any

from ges_graph.errors import MissingDependencyError

try:
    from hypothesis import strategies as st
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise MissingDependencyError(
        "ges_graph.strategies needs Hypothesis: pip install 'ges-graph[testing]'"
    ) from exc

from ges_graph.graph import GES
from ges_graph.model import RELATION_CLASSES, Document, Entity, PercentRange
from ges_graph.schemas import reference_schemas
from ges_graph.strategies._values import _percents
from ges_graph.strategies.invalid import INVALID_RULES, InvalidDocument, invalid_documents
from ges_graph.strategies.models import documents, entities, relations
from ges_graph.strategies.plan import SchemaNotBuildable
from ges_graph.strategies.schema_groups import (
    NearMiss,
    SchemaDocument,
    breakable_conditions,
    from_schema,
    near_misses,
)

__all__ = [
    "INVALID_RULES",
    "NEAR_MISS_CONDITIONS",
    "InvalidDocument",
    "NearMiss",
    "SchemaDocument",
    "SchemaNotBuildable",
    "breakable_conditions",
    "documents",
    "entities",
    "from_schema",
    "invalid_documents",
    "near_misses",
    "relations",
]


def __getattr__(name: str) -> Any:
    """``NEAR_MISS_CONDITIONS``, computed from the reference schemas on first use.

    For each reference schema, the conditions :func:`near_misses` can break alone (see
    :func:`breakable_conditions`).
    """
    if name == "NEAR_MISS_CONDITIONS":
        value = {s.id: breakable_conditions(s) for s in reference_schemas()}
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _register() -> None:
    """Register the strategies of the library's models (done once, at import)."""
    st.register_type_strategy(Entity, entities())
    st.register_type_strategy(Document, documents())
    st.register_type_strategy(GES, documents().map(GES))
    st.register_type_strategy(
        PercentRange, _percents(ranges=True).filter(lambda p: isinstance(p, PercentRange))
    )
    for kind, cls in RELATION_CLASSES.items():
        st.register_type_strategy(cls, relations(types=[kind]))


_register()
