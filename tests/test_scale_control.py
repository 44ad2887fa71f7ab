"""Control as a sparse graph (ges_graph.control.fixpoint) against a naive closure.

The naive closure is the definition of ``schemas.md`` read literally: for each entity A, add
every entity that A and what A already controls hold enough of, until nothing changes. The
control graph must give the same answers for every pair, in every mode, and the notions read off
it (head candidates, outside control, intermediate holdings, ultimate controllers, uncertain
pairs) must be those the naive closure gives. Growth is checked by counting, never by clocks.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs

from ges_graph.control import Means
from ges_graph.control import fixpoint as fp
from ges_graph.control.means import read_edges
from ges_graph.graph import GES
from ges_graph.model import Document, Entity, Form
from ges_graph.strategies import documents

CONTROL_TYPES = ["shareholding", "membership", "board", "statutory_control"]


def naive_rows(ges: GES, mode: str) -> dict[str, set[str]]:
    """Entity → what it controls in ``mode``, by the literal fixed point (quadratic and more)."""
    ents: Mapping[str, Entity] = {e.id: e for e in ges.document.entities}
    read = read_edges(ges.control.relations, ents)
    every = {o: read.listed.get(o, set()) | read.persons.get(o, set()) for o in ents}
    need = {
        o for o, m in every.items() if m and ents[o].form.is_member_pool and o not in read.voting
    }
    rows: dict[str, set[str]] = {}
    for a in ents:
        found: set[str] = set()
        changed = ents[a].form is not Form.COLLECTIVE
        while changed:
            changed = False
            group = found | {a}
            for t in ents:
                if t == a or t in found:
                    continue
                if _gives_control(ges, t, group, read.into.get(t, ()), mode) or (
                    mode != "capital" and t in need and every[t] <= group
                ):
                    found.add(t)
                    changed = True
        rows[a] = found
    return rows


def _gives_control(ges: GES, t: str, group: set[str], edges: object, mode: str) -> bool:
    sums: dict[Means, float] = defaultdict(float)
    for e in edges:  # type: ignore[attr-defined]
        if e.holder not in group or (mode == "capital" and e.means is not Means.SHAREHOLDING):
            continue
        if e.means is Means.STATUTORY:
            return True
        sums[e.means] += e.possible if mode == "possible" else e.certain
    size = ges.entity(t).board_size
    return any(
        (size is not None and s * 2 > size) if m is Means.BOARD else s > 50 + 1e-9
        for m, s in sums.items()
    )


def _check_against_naive(ges: GES) -> None:
    c = ges.control
    ids = [e.id for e in ges.document.entities]
    rows = {mode: naive_rows(ges, mode) for mode in ("certain", "possible", "capital")}
    for a in ids:
        assert c.controlled(a) == rows["certain"][a], a
        assert c.possibly_controlled(a) == rows["possible"][a], a
        assert c.capital_controlled(a) == rows["capital"][a], a
    above: dict[str, set[str]] = defaultdict(set)
    for a, row in rows["certain"].items():
        for b in row:
            above[b].add(a)
    for b in ids:
        assert c.controllers(b) == above[b], b
        ultimate = {x for x in above[b] if all(y in rows["certain"][x] for y in above[x])}
        assert c.ultimate_controllers(b) == ultimate, b
    mem = c.members
    assert c.candidates == tuple(sorted(m for m in mem if not above[m] & mem))
    ents = {e.id: e for e in ges.document.entities}
    outside = {
        m: {
            x
            for x in above[m]
            if x not in mem
            and (ents[x].external or ents[x].form is Form.PERSON)
            and not above[x] & mem
        }
        for m in mem
    }
    assert dict(c.outside_control) == {m: o for m, o in outside.items() if o}
    holdings = {
        m
        for m in mem
        if m != c.head
        and ents[m].form.is_company
        and any(ents[x].form.is_company and x in mem for x in rows["capital"][m])
    }
    assert c.intermediate_holdings == holdings
    for b in ids:  # one climb for many targets: each target's controllers, and all of them
        assert c.capital_controllers_of_any([b]) == {a for a in ids if b in rows["capital"][a]}
    some = ids[::2]
    assert c.capital_controllers_of_any(some) == {
        a for a in ids if rows["capital"][a] & (set(some) - {a})
    }
    uncertain = {(a, b) for a in ids for b in rows["possible"][a] - rows["certain"][a]}
    assert c.uncertain == uncertain
    figures = {x: (float(i), float(10 * i + 1)) for i, x in enumerate(ids) if i % 3 != 1}
    totals = {}
    for a in ids:
        below = [y for y in rows["capital"][a] if y != a and y in figures]
        if below:
            totals[a] = (
                len(below),
                sum(figures[y][0] for y in below),
                sum(figures[y][1] for y in below),
            )
    assert dict(c.capital_totals(figures)) == totals
    for a in ids:
        for b in rows["certain"][a]:
            why = c.why(a, b)
            assert why is not None
            keys = why.relations
            assert [why.first_relations(k) for k in range(4)] == [list(keys[:k]) for k in range(4)]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    documents(
        min_entities=2,
        max_entities=7,
        max_relations=14,
        relation_types=CONTROL_TYPES,
        dates=False,
        details=False,
    )
)
def test_control_graph_agrees_with_the_naive_closure(doc: Document) -> None:
    _check_against_naive(GES(doc))


_FORMS = hs.sampled_from(["association", "sas", "sarl", "gie", "union", "person", "collective"])


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    documents(
        min_entities=3,
        max_entities=6,
        max_relations=16,
        relation_types=CONTROL_TYPES,
        forms=_FORMS,
        dates=False,
        details=False,
    )
)
def test_control_graph_agrees_on_pools_persons_and_collectives(doc: Document) -> None:
    _check_against_naive(GES(doc))


def _chain(n: int, link: dict[str, object]) -> GES:
    ents = [{"id": "e0", "name": "Tête", "form": "association"}]
    ents += [{"id": f"e{i}", "name": f"Société {i}", "form": "sas"} for i in range(1, n)]
    rels = [
        {"type": "shareholding", "from": f"e{i}", "to": f"e{i + 1}", **link} for i in range(n - 1)
    ]
    return GES.from_data(
        {"format": "ges-graph/1", "name": "Chaîne", "entities": ents, "relations": rels}
    )


def test_circular_support_gives_no_control_and_agrees_with_the_naive_closure() -> None:
    # A holds 30 % of X and of Y; X and Y hold 30 % of each other. Were A to control X, it would
    # control Y (30 + 30), and the other way round: the least fixed point controls neither.
    ents = [
        {"id": "a", "name": "A", "form": "association"},
        {"id": "x", "name": "X", "form": "sas"},
        {"id": "y", "name": "Y", "form": "sas"},
        {"id": "z", "name": "Z", "form": "sarl"},
        {"id": "p", "name": "P", "form": "person"},
    ]
    rels = [
        {"type": "shareholding", "from": "a", "to": "x", "share": 30},
        {"type": "shareholding", "from": "a", "to": "y", "share": 30},
        {"type": "shareholding", "from": "y", "to": "x", "share": 30},
        {"type": "shareholding", "from": "x", "to": "y", "share": 30},
        {"type": "shareholding", "from": "a", "to": "z", "share": 30},
        {"type": "shareholding", "from": "y", "to": "z", "share": 25},
        {"type": "statutory_control", "from": "p", "to": "y"},
    ]
    ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": ents, "relations": rels})
    c = ges.control
    assert not c.controlled("a")
    assert c.controlled("p") == {"y"}  # Y's 30 % of X and 25 % of Z are not enough alone
    assert c.outside_control == {"y": {"p"}}
    _check_against_naive(ges)


def test_a_long_chain_sums_figures_and_reads_uncertainty_in_one_pass() -> None:
    n = 3000
    ges = _chain(n, {"share": 100})
    totals = ges.control.capital_totals({f"e{i}": (1.0, 2.0) for i in range(n)})
    assert totals["e0"] == (n - 1, n - 1.0, 2.0 * (n - 1))
    assert totals[f"e{n - 2}"] == (1, 1.0, 2.0)
    data = ges.document.model_dump(mode="json", by_alias=True, exclude_none=True)
    data["relations"][0]["share"] = {"min": 40, "max": 60}
    c = GES.from_data(data).control
    assert c.uncertain == {("e0", f"e{i}") for i in range(1, n)}


def test_the_control_graph_of_a_chain_has_one_edge_per_link() -> None:
    for n in (500, 2000):
        ges = _chain(n, {"share": 100})
        graph = ges.control._g.graph("certain")
        assert sum(len(p) for p in graph.values()) == n - 1  # linear: no closure is stored
        assert ges.control.controls("e0", f"e{n - 1}")
        assert (ges.control.candidates, ges.control.head) == (("e0",), "e0")


def test_a_chain_of_split_holdings_stays_a_sparse_graph() -> None:
    # Each link holds 60 % of the next: one holder alone passes, one step per link.
    for n in (300, 1200):
        ges = _chain(n, {"share": 60})
        assert sum(len(p) for p in ges.control._g.graph("certain").values()) == n - 1


def test_strong_components_need_no_recursion() -> None:
    n = 20000
    succ = {f"n{i}": [f"n{i + 1}"] for i in range(n - 1)}
    succ[f"n{n - 1}"] = ["n0"]  # one cycle through every node
    comps = fp.strong_components(succ.keys() | {f"n{n - 1}"}, succ)
    assert [len(comp) for comp in comps] == [n]


def test_a_collective_controls_nothing_in_either_model() -> None:
    # The naive closure reads the same edges as the library: a collective never controls.
    ges = GES.from_data(
        {
            "format": "ges-graph/1",
            "name": "G",
            "entities": [
                {"id": "c", "name": "C", "form": "collective"},
                {"id": "s", "name": "S", "form": "sas"},
            ],
            "relations": [{"type": "shareholding", "from": "c", "to": "s", "share": 100}],
        }
    )
    assert naive_rows(ges, "certain")["c"] == set() == set(ges.control.controlled("c"))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    documents(
        min_entities=2,
        max_entities=8,
        max_relations=16,
        relation_types=CONTROL_TYPES,
        forms=_FORMS,
        dates=False,
        details=False,
    )
)
def test_capital_control_taken_from_certain_control_is_the_same_graph(doc: Document) -> None:
    g = GES(doc).control._g
    capital = g.graph("capital")
    into = {
        t: kept
        for t, es in g._into.items()
        if (kept := [e for e in es if e.means is Means.SHAREHOLDING])
    }
    alone = fp.control_graph(
        list(g._ids), into, {}, g._exceeds, g._never, amount=lambda e: e.certain, statutory=False
    )
    assert {b: set(ps) for b, ps in capital.items()} == alone


def test_capital_control_reuses_what_only_shareholdings_decided() -> None:
    # A holding chain under an association that also controls a daughter association by its
    # statutes: the chain's controllers are read off the certain graph, not found again.
    ents = [{"id": "h", "name": "H", "form": "association"}]
    ents += [{"id": f"s{i}", "name": f"S{i}", "form": "sas"} for i in range(50)]
    ents += [{"id": "d", "name": "D", "form": "association"}]
    rels: list[dict[str, object]] = [{"type": "statutory_control", "from": "h", "to": "d"}]
    rels += [{"type": "shareholding", "from": "h", "to": "s0", "share": 100}]
    rels += [
        {"type": "shareholding", "from": f"s{i}", "to": f"s{i + 1}", "share": 60} for i in range(49)
    ]
    ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": ents, "relations": rels})
    g = ges.control._g
    calls = 0
    found = fp._controllers

    def counting(*args: object, **kwargs: object) -> set[str]:
        nonlocal calls
        calls += 1
        return found(*args, **kwargs)  # type: ignore[arg-type]

    g._cache.clear()  # Control built both graphs already: build them again, counting
    g.graph("certain")
    fp._controllers = counting  # type: ignore[assignment]
    try:
        capital = g.graph("capital")
    finally:
        fp._controllers = found
    assert calls == 0
    assert capital["s49"] == {"s48"}
    assert "d" not in capital
    assert ges.control.capital_controlled("h") == frozenset(f"s{i}" for i in range(50))
