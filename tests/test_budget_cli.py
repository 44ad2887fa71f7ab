"""``ges-graph budget``: the forecast table on stdout, as JSON, CSV and XLSX (issue 17)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.test_cli import run

GROUP = Path(__file__).parent / "forecast_conformance" / "ok-accounts.yaml"


def test_budget_prints_the_table_in_french_by_default() -> None:
    p = run("budget", GROUP, "--year", "2026")
    assert p.returncode == 0, p.err
    assert p.out.startswith("Budget prévisionnel 2026 (EUR) — Régie de quartier des Tilleuls")
    assert "Régie de quartier des Tilleuls (regie, mixte)" in p.out
    assert "2025 (réalisé) : ressources 800 000 EUR" in p.out  # the budget fills in 2025
    assert "Éliminations entre membres : 2025 : -6 000 EUR ; 2026 : -21 000 EUR" in p.out


def test_budget_json_is_the_plain_data() -> None:
    p = run("budget", GROUP, "--year", "2026", "--json", "--lang", "en")
    assert p.returncode == 0, p.err
    data = json.loads(p.out)
    assert data["year"] == 2026
    assert data["current"]["total"]["result"] == 840000 + 260000 - 830000 - 240000
    assert data["change"]["employees"] == (44 + 8) - (40 + 6)


def test_budget_csv_opens_in_a_french_spreadsheet(tmp_path: Path) -> None:
    out = tmp_path / "budget.csv"
    p = run("budget", GROUP, "--year", "2026", "--csv", out)
    assert p.returncode == 0, p.err
    assert f"écrit : {out}" in p.err
    raw = out.read_bytes()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["Ligne", "Secteur", "Nature 2025", "Ressources 2025"]
    by_line = {r[0]: r for r in rows[1:]}
    assert by_line["Total du groupe"][8] == "1079000,00"  # 840 000 + 260 000 - 21 000
    assert by_line["Éliminations entre membres"][8] == "-21000,00"


def test_budget_csv_in_english_uses_commas_and_points(tmp_path: Path) -> None:
    out = tmp_path / "budget.csv"
    assert run("budget", GROUP, "--year", "2026", "--csv", out, "--lang", "en").returncode == 0
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows[0][0] == "Line"
    assert {r[0]: r for r in rows}["Group total"][8] == "1079000.00"


def test_budget_xlsx_opens_with_openpyxl_and_balances(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "budget.xlsx"
    p = run("budget", GROUP, "--year", "2026", "--xlsx", out)
    assert p.returncode == 0, p.err
    sheet = openpyxl.load_workbook(out).active
    assert sheet.title == "Budget 2026"
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    members, eliminations, total = rows[1:3], rows[3], rows[4]
    assert total[0] == "Total du groupe"
    for column in (3, 4, 5, 8, 9, 10):
        assert isinstance(total[column], int | float)  # a number, not a text
        summed = sum(r[column] for r in members) + eliminations[column]
        assert total[column] == pytest.approx(summed), column


def test_budget_refuses_a_year_out_of_range_in_the_language_asked() -> None:
    p = run("budget", GROUP, "--year", "2300")
    assert p.returncode == 2
    assert "l'année 2300 est hors de l'intervalle permis" in p.err
    assert "out of range" in run("budget", GROUP, "--year", "2300", "--lang", "en").err


def test_budget_of_an_unreadable_document_exits_2(tmp_path: Path) -> None:
    p = run("budget", tmp_path / "nothing.yaml", "--year", "2026")
    assert p.returncode == 2
    assert "nothing.yaml" in p.err


def test_budget_csv_and_xlsx_are_exclusive(tmp_path: Path) -> None:
    p = run("budget", GROUP, "--year", "2026", "--csv", tmp_path / "a", "--xlsx", tmp_path / "b")
    assert p.returncode == 2
    assert not (tmp_path / "a").exists()


def test_budget_help_in_both_languages() -> None:
    fr, en = run("budget", "--help").out, run("budget", "--help", "--lang", "en").out
    assert "l'année du budget" in fr
    assert "the year of the budget" in en
