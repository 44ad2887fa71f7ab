"""BODS 0.4 import time, as a ratio to loading the same group's GES document from JSON.

Synthetic groups of n entities (``bench_load.synthetic``: shares, seats, flows) are exported
with :func:`ges_graph.export.to_bods`, then read back. Each step is timed in the same run
(median of repeats) and divided by :func:`ges_graph.io.loads_document` of the document's own
JSON, so the figures compare across machines:

- ``schema``: the BODS 0.4 JSON Schema validation alone (jsonschema);
- ``from_bods``: the whole import (validation, records, interests, the model);
- ``loads_bods``: the same from the JSON text (parsing included).

Run: ``.venv/bin/python benchmarks/bench_bods_import.py [--sizes 10 100 1000] [--repeat 5]``.
"""

from __future__ import annotations

import argparse
import json
import sys
from functools import partial
from typing import Any

from bench_load import median_time, synthetic

from ges_graph.export import to_bods
from ges_graph.graph import GES
from ges_graph.io import dumps, loads_document
from ges_graph.io.bods import _validator, from_bods, loads_bods


def _errors(validator: Any, statements: list[dict[str, Any]]) -> list[Any]:
    return list(validator.iter_errors(statements))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    print(
        f"Python {sys.version.split()[0]}; medians of {args.repeat}; "
        "ratio = time / loads_document of the GES JSON of the same group"
    )
    header = (
        f"{'entities':>8} {'statements':>10} {'GES JSON':>9} {'schema':>8} {'from_bods':>10}"
        f" {'loads_bods':>11}"
    )
    print(header)
    print("-" * len(header))
    validator = _validator()
    for n in args.sizes:
        doc = synthetic(n)
        statements = to_bods(GES(doc), publication_date="2026-01-15")
        text = json.dumps(statements)
        repeat = args.repeat if n < 1000 else max(3, args.repeat // 2)
        base = median_time(
            partial(loads_document, dumps(doc, syntax="json"), syntax="json"), repeat
        )
        row = [
            median_time(partial(_errors, validator, statements), repeat),
            median_time(partial(from_bods, statements), repeat),
            median_time(partial(loads_bods, text), repeat),
        ]
        cells = " ".join(f"{t / base:>{w}.1f}×" for t, w in zip(row, (7, 9, 10), strict=True))
        print(f"{n:>8} {len(statements):>10} {base * 1000:>7.2f}ms {cells}")
    print("\nThe schema validation is most of the import; the mapping itself is cheap.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
