"""The report page with its two views and the flows matrix, against ``dot`` alone in the same run.

Run: ``.venv/bin/python benchmarks/bench_report.py [--sizes 10,30,60,100] [--repeat N]``

For each size it builds the group of ``bench_export.make_group`` (about ``n`` entities and ``3n``
relations) and times:

- **dot**: Graphviz's ``dot -Tsvg`` alone on the DOT the library writes for the views the page
  draws (structure, and flows when it has any): the baseline;
- **page**: ``report_html(ges)``, both views drawn (so ``dot`` included), sized, inlined;
- **no-views**: ``report_html(ges, diagram=False)``: validation, classification, budget, the
  flows matrix table;
- **heatmap**: ``flow_heatmap(ges)`` drawn to PNG (matplotlib, Agg).

It prints the medians and each one's ratio to ``dot``. The machine is shared, so read ratios,
not absolute figures. Target: page within ``dot`` + no-views + 20 % of ``dot``.
"""

from __future__ import annotations

import argparse
import gc
import io
import statistics
import subprocess
import time
from collections.abc import Callable

from bench_export import make_group

from ges_graph.graph import GES
from ges_graph.html_report import report_html
from ges_graph.html_report._diagrams import flow_edges
from ges_graph.render import to_dot
from ges_graph.render.dot import find_dot
from ges_graph.render.matrix import flow_heatmap


def median_time(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def steps(ges: GES) -> dict[str, Callable[[], object]]:
    dot = find_dot()
    assert dot is not None, "Graphviz's dot is needed"
    views = ["structure"] + (["flows"] if flow_edges(ges) > 0 else [])
    sources = [to_dot(ges, view=v) for v in views]  # the views the page draws

    def dot_alone() -> None:
        for source in sources:
            subprocess.run([dot, "-Tsvg"], input=source.encode(), capture_output=True, check=True)

    def heatmap() -> None:
        flow_heatmap(ges).savefig(io.BytesIO(), format="png")

    return {
        "dot": dot_alone,
        "page": lambda: report_html(ges),
        "no-views": lambda: report_html(ges, diagram=False),
        "heatmap": heatmap,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,30,60,100")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print("2 cores shared with other jobs: read the ratios to dot, not the absolute times.")
    header = f"{'n':>5} {'flows':>5} {'step':>9} {'median':>11} {'× dot':>7}"
    print(header)
    print("-" * len(header))
    for n in (int(s) for s in args.sizes.split(",")):
        ges = GES.from_data(make_group(n))
        timed = {name: median_time(fn, args.repeat) for name, fn in steps(ges).items()}
        base = timed["dot"]
        for name, t in timed.items():
            print(f"{n:>5} {flow_edges(ges):>5} {name:>9} {t * 1000:>8.1f} ms {t / base:>7.2f}")
        overhead = (timed["page"] - timed["no-views"] - base) / base
        print(f"{n:>5} {'':>5} {'overhead':>9} {'':>11} {overhead:>+7.0%}  (page - no-views - dot)")


if __name__ == "__main__":
    main()
