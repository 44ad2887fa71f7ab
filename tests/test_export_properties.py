"""Properties of the exports over generated documents (Hypothesis)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import given, settings

from ges_graph.export import _xml_text, to_bods, to_gexf, to_graphml
from ges_graph.graph import GES
from ges_graph.model import Document, Form, certain, possible
from ges_graph.strategies import documents

BODS_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "bods-0.4"


def _validator() -> Any:
    if not (BODS_DIR / "statement.json").is_file():
        return None
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    schemas = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(BODS_DIR.glob("*.json"))]
    registry: Registry[Any] = Registry().with_resources(
        (s["$id"], Resource.from_contents(s)) for s in schemas if "$id" in s
    )
    statement = json.loads((BODS_DIR / "statement.json").read_text(encoding="utf-8"))
    return Draft202012Validator(
        statement, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER
    )


VALIDATOR = _validator()


@settings(max_examples=25)
@given(documents(max_entities=6, max_relations=10))
def test_graphml_keeps_every_entity_and_relation(doc: Document) -> None:
    ges = GES(doc)
    # edge_key_type=str: networkx would read a relation id such as "0" as the integer 0
    g = nx.parse_graphml(to_graphml(ges), force_multigraph=True, edge_key_type=str)
    assert list(g.nodes) == [e.id for e in doc.entities]
    for e in doc.entities:
        assert g.nodes[e.id]["name"] == _xml_text(e.name)
        assert g.nodes[e.id]["form"] == e.form.value
    assert g.number_of_edges() == len(doc.relations)
    for i, r in enumerate(doc.relations):
        data = g.edges[r.from_, r.to, doc.relation_key(i)]
        assert data["type"] == r.type
        for field in ("share", "votes"):
            value = getattr(r, field, None)
            if value is not None:
                assert data[f"{field}_min"] == certain(value)
                assert data[f"{field}_max"] == possible(value)


@settings(max_examples=25)
@given(documents(max_entities=5, max_relations=8))
def test_gexf_is_well_formed_and_deterministic(doc: Document) -> None:
    text = to_gexf(GES(doc))
    assert text == to_gexf(GES(doc))
    root = ET.fromstring(text)
    edges = list(root.iter("{http://www.gexf.net/1.2draft}edge"))
    assert len(edges) == len(doc.relations)
    assert len({e.get("id") for e in edges}) == len(edges)


@settings(max_examples=20)
@given(documents(max_entities=6, max_relations=10))
def test_bods_statements_are_valid_and_complete(doc: Document) -> None:
    ges = GES(doc)
    statements = to_bods(ges, publication_date="2026-01-15")
    if VALIDATOR is not None:
        errors = [e.message for e in VALIDATOR.iter_errors(statements)]
        assert errors == []
    kept = [
        r for r in doc.relations if r.type != "flow" and doc.entity(r.to).form is not Form.PERSON
    ]
    assert len(statements) == len(doc.entities) + len(kept)
    assert len({s["recordId"] for s in statements}) == len(statements)
    assert len({s["statementId"] for s in statements}) == len(statements)
    records = {s["recordId"] for s in statements if s["recordType"] != "relationship"}
    for s in statements:
        if s["recordType"] == "relationship":
            assert s["recordDetails"]["subject"] in records
            assert s["recordDetails"]["interestedParty"] in records
            assert s["recordDetails"]["interests"]


def test_the_validator_is_present_when_the_schema_is() -> None:
    if not BODS_DIR.is_dir():
        pytest.skip("../shared/bods-0.4 is not present")
    assert VALIDATOR is not None
