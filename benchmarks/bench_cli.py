"""Benchmark of the command: start-up, and ``validate`` over many files with ``--jobs``.

Run: ``.venv/bin/python benchmarks/bench_cli.py [N_FILES]``. Prints, for each measure, the best
of three wall-clock times and the ratio to a baseline measured in the same run:

- start-up: ``ges-graph --version`` and ``ges-graph --help`` against ``python -c pass`` (the
  interpreter alone), with the bytecode caches written as an installed package has them (the
  goals are in ``bench_check.py``'s table, which measures ``check`` on a whole registry);
- ``validate`` over N copies of the bundled Tremplin example, with ``--jobs 1``, ``--jobs 2`` and
  ``--jobs 0`` (one process per CPU), against ``--jobs 1``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ges_graph._data import example_path

SCRIPT = Path(sys.executable).with_name("ges-graph")
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def best_of(command: list[str], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, env=ENV, check=False)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    n_files = int(sys.argv[1]) if len(sys.argv) > 1 else 60
    print(f"machine: {os.cpu_count()} CPU(s); Python {sys.version.split()[0]}")
    base = best_of([sys.executable, "-c", "pass"])
    startup = best_of([str(SCRIPT), "--version"])
    helped = best_of([str(SCRIPT), "--help"])
    print(f"python -c pass          {base:7.3f} s  1.00")
    print(f"ges-graph --version     {startup:7.3f} s  {startup / base:5.2f}x")
    print(f"ges-graph --help        {helped:7.3f} s  {helped / base:5.2f}x")
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(n_files):
            shutil.copy(example_path("tremplin.yaml"), Path(tmp) / f"g{i:04d}.yaml")
        one = best_of([str(SCRIPT), "validate", "--jobs", "1", tmp])
        print(f"validate {n_files} files --jobs 1  {one:7.3f} s  1.00")
        for jobs in ("2", "0"):
            t = best_of([str(SCRIPT), "validate", "--jobs", jobs, tmp])
            print(f"validate {n_files} files --jobs {jobs}  {t:7.3f} s  {t / one:5.2f}x")


if __name__ == "__main__":
    main()
