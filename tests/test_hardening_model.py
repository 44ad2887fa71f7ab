"""Issue 15, hardening of the model: digits, and one validation path for data and text."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ges_graph import GES, dumps, loads
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


# --- item 9: GES.from_data and loads judge the same data alike -------------------------------


def _outcome(call: Any) -> tuple[str, Any]:
    """``("ok", document)`` or ``("refused", [(path, type, message, message_fr, value)...])``."""
    try:
        return "ok", call().document
    except (DocumentError, LoadError) as exc:
        return "refused", [
            (d.path, d.type, d.message, d.message_fr, d.value, d.expected) for d in exc.details
        ]


def _unicode(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _agree(data: dict[str, Any]) -> tuple[str, Any]:
    from_data = _outcome(lambda: GES.from_data(data))
    loaded = _outcome(lambda: loads(json.dumps(data), syntax="json"))
    if from_data[0] == "refused" and loaded[0] == "refused":
        # Same paths; the loader adds the dangling references the model had no time to check.
        paths = {d[0] for d in from_data[1]}
        assert paths <= {d[0] for d in loaded[1]}
        # Under a key that is not Unicode, the loader also reports the value; the model cannot.
        assert paths >= {d[0] for d in loaded[1] if d[1] != "unknown_entity" and _unicode(d[0])}
        loaded = (loaded[0], [d for d in loaded[1] if _unicode(d[0])])
        hostile = [d for d in loaded[1] if d[1] in ("invalid_unicode", "non_finite")]
        assert hostile == [d for d in from_data[1] if d[1] in ("invalid_unicode", "non_finite")]
    else:
        assert from_data == loaded
    return from_data


@pytest.mark.parametrize(
    ("entity", "path", "kind"),
    [
        ({"name": "A\ud800"}, "entities[0].name", "invalid_unicode"),
        ({"attrs": {"k": ["x", "\udfff"]}}, "entities[0].attrs.k[1]", "invalid_unicode"),
        ({"attrs": {"\ud800": 1}}, "entities[0].attrs", "invalid_unicode"),
        ({"employees": 10**400}, "entities[0].employees", "non_finite"),
        ({"attrs": {"n": -(10**400)}}, "entities[0].attrs.n", "non_finite"),
    ],
)
def test_h15_09_from_data_refuses_what_loads_refuses(
    entity: dict[str, Any], path: str, kind: str
) -> None:
    data = _doc(**entity)
    outcome, details = _agree(data)
    assert outcome == "refused"
    assert (details[0][0], details[0][1]) == (path, kind)


@pytest.mark.parametrize("key", ["relations", "sources", "attrs", "description", "as_of"])
def test_h15_09_from_data_takes_null_as_absent(key: str) -> None:
    data = {**_doc(conventions=None, external=None, attrs=None, siren=None), key: None}
    outcome, document = _agree(data)
    assert outcome == "ok"
    assert document == GES.from_data(_doc()).document


def test_h15_09_saved_data_loads_back(tmp_path: Any) -> None:
    """What ``from_data`` accepts can be saved and loaded back; nothing else is written."""
    with pytest.raises(DocumentError):
        GES.from_data(_doc(name="A\ud800"))
    ges = GES.from_data(_doc(employees=10**300))
    for syntax in ("json", "yaml"):
        assert loads(dumps(ges, syntax=syntax), syntax=syntax) == ges


_HOSTILE_TEXT = st.sampled_from(["A", "é", "\ud800", "x\udfffy", "\U0001f600", " "])
_HOSTILE_INT = st.sampled_from([0, 35, -1, 10**300, 10**400, -(10**400)])
_JSON = st.recursive(
    st.none() | st.booleans() | _HOSTILE_INT | _HOSTILE_TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_HOSTILE_TEXT, inner, max_size=3),
    max_leaves=8,
)


@st.composite
def _documents(draw: st.DrawFn) -> dict[str, Any]:
    entity: dict[str, Any] = {"id": draw(st.sampled_from(["a", "b"])), "form": "association"}
    entity["name"] = draw(_HOSTILE_TEXT | st.none())
    for key, values in (
        ("employees", _HOSTILE_INT | st.none()),
        ("conventions", st.none() | st.just(["ei"])),
        ("external", st.none() | st.booleans()),
        ("attrs", st.none() | st.dictionaries(_HOSTILE_TEXT, _JSON, max_size=2)),
        ("tags", st.none() | st.lists(_HOSTILE_TEXT, max_size=2)),
    ):
        if draw(st.booleans()):
            entity[key] = draw(values)
    data: dict[str, Any] = {
        "format": "ges-graph/1",
        "name": draw(_HOSTILE_TEXT),
        "entities": [entity],
    }
    for key, values in (
        ("relations", st.none() | st.just([{"type": "membership", "from": "a", "to": "a"}])),
        ("sources", st.none() | st.lists(_HOSTILE_TEXT, max_size=2)),
        ("attrs", st.none() | _JSON),
        ("description", st.none() | _HOSTILE_TEXT),
    ):
        if draw(st.booleans()):
            data[key] = draw(values)
    return data


@settings(max_examples=150, deadline=None, derandomize=True)
@given(_documents())
def test_h15_09_from_data_and_loads_agree(data: dict[str, Any]) -> None:
    _agree(data)
