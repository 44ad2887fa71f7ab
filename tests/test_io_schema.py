"""The format's JSON Schema: committed, in step with the models, and true to the documents."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from ges_graph import io
from ges_graph.errors import LoadError
from ges_graph.io import document_json_schema, loads_document
from tests.conformance_cases import CASES
from tests.conftest import ROOT

SCHEMA_FILE = ROOT / "schemas" / "json" / "ges-document.schema.json"
FORMAT_MD = ROOT.parent / "shared" / "spec" / "format.md"


def schema_text() -> str:
    return json.dumps(document_json_schema(), indent=2, ensure_ascii=False) + "\n"


def test_committed_schema_matches_the_models() -> None:
    """Regenerate: ``GES_UPDATE_SCHEMA=1 .venv/bin/python -m pytest tests/test_io_schema.py``."""
    if os.environ.get("GES_UPDATE_SCHEMA"):
        SCHEMA_FILE.write_text(schema_text(), encoding="utf-8")
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), (
        "schemas/json/ges-document.schema.json drifted from the models: regenerate it with "
        "GES_UPDATE_SCHEMA=1 .venv/bin/python -m pytest tests/test_io_schema.py"
    )


def test_schema_is_a_valid_schema() -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$id"] == io.SCHEMA_ID
    assert schema["title"] == "GES document (ges-graph/1)"


def plain(text: str, syntax: io.Syntax) -> Any:
    """The document's data as JSON would carry it (YAML dates as ISO strings)."""
    data, _ = io._read(io._decode(text, "doc", io.MAX_SIZE), syntax, "doc")
    return json.loads(json.dumps(data, default=lambda v: v.isoformat()))


def validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        document_json_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def loadable_cases() -> list[Any]:
    return [c for c in CASES if c.values[0] is None or "load_error" not in c.values[0]]


@pytest.mark.parametrize("case", loadable_cases())
def test_conformance_documents_follow_the_schema(case: dict[str, Any]) -> None:
    text = case["path"].read_text(encoding="utf-8")
    loads_document(text, syntax="yaml")
    validator().validate(plain(text, "yaml"))


def format_md_example() -> str:
    if not FORMAT_MD.is_file():
        pytest.skip("../shared/spec is not present beside the project")
    blocks = re.findall(r"```yaml\n(.*?)```", FORMAT_MD.read_text(encoding="utf-8"), re.S)
    return str(blocks[-1])


def test_format_md_example_follows_the_schema() -> None:
    text = format_md_example()
    doc = loads_document(text, syntax="yaml")
    assert doc.as_of == dt.date(2025, 12, 31)
    validator().validate(plain(text, "yaml"))


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ({"format": "ges-graph/2"}, "format"),
        ({"relatons": []}, "relatons"),
        ({"entities": []}, "entities"),
        ({"entities": [{"id": "a", "name": "A", "form": "associaton"}]}, "form"),
        ({"relations": [{"type": "shareholding", "from": "a", "to": "b", "share": 150}]}, "150"),
        ({"relations": [{"from": "a", "to": "b", "share": 50}]}, "type"),
        ({"relations": [{"type": "membership", "from": "a", "to": "b", "share": 5}]}, "share"),
        ({"entities": [{"id": "a", "name": "A", "form": "sas", "employees": -1}]}, "-1"),
        ({"as_of": "2024-13-01"}, "date"),
    ],
)
def test_schema_refuses_what_loading_refuses(change: dict[str, Any], where: str) -> None:
    base: dict[str, Any] = {
        "format": "ges-graph/1",
        "name": "G",
        "entities": [
            {"id": "a", "name": "A", "form": "association"},
            {"id": "b", "name": "B", "form": "sas"},
        ],
    }
    assert not list(validator().iter_errors(base))
    data = {**base, **change}
    errors = list(validator().iter_errors(data))
    assert errors, data
    with pytest.raises(LoadError):
        loads_document(json.dumps(data), syntax="json")


def test_schema_file_is_in_the_package_data() -> None:
    assert Path(SCHEMA_FILE).is_file()
