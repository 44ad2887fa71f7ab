"""Rules on governance (``rules.md``, "Governance").

Everything here reads the derived notions of ``ges.control`` (members, head candidates, reach,
outside control, uncertain control): no rule recomputes control.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from ges_graph.control import Why
from ges_graph.i18n import Counted, Lang, Tr, check_lang, sentence_start
from ges_graph.model import Membership, PercentRange, Shareholding
from ges_graph.report import Severity
from ges_graph.rules.registry import (
    LISTED,
    Context,
    Hit,
    Pct,
    Phrase,
    RuleFamily,
    TrList,
    const,
    rule,
)

__all__ = ["RULES"]

F = RuleFamily.GOVERNANCE


@rule(
    "not-a-group",
    Severity.WARNING,
    F,
    title=("Moins de deux membres", "Fewer than two members"),
    message=(
        "Le groupe compte {count} ({members}) : un GES réunit au moins deux "
        "structures (les entités extérieures et les personnes n'en sont pas membres).",
        "The group has {count} ({members}): a GES gathers at least two bodies "
        "(external entities and persons are not members).",
    ),
    reference="loi 2008-1249 (GES)",
    fires_when=(
        "le groupe compte moins de deux membres",
        "fewer than two group members",
    ),
    params=(
        const(
            "minimum",
            2,
            "members",
            Tr("le nombre minimal de membres d'un groupe", "the fewest members a group has"),
        ),
    ),
)
def not_a_group(ctx: Context, p: Mapping[str, float]) -> Iterator[Hit]:
    """A group with fewer than two members."""
    members = ctx.in_document_order(ctx.members)
    if len(members) < p["minimum"]:
        yield Hit(
            tuple(members),
            {
                "count": Counted(len(members), Tr("membre", "member"), Tr("membres", "members")),
                "members": ctx.ents(members) if members else "—",
            },
        )


def _why_not_unified(ctx: Context) -> Tr:
    control = ctx.control
    candidates = control.candidates
    if not candidates:
        return Tr(
            "chaque membre est contrôlé par un autre membre (contrôle circulaire) ; il n'y a "
            "aucune tête possible",
            "every member is controlled by another member (circular control); there is no head "
            "candidate",
        )
    if len(candidates) == 1:
        return Tr(
            "des membres sont hors du périmètre de la seule tête possible",
            "the only head candidate does not reach every member",
        )
    if len(control.coordinating) == 1:
        return Tr(
            "des membres sont hors du périmètre de la tête coordinatrice",
            "the coordinating candidate does not reach every member",
        )
    if control.coordinating:
        return Tr(
            "plusieurs têtes possibles coordonnent chacune toutes les autres",
            "several head candidates each coordinate all the others",
        )
    if len(candidates) == 2:
        return Tr(
            "aucune des deux têtes possibles ne coordonne l'autre",
            "neither of the two head candidates coordinates the other",
        )
    return Tr(
        "aucune des têtes possibles ne coordonne toutes les autres",
        "none of the head candidates coordinates all the others",
    )


_REACHES = Tr(
    "{name.the} a dans son périmètre {others.the}{missing}", "{name} reaches {others}{missing}"
)
_COORDINATES_REACH = Tr(
    "{name.the} a dans son périmètre de coordination (ses membres et ce qu'ils contrôlent) "
    "{others.the}{missing}",
    "{name} has within its coordinating reach (its members and what they control) "
    "{others}{missing}",
)
_REACHES_NO_OTHER = Tr(
    "{name.the} n'a aucun autre membre dans son périmètre{missing}",
    "{name} reaches no other member{missing}",
)
_REACH_NO_OTHER = Tr(
    "{names.the} n'ont aucun autre membre dans leur périmètre", "{names} reach no other member"
)
_MISSING = Tr(" (manquent : {missing.the})", " (missing: {missing})")
_MISSING_ONE = Tr(" (manque : {missing.the})", " (missing: {missing})")
_MORE_HEAD, _MORE_HEADS = (
    Tr("autre tête possible", "more head candidate"),
    Tr("autres têtes possibles", "more head candidates"),
)
_HEADS = Tr("Têtes possibles", "Head candidates")
_ONE_HEAD = Tr("Tête possible", "Head candidate")
"""What a head candidate reaches, in the message of ``governance-not-unified``."""


_CANDIDATES = Tr(" {heads} : {candidates}.", " {heads}: {candidates}.")
_NO_CANDIDATE = Tr("", "")


def _named_candidates(candidates: list[str], parts: list[Tr | Phrase]) -> Phrase | Tr:
    """The sentence naming the head candidates and their reach; none when there is none."""
    if not parts:  # the reason already says there is no head candidate
        return _NO_CANDIDATE
    heads = _ONE_HEAD if len(candidates) == 1 else _HEADS
    listed = TrList(tuple(parts), Tr(" ; ", "; "))
    return Phrase(_CANDIDATES.fr, _CANDIDATES.en, {"heads": heads, "candidates": listed})


@rule(
    "governance-not-unified",
    Severity.WARNING,
    F,
    title=("Gouvernance non unifiée", "Governance not unified"),
    message=(
        "La gouvernance du groupe n'est pas unifiée : {reason}.{candidates}",
        "The group's governance is not unified: {reason}.{candidates}",
    ),
    reference="COORACE: « une gouvernance unifiée »",
    fires_when=(
        "le groupe compte au moins deux membres et sa gouvernance n'est pas unifiée : il n'a pas "
        "de tête, ou il en a plusieurs sans qu'une tête les coordonne, ou sa tête n'atteint pas "
        "tous les membres ; le message nomme les têtes possibles et les membres que chacune "
        "atteint",
        "the group has at least two members and its governance is not unified (no head, several "
        "heads without one coordinating head, or a head whose reach misses members): the message "
        "names the head candidates and what each reaches",
    ),
)
def governance_not_unified(ctx: Context, p: Mapping[str, float]) -> Iterator[Hit]:
    """At least two members and no head."""
    control = ctx.control
    if len(ctx.members) < 2 or control.unified:
        return
    candidates = ctx.in_document_order(control.candidates)
    parts: list[Tr | Phrase] = []
    # What each candidate reaches is said of the first few only, each list itself capped (Ents):
    # the message stays a sentence, and its cost stays linear, with thousands of candidates.
    listed = candidates[:LISTED]
    reaching = {c: control.head_reach(c) for c in listed}
    # Several that reach no other member are said together: each one's « manquent » would name
    # every other member.
    alone = [c for c in listed if not reaching[c] - {c}]
    grouped = alone if len(alone) > 1 else []
    for c in listed:
        if c in grouped:
            continue
        reached = reaching[c]
        others = ctx.ents(reached - {c})
        missing = ctx.ents(ctx.members - reached)
        said = _REACHES if others.items else _REACHES_NO_OTHER
        if others.items and c in control.coordinating:  # a union: its members make it up
            said = _COORDINATES_REACH
        args: dict[str, object] = {"name": ctx.ent(c), "others": others, "missing": ""}
        if missing.items:
            lack = _MISSING_ONE if len(missing.items) + missing.more == 1 else _MISSING
            args["missing"] = Phrase(lack.fr, lack.en, {"missing": missing})
        parts.append(Phrase(said.fr, said.en, args))  # written in the language read, if read
    if grouped:
        parts.append(Phrase(_REACH_NO_OTHER.fr, _REACH_NO_OTHER.en, {"names": ctx.ents(grouped)}))
    if len(candidates) > LISTED:
        rest = Counted(len(candidates) - LISTED, _MORE_HEAD, _MORE_HEADS)
        parts.append(Tr(f"et {rest.render('fr')}", f"and {rest.render('en')}"))
    yield Hit(
        tuple(candidates),
        {
            "reason": _why_not_unified(ctx),
            "candidates": _named_candidates(candidates, parts),
        },
        {"candidates": tuple(candidates)},  # every candidate, where the message names a few
    )


_SENTENCES_SEP = Tr(" ; ", "; ")
"""Between the sentences of several controllers (each a sentence with its own « : »)."""
_CHAIN_KEYS = 20
"""The most relation keys of one chain of control an ``outside-control`` finding lists."""


@dataclass(frozen=True, slots=True)
class _Sentences:
    """Why each controller controls, joined as a list; written only when the message is."""

    whys: tuple[Why, ...]

    def render(self, lang: Lang) -> str:
        check_lang(lang)
        # a sentence of its own (« … hors du groupe. Le Fonds X contrôle Y : 60 % … »): each
        # explanation has its own « : », and two in one sentence would read as one list
        return sentence_start(_SENTENCES_SEP.render(lang).join(w.sentence(lang) for w in self.whys))


@rule(
    "outside-control",
    Severity.WARNING,
    F,
    title=("Membre contrôlé de l'extérieur", "Member controlled from outside"),
    message=(
        "{member.the} est sous le contrôle {controllers.de}, hors du groupe. {why}.",
        "{member} is controlled by {controllers}, outside the group. {why}.",
    ),
    reference="C. com. L233-3",
    fires_when=(
        "un membre du groupe est contrôlé par une entité extérieure au groupe qu'aucun membre ne "
        "contrôle, ou par une personne physique",
        "a group member is controlled by an external entity or a `person` that no member controls",
    ),
)
def outside_control(ctx: Context, p: Mapping[str, float]) -> Iterator[Hit]:
    """A member controlled by an external entity or a person (``control.outside_control``)."""
    control = ctx.control
    for member in ctx.in_document_order(control.outside_control):
        controllers = ctx.in_document_order(control.outside_control[member])
        whys = [w for c in controllers if (w := control.why(c, member)) is not None]
        keys: dict[str, None] = {}
        for w in whys:  # a long chain gives the links nearest the member (linear, not quadratic)
            keys.update(dict.fromkeys(w.first_relations(_CHAIN_KEYS)))
        yield Hit(
            (member, *controllers, *keys),
            {
                "member": ctx.ent(member),
                "controllers": ctx.ents(controllers),
                "why": _Sentences(tuple(whys)),
            },
        )


@rule(
    "no-siae",
    Severity.INFO,
    F,
    title=("Aucune SIAE dans le groupe", "No SIAE in the group"),
    message=(
        "Aucun membre du groupe ne détient de conventionnement IAE (AI, ACI, EI, ETTI, EITI) : "
        "un GES réunit notamment des structures d'insertion.",
        "No group member holds an IAE agreement (AI, ACI, EI, ETTI, EITI): a GES is made "
        "notably of insertion enterprises (SIAE).",
    ),
    reference="COORACE definition of GES",
    fires_when=(
        "aucun membre du groupe ne détient de conventionnement d'insertion par l'activité "
        "économique (AI, ACI, EI, ETTI ou EITI)",
        "no member holds an IAE convention",
    ),
)
def no_siae(ctx: Context, p: Mapping[str, float]) -> Iterator[Hit]:
    """No member holds an IAE convention (``control.operating`` is empty)."""
    if not ctx.control.operating:
        yield Hit((), {})


@rule(
    "isolated-member",
    Severity.WARNING,
    F,
    title=("Membre isolé", "Isolated member"),
    message=(
        "{member.the} n'a aucune relation de gouvernance, de capital ou de flux avec un autre "
        "membre du groupe.",
        "{member} has no governance, capital or flow relation with another group member.",
    ),
    reference="—",
    fires_when=(
        "le groupe compte au moins deux membres, et l'un d'eux n'a aucune relation de "
        "gouvernance, de capital ou de flux avec un autre membre",
        "the group has at least two members and one of them has no governance, capital or flow "
        "relation with another member",
    ),
)
def isolated_member(ctx: Context, p: Mapping[str, float]) -> Iterator[Hit]:
    """A member with no relation in force to another member."""
    # On positions (:class:`~ges_graph.control.positions.Positions`): the relations' ends read
    # as numbers, members as a mask, and the isolated ones found by a scan of the mask left.
    pos = ctx.positions
    members = pos.members
    if members.count(1) < 2:
        return
    alone = bytearray(members)
    for f, t in zip(pos.src, pos.dst, strict=True):
        if members[f] and members[t]:
            alone[f] = alone[t] = 0
    ids = pos.ids
    n = alone.find(1)
    while n >= 0:
        m = ids[n]
        yield Hit((m,), ctx.lazy_ent("member", m))
        n = alone.find(1, n + 1)


_RANGED = (Shareholding, Membership)


def _ranged(ctx: Context) -> list[tuple[str, Shareholding | Membership, PercentRange]]:
    """The relations in force whose votes are a range, in document order.

    A shareholding without ``votes`` gives its ``share`` as votes.
    """
    out: list[tuple[str, Shareholding | Membership, PercentRange]] = []
    for key, r in ctx.relations:
        if not isinstance(r, _RANGED):
            continue
        # Control counts votes: a shareholding's ``votes`` when given, else its ``share``; a
        # ranged share under votes given as a figure makes nothing uncertain.
        value = r.votes if r.votes is not None or isinstance(r, Membership) else r.share
        if isinstance(value, PercentRange):
            out.append((key, r, value))
    return out


def _ranges(
    ctx: Context,
    a: str,
    b: str,
    ranged: list[tuple[str, Shareholding | Membership, PercentRange]],
) -> list[tuple[str, str, str, PercentRange]]:
    """The ranged relations that make ``a``'s control of ``b`` uncertain.

    Those into ``b``, or into an entity ``a`` possibly but not certainly controls on the way to
    ``b``, held by ``a`` or by an entity ``a`` possibly controls. Only the ranged relations
    (``ranged``) are looked at: a pair costs the number of ranges, not the size of the group.

    When ``b`` is controlled through its members rather than through a controller on the way
    (means 5: a union or GIE all of whose listed members are ``a``'s), no such entity controls
    ``b``: the ranges are then those into ``b``'s listed members, or into entities that possibly
    control one, that ``a`` possibly but not certainly controls.
    """
    control = ctx.control
    out: list[tuple[str, str, str, PercentRange]] = []
    loose: list[tuple[str, str, str, PercentRange]] = []
    members = control.listed_members(b)
    for key, r, value in ranged:
        t = r.to
        if r.from_ != a and not control.possibly_controls(a, r.from_):
            continue
        if t == b:
            out.append((key, r.from_, t, value))
        elif t != a and control.possibly_controls(a, t) and not control.controls(a, t):
            if control.possibly_controls(t, b):
                out.append((key, r.from_, t, value))
            elif t in members or any(control.possibly_controls(t, m) for m in members):
                loose.append((key, r.from_, t, value))  # on the way to one of b's members
    return out or loose


_THE_RANGE, _THE_RANGES = Tr("la fourchette", "the range"), Tr("les fourchettes", "the ranges")


@rule(
    "uncertain-control",
    Severity.INFO,
    F,
    title=("Contrôle incertain", "Uncertain control"),
    message=(
        "{controller.the} contrôle peut-être {controlled.the} : selon {the_ranges} {ranges}, le "
        "seuil de {threshold} (plus de la moitié) peut être franchi ou non.",
        "{controller} may control {controlled}: depending on {the_ranges} {ranges}, the "
        "threshold of {threshold} (more than half) may or may not be crossed.",
    ),
    reference="—",
    fires_when=(
        "une entité A contrôle peut-être, mais non certainement, une entité B, parce qu'une "
        "fourchette chevauche le seuil de contrôle ; le message cite les fourchettes et le seuil",
        "A possibly but not certainly controls B (a range straddles the threshold); the message "
        "names the ranges and the threshold",
    ),
    params=(
        const(
            "threshold",
            50,
            "%",
            Tr(
                "le contrôle suppose de détenir plus que cette part du capital, des droits de "
                "vote ou des sièges",
                "control is more than this share of a pool",
            ),
        ),
    ),
)
def uncertain_control(ctx: Context, p: Mapping[str, float]) -> Iterator[Hit]:
    """Control possible with ranges at their maximum but not certain at their minimum."""
    uncertain = ctx.control.uncertain
    if not uncertain:
        return
    order = ctx.order
    ranged = _ranged(ctx)
    for a, b in sorted(uncertain, key=lambda ab: (order[ab[0]], order[ab[1]])):
        found = _ranges(ctx, a, b, ranged)
        parts = tuple(
            Tr(
                f"{ctx.ent(h).name} → {ctx.ent(t).name} {Pct(v).render('fr')} ({key})",
                f"{ctx.ent(h).name} → {ctx.ent(t).name} {Pct(v).render('en')} ({key})",
            )
            for key, h, t, v in found
        )
        yield Hit(
            (a, b, *(key for key, *_ in found)),
            {
                "controller": ctx.ent(a),
                "controlled": ctx.ent(b),
                "ranges": TrList(parts) if parts else Tr("(non retrouvées)", "(not found)"),
                "the_ranges": _THE_RANGE if len(parts) == 1 else _THE_RANGES,
                "threshold": Pct(p["threshold"]),
            },
        )


RULES = (
    not_a_group,
    governance_not_unified,
    outside_control,
    no_siae,
    isolated_member,
    uncertain_control,
)
"""The rules of this family, in catalogue order."""
