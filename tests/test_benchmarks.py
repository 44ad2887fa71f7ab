"""The benchmarks stay runnable: each script imports what it names from the library.

A benchmark is run by hand (``./dev bench NAME``), not by the suite: one that imported a name the
library no longer has (``bench_report`` did, for a while) would break unseen. Each module is
imported here, in a subprocess (they put ``benchmarks/`` on the path and import each other),
without running its ``main``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
SCRIPTS = sorted(BENCHMARKS.glob("bench_*.py"))


def test_there_are_benchmarks() -> None:
    assert len(SCRIPTS) >= 10


@pytest.mark.parametrize("script", SCRIPTS, ids=[s.stem for s in SCRIPTS])
def test_a_benchmark_imports(script: Path) -> None:
    code = (
        "import importlib.util, sys\n"
        f"sys.path.insert(0, {str(BENCHMARKS)!r})\n"
        f"spec = importlib.util.spec_from_file_location('bench', {str(script)!r})\n"
        "module = importlib.util.module_from_spec(spec)\n"
        "spec.loader.exec_module(module)\n"
        "assert callable(module.main)\n"
    )
    proc = _python(code)
    assert proc.returncode == 0, proc.stderr


def _python(code: str) -> subprocess.CompletedProcess[str]:
    """``code`` run by this interpreter in a process of its own.

    The benchmarks import each other from ``benchmarks/``, which must not stay on this
    process's path.
    """
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=False
    )


def test_the_representation_benchmark_compares_like_with_like() -> None:
    """Its three ways of deciding control give the library's answers (it asserts it)."""
    code = (
        "import sys\n"
        f"sys.path.insert(0, {str(BENCHMARKS)!r})\n"
        "import bench_representation as b\n"
        "from ges_graph.graph import GES\n"
        "for make in (b.one_head, b.chain):\n"
        "    ges = GES.from_data(make(300))\n"
        "    b.same_answers(ges)\n"
        "    assert len(b.control_by_int_keys(ges).parents) == len(b.control_by_id(ges).parents)\n"
        "    print(len(b.control_by_id(ges).parents))\n"
    )
    proc = _python(code)
    assert proc.returncode == 0, proc.stderr
    assert [int(n) for n in proc.stdout.split()] == [299, 299]
