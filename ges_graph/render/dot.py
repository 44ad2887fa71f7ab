r"""The Graphviz engine: DOT source, and SVG, PNG or PDF from the ``dot`` binary.

The DOT source is written by hand from a :class:`~ges_graph.render.scene.Scene` and keeps to what
stays bounded on large groups (``docs/diagrams.md``, "Bounded layout"): ``newrank=true``, edge
texts as ``xlabel`` (with ``forcelabels=true``, so that no percentage is ever dropped) from
:data:`SMALL` entities or with clusters, as ``label`` below (they get room in the layout), flows
with ``constraint=false``, plain-text labels (no HTML-like labels, no ``shape=record``), clusters
only on request. ``dot`` always runs under a time budget; with clusters, a failure or a timeout
falls back to the same drawing without clusters, with a :class:`LayoutFallbackWarning`; any other
failure is a :class:`~ges_graph.errors.RenderError` that says what happened.

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
import itertools
import os
import re
import shutil
import subprocess
import time
import warnings
from collections.abc import Iterable

from ges_graph.errors import ArgumentError, RenderError
from ges_graph.graph import GES
from ges_graph.i18n import Lang, Tr
from ges_graph.model import Family, Layer, RelationType, Sector
from ges_graph.render.scene import ReportLike, Scene, SceneEdge, SceneNode, build_scene
from ges_graph.render.style import (
    EDGE_STYLES,
    FINDING_COLOURS,
    HEAD_PENWIDTH,
    NODE_STYLES,
    OUT_OF_FORCE_COLOUR,
    severity_label,
    text,
)
from ges_graph.vocabulary import SchemaRole

__all__ = [
    "DEFAULT_TIMEOUT",
    "FORMATS",
    "LARGE",
    "GraphvizWarning",
    "LayoutFallbackWarning",
    "dot_quote",
    "find_dot",
    "run_dot",
    "scene_to_dot",
    "to_dot",
    "to_svg",
]

DEFAULT_TIMEOUT = 60.0
"""Seconds ``dot`` may run for one diagram (all attempts together) before a RenderError."""

LARGE = 150
"""From this many entities, the layout's iteration limits are tightened (see docs)."""

SMALL = 60
"""Below this many entities, without clusters, edge texts are ``label`` (room is made for them
in the layout, so they never overlap); from it, or with clusters, ``xlabel`` (placed after the
layout, never dropped thanks to ``forcelabels``): the measured safe choice on large groups."""
"""From this many entities, the layout's iteration limits are tightened (see docs)."""

LEGEND_NODES_PER_ROW = 6
"""Sample nodes (families, external, head) in a row of the legend, after its title."""

LEGEND_EDGES_PER_ROW = 3
"""Sample edges (relation types) in a row of the legend, at most; the rows are balanced."""

PNG_MAX_INCHES = 100
"""A PNG is scaled down to at most this many inches a side (9,600 pixels at 96 dpi): a larger
raster takes seconds to paint and cannot be read whole anyway; SVG and PDF are not capped."""

FORMATS = ("svg", "png", "pdf")
"""What :func:`run_dot` produces."""

FONT = "Helvetica"

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SAFE = re.compile(r'[^"\\&\x00-\x1f\x7f]*\Z')


class LayoutFallbackWarning(UserWarning):
    """The layout was drawn in a simpler way than asked (clusters dropped), and why."""


class GraphvizWarning(UserWarning):
    """``dot`` drew the diagram but said something on its error stream (quoted)."""


_PIECE = 2000
"""Longer strings are quoted in pieces, each at most 5 times as long once escaped (``&amp;``)."""


def dot_quote(value: str) -> str:
    r"""``value`` as a double-quoted DOT string, safe for DOT and for the SVG ``dot`` writes.

    Backslashes and quotes are escaped for DOT; ``&`` becomes ``&amp;`` (Graphviz would otherwise
    read ``&lt;`` in a name as an entity); a line break becomes DOT's ``\n``; other control
    characters are dropped. ``<`` and ``>`` need nothing: in a plain label they are text, and
    ``dot`` escapes them in SVG.

    A long value (a name of a million characters, in a tooltip) is written as quoted pieces
    joined by DOT's ``+``: ``dot`` refuses a quoted string longer than 16 KiB.

    Examples:
        >>> print(dot_quote("a\\N"))
        "a\\N"
        >>> dot_quote("&" * 3000).count('" + "')
        1
    """
    if len(value) > _PIECE:
        value = value.replace("\r\n", "\n")
        pieces = range(0, len(value), _PIECE)
        return " + ".join(dot_quote(value[i : i + _PIECE]) for i in pieces)
    if _SAFE.match(value):
        return f'"{value}"'
    s = _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    s = s.replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;")
    return '"' + s.replace("\n", "\\n") + '"'


def _label(lines: Iterable[str]) -> str:
    return dot_quote("\n".join(lines))


def _attrs(**attrs: str | float | bool | None) -> str:
    parts = []
    for k, v in attrs.items():
        if v is None:
            continue
        if isinstance(v, bool):
            value = "true" if v else "false"
        elif isinstance(v, float | int):
            value = f"{v:g}"
        else:
            value = dot_quote(v)
        parts.append(f"{k}={value}")
    return "[" + ", ".join(parts) + "]"


def to_dot(
    ges: GES,
    *,
    layers: Iterable[Layer | str] | None = None,
    lang: Lang = "fr",
    report: ReportLike | None = None,
    clusters: bool = False,
    legend: bool = True,
) -> str:
    """The DOT source of a GES diagram: byte for byte the same for the same group.

    Args:
        ges: the group to draw.
        layers: ``governance``, ``capital``, ``flows`` (any of them); all when None.
        lang: ``fr`` or ``en``, for every text of the diagram.
        report: a validation report; the entities and relations its findings concern are marked
            and numbered, and the legend lists the findings.
        clusters: group the members by sector (marchand, non marchand, mixte) in boxes.
        legend: draw the legend beside the diagram.

    Raises:
        ValueError: an unknown layer or language.

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
    scene = build_scene(ges, layers=layers, lang=lang, report=report)
    return scene_to_dot(scene, clusters=clusters, legend=legend)


def scene_to_dot(scene: Scene, *, clusters: bool = False, legend: bool = True) -> str:
    """The DOT source of a scene (see :func:`to_dot`)."""
    lang = scene.lang
    large = len(scene.nodes) >= LARGE
    room = not clusters and len(scene.nodes) < SMALL
    rank = {n.id: n.rank for n in scene.nodes}
    quoted = {n.id: dot_quote(n.id) for n in scene.nodes}
    out = ["digraph ges {"]
    graph_attrs: dict[str, str | float | bool | None] = {
        "newrank": True,
        "rankdir": "TB",
        "forcelabels": True,
        "compound": False,
        "fontname": FONT,
        "fontsize": 14,
        "label": scene.title,
        "labelloc": "t",
        "nodesep": 0.45,
        "ranksep": 0.4 if room else 0.65,
        "outputorder": "edgesfirst",
    }
    if large:
        # Bounded network simplex and crossing minimisation (see docs: "Bounded layout").
        graph_attrs.update(nslimit=4.0, nslimit1=4.0, mclimit=0.3, remincross=False)
    out.append(f"  graph {_attrs(**graph_attrs)};")
    out.append(f"  node {_attrs(fontname=FONT, fontsize=10, margin='0.1,0.05', penwidth=1.0)};")
    out.append(f"  edge {_attrs(fontname=FONT, fontsize=9, arrowsize=0.7)};")

    if clusters:
        groups: dict[Sector, list[SceneNode]] = {}
        loose: list[SceneNode] = []
        for n in scene.nodes:
            if not n.entity.is_group_member:
                loose.append(n)
            else:
                groups.setdefault(n.sector, []).append(n)
        for sector in Sector:
            if sector not in groups:
                continue
            out.append(f"  subgraph cluster_{sector.value} {{")
            out.append(
                "    graph "
                + _attrs(
                    label=sector.label_in(lang),
                    style="rounded,dashed",
                    color="#777777",
                    fontsize=11,
                    labeljust="l",
                )
                + ";"
            )
            out.extend("    " + _node(n) for n in groups[sector])
            out.append("  }")
        out.extend("  " + _node(n) for n in loose)
    else:
        out.extend("  " + _node(n) for n in scene.nodes)
    if scene.head is not None:
        out.append(f"  {{rank=min; {dot_quote(scene.head)};}}")

    drawn = set()
    for e in scene.edges:
        # Same-rank (flat) edges keep xlabel: dot routes flat edges with labels badly.
        flat = rank[e.source] == rank[e.target]
        out.append("  " + _edge(e, "label" if room and not flat else "xlabel", quoted))
        if e.constraint:
            drawn.add((e.source, e.target))
    # Ranking pairs whose relations are in a layer not drawn still place the nodes.
    for u, v in scene.rank_pairs:
        if (u, v) not in drawn:
            out.append(f"  {dot_quote(u)} -> {dot_quote(v)} [style=invis];")
    if legend:
        out.extend(_legend(scene, long_samples=not room))
    out.append("}")
    return "\n".join(out) + "\n"


def _node(n: SceneNode) -> str:
    tail = _node_style(n.entity.form.family, n.entity.external, n.head, n.severity)
    return f"{dot_quote(n.id)} [label={_label(n.lines)}, tooltip={dot_quote(n.tooltip)}, {tail}];"


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
    return _attrs(**attrs)[1:-1]


def _edge(e: SceneEdge, label: str, quoted: dict[str, str]) -> str:
    tail = _edge_style(e.type, e.in_force, e.severity, e.constraint)
    text = f"{label}={dot_quote(e.label)}, " if e.label else ""
    return f"{quoted[e.source]} -> {quoted[e.target]} [{text}{tail}];"


@functools.cache
def _edge_style(type: RelationType, in_force: bool, severity: str | None, constraint: bool) -> str:
    """The attributes of an edge after its text: the same for every edge of a kind."""
    style = EDGE_STYLES[type]
    colour = style.colour if in_force else OUT_OF_FORCE_COLOUR
    width = style.width
    if severity is not None:
        colour = FINDING_COLOURS.get(severity, colour)
        width += 1.5
    return _attrs(
        style=style.line if style.line != "solid" else None,
        color=colour,
        fontcolor=colour if severity is not None else None,
        penwidth=width,
        arrowhead=style.arrowhead,
        constraint=None if constraint else False,
    )[1:-1]


def _legend(scene: Scene, *, long_samples: bool = False) -> list[str]:
    """The legend: a compact block of samples under the diagram, a few short rows.

    The first row holds the title and a sample node per family present, then the external and
    head marks (at most :data:`LEGEND_NODES_PER_ROW` samples a row); then the relation types
    present, a sample edge each, in balanced rows of at most :data:`LEGEND_EDGES_PER_ROW`; then
    the list of findings. Invisible edges from the nodes of the diagram's bottom rank to the
    middle of the first row put the legend below the whole diagram (ranks are global with
    ``newrank``) and around the middle of that rank, so the legend's rows
    take only their own height; invisible edges chain the samples of a row left to right and
    the rows top to bottom, which packs them side by side. ``long_samples``: draw the sample
    lines twice the node gap long (when no edge has a ``label``; otherwise dot doubles it).

    The legend's own nodes are named ``#legend:…``: ``#`` is outside the pattern of entity ids,
    so that no entity can take one of their names (Graphviz would merge the two).
    """
    lang = scene.lang
    rows = _chunks(_node_samples(scene), LEGEND_NODES_PER_ROW) or [[]]
    rows.extend(_chunks(_edge_samples(scene, long_samples), LEGEND_EDGES_PER_ROW))
    if scene.findings:
        rows.append([_findings_box(scene)])
    lines, middles = _legend_rows(rows, lang)
    if scene.nodes:
        # Below the diagram, after its bottom rank, and under the middle of that rank: every
        # node of the bottom rank pulls the middle of the first row.
        depth = scene.depth - 1
        middle = middles[len(middles) // 2]
        for n in scene.nodes:
            if n.rank == depth:
                lines.append(f"  {dot_quote(n.id)} -> {middle} [style=invis];")
    return lines


def _legend_node(name: str, **attrs: str | float | bool | None) -> list[str]:
    """A node of the legend, in its small font."""
    return [f"{dot_quote(name)} {_attrs(**{'fontsize': 9, **attrs})};"]


def _node_samples(scene: Scene) -> list[list[str]]:
    """A sample node per family present, then the external and head marks."""
    lang = scene.lang
    node = _legend_node
    samples: list[list[str]] = []  # each item: DOT statements, its first node named first
    for fam in sorted({n.entity.form.family for n in scene.nodes}, key=list(Family).index):
        st = NODE_STYLES[fam]
        samples.append(
            node(
                f"#legend:family:{fam.value}",
                label=fam.label_in(lang),
                shape=st.shape,
                style="filled,rounded" if st.rounded else "filled",
                fillcolor=st.fill,
                height=0.3,
            )
        )
    if any(n.entity.external for n in scene.nodes):
        samples.append(node("#legend:external", label=text("external", lang), shape="box",
                            style="dashed", height=0.3))  # fmt: skip
    if scene.head is not None:
        head = "★ " + SchemaRole.HEAD.label_in(lang)
        samples.append(node("#legend:head", label=head, shape="box",
                            penwidth=HEAD_PENWIDTH, height=0.3))  # fmt: skip
    return samples


def _edge_samples(scene: Scene, long_samples: bool) -> list[list[str]]:
    """A sample edge per relation type present, its name beside it."""
    lang = scene.lang
    edges: list[list[str]] = []
    for t in sorted({e.type for e in scene.edges}, key=list(RelationType).index):
        est = EDGE_STYLES[t]
        a, b = f"#legend:rel:{t.value}:a", f"#legend:rel:{t.value}:b"
        edges.append(
            [
                f'{dot_quote(a)} [shape=point, width=0.05, label=""];',
                *_legend_node(b, shape="plaintext", label=t.legend.render(lang), height=0.25),
                f"{dot_quote(a)} -> {dot_quote(b)} "
                + _attrs(
                    style=est.line if est.line != "solid" else None,
                    color=est.colour,
                    penwidth=est.width,
                    arrowhead=est.arrowhead,
                    minlen=2 if long_samples else 1,  # label mode doubles minlen
                )
                + ";",
            ]
        )
    return edges


def _findings_box(scene: Scene) -> list[str]:
    """The box listing the findings (the first twenty), framed in the worst one's colour."""
    lang = scene.lang
    shown = scene.findings[:20]
    rows_text = [text("finding_mark", lang)]
    for f in shown:
        sev = severity_label(f.severity, lang)
        rows_text.append(f"⚠ {f.number} · {sev} · {f.rule}")
    if len(scene.findings) > len(shown):
        rows_text.append(text("more_findings", lang).format(n=len(scene.findings) - len(shown)))
    body = "".join(dot_quote(s)[1:-1] + "\\l" for s in rows_text)
    colour = FINDING_COLOURS.get(scene.findings[0].severity, "#000000")
    return [
        f'{dot_quote("#legend:findings")} [shape=box, style=rounded, label="{body}", '
        f'fontsize=9, color="{colour}", penwidth=2];'
    ]


def _legend_rows(rows: list[list[list[str]]], lang: Lang) -> tuple[list[str], list[str]]:
    """The legend's subgraph, its rows packed by invisible edges; and its first row's nodes."""
    colon = Tr("\xa0:", ":").render(lang)
    lines = ["  subgraph legend {"]
    firsts: list[str] = []
    middles: list[str] = []  # the first row's nodes
    for i, row in enumerate(rows):
        # Each row starts with a cell of one fixed width (the title's, then blank ones), chained
        # top to bottom: the rows start at the same x, and the samples pack to its right.
        head = f"#legend:{'title' if i == 0 else f'row:{i}'}"
        label = text("legend", lang) + colon if i == 0 else ""
        cells = [
            _legend_node(
                head, shape="plaintext", label=label, width=0.75, height=0.25, fixedsize=True
            ),
            *row,
        ]
        for item in cells:
            lines.extend("    " + s for s in item)
        members = [[s.split(" ", 1)[0] for s in item if " -> " not in s] for item in cells]
        if len(cells) > 1:
            names = "; ".join(m for item_members in members for m in item_members)
            lines.append(f"    {{rank=same; {names};}}")
        # Left to right: the last node of an item, then the first of the next.
        for left, right in itertools.pairwise(members):
            lines.append(f"    {left[-1]} -> {right[0]} [style=invis, minlen=0];")
        firsts.append(members[0][0])
        middles = middles or [m for item_members in members for m in item_members]
    if len(firsts) > 1:
        lines.append("    " + " -> ".join(firsts) + " [style=invis, weight=10];")
    lines.append("  }")
    return lines, middles


def _chunks(items: list[list[str]], most: int) -> list[list[list[str]]]:
    """``items`` in balanced rows of at most ``most`` (7 by 6: 4 and 3, not 6 and 1).

    Examples:
        >>> [len(row) for row in _chunks([["x"]] * 7, 6)], _chunks([], 6)
        ([4, 3], [])
    """
    if not items:
        return []
    size = -(-len(items) // -(-len(items) // most))
    return [items[i : i + size] for i in range(0, len(items), size)]


# -- running dot ---------------------------------------------------------------------------------


def find_dot() -> str | None:
    """The path of the ``dot`` binary on ``PATH``, or None."""
    return shutil.which("dot")


def run_dot(source: str, fmt: str = "svg", *, timeout: float = DEFAULT_TIMEOUT) -> bytes:
    """Lay out and render DOT ``source`` with the ``dot`` binary, within ``timeout`` seconds.

    Args:
        source: DOT source.
        fmt: ``svg``, ``png`` or ``pdf``.
        timeout: seconds before ``dot`` is stopped.

    Raises:
        RenderError: ``dot`` is not installed, failed (its message is quoted) or ran out of time.
        ValueError: an unknown format.
    """
    if fmt not in FORMATS:
        raise ArgumentError(f"unknown format: {fmt!r} (must be one of {', '.join(FORMATS)})")
    exe = find_dot()
    if exe is None:
        raise RenderError(
            "the Graphviz 'dot' program is not on PATH: install Graphviz "
            "(apt install graphviz, brew install graphviz, https://graphviz.org/download/) "
            "or draw with engine='matplotlib'"
        )
    env = {**os.environ, "SOURCE_DATE_EPOCH": "0", "TZ": "UTC"}
    png_size = [f"-Gsize={PNG_MAX_INCHES},{PNG_MAX_INCHES}"] if fmt == "png" else []
    try:
        done = subprocess.run(
            [exe, f"-T{fmt}", *png_size],
            input=source.encode("utf-8", "replace"),  # a lone surrogate from JSON: "?"
            capture_output=True,
            timeout=timeout,
            check=False,
            env=env,
        )
    except subprocess.TimeoutExpired:
        raise RenderError(
            f"Graphviz 'dot' did not finish within {timeout:g} s and was stopped; "
            "draw fewer layers, without clusters, or with engine='matplotlib'"
        ) from None
    except OSError as exc:
        raise RenderError(f"could not run Graphviz 'dot' ({exe}): {exc}") from None
    if done.returncode != 0 or not done.stdout:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = "; ".join(message[-3:]) if message else "no message"
        raise RenderError(
            f"Graphviz 'dot' failed (exit status {done.returncode}): {detail}; "
            "try without clusters, fewer layers, or engine='matplotlib'"
        )
    if done.stderr.strip():
        said = "; ".join(done.stderr.decode("utf-8", "replace").strip().splitlines()[-3:])
        warnings.warn(f"Graphviz 'dot': {said}", GraphvizWarning, stacklevel=2)
    if fmt == "pdf":
        return _fixed_pdf_date(done.stdout)
    return done.stdout


_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}")


def _fixed_pdf_date(pdf: bytes) -> bytes:
    """The PDF with its creation date set to 1970, in place (same length: offsets stay valid).

    Cairo stamps the time it ran, so without this no two PDFs of the same diagram are equal.

    Examples:
        >>> _fixed_pdf_date(b"/CreationDate (D:20261126130859Z)")
        b'/CreationDate (D:19700101000000Z)'
    """
    return _PDF_DATE.sub(lambda m: b"/" + m.group(1) + b" (D:19700101000000", pdf)


def render_scene(
    scene: Scene, fmt: str, *, clusters: bool = False, timeout: float = DEFAULT_TIMEOUT
) -> bytes:
    """Render a scene with ``dot``; with clusters, fall back to none if ``dot`` fails or stalls.

    The fallback gets what is left of ``timeout``, and a :class:`LayoutFallbackWarning` says
    what happened.
    """
    started = time.monotonic()
    if clusters:
        try:
            return run_dot(scene_to_dot(scene, clusters=True), fmt, timeout=timeout)
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
            return run_dot(scene_to_dot(scene, clusters=False), fmt, timeout=left)
    return run_dot(scene_to_dot(scene), fmt, timeout=timeout)


def to_svg(
    ges: GES,
    *,
    layers: Iterable[Layer | str] | None = None,
    lang: Lang = "fr",
    report: ReportLike | None = None,
    clusters: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
) -> str:
    """The diagram as SVG text, laid out by Graphviz ``dot``.

    Args:
        ges: the group to draw.
        layers: ``governance``, ``capital``, ``flows`` (any of them); all when None.
        lang: ``fr`` or ``en``.
        report: a validation report whose findings are marked.
        clusters: group members by sector (dropped, with a warning, if ``dot`` fails with them).
        timeout: seconds ``dot`` may take.

    Raises:
        RenderError: ``dot`` is missing, failed or ran out of time.
    """
    scene = build_scene(ges, layers=layers, lang=lang, report=report)
    return render_scene(scene, "svg", clusters=clusters, timeout=timeout).decode("utf-8")
