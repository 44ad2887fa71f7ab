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
import itertools
import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from ges_graph.errors import (
    ArgumentError,
    MissingDependencyError,
    RenderError,
)
from ges_graph.graph import GES
from ges_graph.i18n import Lang
from ges_graph.model import Layer
from ges_graph.render.mpl_layout import EDGE_FONT_SIZE, FONT_SIZE, patch
from ges_graph.render.mpl_layout import Layout as Layout  # noqa: PLC0414
from ges_graph.render.mpl_layout import layered_layout as layered_layout  # noqa: PLC0414
from ges_graph.render.mpl_legend import LINESTYLES, legend_size
from ges_graph.render.mpl_legend import legend as legend_of
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

__all__ = ["draw", "draw_scene", "figure", "render_bytes"]
# Layout and layered_layout stay importable from here; their home is ges_graph.render.mpl_layout.

MAX_INCHES = 60.0
"""A saved figure is at most this wide or high; larger layouts are scaled down."""

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
        legend: draw the legend to the right of the axes.

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
        raise RenderError(
            f"too large for the matplotlib engine ({len(scene.nodes)} entities, "
            f"{len(scene.edges)} relations drawn; at most {MAX_NODES} and {MAX_EDGES}): "
            "use engine='graphviz', or fewer layers"
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

    layout = layered_layout(scene)
    margin, title = 0.4, 0.45
    w, h = layout.width + 2 * margin, layout.height + 2 * margin
    lw, lh = legend_size(scene) if legend else (0.0, 0.0)
    fig_w, fig_h = max(w + lw, 2.0), max(h + title, lh, 1.5)
    # Scaled down, text and all, if the drawing would be larger than MAX_INCHES.
    scale = min(1.0, MAX_INCHES / max(fig_w, fig_h))
    fig = Figure(figsize=(fig_w * scale, fig_h * scale))
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0.0, (fig_h - title - h) / fig_h, w / fig_w, h / fig_h))
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
    node_font = max(FONT_SIZE * scale, 2.0)
    edge_font = max(EDGE_FONT_SIZE * scale, 2.0)
    shapes = {n.id: NODE_STYLES[n.entity.form.family].shape for n in scene.nodes}
    for n in scene.nodes:
        _draw_node(ax, n, layout, scale, node_font)
    # Edge texts avoid the nodes and the texts placed before them (see _place_label).
    taken: list[Box] = []
    nodes = [_node_box(shapes[n.id], layout.centres[n.id], layout.sizes[n.id]) for n in scene.nodes]
    bend = _edge_bends(scene)
    most = max((e.amount or 0.0 for e in scene.edges), default=0.0)
    for i, e in enumerate(scene.edges):
        if not e.drawn:
            continue
        geometry = (layout.bends.get(i), bend[i])
        colour, spots = _draw_edge(ax, e, geometry, layout, shapes, scale, most)
        if not e.label:
            continue
        lx, ly = _place_label(e.label, spots, taken, nodes)
        ax.text(
            lx,
            ly,
            e.label,
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
    if legend:
        legend_of(scene, ax)


def _frame(scene: Scene, ax: Axes, layout: Layout) -> float:
    """Set the axes' limits and title; return the scale of the drawing (inches an inch)."""
    margin = 0.4
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


def _draw_node(ax: Axes, n: SceneNode, layout: Layout, scale: float, font: float) -> None:
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
    ax.text(
        x,
        y,
        "\n".join(n.lines),
        ha="center",
        va="center",
        fontsize=font,
        zorder=3,
        parse_math=False,
        linespacing=1.15,
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
    e: SceneEdge,
    points: tuple[tuple[float, float], ...] | None,
    rad: float,
    layout: Layout,
    shapes: dict[str, str],
) -> tuple[list[tuple[float, float]], bool, list[tuple[float, float]]]:
    """An edge's path (vertices, and whether it is a quadratic curve) and its text's spots."""
    src, dst = layout.centres[e.source], layout.centres[e.target]
    shape_s = shapes[e.source]
    shape_t = shapes[e.target]
    if points:
        start = _boundary(shape_s, src, layout.sizes[e.source], points[0])
        end = _boundary(shape_t, dst, layout.sizes[e.target], points[-1])
        along = [start, *points, end]
        spots = [points[len(points) // 2], *(_on_polyline(along, t) for t in _SPOTS[1:])]
        return along, False, spots
    # A quadratic curve bent by ``rad`` (as matplotlib's arc3), clipped at the outlines
    # here rather than by matplotlib's patch clipping, which is slow.
    dx, dy = dst[0] - src[0], dst[1] - src[1]
    ctrl = ((src[0] + dst[0]) / 2 + rad * dy, (src[1] + dst[1]) / 2 - rad * dx)
    start = _boundary(shape_s, src, layout.sizes[e.source], ctrl)
    end = _boundary(shape_t, dst, layout.sizes[e.target], ctrl)
    return [start, ctrl, end], True, [_on_quadratic(start, ctrl, end, t) for t in _SPOTS]


def _draw_edge(
    ax: Axes,
    e: SceneEdge,
    geometry: tuple[tuple[tuple[float, float], ...] | None, float],
    layout: Layout,
    shapes: dict[str, str],
    scale: float,
    most: float,
) -> tuple[str, list[tuple[float, float]]]:
    """Draw one edge's line and arrow; return its colour and the spots its text may take.

    ``geometry``: the points a long edge passes through, and how much a short one bends;
    ``most``: the largest amount of the diagram's flows edges (their width grows with it).
    """
    points, rad = geometry
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
    vertices, curved, spots = _edge_geometry(e, points, rad, layout, shapes)
    path = Path(vertices, [Path.MOVETO, Path.CURVE3, Path.CURVE3]) if curved else Path(vertices)
    ax.add_artist(FancyArrowPatch(path=path, **kw))
    return colour, spots


Box = tuple[float, float, float, float]
"""An axis-aligned box in layout inches: left, bottom, right, top."""

_SPOTS = (0.5, 0.38, 0.62, 0.27, 0.73, 0.18, 0.82)
"""Where along its edge a text may sit (0 source, 1 target), in order of preference."""


def _box(centre: tuple[float, float], w: float, h: float) -> Box:
    return (centre[0] - w / 2, centre[1] - h / 2, centre[0] + w / 2, centre[1] + h / 2)


def _overlap(a: Box, b: Box) -> float:
    return max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))


def _on_quadratic(
    p0: tuple[float, float], p1: tuple[float, float], p2: tuple[float, float], t: float
) -> tuple[float, float]:
    u = 1 - t
    return (
        u * u * p0[0] + 2 * u * t * p1[0] + t * t * p2[0],
        u * u * p0[1] + 2 * u * t * p1[1] + t * t * p2[1],
    )


def _on_polyline(points: Sequence[tuple[float, float]], t: float) -> tuple[float, float]:
    """The point at fraction ``t`` of the polyline's length."""
    lengths = [math.dist(a, b) for a, b in itertools.pairwise(points)]
    goal = t * sum(lengths)
    for (a, b), length in zip(itertools.pairwise(points), lengths, strict=True):
        if goal <= length and length > 0:
            k = goal / length
            return (a[0] + k * (b[0] - a[0]), a[1] + k * (b[1] - a[1]))
        goal -= length
    return points[-1]


def _node_box(shape: str, centre: tuple[float, float], size: tuple[float, float]) -> Box:
    """The box a node's outline surely covers (for an ellipse, mostly inside it), with a margin."""
    k = 0.8 if shape == "ellipse" else 1.0
    return _box(centre, k * size[0] + 0.1, k * size[1] + 0.1)


def _place_label(
    label: str,
    spots: Sequence[tuple[float, float]],
    taken: list[Box],
    nodes: Sequence[Box] = (),
) -> tuple[float, float]:
    """Where an edge text goes, among ``spots`` along its edge; its box is added to ``taken``.

    The first spot where the text's estimated box overlaps none of the ``nodes`` and no text
    placed before it (on the edge, then half a text's height above or below it), else the spot
    that overlaps least (a text over a text counting four times a text over a node). Edges come
    sorted, so the placement is deterministic.

    Examples:
        >>> taken = [(-0.5, -0.1, 0.5, 0.1)]  # a text already in the middle
        >>> _place_label("100%", [(0.0, 0.0), (0.0, 0.5)], taken)
        (0.0, 0.5)
        >>> len(taken)
        2
    """
    lines = label.split("\n")
    em = EDGE_FONT_SIZE / 72  # inches, as the layout
    w = em * (0.62 * max(len(line) for line in lines) + 0.3) + 0.06  # text, padding, a gap
    h = em * (1.3 * len(lines) + 0.3) + 0.06
    # On the edge first; then just above or below it, still touching it.
    shifted = [(x, y + dy) for x, y in spots for dy in (h / 2, -h / 2)]
    best, least = spots[0], math.inf
    for spot in [*spots, *shifted]:
        box = _box(spot, w, h)
        cost = 4 * sum(_overlap(box, other) for other in taken)
        cost += sum(_overlap(box, node) for node in nodes)
        if cost < least:
            best, least = spot, cost
            if cost == 0:
                break
    taken.append(_box(best, w, h))
    return best


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
        fig.savefig(buf, format=fmt, metadata=metadata, dpi=110)
    return buf.getvalue()
