"""``ges-graph diff OLD NEW [--json] [--lang]``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from ges_graph._data import example_path
from ges_graph.cli import main

OLD = example_path("tremplin.yaml")


@pytest.fixture
def new(tmp_path: Path) -> Path:
    data = yaml.safe_load(OLD.read_text(encoding="utf-8"))
    data["relations"][0]["share"] = 30  # tremplin no longer controls the holding
    data["entities"][2]["employees"] = 40
    path = tmp_path / "new.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_text_in_french(new: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(OLD), str(new)]) == 0
    out = capsys.readouterr().out
    assert "Participations et voix (1)" in out
    assert "part du capital 100 % → 30 %" in out
    assert "salariés 35 → 40" in out
    assert "Contrôle perdu" in out
    assert (
        "Schéma : S5 — Groupe mixte avec gouvernance associative et SAS (reconstitution de la "
        "typologie COORACE, confiance moyenne) →" in out
    )


def test_json_in_english(new: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "--json", "--lang", "en", str(OLD), str(new)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["old_file"], data["new_file"]) == (str(OLD), str(new))
    assert data["changed"] is True
    assert data["stakes"][0]["changes"] == [{"field": "share", "old": 100.0, "new": 30.0}]
    assert data["schema"]["old"] == "S5"
    assert data["head"]["old"] == "tremplin"


def test_no_change_is_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "--lang", "en", str(OLD), str(OLD)]) == 0
    assert capsys.readouterr().out.strip().endswith("No change.")


def test_unreadable_file_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    text = OLD.read_text(encoding="utf-8").replace("to: holding,", "to: nowhere,", 1)
    bad.write_text(text, encoding="utf-8")
    assert main(["diff", "--json", str(OLD), str(bad)]) == 2
    captured = capsys.readouterr()
    assert json.loads(captured.out)["error"]["location"] == "relations[0].to"
    assert "relations[0].to" in captured.err
