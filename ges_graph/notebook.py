"""How a :class:`~ges_graph.graph.GES` shows itself in Jupyter: its diagram.

The core (``ges_graph.graph``) knows nothing of rendering. This module, the rendering layer's
hook into IPython, gives ``GES`` its notebook representations (``_repr_mimebundle_`` and
``_repr_html_``, the IPython display protocol), the way the graphviz package keeps its
``jupyter_integration`` apart from its graph classes: :func:`attach` is called once by
``ges_graph/__init__.py``, the top of the package, so the dependency points from rendering to the
core and never back. Rendering itself (:mod:`ges_graph.render`) is loaded when a notebook first
shows a group, so that importing the library stays light.

Examples:
    >>> from ges_graph.graph import GES
    >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
    ...     {"id": "a", "name": "A", "form": "association"}]})
    >>> sorted(ges._repr_mimebundle_(include=["text/plain", "text/html"]))
    ['text/html', 'text/plain']
    >>> ges._repr_html_().startswith(("<svg", "<img", "<pre>"))
    True
"""

from __future__ import annotations

from collections.abc import Container
from typing import Any

from ges_graph.graph import GES

__all__ = ["attach", "repr_html", "repr_mimebundle"]


def repr_mimebundle(
    ges: GES,
    include: Container[str] | None = None,
    exclude: Container[str] | None = None,
    **kwargs: Any,
) -> dict[str, Any]:
    """The diagram for Jupyter, in the structure view: SVG with Graphviz, else a PNG, else text.

    The structure (governance and capital) is what a group shows first; the flows are drawn
    with ``ges_graph.render.to_svg(ges, view="flows")``.

    Args:
        ges: the group.
        include: the MIME types the front end wants (all when empty).
        exclude: the MIME types it does not want.
        **kwargs: what IPython passes besides; ignored.
    """
    from ges_graph.render import mimebundle  # noqa: PLC0415 (rendering loads on first display)

    bundle = mimebundle(ges)
    if include:
        bundle = {k: v for k, v in bundle.items() if k in include}
    if exclude:
        bundle = {k: v for k, v in bundle.items() if k not in exclude}
    return bundle


def repr_html(ges: GES) -> str:
    """The diagram as HTML (inline SVG or PNG), for front ends without MIME bundles."""
    from ges_graph.render import html  # noqa: PLC0415 (rendering loads on first display)

    return html(ges)


def attach(cls: type[GES] = GES) -> None:
    """Give ``cls`` the IPython display methods (idempotent).

    Examples:
        >>> attach()
        >>> GES._repr_html_ is not None
        True
    """
    type.__setattr__(cls, "_repr_mimebundle_", repr_mimebundle)
    type.__setattr__(cls, "_repr_html_", repr_html)
