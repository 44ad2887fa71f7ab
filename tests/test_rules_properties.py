"""Properties of validation over generated documents (ges_graph.strategies)."""

from __future__ import annotations

import json
import re
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from ges_graph.graph import GES
from ges_graph.model import Document
from ges_graph.rules import RULES, validate
from ges_graph.strategies import documents


def _signature(ges: GES) -> Counter[tuple[str, frozenset[str]]]:
    return Counter((f.rule, frozenset(f.subjects)) for f in validate(ges))


@given(documents(max_entities=8))
def test_validation_is_total_and_its_findings_are_well_formed(doc: Document) -> None:
    ges = GES(doc)
    before = doc.model_dump()
    report = validate(ges)
    assert doc.model_dump() == before
    ids = {e.id for e in doc.entities}
    keys = {doc.relation_key(i) for i in range(len(doc.relations))}
    # what the document wrote may hold braces; a template placeholder left unfilled may not
    written = sorted({e.name for e in doc.entities} | ids | keys, key=len, reverse=True)
    for f in report:
        rule = RULES[f.rule]
        assert f.severity is rule.severity
        # A finding cites its rule's texts, or those of them that apply (one legal form's).
        assert f.reference == rule.reference or (
            set(re.findall(r"L[0-9]+-[0-9]+", f.reference))
            <= set(re.findall(r"L[0-9]+-[0-9]+", rule.reference))
        )
        assert set(f.subjects) <= ids | keys
        for lang in ("fr", "en"):
            text = f.message(lang)
            assert text
            for part in written:
                text = text.replace(part, "")
            assert "{" not in text
    assert report.conforms == (not report.errors)
    json.dumps(report.to_dict(lang="en"))


@given(documents(max_entities=8), st.randoms(use_true_random=False))
def test_the_order_of_entities_changes_no_finding(doc: Document, rnd: object) -> None:
    shuffled = list(doc.entities)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    other = doc.model_copy(update={"entities": tuple(shuffled)})
    assert _signature(GES(doc)) == _signature(
        GES(Document.model_validate(other.model_dump(by_alias=True)))
    )


@given(documents(max_entities=6))
def test_validating_twice_gives_the_same_report(doc: Document) -> None:
    ges = GES(doc)
    assert validate(ges) == validate(ges)
