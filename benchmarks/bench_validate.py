"""Validation time beside load time, on synthetic groups of 10 to 10,000 members.

Run with ``.venv/bin/python benchmarks/bench_validate.py`` (``--quick`` stops at 1,000 members).
Each group is a tree under one head association (about 3 relations per entity: a governance or
capital tie to the parent, a management fee to it, a service flow to a sibling; a few external
minority shareholders), written as JSON. For each size, in the same run:

- ``load``: JSON text → validated document → GES (``ges_graph.io.loads``);
- ``validate``: :func:`ges_graph.rules.validate` on a freshly loaded GES, control computed on the
  way (``ges.control`` is lazy), i.e. what ``ges-graph validate`` does after loading;
- ``cached``: validate again on the same GES (control already computed: the rules alone).

Medians; ``ratio`` (the median of the per-repetition ratios validate/load) is the figure to read,
beside ``best`` (fastest validate / fastest load, the least disturbed by other processes); target:
at most 2 at 30 members. µs per member should stay flat as n grows (linear growth). Timings on
a shared machine vary by 10-30 %: compare ratios within one run, never absolute figures across
runs.
"""

from __future__ import annotations

import gc
import json
import random
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ges_graph.io import loads
from ges_graph.rules import validate

COMPANY_FORMS = ("sas", "sarl", "sa")


def synthetic(n: int, seed: int = 1) -> str:
    """A GES of ``n`` members (plus n/10 external partners) as JSON text."""
    rnd = random.Random(seed)
    entities: list[dict[str, Any]] = [
        {
            "id": "e0",
            "name": "Tête de groupe",
            "form": "association",
            "conventions": ["aci"],
            "board_size": 9,
            "budget": 2_000_000,
            "employees": 40,
        }
    ]
    relations: list[dict[str, Any]] = []
    for i in range(1, n):
        parent = (i - 1) // 3
        company = rnd.random() < 0.5
        form = rnd.choice(COMPANY_FORMS) if company else "association"
        e: dict[str, Any] = {
            "id": f"e{i}",
            "name": f"Structure {i}",
            "form": form,
            "budget": rnd.randrange(50_000, 3_000_000),
            "employees": rnd.randrange(1, 80),
        }
        if rnd.random() < 0.6:
            e["conventions"] = ["ei"] if company else [rnd.choice(["aci", "ai"])]
        if not company:
            e["board_size"] = 6
        entities.append(e)
        p = f"e{parent}"
        if company:
            relations.append(
                {"type": "shareholding", "from": p, "to": e["id"], "share": rnd.randrange(51, 96)}
            )
        elif rnd.random() < 0.5:
            relations.append({"type": "board", "from": p, "to": e["id"], "seats": 4})
        else:
            relations.append({"type": "statutory_control", "from": p, "to": e["id"]})
        relations.append(
            {
                "type": "flow",
                "kind": "management_fee",
                "from": e["id"],
                "to": p,
                "amount": rnd.randrange(1_000, 50_000),
                "basis": "actual_cost",
                "agreement": True,
            }
        )
        sibling = f"e{rnd.randrange(0, n)}"
        if sibling != e["id"]:
            relations.append(
                {
                    "type": "flow",
                    "kind": "service",
                    "from": sibling,
                    "to": e["id"],
                    "amount": rnd.randrange(500, 20_000),
                    "basis": "market_price",
                }
            )
    targets = [e["id"] for e in entities if e.get("form") in COMPANY_FORMS]
    for j in range(max(1, n // 10)):
        x = f"x{j}"
        entities.append({"id": x, "name": f"Partenaire {j}", "form": "other", "external": True})
        if targets:
            relations.append(
                {"type": "shareholding", "from": x, "to": rnd.choice(targets), "share": 4}
            )
    doc = {
        "format": "ges-graph/1",
        "name": f"Synthétique {n}",
        "as_of": "2025-12-31",
        "entities": entities,
        "relations": relations,
    }
    return json.dumps(doc, ensure_ascii=False)


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    """Wall time of one call of ``fn`` and its result, garbage collection paused while timing."""
    gc.collect()
    gc.disable()
    try:
        t0 = time.perf_counter()
        result = fn()
        return time.perf_counter() - t0, result
    finally:
        gc.enable()


def measure(n: int, repeat: int) -> dict[str, float]:
    """Load, validate (fresh GES) and validate (control cached) times for one size.

    The three are measured one after the other in each repetition, so that the load of a shared
    machine weighs on them alike; the ratio is the median of the per-repetition ratios.
    """
    text = synthetic(n)
    loads_t, fresh_t, cached_t, ratios = [], [], [], []
    findings = 0
    ges: Any = None
    for _ in range(repeat):
        t_load, ges = timed(lambda: loads(text, syntax="json"))
        t_val, report = timed(partial(validate, ges))
        t_cached, _ = timed(partial(validate, ges))
        loads_t.append(t_load)
        fresh_t.append(t_val)
        cached_t.append(t_cached)
        ratios.append(t_val / t_load)
        findings = len(report)  # type: ignore[arg-type]
    return {
        "entities": len(ges.document.entities),
        "relations": len(ges.document.relations),
        "findings": findings,
        "load": statistics.median(loads_t),
        "validate": statistics.median(fresh_t),
        "cached": statistics.median(cached_t),
        "ratio": statistics.median(ratios),
        "ratio_min": min(fresh_t) / min(loads_t),
    }


def main() -> None:
    quick = "--quick" in sys.argv
    sizes = [(10, 100), (30, 100), (100, 30), (1_000, 7)] + ([] if quick else [(10_000, 3)])
    print("bench_validate: validation beside load, medians (2 shared cores: read the ratios)")
    print(
        f"{'members':>8} {'entities':>8} {'relations':>9} {'findings':>8} {'load ms':>9} "
        f"{'validate ms':>11} {'ratio':>6} {'best':>5} {'cached ms':>9} {'µs/member':>9}"
    )
    for n, repeat in sizes:
        r = measure(n, repeat)
        ratio = r["ratio"]
        print(
            f"{n:>8} {r['entities']:>8.0f} {r['relations']:>9.0f} {r['findings']:>8.0f} "
            f"{r['load'] * 1e3:>9.2f} {r['validate'] * 1e3:>11.2f} {ratio:>6.2f} "
            f"{r['ratio_min']:>5.2f} "
            f"{r['cached'] * 1e3:>9.2f} {r['validate'] / n * 1e6:>9.1f}"
        )
    print("target: ratio <= 2 at 30 members; µs/member roughly flat (linear growth)")


if __name__ == "__main__":
    main()
