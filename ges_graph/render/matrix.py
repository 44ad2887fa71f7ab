"""The flows matrix as a heat map: who pays whom, how much, by kind, with totals (matplotlib).

For groups whose flows are too many to draw as edges, the matrix reads where a drawing cannot:
one row per member that pays, one column per member that is paid, the amount written in each
cell in the document's currency (``45 000 EUR`` in French, ``45,000 EUR`` in English), a free
flow written « gratuit », a totals row and column, the cells shaded by amount (on a logarithmic
scale: group flows span several orders of magnitude). Members are named, not shown by their id,
and a long name is shortened with « … ». The numbers are :func:`ges_graph.flows.flow_matrix`'s.

The figure is sized to its text: every cell is as wide as its longest amount, so no text overlaps
another or leaves its cell. On an ``Axes`` of the caller's size, the text is scaled down to fit
the cells instead.

Examples:
    >>> from ges_graph.graph import GES
    >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
    ...     {"id": "a", "name": "Association A", "form": "association"},
    ...     {"id": "b", "name": "B", "form": "sas"}], "relations": [
    ...     {"type": "shareholding", "from": "a", "to": "b", "share": 100},
    ...     {"type": "flow", "kind": "management_fee", "from": "b", "to": "a", "amount": 45000},
    ...     {"type": "flow", "kind": "premises", "from": "a", "to": "b", "basis": "free"}]})
    >>> fig = flow_heatmap(ges)
    >>> [label.get_text() for label in fig.axes[0].get_yticklabels()]
    ['Association A', 'B', 'Total']
    >>> sorted(t.get_text() for t in fig.axes[0].texts)
    ['0 EUR', '0 EUR', '45 000 EUR', '45 000 EUR', '45 000 EUR', '45 000 EUR', 'gratuit']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ges_graph.errors import ArgumentError, MissingDependencyError
from ges_graph.flows import FlowMatrix, flow_matrix
from ges_graph.graph import GES
from ges_graph.i18n import Lang, Tr, check_lang, format_money
from ges_graph.model import Basis, FlowKind

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["NAME_LIMIT", "Grid", "cell_text", "flow_heatmap", "grid", "short_name"]

NAME_LIMIT = 36
"""A member's name longer than this many characters is shortened with « … »."""
CELL_FONT = 8.0
"""Points: the amounts in the cells."""
LABEL_FONT = 9.0
"""Points: the members' names, the totals' heading, the axes' titles."""
_PAD = 0.08  # inches of blank around a text in its cell
_ZERO = Decimal("0.00")

_TEXTS = {
    "title": Tr("Flux entre membres ({currency})", "Flows between members ({currency})"),
    "title_kind": Tr(
        "Flux entre membres : {kind} ({currency})", "Flows between members: {kind} ({currency})"
    ),
    "payer": Tr("Payeur", "Payer"),
    "payee": Tr("Destinataire du paiement", "Payee"),
    "total": Tr("Total", "Total"),
    "none": Tr("Aucun flux entre membres.", "No flow between members."),
}


def _matplotlib() -> Any:
    try:
        import matplotlib  # noqa: PLC0415 (heavy: imported where used)
    except ImportError as exc:
        raise MissingDependencyError(
            "the flows heat map needs matplotlib: pip install 'ges-graph[render]'"
        ) from exc
    return matplotlib


def short_name(name: str, limit: int = NAME_LIMIT) -> str:
    """``name``, shortened with « … » in the middle when longer than ``limit`` characters.

    Whole words are kept at both ends, so that names that differ only by their end (« du Pays
    de Vitré », « du Pays de Redon ») stay apart.

    Examples:
        >>> short_name("Association Intermédiaire du Pays de Vitré")
        'Association … du Pays de Vitré'
        >>> short_name("Horizon Restauration Solidaire", 20)
        'Horizon … Solidaire'
        >>> short_name("Evolio"), short_name("Association Horizon Solidarités", 20)
        ('Evolio', 'Association Horizon…')
    """
    if len(name) <= limit:
        return name
    words = name.split()
    tail: list[str] = []
    wide = -1  # the tail's length joined, as the next word's space counted in
    while len(words) > 1 and wide + 1 + len(words[-1]) <= limit // 2:
        wide += 1 + len(words[-1])
        tail.insert(0, words.pop())
    head: list[str] = []
    room = limit - max(wide, 0) - 3  # « … » and the spaces around it
    wide = -1
    for word in words:
        wide += 1 + len(word)
        if wide > room:
            break
        head.append(word)
    if not head or not tail:
        return name[: limit - 1].rstrip() + "…"
    return " ".join([*head, "…", *tail])


@dataclass(frozen=True)
class Grid:
    """One panel of the matrix: the members that pay or are paid, and what is in each cell.

    Attributes:
        payers: the members that pay, in document order (the rows).
        payees: the members that are paid, in document order (the columns).
        amounts: ``(payer, payee)`` → the sum of the priced flows.
        free: the ``(payer, payee)`` that hold a free flow.
    """

    payers: tuple[str, ...]
    payees: tuple[str, ...]
    amounts: dict[tuple[str, str], Decimal]
    free: frozenset[tuple[str, str]]

    def row_total(self, payer: str) -> Decimal:
        """What ``payer`` pays the members of this panel."""
        return sum((v for (a, _), v in self.amounts.items() if a == payer), _ZERO)

    def column_total(self, payee: str) -> Decimal:
        """What ``payee`` receives from the members of this panel."""
        return sum((v for (_, b), v in self.amounts.items() if b == payee), _ZERO)

    @property
    def total(self) -> Decimal:
        """The sum of every cell."""
        return sum(self.amounts.values(), _ZERO)


def grid(matrix: FlowMatrix, kinds: Iterable[FlowKind] | None = None) -> Grid:
    """The panel of ``matrix`` for ``kinds`` (every kind when None), amounts summed over them.

    Examples:
        >>> from ges_graph.graph import GES
        >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
        ...     {"id": "a", "name": "A", "form": "association"},
        ...     {"id": "b", "name": "B", "form": "sas"}], "relations": [
        ...     {"type": "flow", "kind": "service", "from": "b", "to": "a", "amount": 10},
        ...     {"type": "flow", "kind": "premises", "from": "b", "to": "a", "amount": 5}]})
        >>> g = grid(flow_matrix(ges))
        >>> g.payers, g.payees, g.total, grid(flow_matrix(ges), [FlowKind.PREMISES]).total
        (('b',), ('a',), Decimal('15.00'), Decimal('5.00'))
    """
    chosen = set(FlowKind) if kinds is None else set(kinds)
    amounts: dict[tuple[str, str], Decimal] = {}
    for (a, b, k), v in matrix.cells.items():
        if k in chosen:
            amounts[(a, b)] = amounts.get((a, b), _ZERO) + v
    free = frozenset((a, b) for a, b, k in matrix.free if k in chosen)
    used = set(amounts) | free
    return Grid(
        payers=tuple(m for m in matrix.members if any(a == m for a, _ in used)),
        payees=tuple(m for m in matrix.members if any(b == m for _, b in used)),
        amounts=amounts,
        free=free,
    )


def cell_text(g: Grid, payer: str, payee: str, currency: str, lang: Lang) -> str:
    """What a cell says: the amount, « gratuit » for a free flow alone, or nothing.

    Raises:
        UnknownLanguageError: ``lang`` is not a supported language.
    """
    check_lang(lang)
    amount = g.amounts.get((payer, payee))
    if amount is not None and (amount != 0 or (payer, payee) not in g.free):
        return format_money(amount, currency, lang)
    if (payer, payee) in g.free:
        return Basis.FREE.label_in(lang)
    return ""


def _check_kinds(kinds: Iterable[FlowKind | str] | None) -> list[FlowKind] | None:
    """The kinds asked for, each checked."""
    if kinds is None:
        return None
    if isinstance(kinds, str):
        kinds = [kinds]
    checked = []
    for kind in kinds:
        try:
            checked.append(FlowKind(kind))
        except ValueError:
            choices = ", ".join(k.value for k in FlowKind)
            raise ArgumentError(f"unknown flow kind: {kind!r} (must be one of {choices})") from None
    if not checked:
        raise ArgumentError("kinds is empty: give at least one flow kind, or None for all")
    return checked


def flow_heatmap(
    ges: GES,
    *,
    lang: Lang = "fr",
    ax: Axes | None = None,
    kinds: Iterable[FlowKind | str] | None = None,
) -> Figure:
    """The flows between members as a heat map: payers in rows, payees in columns, with totals.

    Args:
        ges: the group (never changed).
        lang: ``fr`` or ``en`` (titles, number formats).
        ax: where to draw (one panel); a new figure, sized to its text, when None (not attached
            to pyplot).
        kinds: None for one panel summing every kind; flow kinds (``"management_fee"``, …) for
            one panel per kind, in the order given (a single kind when ``ax`` is given).

    Returns:
        The figure drawn on.

    Raises:
        UnknownLanguageError: ``lang`` is not a supported language.
        ArgumentError: an unknown flow kind, no kind, or several kinds on one ``ax``.
        MissingDependencyError: matplotlib is not installed.

    Examples:
        >>> from ges_graph.graph import GES
        >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
        ...     {"id": "a", "name": "A", "form": "association"},
        ...     {"id": "b", "name": "B", "form": "sas"}], "relations": [
        ...     {"type": "flow", "kind": "service", "from": "b", "to": "a", "amount": 1250.5},
        ...     {"type": "flow", "kind": "loan", "from": "a", "to": "b", "amount": 9000}]})
        >>> fig = flow_heatmap(ges, lang="en", kinds=["service", "loan"])
        >>> [ax.get_title(loc="left") for ax in fig.axes]
        ['Flows between members: service (EUR)', 'Flows between members: loan (EUR)']
        >>> "1,250.50 EUR" in [t.get_text() for t in fig.axes[0].texts]
        True
    """
    lang = check_lang(lang)
    chosen = _check_kinds(kinds)
    if ax is not None and chosen is not None and len(chosen) > 1:
        raise ArgumentError(
            f"one axes holds one panel: {len(chosen)} kinds given; leave ax=None for one "
            "panel per kind"
        )
    _matplotlib()
    matrix = flow_matrix(ges)
    currency = matrix.currency
    panels: list[tuple[str, Grid]] = []
    if chosen is None:
        title = _TEXTS["title"].format(lang, currency=currency)
        panels.append((title, grid(matrix)))
    else:
        for kind in chosen:
            title = _TEXTS["title_kind"].format(lang, kind=kind.label_in(lang), currency=currency)
            panels.append((title, grid(matrix, [kind])))
    words = {key: text.render(lang) for key, text in _TEXTS.items()}
    texts = _Texts(words, matrix.names, currency, lang)
    if ax is not None:
        _draw(ax, panels[0][0], panels[0][1], texts, fit=True)
        return _root(ax)
    return _figure(panels, texts)


# --------------------------------------------------------------------------------------------
# Drawing
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Texts:
    """The words of the figure in one language, the members' names, the amounts' currency."""

    words: dict[str, str]
    names: Mapping[str, str]
    currency: str
    lang: Lang


@dataclass(frozen=True)
class _Box:
    """One panel's measures, in inches: cells, the labels around them, the whole panel."""

    cell_w: float
    cell_h: float
    left: float  # row labels and the payers' title
    top: float  # panel title, the payees' title and the column labels
    width: float
    height: float


_TOTAL_FILL = "#e9ecef"
_FREE_FILL = "#e8f3ea"
_EDGE = "#c9d1d9"
_MARGIN = 0.2


def _labels(g: Grid, texts: _Texts) -> tuple[list[str], list[str]]:
    """The row and column labels: short names, then the totals' heading."""
    total = texts.words["total"]
    rows = [short_name(texts.names[m]) for m in g.payers] + [total]
    cols = [short_name(texts.names[m]) for m in g.payees] + [total]
    return rows, cols


def _cells(g: Grid, texts: _Texts) -> list[list[str]]:
    """Every cell's text, totals included (row by row, the totals row last)."""
    rows = []
    for a in g.payers:
        row = [cell_text(g, a, b, texts.currency, texts.lang) for b in g.payees]
        row.append(format_money(g.row_total(a), texts.currency, texts.lang))
        rows.append(row)
    last = [format_money(g.column_total(b), texts.currency, texts.lang) for b in g.payees]
    rows.append([*last, format_money(g.total, texts.currency, texts.lang)])
    return rows


def _width(renderer: Any, text: str, size: float, *, bold: bool = False) -> float:
    """How wide ``text`` is in inches at ``size`` points (measured by matplotlib's renderer)."""
    from matplotlib.font_manager import FontProperties  # noqa: PLC0415

    prop = FontProperties(size=size, weight="bold" if bold else "normal")
    width, _, _ = renderer.get_text_width_height_descent(text, prop, ismath=False)
    return float(width) / 72.0


def _measure(g: Grid, texts: _Texts, title: str) -> _Box:
    """The panel's measures, every text measured at its size (a renderer at 72 dpi)."""
    from matplotlib.backends.backend_agg import RendererAgg  # noqa: PLC0415

    renderer = RendererAgg(10, 10, 72)  # type: ignore[no-untyped-call]
    line = LABEL_FONT / 72.0 * 1.6
    if not g.payers:
        width = _width(renderer, texts.words["none"], LABEL_FONT) + 2 * _MARGIN
        title_w = _width(renderer, title, LABEL_FONT + 1, bold=True) + 2 * _MARGIN
        return _Box(0.0, 0.0, _MARGIN, 2 * line, max(width, title_w), 3.5 * line)
    rows, cols = _labels(g, texts)
    cells = [c for row in _cells(g, texts) for c in row]
    cell_w = max(max(_width(renderer, c, CELL_FONT, bold=True) for c in cells) + 2 * _PAD, 0.45)
    cell_h = CELL_FONT / 72.0 * 2.3
    left = max(_width(renderer, r, LABEL_FONT) for r in rows) + 2 * _PAD + line + _MARGIN
    top = max(_width(renderer, c, LABEL_FONT) for c in cols) + 2 * _PAD + 2.2 * line
    width = left + cell_w * len(cols) + _MARGIN
    title_w = left + _width(renderer, title, LABEL_FONT + 1, bold=True) + _MARGIN
    height = top + cell_h * len(rows) + _MARGIN
    return _Box(cell_w, cell_h, left, top, max(width, title_w), height)


def _fills(g: Grid) -> dict[tuple[str, str], float]:
    """Each priced cell's shade, 0 to 1, on a logarithmic scale of the amounts."""
    from matplotlib.colors import LogNorm  # noqa: PLC0415

    positive = {k: float(v) for k, v in g.amounts.items() if v > 0}
    if not positive:
        return {}
    low, high = min(positive.values()), max(positive.values())
    if low == high:
        return dict.fromkeys(positive, 0.5)
    norm = LogNorm(vmin=low, vmax=high)
    return {k: float(norm(v)) for k, v in positive.items()}


def _colours(g: Grid) -> list[list[tuple[Any, bool]]]:
    """Each cell's fill and whether its text is light (on a dark fill), totals included."""
    from matplotlib import colormaps  # noqa: PLC0415

    cmap = colormaps["Blues"]
    shades = _fills(g)
    out = []
    for a in g.payers:
        row: list[tuple[Any, bool]] = []
        for b in g.payees:
            if (a, b) in shades:
                row.append((cmap(0.12 + 0.76 * shades[(a, b)]), shades[(a, b)] > 0.6))
            else:
                row.append((_FREE_FILL if (a, b) in g.free else "white", False))
        row.append((_TOTAL_FILL, False))
        out.append(row)
    out.append([(_TOTAL_FILL, False)] * (len(g.payees) + 1))
    return out


def _draw(ax: Axes, title: str, g: Grid, texts: _Texts, *, fit: bool) -> None:
    """One panel on ``ax``; with ``fit``, the text is scaled down to the size of ``ax``."""
    from matplotlib.collections import PatchCollection  # noqa: PLC0415
    from matplotlib.patches import Rectangle  # noqa: PLC0415

    scale = _fit_scale(ax, g, texts, title) if fit else 1.0
    ax.set_title(title, fontsize=(LABEL_FONT + 1) * scale, fontweight="bold", loc="left")
    if not g.payers:
        ax.set_axis_off()
        ax.text(0, 0.5, texts.words["none"], fontsize=LABEL_FONT * scale, va="center")
        return
    rows, cols = _labels(g, texts)
    fills = _colours(g)
    patches = [Rectangle((j, i), 1, 1) for i in range(len(rows)) for j in range(len(cols))]
    colours = [fill for row in fills for fill, _ in row]
    ax.add_collection(
        PatchCollection(patches, facecolors=colours, edgecolors=_EDGE, linewidths=0.6)
    )
    for i, row in enumerate(_cells(g, texts)):
        for j, text in enumerate(row):
            if not text:
                continue
            total = i == len(rows) - 1 or j == len(cols) - 1
            ax.text(
                j + 0.5,
                i + 0.5,
                text,
                ha="center",
                va="center",
                fontsize=CELL_FONT * scale,
                fontweight="bold" if total else "normal",
                color="white" if fills[i][j][1] else "#1d2329",
            )
    _axes(ax, rows, cols, texts, scale)


def _axes(ax: Axes, rows: list[str], cols: list[str], texts: _Texts, scale: float) -> None:
    """The frame of a panel: limits, members' names on the left and on top, axes' titles."""
    ax.set_xlim(0, len(cols))
    ax.set_ylim(len(rows), 0)
    ax.xaxis.tick_top()
    ax.xaxis.set_label_position("top")
    ax.set_xticks([j + 0.5 for j in range(len(cols))], cols, rotation=90)
    ax.set_yticks([i + 0.5 for i in range(len(rows))], rows)
    ax.tick_params(length=0, labelsize=LABEL_FONT * scale, pad=_PAD * 72 * scale)
    ax.set_xlabel(texts.words["payee"], fontsize=LABEL_FONT * scale)
    ax.set_ylabel(texts.words["payer"], fontsize=LABEL_FONT * scale)
    for spine in ax.spines.values():
        spine.set_visible(False)


def _fit_scale(ax: Axes, g: Grid, texts: _Texts, title: str) -> float:
    """How much smaller than its own size the panel's text must be to fit the caller's axes."""
    box = _measure(g, texts, title)
    bbox = ax.get_position()
    fig_w, fig_h = _root(ax).get_size_inches()
    need_w = box.cell_w * (len(g.payees) + 1) or 1.0
    need_h = box.cell_h * (len(g.payers) + 1) or 1.0
    return min(1.0, float(bbox.width * fig_w / need_w), float(bbox.height * fig_h / need_h))


def _root(ax: Axes) -> Figure:
    """The figure ``ax`` is drawn in (the root figure, for an axes on a subfigure)."""
    from matplotlib.figure import Figure  # noqa: PLC0415

    fig = ax.figure
    return fig if isinstance(fig, Figure) else fig.figure


def _figure(panels: list[tuple[str, Grid]], texts: _Texts) -> Figure:
    """A new figure holding the panels one under the other, each sized to its text."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: PLC0415
    from matplotlib.figure import Figure  # noqa: PLC0415

    boxes = [_measure(g, texts, title) for title, g in panels]
    width = max(b.width for b in boxes)
    height = sum(b.height for b in boxes)
    fig = Figure(figsize=(width, height))
    FigureCanvasAgg(fig)
    top = height
    for (title, g), box in zip(panels, boxes, strict=True):
        cols, rows = len(g.payees) + 1, len(g.payers) + 1
        w = box.cell_w * cols if g.payers else width - 2 * _MARGIN
        h = box.cell_h * rows if g.payers else box.height - box.top
        bottom = top - box.top - h
        ax = fig.add_axes((box.left / width, bottom / height, w / width, h / height))
        _draw(ax, title, g, texts, fit=False)
        top -= box.height
    return fig
