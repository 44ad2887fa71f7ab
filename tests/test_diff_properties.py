"""Properties of diff over generated documents (Hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ges_graph.diff import diff
from ges_graph.graph import GES
from ges_graph.model import Document
from ges_graph.strategies import documents


@settings(max_examples=10)
@given(documents(max_entities=5, max_relations=8))
def test_a_state_against_itself_is_no_change(doc: Document) -> None:
    d = diff(GES(doc), GES(doc))
    assert not d
    assert d.to_dict()["changed"] is False


@settings(max_examples=10)
@given(st.data())
def test_diff_is_antisymmetric(data: st.DataObject) -> None:
    old = data.draw(documents(max_entities=4, max_relations=6))
    new = data.draw(documents(max_entities=4, max_relations=6))
    forth, back = diff(GES(old), GES(new)), diff(GES(new), GES(old))
    assert forth.entities_added == back.entities_removed
    assert forth.entities_removed == back.entities_added
    assert {e.id for e in forth.entities_changed} == {e.id for e in back.entities_changed}
    assert forth.relations_added == back.relations_removed
    assert forth.relations_removed == back.relations_added
    assert len(forth.relations_changed) == len(back.relations_changed)
    assert forth.control_gained == back.control_lost
    assert forth.control_lost == back.control_gained
    if forth.schema_changed is not None:
        assert back.schema_changed is not None
        assert (forth.schema_changed.old, forth.schema_changed.new) == (
            back.schema_changed.new,
            back.schema_changed.old,
        )
    else:
        assert back.schema_changed is None
    assert bool(forth) == bool(back)


@settings(max_examples=10)
@given(documents(max_entities=5, max_relations=8))
def test_reordering_relations_is_no_change_of_relations(doc: Document) -> None:
    reordered = doc.model_copy(update={"relations": tuple(reversed(doc.relations))})
    signatures = [
        (r.type, r.from_, r.to, getattr(r, "kind", None), getattr(r, "category", None))
        for r in doc.relations
        if r.id is None
    ]
    d = diff(GES(doc), GES(reordered))
    assert not d.relations_added
    assert not d.relations_removed
    if len(set(signatures)) == len(signatures):  # duplicates may pair the other way round
        assert not d.relations_changed
        assert not d.findings_appeared
        assert not d.findings_disappeared
    assert not d.control_gained
    assert not d.control_lost
