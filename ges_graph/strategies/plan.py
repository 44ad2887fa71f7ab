"""What a generated group must have, compiled from a schema's conditions.

Each condition of a schema file is a *predicate* with its arguments (``schemas.md``). This module
has, for each predicate kind of the language, one *witness* (what the group must have for the
condition to hold) and one *breaker* (what it must have for the condition to fail: the
negation, as a requirement); both write into a :class:`Plan`, which
:mod:`ges_graph.strategies.builder` realises. Nothing here knows a schema or a condition by its
id: a seventh schema written only in YAML gets a plan like the six.

Examples:
    >>> from ges_graph.schemas import reference_schemas
    >>> s5 = reference_schemas()[4]
    >>> plan = compile_plan(s5)
    >>> plan.minimum_members(coordinating=False, pooled=False), plan.minimum_depth()
    (3, 2)
    >>> [c.id for c in s5.all_conditions if breakable(s5, c.id)][:2]
    ['head-associative', 'unified-governance']
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from hypothesis.errors import InvalidArgument

from ges_graph.errors import GESError
from ges_graph.model import Family, Form, RelationType

if TYPE_CHECKING:
    from ges_graph.schemas import Condition, EntityFilter, SchemaDef

__all__ = ["BREAKERS", "WITNESSES", "Plan", "SchemaNotBuildable", "breakable", "compile_plan"]

Kind = tuple[Form, bool]
"""What a filter sees of a fresh member: its form, and whether it is operating (IAE)."""

SHARE_LINKS = frozenset({"capital_controls", "majority_votes", "shareholding"})
"""Links that only shares give: their witnesses hold the target's shares directly."""

INERT_TYPES = (
    RelationType.SHAREHOLDING,
    RelationType.MEMBERSHIP,
    RelationType.OFFICE,
    RelationType.FLOW,
)
"""Relation types that can be added between members without changing who controls whom."""

MEMBER_FORMS = tuple(f for f in Form if f.can_be_group_member)
"""Forms a member of the group can take (not external, not a natural person)."""


class SchemaNotBuildable(GESError, InvalidArgument):
    """A schema (or the break asked for) uses a predicate the strategies cannot build.

    Raised when the strategy is built, naming the predicate and why; it is a Hypothesis
    ``InvalidArgument`` and a :class:`~ges_graph.errors.GESError`.
    """

    def __init__(self, predicate: str, why: str) -> None:
        super().__init__(f"predicate {predicate!r}: {why}")
        self.predicate = predicate


def can_operate(form: Form) -> bool:
    """Whether an entity of ``form`` may hold an IAE convention here (public bodies do not)."""
    return form.family not in (Family.NATURAL, Family.PUBLIC)


def kinds(forms: Sequence[Form]) -> list[Kind]:
    """Every (form, operating) of ``forms``, not operating first (shrinks that way)."""
    return [(f, op) for op in (False, True) for f in forms if can_operate(f) or not op]


def matches(flt: EntityFilter, kind: Kind, *, holding: bool = False) -> bool:
    """Whether a member of ``kind`` passes ``flt`` (``holding``: it is an intermediate holding)."""
    form, operating = kind
    return (
        (flt.form is None or form in flt.form)
        and (flt.family is None or form.family in flt.family)
        and (flt.operating is None or flt.operating == operating)
        and (flt.intermediate_holding is None or flt.intermediate_holding == holding)
    )


@dataclass
class CountReq:
    """Members matching ``of`` number between ``low`` and ``high`` (head left out if said)."""

    of: EntityFilter
    low: int = 0
    high: int | None = None
    exclude_head: bool = False


@dataclass
class LinkReq:
    """``n`` members matching ``to`` that the head (or members bound to ``name``) link to."""

    link: str
    to: EntityFilter
    n: int
    name: str | None = None


@dataclass
class Plan:
    """What the group must have; each field is written by witnesses and breakers."""

    head: list[EntityFilter] = field(default_factory=list)
    head_not: list[EntityFilter] = field(default_factory=list)
    members_low: int = 1
    members_high: int | None = None
    unified: bool = True
    outside: bool = False
    coordinating: bool | None = None
    counts: list[CountReq] = field(default_factory=list)
    holdings_low: int = 0
    holdings_filter: EntityFilter | None = None
    holdings_banned: bool = False
    relations_low: dict[RelationType, int] = field(default_factory=dict)
    relations_banned: set[RelationType] = field(default_factory=set)
    head_links: list[LinkReq] = field(default_factory=list)
    links: list[LinkReq] = field(default_factory=list)
    no_head_links: list[LinkReq] = field(default_factory=list)
    no_links: list[LinkReq] = field(default_factory=list)
    dead_names: set[str] = field(default_factory=set)
    bindings: dict[str, LinkReq] = field(default_factory=dict)

    def active_links(self) -> list[LinkReq]:
        """The ``link`` witnesses whose bound name is still bound (not broken)."""
        return [r for r in self.links if r.name not in self.dead_names]

    def required(self) -> int:
        """Members the witnesses add, beyond the head (at most: the head may count)."""
        return (
            sum(r.n for r in self.head_links)
            + sum(r.n for r in self.active_links())
            + sum(c.low for c in self.counts)
            + 2 * self.holdings_low
            + (0 if self.unified else 1)
        )

    def minimum_members(self, *, coordinating: bool, pooled: bool) -> int:
        """The least number of members the plan and these options need."""
        inert = 2 if self.relations_low else 1
        built = 1 + self.required() + (2 if coordinating else 0) + (1 if pooled else 0)
        return max(self.members_low, inert, built)

    def minimum_depth(self) -> int:
        """The least depth of control below the head that the witnesses need."""
        return 2 if self.active_links() or self.holdings_low else 1

    def head_kinds(self, *, coordinating: bool) -> list[Kind]:
        """The kinds the head may take (a coordinating head is an association or a union)."""
        out = []
        for kind in kinds(MEMBER_FORMS):
            if coordinating and kind[0] not in (Form.ASSOCIATION, Form.UNION):
                continue
            if not all(matches(f, kind) for f in self.head):
                continue
            if any(matches(f, kind) for f in self.head_not):
                continue
            if any(
                c.high is not None and not c.exclude_head and c.high < 1 and matches(c.of, kind)
                for c in self.counts
            ):
                continue
            out.append(kind)
        return out

    def can_coordinate(self) -> bool:
        """Whether the head can be coordinating: an associative head, members joining it."""
        if RelationType.MEMBERSHIP in self.relations_banned or self.coordinating is False:
            return False
        fresh = (Form.ASSOCIATION, False)
        blocked = any(
            c.high is not None and c.high < 2 and matches(c.of, fresh) for c in self.counts
        )
        return bool(self.head_kinds(coordinating=True)) and not blocked

    def can_pool(self) -> bool:
        """Whether a GIE or employer group pooled by members fits (memberships, counts)."""
        if RelationType.MEMBERSHIP in self.relations_banned:
            return False
        return any(
            not any(c.high is not None and c.high < 1 and matches(c.of, k) for c in self.counts)
            for k in kinds([Form.GIE, Form.EMPLOYER_GROUP])
        )

    def check(self) -> None:
        """Refuse a plan that no group can realise (contradictory requirements)."""
        if not self.head_kinds(coordinating=False) and not (
            self.coordinating and self.head_kinds(coordinating=True)
        ):
            raise SchemaNotBuildable("head", "no legal form passes every head condition")
        if self.coordinating and not self.can_coordinate():
            raise SchemaNotBuildable("head_coordinating", "the head cannot be coordinating here")
        low = self.minimum_members(coordinating=bool(self.coordinating), pooled=False)
        if self.members_high is not None and low > self.members_high:
            raise SchemaNotBuildable(
                "members", f"the other conditions need {low} members, above {self.members_high}"
            )
        for c in self.counts:
            if c.high is not None and c.low > c.high:
                raise SchemaNotBuildable("count", "a count needs more members than it allows")
        for t, _n in self.relations_low.items():
            if t in self.relations_banned:
                raise SchemaNotBuildable("relations", f"{t.value} both needed and excluded")
        needs_shares = any(r.link in SHARE_LINKS for r in [*self.head_links, *self.links])
        if needs_shares and RelationType.SHAREHOLDING in self.relations_banned:
            raise SchemaNotBuildable("relations", "shareholdings excluded, yet a link needs one")


# --------------------------------------------------------------------------------------------
# One witness and one breaker per predicate kind
# --------------------------------------------------------------------------------------------

Step = Callable[[Plan, Any], None]


def _bounds(args: Any) -> tuple[int, int | None]:
    return (args.at_least or 0), args.at_most


def _negated(args: Any) -> tuple[int, int | None]:
    """The bounds that fail ``args``'s: above ``at_most`` if there is one, else below."""
    if args.at_most is not None:
        return args.at_most + 1, None
    return 0, args.at_least - 1


def _members(plan: Plan, low: int, high: int | None) -> None:
    plan.members_low = max(plan.members_low, low)
    if high is not None:
        plan.members_high = high if plan.members_high is None else min(plan.members_high, high)


def _w_members(plan: Plan, args: Any) -> None:
    _members(plan, *_bounds(args))


def _b_members(plan: Plan, args: Any) -> None:
    _members(plan, *_negated(args))


def _w_unified(plan: Plan, value: bool) -> None:
    plan.unified = value


def _b_unified(plan: Plan, value: bool) -> None:
    plan.unified = not value


def _w_outside(plan: Plan, value: bool) -> None:
    plan.outside = value


def _b_outside(plan: Plan, value: bool) -> None:
    plan.outside = not value


def _w_head(plan: Plan, flt: EntityFilter) -> None:
    if flt.intermediate_holding:
        raise SchemaNotBuildable("head", "the head is never an intermediate holding")
    plan.head.append(flt.model_copy(update={"intermediate_holding": None}))


def _b_head(plan: Plan, flt: EntityFilter) -> None:
    if flt.intermediate_holding is False and flt.model_dump(exclude_none=True).keys() == {
        "intermediate_holding"
    }:
        raise SchemaNotBuildable("head", "the head is never an intermediate holding")
    plan.head_not.append(flt.model_copy(update={"intermediate_holding": None}))


def _w_coordinating(plan: Plan, value: bool) -> None:
    if plan.coordinating is not None and plan.coordinating != value:
        raise SchemaNotBuildable("head_coordinating", "the head both is and is not coordinating")
    plan.coordinating = value


def _b_coordinating(plan: Plan, value: bool) -> None:
    _w_coordinating(plan, not value)


def _count(plan: Plan, args: Any, low: int, high: int | None) -> None:
    if args.of.intermediate_holding:
        plan.holdings_filter = args.of
        if high is not None:
            if low:
                raise SchemaNotBuildable("count", "intermediate holdings between two bounds")
            plan.holdings_banned = True
        plan.holdings_low = max(plan.holdings_low, low)
        return
    if low and not any(matches(args.of, k) for k in kinds(MEMBER_FORMS)):
        raise SchemaNotBuildable("count", "no member of the group can pass the filter")
    plan.counts.append(CountReq(args.of, low, high, args.exclude_head))


def _w_count(plan: Plan, args: Any) -> None:
    _count(plan, args, *_bounds(args))


def _b_count(plan: Plan, args: Any) -> None:
    _count(plan, args, *_negated(args))


def _relations(plan: Plan, types: Sequence[RelationType], low: int, high: int | None) -> None:
    if high is not None:
        if low:
            raise SchemaNotBuildable("relations", "relations between two bounds")
        plan.relations_banned.update(types)
    if low:
        inert = [t for t in types if t in INERT_TYPES]
        if not inert:
            raise SchemaNotBuildable(
                "relations", "only shareholding, membership, office and flow can be added inertly"
            )
        plan.relations_low[inert[0]] = max(plan.relations_low.get(inert[0], 0), low)


def _w_relations(plan: Plan, args: Any) -> None:
    _relations(plan, args.type, *_bounds(args))


def _b_relations(plan: Plan, args: Any) -> None:
    _relations(plan, args.type, *_negated(args))


def _link_req(predicate: str, args: Any, name: str | None) -> LinkReq:
    if args.to.intermediate_holding is not None:
        raise SchemaNotBuildable(predicate, "a link to an intermediate holding")
    link = str(args.link.value)
    if not any(matches(args.to, k) for k in kinds(MEMBER_FORMS)):
        raise SchemaNotBuildable(predicate, "no member of the group can pass the filter")
    if link in SHARE_LINKS and not any(
        matches(args.to, k) for k in kinds([f for f in MEMBER_FORMS if f.is_company])
    ):
        raise SchemaNotBuildable(predicate, f"{link} to members that are not companies")
    return LinkReq(link, args.to, args.at_least, name)


def _w_head_link(plan: Plan, args: Any) -> None:
    req = _link_req("head_link", args, args.as_)
    plan.head_links.append(req)
    if args.as_:
        plan.bindings[args.as_] = req


def _b_head_link(plan: Plan, args: Any) -> None:
    req = _link_req("head_link", args, args.as_)
    if req.link in SHARE_LINKS:
        plan.no_head_links.append(req)
    else:  # every member is in the head's tree: none may match
        plan.counts.append(CountReq(args.to, 0, 0, exclude_head=True))
    if args.as_:
        plan.dead_names.add(args.as_)


def _w_link(plan: Plan, args: Any) -> None:
    plan.links.append(_link_req("link", args, args.from_))


def _b_link(plan: Plan, args: Any) -> None:
    plan.no_links.append(_link_req("link", args, args.from_))


WITNESSES: dict[str, Step] = {
    "members": _w_members,
    "unified": _w_unified,
    "head_outside_control": _w_outside,
    "head": _w_head,
    "head_coordinating": _w_coordinating,
    "count": _w_count,
    "relations": _w_relations,
    "head_link": _w_head_link,
    "link": _w_link,
}
"""For each predicate kind, what makes a condition of that kind hold."""

BREAKERS: dict[str, Step] = {
    "members": _b_members,
    "unified": _b_unified,
    "head_outside_control": _b_outside,
    "head": _b_head,
    "head_coordinating": _b_coordinating,
    "count": _b_count,
    "relations": _b_relations,
    "head_link": _b_head_link,
    "link": _b_link,
}
"""For each predicate kind, what makes a condition of that kind fail."""


def predicate(condition: Condition) -> tuple[str, Any]:
    """The predicate kind of a condition's test and its arguments (``("count", CountArgs)``)."""
    (name,) = type(condition.test).model_fields
    return name, getattr(condition.test, name)


def compile_plan(
    schema: SchemaDef,
    *,
    broken: str | None = None,
    variant: int | None = None,
) -> Plan:
    """The plan of a group that matches ``schema`` (or fails only its condition ``broken``).

    Args:
        schema: the schema.
        broken: the id of the condition to break (its breaker instead of its witness).
        variant: the index of the variant to build: its test witnessed, earlier ones broken.

    Raises:
        SchemaNotBuildable: a predicate has no witness (or breaker) here, or they conflict.
    """
    plan = Plan()
    steps: list[tuple[Condition, bool]] = [(c, c.id != broken) for c in schema.all_conditions]
    if variant is not None:
        steps += [(v, i == variant) for i, v in enumerate(schema.variants[: variant + 1])]
    for condition, hold in steps:
        name, args = predicate(condition)
        (WITNESSES if hold else BREAKERS)[name](plan, args)
    if broken is None and not plan.unified:
        raise SchemaNotBuildable("unified", "a group without unified governance has no head")
    plan.check()
    return plan


def breakable(schema: SchemaDef, condition: str) -> bool:
    """Whether ``condition`` of ``schema`` can be broken with the others kept."""
    try:
        compile_plan(schema, broken=condition)
    except SchemaNotBuildable:
        return False
    return True
