"""Draw a group that realises a :class:`~ges_graph.strategies.plan.Plan`.

The group is a tree of direct control below a head (shares above 50 % for a company; statutes,
a majority of seats, a majority of membership votes or being the only listed member for the
others), with the members the plan's witnesses need placed first, then inert partners: external
partners with minority stakes, persons and collectives, flows. Everything is plain data (the
document is validated at the end).
"""

from __future__ import annotations

from typing import Any, NamedTuple

from hypothesis import strategies as st
from hypothesis.strategies import DrawFn

from ges_graph.model import (
    FORMAT,
    Basis,
    Convention,
    Document,
    Family,
    FlowKind,
    Form,
    OfficeRole,
    PercentRange,
    RelationType,
)
from ges_graph.strategies._values import _READABLE_TEXT, _ids_for, _optional, _percents
from ges_graph.strategies.plan import (
    MEMBER_FORMS,
    SHARE_LINKS,
    Kind,
    LinkReq,
    Plan,
    SchemaNotBuildable,
    kinds,
    matches,
)

__all__ = ["Builder", "Group", "Options", "finish"]

_IAE = tuple(c for c in Convention if c.is_iae)
_FILL = tuple(
    f
    for fam in (Family.ASSOCIATIVE, Family.GROUPING, Family.COMPANY, Family.COOPERATIVE)
    for f in Form
    if f.family is fam
)
"""Forms the members drawn beyond the witnesses take (no ``other``, no public body)."""
_PARENTS = (Family.ASSOCIATIVE, Family.COMPANY, Family.COOPERATIVE)
_EXTERNAL_FORMS = (Form.OTHER, Form.SA, Form.SAS, Form.PUBLIC_BODY, Form.ASSOCIATION, Form.SCIC)
_CONTROLLING = 50.001
"""The least controlling percentage drawn (control compares sums with a 1e-9 tolerance)."""
_SPARE_IDS = 8
"""Ids drawn beyond the members, partners and persons, for what a plan adds."""


class Options(NamedTuple):
    """The options of one draw, counts and flags resolved."""

    members: int
    depth: int
    externals: int
    flows: int
    pooled_gie: bool
    coordinating_head: bool
    ranges: bool
    persons: bool


def _share(value: Any) -> float:
    return float(value.max if isinstance(value, PercentRange) else value)


class Group:
    """A group under construction: plain entity and relation data, and how it was built."""

    def __init__(self) -> None:
        self.entities: list[dict[str, Any]] = []
        self.relations: list[dict[str, Any]] = []
        self.kind: dict[str, Kind] = {}  # members: form and operating
        self.level: dict[str, int] = {}  # members of the control tree: depth below the head
        self.parent: dict[str, str] = {}  # tree member -> its controller in the tree
        self.capacity: dict[str, float] = {}  # company -> capital left for minority holders
        self.shares_from_head: set[str] = set()  # the head's capital control, by direct shares
        self.leaves: set[str] = set()  # members that must control nobody
        self.coordinated: list[str] = []
        self.head = ""

    def form(self, entity_id: str) -> Form:
        """The form of an entity of the group."""
        return Form(self.get(entity_id)["form"])

    def get(self, entity_id: str) -> dict[str, Any]:
        """The data of an entity of the group."""
        return next(e for e in self.entities if e["id"] == entity_id)

    def members(self) -> list[str]:
        """The members (G) so far, in build order."""
        return list(self.kind)


class Builder:
    """Draws a group that realises ``plan`` with ``opts`` (see :func:`from_schema`)."""

    def __init__(self, draw: DrawFn, plan: Plan, opts: Options) -> None:
        self.draw, self.plan, self.opts = draw, plan, opts
        self.g = Group()
        self.ids: list[str] = []
        self.bound: dict[str, list[str]] = {}

    # -- entities and relations -------------------------------------------------------------

    def new_entity(self, form: Form, operating: bool = False, **fields: Any) -> str:
        """Add an entity (operating: with an IAE convention); returns its id."""
        draw = self.draw
        entity_id = self.ids.pop(0)
        data: dict[str, Any] = {"id": entity_id, "name": draw(_READABLE_TEXT), "form": form.value}
        member = form.can_be_group_member and not fields.get("external")
        if member and can_hold_conventions(form):
            iae = draw(st.lists(st.sampled_from(_IAE), unique=True, max_size=2))
            if operating and not iae:
                iae = [draw(st.sampled_from(_IAE))]
            extra = [Convention.EA] if draw(st.booleans()) and not iae else []
            data["conventions"] = [c.value for c in (iae if operating else extra)]
        if form.family is not Family.NATURAL and draw(st.booleans()):
            employees = draw(st.integers(min_value=0, max_value=200))
            data["employees"] = employees
            data["insertion_employees"] = draw(_optional(st.integers(0, employees)))
            data["budget"] = draw(_optional(st.integers(0, 5_000_000).map(float)))
        data.update(fields)
        self.g.entities.append({k: v for k, v in data.items() if v not in (None, [])})
        if member:
            self.g.kind[entity_id] = (form, operating)
        return entity_id

    def relate(self, type_: str, a: str, b: str, /, **fields: Any) -> dict[str, Any]:
        """Add a relation."""
        rel = {"type": type_, "from": a, "to": b, **fields}
        self.g.relations.append(rel)
        return rel

    def allowed(self, kind: Kind) -> bool:
        """Whether one more member of ``kind`` keeps every count within its upper bound."""
        g = self.g
        for c in self.plan.counts:
            if c.high is None or not matches(c.of, kind):
                continue
            ids = [m for m in g.kind if not (c.exclude_head and m == g.head)]
            if sum(matches(c.of, g.kind[m]) for m in ids) + 1 > c.high:
                return False
        return True

    def pick(self, forms: tuple[Form, ...] | list[Form], flt: Any = None) -> Kind:
        """A kind among ``forms`` that passes ``flt`` (if given) and keeps the counts."""
        pool = [k for k in kinds(list(forms)) if self.allowed(k)]
        if flt is not None:
            pool = [k for k in pool if matches(flt, k)]
        if not pool:
            raise SchemaNotBuildable("count", "no legal form fits the members this group needs")
        kind: Kind = self.draw(st.sampled_from(pool))
        return kind

    # -- control ----------------------------------------------------------------------------

    def _no_shares(self, parent: str, kind: Kind) -> bool:
        if RelationType.SHAREHOLDING in self.plan.relations_banned:
            return True
        near_head = parent == self.g.head or parent in self.g.shares_from_head
        return near_head and any(matches(r.to, kind) for r in self.plan.no_head_links)

    def control(self, parent: str, child: str, *, shares: bool = False) -> None:
        """Make ``parent`` control ``child`` directly, by a means that fits the child's form."""
        g, draw, ranges = self.g, self.draw, self.opts.ranges
        form = g.form(child)
        banned = self.plan.relations_banned
        if form.is_company and not self._no_shares(parent, g.kind[child]):
            share = draw(_percents(ranges=ranges, low=_CONTROLLING, high=100.0))
            self.relate("shareholding", parent, child, share=share)
            g.capacity[child] = 100.0 - _share(share)
            if parent == g.head or parent in g.shares_from_head:
                g.shares_from_head.add(child)
        elif shares:
            raise SchemaNotBuildable("head_link", "a link by shares cannot be built here")
        else:
            means = [m for m in ("statutory_control", "board") if RelationType(m) not in banned]
            if RelationType.MEMBERSHIP not in banned:
                means += ["votes"] if form.has_members else []
                means += ["sole_member"] if form.is_member_pool else []  # control means 5
            if not means:
                raise SchemaNotBuildable("relations", f"no relation left to control a {form}")
            how = draw(st.sampled_from(means))
            if how == "statutory_control":
                self.relate("statutory_control", parent, child)
            elif how == "board":
                size = draw(st.integers(min_value=1, max_value=15))
                g.get(child)["board_size"] = size
                seats = draw(st.integers(min_value=size // 2 + 1, max_value=size))
                self.relate("board", parent, child, seats=seats)
            elif how == "votes":
                votes = draw(_percents(ranges=ranges, low=_CONTROLLING, high=100.0))
                self.relate("membership", parent, child, votes=votes)
            else:  # the parent is the only listed member
                self.relate("membership", parent, child)
        g.parent[child] = parent
        g.level[child] = g.level[parent] + 1

    def add_child(self, parent: str, kind: Kind, *, shares: bool = False) -> str:
        """Add a member of ``kind`` that ``parent`` controls directly; returns its id."""
        child = self.new_entity(*kind)
        self.control(parent, child, shares=shares)
        self.mark_bound(child)
        return child

    def can_parent(self, node: str) -> bool:
        """Whether a member may control further members without breaking the plan."""
        g = self.g
        if node in g.leaves or node in g.coordinated or node not in g.level:
            return False
        return self.parent_ok(g.form(node))

    def parent_ok(self, form: Form) -> bool:
        """Whether a member of ``form`` may control further members."""
        if self.plan.holdings_banned and form.is_company:
            return False  # a company controlling a company would be an intermediate holding
        return form.family in _PARENTS

    def parents(self, depth: int) -> list[str]:
        """The members that may take a child without going below ``depth``."""
        g = self.g
        pool = [g.head, *(m for m in g.parent if self.can_parent(m))]
        return [m for m in pool if g.level[m] < depth] or [g.head]

    def mark_bound(self, member: str) -> None:
        """Members bound by a name whose links are broken control nobody."""
        kind = self.g.kind[member]
        for r in self.plan.no_links:
            req = self.plan.bindings.get(r.name or "")
            if req is not None and matches(req.to, kind):
                self.g.leaves.add(member)

    # -- the build ----------------------------------------------------------------------------

    def build(self) -> Group:
        """Draw the group: head, witnesses, spine, the rest, then inert partners."""
        draw, opts, g, plan = self.draw, self.opts, self.g, self.plan
        n_persons = draw(st.integers(min_value=1, max_value=2)) if opts.persons else 0
        self.ids = draw(_ids_for(opts.members + opts.externals + n_persons + _SPARE_IDS))
        kind = draw(st.sampled_from(plan.head_kinds(coordinating=opts.coordinating_head)))
        g.head = head = self.new_entity(*kind)
        g.level[head] = 0
        g.capacity[head] = 100.0 if kind[0].is_company else 0.0
        budget = opts.members - 1 - (1 if opts.pooled_gie else 0) - (0 if plan.unified else 1)
        if opts.coordinating_head:
            budget -= self.coordinate(budget)
        budget -= self.witnesses()
        budget = self.grow(budget)
        if opts.pooled_gie:
            self.pool()
        if not plan.unified:  # a second member that nobody controls
            self.new_entity(*self.pick(_FILL))
        self.hold_cooperative_head()
        self.inert_relations()
        if plan.outside:
            self.outsider()
        self.add_persons(n_persons)
        self.add_externals()
        self.add_flows()
        return g

    def coordinate(self, budget: int) -> int:
        """Two to four independent associations or unions, listed members of the head."""
        draw, g = self.draw, self.g
        room = budget - self.plan.required()
        k = draw(st.integers(min_value=2, max_value=max(2, min(4, room))))
        for _ in range(k):
            a = self.new_entity(*self.pick((Form.ASSOCIATION, Form.UNION)))
            self.relate("membership", a, g.head)
            g.coordinated.append(a)
            g.level[a] = 1
        return k

    def witnesses(self) -> int:
        """Add the members the plan's witnesses need; returns how many."""
        draw, g, plan, depth = self.draw, self.g, self.plan, self.opts.depth
        before = len(g.kind)
        companies = [f for f in MEMBER_FORMS if f.is_company]
        for r in plan.head_links:
            self.bound[r.name or ""] = self.linked(g.head, r, companies)
        for r in plan.active_links():
            source = self.bound[r.name or ""][0]
            self.linked(source, r, companies)
        holding = plan.holdings_filter
        if holding is not None:
            holding = holding.model_copy(update={"intermediate_holding": None})
        for _ in range(plan.holdings_low):
            x = self.add_child(g.head, self.pick(companies, holding))
            self.add_child(x, self.pick(companies), shares=True)
        for c in plan.counts:
            ids = [m for m in g.kind if not (c.exclude_head and m == g.head)]
            for _ in range(c.low - sum(matches(c.of, g.kind[m]) for m in ids)):
                parent = draw(st.sampled_from(self.parents(depth)))
                child = self.add_child(parent, self.pick(MEMBER_FORMS, c.of))
                if c.of.intermediate_holding is False:
                    g.leaves.add(child)
        return len(g.kind) - before

    def linked(self, source: str, r: LinkReq, companies: list[Form]) -> list[str]:
        """``r.n`` members matching ``r.to`` that ``source`` links to by ``r.link``."""
        shares = r.link in SHARE_LINKS
        out = []
        for _ in range(r.n):
            if shares:
                out.append(self.add_child(source, self.pick(companies, r.to), shares=True))
                continue
            parent = (
                source
                if source != self.g.head
                else self.draw(st.sampled_from(self.parents(self.opts.depth)))
            )
            out.append(self.add_child(parent, self.pick(MEMBER_FORMS, r.to)))
        return out

    def grow(self, budget: int) -> int:
        """A spine down to the depth, then the other members anywhere; returns what is left."""
        draw, g, depth = self.draw, self.g, self.opts.depth
        while budget > 0 and max(g.level.values()) < depth:
            deepest = [m for m in [g.head, *g.parent] if m == g.head or self.can_parent(m)]
            top = max(g.level[m] for m in deepest)
            parent = draw(st.sampled_from([m for m in deepest if g.level[m] == top]))
            spine = [f for f in _FILL if self.parent_ok(f)]
            self.add_child(parent, self.pick(spine))
            budget -= 1
        while budget > 0:
            parent = draw(st.sampled_from(self.parents(depth)))
            self.add_child(parent, self.pick(_FILL))
            budget -= 1
        return budget

    def pool(self) -> None:
        """A GIE or employer group whose listed members are in the head's reach."""
        draw, g = self.draw, self.g
        reach = [m for m in [g.head, *g.parent] if m not in g.leaves]
        poolers = draw(st.lists(st.sampled_from(reach), min_size=1, max_size=3, unique=True))
        pooled = self.new_entity(*self.pick((Form.GIE, Form.EMPLOYER_GROUP)))
        for p in poolers:
            self.relate("membership", p, pooled)

    def hold_cooperative_head(self) -> None:
        """A member may hold a cooperative head's capital, even most of it.

        Shares in a cooperative give no votes unless ``votes`` says so (format.md).
        """
        draw, g = self.draw, self.g
        if (
            g.form(g.head).family is not Family.COOPERATIVE
            or RelationType.SHAREHOLDING in self.plan.relations_banned
            or not g.parent
            or not draw(st.booleans())
        ):
            return
        holder = draw(st.sampled_from(list(g.parent)))
        share = draw(_percents(ranges=self.opts.ranges, positive=True))
        self.relate("shareholding", holder, g.head, share=share)
        g.capacity[g.head] = 100.0 - _share(share)

    def inert_relations(self) -> None:
        """Relations between members that change no control (for a ``relations`` witness)."""
        draw, g = self.draw, self.g
        for type_, n in self.plan.relations_low.items():
            for _ in range(n):
                holders = [m for m in g.kind if m != g.head] or [g.head]
                holder = draw(st.sampled_from(holders))
                targets = [m for m in g.kind if m != holder and self.inert_target(type_, m)]
                if not targets:
                    raise SchemaNotBuildable("relations", f"no member can take a {type_.value}")
                target = draw(st.sampled_from(targets))
                fields: dict[str, Any] = {}
                if type_ is RelationType.SHAREHOLDING:
                    room = 50.0 if not g.form(target).has_capital else g.capacity.get(target, 0)
                    fields["share"] = _minority(draw, self.opts.ranges, room)
                    g.capacity[target] = g.capacity.get(target, 0) - _share(fields["share"])
                elif type_ is RelationType.OFFICE:
                    fields["office"] = draw(st.sampled_from(OfficeRole)).value
                elif type_ is RelationType.FLOW:
                    fields["kind"] = draw(st.sampled_from(FlowKind)).value
                self.relate(type_.value, holder, target, **fields)

    def inert_target(self, type_: RelationType, m: str) -> bool:
        """Whether a relation of ``type_`` into ``m`` leaves control as it is."""
        form = self.g.form(m)
        if type_ is RelationType.SHAREHOLDING:
            return not form.has_capital or self.g.capacity.get(m, 0.0) > 1.0
        if type_ is RelationType.MEMBERSHIP:  # a listed member would change control means 5
            return form.has_members and not form.is_member_pool
        return True

    def outsider(self) -> None:
        """An outsider with statutory control of the head."""
        form, external = self.draw(
            st.sampled_from([(Form.OTHER, True), (Form.SA, True), (Form.PERSON, False)])
        )
        x = self.new_entity(form, external=external or None)
        self.relate("statutory_control", x, self.g.head)

    # -- inert partners ---------------------------------------------------------------------

    def add_persons(self, n: int) -> None:
        """Persons and collectives with offices, memberships and minority stakes."""
        draw, g = self.draw, self.g
        members = g.members()
        for _ in range(n):
            p = self.new_entity(draw(st.sampled_from((Form.PERSON, Form.COLLECTIVE))))
            target = draw(st.sampled_from(members))
            what = draw(st.sampled_from(["office", "membership", "shareholding"]))
            # A listed natural person would defeat control by the members (means 5), so persons
            # join member-based bodies other than unions, GIEs and employer groups.
            target_form = g.form(target)
            if what == "membership" and target_form.has_members and not target_form.is_member_pool:
                self.relate("membership", p, target)
            elif what == "shareholding" and g.capacity.get(target, 0.0) > 1.0:
                share = _minority(draw, self.opts.ranges, g.capacity[target])
                self.relate("shareholding", p, target, share=share)
                g.capacity[target] -= _share(share)
            else:
                self.relate("office", p, target, office=draw(st.sampled_from(OfficeRole)).value)

    def add_externals(self) -> None:
        """External partners, each with a minority stake or none."""
        draw, g = self.draw, self.g
        for _ in range(self.opts.externals):
            x = self.new_entity(draw(st.sampled_from(_EXTERNAL_FORMS)), external=True)
            holdable = sorted(c for c, left in g.capacity.items() if left > 1.0)
            invest: bool = draw(st.booleans())
            if holdable and invest:
                target = draw(st.sampled_from(holdable))
                share = _minority(draw, self.opts.ranges, g.capacity[target])
                self.relate("shareholding", x, target, share=share)
                g.capacity[target] -= _share(share)

    def add_flows(self) -> None:
        """Flows between any two entities (not between members where flows are excluded)."""
        draw, g = self.draw, self.g
        ids = [e["id"] for e in g.entities]
        pairs = [
            (a, b)
            for a in ids
            for b in ids
            if a != b
            and not (
                RelationType.FLOW in self.plan.relations_banned and a in g.kind and b in g.kind
            )
        ]
        for _ in range(self.opts.flows if pairs else 0):
            a, b = draw(st.sampled_from(pairs))
            self.relate(
                "flow",
                a,
                b,
                kind=draw(st.sampled_from(FlowKind)).value,
                amount=float(draw(st.integers(min_value=0, max_value=200_000))),
                basis=draw(st.sampled_from(Basis)).value,
            )


def can_hold_conventions(form: Form) -> bool:
    """Members of these forms may carry conventions (a public body carries none here)."""
    return form.family is not Family.PUBLIC


def _minority(draw: DrawFn, ranges: bool, high: float) -> Any:
    """A percentage above 0 and at most ``high`` (≤ 50 %: it can never give control)."""
    return draw(_percents(ranges=ranges, positive=True, low=0.0, high=min(high, 50.0)))


def finish(draw: DrawFn, g: Group, name: str) -> Document:
    """The document of a built group, entities and relations in a drawn order."""
    ents = draw(st.permutations(g.entities))
    rels = draw(st.permutations(g.relations))
    return Document.model_validate(
        {"format": FORMAT, "name": name, "entities": ents, "relations": rels}
    )
