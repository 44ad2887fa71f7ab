"""Reading and writing a group as a workbook or a CSV folder, as a ratio to reading its YAML.

Synthetic groups of n entities with about 3 relations each (``bench_load.synthetic``). For each
size, every step is timed in the same run (median of repeats) and divided by the time
:func:`ges_graph.io.load_document` takes to read the same document from a YAML file, so that the
figures compare across machines:

- ``xlsx read`` / ``xlsx write``: :func:`load_workbook` / :func:`save_workbook` (openpyxl);
- ``csv read`` / ``csv write``: :func:`load_csv_folder` / :func:`save_csv_folder`.

Run: ``.venv/bin/python benchmarks/bench_spreadsheet.py [--sizes 10 100 1000] [--repeat 5]``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from functools import partial
from pathlib import Path

from bench_load import median_time, synthetic

from ges_graph.io import load_document, save
from ges_graph.io.spreadsheet import (
    load_csv_folder,
    load_workbook,
    save_csv_folder,
    save_workbook,
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    print(
        f"Python {sys.version.split()[0]}; medians of {args.repeat}; "
        "ratio = time / load_document of the same group's YAML file"
    )
    header = (
        f"{'entities':>8} {'relations':>9} {'YAML read':>10} {'xlsx read':>10} "
        f"{'xlsx write':>10} {'csv read':>9} {'csv write':>9}"
    )
    print(header)
    print("-" * len(header))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for n in args.sizes:
            doc = synthetic(n)
            yaml_path, book, csv_dir = folder / f"{n}.yaml", folder / f"{n}.xlsx", folder / f"{n}"
            save(doc, yaml_path)
            save_workbook(doc, book)
            save_csv_folder(doc, csv_dir)
            assert load_workbook(book) == doc
            assert load_csv_folder(csv_dir) == doc
            repeat = args.repeat if n < 1000 else max(1, args.repeat // 2)
            base = median_time(partial(load_document, yaml_path), repeat)
            row = [
                median_time(partial(load_workbook, book), repeat),
                median_time(partial(save_workbook, doc, book), repeat),
                median_time(partial(load_csv_folder, csv_dir), repeat),
                median_time(partial(save_csv_folder, doc, csv_dir), repeat),
            ]
            cells = " ".join(f"{t / base:>9.1f}×" for t in row)
            print(f"{n:>8} {len(doc.relations):>9} {base * 1000:>8.1f}ms {cells}")
    print("\nopenpyxl parses and writes XML in Python: workbooks are the slow path, CSV the fast.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
