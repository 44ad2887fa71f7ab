"""The legend of a Graphviz diagram: a compact block of samples under the drawing.

Examples:
    >>> [len(row) for row in chunks([["x"]] * 7, 6)], chunks([], 6)
    ([4, 3], [])
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Sequence

from ges_graph.i18n import Lang, Tr
from ges_graph.model import Family, Form, RelationType
from ges_graph.render.dotlang import dot_attrs, dot_quote
from ges_graph.render.scene import Scene
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

__all__ = ["LEGEND_EDGES_PER_ROW", "LEGEND_NODES_PER_ROW", "chunks", "legend"]

LEGEND_NODES_PER_ROW = 6
"""Sample nodes (families, external, head) in a row of the legend, after its title."""

LEGEND_EDGES_PER_ROW = 3
"""Sample edges (relation types) in a row of the legend, at most; the rows are balanced."""


def legend(scene: Scene, *, long_samples: bool = False, across: bool = False) -> list[str]:
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

    ``across`` (a diagram drawn left to right): the same block transposed, as ranks then run
    across, and without edges to the diagram: written before it, ``dot`` places it under it; its
    rows then span no more ranks than the diagram has, so that the legend never sets the width.

    The legend's own nodes are named ``#legend:…``: ``#`` is outside the pattern of entity ids,
    so that no entity can take one of their names (Graphviz would merge the two).
    """
    lang = scene.lang
    nodes_most, edges_most = LEGEND_NODES_PER_ROW, LEGEND_EDGES_PER_ROW
    if across:
        # A row runs over ranks, the drawing's columns: shorter than the drawing is wide (the
        # last column may be narrower than a sample).
        nodes_most = max(2, min(nodes_most, scene.depth - 2))
        edges_most = max(1, min(edges_most, (scene.depth - 1) // 2))
    rows = chunks(_node_samples(scene), nodes_most) or [[]]
    rows.extend(chunks(_edge_samples(scene, long_samples, across), edges_most))
    if scene.findings:
        rows.append([_findings_box(scene)])
    lines, middles = _legend_rows(rows, lang, across)
    if scene.nodes and not across:
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
    return [f"{dot_quote(name)} {dot_attrs(**{'fontsize': 9, **attrs})};"]


def _node_samples(scene: Scene) -> list[Sequence[str]]:
    """A sample node per family present, then the external and head marks."""
    lang = scene.lang
    families = {n.entity.form.family for n in scene.nodes}
    collective = any(n.entity.form is Form.COLLECTIVE for n in scene.nodes)
    samples: list[Sequence[str]] = [
        _family_sample(f, lang, collective) for f in _FAMILIES if f in families
    ]
    if any(n.entity.external for n in scene.nodes):
        samples.append(_external_sample(lang))
    if scene.head is not None:
        samples.append(_head_sample(lang))
    return samples


_FAMILIES = tuple(Family)
"""The families, in the order their samples are shown."""


# The samples are the same in every legend (by family, relation type, language): each is
# written once a process, as a tuple (never changed by who reads it).
@functools.cache
def _family_sample(fam: Family, lang: Lang, collective: bool = False) -> tuple[str, ...]:
    """A family's sample node (DOT statements, its node named first).

    ``collective``: a collective is drawn (the natural persons' sample then names it too).
    """
    st = NODE_STYLES[fam]
    forms = {Form.COLLECTIVE} if collective else set()
    return tuple(
        _legend_node(
            f"#legend:family:{fam.value}",
            label=family_legend(fam, forms, lang),
            shape=st.shape,
            style="filled,rounded" if st.rounded else "filled",
            fillcolor=st.fill,
            height=0.3,
        )
    )


@functools.cache
def _external_sample(lang: Lang) -> tuple[str, ...]:
    """The sample of an outside partner."""
    label = text("external", lang)
    return tuple(
        _legend_node("#legend:external", label=label, shape="box", style="dashed", height=0.3)
    )


@functools.cache
def _head_sample(lang: Lang) -> tuple[str, ...]:
    """The sample of the head of group."""
    head = "★ " + SchemaRole.HEAD.label_in(lang)
    return tuple(
        _legend_node("#legend:head", label=head, shape="box", penwidth=HEAD_PENWIDTH, height=0.3)
    )


SAMPLE_SPAN = "\xa0" * 12
"""The blank text that gives a sample edge of the legend its length (top down)."""


def _edge_samples(scene: Scene, long_samples: bool, across: bool) -> list[Sequence[str]]:
    """A sample edge per relation type present, its name beside it."""
    lang = scene.lang
    present = {e.type for e in scene.edges if e.drawn}  # not an office said in another's text
    types = [t for t in _TYPES if t in present]
    if across:
        # The longest texts first in their rows: the last sample of a row, in the drawing's last
        # columns, then never makes the legend wider than the drawing.
        types.sort(key=lambda t: -len(t.legend.render(lang)))
    return [_edge_sample(t, lang, across or long_samples, long_samples) for t in types]


_TYPES = tuple(RelationType)
"""The relation types, in the order their samples are shown."""


@functools.cache
def _edge_sample(t: RelationType, lang: Lang, bare: bool, long_samples: bool) -> tuple[str, ...]:
    """A relation type's sample edge (DOT statements, its first node named first).

    ``bare``: without the blank text that lengthens the line.
    """
    est = EDGE_STYLES[t]
    a, b = f"#legend:rel:{t.value}:a", f"#legend:rel:{t.value}:b"
    return (
        f'{dot_quote(a)} [shape=point, width=0.05, label=""];',
        *_legend_node(b, shape="plaintext", label=t.legend.render(lang), height=0.25),
        f"{dot_quote(a)} -> {dot_quote(b)} "
        + dot_attrs(
            # Blank text: a flat edge is at least as long as its label, so the sample
            # line is long enough to show its style whatever the gap between nodes.
            # Not with clusters (``long_samples``): labels there are xlabels only.
            label=None if bare else SAMPLE_SPAN,
            style=est.line if est.line != "solid" else None,
            color=est.colour,
            penwidth=est.width,
            arrowhead=est.arrowhead,
            minlen=2 if long_samples else 1,  # label mode doubles minlen
        )
        + ";",
    )


def _findings_box(scene: Scene) -> list[str]:
    """The box listing the findings (the first twenty), framed in the worst one's colour."""
    lang = scene.lang
    shown = scene.findings[:20]
    rows_text = [text("finding_mark", lang)]
    for f in shown:
        sev = severity_label(f.severity, lang)
        rows_text.append(f"⚠ {f.number} · {sev} · {f.label}")
    if len(scene.findings) > len(shown):
        rows_text.append(text("more_findings", lang).format(n=len(scene.findings) - len(shown)))
    body = "".join(dot_quote(s)[1:-1] + "\\l" for s in rows_text)
    colour = FINDING_COLOURS.get(scene.findings[0].severity, "#000000")
    return [
        f'{dot_quote("#legend:findings")} [shape=box, style=rounded, label="{body}", '
        f'fontsize=9, color="{colour}", penwidth=2];'
    ]


def _legend_rows(
    rows: list[list[Sequence[str]]], lang: Lang, across: bool
) -> tuple[list[str], list[str]]:
    """The legend's subgraph, its rows packed by invisible edges; and its first row's nodes.

    Top down, a row is a rank and the rows are chained; left to right (``across``), a row is a
    chain of ranks and the first cells of the rows share one rank.
    """
    lines = ["  subgraph legend {"]
    firsts: list[str] = []
    middles: list[str] = []  # the first row's nodes
    for i, row in enumerate(rows):
        # Each row starts with a cell of one fixed width (the title's, then blank ones), chained
        # top to bottom: the rows start at the same x, and the samples pack to its right.
        cells = [_row_head(i, lang), *row]
        for item in cells:
            lines.extend("    " + s for s in item)
        members = [[s.split(" ", 1)[0] for s in item if " -> " not in s] for item in cells]
        if len(cells) > 1 and not across:
            names = "; ".join(m for item_members in members for m in item_members)
            lines.append(f"    {{rank=same; {names};}}")
        # Left to right: the last node of an item, then the first of the next.
        gap = 1 if across else 0
        for left, right in itertools.pairwise(members):
            lines.append(f"    {left[-1]} -> {right[0]} [style=invis, minlen={gap}];")
        firsts.append(members[0][0])
        middles = middles or [m for item_members in members for m in item_members]
    if len(firsts) > 1:
        if across:
            lines.append(f"    {{rank=same; {'; '.join(firsts)};}}")
        lines.append("    " + " -> ".join(firsts) + " [style=invis, weight=10];")
    lines.append("  }")
    return lines, middles


@functools.cache
def _row_head(i: int, lang: Lang) -> tuple[str, ...]:
    """The first cell of row ``i`` of the legend: the title, then blank cells of its width."""
    head = f"#legend:{'title' if i == 0 else f'row:{i}'}"
    label = text("legend", lang) + _COLON.render(lang) if i == 0 else ""
    return tuple(
        _legend_node(head, shape="plaintext", label=label, width=0.75, height=0.25, fixedsize=True)
    )


_COLON = Tr("\xa0:", ":")


def chunks(items: list[Sequence[str]], most: int) -> list[list[Sequence[str]]]:
    """``items`` in balanced rows of at most ``most`` (7 by 6: 4 and 3, not 6 and 1).

    Examples:
        >>> [len(row) for row in chunks([["x"]] * 7, 6)], chunks([], 6)
        ([4, 3], [])
    """
    if not items:
        return []
    size = -(-len(items) // -(-len(items) // most))
    return [items[i : i + size] for i in range(0, len(items), size)]
