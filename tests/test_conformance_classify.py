"""Every classification case of the conformance manifest, through the API and the CLI."""

from __future__ import annotations

import json
from typing import Any

import pytest
from conformance_cases import select

from ges_graph.classification import classify
from ges_graph.cli import main
from ges_graph.io import load

CASES = select("schema")


def _expect(case: dict[str, Any], got: dict[str, Any]) -> None:
    assert got["schema"] == case["schema"]
    assert got["variant"] == case.get("variant")
    if "head" in case:
        assert got["head"] == case["head"]
    if "nearest" in case:
        assert got["nearest"] == case["nearest"]
    if case["schema"] is not None:
        assert got["nearest"] == case["schema"]


@pytest.mark.parametrize("case", CASES)
def test_classification_api(case: dict[str, Any]) -> None:
    result = classify(load(case["path"]))
    _expect(case, result.to_dict())
    assert [c.schema for c in result.candidates] == ["S1", "S2", "S3", "S4", "S5", "S6"]
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
        assert 0 <= entry["score"] <= 1
        for cond in entry["conditions"]:
            assert set(cond) == {"id", "held", "message"}
            assert cond["message"]


@pytest.mark.parametrize("case", CASES)
def test_classification_cli_text(case: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["classify", "--lang", "en", str(case["path"])]) == 0
    out = capsys.readouterr().out
    if case["schema"] is None:
        assert "No reference schema matches." in out
        if "nearest" in case:
            assert f"Nearest schema: {case['nearest']}" in out
    else:
        assert f"Schema: {case['schema']}" in out


def test_several_files_give_a_list(capsys: pytest.CaptureFixture[str]) -> None:
    paths = [c.values[0]["path"] for c in CASES[:2] if c.values[0] is not None]
    if len(paths) < 2:
        pytest.skip("../shared/conformance is not present beside the project")
    assert main(["classify", "--json", *map(str, paths)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["file"] for d in data] == [str(p) for p in paths]
    assert all("schema" in d and "candidates" in d for d in data)
