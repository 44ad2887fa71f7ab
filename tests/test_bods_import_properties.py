"""Export to BODS then import keeps what BODS carries, over generated documents."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from ges_graph.control import shareholding_votes
from ges_graph.export import to_bods
from ges_graph.graph import GES
from ges_graph.io.bods import from_bods
from ges_graph.model import Document
from ges_graph.strategies import documents
from ges_graph.vocabulary import Form

pytest.importorskip("jsonschema")


def _entities(doc: Document) -> list[tuple[Any, ...]]:
    # a person statement has no identifiers in the export: a natural person's SIREN is not carried
    return [
        (e.id, e.name, e.form, e.form is not Form.PERSON and e.siren and e.siren.replace(" ", ""))
        for e in doc.entities
    ]


def _stakes(doc: Document) -> list[tuple[Any, ...]]:
    """Each shareholding BODS can state (its subject is not a natural person), in order."""
    return [
        (r.from_, r.to, r.share, shareholding_votes(r, doc.entity(r.to)), r.start, r.end, r.id)
        for r in doc.relations
        if r.type == "shareholding" and doc.entity(r.to).form is not Form.PERSON
    ]


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(max_entities=6))
def test_export_then_import_keeps_entities_shares_and_votes(doc: Document) -> None:
    back = from_bods(to_bods(GES(doc), publication_date="2026-01-15"))
    assert _entities(back) == _entities(doc)
    assert _stakes(back) == _stakes(doc)
    assert "bods" not in back.attrs  # everything the export writes has a place in the format


def test_the_property_sees_shareholdings() -> None:
    """Not vacuous: the strategy gives documents with shareholdings that the export states."""
    seen: list[int] = []

    @settings(max_examples=30, deadline=None, database=None)
    @given(documents(max_entities=6))
    def count(doc: Document) -> None:
        seen.append(len(_stakes(doc)))

    count()
    assert sum(seen) > 0
