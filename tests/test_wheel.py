"""The built wheel carries what the package needs, and works installed in a fresh environment.

The wheel is built without network (``--no-isolation``: hatchling is in the dev group), installed
with ``--no-deps`` into a new virtual environment whose only link to the development one is a
``.pth`` line giving it the dependencies (networkx, pydantic…). A ``.pth`` line does not process
the ``.pth`` files of the folder it names, so the editable install of the source tree stays out:
the test checks that ``ges_graph`` is imported from the fresh environment.
"""

from __future__ import annotations

import json
import os
import site
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


def _run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    # The installed wheel must be what runs: a PYTHONPATH pointing at a source tree would shadow it.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    proc = subprocess.run(
        [str(a) for a in args],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=cwd,
        check=False,
        env=env,
    )
    assert proc.returncode == 0, f"{args}\n{proc.stdout}\n{proc.stderr}"
    return proc


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    _run(sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", out, ROOT)
    (built,) = out.glob("ges_graph-*.whl")
    return built


@pytest.fixture(scope="module")
def fresh(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new virtual environment with the wheel installed; returns its ``bin`` folder."""
    env = tmp_path_factory.mktemp("venv")
    venv.EnvBuilder(with_pip=False).create(env)
    python = env / "bin" / "python"
    purelib = _run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])")
    deps = "\n".join(site.getsitepackages())
    Path(purelib.stdout.strip(), "_ges_graph_test_deps.pth").write_text(deps + "\n")
    _run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "-q", wheel)
    return env / "bin"


def test_the_wheel_holds_the_package_its_data_and_nothing_else(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    data = {
        p.relative_to(ROOT / "schemas").as_posix()
        for p in (ROOT / "schemas").rglob("*")
        if p.is_file()
    }
    assert {"coorace/S1.yaml", "json/ges-document.schema.json"} <= data
    for name in data:
        assert f"ges_graph/_schemas/{name}" in names
    assert "ges_graph/py.typed" in names
    assert "ges_graph/examples/tremplin.yaml" in names
    assert "ges_graph/cli/__init__.py" in names
    assert not [n for n in names if n.startswith(("tests/", "docs/", "notebooks/", "schemas/"))]
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "ges-graph = ges_graph.cli:main" in text


def test_installed_wheel_finds_its_data(fresh: Path) -> None:
    code = (
        "import json, ges_graph, ges_graph._data as d\n"
        "from ges_graph.schemas import reference_schemas\n"
        "print(json.dumps({'module': ges_graph.__file__, 'schemas': str(d.schemas_dir()),\n"
        "  'doc': str(d.json_schema_path('ges-document.schema.json')),\n"
        "  'refs': [s.id for s in reference_schemas()],\n"
        "  'examples': [p.name for p in d.examples()]}))\n"
    )
    out = json.loads(_run(fresh / "python", "-c", code, cwd=fresh).stdout)
    env = fresh.parent
    assert Path(out["module"]).is_relative_to(env), "ges_graph was not imported from the wheel"
    assert Path(out["schemas"]).is_relative_to(env)
    assert Path(out["schemas"]).parts[-2:] == ("ges_graph", "_schemas")
    assert json.loads(Path(out["doc"]).read_text(encoding="utf-8"))["title"]
    assert out["refs"] == ["S1", "S2", "S3", "S4", "S5", "S6"]
    assert "tremplin.yaml" in out["examples"]


def test_installed_console_script_runs(fresh: Path, tmp_path: Path) -> None:
    from importlib.metadata import version

    assert _run(fresh / "ges-graph", "--version").stdout.strip() == (
        f"ges-graph {version('ges-graph')}"
    )
    listed = json.loads(_run(fresh / "ges-graph", "schemas", "--json", cwd=tmp_path).stdout)
    assert [s["id"] for s in listed["schemas"]] == ["S1", "S2", "S3", "S4", "S5", "S6"]
    demo = _run(fresh / "ges-graph", "demo", "-o", tmp_path / "demo", cwd=tmp_path)
    assert (tmp_path / "demo" / "schemas" / "S6.svg").is_file(), demo.stdout
    assert (tmp_path / "demo" / "tremplin.html").is_file()
