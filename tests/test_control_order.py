"""Two ways control answers at the cost of what is read: members in order, and a lazy walk.

:meth:`Control.in_order` sorts ids, reading many members at once off one sort of the members;
:meth:`Control.walk_controlled` walks down the control graph only as far as it is read. Held
here to ``sorted`` and to the sets :meth:`Control.controlled` and its kin give.
"""

from __future__ import annotations

import itertools
import pickle
import random

from hypothesis import HealthCheck, given, settings

from ges_graph.control import Control
from ges_graph.graph import GES
from ges_graph.model import Document
from ges_graph.strategies import documents


def _chain(n: int) -> GES:
    """An association holding a chain of ``n - 1`` companies, each 60 % of the next."""
    ents = [{"id": "head", "name": "Tête", "form": "association"}]
    ents += [{"id": f"c{i:04d}", "name": f"Société {i}", "form": "sas"} for i in range(1, n)]
    ids = [e["id"] for e in ents]
    rels = [
        {"type": "shareholding", "from": a, "to": b, "share": 60}
        for a, b in itertools.pairwise(ids)
    ]
    return GES.from_data(
        {"format": "ges-graph/1", "name": "Chaîne", "entities": ents, "relations": rels}
    )


def test_in_order_is_sorted_whatever_the_ids_asked() -> None:
    control = _chain(700).control
    members = sorted(control.members)
    rng = random.Random(7)
    for size in (0, 1, 5, 255, 256, 300, 699, 700):
        asked = rng.sample(members, size)
        assert control.in_order(asked) == sorted(asked)
        assert control.in_order(frozenset(asked)) == sorted(asked)
    many = members[:400]
    assert control.in_order([*many, many[0]]) == sorted([*many, many[0]])  # a repeated id
    assert control.in_order([*many, "outsider"]) == sorted([*many, "outsider"])


def test_many_members_are_read_off_one_kept_sort() -> None:
    control = _chain(700).control
    control.in_order(control.members - {"head"})
    order = control._cache[("member-order",)]
    assert order == sorted(control.members)
    control.in_order(control.intermediate_holdings)
    assert control._cache[("member-order",)] is order  # sorted once


def test_in_order_does_not_follow_the_order_of_the_document() -> None:
    # The members are sorted from the list made in document order: entities written in any
    # order, with ids of several lengths, come out as sorted() gives them.
    data = _chain(700).document.model_dump(mode="json", by_alias=True, exclude_none=True)
    random.Random(3).shuffle(data["entities"])
    control = GES.from_data(data).control
    assert control._member_list != sorted(control.members)  # not sorted already
    assert control.in_order(control.members) == sorted(control.members)
    # A control pickled before the list was kept has only the set: the same answer.
    state = control.__getstate__()
    del state["_member_list"]
    older = Control.__new__(Control)
    older.__setstate__(state)
    assert older.in_order(older.members) == sorted(control.members)


def test_in_order_gives_each_member_once_when_a_document_repeats_an_id() -> None:
    # A document built without validation may repeat an entity: the list in document order
    # holds it twice, the set once; the order is read off the set (from a review).
    doc = _chain(300).document
    repeated = Document.model_construct(
        format=doc.format,
        name=doc.name,
        entities=(*doc.entities, *doc.entities[1:6]),
        relations=doc.relations,
        attrs=doc.attrs,
    )
    control = GES(repeated).control
    assert len(control._member_list) == len(control.members) + 5
    assert control.in_order(control.members) == sorted(control.members)


def test_a_walk_read_in_part_does_not_walk_the_rest() -> None:
    control = _chain(2000).control
    walk = iter(control.walk_controlled("head", "capital"))
    assert next(walk) == "c0001"
    assert ("below", "capital", "head") not in control._g._cache  # no set made
    assert sorted(walk) == sorted(control.capital_controlled("head") - {"c0001"})
    kept = control.capital_controlled("head")
    assert control.walk_controlled("head", "capital") is kept  # the set, once made


_DOCS = documents(
    min_entities=1,
    max_entities=9,
    max_relations=14,
    relation_types=["shareholding", "membership", "board", "statutory_control"],
    dates=False,
    details=False,
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=_DOCS)
def test_a_walk_finds_what_control_says_each_entity_controls(doc: Document) -> None:
    control = GES(doc).control
    for a in sorted(control.forms):
        for mode, whole in (
            ("certain", control.controlled),
            ("capital", control.capital_controlled),
            ("possible", control.possibly_controlled),
        ):
            walked = list(GES(doc).control.walk_controlled(a, mode))  # a fresh walk
            assert len(walked) == len(set(walked))
            assert set(walked) == whole(a)


def test_a_control_read_back_from_a_pickle_answers_the_same() -> None:
    control = _chain(400).control
    back = pickle.loads(pickle.dumps(control))
    assert back.in_order(back.members) == control.in_order(control.members)
    assert set(back.walk_controlled("head", "capital")) == control.capital_controlled("head")
    assert back._forms == dict(control.forms)  # the edges are read from it again


_SHARES_ONLY = documents(
    max_entities=10,
    max_relations=14,
    relation_types=["shareholding"],
    dates=False,
    details=False,
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=_DOCS | _SHARES_ONLY)
def test_the_members_under_capital_control_are_those_capital_control_gives(
    doc: Document,
) -> None:
    # Shareholdings alone: capital control is certain control, read without a walk for the head.
    control = GES(doc).control
    for a in sorted(control.forms):
        fresh = GES(doc).control  # asked first, before any other notion is kept
        assert fresh.capital_controlled_members(a) == fresh.capital_controlled(a) & fresh.members
        assert (
            control.capital_controlled_members(a) == control.capital_controlled(a) & control.members
        )
