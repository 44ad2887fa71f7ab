"""Properties of the diagrams over generated documents (ges_graph.strategies)."""

from __future__ import annotations

import re
import warnings
import xml.etree.ElementTree as ET

from hypothesis import given, settings
from hypothesis import strategies as st

from ges_graph.graph import GES
from ges_graph.model import Document
from ges_graph.render import render_bytes, to_dot, to_svg
from ges_graph.render.mpl import layered_layout
from ges_graph.render.scene import build_scene
from ges_graph.strategies import documents

SVG_NS = "{http://www.w3.org/2000/svg}"
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def _ws(text: str) -> str:
    """Words of a text as drawn: line separators (``str.splitlines``) break lines."""
    return " ".join(_CONTROL.sub("", " ".join(text.splitlines())).replace("\xa0", " ").split())


def _reordered(doc: Document, rng: st.DataObject) -> GES:
    data = doc.model_dump(by_alias=True, mode="json")
    data["entities"] = rng.draw(st.permutations(data["entities"]))
    data["relations"] = rng.draw(st.permutations(data["relations"]))
    return GES.from_data(data)


@given(documents(max_entities=7, max_relations=12), st.data())
def test_dot_does_not_depend_on_document_order(doc: Document, data: st.DataObject) -> None:
    ges = GES(doc)
    assert to_dot(ges) == to_dot(_reordered(doc, data))


@given(documents(max_entities=7, max_relations=12), st.sampled_from(["fr", "en"]))
def test_scene_draws_everything_once(doc: Document, lang: str) -> None:
    ges = GES(doc)
    scene = build_scene(ges, view="all", lang=lang)
    assert [n.id for n in scene.nodes] == sorted(ges.entities)
    assert len(scene.edges) == len(doc.relations)
    # Parallel relations of one kind are one drawn edge: one per pair, way and kind.
    drawn = [(e.source, e.target, e.type.layer.value == "flows") for e in scene.edges if e.drawn]
    assert sorted(drawn) == sorted(set(drawn))
    assert {(e.source, e.target) for e in scene.edges} == {(s, t) for s, t, _ in drawn}
    # Ranking pairs go downwards; the head (when there is one) is on the top rank.
    rank = {n.id: n.rank for n in scene.nodes}
    assert all(rank[u] < rank[v] for u, v in scene.rank_pairs)
    if scene.head is not None:
        # the head on top, but for what controls it (from outside), drawn above it
        above = [u for u, v in scene.rank_pairs if v == scene.head]
        assert all(scene.head in ges.control.controlled(u) for u in above)
        assert rank[scene.head] == 0 or above
    # Every relation's text is on the diagram: on its edge, or shared with a parallel one.
    labelled = {(e.source, e.target) for e in scene.edges if e.label and e.drawn}
    assert labelled == {(e.source, e.target) for e in scene.edges}
    layout = layered_layout(scene)
    assert set(layout.centres) == set(rank)


@settings(max_examples=10)
@given(documents(max_entities=6, max_relations=8))
def test_matplotlib_svg_is_xml_and_names_every_entity(doc: Document) -> None:
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Glyph .* missing from font")  # any Unicode may come
        svg = render_bytes(GES(doc), "svg", engine="matplotlib")
    root = ET.fromstring(svg)  # no control character made it into the XML
    words = " ".join(el.text or "" for el in root.iter() if el.tag.endswith(("text", "tspan")))
    for e in doc.entities:
        assert _ws(e.name) in _ws(words)


@settings(max_examples=15)
@given(documents(max_entities=6, max_relations=8))
def test_svg_is_xml_and_names_every_entity(doc: Document) -> None:
    ges = GES(doc)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing from dot on its error stream either
        svg = to_svg(ges)
    root = ET.fromstring(svg)
    text = _ws(" ".join(el.text or "" for el in root.iter(f"{SVG_NS}text")))
    assert _ws(doc.name) in text  # the title
    for e in doc.entities:
        assert _ws(e.name) in text
