"""Benchmark of the command on issue 15's hostile shapes: each under 10 s and 1 GiB, end to end.

Run: ``./dev bench hostile`` or ``.venv/bin/python benchmarks/bench_hostile.py [--quick]``.

Issue 15 (item 1) names documents whose cost once exploded inside the size limit: 3,000
unrelated associations, 100,000 entities, a chain of 6,000 shareholdings, 300 fully connected
companies, 300,000 companies with a convention their form may not hold. Each is written to a
JSON file (the generators of ``tests/test_scale_hostile.py``, where the growth is tested) and
``ges-graph validate`` then ``ges-graph classify`` run on it as a user runs them, in a process of
their own: reading the file, the work, and the printing included. For each, the table gives the
wall-clock and processor time, the peak memory of the process (``wait4``) and the size of what
it printed, against the issue's goals (under 10 s and 1 GiB, output under 1 MB), and the ratio to
a baseline timed in the same run on the same file: a process that only reads the document
(``json.loads`` and ``Document.model_validate_json``).

``--quick`` runs a tenth of each size (the table then says nothing of the goals).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from test_scale_hostile import bad_forms, chain, dense, star, unrelated

SCRIPT = Path(sys.executable).with_name("ges-graph")
GIB = 1 << 30
GOAL_SECONDS = 10.0
GOAL_OUTPUT = 1_000_000

SHAPES: list[tuple[str, Callable[[int], dict[str, Any]], int]] = [
    ("3,000 unrelated associations", unrelated, 3_000),
    ("100,000 entities (one head, statutes)", star, 100_000),
    ("100,000 unrelated associations", unrelated, 100_000),
    ("a chain of 6,000 shareholdings", chain, 6_000),
    ("300 fully connected companies", dense, 300),
    ("300,000 companies with bad forms", bad_forms, 300_000),
]

READ_ONLY = (
    "import json, sys\n"
    "from ges_graph.model import Document\n"
    "text = open(sys.argv[1], encoding='utf-8').read()\n"
    "json.loads(text)\n"
    "Document.model_validate_json(text)\n"
)


def measured(command: list[str]) -> tuple[float, float, int, int]:
    """Wall seconds, processor seconds, peak memory (bytes) and output size of ``command``."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL)
        _, _, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = 0  # reaped by wait4: Popen must not wait for it again
        size = out.seek(0, os.SEEK_END)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, size


def _size(n: int) -> str:
    return f"{n} B" if n < 1000 else f"{n / 1000:.1f} kB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of each size")
    args = parser.parse_args()
    print(
        f"# ges-graph on issue 15's hostile shapes ({platform.python_version()}, "
        f"{os.cpu_count()} CPUs{', quick' if args.quick else ''})\n"
    )
    print("| shape | command | wall | CPU | × reading | peak memory | printed | goals |")
    print("|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for label, make, n in SHAPES:
            size = max(n // 10, 10) if args.quick else n
            path = Path(tmp) / "g.json"
            path.write_text(json.dumps(make(size), ensure_ascii=False), encoding="utf-8")
            limit = str(max(path.stat().st_size, 1 << 20))
            floor = measured([sys.executable, "-c", READ_ONLY, str(path)])[0]
            for command in ("validate", "classify"):
                wall, cpu, peak, printed = measured(
                    [str(SCRIPT), command, str(path), "--max-size", limit]
                )
                met = wall < GOAL_SECONDS and peak < GIB and printed < GOAL_OUTPUT
                verdict = "—" if args.quick else "met" if met else "**not met**"
                print(
                    f"| {label if command == 'validate' else ''} | {command} | {wall:.2f} s | "
                    f"{cpu:.2f} s | {wall / floor:.1f}× | {peak / (1 << 20):.0f} MiB | "
                    f"{_size(printed)} | {verdict} |"
                )
    print("\nGoals (issue 15): under 10 s and 1 GiB each, and under 1 MB printed.")


if __name__ == "__main__":
    main()
