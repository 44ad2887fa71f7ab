"""The outlines of the matplotlib engine's nodes: one shape per family of legal form.

Examples:
    >>> outline("box", 0.0, 0.0, 2.0, 1.0)
    [(-1.0, -0.5), (1.0, -0.5), (1.0, 0.5), (-1.0, 0.5)]
    >>> len(outline("hexagon", 0.0, 0.0, 2.0, 1.0)), len(outline("octagon", 0.0, 0.0, 2.0, 1.0))
    (6, 8)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.patches import Patch

__all__ = ["outline", "patch"]


def outline(shape: str, x: float, y: float, w: float, h: float) -> list[tuple[float, float]]:
    """The polygon of a shape centred on (x, y) (not for ellipses)."""
    lft, r, b, t = x - w / 2, x + w / 2, y - h / 2, y + h / 2
    if shape == "hexagon":
        c = min(h / 2, w / 4)
        return [(lft, y), (lft + c, b), (r - c, b), (r, y), (r - c, t), (lft + c, t)]
    if shape == "octagon":
        c = min(h, w) * 0.29
        return [
            (lft, b + c),
            (lft + c, b),
            (r - c, b),
            (r, b + c),
            (r, t - c),
            (r - c, t),
            (lft + c, t),
            (lft, t - c),
        ]
    if shape == "house":
        roof = h * 0.3
        return [(lft, b), (r, b), (r, t - roof), (x, t), (lft, t - roof)]
    if shape == "note":
        c = min(h, w) * 0.25
        return [(lft, b), (r, b), (r, t - c), (r - c, t), (lft, t)]
    return [(lft, b), (r, b), (r, t), (lft, t)]


def patch(shape: str, rounded: bool, x: float, y: float, w: float, h: float, **kw: Any) -> Patch:
    """A matplotlib patch of a node's outline, centred on (x, y), ``w`` by ``h`` inches."""
    from matplotlib.patches import Ellipse, FancyBboxPatch, Polygon  # noqa: PLC0415

    if shape == "ellipse":
        return Ellipse((x, y), w, h, **kw)
    if rounded:
        pad = min(w, h) * 0.2
        return FancyBboxPatch(
            (x - w / 2 + pad, y - h / 2 + pad),
            w - 2 * pad,
            h - 2 * pad,
            boxstyle=f"round,pad={pad}",
            **kw,
        )
    return Polygon(outline(shape, x, y, w, h), closed=True, **kw)
