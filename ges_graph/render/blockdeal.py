"""What a deal of blocks in two columns costs: the lines that cross a fan or one another.

:func:`~ges_graph.render.blockcols.split` deals a holding's blocks over two columns in every
order and keeps the cheapest (:class:`Weigher`): what each shared entity is tied to is read
once, as block numbers and bit sets, so that each of the orders is a few sums.

Examples:
    >>> weigh = Weigher(["a", "b", "c", "d"], {"x": ["c", "d"], "y": ["a", "c"]}, set())
    >>> weigh((0, 1, 2, 3)), weigh((2, 3, 0, 1))
    (0, 2)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

__all__ = ["CROSS_WEIGHT", "MEET_WEIGHT", "Tie", "Weigher"]

CROSS_WEIGHT = 5
"""In the cost of a deal, a line of a top-channel entity from a lower block, which crosses
the drawing to reach the top, against 1 for a line that crosses another."""

MEET_WEIGHT = 10
"""In the cost of a deal, two lines from the first column crossing in the corridor: both
long, their texts (at their middles) meet where they cross, as good as a collision."""


class Tie(NamedTuple):
    """A shared entity tied to blocks, as :class:`Weigher` reads it."""

    name: str
    at: tuple[int, ...]
    """The block of each of its holders, by number (-1: outside every block)."""
    bits: int
    """The blocks it is tied to, a bit each."""
    loose: bool
    """Whether a holder lies outside every block."""
    outer: bool
    """Whether it has an inner holder (the head, a holding): its lines run along the top."""
    counts: list[int]
    """How many of its holders lie in each block."""


class Weigher:
    """What each deal of ``blocks`` costs: the lines that cross a fan or one another, about.

    Each line from a first-column block to the corridor crosses the line from the holding to
    a second-column holder; each line of a top-channel entity from a lower block crosses the
    drawing (:data:`CROSS_WEIGHT`); and the corridor's lines cross one another as many times
    as their ends are out of order. The channels are those of
    :func:`~ges_graph.render.blockcols.channels`, the corridor's order that of the mean place
    of each entity's holders (``blockcols._score``).

    Examples:
        >>> ties = {"x": ["c", "d", ""], "y": ["a", "c"], "z": ["b", "d", "a"]}
        >>> weigh = Weigher(["a", "b", "c", "d"], ties, set())
        >>> weigh((0, 1, 2, 3)), weigh((2, 3, 0, 1))
        (4, 5)
    """

    def __init__(
        self, blocks: Sequence[str], ties: Mapping[str, Sequence[str]], outer: set[str]
    ) -> None:
        number = {b: i for i, b in enumerate(blocks)}
        self.size = len(blocks)
        self.ties: list[Tie] = []
        for s, names in ties.items():
            at = tuple(number.get(b, -1) for b in names)  # -1: a holder outside every block
            bits = sum({1 << i for i in at if i >= 0})
            counts = [at.count(i) for i in range(self.size)]
            self.ties.append(Tie(s, at, bits, -1 in at, s in outer, counts))
        # The blocks of each shared entity's holders (those outside every block left out): a
        # line each to the corridor.
        self.inner: dict[str, list[int]] = {t.name: [i for i in t.at if i >= 0] for t in self.ties}

    def __call__(self, order: Sequence[int], bound: int = -1) -> int:
        """The cost of the deal of the blocks in ``order`` (their numbers), first column first.

        The first half of ``order`` (rounded up) is the first column. ``bound``: the least
        cost found so far, when there is one (not negative): a deal whose lines to the
        channels cost that much already is no better, whatever its crossings, and that much
        is returned (at least ``bound``).
        """
        cut = (self.size + 1) // 2
        first, second = order[:cut], order[cut:]
        up_first, up_second = (len(first) + 1) // 2, (len(second) + 1) // 2
        upper = [*first[:up_first], *second[:up_second]]
        lower = [*first[up_first:], *second[up_second:]]
        upper_bits = lower_bits = 0
        for i in upper:
            upper_bits |= 1 << i
        for i in lower:
            lower_bits |= 1 << i
        cost = 0
        corridor: list[Tie] = []
        for tie in self.ties:
            _, _, bits, loose, outer, counts = tie
            if outer:
                cost += CROSS_WEIGHT * sum([counts[i] for i in lower])  # top channel
            elif not bits or (not bits & (bits - 1) and not loose):
                continue  # no channel
            elif not loose and not bits & ~upper_bits:
                cost += CROSS_WEIGHT * sum([counts[i] for i in lower])  # top channel
            elif loose or bits & ~lower_bits:  # the corridor (else the bottom channel)
                cost += sum([counts[i] for i in first])
                corridor.append(tie)
        if not corridor or 0 <= bound <= cost:
            return cost
        budget = bound - cost if bound >= 0 else -1
        return cost + self._crossings(first, second, upper_bits, corridor, budget)

    def _crossings(
        self,
        first: Sequence[int],
        second: Sequence[int],
        upper_bits: int,
        corridor: Sequence[Tie],
        budget: int = -1,
    ) -> int:
        """The pairs of corridor lines whose ends are in opposite orders (each pair crosses).

        The lines reach the corridor from the second column's upper blocks, then the first
        column's blocks (passing along the corridor), then the second column's lower blocks;
        the corridor's entities are in the order of ``blockcols._score``. Two lines passing along
        the corridor that cross weigh :data:`MEET_WEIGHT`. ``budget`` (when not negative):
        the count stops once it reaches that much (the deal is no better than one found).
        """
        second_bits = 0
        for i in second:
            second_bits |= 1 << i
        side = [
            (-1.0 if upper_bits >> i & 1 else 1.0) * (1.0 if second_bits >> i & 1 else 0.1)
            for i in range(self.size)
        ]
        side.append(0.0)  # at -1: a holder outside every block
        ranked = sorted([(sum([side[i] for i in t.at]) / len(t.at), t.name, t) for t in corridor])
        half = (len(second) + 1) // 2
        place = [0] * self.size
        for k, i in enumerate([*second[:half], *first, *second[half:]]):
            place[i] = k
        # Each line's end (its block's place, then its entity's in the corridor), in the
        # lines' order: by block as the corridor meets them, by entity within a block.
        inner = self.inner
        ends = sorted([(place[i], e) for e, (_, _, t) in enumerate(ranked) for i in inner[t.name]])
        # Each line crosses the earlier ones that end lower in the corridor: counted by place
        # in the corridor (a few entities), those from the first column apart.
        seen, seen_first = [0] * len(ranked), [0] * len(ranked)
        crossed = 0
        low, high = half, half + len(first)
        for k, e in ends:
            crossed += sum(seen[e + 1 :])
            seen[e] += 1
            if low <= k < high:  # a line from the first column
                crossed += (MEET_WEIGHT - 1) * sum(seen_first[e + 1 :])
                seen_first[e] += 1
            if 0 <= budget <= crossed:
                break
        return crossed
