"""Every classification case of the conformance manifest, through the API and the CLI."""

from __future__ import annotations

import json
from typing import Any

import pytest
from conformance_cases import select

from ges_graph.classification import classify
from ges_graph.cli import main
from ges_graph.io import load
from ges_graph.schemas import load_schema_text, reference_schemas

CASES = select("schema")
COMMON = ["at-least-two-members", "unified-governance", "no-outside-control"]
"""The conditions every reference schema states (equal tests): reported once, not scored."""


def _expect(case: dict[str, Any], got: dict[str, Any], common: list[str] = COMMON) -> None:
    assert got["schema"] == case["schema"]
    assert got["variant"] == case.get("variant")
    if "head" in case:
        assert got["head"] == case["head"]
    if "nearest" in case:
        assert got["nearest"] == case["nearest"]
    if case["schema"] is not None:
        assert got["nearest"] == case["schema"]
    # second edition: the matched (else nearest) schema's confidence, the common conditions once
    confidence = {s.id: s.confidence for s in reference_schemas()}
    assert got["confidence"] == confidence[got["nearest"]]
    assert [c["id"] for c in got["common"]] == common


@pytest.mark.parametrize("case", CASES)
def test_classification_api(case: dict[str, Any]) -> None:
    result = classify(load(case["path"]))
    _expect(case, result.to_dict())
    assert [c.schema for c in result.candidates] == [s.id for s in reference_schemas()]
    assert sum(c.matched for c in result.candidates) == (0 if case["schema"] is None else 1)


@pytest.mark.parametrize("case", CASES)
def test_classification_cli(case: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["classify", "--json", str(case["path"])])
    out = capsys.readouterr().out
    assert status == 0  # not matching is a result
    data = json.loads(out)
    assert data["file"] == str(case["path"])
    _expect(case, data)
    for entry in data["candidates"]:
        assert set(entry) == {"schema", "matched", "score", "conditions"}
        held = [cond["held"] for cond in entry["conditions"]]
        assert entry["score"] == round(sum(held) / len(held), 4)
        for cond in entry["conditions"]:
            assert set(cond) == {"id", "held", "message"}
            assert cond["message"]
            assert cond["id"] not in COMMON


@pytest.mark.parametrize("case", CASES)
def test_classification_cli_text(case: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["classify", "--lang", "en", str(case["path"])]) == 0
    out = capsys.readouterr().out
    shown = case["schema"] or case.get("nearest")
    if shown is not None:
        origin = next(s for s in reference_schemas() if s.id == shown).origin("en")
        # "(…; reconstruction …)" when the title ends in a parenthesis, else "(reconstruction …)"
        level = origin.split(", ")[1]
        assert f"reconstruction of the COORACE typology, {level})" in out
    if case["schema"] is None:
        assert "No reference schema matches." in out
        if "nearest" in case:
            assert f"Nearest schema: {case['nearest']} — " in out
    else:
        assert f"Schema: {case['schema']} — " in out


def test_several_files_give_a_list(capsys: pytest.CaptureFixture[str]) -> None:
    paths = [c.values[0]["path"] for c in CASES[:2] if c.values[0] is not None]
    if len(paths) < 2:
        pytest.skip("../shared/conformance is not present beside the project")
    assert main(["classify", "--json", *map(str, paths)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["file"] for d in data] == [str(p) for p in paths]
    assert all("schema" in d and "candidates" in d for d in data)


# A schema that no group matches and that never comes nearest (its head condition and its twelve
# conditions cannot hold together, and they outnumber any reference schema's), tried after the
# reference ones: the conformance results must not move.
NEVER = (
    """\
id: NEVER
title: {fr: Jamais, en: Never}
confidence: low
basis: {fr: un test, en: a test}
head_condition:
  id: no-members
  text: {fr: aucun membre, en: no member}
  test: {members: {at_most: 0}}
conditions:
"""
    + "".join(
        f"  - {{id: huge-{i}, text: {{fr: x, en: x}}, test: {{members: {{at_least: 1000000}}}}}}\n"
        for i in range(12)
    )
    + """\
example:
  format: ges-graph/1
  name: Vide
  entities:
    - {id: a, name: A, form: association}
"""
)


@pytest.mark.parametrize("case", CASES)
def test_a_schema_added_after_the_reference_ones_moves_no_case(
    case: dict[str, Any], capsys: pytest.CaptureFixture[str], tmp_path: Any
) -> None:
    never = tmp_path / "never.yaml"
    never.write_text(NEVER, encoding="utf-8")
    status = main(["classify", "--json", "--schema", str(never), str(case["path"])])
    data = json.loads(capsys.readouterr().out)
    assert status == 0
    _expect(case, data, common=[])  # NEVER states none of the three: none is common any more
    assert [c["schema"] for c in data["candidates"]][-1] == "NEVER"
    assert max(len(s.all_conditions) for s in reference_schemas()) < 13
    api = classify(load(case["path"]), [*reference_schemas(), load_schema_text(NEVER)])
    assert api.to_dict()["candidates"] == data["candidates"]
