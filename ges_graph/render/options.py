"""The drawing options both engines share: clusters, direction, paper; checked once, here.

Examples:
    >>> check_clusters(True), check_clusters(False), check_clusters("family")
    ('sector', None, 'family')
    >>> default_direction("structure"), check_direction(None, "flows"), check_direction("LR", "all")
    ('TB', 'LR', 'LR')
    >>> check_paper("A3"), row_budget("TB", "a3"), row_budget("LR", None)
    ('a3', 10, 8)
    >>> check_direction("up", "structure")
    Traceback (most recent call last):
    ...
    ges_graph.errors.ArgumentError: unknown direction: 'up' (must be one of TB, LR, BT, RL)
"""

from __future__ import annotations

import re

from ges_graph.errors import ArgumentError

__all__ = [
    "CLUSTERS",
    "DIRECTIONS",
    "MIN_PRINTED_FONT",
    "PAPERS",
    "check_clusters",
    "check_direction",
    "check_paper",
    "default_direction",
    "fits_paper",
    "printed_mm",
    "row_budget",
    "svg_measures",
]

CLUSTERS = ("family", "sector", "territory")
"""How members can be boxed together: by family of legal form, by sector, or by territory (an
entity's ``attrs.territory``, free data: the format has no territory field for entities)."""

DIRECTIONS = ("TB", "LR", "BT", "RL")
"""Graphviz's ``rankdir``: top to bottom, left to right, and their reverses."""

_DEFAULT_DIRECTION = {"structure": "TB", "flows": "LR", "all": "TB", "custom": "TB"}
WIDE = 7
"""A structure whose widest rank holds more entities than this is drawn left to right by
default: its fans then stack as columns, which are far more compact than rows."""

PAPERS: dict[str, tuple[float, float]] = {"a4": (842.0, 595.0), "a3": (1191.0, 842.0)}
"""Paper sizes in points (landscape; either orientation is tried)."""

MIN_PRINTED_FONT = 7.0
"""The smallest text, in points, that a printed diagram may have."""

_ROWS = {("TB", None): 7, ("TB", "a4"): 7, ("TB", "a3"): 10}
_COLUMNS = {None: 8, "a4": 8, "a3": 12}


def check_clusters(clusters: bool | str) -> str | None:
    """What to box members by: None, ``sector`` (also for True), ``family``, ``territory``.

    Raises:
        ArgumentError: another value; the message names the accepted ones.
    """
    if clusters is False or clusters is None:
        return None
    if clusters is True:
        return "sector"
    if isinstance(clusters, str) and clusters in CLUSTERS:
        return clusters
    raise ArgumentError(
        f"unknown clusters: {clusters!r} (must be one of {', '.join(CLUSTERS)}, True or False)"
    )


def default_direction(view: str, widest: int = 0) -> str:
    """The direction a view is drawn in when none is asked.

    Flows go left to right; the others top down, unless their widest rank holds more than
    :data:`WIDE` entities.

    Examples:
        >>> default_direction("structure", 5), default_direction("structure", 20)
        ('TB', 'LR')
    """
    if widest > WIDE:
        return "LR"
    return _DEFAULT_DIRECTION.get(view, "TB")


def check_direction(direction: str | None, view: str, widest: int = 0) -> str:
    """``direction`` (one of :data:`DIRECTIONS`), or the view's default when None.

    Raises:
        ArgumentError: another value; the message names the accepted ones.
    """
    if direction is None:
        return default_direction(view, widest)
    if direction not in DIRECTIONS:
        raise ArgumentError(
            f"unknown direction: {direction!r} (must be one of {', '.join(DIRECTIONS)})"
        )
    return direction


def check_paper(paper: str | None) -> str | None:
    """``a4``, ``a3`` (any case) or None.

    Raises:
        ArgumentError: another value; the message names the accepted ones.
    """
    if paper is None:
        return None
    if isinstance(paper, str) and paper.lower() in PAPERS:
        return paper.lower()
    raise ArgumentError(f"unknown paper: {paper!r} (must be one of {', '.join(PAPERS)})")


def row_budget(direction: str, paper: str | None) -> int:
    """How many entities a rank holds before its leaves are stacked on the next ones.

    A row (top to bottom) holds fewer than a column (left to right), as entities are wider than
    high.
    """
    if direction in ("TB", "BT"):
        return _ROWS[("TB", paper)]
    return _COLUMNS[paper]


def svg_measures(svg: bytes | str) -> tuple[float, float, float]:
    """An SVG drawing's (width, height) in points and its smallest text's size in points.

    Read from the root's ``width``/``height`` (Graphviz writes them in ``pt``, matplotlib in
    ``pt`` too) and every ``font-size`` (an attribute or in a style); 9 points when no text says
    its size.

    Examples:
        >>> svg_measures('<svg width="300pt" height="200pt"><text font-size="9.00">a</text>'
        ...              '<text style="font-size: 7px">b</text></svg>')
        (300.0, 200.0, 7.0)
    """
    text = svg.decode("utf-8") if isinstance(svg, bytes) else svg
    root = re.search(r"<svg\b[^>]*>", text)
    head = root[0] if root else ""
    width = re.search(r'\swidth="([0-9.]+)(?:pt|px)?"', head)
    height = re.search(r'\sheight="([0-9.]+)(?:pt|px)?"', head)
    sizes = [float(x) for x in re.findall(r'font-size(?:="|:\s*)([0-9.]+)', text)]
    return (
        float(width[1]) if width else 0.0,
        float(height[1]) if height else 0.0,
        min(sizes, default=9.0),
    )


def printed_mm(width: float, height: float, smallest_font: float) -> tuple[int, int]:
    """A drawing's size in millimetres, printed with its smallest text at 7 points.

    Examples:
        >>> printed_mm(900, 360, 9)
        (247, 99)
    """
    scale = MIN_PRINTED_FONT / smallest_font * 25.4 / 72
    return round(width * scale), round(height * scale)


def fits_paper(width: float, height: float, smallest_font: float, paper: str) -> bool:
    """Whether a drawing fits ``paper`` (either way) printed with its smallest text at 7 pt.

    ``width`` and ``height`` are in points; the smallest text is :data:`MIN_PRINTED_FONT`.

    Examples:
        >>> fits_paper(1000, 700, 9, "a4"), fits_paper(1200, 700, 9, "a4")
        (True, False)
    """
    scale = MIN_PRINTED_FONT / smallest_font
    w, h = width * scale, height * scale
    pw, ph = PAPERS[paper]
    return (w <= pw and h <= ph) or (w <= ph and h <= pw)
