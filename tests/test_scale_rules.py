"""Validation at scale: the shortcuts of ``ges_graph.rules`` give what the slow way gives."""

from __future__ import annotations

import pickle
from collections.abc import Iterator, Mapping

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs

from ges_graph.graph import GES
from ges_graph.model import Document, Entity, Membership, PercentRange, Shareholding
from ges_graph.report import Finding, Messages, Severity
from ges_graph.rules import RULES, validate
from ges_graph.rules.governance import _CHAIN_KEYS, _ranged, _ranges
from ges_graph.rules.registry import Context, Hit, Money, _trusted_finding
from ges_graph.strategies import documents


def test_a_trusted_finding_is_what_model_construct_builds() -> None:
    values = {
        "rule": "capital-over-100",
        "severity": Severity.ERROR,
        "subjects": ("a", "relations[0]"),
        "reference": "—",
        "messages": Messages(fr="texte", en="text"),
        "data": {"candidates": ["a", "b"]},
    }
    fast = _trusted_finding(dict(values))
    slow = Finding.model_construct(**values)  # type: ignore[arg-type]
    assert fast == slow
    assert vars(fast) == vars(slow)
    assert fast.model_fields_set == slow.model_fields_set
    assert fast.__pydantic_extra__ == slow.__pydantic_extra__
    assert fast.__pydantic_private__ == slow.__pydantic_private__
    assert fast.model_dump() == slow.model_dump()
    assert fast.model_dump_json() == slow.model_dump_json()
    assert pickle.loads(pickle.dumps(fast)) == slow
    assert fast.model_copy(update={"rule": "x"}).rule == "x"


# -- the rules that read chains: the same hits as the literal reading, in one pass -------------

_RANGED = (Shareholding, Membership)


def _naive_consolidation(ctx: Context, p: Mapping[str, float]) -> Iterator[Hit]:
    """``consolidation-duty`` as first written: what each company controls, walked whole."""
    control = ctx.control

    def lacking(e: Entity) -> bool:
        return e.form.is_company and (e.budget is None or e.employees is None)

    blocked = {
        a
        for a in ctx.entities
        if any(lacking(ctx.entity(x)) for x in control.capital_controlled(a) if x != a)
    }
    for c in ctx.in_document_order(ctx.members):
        if not ctx.entity(c).form.is_company or c in blocked or lacking(ctx.entity(c)):
            continue
        controlled = [
            x for x in control.capital_controlled(c) if x != c and ctx.entity(x).form.is_company
        ]
        if not controlled:
            continue
        ordered = ctx.in_document_order(controlled)
        group = [ctx.entity(x) for x in (c, *ordered)]  # summed in document order
        total = sum(e.budget or 0 for e in group)
        employees = sum(e.employees or 0 for e in group)
        if total > p["turnover"] and employees > p["headcount"]:
            yield Hit(
                (c, *ordered),
                {
                    "company": ctx.ent(c),
                    "controlled": ctx.ents(ordered),
                    "turnover": Money(p["turnover"], "EUR"),
                    "total": Money(total, ctx.currency),
                    "headcount": int(p["headcount"]),
                    "employees": employees,
                },
            )


def _naive_ranges(ctx: Context, a: str, b: str) -> list[tuple[str, str, str, PercentRange]]:
    """The ranges of ``uncertain-control`` as first written: every entity, every relation."""
    control = ctx.control
    targets = {b} | {
        x
        for x in ctx.entities
        if x not in (a, b)
        and control.possibly_controls(a, x)
        and not control.controls(a, x)
        and control.possibly_controls(x, b)
    }
    out = []
    for key, r in ctx.relations:
        if not isinstance(r, _RANGED) or r.to not in targets:
            continue
        if r.from_ != a and not control.possibly_controls(a, r.from_):
            continue
        # the votes control counts: a shareholding's ``votes``, else its ``share``
        value = r.votes if r.votes is not None or isinstance(r, Membership) else r.share
        if isinstance(value, PercentRange):
            out.append((key, r.from_, r.to, value))
    return out


_GROUPS = documents(
    min_entities=2,
    max_entities=8,
    max_relations=16,
    relation_types=["shareholding", "membership", "board", "statutory_control"],
    forms=hs.sampled_from(["association", "sas", "sarl", "sa", "gie", "person"]),
    dates=False,
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_GROUPS, hs.sampled_from([(0.0, 0.0), (1000.0, 2.0), (48e6, 250.0)]))
def test_consolidation_duty_finds_what_the_literal_reading_finds(
    doc: Document, thresholds: tuple[float, float]
) -> None:
    ctx = Context(GES(doc))
    params = {"turnover": thresholds[0], "headcount": thresholds[1]}
    rule = RULES["consolidation-duty"]
    fast = [(h.subjects, h.arguments()) for h in rule.check(ctx, params)]
    slow = [(h.subjects, h.arguments()) for h in _naive_consolidation(ctx, params)]
    assert fast == slow


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_GROUPS)
def test_uncertain_control_names_the_ranges_the_literal_reading_names(doc: Document) -> None:
    ctx = Context(GES(doc))
    ranged = _ranged(ctx)
    for a, b in ctx.control.uncertain:
        assert _ranges(ctx, a, b, ranged) == _naive_ranges(ctx, a, b)


def test_a_long_chain_controlled_from_outside_is_reported_link_by_link() -> None:
    n = 3000  # deeper than the interpreter's recursion limit
    ents = [{"id": "p", "name": "Personne", "form": "person"}]
    ents += [{"id": f"e{i}", "name": f"Société {i}", "form": "sas"} for i in range(1, n)]
    rels = [
        {"type": "shareholding", "from": f"e{i}", "to": f"e{i + 1}", "share": 100}
        for i in range(1, n - 1)
    ]
    rels.insert(0, {"type": "shareholding", "from": "p", "to": "e1", "share": 100})
    ges = GES.from_data({"format": "ges-graph/1", "name": "C", "entities": ents, "relations": rels})
    found = [f for f in validate(ges).findings if f.rule == "outside-control"]
    assert len(found) == n - 1
    assert found[0].subjects == ("e1", "p", "relations[0]")
    assert found[2].subjects == ("e3", "p", "relations[2]", "relations[1]", "relations[0]")
    assert max(len(f.subjects) for f in found) == 2 + _CHAIN_KEYS  # a link's nearest relations
    assert found[-1].subjects[2:5] == ("relations[2998]", "relations[2997]", "relations[2996]")
    assert "Personne (p)" in found[-1].message("fr")
