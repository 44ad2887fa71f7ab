"""Schema files: the reference set, the JSON Schema (drift), malformed files, a seventh schema."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest
import yaml

from ges_graph._data import json_schema_path, reference_schema_path, reference_schema_paths
from ges_graph.classification import classify
from ges_graph.errors import SchemaFileError
from ges_graph.graph import GES
from ges_graph.schemas import (
    PREDICATES,
    SchemaDef,
    dump_json_schema,
    load_schema_file,
    load_schema_files,
    load_schema_text,
    reference_schemas,
)

# -- the reference set ------------------------------------------------------------------------


def test_six_reference_schemas_with_the_spec_confidence() -> None:
    schemas = reference_schemas()
    assert [s.id for s in schemas] == ["S1", "S2", "S3", "S4", "S5", "S6"]
    assert {s.id: s.confidence for s in schemas} == {
        "S1": "high",
        "S2": "medium",
        "S3": "low to medium",
        "S4": "low",
        "S5": "medium",
        "S6": "medium",
    }
    assert schemas[0].title("fr") == "Groupe associatif ou union d'associations"
    assert schemas[4].title("fr") == "Groupe mixte avec gouvernance associative et SAS"
    assert schemas[5].title("fr") == "Groupe mixte avec une gouvernance coopérative"
    assert [v.id for v in schemas[0].variants] == ["1a", "1b"]


def test_every_schema_has_the_three_common_conditions() -> None:
    for s in reference_schemas():
        ids = [c.id for c in s.conditions]
        assert ids[:3] == ["at-least-two-members", "unified-governance", "no-outside-control"]


def test_reference_files_carry_a_header_on_their_basis() -> None:
    paths = reference_schema_paths()
    assert len(paths) >= 6
    for path in paths:
        text = path.read_text(encoding="utf-8")
        header = text.split("\nid:")[0]
        assert header.startswith(f"# {path.stem}")
        assert "How sure:" in header
        assert "rests on" in header


def test_reference_schemas_load_once_and_not_at_import() -> None:
    assert reference_schemas() is reference_schemas()
    code = (
        "import ges_graph.schemas as s, ges_graph.classification;"
        "print(s.reference_schemas.cache_info().currsize)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "0"


def test_example_property_gives_a_document() -> None:
    s = reference_schemas()[4]
    assert s.example.name == "Groupe Tremplin"
    assert isinstance(s.example_ges(), GES)


# -- the JSON Schema of the format ------------------------------------------------------------


def test_json_schema_committed_matches_the_models() -> None:
    committed = json_schema_path("ges-schema.schema.json").read_text(encoding="utf-8")
    assert committed == dump_json_schema(), (
        "schemas/json/ges-schema.schema.json is stale: regenerate it with "
        "`python -c 'from ges_graph.schemas import dump_json_schema as d; "
        'open("schemas/json/ges-schema.schema.json", "w").write(d())\'`'
    )


def test_reference_files_validate_against_the_json_schema() -> None:
    schema = json.loads(json_schema_path("ges-schema.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    paths = reference_schema_paths()
    assert len(paths) >= 6
    for path in paths:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        jsonschema.validate(json.loads(json.dumps(data, default=str)), schema)


def test_json_schema_refuses_an_unknown_predicate() -> None:
    schema = json.loads(dump_json_schema())
    data = json.loads(
        json.dumps(yaml.safe_load(reference_schema_path("S6.yaml").read_text()), default=str)
    )
    data["conditions"][0]["test"] = {"head_is_nice": True}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


# -- malformed files are refused with the file and the place ------------------------------------

GOOD = textwrap.dedent(
    """\
    id: S7
    title: {fr: Régie publique, en: Public régie}
    confidence: low
    basis: {fr: un test, en: a test}
    head_condition:
      id: head-public
      text: {fr: la tête est publique, en: the head is public}
      test: {head: {family: [public]}}
    conditions:
      - id: at-least-two-members
        text: {fr: deux membres, en: two members}
        test: {members: {at_least: 2}}
      - id: unified-governance
        text: {fr: unifiée, en: unified}
        test: {unified: true}
      - id: head-controls-an-association
        text: {fr: la tête contrôle une association, en: the head controls an association}
        test: {head_link: {link: controls, to: {family: [associative]}, as: asso}}
      - id: association-controls-a-company
        text: {fr: cette association contrôle une société, en: it controls a company}
        test: {link: {from: asso, link: capital_controls, to: {family: [company]}}}
    example:
      format: ges-graph/1
      name: Régie
      entities:
        - {id: ville, name: Ville, form: public_body}
        - {id: asso, name: Association, form: association}
        - {id: sarl, name: SARL, form: sarl}
      relations:
        - {type: statutory_control, from: ville, to: asso}
        - {type: shareholding, from: asso, to: sarl, share: 100}
    """
)


@pytest.mark.parametrize(
    ("old", "new", "place", "words"),
    [
        (
            "{head: {family: [public]}}",
            "{heed: {family: [public]}}",
            "head_condition.test.heed",
            "unknown predicate",
        ),
        (
            "{family: [public]}}",
            "{family: [publik]}}",
            "head_condition.test.head.family[0]",
            "publik",
        ),
        ("{members: {at_least: 2}}", "{members: {}}", "conditions[0].test.members", "at_least"),
        (
            "{members: {at_least: 2}}",
            "{members: {at_least: 2}, unified: true}",
            "conditions[0].test",
            "exactly one",
        ),
        ("from: asso, link", "from: nothing, link", "conditions[3].test.link.from", "not bound"),
        ("id: unified-governance", "id: at-least-two-members", "conditions[1].id", "duplicate"),
        ("confidence: low", "confidence: sure", "confidence", "sure"),
        ("link: controls", "link: owns", "conditions[2].test.head_link.link", "owns"),
        ("form: sarl}", "form: sarlx}", "example.entities[2].form", "sarlx"),
        ("to: sarl, share: 100", "to: nope, share: 100", "example.relations[1].to", "nope"),
        ("title: {fr: Régie publique, en: Public régie}\n", "", "title", "required"),
    ],
)
def test_malformed_schema_is_refused_with_file_and_place(
    old: str, new: str, place: str, words: str
) -> None:
    assert old in GOOD
    with pytest.raises(SchemaFileError) as info:
        load_schema_text(GOOD.replace(old, new, 1), file="mine.yaml")
    err = info.value
    assert err.file == "mine.yaml"
    assert err.path.startswith(place)
    assert "(line " in err.path
    assert words.lower() in str(err).lower()
    assert str(err).startswith("mine.yaml: ")


def test_line_numbers_point_at_the_place() -> None:
    with pytest.raises(SchemaFileError) as info:
        load_schema_text(GOOD.replace("link: controls", "link: owns"), file="mine.yaml")
    line = int(info.value.path.split("(line ")[1].rstrip(")"))
    assert "link: owns" in GOOD.replace("link: controls", "link: owns").splitlines()[line - 1]


def test_broken_yaml_and_non_mapping() -> None:
    with pytest.raises(SchemaFileError, match=r"bad\.yaml: line 1, column \d+: not valid YAML"):
        load_schema_text("id: [", file="bad.yaml")
    with pytest.raises(SchemaFileError, match="is a mapping"):
        load_schema_text("- 1\n- 2\n", file="list.yaml")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SchemaFileError) as info:
        load_schema_file(tmp_path / "absent.yaml")
    assert info.value.file.endswith("absent.yaml")


def test_predicates_listed() -> None:
    assert set(PREDICATES) >= {"head", "count", "head_link", "link", "unified", "members"}


# -- a seventh schema, as a new file --------------------------------------------------------------


def test_custom_seventh_schema_classifies_a_graph_built_for_it(tmp_path: Path) -> None:
    path = tmp_path / "S7.yaml"
    path.write_text(GOOD, encoding="utf-8")
    s7 = load_schema_file(path)
    assert isinstance(s7, SchemaDef)
    assert s7.file == str(path)
    ges = GES.from_data(
        {
            "format": "ges-graph/1",
            "name": "Régie de territoire",
            "entities": [
                {"id": "cc", "name": "Communauté de communes", "form": "public_body"},
                {"id": "a", "name": "Association de la régie", "form": "association"},
                {"id": "s", "name": "Régie Services", "form": "sas"},
                {"id": "t", "name": "Régie Travaux", "form": "sarl"},
            ],
            "relations": [
                {"type": "statutory_control", "from": "cc", "to": "a"},
                {"type": "shareholding", "from": "a", "to": "s", "share": 70},
                {"type": "shareholding", "from": "s", "to": "t", "share": 100},
            ],
        }
    )
    assert classify(ges).schema is None  # none of the six: the head is public
    result = classify(ges, [*reference_schemas(), s7])
    assert result.schema == "S7"
    assert result.head == "cc"
    assert result.roles["asso"] == ("a",)
    assert [c.schema for c in result.candidates] == ["S1", "S2", "S3", "S4", "S5", "S6", "S7"]
    alone = classify(ges, [s7])
    assert alone.schema == "S7"
    assert len(alone.candidates) == 1
    # and its own example classifies as it
    assert classify(s7.example_ges(), [s7]).schema == "S7"
    # break its last condition: the association controls the SAS by its statutes, not capital
    broken = GES.from_data(
        {
            **ges.document.model_dump(by_alias=True, exclude_none=True),
            "relations": [
                {"type": "statutory_control", "from": "cc", "to": "a"},
                {"type": "statutory_control", "from": "a", "to": "s"},
                {"type": "shareholding", "from": "s", "to": "t", "share": 100},
            ],
        }
    )
    miss = classify(broken, [s7])
    assert miss.schema is None
    assert miss.nearest == "S7"
    assert [c.id for c in miss.candidate("S7").failed] == ["association-controls-a-company"]


@pytest.fixture
def reference_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the reference folder that ``reference_schemas()`` reads, its cache cleared."""
    import ges_graph._data

    folder = tmp_path / "coorace"
    shutil.copytree(ges_graph._data.reference_schemas_dir(), folder)
    monkeypatch.setattr(ges_graph._data, "reference_schemas_dir", lambda: folder)
    reference_schemas.cache_clear()
    yield folder
    reference_schemas.cache_clear()


def test_a_file_dropped_into_the_reference_folder_is_a_seventh_reference_schema(
    reference_folder: Path,
) -> None:
    (reference_folder / "S7.yaml").write_text(GOOD, encoding="utf-8")
    schemas = reference_schemas()
    assert [s.id for s in schemas] == ["S1", "S2", "S3", "S4", "S5", "S6", "S7"]
    s7 = schemas[-1]
    result = classify(s7.example_ges())  # the default set now holds S7
    assert result.schema == "S7"
    assert [c.schema for c in result.candidates][-1] == "S7"


def test_a_dropped_seventh_schema_is_generated_and_broken_with_no_python_change(
    reference_folder: Path,
) -> None:
    """The strategies know S7 by its id once its file is in the folder: data, not code."""
    from hypothesis import HealthCheck, given, settings

    from ges_graph.strategies import NearMiss, SchemaDocument, from_schema, near_misses

    (reference_folder / "S7.yaml").write_text(GOOD, encoding="utf-8")

    @settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(from_schema("S7"), near_misses("S7"))
    def check(member: SchemaDocument, miss: NearMiss) -> None:
        result = classify(GES(member.document))
        assert (result.schema, result.head) == ("S7", member.head)
        missed = classify(GES(miss.document))
        assert missed.schema != "S7"
        assert miss.condition in {
            c.condition.id for c in missed.candidate("S7").conditions if not c.held
        }

    check()


def test_reference_files_sort_by_number_and_refuse_a_shared_id(reference_folder: Path) -> None:
    (reference_folder / "S10.yaml").write_text(GOOD.replace("id: S7", "id: S10"), encoding="utf-8")
    (reference_folder / "S7.yaml").write_text(GOOD, encoding="utf-8")
    assert [s.id for s in reference_schemas()][-2:] == ["S7", "S10"]
    reference_schemas.cache_clear()
    (reference_folder / "S8.yaml").write_text(GOOD, encoding="utf-8")  # id S7 again
    with pytest.raises(SchemaFileError, match=r"S8\.yaml: id: the schema id 'S7' is already taken"):
        reference_schemas()


def test_a_seventh_schema_is_drawn_with_no_python_change(tmp_path: Path) -> None:
    pytest.importorskip("ges_graph.render")
    from ges_graph.render import to_svg
    from ges_graph.render.dot import find_dot

    if find_dot() is None:
        pytest.skip("Graphviz's dot is not installed")
    path = tmp_path / "S7.yaml"
    path.write_text(GOOD, encoding="utf-8")
    svg = to_svg(load_schema_file(path).example_ges())
    assert svg.lstrip().startswith(("<?xml", "<svg", "<!DOCTYPE"))
    for name in ("Ville", "Association", "SARL"):
        assert f">{name}<" in svg


def test_load_schema_files_refuses_a_taken_id(tmp_path: Path) -> None:
    s7, again = tmp_path / "S7.yaml", tmp_path / "again.yaml"
    s7.write_text(GOOD, encoding="utf-8")
    again.write_text(GOOD, encoding="utf-8")
    assert [s.id for s in load_schema_files([s7], beside=reference_schemas())] == ["S7"]
    with pytest.raises(SchemaFileError, match=r"again\.yaml: id: .*'S7' is already taken"):
        load_schema_files([s7, again])
    taken = tmp_path / "S4.yaml"
    taken.write_text(GOOD.replace("id: S7", "id: S4"), encoding="utf-8")
    with pytest.raises(SchemaFileError, match=r"'S4' is already taken \(by .*S4\.yaml\)"):
        load_schema_files([taken], beside=reference_schemas())


def test_classify_refuses_two_schemas_with_one_id() -> None:
    s1 = reference_schemas()[0]
    with pytest.raises(SchemaFileError, match="'S1' is already taken"):
        classify(s1.example_ges(), [s1, *reference_schemas()])


# Every name that ``ges_graph.schemas`` offered as one module, before it became a package.
_NAMES_OF_THE_MODULE = [
    "PREDICATES",
    "Condition",
    "EntityFilter",
    "Evaluation",
    "Link",
    "Outcome",
    "SchemaDef",
    "SchemaFile",
    "json_schema",
    "load_schema_file",
    "load_schema_text",
    "reference_schemas",
    "dump_json_schema",
    "Confidence",
    "Name",
    "Count",
    "Text",
    "Bounds",
    "CountArgs",
    "RelationsArgs",
    "HeadLinkArgs",
    "LinkArgs",
    "MembersTest",
    "UnifiedTest",
    "HeadOutsideControlTest",
    "HeadTest",
    "HeadCoordinatingTest",
    "CountTest",
    "RelationsTest",
    "HeadLinkTest",
    "LinkTest",
    "Test",
    "ConditionSpec",
    "VariantSpec",
]


def test_every_name_of_the_former_module_is_still_importable() -> None:
    import ges_graph.schemas as package

    missing = [n for n in _NAMES_OF_THE_MODULE if not hasattr(package, n)]
    assert missing == []
    assert set(package.__all__) <= set(dir(package))
    assert package.TEST_MODELS["count"] is package.CountTest


def test_the_package_modules_stay_readable_in_one_sitting() -> None:
    import ges_graph.schemas as package

    for module in Path(package.__file__).parent.glob("*.py"):
        lines = module.read_text(encoding="utf-8").count("\n")
        assert lines <= 500, f"{module.name} has {lines} lines"


# -- the command ----------------------------------------------------------------------------


def test_cli_schemas_text_says_reconstructions(capsys: pytest.CaptureFixture[str]) -> None:
    from ges_graph.cli import main

    assert main(["schemas"]) == 0
    out = capsys.readouterr().out
    assert "Ce sont des reconstitutions" in out
    assert (
        "  S3 — Groupe mixte avec gouvernance associative (association faîtière ; "
        "reconstitution de la typologie COORACE, confiance faible à moyenne)\n"
    ) in out
    assert main(["schemas", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "These are reconstructions" in out
    assert (
        "  S4 — Mixed group under a commercial holding "
        "(reconstruction of the COORACE typology, low confidence)\n"
    ) in out


def test_cli_schemas_json(capsys: pytest.CaptureFixture[str]) -> None:
    from ges_graph.cli import main

    assert main(["schemas", "--json", "--lang", "en"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["reconstruction"] is True
    assert [s["id"] for s in data["schemas"]] == ["S1", "S2", "S3", "S4", "S5", "S6"]
    assert data["schemas"][0]["variants"] == ["1a", "1b"]
    assert data["schemas"][3]["confidence"] == "low"
    assert data["schemas"][5]["title"] == "Mixed group with cooperative governance"
