"""Issue 15, item 1: a hostile shape inside the size limit gives an output of the document's size.

A message names at most a handful of entities, then says how many others there are; the findings'
subjects list them all. Time is measured by the benchmarks, not here: these tests pin the sizes,
which grew with the square of the document before.
"""

from __future__ import annotations

from typing import Any

import ges_graph
from ges_graph.graph import GES
from ges_graph.rules.registry import LISTED


def _unrelated(n: int) -> GES:
    data: dict[str, Any] = {
        "format": "ges-graph/1",
        "name": "Associations sans lien",
        "entities": [
            {"id": f"a{i}", "name": f"Association {i}", "form": "association"} for i in range(n)
        ],
    }
    return GES.from_data(data)


def test_h15_01_governance_not_unified_names_a_handful_of_candidates() -> None:
    report = ges_graph.validate(_unrelated(3000))
    (finding,) = [f for f in report.findings if f.rule == "governance-not-unified"]
    assert len(finding.subjects) == 3000  # every candidate is still a subject
    for lang in ("fr", "en"):
        message = finding.message(lang)  # type: ignore[arg-type]
        assert len(message) < 4000, len(message)  # 4.3 M characters at 1,000 entities before
        assert message.count("(a") < 8 * LISTED
    assert "et 2 995 autres têtes possibles" in finding.message("fr")
    assert "and 2,995 more head candidates" in finding.message("en")
    assert "et 2 994 autres" in finding.message("fr")  # the members a candidate misses


def test_h15_01_the_whole_report_grows_linearly() -> None:
    small, large = (len(ges_graph.validate(_unrelated(n)).to_text("fr")) for n in (300, 3000))
    assert large < 12 * small, (small, large)  # ×10 entities: about ×10 text, not ×100
    assert large < 1_000_000
