"""Issue 15, item 1: a hostile shape inside the size limit gives an output of the document's size.

A message names at most a handful of entities, then says how many others there are; the findings'
subjects list them all. Time is measured by the benchmarks, not here: these tests pin the sizes,
which grew with the square of the document before.
"""

from __future__ import annotations

from typing import Any

import pytest

import ges_graph
from ges_graph.errors import ValidationFailed
from ges_graph.graph import GES
from ges_graph.report import SHOWN, Finding, Report
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
    # the candidates named reach no other member: said once for them all, not with the 2,994
    # members each one misses
    assert "(a4) n'ont aucun autre membre dans leur périmètre ; et 2 995 autres" in (
        finding.message("fr")
    )
    assert "manquent" not in finding.message("fr")


def test_h15_01_the_whole_report_grows_linearly() -> None:
    small, large = (len(ges_graph.validate(_unrelated(n)).to_text("fr")) for n in (300, 3000))
    assert large < 12 * small, (small, large)  # ×10 entities: about ×10 text, not ×100
    assert large < 1_000_000


# --- Report.raise_for_errors and Report._repr_html_: capped like the command's output ---------

_MANY = 100_000


def _many_errors() -> Report:
    """100,000 errors of one rule and 100,000 warnings of another, each naming its entity."""
    errors = (
        Finding(
            rule="ai-form",
            severity="error",
            subjects=(f"s{i}",),
            message_fr=f"SARL {i} (s{i}) porte une AI sans être une association.",
            message_en=f"SARL {i} (s{i}) holds an AI convention but is not an association.",
            reference="C. trav. L5132-7",
        )
        for i in range(_MANY)
    )
    warnings = (
        Finding(
            rule="isolated-member",
            severity="warning",
            subjects=(f"s{i}",),
            message_fr=f"SARL {i} (s{i}) est isolée.",
            message_en=f"SARL {i} (s{i}) is isolated.",
            reference="—",
        )
        for i in range(_MANY)
    )
    return Report(findings=(*errors, *warnings), name="G")


def test_h15_raise_for_errors_is_capped_and_keeps_every_error() -> None:
    report = _many_errors()
    with pytest.raises(ValidationFailed) as info:
        report.raise_for_errors()
    message = str(info.value)
    assert len(message.encode()) < 10_000  # 7.3 MB with every error
    assert message.startswith("100 000 erreurs : [ai-form] SARL 0 (s0) porte une AI")
    assert message.count("[ai-form]") == SHOWN
    assert message.endswith(
        "… et 99 980 autres constats de la règle "
        "« AI portée par une autre forme qu'une association »"
    )
    assert "isolée" not in message  # only errors
    assert len(info.value.report.errors) == _MANY  # every error, as data


def test_h15_repr_html_is_capped_and_to_html_still_gives_all() -> None:
    report = _many_errors()
    page = report._repr_html_()
    assert len(page.encode()) < 20_000  # 31 MB with every finding
    assert page.count('<tr class="ges-error">') == SHOWN
    assert page.count('<tr class="ges-warning">') == SHOWN
    assert page.count('<tr class="ges-omitted">') == 2
    assert "… et 99 980 autres constats de la règle « Membre isolé »" in page
    assert "100 000 erreurs, 100 000 avertissements" in page  # the counts are of every finding
    assert report.to_html().count('<tr class="ges-error">') == _MANY  # asked for: all of them
