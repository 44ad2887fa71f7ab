"""Loading: every refusal of format.md "What is refused at load", with its path and line."""

from __future__ import annotations

import codecs
import json
import time
from pathlib import Path

import pytest
import yaml

from ges_graph import io
from ges_graph.errors import ErrorDetail, LoadError
from ges_graph.io import MAX_SIZE, dumps, load, load_document, loads, loads_document, save
from ges_graph.model import Document

BASE = """\
format: ges-graph/1
name: G
entities:
  - {id: a, name: A, form: association}
  - {id: b, name: B, form: sarl}
relations:
  - {type: shareholding, from: a, to: b, share: 60}
"""
"""A valid document; each case below changes one line (line numbers from 1)."""


def with_line(line: int, text: str, base: str = BASE) -> str:
    """BASE with its line ``line`` replaced by ``text`` (which may hold several lines)."""
    lines = base.splitlines()
    lines[line - 1] = text
    return "\n".join(lines) + "\n"


def refused(text: str | bytes, syntax: io.Syntax = "yaml", **kw: object) -> LoadError:
    with pytest.raises(LoadError) as info:
        loads_document(text, syntax=syntax, file="doc", **kw)  # type: ignore[arg-type]
    assert info.value.file == "doc"
    return info.value


def as_json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1)


def base_data() -> dict[str, object]:
    data: dict[str, object] = yaml.safe_load(BASE)
    return data


def test_base_loads() -> None:
    doc = loads_document(BASE, syntax="yaml")
    assert [e.id for e in doc.entities] == ["a", "b"]
    assert loads_document(as_json(base_data()), syntax="json") == doc


# (id, text, path, line, token, words in the message or expected). The column is where ``token``
# first appears on that line (1 when token is None).
YAML_CASES = [
    ("missing-format", BASE.replace("format: ges-graph/1\n", ""), "format", 1, None, "missing"),
    ("unknown-format", with_line(1, "format: ges-graph/2"), "format", 1, "ges", "ges-graph/1"),
    (
        "missing-name",
        with_line(4, "  - {id: a, form: association}"),
        "entities[0].name",
        4,
        "{",
        "missing required key 'name'",
    ),
    ("null-required-is-missing", with_line(2, "name: null"), "name", 2, "null", "missing"),
    ("unknown-top-key", BASE + "relatons: []\n", "relatons", 8, None, "relations"),
    (
        "unknown-entity-key",
        with_line(4, "  - {id: a, name: A, form: association, colour: red}"),
        "entities[0].colour",
        4,
        "colour",
        "unknown key",
    ),
    (
        "key-of-another-type",
        with_line(7, "  - {type: membership, from: a, to: b, share: 60}"),
        "relations[0].share",
        7,
        "share",
        "unknown key",
    ),
    (
        "wrong-type",
        with_line(4, "  - {id: a, name: A, form: association, employees: '3'}"),
        "entities[0].employees",
        4,
        "'3'",
        "without quotes",
    ),
    (
        "wrong-type-list",
        with_line(4, "  - {id: a, name: [A], form: association}"),
        "entities[0].name",
        4,
        "[",
        "not a string",
    ),
    (
        "unknown-form",
        with_line(5, "  - {id: b, name: B, form: sarlx}"),
        "entities[1].form",
        5,
        "sarlx",
        "unknown form",
    ),
    (
        "unknown-relation-type",
        with_line(7, "  - {type: sharehold, from: a, to: b, share: 60}"),
        "relations[0].type",
        7,
        "sharehold",
        "unknown relation type",
    ),
    (
        "missing-relation-type",
        with_line(7, "  - {from: a, to: b, share: 60}"),
        "relations[0].type",
        7,
        "{",
        "missing required key 'type'",
    ),
    (
        "unknown-flow-kind",
        with_line(7, "  - {type: flow, kind: loans, from: a, to: b}"),
        "relations[0].kind",
        7,
        "loans",
        "unknown flow kind",
    ),
    (
        "unknown-convention",
        with_line(4, "  - {id: a, name: A, form: association, conventions: [acx]}"),
        "entities[0].conventions[0]",
        4,
        "acx",
        "unknown convention",
    ),
    (
        "unknown-office",
        with_line(7, "  - {type: office, from: a, to: b, office: boss}"),
        "relations[0].office",
        7,
        "boss",
        "unknown office",
    ),
    (
        "unknown-category",
        with_line(7, "  - {type: membership, from: a, to: b, category: staff}"),
        "relations[0].category",
        7,
        "staff",
        "unknown category",
    ),
    (
        "convention-twice",
        with_line(4, "  - {id: a, name: A, form: association, conventions: [ai, ai]}"),
        "entities[0].conventions",
        4,
        "[",
        "twice",
    ),
    ("duplicate-key", with_line(2, "name: G\nname: H"), "name", 3, None, "duplicate key"),
    (
        "duplicate-key-in-entity",
        with_line(4, "  - {id: a, name: A, form: association, id: c}"),
        "entities[0].id",
        4,
        "id: c",
        "duplicate key",
    ),
    ("nan", BASE + "attrs: {x: .nan}\n", "attrs.x", 8, ".nan", "finite"),
    (
        "inf",
        with_line(7, "  - {type: shareholding, from: a, to: b, share: .inf}"),
        "relations[0].share",
        7,
        ".inf",
        "finite",
    ),
    ("huge-float", BASE + "attrs: {x: [1.0e+999]}\n", "attrs.x[0]", 8, "1.0", "finite"),
    ("huge-int", BASE + "attrs: {x: 1" + "0" * 400 + "}\n", "attrs.x", 8, "1", "too large"),
    ("tag", with_line(2, "name: !!str G"), "name", 2, "!!", "tags"),
    ("local-tag", BASE + "attrs: !thing {x: 1}\n", "attrs", 8, "!", "tags"),
    ("anchor", BASE + "attrs: {x: &a 1}\n", "attrs.x", 8, "&", "anchors"),
    ("alias", BASE + "attrs: {x: 1, y: *a}\n", "attrs.y", 8, "*", "aliases"),
    ("merge-key", BASE + "attrs: {<<: {x: 1}}\n", "attrs.<<", 8, "<<", "merge keys"),
    ("multi-document", BASE + "---\nformat: ges-graph/1\n", "", 8, None, "several YAML documents"),
    (
        "duplicate-entity-id",
        with_line(5, "  - {id: a, name: B, form: sarl}"),
        "entities[1].id",
        5,
        "a,",
        "duplicate entity id",
    ),
    (
        "duplicate-relation-id",
        BASE + "  - {id: r, type: board, from: a, to: b, seats: 1}\n"
        "  - {id: r, type: board, from: a, to: b, seats: 2}\n",
        "relations[2].id",
        9,
        "r,",
        "duplicate relation id",
    ),
    (
        "relation-id-is-entity-id",
        with_line(7, "  - {id: a, type: board, from: a, to: b, seats: 1}"),
        "relations[0].id",
        7,
        "a,",
        "already an entity id",
    ),
    (
        "dangling-to",
        with_line(7, "  - {type: shareholding, from: a, to: c, share: 60}"),
        "relations[0].to",
        7,
        "c,",
        "no entity has this id",
    ),
    (
        "dangling-from",
        with_line(7, "  - {type: shareholding, from: z, to: b, share: 60}"),
        "relations[0].from",
        7,
        "z,",
        "no entity has this id",
    ),
    (
        "self-relation",
        with_line(7, "  - {type: shareholding, from: a, to: a, share: 60}"),
        "relations[0].to",
        7,
        "a, share",
        "itself",
    ),
    (
        "percent-above-100",
        with_line(7, "  - {type: shareholding, from: a, to: b, share: 150}"),
        "relations[0].share",
        7,
        "150",
        "0–100",
    ),
    (
        "percent-below-0",
        with_line(7, "  - {type: membership, from: a, to: b, votes: -1}"),
        "relations[0].votes",
        7,
        "-1",
        "0–100",
    ),
    (
        "share-zero",
        with_line(7, "  - {type: shareholding, from: a, to: b, share: 0}"),
        "relations[0].share",
        7,
        "0}",
        "above 0",
    ),
    (
        "range-min-above-max",
        with_line(7, "  - {type: shareholding, from: a, to: b, share: {min: 50, max: 25}}"),
        "relations[0].share",
        7,
        "{min",
        "must not be above max",
    ),
    (
        "range-above-100",
        with_line(7, "  - {type: shareholding, from: a, to: b, share: {min: 50, max: 125}}"),
        "relations[0].share.max",
        7,
        "125",
        "0–100",
    ),
    (
        "start-after-end",
        with_line(
            7, "  - {type: board, from: a, to: b, seats: 1, start: 2024-01-01, end: 2023-01-01}"
        ),
        "relations[0].end",
        7,
        "2023",
        "before start",
    ),
    (
        "insertion-above-employees",
        with_line(
            4, "  - {id: a, name: A, form: association, employees: 3, insertion_employees: 5}"
        ),
        "entities[0].insertion_employees",
        4,
        "5}",
        "above employees",
    ),
    (
        "negative-budget",
        with_line(4, "  - {id: a, name: A, form: association, budget: -1}"),
        "entities[0].budget",
        4,
        "-1",
        "negative",
    ),
    (
        "negative-employees",
        with_line(4, "  - {id: a, name: A, form: association, employees: -1}"),
        "entities[0].employees",
        4,
        "-1",
        "negative",
    ),
    (
        "negative-amount",
        with_line(7, "  - {type: flow, kind: loan, from: a, to: b, amount: -5}"),
        "relations[0].amount",
        7,
        "-5",
        "negative",
    ),
    (
        "invalid-siren",
        with_line(4, "  - {id: a, name: A, form: association, siren: '123456788'}"),
        "entities[0].siren",
        4,
        "'1",
        "Luhn",
    ),
    (
        "public-kind-misplaced",
        with_line(4, "  - {id: a, name: A, form: association, public_kind: state}"),
        "entities[0].public_kind",
        4,
        "state",
        "public_body",
    ),
    (
        "siren-letters",
        with_line(4, "  - {id: a, name: A, form: association, siren: '12345678A'}"),
        "entities[0].siren",
        4,
        "'1",
        "9 digits",
    ),
    (
        "yaml11-bool-id",
        with_line(4, "  - {id: no, name: A, form: association}"),
        "entities[0].id",
        4,
        "no",
        "read as a boolean (false); write it in quotes",
    ),
    (
        "yaml11-octal-siren",
        with_line(4, "  - {id: a, name: A, form: association, siren: 012345670}"),
        "entities[0].siren",
        4,
        "012",
        "read as an integer",
    ),
    ("yaml11-date-name", with_line(2, "name: 2024-01-01"), "name", 2, "2024", "read as a date"),
    (
        "bad-id",
        with_line(4, "  - {id: 'a b', name: A, form: association}"),
        "entities[0].id",
        4,
        "'a b'",
        "invalid value",
    ),
    ("blank-name", with_line(2, "name: '  '"), "name", 2, "'", "white space"),
    (
        "no-entities",
        "format: ges-graph/1\nname: G\nentities: []\n",
        "entities",
        3,
        "[",
        "at least one entity",
    ),
    (
        "invalid-date",
        with_line(2, "name: G\nas_of: 2024-02-30"),
        "as_of",
        3,
        "2024",
        "not a valid date",
    ),
    (
        "datetime-for-date",
        with_line(2, "name: G\nas_of: 2024-02-03 10:00:00"),
        "as_of",
        3,
        "2024",
        "date and time",
    ),
    ("non-string-key", BASE + "attrs: {1: x}\n", "attrs", 8, "1", "key must be a string"),
    (
        "too-deep",
        BASE + "attrs: " + "[" * 32 + "]" * 32 + "\n",
        "attrs" + "[0]" * 31,
        8,
        "[]",
        "deeper than 32",
    ),
    ("syntax", with_line(5, "  - {id: b, name: B, form: sarl"), "", 6, ":", "invalid YAML"),
    ("not-a-mapping", "- a\n- b\n", "", 1, None, "the document is a list"),
    ("empty", "", "", 1, None, "empty"),
]


def column_of(text: str, line: int, token: str | None) -> int:
    if token is None:
        return 1
    where = text.splitlines()[line - 1].find(token)
    assert where >= 0, (token, line)
    return where + 1


@pytest.mark.parametrize(
    ("text", "path", "line", "token", "words"),
    [pytest.param(*case[1:], id=case[0]) for case in YAML_CASES],
)
def test_yaml_refusal(text: str, path: str, line: int, token: str | None, words: str) -> None:
    err = refused(text)
    first = err.first
    column = column_of(text, line, token)
    assert (first.path, first.line, first.column) == (path, line, column), str(err)
    assert words in first.message or words in (first.expected or ""), str(err)
    assert f"doc:{line}:{column}: " in str(err)


def test_nesting_of_32_levels_loads() -> None:
    # top mapping (1) > attrs mapping (2) > 30 lists (3..32)
    doc = loads_document(BASE + "attrs: {x: " + "[" * 30 + "]" * 30 + "}\n", syntax="yaml")
    assert "x" in doc.attrs
    assert loads_document(as_json({**base_data(), "attrs": {"x": _nested(30)}}), syntax="json")


def _nested(levels: int) -> list[object]:
    value: list[object] = []
    for _ in range(levels - 1):
        value = [value]
    return value


def test_json_too_deep_is_refused_with_position() -> None:
    err = refused(as_json({**base_data(), "attrs": {"x": _nested(31)}}), "json")
    assert err.first.type == "too_deep"
    assert err.first.path == "attrs.x" + "[0]" * 30
    assert err.first.line is not None


def test_json_deep_where_a_string_is_expected_is_too_deep() -> None:
    data = {**base_data(), "name": _nested(40)}
    data["entities"] = [*data["entities"], {"id": "c", "name": "C", "form": "sarlx"}]  # type: ignore[list-item]
    err = refused(as_json(data), "json")
    assert [(d.type, d.path) for d in err.details] == [
        ("too_deep", "name" + "[0]" * 31),
        ("enum", "entities[2].form"),
    ]
    assert err.details[0].line is not None
    assert err.details[1].line is not None
    assert err.details[0].line < err.details[1].line


@pytest.mark.parametrize("syntax", ["yaml", "json"])
def test_reading_goes_on_after_deep_nesting(syntax: io.Syntax) -> None:
    data = {**base_data(), "attrs": {"x": _nested(40), "y": 1}}
    data["entities"] = [*data["entities"], {"id": "c", "name": "C", "form": "sarlx"}]  # type: ignore[list-item]
    text = as_json(data) if syntax == "json" else yaml.safe_dump(data, sort_keys=False)
    err = refused(text, syntax)
    assert err.first.type == "too_deep"
    assert err.first.path == "attrs.x" + "[0]" * 30


@pytest.mark.parametrize("syntax", ["yaml", "json"])
def test_very_deep_nesting_is_refused_quickly(syntax: io.Syntax) -> None:
    deep = "[" * 200_000 + "]" * 200_000
    text = f"format: ges-graph/1\nattrs: {deep}\n" if syntax == "yaml" else f'{{"attrs": {deep}}}'
    start = time.perf_counter()
    err = refused(text, syntax)
    assert time.perf_counter() - start < 10
    assert err.first.type == "too_deep"
    assert err.first.line is not None


def test_json_deep_outside_attrs_is_refused() -> None:
    text = '{"format": "ges-graph/1", "name": ' + "[" * 100_000 + "]" * 100_000 + "}"
    err = refused(text, "json")
    assert err.first.type == "too_deep"
    assert err.first.path == "name" + "[0]" * 31


def test_enum_message_lists_the_allowed_values() -> None:
    err = refused(with_line(5, "  - {id: b, name: B, form: associaton}"))
    assert err.first.value == "associaton"
    assert err.first.message == "unknown form; did you mean 'association'?"
    assert err.first.expected is not None
    assert err.first.expected.startswith("one of: association, union, foundation")
    assert "sarl" in err.first.expected


def test_unknown_key_suggests_and_lists_keys() -> None:
    err = refused(BASE + "relatons: []\n")
    assert err.first.expected is not None
    assert "relations" in err.first.expected
    assert "entities" in err.first.expected
    assert "did you mean 'relations'?" in err.first.message


@pytest.mark.parametrize(
    ("line", "hint"),
    [
        ("sources: '12'", "not a list: read as a string (got '12'"),
        ("as_of: '2020'", "expected a date YYYY-MM-DD (got '2020'"),
        ("currency: 12", "not a string: read as an integer (12); write it in quotes"),
    ],
)
def test_quote_hints_only_where_they_help(line: str, hint: str) -> None:
    err = refused(with_line(2, "name: G\n" + line))
    assert hint in str(err)
    assert "without quotes" not in str(err)


def test_quoted_number_hint() -> None:
    err = refused(with_line(7, "  - {type: board, from: a, to: b, seats: '3', chair: 'no'}"))
    assert [d.message for d in err.details] == [
        "not an integer: read as a string; write it without quotes",
        "not true or false: read as a string; write it without quotes",
    ]


def test_yaml_bool_hint_in_string_list() -> None:
    err = refused(with_line(4, "  - {id: a, name: A, form: association, tags: [yes, b]}"))
    assert err.first.path == "entities[0].tags[0]"
    assert "read as a boolean (true); write it in quotes" in err.first.message


# -- JSON -------------------------------------------------------------------------------------

JSON_DOC = """{
  "format": "ges-graph/1",
  "name": "G",
  "entities": [
    {"id": "a", "name": "A", "form": "association"},
    {"id": "b", "name": "B", "form": "sarl"}
  ],
  "relations": [
    {"type": "shareholding", "from": "a", "to": "b", "share": 60}
  ]
}
"""


def json_with(old: str, new: str) -> str:
    assert old in JSON_DOC
    return JSON_DOC.replace(old, new, 1)


JSON_CASES = [
    (
        "duplicate-key",
        json_with('"name": "G",', '"name": "G", "name": "H",'),
        "name",
        3,
        '"name": "H"',
        "duplicate key",
    ),
    (
        "duplicate-key-entity",
        json_with('"form": "sarl"}', '"form": "sarl", "id": "c"}'),
        "entities[1].id",
        6,
        '"id": "c"',
        "duplicate key",
    ),
    ("nan", json_with('"share": 60', '"share": NaN'), "relations[0].share", 9, "NaN", "finite"),
    (
        "infinity",
        json_with('"name": "G",', '"name": "G", "attrs": {"x": Infinity},'),
        "attrs.x",
        3,
        "Inf",
        "finite",
    ),
    (
        "minus-infinity",
        json_with('"name": "G",', '"name": "G", "attrs": {"x": [-Infinity]},'),
        "attrs.x[0]",
        3,
        "-Inf",
        "finite",
    ),
    (
        "too-large-float",
        json_with('"share": 60', '"share": 1e999'),
        "relations[0].share",
        9,
        "1e999",
        "too large",
    ),
    (
        "too-large-int-in-attrs",
        json_with('"name": "G",', '"name": "G", "attrs": {"x": 1' + "0" * 400 + "},"),
        "attrs.x",
        3,
        "10",
        "too large",
    ),
    (
        "too-large-int",
        json_with('"form": "sarl"', '"form": "sarl", "employees": 2' + "0" * 400),
        "entities[1].employees",
        6,
        "20",
        "too large",
    ),
    (
        "too-many-digits",
        json_with('"name": "G",', '"name": "G", "attrs": {"x": 1' + "0" * 5000 + "},"),
        "attrs.x",
        3,
        "10",
        "too large",
    ),
    (
        "unknown-form",
        json_with('"form": "sarl"', '"form": "sarlx"'),
        "entities[1].form",
        6,
        '"sarlx"',
        "unknown form",
    ),
    (
        "dangling",
        json_with('"to": "b"', '"to": "c"'),
        "relations[0].to",
        9,
        '"c"',
        "no entity has this id",
    ),
    (
        "unknown-key",
        json_with('"name": "G",', '"name": "G", "relatons": [],'),
        "relatons",
        3,
        '"relatons"',
        "unknown key",
    ),
    ("missing-key", json_with('"name": "A", ', ""), "entities[0].name", 5, "{", "missing"),
    (
        "null-required-is-missing",
        json_with('"name": "A",', '"name": null, "sector": null,'),
        "entities[0].name",
        5,
        "null",
        "missing",
    ),
    (
        "bool-for-string",
        json_with('"id": "a"', '"id": false'),
        "entities[0].id",
        5,
        "false",
        "read as a boolean",
    ),
    ("syntax", json_with('"name": "G",', '"name": "G"'), "", 4, '"', "invalid JSON"),
    ("trailing-comma", json_with('"share": 60}', '"share": 60},'), "", 10, "]", "invalid JSON"),
    (
        "lone-surrogate",
        json_with('"name": "G"', '"name": "\\ud800"'),
        "name",
        3,
        '"\\',
        "not valid Unicode",
    ),
    ("not-a-mapping", "[1, 2]", "", 1, None, "a list"),
]


@pytest.mark.parametrize(
    ("text", "path", "line", "token", "words"),
    [pytest.param(*case[1:], id=case[0]) for case in JSON_CASES],
)
def test_json_refusal(text: str, path: str, line: int, token: str | None, words: str) -> None:
    err = refused(text, "json")
    first = err.first
    column = column_of(text, line, token)
    assert (first.path, first.line, first.column) == (path, line, column), str(err)
    assert words in first.message or words in (first.expected or ""), str(err)


def test_null_optional_key_is_absent() -> None:
    doc = loads_document(
        json_with(
            '"name": "A",', '"name": "A", "sector": null, "external": null, "attrs": {"k": null},'
        ),
        syntax="json",
    )
    assert doc.entities[0].sector is None
    assert doc.entities[0].external is False
    assert doc.entities[0].attrs == {"k": None}
    doc = loads_document(
        with_line(
            7,
            "  - {type: membership, from: a, to: b, votes: {min: 1, "
            "max: 2}, category: ~, ex_officio: }",
        ),
        syntax="yaml",
    )
    assert doc.relations[0].category is None


def test_integral_float_for_integer_field() -> None:
    doc = loads_document(
        json_with('"form": "sarl"', '"form": "sarl", "employees": 35.0'), syntax="json"
    )
    assert doc.entities[1].employees == 35
    assert isinstance(doc.entities[1].employees, int)


# -- several errors: the first in document order first ----------------------------------------


def test_errors_come_in_document_order() -> None:
    text = (
        "relations:\n"
        "  - {type: shareholding, from: a, to: b, share: 160}\n"
        "format: ges-graph/1\n"
        "name: G\n"
        "entities:\n"
        "  - {form: association, id: 'a b', name: A, colour: red}\n"
        "  - {id: b, name: B, form: sarlx}\n"
    )
    err = refused(text)
    positions = [(d.line, d.column) for d in err.details]
    assert positions == sorted(positions)  # type: ignore[type-var]
    assert err.first.path == "relations[0].from"  # the entity is 'a b', not 'a'
    assert [d.path for d in err.details[1:]] == [
        "relations[0].share",
        "entities[0].id",
        "entities[0].colour",
        "entities[1].form",
    ]


def test_dangling_end_before_a_field_error_comes_first() -> None:
    text = (
        "format: ges-graph/1\n"
        "name: G\n"
        "relations:\n"
        "  - {type: board, from: a, to: zz, seats: 1}\n"
        "entities:\n"
        "  - {id: a, name: A, form: association}\n"
        "  - {id: b, name: B, form: sarlx}\n"
    )
    err = refused(text)
    assert [(d.path, d.type, d.line) for d in err.details] == [
        ("relations[0].to", "unknown_entity", 4),
        ("entities[1].form", "enum", 7),
    ]


def test_duplicate_id_before_a_field_error_comes_first() -> None:
    text = with_line(5, "  - {id: a, name: B, form: sarl}\n  - {id: c, name: C, form: sarlx}")
    text = text.replace("to: b", "to: c")
    err = refused(text)
    assert [(d.path, d.type, d.line) for d in err.details] == [
        ("entities[1].id", "duplicate_id", 5),
        ("entities[2].form", "enum", 6),
    ]
    assert err.first.message == "duplicate entity id 'a'"


def test_structural_errors_in_document_order_json() -> None:
    text = '{"a": 1, "a": 2, "attrs": {"x": NaN, "x": 1}}'
    err = refused(text, "json")
    assert [d.type for d in err.details] == ["duplicate_key", "non_finite", "duplicate_key"]
    assert [d.path for d in err.details] == ["a", "attrs.x", "attrs.x"]


def test_error_count_is_bounded() -> None:
    text = "a: 1\n" * 10 + "\n".join(f"k{i}: 1\nk{i}: 2" for i in range(500)) + "\n"
    err = refused(text)
    assert len(err.details) <= 100


# -- bytes: encoding, BOM, size, suffix ------------------------------------------------------


def test_not_utf8_gives_byte_offset() -> None:
    data = BASE.encode().replace(b"name: G", b"name: \xff\xfeG")
    err = refused(data)
    assert err.first.type == "encoding"
    assert "offset 26" in err.first.message
    assert (err.first.line, err.first.column) == (2, 7)


def test_bom_is_tolerated() -> None:
    assert loads_document(codecs.BOM_UTF8 + BASE.encode(), syntax="yaml").name == "G"
    assert loads_document("\ufeff" + BASE, syntax="yaml").name == "G"
    assert loads_document(codecs.BOM_UTF8 + JSON_DOC.encode(), syntax="json").name == "G"


def test_string_with_lone_surrogate_is_refused() -> None:
    err = refused(BASE.replace("name: G", "name: G\ud800"))
    assert err.first.type == "encoding"


def test_too_large_text_is_refused() -> None:
    err = refused(BASE, max_size=20)
    assert err.first.type == "too_large"
    assert err.first.expected == "at most 20 bytes"
    assert refused(BASE.encode(), max_size=20).first.type == "too_large"
    assert refused("é" * 20, max_size=30).first.type == "too_large"  # 40 bytes of UTF-8


def test_too_large_file_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.yaml"
    with open(path, "wb") as f:
        f.truncate(MAX_SIZE + 1)  # sparse: nothing is written

    def no_read(*args: object) -> bytes:
        raise AssertionError("the file was read")

    monkeypatch.setattr(io.loading, "loads_document", no_read)
    with pytest.raises(LoadError) as info:
        load(path)
    assert info.value.first.type == "too_large"
    assert info.value.file == str(path)


def test_max_size_is_a_parameter(tmp_path: Path) -> None:
    path = tmp_path / "g.yaml"
    path.write_text(BASE, encoding="utf-8")
    assert load(path, max_size=len(BASE)).name == "G"
    with pytest.raises(LoadError, match="size limit"):
        load(path, max_size=len(BASE) - 1)


def test_unknown_suffix(tmp_path: Path) -> None:
    path = tmp_path / "g.txt"
    path.write_text(BASE, encoding="utf-8")
    with pytest.raises(LoadError) as info:
        load(path)
    assert info.value.first.type == "suffix"
    assert info.value.first.expected == ".yaml, .yml, .json, .xlsx or a folder of CSV files"
    assert load(path, syntax="yaml").name == "G"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="cannot read"):
        load(tmp_path / "absent.yaml")


@pytest.mark.parametrize("suffix", [".yaml", ".yml", ".YAML", ".json"])
def test_suffixes(tmp_path: Path, suffix: str) -> None:
    doc = loads_document(BASE, syntax="yaml")
    path = tmp_path / f"g{suffix}"
    save(doc, path)
    assert load_document(path) == doc


def test_bad_syntax_argument() -> None:
    with pytest.raises(ValueError, match="unknown syntax"):
        loads_document(BASE, syntax="toml")  # type: ignore[arg-type]


# -- YAML safety ---------------------------------------------------------------------------------


def test_libyaml_is_used() -> None:
    assert yaml.__with_libyaml__, "PyYAML without libyaml: install it with libyaml for speed"
    assert io.yaml_reader._LOADER is yaml.CSafeLoader
    assert io.writing._dumper() is yaml.CSafeDumper


def test_loader_class_is_the_one_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    used: list[str] = []

    class Spy(yaml.CSafeLoader):  # type: ignore[misc]
        def __init__(self, stream: str) -> None:
            used.append(stream)
            super().__init__(stream)

    monkeypatch.setattr(io.yaml_reader, "_LOADER", Spy)
    loads_document(BASE, syntax="yaml")
    assert used == [BASE]


def test_pure_python_loader_gives_the_same_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    text = with_line(5, "  - {id: b, name: B, form: sarlx}")
    with_c = refused(text).details
    monkeypatch.setattr(io.yaml_reader, "_LOADER", yaml.SafeLoader)
    assert refused(text).details == with_c
    assert loads_document(BASE, syntax="yaml") == loads_document(BASE, syntax="yaml")


def test_alias_bomb_is_refused_fast() -> None:
    lines = ["format: ges-graph/1", "name: bomb", "attrs:", "  x0: &a0 [lol, lol, lol, lol]"]
    lines += [f"  x{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 30)]
    text = "\n".join(lines) + "\nentities: [{id: a, name: A, form: association}]\n"
    start = time.perf_counter()
    err = refused(text)
    assert time.perf_counter() - start < 5  # 10**29 items if expanded: never finishes
    assert err.first.type == "yaml_anchor"
    assert (err.first.line, err.first.column) == (4, 7)


def test_yaml_value_key_is_refused() -> None:
    assert "quotes" in refused(BASE + "attrs: {x: =}\n").first.message


def test_yaml_sets_and_python_tags_are_refused() -> None:
    assert refused(BASE + "attrs: !!set {a, b}\n").first.type == "yaml_tag"
    assert refused(BASE + "attrs: !!python/object:os.system {}\n").first.type == "yaml_tag"


def test_complex_key_is_refused() -> None:
    assert refused(BASE + "attrs: {? [a, b] : 1}\n").first.type == "key_type"


def test_yaml_reader_error_has_position() -> None:
    err = refused(BASE.replace("name: G", "name: G\x07"))
    assert err.first.type == "syntax"
    assert err.first.line == 2


# -- error details -----------------------------------------------------------------------------


def test_location_for_the_cli() -> None:
    err = refused(BASE + "relatons: []\n")
    assert err.first.location == "relatons (line 8, column 1)"
    assert isinstance(err.first, ErrorDetail)
    assert isinstance(err, ValueError)


def test_gc_is_paused_for_large_documents_and_restored(monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    seen: list[bool] = []
    validate = io._validate

    def spy(*args: object) -> Document:
        seen.append(gc.isenabled())
        return validate(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(io.loading, "_validate", spy)
    monkeypatch.setattr(io.loading, "_GC_PAUSE_SIZE", len(BASE))
    assert gc.isenabled()
    with pytest.raises(LoadError):
        loads(BASE + "relatons: []\n", syntax="yaml")
    loads(BASE, syntax="yaml")
    loads(BASE[:-1], syntax="yaml")  # one character short: not paused
    assert seen == [False, False, True]
    assert gc.isenabled()
    gc.disable()
    try:
        loads(BASE, syntax="yaml")
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_dumps_is_readable_yaml() -> None:
    text = dumps(
        loads_document(
            "format: ges-graph/1\nname: Groupe Été\nas_of: 2025-12-31\nentities:\n"
            "  - {id: a, name: Association Été, form: association, budget: 1000.0,"
            " attrs: {x: 1.0}}\n"
            "  - {id: b, name: B, form: sas}\n"
            "relations:\n  - {type: shareholding, from: a, to: b, share: 100.0}\n",
            syntax="yaml",
        )
    )
    assert "name: Groupe Été\n" in text
    assert "as_of: 2025-12-31\n" in text
    assert "share: 100\n" in text
    assert "budget: 1000\n" in text
    assert "x: 1.0" in text  # attrs as it is
    assert "{" not in text  # block style
    assert text.index("format:") < text.index("name:") < text.index("entities:")


def test_dumps_json_is_loadable_json() -> None:
    doc = loads_document(BASE, syntax="yaml")
    data = json.loads(dumps(doc, syntax="json"))
    assert data["relations"][0] == {"type": "shareholding", "from": "a", "to": "b", "share": 60}
    with pytest.raises(ValueError, match="unknown syntax"):
        dumps(doc, syntax="xml")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        dumps({"format": "ges-graph/1"})  # type: ignore[arg-type]


def test_attrs_dates_become_iso_strings() -> None:
    doc = loads_document(BASE + "attrs: {since: 2020-01-01}\n", syntax="yaml")
    assert doc.attrs == {"since": "2020-01-01"}
    assert loads_document(dumps(doc, syntax="json"), syntax="json") == doc


def test_document_type() -> None:
    assert isinstance(loads_document(BASE, syntax="yaml"), Document)
