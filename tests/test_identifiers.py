"""Identifiers (issue 13, item 3): SIREN, SIRET (Luhn, La Poste's exception) and RNA numbers on
entities, checked at load with the library's own checksums, held equal to python-stdnum's; only
ASCII digits count; a SIRET must begin with the entity's SIREN; the BODS export carries them as
identifiers.
"""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from stdnum import luhn
from stdnum.fr import siren as stdnum_siren
from stdnum.fr import siret as stdnum_siret

from ges_graph.errors import DocumentError, LoadError
from ges_graph.export import to_bods
from ges_graph.graph import GES
from ges_graph.identifiers import luhn_ok, siret_ok
from ges_graph.io import document_json_schema, dumps, loads

SIREN = "732829320"
SIRET = "73282932000074"


def _doc(**entity: Any) -> dict[str, Any]:
    fields = {"id": "a", "name": "Association Tremplin", "form": "association", **entity}
    return {"format": "ges-graph/1", "name": "G", "entities": [fields]}


def _refused(**entity: Any) -> DocumentError:
    with pytest.raises(DocumentError) as info:
        GES.from_data(_doc(**entity))
    with pytest.raises(LoadError) as loaded:
        loads(json.dumps(_doc(**entity)), syntax="json")
    assert loaded.value.first.message == info.value.first.message  # one validation path
    return info.value


@pytest.mark.parametrize(
    "entity",
    [
        {"siren": SIREN},
        {"siren": "732 829 320"},
        {"siret": SIRET},
        {"siret": "732 829 320 00074"},
        {"siren": SIREN, "siret": "732 829 320 00074"},
        {"siren": "732 829 320", "siret": SIRET, "rna": "W751004076"},
        {"rna": "W2A1000123"},
        {"siret": "35600000000048"},  # La Poste's head office: the Luhn key holds
        {"siret": "35600000049837"},  # a La Poste establishment: digits add up to 45
    ],
)
def test_valid_identifiers_load_and_are_kept_as_written(entity: dict[str, Any]) -> None:
    ges = GES.from_data(_doc(**entity))
    e = ges.document.entities[0]
    for key, value in entity.items():
        assert getattr(e, key) == value
    again = loads(dumps(ges, syntax="yaml"), syntax="yaml")
    assert again.document == ges.document


def test_la_poste_siret_off_the_multiple_of_5_is_refused() -> None:
    assert not luhn.is_valid("35600000049837")  # the exception is what lets it in
    err = _refused(siret="35600000049838")
    assert err.first.path == "entities[0].siret"
    assert err.first.type == "siret_checksum"


@pytest.mark.parametrize(
    ("siret", "kind"),
    [
        ("73282932000075", "siret_checksum"),
        ("7328293200007", "siret_format"),
        ("732829320000745", "siret_format"),
        ("7328293200007A", "siret_format"),
        ("732.829.320.00074", "siret_format"),
        ("732  829 320 00074", "siret_format"),
        (" 73282932000074", "siret_format"),
        ("７３２８２９３２０００７４", "siret_format"),  # full-width digits
        ("٧٣٢٨٢٩٣٢٠٠٠٠٧٤", "siret_format"),  # Arabic-Indic digits
        ("732 829 320 ０００７４", "siret_format"),
    ],
)
def test_a_bad_siret_is_refused_with_its_reason(siret: str, kind: str) -> None:
    err = _refused(siret=siret)
    assert err.first.path == "entities[0].siret"
    assert err.first.type == kind
    assert err.first.value == siret
    assert err.first.message_fr is not None
    assert "SIRET" in err.first.message_fr or "14 chiffres" in err.first.message_fr


def test_a_siret_that_does_not_begin_with_the_siren_names_both() -> None:
    other = "55210055400013"  # a valid SIRET of another company
    err = _refused(siren="732 829 320", siret=other)
    detail = err.first
    assert detail.path == "entities[0].siret"
    assert detail.type == "siret_siren"
    assert detail.message == f"the SIRET {other} does not begin with the SIREN 732 829 320"
    assert detail.message_fr == f"le SIRET {other} ne commence pas par le SIREN 732 829 320"


def test_a_siret_needs_no_siren_beside_it() -> None:
    assert GES.from_data(_doc(siret=SIRET)).document.entities[0].siren is None


@pytest.mark.parametrize(
    "rna",
    [
        "w751004076",
        "W75100407",
        "W7510040766",
        "751004076",
        "W 751004076",
        "W75100407６",
        "Wa51004076",
    ],
)
def test_a_bad_rna_number_is_refused(rna: str) -> None:
    err = _refused(rna=rna)
    assert err.first.path == "entities[0].rna"
    assert err.first.type == "rna_format"
    assert err.first.message_fr == "W suivi de 9 chiffres ou lettres capitales attendu"


def test_identifiers_must_be_strings() -> None:
    for key, value in (("siret", 73282932000074), ("rna", 751004076)):
        err = _refused(**{key: value})
        assert err.first.path == f"entities[0].{key}"


# --------------------------------------------------------------------------------------------
# Properties: the Luhn key catches every single wrong digit
# --------------------------------------------------------------------------------------------


@st.composite
def _sirets(draw: st.DrawFn) -> str:
    """A SIRET: a Luhn-valid SIREN, a 4-digit establishment number, the key over all 14."""
    body = draw(st.text("0123456789", min_size=8, max_size=8))
    siren = body + luhn.calc_check_digit(body)
    nic = draw(st.text("0123456789", min_size=4, max_size=4))
    return siren + nic + luhn.calc_check_digit(siren + nic)


@given(_sirets(), st.integers(0, 13), st.integers(1, 9))
def test_every_luhn_siret_loads_and_one_wrong_digit_is_caught(
    siret: str, position: int, shift: int
) -> None:
    assume(not siret.startswith("356000000"))  # La Poste's numbers follow another rule
    entity = {"siren": siret[:9], "siret": siret}
    assert GES.from_data(_doc(**entity)).document.entities[0].siret == siret
    digit = str((int(siret[position]) + shift) % 10)
    wrong = siret[:position] + digit + siret[position + 1 :]
    assume(not wrong.startswith("356000000"))
    with pytest.raises(DocumentError) as info:
        GES.from_data(_doc(siret=wrong))
    assert info.value.first.type == "siret_checksum"


# --------------------------------------------------------------------------------------------
# Exports and the JSON Schema
# --------------------------------------------------------------------------------------------


def test_bods_carries_siren_siret_and_rna_by_their_digits() -> None:
    ges = GES.from_data(_doc(siren="732 829 320", siret="732 829 320 00074", rna="W751004076"))
    (entity,) = [s for s in to_bods(ges) if s.get("recordType") == "entity"]
    identifiers = entity["recordDetails"]["identifiers"]
    assert [i["id"] for i in identifiers] == [SIREN, SIRET, "W751004076"]
    assert identifiers[0]["scheme"] == "FR-INSEE"
    assert "SIRET" in identifiers[1]["schemeName"]
    assert "scheme" not in identifiers[1]
    assert "RNA" in identifiers[2]["schemeName"]
    assert entity["recordDetails"]["jurisdiction"]["code"] == "FR"


def test_an_external_association_known_by_its_rna_alone_is_french() -> None:
    ges = GES.from_data(_doc(rna="W751004076", external=True))
    (entity,) = [s for s in to_bods(ges) if s.get("recordType") == "entity"]
    assert entity["recordDetails"]["jurisdiction"]["code"] == "FR"
    assert entity["recordDetails"]["identifiers"][0]["id"] == "W751004076"


def test_the_json_schema_lists_siret_and_rna() -> None:
    props = document_json_schema()["$defs"]["Entity"]["properties"]
    assert {"siren", "siret", "rna"} <= set(props)


@pytest.mark.parametrize(
    ("key", "value", "valid"),
    [
        ("siren", "732 829 320", True),
        ("siren", "73282932", False),
        ("siren", "７３２８２９３２０", False),
        ("siret", "732 829 320 00074", True),
        ("siret", "7328293200007", False),
        ("rna", "W751004076", True),
        ("rna", "w751004076", False),
    ],
)
def test_an_editor_checks_the_shape_of_identifiers_as_the_loader_does(
    key: str, value: str, valid: bool
) -> None:
    validator = jsonschema.Draft202012Validator(document_json_schema())
    assert validator.is_valid(_doc(**{key: value})) is valid


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_the_siren_key_is_python_stdnums(number: str) -> None:
    assert luhn_ok(number) is stdnum_siren.is_valid(number)


@given(
    st.one_of(
        st.text(alphabet="0123456789", min_size=14, max_size=14),
        st.text(alphabet="0123456789", min_size=5, max_size=5).map(lambda nic: "356000000" + nic),
        st.sampled_from(["35600000000048", "35600000049837", "35600000000049"]),
    )
)
def test_the_siret_keys_are_python_stdnums_la_poste_included(number: str) -> None:
    assert siret_ok(number) is stdnum_siret.is_valid(number)
