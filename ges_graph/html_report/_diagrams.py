"""The diagrams of the report page: inline SVG drawn by Graphviz."""

from __future__ import annotations

import re

from ges_graph.errors import GESError
from ges_graph.graph import GES
from ges_graph.i18n import Lang
from ges_graph.report import Report


def _svg(ges: GES, lang: Lang, report: Report | None) -> str:
    """The diagram as inline SVG (prolog, doctype and fixed size removed)."""
    from ges_graph.render import to_svg  # noqa: PLC0415 - rendering is imported where used

    svg = to_svg(ges, lang=lang, report=report)
    svg = re.sub(r"<\?xml[^>]*\?>", "", svg)
    svg = re.sub(r"<!DOCTYPE[^>]*>", "", svg)
    svg = re.sub(r"<!--.*?-->", "", svg, flags=re.DOTALL)
    start = svg.find("<svg")
    if start < 0:
        raise GESError("the diagram is not SVG")
    tag_end = svg.index(">", start)
    tag = re.sub(r'\s(width|height)="[^"]*"', "", svg[start:tag_end])
    tag += ' role="img" aria-labelledby="diagram-title"'
    return svg[:start].strip() + tag + svg[tag_end:].strip()
