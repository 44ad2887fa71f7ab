"""A command that starts at once: what ``--help``, ``--version`` and ``validate`` import.

The real entry point runs in a subprocess with ``-X importtime``, which names every module the
process imported; ``--help`` and ``--version`` must import neither the library's models nor
networkx, pydantic, yaml or matplotlib. The constants written twice so that the command line
needs no heavy import (the version, the default size limit) are kept equal to their sources, and
the reference schemas shipped parsed in advance are kept equal to their YAML files.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

import ges_graph
from ges_graph._data import example_path, reference_schema_paths
from ges_graph._version import __version__
from ges_graph.cli.parser import MAX_SIZE
from ges_graph.io import MAX_SIZE as LIBRARY_MAX_SIZE
from ges_graph.schemas import file_format, loading, reference_schemas

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = Path(sys.executable).with_name("ges-graph")
HEAVY = ("networkx", "pydantic", "pydantic_core", "yaml", "matplotlib", "graphviz")
LIBRARY = ("ges_graph.model", "ges_graph.graph", "ges_graph.io", "ges_graph.rules")


def imported(*args: str, entry: list[str] | None = None) -> set[str]:
    """The modules a run of the command imports (``-X importtime``), by full name."""
    command = (
        entry if entry is not None else [sys.executable, "-X", "importtime", "-m", "ges_graph"]
    )
    proc = subprocess.run(
        [*command, *args], capture_output=True, text=True, timeout=300, check=False
    )
    assert proc.returncode in (0, 1), proc.stderr
    names = set()
    for line in proc.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip())
    assert "ges_graph.cli" in names, "no import trace: is -X importtime honoured?"
    return names


LIGHT = ("dataclasses", "inspect", "decimal", "json", "shutil", "locale", "typing")
"""Standard modules that the help does without (the first two would double its start-up)."""


@pytest.mark.parametrize(
    "args",
    [
        ("--help",),
        ("--version",),
        ("--help", "--lang", "en"),
        ("check", "--help"),
        ("validate", "--help"),
        ("validate", "--help", "--lang", "en"),
        ("convert", "-h"),
        ("import-registry", "--help"),
    ],
)
def test_help_and_version_import_nothing_heavy(args: tuple[str, ...]) -> None:
    names = imported(*args)
    assert not [m for m in (*HEAVY, *LIBRARY) if m in names]
    if args[0] != "convert":  # its help lists --to's formats, read from ges_graph.cli.files
        assert not [m for m in LIGHT if m in names]


def test_the_console_script_starts_light_too() -> None:
    assert SCRIPT.is_file()
    names = imported("--help", entry=[sys.executable, "-X", "importtime", str(SCRIPT)])
    assert not [m for m in (*HEAVY, *LIBRARY) if m in names]


def test_validate_imports_the_loader_and_the_rules_but_nothing_it_does_not_use() -> None:
    names = imported("validate", str(example_path("tremplin.yaml")))
    assert {"pydantic", "ges_graph.rules"} <= names
    unused = (
        "networkx",  # checks read the document's own indexes: networkx is only named (lazily)
        "networkx.classes",
        "ges_graph.flows",  # the budgets and forecasts: a flow says itself (Flow.sentence)
        "stdnum",  # the SIREN and SIRET keys are computed by the library
        "ges_graph.io.spreadsheet.cells",  # workbooks and CSV folders: read when one comes
        "ges_graph.io.bods_records",  # BODS statements: read when an array of them comes
        "matplotlib",
        "graphviz",
        "ges_graph.render",
        "ges_graph.html_report",
        "ges_graph.export",
        "ges_graph.diff",
        "ges_graph.notebook",
        "ges_graph.cli.drawing",
        "ges_graph.cli.files",
        "ges_graph.cli.check",
        "concurrent.futures.process",
    )
    assert [m for m in unused if m in names] == []


def test_validating_json_imports_no_yaml(tmp_path: Path) -> None:
    from ges_graph.io import dumps, load

    path = tmp_path / "groupe.json"
    path.write_text(dumps(load(example_path("tremplin.yaml")), syntax="json"), encoding="utf-8")
    names = imported("validate", str(path))
    assert "ges_graph.rules" in names
    assert not [m for m in names if m == "yaml" or m.startswith("yaml.")]
    assert "ges_graph.io.yaml_reader" not in names


def test_networkx_loads_when_a_graph_is_first_asked_for() -> None:
    code = (
        "import sys\n"
        "sys.argv[0] = '/somewhere/bin/ges-graph'\n"
        "from ges_graph.io import load\n"
        "from ges_graph.rules import validate\n"
        "from ges_graph.classification import classify\n"
        f"ges = load({str(example_path('tremplin.yaml'))!r})\n"
        "validate(ges), classify(ges)\n"
        "assert 'networkx.classes' not in sys.modules, 'networkx ran for the checks'\n"
        "assert 'holding' in ges.graph.nodes\n"
        "import networkx\n"
        "assert isinstance(ges.graph, networkx.MultiDiGraph)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr


def test_the_library_still_loads_its_names_on_import() -> None:
    """``import ges_graph`` outside the command gives every public name, GES with its display."""
    code = (
        "import sys, ges_graph\n"
        "assert 'ges_graph.graph' in sys.modules\n"
        "from ges_graph.graph import GES\n"
        "assert GES._repr_html_ is not None\n"
        "assert ges_graph.classification.classify is ges_graph.classify\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr


def test_in_the_command_the_names_load_on_first_use() -> None:
    code = (
        "import sys\n"
        "sys.argv[0] = '/somewhere/bin/ges-graph'\n"
        "import ges_graph\n"
        "assert 'networkx' not in sys.modules\n"
        "assert ges_graph.loads.__module__ == 'ges_graph.io.loading'\n"
        "assert ges_graph.GES._repr_html_ is not None\n"
        "try:\n"
        "    ges_graph.no_such_name\n"
        "except AttributeError:\n"
        "    pass\n"
        "else:\n"
        "    raise SystemExit('no AttributeError')\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr


def test_the_version_is_that_of_pyproject() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert __version__ == project["version"] == ges_graph.__version__


def test_the_default_size_limit_is_the_library_s() -> None:
    assert MAX_SIZE == LIBRARY_MAX_SIZE


# -- the reference schemas, parsed in advance ------------------------------------------------------


def test_the_parsed_reference_schemas_are_up_to_date() -> None:
    """Fails when a reference file changed and ``reference_parsed.json`` was not regenerated."""
    shipped = file_format._CACHE.read_text(encoding="utf-8")
    assert shipped == file_format.reference_cache_text(), (
        "regenerate ges_graph/schemas/reference_parsed.json (see reference_cache_text)"
    )
    cache = file_format._reference_cache()
    for path in reference_schema_paths():
        text = path.read_text(encoding="utf-8")
        assert cache[file_format._digest(text)] == yaml.safe_load(text), path


def test_the_reference_schemas_are_the_same_parsed_or_not() -> None:
    parsed = loading.load_schema_files(reference_schema_paths())
    assert reference_schemas() == parsed
    assert [s.example_data for s in reference_schemas()] == [s.example_data for s in parsed]


def test_a_changed_reference_file_is_parsed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = reference_schema_paths()[0].read_text(encoding="utf-8")
    changed = tmp_path / "S1.yaml"
    changed.write_text(source.replace("fr: ", "fr: Modifié ", 1), encoding="utf-8")
    monkeypatch.setattr(loading, "reference_schema_paths", lambda: [changed])
    loading.reference_schemas.cache_clear()
    try:
        (schema,) = loading.reference_schemas()
    finally:
        loading.reference_schemas.cache_clear()
    original = loading.load_schema_file(reference_schema_paths()[0])
    assert schema != original
    assert schema.titles.fr == "Modifié " + original.titles.fr
    assert schema.conditions == original.conditions
