"""BODS 0.4 export: every statement valid against the published schema, and the mapping itself."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conformance_cases import CASES

from ges_graph.export import to_bods, write_bods
from ges_graph.graph import GES
from ges_graph.io import load

BODS_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "bods-0.4"
LOADABLE = [c for c in CASES if c.values[0] is None or not c.values[0].get("load_error")]


@pytest.fixture(scope="module")
def validator() -> Any:
    """A validator for one statement, with the local ``urn:`` schemas in a registry."""
    if not (BODS_DIR / "statement.json").is_file():
        pytest.skip("../shared/bods-0.4 (the BODS 0.4 JSON Schema) is not present")
    jsonschema = pytest.importorskip("jsonschema")
    from referencing import Registry, Resource

    resources = []
    for path in sorted(BODS_DIR.glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        if "$id" in schema:
            resources.append((schema["$id"], Resource.from_contents(schema)))
    registry: Registry[Any] = Registry().with_resources(resources)
    statements = json.loads((BODS_DIR / "statement.json").read_text(encoding="utf-8"))
    cls = jsonschema.Draft202012Validator
    return cls(statements, registry=registry, format_checker=cls.FORMAT_CHECKER)


def _errors(validator: Any, statements: list[dict[str, Any]]) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator.iter_errors(statements)
    ]


def test_validator_is_not_vacuous(validator: Any) -> None:
    bad = to_bods(GES.from_data(DOC), publication_date="2025-01-01")
    bad[0]["recordDetails"]["entityType"]["type"] = "company"
    del bad[1]["statementDate"]
    bad[-1]["recordDetails"]["interests"][0]["share"]["exact"] = 150
    bad[-1]["statementId"] = "short"
    errors = _errors(validator, bad)
    assert len(errors) >= 4, errors


@pytest.mark.parametrize("case", LOADABLE)
def test_conformance_documents_give_valid_bods(case: dict[str, Any], validator: Any) -> None:
    ges = load(case["path"])
    statements = to_bods(ges, publication_date="2026-01-15")
    assert statements, "no statements"
    assert _errors(validator, statements) == []
    flows = sum(1 for r in ges.document.relations if r.type == "flow")
    records = {s["recordId"] for s in statements}
    assert len(records) == len(statements)
    assert len(statements) == len(ges.document.entities) + len(ges.document.relations) - flows


DOC: dict[str, Any] = {
    "format": "ges-graph/1",
    "id": "tremplin",
    "name": "Groupe Tremplin",
    "as_of": "2025-12-31",
    "sources": ["rapport annuel 2024", "https://example.org/statuts.pdf"],
    "entities": [
        {
            "id": "asso",
            "name": "Association Tremplin",
            "form": "association",
            "siren": "732829320",
            "board_size": 10,
        },
        {"id": "holding", "name": "Tremplin Développement", "form": "sas", "siren": "552 100 554"},
        {"id": "scop", "name": "Tremplin Coop", "form": "scop"},
        {"id": "salaries", "name": "Salariés associés", "form": "collective"},
        {"id": "mme-l", "name": "Mme L.", "form": "person"},
        {"id": "commune", "name": "Commune", "form": "public_body", "external": True},
        {"id": "fai", "name": "France Active", "form": "other", "external": True},
    ],
    "relations": [
        {"type": "shareholding", "from": "asso", "to": "holding", "share": 100},
        {
            "type": "shareholding",
            "from": "salaries",
            "to": "scop",
            "share": {"min": 51, "max": 65},
            "category": "employees",
            "start": "2018-01-01",
        },
        {
            "type": "shareholding",
            "from": "fai",
            "to": "holding",
            "share": 10,
            "votes": 0,
            "end": "2020-12-31",
            "source": "https://example.org/pacte.pdf",
        },
        {"type": "board", "from": "commune", "to": "asso", "seats": 3, "chair": True},
        {
            "type": "office",
            "from": "mme-l",
            "to": "asso",
            "office": "president",
            "note": "élue en 2023",
        },
        {"type": "statutory_control", "from": "asso", "to": "scop"},
        {
            "type": "membership",
            "from": "commune",
            "to": "asso",
            "votes": 5,
            "ex_officio": True,
            "category": "public_bodies",
        },
        {"type": "flow", "kind": "management_fee", "from": "holding", "to": "asso", "amount": 1000},
        {"type": "office", "from": "asso", "to": "mme-l", "office": "director"},
    ],
}


@pytest.fixture
def statements() -> list[dict[str, Any]]:
    return to_bods(
        GES.from_data(DOC),
        publication_date="2026-01-15",
        publisher="Réseau X",
        publisher_url="https://example.org",
        license="https://opendatacommons.org/licenses/odbl/",
    )


def _by_record(statements: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {s["recordId"].removeprefix("tremplin/"): s for s in statements}


def test_the_example_is_valid(statements: list[dict[str, Any]], validator: Any) -> None:
    assert _errors(validator, statements) == []


def test_entities_come_before_relationships(statements: list[dict[str, Any]]) -> None:
    kinds = [s["recordType"] for s in statements]
    assert kinds == ["entity"] * 4 + ["person"] + ["entity"] * 2 + ["relationship"] * 7


def test_entity_types(statements: list[dict[str, Any]]) -> None:
    st = _by_record(statements)
    assert st["asso"]["recordDetails"]["entityType"]["type"] == "registeredEntity"
    assert st["holding"]["recordDetails"]["entityType"]["type"] == "registeredEntity"
    assert st["commune"]["recordDetails"]["entityType"] == {
        "type": "stateBody",
        "subtype": "other",
        "details": "collectivité ou établissement public (public_body)",
    }
    assert st["fai"]["recordDetails"]["entityType"]["type"] == "legalEntity"
    assert "jurisdiction" not in st["fai"]["recordDetails"]  # external, nothing says French
    assert st["asso"]["recordDetails"]["jurisdiction"] == {"name": "France", "code": "FR"}


def test_collective_is_an_arrangement_not_one_person(statements: list[dict[str, Any]]) -> None:
    st = _by_record(statements)["salaries"]
    assert st["recordType"] == "entity"
    assert st["recordDetails"]["entityType"]["type"] == "arrangement"
    assert st["recordDetails"]["name"] == "Salariés associés"


def test_person(statements: list[dict[str, Any]]) -> None:
    st = _by_record(statements)["mme-l"]
    assert st["recordType"] == "person"
    assert st["recordDetails"] == {
        "isComponent": False,
        "personType": "knownPerson",
        "names": [{"fullName": "Mme L."}],
    }


def test_siren_schemes(statements: list[dict[str, Any]]) -> None:
    st = _by_record(statements)
    asso = st["asso"]["recordDetails"]["identifiers"]
    holding = st["holding"]["recordDetails"]["identifiers"]
    assert [(i["scheme"], i["id"]) for i in asso] == [("FR-INSEE", "732829320")]
    assert [(i["scheme"], i["id"]) for i in holding] == [("FR-RCS", "552100554")]  # spaces gone
    assert "identifiers" not in st["scop"]["recordDetails"]


def test_shareholding_interests(statements: list[dict[str, Any]]) -> None:
    st = _by_record(statements)
    full = st["relations[0]"]["recordDetails"]
    assert full["subject"] == "tremplin/holding"
    assert full["interestedParty"] == "tremplin/asso"
    assert [(i["type"], i["share"], i["directOrIndirect"]) for i in full["interests"]] == [
        ("shareholding", {"exact": 100.0}, "direct"),
        ("votingRights", {"exact": 100.0}, "direct"),  # votes default to share in a company
    ]
    coop = st["relations[1]"]["recordDetails"]["interests"]
    assert coop[0]["share"] == {"minimum": 51.0, "maximum": 65.0}
    assert coop[0]["startDate"] == "2018-01-01"
    assert "employees" in coop[0]["details"]
    assert coop[1]["type"] == "votingRights"
    assert "share" not in coop[1]
    ended = st["relations[2]"]
    assert ended["recordDetails"]["interests"][1]["share"] == {"exact": 0.0}
    assert ended["recordDetails"]["interests"][0]["endDate"] == "2020-12-31"
    assert ended["source"]["url"] == "https://example.org/pacte.pdf"


def test_governance_interests(statements: list[dict[str, Any]]) -> None:
    st = _by_record(statements)
    board = st["relations[3]"]["recordDetails"]["interests"]
    assert [i["type"] for i in board] == ["boardMember", "boardChair"]
    assert board[0]["share"] == {"exact": 30.0}  # 3 seats of 10
    assert "3 seats of 10" in board[0]["details"]
    office = st["relations[4]"]
    assert [i["type"] for i in office["recordDetails"]["interests"]] == ["seniorManagingOfficial"]
    assert office["annotations"] == [
        {"motivation": "commenting", "statementPointerTarget": "", "description": "élue en 2023"}
    ]
    statutory = st["relations[5]"]["recordDetails"]["interests"]
    assert [i["type"] for i in statutory] == [
        "appointmentOfBoard",
        "controlViaCompanyRulesOrArticles",
    ]
    member = st["relations[6]"]["recordDetails"]["interests"]
    assert member[0]["type"] == "otherInfluenceOrControl"
    assert member[0]["share"] == {"exact": 5.0}
    assert "ex officio" in member[0]["details"]
    assert "public_bodies" in member[0]["details"]


def test_flows_and_relations_into_a_person_are_left_out(statements: list[dict[str, Any]]) -> None:
    st = _by_record(statements)
    assert "relations[7]" not in st  # a flow is money, not ownership or control
    assert "relations[8]" not in st  # the subject of a BODS relationship must be an entity


def test_publication_details_and_dates(statements: list[dict[str, Any]]) -> None:
    for s in statements:
        assert s["publicationDetails"] == {
            "publicationDate": "2026-01-15",
            "bodsVersion": "0.4",
            "publisher": {"name": "Réseau X", "url": "https://example.org"},
            "license": "https://opendatacommons.org/licenses/odbl/",
        }
        assert s["statementDate"] == "2025-12-31"  # as_of
        assert s["declarationSubject"] == "tremplin/asso"  # first internal legal entity
        assert s["recordStatus"] == "new"
    assert _by_record(statements)["asso"]["source"]["url"] == "https://example.org/statuts.pdf"


def test_statement_ids_are_deterministic_and_follow_content() -> None:
    one = to_bods(GES.from_data(DOC), publication_date="2026-01-15")
    assert one == to_bods(GES.from_data(DOC), publication_date="2026-01-15")
    ids = [s["statementId"] for s in one]
    assert len(set(ids)) == len(ids)
    assert all(32 <= len(i) <= 64 for i in ids)
    changed = json.loads(json.dumps(DOC))
    changed["relations"][0]["share"] = 90
    two = to_bods(GES.from_data(changed), publication_date="2026-01-15")
    assert [s["recordId"] for s in one] == [s["recordId"] for s in two]
    differ = [
        a["recordId"] for a, b in zip(one, two, strict=True) if a["statementId"] != b["statementId"]
    ]
    assert differ == ["tremplin/relations[0]"]


def test_statement_date_without_as_of_is_the_publication_date() -> None:
    doc = {k: v for k, v in DOC.items() if k != "as_of"}
    st = to_bods(GES.from_data(doc), publication_date="2026-02-01")
    assert {s["statementDate"] for s in st} == {"2026-02-01"}
    st = to_bods(GES.from_data(doc), publication_date="2026-02-01", statement_date="2025-06-30")
    assert {s["statementDate"] for s in st} == {"2025-06-30"}


def test_record_ids_use_a_slug_of_the_name_without_id() -> None:
    doc = {k: v for k, v in DOC.items() if k != "id"} | {"name": "Coopérative Été & Co"}
    st = to_bods(GES.from_data(doc), publication_date="2026-02-01")
    assert st[0]["recordId"] == "cooperative-ete-co/asso"


def test_write_bods(tmp_path: Path, validator: Any) -> None:
    out = write_bods(GES.from_data(DOC), tmp_path / "g.bods.json", publication_date="2026-01-15")
    data = json.loads(out.read_text(encoding="utf-8"))
    assert _errors(validator, data) == []
    assert "Salariés associés" in out.read_text(encoding="utf-8")  # UTF-8, not \\u escapes


def test_declaration_subject_is_the_head() -> None:
    ges = GES.from_data(
        {
            "format": "ges-graph/1",
            "name": "G",
            "entities": [
                {"id": "sub", "name": "Filiale", "form": "sarl"},
                {"id": "head", "name": "Tête", "form": "association"},
            ],
            "relations": [{"type": "shareholding", "from": "head", "to": "sub", "share": 80}],
        }
    )
    assert ges.control.head == "head"
    st = to_bods(ges, publication_date="2026-01-01")
    assert {s["declarationSubject"] for s in st} == {"g/head"}
