"""The render's shortcuts give what the long way gives: ways, ranking, flows texts, dot's place.

Issue 12's render time was cut by writing some steps out (each relation's way in one loop), by
reading what is in force from the GES's keys, by grouping a flows edge's kinds once for its text
and its tooltip, and by keeping where ``dot`` was found. Each is checked here against the way it
replaced, on generated groups and on every conformance document.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest
from conformance_cases import CASES

from ges_graph.generate import realistic_group
from ges_graph.graph import GES
from ges_graph.io import load
from ges_graph.model import Flow, FlowKind
from ges_graph.render import rundot
from ges_graph.render.flowgroups import _families
from ges_graph.render.labels import flows_label, kinds_label
from ges_graph.render.ranks import RANKING_TYPES, rank_pairs, upward, upwards
from ges_graph.render.scene import build_scene, head_of

LOADABLE = [c for c in CASES if c.values[0] is None or not c.values[0].get("load_error")]


def _groups() -> list[Any]:
    out: list[Any] = [
        pytest.param(lambda n=n, s=s: GES.from_data(realistic_group(n, seed=s)), id=f"gen{n}s{s}")
        for n in (10, 30, 65, 100)
        for s in (0, 3)
    ]
    out += [
        pytest.param(lambda c=c: load(c.values[0]["path"]), id=c.id)
        for c in LOADABLE
        if c.values[0] is not None
    ]
    return out


@pytest.mark.parametrize("make", _groups())
@pytest.mark.parametrize("outside_after", [True, False])
def test_written_out_ways_are_upwards_way(make: Any, outside_after: bool) -> None:
    ges = make()
    head = head_of(ges)
    keyed = list(ges.relations.items())
    ways = upwards(ges, keyed, head, outside_after)
    ranking = [(k, r) for k, r in keyed if r.type in RANKING_TYPES]
    assert ways == {k: upward(ges, r, head, outside_after) for k, r in ranking}
    live = {k for k, _ in ges.relations_in_force()}
    # The keys in force give the pairs the relations' dates give.
    assert rank_pairs(ges, keyed, head, outside_after, ways, live) == rank_pairs(
        ges, keyed, head, outside_after
    )


def test_a_group_with_relations_out_of_force_ranks_and_draws_only_those_in_force() -> None:
    data = realistic_group(30)
    data["as_of"] = "2025-12-31"
    ends = [r for r in data["relations"] if r["type"] == "shareholding"][:3]
    for r in ends:
        r["end"] = "2020-12-31"  # ended before the date the document describes
    ges = GES.from_data(data)
    assert len(list(ges.relations_in_force())) == len(data["relations"]) - 3
    head = head_of(ges)
    keyed = list(ges.relations.items())
    ways = upwards(ges, keyed, head)
    live = {k for k, _ in ges.relations_in_force()}
    pairs = rank_pairs(ges, keyed, head, True, ways, live)
    assert pairs == rank_pairs(ges, keyed, head)
    ended = sorted((r["from"], r["to"]) for r in ends)
    scene = build_scene(ges)
    assert sorted((e.source, e.target) for e in scene.edges if not e.in_force) == ended
    kept = [(k, r) for k, r in keyed if k in live]
    assert pairs == rank_pairs(ges, kept, head, True, ways, live)  # they rank nothing


def _flow(kind: str, amount: float | None, basis: str | None = None, **dates: str) -> Flow:
    fields: dict[str, Any] = {"type": "flow", "from": "a", "to": "b", "kind": kind}
    if amount is not None:
        fields["amount"] = amount
    if basis is not None:
        fields["basis"] = basis
    return Flow(**fields, **dates)


def test_kinds_label_is_flows_label_of_the_same_flows() -> None:
    flows = [
        _flow("premises", 1200.5),
        _flow("management_fee", 20000),
        _flow("premises", None, "free"),
        _flow("loan", 0),
        _flow("management_fee", 3000.25, end="2019-12-31"),
        _flow("subsidy", 500, end="2019-12-31"),
    ]
    by_kind: dict[FlowKind, list[Flow]] = {}
    for f in flows:
        by_kind.setdefault(f.kind, []).append(f)
    for lang in ("fr", "en"):
        for as_of in (None, GES.from_data(realistic_group(10)).document.as_of):
            assert kinds_label(by_kind, as_of, lang, "EUR") == flows_label(
                flows, as_of, lang, "EUR"
            )
    label, total = kinds_label(by_kind, None, "fr", "EUR")
    assert label.splitlines()[0].startswith("frais de siège")  # the vocabulary's order
    assert total == 20000 + 1200.5 + 3000.25 + 500


def test_families_are_those_of_the_long_way() -> None:
    # A member with several holders takes the first (in id order) that controls it.
    ges = GES.from_data(realistic_group(100))
    head = head_of(ges)
    keyed = list(ges.relations.items())
    pairs = rank_pairs(ges, keyed, head, False)
    families = _families(ges, pairs, head)
    control = ges.control
    for fid, (holder, ids) in families.items():
        assert len(ids) > 1
        for eid in ids:
            above = sorted(u for u, v in pairs if v == eid)
            ruling = [u for u in above if eid in control.controlled(u)]
            members = [u for u in above if ges.entity(u).is_group_member]
            assert holder == (ruling or members or [None])[0], (fid, eid)
            assert fid == f"{holder or ''}+{ges.entity(eid).form.family.value}"


def _fake_dot(folder: Path) -> Path:
    folder.mkdir()
    exe = folder / "dot"
    exe.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    exe.chmod(exe.stat().st_mode | stat.S_IXUSR)
    return exe


def test_dot_is_found_again_when_path_or_the_program_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _fake_dot(tmp_path / "one")
    monkeypatch.setenv("PATH", str(first.parent))
    assert rundot.find_dot() == str(first)
    assert rundot.find_dot() == str(first)  # kept
    second = _fake_dot(tmp_path / "two")
    monkeypatch.setenv("PATH", os.pathsep.join([str(second.parent), str(first.parent)]))
    assert rundot.find_dot() == str(second)  # another PATH: looked for again
    second.unlink()
    assert rundot.find_dot() == str(first)  # gone: looked for again
    first.chmod(0o644)
    assert rundot.find_dot() is None  # no longer runnable
    monkeypatch.setenv("PATH", str(tmp_path / "none"))
    assert rundot.find_dot() is None
