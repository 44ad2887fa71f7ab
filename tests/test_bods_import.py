"""BODS 0.4 import: statements read back into a document, errors that name the statement."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conformance_cases import CASES

from ges_graph.errors import LoadError, MissingDependencyError
from ges_graph.export import to_bods
from ges_graph.graph import GES
from ges_graph.io import load, loads
from ges_graph.io.bods import from_bods
from ges_graph.model import PercentRange

pytest.importorskip("jsonschema")

SCRIPT = Path(sys.executable).with_name("ges-graph")
LOADABLE = [c for c in CASES if c.values[0] is None or not c.values[0].get("load_error")]

GROUP: dict[str, Any] = {
    "format": "ges-graph/1",
    "id": "tremplin",
    "name": "Groupe Tremplin",
    "as_of": "2025-12-31",
    "entities": [
        {"id": "asso", "name": "Association Tremplin", "form": "association", "siren": "732829320",
         "board_size": 10},
        {"id": "sas", "name": "Tremplin SAS", "form": "sas"},
        {"id": "scic", "name": "Tremplin SCIC", "form": "scic"},
        {"id": "marie", "name": "Marie Curie", "form": "person"},
        {"id": "salaries", "name": "Salariés associés", "form": "collective"},
        {"id": "ville", "name": "Ville de Nantes", "form": "public_body"},
    ],
    "relations": [
        {"type": "shareholding", "from": "asso", "to": "sas", "share": {"min": 50, "max": 75},
         "votes": 80, "start": "2020-01-01"},
        {"type": "office", "from": "asso", "to": "sas", "office": "president",
         "note": "depuis 2020"},
        {"type": "shareholding", "from": "salaries", "to": "scic", "share": 30,
         "category": "employees"},
        {"type": "board", "from": "ville", "to": "asso", "seats": 2, "chair": True},
        {"type": "statutory_control", "from": "asso", "to": "scic", "id": "statuts"},
        {"type": "membership", "from": "marie", "to": "asso", "ex_officio": True, "votes": 5},
    ],
}  # fmt: skip


def _statements() -> list[dict[str, Any]]:
    return to_bods(GES.from_data(GROUP), publication_date="2026-01-15")


def _by_record(statements: list[dict[str, Any]], suffix: str) -> dict[str, Any]:
    return next(s for s in statements if s["recordId"].endswith("/" + suffix))


def _sid(n: int) -> str:
    return f"{n:032d}"


# -- what is read back ----------------------------------------------------------------------------


def test_entities_persons_and_sirens_come_back() -> None:
    doc = from_bods(_statements())
    got = [(e.id, e.name, e.form.value, e.siren) for e in doc.entities]
    assert got == [(e["id"], e["name"], e["form"], e.get("siren")) for e in GROUP["entities"]]
    assert (doc.id, doc.name, str(doc.as_of)) == ("tremplin", "Association Tremplin", "2025-12-31")


def test_each_relation_comes_back_with_its_fields() -> None:
    doc = from_bods(_statements())
    by_type: dict[str, Any] = {}
    for r in doc.relations:
        by_type.setdefault(r.type, r)
    assert [r.type for r in doc.relations] == [r["type"] for r in GROUP["relations"]]
    held = by_type["shareholding"]
    assert held.share == PercentRange(min=50, max=75)
    assert held.votes == 80
    assert str(held.start) == "2020-01-01"
    office = by_type["office"]
    assert office.office.value == "president"
    assert office.note == "depuis 2020"
    assert doc.relations[2].category is not None
    assert doc.relations[2].category.value == "employees"
    assert (by_type["board"].seats, by_type["board"].chair) == (2, True)
    assert by_type["statutory_control"].id == "statuts"
    member = by_type["membership"]
    assert (member.ex_officio, member.votes, member.from_) == (True, 5, "marie")
    assert doc.attrs == {}


def test_a_later_statement_of_a_record_replaces_it_and_a_closed_relationship_ends() -> None:
    statements = _statements()
    office = _by_record(statements, "relations[1]")
    later = copy.deepcopy(office) | {"statementId": _sid(1), "statementDate": "2026-06-30"}
    later["recordDetails"]["interests"][0]["details"] = "direction générale"
    closed = copy.deepcopy(_by_record(statements, "relations[2]"))
    closed |= {"statementId": _sid(2), "statementDate": "2026-06-30", "recordStatus": "closed"}
    doc = from_bods([*statements, later, closed])
    types = [(r.type, getattr(r, "office", None)) for r in doc.relations]
    assert ("office", "general_manager") in [(t, o and o.value) for t, o in types]
    assert len(doc.relations) == len(GROUP["relations"]) - 1
    assert str(doc.as_of) == "2026-06-30"


def test_exclusive_bounds_become_an_inclusive_range_and_the_share_is_kept() -> None:
    statements = _statements()
    held = _by_record(statements, "relations[0]")["recordDetails"]["interests"][0]
    held["share"] = {"exclusiveMinimum": 25, "maximum": 50}
    doc = from_bods(statements)
    r = doc.relations[0]
    assert r.share == PercentRange(min=25, max=50)
    assert r.attrs["bods_share"] == {"exclusiveMinimum": 25, "maximum": 50}


def test_what_the_format_cannot_hold_is_kept_in_attrs_with_its_statement() -> None:
    statements = _statements()
    rel = _by_record(statements, "relations[0]")
    interests = rel["recordDetails"]["interests"]
    interests.append({"type": "trustee", "directOrIndirect": "direct"})
    interests.append({"type": "boardMember", "directOrIndirect": "indirect"})
    nothing = _by_record(statements, "relations[2]")["recordDetails"]["interests"][0]
    del nothing["share"]
    doc = from_bods(statements)
    unmapped = doc.attrs["bods"]["unmapped"]
    reasons = [(u["statementId"], u["reason"]) for u in unmapped]
    assert (rel["statementId"], "interest type the format does not have") in reasons
    assert (rel["statementId"], "indirect interest (the format's relations are direct)") in reasons
    assert any(reason == "shareholding without a share" for _, reason in reasons)
    assert unmapped[0]["interest"]["type"] == "trustee"
    assert [r.type for r in doc.relations].count("board") == 1  # the indirect one is not drawn


def test_an_unspecified_interested_party_is_kept_not_drawn() -> None:
    statements = _statements()
    rel = _by_record(statements, "relations[0]")
    rel["recordDetails"]["interestedParty"] = {"reason": "informationUnknownToPublisher"}
    doc = from_bods(statements)
    assert len(doc.relations) == len(GROUP["relations"]) - 1
    assert doc.attrs["bods"]["unmapped"][0]["reason"] == "unspecified interestedParty"


def test_entities_of_other_publishers_get_ids_forms_and_identifiers() -> None:
    statements = [
        {"statementId": _sid(1), "statementDate": "2024-03-01", "recordId": "GB-COH/0001",
         "recordType": "entity", "declarationSubject": "GB-COH/0001",
         "recordDetails": {"isComponent": False, "name": "Widget Ltd",
                           "entityType": {"type": "registeredEntity"},
                           "identifiers": [{"id": "0001", "scheme": "GB-COH"}]}},
        {"statementId": _sid(2), "statementDate": "2024-03-01", "recordId": "person:Ada Lovelace",
         "recordType": "person", "declarationSubject": "GB-COH/0001",
         "recordDetails": {"isComponent": False, "personType": "knownPerson",
                           "names": [{"fullName": "Ada Lovelace", "givenName": "Ada"}]}},
        {"statementId": _sid(3), "statementDate": "2024-03-01", "recordId": "rel-1",
         "recordType": "relationship", "declarationSubject": "GB-COH/0001",
         "recordDetails": {"isComponent": False, "subject": "GB-COH/0001",
                           "interestedParty": "person:Ada Lovelace", "interests": [
                               {"type": "shareholding", "share": {"exclusiveMinimum": 75}},
                               {"type": "seniorManagingOfficial", "details": "Director"}]}},
    ]  # fmt: skip
    doc = from_bods(statements)
    assert [(e.id, e.name, e.form.value) for e in doc.entities] == [
        ("GB-COH-0001", "Widget Ltd", "other"),
        ("person:Ada-Lovelace", "Ada Lovelace", "person"),
    ]
    assert doc.entities[0].attrs["bods_identifiers"] == [{"id": "0001", "scheme": "GB-COH"}]
    assert doc.entities[1].attrs["bods_record_id"] == "person:Ada Lovelace"
    assert doc.relations[0].share == PercentRange(min=75, max=100)
    assert doc.relations[1].office.value == "director"
    assert doc.id is None
    assert doc.name == "Widget Ltd"


# -- what is refused ------------------------------------------------------------------------------


def test_the_schema_refuses_bad_statements_naming_each_one_and_its_field() -> None:
    statements = _statements()
    rel = _by_record(statements, "relations[0]")
    index = statements.index(rel)
    rel["recordDetails"]["interests"][0]["share"] = {"exact": 150}
    statements[0]["recordDetails"]["entityType"]["type"] = "company"
    with pytest.raises(LoadError) as info:
        from_bods(statements, file="g.json")
    paths = [d.path for d in info.value.details]
    assert f"[{index}].recordDetails.interests[0].share.exact" in paths
    assert "[0].recordDetails.entityType.type" in paths
    detail = info.value.details[paths.index(f"[{index}].recordDetails.interests[0].share.exact")]
    assert rel["statementId"] in detail.message
    assert "150" in detail.message
    assert detail.message_in("fr").startswith(f"déclaration '{rel['statementId']}' : ")
    assert detail.type == "bods_schema"


def test_a_relationship_must_name_statements_that_are_there() -> None:
    statements = _statements()
    rel = _by_record(statements, "relations[1]")
    rel["recordDetails"]["subject"] = "tremplin/nowhere"
    rel2 = _by_record(statements, "relations[0]")
    rel2["recordDetails"]["subject"] = "tremplin/marie"
    with pytest.raises(LoadError) as info:
        from_bods(statements, file="g.json")
    texts = [d.text("en") for d in info.value.details]
    assert any(
        f"statement '{rel['statementId']}': subject 'tremplin/nowhere' names no entity" in t
        for t in texts
    ), texts
    assert any("is a person: the subject of a relationship is an entity" in t for t in texts)
    assert {d.path for d in info.value.details} == {
        f"[{statements.index(r)}].recordDetails.subject" for r in (rel, rel2)
    }


def test_not_an_array_and_no_entity_are_refused() -> None:
    with pytest.raises(LoadError, match="BODS statements are a JSON array"):
        from_bods({"statementId": "x"})
    only_relations = [s for s in _statements() if s["recordType"] == "relationship"]
    with pytest.raises(LoadError) as info:
        from_bods(only_relations)
    assert "aucune déclaration d'entité" in info.value.to_text("fr")


def test_reading_bods_without_jsonschema_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "jsonschema", None)
    with pytest.raises(MissingDependencyError, match=r"pip install 'ges-graph\[bods\]'"):
        from_bods(_statements())


# -- load and convert -----------------------------------------------------------------------------


def test_load_reads_a_json_array_as_bods_and_a_list_of_numbers_as_before(tmp_path: Path) -> None:
    path = tmp_path / "statements.json"
    path.write_text(json.dumps(_statements()), encoding="utf-8")
    assert [e.id for e in load(path).document.entities] == [e["id"] for e in GROUP["entities"]]
    with pytest.raises(LoadError, match="the document is a list"):
        loads("[1, 2]", syntax="json")
    with pytest.raises(LoadError, match="duplicate key"):
        loads('[{"statementId": "a", "statementId": "b"}]', syntax="json")


def test_convert_writes_the_document_of_a_statements_file(tmp_path: Path) -> None:
    source = tmp_path / "statements.json"
    source.write_text(json.dumps(_statements()), encoding="utf-8")
    out = tmp_path / "groupe.yaml"
    run = subprocess.run(
        [str(SCRIPT), "convert", str(source), "-o", str(out)], capture_output=True, check=False
    )
    assert run.returncode == 0, run.stderr.decode()
    assert [e.id for e in load(out).document.entities] == [e["id"] for e in GROUP["entities"]]


def test_convert_refuses_bad_bods_with_exit_2_and_the_statement_in_french(tmp_path: Path) -> None:
    statements = _statements()
    statements[-1]["recordDetails"]["interestedParty"] = "tremplin/nowhere"
    source = tmp_path / "statements.json"
    source.write_text(json.dumps(statements), encoding="utf-8")
    run = subprocess.run(
        [str(SCRIPT), "convert", str(source), "-o", str(tmp_path / "g.yaml")],
        capture_output=True,
        check=False,
    )
    err = run.stderr.decode()
    assert run.returncode == 2
    assert f"déclaration '{statements[-1]['statementId']}'" in err
    assert f"[{len(statements) - 1}].recordDetails.interestedParty" in err
    assert "Traceback" not in err
    assert not (tmp_path / "g.yaml").exists()


# -- export then import keeps what BODS carries ---------------------------------------------------


def _kept(ges: GES) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """What BODS carries: entities (id, name, form, SIREN), shareholdings (shares and votes)."""
    from ges_graph.control import shareholding_votes

    doc = ges.document
    entities = [(e.id, e.name, e.form, e.siren and e.siren.replace(" ", "")) for e in doc.entities]
    stakes = [
        (r.from_, r.to, r.share, shareholding_votes(r, doc.entity(r.to)), r.start, r.end)
        for r in doc.relations
        if r.type == "shareholding"
    ]
    return entities, stakes


@pytest.mark.parametrize("case", LOADABLE)
def test_conformance_documents_survive_export_and_import(case: Any) -> None:
    ges = load(case["path"])
    back = GES(from_bods(to_bods(ges, publication_date="2026-01-15")))
    assert _kept(back) == _kept(ges)
    kinds = {r.type for r in ges.document.relations if r.type != "flow"}
    assert {r.type for r in back.document.relations} == kinds
