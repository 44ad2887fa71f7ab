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
from ges_graph.i18n import Lang, Tr, check_lang, reference_text
from ges_graph.report import Report
from ges_graph.rules import accounts, flows_labour, form_capital, governance
from ges_graph.rules.params import Param
from ges_graph.rules.registry import Context, Rule, RuleFamily

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


def _cited(reference: str, lang: Lang) -> str:
    """A reference in a table or a list: « — » for none, else as said in ``lang``."""
    return reference if reference == "—" else reference_text(reference, lang)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


_CATALOGUE = Tr("Catalogue des règles", "Rule catalogue")
_GENERATED = Tr(
    "<!-- Écrit à partir de ges_graph.rules.RULES par "
    'ges_graph.rules.catalogue_markdown("fr") ; ne pas le modifier à la main. -->',
    "<!-- Generated from ges_graph.rules.RULES by ges_graph.rules.catalogue_markdown(); "
    "do not edit by hand: tests/test_rules_catalogue.py fails when this file drifts. -->",
)
_LEAD = Tr(
    "`ges_graph.rules.validate(ges)` applique les {n} règles ci-dessous et rend un `Report` : "
    "le groupe est *conforme* quand aucun constat n'a la gravité « erreur ». Les identifiants "
    "et les gravités sont le contrat de la spécification (`rules.md`) ; les messages sont "
    "écrits en français et en anglais, nomment les entités par leur nom et leur identifiant, et "
    "chaque constat énumère ses sujets : les identifiants des entités, puis les clés des "
    "relations (l'`id` de la relation, ou `relations[i]`, sa place dans le fichier). Les règles "
    "ne lisent que les relations en vigueur à la date `as_of` du document, comparent aux seuils "
    "les minimums des fourchettes sauf quand une règle dit autrement, et demandent le contrôle, "
    "les têtes et la portée à `ges.control`. `ges-graph validate --rules` écrit la même liste.",
    "`ges_graph.rules.validate(ges)` runs the {n} rules below and returns a "
    "`Report`: it *conforms* when no finding has severity `error`. Ids and severities are "
    "the contract of the specification (`rules.md`); messages come in French and English, "
    "with the entities named by name and id, and each finding lists its subjects: entity "
    "ids, then relation keys (the relation's `id`, or `relations[i]`, its place in the "
    "file). Rules read only the relations in force at the document's `as_of`, compare range "
    "minimums with thresholds unless a rule says otherwise, and ask control, heads and "
    "reach of `ges.control` (see `classification.md`). `ges-graph validate --rules` prints "
    "the same list.",
)
_RULES_HEAD = Tr(
    "| règle | gravité | titre | se déclenche quand | référence |",
    "| rule | severity | title | fires when | reference |",
)
_PARAMETERS = Tr("Paramètres", "Parameters")
_PARAMETERS_LEAD = Tr(
    "Les seuils sont des paramètres de leur règle. Un paramètre daté prend la valeur en "
    "vigueur à la date `as_of` du document ; à défaut de date, la plus récente (jamais celle "
    "du jour où l'on exécute la bibliothèque).",
    "Thresholds are parameters of their rule. A dated parameter takes the value in force at "
    "the document's `as_of`; with no `as_of`, the latest value (never the day the library "
    "runs).",
)
_PARAMETERS_HEAD = Tr(
    "| règle | paramètre | valeur | unité | sens |",
    "| rule | parameter | value | unit | meaning |",
)
_MESSAGES = Tr("Messages", "Messages")


def catalogue_markdown(lang: Lang = "en") -> str:
    """The rule catalogue in ``lang``; in English, as committed in ``docs/rules.md``.

    ``docs/rules.md`` (generated, never edited by hand) is the English catalogue that a forge
    shows beside the English pages, hence the default; the French one says when each rule
    fires, and what each parameter is, in French, with French units.

    Examples:
        >>> catalogue_markdown().splitlines()[0]
        '# Rule catalogue'
        >>> "| `gie-members` | `minimum` | 2 | membres |" in catalogue_markdown("fr")
        True
    """
    check_lang(lang)
    lines = [
        f"# {_CATALOGUE.render(lang)}",
        "",
        _GENERATED.render(lang),
        "",
        _LEAD.format(lang, n=len(RULES)),
        "",
    ]
    for family, rules in RULES.by_family().items():
        lines += [f"## {family.title(lang)}", "", _RULES_HEAD.render(lang), "|---|---|---|---|---|"]
        for r in rules:
            # The English title is followed by the French one, the language of the law.
            title = _cell(r.title(lang)) + Tr("", f" <br>*{_cell(r.title_fr)}*").render(lang)
            severity = Tr(r.severity.label("fr"), r.severity.value).render(lang)  # en: the id
            lines.append(
                f"| `{r.id}` | {severity} | {title} "
                f"| {_cell(r.fires_when_in(lang))} | {_cell(_cited(r.reference, lang))} |"
            )
        lines.append("")
    lines += [
        f"## {_PARAMETERS.render(lang)}",
        "",
        _PARAMETERS_LEAD.render(lang),
        "",
        _PARAMETERS_HEAD.render(lang),
        "|---|---|---|---|---|",
    ]
    for r in RULES.values():
        for p in r.params:
            lines.append(
                f"| `{r.id}` | `{p.name}` | {p.values_in(lang, unit=False)} | {p.unit_in(lang)} | "
                f"{_cell(p.description_in(lang))} |"
            )
    lines += ["", f"## {_MESSAGES.render(lang)}", ""]
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
            cited = "" if r.reference == "—" else f" ({_cited(r.reference, lang)})"
            out.append(f"  {r.id:<{width}}  {sev:<13}  {r.title(lang)}{cited}")
    return "\n".join(out)
