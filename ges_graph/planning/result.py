"""What :func:`ges_graph.plan` returns: a :class:`Plan` of :class:`Step`, or what blocks.

Each step is a move (:mod:`ges_graph.diff.moves`) said in words a board reads, the condition of
the target it answers, and the findings of validation it raises and clears (a treasury agreement
that becomes unlawful, a VAT note on new management fees). A plan that was not found has no step
and names the conditions that block; ``bool(plan)`` says whether one was found.
"""

from __future__ import annotations

import html
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ges_graph.diff import FindingRef
from ges_graph.diff.moves import Move
from ges_graph.errors import ArgumentError
from ges_graph.graph import GES
from ges_graph.i18n import Lang, Tr, check_lang, group_named
from ges_graph.io import save
from ges_graph.planning.edits import apply_move
from ges_graph.report import Severity

__all__ = ["Blocker", "Plan", "Step"]


@dataclass(frozen=True)
class Step:
    """One edit of a plan.

    Attributes:
        move: what to do (its :meth:`~ges_graph.diff.moves.Move.sentence` says it).
        condition: the id of the target's condition it answers.
        condition_text: that condition, as the schema states it.
        raised: the findings that appear with this step.
        cleared: the findings that disappear with it.
    """

    move: Move
    condition: str
    condition_text: Tr
    raised: tuple[FindingRef, ...] = ()
    cleared: tuple[FindingRef, ...] = ()

    def sentence(self, names: Mapping[str, str], lang: Lang = "fr") -> str:
        """The edit in words (« créer Holding Tremplin, une SAS détenue à 100 % par … »)."""
        check_lang(lang)
        return self.move.sentence(names, lang)


@dataclass(frozen=True)
class Blocker:
    """A condition of the target that no plan within the bound could make hold."""

    condition: str
    text: Tr
    message: Tr


_T: Mapping[str, Tr] = {
    "title": Tr(
        "Projet de restructuration {group.de} vers {schema}",
        "Restructuring plan for {group} towards {schema}",
    ),
    "already": Tr(
        "Le groupe suit déjà ce schéma : rien à changer.",
        "The group already follows this schema: nothing to change.",
    ),
    "found": Tr("{n} modifications, dans l'ordre :", "{n} edits, in order:"),
    "found_one": Tr("Une modification :", "One edit:"),
    "answers": Tr("pour satisfaire la condition : {text}", "to meet the condition: {text}"),
    "raises": Tr("fait apparaître", "raises"),
    "clears": Tr("fait disparaître", "clears"),
    "none": Tr(
        "Aucun projet en {n} modifications au plus ; ce qui bloque :",
        "No plan within {n} edits; what blocks:",
    ),
    "none_one": Tr(
        "Aucun projet en une seule modification ; ce qui bloque :",
        "No plan in a single edit; what blocks:",
    ),
    "sep": Tr(" : ", ": "),
}


def _finding(f: FindingRef, lang: Lang) -> dict[str, Any]:
    return {"rule": f.rule, "severity": f.severity, "message": f.message(lang)}


@dataclass(frozen=True)
class Plan:
    """A restructuring plan towards a target schema, checked by classifying its result.

    Attributes:
        group: the group's name.
        target: the target schema's id.
        target_title: its title.
        steps: the edits, in order (none when the group already matches, or when no plan was
            found: see :attr:`found`).
        found: whether the plan reaches the target.
        max_edits: the bound the search kept to.
        blocking: when no plan was found, the conditions that block.
        names: entity id → name, the new entities included.
        planned: the group once planned (``None`` when no plan was found).
        explored: how many states the search classified.
        target_caption: the target as a person reads it, with how sure its reconstruction is
            (« S5 — … (reconstitution de la typologie COORACE, confiance moyenne) »); the id
            and title when not given.
    """

    group: str
    target: str
    target_title: Tr
    steps: tuple[Step, ...]
    found: bool
    max_edits: int
    blocking: tuple[Blocker, ...] = ()
    names: Mapping[str, str] = field(default_factory=dict, repr=False)
    planned: GES | None = field(default=None, repr=False, compare=False)
    explored: int = 0
    target_caption: Tr | None = field(default=None, repr=False)

    def __bool__(self) -> bool:
        return self.found

    def __len__(self) -> int:
        return len(self.steps)

    def sentences(self, lang: Lang = "fr") -> list[str]:
        """Each step in words, in order."""
        check_lang(lang)
        return [s.sentence(self.names, lang) for s in self.steps]

    def apply(self, ges: GES) -> GES:
        """``ges`` with every step carried out (a new GES; ``ges`` is not changed).

        Raises:
            ArgumentError: no plan was found, or a step names what ``ges`` does not have (the
                plan was made for another group).
        """
        if not self.found:
            raise ArgumentError(f"no plan reaches {self.target}: there is nothing to apply")
        data = ges.document.model_dump(mode="json", by_alias=True, exclude_defaults=True)
        for step in self.steps:
            data = apply_move(data, step.move)
        return GES.from_data(data)

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the planned group to ``path`` (``projet.yaml``), as :func:`ges_graph.save` does.

        Raises:
            ArgumentError: no plan was found.
        """
        if self.planned is None:
            raise ArgumentError(f"no plan reaches {self.target}: there is nothing to save")
        save(self.planned, path)

    def to_dict(self, lang: Lang = "fr") -> dict[str, Any]:
        """The plan as plain JSON data (what ``ges-graph plan --json`` prints, without ``file``)."""
        check_lang(lang)
        return {
            "group": self.group,
            "target": self.target,
            "found": self.found,
            "max_edits": self.max_edits,
            "steps": [
                {
                    "edit": s.move.to_dict(),
                    "text": s.sentence(self.names, lang),
                    "condition": s.condition,
                    "condition_text": s.condition_text.render(lang),
                    "raises": [_finding(f, lang) for f in s.raised],
                    "clears": [_finding(f, lang) for f in s.cleared],
                }
                for s in self.steps
            ],
            "blocking": [
                {
                    "condition": b.condition,
                    "text": b.text.render(lang),
                    "message": b.message.render(lang),
                }
                for b in self.blocking
            ],
        }

    def to_json(self, lang: Lang = "fr") -> str:
        """:meth:`to_dict` as JSON text."""
        check_lang(lang)
        return json.dumps(self.to_dict(lang), ensure_ascii=False, indent=2)

    def _lines(self, lang: Lang) -> list[str]:
        t = {k: v.render(lang) for k, v in _T.items()}
        sep = t["sep"]
        out = [_T["title"].format(lang, group=group_named(self.group), schema=self._schema(lang))]
        if not self.found:
            none = _T["none_one"] if self.max_edits == 1 else _T["none"]
            out.append(none.format(lang, n=self.max_edits))
            out += [
                f"  - {b.text.render(lang)}{sep}{b.message.render(lang)}" for b in self.blocking
            ]
            return out
        if not self.steps:
            return [*out, t["already"]]
        found = _T["found_one"] if len(self.steps) == 1 else _T["found"]
        out.append(found.format(lang, n=len(self.steps)))
        for i, s in enumerate(self.steps, 1):
            out.append(f"  {i}. {s.sentence(self.names, lang)}")
            out.append(f"     ({_T['answers'].format(lang, text=s.condition_text.render(lang))})")
            for word, refs in ((t["raises"], s.raised), (t["clears"], s.cleared)):
                for f in refs:
                    label = Severity(f.severity).label_in(lang)
                    out.append(f"     {word} [{label}] {f.message(lang)}")
        return out

    def _schema(self, lang: Lang) -> str:
        if self.target_caption is not None:
            return self.target_caption.render(lang)
        return f"{self.target} — {self.target_title.render(lang)}"

    def to_text(self, lang: Lang = "fr") -> str:
        """The plan for people: its steps in order, what each answers, raises and clears."""
        check_lang(lang)
        return "\n".join(self._lines(lang))

    def __str__(self) -> str:
        return self.to_text("fr")

    def _repr_html_(self) -> str:
        lines = self._lines("fr")
        items = "".join(f"<li>{html.escape(line.strip())}</li>" for line in lines[1:])
        return f"<div><strong>{html.escape(lines[0])}</strong><ul>{items}</ul></div>"
