"""The rule catalogue is generated from the registry, and the registry is complete."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from ges_graph.rules import RULES, Registry, catalogue_markdown, catalogue_text
from ges_graph.rules.registry import Rule

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT.parent / "shared" / "spec" / "rules.md"


def problems(rule: Rule) -> list[str]:
    """What a registered rule lacks: messages in both languages, titles, a reference…"""
    out = []
    for field in ("title_fr", "title_en", "message_fr", "message_en", "reference", "fires_when"):
        if not getattr(rule, field).strip():
            out.append(f"{rule.id}: no {field}")
    fr, en = rule.placeholders
    if fr != en:
        out.append(f"{rule.id}: the French and English messages use different arguments")
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.id):
        out.append(f"{rule.id}: the id is not kebab-case")
    return out


@pytest.mark.parametrize("rule_id", list(RULES))
def test_every_rule_has_messages_in_both_languages_and_a_reference(rule_id: str) -> None:
    assert problems(RULES[rule_id]) == []


@pytest.mark.parametrize(
    "change",
    [{"message_en": ""}, {"message_fr": "  "}, {"reference": ""}, {"message_en": "{other}"}],
)
def test_the_metadata_check_catches_a_rule_that_lacks_something(change: dict[str, str]) -> None:
    broken = dataclasses.replace(RULES["ai-form"], **change)
    assert problems(broken)


def test_the_committed_catalogue_is_the_generated_one() -> None:
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == catalogue_markdown(), (
        "docs/rules.md drifted from the registry: regenerate it with "
        '.venv/bin/python -c "from ges_graph.rules import catalogue_markdown; '
        "open('docs/rules.md', 'w').write(catalogue_markdown())\""
    )


def test_the_catalogue_lists_every_rule_once_with_its_parameters() -> None:
    text = catalogue_markdown()
    for rule in RULES.values():
        assert text.count(f"| `{rule.id}` | {rule.severity.value} |") == 1
        for p in rule.params:
            assert f"| `{rule.id}` | `{p.name}` |" in text
    assert "60 000 000 from 2025-01-01; 48 000 000 before 2025-01-01" in text


def test_catalogue_text_for_the_cli() -> None:
    fr = catalogue_text()
    en = catalogue_text("en")
    assert fr.splitlines()[0] == "Forme et capital"
    assert en.splitlines()[0] == "Form and capital"
    for rule in RULES.values():
        assert rule.id in fr
        assert rule.title("en") in en
    assert "erreur" in fr
    assert "warning" in en


def test_the_registry_refuses_a_duplicate_id() -> None:
    rule = RULES["ai-form"]
    with pytest.raises(ValueError, match="registered twice"):
        Registry([rule, rule])


def test_rules_are_grouped_in_four_families_in_the_spec_order() -> None:
    families = RULES.by_family()
    assert [f.value for f in families] == [
        "form_capital",
        "governance",
        "flows_labour",
        "accounts",
    ]
    assert sum(len(rs) for rs in families.values()) == len(RULES)


def test_ids_and_severities_are_those_of_the_spec() -> None:
    if not SPEC.is_file():
        pytest.skip("../shared/spec/rules.md is not present")
    rows = re.findall(
        r"^\| `([a-z0-9-]+)` \| (error|warning|info) \|", SPEC.read_text("utf-8"), re.MULTILINE
    )
    assert rows, "no rule table found in the spec"
    assert [r for r, _ in rows] == list(RULES)
    assert dict(rows) == {r.id: r.severity.value for r in RULES.values()}
