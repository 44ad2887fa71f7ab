"""The matplotlib engine: a layered layout computed in Python, drawn on an ``Axes``.

It needs no Graphviz: ranks come from the scene (holders above what they hold, the head on top),
the order within each rank from barycentre sweeps over the ranking edges (long edges pass through
dummy points, so that they bend around the rows they cross), and the horizontal places from an
isotonic regression that puts each node as near as possible to its neighbours without overlaps.
Everything is sorted and tie-broken by id, so the same group gives the same picture.

Examples:
    >>> from ges_graph.graph import GES
    >>> from ges_graph.render.scene import build_scene
    >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
    ...     {"id": "a", "name": "A", "form": "association"},
    ...     {"id": "b", "name": "B", "form": "sas"},
    ...     {"id": "c", "name": "C", "form": "sas"}], "relations": [
    ...     {"type": "shareholding", "from": "a", "to": "b", "share": 100},
    ...     {"type": "shareholding", "from": "a", "to": "c", "share": 100}]})
    >>> layout = layered_layout(build_scene(ges))
    >>> layout.centres["a"][1] > layout.centres["b"][1] == layout.centres["c"][1]
    True
    >>> layout.centres["b"][0] < layout.centres["a"][0] < layout.centres["c"][0]
    True
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ges_graph.errors import (
    ArgumentError,
    MissingDependencyError,
    RenderError,
)
from ges_graph.graph import GES
from ges_graph.i18n import Lang
from ges_graph.model import Layer
from ges_graph.render.mpl_comb import text_width
from ges_graph.render.mpl_labels import SPOTS, Box, Placer, along
from ges_graph.render.mpl_layout import EDGE_FONT_SIZE, spacing
from ges_graph.render.mpl_layout import Layout as Layout  # noqa: PLC0414
from ges_graph.render.mpl_layout import layered_layout as layered_layout  # noqa: PLC0414
from ges_graph.render.mpl_legend import LINESTYLES, columns_of, label_lengths, legend_size
from ges_graph.render.mpl_legend import legend as legend_of
from ges_graph.render.mpl_shapes import patch
from ges_graph.render.rundot import PNG_DPI, PNG_MAX_INCHES
from ges_graph.render.scene import ReportLike, Scene, SceneEdge, SceneNode, build_scene
from ges_graph.render.style import (
    EDGE_STYLES,
    FINDING_COLOURS,
    FLOW_WIDTHS,
    HEAD_PENWIDTH,
    NODE_STYLES,
    OUT_OF_FORCE_COLOUR,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.text import Text

__all__ = ["draw", "draw_scene", "figure", "render_bytes"]
# Layout and layered_layout stay importable from here; their home is ges_graph.render.mpl_layout.

MAX_INCHES = 60.0
"""A saved figure is at most this wide or high; larger layouts are scaled down."""
MARGIN = 0.08
"""Round the drawing, inches."""
TITLE = 0.28
"""Above the drawing, for the title, inches (its first line)."""
TITLE_LINE = 0.19
"""Above the drawing, for each further line of the title (the flows view of a big group says
on a second line that its flows are grouped), inches."""

_ARROWS = {
    "normal": "-|>",
    "empty": "-|>",
    "vee": "->",
    "odot": "-|>",
    "diamond": "-|>",
}


def _import_matplotlib() -> Any:
    try:
        import matplotlib  # noqa: PLC0415
    except ImportError as exc:
        raise MissingDependencyError(
            "drawing with matplotlib needs matplotlib: pip install 'ges-graph[render]'"
        ) from exc
    return matplotlib


# -- drawing -------------------------------------------------------------------------------------


def _boundary(shape: str, centre: tuple[float, float], size: tuple[float, float],
              towards: tuple[float, float]) -> tuple[float, float]:  # fmt: skip
    """Where the segment from the centre towards a point leaves the outline (approximately)."""
    (x, y), (w, h) = centre, size
    dx, dy = towards[0] - x, towards[1] - y
    if dx == 0 and dy == 0:
        return centre
    if shape == "ellipse":
        t = 1 / math.hypot(dx / (w / 2), dy / (h / 2))
    else:
        t = min((w / 2) / abs(dx) if dx else math.inf, (h / 2) / abs(dy) if dy else math.inf)
    t = min(t, 1.0)
    return (x + dx * t, y + dy * t)


def draw(
    ges: GES,
    ax: Axes | None = None,
    *,
    view: str = "structure",
    layers: Iterable[Layer | str] | None = None,
    lang: Lang = "fr",
    report: ReportLike | None = None,
    findings: bool = True,
    direction: str | None = None,
    paper: str | None = None,
    legend: bool = True,
) -> Axes:
    r"""Draw a GES with matplotlib, on ``ax`` or on a new figure's axes.

    The text is sized to the axes: on a small ``Axes`` the labels shrink with the shapes.

    Args:
        ges: the group to draw (never changed).
        ax: where to draw; a new :class:`~matplotlib.figure.Figure` sized to the diagram when
            None (not attached to pyplot).
        view: ``structure`` (the default), ``flows`` or ``all``.
        layers: ``governance``, ``capital``, ``flows`` (any of them): overrides ``view``.
        lang: ``fr`` or ``en``.
        report: a validation report whose findings are marked.
        findings: False to leave them unmarked.
        direction: ``TB``, ``LR``, ``BT`` or ``RL`` (default: the view's, as with Graphviz).
        paper: ``a4`` or ``a3``: lay out for that paper.
        legend: draw the legend under the axes, in as many columns as their width holds.

    Returns:
        The axes drawn on.

    Raises:
        ArgumentError: an unknown view, layer, direction, paper or language.
        MissingDependencyError: matplotlib is not installed.

    Examples:
        >>> from ges_graph.graph import GES
        >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
        ...     {"id": "a", "name": "A", "form": "association"}]})
        >>> ax = draw(ges)
        >>> print(ax.texts[0].get_text())
        A
        association loi 1901
        ★ tête de groupe
    """
    scene = build_scene(
        ges, view=view, layers=layers, lang=lang, report=report, findings=findings,
        direction=direction, paper=paper,
    )  # fmt: skip
    if ax is None:
        return figure(scene, legend=legend).axes[0]
    draw_scene(scene, ax, legend=legend)
    return ax


MAX_EDGES = 600
"""The matplotlib engine draws at most this many relations (issue 15: placing the texts of
10,000 took minutes); beyond, :class:`~ges_graph.errors.RenderError` says to use Graphviz."""
MAX_NODES = 600
"""Likewise for entities."""


def _check_size(scene: Scene) -> None:
    """Refuse a scene too large for this engine to draw in a bounded time."""
    if len(scene.edges) > MAX_EDGES or len(scene.nodes) > MAX_NODES:
        size = f"{len(scene.nodes)} entities, {len(scene.edges)} relations drawn"
        most = f"at most {MAX_NODES} and {MAX_EDGES}"
        raise RenderError(
            f"too large for the matplotlib engine ({size}; {most}): use engine='graphviz', "
            "or fewer layers",
            message_fr=f"trop grand pour le moteur matplotlib ({len(scene.nodes)} entités, "
            f"{len(scene.edges)} relations dessinées ; au plus {MAX_NODES} et {MAX_EDGES})",
            message_en=f"too large for the matplotlib engine ({size}; {most})",
        )


def figure(scene: Scene, *, legend: bool = True) -> Figure:
    """A new figure (not attached to pyplot) holding the scene at scale 1 (an inch a unit).

    Raises:
        RenderError: more than :data:`MAX_NODES` entities or :data:`MAX_EDGES` relations drawn.
    """
    _import_matplotlib()
    _check_size(scene)
    from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: PLC0415
    from matplotlib.figure import Figure  # noqa: PLC0415

    lengths = label_lengths(scene) if legend else []
    title = TITLE + TITLE_LINE * scene.title.count("\n")

    def frame(width: float) -> tuple[float, float]:
        legend_h = columns_of(lengths, width + 2 * MARGIN)[2] if legend else 0.0
        return 2 * MARGIN, 2 * MARGIN + title + legend_h

    layout = layered_layout(scene, frame)
    w, h = layout.width + 2 * MARGIN, layout.height + 2 * MARGIN
    lw, lh = legend_size(scene, w) if legend else (0.0, 0.0)
    # As wide as the title too (at its size, 11 pt): a long group name was cut at the edges.
    title_w = max((text_width(t, 11.0) for t in scene.title.split("\n")), default=0.0)
    fig_w, fig_h = max(w, lw, title_w + 2 * MARGIN, 2.0), max(title + h + lh, 1.5)
    # Scaled down, text and all, if the drawing would be larger than MAX_INCHES.
    scale = min(1.0, MAX_INCHES / max(fig_w, fig_h))
    fig = Figure(figsize=(fig_w * scale, fig_h * scale))
    FigureCanvasAgg(fig)
    ax = fig.add_axes(((fig_w - w) / 2 / fig_w, (fig_h - title - h) / fig_h, w / fig_w, h / fig_h))
    draw_scene(scene, ax, legend=legend, layout=layout)
    return fig


def draw_scene(
    scene: Scene, ax: Axes, *, legend: bool = True, layout: Layout | None = None
) -> None:
    """Draw a scene on ``ax`` (see :func:`draw`); :func:`figure` says what it refuses."""
    _import_matplotlib()
    _check_size(scene)
    layout = layout or layered_layout(scene)
    scale = _frame(scene, ax, layout)
    room = spacing(scene)
    node_font = max(room.font * scale, 2.0)
    edge_font = max(EDGE_FONT_SIZE * scale, 2.0)
    shapes = {n.id: NODE_STYLES[n.entity.form.family].shape for n in scene.nodes}
    texts = [_draw_node(ax, n, layout, scale, node_font) for n in scene.nodes]
    # Edge texts avoid the nodes, their texts and the texts placed before them (mpl_labels).
    unit = _unit(ax)
    obstacles = [
        _node_box(shapes[n.id], layout.centres[n.id], layout.sizes[n.id]) for n in scene.nodes
    ]
    obstacles += [_measured(t, unit, 0.0)[0] for t in texts]
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    placer = Placer(obstacles, bounds=(x0, y0, x1, y1), gap=room.text_gap)
    bend = _edge_bends(scene)
    most = max((e.amount or 0.0 for e in scene.edges), default=0.0)
    pad = 0.15 * edge_font / 72 / scale  # the text's white box, beyond the text
    for i, e in enumerate(scene.edges):
        if not e.drawn:
            continue
        colour, spots = _draw_edge(ax, e, (i, bend[i]), layout, shapes, scale, most)
        if not e.label:
            continue
        text = ax.text(
            *spots[0],
            layout.texts.get(i, e.label),
            ha="center",
            va="center",
            fontsize=edge_font,
            color=colour,
            zorder=4,
            parse_math=False,
            bbox={
                "boxstyle": "round,pad=0.15",
                "facecolor": "white",
                "edgecolor": "none",
                "alpha": 0.85,
            },
        )
        _, (tw, th) = _measured(text, unit, pad)
        text.set_position(placer.place(spots, tw, th))
    if legend:
        legend_of(scene, ax)


def _unit(ax: Axes) -> float:
    """Drawing units a display pixel (the axes keep an equal aspect)."""
    x0 = ax.transData.transform((0.0, 0.0))[0]
    x1 = ax.transData.transform((1.0, 0.0))[0]
    return 1.0 / max(float(x1 - x0), 1e-9)


def _measured(text: Text, unit: float, pad: float) -> tuple[Box, tuple[float, float]]:
    """A text's box in drawing units as matplotlib lays it out, and its size with ``pad`` round."""
    bb = text.get_window_extent()
    x, y = text.get_position()
    w, h = bb.width * unit + 2 * pad, bb.height * unit + 2 * pad
    return (x - w / 2, y - h / 2, x + w / 2, y + h / 2), (w, h)


def _frame(scene: Scene, ax: Axes, layout: Layout) -> float:
    """Set the axes' limits and title; return the scale of the drawing (inches an inch)."""
    margin = MARGIN
    ax.set_xlim(-margin, layout.width + margin)
    ax.set_ylim(-layout.height - margin, margin)
    ax.set_aspect("equal")
    ax.set_axis_off()
    fig = ax.get_figure(root=True)
    assert fig is not None
    box = ax.get_position()
    fw, fh = fig.get_size_inches()
    scale: float = min(
        box.width * fw / (layout.width + 2 * margin), box.height * fh / (layout.height + 2 * margin)
    )
    ax.set_title(scene.title, fontsize=max(11 * min(scale, 1.0), 6.0), parse_math=False)
    return scale


def _draw_node(ax: Axes, n: SceneNode, layout: Layout, scale: float, font: float) -> Text:
    """Draw one node: its shape (framed in its finding's colour) and its lines of text."""
    style = NODE_STYLES[n.entity.form.family]
    (x, y), (w, h) = layout.centres[n.id], layout.sizes[n.id]
    colour = FINDING_COLOURS.get(n.severity, "#000000") if n.severity else "#000000"
    width = HEAD_PENWIDTH if n.head else 1.0
    if n.severity is not None:
        outer = patch(
            style.shape,
            style.rounded,
            x,
            y,
            w + 0.1,
            h + 0.1,
            fill=False,
            edgecolor=colour,
            linewidth=1.5 * scale,
            zorder=2,
        )
        ax.add_artist(outer)
        width = max(width, 2.0)
    shape = patch(
        style.shape,
        style.rounded,
        x,
        y,
        w,
        h,
        facecolor=style.fill,
        edgecolor=colour,
        linewidth=width * scale,
        linestyle="--" if n.entity.external else "-",
        zorder=2,
    )
    ax.add_artist(shape)
    return ax.text(
        x,
        y,
        "\n".join(n.lines),
        ha="center",
        va="center",
        fontsize=font,
        zorder=3,
        parse_math=False,
        linespacing=1.1,
    )


def _edge_bends(scene: Scene) -> dict[int, float]:
    """How much each edge bends: parallel relations between two entities alternate sides."""
    groups: dict[tuple[str, str], list[int]] = {}
    for i, e in enumerate(scene.edges):
        if e.drawn:
            groups.setdefault((min(e.source, e.target), max(e.source, e.target)), []).append(i)
    bend: dict[int, float] = {i: 0.0 for i, e in enumerate(scene.edges) if not e.drawn}
    for (a, _), members in groups.items():
        for j, i in enumerate(members):
            e = scene.edges[i]
            side = 0.0 if len(members) == 1 and e.constraint else (j // 2 + 1) * 0.22
            side *= -1 if j % 2 else 1
            bend[i] = side if e.source == a else -side
    return bend


def _edge_geometry(
    i: int, e: SceneEdge, rad: float, layout: Layout, shapes: dict[str, str]
) -> tuple[list[tuple[float, float]], bool, list[tuple[float, float]]]:
    """Edge ``i``'s path (vertices, and whether it is a quadratic curve) and its text's spots.

    A comb's edge follows its route, its text on the stub first; a long edge passes through its
    bend points; any other is a quadratic curve bent by ``rad`` (as matplotlib's arc3), clipped
    at the outlines here rather than by matplotlib's patch clipping, which is slow.
    """
    route = layout.routes.get(i)
    if route:
        return list(route), False, [layout.spots[i], *along(route)]
    src, dst = layout.centres[e.source], layout.centres[e.target]
    points = layout.bends.get(i)
    if points:
        start = _boundary(shapes[e.source], src, layout.sizes[e.source], points[0])
        end = _boundary(shapes[e.target], dst, layout.sizes[e.target], points[-1])
        line = [start, *points, end]
        return line, False, along(line)
    dx, dy = dst[0] - src[0], dst[1] - src[1]
    ctrl = ((src[0] + dst[0]) / 2 + rad * dy, (src[1] + dst[1]) / 2 - rad * dx)
    start = _boundary(shapes[e.source], src, layout.sizes[e.source], ctrl)
    end = _boundary(shapes[e.target], dst, layout.sizes[e.target], ctrl)
    return [start, ctrl, end], True, [_on_quadratic(start, ctrl, end, t) for t in SPOTS]


def _draw_edge(
    ax: Axes,
    e: SceneEdge,
    geometry: tuple[int, float],
    layout: Layout,
    shapes: dict[str, str],
    scale: float,
    most: float,
) -> tuple[str, list[tuple[float, float]]]:
    """Draw one edge's line and arrow; return its colour and the spots its text may take.

    ``geometry``: the edge's index in the scene, and how much it bends when it is drawn alone;
    ``most``: the largest amount of the diagram's flows edges (their width grows with it).
    """
    index, rad = geometry
    from matplotlib.patches import FancyArrowPatch  # noqa: PLC0415
    from matplotlib.path import Path  # noqa: PLC0415

    est = EDGE_STYLES[e.type]
    colour = est.colour if e.in_force else OUT_OF_FORCE_COLOUR
    lw = est.width
    if e.amount is not None and most > 0:
        low, high = FLOW_WIDTHS
        lw = low + (high - low) * math.sqrt(e.amount / most)
    if e.severity is not None:
        colour = FINDING_COLOURS.get(e.severity, colour)
        lw += 1.5
    kw: dict[str, Any] = {
        "arrowstyle": _ARROWS.get(est.arrowhead, "-|>"),
        "mutation_scale": 9 * scale,
        "color": colour,
        "linewidth": lw * scale,
        "linestyle": LINESTYLES[est.line],
        "zorder": 1,
        "shrinkA": 0,
        "shrinkB": 0,
    }
    vertices, curved, spots = _edge_geometry(index, e, rad, layout, shapes)
    path = Path(vertices, [Path.MOVETO, Path.CURVE3, Path.CURVE3]) if curved else Path(vertices)
    ax.add_artist(FancyArrowPatch(path=path, **kw))
    return colour, spots


def _on_quadratic(
    p0: tuple[float, float], p1: tuple[float, float], p2: tuple[float, float], t: float
) -> tuple[float, float]:
    u = 1 - t
    return (
        u * u * p0[0] + 2 * u * t * p1[0] + t * t * p2[0],
        u * u * p0[1] + 2 * u * t * p1[1] + t * t * p2[1],
    )


def _node_box(shape: str, centre: tuple[float, float], size: tuple[float, float]) -> Box:
    """The box a node's outline surely covers (for an ellipse, mostly inside it), with a margin."""
    k = 0.8 if shape == "ellipse" else 1.0
    w, h = k * size[0] + 0.06, k * size[1] + 0.06
    return (centre[0] - w / 2, centre[1] - h / 2, centre[0] + w / 2, centre[1] + h / 2)


def render_bytes(scene: Scene, fmt: str, *, legend: bool = True) -> bytes:
    """The scene as ``png``, ``svg`` or ``pdf`` bytes, the same for the same scene.

    SVG keeps text as text (``svg.fonttype: none``) with a fixed ``svg.hashsalt``; no format
    carries a date.
    """
    matplotlib = _import_matplotlib()
    metadata: dict[str, str | None]
    if fmt == "svg":
        metadata = {"Date": None, "Creator": "ges-graph"}
    elif fmt == "pdf":
        metadata = {"CreationDate": None, "ModDate": None, "Creator": "ges-graph"}
    elif fmt == "png":
        metadata = {"Software": "ges-graph"}
    else:
        raise ArgumentError(f"unknown format: {fmt!r} (must be one of png, svg, pdf)")
    with matplotlib.rc_context({"svg.hashsalt": "ges-graph", "svg.fonttype": "none"}):
        fig = figure(scene, legend=legend)
        buf = io.BytesIO()
        # PNG: sharp in print, and no side above the 9,600 pixels Graphviz's PNGs keep to
        side = max(fig.get_size_inches())
        dpi = min(PNG_DPI, PNG_MAX_INCHES * PNG_DPI / side) if side else PNG_DPI
        fig.savefig(buf, format=fmt, metadata=metadata, dpi=dpi)
    return buf.getvalue()
