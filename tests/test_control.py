"""Derived notions of schemas.md on small hand-made graphs (ges_graph.control)."""

from __future__ import annotations

import inspect
import sys
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as hs

from ges_graph.control import Control, Means
from ges_graph.graph import GES


def make(
    entities: list[tuple[str, str] | dict[str, Any]], *relations: dict[str, Any], **top: Any
) -> GES:
    """A GES from (id, form) pairs or entity dicts and relation dicts (``f``/``t`` for from/to)."""
    ents = []
    for e in entities:
        if isinstance(e, tuple):
            ents.append({"id": e[0], "name": e[0].upper(), "form": e[1]})
        else:
            ents.append({"name": e["id"].upper(), **e})
    rels = []
    for rel in relations:
        r = dict(rel)
        r["from"] = r.pop("f")
        r["to"] = r.pop("t")
        rels.append(r)
    return GES.from_data(
        {"format": "ges-graph/1", "name": "G", "entities": ents, "relations": rels, **top}
    )


def sh(f: str, t: str, share: Any, **kw: Any) -> dict[str, Any]:
    return {"type": "shareholding", "f": f, "t": t, "share": share, **kw}


def mb(f: str, t: str, **kw: Any) -> dict[str, Any]:
    return {"type": "membership", "f": f, "t": t, **kw}


def bd(f: str, t: str, seats: int) -> dict[str, Any]:
    return {"type": "board", "f": f, "t": t, "seats": seats}


def st(f: str, t: str, **kw: Any) -> dict[str, Any]:
    return {"type": "statutory_control", "f": f, "t": t, **kw}


# -- members ------------------------------------------------------------------------------------


def test_members_exclude_externals_persons_and_collectives() -> None:
    g = make(
        [
            ("a", "association"),
            ("b", "sarl"),
            ("p", "person"),
            ("c", "collective"),
            {"id": "x", "form": "sa", "external": True},
            ("pub", "public_body"),
        ]
    )
    assert g.control.members == {"a", "b", "pub"}


# -- the three pools -------------------------------------------------------------------------


def test_threshold_is_strictly_above_half() -> None:
    g = make(
        [("a", "association"), ("b", "sarl"), ("c", "sarl")], sh("a", "b", 50), sh("a", "c", 50.01)
    )
    assert not g.control.controls("a", "b")
    assert g.control.controls("a", "c")


def test_pools_are_never_added() -> None:
    # 30 % of votes + 30 % of members' votes + 2 of 6 seats: each pool alone is short.
    g = make(
        [("a", "association"), ("b", "gie")],
        sh("a", "b", 30),
        mb("a", "b", votes=30),
        bd("a", "b", 2),
    )
    assert not g.control.controls("a", "b")


def test_votes_field_overrides_share() -> None:
    g = make([("a", "association"), ("b", "sas")], sh("a", "b", 40, votes=60))
    assert g.control.controls("a", "b")
    g = make([("a", "association"), ("b", "sas")], sh("a", "b", 60, votes=40))
    assert not g.control.controls("a", "b")


def test_cooperative_votes_unknown_unless_given() -> None:
    g = make([("a", "association"), ("s", "scic")], sh("a", "s", 80))
    assert not g.control.controls("a", "s")
    g = make([("a", "association"), ("s", "scic")], sh("a", "s", 20, votes=51))
    assert g.control.controls("a", "s")


def test_shareholding_into_entity_without_capital_gives_no_votes() -> None:
    g = make([("a", "sas"), ("b", "association")], sh("a", "b", 100))
    assert not g.control.controls("a", "b")


def test_membership_votes() -> None:
    g = make(
        [("a", "association"), ("b", "association"), ("c", "association")],
        mb("a", "b", votes=60),
        mb("c", "b", votes=40),
    )
    assert g.control.controls("a", "b")
    assert g.control.direct("a", "b") == (Means.MEMBERSHIP,)
    assert not g.control.controls("c", "b")


def test_board_seats_need_board_size() -> None:
    g = make(
        [("a", "association"), {"id": "b", "form": "association", "board_size": 7}], bd("a", "b", 4)
    )
    assert g.control.controls("a", "b")
    g = make(
        [("a", "association"), {"id": "b", "form": "association", "board_size": 8}], bd("a", "b", 4)
    )
    assert not g.control.controls("a", "b")
    g = make([("a", "association"), ("b", "association")], bd("a", "b", 40))
    assert not g.control.controls("a", "b")


def test_statutory_control() -> None:
    g = make([("a", "association"), ("b", "association")], st("a", "b"))
    assert g.control.controls("a", "b")
    assert g.control.direct("a", "b") == (Means.STATUTORY,)


# -- means 5 ----------------------------------------------------------------------------------


def test_means5_all_listed_members_controlled() -> None:
    g = make(
        [("a", "association"), ("b", "association"), ("gie", "gie")],
        st("a", "b"),
        mb("a", "gie"),
        mb("b", "gie"),
    )
    assert g.control.controls("a", "gie")
    assert Means.MEMBERS in g.control.direct("a", "gie")
    assert not g.control.controls("b", "gie")  # b does not control a
    assert "gie" in g.control.reach("a")


@pytest.mark.parametrize("person", ["person", "collective"])
@pytest.mark.parametrize("pool", ["union", "gie", "employer_group"])
def test_means5_a_listed_natural_person_defeats_it(pool: str, person: str) -> None:
    # Second edition: a natural person is a member nobody controls.
    g = make(
        [("a", "association"), ("b", "association"), ("u", pool), ("p", person)],
        st("a", "b"),
        mb("a", "u"),
        mb("b", "u"),
        mb("p", "u"),
    )
    assert not g.control.controls("a", "u")
    assert Means.MEMBERS not in g.control.direct("a", "u")
    assert "u" not in g.control.reach("a")
    assert g.control.listed_members("u") == {"a", "b"}


@pytest.mark.parametrize("form", ["association", "scic", "scop", "other"])
def test_means5_only_for_unions_gies_and_employer_groups(form: str) -> None:
    # Second edition: a single membre de droit does not control an association (or a
    # cooperative): their control is shown by votes, seats or statutes.
    g = make([("a", "association"), ("x", form)], mb("a", "x", ex_officio=True))
    assert not g.control.controls("a", "x")
    assert "x" not in g.control.reach("a")
    assert g.control.candidates == ("a", "x")


def test_means5_not_when_memberships_give_votes() -> None:
    g = make(
        [("a", "association"), ("b", "association"), ("gie", "gie")],
        st("a", "b"),
        mb("a", "gie", votes=40),
        mb("b", "gie", votes=5),
    )
    assert not g.control.controls("a", "gie")


def test_means5_not_for_forms_without_members() -> None:
    g = make([("a", "association"), ("s", "sarl")], mb("a", "s"))
    assert not g.control.controls("a", "s")


def test_means5_a_person_that_is_every_member_controls() -> None:
    # Second edition: every listed member is A or controlled by A, natural persons included;
    # a person that is the only member is A itself. A collective never controls.
    g = make(
        [("p", "person"), ("u", "union"), ("c", "collective"), ("g", "gie")],
        mb("p", "u"),
        mb("c", "g"),
    )
    assert g.control.controls("p", "u")
    assert g.control.outside_control["u"] == {"p"}
    assert not g.control.controls("c", "g")


def test_means5_an_outsider_member_blocks() -> None:
    g = make(
        [("a", "association"), ("b", "association"), ("ge", "employer_group")],
        mb("a", "ge"),
        mb("b", "ge"),
    )
    assert not g.control.controls("a", "ge")
    assert g.control.controllers("ge") == frozenset()


# -- cumulative control --------------------------------------------------------------------------


def test_cumulative_control_adds_what_controlled_entities_hold() -> None:
    g = make(
        [("a", "association"), ("h", "sas"), ("c", "sarl")],
        sh("a", "h", 100),
        sh("a", "c", 20),
        sh("h", "c", 40),
    )
    c = g.control
    assert c.controls("a", "c")
    assert not c.controls("h", "c")
    why = c.why("a", "c")
    assert why is not None
    assert why.means is Means.SHAREHOLDING
    assert why.total == pytest.approx(60)
    assert [x.holder for x in why.contributions] == ["a", "h"]


def test_transitive_control_through_several_means() -> None:
    g = make(
        [
            ("a", "association"),
            {"id": "b", "form": "association", "board_size": 5},
            ("c", "sas"),
            ("d", "eurl"),
        ],
        bd("a", "b", 3),
        sh("b", "c", 70),
        sh("c", "d", 100),
    )
    assert g.control.controlled("a") == {"b", "c", "d"}
    assert g.control.controllers("d") == {"a", "b", "c"}


def test_board_seats_pooled_through_controlled_entities() -> None:
    g = make(
        [
            ("a", "association"),
            ("b", "association"),
            {"id": "t", "form": "association", "board_size": 9},
        ],
        st("a", "b"),
        bd("a", "t", 3),
        bd("b", "t", 2),
    )
    assert g.control.controls("a", "t")
    assert g.control.why("a", "t").means is Means.BOARD  # type: ignore[union-attr]


def test_cross_holding_terminates_and_is_not_counted_twice() -> None:
    # a 40 % of b; b controls c; c holds 20 % of b. a does not control b: c's 20 % would count
    # only if a already controlled c, which needs b (least fixed point).
    g = make(
        [("a", "sa"), ("b", "sa"), ("c", "sa")],
        sh("a", "b", 40),
        sh("b", "c", 100),
        sh("c", "b", 20),
    )
    c = g.control
    assert not c.controls("a", "b")
    assert c.controls("b", "c")
    assert not c.controls("b", "b")
    assert not c.controls("c", "b")


def test_cycle_of_statutory_control_never_self_control() -> None:
    g = make(
        [("a", "association"), ("b", "association"), ("c", "association")],
        st("a", "b"),
        st("b", "c"),
        st("c", "a"),
    )
    c = g.control
    assert c.controlled("a") == {"b", "c"}
    assert not c.controls("a", "a")
    assert c.candidates == ()
    assert c.head is None
    assert not c.unified
    assert c.ultimate_controllers("b") == {"a", "c"}


def test_collective_never_controls_and_its_holdings_do_not_count() -> None:
    g = make(
        [("a", "association"), ("col", "collective"), ("s", "sas")],
        st("a", "col"),
        sh("col", "s", 60),
        sh("a", "s", 10),
    )
    c = g.control
    assert not c.controls("col", "s")
    assert not c.controls("a", "s")


def test_person_can_control() -> None:
    g = make([("p", "person"), ("s", "sas")], sh("p", "s", 51))
    assert g.control.controls("p", "s")


# -- ranges: certain, possible, uncertain ---------------------------------------------------------


def test_ranges_certain_min_possible_max() -> None:
    g = make([("a", "association"), ("s", "sas")], sh("a", "s", {"min": 40, "max": 60}))
    c = g.control
    assert not c.controls("a", "s")
    assert c.possibly_controls("a", "s")
    assert c.uncertain == {("a", "s")}


def test_uncertain_through_a_chain() -> None:
    g = make(
        [("a", "association"), ("s", "sas"), ("t", "sarl")],
        sh("a", "s", {"min": 30, "max": 55}),
        sh("s", "t", 100),
    )
    assert g.control.uncertain == {("a", "s"), ("a", "t")}
    assert g.control.controls("s", "t")


# -- capital control ------------------------------------------------------------------------------


def test_capital_control_uses_shareholding_pool_only() -> None:
    g = make(
        [("a", "association"), ("h", "sas"), ("c", "sarl")],
        st("a", "h"),
        sh("h", "c", 80),
    )
    c = g.control
    assert c.controls("a", "c")
    assert not c.capital_controls("a", "c")
    assert not c.capital_controls("a", "h")
    assert c.capital_controls("h", "c")
    assert c.capital_controlled("h") == {"c"}


# -- relations out of force -----------------------------------------------------------------------


def test_relations_not_in_force_are_left_out() -> None:
    g = make(
        [("a", "association"), ("s", "sas")],
        sh("a", "s", 100, end="2020-12-31"),
        as_of="2024-01-01",
    )
    assert not g.control.controls("a", "s")
    g = make(
        [("a", "association"), ("s", "sas")],
        sh("a", "s", 100, start="2030-01-01"),
        as_of="2024-01-01",
    )
    assert not g.control.controls("a", "s")
    g = make([("a", "association"), ("s", "sas")], sh("a", "s", 100, end="2020-12-31"))
    assert g.control.controls("a", "s")  # no as_of: everything is in force


# -- reach, heads -------------------------------------------------------------------------------


def test_reach_includes_pooled_grouping() -> None:
    g = make(
        [("a", "association"), ("b", "association"), ("gie", "gie")],
        st("a", "b"),
        mb("a", "gie", votes=50),
        mb("b", "gie", votes=50),
    )
    c = g.control
    assert c.controls("a", "gie")  # 100 % of members' votes together
    assert c.reach("a") == {"a", "b", "gie"}
    assert c.head == "a"
    assert c.unified


def test_grouping_nobody_controls_breaks_unified_governance() -> None:
    g = make(
        [
            ("a", "association"),
            ("b", "association"),
            ("x", "association"),
            ("ge", "employer_group"),
        ],
        st("a", "b"),
        mb("a", "ge"),
        mb("x", "ge"),
    )
    c = g.control
    assert set(c.candidates) == {"a", "x", "ge"}
    assert c.head is None


def test_reach_pulls_in_grouping_pooled_by_members_in_reach() -> None:
    # nobody controls the GE (memberships give votes), but all its listed members are in reach.
    g = make(
        [("a", "association"), ("b", "association"), ("ge", "employer_group")],
        st("a", "b"),
        mb("a", "ge", votes=20),
        mb("b", "ge", votes=20),
    )
    c = g.control
    assert not c.controls("a", "ge")
    assert set(c.candidates) == {"a", "ge"}
    assert c.reach("a") == {"a", "b", "ge"}
    # two candidates, a is not coordinating (ge is not among a's listed members' closure... it is)
    assert c.coordinating == {"a"}
    assert c.head == "a"


def test_two_candidates_when_a_shared_company_is_not_controlled() -> None:
    g = make(
        [("a", "association"), ("b", "association"), ("c", "sarl"), ("d", "sarl")],
        st("a", "b"),
        sh("a", "c", 50),
        sh("b", "c", 1),
        sh("d", "c", 49),
    )
    c = g.control
    # a and b hold 51 % of c together: a controls c; d is controlled by no one -> two candidates
    assert c.controls("a", "c")
    assert set(c.candidates) == {"a", "d"}
    assert c.head is None


def test_single_candidate_whose_reach_misses_members() -> None:
    # c and d control each other (a cycle nobody else enters): a is the only candidate.
    g = make(
        [("a", "association"), ("b", "association"), ("c", "association"), ("d", "association")],
        st("a", "b"),
        st("c", "d"),
        st("d", "c"),
    )
    c = g.control
    assert c.candidates == ("a",)
    assert c.reach("a") == {"a", "b"}
    assert c.head is None
    assert not c.unified


def test_head_found_even_when_under_outside_control() -> None:
    g = make(
        [
            ("a", "association"),
            ("b", "association"),
            ("c", "sarl"),
            {"id": "x", "form": "sa", "external": True},
        ],
        st("x", "b"),
        sh("b", "c", 100),
        st("c", "a"),
    )
    c = g.control
    assert c.candidates == ("b",)
    assert c.head == "b"
    assert c.outside_control["b"] == {"x"}


def test_coordinating_union() -> None:
    g = make(
        [
            ("u", "union"),
            ("a1", "association"),
            ("a2", "association"),
            ("s1", "sarl"),
            ("ge", "employer_group"),
        ],
        mb("a1", "u"),
        mb("a2", "u"),
        sh("a1", "s1", 100),
        mb("a1", "ge"),
        mb("a2", "ge"),
    )
    c = g.control
    assert c.candidates == ("a1", "a2", "ge", "u")
    assert c.coordinating == {"u"}
    assert c.coordinating_reach("u") == c.members
    assert c.reach("u") == {"u"}
    assert c.head == "u"
    assert c.head_is_coordinating
    assert c.unified
    assert c.head_reach() == c.members


def test_two_coordinating_candidates_no_head() -> None:
    g = make(
        [("u1", "union"), ("u2", "union"), ("a1", "association")],
        mb("a1", "u1"),
        mb("u2", "u1"),
        mb("a1", "u2"),
        mb("u1", "u2"),
    )
    c = g.control
    assert c.coordinating == {"u1", "u2"}
    assert c.head is None


def test_coordinating_candidate_must_be_associative() -> None:
    g = make(
        [("g", "gie"), ("a1", "association"), ("a2", "association")],
        mb("a1", "g", votes=10),
        mb("a2", "g", votes=10),
    )
    c = g.control
    assert c.coordinating == frozenset()
    assert c.head is None


# -- outside control, operating, intermediate holdings --------------------------------------


def test_outside_control_by_external_and_person() -> None:
    g = make(
        [
            ("a", "association"),
            ("s", "sas"),
            ("t", "sarl"),
            {"id": "x", "form": "sa", "external": True},
            ("p", "person"),
        ],
        sh("x", "s", 60),
        sh("p", "t", 70),
        st("a", "s"),
    )
    c = g.control
    assert dict(c.outside_control) == {"s": frozenset({"x"}), "t": frozenset({"p"})}


def test_outsider_controlled_by_member_is_not_outside_control() -> None:
    g = make(
        [("a", "association"), ("s", "sas"), {"id": "x", "form": "sa", "external": True}],
        sh("a", "x", 100),
        sh("x", "s", 60),
    )
    assert dict(g.control.outside_control) == {}
    assert g.control.controls("a", "s")


def test_operating_members() -> None:
    g = make(
        [
            {"id": "a", "form": "association", "conventions": ["aci"]},
            {"id": "b", "form": "sarl", "conventions": ["ea"]},
            {"id": "x", "form": "sarl", "conventions": ["ei"], "external": True},
        ]
    )
    assert g.control.operating == {"a"}


def test_intermediate_holdings() -> None:
    g = make(
        [("a", "association"), ("h", "sas"), ("c", "sarl"), ("asso2", "association")],
        sh("a", "h", 100),
        sh("h", "c", 60),
        st("h", "asso2"),
    )
    assert g.control.intermediate_holdings == {"h"}
    # a company head is not an intermediate holding
    g = make([("h", "sa"), ("c", "sarl")], sh("h", "c", 60))
    assert g.control.head == "h"
    assert g.control.intermediate_holdings == frozenset()


# -- why, ultimate controllers, integrated ownership -----------------------------------------


def test_why_sentence_of_the_brief() -> None:
    g = make(
        [
            {"id": "t", "name": "Tremplin", "form": "association"},
            {"id": "d", "name": "Tremplin Développement", "form": "sas"},
            {"id": "n", "name": "Tremplin Nettoyage", "form": "sarl"},
        ],
        sh("t", "d", 100),
        sh("d", "n", 90),
    )
    why = g.control.why("t", "n")
    assert why is not None
    assert why.sentence("fr") == (
        "Tremplin contrôle Tremplin Nettoyage : 90 % des droits de vote par l'intermédiaire de "
        "Tremplin Développement, qu'elle contrôle (100 % des droits de vote)"
    )
    assert why.sentence("en") == (
        "Tremplin controls Tremplin Nettoyage: 90% of the voting rights through Tremplin "
        "Développement, which it controls (100% of the voting rights)"
    )
    assert why.relations == ("relations[1]", "relations[0]")
    assert str(why) == why.sentence("fr")


def test_why_never_goes_round_a_cycle() -> None:
    g = make(
        [("a", "sa"), ("b", "sa"), ("c", "sa")],
        sh("a", "b", 60),
        sh("b", "c", 100),
        sh("c", "b", 30),
    )
    why = g.control.why("a", "b")
    assert why is not None
    assert [x.holder for x in why.contributions] == ["a"]


def test_why_means_5_and_board() -> None:
    g = make(
        [("a", "association"), ("b", "association"), ("gie", "gie")],
        st("a", "b"),
        mb("a", "gie"),
        mb("b", "gie"),
    )
    why = g.control.why("a", "gie")
    assert why is not None
    assert why.means is Means.MEMBERS
    assert "chacun de ses membres est A ou contrôlé par elle (A ; B" in why.sentence("fr")
    assert g.control.why("b", "a") is None


def test_why_deep_chain_does_not_recurse() -> None:
    n = 300
    ents = [(f"e{i}", "sas") for i in range(n)]
    rels = [sh(f"e{i}", f"e{i + 1}", 100) for i in range(n - 1)]
    g = make(ents, *rels)  # type: ignore[arg-type]
    c = g.control
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack()) + 100)  # far less than the chain's length
    try:
        why = c.why("e0", f"e{n - 1}")
    finally:
        sys.setrecursionlimit(limit)
    assert why is not None
    assert why.contributions[0].holder == f"e{n - 2}"


def test_ultimate_controllers() -> None:
    g = make(
        [("p", "person"), ("a", "sas"), ("b", "sarl"), ("c", "association")],
        sh("p", "a", 60),
        sh("a", "b", 60),
    )
    c = g.control
    assert c.ultimate_controllers("b") == {"p"}
    assert c.ultimate_controllers("p") == frozenset()
    assert c.ultimate_controllers("c") == frozenset()


def test_integrated_ownership_paths_and_cycles() -> None:
    g = make(
        [("a", "association"), ("x", "sa"), ("y", "sa"), ("z", "sa")],
        sh("a", "x", 50),
        sh("a", "y", 50),
        sh("x", "z", 40),
        sh("y", "z", 20),
    )
    c = g.control
    assert c.integrated_ownership("a", "z") == pytest.approx(30)  # 0.5·0.4 + 0.5·0.2
    assert c.integrated_ownership("z", "a") == 0
    assert c.integrated_ownership("a", "a") == 0
    # a cross-holding: the geometric series of the cycle, once
    g = make(
        [("a", "association"), ("x", "sa"), ("y", "sa")],
        sh("a", "x", 80),
        sh("x", "y", 60),
        sh("y", "x", 20),
    )
    assert g.control.integrated_ownership("a", "y") == pytest.approx(100 * 0.8 * 0.6 / (1 - 0.12))
    assert g.control.integrated_ownership("a", "x") == pytest.approx(100 * 0.8 / (1 - 0.12))


def test_integrated_ownership_stays_within_bounds_on_bad_data() -> None:
    g = make(
        [("a", "sa"), ("b", "sa"), ("c", "sa")],
        sh("a", "b", 100),
        sh("c", "b", 100),  # 200 % of b
        sh("b", "c", 100),
        sh("b", "a", 100),
    )
    for x in "abc":
        for y in "abc":
            assert 0 <= g.control.integrated_ownership(x, y) <= 100


def test_integrated_ownership_big_scc() -> None:
    ents = [("a", "association")] + [(f"s{i}", "sa") for i in range(6)]
    rels = [sh("a", "s0", 60)]
    rels += [sh(f"s{i}", f"s{(i + 1) % 6}", 30) for i in range(6)]
    rels += [sh(f"s{i}", f"s{(i + 2) % 6}", 20) for i in range(6)]
    g = make(ents, *rels)  # type: ignore[arg-type]
    v = g.control.integrated_ownership("a", "s3")
    assert 0 < v <= 60


# -- API behaviour ----------------------------------------------------------------------------


def test_unknown_id_raises_key_error() -> None:
    g = make([("a", "association")])
    with pytest.raises(KeyError):
        g.control.controls("a", "nope")
    with pytest.raises(KeyError):
        g.control.controllers("nope")


def test_control_is_cached_and_immutable() -> None:
    g = make([("a", "association"), ("b", "sarl")], sh("a", "b", 60))
    c = g.control
    assert c is g.control
    assert isinstance(c, Control)
    with pytest.raises(AttributeError):
        c.head = "b"  # type: ignore[misc]
    with pytest.raises(TypeError):
        c.outside_control["b"] = frozenset()  # type: ignore[index]
    assert "head='a'" in repr(c)


# -- the fixed point against a brute-force oracle ---------------------------------------------

FORMS = ["association", "union", "gie", "sas", "sarl", "scic", "person", "collective", "other"]


@hs.composite
def small_groups(draw: hs.DrawFn) -> GES:
    n = draw(hs.integers(2, 6))
    ents = []
    for i in range(n):
        form = draw(hs.sampled_from(FORMS))
        e: dict[str, Any] = {"id": f"e{i}", "form": form}
        if draw(hs.booleans()):
            e["board_size"] = draw(hs.integers(1, 6))
        if draw(hs.integers(0, 5)) == 0:
            e["external"] = True
        ents.append(e)
    rels = []
    for _ in range(draw(hs.integers(0, 10))):
        a, b = draw(hs.lists(hs.integers(0, n - 1), min_size=2, max_size=2, unique=True))
        kind = draw(hs.sampled_from(["sh", "sh", "mb", "bd", "st"]))
        f, t = f"e{a}", f"e{b}"
        if kind == "sh":
            lo = draw(hs.integers(1, 100))
            share: Any = lo
            if draw(hs.booleans()):
                share = {"min": lo, "max": draw(hs.integers(lo, 100))}
            rels.append(sh(f, t, share))
        elif kind == "mb":
            extra = {"votes": draw(hs.integers(0, 100))} if draw(hs.booleans()) else {}
            rels.append(mb(f, t, **extra))
        elif kind == "bd":
            rels.append(bd(f, t, draw(hs.integers(1, 6))))
        else:
            rels.append(st(f, t))
    return make(ents, *rels)  # type: ignore[arg-type]


def oracle(ges: GES, use_max: bool = False, capital: bool = False) -> set[tuple[str, str]]:
    """Naive least fixed point: recompute every pair until nothing changes."""
    ents = ges.entities
    rels = [r for _k, r in ges.relations_in_force()]
    ids = list(ents)
    ctl: set[tuple[str, str]] = set()

    def val(p: Any) -> float:
        if isinstance(p, dict) or hasattr(p, "min"):
            return p.max if use_max else p.min  # type: ignore[no-any-return]
        return float(p)

    changed = True
    while changed:
        changed = False
        for a in ids:
            if ents[a].form.value == "collective":
                continue
            side = {a} | {b for x, b in ctl if x == a}
            for b in ids:
                if b == a or (a, b) in ctl:
                    continue
                e = ents[b]
                sv = mv = seats = 0.0
                statutory = False
                for r in rels:
                    if r.from_ not in side or r.to != b:
                        continue
                    if ents[r.from_].form.value == "collective":
                        continue
                    if r.type == "shareholding" and e.form.has_capital:
                        if r.votes is not None:
                            sv += val(r.votes)
                        elif e.form.family.value != "cooperative":
                            sv += val(r.share)
                    elif capital:
                        continue
                    elif r.type == "membership" and r.votes is not None:
                        mv += val(r.votes)
                    elif r.type == "board":
                        seats += r.seats
                    elif r.type == "statutory_control":
                        statutory = True
                hit = sv > 50 + 1e-9
                if not capital:
                    hit = hit or mv > 50 + 1e-9 or statutory
                    hit = hit or (e.board_size is not None and seats * 2 > e.board_size)
                    # Means 5, second edition: unions, GIEs and employer groups only; a listed
                    # natural person is a member that nobody controls.
                    listed = {r.from_ for r in rels if r.type == "membership" and r.to == b}
                    gives = any(
                        r.type == "membership" and r.to == b and r.votes is not None for r in rels
                    )
                    pooled = e.form.value in ("union", "gie", "employer_group")
                    if pooled and not gives and listed and listed <= side:
                        hit = True
                if hit:
                    ctl.add((a, b))
                    changed = True
    return ctl


def pairs(ges: GES, fn: Any) -> set[tuple[str, str]]:
    return {(a, b) for a in ges.entities for b in ges.entities if a != b and fn(a, b)}


@given(small_groups())
def test_control_equals_the_brute_force_fixed_point(ges: GES) -> None:
    c = ges.control
    assert pairs(ges, c.controls) == oracle(ges)
    assert pairs(ges, c.possibly_controls) == oracle(ges, use_max=True)
    assert pairs(ges, c.capital_controls) == oracle(ges, capital=True)
    assert c.uncertain == oracle(ges, use_max=True) - oracle(ges)


@given(small_groups())
def test_why_justifies_every_control(ges: GES) -> None:
    c = ges.control
    for a, b in pairs(ges, c.controls):
        why = c.why(a, b)
        assert why is not None
        assert why.controller == a
        assert why.controlled == b
        if why.means in (Means.SHAREHOLDING, Means.MEMBERSHIP):
            assert why.total > 50
        for part in why.contributions:
            assert part.holder == a or c.controls(a, part.holder)
        assert why.sentence("fr")
        assert why.sentence("en")


@given(small_groups())
def test_heads_are_candidates_and_reach_is_closed(ges: GES) -> None:
    c = ges.control
    for m in c.candidates:
        assert not (c.controllers(m) & c.members)
        assert m in c.reach(m)
        for x in c.reach(m):
            assert c.controlled(x) & c.members <= c.reach(m)
    if c.head is not None:
        assert c.head in c.candidates
        assert c.head_reach() == c.members
    for a in ges.entities:
        for b in ges.entities:
            assert 0 <= c.integrated_ownership(a, b) <= 100


def test_control_pickles_and_stays_immutable() -> None:
    import pickle

    g = make([("a", "association"), ("b", "sarl")], sh("a", "b", 60))
    c = pickle.loads(pickle.dumps(g.control))
    assert c.head == "a"
    assert c.controls("a", "b")
    assert c.why("a", "b") is not None
    with pytest.raises(AttributeError):
        c.head = "b"  # type: ignore[misc]
    with pytest.raises(TypeError):
        c.forms["a"] = None  # type: ignore[index]


@pytest.mark.parametrize(
    ("form", "holds", "by"),
    [
        ("gie", "qu'il contrôle (100 %", "contrôlé par lui"),
        ("employer_group", "qu'il contrôle (100 %", "contrôlé par lui"),
        ("association", "qu'elle contrôle (100 %", "contrôlé par elle"),
        ("scic", "qu'elle contrôle (100 %", "contrôlé par elle"),
    ],
)
def test_explanations_say_il_or_elle_by_the_controllers_form(
    form: str, holds: str, by: str
) -> None:
    ges = GES.from_data(
        {
            "format": "ges-graph/1",
            "name": "G",
            "entities": [
                {"id": "x", "name": "Horizon", "form": form},
                {"id": "h", "name": "Horizon Holding", "form": "sas"},
                {"id": "n", "name": "Horizon Nettoyage", "form": "sarl"},
                {"id": "u", "name": "Union Sud Loire", "form": "union"},
            ],
            "relations": [
                {"type": "shareholding", "from": "x", "to": "h", "share": 100},
                {"type": "shareholding", "from": "h", "to": "n", "share": 90},
                {"type": "membership", "from": "x", "to": "u"},
                {"type": "membership", "from": "h", "to": "u"},
            ],
        }
    )
    through = ges.control.why("x", "n")
    pooled = ges.control.why("x", "u")
    assert through is not None
    assert pooled is not None
    assert holds in through.sentence("fr")
    assert by in pooled.sentence("fr")
    assert "which it controls (100% of the voting rights)" in through.sentence("en")


@pytest.mark.parametrize(
    ("name", "form", "holds", "en"),
    [
        (
            "Centre Horizon",
            "association",
            "qu'il contrôle (100 %",
            "which it controls",
        ),  # the name's
        ("Association Horizon", "sas", "qu'elle contrôle (100 %", "which it controls"),
        ("Jean Dupont", "person", "que Jean Dupont contrôle (100 %", "which Jean Dupont controls"),
        ("Évelyne Martin", "person", "qu'Évelyne Martin contrôle (100 %", "which Évelyne Martin"),
    ],
)
def test_explanations_take_the_gender_of_the_name_and_name_a_person(
    name: str, form: str, holds: str, en: str
) -> None:
    ges = GES.from_data(
        {
            "format": "ges-graph/1",
            "name": "G",
            "entities": [
                {"id": "x", "name": name, "form": form},
                {"id": "h", "name": "Horizon Holding", "form": "sas"},
                {"id": "n", "name": "Horizon Nettoyage", "form": "sarl"},
            ],
            "relations": [
                {"type": "shareholding", "from": "x", "to": "h", "share": 100},
                {"type": "shareholding", "from": "h", "to": "n", "share": 90},
            ],
        }
    )
    through = ges.control.why("x", "n")
    assert through is not None
    assert holds in through.sentence("fr")
    assert en in through.sentence("en")


def test_a_board_counts_one_seat_in_the_singular() -> None:
    ges = GES.from_data(
        {
            "format": "ges-graph/1",
            "name": "G",
            "entities": [
                {"id": "a", "name": "Alpha", "form": "association"},
                {"id": "h", "name": "Holding Alpha", "form": "sas"},
                {"id": "b", "name": "Beta", "form": "association", "board_size": 7},
            ],
            "relations": [
                {"type": "shareholding", "from": "a", "to": "h", "share": 100},
                {"type": "board", "from": "a", "to": "b", "seats": 3},
                {"type": "board", "from": "h", "to": "b", "seats": 1},
            ],
        }
    )
    why = ges.control.why("a", "b")
    assert why is not None
    assert "4 sièges sur 7 à son conseil (3 sièges directement, 1 siège par l'intermédiaire" in (
        why.sentence("fr")
    )
    assert "4 seats of 7 on its board (3 seats directly, 1 seat through" in why.sentence("en")


def test_why_says_at_least_when_a_figure_is_a_range() -> None:
    # control reads a range at its minimum: 55 % of a 55-70 % holding is a least, said so
    ges = GES.from_data(
        {
            "format": "ges-graph/1",
            "name": "G",
            "entities": [
                {"id": "p", "name": "Jean", "form": "person"},
                {"id": "b", "name": "Beta", "form": "sas"},
                {"id": "c", "name": "Gamma", "form": "sas"},
            ],
            "relations": [
                {"type": "shareholding", "from": "p", "to": "b", "share": {"min": 55, "max": 70}},
                {"type": "shareholding", "from": "b", "to": "c", "share": 80},
            ],
        }
    )
    assert ges.control.why("p", "b").sentence("fr") == (
        "Jean contrôle Beta : participation au capital conférant au moins 55 % des droits de vote"
    )
    assert ges.control.why("p", "c").sentence("en") == (
        "Jean controls Gamma: 80% of the voting rights through Beta, which Jean controls (at "
        "least 55% of the voting rights)"
    )
    # several holders, some ranged: each ranged part says it too
    two = GES.from_data(
        {
            "format": "ges-graph/1",
            "name": "G",
            "entities": [
                {"id": "a", "name": "Alpha", "form": "association"},
                {"id": "g", "name": "Gamma", "form": "sas"},
                {"id": "t", "name": "Tau", "form": "sas"},
            ],
            "relations": [
                {"type": "shareholding", "from": "a", "to": "g", "share": 100},
                {"type": "shareholding", "from": "a", "to": "t", "share": {"min": 30, "max": 40}},
                {"type": "shareholding", "from": "g", "to": "t", "share": 25},
            ],
        }
    )
    said = two.control.why("a", "t").sentence("fr")
    assert said.startswith(
        "Alpha contrôle Tau : au moins 55 % des droits de vote (au moins 30 % directement, "
        "25 % par l'intermédiaire de Gamma"
    )
    # a figure, not a range: no « au moins »
    assert "au moins" not in ges.control.why("b", "c").sentence("fr")
