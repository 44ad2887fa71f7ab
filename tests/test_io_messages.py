"""Load errors speak French (the default) and English: every error type, the CLI, ``to_text``."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from ges_graph.errors import DocumentError, ErrorDetail, LoadError
from ges_graph.graph import GES, GESBuilder
from ges_graph.io import loads, syntax_of

ROOT = Path(__file__).resolve().parents[1]
CLI = Path(sys.executable).with_name("ges-graph")  # the console script of the running environment

HEAD = "format: ges-graph/1\nname: G\n"
ENTITY = "  - {id: a, name: A, form: association}\n"
TWO = HEAD + "entities:\n" + ENTITY + "  - {id: b, name: B, form: sarl}\n"


def with_entity(fields: str) -> str:
    return HEAD + f"entities:\n  - {{id: a, name: A, form: association, {fields}}}\n"


def with_relation(fields: str) -> str:
    return TWO + f"relations:\n  - {{{fields}}}\n"


JSON_HEAD = '{"format": "ges-graph/1", "name": "G", "entities": [{"id": "a", "name": "A", '
JSON_HEAD += '"form": "association"'

# (case id, text or bytes, syntax, max_size or None, expected error type)
CASES: list[tuple[str, str | bytes, str, int | None, str]] = [
    ("missing", HEAD + "entities:\n  - {id: a, form: association}\n", "yaml", None, "missing"),
    (
        "extra_forbidden",
        HEAD + "entities:\n" + ENTITY + "relatons: []\n",
        "yaml",
        None,
        "extra_forbidden",
    ),
    ("enum", HEAD + "entities:\n  - {id: a, name: A, form: associaton}\n", "yaml", None, "enum"),
    ("enum_bool", with_entity("sector: no"), "yaml", None, "enum"),
    (
        "relation_type",
        with_relation("type: membershp, from: a, to: b"),
        "yaml",
        None,
        "union_tag_invalid",
    ),
    ("relation_no_type", with_relation("from: a, to: b"), "yaml", None, "missing"),
    ("duplicate_key_yaml", HEAD + "name: H\nentities:\n" + ENTITY, "yaml", None, "duplicate_key"),
    ("duplicate_key_json", JSON_HEAD + ', "name": "B"}]}', "json", None, "duplicate_key"),
    ("non_finite_yaml", with_entity("budget: .nan"), "yaml", None, "non_finite"),
    ("non_finite_json", JSON_HEAD + ', "budget": NaN}]}', "json", None, "non_finite"),
    ("too_large_number_json", JSON_HEAD + ', "budget": 1e999}]}', "json", None, "non_finite"),
    (
        "too_deep_yaml",
        with_entity("attrs: " + "{a: " * 40 + "1" + "}" * 40),
        "yaml",
        None,
        "too_deep",
    ),
    (
        "too_deep_json",
        JSON_HEAD + ', "attrs": ' + '{"a": ' * 40 + "1" + "}" * 40 + "}]}",
        "json",
        None,
        "too_deep",
    ),
    (
        "yaml_anchor",
        HEAD + "entities:\n  - &x {id: a, name: A, form: association}\n",
        "yaml",
        None,
        "yaml_anchor",
    ),
    (
        "yaml_alias",
        HEAD + "x: 1\nentities:\n  - {id: a, name: *y, form: association}\n",
        "yaml",
        None,
        "yaml_alias",
    ),
    (
        "yaml_tag",
        HEAD + "entities:\n  - !!map {id: a, name: A, form: association}\n",
        "yaml",
        None,
        "yaml_tag",
    ),
    (
        "yaml_merge",
        HEAD + "entities:\n  - {<<: {}, id: a, name: A, form: association}\n",
        "yaml",
        None,
        "yaml_merge",
    ),
    ("yaml_value", with_entity("attrs: {x: =}"), "yaml", None, "yaml_value"),
    ("yaml_bad_date", HEAD + "as_of: 2025-13-45\nentities:\n" + ENTITY, "yaml", None, "yaml_value"),
    (
        "multiple_documents",
        HEAD + "entities:\n" + ENTITY + "---\nname: H\n",
        "yaml",
        None,
        "multiple_documents",
    ),
    ("encoding", b"format: ges-graph/1\nname: \xff\n", "yaml", None, "encoding"),
    ("invalid_unicode", JSON_HEAD + ', "note": "\\ud800"}]}', "json", None, "invalid_unicode"),
    ("too_large", TWO, "yaml", 20, "too_large"),
    ("syntax_yaml", HEAD + "entities: [\n", "yaml", None, "syntax"),
    ("syntax_yaml_block", HEAD + "entities:\n  - id: a\n name: x\n", "yaml", None, "syntax"),
    ("syntax_yaml_control", HEAD + "entities: \x01\n", "yaml", None, "syntax"),
    ("syntax_json", JSON_HEAD + "}", "json", None, "syntax"),
    ("syntax_json_string", '{"format": "ges-graph/1, "name": 1}', "json", None, "syntax"),
    ("key_type", HEAD + "entities:\n" + ENTITY + "1: x\n", "yaml", None, "key_type"),
    ("not_a_mapping", "[1, 2]\n", "yaml", None, "not_a_mapping"),
    ("empty", "", "yaml", None, "not_a_mapping"),
    (
        "unknown_entity",
        with_relation("type: membership, from: a, to: zz"),
        "yaml",
        None,
        "unknown_entity",
    ),
    ("duplicate_id", HEAD + "entities:\n" + ENTITY + ENTITY, "yaml", None, "duplicate_id"),
    (
        "duplicate_relation_id",
        TWO + "relations:\n  - {id: r, type: membership, from: a, to: b}\n"
        "  - {id: r, type: membership, from: b, to: a}\n",
        "yaml",
        None,
        "duplicate_id",
    ),
    (
        "relation_id_is_entity_id",
        with_relation("id: a, type: membership, from: a, to: b"),
        "yaml",
        None,
        "duplicate_id",
    ),
    (
        "percent_range",
        with_relation("type: shareholding, from: a, to: b, share: 150"),
        "yaml",
        None,
        "less_than_equal",
    ),
    ("negative", with_entity("employees: -1"), "yaml", None, "greater_than_equal"),
    (
        "positive",
        with_relation("type: board, from: a, to: b, seats: 0"),
        "yaml",
        None,
        "greater_than_equal",
    ),
    (
        "string_type",
        HEAD + "entities:\n  - {id: a, name: 12, form: association}\n",
        "yaml",
        None,
        "string_type",
    ),
    ("string_quoted_number", with_entity('employees: "12"'), "yaml", None, "int_type"),
    ("int_type", with_entity("employees: many"), "yaml", None, "int_type"),
    ("float_type", with_entity("budget: [1]"), "yaml", None, "float_type"),
    ("bool_type", with_entity("external: maybe"), "yaml", None, "bool_type"),
    ("list_type", with_entity("conventions: ei"), "yaml", None, "tuple_type"),
    ("dict_type", with_entity("attrs: [1]"), "yaml", None, "dict_type"),
    ("model_type", HEAD + "entities:\n  - 3\n", "yaml", None, "model_type"),
    (
        "model_attributes_type",
        TWO + "relations:\n  -\n",
        "yaml",
        None,
        "model_attributes_type",
    ),
    (
        "pattern_id",
        HEAD + "entities:\n  - {id: -a, name: A, form: association}\n",
        "yaml",
        None,
        "string_pattern_mismatch",
    ),
    (
        "pattern_currency",
        HEAD + "currency: euro\nentities:\n" + ENTITY,
        "yaml",
        None,
        "string_pattern_mismatch",
    ),
    ("date_type", HEAD + "as_of: soon\nentities:\n" + ENTITY, "yaml", None, "date_type"),
    (
        "datetime",
        HEAD + "as_of: 2025-01-01 10:00:00\nentities:\n" + ENTITY,
        "yaml",
        None,
        "date_type",
    ),
    ("siren_format", with_entity('siren: "12345"'), "yaml", None, "siren_format"),
    ("siren_checksum", with_entity('siren: "123456789"'), "yaml", None, "siren_checksum"),
    (
        "range_order",
        with_relation("type: shareholding, from: a, to: b, share: {min: 60, max: 40}"),
        "yaml",
        None,
        "range_order",
    ),
    (
        "blank_string",
        HEAD + "entities:\n  - {id: a, name: ' ', form: association}\n",
        "yaml",
        None,
        "blank_string",
    ),
    (
        "unknown_format",
        "format: ges-graph/9\nname: G\nentities:\n" + ENTITY,
        "yaml",
        None,
        "unknown_format",
    ),
    ("too_short", HEAD + "entities: []\n", "yaml", None, "too_short"),
    (
        "self_relation",
        with_relation("type: membership, from: a, to: a"),
        "yaml",
        None,
        "self_relation",
    ),
    (
        "dates_order",
        with_relation("type: membership, from: a, to: b, start: 2024-01-01, end: 2020-01-01"),
        "yaml",
        None,
        "dates_order",
    ),
    (
        "duplicate_convention",
        with_entity("conventions: [ei, ei]"),
        "yaml",
        None,
        "duplicate_convention",
    ),
    (
        "insertion_above_employees",
        with_entity("employees: 2, insertion_employees: 5"),
        "yaml",
        None,
        "insertion_above_employees",
    ),
    (
        "share_zero",
        with_relation("type: shareholding, from: a, to: b, share: 0"),
        "yaml",
        None,
        "share_zero",
    ),
]

CASES += [
    (
        "invalid_unicode_key",
        '{"format": "ges-graph/1", "name": "G", "x\\ud800": []}',
        "json",
        None,
        "invalid_unicode",
    ),
    ("syntax_plain_colon", HEAD + "entities:\n  - id: a:b:\n", "yaml", None, "syntax"),
    ("syntax_tag_directive", "%TAG !x\n" + HEAD, "yaml", None, "syntax"),
    (
        "syntax_flow_mapping",
        HEAD + "entities: [{id: a, name: A form: x}]\n",
        "yaml",
        None,
        "syntax",
    ),
    ("syntax_json_control", '{"format": "ges-graph/1", "name": "a\x01"}', "json", None, "syntax"),
    ("syntax_json_escape", '{"format": "ges-graph/1", "name": "a\\q"}', "json", None, "syntax"),
    ("syntax_json_unterminated", '{"format": "ges-graph/1", "name": "a', "json", None, "syntax"),
]

ENGLISH = re.compile(
    r"\b(unknown|missing|required|duplicate|expected|got|read as|write it|did you mean|refused|"
    r"must|invalid|nesting|several|larger|cannot|one of|at most|at least|above|below|percentage|"
    r"out of range|no entity|is not|is already|before|twice|quotes|the|mapping|string|integer|"
    r"number|list|value|while|found|allowed|not|or|and|of|empty|document is|file|levels|"
    r"expecting|after|key|characters|printable|letters|digits|words|capital|date and time)\b"
)
"""Words of the English templates; none may stay in a French message (values and paths aside)."""


def error_of(text: str | bytes, syntax: str, max_size: int | None) -> LoadError:
    kwargs = {} if max_size is None else {"max_size": max_size}
    with pytest.raises(LoadError) as info:
        loads(text, syntax=syntax, file="doc", **kwargs)  # type: ignore[arg-type]
    return info.value


def french_words(detail: ErrorDetail) -> str:
    """The French message and expectation without what is quoted as read (values, keys)."""
    expected = detail.expected_in("fr") or ""
    expected = expected.split("une des valeurs :")[0]  # the allowed values are the format's
    text = f"{detail.message_in('fr')} {expected}"
    text = re.sub(r"'[^']*'|« [^»]* »|\([^)]*\)|#x[0-9a-f]+|[a-z_]+\.[a-z_]+", " ", text)
    for key in ("insertion_employees", "employees", "min", "max", "end", "start", "attrs"):
        text = text.replace(key, " ")  # keys of the format, named in the model's messages
    return text


def assert_bilingual(detail: ErrorDetail) -> None:
    assert detail.message_fr is not None, detail
    assert detail.message_fr != detail.message, detail
    assert ENGLISH.search(french_words(detail)) is None, (detail.message_fr, detail.expected_fr)
    if detail.expected is not None and detail.expected_fr is not None:
        words = re.sub(r"[^a-z]+", " ", detail.expected.lower()).split()
        if any(w in {"a", "an", "the", "at", "one", "of", "or"} for w in words):
            assert detail.expected_fr != detail.expected, detail


@pytest.mark.parametrize(
    ("text", "syntax", "max_size", "kind"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_every_error_type_has_a_french_message(
    text: str | bytes, syntax: str, max_size: int | None, kind: str
) -> None:
    err = error_of(text, syntax, max_size)
    assert err.first.type == kind, str(err)
    for detail in err.details:
        assert_bilingual(detail)
    french, english = err.to_text(), err.to_text("en")
    assert french != english
    assert english == str(err)
    assert french.startswith("doc")


def test_suffix_and_unreadable_file_in_french(tmp_path: Path) -> None:
    with pytest.raises(LoadError) as info:
        syntax_of("groupe.txt")
    assert_bilingual(info.value.first)
    assert info.value.to_text() == (
        "groupe.txt: extension de fichier inconnue (lu « .txt » ; attendu .yaml, .yml, .json, "
        ".xlsx ou un dossier de fichiers CSV)"
    )
    # what a spreadsheet user gives: another program's workbook, one CSV file of a folder
    with pytest.raises(LoadError) as info:
        syntax_of("groupe.ods")
    assert "enregistrez-le au format .xlsx" in info.value.to_text()
    with pytest.raises(LoadError) as info:
        syntax_of("Entités.csv")
    assert info.value.to_text().startswith("Entités.csv: un fichier CSV seul")
    assert "le dossier qui contient Groupe.csv, Entités.csv" in info.value.to_text()
    from ges_graph.io import load

    with pytest.raises(LoadError) as info:
        load(tmp_path / "absent.yaml")
    assert info.value.first.type == "io"
    assert info.value.first.message_in("fr").startswith("lecture du fichier impossible : ")


def test_hints_are_translated() -> None:
    err = error_of(HEAD + "entities:\n  - {id: a, name: A, form: associaton}\n", "yaml", None)
    assert (
        err.first.message_fr
        == "forme inconnue ; vouliez-vous dire « association » (association loi 1901) ?"
    )
    assert err.first.expected_fr is not None
    assert err.first.expected_fr.startswith(
        "une des valeurs : association (association loi 1901), union (union d'associations)"
    )
    err = error_of(HEAD + "entities:\n  - {id: a, name: yes, form: association}\n", "yaml", None)
    assert err.first.message_fr == (
        "pas une chaîne de caractères : valeur lue comme un booléen (true) ; "
        "écrivez-la entre guillemets"
    )
    err = error_of(with_entity('employees: "12"'), "yaml", None)
    assert err.first.message_fr == (
        "pas un entier : valeur lue comme une chaîne de caractères ; écrivez-la sans guillemets"
    )
    err = error_of(HEAD + "entities:\n" + ENTITY + "relatons: []\n", "yaml", None)
    assert err.first.message_fr == "clé inconnue ; vouliez-vous dire « relations » ?"


def test_french_text_of_a_load_error() -> None:
    err = error_of(HEAD + "entities:\n  - {id: a, form: association}\n", "yaml", None)
    assert err.to_text() == "doc:4:5: entities[0].name : clé obligatoire absente : « name »"
    assert err.to_text("en") == "doc:4:5: entities[0].name: missing required key 'name'"
    assert err.first.location_text() == "entities[0].name (ligne 4, colonne 5)"
    with pytest.raises(ValueError, match="unknown language 'de'"):
        err.to_text("de")  # type: ignore[arg-type]


def test_several_errors_all_in_french() -> None:
    text = HEAD + "entities:\n  - {id: a, form: associaton}\n  - {id: a, name: B, form: sarl}\n"
    err = error_of(text, "yaml", None)
    assert len(err.details) >= 3
    lines = err.to_text().splitlines()
    assert len(lines) == len(err.details)
    for detail in err.details:
        assert_bilingual(detail)


def test_builder_errors_in_french() -> None:
    b = GESBuilder("G").entity("a", "A", "association")
    with pytest.raises(DocumentError) as info:
        b.entity("a", "B", "sarl")
    assert info.value.to_text() == "entities[1].id : id d'entité en double (lu « a »)"
    with pytest.raises(DocumentError) as info:
        b.relation("membership", "a", "zz")
    assert_bilingual(info.value.first)
    with pytest.raises(DocumentError) as info:
        b.entity("c", "C", "asociation")
    assert (
        info.value.first.message_fr
        == "forme inconnue ; vouliez-vous dire « association » (association loi 1901) ?"
    )


def test_a_detail_without_french_falls_back_to_english() -> None:
    d = ErrorDetail("x", "custom", type="custom")
    assert d.text("fr") == "x : custom"
    assert d.text("en") == str(d) == "x: custom"


# -- the command line ---------------------------------------------------------------------------


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CLI), *map(str, args)], capture_output=True, text=True, timeout=120, check=False
    )


@pytest.fixture(scope="module")
def bad_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("io") / "bad.yaml"
    path.write_text(HEAD + "entities:\n  - {id: a, name: A, form: associaton}\n", encoding="utf-8")
    return path


def test_cli_prints_load_errors_in_french_by_default(bad_file: Path) -> None:
    p = run("validate", bad_file)
    assert p.returncode == 2
    assert f"{bad_file}:4:28: entities[0].form : forme inconnue" in p.stderr
    assert "vouliez-vous dire « association » (association loi 1901) ?" in p.stderr
    assert "unknown form" not in p.stderr


def test_cli_prints_load_errors_in_english_on_request(bad_file: Path) -> None:
    p = run("validate", "--lang", "en", bad_file)
    assert p.returncode == 2
    assert (
        f"{bad_file}:4:28: entities[0].form: unknown form; did you mean 'association'?" in p.stderr
    )
    assert "forme inconnue" not in p.stderr


def test_cli_json_error_message_follows_lang(bad_file: Path) -> None:
    import json

    fr = json.loads(run("validate", "--json", bad_file).stdout)["error"]
    en = json.loads(run("validate", "--json", "--lang", "en", bad_file).stdout)["error"]
    assert "forme inconnue" in fr["message"]
    assert "unknown form" in en["message"]
    assert {k: v for k, v in fr.items() if k != "message"} == {
        k: v for k, v in en.items() if k != "message"
    }
    assert fr["location"] == "entities[0].form"


MUTANTS = [
    *list("[]{}:,-?'\"!&*%@`|>\t\\#\x01"),
    "\\x",
    "\\u12",
    "\\ud800",
    "%YAML 1.2\n---",
    "--- ",
    "...",
    "!<",
    "!x!y",
    "\n  ",
    "\n-",
    "%TAG",
    "|9",
    "NaN",
    "1e999",
    ": yes",
    ": 2025-02-30",
    ": -1",
    ": =",
    ": <<",
    ": [ei, ei]",
]
VALID_YAML = TWO + "relations:\n  - {id: r, type: shareholding, from: a, to: b, share: 40}\n"
VALID_JSON = (
    '{"format": "ges-graph/1", "name": "G", "entities": [{"id": "a", "name": "A", '
    '"form": "association"}, {"id": "b", "name": "B", "form": "sarl", "employees": 3}], '
    '"relations": [{"type": "membership", "from": "a", "to": "b", "votes": 10}]}'
)


@given(
    syntax=st.sampled_from(["yaml", "json"]),
    where=st.floats(0, 1),
    insert=st.lists(st.sampled_from(MUTANTS), min_size=1, max_size=3),
    replace=st.booleans(),
)
def test_every_load_error_of_a_broken_document_reads_in_french(
    syntax: str, where: float, insert: list[str], replace: bool
) -> None:
    text = VALID_YAML if syntax == "yaml" else VALID_JSON
    i = int(where * (len(text) - 1))
    broken = text[:i] + "".join(insert) + text[i + int(replace) :]
    try:
        loads(broken, syntax=syntax)  # type: ignore[arg-type]
    except LoadError as err:
        for detail in err.details:
            assert detail.message_fr is not None, detail
            assert ENGLISH.search(french_words(detail)) is None, detail
            assert "erreur de syntaxe (« " not in detail.message_fr, detail  # a libyaml phrase


COVERED_TYPES = {case[-1] for case in CASES} | {"io", "suffix"}
"""Error types shown in French and English by a case above (``io`` and ``suffix`` by
``test_suffix_and_unreadable_file_in_french``)."""


@settings(max_examples=300)
@given(
    syntax=st.sampled_from(["yaml", "json"]),
    where=st.floats(0, 1),
    insert=st.lists(st.sampled_from(MUTANTS), min_size=1, max_size=3),
    replace=st.booleans(),
)
@example(syntax="yaml", where=0.2334, insert=["#"], replace=False)  # entities[0] commented out
@example(syntax="yaml", where=0.7001, insert=["#"], replace=False)  # relations[0] commented out
def test_every_error_type_of_a_broken_document_has_a_case(
    syntax: str, where: float, insert: list[str], replace: bool
) -> None:
    """Whatever refusal a broken document meets, its error type has a case above.

    A new refusal of the loader, or a new error of the model, that a mutant reaches fails here
    until a case shows its French and English (``model_type`` and ``model_attributes_type`` were
    found so).
    """
    text = VALID_YAML if syntax == "yaml" else VALID_JSON
    i = int(where * (len(text) - 1))
    broken = text[:i] + "".join(insert) + text[i + int(replace) :]
    try:
        loads(broken, syntax=syntax)  # type: ignore[arg-type]
    except LoadError as err:
        for detail in err.details:
            assert detail.type in COVERED_TYPES, (broken, detail)


@pytest.mark.parametrize(
    ("lang", "words"), [(None, "id d'entité en double"), ("en", "duplicate entity id")]
)
def test_cli_document_errors_escaping_a_subcommand_follow_lang(
    lang: str | None,
    words: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from ges_graph import cli

    def broken(_: object) -> int:
        GESBuilder("G").entity("a", "A", "association").entity("a", "B", "sarl")
        return 0

    monkeypatch.setattr(cli, "cmd_validate", broken)
    argv = ["validate", "x.yaml"] + (["--lang", lang] if lang else [])
    assert cli.main(argv) == 2
    assert words in capsys.readouterr().err


# -- one translation: the builder words a bad entity or relation as the loader does ------------

BAD_ENTITIES = {
    "public_kind on an association": {"form": "association", "public_kind": "state"},
    "unknown form": {"form": "asociation"},
    "unknown key": {"form": "sas", "colour": "red"},
    "quoted number": {"form": "sas", "employees": "12"},
    "bad SIREN": {"form": "sas", "siren": "123456789"},
    "unknown convention": {"form": "association", "conventions": ["aci", "acx"]},
    "blank name": {"form": "sas", "name": " "},
}
BAD_RELATIONS = {
    "unknown relation type": {"type": "membershp"},
    "share above 100": {"type": "shareholding", "share": 150},
    "unknown flow kind": {"type": "flow", "kind": "gift"},
    "key of another type": {"type": "board", "share": 10},
}


def words(details: list[ErrorDetail]) -> list[tuple[object, ...]]:
    """What a detail says, without where it is in a file (the builder has no file)."""
    return [
        (d.path, d.type, d.message, d.message_fr, d.value, d.expected, d.expected_fr)
        for d in details
    ]


def loaded_details(document: dict[str, object]) -> list[ErrorDetail]:
    with pytest.raises(LoadError) as info:
        loads(json.dumps(document), syntax="json")
    return info.value.details


@pytest.mark.parametrize("fields", BAD_ENTITIES.values(), ids=BAD_ENTITIES)
def test_the_builder_words_a_bad_entity_as_the_loader_does(fields: dict[str, object]) -> None:
    entity = {"id": "a", "name": "A", **fields}
    with pytest.raises(DocumentError) as built:
        GESBuilder("G").entity(**entity)  # type: ignore[arg-type]
    loaded = loaded_details({"format": "ges-graph/1", "name": "G", "entities": [entity]})
    assert built.value.details
    assert words(built.value.details) == words(loaded)


@pytest.mark.parametrize("fields", BAD_RELATIONS.values(), ids=BAD_RELATIONS)
def test_the_builder_words_a_bad_relation_as_the_loader_does(fields: dict[str, object]) -> None:
    builder = GESBuilder("G").entity("a", "A", "association").entity("b", "B", "sas")
    rest = {k: v for k, v in fields.items() if k != "type"}
    with pytest.raises(DocumentError) as built:
        builder.relation(str(fields["type"]), "a", "b", **rest)
    entities = [
        {"id": "a", "name": "A", "form": "association"},
        {"id": "b", "name": "B", "form": "sas"},
    ]
    relation = {"type": fields["type"], "from": "a", "to": "b", **rest}
    loaded = loaded_details(
        {"format": "ges-graph/1", "name": "G", "entities": entities, "relations": [relation]}
    )
    assert built.value.details
    assert words(built.value.details) == words(loaded)


def test_the_one_translation_speaks_both_languages_for_the_builder() -> None:
    with pytest.raises(DocumentError) as info:
        GESBuilder("G").entity("a", "A", "association", public_kind="state")
    (detail,) = info.value.details
    assert detail.path == "entities[0].public_kind"
    assert detail.message == "public_kind is only for a public_body, not for form 'association'"
    assert detail.message_fr == (
        "public_kind ne s'applique qu'à une personne publique (public_body), pas à la forme "
        "« association »"
    )


def _ges_graph_imports(path: Path, *, top_level_only: bool) -> set[str]:
    """The ``ges_graph`` modules a source file imports (at the top, or anywhere)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    names: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return {n for n in names if n.split(".")[0] == "ges_graph"}


def test_the_translation_sits_below_the_loader_and_the_builder() -> None:
    package = ROOT / "ges_graph"
    for module in ("validation_messages.py", "yaml_scalars.py"):
        below = _ges_graph_imports(package / module, top_level_only=False)
        leaves = {
            "ges_graph._lazy",  # PyYAML, named and loaded when a YAML scalar is first resolved
            "ges_graph.errors",
            "ges_graph.i18n",
            "ges_graph.model",
            "ges_graph.vocabulary",
            "ges_graph.yaml_scalars",
        }
        assert below <= leaves, module
    for user in (package / "graph.py", package / "io" / "document.py"):
        assert "ges_graph.validation_messages" in _ges_graph_imports(user, top_level_only=True)
    builder = _ges_graph_imports(package / "graph.py", top_level_only=False)
    assert not any(m == "ges_graph.io" or m.startswith("ges_graph.io.") for m in builder)


def test_a_value_is_quoted_as_the_document_writes_it_not_as_python_does() -> None:
    text = (
        "format: ges-graph/1\nname: G\nentities:\n"
        "  - {id: a, name: A, form: association, external: oui}\n"
        "  - {id: b, name: B, form: sas}\n"
        "  - {id: yes, name: C, form: sas}\n"
        "relations:\n"
        "  - {type: shareholding, from: a, to: b, share: {min: 60, max: 40}}\n"
    )
    with pytest.raises(LoadError) as info:
        loads(text, syntax="yaml", file="g.yaml")
    fr, en = info.value.to_text("fr"), info.value.to_text("en")
    assert "(lu « oui » ; attendu true ou false)" in fr
    assert "(got 'oui'; expected true or false)" in en
    assert "écrivez-la entre guillemets (lu true ; " in fr  # YAML 1.1 read « yes » as true
    assert "write it in quotes (got true; " in en
    assert "min (60) ne doit pas dépasser max (40)" in fr
    assert "min (60) must not be above max (40)" in en
    for python in ("True", "False", "None", "60.0", "'oui'"):
        assert python not in fr


@pytest.mark.parametrize(
    ("written", "other_error"),
    [("Tremplin", False), (" tremplin", False), ("Trémplin", False), ("Tremplin", True)],
)
def test_an_id_written_with_another_case_or_accent_is_suggested(
    written: str, other_error: bool
) -> None:
    form = "asociation" if other_error else "association"  # another error stops the model
    text = (
        "format: ges-graph/1\nname: G\nentities:\n"
        f"  - {{id: tremplin, name: T, form: {form}}}\n"
        "  - {id: s, name: S, form: sas}\n"
        f"relations:\n  - {{type: shareholding, from: {written!r}, to: s, share: 100}}\n"
    )
    with pytest.raises(LoadError) as info:
        loads(text, syntax="yaml")
    (detail,) = [d for d in info.value.details if d.type == "unknown_entity"]
    assert detail.message_in("fr") == "aucune entité n'a cet id ; vouliez-vous dire « tremplin » ?"
    assert detail.message_in("en") == "no entity has this id; did you mean 'tremplin'?"


def test_an_unrelated_unknown_id_gets_no_suggestion() -> None:
    text = (
        "format: ges-graph/1\nname: G\nentities:\n  - {id: tremplin, name: T, form: association}\n"
        "relations:\n  - {type: shareholding, from: nowhere, to: tremplin, share: 1}\n"
    )
    with pytest.raises(LoadError) as info:
        loads(text, syntax="yaml")
    assert info.value.details[0].message_in("fr") == "aucune entité n'a cet id"


def _share_error(share: str) -> ErrorDetail:
    """The one error of a YAML group whose shareholding's ``share`` is written ``share``."""
    text = (
        "format: ges-graph/1\nname: G\nentities:\n  - {id: a, name: A, form: association}\n"
        "  - {id: b, name: B, form: sas}\nrelations:\n"
        f"  - {{type: shareholding, from: a, to: b, share: {share}}}\n"
    )
    with pytest.raises(LoadError) as info:
        loads(text, syntax="yaml")
    (detail,) = info.value.details
    return detail


@pytest.mark.parametrize("share", ['"60 %"', "60 %", "'12,5%'"])
def test_a_percentage_written_with_its_sign_gets_a_hint_when_it_is_a_number(share: str) -> None:
    detail = _share_error(share)
    assert detail.path == "relations[0].share"
    bare = share.strip("'\"").rstrip("%").rstrip()
    if bare == "12,5":  # not a number even without the sign: no such hint
        assert "signe %" not in detail.message_in("fr")
        return
    assert f"un pourcentage s'écrit sans le signe % ({bare}, et non" in detail.message_in("fr")
    assert "a percentage is written without its % sign" in detail.message_in("en")


def test_an_amount_written_with_a_percent_sign_is_not_told_it_is_a_percentage() -> None:
    text = (
        "format: ges-graph/1\nname: G\nentities:\n  - {id: a, name: A, form: association}\n"
        "  - {id: b, name: B, form: sas, budget: 12 %}\n"
    )
    with pytest.raises(LoadError) as info:
        loads(text, syntax="yaml")
    (detail,) = info.value.details
    assert detail.path == "entities[1].budget"
    assert "pourcentage" not in detail.message_in("fr")


@pytest.mark.parametrize(
    ("share", "key"),
    [("60,5 %", "5 %"), ("60,5", "5"), ("12,25%", "25%"), ("60,5\u00a0%", "5\u00a0%")],
)
def test_a_decimal_comma_between_braces_is_refused_not_cut(share: str, key: str) -> None:
    # YAML reads ``{share: 60,5 %}`` as a share of 60 and a key « 5 % » without a value; that
    # key was dropped with the nulls, and 60 % passed for 60.5 %.
    detail = _share_error(share)
    # A key « 5 » is read as an integer, refused as a key before it is an unknown one.
    assert detail.path == ("relations[0]" if key.isdigit() else f"relations[0].{key}")
    assert "la virgule sépare deux clés" in detail.message_in("fr")
    assert "write 60.5, not 60,5" in detail.message_in("en")


def test_an_integer_key_in_attrs_gets_no_decimal_hint() -> None:
    text = (
        "format: ges-graph/1\nname: G\n"
        "entities:\n  - {id: a, name: A, form: sas, attrs: {2024: x}}\n"
    )
    with pytest.raises(LoadError) as info:
        loads(text, syntax="yaml")
    (detail,) = info.value.details
    assert detail.path == "entities[0].attrs"
    assert "décimales" not in detail.message_in("fr")


@pytest.mark.parametrize(
    ("where", "key"),
    [("top", "bogus"), ("entity", "bogus"), ("relation", "share"), ("range", "mid")],
)
def test_an_unknown_key_given_as_null_is_refused(where: str, key: str) -> None:
    # format.md: an *optional* key given as null is absent; an unknown key stays unknown.
    doc: dict[str, object] = {
        "format": "ges-graph/1",
        "name": "G",
        "entities": [
            {"id": "a", "name": "A", "form": "association"},
            {"id": "b", "name": "B", "form": "sas"},
        ],
        "relations": [
            {"type": "membership", "from": "a", "to": "b"},
            {"type": "shareholding", "from": "a", "to": "b", "share": {"min": 10, "max": 20}},
        ],
    }
    paths = {
        "top": key,
        "entity": f"entities[0].{key}",
        "relation": f"relations[0].{key}",  # share is a shareholding's key, not a membership's
        "range": f"relations[1].share.{key}",
    }
    target: dict[str, object] = {
        "top": doc,
        "entity": doc["entities"][0],  # type: ignore[index]
        "relation": doc["relations"][0],  # type: ignore[index]
        "range": doc["relations"][1]["share"],  # type: ignore[index]
    }[where]
    target[key] = None
    with pytest.raises(LoadError) as info:
        loads(json.dumps(doc), syntax="json")
    assert [d.path for d in info.value.details] == [paths[where]]
    assert info.value.details[0].message_in("en").startswith("unknown key")
    del target[key]
    doc["relations"][0]["note"] = None  # type: ignore[index]  # optional: null is absent
    doc["entities"][0]["siren"] = None  # type: ignore[index]
    loaded = loads(json.dumps(doc), syntax="json")
    assert loaded.document.relations[0].note is None


@pytest.mark.parametrize("value", [None, 1])
def test_an_integer_key_in_plain_data_is_said_in_words(value: object) -> None:
    # GES.from_data with a key 5: pydantic's « clé invalide » alone, or, given as null, dropped.
    data = {
        "format": "ges-graph/1",
        "name": "G",
        "entities": [{"id": "a", "name": "A", "form": "sas", 5: value}],
    }
    with pytest.raises(DocumentError) as info:
        GES.from_data(data)
    (detail,) = info.value.details
    assert detail.path == "entities[0]"
    assert detail.message_in("fr").startswith("une clé de dictionnaire doit être une chaîne")
    assert "accolades" not in detail.message_in("fr")  # no YAML text was read


@pytest.mark.parametrize("written", ["flow", "Flow", "Flux"])
def test_a_null_key_of_another_type_is_refused_however_the_type_is_written(written: str) -> None:
    # The type was looked up before its label became a code: « Flow » let share: null pass.
    doc = {
        "format": "ges-graph/1",
        "name": "G",
        "entities": [
            {"id": "a", "name": "A", "form": "association"},
            {"id": "b", "name": "B", "form": "sas"},
        ],
        "relations": [{"type": written, "kind": "service", "from": "a", "to": "b", "share": None}],
    }
    with pytest.raises(LoadError) as info:
        loads(json.dumps(doc), syntax="json")
    assert [d.path for d in info.value.details] == ["relations[0].share"]
