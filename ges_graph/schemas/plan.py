"""Schemas compiled once per process into plain tables, and run on one head at a time.

:func:`compile_schemas` reads, once for a given list of schemas (kept while the process lives,
a few lists at most), what classifying against them needs at every call and that depends on the
schemas alone: each condition's test key, whether it reads the head or names bound before it,
its evaluator, the schema's titles and origin, and which conditions every schema states (they do
not tell schemas apart). :meth:`Run.outcomes` then evaluates one schema on one head, each test
once per head (once for every head when it reads none), with no object made but the outcomes.

Examples:
    >>> from ges_graph.schemas import reference_schemas
    >>> plan = compile_schemas(reference_schemas())
    >>> plan is compile_schemas(reference_schemas())
    True
    >>> [c.id for c, common in zip(plan.schemas[0].conditions, plan.common[0]) if common]
    ['at-least-two-members', 'unified-governance', 'no-outside-control']
    >>> run = Run(reference_schemas()[4].example_ges(), "tremplin", {})
    >>> outs, bound, near = run.outcomes(plan.schemas[4])
    >>> [o.held for o in outs], dict(bound), near
    ([True, True, True, True, True, True], {'sas': ('holding', 'interim')}, (0, 0))
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from ges_graph.schemas.context import Context, Outcome
from ges_graph.schemas.evaluation import EVALUATORS, PREPARED, Condition
from ges_graph.schemas.predicates import LinkTest

if TYPE_CHECKING:
    from ges_graph.graph import GES
    from ges_graph.schemas.loading import SchemaDef

__all__ = ["Done", "Plan", "Run", "SchemaPlan", "compile_schemas"]

Step = tuple[str, bool, Callable[[Context, Any], Outcome], Any, bool]
"""One condition compiled: its test key, whether it reads no head, its evaluator, what the
evaluator takes (the test, or the test prepared: :data:`~ges_graph.schemas.evaluation.PREPARED`),
and whether it is a ``link`` test, which reads the names bound before it."""


Done = tuple[list[Outcome], dict[str, tuple[str, ...]], tuple[int, int]]
"""What :meth:`Run.outcomes` gives: the outcomes, the names bound, and the nearness (0 when the
head condition holds, else 1; the number of failed conditions)."""


class SchemaPlan(NamedTuple):
    """One schema compiled (:func:`compile_schemas`)."""

    schema: SchemaDef
    conditions: tuple[Condition, ...]
    """The head condition, then the others."""
    steps: tuple[Step, ...]
    """The conditions compiled, in the same order."""
    title_fr: str
    title_en: str
    reference: bool
    """Whether the schema is one of the reference files."""


class Plan(NamedTuple):
    """A list of schemas compiled: each one's plan, and which of its conditions are common."""

    schemas: tuple[SchemaPlan, ...]
    common: tuple[tuple[bool, ...], ...]
    """For each schema, each condition: whether every schema tried states an equal test."""


_PLANS: dict[tuple[int, ...], tuple[tuple[SchemaDef, ...], Plan]] = {}
_KEEP = 16
"""How many lists of schemas stay compiled (the reference list is the one asked every time)."""


def _common_tests(schemas: Sequence[SchemaDef]) -> frozenset[str]:
    """The tests (:attr:`Condition.key`) that every one of ``schemas`` states, when two or more.

    Decided from the tests, not from the ids: a condition is common when an equal test (same
    predicate, same arguments) is among the conditions of every schema tried, so a user's schema
    that does not state it leaves nothing common. A head condition is never common (it tells
    schemas apart by definition), nor a ``link`` test (it reads names that each schema binds its
    own way). With a single schema, nothing is.
    """
    if len(schemas) < 2:
        return frozenset()
    stated = [
        frozenset(c.key for c in s.conditions if not isinstance(c.test, LinkTest)) for s in schemas
    ]
    return frozenset.intersection(*stated)


def _compile_one(schema: SchemaDef) -> SchemaPlan:
    conditions = schema.all_conditions
    steps: list[Step] = []
    for c in conditions:
        test = c.test
        reads_bound = isinstance(test, LinkTest)
        prepared = PREPARED.get(type(test))
        if prepared is None:
            steps.append((c.key, c.head_free, EVALUATORS[type(test)], test, reads_bound))
        else:
            prepare, run = prepared
            steps.append((c.key, c.head_free, run, prepare(test), reads_bound))
    return SchemaPlan(
        schema,
        conditions,
        tuple(steps),
        schema.title("fr"),
        schema.title("en"),
        schema.reference,
    )


def compile_schemas(schemas: Sequence[SchemaDef]) -> Plan:
    """The plan of ``schemas`` (in their order), compiled on first use and kept.

    A schema is immutable, so a list of the same schema objects has the same plan; the objects
    are kept with it, so that their ids are not given to others meanwhile.
    """
    key = tuple(map(id, schemas))
    got = _PLANS.get(key)
    if got is not None:
        return got[1]
    kept = tuple(schemas)
    common = _common_tests(kept)
    plans = tuple(_compile_one(s) for s in kept)
    flags = tuple(
        tuple(i > 0 and c.key in common for i, c in enumerate(p.conditions)) for p in plans
    )
    plan = Plan(plans, flags)
    if len(_PLANS) >= _KEEP:
        _PLANS.clear()
    _PLANS[key] = (kept, plan)
    return plan


class Run:
    """Evaluate compiled schemas on one GES with one head, each test once.

    Args:
        ges: the group.
        head: the entity taken as the head (the real head, a candidate tried, or ``None``).
        shared: the outcomes of the tests that read no head, kept across the runs of one group
            with different heads.
    """

    def __init__(self, ges: GES, head: str | None, shared: dict[str, Outcome]) -> None:
        self._ges = ges
        self._control = ges.control
        self._head = head
        self._ctx = Context(ges, self._control, head, {})
        self._own: dict[str, Outcome] = {}
        self._shared = shared

    @property
    def context(self) -> Context:
        """What the conditions see, with no name bound."""
        return self._ctx

    def outcomes(self, plan: SchemaPlan, *, until_failure: bool = False) -> Done:
        """One schema on this head: the outcomes, the names bound, and how near it comes.

        Nearness is (0 when the head condition holds, else 1; the number of failed conditions):
        the smallest wins. With ``until_failure``, the evaluation stops at the first condition
        that does not hold: whether the schema matches is then known, and :meth:`finish`
        evaluates the others when they are read (their nearness counts only that failure).

        Examples:
            >>> from ges_graph.schemas import reference_schemas
            >>> plan = compile_schemas(reference_schemas())
            >>> run = Run(reference_schemas()[4].example_ges(), "tremplin", {})
            >>> outs, bound, near = run.outcomes(plan.schemas[3], until_failure=True)
            >>> [o.held for o in outs], near
            ([False], (1, 1))
            >>> [o.held for o in run.finish(plan.schemas[3], outs, bound)[0]]
            [False, True, True, True, True, True]
        """
        return self._steps(plan, [], {}, until_failure)

    def finish(
        self,
        plan: SchemaPlan,
        outs: Sequence[Outcome],
        bound: dict[str, tuple[str, ...]],
    ) -> Done:
        """The outcomes of :meth:`outcomes` stopped at a failure, evaluated to the end.

        ``outs`` and ``bound`` are left as they are (the result is made of copies), so that a
        result read from two threads at once is finished twice, the same way.
        """
        return self._steps(plan, list(outs), dict(bound), False)

    def _steps(
        self,
        plan: SchemaPlan,
        outs: list[Outcome],
        bound: dict[str, tuple[str, ...]],
        until_failure: bool,
    ) -> Done:
        """Evaluate ``plan``'s conditions from the first that ``outs`` lacks."""
        failed = sum(1 for o in outs if not o.held)
        own, shared, ctx = self._own, self._shared, self._ctx
        steps = plan.steps[len(outs) :] if outs else plan.steps
        out: Outcome | None
        for key, free, evaluator, arg, reads_bound in steps:
            if reads_bound:  # a link test reads the names bound so far
                out = evaluator(Context(self._ges, self._control, self._head, bound), arg)
            else:
                cache = shared if free else own
                out = cache.get(key)
                if out is None:
                    out = cache[key] = evaluator(ctx, arg)
            if out.binds:
                bound.update(out.binds)
            outs.append(out)
            if not out.held:
                failed += 1
                if until_failure:
                    break
        return outs, bound, (0 if outs and outs[0].held else 1, failed)
