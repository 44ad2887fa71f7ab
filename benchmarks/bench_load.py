"""Load time of GES documents, YAML and JSON, as a ratio to ``json.loads`` of the same content.

Synthetic groups of n entities with about 3 relations each (shares, seats, flows). For each size,
every step is timed in the same run (median of repeats) and divided by the time ``json.loads``
takes to parse the JSON text of the same document, so the figures compare across machines:

- ``document``: :func:`ges_graph.io.loads_document` (parse, check, validate);
- ``GES``: :func:`ges_graph.io.loads` (the above plus the networkx graph).

Run: ``.venv/bin/python benchmarks/bench_load.py [--sizes 10 100 1000 10000] [--repeat 5]``.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from typing import Any

import yaml

from ges_graph.io import dumps, loads, loads_document
from ges_graph.io.yaml_reader import _LOADER
from ges_graph.model import Document, Form

FORMS = [Form.ASSOCIATION, Form.SAS, Form.SARL, Form.SCIC, Form.SCOP, Form.UNION, Form.OTHER]


def synthetic(n: int, seed: int = 0) -> Document:
    """A valid document of ``n`` entities and about ``3 n`` relations."""
    rnd = random.Random(seed)
    entities = [
        {
            "id": f"e{i}",
            "name": f"Entité {i}",
            "form": rnd.choice(FORMS).value,
            "budget": rnd.randint(0, 10**6),
            "employees": rnd.randint(0, 80),
            "attrs": {"rank": i},
        }
        for i in range(n)
    ]
    relations: list[dict[str, Any]] = []
    for i in range(n):
        for k in range(3):
            j = rnd.randrange(n)
            if j == i:
                j = (i + 1) % n
            if n == 1:
                break
            ends = {"from": f"e{i}", "to": f"e{j}"}
            if k == 0:
                relations.append({"type": "shareholding", **ends, "share": rnd.randint(1, 100)})
            elif k == 1:
                relations.append({"type": "board", **ends, "seats": rnd.randint(1, 4)})
            else:
                relations.append(
                    {"type": "flow", "kind": "service", **ends, "amount": rnd.randint(0, 10**5)}
                )
    return Document.model_validate(
        {
            "format": "ges-graph/1",
            "name": f"Synthetic {n}",
            "as_of": "2025-12-31",
            "entities": entities,
            "relations": relations,
        }
    )


def median_time(func: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000, 10000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--yaml-max", type=int, default=10000, help="largest YAML size to time")
    args = parser.parse_args(argv)

    print(
        f"Python {sys.version.split()[0]}, YAML loader {_LOADER.__name__}; medians of "
        f"{args.repeat}; ratio = time / json.loads of the same content"
    )
    header = (
        f"{'entities':>8} {'relations':>9} {'json.loads':>11} {'JSON doc':>9} {'JSON GES':>9}"
        f" {'YAML doc':>9} {'YAML GES':>9} {'yaml.CSafeLoader':>17}"
    )
    print(header)
    print("-" * len(header))
    for n in args.sizes:
        doc = synthetic(n)
        json_text = dumps(doc, syntax="json")
        yaml_text = dumps(doc, syntax="yaml")
        repeat = args.repeat if n < 10000 else max(3, args.repeat // 2)
        base = median_time(partial(json.loads, json_text), repeat * 3)
        row = [
            median_time(partial(loads_document, json_text, syntax="json"), repeat),
            median_time(partial(loads, json_text, syntax="json"), repeat),
        ]
        if n <= args.yaml_max:
            yrep = max(1, repeat // 2) if n >= 1000 else repeat
            row += [
                median_time(partial(loads_document, yaml_text, syntax="yaml"), yrep),
                median_time(partial(loads, yaml_text, syntax="yaml"), yrep),
                median_time(partial(yaml.load, yaml_text, Loader=_LOADER), yrep),
            ]
        cells = " ".join(f"{t / base:>8.1f}×" for t in row[:4])
        if len(row) > 4:
            cells += f" {row[4] / base:>16.1f}×"
        print(f"{n:>8} {len(doc.relations):>9} {base * 1000:>9.2f}ms {cells}")
    print("\nJSON is the fast path; plain yaml.load (no checks, no validation) shown for scale.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
