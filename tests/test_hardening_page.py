"""Issue 15: the report page of a large group stays the size of a few pages.

The page of 3,000 unrelated associations weighed 3.4 MB: a drawing of 3,000 boxes (2.2 MB), then
the entities, relations and per-member budget tables, one row each, and lists naming every
member. Each table now shows its first :data:`~ges_graph.html_report._parts.TABLE_ROWS` rows,
then a row that says how many more and that the exports hold them all; lists of names stop after
a few; beyond a readable size, the drawing and the flows matrix give way to a notice.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from ges_graph._data import example_path
from ges_graph.graph import GES
from ges_graph.html_report import report_html
from ges_graph.html_report._diagrams import MAX_DIAGRAM_ENTITIES
from ges_graph.html_report._matrix import MAX_MATRIX_MEMBERS
from ges_graph.html_report._parts import TABLE_ROWS
from ges_graph.io import load
from ges_graph.render import dot as dot_engine

needs_dot = pytest.mark.skipif(dot_engine.find_dot() is None, reason="Graphviz not installed")

N = 3000


def _group(n: int, *, ring: bool = False, star: bool = False) -> GES:
    """``n`` associations with a budget; a ring of services between them; or one head."""
    entities: list[dict[str, Any]] = [
        {"id": f"a{i}", "name": f"Association {i}", "form": "association", "budget": 1000}
        for i in range(n)
    ]
    relations: list[dict[str, Any]] = []
    if ring:
        relations = [
            {"type": "flow", "kind": "service", "from": f"a{i}", "to": f"a{(i + 1) % n}",
             "amount": 10}
            for i in range(n)
        ]  # fmt: skip
    if star:
        relations = [
            {"type": "statutory_control", "from": "a0", "to": f"a{i}"} for i in range(1, n)
        ]
    return GES.from_data({"format": "ges-graph/1", "name": "G", "entities": entities,
                          "relations": relations})  # fmt: skip


def _rows(page: str, section: str) -> int:
    """The body rows of the first table of a section of the page."""
    body = page.split(f'<section id="{section}"', 1)[1].split("</section>", 1)[0]
    return body.split("<tbody>", 1)[1].split("</tbody>", 1)[0].count("<tr")


def test_h15_report_of_3000_unrelated_associations_is_small() -> None:
    page = report_html(_group(N), diagram=True)
    assert len(page.encode()) < 150_000  # 3.4 MB before
    assert "Les 3 000 entités du groupe sont trop nombreuses pour un schéma lisible" in page
    assert "<svg" not in page
    assert _rows(page, "entities") == TABLE_ROWS + 1
    assert "… et 2 900 autres entités — la liste complète est dans les exports" in page
    assert "… et 2 900 autres membres" in page  # the combined budget, by member


def test_h15_the_totals_are_of_every_member() -> None:
    page = report_html(_group(N), diagram=False)
    foot = page.split("Budget combiné par membre", 1)[1].split("</tfoot>", 1)[0]
    assert re.search(r"3 000 000(,00)?\s*EUR", foot), foot[-400:]


def test_h15_report_of_a_ring_of_3000_flows_is_small() -> None:
    page = report_html(_group(N, ring=True), diagram=True, lang="en")
    assert len(page.encode()) < 200_000  # the matrix alone was 3,000 × 3,000 cells
    assert f"too many for a readable matrix (more than {MAX_MATRIX_MEMBERS})" in page
    assert "… and 2,900 more flows — the full list is in the exports of ges-graph convert" in page
    assert "3,000 entities are too many for a readable diagram" in page


def test_h15_report_of_a_star_names_a_few_members_per_role() -> None:
    page = report_html(_group(N, star=True), diagram=False)
    assert len(page.encode()) < 150_000  # 1.9 MB before
    roles = page.split("<h3>Rôles</h3>", 1)[1].split("</ul>", 1)[0]
    assert roles.count("<code>") < 30
    assert "et 2 979 autres" in roles
    assert _rows(page, "relations") == TABLE_ROWS + 1
    assert "… et 2 899 autres relations" in page


def test_h15_a_group_within_the_limits_is_shown_whole() -> None:
    page = report_html(_group(TABLE_ROWS), diagram=False)
    assert _rows(page, "entities") == TABLE_ROWS
    assert 'class="more"' not in page
    assert "autres entités" not in page
    cut = report_html(_group(TABLE_ROWS + 1), diagram=False)
    assert "… et 1 autre entité —" in cut  # singular


@needs_dot
def test_h15_a_drawable_group_keeps_its_diagram() -> None:
    tremplin = load(example_path("tremplin.yaml"))
    assert len(tremplin.document.entities) <= MAX_DIAGRAM_ENTITIES
    page = report_html(tremplin, diagram=True)
    assert "<svg" in page
    assert "trop nombreuses" not in page
    assert 'class="more"' not in page
