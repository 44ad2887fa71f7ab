"""Exports, the report page and diff, against document load time measured in the same run.

Run: ``.venv/bin/python benchmarks/bench_export.py [--sizes 10,100,1000] [--repeat N]``

For each size it builds a group of about ``n`` entities and ``3n`` relations (an association at
the head, holdings, companies, daughter associations under statutory control and with board
seats, memberships, external shareholders, and flows), serialises it to JSON, and times:

- **load**: ``ges_graph.io.loads(json)`` (JSON parsing, model validation, the graph): the baseline;
- **graphml**, **gexf**: ``to_graphml``, ``to_gexf``;
- **bods**: ``to_bods`` (control for the declaration subject included);
- **page**: ``report_html(..., diagram=False)`` (validation, classification and the combined
  budget included; the diagram is Graphviz's time, measured by ``bench_render.py``);
- **diff**: ``diff(old, new)`` where ``new`` changes one share, adds an entity and removes a
  flow (control, classification and validation of both states included).

It prints the medians and each one's ratio to load. The machine is shared, so read ratios, not
absolute figures. Targets: every export within 10 × load; diff within 2 × page (each state is
validated and classified once).
"""

from __future__ import annotations

import argparse
import copy
import gc
import json
import statistics
import time
from collections.abc import Callable
from typing import Any

from ges_graph.diff import diff
from ges_graph.export import to_bods, to_gexf, to_graphml
from ges_graph.graph import GES
from ges_graph.html_report import report_html
from ges_graph.io import loads


def make_group(n: int) -> dict[str, Any]:
    """A group of about ``n`` entities and ``3n`` relations."""
    ents: list[dict[str, Any]] = [
        {
            "id": "head",
            "name": "Association tête",
            "form": "association",
            "board_size": 12,
            "budget": 2_000_000,
            "conventions": ["aci"],
        },
        {"id": "bank", "name": "Banque solidaire", "form": "other", "external": True},
    ]
    rels: list[dict[str, Any]] = []
    holdings = max(1, n // 20)
    for h in range(holdings):
        ents.append({"id": f"h{h}", "name": f"Holding {h}", "form": "sas", "budget": 100_000})
        rels.append({"type": "shareholding", "from": "head", "to": f"h{h}", "share": 100})
        rels.append({"type": "office", "from": "head", "to": f"h{h}", "office": "president"})
    i = 0
    while len(ents) < n:
        h = f"h{i % holdings}"
        if i % 3 == 2:
            eid = f"a{i}"
            ents.append(
                {
                    "id": eid,
                    "name": f"Association {i}",
                    "form": "association",
                    "board_size": 9,
                    "budget": 300_000,
                    "conventions": ["aci"],
                }
            )
            rels.append({"type": "statutory_control", "from": "head", "to": eid})
            rels.append({"type": "board", "from": "head", "to": eid, "seats": 5})
            rels.append({"type": "membership", "from": "head", "to": eid, "votes": 60})
            rels.append(
                {
                    "type": "flow",
                    "kind": "staff_secondment",
                    "from": eid,
                    "to": "head",
                    "amount": 10_000 + i,
                    "basis": "actual_cost",
                    "agreement": True,
                }
            )
        else:
            eid = f"c{i}"
            ents.append(
                {
                    "id": eid,
                    "name": f"Entreprise {i}",
                    "form": "sarl",
                    "budget": 500_000,
                    "employees": 20,
                    "conventions": ["ei"],
                }
            )
            rels.append(
                {"type": "shareholding", "from": h, "to": eid, "share": {"min": 80, "max": 90}}
            )
            rels.append({"type": "shareholding", "from": "bank", "to": eid, "share": 10})
            rels.append(
                {
                    "type": "flow",
                    "kind": "management_fee",
                    "from": eid,
                    "to": h,
                    "amount": 5_000 + i,
                    "basis": "actual_cost",
                    "agreement": True,
                }
            )
        i += 1
    return {
        "format": "ges-graph/1",
        "name": f"Groupe de {n}",
        "as_of": "2025-12-31",
        "entities": ents,
        "relations": rels,
    }


def changed(data: dict[str, Any]) -> dict[str, Any]:
    """The same group a year later: one share changed, one entity added, one flow removed."""
    new = copy.deepcopy(data)
    new["as_of"] = "2026-12-31"
    new["relations"][0]["share"] = 45
    new["entities"].append({"id": "new", "name": "Nouvelle SCIC", "form": "scic"})
    flows = [k for k, r in enumerate(new["relations"]) if r["type"] == "flow"]
    if flows:
        del new["relations"][flows[-1]]
    return new


def make_steps(text: str, new_text: str) -> dict[str, Callable[[], object]]:
    """The timed steps, each on freshly built groups (nothing cached from a previous call)."""
    old = loads(text, syntax="json")
    new = loads(new_text, syntax="json")
    return {
        "load": lambda: loads(text, syntax="json"),
        "graphml": lambda: to_graphml(old),
        "gexf": lambda: to_gexf(old),
        "bods": lambda: to_bods(GES(old.document), publication_date="2026-01-01"),
        "page": lambda: report_html(GES(old.document), diagram=False),
        "diff": lambda: diff(GES(old.document), GES(new.document)),
    }


def median_time(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100,1000")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print("2 cores shared with other jobs: read the ratios to load, not the absolute times.")
    header = f"{'n':>6} {'step':>8} {'median':>11} {'× load':>8}"
    print(header)
    print("-" * len(header))
    for n in (int(s) for s in args.sizes.split(",")):
        data = make_group(n)
        text = json.dumps(data)
        new_text = json.dumps(changed(data))
        steps = make_steps(text, new_text)
        repeat = args.repeat if n <= 1000 else max(1, args.repeat // 3)
        base = None
        for name, fn in steps.items():
            t = median_time(fn, repeat)
            base = base or t
            print(f"{n:>6} {name:>8} {t * 1000:>9.2f} ms {t / base:>8.1f}")


if __name__ == "__main__":
    main()
