"""Rules on legal forms and capital (``rules.md``, "Form and capital").

Every rule reads the relations in force only, and compares range minimums (the *certain* value of
a percentage) with its thresholds, except where a rule says otherwise.
"""

from __future__ import annotations

import itertools
import operator
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import partial
from typing import NamedTuple

from ges_graph.control import shareholding_votes
from ges_graph.control.fixpoint import strong_components
from ges_graph.errors import ArgumentError
from ges_graph.i18n import Counted, Lang, Tr, format_percent_span
from ges_graph.model import (
    Board,
    Category,
    Convention,
    Entity,
    Family,
    Flow,
    FlowKind,
    Form,
    Membership,
    PercentRange,
    PublicKind,
    RelationType,
    Shareholding,
    certain,
    possible,
)
from ges_graph.report import Severity
from ges_graph.rules.registry import (
    Context,
    Formed,
    Hit,
    Pct,
    Phrase,
    RuleFamily,
    TrList,
    const,
    rule,
)

__all__ = ["RULES"]

F = RuleFamily.FORM_CAPITAL
_EPS = 1e-9  # float noise when percentages are summed


def _keys(pairs: Sequence[tuple[str, object]]) -> tuple[str, ...]:
    return tuple(k for k, _ in pairs)


# --------------------------------------------------------------------------------------------


_CAPITAL_TOLERANCE = const(
    "tolerance",
    0.01,
    "points",
    Tr(
        "l'écart admis entre 100 % et le total du capital décrit",
        "how close to 100 the described capital must add",
    ),
)
"""How far from 100 % the described capital may add up (two rules read it)."""


@rule(
    "capital-into-non-company",
    Severity.ERROR,
    F,
    title=("Capital dans une entité sans capital", "Shares in an entity without capital"),
    message=(
        "{holder.the} détient {share} du capital {target.de}, dont la forme ({form}) n'admet "
        "pas de capital : on ne peut pas en détenir de parts ({relation}).",
        "{holder} holds {share} of the capital of {target}, whose form has no capital "
        "({form}): nobody can hold shares in it ({relation}).",
    ),
    reference="loi du 1er juillet 1901, art. 1",
    fires_when=(
        "une participation au capital vise une entité dont la forme ne comporte pas de capital : "
        "association, union d'associations, fondation, fonds de dotation, groupement "
        "d'employeurs, collectivité ou établissement public, personne physique ou collectif de "
        "personnes",
        "a `shareholding` targets an entity whose form has no capital (association, union, "
        "foundation, endowment fund, employer group, public body, person, collective)",
    ),
)
def capital_into_non_company(ctx: Context, p: Mapping[str, float]) -> Iterator[Hit]:
    """A shareholding into an entity whose form has no capital."""
    # The shareholdings' targets read as positions against the mask of the forms without
    # capital (:attr:`Context.positions`); the relations themselves are read only when one is
    # found (the usual registry has none).
    pos = ctx.positions
    no_capital, dst = pos.no_capital, pos.dst
    held_at = pos.of(Shareholding)
    if not any(map(no_capital.__getitem__, map(dst.__getitem__, held_at))):
        return
    for (key, r), i in zip(ctx.of(Shareholding), held_at, strict=True):
        if no_capital[dst[i]]:
            target = ctx.entity(r.to)
            yield Hit(
                (r.from_, r.to, key),
                {
                    "holder": ctx.ent(r.from_),
                    "target": ctx.ent(r.to),
                    "share": Pct(r.share),
                    "form": target.form.text,
                    "relation": key,
                },
            )


_POOLS = {
    "share": Tr("Parts de capital", "Capital shares"),
    "votes": Tr("Droits de vote des associés", "Shareholders' voting rights"),
    "membership": Tr("Voix des membres", "Members' votes"),
}


def _pool(ctx: Context, target: str, pool: str) -> list[tuple[str, str, float, float]]:
    """(key, holder, certain value, possible value) of the relations of one pool into ``target``."""
    if pool == "membership":
        return [
            (k, m.from_, certain(m.votes), possible(m.votes))
            for k, m in ctx.into(Membership, target)
            if m.votes is not None
        ]
    entity = ctx.entity(target)
    out = []
    for k, r in ctx.into(Shareholding, target):
        if pool == "share":
            out.append((k, r.from_, certain(r.share), possible(r.share)))
        elif (votes := shareholding_votes(r, entity)) is not None:
            # votes default to shares where not given: one rule, kept with control
            out.append((k, r.from_, votes[0], votes[1]))
    return out


class _Span(NamedTuple):
    """A total of percentages whose figures are ranges: its least and its most (« 110–120 % »).

    The rules compare the least; the message says what the document gives, not the least as if
    it were the total. (A total may pass 100 %, which a :class:`PercentRange` may not.)
    """

    min: float
    max: float

    def render(self, lang: Lang) -> str:
        return format_percent_span(self.min, self.max, lang)


def _between(low: float, high: float) -> Pct | _Span:
    """A total as a percentage, a range when some of its figures are (:class:`_Span`)."""
    return Pct(low) if high - low <= _EPS else _Span(low, high)


@rule(
    "capital-over-100",
    Severity.ERROR,
    F,
    title=("Plus de 100 % détenus", "More than 100% held"),
    message=(
        "{pool} dans {target.the} : {total} au total, plus de 100 % (détenteurs : {holders}).",
        "{pool} in {target}: {total} in all, more than 100% (holders: {holders}).",
    ),
    reference="—",
    fires_when=(
        "les parts de capital, les droits de vote attachés aux participations ou ceux attachés "
        "aux adhésions, détenus dans une même entité, totalisent plus de 100 % (minimums des "
        "fourchettes, avec une tolérance de 0,01 point). Faute d'être précisés, les droits de "
        "vote suivent la part de capital : le total des droits de vote attachés aux "
        "participations n'est donc vérifié que si l'une au moins des participations précise ses "
        "droits de vote",
        "the shares, the shareholding votes or the membership votes held in one entity add up to "
        "more than 100 % (range minimums; a tolerance of 0.01 point). Votes default to shares, so "
        "the shareholding-votes pool is checked only when some shareholding gives `votes`",
    ),
    params=(
        const(
            "tolerance",
            0.01,
            "points",
            Tr("l'écart admis au-dessus de 100 %", "sums up to 100 + tolerance pass"),
        ),
    ),
)
def capital_over_100(ctx: Context, p: Mapping[str, float]) -> Iterator[Hit]:
    """Shares, shareholding votes or membership votes in one entity above 100 %."""
    limit = 100 + p["tolerance"] + _EPS
    # Cheap sums first, by position (:attr:`Context.positions`): a list indexed by the target's
    # position, no id looked up; the relations are gathered only for the entities over the
    # limit. The shareholding-votes pool is checked only where some votes are given (else it
    # repeats the share pool).
    pos = ctx.positions
    dst = pos.dst
    size = len(pos.ids)
    shares = [0.0] * size
    voted: set[int] = set()
    # ``ctx.of`` and ``pos.of`` list the same relations, in the same order (:meth:`Context.of`).
    held_at = map(dst.__getitem__, pos.of(Shareholding))
    for (_, r), t in zip(ctx.of(Shareholding), held_at, strict=True):
        share = r.share
        shares[t] += share if type(share) is float else certain(share)
        if r.votes is not None:
            voted.add(t)
    members = [0.0] * size
    for (_, m), t in zip(ctx.of(Membership), map(dst.__getitem__, pos.of(Membership)), strict=True):
        if m.votes is not None:
            members[t] += certain(m.votes)
    suspects = set(voted)
    for sums in (shares, members):
        if sums and max(sums) > limit:
            suspects.update(t for t, v in enumerate(sums) if v > limit)
    ids = pos.ids
    for t in sorted(suspects):
        target = ids[t]
        for pool, label in _POOLS.items():
            if pool == "votes" and t not in voted:
                continue
            held = _pool(ctx, target, pool)
            total = sum(v for _, _, v, _ in held)
            if total > limit:
                holders = ctx.in_document_order(h for _, h, _, _ in held)
                yield Hit(
                    (target, *holders, *(k for k, _, _, _ in held)),
                    {
                        "pool": label,
                        "target": ctx.ent(target),
                        "total": _between(total, sum(high for *_, high in held)),
                        "holders": ctx.ents(holders),
                    },
                )


@rule(
    "single-shareholder-form",
    Severity.ERROR,
    F,
    title=(
        "Plusieurs associés dans une société unipersonnelle",
        "Several shareholders in a single-shareholder company",
    ),
    message=(
        "{target.the} est une {form}, qui n'a qu'un associé, mais a {count} associés : {holders}.",
        "{target} is a {form}, which has a single shareholder, but has {count}: {holders}.",
    ),
    reference="C. com. L227-1, L223-1",
    fires_when=(
        "une SAS unipersonnelle (SASU) ou une SARL unipersonnelle (EURL) compte plus d'un associé "
        "distinct",
        "a `sasu` or `eurl` has more than one distinct shareholder",
    ),
)
def single_shareholder_form(ctx: Context, p: Mapping[str, float]) -> Iterator[Hit]:
    """A SASU or EURL with more than one distinct shareholder."""
    for target, held in ctx.targets(Shareholding, (Form.SASU, Form.EURL)):
        if len(held) < 2 or len({r.from_ for _, r in held}) < 2:
            continue  # the usual case, told without ordering anything
        form = ctx.entity(target).form
        holders = ctx.in_document_order(r.from_ for _, r in held)
        if len(holders) > 1:
            yield Hit(
                (target, *holders, *_keys(held)),
                {
                    "target": ctx.ent(target),
                    "form": form.value.upper(),
                    "count": len(holders),
                    "holders": ctx.ents(holders),
                },
            )


@rule(
    "membership-into-company",
    Severity.ERROR,
    F,
    title=("Adhésion à une société", "Membership of a company"),
    message=(
        "Le document déclare {member.the} membre {target.de}, une société ({form}) : une société a "
        "des associés (participations au capital), pas des membres ({relation}).",
        "{member} is listed as a member of {target}, a company ({form}): companies have "
        "shareholders, not members ({relation}).",
    ),
    reference="—",
    fires_when=(
        "une adhésion vise une société (SA, SAS, SASU, SARL, EURL ou SCI) : une société a des "
        "associés, non des membres",
        "a `membership` targets a company (`sa`, `sas`, `sasu`, `sarl`, `eurl`, `sci`)",
    ),
)
def membership_into_company(ctx: Context, p: Mapping[str, float]) -> Iterator[Hit]:
    """A membership whose target is of the company family."""
    for key, m in ctx.of(Membership):
        form = ctx.entity(m.to).form
        if form.is_company:
            yield Hit(
                (m.from_, m.to, key),
                {
                    "member": ctx.ent(m.from_),
                    "target": ctx.ent(m.to),
                    "form": form.value.upper(),
                    "relation": key,
                },
            )


@rule(
    "board-over-size",
    Severity.ERROR,
    F,
    title=("Plus de sièges que le conseil n'en compte", "More seats than the board has"),
    message=(
        "Les sièges détenus au conseil {target.de} totalisent {seats}, alors que ce conseil "
        "compte {size} ({holders}).",
        "The seats held on the board of {target} add up to {seats}, while that board has {size} "
        "({holders}).",
    ),
    reference="—",
    fires_when=(
        "les sièges détenus au conseil d'une entité sont plus nombreux que les sièges que ce "
        "conseil compte selon le document",
        "the seats held in an entity add up to more than its `board_size`",
    ),
)
def board_over_size(ctx: Context, p: Mapping[str, float]) -> Iterator[Hit]:
    """Board seats held in an entity above its ``board_size``."""
    for target, held in ctx.targets(Board):
        size = ctx.entity(target).board_size
        seats = sum(b.seats for _, b in held)
        if size is not None and seats > size:
            holders = ctx.in_document_order(b.from_ for _, b in held)
            yield Hit(
                (target, *holders, *_keys(held)),
                {
                    "target": ctx.ent(target),
                    "seats": seats,
                    "size": Counted(size, Tr("siège", "seat"), Tr("sièges", "seats")),
                    "holders": ctx.ents(holders),
                },
            )


@rule(
    "cross-holding",
    Severity.ERROR,
    F,
    title=("Participations croisées interdites", "Prohibited cross-holding"),
    message=(
        "{a.the} et {b.the} détiennent chacune une participation au capital de l'autre ({a_in_b} "
        "et {b_in_a}) : {law} ({article}).",
        "{a} and {b} hold each other's shares ({a_in_b} and {b_in_a}): {law} ({article}).",
    ),
    reference="C. com. L233-29, L233-30",
    fires_when=(
        "deux sociétés par actions (SA, SAS ou SASU) se détiennent réciproquement et l'une "
        "détient plus de 10 % du capital de l'autre (art. L233-29) ; ou une société par actions "
        "et une autre société se détiennent réciproquement et l'une ou l'autre détient plus de 10 "
        "% du capital de l'autre (art. L233-30). Les minimums des fourchettes sont retenus",
        "two sociétés par actions (`sa`, `sas`, `sasu`) hold each other's shares and one holds "
        "more than 10 % of the other (L233-29); or a société par actions and another company hold "
        "each other's shares and either holds more than 10 % of the other (L233-30). Range "
        "minimums",
    ),
    params=(
        const(
            "threshold",
            10,
            "%",
            Tr(
                "la part du capital au-delà de laquelle la participation croisée est illicite",
                "a holding above it makes a cross-holding unlawful",
            ),
        ),
    ),
)
def cross_holding(ctx: Context, p: Mapping[str, float]) -> Iterator[Hit]:
    """Two companies, one at least a société par actions, holding each other beyond 10 %."""
    # Each pair held both ways, once (``a`` the earlier in the document), in document order:
    # the pairs of positions (:attr:`Context.positions`) met by their reverses, at C speed; the
    # shares are summed for those pairs only (a registry has a few among 100,000 holdings).
    pos = ctx.positions
    froms, tos = pos.ends(Shareholding)
    mutual = set(zip(froms, tos, strict=True)).intersection(zip(tos, froms, strict=True))
    if not mutual:
        return
    ids = pos.ids
    crossed = [(ids[a], ids[b]) for a, b in sorted(mutual) if a < b]
    wanted = {x for a, b in crossed for x in ((a, b), (b, a))}
    held: dict[tuple[str, str], float] = defaultdict(float)
    keys: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key, r in ctx.of(Shareholding):
        if (r.from_, r.to) in wanted:
            held[r.from_, r.to] += certain(r.share)
            keys[r.from_, r.to].append(key)
    for a, b in crossed:
        a_in_b = held[a, b]
        fa, fb = ctx.entity(a).form, ctx.entity(b).form
        if not (fa.is_company and fb.is_company):
            continue
        if not (fa.is_societe_par_actions or fb.is_societe_par_actions):
            continue
        b_in_a = held[b, a]
        if max(a_in_b, b_in_a) > p["threshold"] + _EPS:
            both = fa.is_societe_par_actions and fb.is_societe_par_actions
            yield Hit(
                (a, b, *keys[a, b], *keys[b, a]),
                {
                    "a": ctx.ent(a),
                    "b": ctx.ent(b),
                    "a_in_b": Pct(a_in_b),
                    "b_in_a": Pct(b_in_a),
                    "law": Phrase(
                        *((_L233_29.fr, _L233_29.en) if both else (_L233_30.fr, _L233_30.en)),
                        {"threshold": Pct(p["threshold"])},
                    ),
                    "article": "C. com. L233-29" if both else "C. com. L233-30",
                },
            )


_L233_29 = Tr(
    "une société par actions ne peut pas détenir d'actions d'une société qui détient plus de "
    "{threshold} de son capital",
    "a société par actions may not hold shares in a company that holds more than {threshold} of "
    "its capital",
)
_L233_30 = Tr(
    "une société autre qu'une société par actions ne peut détenir aucune action d'une société "
    "par actions qui détient plus de {threshold} de son capital, ni, si cette dernière en détient "
    "{threshold} au plus, plus de {threshold} des actions émises par celle-ci",
    "a company other than a société par actions may hold no shares in a société par actions that "
    "holds more than {threshold} of its capital, nor, where the latter holds {threshold} or less, "
    "more than {threshold} of the shares issued by the latter",
)
"""What the law forbids two companies holding each other: between two sociétés par actions
(L233-29), or a société par actions and another company (L233-30, first and third paragraphs)."""


def _peel_positions(size: int, froms: list[int], tos: list[int]) -> list[tuple[int, int]]:
    """The edges ``zip(froms, tos)`` left once every node without an edge in or out is removed.

    What remains is exactly the union of the directed cycles (and the edges between them). The
    nodes are positions below ``size``: Kahn's order from the sources, each entity's edges read
    off one sort of the edges by their source (integers, at C speed), with lists and no
    dictionary, so that an acyclic structure, the usual case, costs that sort, a pass over the
    edges and one over the entities. What is left (a cycle and what it holds) is peeled from
    both ends by :func:`_peel_both`.

    Examples:
        >>> _peel_positions(4, [0, 1, 1, 3], [1, 0, 2, 0])
        [(0, 1), (1, 0)]
        >>> _peel_positions(3, [0, 1, 0], [1, 2, 2])
        []
    """
    if not froms:
        return []
    ins = [0] * size
    for v in tos:
        ins[v] += 1
    by_source = sorted(range(len(froms)), key=froms.__getitem__)
    targets = list(map(tos.__getitem__, by_source))
    start = [0] * (size + 1)
    for u in froms:
        start[u + 1] += 1
    start = list(itertools.accumulate(start))
    peeled = list(itertools.compress(range(size), map(operator.not_, ins)))
    for u in peeled:  # Kahn's order: the list grows while it is read
        for v in targets[start[u] : start[u + 1]]:
            ins[v] -= 1
            if not ins[v]:
                peeled.append(v)
    if len(peeled) == size:
        return []
    gone = set(peeled)
    return _peel_both(
        [(u, v) for u, v in zip(froms, tos, strict=True) if u not in gone and v not in gone]
    )


def _peel_both(edges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """:func:`_peel_positions` on few edges: sources and sinks removed together, till none left."""
    succ: dict[int, list[int]] = defaultdict(list)
    pred: dict[int, list[int]] = defaultdict(list)
    for u, v in edges:
        succ[u].append(v)
        pred[v].append(u)
    outs = {n: len(vs) for n, vs in succ.items()}
    ins = {n: len(us) for n, us in pred.items()}
    todo = [n for n in outs if n not in ins]
    todo += [n for n in ins if n not in outs]
    gone: set[int] = set()
    while todo:
        n = todo.pop()
        if n in gone:
            continue
        gone.add(n)
        for m in succ.get(n, ()):
            ins[m] -= 1
            if not ins[m]:
                todo.append(m)
        for m in pred.get(n, ()):
            outs[m] -= 1
            if not outs[m]:
                todo.append(m)
    return [(u, v) for u, v in edges if u not in gone and v not in gone]


@rule(
    "capital-cycle",
    Severity.WARNING,
    F,
    title=("Cycle de participations", "Shareholding cycle"),
    message=(
        "Les participations forment un cycle : {cycle} (entités du cycle : {members}).",
        "Shareholdings form a cycle: {cycle} (entities in the cycle: {members}).",
    ),
    reference="C. com. L233-31",
    fires_when=(
        "les participations au capital forment un cycle : une entité est détenue, par une chaîne "
        "de participations, par une entité qu'elle détient elle-même. Un seul constat est dressé "
        "par ensemble d'entités qui se détiennent ainsi les unes les autres, et il cite l'un des "
        "cycles qui les relient ; une participation croisée étant le plus court de ces cycles, "
        "elle est relevée par les deux règles",
        "shareholding relations form a directed cycle; one finding per strongly connected set of "
        "holders, naming one cycle through it (a cross-holding is the shortest such cycle, so it "
        "is reported by both rules)",
    ),
)
def capital_cycle(ctx: Context, p: Mapping[str, float]) -> Iterator[Hit]:
    """Shareholdings forming a directed cycle (one hit per strongly connected component)."""
    pos = ctx.positions
    left = _peel_positions(len(pos.ids), *pos.ends(Shareholding))
    if not left:
        return
    ids = pos.ids
    edges = [(ids[u], ids[v]) for u, v in dict.fromkeys(left)]
    keys: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key, r in ctx.of(Shareholding):  # only when some cycle is found
        keys[r.from_, r.to].append(key)
    succ: dict[str, list[str]] = defaultdict(list)
    for u, v in edges:
        succ[u].append(v)
    order = ctx.order
    components = sorted(
        (c for c in strong_components(list(succ), succ) if len(c) > 1),
        key=lambda c: min(order[n] for n in c),
    )
    # Each relation of a knot filed under its knot in one pass (each knot reading every
    # relation made five knots of 300 entities cost five passes over 450,000 relations).
    knot_of = {x: i for i, c in enumerate(components) for x in c}
    within: list[list[str]] = [[] for _ in components]
    for (u, v), ks in keys.items():
        i = knot_of.get(u)
        if i is not None and knot_of.get(v) == i:
            within[i].extend(ks)
    for comp, knot_keys in zip(components, within, strict=True):
        nodes = ctx.in_document_order(comp)
        path = _shortest_cycle(nodes[0], succ)
        rel_keys = knot_keys
        data = None
        if len(rel_keys) > _CYCLE_KEYS:
            # A dense knot (300 entities holding shares in each other: 89,700 relations) would
            # make one finding of megabytes: its subjects keep the relations of the cycle named,
            # and the finding says how many relations the knot has.
            data = {"entities": tuple(nodes), "relations": len(rel_keys)}
            rel_keys = [k for u, v in itertools.pairwise(path) for k in keys[u, v]]
        yield Hit(
            (*nodes, *sorted(rel_keys, key=ctx.relation_order)),
            {
                "cycle": _cycle_text([ctx.ent(n).name for n in path]),
                "members": ctx.ents(nodes),
            },
            data,
        )


def _shortest_cycle(start: str, succ: Mapping[str, Sequence[str]]) -> list[str]:
    """A shortest cycle through ``start`` (which lies on one), closed: ``start`` first and last.

    Examples:
        >>> _shortest_cycle("a", {"a": ["b", "c"], "b": ["a"], "c": ["b"]})
        ['a', 'b', 'a']
    """
    prev: dict[str, str] = {}
    queue = [start]
    for x in queue:  # breadth first: grows while it is read
        for y in succ.get(x, ()):
            if y == start:
                back = [x]
                while back[-1] != start:
                    back.append(prev[back[-1]])
                return [*reversed(back), start]
            if y not in prev:
                prev[y] = x
                queue.append(y)
    raise ArgumentError(f"{start!r} lies on no cycle")  # never: a cycle's component is given


_CYCLE_KEYS = 200
"""The most relation keys a ``capital-cycle`` finding lists as subjects (then: those of the cycle
its message names, and the count in its data)."""
_CYCLE_NAMES = 6
"""The most holders a ``capital-cycle`` message names along its cycle (then « … » and the first
again: the message's list of the cycle's entities says how many there are)."""


def _cycle_text(names: list[str]) -> str:
    """A cycle's names joined by arrows, the first back at the end; a long one cut after a few.

    Examples:
        >>> _cycle_text(["A", "B", "A"])
        'A → B → A'
        >>> _cycle_text([f"S{i}" for i in range(100)] + ["S0"])
        'S0 → S1 → S2 → S3 → S4 → S5 → … → S0'
    """
    if len(names) > _CYCLE_NAMES + 2:
        names = [*names[:_CYCLE_NAMES], "…", names[-1]]
    return " → ".join(names)


@rule(
    "gie-members",
    Severity.ERROR,
    F,
    title=("GIE de moins de deux membres", "GIE with fewer than two members"),
    message=(
        "Le {gie} a {count} ({members}) : un GIE en réunit au moins deux.",
        "The {gie} has {count} ({members}): a GIE needs at least two.",
    ),
    reference="C. com. L251-1",
    fires_when=(
        "un groupement d'intérêt économique compte moins de deux membres (par adhésion ou par "
        "participation au capital)",
        "a `gie` has fewer than two members (membership or shareholding)",
    ),
    params=(
        const(
            "minimum",
            2,
            "members",
            Tr("le nombre minimal de membres d'un GIE", "the fewest members a GIE may have"),
        ),
    ),
)
def gie_members(ctx: Context, p: Mapping[str, float]) -> Iterator[Hit]:
    """A GIE with fewer than two distinct members or shareholders."""
    for e in map(ctx.entity, ctx.of_form(Form.GIE)):
        held = [*ctx.into(Membership, e.id), *ctx.into(Shareholding, e.id)]
        members = ctx.in_document_order(r.from_ for _, r in held)
        if len(members) < p["minimum"]:
            yield Hit(
                (e.id, *members, *_keys(held)),
                {
                    "gie": Formed(ctx.ent(e.id), Tr("GIE", "GIE")),
                    "count": Counted(
                        len(members), Tr("membre", "member"), Tr("membres", "members")
                    ),
                    "members": ctx.ents(members) if members else "—",
                },
            )


_SCIC_PROBLEMS = {
    "few": Tr("moins de trois catégories", "fewer than three categories"),
    "workers": Tr(
        "ni les salariés ni les producteurs",
        "neither employees nor producers",
    ),
    "beneficiaries": Tr("pas les bénéficiaires", "no beneficiaries"),
}


_CATEGORY, _CATEGORIES = Tr("la catégorie", "the category"), Tr("les catégories", "the categories")


@rule(
    "scic-categories",
    Severity.WARNING,
    F,
    title=("Catégories d'associés d'une SCIC", "Categories of a SCIC's associates"),
    message=(
        "La {scic} range ses associés dans {in_categories} {categories} : {problems} (une SCIC "
        "réunit au moins trois catégories, dont les salariés ou les producteurs, et les "
        "bénéficiaires).",
        "The {scic} places its associates in {in_categories} {categories}: {problems} (a SCIC "
        "gathers at least three categories, including employees or producers, and "
        "beneficiaries).",
    ),
    reference="loi 47-1775, art. 19 septies",
    fires_when=(
        "une société coopérative d'intérêt collectif (SCIC) a au moins un associé (par adhésion "
        "ou par participation au capital) dont la catégorie est indiquée, et les catégories ainsi "
        "décrites sont au nombre de moins de trois, ou ne comprennent ni les salariés ni les "
        "producteurs, ou ne comprennent pas les bénéficiaires",
        "a `scic` has at least one associate (membership or shareholding) with a `category`, and "
        "the categories described are fewer than three, or include neither `employees` nor "
        "`producers`, or do not include `beneficiaries`",
    ),
    params=(
        const(
            "minimum",
            3,
            "categories",
            Tr(
                "le nombre minimal de catégories d'associés d'une SCIC",
                "the fewest categories a SCIC gathers",
            ),
        ),
    ),
)
def scic_categories(ctx: Context, p: Mapping[str, float]) -> Iterator[Hit]:
    """A SCIC whose described categories of associates fall short of the law's."""
    for e in map(ctx.entity, ctx.of_form(Form.SCIC)):
        held: list[tuple[str, Membership | Shareholding]] = [
            *ctx.into(Membership, e.id),
            *ctx.into(Shareholding, e.id),
        ]
        cats = {r.category for _, r in held if r.category is not None}
        if not cats:
            continue
        problems = []
        if len(cats) < p["minimum"]:
            problems.append(_SCIC_PROBLEMS["few"])
        if Category.EMPLOYEES not in cats and Category.PRODUCERS not in cats:
            problems.append(_SCIC_PROBLEMS["workers"])
        if Category.BENEFICIARIES not in cats:
            problems.append(_SCIC_PROBLEMS["beneficiaries"])
        if problems:
            named = [c.text for c in Category if c in cats]
            described = TrList(tuple(Tr(f"« {t.fr} »", f"'{t.en}'") for t in named))
            yield Hit(
                (e.id,),
                {
                    "scic": Formed(ctx.ent(e.id), Tr("SCIC", "SCIC")),
                    "categories": described,
                    "in_categories": _CATEGORY if len(named) == 1 else _CATEGORIES,
                    "problems": TrList(tuple(problems)),
                },
            )


@rule(
    "scic-public-cap",
    Severity.ERROR,
    F,
    title=(
        "SCIC détenue à plus de 50 % par des collectivités territoriales",
        "SCIC more than 50% held by local authorities",
    ),
    message=(
        "Les collectivités territoriales, leurs groupements et les établissements publics "
        "territoriaux ({holders}) détiennent {total} du capital de la {scic}, plus que les {cap} "
        "permis (l'État et les établissements publics nationaux ne comptent pas dans ce "
        "plafond).",
        "Local authorities, their groupings and local public bodies ({holders}) hold {total} of "
        "the capital of the {scic}, more than the {cap} allowed (the State and national "
        "public bodies do not count towards this cap).",
    ),
    reference="loi 47-1775, art. 19 septies (loi 2014-856)",
    fires_when=(
        "des collectivités territoriales, leurs groupements ou des établissements publics "
        "territoriaux (la nature retenue quand celle d'une personne publique n'est pas précisée), "
        "membres du groupe ou non, détiennent ensemble plus de 50 % du capital d'une SCIC "
        "(minimums des fourchettes). Seuls ceux-là comptent : l'État, les établissements publics "
        "nationaux et les autres personnes publiques ne sont pas soumis à ce plafond",
        "holders of form `public_body` with `public_kind: territorial` (the default; external or "
        "not) hold more than 50 % of a `scic`'s capital (range minimums). Only `territorial` "
        "counts: the State, national public bodies (`state`) and `other` public bodies are not "
        "capped",
    ),
    params=(
        const(
            "cap",
            50,
            "%",
            Tr(
                "la part maximale du capital d'une SCIC que peuvent détenir ensemble les "
                "collectivités territoriales, leurs groupements et les établissements publics "
                "territoriaux",
                "the most of a SCIC's capital territorial public bodies may hold",
            ),
        ),
    ),
)
def scic_public_cap(ctx: Context, p: Mapping[str, float]) -> Iterator[Hit]:
    """Territorial public bodies holding more than 50 % of a SCIC's capital."""
    for target, held in ctx.targets(Shareholding, (Form.SCIC,)):
        public = [
            (k, r)
            for k, r in held
            if ctx.entity(r.from_).effective_public_kind is PublicKind.TERRITORIAL
        ]
        total = sum(certain(r.share) for _, r in public)
        if total > p["cap"] + _EPS:
            holders = ctx.in_document_order(r.from_ for _, r in public)
            yield Hit(
                (target, *holders, *_keys(public)),
                {
                    "scic": Formed(ctx.ent(target), Tr("SCIC", "SCIC")),
                    "holders": ctx.ents(holders),
                    "total": _between(total, sum(possible(r.share) for _, r in public)),
                    "cap": Pct(p["cap"]),
                },
            )


_OF_CAPITAL, _OF_VOTES = Tr("du capital", "of the capital"), Tr("des voix", "of the votes")


@rule(
    "scop-employee-control",
    Severity.ERROR,
    F,
    title=("Salariés minoritaires dans une SCOP", "Employees in the minority in a SCOP"),
    message=(
        "Dans la {scop}, les salariés associés détiennent {held} {pool}, moins que les "
        "{floor} requis.",
        "In the {scop}, employee associates hold {held} {pool}, less than the {floor} required.",
    ),
    reference="loi 78-763",
    fires_when=(
        "les participations au capital d'une société coopérative et participative (SCOP) sont "
        "toutes exprimées par des valeurs exactes et totalisent 100 % (son capital est "
        "entièrement décrit), et celles des associés de la catégorie des salariés en représentent "
        "moins de 51 % ; ou chaque participation précise ses droits de vote, et celles des "
        "salariés en réunissent moins de 65 % (avec des fourchettes, même les maximums de celles "
        "des salariés restent en deçà)",
        "the shareholdings into a `scop` are exact and add up to 100 % (its capital is fully "
        "described), and those of category `employees` hold less than 51 % of it; or every "
        "shareholding gives `votes` and those of category `employees` hold less than 65 % of them "
        "(with ranges, the employees' range maximums fall short)",
    ),
    params=(
        const(
            "capital_floor",
            51,
            "%",
            Tr(
                "la part minimale du capital que les salariés doivent détenir",
                "the least share of capital employees must hold",
            ),
        ),
        const(
            "votes_floor",
            65,
            "%",
            Tr(
                "la part minimale des droits de vote que les salariés doivent détenir",
                "the least share of votes employees must hold",
            ),
        ),
        _CAPITAL_TOLERANCE,
    ),
)
def scop_employee_control(ctx: Context, p: Mapping[str, float]) -> Iterator[Hit]:
    """A SCOP whose employees hold less than 51 % of capital or less than 65 % of votes."""
    for target, held in ctx.targets(Shareholding, (Form.SCOP,)):
        employees = [r for _, r in held if r.category is Category.EMPLOYEES]
        exact = all(not isinstance(r.share, PercentRange) for _, r in held)
        total = sum(certain(r.share) for _, r in held)
        pools: list[tuple[Pct | _Span, float, Tr]] = []
        if exact and abs(total - 100) <= p["tolerance"] + _EPS:
            share = sum(certain(r.share) for r in employees)
            if share < p["capital_floor"] - _EPS:
                pools.append((Pct(share), p["capital_floor"], _OF_CAPITAL))
        votes = [r.votes for _, r in held]
        if held and all(v is not None for v in votes):
            share = sum(possible(r.votes) for r in employees if r.votes is not None)
            if share < p["votes_floor"] - _EPS:
                least = sum(certain(r.votes) for r in employees if r.votes is not None)
                pools.append((_between(least, share), p["votes_floor"], _OF_VOTES))
        for value, floor, pool in pools:
            yield Hit(
                (target, *_keys(held)),
                {
                    "scop": Formed(ctx.ent(target), Tr("SCOP", "SCOP")),
                    "held": value,
                    "floor": Pct(floor),
                    "pool": pool,
                },
            )


@rule(
    "ai-form",
    Severity.ERROR,
    F,
    title=("AI portée par une autre forme qu'une association", "AI not carried by an association"),
    message=(
        "{entity.the} détient un conventionnement d'association intermédiaire (AI), mais sa forme "
        "est « {form} » : une association intermédiaire est une association ou une union "
        "d'associations.",
        "{entity} holds an association intermédiaire (AI) convention, but its form is "
        "“{form}”: an association intermédiaire is an association or a union of associations.",
    ),
    reference="C. trav. L5132-7",
    fires_when=(
        "une entité conventionnée comme association intermédiaire (AI) n'est ni une association "
        "ni une union d'associations (une union d'associations est elle-même une association)",
        "an entity holding the `ai` convention is not an `association` or a `union` (a union of "
        "associations is itself an association)",
    ),
)
def ai_form(ctx: Context, p: Mapping[str, float]) -> Iterator[Hit]:
    """An entity with the AI convention that is neither an association nor a union."""
    return _wrong_carriers(ctx, Convention.AI, lambda form: form in (Form.ASSOCIATION, Form.UNION))


def _wrong_carriers(
    ctx: Context, convention: Convention, may_carry: Callable[[Form], bool]
) -> Iterator[Hit]:
    """A hit, naming its form, for each entity holding ``convention`` that may not carry it."""
    for e in ctx.with_convention(convention):
        if not may_carry(e.form):
            yield Hit((e.id,), partial(_carrier_args, ctx, e))


def _carrier_args(ctx: Context, e: Entity) -> dict[str, object]:
    return {"entity": ctx.ent(e.id), "form": e.form.text}


@rule(
    "aci-carrier",
    Severity.ERROR,
    F,
    title=(
        "ACI porté par une société ou une coopérative",
        "ACI carried by a company or a cooperative",
    ),
    message=(
        "{entity.the} détient un conventionnement d'atelier et chantier d'insertion (ACI), mais "
        "sa forme est « {form} » : un ACI est porté par un organisme de droit privé à but non "
        "lucratif ou par une personne publique, jamais par une société ni par une coopérative.",
        "{entity} holds an atelier et chantier d'insertion (ACI) convention, but its form is "
        "“{form}”: an ACI is carried by a private non-profit body or a public body, never by "
        "a company or a cooperative.",
    ),
    reference="C. trav. R5132-27",
    fires_when=(
        "une entité conventionnée comme atelier et chantier d'insertion (ACI) est une société ou "
        "une coopérative (SA, SAS, SASU, SARL, EURL, SCI, SCIC ou SCOP), alors qu'un ACI est "
        "porté par un organisme de droit privé à but non lucratif ou par une personne publique",
        "an entity holding the `aci` convention is of the company or cooperative family (`sa`, "
        "`sas`, `sasu`, `sarl`, `eurl`, `sci`, `scic`, `scop`): an ACI is carried by a private "
        "non-profit body or a public body",
    ),
)
def aci_carrier(ctx: Context, p: Mapping[str, float]) -> Iterator[Hit]:
    """An entity with the ACI convention of the company or cooperative family."""
    return _wrong_carriers(
        ctx, Convention.ACI, lambda form: form.family not in (Family.COMPANY, Family.COOPERATIVE)
    )


@rule(
    "sa-shareholders",
    Severity.ERROR,
    F,
    title=("Société anonyme à actionnaire unique", "Société anonyme with a single shareholder"),
    message=(
        "Le capital de la {target} est entièrement décrit et n'a qu'un "
        "actionnaire, {holder.the} ({relations}) : une société anonyme en compte au moins deux.",
        "The capital of the {target} is fully described and has a single "
        "shareholder, {holder} ({relations}): a société anonyme needs at least two.",
    ),
    reference="C. com. L225-1",
    fires_when=(
        "les participations au capital d'une société anonyme sont toutes exprimées par des "
        "valeurs exactes et totalisent 100 % à 0,01 point près (son capital est entièrement "
        "décrit), et elle compte moins de deux actionnaires distincts, un collectif de personnes "
        "comptant pour plusieurs",
        "the shareholdings into an `sa` are exact and add up to 100 % within 0.01 point (its "
        "capital is fully described) and it has fewer than two distinct shareholders, a "
        "`collective` counting as several",
    ),
    params=(
        const(
            "minimum",
            2,
            "shareholders",
            Tr(
                "le nombre minimal d'actionnaires d'une société anonyme",
                "the fewest shareholders a société anonyme has",
            ),
        ),
        _CAPITAL_TOLERANCE,
    ),
)
def sa_shareholders(ctx: Context, p: Mapping[str, float]) -> Iterator[Hit]:
    """An SA whose fully described capital is held by a single shareholder."""
    for target, held in ctx.targets(Shareholding, (Form.SA,)):
        if any(isinstance(r.share, PercentRange) for _, r in held):
            continue
        if abs(sum(certain(r.share) for _, r in held) - 100) > p["tolerance"] + _EPS:
            continue
        holders = ctx.in_document_order(r.from_ for _, r in held)
        if any(ctx.entity(h).form is Form.COLLECTIVE for h in holders):
            continue  # a collective stands for several persons
        if len(holders) < p["minimum"]:
            yield Hit(
                (target, *holders, *_keys(held)),
                {
                    "target": Formed(
                        ctx.ent(target), Tr("société anonyme|SA", "société anonyme|SA")
                    ),
                    "holder": ctx.ents(holders),
                    "relations": ", ".join(_keys(held)),
                },
            )


@rule(
    "duplicate-relation",
    Severity.WARNING,
    F,
    title=("Relations en double", "Duplicate relations"),
    message=(
        "{count} relations « {type} » {source.de} vers {target.the} sont identiques par le type, "
        "le genre et la catégorie : {relations}.",
        "{count} relations “{type}” from {source} to {target} share type, kind and category: "
        "{relations}.",
    ),
    reference="—",
    fires_when=(
        "deux relations de même type vont de la même entité à la même entité et ont le même genre "
        "(la nature d'un flux, par exemple) et la même catégorie",
        "two relations share `type`, `from`, `to`, `kind` and `category`",
    ),
)
def duplicate_relation(ctx: Context, p: Mapping[str, float]) -> Iterator[Hit]:
    """Relations in force with the same type, ends, kind and category."""
    # The relations sharing type and ends are few: found first, in one cheap pass; only they
    # are told apart by kind and category.
    pos = ctx.positions
    n = len(pos.ids)
    # Each relation's type and ends as a type and one number (the ends' positions), told apart
    # at C speed: the usual case, no two alike, ends here.
    ends = map(int.__add__, map(n.__mul__, pos.src), pos.dst)
    every = list(zip(pos.classes, ends, strict=True))
    if len(set(every)) == len(every):
        return
    first: dict[tuple[type, int], int] = {}
    clashing: set[tuple[type, int]] = set()
    for i, same in enumerate(every):
        if first.setdefault(same, i) != i:
            clashing.add(same)
    groups: dict[tuple[str, str, str, FlowKind | None, object], list[str]] = defaultdict(list)
    for (key, r), same in zip(ctx.relations, every, strict=True):
        if same not in clashing:
            continue
        kind = r.kind if type(r) is Flow else None
        category = r.category if type(r) is Membership or type(r) is Shareholding else None
        groups[r.type, r.from_, r.to, kind, category].append(key)
    for (rtype, a, b, kind, _), keys in groups.items():
        if len(keys) > 1:
            label = RelationType(rtype).text
            if kind is not None:
                label = Tr(f"{label.fr} ({kind.text.fr})", f"{label.en} ({kind.text.en})")
            yield Hit(
                (a, b, *keys),
                {
                    "count": len(keys),
                    "type": label,
                    "source": ctx.ent(a),
                    "target": ctx.ent(b),
                    "relations": ", ".join(keys),
                },
            )


RULES = (
    capital_into_non_company,
    capital_over_100,
    single_shareholder_form,
    membership_into_company,
    board_over_size,
    cross_holding,
    capital_cycle,
    gie_members,
    scic_categories,
    scic_public_cap,
    scop_employee_control,
    ai_form,
    aci_carrier,
    sa_shareholders,
    duplicate_relation,
)
"""The rules of this family, in catalogue order."""
