"""Groups built from a schema's predicates: :func:`from_schema` and :func:`near_misses`.

A schema's conditions are compiled into a :class:`~ges_graph.strategies.plan.Plan` (a witness
per condition, or a breaker for the one a near miss breaks) and a
:class:`~ges_graph.strategies.builder.Builder` draws a group that realises it. The reference
schemas and a user's own schema files are treated alike.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any, NamedTuple

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from hypothesis.strategies import DrawFn, SearchStrategy

from ges_graph.model import Document
from ges_graph.schemas import SchemaDef, reference_schemas
from ges_graph.strategies._args import check_count, check_flag, validated
from ges_graph.strategies._values import _READABLE_TEXT
from ges_graph.strategies.builder import Builder, Options, finish
from ges_graph.strategies.plan import Plan, breakable, compile_plan

__all__ = ["NearMiss", "SchemaDocument", "breakable_conditions", "from_schema", "near_misses"]


class SchemaDocument(NamedTuple):
    """A document built to match a schema, with what it was built with.

    Attributes:
        document: the document.
        head: the id of the entity built as the head of group.
        schema: the schema's id.
        variant: the id of the variant built (the first of the schema's variants whose test
            holds), ``None`` where the schema has no variants.
    """

    document: Document
    head: str
    schema: str
    variant: str | None


class NearMiss(NamedTuple):
    """A document built to break exactly one named condition of a schema.

    Attributes:
        document: the document.
        schema: the schema it misses.
        condition: the id of the broken condition (as in the schema file).
        head: the id of the entity the group was built around (when the broken condition is
            unified governance, no head is found: a second independent member competes with it).
    """

    document: Document
    schema: str
    condition: str
    head: str


def _resolve(schema: object) -> SchemaDef:
    """The :class:`~ges_graph.schemas.SchemaDef` of a reference schema id, or the one given."""
    if isinstance(schema, SchemaDef):
        return schema
    reference = {s.id: s for s in reference_schemas()}
    if isinstance(schema, str):
        if schema not in reference:
            raise InvalidArgument(
                f"schema={schema!r} is not a reference schema (must be one of "
                f"{', '.join(reference)}, or a SchemaDef)"
            )
        return reference[schema]
    raise InvalidArgument(
        f"schema={schema!r} must be a schema id (a reference schema's) or a SchemaDef"
    )


def breakable_conditions(schema: str | SchemaDef) -> tuple[str, ...]:
    """The ids of the conditions of ``schema`` that :func:`near_misses` can break alone.

    A condition is breakable alone when the breaker of its predicate kind and the witnesses of
    the others can be realised together: a group of one member, for instance, cannot keep a
    condition that needs a held company.

    Examples:
        >>> breakable_conditions("S6")
        ('head-cooperative', 'unified-governance', 'no-outside-control', 'an-associative-member')
    """
    s = _resolve(schema)
    return tuple(c.id for c in s.all_conditions if breakable(s, c.id))


def _count(draw: DrawFn, value: Any, default: SearchStrategy[int]) -> int:
    value = default if value is None else value
    return value if isinstance(value, int) else int(draw(value))


def _flag(draw: DrawFn, value: bool | None) -> bool:
    return bool(draw(st.booleans())) if value is None else value


def _check_options(args: dict[str, Any], plan: Plan, sid: str) -> None:
    check_count("members", args["members"] if args["members"] is not None else 2, 1, 40)
    check_count("depth", args["depth"] if args["depth"] is not None else 1, 1, 40)
    check_count("externals", args["externals"] if args["externals"] is not None else 0, 0, 40)
    check_count("flows", args["flows"] if args["flows"] is not None else 0, 0, 100)
    for name in ("pooled_gie", "coordinating_head", "ranges", "persons"):
        check_flag(name, args[name])
    if args["coordinating_head"] and not plan.can_coordinate():
        raise InvalidArgument(
            f"coordinating_head=True: the head of {sid} is not associative here, and only an "
            "associative head can be coordinating"
        )
    if args["pooled_gie"] and not plan.can_pool():
        raise InvalidArgument(f"pooled_gie=True: {sid} leaves no room for a pooled grouping")
    low = plan.minimum_members(
        coordinating=bool(args["coordinating_head"]), pooled=bool(args["pooled_gie"])
    )
    if isinstance(args["members"], int) and args["members"] < low:
        raise InvalidArgument(
            f"members={args['members']} is too few for {sid} with these options (at least {low})"
        )
    high = plan.members_high
    if isinstance(args["members"], int) and high is not None and args["members"] > high:
        raise InvalidArgument(f"members={args['members']} is too many for {sid} (at most {high})")
    deep = plan.minimum_depth()
    if isinstance(args["depth"], int) and args["depth"] < deep:
        raise InvalidArgument(
            f"depth={args['depth']}: {sid} needs a chain of {deep} levels below its head "
            f"(depth ≥ {deep})"
        )


def _options(draw: DrawFn, plan: Plan, args: dict[str, Any]) -> Options:
    """Draw the options left to draw; a plan's needs win over what was drawn."""
    coordinating = plan.can_coordinate() and _flag(draw, args["coordinating_head"])
    if plan.coordinating:
        coordinating = True
    pooled = plan.can_pool() and _flag(draw, args["pooled_gie"])
    high = plan.members_high
    if high is not None and plan.minimum_members(coordinating=coordinating, pooled=pooled) > high:
        coordinating = bool(plan.coordinating)
        pooled = False
    low = plan.minimum_members(coordinating=coordinating, pooled=pooled)
    members = max(_count(draw, args["members"], st.integers(2, 6)), low)
    return Options(
        members=members if high is None else min(members, high),
        depth=max(_count(draw, args["depth"], st.integers(1, 3)), plan.minimum_depth()),
        externals=_count(draw, args["externals"], st.integers(0, 2)),
        flows=_count(draw, args["flows"], st.integers(0, 3)),
        pooled_gie=pooled,
        coordinating_head=coordinating,
        ranges=_flag(draw, args["ranges"]),
        persons=_flag(draw, args["persons"]),
    )


def _variants(schema: SchemaDef, coordinating: bool | None) -> list[tuple[int, Plan]]:
    """(index, plan) of each variant that can be built (with ``coordinating`` if given)."""
    out = []
    for i in range(len(schema.variants)):
        plan = compile_plan(schema, variant=i)
        if coordinating is True and not plan.can_coordinate():
            continue
        if coordinating is False and plan.coordinating:
            continue
        out.append((i, plan))
    return out


_OPTIONS = ("members", "depth", "externals", "flows", "pooled_gie", "coordinating_head")


def _check_from_schema(args: dict[str, Any]) -> None:
    schema = _resolve(args["schema"])
    plans = [p for _, p in _variants(schema, args["coordinating_head"])]
    if schema.variants and not plans:
        raise InvalidArgument(
            f"coordinating_head={args['coordinating_head']}: no variant of {schema.id} fits"
        )
    for plan in plans or [compile_plan(schema)]:
        _check_options(args, plan, schema.id)


# Over 80 lines: the docstring (options and a running example) is most of it.
@validated(_check_from_schema)
@st.composite
def from_schema(  # noqa: D417 - draw is Hypothesis's
    draw: DrawFn,
    schema: str | SchemaDef,
    *,
    members: int | SearchStrategy[int] | None = None,
    depth: int | SearchStrategy[int] | None = None,
    externals: int | SearchStrategy[int] | None = None,
    flows: int | SearchStrategy[int] | None = None,
    pooled_gie: bool | None = None,
    coordinating_head: bool | None = None,
    ranges: bool | None = None,
    persons: bool | None = None,
) -> SchemaDocument:
    """Documents that match ``schema`` by construction, with the head they were built with.

    The group is built from the schema's conditions, each realised by the witness of its
    predicate kind (``schemas.md``): a head that passes the ``head`` filters, members it
    controls through a tree of direct control (shares above 50 % for companies; statutes, a
    majority of seats, a majority of membership votes or being the only listed member for the
    others), the members that ``head_link``, ``link`` and ``count`` ask for, within the bounds
    of ``count``, ``members`` and ``relations``; then inert partners: external partners with
    minority stakes (never enough to control), persons and collectives with offices,
    memberships without votes and minority stakes, and flows between anyone. Where a schema
    has variants, one is drawn: its test is witnessed and the earlier variants' tests broken.

    A schema of your own (a :class:`~ges_graph.schemas.SchemaDef`) is built the same way. A
    predicate the builder cannot realise raises :class:`SchemaNotBuildable` (an
    ``InvalidArgument``) naming it.

    Counts are an ``int`` (fixed) or a strategy of ints (drawn); ``None`` draws a small one.
    Flags are ``True``, ``False`` or ``None`` (drawn).

    Args:
        schema: a reference schema id, or a :class:`~ges_graph.schemas.SchemaDef`.
        members: how many members the group has (G: head included, persons and external
            partners not); raised to the least the schema and options need.
        depth: the longest chain of control below the head (reached when there are members
            enough; at least what a ``link`` needs); coordinated members count as one level.
        externals: how many external partners.
        flows: how many flows.
        pooled_gie: whether a GIE or employer group pooled by members in the head's reach is
            added (it counts as a member).
        coordinating_head: whether the head is coordinating: a union or association whose
            members are two to four independent associations; only where the head can be
            associative.
        ranges: whether percentages may be ranges (a controlling one stays above 50 % at its
            ``min``, a minority one at most 50 % at its ``max``).
        persons: whether persons and collectives take part (never controlling anything).

    Examples:
        >>> from hypothesis import given, settings
        >>> from ges_graph.classification import classify
        >>> from ges_graph.graph import GES
        >>> @settings(max_examples=5, database=None)
        ... @given(from_schema("S5", members=st.integers(3, 5), externals=1))
        ... def check(built):
        ...     result = classify(GES(built.document))
        ...     assert (result.schema, result.head) == ("S5", built.head)
        >>> check()
        >>> from_schema("S4", coordinating_head=True)
        Traceback (most recent call last):
        ...
        hypothesis.errors.InvalidArgument: coordinating_head=True: the head of S4 is not associative here, and only an associative head can be coordinating
    """  # noqa: E501
    args = {
        "members": members,
        "depth": depth,
        "externals": externals,
        "flows": flows,
        "pooled_gie": pooled_gie,
        "coordinating_head": coordinating_head,
        "ranges": ranges,
        "persons": persons,
    }
    s = _resolve(schema)
    variant = None
    plan = compile_plan(s)
    if s.variants:
        index, plan = draw(st.sampled_from(_variants(s, coordinating_head)))
        variant = s.variants[index].id
    builder = Builder(draw, plan, _options(draw, plan, args))
    g = builder.build()
    return SchemaDocument(finish(draw, g, draw(_READABLE_TEXT)), g.head, s.id, variant)


def _check_near_misses(args: dict[str, Any]) -> None:
    schema = _resolve(args["schema"])
    can = breakable_conditions(schema)
    conditions = args["conditions"]
    if conditions is not None:
        if isinstance(conditions, str) or not isinstance(conditions, Collection) or not conditions:
            raise InvalidArgument(f"conditions={conditions!r} must be a non-empty collection")
        for c in conditions:
            if c not in can:
                raise InvalidArgument(
                    f"conditions: {c!r} is not a condition of {schema.id} that can be broken "
                    f"alone (must be one of {', '.join(can)})"
                )
    if not can:
        raise InvalidArgument(f"no condition of {schema.id} can be broken alone")
    # The options are checked as for the group the break starts from; a break that needs
    # fewer members or no coordinating head overrides them when drawing.
    _check_options({**args, "coordinating_head": None}, compile_plan(schema), schema.id)


@validated(_check_near_misses)
@st.composite
def near_misses(  # noqa: D417 - draw is Hypothesis's
    draw: DrawFn,
    schema: str | SchemaDef,
    *,
    conditions: Collection[str] | None = None,
    members: int | SearchStrategy[int] | None = None,
    depth: int | SearchStrategy[int] | None = None,
    externals: int | SearchStrategy[int] | None = None,
    flows: int | SearchStrategy[int] | None = None,
    pooled_gie: bool | None = None,
    coordinating_head: bool | None = None,
    ranges: bool | None = None,
    persons: bool | None = None,
) -> NearMiss:
    """Documents built like :func:`from_schema`'s, with one named condition broken.

    The broken condition gets the *breaker* of its predicate kind instead of its witness,
    every other condition its witness, so that the others still hold (the property tests check
    this with the classifier): a second member that nobody controls (``unified``), an outsider
    with statutory control of the head (``head_outside_control``), a head that fails the
    ``head`` filter, members that a ``count`` excludes (or none of those it needs), a
    relation between members that ``relations`` excludes (or none of those it needs), no member
    the head links to (``head_link``: by shares, control by other means; otherwise no member
    that matches), members bound by a name that control nobody (``link``), one member fewer (or
    more) than ``members`` allows. A condition that tests what another binds (``link`` with
    ``from``) fails with it.

    Args:
        schema: a reference schema id or a :class:`~ges_graph.schemas.SchemaDef`.
        conditions: the condition ids to break, one per document (see
            :func:`breakable_conditions`); default any of them.
        members: as for :func:`from_schema` (what the break adds or removes aside).
        depth: as for :func:`from_schema`.
        externals: as for :func:`from_schema`.
        flows: as for :func:`from_schema`.
        pooled_gie: as for :func:`from_schema`; dropped where the break leaves no room.
        coordinating_head: as for :func:`from_schema`; ignored where the break leaves the
            head unable to coordinate.
        ranges: as for :func:`from_schema`.
        persons: as for :func:`from_schema`.

    Examples:
        >>> from hypothesis import given, settings
        >>> from ges_graph.classification import classify
        >>> from ges_graph.graph import GES
        >>> @settings(max_examples=5, database=None)
        ... @given(near_misses("S2", conditions=["no-intermediate-holding"]))
        ... def check(miss):
        ...     result = classify(GES(miss.document))
        ...     failed = [c.id for c in result.candidate("S2").failed]
        ...     assert result.schema != "S2" and failed == ["no-intermediate-holding"]
        >>> check()
    """
    s = _resolve(schema)
    condition = draw(st.sampled_from(tuple(conditions or breakable_conditions(s))))
    args = {
        "members": members,
        "depth": depth,
        "externals": externals,
        "flows": flows,
        "pooled_gie": pooled_gie,
        "coordinating_head": coordinating_head,
        "ranges": ranges,
        "persons": persons,
    }
    plan = compile_plan(s, broken=condition)
    g = Builder(draw, plan, _options(draw, plan, args)).build()
    return NearMiss(finish(draw, g, draw(_READABLE_TEXT)), s.id, condition, g.head)
