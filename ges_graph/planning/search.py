"""The search for a plan: the fewest moves, breadth first, each plan checked by classifying it.

From the group as it is, every failed condition of the target schema suggests moves
(:mod:`ges_graph.planning.suggest`); each move is applied and the result classified against the
target. Plans of one move are all tried before plans of two, and so on up to ``max_edits``; a
state already met is not met again. Between two depths only the states nearest the target (the
fewest failed conditions) are kept, at most :data:`BEAM` of them, and no more than :data:`LIMIT`
states are classified in all: the search is bounded, whatever the group. Among the plans of the
smallest size found, the one that raises the fewest errors, then the fewest warnings, wins.

A plan is only returned when its result, classified against every schema tried, matches the
target: a plan that does not reach it is never shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ges_graph.classification import SchemaResult, classify
from ges_graph.diff.moves import Move
from ges_graph.errors import ArgumentError, DocumentError
from ges_graph.graph import GES
from ges_graph.i18n import Lang, check_lang
from ges_graph.planning.edits import Data, apply_move
from ges_graph.planning.suggest import dedupe, suggest
from ges_graph.report import Severity
from ges_graph.rules import validate
from ges_graph.schemas import Condition, SchemaDef

__all__ = ["BEAM", "LIMIT", "Found", "search"]

BEAM = 20
"""States kept between two depths, at most (the nearest to the target)."""
LIMIT = 250
"""States classified in one search, at most."""
_SOLUTIONS = 6
"""Plans of the smallest size compared, at most, before choosing one."""


@dataclass
class _Node:
    data: Data
    ges: GES
    result: SchemaResult
    path: tuple[tuple[Move, Condition], ...]

    @property
    def failed(self) -> int:
        return len(self.result.failed)


@dataclass
class Found:
    """What a search found: the steps (move and the condition it answers) and the states.

    ``path`` is empty and ``reached`` False when no plan was found; ``never`` then holds the
    conditions that no state met (what blocks), in the schema's order.
    """

    reached: bool
    path: tuple[tuple[Move, Condition], ...] = ()
    states: tuple[GES, ...] = ()
    never: tuple[str, ...] = ()
    explored: int = 0
    start: SchemaResult | None = field(default=None, repr=False)


def _key(data: Data) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What tells two states apart, whatever the order of entities and relations.

    The moves write their keys in one order, so ``repr`` (much cheaper than canonical JSON) is
    enough: at worst, a state written in another order is looked at twice.
    """
    return tuple(sorted(map(repr, data["entities"]))), tuple(
        sorted(map(repr, data.get("relations", ())))
    )


def _evaluate(ges: GES, schema: SchemaDef) -> SchemaResult:
    return classify(ges, [schema]).candidate(schema.id)


def _reaches(ges: GES, schema: SchemaDef, schemas: Sequence[SchemaDef]) -> bool:
    """Whether ``ges``, classified against every schema tried, matches ``schema``."""
    return classify(ges, schemas).candidate(schema.id).matched


def _cost(ges: GES) -> tuple[int, int]:
    findings = validate(ges).findings
    errors = sum(f.severity is Severity.ERROR for f in findings)
    return errors, sum(f.severity is Severity.WARNING for f in findings)


def _children(node: _Node, schema: SchemaDef, lang: Lang) -> list[tuple[Move, Condition]]:
    out: list[tuple[Move, Condition]] = []
    seen: set[Move] = set()
    for c in node.result.conditions:
        if c.held:
            continue
        found = suggest(node.ges, node.result, c.condition, schema, lang, node.data)
        for move in dedupe(found):
            if move not in seen:
                seen.add(move)
                out.append((move, c.condition))
    return out


def _states(start: GES, node: _Node) -> tuple[GES, ...]:
    """Each state along the node's path, the start included."""
    states = [start]
    data = start.document.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    for move, _ in node.path:
        data = apply_move(data, move)
        states.append(GES.from_data(data))
    return tuple(states)


def search(
    ges: GES, schema: SchemaDef, schemas: Sequence[SchemaDef], max_edits: int, lang: Lang
) -> Found:
    """The smallest plan found that makes ``ges`` match ``schema`` (see the module).

    ``lang`` is the language of the names given to new entities.
    """
    check_lang(lang)
    data = ges.document.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    start = _Node(data, ges, _evaluate(ges, schema), ())
    if start.result.matched and _reaches(ges, schema, schemas):
        return Found(True, (), (ges,), explored=0, start=start.result)
    never = [c.id for c in start.result.failed]
    seen = {_key(data)}
    frontier, explored = [start], 0
    for _depth in range(max_edits):
        solutions: list[_Node] = []
        nxt: list[_Node] = []
        for node in frontier:
            for move, condition in _children(node, schema, lang):
                if explored >= LIMIT or len(solutions) >= _SOLUTIONS:
                    break
                try:
                    new_data = apply_move(node.data, move)
                except ArgumentError:
                    continue
                key = _key(new_data)
                if key in seen:
                    continue
                seen.add(key)
                try:
                    new_ges = GES.from_data(new_data)
                except DocumentError:
                    continue
                explored += 1
                child = _Node(
                    new_data, new_ges, _evaluate(new_ges, schema), (*node.path, (move, condition))
                )
                failed = {c.id for c in child.result.failed}
                never = [c for c in never if c in failed]
                if child.result.matched and _reaches(new_ges, schema, schemas):
                    solutions.append(child)
                else:
                    nxt.append(child)
        if solutions:
            best = min(solutions, key=lambda n: _cost(n.ges))  # the first on ties
            return Found(True, best.path, _states(ges, best), explored=explored, start=start.result)
        if explored >= LIMIT or not nxt:
            break
        frontier = sorted(nxt, key=lambda n: n.failed)[:BEAM]
    blocking = tuple(never) or tuple(c.id for c in start.result.failed)
    return Found(False, never=blocking, explored=explored, start=start.result)
