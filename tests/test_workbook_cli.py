"""``ges-graph template`` and ``convert`` with workbooks and CSV folders, by the console script."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_cli import TREMPLIN, run

from ges_graph.io import load_document
from ges_graph.io.spreadsheet import template_document

openpyxl = pytest.importorskip("openpyxl")


def test_template_then_convert_then_validate(tmp_path: Path) -> None:
    book = tmp_path / "groupe.xlsx"
    p = run("template", book)
    assert (p.returncode, p.out, p.err) == (0, "", f"écrit : {book}\n")
    assert openpyxl.load_workbook(book).sheetnames[:4] == ["Groupe", "Entités", "Relations", "Flux"]
    p = run("convert", book, "-o", tmp_path / "groupe.yaml")
    assert p.returncode == 0, p.err
    assert load_document(tmp_path / "groupe.yaml") == template_document()
    p = run("validate", book)
    assert p.returncode == 0, p.err
    assert "Groupe Tremplin : conforme" in p.out


def test_template_in_english_as_a_csv_folder(tmp_path: Path) -> None:
    folder = tmp_path / "group"
    p = run("template", folder, "--csv", "--lang", "en")
    assert (p.returncode, p.err) == (0, f"written: {folder}\n")
    assert sorted(f.name for f in folder.iterdir()) == [
        "Accounts.csv",
        "Entities.csv",
        "Flows.csv",
        "Group.csv",
        "Relations.csv",
    ]
    p = run("convert", folder, "-o", tmp_path / "g.json")
    assert p.returncode == 0, p.err
    assert load_document(tmp_path / "g.json") == template_document()


def test_template_never_overwrites_and_wants_xlsx(tmp_path: Path) -> None:
    book = tmp_path / "groupe.xlsx"
    book.write_bytes(b"mine")
    p = run("template", book)
    assert p.returncode == 2
    assert p.err == f"{book} : existe déjà ; un modèle n'écrase rien (choisir un autre nom)\n"
    assert book.read_bytes() == b"mine"
    p = run("template", tmp_path / "groupe.ods", "--lang", "en")
    assert p.returncode == 2
    assert "a workbook is written as .xlsx (or --csv" in p.err
    assert not (tmp_path / "groupe.ods").exists()


def test_convert_writes_a_workbook_and_a_csv_folder(tmp_path: Path) -> None:
    p = run("convert", TREMPLIN, "-o", tmp_path / "g.xlsx", "--lang", "en")
    assert p.returncode == 0, p.err
    assert openpyxl.load_workbook(tmp_path / "g.xlsx").sheetnames[1] == "Entities"
    assert load_document(tmp_path / "g.xlsx") == load_document(TREMPLIN)
    p = run("convert", TREMPLIN, "-o", f"{tmp_path / 'csv'}/")
    assert p.returncode == 0, p.err
    assert load_document(tmp_path / "csv") == load_document(TREMPLIN)
    p = run("convert", TREMPLIN, "-o", tmp_path / "folder", "--to", "csv")
    assert p.returncode == 0, p.err
    assert (tmp_path / "folder" / "Entités.csv").is_file()
    p = run("convert", TREMPLIN, "-o", "-", "--to", "xlsx")
    assert p.returncode == 2
    assert p.out == ""


def test_convert_names_the_cell_of_an_error(tmp_path: Path) -> None:
    book = tmp_path / "groupe.xlsx"
    run("template", book)
    workbook = openpyxl.load_workbook(book)
    workbook["Entités"]["C3"] = "sasu anonyme"
    workbook.save(book)
    p = run("convert", book, "-o", tmp_path / "g.yaml")
    assert p.returncode == 2
    assert p.err.startswith(f"{book}: Entités!C3 (forme) : forme inconnue")
    assert not (tmp_path / "g.yaml").exists()


@pytest.mark.parametrize("csv", [False, True])
def test_validate_says_which_row_of_the_spreadsheet_a_cited_relation_is(
    tmp_path: Path, csv: bool
) -> None:
    pytest.importorskip("openpyxl")
    target = tmp_path / ("groupe" if csv else "groupe.xlsx")
    assert run("template", target, *(["--csv"] if csv else [])).returncode == 0
    p = run("validate", target)
    # relations[6] counts the Relations and Flux sheets as one list: the reader is told the row
    assert "(relations[6])" in p.out
    said = "Dans le tableur : relations[6] est la ligne 2 de la feuille Flux."
    assert said in p.out.splitlines()
    p = run("validate", "--lang", "en", target)
    assert "In the spreadsheet: relations[6] is row 2 of sheet Flux." in p.out.splitlines()
    assert "Dans le tableur" not in run("validate", TREMPLIN).out  # a YAML file has no rows
