"""Every public result is immutable: each attempt to change one fails, and nothing sticks.

The property test draws documents, builds every public object from them (``GES``, ``Document``,
``Entity``, relations, ``Report``, ``Classification``), tries every way a user could change one
(assignment, deletion, item assignment on mappings and graph data, in-place methods on lists),
and checks both that each attempt raises and that the object still equals a fresh copy built from
the same data afterwards.
"""

from __future__ import annotations

import copy
import pickle
from collections.abc import Callable
from typing import Any

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings

from ges_graph import strategies as gs
from ges_graph.classification import classify
from ges_graph.graph import GES
from ges_graph.model import Document
from ges_graph.rules import validate

Attempt = Callable[[], object]


def _attempts_on_model(model: Any) -> list[tuple[str, Attempt]]:
    out: list[tuple[str, Attempt]] = []
    for name in type(model).model_fields:
        out.append((f"set {name}", lambda n=name: setattr(model, n, None)))
        out.append((f"del {name}", lambda n=name: delattr(model, n)))
    attrs = getattr(model, "attrs", None)
    if attrs is not None:
        out.append(("attrs[k] =", lambda: attrs.__setitem__("new", 1)))
        for key, value in attrs.items():
            out.append((f"del attrs[{key}]", lambda k=key: attrs.__delitem__(k)))
            if isinstance(value, list | tuple):
                out.append((f"attrs[{key}].append", lambda v=value: v.append(1)))
            if hasattr(value, "keys"):
                out.append((f"attrs[{key}][k] =", lambda v=value: v.__setitem__("x", 1)))
    return out


def _attempts_on_ges(ges: GES) -> list[tuple[str, Attempt]]:
    g = ges.graph
    out: list[tuple[str, Attempt]] = [
        ("ges.document =", lambda: setattr(ges, "document", ges.document)),
        ("ges.graph =", lambda: setattr(ges, "graph", g)),
        ("ges._document =", lambda: setattr(ges, "_document", None)),
        ("del ges.document", lambda: delattr(ges, "document")),
        ("ges.anything =", lambda: setattr(ges, "anything", 1)),
        ("graph.add_node", lambda: g.add_node("zz-new")),
        ("graph.graph[k] =", lambda: g.graph.__setitem__("name", "other")),
    ]
    for node in g.nodes:
        out.append((f"nodes[{node}][entity] =", lambda n=node: g.nodes[n].__setitem__("entity", 1)))
        out.append((f"nodes[{node}][x] =", lambda n=node: g.nodes[n].__setitem__("x", 1)))
    for u, v, k in g.edges(keys=True):
        out.append((f"edges[{k}][type] =", lambda e=(u, v, k): g.edges[e].__setitem__("type", 1)))
        out.append((f"remove edge {k}", lambda e=(u, v, k): g.remove_edge(*e)))
    return out


def _attempts_on_report_and_classification(ges: GES) -> list[tuple[str, Attempt]]:
    report = validate(ges)
    result = classify(ges)
    out: list[tuple[str, Attempt]] = [
        ("report.findings =", lambda: setattr(report, "findings", ())),
        ("result.schema =", lambda: setattr(result, "schema", "S9")),
        ("result.roles[k] =", lambda: result.roles.__setitem__("head", ("x",))),  # type: ignore[index]
        ("result.names[k] =", lambda: result.names.__setitem__("x", "X")),  # type: ignore[index]
    ]
    for f in report.findings[:3]:
        out.append((f"finding {f.rule}.rule =", lambda f=f: setattr(f, "rule", "x")))
    for c in result.candidates[:2]:
        out.append((f"candidate {c.schema} =", lambda c=c: setattr(c, "schema", "x")))
    return out


def _refused(what: str, attempt: Attempt) -> None:
    try:
        attempt()
    except (AttributeError, TypeError, ValueError, KeyError, nx.NetworkXError):
        return
    pytest.fail(f"{what} was accepted")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(gs.documents(max_entities=5, max_relations=6))
def test_no_change_sticks_on_any_public_object(doc: Document) -> None:
    data = doc.model_dump(by_alias=True, mode="json")
    ges = GES(doc)
    before = (validate(ges).to_dict(), classify(ges).to_dict())
    attempts = _attempts_on_ges(ges) + _attempts_on_model(doc)
    for e in doc.entities:
        attempts += _attempts_on_model(e)
    for r in doc.relations:
        attempts += _attempts_on_model(r)
    attempts += _attempts_on_report_and_classification(ges)
    for what, attempt in attempts:
        _refused(what, attempt)
    fresh = GES(Document.model_validate(data))
    assert ges == fresh
    assert doc.model_dump(by_alias=True, mode="json") == data
    assert dict(ges.graph.nodes(data="entity")) == dict(fresh.graph.nodes(data="entity"))
    assert (validate(ges).to_dict(), classify(ges).to_dict()) == before


@settings(max_examples=40, deadline=None)
@given(gs.documents(max_entities=4, max_relations=4))
def test_models_hash_and_equal_models_hash_equal(doc: Document) -> None:
    again = Document.model_validate(doc.model_dump(by_alias=True, mode="json"))
    assert again == doc
    assert hash(again) == hash(doc)
    assert {hash(e) for e in doc.entities} == {hash(e) for e in again.entities}
    assert pickle.loads(pickle.dumps(GES(doc))) == GES(doc)


def test_from_data_copies_the_callers_data() -> None:
    data: dict[str, Any] = {
        "format": "ges-graph/1",
        "name": "G",
        "attrs": {"tags": ["a"], "nested": {"k": 1}},
        "entities": [{"id": "a", "name": "A", "form": "association", "attrs": {"n": [1, 2]}}],
    }
    ges = GES.from_data(data)
    snapshot = copy.deepcopy(data)
    data["attrs"]["tags"].append("b")
    data["attrs"]["nested"]["k"] = float("nan")  # a value the loader refuses
    data["entities"][0]["attrs"]["n"].append(3)
    data["entities"][0]["name"] = "Changed"
    assert ges == GES.from_data(snapshot)
    assert ges.document.attrs == {"tags": ["a"], "nested": {"k": 1}}
    assert ges.entity("a").attrs["n"] == [1, 2]
    # and the document written back is the one given, not the one changed since
    assert ges.document.model_dump(by_alias=True, mode="json")["attrs"] == snapshot["attrs"]


def test_to_networkx_and_back_keeps_relation_order() -> None:
    ges = GES.from_data(
        {
            "format": "ges-graph/1",
            "name": "G",
            "entities": [
                {"id": "a", "name": "A", "form": "association"},
                {"id": "b", "name": "B", "form": "sarl"},
                {"id": "c", "name": "C", "form": "sarl"},
            ],
            "relations": [
                {"type": "shareholding", "from": "a", "to": "b", "share": 10},
                {"type": "shareholding", "from": "a", "to": "c", "share": 20},
                {"type": "board", "from": "a", "to": "b", "seats": 1},
            ],
        }
    )
    back = GES.from_networkx(ges.to_networkx())
    assert [r.to for r in back.document.relations] == ["b", "c", "b"]
    assert back == ges


@settings(max_examples=60, deadline=None)
@given(gs.documents(max_entities=5, max_relations=8))
def test_to_networkx_and_back_is_the_identity(doc: Document) -> None:
    ges = GES(doc)
    assert GES.from_networkx(ges.to_networkx()) == ges
