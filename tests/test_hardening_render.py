"""Issue 15, hardening of the diagrams and the report page against hostile names and ids."""

from __future__ import annotations

import re
from typing import Any

import pytest

from ges_graph import GES
from ges_graph.render import dot as dot_engine
from ges_graph.render import render_bytes, to_dot

needs_dot = pytest.mark.skipif(dot_engine.find_dot() is None, reason="Graphviz not installed")

# Every id the diagram's legend used for its own nodes before issue 15, as entity ids.
_LEGEND_LIKE_IDS = [
    "legend:title",
    "legend:row:1",
    "legend:family:company",
    "legend:family:association",
    "legend:external",
    "legend:head",
    "legend:findings",
    "legend:rel:membership:a",
    "legend:rel:membership:b",
    "legend",
    "cluster_marchand",
]


def _ges(entities: list[dict[str, Any]], relations: list[dict[str, Any]] | None = None) -> GES:
    return GES.from_data(
        {"format": "ges-graph/1", "name": "G", "entities": entities, "relations": relations or []}
    )


@needs_dot
def test_h15_04_entity_ids_never_collide_with_the_legend() -> None:
    entities = [
        {"id": eid, "name": f"Entité {i:02d} zq", "form": "association" if i % 2 else "sas"}
        for i, eid in enumerate(_LEGEND_LIKE_IDS)
    ]
    relations = [
        {"type": "membership", "from": entities[i]["id"], "to": entities[i + 1]["id"]}
        for i in range(len(entities) - 1)
    ]
    ges = _ges(entities, relations)
    source = to_dot(ges)
    for e in entities:
        # Each entity id is declared once, as the entity's own node.
        assert len(re.findall(rf'^ *"{re.escape(e["id"])}" \[', source, re.M)) == 1
    svg = render_bytes(ges, "svg").decode()
    for e in entities:
        # Drawn as a label (not only in a tooltip, which the legend would leave as it was).
        assert f">{e['name']}</text>" in svg
