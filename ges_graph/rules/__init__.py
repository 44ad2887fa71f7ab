"""Validation rules: one registry, :data:`RULES`, and :func:`validate`.

Each rule of ``rules.md`` is a small function in the module of its family
(:mod:`~ges_graph.rules.form_capital`, :mod:`~ges_graph.rules.governance`,
:mod:`~ges_graph.rules.flows_labour`, :mod:`~ges_graph.rules.accounts`), wrapped with its
metadata in a :class:`~ges_graph.rules.registry.Rule`. :data:`RULES` collects them in catalogue
order; the documentation's rule catalogue (:func:`catalogue_markdown`) and
``ges-graph validate --rules`` (:func:`catalogue_text`) are generated from it.

Rules read only the relations in force at the document's ``as_of`` and ask control, heads and
reach of ``ges.control``.

Examples:
    >>> from ges_graph.graph import GES
    >>> ges = GES.from_data({"format": "ges-graph/1", "name": "Capital dans une association",
    ...     "entities": [
    ...         {"id": "ei", "name": "Cap Avenir Services", "form": "sarl", "conventions": ["ei"]},
    ...         {"id": "asso2", "name": "Association Partenaire", "form": "association"}],
    ...     "relations": [{"type": "shareholding", "from": "ei", "to": "asso2", "share": 30}]})
    >>> report = validate(ges)
    >>> report.conforms
    False
    >>> [f.rule for f in report.errors]
    ['capital-into-non-company']
    >>> print(report.errors[0].message("en"))
    Cap Avenir Services (ei) holds 30% of the capital of Association Partenaire (asso2), whose
    form has no capital (association): nobody can hold shares in it (relations[0]).
    >>> import datetime
    >>> RULES["consolidation-duty"].parameters(datetime.date(2024, 12, 31))["turnover"]
    48000000
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

from ges_graph.errors import ArgumentError
from ges_graph.graph import gc_paused
from ges_graph.i18n import Lang, check_lang
from ges_graph.report import Report
from ges_graph.rules import accounts, flows_labour, form_capital, governance
from ges_graph.rules.registry import Context, Param, Rule, RuleFamily

if TYPE_CHECKING:
    from ges_graph.graph import GES

__all__ = [
    "RULES",
    "Param",
    "Registry",
    "Rule",
    "RuleFamily",
    "catalogue_markdown",
    "catalogue_text",
    "validate",
]


class Registry(Mapping[str, Rule]):
    """The rules by id, in catalogue order; immutable.

    Args:
        rules: the rules, in order; ids must be unique.

    Examples:
        >>> RULES["ai-form"].severity, len(RULES) == len(list(RULES.values()))
        (<Severity.ERROR: 'error'>, True)
    """

    def __init__(self, rules: Iterable[Rule]) -> None:
        by_id: dict[str, Rule] = {}
        for r in rules:
            if r.id in by_id:
                raise ArgumentError(f"rule id {r.id!r} is registered twice")
            by_id[r.id] = r
        self._rules = by_id

    def __getitem__(self, rule_id: str) -> Rule:
        return self._rules[rule_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._rules)

    def __len__(self) -> int:
        return len(self._rules)

    def __repr__(self) -> str:
        return f"<Registry of {len(self)} rules>"

    def by_family(self) -> dict[RuleFamily, tuple[Rule, ...]]:
        """The rules grouped by family, in catalogue order."""
        out: dict[RuleFamily, list[Rule]] = {f: [] for f in RuleFamily}
        for r in self._rules.values():
            out[r.family].append(r)
        return {f: tuple(rs) for f, rs in out.items() if rs}


RULES = Registry((*form_capital.RULES, *governance.RULES, *flows_labour.RULES, *accounts.RULES))
"""Every validation rule, by id, in the order of ``rules.md``."""


def validate(ges: GES) -> Report:
    """Validate a GES against every rule of :data:`RULES`.

    Not conforming is a result: the report's ``conforms`` is False when a finding is an error;
    call :meth:`Report.raise_for_errors() <ges_graph.report.Report.raise_for_errors>` to raise
    instead. The GES is not modified.

    Args:
        ges: the group (see :func:`ges_graph.io.load`).

    Returns:
        The report: findings in rule order, then document order.
    """
    with gc_paused():
        ctx = Context(ges)
        findings = tuple(f for r in RULES.values() for f in r.run(ctx))
        return Report.model_construct(findings=findings, name=ges.name)


# --------------------------------------------------------------------------------------------
# The catalogue, generated
# --------------------------------------------------------------------------------------------


def _number(value: float) -> str:
    text = f"{int(value):,}" if float(value).is_integer() else f"{value:,}"
    return text.replace(",", " ")


def _param_values(p: Param) -> str:
    if not p.dated:
        return _number(p.values[0][1])
    parts = []
    for i, (since, value) in enumerate(p.values):
        if since is not None:
            parts.append(f"{_number(value)} from {since.isoformat()}")
        else:
            following = p.values[i + 1][0] if i + 1 < len(p.values) else None
            until = f" before {following.isoformat()}" if following is not None else ""
            parts.append(f"{_number(value)}{until}")
    return "; ".join(reversed(parts))


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def catalogue_markdown() -> str:
    """The rule catalogue, as committed in ``docs/rules.md`` (generated, never edited by hand).

    Examples:
        >>> catalogue_markdown().splitlines()[0]
        '# Rule catalogue'
    """
    lines = [
        "# Rule catalogue",
        "",
        "<!-- Generated from ges_graph.rules.RULES by ges_graph.rules.catalogue_markdown(); "
        "do not edit by hand: tests/test_rules_catalogue.py fails when this file drifts. -->",
        "",
        f"`ges_graph.rules.validate(ges)` runs the {len(RULES)} rules below and returns a "
        "`Report`: it *conforms* when no finding has severity `error`. Ids and severities are "
        "the contract of the specification (`rules.md`); messages come in French and English, "
        "with the entities named by name and id, and each finding lists its subjects: entity "
        "ids, then relation keys (the relation's `id`, or `relations[i]`, its place in the "
        "file). Rules read only the relations in force at the document's `as_of`, compare range "
        "minimums with thresholds unless a rule says otherwise, and ask control, heads and "
        "reach of `ges.control` (see `classification.md`). `ges-graph validate --rules` prints "
        "the same list.",
        "",
    ]
    for family, rules in RULES.by_family().items():
        lines += [
            f"## {family.title('en')}",
            "",
            "| rule | severity | title | fires when | reference |",
            "|---|---|---|---|---|",
        ]
        for r in rules:
            lines.append(
                f"| `{r.id}` | {r.severity.value} | {_cell(r.title_en)} "
                f"<br>*{_cell(r.title_fr)}* | {_cell(r.fires_when)} | {_cell(r.reference)} |"
            )
        lines.append("")
    lines += [
        "## Parameters",
        "",
        "Thresholds are parameters of their rule. A dated parameter takes the value in force at "
        "the document's `as_of`; with no `as_of`, the latest value (never the day the library "
        "runs).",
        "",
        "| rule | parameter | value | unit | meaning |",
        "|---|---|---|---|---|",
    ]
    for r in RULES.values():
        for p in r.params:
            lines.append(
                f"| `{r.id}` | `{p.name}` | {_param_values(p)} | {p.unit} | "
                f"{_cell(p.description)} |"
            )
    lines += ["", "## Messages", ""]
    for r in RULES.values():
        lines += [
            f"### `{r.id}`",
            "",
            f"- fr: {r.message_fr}",
            f"- en: {r.message_en}",
            "",
        ]
    return "\n".join(lines)


def catalogue_text(lang: Lang = "fr") -> str:
    """The rule catalogue for ``ges-graph validate --rules``: id, severity, title, reference.

    Examples:
        >>> print(catalogue_text("en").splitlines()[1])
          capital-into-non-company       error          Shares in an entity without capital ...
    """
    check_lang(lang)
    width = max(len(r) for r in RULES)
    out = []
    for family, rules in RULES.by_family().items():
        out.append(family.title(lang))
        for r in rules:
            sev = r.severity.label(lang)
            out.append(f"  {r.id:<{width}}  {sev:<13}  {r.title(lang)} ({r.reference})")
    return "\n".join(out)
