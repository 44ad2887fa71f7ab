"""Restructuring plans: the fewest edits after which a group follows a target schema.

:func:`plan` searches, breadth first and within ``max_edits``, for the smallest set of moves
(create an entity, transfer or acquire shares, give control by the statutes, end a relation,
change a form or the conventions) after which the group classifies as the target. The moves are
suggested by the target's failed conditions, read from their predicates
(:mod:`ges_graph.planning.suggest`): a schema of your own gets plans like the six. Every plan is
checked by applying it and classifying the result; a plan that does not reach the target is
never returned. When none exists within the bound, the :class:`Plan` has no step, is false, and
names the conditions that block.

Examples:
    >>> from ges_graph.schemas import reference_schemas
    >>> ges = reference_schemas()[2].example_ges()  # Pôle Solidaire du Littoral, an S3
    >>> p = plan(ges, "S5")
    >>> bool(p), len(p), p.steps[0].condition
    (True, 1, 'head-capital-controls-an-sas')
    >>> print(p.sentences("fr")[0])  # doctest: +NORMALIZE_WHITESPACE
    créer la Holding Pôle Solidaire du Littoral, une SAS détenue à 100 % par le Pôle Solidaire du
    Littoral, qui détient à son tour Littoral Bâtiment (titres repris du Pôle Solidaire du
    Littoral)
    >>> from ges_graph.classification import classify
    >>> classify(p.apply(ges)).schema
    'S5'
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from ges_graph.diff import FindingRef, diff
from ges_graph.errors import ArgumentError, UnknownSchemaError
from ges_graph.graph import GES
from ges_graph.i18n import Lang, Tr, check_lang
from ges_graph.planning.result import Blocker, Plan, Step
from ges_graph.planning.search import Found, search
from ges_graph.schemas import SchemaDef, reference_schemas

__all__ = ["Blocker", "Plan", "Step", "plan"]


def _target(
    target: str | SchemaDef, schemas: Sequence[SchemaDef]
) -> tuple[SchemaDef, list[SchemaDef]]:
    """The target schema, and the schemas a result is classified against (the target among them)."""
    tried = list(schemas)
    if isinstance(target, SchemaDef):
        if all(s.id != target.id for s in tried):
            tried.append(target)
        return target, tried
    for s in tried:
        if s.id == target:
            return s, tried
    raise UnknownSchemaError(target)


_KEY = re.compile(r"\brelations\[(\d+)\]")
"""A relation's key by position (``relations[4]``): it shifts as a plan removes relations."""
_PLANNED = Tr("une relation du projet", "a relation of the plan")


def _original_keys(original: GES, state: GES) -> dict[str, str | None]:
    """Each relation key of ``state`` by position, with the same relation's key in ``original``.

    ``None`` for a relation the plan made. A state is the document rebuilt after some edits: a
    relation removed before another shifts its ``relations[i]``; the user reads the keys of the
    file they gave.
    """
    pool: dict[str, list[str]] = defaultdict(list)
    for key, r in original.relations.items():
        pool[json.dumps(r.model_dump(mode="json", by_alias=True), sort_keys=True)].append(key)
    out: dict[str, str | None] = {}
    for key, r in state.relations.items():
        if _KEY.fullmatch(key):
            same = pool.get(json.dumps(r.model_dump(mode="json", by_alias=True), sort_keys=True))
            out[key] = same.pop(0) if same else None
    return out


def _as_given(refs: Iterable[FindingRef], keys: Mapping[str, str | None]) -> tuple[FindingRef, ...]:
    """The findings with the relations named by their keys in the user's file."""

    def key(text: str, lang: Lang) -> str:
        def one(found: re.Match[str]) -> str:
            was = keys.get(found[0], found[0])
            return _PLANNED.render(lang) if was is None else was

        return _KEY.sub(one, text)

    def subjects(f: FindingRef) -> tuple[str, ...]:
        # ids and the user's keys; a relation the plan made (or changed) has none of theirs
        out = []
        for s in f.subjects:
            if _KEY.fullmatch(s):
                was = keys.get(s, s)
                if was is not None:
                    out.append(was)
            else:
                out.append(s)
        return tuple(out)

    return tuple(
        f.model_copy(
            update={
                "subjects": subjects(f),
                "message_fr": key(f.message_fr, "fr"),
                "message_en": key(f.message_en, "en"),
            }
        )
        for f in refs
    )


def _steps(found: Found) -> tuple[Step, ...]:
    """Each step with the findings it raises and clears, named as in the user's file."""
    steps = []
    states = found.states
    keys = [_original_keys(states[0], state) for state in states]
    for i, (move, condition) in enumerate(found.path):
        change = diff(states[i], states[i + 1])
        steps.append(
            Step(
                move,
                condition.id,
                Tr(condition.text.fr, condition.text.en),
                _as_given(change.findings_appeared, keys[i + 1]),
                _as_given(change.findings_disappeared, keys[i]),
            )
        )
    return tuple(steps)


def plan(
    ges: GES,
    target: str | SchemaDef = "S5",
    *,
    max_edits: int = 4,
    schemas: Iterable[SchemaDef] | None = None,
    lang: Lang = "fr",
) -> Plan:
    """The smallest plan found after which ``ges`` classifies as ``target``.

    Args:
        ges: the group (not changed).
        target: a schema id among ``schemas``, or a schema of your own
            (:func:`~ges_graph.schemas.load_schema_file`).
        max_edits: the most edits a plan may have (1 to 8).
        schemas: the schemas a result is classified against (default: the reference schemas;
            a ``target`` of your own is added to them).
        lang: the language of the names given to new entities (« Holding Tremplin »).

    Returns:
        The :class:`Plan`: its steps, each with the condition it answers and the findings it
        raises and clears, and the planned group (:attr:`Plan.planned`); or, when no plan of
        ``max_edits`` edits at most was found, no step and the conditions that block.

    Raises:
        UnknownSchemaError: ``target`` is not the id of a schema tried.
        ArgumentError: ``max_edits`` is not a whole number from 1 to 8.
    """
    check_lang(lang)
    if isinstance(max_edits, bool) or not isinstance(max_edits, int) or not 1 <= max_edits <= 8:
        raise ArgumentError(f"max_edits must be a whole number from 1 to 8, not {max_edits!r}")
    schema, tried = _target(target, reference_schemas() if schemas is None else list(schemas))
    found = search(ges, schema, tried, max_edits, lang)
    names = {e.id: e.name for e in ges.document.entities}
    title = Tr(schema.title("fr"), schema.title("en"))
    caption = Tr(schema.caption("fr"), schema.caption("en"))
    if not found.reached:
        assert found.start is not None
        failed = {c.id: c for c in found.start.conditions}
        blocking = tuple(
            Blocker(
                cid,
                Tr(failed[cid].title_fr, failed[cid].title_en),
                Tr(failed[cid].message_fr, failed[cid].message_en),
            )
            for cid in found.never
            if cid in failed
        )
        return Plan(
            ges.name,
            schema.id,
            title,
            (),
            False,
            max_edits,
            blocking,
            names,
            None,
            found.explored,
            caption,
        )
    planned = found.states[-1]
    names |= {e.id: e.name for e in planned.document.entities}
    return Plan(
        ges.name,
        schema.id,
        title,
        _steps(found),
        True,
        max_edits,
        (),
        names,
        planned,
        found.explored,
        caption,
    )
