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
    >>> print(report.to_text(lang="en"))
    Groupe Mosaïque: does not conform (1 error)
    Errors (1)
      [ai-form] Mosaïque Emploi (sarl) holds an AI convention but is not an association.
          Subjects: sarl. Reference: C. trav. L5132-7
    >>> report.filter(min_severity="error").to_dict(lang="en")["findings"][0]["rule"]
    'ai-form'
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, field_serializer, model_validator

from ges_graph import vocabulary as _vocabulary
from ges_graph.errors import ArgumentTypeError, ValidationFailed
from ges_graph.i18n import LANGS, Lang, Tr, check_lang

__all__ = [
    "Finding",
    "Messages",
    "Report",
]

Severity = _vocabulary.Severity
"""Re-exported: the severities are a vocabulary (:class:`ges_graph.vocabulary.Severity`)."""

# --------------------------------------------------------------------------------------------
# Findings
# --------------------------------------------------------------------------------------------


class Messages:
    """A finding's message in French and English, rendered on first use and then kept.

    Rules build their messages lazily (most findings of a large group are never printed); a
    finding made by hand gives both texts at once.

    Args:
        render: a function of the language that returns the message (lazy form).
        fr: the French text (fixed form).
        en: the English text (fixed form).

    Examples:
        >>> m = Messages(lambda lang: f"texte {lang}")
        >>> m.get("en"), m == Messages(fr="texte fr", en="texte en")
        ('texte en', True)
    """

    __slots__ = ("_en", "_fr", "_render")

    def __init__(
        self,
        render: Callable[[str], str] | None = None,
        *,
        fr: str | None = None,
        en: str | None = None,
    ) -> None:
        if render is None and (fr is None or en is None):
            raise ArgumentTypeError("Messages needs a render function, or both fr and en")
        self._render = render
        self._fr = fr
        self._en = en

    def get(self, lang: Lang = "fr") -> str:
        """The message in ``lang``."""
        if check_lang(lang) == "fr":
            if self._fr is None:
                self._fr = self._render(lang)  # type: ignore[misc]
            return self._fr
        if self._en is None:
            self._en = self._render(lang)  # type: ignore[misc]
        return self._en

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Messages):
            return NotImplemented
        return (self.get("fr"), self.get("en")) == (other.get("fr"), other.get("en"))

    def __hash__(self) -> int:
        return hash((self.get("fr"), self.get("en")))

    def __repr__(self) -> str:
        return f"Messages(fr={self.get('fr')!r}, en={self.get('en')!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled (and deep-copied) as fixed texts: the render function need not travel.
        return (_fixed_messages, (self.get("fr"), self.get("en")))


def _fixed_messages(fr: str, en: str) -> Messages:
    return Messages(fr=fr, en=en)


class Finding(BaseModel):
    """One thing validation found.

    Build one with both messages (``message_fr=``, ``message_en=``); rules build theirs lazily
    (``messages=``), rendered the first time they are read.

    Attributes:
        rule: the stable id of the rule that found it (``capital-over-100``).
        severity: ``error``, ``warning`` or ``info``.
        subjects: the entity ids and relation keys it is about, entities first.
        reference: the legal text or doctrine the rule rests on (``—`` when none).
        messages: the message in both languages (see :attr:`message_fr`, :attr:`message_en`).
        data: plain JSON data beside the message, or ``None``: the full lists that a message
            names only the first few of (``{"candidates": [...]}`` for ``governance-not-unified``).

    Examples:
        >>> f = Finding(rule="r", severity="info", message_fr="m", message_en="n", reference="—")
        >>> f.message("en"), f.message_fr
        ('n', 'm')
    """

    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)

    rule: str
    severity: Severity
    subjects: tuple[str, ...] = ()
    reference: str
    messages: Messages
    data: Mapping[str, Any] | None = None

    @model_validator(mode="before")
    @classmethod
    def _fixed_messages(cls, data: Any) -> Any:
        if isinstance(data, dict) and "messages" not in data:
            data = dict(data)
            fr, en = data.pop("message_fr", None), data.pop("message_en", None)
            if not isinstance(fr, str) or not isinstance(en, str):
                raise ValueError("a finding needs message_fr and message_en (strings)")
            data["messages"] = Messages(fr=fr, en=en)
        return data

    @field_serializer("messages")
    def _dump_messages(self, value: Messages) -> dict[str, str]:
        return {lang: value.get(lang) for lang in LANGS}

    @property
    def message_fr(self) -> str:
        """The message in French, entities named by name and id."""
        return self.messages.get("fr")

    @property
    def message_en(self) -> str:
        """The message in English."""
        return self.messages.get("en")

    def message(self, lang: Lang = "fr") -> str:
        """The message in ``lang`` (``fr`` or ``en``)."""
        check_lang(lang)
        return self.messages.get(lang)

    def to_dict(self, lang: Lang = "fr") -> dict[str, Any]:
        """The finding as in ``validate --json``: rule, severity, subjects, message, reference.

        ``data`` follows when the finding carries some (a key added to the format of
        ``cli.md``, absent otherwise).

        Examples:
            >>> Finding(rule="r", severity="info", message_fr="m", message_en="m",
            ...         reference="—").to_dict()
            {'rule': 'r', 'severity': 'info', 'subjects': [], 'message': 'm', 'reference': '—'}
            >>> Finding(rule="r", severity="info", message_fr="m", message_en="m",
            ...         reference="—", data={"candidates": ["a", "b"]}).to_dict()["data"]
            {'candidates': ['a', 'b']}
        """
        check_lang(lang)
        out: dict[str, Any] = {
            "rule": self.rule,
            "severity": self.severity.value,
            "subjects": list(self.subjects),
            "message": self.message(lang),
            "reference": self.reference,
        }
        if self.data is not None:
            out["data"] = {k: list(v) if isinstance(v, tuple) else v for k, v in self.data.items()}
        return out


# --------------------------------------------------------------------------------------------
# The report
# --------------------------------------------------------------------------------------------

_TEXT: dict[str, Tr] = {
    "conforms": Tr("conforme", "conforms"),
    "not": Tr("non conforme", "does not conform"),
    "none": Tr("aucune constatation", "no findings"),
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
        out = {s: self._of(s) for s in Severity}
        return {s: fs for s, fs in out.items() if fs}

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

        Returns:
            The report itself when it conforms, so that calls chain.

        Raises:
            ValidationFailed: the report has errors; the message lists them (in French).
        """
        if self.conforms:
            return self
        errors = self.errors
        head = f"{len(errors)} {Severity.ERROR.label('fr', plural=len(errors) > 1)}"
        lines = [f"[{f.rule}] {f.message('fr')}" for f in errors]
        raise ValidationFailed(self, f"{head}: " + "; ".join(lines))

    # -- forms ----------------------------------------------------------------------------------

    def summary(self, lang: Lang = "fr") -> str:
        """One line: the verdict and the count of findings by severity.

        Examples:
            >>> Report(name="G").summary("en")
            'G: conforms (no findings)'
        """
        t = _in(_TEXT, lang)
        verdict = t["conforms"] if self.conforms else t["not"]
        counts = [
            f"{len(fs)} {s.label(lang, plural=len(fs) > 1)}" for s, fs in self.by_severity().items()
        ]
        detail = ", ".join(counts) if counts else t["none"]
        title = self.name if self.name is not None else t["caption"]
        return f"{title}{t['sep']}{verdict} ({detail})"

    def to_text(self, lang: Lang = "fr") -> str:
        """A readable text: the verdict, then the findings grouped by severity, errors first.

        Each finding shows its rule, message, subjects and reference.
        """
        t = _in(_TEXT, lang)
        lines = [self.summary(lang)]
        for severity, findings in self.by_severity().items():
            lines.append(f"{severity.label(lang, plural=True).capitalize()} ({len(findings)})")
            for f in findings:
                lines.append(f"  [{f.rule}] {f.message(lang)}")
                subjects = ", ".join(f.subjects) if f.subjects else "—"
                lines.append(
                    f"      {t['subjects']}{t['sep']}{subjects}. "
                    f"{t['reference']}{t['sep']}{f.reference}"
                )
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.to_text()

    def to_dict(self, lang: Lang = "fr") -> dict[str, Any]:
        """The JSON form of ``ges-graph validate --json`` (without ``file``).

        Examples:
            >>> Report().to_dict()
            {'conforms': True, 'findings': []}
        """
        check_lang(lang)
        return {
            "conforms": self.conforms,
            "findings": [f.to_dict(lang) for f in self.findings],
        }

    def to_html(self, lang: Lang = "fr") -> str:
        """A small HTML table of the findings (every text escaped).

        Examples:
            >>> "&lt;b&gt;" in Report(name="<b>").to_html()
            True
        """
        t = _in(_TEXT, lang)
        e = html.escape
        rows = []
        for f in self.findings:
            rows.append(
                f'<tr class="ges-{e(f.severity.value)}">'
                f"<td>{e(f.severity.label(lang))}</td>"
                f"<td><code>{e(f.rule)}</code></td>"
                f"<td>{e(f.message(lang))}</td>"
                f"<td>{e(', '.join(f.subjects))}</td>"
                f"<td>{e(f.reference)}</td></tr>"
            )
        head = (
            f"<tr><th>{t['severity']}</th><th>{t['rule']}</th><th>{t['message']}</th>"
            f"<th>{t['subjects']}</th><th>{t['reference']}</th></tr>"
        )
        return (
            f'<table class="ges-report"><caption>{e(self.summary(lang))}</caption>'
            f"<thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>"
        )

    def _repr_html_(self) -> str:
        return self.to_html()
