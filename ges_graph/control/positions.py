"""The document as positions: each entity a number, each relation in force its ends' numbers.

A pass that looks every relation's ends up by id touches, for each, two id strings and a
dictionary of the group's size, scattered in memory: on a large group, the time per entity of
such a pass doubles from 1,000 to 100,000 entities (``docs/performance.md``, « Entities as
positions »). :class:`Positions` reads the document once, in order, into lists indexed by
position (an entity's place in ``entities``) and columns of the relations in force; the passes
that read them read lists in order, and their cost per entity stays flat. ``ges.positions``
makes it once per GES; the rules that scan every relation read it, and name ids only in what
they find. (Control still reads the document by id: moving it onto positions is the next step
of issue 16.)

Examples:
    >>> from ges_graph.graph import GES
    >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
    ...     {"id": "a", "name": "A", "form": "association"},
    ...     {"id": "b", "name": "B", "form": "sas"},
    ...     {"id": "x", "name": "X", "form": "other", "external": True}], "relations": [
    ...     {"type": "shareholding", "from": "a", "to": "b", "share": 60},
    ...     {"type": "board", "from": "x", "to": "a", "seats": 1}]})
    >>> p = ges.positions
    >>> p.ids, p.at["b"], p.src, p.dst, list(p.members)
    (['a', 'b', 'x'], 1, [0, 2], [1, 0], [1, 1, 0])
    >>> from ges_graph.model import Shareholding
    >>> p.of(Shareholding)
    [0]
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Sequence

from ges_graph.control.reading import LEGAL
from ges_graph.model import Entity, Form, Relation

__all__ = ["Positions"]

_ID = operator.attrgetter("id")
_FORM = operator.attrgetter("form")
_EXTERNAL = operator.attrgetter("external")
_FROM = operator.attrgetter("from_")
_TO = operator.attrgetter("to")
_SECOND = operator.itemgetter(1)
_NO_CAPITAL = frozenset(f for f in Form if not f.has_capital)


class Positions:
    """The entities by position and the relations in force as columns, in document order.

    The n-th item of each column is the n-th relation in force (``ges.relations_in_force()``):
    its key and the relation itself are read there.

    Args:
        entities: the document's entities, in order.
        in_force: the (key, relation) pairs in force, in document order.

    Attributes:
        ids: each position's id (``ids[at[i]] == i``).
        at: each id's position.
        forms: each entity's legal form.
        members: 1 at the position of each group member (not external, of a legal person's
            form: :attr:`Control.members <ges_graph.control.Control.members>`), else 0.
        no_capital: 1 at the position of each entity whose form has no capital.
        classes: each relation in force's class, which its ``type`` names
            (:class:`~ges_graph.model.Shareholding`, :class:`~ges_graph.model.Board`...).
        src: the position of each relation in force's ``from``.
        dst: the position of each relation in force's ``to``.
    """

    __slots__ = (
        "_by_class",
        "at",
        "classes",
        "dst",
        "forms",
        "ids",
        "members",
        "no_capital",
        "src",
    )

    def __init__(
        self, entities: Sequence[Entity], in_force: Sequence[tuple[str, Relation]]
    ) -> None:
        ids = list(map(_ID, entities))
        self.ids = ids
        self.at: dict[str, int] = dict(zip(ids, range(len(ids)), strict=True))
        # Each list read off the objects once, at C speed (``map``), in document order.
        forms: list[Form] = list(map(_FORM, entities))
        self.forms = forms
        members = bytearray(map(LEGAL.__contains__, forms))
        for n in itertools.compress(range(len(ids)), map(_EXTERNAL, entities)):
            members[n] = 0  # an external entity is never a member (there are few)
        self.members = members
        self.no_capital = bytearray(map(_NO_CAPITAL.__contains__, forms))
        rels: list[Relation] = list(map(_SECOND, in_force))
        self.classes: list[type[Relation]] = list(map(type, rels))
        at = self.at.__getitem__
        self.src: list[int] = list(map(at, map(_FROM, rels)))
        self.dst: list[int] = list(map(at, map(_TO, rels)))
        self._by_class: dict[type[Relation], list[int]] | None = None

    def of(self, cls: type[Relation]) -> list[int]:
        """The indexes (into the columns) of the relations in force of one class, in order."""
        by = self._by_class
        if by is None:
            by = {}
            for n, c in enumerate(self.classes):
                got = by.get(c)
                if got is None:
                    by[c] = [n]
                else:
                    got.append(n)
            self._by_class = by
        return by.get(cls, [])

    def ends(self, cls: type[Relation]) -> tuple[list[int], list[int]]:
        """The positions of the ``from`` and of the ``to`` of the relations of one class.

        Examples:
            >>> from ges_graph.graph import GES
            >>> from ges_graph.model import Board
            >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
            ...     {"id": i, "name": i.upper(), "form": "association"} for i in "abc"],
            ...     "relations": [{"type": "board", "from": "c", "to": "a", "seats": 1}]})
            >>> ges.positions.ends(Board)
            ([2], [0])
        """
        at = self.of(cls)
        return list(map(self.src.__getitem__, at)), list(map(self.dst.__getitem__, at))
