"""Lenient entry, strict model (issue 13, item 2): every closed vocabulary reads its codes in any
case, its French and English labels and its synonyms, with or without accents; the model holds
and saves the code; an unknown value gets the closest member, whichever way it was written.
"""

from __future__ import annotations

import json
import unicodedata
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from ges_graph.errors import DocumentError, LoadError
from ges_graph.graph import GES
from ges_graph.io import dumps, loads, loads_document
from ges_graph.model import Document
from ges_graph.validation_messages import parse_value
from ges_graph.vocabulary import (
    DOCUMENT_VOCABULARIES,
    VOCABULARIES,
    Basis,
    Category,
    Convention,
    FlowKind,
    Form,
    OfficeRole,
    PublicKind,
    RelationType,
    Sector,
    Vocabulary,
    ambiguities,
    closest,
    lookup,
    normalise,
    spellings,
)
from ges_graph.vocabulary import _core as core

# What the issue names, as a jurist types it, and the member it must read as.
WRITTEN: list[tuple[type[Vocabulary], str, Vocabulary]] = [
    (Form, "SARL", Form.SARL),
    (Form, "Association loi 1901", Form.ASSOCIATION),
    (Form, "association loi de 1901", Form.ASSOCIATION),
    (Form, "SAS", Form.SAS),
    (Form, "société par actions simplifiée", Form.SAS),
    (Form, "Societe par actions simplifiee", Form.SAS),
    (Form, "SCIC", Form.SCIC),
    (Form, "S.C.I.C.", Form.SCIC),
    (Form, "SAS unipersonnelle", Form.SASU),
    (Form, "union d’associations", Form.UNION),
    (Form, "Groupement d'Intérêt Économique", Form.GIE),
    (FlowKind, "frais de siège", FlowKind.MANAGEMENT_FEE),
    (FlowKind, "Frais de siege", FlowKind.MANAGEMENT_FEE),
    (FlowKind, "mise à disposition de personnel", FlowKind.STAFF_SECONDMENT),
    (FlowKind, "mise a disposition", FlowKind.STAFF_SECONDMENT),
    (FlowKind, "convention de trésorerie", FlowKind.TREASURY),
    (FlowKind, "Management fee", FlowKind.MANAGEMENT_FEE),
    (FlowKind, "MANAGEMENT-FEE", FlowKind.MANAGEMENT_FEE),
    (OfficeRole, "président", OfficeRole.PRESIDENT),
    (OfficeRole, "Président", OfficeRole.PRESIDENT),
    (OfficeRole, "PRESIDENTE", OfficeRole.PRESIDENT),
    (OfficeRole, "directeur général", OfficeRole.GENERAL_MANAGER),
    (OfficeRole, "gérant", OfficeRole.MANAGER),
    (Convention, "ACI", Convention.ACI),
    (Convention, "atelier et chantier d'insertion", Convention.ACI),
    (Convention, "Atelier et chantier d’insertion", Convention.ACI),
    (Convention, "EI", Convention.EI),
    (Convention, "ETTI", Convention.ETTI),
    (Convention, "AI", Convention.AI),
    (Sector, "Non-marchand", Sector.NON_MARCHAND),
    (Sector, "non marchand", Sector.NON_MARCHAND),
    (PublicKind, "État", PublicKind.STATE),
    (RelationType, "Participation au capital", RelationType.SHAREHOLDING),
    (RelationType, "SHAREHOLDING", RelationType.SHAREHOLDING),
    (Category, "Salariés", Category.EMPLOYEES),
    (Basis, "à titre gratuit", Basis.FREE),
    (Basis, "Au coût réel", Basis.ACTUAL_COST),
]


@pytest.mark.parametrize(("vocabulary", "text", "member"), WRITTEN, ids=str)
def test_what_people_write_reads_as_the_member(
    vocabulary: type[Vocabulary], text: str, member: Vocabulary
) -> None:
    assert lookup(vocabulary, text) is member
    assert parse_value(vocabulary, text) is member


def test_codes_read_as_themselves_and_nothing_else_is_guessed() -> None:
    for vocabulary in VOCABULARIES:
        for member in vocabulary:
            assert lookup(vocabulary, member.value) is member
    assert lookup(Form, "sarlx") is None
    assert lookup(Form, "") is None
    assert lookup(Form, "société") is None  # a family, not a form: no guess
    assert lookup(OfficeRole, "membre") is None


# --------------------------------------------------------------------------------------------
# The tables are unambiguous, and every spelling reads back
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("vocabulary", VOCABULARIES, ids=lambda v: v.__name__)
def test_no_spelling_names_two_members_of_one_vocabulary(vocabulary: type[Vocabulary]) -> None:
    assert ambiguities(vocabulary) == {}


def test_an_ambiguous_synonym_is_found(monkeypatch: pytest.MonkeyPatch) -> None:
    """The check above can fail: a synonym that two offices share is caught, after normalising."""
    monkeypatch.setitem(
        core._SYNONYMS,
        OfficeRole,
        {OfficeRole.PRESIDENT: ("Dirigeant",), OfficeRole.MANAGER: ("dirigeant ",)},
    )
    assert ambiguities(OfficeRole) == {"dirigeant": [OfficeRole.PRESIDENT, OfficeRole.MANAGER]}


def test_synonyms_are_metadata_of_the_members() -> None:
    assert "président" in OfficeRole.PRESIDENT.synonyms
    assert Form.SARL.synonyms == ()
    assert spellings(Form.SARL) == ("sarl", Form.SARL.label_fr, Form.SARL.label_en)
    for vocabulary in VOCABULARIES:
        for member in vocabulary:
            assert all(isinstance(s, str) and s.strip() == s and s for s in member.synonyms)


@pytest.mark.parametrize("vocabulary", VOCABULARIES, ids=lambda v: v.__name__)
def test_a_synonym_says_something_the_code_and_labels_do_not(
    vocabulary: type[Vocabulary],
) -> None:
    """No synonym repeats another, the code or a label (« président » may stand beside the
    English label "president": it is how a French reader writes it)."""
    for member in vocabulary:
        named = {member.value, member.text.fr, member.text.en}
        synonyms = [normalise(s) for s in member.synonyms]
        assert len(set(synonyms)) == len(synonyms), member
        assert not named & set(member.synonyms), member


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


_MEMBERS = [m for v in VOCABULARIES for m in v]


@st.composite
def _written(draw: st.DrawFn) -> tuple[Vocabulary, str]:
    """A member and one of its spellings as a person might type it."""
    member = draw(st.sampled_from(_MEMBERS))
    text = draw(st.sampled_from(spellings(member)))
    if draw(st.booleans()):
        text = _strip_accents(text)
    flips = draw(st.lists(st.booleans(), min_size=len(text), max_size=len(text)))
    text = "".join(c.upper() if up else c.lower() for c, up in zip(text, flips, strict=True))
    if draw(st.booleans()):
        text = text.replace("'", "’")
    if draw(st.booleans()):
        text = text.replace(" ", draw(st.sampled_from(["  ", " - ", "\u00a0", "-"])))
    pad = draw(st.sampled_from(["", " ", "  \t"]))
    return member, pad + text + pad


@given(_written())
def test_every_spelling_in_any_case_with_or_without_accents_reads_as_its_member(
    written: tuple[Vocabulary, str],
) -> None:
    member, text = written
    assert lookup(type(member), text) is member


def test_normalising_ignores_what_a_typist_varies() -> None:
    assert normalise("  L’Union  d'associations ") == normalise("l union d associations")
    assert normalise("NON-MARCHAND") == normalise("non_marchand") == "non marchand"
    assert normalise("S.A.R.L.") == "sarl"
    assert normalise("ＳＡＲＬ") == "sarl"  # full-width letters are their plain forms


# --------------------------------------------------------------------------------------------
# Documents: one validation path, codes held and saved
# --------------------------------------------------------------------------------------------


def _typed_by_hand() -> dict[str, Any]:
    return {
        "format": "ges-graph/1",
        "name": "Groupe Tremplin",
        "entities": [
            {
                "id": "asso",
                "name": "Association Tremplin",
                "form": "Association loi 1901",
                "conventions": ["ACI", "AI"],
            },
            {"id": "sarl", "name": "Tremplin Services", "form": "SARL", "conventions": ["EI"]},
            {"id": "etti", "name": "Tremplin Intérim", "form": "SAS", "conventions": ["ETTI"]},
            {"id": "ville", "name": "Ville", "form": "collectivité", "public_kind": "commune"},
        ],
        "relations": [
            {"type": "Participation au capital", "from": "asso", "to": "sarl", "share": 100},
            {"type": "shareholding", "from": "asso", "to": "etti", "share": 60},
            {"type": "office", "from": "asso", "to": "sarl", "office": "Président"},
            {"type": "office", "from": "asso", "to": "etti", "office": "directeur général"},
            {
                "type": "flow",
                "from": "sarl",
                "to": "asso",
                "kind": "frais de siège",
                "amount": 12000,
                "basis": "au coût réel",
            },
            {"type": "Flux", "from": "etti", "to": "asso", "kind": "convention de trésorerie"},
            {
                "type": "flow",
                "from": "sarl",
                "to": "asso",
                "kind": "mise à disposition de personnel",
            },
            {"type": "membership", "from": "ville", "to": "asso", "category": "Collectivités"},
        ],
    }


_CODES = {
    "forms": ["association", "sarl", "sas", "public_body"],
    "conventions": [["aci", "ai"], ["ei"], ["etti"], []],
    "types": ["shareholding", "shareholding", "office", "office", "flow", "flow", "flow"],
}


def _assert_codes(data: dict[str, Any]) -> None:
    assert [e["form"] for e in data["entities"]] == _CODES["forms"]
    assert [e.get("conventions", []) for e in data["entities"]] == _CODES["conventions"]
    assert data["entities"][3]["public_kind"] == "territorial"
    relations = data["relations"]
    assert [r["type"] for r in relations][:7] == _CODES["types"]
    assert [r["office"] for r in relations if r["type"] == "office"] == [
        "president",
        "general_manager",
    ]
    kinds = [r["kind"] for r in relations if r["type"] == "flow"]
    assert kinds == ["management_fee", "treasury", "staff_secondment"]
    assert relations[4]["basis"] == "actual_cost"
    assert relations[7]["category"] == "public_bodies"


def test_from_data_reads_the_synonyms_and_holds_codes() -> None:
    doc = GES.from_data(_typed_by_hand()).document
    assert doc.entities[1].form is Form.SARL
    assert doc.entities[0].conventions == (Convention.ACI, Convention.AI)
    _assert_codes(doc.model_dump(mode="json", by_alias=True, exclude_defaults=True))


@pytest.mark.parametrize("syntax", ["yaml", "json"])
def test_yaml_and_json_read_them_alike_and_save_codes(syntax: str) -> None:
    data = _typed_by_hand()
    text = json.dumps(data) if syntax == "json" else yaml.safe_dump(data, allow_unicode=True)
    ges = loads(text, syntax=syntax)  # type: ignore[arg-type]
    saved = dumps(ges, syntax=syntax)  # type: ignore[arg-type]
    again = loads(saved, syntax=syntax)  # type: ignore[arg-type]
    assert again.document == ges.document == GES.from_data(data).document
    plain = json.loads(saved) if syntax == "json" else yaml.safe_load(saved)
    _assert_codes(plain)
    for word in ("SARL", "Président", "frais de siège", "Participation", "ACI"):
        assert word not in saved


def test_the_same_convention_written_twice_is_still_a_duplicate() -> None:
    data = _typed_by_hand()
    data["entities"][1]["conventions"] = ["EI", "entreprise d'insertion"]
    with pytest.raises(DocumentError) as info:
        GES.from_data(data)
    assert info.value.first.path == "entities[1].conventions"
    assert "'ei' is listed twice" in info.value.first.message


def test_values_other_than_strings_are_still_refused() -> None:
    data = _typed_by_hand()
    data["entities"][0]["form"] = 1901
    with pytest.raises(DocumentError) as info:
        GES.from_data(data)
    assert info.value.first.path == "entities[0].form"


def test_the_model_itself_reads_leniently() -> None:
    doc = Document.model_validate(_typed_by_hand())
    assert doc.relations[0].type == "shareholding"
    assert doc.relations[5].kind is FlowKind.TREASURY


# --------------------------------------------------------------------------------------------
# Unknown values: the closest member, from codes, labels and synonyms, in both languages
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("vocabulary", "text", "expected"),
    [
        (Form, "asociation", Form.ASSOCIATION),
        (Form, "societe a responsabilite limitte", Form.SARL),
        (FlowKind, "frais de siege social", FlowKind.MANAGEMENT_FEE),
        (FlowKind, "mise a dispo de personnel", FlowKind.STAFF_SECONDMENT),
        (OfficeRole, "presidant", OfficeRole.PRESIDENT),
        (Convention, "chantier insertion", Convention.ACI),
    ],
)
def test_closest_reads_labels_and_synonyms(
    vocabulary: type[Vocabulary], text: str, expected: Vocabulary
) -> None:
    assert lookup(vocabulary, text) is None
    assert closest(vocabulary, text)[0] is expected


def test_an_unknown_value_in_a_document_gets_the_closest_code_in_french() -> None:
    text = """\
format: ges-graph/1
name: G
entities:
  - {id: a, name: A, form: Societe a responsabilite limitte}
  - {id: b, name: B, form: association}
relations:
  - {type: flow, from: a, to: b, kind: frais de siege social}
  - {type: participation au capitall, from: b, to: a, share: 10}
"""
    with pytest.raises(LoadError) as info:
        loads_document(text, syntax="yaml")
    by_path = {d.path: d for d in info.value.details}
    form = by_path["entities[0].form"]
    assert form.message == "unknown form; did you mean 'sarl'?"
    assert (
        form.message_fr
        == "forme inconnue ; vouliez-vous dire « sarl » (société à responsabilité limitée) ?"
    )
    assert form.expected is not None
    assert form.expected.startswith("one of: association, union")
    assert form.expected_fr is not None
    assert form.expected_fr.startswith("une des valeurs")
    kind = by_path["relations[0].kind"]
    assert (
        kind.message_fr
        == "nature de flux inconnue ; vouliez-vous dire « management_fee » (frais de siège) ?"
    )
    rel = by_path["relations[1].type"]
    assert rel.message == "unknown relation type; did you mean 'shareholding'?"
    assert (
        rel.message_fr == "type de relation inconnu ; "
        "vouliez-vous dire « shareholding » (participation au capital) ?"
    )


def test_parse_value_says_what_the_loader_says() -> None:
    with pytest.raises(DocumentError) as info:
        parse_value(Form, "asociation", path="Entités!C3 (forme)")
    detail = info.value.first
    assert detail.path == "Entités!C3 (forme)"
    assert detail.type == "enum"
    assert detail.value == "asociation"
    assert detail.message == "unknown form; did you mean 'association'?"
    assert (
        detail.message_fr
        == "forme inconnue ; vouliez-vous dire « association » (association loi 1901) ?"
    )
    with pytest.raises(LoadError) as loaded:
        loads_document(
            "format: ges-graph/1\nname: G\nentities: [{id: a, name: A, form: asociation}]\n",
            syntax="yaml",
        )
    same = loaded.value.first
    assert (detail.message, detail.message_fr) == (same.message, same.message_fr)
    assert (detail.expected, detail.expected_fr) == (same.expected, same.expected_fr)


def test_parse_value_refuses_what_is_not_text() -> None:
    with pytest.raises(DocumentError) as info:
        parse_value(Sector, 12)
    assert info.value.first.message_fr.startswith("secteur inconnu")
    assert info.value.first.value == 12
    assert parse_value(Sector, "Secteur marchand") is Sector.MARCHAND


def test_every_document_vocabulary_has_a_noun_for_its_messages() -> None:
    for vocabulary in DOCUMENT_VOCABULARIES:
        assert vocabulary.noun() is not None, vocabulary
