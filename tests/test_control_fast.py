"""The short cuts of control's pass (issue 16) give what the general walks give.

Without a cycle of relations, the control graph is built in Kahn's order, the capital graph and
the components of mutual control reuse it, the head candidates are read in that order, a reach
with no pooled body is what its start controls, and intermediate holdings are read off direct
capital control first. Each is held here to the general path, on documents with and without
cycles, pools, persons, collectives and ranges.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs

from ges_graph.control import fixpoint as fp
from ges_graph.control.components import Condensed
from ges_graph.graph import GES
from ges_graph.model import Document, Family
from ges_graph.strategies import documents

CONTROL_TYPES = ["shareholding", "membership", "board", "statutory_control"]
_FORMS = hs.sampled_from(
    ["association", "sas", "sarl", "gie", "union", "person", "collective", "scic", "other"]
)
_DOCS = documents(
    min_entities=2,
    max_entities=8,
    max_relations=14,
    relation_types=CONTROL_TYPES,
    forms=_FORMS,
    dates=False,
    details=False,
)
_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _general_graph(ges: GES, mode: str) -> dict[str, set[str]]:
    """The control graph built by the general walk (components sought, nothing reused)."""
    g = ges.control._g
    into = g._into
    pools = {org: g._every_member[org] for org in g._need}
    if mode == "capital":
        into = {
            t: kept
            for t, es in g._into.items()
            if (kept := [e for e in es if e.means == "shareholding"])
        }
        pools = {}
    found, _ = fp.control_graph_ordered(
        list(g._ids),
        into,
        pools,
        g._exceeds,
        g._never,
        amount=(lambda e: e.possible) if mode == "possible" else (lambda e: e.certain),
        statutory=mode != "capital",
    )
    return found


@_SETTINGS
@given(_DOCS)
def test_each_mode_graph_is_the_one_built_alone(doc: Document) -> None:
    ges = GES(doc)
    g = ges.control._g
    for mode in ("certain", "possible", "capital"):
        assert {b: set(ps) for b, ps in g.graph(mode).items()} == _general_graph(ges, mode)  # type: ignore[arg-type]


@_SETTINGS
@given(_DOCS)
def test_candidates_and_components_agree_with_the_general_components(doc: Document) -> None:
    ges = GES(doc)
    c = ges.control
    g = c._g
    graph = g.graph("certain")
    cond = Condensed(list(g._ids), graph)  # components sought, no order given
    above, counts = cond.flag_above(c.members), cond.count(c.members)
    expected = sorted(m for m in c.members if not above[i := cond.comp[m]] and counts[i] < 2)
    assert list(c.candidates) == expected
    mine = g.condensed("certain")
    for x in g._ids:  # the same partition, each component's controllers the same
        same = {y for y in g._ids if cond.comp[y] == cond.comp[x]}
        assert {y for y in g._ids if mine.comp[y] == mine.comp[x]} == same
        ups = {frozenset(cond.members[u]) for u in cond.up[cond.comp[x]]}
        assert {frozenset(mine.members[u]) for u in mine.up[mine.comp[x]]} == ups


@_SETTINGS
@given(_DOCS)
def test_reach_and_intermediate_holdings_agree_with_their_walks(doc: Document) -> None:
    ges = GES(doc)
    c = ges.control
    g = c._g
    for h in sorted(c.members):
        walked = {h}
        changed = True
        while changed:  # what h controls, and pooled bodies it fills, by the definition
            changed = False
            for x in list(walked):
                for y in c.controlled(x) - walked:
                    walked.add(y)
                    changed = True
            for org in c._pools - walked:
                if c.listed_members(org) <= walked:
                    walked.add(org)
                    changed = True
        assert c.reach(h) == frozenset(walked & c.members)
    companies = [m for m in c.members if c.families[m] is Family.COMPANY]
    above = g.controllers_of_any("capital", companies)
    expected = {m for m in companies if m != c.head and m in c._out and m in above}
    assert c.intermediate_holdings == expected


def test_a_cycle_of_relations_takes_the_general_path() -> None:
    ges = GES.from_data(
        {
            "format": "ges-graph/1",
            "name": "G",
            "entities": [
                {"id": "a", "name": "A", "form": "sas"},
                {"id": "b", "name": "B", "form": "sas"},
                {"id": "c", "name": "C", "form": "sarl"},
            ],
            "relations": [
                {"type": "shareholding", "from": "a", "to": "b", "share": 60},
                {"type": "shareholding", "from": "b", "to": "a", "share": 60},
                {"type": "shareholding", "from": "b", "to": "c", "share": 60},
            ],
        }
    )
    g = ges.control._g
    assert dict(g.graph("certain")) == {"a": {"b"}, "b": {"a"}, "c": {"b"}}
    assert g._cache[("order",)] is None  # a cycle: no order kept, components sought
    assert ges.control.candidates == ()
    order = fp._sources_first(["x", "y", "z"], {"x": ["y"], "y": ["z"]})
    assert order == ["x", "y", "z"]
    assert fp._sources_first(["x", "y"], {"x": ["y"], "y": ["x"]}) is None


@_SETTINGS
@given(_DOCS)
def test_one_walk_gives_what_the_walks_of_each_mode_gave(doc: Document) -> None:
    """The certain and capital graphs made in one walk: the same graphs, in the same order.

    The order of each graph's entries and of each entity's children is what walks and sums read
    them in: held to the graphs built mode by mode (the capital one reusing the certain one)
    and to the children read off each graph.
    """
    ges = GES(doc)
    g = ges.control._g
    order = g._cache[("order",)]
    pools = {org: g._every_member[org] for org in g._need}
    if order is not None:
        certain = fp._acyclic(order, g._into, pools, g._exceeds, g._never, fp._certain, True, None)
        assert list(g.graph("certain").items()) == list(certain.items())
        if not g._only_shares:
            into = {
                t: kept
                for t, es in g._into.items()
                if (kept := [e for e in es if e.means == "shareholding"])
            }
            differs = frozenset(
                t for t, es in g._into.items() if any(e.means != "shareholding" for e in es)
            )
            capital = fp._acyclic(
                order,
                into,
                {},
                g._exceeds,
                g._never,
                fp._certain,
                False,
                (certain, differs | set(pools)),
            )
            assert list(g.graph("capital").items()) == list(capital.items())
    for mode in ("certain", "capital", "possible"):
        kids: dict[str, list[str]] = {}
        for b, ps in g.graph(mode).items():  # type: ignore[arg-type]
            for p in ps:
                kids.setdefault(p, []).append(b)
        assert dict(g.kids(mode)) == kids  # type: ignore[arg-type]
        assert all(list(g.kids(mode)[p]) == ks for p, ks in kids.items())  # type: ignore[arg-type]


@_SETTINGS
@given(_DOCS)
def test_members_controlled_read_off_the_reach_are_those_controlled(doc: Document) -> None:
    """``controlled_members`` (the reach less its start where no pooled body closes a reach,
    the members for the one candidate of an acyclic graph) is ``controlled & members``."""
    c = GES(doc).control
    for a in sorted(c._entities):
        assert c.controlled_members(a) == c.controlled(a) & c.members
    fresh = GES(doc.model_copy(deep=True)).control
    if fresh.head is not None:  # read first, before any walk below the head
        assert fresh.controlled_members(fresh.head) == c.controlled(c.head) & c.members  # type: ignore[arg-type]
        assert fresh.reach(fresh.head) == c.reach(c.head)  # type: ignore[arg-type]
