"""Compact fans for the matplotlib engine: many members of one holder stacked in a comb.

A holder with many members that hang from it alone (twenty subsidiaries of a holding, the sister
associations of a head) is not spread on one rank: its members are stacked in a few columns
under it, each column hanging from a trunk, as in an organisation chart. Each member's edge runs
from the holder down to a bus, along it to its column's trunk, down the trunk and along a short
stub into the member; the stub is the edge's own part, and its text sits on the stub's middle.
The geometry is computed top down (``TB``); the layout turns it for the other directions, so the
stub's length and the members' spacing are given for the texts as they will read (horizontal).

Examples:
    >>> from ges_graph.graph import GES
    >>> from ges_graph.render.scene import build_scene
    >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
    ...     {"id": "h", "name": "Holding", "form": "sas"},
    ...     *({"id": f"s{i}", "name": f"S{i}", "form": "sarl"} for i in range(6))],
    ...     "relations": [{"type": "shareholding", "from": "h", "to": f"s{i}", "share": 100}
    ...                   for i in range(6)]})
    >>> find_combs(build_scene(ges))
    {'h': ('s0', 's1', 's2', 's3', 's4', 's5')}
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ges_graph.render.scene import Scene

__all__ = ["COMB_MIN", "NARROW", "Comb", "comb_shape", "find_combs", "label_extent", "narrow"]

COMB_MIN = 4
"""A holder with at least this many members hanging from it alone has them stacked in a comb."""
BUS = 0.12
"""Height of the band, at the top of a comb, where the bus runs from the holder to the trunks."""
TRUNK_IN = 0.06
"""From a column's left side to its trunk."""
ARROW_ROOM = 0.13
"""Length of a stub beyond its text: the arrowhead and a gap."""
MEMBER_GAP = 0.05
"""Between two members of a column, beyond what they and their texts need."""
COLUMN_GAP = 0.1
"""Between two columns of a comb."""
ASPECT = 1.45
"""The width over the height that a comb aims at, as drawn (about a landscape page's)."""
EDGE_LINE = 1.25 * 7 / 72
"""Height of a line of an edge's text, inches."""
NARROW = 16
"""On a stub that is horizontal as drawn, a text's line longer than this is broken at its « · »
(as the Graphviz engine breaks its edge texts): the stub, as long as its text is wide, is
shorter, and its member's height holds the text's lines."""


def narrow(label: str) -> str:
    r"""``label`` with its lines longer than :data:`NARROW` broken at their « · ».

    Examples:
        >>> narrow("90\xa0% · présidence"), narrow("100\xa0% · membre")
        ('90\xa0%\nprésidence', '100\xa0% · membre')
    """
    lines = []
    for line in label.split("\n"):
        lines.extend(line.split(" · ") if len(line) > NARROW else [line])
    return "\n".join(lines)


@functools.lru_cache(maxsize=4096)
def text_width(line: str, size: float = 7.0) -> float:
    """The width of one line of text in inches, at ``size`` points in matplotlib's font.

    Measured on the font when matplotlib is there (as it draws it), else estimated (a little
    generously) from the number of characters.

    Examples:
        >>> 0.2 < text_width("90 %") < 0.3
        True
    """
    try:
        from matplotlib.font_manager import FontProperties  # noqa: PLC0415
        from matplotlib.textpath import TextToPath  # noqa: PLC0415
    except ImportError:
        return len(line) * 0.6 * size / 72
    width, _, _ = TextToPath().get_text_width_height_descent(
        line, FontProperties(size=size), ismath=False
    )
    return float(width) / 72


def label_extent(label: str) -> tuple[float, float]:
    r"""The (width, height) an edge's text takes, estimated, inches (its box's padding included).

    Examples:
        >>> w, h = label_extent("90\xa0% · présidence")
        >>> round(w, 2), round(h, 2)
        (0.96, 0.18)
    """
    lines = label.split("\n")
    return max(text_width(line) for line in lines) + 0.09, EDGE_LINE * len(lines) + 0.06


Point = tuple[float, float]


@dataclass(frozen=True)
class Comb:
    """The shape of one comb, top down (``TB`` frame), inches.

    In columns (``flat`` False), each column hangs from a vertical trunk and each member is
    reached by a horizontal stub into its left side; in rows (``flat`` True), a vertical spine
    on the left feeds a horizontal trunk above each row, and each member is reached by a
    vertical stub into its top.

    Attributes:
        parent: the holder.
        members: its members, in order: column by column (in columns), row by row (in rows).
        flat: True for rows, False for columns.
        lines: members in a column (in columns) or in a row (in rows); the last may hold fewer.
        stub: length of a stub.
        narrow: True when the stubs are horizontal as drawn, their texts broken by
            :func:`narrow`.
        cell: a column's width and its tallest member's height with its gap (in columns); a
            member's width with its gap and a row's height (in rows).
        width: the comb's width.
        height: the comb's height, its bus band included.
        heights: in columns, each member's height with its gap (and its text's), in the order
            of :attr:`members`: a column is as tall as its members, each keeping its own height;
            empty in rows, whose members are all :attr:`cell` high.
    """

    parent: str
    members: tuple[str, ...]
    flat: bool
    lines: int
    stub: float
    narrow: bool
    cell: tuple[float, float]
    width: float
    height: float
    heights: tuple[float, ...] = ()

    @functools.cached_property
    def index(self) -> dict[str, int]:
        """Each member's place in :attr:`members`."""
        return {m: i for i, m in enumerate(self.members)}

    @functools.cached_property
    def _tops(self) -> tuple[float, ...]:
        """In columns, each member's cell top below its column's top."""
        tops: list[float] = []
        for i in range(len(self.heights)):
            tops.append(0.0 if i % self.lines == 0 else tops[-1] + self.heights[i - 1])
        return tuple(tops)

    def _height(self, i: int) -> float:
        return self.heights[i] if self.heights else self.cell[1]

    def _corner_of(self, member: str, top_left: Point) -> tuple[Point, float]:
        """The top-left corner of a member's cell, and its trunk (an x in columns, a y in rows)."""
        major, minor = divmod(self.index[member], self.lines)
        cw, ch = self.cell
        if self.flat:  # row ``major``, place ``minor`` in it
            top = top_left[1] - BUS - major * ch
            return (top_left[0] + 2 * TRUNK_IN + minor * cw, top), top
        left = top_left[0] + major * (cw + COLUMN_GAP)
        down = self._tops[self.index[member]] if self.heights else minor * ch
        return (left, top_left[1] - BUS - down), left + TRUNK_IN

    def member_centre(self, member: str, top_left: Point, size: Point) -> Point:
        """Where a member of this size goes when the comb's top-left corner is at ``top_left``."""
        (x, y), trunk = self._corner_of(member, top_left)
        if self.flat:
            return x + self.cell[0] / 2, trunk - self.stub - size[1] / 2
        return trunk + self.stub + size[0] / 2, y - self._height(self.index[member]) / 2

    def route(
        self, member: str, top_left: Point, parent_exit: Point, size: Point
    ) -> tuple[tuple[Point, ...], Point]:
        """The path from the holder's exit (the middle of its bottom) into the member.

        Returns the path and the middle of its stub, where its text goes.
        """
        _, trunk = self._corner_of(member, top_left)
        x, y = self.member_centre(member, top_left, size)
        bus = top_left[1] - BUS / 2
        room = (self.stub - ARROW_ROOM) / 2 + 0.04
        if self.flat:
            spine = top_left[0] + TRUNK_IN
            end = (x, y + size[1] / 2)
            points = [parent_exit, (parent_exit[0], bus), (spine, bus), (spine, trunk), (x, trunk)]
            spot = (x, trunk - room)
        else:
            end = (x - size[0] / 2, y)
            points = [parent_exit, (parent_exit[0], bus), (trunk, bus), (trunk, y)]
            spot = (trunk + room, y)
        points.append(end)
        path = tuple(p for i, p in enumerate(points) if i == 0 or p != points[i - 1])
        return path, spot


def find_combs(scene: Scene, least: int = COMB_MIN) -> dict[str, tuple[str, ...]]:
    """The holders whose members are stacked, with those members in the order they are drawn.

    A member hangs from its holder alone (its only ranking pair with a group member is with
    it: an outside minority holder does not count), is not the head, and has no member hanging
    from it alone (it holds no fan of its own). Members tied to
    nothing else come first; then those tied elsewhere, grouped by what they are tied to, so
    that the ties leave the comb from its end. Holders with fewer than ``least`` members keep
    them on their rank.
    """
    preds: dict[str, list[str]] = {}
    succs: dict[str, list[str]] = {}
    outside = {n.id for n in scene.nodes if not n.entity.is_group_member}
    for u, v in scene.rank_pairs:
        if u not in outside:
            preds.setdefault(v, []).append(u)
        succs.setdefault(u, []).append(v)
    single = {v: ps[0] for v, ps in preds.items() if len(ps) == 1}
    holders = set(single.values())
    found: dict[str, list[str]] = {}
    for v, p in sorted(single.items()):
        if v != scene.head and v not in holders:
            found.setdefault(p, []).append(v)
    return {
        p: tuple(sorted(ms, key=lambda m: (sorted(succs.get(m, ())), m)))
        for p, ms in sorted(found.items())
        if len(ms) >= least
    }


def comb_shape(
    parent: str,
    members: Sequence[str],
    sizes: Mapping[str, tuple[float, float]],
    labels: Iterable[str],
    across: bool,
    shape: tuple[float, bool] = (ASPECT, False),
) -> Comb:
    """The shape of a comb, in the ``TB`` frame, for members of these (``TB`` frame) ``sizes``.

    ``labels``: the texts of the edges between the holder and its members; ``across``: True
    when the diagram is turned (``LR``, ``RL``), so that what is vertical here is horizontal as
    drawn (texts stay horizontal: a stub is as long as its texts' extent along it, as drawn);
    ``shape``: the width over the height the comb aims at, as drawn, and whether it is in rows.
    """
    aspect, flat = shape
    vertical = flat != across  # is a stub vertical as drawn?
    extents = [label_extent(text if vertical else narrow(text)) for text in labels if text]
    along = [h if vertical else w for w, h in extents]  # a text's extent along its stub
    wide = [w if vertical else h for w, h in extents]  # and across it
    stub = max(along, default=0.0) + ARROW_ROOM
    widest = max(sizes[m][0] for m in members)
    tallest = max(sizes[m][1] for m in members)
    heights: tuple[float, ...] = ()
    if flat:
        cell = (max(widest, max(wide, default=0.0)) + MEMBER_GAP, stub + tallest + MEMBER_GAP)
    else:
        cell = (stub + widest, max(tallest, max(wide, default=0.0)) + MEMBER_GAP)
        text = max(wide, default=0.0)
        heights = tuple(max(sizes[m][1], text) + MEMBER_GAP for m in members)
    k = len(members)

    def size(lines: int) -> tuple[float, float]:
        majors = math.ceil(k / lines)
        if flat:
            return 2 * TRUNK_IN + lines * cell[0], BUS + majors * cell[1]
        tall = max(sum(heights[i : i + lines]) for i in range(0, k, lines))
        return majors * cell[0] + (majors - 1) * COLUMN_GAP, BUS + tall

    def misfit(lines: int) -> float:
        w, h = size(lines)
        drawn = h / w if across else w / h
        return abs(math.log(drawn / aspect))

    lines = min(range(1, k + 1), key=lambda n: (misfit(n), n))
    lines = math.ceil(k / math.ceil(k / lines))  # as even as the same number of lines allows
    width, height = size(lines)
    return Comb(
        parent, tuple(members), flat, lines, stub, not vertical, cell, width, height, heights
    )
