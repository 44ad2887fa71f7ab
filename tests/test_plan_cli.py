"""``ges-graph plan FILE --target S [-o PROJET] [--json] [--max-edits N] [--schema F] [--lang]``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ges_graph._data import example_path
from ges_graph.classification import classify
from ges_graph.cli import main
from ges_graph.io import load

TREMPLIN = example_path("tremplin.yaml")
CHANTIERS = example_path("chantiers-verts.yaml")


def test_text_in_french_and_the_planned_group_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_file = tmp_path / "projet.yaml"
    assert main(["plan", str(CHANTIERS), "--target", "S5", "-o", str(out_file)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Projet de restructuration ")
    assert (
        "vers S5 — Groupe mixte avec gouvernance associative et SAS (reconstitution de la "
        "typologie COORACE, confiance moyenne)\n" in out
    )
    assert "\nUne modification :\n" in out
    assert "(pour satisfaire la condition : " in out
    assert f"Groupe projeté écrit dans {out_file}" in out
    assert classify(load(out_file)).schema == "S5"


def test_json_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "--json", "--lang", "en", "--target", "S4", str(TREMPLIN)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["file"] == str(TREMPLIN)
    assert (data["target"], data["found"], data["max_edits"], data["output"]) == (
        "S4",
        True,
        4,
        None,
    )
    assert data["blocking"] == []
    (step,) = data["steps"]
    assert set(step) == {"edit", "text", "condition", "condition_text", "raises", "clears"}
    assert step["edit"]["kind"] == "create_entity"
    assert step["text"].startswith("create ")
    assert step["condition"] == "head-company"
    assert step["condition_text"] == "the head is a company (commercial holding)"


def test_no_plan_within_the_bound_is_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "--json", "--target", "S1", "--max-edits", "1", str(TREMPLIN)]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["found"] is False
    assert data["steps"] == []
    assert "no-company-or-cooperative" in {b["condition"] for b in data["blocking"]}
    assert main(["plan", "--target", "S1", "--max-edits", "1", str(TREMPLIN)]) == 1
    assert "ce qui bloque" in capsys.readouterr().out


def test_already_there_is_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "--lang", "en", str(TREMPLIN)]) == 0  # the default target is S5
    assert "nothing to change" in capsys.readouterr().out


def test_unknown_target_unreadable_file_and_bad_bound_are_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["plan", "--target", "S9", str(TREMPLIN)]) == 2
    assert (
        "S9 n'est pas un schéma connu (schémas : S1, S2, S3, S4, S5, S6)" in capsys.readouterr().err
    )
    assert main(["plan", "--json", str(tmp_path / "absent.yaml")]) == 2
    captured = capsys.readouterr()
    assert json.loads(captured.out)["error"]["message"]
    assert main(["plan", "--max-edits", "9", str(TREMPLIN)]) == 2
    assert "--max-edits" in capsys.readouterr().err


SCHEMA = """\
id: S7
title: {fr: Deux opérateurs, en: Two operators}
confidence: low
basis: {fr: Un essai., en: A trial.}
head_condition:
  id: head-associative
  text: {fr: la tête de groupe est associative, en: the head is associative}
  test: {head: {family: [associative]}}
conditions:
  - id: unified-governance
    text: {fr: la gouvernance est unifiée, en: governance is unified}
    test: {unified: true}
  - id: three-operators
    text: {fr: au moins trois membres opérateurs, en: at least three operating members}
    test: {count: {of: {operating: true}, at_least: 3}}
example:
  format: ges-graph/1
  name: Essai
  entities:
    - {id: t, name: Association Essai, form: association, conventions: [aci]}
    - {id: a, name: Atelier Essai, form: association, conventions: [aci]}
    - {id: b, name: Bâtiment Essai, form: association, conventions: [aci]}
  relations:
    - {type: statutory_control, from: t, to: a}
    - {type: statutory_control, from: t, to: b}
"""


def test_a_schema_file_can_be_the_target(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    schema = tmp_path / "S7.yaml"
    schema.write_text(SCHEMA, encoding="utf-8")
    assert main(["plan", "--json", "--schema", str(schema), "--target", "S7", str(CHANTIERS)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["found"] is True
    assert {s["condition"] for s in data["steps"]} <= {"head-associative", "unified-governance",
                                                       "three-operators"}  # fmt: skip


def test_help_is_in_the_language_asked(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "--help"]) == 0
    assert "le schéma visé (par défaut : S5)" in capsys.readouterr().out
    assert main(["plan", "--help", "--lang", "en"]) == 0
    assert "the target schema (default: S5)" in capsys.readouterr().out


def test_a_target_in_small_letters_is_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "--json", "--target", " s4", str(TREMPLIN)]) == 0
    assert json.loads(capsys.readouterr().out)["target"] == "S4"
    assert main(["plan", "--target", "s9", str(TREMPLIN)]) == 2
    assert "s9 n'est pas un schéma connu (schémas : S1, S2, S3, S4, S5, S6)" in (
        capsys.readouterr().err
    )
