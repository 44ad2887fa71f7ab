"""Workbooks (.xlsx): the template a person fills, errors that name the cell, what is refused."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from typing import Any

import pytest
from conformance_cases import CASES

from ges_graph.errors import ArgumentError, LoadError
from ges_graph.io import load, load_document, loads_document, save
from ges_graph.io.spreadsheet import load_workbook, save_workbook, template_document, write_template
from ges_graph.io.spreadsheet.layout import ACCOUNTS, ENTITIES, FLOWS, RELATIONS, SHEETS
from ges_graph.model import Document, Form, RelationType

openpyxl = pytest.importorskip("openpyxl")

GROUP = {
    "format": "ges-graph/1",
    "name": "G",
    "entities": [
        {"id": "a", "name": "A", "form": "association"},
        {"id": "b", "name": "B", "form": "sas"},
    ],
    "relations": [{"type": "shareholding", "from": "a", "to": "b", "share": 100}],
}


def _doc(data: dict[str, Any] = GROUP) -> Document:
    return Document.model_validate(data)


def _book(tmp_path: Path, doc: Document | None = None, lang: str = "fr") -> Path:
    path = tmp_path / "g.xlsx"
    save_workbook(doc or _doc(), path, lang=lang)  # type: ignore[arg-type]
    return path


def _edit(path: Path, sheet: str, cell: str, value: Any) -> None:
    book = openpyxl.load_workbook(path)
    book[sheet][cell] = value
    book.save(path)


def _error(path: Path, **kwargs: Any) -> LoadError:
    with pytest.raises(LoadError) as info:
        load_workbook(path, **kwargs)
    return info.value


# -- the template, filled like a person would -----------------------------------------------------


def test_a_person_fills_the_template_with_french_labels_and_it_loads(tmp_path: Path) -> None:
    path = tmp_path / "groupe.xlsx"
    write_template(path)
    book = openpyxl.load_workbook(path)
    book["Groupe"]["B3"] = "Groupe Coquelicot"
    entities = book["Entités"]
    row = entities.max_row + 1
    for col, value in zip(
        "ABCDEI",
        [
            "cafe",
            "Café Solidaire",
            "société coopérative d'intérêt collectif",
            "entreprise d'insertion",
            "non",
            12,
        ],
        strict=True,
    ):
        entities[f"{col}{row}"] = value
    relations = book["Relations"]
    row = relations.max_row + 1
    for col, value in zip(
        "CDEFM",
        ["participation au capital", "holding", "cafe", 40, dt.datetime(2024, 3, 1)],
        strict=True,
    ):
        relations[f"{col}{row}"] = value
    flows = book["Flux"]
    row = flows.max_row + 1
    for col, value in zip(
        "CDEFGH", ["tremplin", "cafe", "prêt", 15000, "au coût réel", "oui"], strict=True
    ):
        flows[f"{col}{row}"] = value
    book.save(path)

    doc = load_document(path)
    assert doc.name == "Groupe Coquelicot"
    cafe = doc.entities[-1]
    assert (cafe.id, cafe.name, cafe.form, cafe.employees) == (
        "cafe",
        "Café Solidaire",
        Form.SCIC,
        12,
    )
    assert [c.value for c in cafe.conventions] == ["ei"]
    stake = next(r for r in doc.relations if r.to == "cafe" and r.type == "shareholding")
    assert (stake.from_, stake.share, stake.start) == ("holding", 40, dt.date(2024, 3, 1))
    loan = next(r for r in doc.relations if r.to == "cafe" and r.type == "flow")
    assert (loan.kind.value, loan.amount, loan.basis.value, loan.agreement) == (  # type: ignore[union-attr]
        "loan",
        15000,
        "actual_cost",
        True,
    )
    # the example's relations stay in their order; the stake is read before the flows
    assert [r for r in doc.relations if r not in (stake, loan)] == list(
        template_document().relations
    )
    first_flow = next(i for i, r in enumerate(doc.relations) if r.type == "flow")
    assert doc.relations.index(stake) < first_flow
    assert doc.relations[-1] == loan


@pytest.mark.parametrize(
    ("typed", "number_format", "read"),
    [
        (0.6, "0%", 60),  # « 60 % » typed in French Excel: stored 0.6, shown 60 %
        (0.125, "0.0%", 12.5),
        (1, "0%", 100),
        ("60 %", "General", 60),  # as text, with or without the space
        ("60%", "@", 60),
        ("12,5 %", "@", 12.5),
        (60, "General", 60),
        (60, '0" %"', 60),  # a « % » written as text after the number: stored 60, not 0.6
        (60, "0\\ \\%", 60),
    ],
)
def test_a_share_typed_as_a_percentage_reads_as_the_figure_shown(
    tmp_path: Path, typed: Any, number_format: str, read: float
) -> None:
    path = _book(tmp_path)
    book = openpyxl.load_workbook(path)
    cell = book["Relations"]["F2"]
    cell.value, cell.number_format = typed, number_format
    book.save(path)
    assert load_workbook(path).relations[0].share == read  # type: ignore[union-attr]


def test_spaces_around_an_id_and_a_currency_after_an_amount_are_typing_not_data(
    tmp_path: Path,
) -> None:
    path = _book(tmp_path)
    _edit(path, "Relations", "D2", " a ")  # the « de » (from) column
    _edit(path, "Entités", "B2", "A ")  # a name keeps what is typed
    doc = load_workbook(path)
    assert doc.relations[0].from_ == "a"
    assert doc.entities[0].name == "A "


def test_an_amount_typed_with_its_currency_reads_as_the_amount(tmp_path: Path) -> None:
    doc = template_document()
    path = _book(tmp_path, doc)
    book = openpyxl.load_workbook(path)
    headers = [c.value for c in book["Flux"][1]]
    column = chr(ord("A") + headers.index("montant annuel"))
    book["Flux"][f"{column}2"] = "42\u202f000,50\xa0€"  # as French Excel writes it to text
    book.save(path)
    first_flow = next(r for r in load_workbook(path).relations if r.type == "flow")
    assert first_flow.amount == 42000.5  # type: ignore[union-attr]


def test_a_range_typed_with_a_percent_sign_reads_as_a_range(tmp_path: Path) -> None:
    path = _book(tmp_path)
    _edit(path, "Relations", "F2", "40–60 %")
    share = load_workbook(path).relations[0].share  # type: ignore[union-attr]
    assert (share.min, share.max) == (40, 60)


def test_the_template_holds_the_example_and_loads_back_equal(tmp_path: Path) -> None:
    path = tmp_path / "groupe.xlsx"
    write_template(path)
    assert load_document(path) == template_document()
    with pytest.raises(ArgumentError, match="already exists"):
        write_template(path)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_template_is_dressed_for_a_person(tmp_path: Path, lang: str) -> None:
    path = tmp_path / "groupe.xlsx"
    write_template(path, lang=lang)  # type: ignore[arg-type]
    book = openpyxl.load_workbook(path)
    names = [s.name.render(lang) for s in SHEETS]  # type: ignore[arg-type]
    assert book.sheetnames[:5] == names
    lists = book[book.sheetnames[5]]
    assert lists.sheet_state == "hidden"
    for sheet in (ENTITIES, RELATIONS, FLOWS, ACCOUNTS):
        ws = book[sheet.name.render(lang)]  # type: ignore[arg-type]
        assert ws.freeze_panes == "A2"
        headers = [c.value for c in ws[1]]
        assert headers == [c.header.render(lang) for c in sheet.columns]  # type: ignore[arg-type]
        for i, column in enumerate(sheet.columns, 1):
            cell = ws.cell(1, i)
            assert cell.comment is not None
            assert cell.comment.text == column.help.render(lang)  # type: ignore[arg-type]
            assert ws.column_dimensions[cell.column_letter].width >= column.width
        validated = {
            str(rng).split(":")[0].rstrip("0123456789")
            for dv in ws.data_validations.dataValidation
            for rng in dv.sqref.ranges
        }
        wanted = {
            ws.cell(1, i).column_letter
            for i, c in enumerate(sheet.columns, 1)
            if c.vocabulary is not None or c.kind == "bool"
        }
        assert validated == wanted, sheet.key
    # the drop-down of forms offers every form's label, in the language of the workbook
    form_list = next(
        dv
        for dv in book[ENTITIES.name.render(lang)].data_validations.dataValidation  # type: ignore[arg-type]
        if "C2" in str(dv.sqref)
    )
    column = form_list.formula1.split("!$")[1][0]
    offered = [c.value for c in lists[column][1:] if c.value]
    assert offered == [f.label_in(lang) for f in Form]  # type: ignore[arg-type]
    # the relations' types offer no flow: that sheet has no column for a flow's kind or amount
    type_list = next(
        dv
        for dv in book[RELATIONS.name.render(lang)].data_validations.dataValidation  # type: ignore[arg-type]
        if "C2" in str(dv.sqref)
    )
    column = type_list.formula1.split("!$")[1][0]
    offered = [c.value for c in lists[column][1:] if c.value]
    expected = [t.label_in(lang) for t in RelationType if t is not RelationType.FLOW]  # type: ignore[arg-type]
    assert offered == expected


def test_a_workbook_in_english_reads_back_and_french_headers_are_read_too(tmp_path: Path) -> None:
    doc = template_document()
    path = _book(tmp_path, doc, "en")
    assert load_workbook(path) == doc
    _edit(path, "Entities", "C1", "FORME")  # a French header, in any case, in an English sheet
    assert load_workbook(path) == doc


def test_a_flow_s_payee_is_headed_destinataire_and_the_former_header_still_reads(
    tmp_path: Path,
) -> None:
    """« bénéficiaire » named the payee, but a service's beneficiary is its payer: renamed."""
    doc = template_document()
    path = _book(tmp_path, doc)
    headers = [c.value for c in openpyxl.load_workbook(path)["Flux"][1]]
    column = headers.index("destinataire") + 1
    assert headers[column - 2] == "payeur"
    assert "bénéficiaire" not in headers
    _edit(path, "Flux", f"{chr(ord('A') + column - 1)}1", "Bénéficiaire")
    assert load_workbook(path) == doc


def test_a_drop_down_label_in_either_language_reads_as_its_code(tmp_path: Path) -> None:
    path = _book(tmp_path)
    _edit(path, "Entités", "C3", "simplified joint-stock company (SAS)")
    assert load_workbook(path).entities[1].form == Form.SAS


def test_every_label_names_one_member_of_its_vocabulary() -> None:
    for sheet in SHEETS:
        for column in sheet.columns:
            if column.vocabulary is None:
                continue
            seen: dict[str, str] = {}
            for member in column.vocabulary:
                for text in {member.value, member.text.fr.casefold(), member.text.en.casefold()}:
                    assert seen.setdefault(text, member.value) == member.value, (column.key, text)


# -- every document of the conformance suite, there and back -----------------------------------


LOADABLE = [c for c in CASES if c.values[0] is None or "load_error" not in c.values[0]]
"""The conformance documents that load (the others have nothing to write)."""


@pytest.mark.parametrize("case", LOADABLE)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_conformance_documents_survive_a_workbook(case: Any, lang: str, tmp_path: Path) -> None:
    doc = load_document(case["path"])
    path = tmp_path / "g.xlsx"
    save_workbook(doc, path, lang=lang)  # type: ignore[arg-type]
    assert load_workbook(path) == doc
    back = tmp_path / "back.yaml"
    save(load(path), back)
    assert load_document(back) == doc


# -- errors name the cell, in the words of the YAML loader ---------------------------------------


def _yaml_detail(data: dict[str, Any]) -> Any:
    import json

    with pytest.raises(LoadError) as info:
        loads_document(json.dumps(data), syntax="json")
    return info.value.details[0]


def test_an_unknown_form_names_the_cell_with_the_yaml_loaders_words(tmp_path: Path) -> None:
    path = _book(tmp_path)
    _edit(path, "Entités", "C3", "sarl anonyme")
    detail = _error(path).details[0]
    assert detail.path == "Entités!C3 (forme)"
    bad = {
        **GROUP,
        "entities": [GROUP["entities"][0], {"id": "b", "name": "B", "form": "sarl anonyme"}],
    }
    yaml_detail = _yaml_detail(bad)
    assert yaml_detail.path == "entities[1].form"
    assert (detail.message, detail.message_fr, detail.expected, detail.expected_fr) == (
        yaml_detail.message,
        yaml_detail.message_fr,
        yaml_detail.expected,
        yaml_detail.expected_fr,
    )
    text = _error(path).to_text()
    assert text.startswith(f"{path}: Entités!C3 (forme) : forme inconnue")


@pytest.mark.parametrize(
    ("sheet", "cell", "value", "where", "kind"),
    [
        ("Entités", "B2", None, "Entités!B2 (nom)", "missing"),
        ("Relations", "E2", "nowhere", "Relations!E2 (vers)", "unknown_entity"),
        ("Relations", "F2", 150, "Relations!F2 (part du capital (%))", "less_than_equal"),
        ("Relations", "F2", "60–50", "Relations!F2 (part du capital (%))", "range_order"),
        ("Relations", "J2", 3, "Relations!J2 (sièges)", "extra_forbidden"),
        ("Relations", "M2", "2024-02-30", "Relations!M2 (début)", "date_type"),
        ("Entités", "N2", "{oops", "Entités!N2 (données libres (JSON))", "json"),
        ("Entités", "O1", "couleur", "Entités!O1", "unknown_column"),
        ("Groupe", "A12", "président", "Groupe!A12", "unknown_field"),
        ("Groupe", "B2", "ges-graph/9", "Groupe!B2 (format)", "unknown_format"),
        ("Relations", "A2", "deux", "Relations!A2 (ordre)", "order"),
    ],
)
def test_errors_name_the_sheet_the_row_and_the_column(
    tmp_path: Path, sheet: str, cell: str, value: Any, where: str, kind: str
) -> None:
    path = _book(tmp_path)
    _edit(path, sheet, cell, value)
    details = _error(path).details
    assert [(d.path, d.type) for d in details][:1] == [(where, kind)], details


@pytest.mark.parametrize(
    ("lang", "listed", "not_listed"), [("fr", "vers", "to"), ("en", "to", "vers")]
)
def test_a_sheet_named_alike_in_both_languages_lists_headers_in_its_own(
    tmp_path: Path, lang: str, listed: str, not_listed: str
) -> None:
    # « Relations » is the sheet's name in French and in English: its headers tell
    path = _book(tmp_path, lang=lang)
    _edit(path, "Relations", "Z1", "couleur")
    (detail,) = [d for d in _error(path).details if d.type == "unknown_column"]
    expected = detail.expected_in(lang) or ""
    assert f" {listed}," in f" {expected},"
    assert not_listed not in expected.split(", ")


def test_an_empty_required_cell_is_said_in_a_cell_s_words(tmp_path: Path) -> None:
    path = _book(tmp_path)
    _edit(path, "Entités", "B2", None)
    text = _error(path).to_text()
    assert "Entités!B2 (nom) : cellule vide : une valeur est obligatoire ici" in text
    assert "« name »" not in text  # the format's key, which the sheet does not show


def test_an_unknown_sheet_and_a_missing_sheet_are_refused(tmp_path: Path) -> None:
    path = _book(tmp_path)
    book = openpyxl.load_workbook(path)
    book["Entités"].title = "Entites2"
    book.save(path)
    details = _error(path).details
    assert [d.type for d in details] == ["unknown_sheet", "missing_sheet"]
    assert "Entités" in details[1].message_in("fr")


# -- formulas, macros, sizes and bombs ------------------------------------------------------------


def test_a_formula_is_refused_where_it_is_and_never_evaluated(tmp_path: Path) -> None:
    path = _book(tmp_path)
    _edit(path, "Entités", "B2", '="A"&"B"')
    detail = _error(path).details[0]
    assert (detail.path, detail.type, detail.value) == ("Entités!B2", "formula", '="A"&"B"')
    assert "formule" in detail.message_in("fr")


def test_a_text_that_looks_like_a_formula_is_kept_as_text(tmp_path: Path) -> None:
    data = {**GROUP, "entities": [{"id": "a", "name": "=1+1", "form": "association"}]}
    doc = _doc({**data, "relations": []})
    path = _book(tmp_path, doc)
    assert load_workbook(path).entities[0].name == "=1+1"


def test_a_macro_enabled_workbook_is_refused(tmp_path: Path) -> None:
    xlsm = tmp_path / "g.xlsm"
    xlsm.write_bytes(_book(tmp_path).read_bytes())
    assert _error(xlsm).details[0].type == "macros"
    with pytest.raises(ArgumentError):
        save_workbook(_doc(), xlsm)
    # an .xlsx whose content types say macros, or that holds a VBA project
    for part, content in (
        ("[Content_Types].xml", None),
        ("xl/vbaProject.bin", b"\0" * 10),
    ):
        path = _book(tmp_path)
        _rewrite(path, part, content)
        assert _error(path).details[0].type == "macros", part


def _rewrite(path: Path, part: str, content: bytes | None) -> None:
    """Rewrite one part of a zip (None: the content types, made macro-enabled)."""
    with zipfile.ZipFile(path) as old:
        parts = {info.filename: old.read(info) for info in old.infolist()}
    if content is None:
        content = parts[part].replace(
            b"spreadsheetml.sheet.main+xml", b"ms-excel.sheet.macroEnabled.main+xml"
        )
    parts[part] = content
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for name, data in parts.items():
            new.writestr(name, data)


def test_a_file_over_the_size_limit_is_refused_before_it_is_opened(tmp_path: Path) -> None:
    path = _book(tmp_path)
    size = path.stat().st_size
    assert _error(path, max_size=size - 1).details[0].type == "too_large"
    assert load_workbook(path, max_size=size) == _doc()


def test_a_zip_bomb_is_refused_before_it_is_inflated(tmp_path: Path) -> None:
    path = _book(tmp_path)
    _rewrite(path, "xl/media/zeros.bin", b"\0" * 5_000_000)  # inflates 5 MB, weighs 5 KB
    assert path.stat().st_size < 100_000
    detail = _error(path, max_size=100_000).details[0]
    assert detail.type == "too_large"
    assert "décompressé" in detail.message_in("fr")


def test_an_xml_entity_declaration_is_refused(tmp_path: Path) -> None:
    path = _book(tmp_path)
    with zipfile.ZipFile(path) as old:
        sheet = old.read("xl/worksheets/sheet2.xml")
    bomb = b'<!DOCTYPE x [<!ENTITY a "aaaa">]>' + sheet
    _rewrite(path, "xl/worksheets/sheet2.xml", bomb)
    assert _error(path).details[0].type == "doctype"


def test_a_file_that_is_not_a_workbook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "g.xlsx"
    path.write_text("format: ges-graph/1\n", encoding="utf-8")
    error = _error(path)
    assert error.details[0].type == "not_a_workbook"
    assert str(error).startswith(f"{path}: the file is not an .xlsx workbook")


def test_control_characters_and_carriage_returns_survive_a_workbook(tmp_path: Path) -> None:
    name = "A\x01\r\nB _x0041_ \ufffe"
    doc = _doc({**GROUP, "entities": [{"id": "a", "name": name, "form": "sas"}], "relations": []})
    path = _book(tmp_path, doc)
    assert load_workbook(path).entities[0].name == name
    with zipfile.ZipFile(path) as book:
        assert b"A_x0001__x000D_\nB _x005F_x0041_ _xFFFE_" in book.read("xl/worksheets/sheet2.xml")


@pytest.mark.parametrize(
    ("value", "number_format", "shown"),
    [(2026, "DD/MM/YYYY", "le 18/07/1905"), (2026, None, None), ("2026", None, None)],
)
def test_a_year_typed_for_a_date_is_refused_in_words(
    tmp_path: Path, value: Any, number_format: str | None, shown: str | None
) -> None:
    # Typed in a cell formatted as a date, « 2026 » is day 2026 after 30/12/1899: 18/07/1905,
    # which was read as the relation's start.
    path = _book(tmp_path)
    book = openpyxl.load_workbook(path)
    cell = book["Relations"]["M2"]
    cell.value = value
    if number_format:
        cell.number_format = number_format
    book.save(path)
    (detail,) = _error(path).details
    assert (detail.path, detail.type) == ("Relations!M2 (début)", "year_for_date")
    fr = detail.message_in("fr")
    assert "le 01/01/2026 par exemple" in fr
    if shown:
        assert f"la cellule affiche {shown}" in fr
        assert "l'année 2026, tapée dans une cellule au format date" in fr
    else:
        assert fr.startswith("2026 est une année, pas une date")
    assert "01/01/2026 for instance" in detail.message_in("en")


def test_a_whole_date_in_a_date_cell_is_still_read(tmp_path: Path) -> None:
    path = _book(tmp_path)
    _edit(path, "Relations", "M2", dt.datetime(2026, 1, 1))
    assert load_workbook(path).relations[0].start == dt.date(2026, 1, 1)


def test_the_1904_date_system_is_read_in_its_own_days(tmp_path: Path) -> None:
    # Some workbooks made on a Mac count days from 01/01/1904: there « 2026 » typed in a date
    # cell shows as 19/07/1909, which was read as the relation's start.
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    path = _book(tmp_path)
    book = openpyxl.load_workbook(path)
    book.epoch = CALENDAR_MAC_1904
    cell = book["Relations"]["M2"]
    cell.value, cell.number_format = 2026, "DD/MM/YYYY"
    book.save(path)
    (detail,) = _error(path).details
    assert (detail.path, detail.type) == ("Relations!M2 (début)", "year_for_date")
    assert "la cellule affiche le 19/07/1909" in detail.message_in("fr")
    _edit(path, "Relations", "M2", dt.datetime(2026, 1, 1))  # a whole date: its own day
    assert load_workbook(path).relations[0].start == dt.date(2026, 1, 1)


def _with_amount(tmp_path: Path, lang: str, typed: str) -> tuple[Path, str]:
    """The template as a workbook in ``lang``, ``typed`` in its first flow's amount; the cell."""
    path = _book(tmp_path, template_document(), lang)
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[3]  # Flux, or Flows
    headers = [str(c.value) for c in sheet[1]]
    header = next(h for h in headers if "montant" in h or "amount" in h)
    column = chr(ord("A") + headers.index(header))
    sheet[f"{column}2"] = typed
    book.save(path)
    return path, f"{sheet.title}!{column}2 ({header})"


@pytest.mark.parametrize(
    ("lang", "typed", "read", "fr", "en"),
    [
        ("fr", "30.000", None, "écrivez 30000 ou 30", "write 30000 or 30"),
        # Written as the sheet reads numbers, in either language's message.
        ("fr", "42.500", None, "écrivez 42500 ou 42,5", "write 42500 or 42,5"),
        ("fr", "30.000 €", 30000, None, None),  # the currency says that the dot groups thousands
        ("fr", "2.5", 2.5, None, None),
        ("fr", "30000", 30000, None, None),
        # An English sheet writes decimals after a point: there « 30,000 » is the ambiguous one.
        ("en", "30,000", None, "écrivez 30000 ou 30", "write 30000 or 30"),
        ("en", "30.000", 30, None, None),
        ("en", "30.125", 30.125, None, None),
    ],
)
def test_an_amount_grouped_by_the_other_mark_is_asked_again(
    tmp_path: Path, lang: str, typed: str, read: float | None, fr: str | None, en: str | None
) -> None:
    # « 30.000 » is thirty thousand to a French eye and thirty to a reader of decimals: it was
    # read as 30.
    path, cell = _with_amount(tmp_path, lang, typed)
    if read is not None:
        first_flow = next(r for r in load_workbook(path).relations if r.type == "flow")
        assert first_flow.amount == read  # type: ignore[union-attr]
        return
    (detail,) = _error(path).details
    assert detail.type == "ambiguous"
    assert detail.path == cell
    assert f"« {typed} » se lit de deux façons" in detail.message_in("fr")
    assert str(fr) in detail.message_in("fr")
    assert str(en) in detail.message_in("en")
