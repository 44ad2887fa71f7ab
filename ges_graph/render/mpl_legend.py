"""The matplotlib engine's legend: sample shapes and lines in a few columns under the drawing.

It is never wider than the drawing (unless a single column is): as many columns as the
drawing's width holds, filled row by row.

Examples:
    >>> from ges_graph.graph import GES
    >>> from ges_graph.render.scene import build_scene
    >>> scene = build_scene(GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
    ...     {"id": "a", "name": "A", "form": "association"}]}))
    >>> scene_node(scene, "a").head
    True
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ges_graph.errors import UnknownEntityError
from ges_graph.model import Family, RelationType
from ges_graph.render.mpl_shapes import patch
from ges_graph.render.scene import Scene, SceneNode
from ges_graph.render.style import (
    EDGE_STYLES,
    FINDING_COLOURS,
    HEAD_PENWIDTH,
    NODE_STYLES,
    family_legend,
    severity_label,
    text,
)
from ges_graph.vocabulary import SchemaRole

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "LINESTYLES",
    "columns",
    "columns_of",
    "label_lengths",
    "legend",
    "legend_handles",
    "legend_size",
    "scene_node",
]

LINESTYLES: dict[str, Any] = {"solid": "-", "dashed": "--", "dotted": ":"}
"""matplotlib's line style for each of the grammar's."""


def scene_node(scene: Scene, node_id: str) -> SceneNode:
    """The node of ``scene`` with this id."""
    for n in scene.nodes:
        if n.id == node_id:
            return n
    raise UnknownEntityError(node_id)


FONT = 7.0
"""The legend's text size, points: the smallest text of the diagram, as the edges' texts."""
_CHAR = 0.58 * FONT / 72
_ROW = 1.62 * FONT / 72
_SAMPLE = 0.5
"""A column's sample and the gaps round it, inches."""


def columns(scene: Scene, width: float) -> tuple[int, float, float]:
    """How many columns the legend takes under a drawing ``width`` inches wide; its size.

    matplotlib fills the columns one after the other, each as wide as its longest label: the
    most columns whose widths (estimated from the labels, a little generously) add up to no
    more than ``width``, and one at least. Returns their number and the legend's (width,
    height) in inches.
    """
    return columns_of(label_lengths(scene), width)


def label_lengths(scene: Scene) -> list[int]:
    """The lengths of the legend's labels, in characters, in order."""
    handles, _ = legend_handles(scene)
    return [len(h.get_label()) for h in handles]


def columns_of(sizes: list[int], width: float) -> tuple[int, float, float]:
    """:func:`columns` for labels of these lengths (see there).

    Examples:
        >>> columns_of([10] * 6, 100.0)[0], columns_of([10] * 6, 1.0)[0]
        (6, 1)
    """
    best = (1, _SAMPLE + max(sizes, default=0) * _CHAR, len(sizes))
    for ncol in range(2, len(sizes) + 1):
        rows = -(-len(sizes) // ncol)
        cols = [sizes[i : i + rows] for i in range(0, len(sizes), rows)]
        total = sum(_SAMPLE + max(c) * _CHAR for c in cols) + (len(cols) - 1) * 0.15
        if total > width:
            break
        best = (len(cols), total, rows)
    ncol, total, rows = best
    return ncol, total, 0.32 + rows * _ROW


def legend(scene: Scene, ax: Axes) -> None:
    """Draw the legend of ``scene`` under ``ax``, in as many columns as the axes' width holds."""
    handles, handler_map = legend_handles(scene)
    fig = ax.get_figure(root=True)
    width = ax.get_position().width * fig.get_size_inches()[0] if fig is not None else 6.0
    ncol, _, _ = columns(scene, width)
    ax.legend(
        handles=handles,
        handler_map=handler_map,
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        ncol=ncol,
        fontsize=FONT,
        title=text("legend", scene.lang),
        title_fontsize=FONT + 1,
        frameon=False,
        handlelength=1.8,
        columnspacing=1.2,
        labelspacing=0.35,
        borderaxespad=0.2,
    )


def legend_size(scene: Scene, width: float) -> tuple[float, float]:
    """Inches the legend needs under a drawing ``width`` inches wide (width, height)."""
    _, w, h = columns(scene, width)
    return w, h


def legend_handles(scene: Scene) -> tuple[list[Any], dict[Any, Any]]:
    """The legend's sample artists and their handlers: families, marks, relation types, findings."""
    from matplotlib.legend_handler import HandlerPatch  # noqa: PLC0415
    from matplotlib.lines import Line2D  # noqa: PLC0415
    from matplotlib.patches import Patch  # noqa: PLC0415

    lang = scene.lang
    handles: list[Any] = []
    handler_map: dict[Any, Any] = {}
    families = sorted({n.entity.form.family for n in scene.nodes}, key=list(Family).index)
    forms = {n.entity.form for n in scene.nodes}
    for fam in families:
        st = NODE_STYLES[fam]
        handle = Patch(facecolor=st.fill, edgecolor="black", label=family_legend(fam, forms, lang))

        def make(
            legend: Any,
            orig_handle: Any,
            xdescent: float,
            ydescent: float,
            width: float,
            height: float,
            fontsize: float,
            st: Any = st,
        ) -> Patch:
            w, h = width, height * 1.4
            return patch(st.shape, st.rounded, width / 2 - xdescent, height / 2 - ydescent, w, h)

        handles.append(handle)
        handler_map[handle] = HandlerPatch(patch_func=make)
    if any(n.entity.external for n in scene.nodes):
        handles.append(
            Patch(
                facecolor="white", edgecolor="black", linestyle="--", label=text("external", lang)
            )
        )
    if scene.head is not None:
        handles.append(
            Patch(
                facecolor="white",
                edgecolor="black",
                linewidth=HEAD_PENWIDTH,
                label="★ " + SchemaRole.HEAD.label_in(lang),
            )
        )
    # the types of the lines drawn (an office said in a shareholding's text draws no line)
    for t in sorted({e.type for e in scene.edges if e.drawn}, key=list(RelationType).index):
        est = EDGE_STYLES[t]
        handles.append(
            Line2D(
                [],
                [],
                color=est.colour,
                linewidth=est.width,
                linestyle=LINESTYLES[est.line],
                label=t.legend.render(lang),
            )
        )
    if scene.findings:
        worst = scene.findings[0].severity
        handles.append(
            Patch(
                facecolor="white",
                edgecolor=FINDING_COLOURS.get(worst, "black"),
                linewidth=2,
                label=text("finding_mark", lang),
            )
        )
        shown = scene.findings[:20]
        for f in shown:
            sev = severity_label(f.severity, lang)
            handles.append(
                Line2D([], [], linestyle="none", label=f"⚠ {f.number} · {sev} · {f.label}")
            )
        if len(scene.findings) > len(shown):
            more = text("more_findings", lang).format(n=len(scene.findings) - len(shown))
            handles.append(Line2D([], [], linestyle="none", label=more))
    return handles, handler_map
