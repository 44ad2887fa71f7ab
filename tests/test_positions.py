"""The document as positions (``ges.positions``) and the rules on them, against literal readings.

:class:`~ges_graph.control.positions.Positions` must say what the document says (each id's
position, each relation's ends, the members); the rules that scan every relation on positions
(``isolated-member``, ``duplicate-relation``, ``cross-holding``, ``capital-cycle``,
``capital-over-100``, ``capital-into-non-company``) must find, on Hypothesis' groups, what the
rules' definitions read literally over ids find.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any
from unittest import mock

import networkx as nx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs

from ges_graph.control import shareholding_votes
from ges_graph.graph import GES
from ges_graph.model import Document, Flow, Membership, Shareholding, certain
from ges_graph.rules import RULES, form_capital
from ges_graph.rules.registry import Context
from ges_graph.strategies import documents

_GROUPS = documents(
    min_entities=1,
    max_entities=10,
    max_relations=18,
    relation_types=["shareholding", "membership", "board", "flow", "statutory_control"],
    forms=hs.sampled_from(
        [
            "association",
            "sas",
            "sarl",
            "sa",
            "scic",
            "gie",
            "person",
            "public_body",
            "collective",
            "other",
        ]
    ),
)
_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _subjects(rule: str, ctx: Context) -> list[tuple[str, ...]]:
    r = RULES[rule]
    return [h.subjects for h in r.check(ctx, r.parameters(ctx.as_of))]


@_SETTINGS
@given(_GROUPS)
def test_positions_say_what_the_document_says(doc: Document) -> None:
    ges = GES(doc)
    pos = ges.positions
    assert pos.ids == [e.id for e in doc.entities]
    assert all(pos.ids[pos.at[i]] == i for i in pos.ids)
    in_force = list(ges.relations_in_force())
    assert [pos.ids[n] for n in pos.src] == [r.from_ for _, r in in_force]
    assert [pos.ids[n] for n in pos.dst] == [r.to for _, r in in_force]
    members = {i for i, m in zip(pos.ids, pos.members, strict=True) if m}
    assert members == ges.control.members
    assert [bool(x) for x in pos.no_capital] == [not e.form.has_capital for e in doc.entities]
    for cls in (Shareholding, Membership, Flow):
        assert [in_force[n][1] for n in pos.of(cls)] == [r for _, r in in_force if type(r) is cls]


@_SETTINGS
@given(_GROUPS)
def test_isolated_member_is_the_literal_reading(doc: Document) -> None:
    ges = GES(doc)
    members = ges.control.members
    linked = {
        x
        for _, r in ges.relations_in_force()
        if r.from_ in members and r.to in members
        for x in (r.from_, r.to)
    }
    expected = (
        [(e.id,) for e in doc.entities if e.id in members and e.id not in linked]
        if len(members) >= 2
        else []
    )
    assert _subjects("isolated-member", Context(ges)) == expected


@_SETTINGS
@given(_GROUPS)
def test_duplicate_relation_is_the_literal_reading(doc: Document) -> None:
    ges = GES(doc)
    groups: dict[tuple[Any, ...], list[str]] = defaultdict(list)
    ends: dict[tuple[Any, ...], tuple[str, str]] = {}
    for key, r in ges.relations_in_force():
        kind = r.kind if isinstance(r, Flow) else None
        category = r.category if isinstance(r, Membership | Shareholding) else None
        same = (r.type, r.from_, r.to, kind, category)
        groups[same].append(key)
        ends[same] = (r.from_, r.to)
    expected = [(*ends[g], *keys) for g, keys in groups.items() if len(keys) > 1]
    assert sorted(_subjects("duplicate-relation", Context(ges))) == sorted(expected)


@_SETTINGS
@given(_GROUPS)
def test_cross_holding_is_the_literal_reading(doc: Document) -> None:
    ges = GES(doc)
    ents = {e.id: e for e in doc.entities}
    order = {e.id: n for n, e in enumerate(doc.entities)}
    held: dict[tuple[str, str], float] = defaultdict(float)
    keys: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key, r in ges.relations_in_force():
        if isinstance(r, Shareholding):
            held[r.from_, r.to] += certain(r.share)
            keys[r.from_, r.to].append(key)
    expected = []
    for a, b in sorted(held, key=lambda ab: (order[ab[0]], order[ab[1]])):
        fa, fb = ents[a].form, ents[b].form
        if (
            order[a] < order[b]
            and (b, a) in held
            and fa.is_company
            and fb.is_company
            and (fa.is_societe_par_actions or fb.is_societe_par_actions)
            and max(held[a, b], held[b, a]) > 10 + 1e-9
        ):
            expected.append((a, b, *keys[a, b], *keys[b, a]))
    assert _subjects("cross-holding", Context(ges)) == expected


@_SETTINGS
@given(_GROUPS)
def test_capital_cycle_is_the_literal_reading(doc: Document) -> None:
    ges = GES(doc)
    order = {e.id: n for n, e in enumerate(doc.entities)}
    g: nx.DiGraph[str] = nx.DiGraph()
    g.add_edges_from(
        (r.from_, r.to) for _, r in ges.relations_in_force() if r.type == "shareholding"
    )
    knots = [c for c in nx.strongly_connected_components(g) if len(c) > 1]
    in_force = list(ges.relations_in_force())
    expected = [
        (
            *sorted(c, key=order.__getitem__),
            *(k for k, r in in_force if r.type == "shareholding" and {r.from_, r.to} <= c),
        )
        for c in sorted(knots, key=lambda c: min(map(order.__getitem__, c)))
    ]
    # The entities of each knot in document order, then every shareholding within the knot.
    assert _subjects("capital-cycle", Context(ges)) == expected


@_SETTINGS
@given(_GROUPS)
def test_capital_over_100_and_into_non_company_are_the_literal_readings(doc: Document) -> None:
    ges = GES(doc)
    ents = {e.id: e for e in doc.entities}
    share: dict[str, float] = defaultdict(float)
    votes: dict[str, float] = defaultdict(float)
    voted: set[str] = set()
    member: dict[str, float] = defaultdict(float)
    wrong = []
    for key, r in ges.relations_in_force():
        if isinstance(r, Shareholding):
            share[r.to] += certain(r.share)
            got = shareholding_votes(r, ents[r.to])
            votes[r.to] += got[0] if got is not None else 0.0
            if r.votes is not None:
                voted.add(r.to)
            if not ents[r.to].form.has_capital:
                wrong.append((r.from_, r.to, key))
        elif isinstance(r, Membership) and r.votes is not None:
            member[r.to] += certain(r.votes)
    limit = 100.01 + 1e-9
    expected = []
    for e in doc.entities:
        t = e.id
        pools = [share[t] > limit, t in voted and votes[t] > limit, member[t] > limit]
        expected += [t] * sum(pools)
    ctx = Context(ges)
    assert [s[0] for s in _subjects("capital-over-100", ctx)] == expected
    assert _subjects("capital-into-non-company", ctx) == wrong


def test_a_shareholding_cycle_far_down_a_long_chain_is_found_without_a_walk_per_link() -> None:
    n = 5000
    ents = [{"id": f"e{i}", "name": f"Société {i}", "form": "sas"} for i in range(n)]
    rels: list[dict[str, Any]] = [
        {"type": "shareholding", "from": f"e{i}", "to": f"e{i + 1}", "share": 60}
        for i in range(n - 1)
    ]
    rels.append({"type": "shareholding", "from": f"e{n - 1}", "to": f"e{n - 3}", "share": 5})
    ges = GES.from_data(
        {"format": "ges-graph/1", "name": "Chaîne", "entities": ents, "relations": rels}
    )
    found = _subjects("capital-cycle", Context(ges))
    assert len(found) == 1
    assert found[0][:3] == (f"e{n - 3}", f"e{n - 2}", f"e{n - 1}")


@_SETTINGS
@given(
    hs.integers(min_value=1, max_value=12).flatmap(
        lambda n: hs.tuples(
            hs.permutations(range(n)),
            hs.lists(hs.tuples(hs.integers(0, n - 1), hs.integers(0, n - 1)), max_size=30),
        )
    )
)
def test_holdings_without_a_cycle_are_peeled_in_one_pass(
    drawn: tuple[list[int], list[tuple[int, int]]],
) -> None:
    # Edges that go down a ranking hold no cycle: Kahn's order alone must empty them, without
    # the slower peeling from both ends (which would hide a fault of the first pass).
    rank, pairs = drawn
    edges = [(u, v) if rank[u] < rank[v] else (v, u) for u, v in pairs if u != v]

    def refused(edges: list[tuple[int, int]]) -> list[tuple[int, int]]:
        raise AssertionError(f"peeled from both ends: {edges}")

    froms, tos = [u for u, _ in edges], [v for _, v in edges]
    with mock.patch.object(form_capital, "_peel_both", refused):
        assert form_capital._peel_positions(len(rank), froms, tos) == []


def test_each_knot_of_holdings_names_its_own_relations() -> None:
    # Two knots held one by the other, and a holding out of the first: each finding names the
    # relations within its knot, none of those between knots or out of them.
    ges = GES.from_data(
        {
            "format": "ges-graph/1",
            "name": "Deux nœuds",
            "entities": [{"id": i, "name": i.upper(), "form": "sas"} for i in "abcde"],
            "relations": [
                {"type": "shareholding", "from": a, "to": b, "share": 5}
                for a, b in ("ab", "ba", "cd", "dc", "bc", "ae")
            ],
        }
    )
    assert _subjects("capital-cycle", Context(ges)) == [
        ("a", "b", "relations[0]", "relations[1]"),
        ("c", "d", "relations[2]", "relations[3]"),
    ]
