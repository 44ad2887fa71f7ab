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

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ges_graph.render.scene import Scene

__all__ = ["COMB_MIN", "Comb", "comb_shape", "find_combs", "label_extent"]

COMB_MIN = 4
"""A holder with at least this many members hanging from it alone has them stacked in a comb."""
BUS = 0.12
"""Height of the band, at the top of a comb, where the bus runs from the holder to the trunks."""
TRUNK_IN = 0.06
"""From a column's left side to its trunk."""
ARROW_ROOM = 0.13
"""Length of a stub beyond its text: the arrowhead and a gap."""
MEMBER_GAP = 0.07
"""Between two members of a column, beyond what they and their texts need."""
COLUMN_GAP = 0.12
"""Between two columns of a comb."""
ASPECT = 1.45
"""The width over the height that a comb aims at, as drawn (about a landscape page's)."""
EDGE_CHAR = 0.56 * 7 / 72
"""Average width of a character of an edge's text (7 pt, DejaVu Sans), inches."""
EDGE_LINE = 1.25 * 7 / 72
"""Height of a line of an edge's text, inches."""


def label_extent(label: str) -> tuple[float, float]:
    r"""The (width, height) an edge's text takes, estimated, inches (its box's padding included).

    Examples:
        >>> w, h = label_extent("90\xa0% · présidence")
        >>> round(w, 2), round(h, 2)
        (1.02, 0.18)
    """
    lines = label.split("\n")
    return EDGE_CHAR * max(len(line) for line in lines) + 0.09, EDGE_LINE * len(lines) + 0.06


@dataclass(frozen=True)
class Comb:
    """The shape of one comb, top down (``TB`` frame), inches.

    Attributes:
        parent: the holder.
        members: its members, in order: column by column, top to bottom.
        rows: members in a column (the last may hold fewer).
        stub: length of a stub, from the trunk to the members' left side.
        column_width: a column's width (its stub and its widest member).
        pitch: from one member's centre to the next one's in a column.
        width: the comb's width.
        height: the comb's height, its bus band included.
    """

    parent: str
    members: tuple[str, ...]
    rows: int
    stub: float
    column_width: float
    pitch: float
    width: float
    height: float

    def place(self, member: str) -> tuple[int, int]:
        """The (column, row) of a member."""
        i = self.members.index(member)
        return i // self.rows, i % self.rows

    def member_centre(
        self, member: str, top_left: tuple[float, float], width: float
    ) -> tuple[float, float]:
        """Where a member of this width goes when the comb's top-left corner is at ``top_left``."""
        column, row = self.place(member)
        trunk = self.trunk(column, top_left)
        return trunk + self.stub + width / 2, top_left[1] - BUS - (row + 0.5) * self.pitch

    def trunk(self, column: int, top_left: tuple[float, float]) -> float:
        """The x of a column's trunk."""
        return top_left[0] + column * (self.column_width + COLUMN_GAP) + TRUNK_IN

    def route(
        self,
        member: str,
        top_left: tuple[float, float],
        parent_exit: tuple[float, float],
        member_width: float,
    ) -> tuple[tuple[float, float], ...]:
        """The path from the holder's exit (the middle of its bottom) to the member's left side."""
        column, _ = self.place(member)
        trunk = self.trunk(column, top_left)
        x, y = self.member_centre(member, top_left, member_width)
        bus = top_left[1] - BUS / 2
        points = [
            parent_exit,
            (parent_exit[0], bus),
            (trunk, bus),
            (trunk, y),
            (x - member_width / 2, y),
        ]
        return tuple(p for i, p in enumerate(points) if i == 0 or p != points[i - 1])


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
    aspect: float = ASPECT,
) -> Comb:
    """The shape of a comb, in the ``TB`` frame, for members of these (``TB`` frame) ``sizes``.

    ``labels``: the texts of the edges between the holder and its members; ``across``: True
    when the diagram is turned (``LR``, ``RL``), so that a stub is vertical as drawn and its text
    lies across it. The number of columns makes the comb about ``aspect`` times as wide as
    high, as drawn.
    """
    extents = [label_extent(text) for text in labels if text]
    along = [h if across else w for w, h in extents]  # a text's extent along its stub
    wide = [w if across else h for w, h in extents]  # and across it
    stub = max(along, default=0.0) + ARROW_ROOM
    widest = max(sizes[m][0] for m in members)
    tallest = max(sizes[m][1] for m in members)
    column_width = stub + widest
    pitch = max(tallest, max(wide, default=0.0)) + MEMBER_GAP
    k = len(members)

    def misfit(columns: int) -> float:
        w = columns * column_width + (columns - 1) * COLUMN_GAP
        h = BUS + math.ceil(k / columns) * pitch
        drawn = h / w if across else w / h
        return abs(math.log(drawn / aspect))

    columns = min(range(1, k + 1), key=lambda c: (misfit(c), c))
    rows = math.ceil(k / columns)
    columns = math.ceil(k / rows)
    return Comb(
        parent=parent,
        members=tuple(members),
        rows=rows,
        stub=stub,
        column_width=column_width,
        pitch=pitch,
        width=columns * column_width + (columns - 1) * COLUMN_GAP,
        height=BUS + rows * pitch,
    )
