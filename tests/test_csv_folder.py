"""Folders of CSV files: one file a sheet, UTF-8 with a byte-order mark, semicolons, both ways."""

from __future__ import annotations

import codecs
import json
from pathlib import Path
from typing import Any

import pytest
from conformance_cases import CASES

from ges_graph.errors import ArgumentError, LoadError
from ges_graph.io import load, load_document, save
from ges_graph.io.spreadsheet import (
    load_csv_folder,
    save_csv_folder,
    template_document,
    write_template,
)
from ges_graph.model import Document, Form

GROUP: dict[str, Any] = {
    "format": "ges-graph/1",
    "name": "G",
    "as_of": "2025-12-31",
    "entities": [
        {"id": "a", "name": "A", "form": "association", "budget": 1250.5},
        {"id": "b", "name": "-B", "form": "sas", "tags": ["x", "y, z"]},
    ],
    "relations": [
        {"type": "flow", "from": "b", "to": "a", "kind": "premises", "amount": 10.25},
        {"type": "shareholding", "from": "a", "to": "b", "share": {"min": 25, "max": 50.5}},
    ],
}


def _doc() -> Document:
    return Document.model_validate(GROUP)


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8-sig").splitlines()


def _error(path: Path, **kwargs: Any) -> LoadError:
    with pytest.raises(LoadError) as info:
        load_csv_folder(path, **kwargs)
    return info.value


def test_the_files_are_utf8_with_a_bom_and_semicolons(tmp_path: Path) -> None:
    folder = tmp_path / "g"
    save_csv_folder(_doc(), folder)
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["Comptes.csv", "Entités.csv", "Flux.csv", "Groupe.csv", "Relations.csv"]
    for path in folder.iterdir():
        assert path.read_bytes().startswith(codecs.BOM_UTF8)
    entities = _lines(folder / "Entités.csv")
    assert entities[0].startswith("identifiant;nom;forme;conventions;externe;")
    # the decimal comma in French; a text that would be a formula after an apostrophe;
    # a list whose item holds a comma as JSON
    assert entities[1] == "a;A;association loi 1901;;;;;;;;1250,5;;;"
    assert entities[2] == 'b;\'-B;société par actions simplifiée;;;;;;;;;;"[""x"", ""y, z""]";'
    # the document's order is not that of the sheets: ranks say it
    assert _lines(folder / "Relations.csv")[1].startswith(
        "2;;participation au capital;a;b;25–50,5;"
    )
    assert _lines(folder / "Flux.csv")[1].startswith("1;;b;a;locaux;10,25;")
    assert load_csv_folder(folder) == _doc()


def test_english_files_use_the_decimal_point_and_read_back(tmp_path: Path) -> None:
    folder = tmp_path / "g"
    save_csv_folder(_doc(), folder, lang="en")
    assert sorted(p.name for p in folder.iterdir()) == [
        "Accounts.csv",
        "Entities.csv",
        "Flows.csv",
        "Group.csv",
        "Relations.csv",
    ]
    assert _lines(folder / "Entities.csv")[1] == "a;A;association;;;;;;;;1250.5;;;"
    assert load_csv_folder(folder) == _doc()
    with pytest.raises(ArgumentError, match="other language"):
        save_csv_folder(_doc(), folder, lang="fr")


def test_a_file_saved_by_another_program_is_read(tmp_path: Path) -> None:
    """Commas between fields, no byte-order mark, dates as JJ/MM/AAAA, codes in cells."""
    folder = tmp_path / "g"
    folder.mkdir()
    (folder / "groupe.csv").write_text(
        "champ,valeur\nformat,ges-graph/1\nnom,Groupe Été\ndate de référence,31/12/2025\n",
        encoding="utf-8",
    )
    (folder / "ENTITÉS.csv").write_text(
        'identifiant,nom,forme,budget,conventions\na,A,association,"1 800 000","aci, ai"\n'
        "b,B,sas,,\n",
        encoding="utf-8",
    )
    (folder / "Relations.csv").write_text("type,de,vers,part du capital (%)\n", encoding="utf-8")
    (folder / "Flux.csv").write_text(
        "payeur,bénéficiaire,nature,montant annuel,début\n"  # the former header of « destinataire »
        'b,a,frais de siège,"42000,5",01/02/2024\n',
        encoding="utf-8",
    )
    doc = load_csv_folder(folder)
    assert (doc.name, str(doc.as_of)) == ("Groupe Été", "2025-12-31")
    assert (doc.entities[0].budget, [c.value for c in doc.entities[0].conventions]) == (
        1_800_000,
        ["aci", "ai"],
    )
    flow = doc.relations[0]
    assert (flow.type, flow.amount, str(flow.start)) == ("flow", 42000.5, "2024-02-01")  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "case", [c for c in CASES if c.values[0] is None or "load_error" not in c.values[0]]
)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_conformance_documents_survive_a_csv_folder(case: Any, lang: str, tmp_path: Path) -> None:
    doc = load_document(case["path"])
    save_csv_folder(doc, tmp_path / "g", lang=lang)  # type: ignore[arg-type]
    assert load_csv_folder(tmp_path / "g") == doc
    save(load(tmp_path / "g"), tmp_path / "back.yaml")
    assert load_document(tmp_path / "back.yaml") == doc


def test_load_and_save_take_a_folder(tmp_path: Path) -> None:
    save(_doc(), f"{tmp_path / 'new'}/")  # a path ending with '/' is a folder to write
    assert (tmp_path / "new" / "Entités.csv").is_file()
    assert load_document(tmp_path / "new") == _doc()
    assert load(tmp_path / "new").name == "G"


def test_errors_name_the_file_and_the_cell(tmp_path: Path) -> None:
    folder = tmp_path / "g"
    save_csv_folder(_doc(), folder)
    path = folder / "Entités.csv"
    path.write_text(
        path.read_text(encoding="utf-8-sig").replace("association loi 1901", "asociation"),
        encoding="utf-8-sig",
    )
    error = _error(folder)
    assert error.file == str(folder)
    assert error.details[0].path == "Entités!C2 (forme)"
    assert error.to_text().startswith(
        f"{folder}: Entités!C2 (forme) : forme inconnue ; "
        "vouliez-vous dire « association » (association loi 1901) ?"
    )


def test_a_file_saved_by_french_excel_in_cp1252_is_read(tmp_path: Path) -> None:
    # Excel's « CSV (séparateur : point-virgule) »: Windows' code page, no byte-order mark
    folder = tmp_path / "g"
    save_csv_folder(_doc(), folder)
    (folder / "Groupe.csv").write_bytes(
        "champ;valeur\nformat;ges-graph/1\nnom;Groupe Été – Œuvre\n".encode("cp1252")
    )
    assert load_csv_folder(folder).name == "Groupe Été – Œuvre"


@pytest.mark.parametrize(
    "data",
    [
        "champ;valeur\nnom;Tremplin Développement – Nantes\n".encode().replace(
            "–".encode(), b"\x96"
        ),  # UTF-8 with one stray cp1252 byte: not garbled into « DÃ©veloppement »
        "champ;valeur\nnom;Été\n".encode("utf-16"),
    ],
    ids=["utf-8-with-a-stray-byte", "utf-16"],
)
def test_a_file_that_is_not_all_cp1252_is_not_read_as_cp1252(tmp_path: Path, data: bytes) -> None:
    folder = tmp_path / "g"
    save_csv_folder(_doc(), folder)
    (folder / "Groupe.csv").write_bytes(data)
    assert _error(folder).details[0].type == "encoding"


def test_a_file_in_neither_utf8_nor_cp1252_is_refused_with_its_name(tmp_path: Path) -> None:
    folder = tmp_path / "g"
    save_csv_folder(_doc(), folder)
    (folder / "Groupe.csv").write_bytes(b"champ;valeur\nnom;\xe9t\x81\n")  # 0x81: undefined
    error = _error(folder)
    assert error.file.endswith("Groupe.csv")
    assert error.details[0].type == "encoding"


def test_unknown_doubled_and_missing_files_are_refused(tmp_path: Path) -> None:
    folder = tmp_path / "g"
    save_csv_folder(_doc(), folder)
    (folder / "Entites.csv").write_text("x\n", encoding="utf-8")
    (folder / "Groups.csv").write_text("x\n", encoding="utf-8")
    assert [d.type for d in _error(folder).details] == ["unknown_sheet", "unknown_sheet"]
    (folder / "Entites.csv").unlink()
    (folder / "Groups.csv").unlink()
    (folder / "Entities.csv").write_text("id;name;form\na;A;sas\n", encoding="utf-8")
    assert [d.type for d in _error(folder).details] == ["duplicate_sheet"]
    (folder / "Entities.csv").unlink()
    (folder / "Entités.csv").unlink()
    assert [d.type for d in _error(folder).details] == ["missing_sheet"]


def test_the_folder_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "g"
    save_csv_folder(_doc(), folder)
    total = sum(p.stat().st_size for p in folder.iterdir())
    assert _error(folder, max_size=total - 1).details[0].type == "too_large"
    assert load_csv_folder(folder, max_size=total) == _doc()


def test_the_csv_template_holds_the_example(tmp_path: Path) -> None:
    write_template(tmp_path / "t", csv=True, lang="en")
    assert load_csv_folder(tmp_path / "t") == template_document()
    assert load_document(tmp_path / "t").entities[0].form == Form.ASSOCIATION


# -- the command reads a folder of CSV files as one document --------------------------------------


def _console(*args: str | Path) -> Any:
    from test_cli import run  # the console script, as users run it

    return run(*args)


def test_validate_reads_a_csv_folder_as_one_document(tmp_path: Path) -> None:
    from ges_graph._data import example_path

    folder = tmp_path / "tableur"
    save_csv_folder(load(example_path("tremplin.yaml")), folder)
    proc = _console("validate", "--json", "--lang", "en", folder)
    assert proc.returncode == 0, proc.err
    [result] = json.loads(proc.out)  # a folder given: one result per document in it
    assert result["file"] == str(folder)
    assert result["conforms"] is True


def test_a_registry_folder_holds_documents_and_csv_folders(tmp_path: Path) -> None:
    from ges_graph._data import example_path

    save_csv_folder(load(example_path("tremplin.yaml")), tmp_path / "b-tableur")
    (tmp_path / "a.yaml").write_bytes(example_path("tremplin.yaml").read_bytes())
    (tmp_path / "notes.txt").write_text("pas un document", encoding="utf-8")
    proc = _console("check", "--json", tmp_path)
    assert proc.returncode == 0, proc.err
    lines = [json.loads(line) for line in proc.out.splitlines()]
    assert [Path(line["file"]).name for line in lines] == ["a.yaml", "b-tableur"]
    assert [line["schema"] for line in lines] == ["S5", "S5"]


@pytest.mark.parametrize(
    ("lang", "typed", "read"),
    [
        ("fr", "30.000", None),  # thirty thousand, or thirty: asked again
        ("fr", "1.250.000", 1_250_000),  # several groups: thousands only
        ("fr", "30.000 €", 30_000),
        ("fr", "0.500", 0.5),  # no thousands start with 0
        ("fr", "30,125", 30.125),  # the sheet's own decimals
        ("en", "30,000", None),
        ("en", "30,000 EUR", 30_000),  # it was read as 30
        ("en", "1,250,000", 1_250_000),
        ("en", "30.125", 30.125),
        ("fr", "+30.000 €", 30_000),  # a sign before it: it was read as 30
        ("fr", "+30.000", None),
        ("fr", "030.000", None),
        ("fr", "1.250.000,50", 1_250_000.5),
        ("en", "+30,000 EUR", 30_000),
        ("en", "1,250,000.50", 1_250_000.5),
    ],
)
def test_a_folder_reads_grouped_thousands_and_asks_again_when_it_cannot_tell(
    tmp_path: Path, lang: str, typed: str, read: float | None
) -> None:
    folder = tmp_path / "g"
    save_csv_folder(_doc(), folder, lang=lang)  # type: ignore[arg-type]
    sheet = folder / ("Entités.csv" if lang == "fr" else "Entities.csv")
    lines = _lines(sheet)
    cells = lines[1].split(";")
    cells[lines[0].split(";").index("budget")] = f'"{typed}"'
    lines[1] = ";".join(cells)
    sheet.write_text("\ufeff" + "\n".join(lines) + "\n", encoding="utf-8")
    if read is not None:
        assert load_csv_folder(folder).entities[0].budget == read
        return
    with pytest.raises(LoadError) as info:
        load_csv_folder(folder)
    (detail,) = info.value.details
    assert detail.type == "ambiguous"
    assert "se lit de deux façons" in detail.message_in("fr")
