"""The flows matrix as a heat map: numbers, words, and text that never overlaps."""

from __future__ import annotations

import itertools
import sys
from typing import Any

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import Bbox
from report_groups import big_ges

from ges_graph.errors import ArgumentError, MissingDependencyError, UnknownLanguageError
from ges_graph.flows import flow_matrix
from ges_graph.graph import GES
from ges_graph.i18n import format_money
from ges_graph.render.matrix import flow_heatmap, grid, short_name


def _agg_figure(width: float, height: float) -> Figure:
    fig = Figure(figsize=(width, height))
    FigureCanvasAgg(fig)
    return fig


def _texts(fig: Figure) -> list[Text]:
    return [
        t
        for t in fig.findobj(Text)
        if isinstance(t, Text) and t.get_visible() and t.get_text().strip()
    ]


def _extents(fig: Figure) -> list[tuple[str, Bbox]]:
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    return [(t.get_text(), t.get_window_extent(renderer)) for t in _texts(fig)]


def _overlaps(fig: Figure) -> list[tuple[str, str]]:
    """Pairs of texts whose drawn boxes intersect (by more than a hair)."""
    found = []
    for (a, box_a), (b, box_b) in itertools.combinations(_extents(fig), 2):
        w = min(box_a.x1, box_b.x1) - max(box_a.x0, box_b.x0)
        h = min(box_a.y1, box_b.y1) - max(box_a.y0, box_b.y0)
        if w > 0.5 and h > 0.5:
            found.append((a, b))
    return found


def _cell_texts_inside_their_cells(fig: Figure) -> list[str]:
    """The cell texts (drawn in data coordinates) that leave their unit cell."""
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    out = []
    for ax in fig.axes:
        for t in ax.texts:
            x, y = t.get_position()
            if x % 1 != 0.5:  # the « no flow » notice, not a cell
                continue
            (x0, y0), (x1, y1) = ax.transData.transform([(x - 0.5, y + 0.5), (x + 0.5, y - 0.5)])
            box = t.get_window_extent(renderer)
            if not (x0 <= box.x0 and box.x1 <= x1 and y0 <= box.y0 and box.y1 <= y1):
                out.append(t.get_text())
    return out


@pytest.fixture(scope="module")
def ges() -> GES:
    return big_ges()


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize(
    "kinds", [None, ["management_fee", "service", "treasury", "staff_secondment", "premises"]]
)
def test_no_text_overlaps_another_or_leaves_its_cell(ges: GES, lang: Any, kinds: Any) -> None:
    fig = flow_heatmap(ges, lang=lang, kinds=kinds)
    fig.canvas.draw()  # type: ignore[no-untyped-call]
    assert len(_texts(fig)) > 60  # the measure looks at every name and amount
    assert _overlaps(fig) == []
    assert _cell_texts_inside_their_cells(fig) == []
    width, height = fig.get_size_inches()
    for _, box in _extents(fig):  # nothing is cut at the figure's edges
        assert box.x0 >= 0
        assert box.y0 >= 0
        assert box.x1 <= width * fig.dpi
        assert box.y1 <= height * fig.dpi


def test_the_measure_sees_an_overlap() -> None:
    fig = _agg_figure(2, 1)
    fig.text(0.1, 0.5, "45 000 EUR")
    fig.text(0.15, 0.5, "gratuit")
    fig.canvas.draw()  # type: ignore[no-untyped-call]
    assert _overlaps(fig) == [("45 000 EUR", "gratuit")]


def test_totals_are_the_flow_matrix_totals(ges: GES) -> None:
    m = flow_matrix(ges)
    g = grid(m)
    fig = flow_heatmap(ges)
    ax = fig.axes[0]
    rows = [t.get_text() for t in ax.get_yticklabels()]
    cols = [t.get_text() for t in ax.get_xticklabels()]
    assert rows[-1] == cols[-1] == "Total"
    cells = {(int(t.get_position()[1]), int(t.get_position()[0])): t.get_text() for t in ax.texts}
    assert cells[(len(rows) - 1, len(cols) - 1)] == format_money(m.total, "EUR") == "927 702 EUR"
    for i, payer in enumerate(g.payers):
        expected = sum(m.get(payer, b) for b in m.members)
        assert cells[(i, len(cols) - 1)] == format_money(expected, "EUR")
    for j, payee in enumerate(g.payees):
        expected = sum(m.get(a, payee) for a in m.members)
        assert cells[(len(rows) - 1, j)] == format_money(expected, "EUR")


def test_amounts_in_the_currency_written_as_each_language_writes_them(ges: GES) -> None:
    fr = {t.get_text() for t in flow_heatmap(ges).axes[0].texts}
    assert {"7 250,50 EUR", "427 500 EUR"} <= fr
    assert "gratuit" not in fr  # a pair with a free flow and a paid one shows the amount
    en = {t.get_text() for t in flow_heatmap(ges, lang="en").axes[0].texts}
    assert {"7,250.50 EUR", "427,500 EUR"} <= en
    premises = flow_heatmap(ges, lang="en", kinds=["premises"]).axes[0]
    assert {t.get_text() for t in premises.texts} == {"free", "0 EUR"}
    assert flow_heatmap(ges, lang="en").axes[0].get_xlabel() == "Payee"
    assert flow_heatmap(ges).axes[0].get_ylabel() == "Payeur"


def test_members_are_named_and_long_names_shortened(ges: GES) -> None:
    ax = flow_heatmap(ges).axes[0]
    rows = [t.get_text() for t in ax.get_yticklabels()]
    ids = {e.id for e in ges.document.entities}
    assert not ids & set(rows)
    assert "Horizon Développement" in rows
    assert "Association … du Pays de Vitré" in rows
    assert len(set(rows)) == len(rows)  # shortened, still told apart
    assert all(len(r) <= 36 for r in rows)


def test_one_panel_per_kind(ges: GES) -> None:
    fig = flow_heatmap(ges, kinds=["premises", "subsidy"])
    titles = [ax.get_title(loc="left") for ax in fig.axes]
    assert titles == [
        "Flux entre membres : locaux (EUR)",
        "Flux entre membres : subvention (EUR)",
    ]
    premises = {t.get_text() for t in fig.axes[0].texts}
    assert premises == {"gratuit", "0 EUR"}
    # the subsidies come from public bodies outside the group: none between members
    assert [t.get_text() for t in fig.axes[1].texts] == ["Aucun flux entre membres."]


def test_on_the_callers_axes_the_text_fits_the_cells(ges: GES) -> None:
    fig = _agg_figure(6, 4)
    ax = fig.add_subplot()
    assert flow_heatmap(ges, ax=ax, kinds=["management_fee"]) is fig
    assert fig.axes == [ax]
    fig.canvas.draw()  # type: ignore[no-untyped-call]
    assert _cell_texts_inside_their_cells(fig) == []


def test_no_flow_at_all_is_said() -> None:
    ges = GES.from_data(
        {
            "format": "ges-graph/1",
            "name": "G",
            "entities": [{"id": "a", "name": "A", "form": "association"}],
        }
    )
    fig = flow_heatmap(ges, lang="en")
    assert [t.get_text() for t in fig.axes[0].texts] == ["No flow between members."]


def test_arguments_are_checked(ges: GES) -> None:
    with pytest.raises(ArgumentError, match="unknown flow kind: 'gift'"):
        flow_heatmap(ges, kinds=["gift"])
    with pytest.raises(ArgumentError, match="kinds is empty"):
        flow_heatmap(ges, kinds=[])
    with pytest.raises(ArgumentError, match="one axes holds one panel"):
        flow_heatmap(ges, ax=Figure().add_subplot(), kinds=["loan", "service"])
    with pytest.raises(UnknownLanguageError):
        flow_heatmap(ges, lang="de")  # type: ignore[arg-type]


def test_without_matplotlib_the_error_says_how_to_install(
    ges: GES, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(MissingDependencyError, match=r"pip install 'ges-graph\[render\]'"):
        flow_heatmap(ges)


def test_the_group_is_left_unchanged(ges: GES) -> None:
    before = ges.document.model_dump()
    flow_heatmap(ges, kinds=["management_fee"])
    assert ges.document.model_dump() == before


@pytest.mark.parametrize(
    ("name", "limit", "short"),
    [
        ("Evolio", 36, "Evolio"),
        ("Association Intermédiaire du Pays de Redon", 36, "Association … du Pays de Redon"),
        ("Horizon Transport à la Demande", 24, "Horizon … à la Demande"),
        ("Département d'Ille-et-Vilaine", 20, "Département d'Ille-…"),
    ],
)
def test_short_names(name: str, limit: int, short: str) -> None:
    assert short_name(name, limit) == short
    assert len(short) <= limit
