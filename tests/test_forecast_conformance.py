"""Local conformance of the accounts and flow years (issue 17): each refusal at its path.

The cases are in ``tests/forecast_conformance/manifest.yaml``, in the form of the shared manifest;
they run through the API (:func:`ges_graph.io.load`) and through ``validate --json``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from ges_graph.errors import LoadError
from ges_graph.io import load
from tests.test_cli import run
from tests.test_io_messages import ENGLISH, french_words

FOLDER = Path(__file__).parent / "forecast_conformance"
CASES = [
    pytest.param({**case, "path": FOLDER / case["file"]}, id=case["file"])
    for case in yaml.safe_load((FOLDER / "manifest.yaml").read_text(encoding="utf-8"))["cases"]
]
REFUSED = [c for c in CASES if c.values[0].get("load_error")]


def test_every_case_file_is_in_the_manifest() -> None:
    listed = {c.values[0]["file"] for c in CASES}
    assert listed == {p.name for p in FOLDER.glob("*.yaml")} - {"manifest.yaml"}


@pytest.mark.parametrize("case", CASES)
def test_case_loads_or_is_refused_at_its_path(case: dict[str, Any]) -> None:
    if not case.get("load_error"):
        ges = load(case["path"])
        assert any(e.accounts for e in ges.document.entities)
        return
    with pytest.raises(LoadError) as info:
        load(case["path"])
    err = info.value
    assert [d.path for d in err.details] == [case["location"]], str(err)
    assert err.first.line is not None
    for detail in err.details:  # said in French, with no English words left
        assert detail.message_fr is not None
        assert ENGLISH.search(french_words(detail)) is None, detail
    assert case["location"] in err.to_text("en")


def test_refusals_through_validate_json() -> None:
    files = [c.values[0]["path"] for c in REFUSED]
    p = run("validate", "--json", *files)
    assert p.returncode == 2
    results = {Path(d["file"]).name: d["error"] for d in json.loads(p.out)}
    for case in (c.values[0] for c in REFUSED):
        error = results[case["file"]]
        assert error["location"] == case["location"]
        assert case["location"] in error["message"]
