"""Diagrams of a GES: Graphviz (DOT, SVG, PNG, PDF) and matplotlib (PNG, SVG, PDF, on an Axes).

Both engines draw the same :class:`~ges_graph.render.scene.Scene` with the same visual grammar
(:mod:`ges_graph.render.style`, tabled in ``docs/diagrams.md``). Importing :mod:`ges_graph`
never imports this package's heavy dependencies: matplotlib is imported by the functions that
draw with it (a missing one is a :class:`~ges_graph.errors.MissingDependencyError` saying
``pip install 'ges-graph[render]'``), and Graphviz is the ``dot`` program, run in a subprocess
under a time budget.

Examples:
    >>> import tempfile, pathlib
    >>> from ges_graph.graph import GES
    >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
    ...     {"id": "a", "name": "A", "form": "association"},
    ...     {"id": "b", "name": "B", "form": "sas"}], "relations": [
    ...     {"type": "shareholding", "from": "a", "to": "b", "share": 100}]})
    >>> out = render(ges, pathlib.Path(tempfile.mkdtemp()) / "g.dot")
    >>> out.read_text(encoding="utf-8").startswith("digraph ges {")
    True
"""

from __future__ import annotations

import base64
import html as html_lib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ges_graph._files import write_atomic
from ges_graph.errors import ArgumentError, RenderError
from ges_graph.graph import GES
from ges_graph.i18n import Lang, check_lang
from ges_graph.model import Layer
from ges_graph.render.dot import render_scene, scene_to_dot, to_dot, to_svg
from ges_graph.render.matrix import flow_heatmap
from ges_graph.render.mpl import draw
from ges_graph.render.options import CLUSTERS, DIRECTIONS, PAPERS, check_clusters
from ges_graph.render.rundot import (
    DEFAULT_TIMEOUT,
    GraphvizWarning,
    LayoutFallbackWarning,
    find_dot,
)
from ges_graph.render.scene import VIEWS, ReportLike, Scene, build_scene

__all__ = [
    "CLUSTERS",
    "DIRECTIONS",
    "ENGINES",
    "PAPERS",
    "SUFFIXES",
    "VIEWS",
    "GraphvizWarning",
    "LayoutFallbackWarning",
    "Scene",
    "build_scene",
    "draw",
    "flow_heatmap",
    "html",
    "mimebundle",
    "render",
    "render_bytes",
    "to_dot",
    "to_svg",
]

ENGINES = ("graphviz", "matplotlib")
SUFFIXES = {
    "graphviz": (".svg", ".png", ".pdf", ".dot", ".gv"),
    "matplotlib": (".svg", ".png", ".pdf"),
}
"""The file suffixes each engine writes."""


def _check_engine(engine: str) -> None:
    if engine not in ENGINES:
        raise ArgumentError(f"unknown engine: {engine!r} (must be one of {', '.join(ENGINES)})")


def render_bytes(
    ges: GES,
    fmt: str,
    *,
    engine: str = "graphviz",
    view: str = "structure",
    layers: Iterable[Layer | str] | None = None,
    lang: Lang = "fr",
    report: ReportLike | None = None,
    findings: bool = True,
    clusters: bool | str = False,
    direction: str | None = None,
    paper: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    legend: bool = True,
) -> bytes:
    """The diagram as bytes of ``fmt``: ``svg``, ``png``, ``pdf`` (or ``dot`` with Graphviz).

    Args:
        ges: the group to draw (never changed).
        fmt: the output format, without a dot.
        engine: ``graphviz`` (the ``dot`` program) or ``matplotlib`` (no Graphviz needed).
        view: ``structure`` (governance and capital: the default), ``flows`` (the money, a
            line per pair, thicker for larger amounts) or ``all``.
        layers: ``governance``, ``capital``, ``flows`` (any of them): when given, the layers
            drawn, whatever ``view`` says (for older callers).
        lang: ``fr`` or ``en``.
        report: a validation report whose findings are marked.
        findings: False to leave the report's findings unmarked.
        clusters: Graphviz only: box the members by ``sector`` (or True), ``family`` or
            ``territory`` (an entity's ``attrs.territory``).
        direction: ``TB``, ``LR``, ``BT`` or ``RL``; by default ``LR`` for flows and for a
            structure too wide for rows, else ``TB``.
        paper: ``a4`` or ``a3``: lay out for that paper, and scale the drawing to it when its
            smallest text then prints at 7 pt at least (Graphviz; matplotlib sizes the figure).
        timeout: Graphviz only: seconds ``dot`` may take.
        legend: False to draw no legend (a panel among others, say).

    Raises:
        ValueError: an unknown engine, format, view, layer, clusters, direction, paper or
            language (an :class:`~ges_graph.errors.ArgumentError` naming the accepted values).
        RenderError: ``dot`` is missing, failed, ran out of time or gave something else than the
            requested format.
        MissingDependencyError: matplotlib is not installed.
    """
    check_lang(lang)
    _check_engine(engine)
    fmt = fmt.lower().lstrip(".")
    allowed = [s.lstrip(".") for s in SUFFIXES[engine]]
    if fmt not in allowed:
        raise ArgumentError(
            f"unknown format for engine {engine}: {fmt!r} (must be one of {', '.join(allowed)})"
        )
    check_clusters(clusters)
    scene = build_scene(
        ges, view=view, layers=layers, lang=lang, report=report, findings=findings,
        direction=direction, paper=paper,
    )  # fmt: skip
    if engine == "matplotlib":
        from ges_graph.render.mpl import render_bytes as mpl_bytes  # noqa: PLC0415

        data = mpl_bytes(scene, fmt, legend=legend)
    elif fmt in ("dot", "gv"):
        data = scene_to_dot(scene, clusters=clusters, legend=legend).encode("utf-8")
    else:
        data = render_scene(scene, fmt, clusters=clusters, timeout=timeout, legend=legend)
    _check_format(data, f".{fmt}")
    return data


_MAGIC = {".svg": (b"<?xml", b"<svg"), ".png": (b"\x89PNG\r\n\x1a\n",), ".pdf": (b"%PDF",)}
"""How a drawing in each binary or XML format starts (after a byte order mark and blanks)."""


def _check_format(data: bytes, suffix: str) -> None:
    """Refuse what is not in the format of ``suffix`` (``dot`` wrote something else).

    Examples:
        >>> _check_format(b"<?xml version='1.0'?><svg/>", ".svg")
        >>> _check_format(b"Warning: syntax error", ".png")
        Traceback (most recent call last):
        ...
        ges_graph.errors.RenderError: the drawing is not in the requested format (.png); not written
    """
    starts = _MAGIC.get(suffix)
    if starts is None:
        return
    head = data[:64].removeprefix(b"\xef\xbb\xbf").lstrip() if suffix == ".svg" else data
    if not head.startswith(starts):
        raise RenderError(
            f"the drawing is not in the requested format ({suffix}); not written",
            message_fr=f"le dessin n'est pas au format demandé ({suffix}) : il n'est pas écrit",
        )


def render(
    ges: GES,
    path: str | Path,
    *,
    engine: str = "graphviz",
    view: str = "structure",
    layers: Iterable[Layer | str] | None = None,
    lang: Lang = "fr",
    report: ReportLike | None = None,
    findings: bool = True,
    clusters: bool | str = False,
    direction: str | None = None,
    paper: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    legend: bool = True,
) -> Path:
    """Draw a GES to a file whose suffix picks the format: ``.svg``, ``.png``, ``.pdf``, ``.dot``.

    Nothing is written when drawing fails, nor when what was drawn is not in the requested
    format; an earlier file is replaced whole or not at all, and a symbolic link is refused
    rather than followed. See :func:`render_bytes` for the arguments.

    Returns:
        The path written.

    Raises:
        ValueError: an unknown engine, suffix, view, layer, clusters, direction, paper or
            language.
        RenderError: ``dot`` is missing, failed, ran out of time or gave something else than the
            requested format.
        MissingDependencyError: matplotlib is not installed.
        OSError: the file cannot be written.
    """
    check_lang(lang)
    path = Path(path)
    _check_engine(engine)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES[engine]:
        raise ArgumentError(
            f"unknown format: {path.suffix or path.name!r} "
            f"(engine {engine} writes {', '.join(SUFFIXES[engine])})"
        )
    data = render_bytes(
        ges,
        suffix,
        engine=engine,
        view=view,
        layers=layers,
        lang=lang,
        report=report,
        findings=findings,
        clusters=clusters,
        direction=direction,
        paper=paper,
        timeout=timeout,
        legend=legend,
    )
    return write_atomic(path, data)


def mimebundle(ges: GES, *, timeout: float = 20.0) -> dict[str, Any]:
    """What a notebook shows for a GES (its structure): SVG by Graphviz, else a PNG, else text.

    The bundle carries the same picture as ``text/html`` too (inline SVG, or an ``<img>``), so
    that front ends which prefer HTML show it without drawing twice.

    Examples:
        >>> from ges_graph.graph import GES
        >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
        ...     {"id": "a", "name": "A", "form": "association"}]})
        >>> sorted(mimebundle(ges))
        ['image/svg+xml', 'text/html', 'text/plain']
    """
    from ges_graph.errors import MissingDependencyError, RenderError  # noqa: PLC0415

    bundle: dict[str, Any] = {"text/plain": repr(ges)}
    if find_dot() is not None:
        try:
            svg = to_svg(ges, timeout=timeout)
        except RenderError:
            pass
        else:
            bundle["image/svg+xml"] = svg
            bundle["text/html"] = svg[svg.index("<svg") :]
            return bundle
    try:
        png = render_bytes(ges, "png", engine="matplotlib")
    except MissingDependencyError:
        bundle["text/html"] = f"<pre>{html_lib.escape(bundle['text/plain'])}</pre>"
        return bundle
    data = base64.b64encode(png).decode("ascii")
    bundle["image/png"] = data
    alt = html_lib.escape(ges.name, quote=True)
    bundle["text/html"] = f'<img alt="{alt}" src="data:image/png;base64,{data}"/>'
    return bundle


def html(ges: GES) -> str:
    """The diagram as an HTML fragment: inline SVG, an inline PNG, or the escaped text repr.

    Examples:
        >>> from ges_graph.graph import GES
        >>> ges = GES.from_data({"format": "ges-graph/1", "name": "<G>", "entities": [
        ...     {"id": "a", "name": "A", "form": "association"}]})
        >>> html(ges).startswith(("<svg", "<img"))
        True
    """
    fragment: str = mimebundle(ges)["text/html"]
    return fragment
