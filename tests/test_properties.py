"""Property tests of classification, validation, loading and control, with our strategies.

The strategies (:mod:`ges_graph.strategies`) are the oracle: a document built for a schema must
classify to it with the head it was built around; one built to break a named condition must
not, and must name that condition among the failed ones.
"""

from __future__ import annotations

import contextlib
import copy
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from ges_graph import io
from ges_graph import strategies as gst
from ges_graph.classification import classify
from ges_graph.errors import LoadError
from ges_graph.graph import GES
from ges_graph.model import Document, Form
from ges_graph.rules import validate

SCHEMAS = ("S1", "S2", "S3", "S4", "S5", "S6")

# Conditions that test what another condition binds: breaking the first fails both.
DEPENDENT = {("S5", "head-capital-controls-an-sas"): {"sas-capital-controls-a-company"}}

any_group = st.one_of(
    st.sampled_from(SCHEMAS).flatmap(gst.from_schema).map(lambda b: b.document),
    st.sampled_from(SCHEMAS).flatmap(gst.near_misses).map(lambda m: m.document),
    gst.documents(max_entities=6, max_relations=8),
)
"""Groups of every kind: built for a schema, near misses, and arbitrary valid documents."""


# -- the schemas, by construction -----------------------------------------------------------


@pytest.mark.parametrize("schema", SCHEMAS)
def test_from_schema_classifies_as_built(schema: str) -> None:
    @given(gst.from_schema(schema))
    def inner(built: gst.SchemaDocument) -> None:
        result = classify(GES(built.document))
        assert result.schema == schema, result.to_text("en")
        assert result.head == built.head
        assert result.variant == built.variant

    inner()


@pytest.mark.parametrize("schema", SCHEMAS)
def test_near_miss_breaks_the_named_condition(schema: str) -> None:
    @given(gst.near_misses(schema))
    def inner(miss: gst.NearMiss) -> None:
        result = classify(GES(miss.document))
        assert result.schema != schema
        failed = {c.id for c in result.candidate(schema).failed}
        assert miss.condition in failed
        # ... and nothing else of the schema, but what depends on it.
        assert failed <= {miss.condition} | DEPENDENT.get((schema, miss.condition), set())

    inner()


def _at_most_one_match(doc: Document) -> None:
    result = classify(GES(doc))
    assert sum(c.matched for c in result.candidates) <= 1
    assert (result.schema is None) == (not any(c.matched for c in result.candidates))


@pytest.mark.parametrize("schema", SCHEMAS)
def test_at_most_one_schema_matches_built_groups(schema: str) -> None:
    @given(
        st.one_of(
            gst.from_schema(schema).map(lambda b: b.document),
            gst.near_misses(schema).map(lambda m: m.document),
        )
    )
    def inner(doc: Document) -> None:
        _at_most_one_match(doc)

    inner()


@given(gst.documents())
def test_at_most_one_schema_matches_any_document(doc: Document) -> None:
    _at_most_one_match(doc)


# -- deterministic, never mutating ----------------------------------------------------------


def _snapshot(ges: GES) -> Any:
    """A deep copy of everything a function could change: the document and the graph's data."""
    g = ges.graph
    return (
        ges.document.model_dump(),
        copy.deepcopy(dict(g.graph)),
        [(n, copy.deepcopy(dict(d))) for n, d in g.nodes(data=True)],
        [(u, v, k, copy.deepcopy(dict(d))) for u, v, k, d in g.edges(keys=True, data=True)],
    )


@given(any_group)
def test_classify_and_validate_are_deterministic_and_do_not_mutate(doc: Document) -> None:
    ges = GES(doc)
    before = _snapshot(ges)
    first = (classify(ges).to_dict("en"), validate(ges).to_dict(lang="en"))
    assert _snapshot(ges) == before
    again = GES(Document.model_validate(doc.model_dump()))
    assert (classify(again).to_dict("en"), validate(again).to_dict(lang="en")) == first
    assert (classify(ges).to_dict("en"), validate(ges).to_dict(lang="en")) == first
    assert _snapshot(ges) == before


# -- what classification must not see -------------------------------------------------------


@st.composite
def _renamed(draw: st.DrawFn, doc: Document) -> tuple[Document, dict[str, str]]:
    """The document with every entity id renamed (relation ids kept), entities and relations
    reordered."""
    old = [e.id for e in doc.entities]
    taken = {r.id for r in doc.relations if r.id is not None}
    order = draw(st.permutations(range(len(old))))
    rename = {o: f"x{order[i]}.{i % 3}" for i, o in enumerate(old)}
    assume(not set(rename.values()) & taken)
    data = doc.model_dump(mode="json", exclude_defaults=True)
    for e in data["entities"]:
        e["id"] = rename[e["id"]]
    for r in data.get("relations", []):
        r["from"], r["to"] = rename[r["from"]], rename[r["to"]]
    data["entities"] = draw(st.permutations(data["entities"]))
    data["relations"] = draw(st.permutations(data.get("relations", [])))
    return Document.model_validate(data), rename


@st.composite
def _with_inert(draw: st.DrawFn, doc: Document) -> Document:
    """The document with external partners, persons and flows that control nothing."""
    data = doc.model_dump(mode="json", exclude_defaults=True)
    used = {e["id"] for e in data["entities"]} | {
        r["id"] for r in data.get("relations", []) if "id" in r
    }
    n = draw(st.integers(1, 3))
    new = [f"inert:{i}" for i in range(n)]
    assume(not set(new) & used)
    for i in new:
        if draw(st.booleans()):
            form = draw(st.sampled_from([Form.OTHER, Form.SA, Form.PUBLIC_BODY, Form.ASSOCIATION]))
            data["entities"].append(
                {"id": i, "name": "Partenaire", "form": form.value, "external": True}
            )
        else:
            form = draw(st.sampled_from([Form.PERSON, Form.COLLECTIVE]))
            data["entities"].append({"id": i, "name": "Personne", "form": form.value})
    ids = [e["id"] for e in data["entities"]]
    rels = data.setdefault("relations", [])
    for _ in range(draw(st.integers(0, 4))):
        a = draw(st.sampled_from(ids))
        b = draw(st.sampled_from([x for x in ids if x != a]))
        kind = draw(st.sampled_from(["service", "loan", "subsidy", "donation", "premises"]))
        rels.insert(
            draw(st.integers(0, len(rels))), {"type": "flow", "from": a, "to": b, "kind": kind}
        )
    return Document.model_validate(data)


@given(any_group, st.data())
def test_renaming_and_reordering_change_neither_schema_nor_head(
    doc: Document, data: st.DataObject
) -> None:
    before = classify(GES(doc))
    renamed, rename = data.draw(_renamed(doc))
    after = classify(GES(renamed))
    assert after.schema == before.schema
    assert after.variant == before.variant
    assert after.head == (rename[before.head] if before.head is not None else None)


@given(any_group, st.data())
def test_inert_partners_change_neither_schema_nor_head(doc: Document, data: st.DataObject) -> None:
    before = classify(GES(doc))
    after = classify(GES(data.draw(_with_inert(doc))))
    assert (after.schema, after.variant, after.head) == (before.schema, before.variant, before.head)


# -- loading and saving ---------------------------------------------------------------------


@pytest.mark.parametrize("syntax", ["yaml", "json"])
def test_save_then_load_is_the_identity(syntax: io.Syntax) -> None:
    @given(
        st.one_of(
            gst.documents(),
            st.sampled_from(SCHEMAS).flatmap(gst.from_schema).map(lambda b: b.document),
        )
    )
    def inner(doc: Document) -> None:
        text = io.dumps(doc, syntax=syntax)
        assert io.loads_document(text, syntax=syntax) == doc
        assert io.dumps(io.loads_document(text, syntax=syntax), syntax=syntax) == text

    inner()


@pytest.mark.parametrize("syntax", ["yaml", "json"])
def test_invalid_documents_raise_load_error_at_the_place(syntax: io.Syntax) -> None:
    @given(gst.invalid_documents())
    def inner(bad: gst.InvalidDocument) -> None:
        with pytest.raises(LoadError) as info:
            io.loads_document(bad.text(syntax), syntax=syntax, file=f"bad.{syntax}")
        if bad.path is not None:
            got = info.value.first.path
            # Inside attrs a loader may name the attrs mapping rather than the key in it.
            assert got == bad.path or bad.path.startswith(got + "."), (got, bad)
            assert f"bad.{syntax}" in str(info.value)

    inner()


@pytest.mark.parametrize("syntax", ["yaml", "json"])
def test_arbitrary_bytes_raise_only_load_error(syntax: io.Syntax) -> None:
    valid = gst.documents(max_entities=3).map(lambda d: io.dumps(d, syntax=syntax).encode())

    @st.composite
    def mangled(draw: st.DrawFn) -> bytes:
        text = draw(valid)
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, min(len(text), i + 8)))
        return text[:i] + draw(st.binary(max_size=8)) + text[j:]

    @given(st.one_of(st.binary(max_size=200), mangled()))
    def inner(raw: bytes) -> None:
        with contextlib.suppress(LoadError):
            io.loads_document(raw, syntax=syntax)

    inner()


# -- control: integrated ownership ----------------------------------------------------------

COMPANIES = ["sa", "sas", "sarl", "sasu", "eurl", "sci"]


@st.composite
def acyclic_capital(draw: st.DrawFn) -> Document:
    """Companies (and an association at the top) holding shares only in later ones, each
    company's capital held at most 100 %."""
    n = draw(st.integers(2, 6))
    ids = [f"c{i}" for i in range(n)]
    forms = ["association", *[draw(st.sampled_from(COMPANIES)) for _ in range(n - 1)]]
    rels = []
    for j in range(1, n):
        left = 100
        for i in draw(st.lists(st.integers(0, j - 1), unique=True, max_size=3)):
            if left < 1:
                break
            share = draw(st.integers(1, left))
            left -= share
            rels.append({"type": "shareholding", "from": ids[i], "to": ids[j], "share": share})
    ents = [{"id": i, "name": i.upper(), "form": f} for i, f in zip(ids, forms, strict=True)]
    return Document.model_validate(
        {"format": "ges-graph/1", "name": "G", "entities": ents, "relations": rels}
    )


@given(st.one_of(acyclic_capital(), gst.documents(relation_types=["shareholding"])))
def test_integrated_ownership_stays_within_0_and_100(doc: Document) -> None:
    c = GES(doc).control
    ids = [e.id for e in doc.entities]
    for a in ids:
        for b in ids:
            assert 0.0 <= c.integrated_ownership(a, b) <= 100.0


@given(acyclic_capital())
def test_integrated_ownership_is_consistent_with_control(doc: Document) -> None:
    c = GES(doc).control
    ids = [e.id for e in doc.entities]
    direct = {(r.from_, r.to): r.share for r in doc.relations}
    for a in ids:
        for b in ids:
            if a == b:
                continue
            own = c.integrated_ownership(a, b)
            # At least the direct stake (no cycle to give anything back).
            assert own >= direct.get((a, b), 0.0) - 1e-9
            if c.capital_controls(a, b):
                assert own > 0  # control needs a chain of shareholdings
            if own >= 100 - 1e-9:
                # All of b's capital is a's, directly or through what a wholly owns.
                assert c.capital_controls(a, b)
                assert c.controls(a, b)
