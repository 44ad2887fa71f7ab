"""Conformance: every finding case of the shared manifest, through the API and the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conformance_cases import CONFORMANCE, select

from ges_graph.io import load
from ges_graph.rules import validate
from ges_graph.schemas import reference_schemas

ROOT = Path(__file__).resolve().parents[1]
CLI = Path(sys.executable).with_name("ges-graph")  # the console script of the running environment

# Every case that states findings, absent findings or the verdict, once each, in manifest order.
FINDING_CASES = list(
    {c.id: c for key in ("findings", "absent", "conforms") for c in select(key)}.values()
)


def _check(case: dict[str, Any], rules: set[str], conforms: bool, how: str) -> None:
    for rule in case.get("findings", ()):
        assert rule in rules, f"{how}: {case['file']} should report {rule}; found {sorted(rules)}"
    for rule in case.get("absent", ()):
        assert rule not in rules, f"{how}: {case['file']} should not report {rule}"
    if "conforms" in case:
        assert conforms is case["conforms"], f"{how}: {case['file']} conforms should be " + str(
            case["conforms"]
        )


@pytest.mark.skipif(
    not (CONFORMANCE / "manifest.yaml").is_file(),
    reason="../shared/conformance is not present beside the project (a plain clone)",
)
def test_the_manifest_has_finding_cases() -> None:
    assert len(FINDING_CASES) >= 10


@pytest.mark.parametrize("case", FINDING_CASES)
def test_finding_case_through_the_api(case: dict[str, Any] | None) -> None:
    assert case is not None
    report = validate(load(case["path"]))
    _check(case, report.rules, report.conforms, "API")
    for lang in ("fr", "en"):
        for f in report:
            assert f.message(lang)
            assert f.reference


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    if not CLI.exists():
        pytest.skip("the console script is not installed beside this Python")
    return subprocess.run(
        [str(CLI), *args], capture_output=True, text=True, timeout=120, check=False
    )


@pytest.fixture(scope="module")
def cli_results() -> dict[str, dict[str, Any]]:
    """One ``validate --json`` run over every finding case (one process: startup is slow)."""
    files = [str(c.values[0]["path"]) for c in FINDING_CASES if c.values[0] is not None]
    if not files:
        pytest.skip("no conformance cases")
    run = _cli("validate", "--json", "--lang", "en", *files)
    data = json.loads(run.stdout)
    assert run.returncode == 1, run.stderr  # some cases do not conform
    return {item["file"]: item for item in data}


@pytest.mark.parametrize("case", FINDING_CASES)
def test_finding_case_through_the_cli(
    case: dict[str, Any] | None, cli_results: dict[str, dict[str, Any]]
) -> None:
    assert case is not None
    data = cli_results[str(case["path"])]
    rules = {f["rule"] for f in data["findings"]}
    _check(case, rules, data["conforms"], "CLI")
    assert set(data) == {"file", "conforms", "findings"}
    for f in data["findings"]:
        assert set(f) - {"data"} == {"rule", "severity", "subjects", "message", "reference"}
        assert isinstance(f.get("data", {}), dict)  # data: an optional key, added compatibly


@pytest.mark.parametrize(("name", "code"), [("s5-association-sas.yaml", 0), ("f-ai-form.yaml", 1)])
def test_the_cli_exit_code_is_1_on_an_error(name: str, code: int) -> None:
    case = ROOT.parent / "shared" / "conformance" / name
    if not case.is_file():
        pytest.skip("../shared/conformance is not present")
    run = _cli("validate", "--json", str(case))
    assert run.returncode == code, run.stderr
    assert json.loads(run.stdout)["conforms"] is (code == 0)


@pytest.mark.parametrize("schema", reference_schemas(), ids=lambda s: s.id)
def test_every_reference_schema_example_conforms(schema: Any) -> None:
    report = validate(schema.example_ges())
    assert report.conforms, report.to_text("en")


def test_the_cli_text_groups_findings_by_severity() -> None:
    case = ROOT.parent / "shared" / "conformance" / "f-cross-holding.yaml"
    if not case.is_file():
        pytest.skip("../shared/conformance is not present")
    run = _cli("validate", "--lang", "en", str(case))
    assert run.returncode == 1
    out = run.stdout
    assert out.index("Errors (1)") < out.index("(cross-holding)\n") < out.index("Warnings (1)")
    assert out.index("Warnings (1)") < out.index("(capital-cycle)\n")


def test_the_cli_lists_the_catalogue() -> None:
    run = _cli("validate", "--rules", "--json")
    assert run.returncode == 0, run.stderr
    from ges_graph.rules import RULES

    assert [r["rule"] for r in json.loads(run.stdout)] == list(RULES)
