"""The ``unified`` test: whether the group's governance is unified, and the sentence saying why.

Governance fails to be unified in five ways (``schemas.md``, "Heads"), each said as the rule
``governance-not-unified`` says it: no head candidate; one, whose reach misses members; several,
none coordinating all the others; one coordinating them all, whose reach misses members; several
coordinating.

Examples:
    >>> from ges_graph.schemas import reference_schemas
    >>> s5 = reference_schemas()[4]
    >>> c = next(c for c in s5.conditions if c.id == "unified-governance")
    >>> print(c.evaluate(s5.example_ges(), "tremplin").message("fr"))
    la gouvernance est unifiée autour de l'Association Tremplin, qui a tous les autres membres
    dans son périmètre
"""

from __future__ import annotations

import functools

from ges_graph.i18n import Lang, Named, Tr, counted
from ges_graph.schemas.context import Context, Outcome
from ges_graph.schemas.predicates import UnifiedTest

__all__ = ["eval_unified"]

_UNIFIED = Tr(
    "la gouvernance est unifiée autour {head.de}, {how}",
    "governance is unified around {head}, {how}",
)
_COORDINATES = Tr(
    "qui coordonne toutes les autres têtes possibles et dont le périmètre couvre tout le groupe",
    "which coordinates all the other head candidates and whose reach covers the whole group",
)
_REACHES_ALL = Tr(
    "qui a tous les autres membres dans son périmètre", "which has every other member in its reach"
)
_ALL_CONTROLLED = Tr(
    "la gouvernance n'est pas unifiée : chaque membre est contrôlé par un autre membre ; il n'y a "
    "aucune tête possible",
    "governance is not unified: every member is controlled by another member; there is no head "
    "candidate",
)
_MISSES = Tr(
    "la gouvernance n'est pas unifiée : {missing.the} sont hors du périmètre {head.de}, seule tête "
    "possible",
    "governance is not unified: {missing} are outside the reach of {head}, the only head candidate",
)
_NEITHER_COORDINATES = Tr(
    "la gouvernance n'est pas unifiée : aucune des deux têtes possibles, {candidates.the}, ne "
    "coordonne l'autre",
    "governance is not unified: neither of the two head candidates, {candidates}, coordinates the "
    "other",
)
_NONE_COORDINATES = Tr(
    "la gouvernance n'est pas unifiée : aucune des {n} têtes possibles, {candidates.the}, ne "
    "coordonne toutes les autres",
    "governance is not unified: none of the {n} head candidates, {candidates}, coordinates all the "
    "others",
)
_BOTH_COORDINATE = Tr(
    "la gouvernance n'est pas unifiée : les deux têtes possibles, {coordinating.the}, coordonnent "
    "chacune l'autre",
    "governance is not unified: the two head candidates, {coordinating}, each coordinate the other",
)
_EACH_COORDINATES = Tr(
    "la gouvernance n'est pas unifiée : {heads}, {coordinating.the}, coordonnent chacune toutes "
    "les autres",
    "governance is not unified: {heads}, {coordinating}, each coordinate all the others",
)
_COORDINATOR_MISSES = Tr(
    "la gouvernance n'est pas unifiée : {head.the} coordonne toutes les autres têtes possibles, "
    "mais {missing.the} {are} hors de son périmètre",
    "governance is not unified: {head} coordinates all the other head candidates, but {missing} "
    "{are} outside its reach",
)
_IS, _ARE = Tr("est", "is"), Tr("sont", "are")
_TWO_HEADS = Tr("deux têtes possibles", "two head candidates")
_HEAD_CANDIDATE, _HEAD_CANDIDATES = (
    Tr("tête possible", "head candidate"),
    Tr("têtes possibles", "head candidates"),
)
"""The sentences of the ``unified`` test."""


def eval_unified(ctx: Context, t: UnifiedTest) -> Outcome:
    """The outcome of a ``unified`` test: whether governance is unified, and why (not)."""
    c = ctx.control
    return Outcome(c.unified == t.unified, functools.partial(_unified_text, ctx))


def _unified_text(ctx: Context, lang: Lang) -> str:
    c = ctx.control
    if c.unified:
        assert c.head is not None
        how = _COORDINATES if c.head_is_coordinating else _REACHES_ALL
        return _UNIFIED.format(lang, head=Named(c.name(c.head)), how=how.render(lang))
    if not c.candidates:
        return _ALL_CONTROLLED.render(lang)
    if len(c.candidates) == 1:
        (h,) = c.candidates
        # Two at least, in the plural: each member the one candidate misses is controlled by
        # another member it misses (else it would be a candidate), so they make a cycle.
        missing = ctx.names(sorted(c.members - c.reach(h)), lang)
        return _MISSES.format(lang, head=Named(c.name(h)), missing=missing)
    coordinating = sorted(c.coordinating)
    two = len(c.candidates) == 2
    if len(coordinating) > 1:
        each = ctx.names(coordinating, lang)
        if two:
            return _BOTH_COORDINATE.format(lang, coordinating=each)
        heads = counted(len(coordinating), _HEAD_CANDIDATE, _HEAD_CANDIDATES, lang)
        if len(coordinating) == 2:
            heads = _TWO_HEADS.render(lang)
        return _EACH_COORDINATES.format(lang, heads=heads, coordinating=each)
    if coordinating:  # the one coordinating candidate misses members of the group
        (u,) = coordinating
        out = sorted(c.members - c.coordinating_reach(u))
        are = (_IS if len(out) == 1 else _ARE).render(lang)
        missing = ctx.names(out, lang)
        return _COORDINATOR_MISSES.format(lang, head=Named(c.name(u)), missing=missing, are=are)
    candidates = ctx.names(list(c.candidates), lang)
    if two:
        return _NEITHER_COORDINATES.format(lang, candidates=candidates)
    return _NONE_COORDINATES.format(lang, n=len(c.candidates), candidates=candidates)
