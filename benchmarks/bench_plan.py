"""Planning time against one classification of the same group.

Run: ``.venv/bin/python benchmarks/bench_plan.py [--sizes 10,30] [--repeat N]``

For each size it builds the S5-shaped group of ``bench_classify.py`` (an association at the head
holding SAS holdings that hold companies, daughter associations, a pooled GIE, external
shareholders and persons) and times in the same run:

- **classify**: ``classify(ges)`` on a freshly built GES (the control fixed point included);
- **plan → S**: ``plan(ges, S)`` toward each other reference schema, on a freshly built GES.

It prints the medians, plan/classify for each target, the number of edits found and of states
the search classified. A plan costs about one classification per state it looks at (each state is
a new group: its control is computed afresh), so the ratio follows the states, and the search is
bounded (``ges_graph.planning.search.LIMIT``). The machine is shared: read ratios, not times.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_classify import make_group

from ges_graph.classification import classify
from ges_graph.graph import GES
from ges_graph.planning import plan
from ges_graph.schemas import reference_schemas


def _median(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench(size: int, repeat: int) -> None:
    """Print the figures for a group of about ``size`` members."""
    data = make_group(size)
    base = _median(lambda: classify(GES.from_data(data)), repeat)
    own = classify(GES.from_data(data)).schema
    print(f"{size} members ({own}): classify {base * 1000:.1f} ms")
    for schema in reference_schemas():
        if schema.id == own:
            continue
        result = plan(GES.from_data(data), schema.id)
        t = _median(lambda s=schema.id: plan(GES.from_data(data), s), repeat)
        found = f"{len(result)} edit(s)" if result.found else "none within 4 edits"
        print(
            f"  plan → {schema.id}: {t * 1000:8.1f} ms  plan/classify {t / base:7.1f}  "
            f"{found}, {result.explored} states"
        )


def main() -> None:
    """Parse the options and run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,30")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"Python {sys.version.split()[0]}")
    for size in (int(s) for s in args.sizes.split(",")):
        bench(size, args.repeat)


if __name__ == "__main__":
    main()
