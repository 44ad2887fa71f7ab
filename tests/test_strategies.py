"""The strategies against their contract: validity, sizes, options, reprs, promised breaks."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from pydantic import ValidationError

from ges_graph import strategies as gst
from ges_graph.graph import GES
from ges_graph.model import (
    ID_PATTERN,
    Document,
    Entity,
    Flow,
    Form,
    PercentRange,
    Shareholding,
    certain,
    format_loc,
    possible,
)

ROOT = Path(__file__).resolve().parents[1]


def _luhn_ok(siren: str) -> bool:
    digits = siren.replace(" ", "")
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return len(digits) == 9 and total % 10 == 0


def _revalidate(doc: Document) -> Document:
    """Validate the document again from its plain data: it must be valid as data too."""
    return Document.model_validate(doc.model_dump(mode="json", exclude_defaults=True))


@given(gst.documents())
def test_documents_are_valid_by_the_format(doc: Document) -> None:
    assert _revalidate(doc) == doc
    ids = [e.id for e in doc.entities]
    assert len(ids) == len(set(ids))
    rel_ids = [r.id for r in doc.relations if r.id is not None]
    assert len(rel_ids) == len(set(rel_ids))
    assert not set(rel_ids) & set(ids)
    for e in doc.entities:
        if e.siren is not None:
            assert _luhn_ok(e.siren)
        if e.employees is not None and e.insertion_employees is not None:
            assert e.insertion_employees <= e.employees
    for r in doc.relations:
        assert r.from_ in ids
        assert r.to in ids
        assert r.from_ != r.to
        if r.start is not None and r.end is not None:
            assert r.start <= r.end
        if isinstance(r, Shareholding):
            assert certain(r.share) > 0
            assert certain(r.share) <= possible(r.share)


@given(
    st.integers(1, 5)
    .flatmap(lambda low: st.tuples(st.just(low), st.integers(low, 7), st.integers(0, 6)))
    .flatmap(
        lambda t: st.tuples(
            st.just(t),
            gst.documents(min_entities=t[0], max_entities=t[1], max_relations=t[2]),
        )
    )
)
def test_documents_respect_sizes(args: tuple[tuple[int, int, int], Document]) -> None:
    (low, high, max_rel), doc = args
    assert low <= len(doc.entities) <= high
    assert len(doc.relations) <= max_rel


@given(gst.documents(relation_types=["flow", "board"], ranges=False, dates=False, details=False))
def test_documents_options_are_honoured(doc: Document) -> None:
    assert doc.as_of is None
    assert doc.attrs == {}
    assert doc.id is None
    for r in doc.relations:
        assert r.type in ("flow", "board")
        assert r.start is None
        assert r.end is None
        assert r.id is None
    for e in doc.entities:
        assert e.siren is None
        assert e.conventions == ()
        assert e.attrs == {}


@given(gst.entities(ids=st.just("x"), forms=st.sampled_from(["sas", "scop"]), external=True))
def test_entities_options_are_honoured(e: Entity) -> None:
    assert e.id == "x"
    assert e.form in (Form.SAS, Form.SCOP)
    assert e.external


@given(gst.relations(entity_ids=["a", "b"], types=["shareholding"], ranges=False))
def test_relations_join_the_given_ids(r: Shareholding) -> None:
    assert {r.from_, r.to} == {"a", "b"}
    assert isinstance(r.share, float)
    assert 0 < r.share <= 100


def _doc_ok(v: object) -> bool:
    return isinstance(v, Document) and _revalidate(v) == v


def _entity_ok(v: object) -> bool:
    return (
        isinstance(v, Entity)
        and re.fullmatch(ID_PATTERN, v.id) is not None
        and bool(v.name.strip())
    )


def _share_ok(v: object) -> bool:
    return isinstance(v, Shareholding) and v.from_ != v.to and 0 < certain(v.share) <= 100


def _flow_ok(v: object) -> bool:
    return isinstance(v, Flow) and v.from_ != v.to and (v.amount is None or v.amount >= 0)


def _range_ok(v: object) -> bool:
    return isinstance(v, PercentRange) and 0 <= v.min <= v.max <= 100


def _ges_ok(v: object) -> bool:
    return (
        isinstance(v, GES)
        and _revalidate(v.document) == v.document
        and set(v.graph.nodes) == {e.id for e in v.document.entities}
    )


@pytest.mark.parametrize(
    ("cls", "check"),
    [
        (Document, _doc_ok),
        (Entity, _entity_ok),
        (Shareholding, _share_ok),
        (Flow, _flow_ok),
        (PercentRange, _range_ok),
        (GES, _ges_ok),
    ],
)
def test_from_type_is_registered(cls: type, check: object) -> None:
    # The registered strategies give values valid by the format, not just of the right type.
    @settings(max_examples=10)
    @given(st.from_type(cls))
    def inner(value: object) -> None:
        assert check(value), value  # type: ignore[operator]

    inner()


@pytest.mark.parametrize("check", [_doc_ok, _entity_ok, _share_ok, _flow_ok, _range_ok, _ges_ok])
def test_from_type_checks_can_fail(check: object) -> None:
    assert not check(object())  # type: ignore[operator]
    bad = PercentRange.model_construct(min=60.0, max=40.0)
    assert not _range_ok(bad)
    bad_share = Shareholding.model_construct(from_="a", to="a", share=10.0)
    assert not _share_ok(bad_share)


def test_ids_shrink_to_small_readable_groups() -> None:
    from hypothesis import find

    doc = find(
        gst.documents(min_entities=3),
        lambda d: len(d.relations) >= 1,
        # No explain phase: it re-runs the test many times and would dominate the time.
        # Derandomized, so that the run is the same every time.
        settings=settings(
            database=None,
            derandomize=True,
            max_examples=500,
            phases=[Phase.generate, Phase.shrink],
        ),
    )
    assert len(doc.entities) == 3
    assert len(doc.relations) == 1
    assert [e.id for e in doc.entities] == ["a", "a2", "a3"]
    assert all(len(e.name) == 1 for e in doc.entities)
    assert doc.attrs == {}
    assert all(e.attrs == {} for e in doc.entities)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: gst.documents(min_entities=0), "min_entities=0 must be at least 1"),
        (lambda: gst.documents(min_entities=3, max_entities=2), "is above max_entities"),
        (lambda: gst.documents(max_relations=-1), "max_relations=-1"),
        (lambda: gst.documents(ranges="yes"), "ranges='yes' must be True or False"),
        (lambda: gst.documents(relation_types=["owns"]), "unknown RelationType 'owns'"),
        (lambda: gst.entities(ids="a"), "ids='a' must be a strategy"),
        (lambda: gst.entities(external="no"), "external='no'"),
        (lambda: gst.relations(entity_ids=["a", "a"]), "at least two distinct ids"),
        (lambda: gst.relations(types=[]), "must not be empty"),
        (lambda: gst.invalid_documents(rules=["nope"]), "unknown rule 'nope'"),
        (lambda: gst.invalid_documents(rules="missing-key"), "non-empty collection"),
    ],
)
def test_bad_arguments_raise_invalid_argument(make: object, message: str) -> None:
    with pytest.raises(InvalidArgument, match=message.replace("[", r"\[")):
        make()  # type: ignore[operator]


def test_reprs_show_how_the_strategy_was_built() -> None:
    assert repr(gst.documents()) == "documents()"
    assert repr(gst.documents(max_entities=3)) == "documents(max_entities=3)"
    assert repr(gst.entities(external=True)) == "entities(external=True)"
    assert (
        repr(gst.invalid_documents(rules=["zero-share"]))
        == "invalid_documents(rules=['zero-share'])"
    )


@given(gst.invalid_documents())
def test_invalid_documents_break_exactly_one_rule_at_the_path(bad: gst.InvalidDocument) -> None:
    assert bad.rule in gst.INVALID_RULES
    with pytest.raises(ValidationError) as info:
        Document.model_validate(bad.data)
    errors = info.value.errors()
    assert len(errors) == 1, errors
    if bad.path is not None:
        got = format_loc(errors[0]["loc"])
        # Inside attrs the model names the attrs mapping; the strategy names the place in it.
        assert got == bad.path or bad.path.startswith(got + "."), (got, bad.path)


@pytest.mark.parametrize("rule", gst.INVALID_RULES)
def test_every_invalid_rule_can_be_drawn(rule: str) -> None:
    @settings(max_examples=5)
    @given(gst.invalid_documents(rules=[rule]))
    def inner(bad: gst.InvalidDocument) -> None:
        assert bad.rule == rule

    inner()


def test_import_ges_graph_does_not_import_hypothesis() -> None:
    code = (
        "import sys, ges_graph, ges_graph.io, ges_graph.graph; print('hypothesis' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_id_pattern_is_the_models() -> None:
    assert ID_PATTERN.startswith("^[A-Za-z0-9]")


# -- from_schema and near_misses: their contract (classification is in test_properties) -------

SCHEMAS = ("S1", "S2", "S3", "S4", "S5", "S6")


def _members(doc: Document) -> list[str]:
    return [e.id for e in doc.entities if not e.external and e.form.family.value != "natural"]


def _tree_depth(doc: Document, head: str) -> int:
    """Longest chain of control relations between members, from the head (no GIE, no union)."""
    members = set(_members(doc))
    children: dict[str, list[str]] = {}
    for r in doc.relations:
        if r.type not in {"flow", "office"} and r.from_ in members and r.to in members:
            children.setdefault(r.from_, []).append(r.to)

    def depth(node: str) -> int:
        return max((1 + depth(k) for k in children.get(node, [])), default=0)

    return depth(head)


@pytest.mark.parametrize("schema", SCHEMAS)
def test_from_schema_sizes(schema: str) -> None:
    @settings(max_examples=15)
    @given(
        st.data(),
        st.integers(5, 8),
        st.integers(0, 3),
        st.integers(0, 4),
    )
    def inner(data: st.DataObject, members: int, externals: int, flows: int) -> None:
        built = data.draw(
            gst.from_schema(
                schema,
                members=members,
                externals=externals,
                flows=flows,
                pooled_gie=False,
                coordinating_head=False,
                persons=False,
            )
        )
        doc = built.document
        assert built.schema == schema
        assert len(_members(doc)) == members
        assert sum(e.external for e in doc.entities) == externals
        assert sum(r.type == "flow" for r in doc.relations) == flows
        assert built.head in _members(doc)
        assert not any(e.form.family.value == "natural" for e in doc.entities)

    inner()


@pytest.mark.parametrize("schema", ["S1", "S2", "S3", "S5"])
def test_from_schema_coordinating_head_and_pooled_gie(schema: str) -> None:
    @settings(max_examples=15)
    @given(gst.from_schema(schema, coordinating_head=True, pooled_gie=True, persons=True))
    def inner(built: gst.SchemaDocument) -> None:
        doc = built.document
        into_head = [
            r.from_
            for r in doc.relations
            if r.type == "membership" and r.to == built.head and r.from_ in _members(doc)
        ]
        assert len(into_head) >= 2
        assert any(e.form.value in ("gie", "employer_group") for e in doc.entities)
        assert any(e.form.family.value == "natural" for e in doc.entities)
        assert built.variant == ("1b" if schema == "S1" else None)

    inner()


@given(gst.from_schema("S2", ranges=True, members=6, externals=2))
def test_from_schema_ranges_keep_minorities_below_half(built: gst.SchemaDocument) -> None:
    members = set(_members(built.document))
    for r in built.document.relations:
        if isinstance(r, Shareholding) and r.from_ not in members:
            assert possible(r.share) <= 50


@given(gst.from_schema("S4", depth=3, members=6, pooled_gie=False))
def test_from_schema_depth(built: gst.SchemaDocument) -> None:
    assert _tree_depth(built.document, built.head) == 3


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: gst.from_schema("S7"), "not a reference schema"),
        (lambda: gst.from_schema(7), "must be a schema id"),
        (lambda: gst.from_schema("S6", coordinating_head=True), "only an associative head"),
        (lambda: gst.from_schema("S5", members=2), "too few for S5"),
        (lambda: gst.from_schema("S5", depth=1), "depth ≥ 2"),
        (lambda: gst.from_schema("S1", members=True), "must be an integer"),
        (lambda: gst.from_schema("S1", externals=-1), "externals=-1"),
        (lambda: gst.from_schema("S1", persons="yes"), "persons='yes'"),
        (lambda: gst.near_misses("S4", conditions=["no-intermediate-holding"]), "S4"),
        (lambda: gst.near_misses("S2", conditions="unified-governance"), "non-empty"),
    ],
)
def test_schema_strategies_bad_arguments(make: object, message: str) -> None:
    with pytest.raises(InvalidArgument, match=message):
        make()  # type: ignore[operator]


def test_schema_strategy_reprs() -> None:
    assert repr(gst.from_schema("S5", members=4)) == "from_schema('S5', members=4)"
    assert (
        repr(gst.near_misses("S1", conditions=["unified-governance"]))
        == "near_misses('S1', conditions=['unified-governance'])"
    )


def test_a_copy_of_a_reference_schema_is_built_from_its_conditions() -> None:
    from ges_graph.classification import classify
    from ges_graph.schemas import load_schema_text

    text = (
        (ROOT / "schemas" / "coorace" / "S4.yaml")
        .read_text(encoding="utf-8")
        .replace("id: S4", "id: S4b", 1)
    )
    custom = load_schema_text(text)
    assert custom.id == "S4b"
    with pytest.raises(InvalidArgument, match="too few for S4b"):
        gst.from_schema(custom, members=2)

    @settings(max_examples=10)
    @given(gst.from_schema(custom, members=5, externals=2, flows=2, persons=True))
    def inner(built: gst.SchemaDocument) -> None:
        assert built.schema == "S4b"
        assert len(_members(built.document)) == 5
        assert sum(e.external for e in built.document.entities) == 2
        result = classify(GES(built.document), [custom])
        assert (result.schema, result.head) == ("S4b", built.head)

    inner()


# -- a seventh schema, written only in YAML ---------------------------------------------------

S7_YAML = """
id: S7
title: {fr: Groupe sous tête publique, en: Group under a public head}
confidence: low
basis: {fr: Un schéma d'essai., en: A test schema.}
head_condition:
  id: head-public-body
  text: {fr: la tête est une personne publique, en: the head is a public body}
  test: {head: {form: [public_body]}}
conditions:
  - id: two-to-six-members
    text: {fr: deux à six membres, en: two to six members}
    test: {members: {at_least: 2, at_most: 6}}
  - id: unified
    text: {fr: gouvernance unifiée, en: unified governance}
    test: {unified: true}
  - id: independent
    text: {fr: pas de contrôle extérieur, en: no outside control}
    test: {head_outside_control: false}
  - id: holds-a-company
    text: {fr: la tête détient une société, en: the head holds a company}
    test: {head_link: {link: majority_votes, to: {family: [company]}, as: held}}
  - id: held-company-controls-nobody
    text: {fr: cette société ne contrôle personne, en: that company controls no member}
    test: {count: {of: {intermediate_holding: true}, at_most: 0}}
  - id: two-operators
    text: {fr: deux membres opérateurs, en: two operating members}
    test: {count: {of: {operating: true}, at_least: 2, exclude_head: true}}
  - id: no-grouping
    text: {fr: aucun groupement, en: no grouping}
    test: {count: {of: {family: [grouping]}, at_most: 0}}
  - id: flows-between-members
    text: {fr: des flux entre membres, en: flows between members}
    test: {relations: {type: [flow], at_least: 1}}
variants:
  - id: 7a
    text: {fr: tête seule, en: head alone}
    test: {head_coordinating: false}
example:
  format: ges-graph/1
  name: Régie
  entities:
    - {id: ville, name: Ville, form: public_body}
    - {id: regie, name: Régie, form: sas, conventions: [ei]}
  relations:
    - {type: shareholding, from: ville, to: regie, share: 100}
"""


def _s7() -> Any:
    from ges_graph.schemas import load_schema_text

    return load_schema_text(S7_YAML, file="S7.yaml")


def test_a_seventh_schema_gets_members_that_classify_as_it() -> None:
    from ges_graph.classification import classify
    from ges_graph.schemas import reference_schemas

    s7 = _s7()
    schemas = [*reference_schemas(), s7]

    @settings(max_examples=40)
    @given(gst.from_schema(s7))
    def inner(built: gst.SchemaDocument) -> None:
        result = classify(GES(built.document), schemas)
        assert result.schema == "S7", result.to_text("en")
        assert (result.head, result.variant) == (built.head, "7a")
        assert (built.schema, built.variant) == ("S7", "7a")
        assert 2 <= len(_members(built.document)) <= 6

    inner()


def test_a_seventh_schema_gets_near_misses_that_fail_the_named_condition() -> None:
    from ges_graph.classification import classify
    from ges_graph.schemas import reference_schemas

    s7 = _s7()
    schemas = [*reference_schemas(), s7]
    breakable = gst.breakable_conditions(s7)
    assert set(breakable) == {c.id for c in s7.all_conditions}
    seen: set[str] = set()

    @settings(max_examples=80)
    @given(gst.near_misses(s7))
    def inner(miss: gst.NearMiss) -> None:
        seen.add(miss.condition)
        result = classify(GES(miss.document), schemas)
        assert result.schema != "S7"
        failed = {c.id for c in result.candidate("S7").failed}
        assert failed == {miss.condition}, (miss.condition, result.to_text("en"))

    inner()
    assert len(seen) >= len(breakable) // 2  # the draws reach most conditions


@pytest.mark.parametrize(
    ("test", "predicate"),
    [
        ("{unified: false}", "unified"),
        ("{head_link: {link: capital_controls, to: {family: [associative]}}}", "head_link"),
        ("{head: {intermediate_holding: true}}", "head"),
        ("{relations: {type: [statutory_control], at_least: 1}}", "relations"),
        ("{count: {of: {family: [natural]}, at_least: 1}}", "count"),
    ],
)
def test_a_predicate_without_witness_is_refused_by_name(test: str, predicate: str) -> None:
    text = S7_YAML.replace("test: {unified: true}", f"test: {test}")
    s7 = __import__("ges_graph.schemas", fromlist=["x"]).load_schema_text(text)
    with pytest.raises(gst.SchemaNotBuildable, match=f"predicate '{predicate}'") as info:
        gst.from_schema(s7)
    assert isinstance(info.value, InvalidArgument)
    assert info.value.predicate == predicate


def test_strategy_code_names_no_schema_variant_or_condition() -> None:
    import ast

    from ges_graph.schemas import reference_schemas

    names = {s.id for s in reference_schemas()}
    names |= {c.id for s in reference_schemas() for c in (*s.all_conditions, *s.variants)}
    for path in sorted((ROOT / "ges_graph" / "strategies").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        literals = {
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
        }
        assert not literals & names, (path.name, literals & names)


@pytest.mark.parametrize(
    ("schema", "condition"),
    [(s, c) for s in SCHEMAS for c in gst.NEAR_MISS_CONDITIONS[s]],
)
def test_near_misses_say_what_they_break(schema: str, condition: str) -> None:
    @settings(max_examples=5)
    @given(gst.near_misses(schema, conditions=[condition]))
    def inner(miss: gst.NearMiss) -> None:
        assert (miss.schema, miss.condition) == (schema, condition)
        assert miss.head in {e.id for e in miss.document.entities}

    inner()
