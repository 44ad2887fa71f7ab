"""The matplotlib engine's legend: a column of sample shapes and lines to the right of the axes.

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
from ges_graph.render.mpl_layout import patch
from ges_graph.render.scene import Scene, SceneNode
from ges_graph.render.style import (
    EDGE_STYLES,
    FINDING_COLOURS,
    HEAD_PENWIDTH,
    NODE_STYLES,
    severity_label,
    text,
)
from ges_graph.vocabulary import SchemaRole

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["LINESTYLES", "legend", "legend_handles", "legend_size", "scene_node"]

LINESTYLES: dict[str, Any] = {"solid": "-", "dashed": "--", "dotted": ":"}
"""matplotlib's line style for each of the grammar's."""


def scene_node(scene: Scene, node_id: str) -> SceneNode:
    """The node of ``scene`` with this id."""
    for n in scene.nodes:
        if n.id == node_id:
            return n
    raise UnknownEntityError(node_id)


def legend(scene: Scene, ax: Axes) -> None:
    """Draw the legend of ``scene`` to the right of ``ax``."""
    handles, handler_map = legend_handles(scene)
    ax.legend(
        handles=handles,
        handler_map=handler_map,
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        fontsize=7,
        title=text("legend", scene.lang),
        title_fontsize=8,
        frameon=False,
    )


def legend_size(scene: Scene) -> tuple[float, float]:
    """Inches the legend needs beside the axes (width, height), estimated from its labels."""
    handles, _ = legend_handles(scene)
    longest = max((len(h.get_label()) for h in handles), default=0)
    return 0.75 + longest * 0.6 * 7 / 72, 0.45 + len(handles) * 0.19


def legend_handles(scene: Scene) -> tuple[list[Any], dict[Any, Any]]:
    """The legend's sample artists and their handlers: families, marks, relation types, findings."""
    from matplotlib.legend_handler import HandlerPatch  # noqa: PLC0415
    from matplotlib.lines import Line2D  # noqa: PLC0415
    from matplotlib.patches import Patch  # noqa: PLC0415

    lang = scene.lang
    handles: list[Any] = []
    handler_map: dict[Any, Any] = {}
    families = sorted({n.entity.form.family for n in scene.nodes}, key=list(Family).index)
    for fam in families:
        st = NODE_STYLES[fam]
        handle = Patch(facecolor=st.fill, edgecolor="black", label=fam.label_in(lang))

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
    for t in sorted({e.type for e in scene.edges}, key=list(RelationType).index):
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
                Line2D([], [], linestyle="none", label=f"⚠ {f.number} · {sev} · {f.rule}")
            )
        if len(scene.findings) > len(shown):
            more = text("more_findings", lang).format(n=len(scene.findings) - len(shown))
            handles.append(Line2D([], [], linestyle="none", label=more))
    return handles, handler_map
