"""Issue 15, item 1: the hostile shapes stay close to linear in work and in output.

Each shape is checked at two sizes, n and 4n: the outputs of ``validate`` and ``classify`` (the
French text and the JSON) and the processor time they take (``time.process_time``, a ratio of
two runs of the same test, never an absolute time) must grow about like the document, with a
generous bound (under 10× for 4× the size, where a quadratic corner gives 16× and more). Each
test also runs under a safety timeout. Absolute times are measured in
``benchmarks/bench_scale.py``.
"""

from __future__ import annotations

import contextlib
import json
import signal
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import ges_graph
from ges_graph.graph import GES
from ges_graph.report import SHOWN
from ges_graph.rules import RULES

MB = 1_000_000
SAFETY = 300  # seconds: far above what any of these takes, there only to stop a runaway


@contextlib.contextmanager
def safety_timeout(seconds: int = SAFETY) -> Iterator[None]:
    """Fail the test (rather than hang the suite) if the block runs longer than ``seconds``."""

    def stop(signum: int, frame: object) -> None:
        raise TimeoutError(f"over the safety timeout of {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _doc(entities: list[dict[str, Any]], relations: list[dict[str, Any]]) -> dict[str, Any]:
    return {"format": "ges-graph/1", "name": "G", "entities": entities, "relations": relations}


def unrelated(n: int) -> dict[str, Any]:
    """``n`` associations and no relation: every one is a head candidate."""
    return _doc(
        [{"id": f"a{i}", "name": f"Association {i}", "form": "association"} for i in range(n)], []
    )


def chain(n: int) -> dict[str, Any]:
    """An association holding a SAS that holds the next, ``n`` entities in a line."""
    ents = [{"id": "e0", "name": "Tête", "form": "association"}]
    ents += [{"id": f"e{i}", "name": f"Société {i}", "form": "sas"} for i in range(1, n)]
    rels = [
        {"type": "shareholding", "from": f"e{i}", "to": f"e{i + 1}", "share": 100}
        for i in range(n - 1)
    ]
    return _doc(ents, rels)


def dense(n: int) -> dict[str, Any]:
    """``n`` companies each holding a little of every other one (n·(n-1) relations)."""
    ents = [{"id": f"e{i}", "name": f"Société {i}", "form": "sas"} for i in range(n)]
    rels = [
        {"type": "shareholding", "from": f"e{i}", "to": f"e{j}", "share": 0.3}
        for i in range(n)
        for j in range(n)
        if i != j
    ]
    return _doc(ents, rels)


def star(n: int) -> dict[str, Any]:
    """One association whose statutes give it control of ``n - 1`` others."""
    ents = [{"id": "h", "name": "Tête", "form": "association", "conventions": ["aci"]}]
    ents += [
        {"id": f"a{i}", "name": f"Association {i}", "form": "association"} for i in range(1, n)
    ]
    rels = [{"type": "statutory_control", "from": "h", "to": f"a{i}"} for i in range(1, n)]
    return _doc(ents, rels)


def bad_forms(n: int) -> dict[str, Any]:
    """``n`` companies each holding an AI convention, which only an association may hold."""
    return _doc(
        [
            {"id": f"s{i}", "name": f"SARL {i}", "form": "sarl", "conventions": ["ai"]}
            for i in range(n)
        ],
        [],
    )


def run(make: Callable[[int], dict[str, Any]], n: int) -> tuple[float, dict[str, int]]:
    """(processor seconds of validate + classify, output sizes) on a fresh GES of size ``n``."""
    ges = GES.from_data(make(n))
    t0 = time.process_time()
    report = ges_graph.validate(ges)
    result = ges_graph.classify(ges)
    spent = time.process_time() - t0
    sizes = {
        "validate text": len(report.to_text("fr").encode()),
        "validate json": len(json.dumps(report.to_dict("fr"), ensure_ascii=False).encode()),
        "classify text": len(result.to_text("fr").encode()),
        "classify json": len(json.dumps(result.to_dict("fr"), ensure_ascii=False).encode()),
        # what ``ges-graph validate`` prints: the first findings of each rule, then a count
        "printed text": len(report.to_text("fr", limit=SHOWN, rules=RULES).encode()),
        "printed json": len(json.dumps(report.to_dict("fr", limit=SHOWN)).encode()),
    }
    return spent, sizes


def grows_linearly(make: Callable[[int], dict[str, Any]], n: int) -> dict[str, int]:
    """Run at ``n // 4`` and ``n``; check time and outputs grow less than 10× for 4×."""
    ges_graph.classify(GES.from_data(unrelated(2)))  # the schemas read once, outside the count
    small_time, small = run(make, n // 4)
    large_time, large = run(make, n)
    assert large_time < 10 * max(small_time, 0.02), (small_time, large_time)
    for key, size in large.items():
        assert size < 10 * max(small[key], 2_000), (key, small[key], size)
    return large


def test_h15_01_3000_unrelated_associations() -> None:
    with safety_timeout():
        sizes = grows_linearly(unrelated, 3000)
    assert all(size < MB for size in sizes.values()), sizes  # 129 MB of text before


def test_h15_01_chain_of_6000_shareholdings() -> None:
    with safety_timeout():
        sizes = grows_linearly(chain, 6000)
    assert all(size < MB for size in sizes.values()), sizes


def test_h15_01_300_fully_connected_nodes() -> None:
    # 4× the nodes is 16× the relations: the bound is per relation, 10× for 16× the size.
    with safety_timeout():
        ges_graph.classify(GES.from_data(unrelated(2)))
        small_time, _ = run(dense, 75)
        large_time, large = run(dense, 300)
    assert large_time < 10 * 4 * max(small_time, 0.02), (small_time, large_time)
    assert all(size < MB for size in large.values()), large  # one cycle: a few names, a count


def test_h15_01_100000_entities() -> None:
    with safety_timeout():
        sizes = grows_linearly(star, 100_000)
    assert all(size < MB for size in sizes.values()), sizes


def test_h15_01_100000_unrelated_entities_give_one_line_each() -> None:
    # Every member is isolated: one warning each (rules.md), so the report is linear in the
    # members, a few hundred bytes each; the classification stays a page.
    with safety_timeout():
        sizes = grows_linearly(unrelated, 100_000)
    assert sizes["validate text"] < 250 * 100_000
    assert sizes["classify text"] < 20_000
    assert sizes["classify json"] < 20_000
    assert sizes["printed text"] < 20_000  # 16 MB printed before the findings were capped
    assert sizes["printed json"] < 20_000


@pytest.mark.parametrize("n", [300_000])
def test_h15_01_300000_entities_with_bad_forms(n: int) -> None:
    with safety_timeout(900):  # 375,000 documents' worth of findings, each written out
        sizes = grows_linearly(bad_forms, n)
    # Each entity breaks two rules (its convention, and being isolated): two findings each,
    # about 480 bytes of text per entity, linear, in the whole report; what the command prints
    # (the first findings of each rule, then how many more) stays small: 143 MB before.
    assert sizes["validate text"] < 600 * n
    assert sizes["printed text"] < 20_000
    assert sizes["printed json"] < 20_000
    assert sizes["classify text"] < 20_000
    assert sizes["classify json"] < 20 * n  # the operating role lists every id, as data
