"""The diagrams of the report page: the structure and the flows views, inline SVG by Graphviz.

Each view is shown at the width of the page, but never so small that its smallest text is under
:data:`READABLE_PX` CSS pixels at the browser's default zoom: a wide diagram keeps that size and
scrolls sideways in its figure instead. A « taille réelle » toggle (a ``<details>`` element, no
script) shows it at Graphviz's own size. Printed, it is fitted to the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from ges_graph.errors import GESError
from ges_graph.graph import GES
from ges_graph.html_report._text import _TOO_MANY_ENTITIES, _e
from ges_graph.i18n import Lang, format_number
from ges_graph.model import Flow
from ges_graph.report import Report

View = Literal["structure", "flows"]

READABLE_PX = 9.5
"""The smallest text of a diagram, in CSS pixels, as the page shows it (9 and a margin)."""
MAX_DIAGRAM_ENTITIES = 300
"""Beyond this many entities neither view can be read (and Graphviz may take minutes to lay them
out): a notice says so, the tables stand for them. Below it, the flows view of a big group
draws families of members (:mod:`ges_graph.render.flowgroups`), the matrix giving the detail."""
_PX_PER_PT = 96 / 72


def _view_svg(ges: GES, view: View, lang: Lang, report: Report | None) -> str:
    """One view of the group as SVG text, by :func:`ges_graph.render.to_svg`."""
    from ges_graph.render import to_svg  # noqa: PLC0415 - rendering is imported where used

    return to_svg(ges, view=view, lang=lang, report=report)


def flow_edges(ges: GES) -> int:
    """How many flow edges the flows view draws: one per (payer, payee, kind) in force.

    Examples:
        >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
        ...     {"id": "a", "name": "A", "form": "association"},
        ...     {"id": "b", "name": "B", "form": "sas"}], "relations": [
        ...     {"type": "flow", "kind": "service", "from": "b", "to": "a", "amount": 1},
        ...     {"type": "flow", "kind": "service", "from": "b", "to": "a", "amount": 2},
        ...     {"type": "flow", "kind": "loan", "from": "a", "to": "b", "amount": 3}]})
        >>> flow_edges(ges)
        2
    """
    return len(
        {(r.from_, r.to, r.kind) for _, r in ges.relations_in_force() if isinstance(r, Flow)}
    )


@dataclass(frozen=True)
class Fit:
    """How wide a diagram is shown, in CSS pixels.

    Attributes:
        readable: the narrowest width at which its smallest text is :data:`READABLE_PX`.
        full: its own size (Graphviz's points as CSS points), or ``readable`` if wider.
    """

    readable: float
    full: float


_NUMBER = r"([0-9]+(?:\.[0-9]+)?)"


def fit(svg: str) -> Fit:
    """The widths at which ``svg`` (a Graphviz SVG) is shown; see :class:`Fit`.

    Examples:
        >>> svg = ('<svg width="800pt" height="100pt" viewBox="0.00 0.00 800.00 100.00">'
        ...        '<g id="graph0" transform="scale(1 1) rotate(0) translate(4 96)">'
        ...        '<text font-size="9.00">a</text><text font-size="14.00">b</text></g></svg>')
        >>> fit(svg)
        Fit(readable=844.4444444444445, full=1066.6666666666665)
        >>> fit(svg.replace("scale(1 1)", "scale(0.5 0.5)")).readable > 1066
        True
    """
    box = re.search(r'viewBox="[-0-9.]+ [-0-9.]+ ' + _NUMBER + " " + _NUMBER + '"', svg)
    if box is None:
        raise GESError("the diagram has no viewBox")
    units = float(box.group(1))
    width = re.search(r'<svg[^>]*\swidth="' + _NUMBER + 'pt"', svg)
    full = (float(width.group(1)) if width else units) * _PX_PER_PT
    scale = re.search(r'id="graph0"[^>]*transform="scale\(' + _NUMBER, svg)
    sizes = [float(s) for s in re.findall(r'font-size="' + _NUMBER + '"', svg)]
    if not sizes or units <= 0:
        return Fit(full, full)
    smallest = min(sizes) * (float(scale.group(1)) if scale else 1.0) * full / units
    readable = full * READABLE_PX / smallest
    return Fit(readable, max(full, readable))


def inline(svg: str, prefix: str, title_id: str) -> str:
    """``svg`` made fit to sit in the page: no prolog, ids prefixed, sized by :func:`fit`.

    Every ``id`` (and every reference to one) is prefixed with ``prefix``, so that two diagrams
    on one page do not share ids.
    """
    sizes = fit(svg)
    svg = re.sub(r"<\?xml[^>]*\?>", "", svg)
    svg = re.sub(r"<!DOCTYPE[^>]*>", "", svg)
    svg = re.sub(r"<!--.*?-->", "", svg, flags=re.DOTALL)
    svg = re.sub(r'\bid="([^"]*)"', rf'id="{prefix}-\1"', svg)
    svg = re.sub(r"url\(#([^)]*)\)", rf"url(#{prefix}-\1)", svg)
    svg = re.sub(r'href="#([^"]*)"', rf'href="#{prefix}-\1"', svg)
    start = svg.find("<svg")
    if start < 0:
        raise GESError("the diagram is not SVG")
    tag_end = svg.index(">", start)
    tag = re.sub(r'\s(width|height|style)="[^"]*"', "", svg[start:tag_end])
    tag += (
        f' style="--readable: {sizes.readable:.0f}px; --full: {sizes.full:.0f}px"'
        f' role="img" aria-labelledby="{title_id}"'
    )
    return svg[:start].strip() + tag + svg[tag_end:].strip()


def figure(svg: str, view: View, t: dict[str, str]) -> str:
    """The figure of one view: its title, the full-size toggle, the scrolling drawing, legend."""
    title_id = f"{view}-diagram-title"
    return (
        f'<figure class="diagram" id="{view}-diagram">'
        f'<p id="{title_id}" class="note">{_e(t[f"{view}_alt"])}</p>'
        f'<details class="zoom"><summary>{_e(t["full_size"])}</summary></details>'
        f'<div class="scroll">{inline(svg, view, title_id)}</div>'
        f"<figcaption>{_e(t[f'{view}_legend'])}</figcaption></figure>"
    )


def _structure_view(ges: GES, t: dict[str, str], lang: Lang, report: Report | None) -> str:
    """The structure view: governance and capital; with too many entities, a notice."""
    n = len(ges.document.entities)
    if n > MAX_DIAGRAM_ENTITIES:
        count = format_number(n, lang, decimals=0)
        notice = _TOO_MANY_ENTITIES.format(lang, n=count, max=MAX_DIAGRAM_ENTITIES)
        return f'<p class="note" role="note" id="structure-diagram">{_e(notice)}</p>'
    return figure(_view_svg(ges, "structure", lang, report), "structure", t)


def _flows_view(ges: GES, t: dict[str, str], lang: Lang, report: Report | None) -> str:
    """The flows view (by families of members in a big group), or a notice, or nothing.

    Nothing when the group has no flow in force; a notice beyond ``MAX_DIAGRAM_ENTITIES``.
    """
    if flow_edges(ges) == 0:
        return ""
    n = len(ges.document.entities)
    if n > MAX_DIAGRAM_ENTITIES:
        count = format_number(n, lang, decimals=0)
        notice = _TOO_MANY_ENTITIES.format(lang, n=count, max=MAX_DIAGRAM_ENTITIES)
        return f'<p class="note" role="note" id="flows-diagram">{_e(notice)}</p>'
    return figure(_view_svg(ges, "flows", lang, report), "flows", t)
