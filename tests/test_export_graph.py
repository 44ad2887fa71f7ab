"""GraphML and GEXF exports: flattened attributes, round trip through networkx, determinism."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from conformance_cases import CASES

from ges_graph.export import (
    export_format,
    to_gexf,
    to_graphml,
    to_networkx_flat,
    write_export,
)
from ges_graph.graph import GES
from ges_graph.io import load
from ges_graph.model import certain, possible

DOC: dict[str, Any] = {
    "format": "ges-graph/1",
    "name": "Groupe <Tremplin> & Cie",
    "as_of": "2025-12-31",
    "territory": "Loire-Atlantique (44)",
    "entities": [
        {
            "id": "tremplin",
            "name": "Association Tremplin",
            "form": "association",
            "conventions": ["aci", "ai"],
            "budget": 1800000,
            "board_size": 12,
            "siren": "732 829 320",
            "tags": ["esus", "ptce"],
            "attrs": {"naf": "88.99B", "n": [1, 2]},
        },
        {"id": "holding", "name": "Tremplin Développement", "form": "sas"},
        {"id": "ei", "name": "Tremplin Nettoyage", "form": "sarl", "conventions": ["ei"]},
        {"id": "fai", "name": "France Active", "form": "other", "external": True},
    ],
    "relations": [
        {"type": "shareholding", "from": "tremplin", "to": "holding", "share": 100},
        {
            "type": "shareholding",
            "id": "sh-ei",
            "from": "holding",
            "to": "ei",
            "share": {"min": 50, "max": 90},
            "votes": 60,
            "start": "2019-03-01",
        },
        {"type": "shareholding", "from": "fai", "to": "ei", "share": 10, "end": "2024-06-30"},
        {"type": "office", "from": "tremplin", "to": "holding", "office": "president"},
        {"type": "board", "from": "tremplin", "to": "ei", "seats": 2, "chair": True},
        {
            "type": "flow",
            "kind": "management_fee",
            "from": "ei",
            "to": "holding",
            "amount": 42000,
            "basis": "actual_cost",
            "agreement": True,
            "label": "frais de siège",
        },
    ],
}


@pytest.fixture
def ges() -> GES:
    return GES.from_data(DOC)


def test_flat_graph_holds_only_scalars(ges: GES) -> None:
    g = to_networkx_flat(ges)
    scalars = (str, int, float, bool)
    for _, data in g.nodes(data=True):
        assert all(isinstance(v, scalars) for v in data.values()), data
    for _, _, data in g.edges(data=True):
        assert all(isinstance(v, scalars) for v in data.values()), data
    assert all(isinstance(v, scalars) for v in g.graph.values())


def test_entity_fields_are_flattened(ges: GES) -> None:
    node = to_networkx_flat(ges).nodes["tremplin"]
    assert node["label"] == node["name"] == "Association Tremplin"
    assert node["form"] == "association"
    assert node["family"] == "associative"
    assert node["sector"] == "non_marchand"  # effective, derived
    assert node["conventions"] == "aci,ai"
    assert node["tags"] == "esus,ptce"
    assert node["siren"] == "732 829 320"
    assert node["budget"] == 1800000.0
    assert node["board_size"] == 12
    assert node["external"] is False
    assert node["attrs"] == '{"n": [1, 2], "naf": "88.99B"}'
    # the derived sector is written even when the document leaves it out
    assert to_networkx_flat(ges).nodes["ei"]["sector"] == "marchand"


def test_relation_fields_are_flattened(ges: GES) -> None:
    g = to_networkx_flat(ges)
    exact = g.edges["tremplin", "holding", "relations[0]"]
    assert (exact["share"], exact["share_min"], exact["share_max"]) == (100.0, 100.0, 100.0)
    assert exact["type"] == "shareholding"
    assert exact["layer"] == "capital"
    ranged = g.edges["holding", "ei", "sh-ei"]
    assert "share" not in ranged
    assert (ranged["share_min"], ranged["share_max"]) == (50.0, 90.0)
    assert (ranged["votes"], ranged["votes_min"], ranged["votes_max"]) == (60.0, 60.0, 60.0)
    assert ranged["start"] == "2019-03-01"
    assert ranged["in_force"] is True
    assert exact["label"] == "shareholding 100%"  # English labels, as ges_graph.i18n writes them
    assert ranged["label"] == "shareholding 50–90%"
    ended = g.edges["fai", "ei", "relations[2]"]
    assert ended["in_force"] is False  # ended before as_of
    assert ended["end"] == "2024-06-30"
    board = g.edges["tremplin", "ei", "relations[4]"]
    assert (board["seats"], board["chair"], board["layer"]) == (2, True, "governance")
    assert board["label"] == "board 2 seats (chair)"
    flow = g.edges["ei", "holding", "relations[5]"]
    assert flow["kind"] == "management_fee"
    assert flow["amount"] == 42000.0
    assert flow["basis"] == "actual_cost"
    assert flow["flow_label"] == "frais de siège"
    assert flow["label"] == "flow management_fee"


def test_graphml_round_trips_through_networkx(ges: GES) -> None:
    g = nx.parse_graphml(to_graphml(ges), force_multigraph=True)
    flat = to_networkx_flat(ges)
    assert list(g.nodes) == list(flat.nodes)
    assert dict(g.nodes(data=True)) == dict(flat.nodes(data=True))
    assert sorted(g.edges(keys=True)) == sorted(flat.edges(keys=True))
    for u, v, k, data in flat.edges(keys=True, data=True):
        assert g.edges[u, v, k] == data
    assert g.graph["name"] == "Groupe <Tremplin> & Cie"
    assert g.graph["as_of"] == "2025-12-31"


def test_gexf_round_trips_through_networkx(ges: GES) -> None:
    g = nx.read_gexf(_tmp_text(to_gexf(ges), ".gexf"))
    assert g.nodes["tremplin"]["label"] == "Association Tremplin"
    assert g.nodes["tremplin"]["conventions"] == "aci,ai"
    keys = {k for _, _, k in g.edges(keys=True)}
    assert keys == {ges.document.relation_key(i) for i in range(len(ges.document.relations))}
    ranged = g.edges["holding", "ei", "sh-ei"]
    assert ranged["relation_type"] == "shareholding"
    assert (ranged["share_min"], ranged["share_max"]) == (50.0, 90.0)
    # dates become GEXF spells (Gephi's timeline), not plain attributes
    assert ranged["start"] == "2019-03-01"


def test_gexf_is_valid_xml_with_the_reserved_names_respected(ges: GES) -> None:
    root = ET.fromstring(to_gexf(ges))
    ns = {"g": "http://www.gexf.net/1.2draft"}
    graph = root.find("g:graph", ns)
    assert graph is not None
    assert graph.get("mode") == "dynamic"
    assert graph.get("timeformat") == "date"
    for edge in root.iter("{http://www.gexf.net/1.2draft}edge"):
        # GEXF's own edge 'type' is the direction, never the relation type
        assert edge.get("type") in (None, "directed")
    meta = root.find("g:meta", ns)
    assert meta is not None
    assert meta.get("lastmodifieddate") == "2025-12-31"
    assert meta.findtext("g:creator", namespaces=ns) == "ges-graph"


def test_gexf_without_as_of_has_no_date() -> None:
    doc = {k: v for k, v in DOC.items() if k != "as_of"}
    root = ET.fromstring(to_gexf(GES.from_data(doc)))
    meta = root.find("{http://www.gexf.net/1.2draft}meta")
    assert meta is not None
    assert "lastmodifieddate" not in meta.attrib


def test_characters_xml_cannot_hold_are_replaced() -> None:
    doc = {
        **DOC,
        "name": "G\x00\x0b",
        "entities": [{"id": "a", "name": "Tab\there,\r\nnew line\x1f", "form": "association"}],
    }
    doc.pop("relations")
    ges = GES.from_data(doc)
    g = nx.parse_graphml(to_graphml(ges))
    assert g.nodes["a"]["name"] == "Tab\there,\nnew line\ufffd"
    assert g.graph["name"] == "G\ufffd\ufffd"
    root = ET.fromstring(to_gexf(ges))
    assert root.find(".//{http://www.gexf.net/1.2draft}node").get("label") == (
        "Tab\there,\nnew line\ufffd"
    )


def test_exports_are_deterministic(ges: GES) -> None:
    again = GES.from_data(DOC)
    assert to_graphml(ges) == to_graphml(again)
    assert to_gexf(ges) == to_gexf(again)


def test_exports_do_not_change_the_group(ges: GES) -> None:
    before = ges.document.model_dump()
    to_graphml(ges)
    to_gexf(ges)
    assert ges.document.model_dump() == before


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.graphml", "graphml"),
        ("A.GEXF", "gexf"),
        ("groupe.bods.json", "bods"),
        ("groupe.json", None),
        ("groupe.yaml", None),
        ("graphml", None),
    ],
)
def test_export_format_by_suffix(name: str, expected: str | None) -> None:
    assert export_format(name) == expected


def test_write_export_dispatches_and_refuses_unknown(ges: GES, tmp_path: Path) -> None:
    out = write_export(ges, tmp_path / "g.graphml")
    assert out.read_text(encoding="utf-8").startswith("<?xml")
    assert "<gexf" in write_export(ges, tmp_path / "g.gexf").read_text(encoding="utf-8")
    assert write_export(ges, tmp_path / "g.bods.json").read_text(encoding="utf-8").startswith("[")
    forced = write_export(ges, tmp_path / "g.xml", format="gexf")
    assert forced.read_text(encoding="utf-8") == to_gexf(ges)
    with pytest.raises(ValueError, match=r"unknown export format: 'g\.svg'.*\.graphml"):
        write_export(ges, tmp_path / "g.svg")


LOADABLE = [c for c in CASES if c.values[0] is None or not c.values[0].get("load_error")]


@pytest.mark.parametrize("case", LOADABLE)
def test_every_loadable_conformance_document_exports(case: dict[str, Any]) -> None:
    ges = load(case["path"])
    g = nx.parse_graphml(to_graphml(ges), force_multigraph=True)
    assert g.number_of_nodes() == len(ges.document.entities)
    assert g.number_of_edges() == len(ges.document.relations)
    for key, r in ges.relations.items():
        data = g.edges[r.from_, r.to, key]
        assert data["type"] == r.type
        if r.type == "shareholding":
            assert data["share_min"] == certain(r.share)  # type: ignore[union-attr]
            assert data["share_max"] == possible(r.share)  # type: ignore[union-attr]
    ET.fromstring(to_gexf(ges))


def _tmp_text(text: str, suffix: str) -> Path:
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=suffix, delete=False, encoding="utf-8") as f:
        f.write(text)
    return Path(f.name)
