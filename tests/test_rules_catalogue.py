"""The rule catalogue is generated from the registry, and the registry is complete."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from ges_graph.errors import ArgumentError
from ges_graph.i18n import Tr
from ges_graph.rules import RULES, Registry, catalogue_markdown, catalogue_text, registry
from ges_graph.rules.params import UNITS, Param
from ges_graph.rules.registry import Rule, const

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT.parent / "shared" / "spec" / "rules.md"


def problems(rule: Rule) -> list[str]:
    """What a registered rule lacks: messages in both languages, titles, a reference…"""
    out = []
    fields = ("title_fr", "title_en", "message_fr", "message_en", "reference")
    for field in (*fields, "fires_when_fr", "fires_when_en"):
        if not getattr(rule, field).strip():
            out.append(f"{rule.id}: no {field}")
    for p in rule.params:
        for lang in ("fr", "en"):
            if not p.description_in(lang).strip() or not p.unit_in(lang).strip():
                out.append(f"{rule.id}: the parameter {p.name} has no {lang} description or unit")
    out += [f"{rule.id}: {problem}" for problem in french_problems(rule)]
    fr, en = rule.placeholders
    if fr != en:
        out.append(f"{rule.id}: the French and English messages use different arguments")
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.id):
        out.append(f"{rule.id}: the id is not kebab-case")
    return out


_ENGLISH = re.compile(r"(?i)(?<![\w'’])(the|when|or|of|and|is|with|from|holds?|flows?)(?![\w'’])")
"""Words of English that have no place in French (« or » too: the rules' French never uses it)."""
_CODE = re.compile(r"`[^`]+`")


def french_texts(rule: Rule) -> list[str]:
    """The French a rule's catalogue entry shows: when it fires, its parameters and units."""
    texts = [rule.fires_when_in("fr")]
    for p in rule.params:
        texts += [p.description_in("fr"), p.unit_in("fr"), p.values_in("fr")]
    return texts


def french_problems(rule: Rule) -> list[str]:
    """English words, a code in backquotes, the French and English alike, a space that breaks."""
    out = []
    for text in french_texts(rule):
        if found := _ENGLISH.findall(text):
            out.append(f"English {sorted(set(found))} in the French {text[:60]!r}")
        if _CODE.search(text):
            out.append(f"a code in backquotes in the French {text[:60]!r}")
        if re.search(r" [:;?!%»]|« ", text):
            out.append(f"a breaking space before a sign in {text[:60]!r}")
    if rule.fires_when_fr == rule.fires_when_en:
        out.append("when it fires is not translated")
    return out


@pytest.mark.parametrize("rule_id", list(RULES))
def test_every_rule_has_messages_in_both_languages_and_a_reference(rule_id: str) -> None:
    assert problems(RULES[rule_id]) == []


def test_there_are_34_rules_each_saying_when_it_fires_in_both_languages() -> None:
    assert len(RULES) == 34
    assert len({r.fires_when_in("fr") for r in RULES.values()}) == len(RULES)
    assert RULES["ai-form"].fires_when == RULES["ai-form"].fires_when_in("en")  # old readers


@pytest.mark.parametrize(
    "change",
    [
        {"message_en": ""},
        {"message_fr": "  "},
        {"reference": ""},
        {"message_en": "{other}"},
        {"fires_when_fr": ""},
        {"fires_when_en": " "},
        {"fires_when_fr": "the group has fewer than two members"},
        {"fires_when_fr": "une `sasu` compte deux associés"},
        {"fires_when_fr": "plus de 50 % du capital"},
    ],
)
def test_the_metadata_check_catches_a_rule_that_lacks_something(change: dict[str, str]) -> None:
    broken = dataclasses.replace(RULES["ai-form"], **change)
    assert problems(broken)


def test_the_metadata_check_catches_a_parameter_left_in_english() -> None:
    english = const("minimum", 2, "members", Tr("the fewest members", "the fewest members"))
    broken = dataclasses.replace(RULES["gie-members"], params=(english,))
    assert problems(broken) == ["gie-members: English ['the'] in the French 'the fewest members'"]


def test_the_decorator_takes_when_a_rule_fires_in_both_languages() -> None:
    made = registry.rule(
        "x",
        "info",
        RULES["ai-form"].family,
        title=("T", "T"),
        message=("m", "m"),
        reference="—",
        fires_when=("le seuil : « 10 % » ; toujours ?", "the threshold: 10%"),
    )(RULES["ai-form"].check)
    nbsp = "\N{NO-BREAK SPACE}"
    assert made.fires_when_in("fr") == (
        f"le seuil{nbsp}: «{nbsp}10{nbsp}%{nbsp}»{nbsp}; toujours{nbsp}?"
    )
    assert made.fires_when_in("en") == made.fires_when == "the threshold: 10%"


@pytest.mark.parametrize(
    ("unit", "value", "fr", "en"),
    [
        ("points", 0.01, "0,01 point", "0.01 points"),
        ("points", 1, "1 point", "1 point"),
        ("points", 2.5, "2,5 points", "2.5 points"),
        ("%", 10, "10\N{NO-BREAK SPACE}%", "10%"),
        ("EUR", 153_000, "153 000 euros", "153,000 EUR"),
        ("employees", 250, "250 salariés", "250 employees"),
        ("employees", 1, "1 salarié", "1 employee"),
        ("members", 2, "2 membres", "2 members"),
        ("categories", 3, "3 catégories", "3 categories"),
        ("shareholders", 2, "2 actionnaires", "2 shareholders"),
    ],
)
def test_a_value_is_written_with_its_unit_in_each_language(
    unit: str, value: float, fr: str, en: str
) -> None:
    assert UNITS[unit].quantity(value, "fr") == fr
    assert UNITS[unit].quantity(value, "en") == en


def test_every_parameter_names_a_known_unit_and_an_unknown_one_is_refused() -> None:
    assert {p.unit for r in RULES.values() for p in r.params} <= set(UNITS)
    with pytest.raises(ArgumentError, match="unknown unit 'furlongs'"):
        Param("x", "furlongs", Tr("x", "x"), ((None, 1),))


def test_a_dated_parameter_says_from_when_each_value_applies() -> None:
    turnover = next(p for p in RULES["consolidation-duty"].params if p.name == "turnover")
    assert turnover.values_in("fr") == (
        "60 000 000 euros à compter du 01/01/2025\N{NO-BREAK SPACE}; "
        "48 000 000 euros avant le 01/01/2025"
    )
    assert turnover.values_in("en", unit=False) == (
        "60,000,000 from 2025-01-01; 48,000,000 before 2025-01-01"
    )


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_json_of_validate_rules_says_when_each_rule_fires(lang: str) -> None:
    for r in RULES.values():
        data = r.to_dict(lang)  # type: ignore[arg-type]
        assert data["fires_when"] == r.fires_when_in(lang)  # type: ignore[arg-type]
        for p, d in zip(r.params, data["parameters"], strict=True):
            assert d["unit"] == p.unit  # the code, the same in both languages
            assert d["unit_name"] == p.unit_in(lang)  # type: ignore[arg-type]
            assert d["description"] == p.description_in(lang)  # type: ignore[arg-type]
    gie = RULES["gie-members"].to_dict("fr")
    if lang == "fr":
        assert gie["fires_when"].startswith("un groupement d'intérêt économique compte moins")
        assert gie["parameters"][0]["unit_name"] == "membres"
        assert gie["parameters"][0]["description"] == "le nombre minimal de membres d'un GIE"


def test_the_french_catalogue_says_when_each_rule_fires_with_french_units() -> None:
    text = catalogue_markdown("fr")
    assert text.startswith("# Catalogue des règles")
    for r in RULES.values():
        assert f"| {r.fires_when_in('fr')} |" in text
        assert r.fires_when_en not in text
        for p in r.params:
            assert f"| {p.unit_in('fr')} | {p.description_in('fr')} |" in text
    assert "| `consolidation-duty` | `headcount` | 250 | salariés |" in text
    assert "| `cross-holding` | erreur |" in text
    assert "60 000 000 à compter du 01/01/2025" in text


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
    assert "60,000,000 from 2025-01-01; 48,000,000 before 2025-01-01" in text


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
