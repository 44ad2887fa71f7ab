"""A plan prepares its tests once; prepared, they give what the filters and tests give as read.

:class:`~ges_graph.schemas.matching.Match` compiles an
:class:`~ges_graph.schemas.predicates.EntityFilter` into a set of admitted forms, and the
``head``, ``count``, ``relations``, ``head_link`` and ``link`` tests are evaluated prepared
(:data:`~ges_graph.schemas.evaluation.PREPARED`). Held here to the filter's own methods and to
the outcomes of the same tests evaluated without a plan, on generated groups, for every filter
the condition language can write.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs

from ges_graph.graph import GES
from ges_graph.model import Document, Family, Form
from ges_graph.schemas import reference_schemas
from ges_graph.schemas.context import Context, Outcome, linked_members
from ges_graph.schemas.evaluation import EVALUATORS, PREPARED
from ges_graph.schemas.matching import Match
from ges_graph.schemas.plan import Run, compile_schemas
from ges_graph.schemas.predicates import (
    CountTest,
    EntityFilter,
    HeadLinkTest,
    HeadTest,
    LinkTest,
    RelationsTest,
    Test,
)
from ges_graph.strategies import documents

_DOCS = documents(
    min_entities=1,
    max_entities=9,
    max_relations=14,
    relation_types=["shareholding", "membership", "board", "statutory_control", "office"],
    forms=hs.sampled_from(
        ["association", "sas", "sasu", "sarl", "gie", "union", "person", "scic", "scop", "other"]
    ),
    dates=False,
    details=False,
)
_FILTERS = hs.builds(
    EntityFilter,
    form=hs.none() | hs.lists(hs.sampled_from(list(Form)), max_size=4, unique=True).map(tuple),
    family=hs.none() | hs.lists(hs.sampled_from(list(Family)), max_size=3, unique=True).map(tuple),
    operating=hs.none() | hs.booleans(),
    intermediate_holding=hs.none() | hs.booleans(),
)
_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(doc=_DOCS, flt=_FILTERS, upto=hs.integers(0, 6))
def test_a_compiled_filter_admits_what_the_filter_admits(
    doc: Document, flt: EntityFilter, upto: int
) -> None:
    control = GES(doc).control
    match = Match(flt)
    ids = sorted(control.forms)
    assert [match.matches(control, i) for i in ids] == [flt.matches(control, i) for i in ids]
    assert match.select(control, ids) == flt.select(control, ids)
    assert match.count(control, ids, upto) == flt.count(control, ids, upto)
    assert match.count(control, iter(ids), upto) == flt.count(control, ids, upto)


def test_form_and_family_keys_become_one_set_of_forms() -> None:
    both = Match(EntityFilter(form=(Form.SAS, Form.ASSOCIATION), family=(Family.COMPANY,)))
    assert both.forms == frozenset({Form.SAS})
    assert Match(EntityFilter()).forms is None
    assert Match(EntityFilter(family=(Family.COOPERATIVE,))).forms == frozenset(
        f for f in Form if f.family is Family.COOPERATIVE
    )


def _same(a: Outcome, b: Outcome) -> None:
    assert (a.held, dict(a.binds), a.fr, a.en) == (b.held, dict(b.binds), b.fr, b.en)


def _decided_as_read(ctx: Context, test: Test) -> tuple[bool, dict[str, tuple[str, ...]]]:
    """What a test decides, read from its model's filters and bounds, with no plan."""
    control, head = ctx.control, ctx.head
    if isinstance(test, HeadTest):
        return head is not None and test.head.matches(control, head), {}
    if isinstance(test, CountTest):
        a = test.count
        members = [m for m in control.members if not (a.exclude_head and m == head)]
        return a.holds(len(a.of.select(control, members))), {}
    if isinstance(test, HeadLinkTest):
        h = test.head_link
        found = [] if head is None else linked_members(ctx, head, h.link, h.to)
        return head is not None and len(found) >= h.at_least, (
            {h.as_: tuple(found)} if h.as_ else {}
        )
    if isinstance(test, RelationsTest):
        r = test.relations
        between = [
            x
            for _, x in control.relations
            if x.type in r.type and x.from_ in control.members and x.to in control.members
        ]
        return r.holds(len(between)), {}
    assert isinstance(test, LinkTest)
    k = test.link
    counts = [len(linked_members(ctx, s, k.link, k.to)) for s in ctx.bound.get(k.from_, ())]
    return any(n >= k.at_least for n in counts), {}


@_SETTINGS
@given(doc=_DOCS)
def test_prepared_tests_decide_as_their_filters_and_bounds_read(doc: Document) -> None:
    ges = GES(doc)
    control = ges.control
    for head in [None, *sorted(control.members)]:  # every member tried as the head
        for schema in reference_schemas():
            bound: dict[str, tuple[str, ...]] = {}
            for condition in schema.all_conditions:
                test = condition.test
                ctx = Context(ges, control, head, dict(bound))
                if type(test) in PREPARED:
                    prepare, run = PREPARED[type(test)]
                    out = run(ctx, prepare(test))
                    assert (out.held, dict(out.binds)) == _decided_as_read(ctx, test)
                    _same(out, EVALUATORS[type(test)](ctx, test))
                else:
                    out = EVALUATORS[type(test)](ctx, test)
                bound.update(out.binds)


def test_a_run_binds_and_counts_as_the_conditions_read_one_by_one() -> None:
    plan = compile_schemas(reference_schemas())
    for schema, sp in zip(reference_schemas(), plan.schemas, strict=True):
        ges = schema.example_ges()
        head = ges.control.head
        outs, bound, (no_head, failed) = Run(ges, head, {}).outcomes(sp)
        walked: dict[str, tuple[str, ...]] = {}
        for condition, out in zip(sp.conditions, outs, strict=True):
            one = condition.evaluate(ges, head, walked)
            _same(out, one)
            walked.update(one.binds)
        assert dict(bound) == walked
        assert failed == sum(not o.held for o in outs) == 0
        assert no_head == 0
