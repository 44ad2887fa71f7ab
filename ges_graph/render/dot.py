r"""The Graphviz engine: DOT source, and SVG, PNG or PDF from the ``dot`` binary.

The DOT source is written by hand from a :class:`~ges_graph.render.scene.Scene` and keeps to what
stays bounded on large groups (``docs/diagrams.md``, "Bounded layout"): ``newrank=true``, the
scene's ranks given as edge lengths (``minlen``: the head on top, members below it whatever the
direction of their relations, the leaves of wide fans stacked, see
:mod:`ges_graph.render.ranks`), a relation drawn against its rank written the other way with
``dir=back``, edge texts as ``label`` at the middle of their edge (``xlabel`` with clusters,
where ``label`` is fragile), flows with ``constraint=false``, plain-text labels (no HTML-like
labels, no ``shape=record``), clusters only on request. ``dot`` always runs under a time budget;
with clusters, a failure or a timeout falls back to the same drawing without clusters, with a
:class:`LayoutFallbackWarning`; any other failure is a :class:`~ges_graph.errors.RenderError`
that says what happened.

Every user text (names, notes, the group's name) is escaped for DOT and for the SVG that ``dot``
writes: quotes, backslashes, ``&``, ``<``, braces and line breaks can neither end the string nor
become markup.

Examples:
    >>> from ges_graph.graph import GES
    >>> ges = GES.from_data({"format": "ges-graph/1", "name": 'Le "groupe"', "entities": [
    ...     {"id": "a", "name": "A & <b>B</b>", "form": "association"}]})
    >>> print(dot_quote('A & "B"\n{C}'))
    "A &amp; \"B\"\n{C}"
    >>> 'label="A &amp; <b>B</b>\\nassociation loi 1901' in to_dot(ges)
    True
"""

from __future__ import annotations

import functools
import math
import re
import time
import warnings
from collections import Counter
from collections.abc import Iterable

from ges_graph.errors import RenderError
from ges_graph.graph import GES
from ges_graph.i18n import Lang, check_lang
from ges_graph.model import Family, Layer, RelationType
from ges_graph.render.blockplan import in_blocks
from ges_graph.render.dotlang import FONT, dot_attrs, dot_label
from ges_graph.render.dotlang import dot_quote as dot_quote  # noqa: PLC0414
from ges_graph.render.dotlegend import chunks as _chunks
from ges_graph.render.dotlegend import legend as _legend
from ges_graph.render.options import PAPERS, check_clusters, fits_paper
from ges_graph.render.ranks import balanced_children
from ges_graph.render.rundot import DEFAULT_TIMEOUT, FORMATS, PNG_MAX_INCHES
from ges_graph.render.rundot import GraphvizWarning as GraphvizWarning  # noqa: PLC0414
from ges_graph.render.rundot import LayoutFallbackWarning as LayoutFallbackWarning  # noqa: PLC0414
from ges_graph.render.rundot import find_dot as find_dot  # noqa: PLC0414
from ges_graph.render.rundot import run_dot as run_dot  # noqa: PLC0414
from ges_graph.render.scene import ReportLike, Scene, SceneNode, build_scene
from ges_graph.render.style import (
    EDGE_STYLES,
    FINDING_COLOURS,
    FLOW_WIDTHS,
    HEAD_PENWIDTH,
    NODE_STYLES,
    OUT_OF_FORCE_COLOUR,
)

__all__ = [
    "DEFAULT_TIMEOUT",
    "FONT_SIZE",
    "FORMATS",
    "LARGE",
    "PNG_MAX_INCHES",
    "cluster_of",
    "render_scene",
    "scene_to_dot",
    "to_dot",
    "to_svg",
]
# Also importable from here, as before the split, from their own modules: dot_quote
# (ges_graph.render.dotlang), find_dot, run_dot, GraphvizWarning, LayoutFallbackWarning
# (ges_graph.render.rundot).

_ = _chunks  # the legend's row balancing, kept importable here

LARGE = 150
"""From this many entities, the layout's iteration limits are tightened (see docs)."""

FONT_SIZE = 9
"""Every text of the diagram but its title is set in this size: the smallest text decides the
scale at which a drawing prints legibly, so no text is smaller than the others."""


def to_dot(
    ges: GES,
    *,
    view: str = "structure",
    layers: Iterable[Layer | str] | None = None,
    lang: Lang = "fr",
    report: ReportLike | None = None,
    findings: bool = True,
    clusters: bool | str = False,
    direction: str | None = None,
    paper: str | None = None,
    legend: bool = True,
) -> str:
    """The DOT source of a GES diagram: byte for byte the same for the same group.

    Args:
        ges: the group to draw.
        view: ``structure`` (governance and capital; the default), ``flows`` or ``all``.
        layers: ``governance``, ``capital``, ``flows`` (any of them): when given, the layers
            drawn, whatever ``view`` says.
        lang: ``fr`` or ``en``, for every text of the diagram.
        report: a validation report; the entities and relations its findings concern are marked
            and numbered, and the legend lists the findings.
        findings: False to leave the report's findings unmarked.
        clusters: box the members together: ``sector`` (or True), ``family``, ``territory``.
        direction: ``TB``, ``LR``, ``BT`` or ``RL``; by default ``LR`` for flows and for a
            structure too wide for rows, else ``TB``.
        paper: ``a4`` or ``a3``: lay out for that paper.
        legend: draw the legend under the diagram.

    Raises:
        ArgumentError: an unknown view, layer, clusters, direction, paper or language.

    Examples:
        >>> from ges_graph.graph import GES
        >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
        ...     {"id": "a", "name": "A", "form": "association"},
        ...     {"id": "b", "name": "B", "form": "sas"}], "relations": [
        ...     {"type": "shareholding", "from": "a", "to": "b", "share": 60, "votes": 75}]})
        >>> src = to_dot(ges, lang="en")
        >>> src.startswith("digraph ges {")
        True
        >>> '"a" -> "b" [label="60% · votes 75%"' in src
        True
    """
    scene = build_scene(
        ges, view=view, layers=layers, lang=lang, report=report, findings=findings,
        direction=direction, paper=paper,
    )  # fmt: skip
    return scene_to_dot(scene, clusters=clusters, legend=legend)


def scene_to_dot(
    scene: Scene,
    *,
    clusters: bool | str = False,
    legend: bool = True,
    size: tuple[float, float] | None = None,
) -> str:
    """The DOT source of a scene (see :func:`to_dot`); ``size``: inches to scale the drawing to.

    Left to right (or right to left), the legend is written first: ``dot`` then places it, as a
    component of its own, under the diagram; top down, invisible edges hang it under the bottom
    rank.
    """
    by = check_clusters(clusters)
    rankdir = scene.direction
    across = rankdir in ("LR", "RL")
    planned = in_blocks(scene)
    blocks = planned[0] if planned else None
    scene = blocks or scene
    # The structure view is drawn compact: polyline edges (splines fanning out of a holding
    # cross one another), balanced children, narrow texts, close columns (see docs).
    compact = scene.view == "structure"
    gap = planned.nodesep if planned else None  # a plan in lanes sets its own
    graph_attrs: dict[str, str | float | bool | None] = {
        "newrank": True,
        "rankdir": rankdir,
        "forcelabels": True,
        "compound": False,
        "fontname": FONT,
        "fontsize": 14,
        "label": scene.title,
        "labelloc": "t",
        "nodesep": gap or (NODESEP_ACROSS if across and compact else 0.1),
        "ranksep": 0.2,
        "outputorder": "edgesfirst",
        "splines": "polyline" if compact else None,
    }
    if size is not None:
        graph_attrs["size"] = f"{size[0]:.2f},{size[1]:.2f}!"
    if len(scene.nodes) >= LARGE:
        # Bounded network simplex and crossing minimisation (see docs: "Bounded layout").
        graph_attrs.update(nslimit=4.0, nslimit1=4.0, mclimit=0.3, remincross=False)
    out = ["digraph ges {", f"  graph {dot_attrs(**graph_attrs)};"]
    out.extend(_defaults(BLOCK_MARGIN if blocks else "0.06,0.03"))
    two = bool(planned and planned.anchors)  # a plan in two columns (see blockcols)
    if legend and across:
        out.extend(_legend(scene, long_samples=bool(by), across=True))
    quoted = {n.id: dot_quote(n.id) for n in scene.nodes}
    out.extend(_nodes(scene, by, quoted))
    if scene.head is not None and not any(v == scene.head for _, v in scene.rank_pairs):
        # on top, unless something (its controller, from outside the group) is drawn above it
        out.append(f"  {{rank=min; {dot_quote(scene.head)};}}")
    order = planned[1] if planned else None
    anchors = set(planned.anchors) if planned else set()
    far = NARROW_FAR if two else None
    text = "xlabel" if by else "label"
    out.extend(_edges(scene, text, compact, compact, order, anchors, far, quoted))
    if planned:
        # Entities of one rank in the planned order: invisible flat edges, top to bottom.
        out.extend(
            f"  {quoted[a]} -> {quoted[b]} [style=invis, minlen=0];" for a, b in planned.pins
        )
    if legend and not across:
        out.extend(_legend(scene, long_samples=bool(by)))
    out.append("}")
    return "\n".join(out) + "\n"


@functools.cache
def _defaults(margin: str) -> tuple[str, str]:
    """The statements of every node's and every edge's attributes (``margin``: a node's)."""
    node = dot_attrs(fontname=FONT, fontsize=FONT_SIZE, margin=margin, height=0.2)
    edge = dot_attrs(fontname=FONT, fontsize=FONT_SIZE, arrowsize=EDGE_ARROWSIZE)
    return f"  node {node};", f"  edge {edge};"


BLOCK_MARGIN = "0.03,0.03"
"""A node's margin round its text in a big structure drawn in blocks (else 0.06 by 0.03 inch):
its columns are as narrow as its texts allow."""


def cluster_of(node: SceneNode, by: str, lang: Lang) -> tuple[str, str] | None:
    """The box a node goes in (a key and its label), or None to draw it outside every box.

    Only group members are boxed; by territory, only those whose ``attrs`` give a
    ``territory`` (free data: the format has no territory field for entities).
    """
    check_lang(lang)
    e = node.entity
    if not e.is_group_member:
        return None
    if by == "family":
        return e.form.family.value, e.form.family.label_in(lang)
    if by == "sector":
        return e.effective_sector.value, e.effective_sector.label_in(lang)
    territory = e.attrs.get("territory") if e.attrs else None
    if isinstance(territory, str) and territory.strip():
        return territory.strip(), territory.strip()
    return None


def _nodes(scene: Scene, by: str | None, quoted: dict[str, str] | None = None) -> list[str]:
    """The node statements, in boxes when ``by`` names what to box them by.

    ``quoted``: each entity's id as a DOT string, when the caller has them.
    """
    if by is None:
        if quoted is not None:
            return ["  " + _node(n, quoted[n.id]) for n in scene.nodes]
        return ["  " + _node(n) for n in scene.nodes]
    boxes: dict[str, tuple[str, list[SceneNode]]] = {}
    loose: list[str] = []
    for n in scene.nodes:
        box = cluster_of(n, by, scene.lang)
        if box is None:
            loose.append("  " + _node(n))
        else:
            boxes.setdefault(box[0], (box[1], []))[1].append(n)
    out: list[str] = []
    for i, key in enumerate(sorted(boxes)):
        label, members = boxes[key]
        style = dot_attrs(label=label, style="rounded,dashed", color="#777777", labeljust="l")
        name = key if by != "territory" else str(i)  # a sector's or family's code is a DOT id
        out.append(f"  subgraph cluster_{name} {{")
        out.append(f"    graph {style};")
        out.extend("    " + _node(n) for n in members)
        out.append("  }")
    return out + loose


def _edges(
    scene: Scene,
    label: str,
    narrow: bool = False,
    balanced: bool = False,
    order: list[str] | None = None,
    anchors: set[tuple[str, str]] | None = None,
    far: int | None = None,
    quoted: dict[str, str] | None = None,
) -> list[str]:
    """The edge statements: one per drawn edge, then the invisible ranking pairs not drawn.

    ``narrow``: long texts of structure edges are broken at their « · », as each text widens
    its rank (left to right, its column) to its own width (a flow's line, its kind and amount,
    stays whole). ``balanced``: each holder of a big fan and of leaves has its children in
    :func:`~ges_graph.render.ranks.balanced_children`'s order, the fan in the middle.
    ``anchors``: (upper, lower) pairs whose edge ``dot`` keeps straight (:data:`ANCHOR_WEIGHT`).
    ``far``: a narrow edge spanning two ranks or more has its lines broken past this length
    only: its text sits on the rank between, among entities at least as wide. ``quoted``: each
    entity's id as a DOT string, when the caller has them.
    """
    rank = {n.id: n.rank for n in scene.nodes}
    quoted = quoted if quoted is not None else {n.id: dot_quote(n.id) for n in scene.nodes}
    most = max((e.amount or 0.0 for e in scene.edges), default=0.0)
    # An upward edge beside a downward one between the same two entities is written its own
    # way, ranking nothing: written the same way, ``dot`` makes the two one multi-edge and
    # packs their labels too close.
    down = {(e.source, e.target) for e in scene.edges if e.drawn and not e.upward and e.constraint}
    lines: list[tuple[str, str, str]] = []  # (upper, lower, statement)
    placed = set()
    low, high = FLOW_WIDTHS
    flow = RelationType.FLOW
    texts: dict[tuple[str, int], str] = {}  # each edge text as written, by text and width
    for e in scene.edges:
        source, target, _, kind, words, in_force, constraint, _, severity, drawn, up = e[:11]
        upper, lower = (target, source) if up else (source, target)
        if constraint:
            placed.add((upper, lower))
        if not drawn:
            continue
        # What follows the edge's style, in this order (as dot_attrs writes it).
        more = ""
        own_way = up and (upper, lower) in down
        if own_way:
            upper, lower = lower, upper
            more = ", constraint=false"
        elif up:
            more = ', dir="back"'
        span = rank[lower] - rank[upper]
        if constraint and not own_way and span > 1:
            more += f", minlen={span:g}"
        if anchors and (upper, lower) in anchors:
            more += f", weight={ANCHOR_WEIGHT}"
        thick = None  # a flow's line grows with its amount (its style's width otherwise)
        if e.amount is not None and most > 0:
            thick = round(low + (high - low) * math.sqrt(e.amount / most), 1)
        narrowed = narrow and kind is not flow
        width = (far if far is not None and span > 1 else NARROW) if narrowed else 0
        text = texts.get((words, width))
        if text is None:  # each text written once: « 100 % », « présidence » come by the dozen
            shown = _narrow(words, width) if narrowed else words
            text = texts[words, width] = f"{label}={dot_quote(shown)}, " if shown else ""
        if e.tooltip:
            text += f"tooltip={dot_quote(e.tooltip)}, "
        style = _edge_style(kind, in_force, severity, constraint, up and not own_way, thick)
        lines.append((upper, lower, f"  {quoted[upper]} -> {quoted[lower]} [{text}{style}{more}];"))
    # Ranking pairs whose relations are not drawn (another view) still place the nodes.
    for u, v in scene.rank_pairs:
        if (u, v) not in placed:
            gap = rank[v] - rank[u]
            minlen = f", minlen={gap}" if gap > 1 else ""
            lines.append((u, v, f"  {quoted[u]} -> {quoted[v]} [style=invis{minlen}];"))
    if not balanced:
        return [text for _, _, text in lines]
    if order is not None:
        uppers = Counter(upper for upper, _, _ in lines)
        return _in_order(lines, {u: order for u, k in uppers.items() if k > 1}, quoted)
    return _in_order(lines, balanced_children(scene.rank_pairs), quoted)


ANCHOR_WEIGHT = 20
"""The weight of an anchor's edge (a holder level with one of its leaves, see
:mod:`ges_graph.render.blockcols`): against its fan's other edges, weighing 1 each."""

NARROW = 16
"""In the structure view, an edge text's line longer than this is broken at its « · »."""

NARROW_FAR = 24
"""In a plan in two columns, the same for an edge spanning two ranks or more (to a fan's
second column): its text lies on the first column's rank, among entities as wide as it."""

NODESEP_ACROSS = 0.06
"""Left to right, the gap between two entities of a column, in inches (top down: 0.1)."""


def _narrow(label: str, width: int = NARROW) -> str:
    r"""``label`` with its lines longer than :data:`NARROW` broken at their « · ».

    Examples:
        >>> print(_narrow("5/9 sièges · présidence\nmembre de droit"))
        5/9 sièges
        présidence
        membre de droit
        >>> _narrow("90\xa0% · présidence"), _narrow("100\xa0% · membre")
        ('90\xa0%\nprésidence', '100\xa0% · membre')
    """
    lines = []
    for line in label.split("\n"):
        lines.extend(line.split(" · ") if len(line) > width else [line])
    return "\n".join(lines)


def _in_order(
    lines: list[tuple[str, str, str]], children: dict[str, list[str]], quoted: dict[str, str]
) -> list[str]:
    """The edge statements, each holder's of ``children`` in that order, which dot keeps.

    A holder's edges take the places its edges had, in its children's order, and the holder is
    marked ``ordering=out`` so that ``dot`` keeps that order.
    """
    out = [text for _, _, text in lines]
    of: dict[str, list[int]] = {}  # each holder's lines, in their places
    for i, (upper, _, _) in enumerate(lines):
        of.setdefault(upper, []).append(i)
    wheres: dict[int, dict[str, int]] = {}  # by list: the planned order is every holder's
    for u, kids in sorted(children.items()):
        where = wheres.get(id(kids))
        if where is None:
            where = wheres[id(kids)] = {v: i for i, v in enumerate(kids)}
        mine = of.get(u, [])
        ordered = sorted(mine, key=lambda i: (where.get(lines[i][1], len(kids)), i))
        for slot, i in zip(mine, ordered, strict=True):
            out[slot] = lines[i][2]
    return [f"  {quoted[u]} [ordering=out];" for u in sorted(children)] + out


def _node(n: SceneNode, name: str | None = None) -> str:
    """A node's statement; ``name``: its id as a DOT string, when the caller has it."""
    e = n.entity
    tail = _node_style(e.form.family, e.external, n.head, n.severity)
    label = dot_label(n.lines)
    name = name or dot_quote(n.id)
    return f"{name} [label={label}, tooltip={dot_quote(n.tooltip)}, {tail}];"


@functools.cache
def _node_style(family: Family, external: bool, head: bool, severity: str | None) -> str:
    """The attributes of a node after its label: the same for every node of a kind."""
    style = NODE_STYLES[family]
    styles = ["filled"]
    if style.rounded:
        styles.append("rounded")
    if external:
        styles.append("dashed")
    attrs: dict[str, str | float | bool | None] = {
        "shape": style.shape,
        "style": ",".join(styles),
        "fillcolor": style.fill,
    }
    if head:
        attrs["penwidth"] = HEAD_PENWIDTH
    if severity is not None:
        attrs["color"] = FINDING_COLOURS.get(severity, "#000000")
        attrs["peripheries"] = 2
        attrs["penwidth"] = max(2.0, HEAD_PENWIDTH if head else 0.0)
    return dot_attrs(**attrs)[1:-1]


@functools.cache
def _edge_style(
    type: RelationType,
    in_force: bool,
    severity: str | None,
    constraint: bool,
    upward: bool,
    thick: float | None = None,
) -> str:
    """The attributes of an edge after its text: the same for every edge of a kind.

    An edge written the other way (``dir=back``) shows its tail: its arrow is an ``arrowtail``.
    ``thick``: the line's width where it says an amount (a flow), in place of the kind's; its
    arrow then grows with it, so that a thick line still ends in an arrow, not a blot (the
    outline of a small arrow drawn with a thick pen fills it).

    Examples:
        >>> _edge_style(RelationType.FLOW, True, None, False, False, 3.6)
        'style="dotted", color="#994455", penwidth=3.6, arrowhead="vee", arrowsize=1.4, \
constraint=false'
    """
    style = EDGE_STYLES[type]
    colour = style.colour if in_force else OUT_OF_FORCE_COLOUR
    width = style.width if thick is None else thick
    if severity is not None:
        colour = FINDING_COLOURS.get(severity, colour)
        width += 1.5
    return dot_attrs(
        style=style.line if style.line != "solid" else None,
        color=colour,
        fontcolor=colour if severity is not None else None,
        penwidth=width,
        arrowhead=None if upward else style.arrowhead,
        arrowtail=style.arrowhead if upward else None,
        arrowsize=None if thick is None else max(EDGE_ARROWSIZE, round(0.4 * width, 1)),
        constraint=None if constraint else False,
    )[1:-1]


EDGE_ARROWSIZE = 0.7
"""The arrows' size (Graphviz's ``arrowsize``) of every edge but thick flows."""


# -- rendering -----------------------------------------------------------------------------------


def render_scene(
    scene: Scene,
    fmt: str,
    *,
    clusters: bool | str = False,
    timeout: float = DEFAULT_TIMEOUT,
    legend: bool = True,
) -> bytes:
    """Render a scene with ``dot``; with clusters, fall back to none if ``dot`` fails or stalls.

    The fallback gets what is left of ``timeout``, and a :class:`LayoutFallbackWarning` says
    what happened. With the scene's ``paper``, the drawing is scaled to the paper when its
    smallest text
    then prints at 7 pt at least (:func:`~ges_graph.render.options.fits_paper`); else it is
    left at its own size, laid out for that paper's width.
    """
    started = time.monotonic()
    by = check_clusters(clusters)
    if by:
        try:
            return _run_to_paper(scene, fmt, by, timeout, legend)
        except RenderError as exc:
            if find_dot() is None:
                raise
            left = timeout - (time.monotonic() - started)
            if left <= 0:
                raise
            warnings.warn(
                f"the layout with clusters failed ({exc}); drawn without clusters",
                LayoutFallbackWarning,
                stacklevel=3,
            )
            return _run_to_paper(scene, fmt, None, left, legend)
    return _run_to_paper(scene, fmt, None, timeout, legend)


_SVG_SIZE = re.compile(rb'<svg width="([\d.]+)pt" height="([\d.]+)pt"')


def _run_to_paper(
    scene: Scene, fmt: str, by: str | None, timeout: float, legend: bool = True
) -> bytes:
    """``dot`` on the scene; with a paper, a first layout says whether to scale to it."""
    paper = scene.paper
    source = scene_to_dot(scene, clusters=by or False, legend=legend)
    if paper is None:
        return run_dot(source, fmt, timeout=timeout)
    started = time.monotonic()
    svg = run_dot(source, "svg", timeout=timeout)
    found = _SVG_SIZE.search(svg[:2000])
    if found is None or not fits_paper(float(found[1]), float(found[2]), FONT_SIZE, paper):
        return svg if fmt == "svg" else run_dot(source, fmt, timeout=timeout)
    width, height = float(found[1]), float(found[2])
    pw, ph = PAPERS[paper]
    if (width >= height) != (pw >= ph):
        pw, ph = ph, pw
    inches = (pw / 72, ph / 72)
    left = max(timeout - (time.monotonic() - started), 1.0)
    sized = scene_to_dot(scene, clusters=by or False, size=inches, legend=legend)
    return run_dot(sized, fmt, timeout=left)


def to_svg(
    ges: GES,
    *,
    view: str = "structure",
    layers: Iterable[Layer | str] | None = None,
    lang: Lang = "fr",
    report: ReportLike | None = None,
    findings: bool = True,
    clusters: bool | str = False,
    direction: str | None = None,
    paper: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> str:
    """The diagram as SVG text, laid out by Graphviz ``dot``.

    Args:
        ges: the group to draw.
        view: ``structure`` (the default), ``flows`` or ``all``.
        layers: ``governance``, ``capital``, ``flows`` (any of them): overrides ``view``.
        lang: ``fr`` or ``en``.
        report: a validation report whose findings are marked.
        findings: False to leave them unmarked.
        clusters: box members by ``sector`` (or True), ``family`` or ``territory`` (dropped,
            with a warning, if ``dot`` fails with them).
        direction: ``TB``, ``LR``, ``BT`` or ``RL`` (default: the view's).
        paper: ``a4`` or ``a3``: scale the drawing to that paper when its text stays legible.
        timeout: seconds ``dot`` may take.

    Raises:
        ArgumentError: an unknown view, layer, clusters, direction, paper or language.
        RenderError: ``dot`` is missing, failed or ran out of time.
    """
    scene = build_scene(
        ges, view=view, layers=layers, lang=lang, report=report, findings=findings,
        direction=direction, paper=paper,
    )  # fmt: skip
    return render_scene(scene, "svg", clusters=clusters, timeout=timeout).decode("utf-8")
