"""What a printed report shows: the first findings of each rule, and how many are left out.

A group of 100,000 isolated associations gives 100,000 findings of one rule; printed whole, the
report would run to megabytes. The command prints the first :data:`SHOWN` of each rule, then one
line that says how many more there are, naming the rule by its title (``--all`` prints them all);
a finding's subjects, and the lists of its data, are cut the same way. The verdict and the counts
are always those of every finding.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ges_graph import vocabulary as _vocabulary
from ges_graph.i18n import Lang, Tr, check_lang, format_number
from ges_graph.report._finding import Finding

if TYPE_CHECKING:
    from ges_graph.rules.registry import Rule

__all__ = ["SHOWN", "Omitted", "subjects_text"]

Severity = _vocabulary.Severity

SHOWN = 20
"""What a printed report shows by default: the first findings of each rule, the first subjects
of each finding, the first items of each list of its data (``ges-graph validate --all``: all)."""

_MORE_FINDINGS = (
    Tr("… et {count} autre constat de la règle « {rule} »", "… and {count} more finding of the "
       "rule “{rule}”"),
    Tr("… et {count} autres constats de la règle « {rule} »", "… and {count} more findings of "
       "the rule “{rule}”"),
)  # fmt: skip
"""The line that stands for the findings of one rule left out (singular, plural)."""
_MORE_SUBJECTS = (
    Tr("{shown} et {count} autre", "{shown} and {count} more"),
    Tr("{shown} et {count} autres", "{shown} and {count} more"),
)
"""A list of subjects cut short (singular, plural)."""


@dataclass(frozen=True)
class Omitted:
    """The findings of one rule that a printed report leaves out (:meth:`Report.shown`).

    Attributes:
        rule: the rule's id.
        severity: the severity of its findings.
        count: how many of them are left out.

    Examples:
        >>> o = Omitted("isolated-member", Severity.WARNING, 99_980)
        >>> o.to_dict()
        {'rule': 'isolated-member', 'severity': 'warning', 'omitted': 99980}
        >>> from ges_graph.rules import RULES
        >>> print(o.text("fr", RULES))
        … et 99 980 autres constats de la règle « Membre isolé »
        >>> print(Omitted("isolated-member", Severity.WARNING, 1).text("en", RULES))
        … and 1 more finding of the rule “Isolated member”
    """

    rule: str
    severity: Severity
    count: int

    def to_dict(self) -> dict[str, Any]:
        """The entry of the ``omitted`` list of ``validate --json``: rule, severity, count."""
        return {"rule": self.rule, "severity": self.severity.value, "omitted": self.count}

    def text(self, lang: Lang = "fr", rules: Mapping[str, Rule] | None = None) -> str:
        """The line that says how many findings of the rule are left out, the rule by its title.

        Args:
            lang: the language.
            rules: the rules by id (:data:`ges_graph.rules.RULES`), for their titles; a rule
                that is not there (a finding made by hand) is named by its id.
        """
        check_lang(lang)
        titled = rules.get(self.rule) if rules is not None else None
        title = titled.title(lang) if titled is not None else self.rule
        count = format_number(self.count, lang, decimals=0)
        return _MORE_FINDINGS[self.count > 1].format(lang, count=count, rule=title)


def _shown(
    findings: Iterable[Finding], limit: int | None
) -> tuple[tuple[Finding, ...], tuple[Omitted, ...]]:
    """The first ``limit`` findings of each rule (all when ``None``), and what is left out.

    A rule's findings usually follow one another (a report lists them rule by rule): they are
    taken and counted by runs, so that six hundred thousand findings cost a few runs, not a
    Python step each. Findings of a rule that come back later continue its count.

    Examples:
        >>> f = [Finding(rule=r, severity="info", message_fr="m", message_en="m",
        ...              reference="—") for r in "aabab"]
        >>> kept, omitted = _shown(f, 1)
        >>> [k.rule for k in kept], [(o.rule, o.count) for o in omitted]
        (['a', 'b'], [('a', 2), ('b', 1)])
    """
    if limit is None:
        return tuple(findings), ()
    seen: dict[tuple[str, Severity], int] = {}
    kept: list[Finding] = []
    for key, run in itertools.groupby(findings, _RULE_AND_SEVERITY):
        found = list(run)
        before = seen.get(key, 0)
        kept += found[: max(0, limit - before)]
        seen[key] = before + len(found)
    omitted = (Omitted(r, s, n - limit) for (r, s), n in seen.items() if n > limit)
    return tuple(kept), tuple(omitted)


_RULE_AND_SEVERITY = operator.attrgetter("rule", "severity")


def _after_last(
    kept: tuple[Finding, ...], omitted: tuple[Omitted, ...]
) -> dict[int, list[Omitted]]:
    """Where each omission goes: after the last finding shown of its rule, by index in ``kept``."""
    last = {(f.rule, f.severity): i for i, f in enumerate(kept)}
    out: dict[int, list[Omitted]] = {}
    for o in omitted:
        out.setdefault(last.get((o.rule, o.severity), len(kept) - 1), []).append(o)
    return out


def subjects_text(
    subjects: tuple[str, ...],
    limit: int | None,
    lang: Lang = "fr",
    each: Callable[[str], str] | None = None,
) -> str:
    """The subjects, comma-separated, the first ``limit`` of them then how many more.

    Args:
        subjects: the entity ids and relation keys.
        limit: the most shown (``None``: all).
        lang: the language of « et N autres ».
        each: how to write one (HTML: escaped, in ``<code>``); as it is by default.

    Examples:
        >>> subjects_text(("a", "b", "c"), 2, "fr"), subjects_text(("a", "b"), 2, "en")
        ('a, b et 1 autre', 'a, b')
        >>> subjects_text(("a", "b", "c"), 1, "en", each=lambda s: f"<code>{s}</code>")
        '<code>a</code> and 2 more'
    """
    check_lang(lang)
    if not subjects:
        return "—"
    write = each if each is not None else str
    if limit is None or len(subjects) <= limit:
        return ", ".join(map(write, subjects))
    count = format_number(len(subjects) - limit, lang, decimals=0)
    more = _MORE_SUBJECTS[len(subjects) - limit > 1]
    return more.format(lang, shown=", ".join(map(write, subjects[:limit])), count=count)
