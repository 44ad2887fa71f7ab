"""Benchmark of the command: start-up, and ``validate`` over many files with ``--jobs``.

Run: ``./dev bench cli`` or ``.venv/bin/python benchmarks/bench_cli.py [N_FILES]``. Prints the
best wall-clock time of several runs (after one to warm the caches, with the bytecode caches
written as an installed package has them) and the ratio to a baseline timed in the same run:

- start-up, one table of goal against measured (issue 16): ``ges-graph --help`` (in French, the
  default, and in English) against ``python -c pass`` (the interpreter alone), goal ≤ 3×; and
  ``ges-graph validate`` of a 30-entity document (:mod:`registry`, seeded) against
  ``python -c "import networkx, pydantic"``, goal ≤ 1.3×; ``--version`` is shown beside;
- ``validate`` over N copies of the bundled Tremplin example, with ``--jobs 1``, ``--jobs 2`` and
  ``--jobs 0`` (one process per CPU), against ``--jobs 1``.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from registry import group

from ges_graph._data import example_path

SCRIPT = Path(sys.executable).with_name("ges-graph")
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def best_of(command: list[str], repeat: int = 7) -> float:
    """The best wall-clock time of ``command`` over ``repeat`` runs, after one to warm up."""
    return best_of_each([command], repeat)[0]


def best_of_each(commands: list[list[str]], repeat: int = 7) -> list[float]:
    """The best wall-clock time of each command over ``repeat`` rounds, after one to warm up.

    Each round runs every command once, in turn, so that a slow second of the machine's other
    processes falls on a baseline and on what is compared with it alike (timed in blocks of
    seven, one after the other, the same `validate` printed 1.09× and 1.35× its baseline).
    """
    for command in commands:
        subprocess.run(command, capture_output=True, env=ENV, check=False)
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(repeat):
        for command, got in zip(commands, times, strict=True):
            start = time.perf_counter()
            subprocess.run(command, capture_output=True, env=ENV, check=False)
            got.append(time.perf_counter() - start)
    return [min(got) for got in times]


def row(measure: str, goal: str, measured: str, met: bool | None) -> str:
    verdict = "" if met is None else "met" if met else "**not met**"
    return f"| {measure} | {goal} | {measured} | {verdict} |"


def start_up(tmp: Path) -> list[str]:
    """The table of goal against measured for the command's start-up."""
    one = tmp / "trente.json"
    one.write_text(json.dumps(group(0, 30, seed=1), ensure_ascii=False), encoding="utf-8")
    asked: list[tuple[list[str], float | None]] = [
        (["--help"], 3.0),
        (["--help", "--lang", "en"], 3.0),
        (["--version"], None),
    ]
    python, *elapsed_each = best_of_each(
        [[sys.executable, "-c", "pass"], *([str(SCRIPT), *args] for args, _ in asked)]
    )
    lines = ["| measure | goal | measured | |", "|---|---|---|---|"]
    for (args, goal), elapsed in zip(asked, elapsed_each, strict=True):
        lines.append(
            row(
                f"`ges-graph {' '.join(args)}` / `python -c pass` ({python * 1000:.0f} ms)",
                f"≤ {goal:g}×" if goal else "—",
                f"{elapsed / python:.2f}× ({elapsed * 1000:.0f} ms)",
                None if goal is None else elapsed <= goal * python,
            )
        )
    imports, validated = best_of_each(
        [[sys.executable, "-c", "import networkx, pydantic"], [str(SCRIPT), "validate", str(one)]]
    )
    lines.append(
        row(
            f"`ges-graph validate` (30 entities) / `import networkx, pydantic` "
            f"({imports * 1000:.0f} ms)",
            "≤ 1.3×",
            f"{validated / imports:.2f}× ({validated * 1000:.0f} ms)",
            validated <= 1.3 * imports,
        )
    )
    return lines


def main() -> None:
    n_files = int(sys.argv[1]) if len(sys.argv) > 1 else 60
    print(
        f"machine: {os.cpu_count()} CPU(s); Python {platform.python_version()}; "
        f"{platform.system()} {platform.machine()}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        print("\n".join(start_up(Path(tmp))))
        folder = Path(tmp) / "copies"
        folder.mkdir()
        for i in range(n_files):
            shutil.copy(example_path("tremplin.yaml"), folder / f"g{i:04d}.yaml")
        one = best_of([str(SCRIPT), "validate", "--jobs", "1", str(folder)], repeat=3)
        print(f"\nvalidate {n_files} files --jobs 1  {one:7.3f} s  1.00")
        for jobs in ("2", "0"):
            t = best_of([str(SCRIPT), "validate", "--jobs", jobs, str(folder)], repeat=3)
            print(f"validate {n_files} files --jobs {jobs}  {t:7.3f} s  {t / one:5.2f}x")


if __name__ == "__main__":
    main()
