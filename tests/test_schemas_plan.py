"""Schemas compiled once, and conditions counted only as far as their bounds need (issue 16).

A count, a relations test or a link stops counting once its outcome is known
(:attr:`Bounds.decisive`), and lists what it found only when its sentence is written: the
outcome must be the one the full list gives, and the sentence the same.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs

from ges_graph.graph import GES
from ges_graph.model import Document, Family, Form
from ges_graph.schemas import Context, reference_schemas
from ges_graph.schemas.context import count_linked, linked_members
from ges_graph.schemas.plan import Run, compile_schemas
from ges_graph.schemas.predicates import Bounds, EntityFilter, Link
from ges_graph.strategies import documents

_DOCS = documents(
    min_entities=2,
    max_entities=9,
    max_relations=14,
    relation_types=["shareholding", "membership", "board", "statutory_control"],
    dates=False,
    details=False,
)
_FILTERS = hs.builds(
    EntityFilter,
    form=hs.none() | hs.tuples(hs.sampled_from([Form.SAS, Form.SARL, Form.ASSOCIATION])),
    family=hs.none() | hs.tuples(hs.sampled_from(list(Family))),
    operating=hs.none() | hs.booleans(),
    intermediate_holding=hs.none() | hs.booleans(),
)


@given(hs.integers(0, 5), hs.none() | hs.integers(0, 5), hs.integers(0, 12))
def test_counting_up_to_the_decisive_number_decides_as_the_full_count(
    low: int, high: int | None, n: int
) -> None:
    if high is None and low == 0:
        low = 1  # a bound is needed
    if high is not None and low > high:
        low, high = high, low
    bounds = Bounds(at_least=low, at_most=high)
    assert bounds.holds(min(n, bounds.decisive)) == bounds.holds(n)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_DOCS, _FILTERS, hs.sampled_from(list(Link)), hs.integers(0, 4))
def test_a_link_or_a_filter_counted_up_to_a_number_is_the_list_cut_there(
    doc: Document, to: EntityFilter, link: Link, upto: int
) -> None:
    ges = GES(doc)
    c = ges.control
    for head in [c.head, *sorted(c.members)[:3]]:
        ctx = Context(ges, c, head, {})
        assert to.count(c, c.members, upto) == min(len(to.select(c, c.members)), upto)
        for a in sorted(c.members)[:4]:
            found = linked_members(ctx, a, link, to)
            assert count_linked(ctx, a, link, to, upto) == min(len(found), upto)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_DOCS)
def test_compiled_outcomes_and_sentences_are_those_of_each_condition_alone(doc: Document) -> None:
    ges = GES(doc)
    plan = compile_schemas(reference_schemas())
    for head in {ges.control.head, *ges.control.candidates}:
        run = Run(ges, head, {})
        for sp in plan.schemas:
            outs, bound, _ = run.outcomes(sp)
            names: dict[str, tuple[str, ...]] = {}
            for cond, out in zip(sp.conditions, outs, strict=True):
                alone = cond.evaluate(ges, head, names)
                names.update(alone.binds)
                assert (out.held, out.fr, out.en) == (alone.held, alone.fr, alone.en)
            assert bound == names


def test_schemas_are_compiled_once_per_list() -> None:
    schemas = reference_schemas()
    plan = compile_schemas(schemas)
    assert compile_schemas(list(schemas)) is plan
    assert [p.schema for p in plan.schemas] == list(schemas)
    assert [p.title_en for p in plan.schemas][4] == schemas[4].title("en")
    alone = compile_schemas(schemas[:1])
    assert alone is not plan
    assert alone.common == ((False,) * len(schemas[0].all_conditions),)  # one schema: none
    assert plan.common[0][0] is False  # a head condition never is
    assert sum(plan.common[0]) == 3
