"""Issue 15: a document with thousands of errors lists the first hundred, then says how many more.

The readers keep the first :data:`ges_graph.errors.LISTED_ERRORS` errors of a file and count the
rest; the model's errors are all counted. The message (French and English), the command's text
and its JSON say « … et N autres erreurs », or « … et au moins N autres erreurs » when reading
stopped at a syntax error, so that nobody takes the hundredth error for the last.
"""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from ges_graph.errors import LISTED_ERRORS, DocumentError, ErrorDetail, LoadError
from ges_graph.graph import GES
from ges_graph.io import loads

CLI = Path(sys.executable).with_name("ges-graph")
HEAD = "format: ges-graph/1\nname: G\nentities:\n  - {id: a, name: A, form: association}\n"


def bad_forms(n: int) -> str:
    """``n`` entities of an unknown form: ``n`` errors of the model."""
    lines = [f"  - {{id: e{i}, name: E{i}, form: associaton}}" for i in range(n)]
    return "format: ges-graph/1\nname: G\nentities:\n" + "\n".join(lines) + "\n"


def duplicate_keys_yaml(n: int, tail: str = "") -> str:
    """``n`` keys written twice under ``attrs``: ``n`` errors of the YAML reader."""
    return HEAD + "attrs:\n" + "".join(f"  k{i}: 1\n  k{i}: 2\n" for i in range(n)) + tail


def duplicate_keys_json(n: int, tail: str = "}") -> str:
    """``n`` keys written twice under ``attrs``: ``n`` errors of the JSON reader."""
    keys = ", ".join(f'"k{i}": 1, "k{i}": 2' for i in range(n))
    head = '{"format": "ges-graph/1", "name": "G", '
    head += '"entities": [{"id": "a", "name": "A", "form": "association"}], '
    return head + '"attrs": {' + keys + "}" + tail


def load_error(text: str, syntax: str) -> LoadError:
    with pytest.raises(LoadError) as info:
        loads(text, syntax=syntax, file="g." + syntax)  # type: ignore[arg-type]
    return info.value


@pytest.mark.parametrize(
    ("text", "syntax"),
    [
        (bad_forms(5000), "yaml"),
        (json.dumps(yaml.safe_load(bad_forms(5000))), "json"),
    ],
    ids=["model-yaml", "model-json"],
)
def test_h15_load_errors_say_how_many_more(text: str, syntax: str) -> None:
    err = load_error(text, syntax)
    assert len(err.details) == LISTED_ERRORS == 100
    assert (err.unlisted, err.at_least) == (4900, False)
    french = err.to_text("fr").splitlines()
    assert len(french) == 101
    assert french[-1] == f"g.{syntax}: … et 4 900 autres erreurs"
    assert str(err).splitlines()[-1] == f"g.{syntax}: … and 4,900 more errors"
    # Pickled (a process pool), the count comes along.
    copy = pickle.loads(pickle.dumps(err))
    assert (copy.unlisted, copy.to_text("fr")) == (4900, err.to_text("fr"))


@pytest.mark.parametrize(
    ("text", "syntax"),
    [
        (duplicate_keys_yaml(250, tail="broken: [\n"), "yaml"),
        (duplicate_keys_json(250, tail=", ]"), "json"),
    ],
)
def test_h15_load_errors_say_at_least_when_reading_stopped(text: str, syntax: str) -> None:
    err = load_error(text, syntax)
    # 250 duplicate keys, then a syntax error that ends the reading: 151 are not listed, and
    # there may be more after the syntax error.
    assert (len(err.details), err.unlisted, err.at_least) == (100, 151, True)
    assert err.to_text("fr").endswith(": … et au moins 151 autres erreurs")
    assert str(err).endswith(": … and at least 151 more errors")


@pytest.mark.parametrize(
    ("text", "syntax"),
    [(duplicate_keys_yaml(5000), "yaml"), (duplicate_keys_json(5000), "json")],
)
def test_h15_a_reader_stops_counting_at_a_thousand(text: str, syntax: str) -> None:
    # The readers count up to ten times what they list, then stop: « au moins ».
    err = load_error(text, syntax)
    assert (len(err.details), err.unlisted, err.at_least) == (100, 900, True)
    assert err.to_text("fr").endswith(f"g.{syntax}: … et au moins 900 autres erreurs")
    exact = load_error(duplicate_keys_yaml(999), "yaml")  # under the count: exact
    assert (exact.unlisted, exact.at_least) == (899, False)


def test_h15_load_errors_singular_and_none() -> None:
    err = load_error(duplicate_keys_yaml(101), "yaml")
    assert err.to_text("fr").endswith(": … et 1 autre erreur")
    assert str(err).endswith(": … and 1 more error")
    exact = load_error(duplicate_keys_yaml(100), "yaml")
    assert exact.unlisted == 0
    assert exact.more_text("fr") is None
    assert len(exact.to_text("fr").splitlines()) == 100
    assert "autre" not in exact.to_text("fr")


def test_h15_document_error_lists_the_first_and_keeps_them_all() -> None:
    data = yaml.safe_load(bad_forms(5000))
    with pytest.raises(DocumentError) as info:
        GES.from_data(data)
    err = info.value
    assert len(err.details) == 5000  # every error, as data
    text = err.to_text("fr")
    assert len(text.splitlines()) == 101
    assert text.endswith("… et 4 900 autres erreurs")
    assert len(str(err)) < 100 * 300  # the message stays the size of a hundred errors


def test_h15_document_error_needs_a_detail_still() -> None:
    with pytest.raises(ValueError, match="at least one detail"):
        DocumentError([], omitted=3)
    err = DocumentError([ErrorDetail("name", "missing")], omitted=0, at_least=True)
    assert err.at_least is False  # nothing left out: nothing to be « at least »


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CLI), *map(str, args)], capture_output=True, text=True, timeout=120, check=False
    )


@pytest.mark.parametrize("command", ["validate", "classify"])
def test_h15_the_command_says_how_many_more(tmp_path: Path, command: str) -> None:
    path = tmp_path / "g.yaml"
    path.write_text(bad_forms(5000), encoding="utf-8")
    proc = run(command, path)
    assert proc.returncode == 2
    assert proc.stderr.count("\n") < 110
    assert f"{path}: … et 4 900 autres erreurs" in proc.stderr
    english = run(command, "--lang", "en", path)
    assert f"{path}: … and 4,900 more errors" in english.stderr
    proc = run(command, "--json", path)
    assert proc.returncode == 2
    error = json.loads(proc.stdout)["error"]
    assert error["omitted"] == {"count": 4900, "at_least": False}
    assert error["message"].endswith("… et 4 900 autres erreurs")
    assert error["location"] == "entities[0].form"


def test_h15_the_command_says_at_least_and_nothing_when_all_are_listed(tmp_path: Path) -> None:
    stopped = tmp_path / "stopped.yaml"
    stopped.write_text(duplicate_keys_yaml(250, tail="broken: [\n"), encoding="utf-8")
    few = tmp_path / "few.yaml"
    few.write_text(duplicate_keys_yaml(3), encoding="utf-8")
    proc = run("validate", "--json", stopped, few)
    assert proc.returncode == 2
    by_file = {entry["file"]: entry["error"] for entry in json.loads(proc.stdout)}
    assert by_file[str(stopped)]["omitted"] == {"count": 151, "at_least": True}
    assert "… et au moins 151 autres erreurs" in by_file[str(stopped)]["message"]
    assert "omitted" not in by_file[str(few)]  # the optional field, absent when all are listed
