"""The validation report: findings, their grouping, and their text, HTML and JSON forms.

Validation (:func:`ges_graph.rules.validate`) returns a :class:`Report`. Not conforming is a
result, not an exception: a report *conforms* when no finding has severity ``error``.
:meth:`Report.raise_for_errors` turns errors into a :class:`~ges_graph.errors.ValidationFailed`
for callers who want that. Which severities to show is the caller's choice
(:meth:`Report.filter`).

A :class:`Finding` carries its message in French and in English, with the entities named by name
and id, and its *subjects*: the entity ids and the relation keys (the relation's ``id``, or
``relations[i]``, its place in the source file) it is about.

Examples:
    >>> f = Finding(rule="ai-form", severity="error", subjects=("sarl",),
    ...             message_fr="Mosaïque Emploi (sarl) porte une AI sans être une association.",
    ...             message_en="Mosaïque Emploi (sarl) holds an AI convention but is not an "
    ...                        "association.",
    ...             reference="C. trav. L5132-7")
    >>> report = Report(findings=(f,), name="Groupe Mosaïque")
    >>> report.conforms
    False
    >>> from ges_graph.rules import RULES
    >>> print(report.to_text(lang="en", rules=RULES))
    Groupe Mosaïque: does not conform (1 error)
    Errors (1)
      AI not carried by an association (ai-form)
        Mosaïque Emploi (sarl) holds an AI convention but is not an association.
        Subjects: sarl. Reference: C. trav. L5132-7
    >>> report.filter(min_severity="error").to_dict(lang="en")["findings"][0]["rule"]
    'ai-form'
"""

from __future__ import annotations

import html
import sys
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Self

from pydantic import BaseModel, ConfigDict

from ges_graph import vocabulary as _vocabulary
from ges_graph.errors import ValidationFailed
from ges_graph.i18n import Lang, Tr, check_lang, format_number, reference_text
from ges_graph.report._finding import Finding, Messages
from ges_graph.report._printed import SHOWN, Omitted, _after_last, _shown, subjects_text

if TYPE_CHECKING:
    from ges_graph.rules.registry import Rule

__all__ = [
    "SHOWN",
    "Finding",
    "Messages",
    "Omitted",
    "Report",
    "subjects_text",
]

Severity = _vocabulary.Severity
"""Re-exported: the severities are a vocabulary (:class:`ges_graph.vocabulary.Severity`)."""

# --------------------------------------------------------------------------------------------
# The report
# --------------------------------------------------------------------------------------------

_TEXT: dict[str, Tr] = {
    "conforms": Tr("conforme", "conforms"),
    "not": Tr("non conforme", "does not conform"),
    "none": Tr("aucun constat", "no findings"),
    "subjects": Tr("Sujets", "Subjects"),
    "reference": Tr("Référence", "Reference"),
    "group": Tr("Groupe", "Group"),
    "severity": Tr("Gravité", "Severity"),
    "rule": Tr("Règle", "Rule"),
    "message": Tr("Message", "Message"),
    "caption": Tr("Validation", "Validation"),
    "sep": Tr(" : ", ": "),
}


def _in(table: Mapping[str, Tr], lang: Lang) -> dict[str, str]:
    """Every text of ``table`` rendered in ``lang``."""
    return {key: text.render(lang) for key, text in table.items()}


class Report(BaseModel):
    """The result of validating a GES: findings, in rule order, and the verdict.

    Attributes:
        findings: every finding, in the registry's rule order, then document order.
        name: the group's name, shown in the text and HTML forms (optional).

    Examples:
        >>> r = Report(findings=(
        ...     Finding(rule="no-siae", severity="info", message_fr="Aucune SIAE.",
        ...             message_en="No SIAE.", reference="COORACE"),))
        >>> r.conforms, len(r), [s.value for s in r.by_severity()]
        (True, 1, ['info'])
        >>> r.filter(min_severity="warning").findings
        ()
        >>> r.raise_for_errors() is r
        True
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    findings: tuple[Finding, ...] = ()
    name: str | None = None

    # -- verdict and access ---------------------------------------------------------------------

    @property
    def conforms(self) -> bool:
        """True when no finding has severity ``error``."""
        return not any(f.severity is Severity.ERROR for f in self.findings)

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The findings of severity ``error``."""
        return self._of(Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """The findings of severity ``warning``."""
        return self._of(Severity.WARNING)

    @property
    def infos(self) -> tuple[Finding, ...]:
        """The findings of severity ``info``."""
        return self._of(Severity.INFO)

    def _of(self, severity: Severity) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is severity)

    def __len__(self) -> int:
        return len(self.findings)

    def __iter__(self) -> Iterator[Finding]:  # type: ignore[override]
        return iter(self.findings)

    @property
    def rules(self) -> frozenset[str]:
        """The ids of the rules that found something."""
        return frozenset(f.rule for f in self.findings)

    def by_rule(self) -> dict[str, tuple[Finding, ...]]:
        """Findings grouped by rule id, in the order rules first appear."""
        out: dict[str, list[Finding]] = {}
        for f in self.findings:
            out.setdefault(f.rule, []).append(f)
        return {k: tuple(v) for k, v in out.items()}

    def by_severity(self) -> dict[Severity, tuple[Finding, ...]]:
        """Findings grouped by severity, errors first; severities without findings are left out."""
        out: dict[Severity, list[Finding]] = {s: [] for s in Severity}
        for f in self.findings:  # one pass (a registry's report: hundreds of thousands)
            out[f.severity].append(f)
        return {s: tuple(fs) for s, fs in out.items() if fs}

    def filter(
        self,
        *,
        min_severity: Severity | str | None = None,
        rules: Iterable[str] | None = None,
        subject: str | None = None,
    ) -> Report:
        """A report with only some findings (the caller chooses what to show).

        Args:
            min_severity: keep findings at least this severe (``warning`` keeps errors and
                warnings).
            rules: keep findings of these rule ids.
            subject: keep findings about this entity id or relation key.

        Examples:
            >>> f = Finding(rule="x", severity="warning", subjects=("a",), message_fr="m",
            ...             message_en="m", reference="—")
            >>> len(Report(findings=(f,)).filter(subject="b"))
            0
        """
        floor = Severity(min_severity) if min_severity is not None else None
        wanted = frozenset(rules) if rules is not None else None
        kept = tuple(
            f
            for f in self.findings
            if (floor is None or f.severity >= floor)
            and (wanted is None or f.rule in wanted)
            and (subject is None or subject in f.subjects)
        )
        return self.model_copy(update={"findings": kept})

    def raise_for_errors(self) -> Self:
        """Raise :class:`~ges_graph.errors.ValidationFailed` if any finding is an error.

        The message (in French) gives the number of errors and the first :data:`SHOWN` of each
        rule, then how many more, as ``ges-graph validate`` prints them: a report of 100,000
        errors makes a message of a few kilobytes. Every error is in the exception's ``report``.

        Returns:
            The report itself when it conforms, so that calls chain.

        Raises:
            ValidationFailed: the report has errors; the message lists the first of them.

        Examples:
            >>> f = Finding(rule="r", severity="error", message_fr="m", message_en="m",
            ...             reference="—")
            >>> try:
            ...     Report(findings=(f,) * 30).raise_for_errors()
            ... except ValidationFailed as exc:
            ...     parts = str(exc).split(" ; ")
            ...     print(parts[0], "|", parts[-1], "|", len(exc.report.errors))
            30 erreurs : [r] m | … et 10 autres constats de la règle « r » | 30
        """
        if self.conforms:
            return self
        errors = self.errors
        count = format_number(len(errors), "fr", decimals=0)
        head = f"{count} {Severity.ERROR.label('fr', plural=len(errors) > 1)}"
        kept, omitted = _shown(errors, SHOWN)
        after = _after_last(kept, omitted)
        lines = []
        for i, f in enumerate(kept):
            lines.append(f"[{f.rule}] {f.message('fr')}")
            lines += [o.text("fr", _loaded_rules()) for o in after.get(i, ())]
        raise ValidationFailed(self, f"{head} : " + " ; ".join(lines))

    # -- forms ----------------------------------------------------------------------------------

    def summary(self, lang: Lang = "fr") -> str:
        """One line: the verdict and the count of findings by severity.

        Examples:
            >>> Report(name="G").summary("en")
            'G: conforms (no findings)'
        """
        check_lang(lang)
        return self._summary(lang, self.by_severity())

    def _summary(self, lang: Lang, groups: Mapping[Severity, tuple[Finding, ...]]) -> str:
        t = _in(_TEXT, lang)
        verdict = t["not"] if Severity.ERROR in groups else t["conforms"]
        counts = [s.counted(len(fs), lang) for s, fs in groups.items()]
        detail = ", ".join(counts) if counts else t["none"]
        title = self.name if self.name is not None else t["caption"]
        return f"{title}{t['sep']}{verdict} ({detail})"

    def shown(self, limit: int | None = SHOWN) -> tuple[tuple[Finding, ...], tuple[Omitted, ...]]:
        """The findings a printed report shows: the first ``limit`` of each rule, and the rest.

        Args:
            limit: the most findings of one rule shown (``None``: all of them).

        Returns:
            The findings shown, in their order, and for each rule with more, how many are left
            out (in the order the rules first appear).

        Examples:
            >>> f = Finding(rule="r", severity="info", message_fr="m", message_en="m",
            ...             reference="—")
            >>> kept, omitted = Report(findings=(f, f, f)).shown(limit=1)
            >>> len(kept), omitted
            (1, (Omitted(rule='r', severity=<Severity.INFO: 'info'>, count=2),))
        """
        return _shown(self.findings, limit)

    def to_text(
        self,
        lang: Lang = "fr",
        *,
        limit: int | None = None,
        rules: Mapping[str, Rule] | None = None,
    ) -> str:
        """A readable text: the verdict, then the findings grouped by severity, errors first.

        Each finding shows its rule (by its title in ``rules``, its id beside it), then its
        message, then its subjects and reference. The verdict and the counts are those of every
        finding, whatever ``limit`` leaves out.

        Args:
            lang: the language.
            limit: the most findings of one rule, and subjects of one finding, shown (``None``:
                all); a line then says how many findings of the rule are left out, naming the rule
                by its title in ``rules`` (:data:`ges_graph.rules.RULES`).
            rules: the rules by id, for their titles (those of :mod:`ges_graph.rules` when it is
                loaded, by default); a rule that is not there is named by its id alone.

        Examples:
            >>> from ges_graph.rules import RULES
            >>> f = Finding(rule="isolated-member", severity="warning", subjects=("a", "b"),
            ...             message_fr="A est isolée.", message_en="A is isolated.", reference="—")
            >>> print(Report(findings=(f,) * 3, name="G").to_text("en", limit=1, rules=RULES))
            G: conforms (3 warnings)
            Warnings (3)
              Isolated member (isolated-member)
                A is isolated.
                Subjects: a and 1 more. Reference: none (consistency of the document)
              … and 2 more findings of the rule “Isolated member”
        """
        t = _in(_TEXT, lang)
        known = rules if rules is not None else _loaded_rules()
        groups = self.by_severity()
        lines = [self._summary(lang, groups)]
        for severity, findings in groups.items():
            lines.append(f"{severity.label(lang, plural=True).capitalize()} ({len(findings)})")
            kept, omitted = _shown(findings, limit)
            after = _after_last(kept, omitted)
            for i, f in enumerate(kept):
                titled = known.get(f.rule) if known is not None else None
                # The rule by its title, its id beside it as an entity's is (« Nom (id) »): the
                # id is what the catalogue and ``validate --rules`` list.
                lines.append(f"  {titled.title(lang)} ({f.rule})" if titled else f"  {f.rule}")
                lines.append(f"    {f.message(lang)}")
                lines.append(
                    f"    {t['subjects']}{t['sep']}{subjects_text(f.subjects, limit, lang)}. "
                    f"{t['reference']}{t['sep']}{reference_text(f.reference, lang)}"
                )
                lines += [f"  {o.text(lang, known)}" for o in after.get(i, ())]
        return "\n".join(lines)

    def __str__(self) -> str:
        """The text ``print(report)`` shows: the first :data:`SHOWN` findings of each rule.

        The verdict and counts are those of every finding; :meth:`to_text` gives them all (a
        registry's report of 600,000 findings would print 135 MB).

        Examples:
            >>> f = Finding(rule="r", severity="info", message_fr="m", message_en="m",
            ...             reference="—")
            >>> text = str(Report(findings=(f,) * (SHOWN + 5), name="G"))
            >>> text.splitlines().count("    m"), text.splitlines()[-1]
            (20, '  … et 5 autres constats de la règle « r »')
        """
        return self.to_text(limit=SHOWN, rules=_loaded_rules())

    def to_dict(self, lang: Lang = "fr", *, limit: int | None = None) -> dict[str, Any]:
        """The JSON form of ``ges-graph validate --json`` (without ``file``).

        Args:
            lang: the language of the messages.
            limit: the most findings of one rule given, and subjects and data items of one
                finding (:meth:`Finding.to_dict`); ``None``: all. The findings of a rule left out
                are counted in an ``omitted`` list beside ``findings`` (present only when some
                are): ``{"rule": ..., "severity": ..., "omitted": N}``, one per rule.

        Examples:
            >>> Report().to_dict()
            {'conforms': True, 'findings': []}
            >>> f = Finding(rule="r", severity="error", message_fr="m", message_en="m",
            ...             reference="—")
            >>> out = Report(findings=(f, f)).to_dict(limit=1)
            >>> out["conforms"], len(out["findings"]), out["omitted"]
            (False, 1, [{'rule': 'r', 'severity': 'error', 'omitted': 1}])
        """
        check_lang(lang)
        kept, omitted = _shown(self.findings, limit)
        out: dict[str, Any] = {
            "conforms": self.conforms,
            "findings": [f.to_dict(lang, limit=limit) for f in kept],
        }
        if omitted:
            out["omitted"] = [o.to_dict() for o in omitted]
        return out

    def to_html(
        self,
        lang: Lang = "fr",
        *,
        limit: int | None = None,
        rules: Mapping[str, Rule] | None = None,
    ) -> str:
        """A small HTML table of the findings (every text escaped).

        ``limit`` and ``rules`` as for :meth:`to_text`: a row then says how many findings of a
        rule are left out.

        Examples:
            >>> "&lt;b&gt;" in Report(name="<b>").to_html()
            True
        """
        t = _in(_TEXT, lang)
        e = html.escape
        rows = []
        kept, omitted = _shown(self.findings, limit)
        after = _after_last(kept, omitted)
        for i, f in enumerate(kept):
            rows.append(
                f'<tr class="ges-{e(f.severity.value)}">'
                f"<td>{e(f.severity.label(lang))}</td>"
                f"<td><code>{e(f.rule)}</code></td>"
                f"<td>{e(f.message(lang))}</td>"
                f"<td>{e(subjects_text(f.subjects, limit, lang) if f.subjects else '')}</td>"
                f"<td>{e(reference_text(f.reference, lang))}</td></tr>"
            )
            rows += [
                f'<tr class="ges-omitted"><td colspan="5">{e(o.text(lang, rules))}</td></tr>'
                for o in after.get(i, ())
            ]
        head = (
            f"<tr><th>{t['severity']}</th><th>{t['rule']}</th><th>{t['message']}</th>"
            f"<th>{t['subjects']}</th><th>{t['reference']}</th></tr>"
        )
        return (
            f'<table class="ges-report"><caption>{e(self.summary(lang))}</caption>'
            f"<thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>"
        )

    def _repr_html_(self) -> str:
        """The table a notebook shows: the first :data:`SHOWN` findings of each rule, then how many.

        The whole list stays in :attr:`findings`, and in :meth:`to_html`.
        """
        return self.to_html(limit=SHOWN, rules=_loaded_rules())


def _loaded_rules() -> Mapping[str, Rule] | None:
    """The rules by id, for their titles, when :mod:`ges_graph.rules` is loaded; else ``None``.

    The rules lie above this module (they make reports), which therefore does not import them;
    they are loaded whenever :func:`ges_graph.validate` made the report. A report built by hand
    without them names its rules by id.
    """
    rules = sys.modules.get("ges_graph.rules")
    found = getattr(rules, "RULES", None)
    return found if isinstance(found, Mapping) else None
