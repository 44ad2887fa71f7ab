"""Classification time against document load time, and against a naive VF2 matcher.

Run: ``.venv/bin/python benchmarks/bench_classify.py [--sizes 10,30,100,1000,10000] [--repeat N]``

For each size it builds a realistic S5-shaped group (an association at the head holding SAS
holdings that hold companies, daughter associations under statutory control, a GIE pooled by
associations, external shareholders and persons), serialises it to JSON, then times in the same
run:

- **load**: ``ges_graph.io.loads(json)``, i.e. JSON parsing, model validation and the graph;
- **classify**: ``classify(ges)`` on a freshly built GES, so the control fixed point is included;
- **naive**: networkx VF2 subgraph matching (``DiGraphMatcher.subgraph_is_monomorphic``) of the
  six schemas' shapes (small pattern graphs with node families and edge kinds), each search
  stopped at its first embedding. It sees shapes only: no thresholds, heads or reach.

It prints the times, classify/load, the cost per member and its growth from 1,000 to 10,000
members, and naive/classify. Targets: at 30 members classify ≤ load; 10,000 members within 10 ×
the per-member cost at 1,000. Times are medians; the machine is shared, so read ratios, not
absolute figures.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import time
from collections.abc import Callable
from typing import Any

import networkx as nx
from networkx.algorithms import isomorphism

from ges_graph.classification import classify
from ges_graph.graph import GES
from ges_graph.io import loads

# -- the groups -------------------------------------------------------------------------------


def make_group(n: int) -> dict[str, Any]:
    """An S5-shaped group with about ``n`` members."""
    ents: list[dict[str, Any]] = [
        {
            "id": "head",
            "name": "Association tête",
            "form": "association",
            "conventions": ["aci"],
            "board_size": 12,
        },
    ]
    rels: list[dict[str, Any]] = []
    holdings = max(1, n // 25)
    per_holding = max(1, (n - 1 - holdings) * 2 // 3 // holdings)
    count = 1
    for h in range(holdings):
        hid = f"h{h}"
        ents.append({"id": hid, "name": f"Holding {h}", "form": "sas"})
        rels.append({"type": "shareholding", "from": "head", "to": hid, "share": 100})
        rels.append({"type": "office", "from": "head", "to": hid, "office": "president"})
        count += 1
        for c in range(per_holding):
            if count >= n:
                break
            cid = f"c{h}-{c}"
            ents.append(
                {"id": cid, "name": f"Société {h}-{c}", "form": "sarl", "conventions": ["ei"]}
            )
            rels.append({"type": "shareholding", "from": hid, "to": cid, "share": 80})
            rels.append({"type": "shareholding", "from": f"x{h}", "to": cid, "share": 20})
            rels.append(
                {
                    "type": "flow",
                    "kind": "management_fee",
                    "from": cid,
                    "to": hid,
                    "amount": 10000,
                    "basis": "actual_cost",
                    "agreement": True,
                }
            )
            count += 1
        ents.append({"id": f"x{h}", "name": f"Investisseur {h}", "form": "other", "external": True})
    a = 0
    while count < n - 1:
        aid = f"a{a}"
        ents.append(
            {
                "id": aid,
                "name": f"Association {a}",
                "form": "association",
                "conventions": ["ai"],
                "board_size": 6,
            }
        )
        rels.append({"type": "board", "from": "head", "to": aid, "seats": 4})
        rels.append({"type": "office", "from": f"p{a}", "to": aid, "office": "president"})
        ents.append({"id": f"p{a}", "name": f"Présidente {a}", "form": "person"})
        rels.append(
            {
                "type": "flow",
                "kind": "staff_secondment",
                "from": aid,
                "to": "head",
                "amount": 5000,
                "basis": "actual_cost",
            }
        )
        count += 1
        a += 1
    ents.append({"id": "gie", "name": "GIE moyens", "form": "gie"})
    for i in range(min(a, 20)):
        rels.append({"type": "membership", "from": f"a{i}", "to": "gie"})
    if a == 0:
        rels.append({"type": "membership", "from": "head", "to": "gie"})
    return {"format": "ges-graph/1", "name": f"Groupe de {n}", "entities": ents, "relations": rels}


# -- the naive alternative: VF2 over schema shapes ------------------------------------------------

# Each pattern: nodes with a family ("*" for any), edges with a kind ("capital" or "control").
PATTERNS: dict[str, tuple[dict[str, str], list[tuple[str, str, str]]]] = {
    "S1": ({"h": "associative", "m": "associative"}, [("h", "m", "control")]),
    "S2": ({"h": "associative", "c": "company"}, [("h", "c", "capital")]),
    "S3": (
        {"h": "associative", "a": "associative", "c": "company"},
        [("h", "a", "control"), ("h", "c", "capital")],
    ),
    "S4": (
        {"h": "company", "c": "company", "a": "associative"},
        [("h", "c", "capital"), ("h", "a", "control")],
    ),
    "S5": (
        {"h": "associative", "s": "company", "c": "company"},
        [("h", "s", "capital"), ("s", "c", "capital")],
    ),
    "S6": ({"h": "cooperative", "a": "associative"}, [("h", "a", "control")]),
}


def naive_graph(ges: GES) -> nx.DiGraph[str]:
    """A plain typed DiGraph of the group: family on nodes, capital/control on edges."""
    g: nx.DiGraph[str] = nx.DiGraph()
    for e in ges.document.entities:
        g.add_node(e.id, family=e.form.family.value)
    for _k, r in ges.relations_in_force():
        if r.type == "shareholding":
            g.add_edge(r.from_, r.to, kind="capital")
        elif r.type in ("board", "statutory_control", "membership") and not g.has_edge(
            r.from_, r.to
        ):
            g.add_edge(r.from_, r.to, kind="control")
    return g


def naive_classify(ges: GES) -> dict[str, bool]:
    """VF2 search of each schema's shape, stopped at the first embedding (the bound)."""
    g = naive_graph(ges)
    out: dict[str, bool] = {}
    for sid, (nodes, edges) in PATTERNS.items():
        p: nx.DiGraph[str] = nx.DiGraph()
        for n, fam in nodes.items():
            p.add_node(n, family=fam)
        for u, v, kind in edges:
            p.add_edge(u, v, kind=kind)
        gm = isomorphism.DiGraphMatcher(
            g,
            p,
            node_match=lambda a, b: b["family"] in ("*", a["family"]),
            edge_match=lambda a, b: a["kind"] == b["kind"],
        )
        out[sid] = gm.subgraph_is_monomorphic()
    return out


# -- timing -------------------------------------------------------------------------------------


def timed(fn: Callable[[], object]) -> float:
    """Wall time of one call, the garbage collector paused (as ``timeit`` does)."""
    gc.collect()
    gc.disable()
    try:
        t0 = time.perf_counter()
        fn()
        return time.perf_counter() - t0
    finally:
        gc.enable()


def measure(n: int, repeat: int, naive: bool) -> tuple[int, float, float, float | None, str]:
    """(members, load, classify, naive or None, schema) for a group of ``n`` members.

    Load and classification are timed in alternation, one of each per round, so that both see
    the same load on a shared machine; each figure is the median over the rounds.
    """
    text = json.dumps(make_group(n), ensure_ascii=False)
    ges0 = loads(text, syntax="json")
    doc = ges0.document
    members = len(ges0.control.members)
    loads_, classes, naives = [], [], []
    for i in range(repeat):
        loads_.append(timed(lambda: loads(text, syntax="json")))
        fresh = GES(doc)  # classification includes the control fixed point
        classes.append(timed(lambda: classify(fresh)))  # noqa: B023 (called at once)
        if naive and i % 3 == 0:
            naives.append(timed(lambda: naive_classify(GES(doc))))
    result = classify(GES(doc))
    t_naive = statistics.median(naives) if naives else None
    return (
        members,
        statistics.median(loads_),
        statistics.median(classes),
        t_naive,
        str(result.schema),
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10,30,100,1000,10000")
    ap.add_argument("--repeat", type=int, default=0, help="repetitions (default: by size)")
    ap.add_argument(
        "--naive-max",
        type=int,
        default=1000,
        help="time the VF2 alternative up to this size (it grows quadratically; default 1000)",
    )
    args = ap.parse_args()
    sizes = [int(x) for x in args.sizes.split(",")]
    print(
        f"{'members':>8} {'load ms':>10} {'classify ms':>12} {'cls/load':>9} "
        f"{'µs/member':>10} {'naive ms':>10} {'naive/cls':>10}  schema"
    )
    per_member: dict[int, float] = {}
    for n in sizes:
        repeat = args.repeat or (25 if n <= 100 else 5 if n <= 1000 else 3)
        naive = n <= args.naive_max
        members, t_load, t_cls, t_naive, schema = measure(n, repeat, naive)
        per_member[members] = t_cls / members * 1e6
        naive_cols = (
            f"{t_naive * 1e3:>10.2f} {t_naive / t_cls:>10.2f}"
            if t_naive is not None
            else f"{'skipped':>10} {'':>10}"
        )
        print(
            f"{members:>8} {t_load * 1e3:>10.2f} {t_cls * 1e3:>12.2f} {t_cls / t_load:>9.2f} "
            f"{per_member[members]:>10.1f} {naive_cols}  {schema}"
        )
    big = sorted(per_member)
    if len(big) >= 2:
        a, b = big[-2], big[-1]
        print(
            f"per-member cost {b} vs {a} members: × {per_member[b] / per_member[a]:.2f} "
            "(target: ≤ 10)"
        )


if __name__ == "__main__":
    main()
