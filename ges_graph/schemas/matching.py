"""An entity filter compiled once (:class:`Match`), as a classification asks it thousands of times.

Examples:
    >>> from ges_graph.schemas.predicates import EntityFilter
    >>> Match(EntityFilter(family=("cooperative",))).forms == {"scic", "scop"}
    True
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ges_graph.model import Form

if TYPE_CHECKING:
    from collections.abc import Iterable

    from ges_graph.control import Control
    from ges_graph.schemas.predicates import EntityFilter

__all__ = ["Match"]


class Match:
    """An :class:`EntityFilter` compiled once: the forms it admits, then the other keys.

    A filter's ``form`` and ``family`` keys are both read off the form: they become one set of
    admitted forms, looked up once per entity; ``operating`` and ``intermediate_holding`` are
    read as the filter reads them. What a classification asks of a filter thousands of times is
    answered here without reading the filter's model again.

    Examples:
        >>> from ges_graph.schemas import reference_schemas
        >>> from ges_graph.schemas.predicates import EntityFilter
        >>> s5 = reference_schemas()[4].example_ges()
        >>> m = Match(EntityFilter(family=("company",)))
        >>> m.select(s5.control, s5.control.members), m.matches(s5.control, "tremplin")
        (['holding', 'interim', 'nettoyage'], False)
        >>> Match(EntityFilter(form=("sas",), family=("associative",))).forms
        frozenset()
    """

    __slots__ = ("filter", "forms", "holding", "operating")

    def __init__(self, entity_filter: EntityFilter) -> None:
        f = entity_filter
        self.filter = f
        self.forms: frozenset[Form] | None = None
        if f.form is not None or f.family is not None:
            self.forms = frozenset(
                x
                for x in Form
                if (f.form is None or x in f.form) and (f.family is None or x.family in f.family)
            )
        self.operating = f.operating
        self.holding = f.intermediate_holding

    def matches(self, control: Control, entity_id: str) -> bool:
        """Whether the entity passes the filter (:meth:`EntityFilter.matches`)."""
        forms = self.forms
        if forms is not None and control.forms[entity_id] not in forms:
            return False
        if self.operating is not None and control.is_operating(entity_id) != self.operating:
            return False
        return self.holding is None or (entity_id in control.intermediate_holdings) == self.holding

    def count(self, control: Control, ids: Iterable[str], upto: int) -> int:
        """How many of ``ids`` pass the filter, counted up to ``upto`` at most."""
        if upto <= 0:
            return 0
        n = 0
        forms = self.forms
        if forms is None and self.operating is None and self.holding is None:
            for _ in ids:  # an empty filter admits every entity
                n += 1
                if n >= upto:
                    break
            return n
        if forms is not None and self.operating is None and self.holding is None:
            table = control.forms  # a filter of forms or families alone: one look per entity
            for i in ids:
                if table[i] in forms:
                    n += 1
                    if n >= upto:
                        break
            return n
        for i in ids:
            if self.matches(control, i):
                n += 1
                if n >= upto:
                    break
        return n

    def select(self, control: Control, ids: Iterable[str]) -> list[str]:
        """The ids that pass the filter, sorted (:meth:`EntityFilter.select`)."""
        forms = self.forms
        if forms is None and self.operating is None and self.holding is None:
            out = list(ids)  # an empty filter admits every entity
        elif forms is not None and self.operating is None and self.holding is None:
            table = control.forms
            out = [i for i in ids if table[i] in forms]
        else:
            out = [i for i in ids if self.matches(control, i)]
        return control.in_order(out)
