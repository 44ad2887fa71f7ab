"""Issue 15, hardening of the model: digits, and one validation path for data and text."""

from __future__ import annotations

import json
from typing import Any

import pytest

from ges_graph import GES, loads
from ges_graph.errors import DocumentError, LoadError
from ges_graph.export import to_bods


def _doc(**entity: Any) -> dict[str, Any]:
    return {
        "format": "ges-graph/1",
        "name": "G",
        "entities": [{"id": "a", "name": "A", "form": "association", **entity}],
    }


# A valid SIREN (732829320) with one or all of its digits written in another script.
_FULL_WIDTH = "".join(chr(0xFF10 + int(c)) for c in "732829320")
_ARABIC_INDIC = "".join(chr(0x0660 + int(c)) for c in "732829320")
_MIXED = "73282932" + chr(0x0660)  # the Luhn sum of "732829320", with a foreign zero


@pytest.mark.parametrize("siren", [_FULL_WIDTH, _ARABIC_INDIC, _MIXED, "732 829 ３２０"])
def test_h15_11_siren_accepts_only_ascii_digits(siren: str) -> None:
    with pytest.raises(LoadError) as loaded:
        loads(json.dumps(_doc(siren=siren)), syntax="json")
    (detail,) = loaded.value.details
    assert detail.path == "entities[0].siren"
    assert detail.type == "siren_format"
    with pytest.raises(DocumentError):
        GES.from_data(_doc(siren=siren))


def test_h15_11_ascii_siren_still_accepted_and_bods_carries_only_ascii_digits() -> None:
    ges = GES.from_data(_doc(siren="732 829 320"))
    text = json.dumps(to_bods(ges), ensure_ascii=False)
    assert "732829320" in text
    for statement in to_bods(ges):
        for ident in statement.get("identifiers", []):
            assert ident["id"].isascii()


@pytest.mark.parametrize("as_of", ["２０２０-01-01", "2020-٠1-01"])
def test_h15_11_dates_take_only_ascii_digits(as_of: str) -> None:
    data = {**_doc(), "as_of": as_of}
    with pytest.raises(LoadError):
        loads(json.dumps(data), syntax="json")
