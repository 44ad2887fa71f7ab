"""Where the matplotlib engine puts edge texts: measured, on their edge, apart from each other.

Each text is measured once as matplotlib lays it out (its window extent, turned into the
drawing's units), then tried at spots along its edge in order of preference: the middle first
(or a comb's stub), then further out, each spot on the edge, then just beside it, still touching
it. The first box that overlaps no node and no text placed before it wins; when none is free,
the one that overlaps least. Boxes are kept in a grid of cells, so that a trial looks at its
neighbours only; the trials per text are bounded (:data:`MAX_TRIALS`), so placing is linear in
the number of texts whatever the drawing.

Examples:
    >>> placer = Placer([(0.0, 0.0, 1.0, 1.0)])  # a node
    >>> placer.place([(0.5, 0.5), (3.0, 0.5)], 0.4, 0.2)
    (3.0, 0.5)
    >>> placer.place([(3.0, 0.5)], 0.4, 0.2)  # that spot is taken: a text above it
    (3.0, 0.73)
    >>> placer.trials
    8
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence

__all__ = ["MAX_TRIALS", "SPOTS", "Box", "Placer", "along", "on_polyline"]

Box = tuple[float, float, float, float]
"""An axis-aligned box in layout inches: left, bottom, right, top."""

SPOTS = (0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82)
"""Where along its edge a text may sit (0 source, 1 target), in order of preference: never at
the ends, where it would be read as the next edge's."""
MAX_TRIALS = 11 * (len(SPOTS) + 2)
"""The most boxes tried for one text."""
GAP = 0.03
"""Least room between two texts, inches."""


def _box(centre: tuple[float, float], w: float, h: float) -> Box:
    return (centre[0] - w / 2, centre[1] - h / 2, centre[0] + w / 2, centre[1] + h / 2)


def _overlap(a: Box, b: Box) -> float:
    return max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))


def on_polyline(points: Sequence[tuple[float, float]], t: float) -> tuple[float, float]:
    """The point at fraction ``t`` of the polyline's length.

    Examples:
        >>> on_polyline([(0, 0), (1, 0), (1, 1)], 0.75)
        (1.0, 0.5)
    """
    lengths = [math.dist(a, b) for a, b in itertools.pairwise(points)]
    goal = t * sum(lengths)
    for (a, b), length in zip(itertools.pairwise(points), lengths, strict=True):
        if goal <= length and length > 0:
            k = goal / length
            return (a[0] + k * (b[0] - a[0]), a[1] + k * (b[1] - a[1]))
        goal -= length
    return (float(points[-1][0]), float(points[-1][1]))


def along(points: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """The spots of :data:`SPOTS` on a polyline."""
    return [on_polyline(points, t) for t in SPOTS]


class Placer:
    """Puts boxes where they overlap least: the nodes' (fixed) and the texts placed so far.

    Args:
        obstacles: boxes nothing should overlap (the nodes and their texts).
        cell: the side of the grid's cells, inches.
        bounds: the box texts must stay in (the drawing's), if any.
        gap: the least room kept round each text placed, inches.
    """

    def __init__(
        self,
        obstacles: Iterable[Box] = (),
        cell: float = 0.5,
        bounds: Box | None = None,
        gap: float = GAP,
    ) -> None:
        self.cell = cell
        self.bounds = bounds
        self.gap = gap
        self._nodes: dict[tuple[int, int], list[Box]] = {}
        self._texts: dict[tuple[int, int], list[Box]] = {}
        self.trials = 0
        """How many boxes were tried, over all the texts placed (at most :data:`MAX_TRIALS`
        each)."""
        for box in obstacles:
            self._add(self._nodes, box)

    def _cells(self, box: Box) -> Iterable[tuple[int, int]]:
        c = self.cell
        xs = range(math.floor(box[0] / c), math.floor(box[2] / c) + 1)
        ys = range(math.floor(box[1] / c), math.floor(box[3] / c) + 1)
        return itertools.product(xs, ys)

    def _add(self, grid: dict[tuple[int, int], list[Box]], box: Box) -> None:
        for cell in self._cells(box):
            grid.setdefault(cell, []).append(box)

    def _near(self, grid: dict[tuple[int, int], list[Box]], box: Box) -> set[Box]:
        return {b for cell in self._cells(box) for b in grid.get(cell, ())}

    def cost(self, box: Box) -> float:
        """How much a box overlaps: a text over a text counts four times a text over a node."""
        texts = sum(_overlap(box, b) for b in self._near(self._texts, box))
        cost = 4 * texts + sum(_overlap(box, b) for b in self._near(self._nodes, box))
        if self.bounds is not None:  # what sticks out of the drawing counts as a text over one
            area = (box[2] - box[0]) * (box[3] - box[1])
            cost += 4 * (area - _overlap(box, self.bounds))
        return cost

    def place(
        self, spots: Sequence[tuple[float, float]], w: float, h: float
    ) -> tuple[float, float]:
        """The centre of a ``w`` × ``h`` text among ``spots`` (best first); its box is kept.

        On each spot first; then half a text above or below, half a text left or right of it
        (so that the text still touches its edge, whichever way the edge runs), then a whole
        text above or below (beside another text on the same spot), then by a corner.
        """
        w, h = w + self.gap, h + self.gap
        shifts = [(0.0, h / 2), (0.0, -h / 2), (w / 2, 0.0), (-w / 2, 0.0), (0.0, h), (0.0, -h)]
        shifts += [(w * 0.75, h * 0.75), (-w * 0.75, h * 0.75), (w * 0.75, -h * 0.75)]
        shifts += [(-w * 0.75, -h * 0.75)]
        tries = [*spots, *((x + dx, y + dy) for x, y in spots for dx, dy in shifts)]
        best, least = spots[0], math.inf
        for spot in tries[:MAX_TRIALS]:
            self.trials += 1
            cost = self.cost(_box(spot, w, h))
            if cost < least:
                best, least = spot, cost
                if cost == 0:
                    break
        self._add(self._texts, _box(best, w, h))
        return (round(best[0], 6), round(best[1], 6))
