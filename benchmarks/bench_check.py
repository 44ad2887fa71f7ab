"""Benchmark of ``ges-graph check`` on a registry, and of the command's start-up.

Run: ``./dev bench check`` or ``.venv/bin/python benchmarks/bench_check.py [--entities 100000]``.
Prints one table, goal against measured, every figure a ratio to a baseline timed in the same
run (and the absolute figure beside it):

- ``check --jobs 2`` over a registry of about 100,000 entities in about 5,000 files
  (:mod:`registry`, seeded), with ``--json`` (every message rendered) and with the table and
  ``--csv``, against the *floor*: ``json.loads`` + ``model_validate_json`` + graph build of the
  same files, one after the other in this process; the floor and each command are timed in
  turn, ``--rounds`` times (two), and the best of each kept; and the peak resident memory of
  the command's whole process tree (sampled every 20 ms);
- ``ges-graph --help`` against ``python -c pass``;
- ``ges-graph validate`` of a 30-entity file against ``python -c "import networkx, pydantic"``.

Start-up times are the best of several runs, with the bytecode caches written (as an installed
package has them), after one run to warm the caches.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench_cli import ENV, best_of_each
from registry import generate, group

from ges_graph.graph import GES
from ges_graph.model import Document

SCRIPT = Path(sys.executable).with_name("ges-graph")
MIB = 1024 * 1024


def floor(files: list[Path]) -> float:
    """``json.loads`` + ``model_validate_json`` + graph build of every file, in this process."""
    start = time.perf_counter()
    for path in files:
        data = path.read_bytes()
        json.loads(data)
        GES(Document.model_validate_json(data))
    return time.perf_counter() - start


def _tree_rss(pid: int) -> int:
    """The resident memory of ``pid`` and its descendants, in bytes (0 once it has ended)."""
    total = 0
    todo = [pid]
    while todo:
        current = todo.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1]) * 1024
        todo.extend(int(child) for child in children)
    return total


def run_with_peak(command: list[str]) -> tuple[float, int, int]:
    """(seconds, peak resident bytes of the process tree, exit code) of one run of ``command``."""
    peak = 0
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)

    def sample() -> None:
        nonlocal peak
        while proc.poll() is None:
            peak = max(peak, _tree_rss(proc.pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    code = proc.wait()
    elapsed = time.perf_counter() - start
    sampler.join()
    return elapsed, peak, code


def row(measure: str, goal: str, measured: str, met: bool) -> str:
    return f"| {measure} | {goal} | {measured} | {'met' if met else '**not met**'} |"


def main() -> None:
    parser = argparse.ArgumentParser(description="ges-graph check and start-up benchmark")
    parser.add_argument("--entities", type=int, default=100_000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2, help="runs of the floor and each command")
    args = parser.parse_args()
    print(
        f"machine: {os.cpu_count()} CPU(s); Python {platform.python_version()}; "
        f"{platform.system()} {platform.machine()}"
    )
    lines = ["| measure | goal | measured | |", "|---|---|---|---|"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "registre"
        n_files, n_entities, n_relations = generate(folder, args.entities)
        print(f"registry: {n_files} files, {n_entities} entities, {n_relations} relations")
        files = sorted(folder.rglob("*.json"))
        # The floor and each command in turn, twice, the best of each kept: a slow minute of a
        # shared machine falls on one run, not on every run of one side.
        floors: list[float] = []
        runs: dict[str, list[tuple[float, int]]] = {"--json": [], "--csv": []}
        for _ in range(args.rounds):
            for option, timed in runs.items():
                floors.append(floor(files))
                extra = [option] if option == "--json" else [option, str(Path(tmp) / "r.csv")]
                command = [str(SCRIPT), "check", *extra, "--jobs", str(args.jobs), str(folder)]
                elapsed, peak, code = run_with_peak(command)
                assert code in (0, 1), f"check failed: exit {code}"
                timed.append((elapsed, peak))
        base = min(floors)
        print(f"floor: {', '.join(f'{f:.2f}' for f in floors)} s; best {base:.2f} s")
        for option, timed in runs.items():
            elapsed = min(t for t, _ in timed)
            peak = max(p for _, p in timed)
            ratio = elapsed / base
            print(f"check {option}: {', '.join(f'{t:.2f}' for t, _ in timed)} s")
            lines.append(
                row(
                    f"`check {option} --jobs {args.jobs}`, {n_files} files / floor ({base:.2f} s)",
                    "≤ 2×, ≤ 5 s",
                    f"{ratio:.2f}× ({elapsed:.2f} s)",
                    ratio <= 2 and elapsed <= 5,
                )
            )
            lines.append(
                row(
                    f"peak RSS of `check {option}`, whole process tree",
                    "≤ 512 MiB",
                    f"{peak / MIB:.0f} MiB",
                    peak <= 512 * MIB,
                )
            )
        one = Path(tmp) / "trente.json"
        one.write_text(json.dumps(group(0, 30, seed=1), ensure_ascii=False), encoding="utf-8")
        python, helped = best_of_each([[sys.executable, "-c", "pass"], [str(SCRIPT), "--help"]])
        lines.append(
            row(
                f"`ges-graph --help` / `python -c pass` ({python * 1000:.0f} ms)",
                "≤ 3×",
                f"{helped / python:.2f}× ({helped * 1000:.0f} ms)",
                helped <= 3 * python,
            )
        )
        imports, validated = best_of_each(
            [
                [sys.executable, "-c", "import networkx, pydantic"],
                [str(SCRIPT), "validate", str(one)],
            ]
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
    print("\n".join(lines))


if __name__ == "__main__":
    main()
