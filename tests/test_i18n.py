"""Languages and number formatting: one convention per language, everywhere."""

from __future__ import annotations

import copy
import pickle
import re
from decimal import Decimal
from typing import Any

import pytest
from conformance_cases import select
from hypothesis import given
from hypothesis import strategies as st

from ges_graph.classification import classify
from ges_graph.graph import GES
from ges_graph.i18n import (
    LANG_VARIABLE,
    LANGS,
    Tr,
    check_lang,
    default_lang,
    format_money,
    format_number,
    format_percent,
    format_percent_range,
)
from ges_graph.io import load
from ges_graph.model import PercentRange
from ges_graph.rules import validate
from ges_graph.schemas import SchemaDef, reference_schemas

finite = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)


def test_check_lang_accepts_the_languages_and_names_the_choices() -> None:
    assert tuple(check_lang(lang) for lang in LANGS) == ("fr", "en")
    with pytest.raises(ValueError, match=r"^unknown language 'de' \(must be one of 'fr', 'en'\)$"):
        check_lang("de")


@pytest.mark.parametrize(
    ("func", "args"),
    [
        (format_number, (1.0,)),
        (format_percent, (1.0,)),
        (format_percent_range, (1.0,)),
        (format_money, (1.0, "EUR")),
    ],
)
def test_every_formatter_refuses_an_unknown_language(
    func: object, args: tuple[object, ...]
) -> None:
    with pytest.raises(ValueError, match="unknown language 'FR'"):
        func(*args, "FR")  # type: ignore[operator]


def test_format_percent_french_and_english() -> None:
    assert format_percent(50.0) == "50 %"
    assert format_percent(12.5) == "12,5 %"
    assert format_percent(12.345, "en") == "12.35%"
    assert format_percent(50.5, "en") == "50.5%"
    assert format_percent(100 * 2 / 3, "fr", decimals=0) == "67 %"
    assert format_percent(100 * 2 / 3, "en", decimals=0) == "67%"


def test_format_number_groups_thousands_and_never_writes_minus_zero() -> None:
    assert format_number(1234567.5) == "1 234 567,5"
    assert format_number(1234567.5, "en") == "1,234,567.5"
    assert format_number(-0.001) == "0"
    assert format_number(Decimal("-0.004"), "en") == "0"
    assert format_number(-1234.5, "en") == "-1,234.5"
    assert format_number(0.125, "fr", decimals=1) == "0,1"
    assert format_number(99.999) == "100"
    assert format_number(7, "en", decimals=0) == "7"


def test_format_percent_range() -> None:
    share = PercentRange(min=25, max=50)
    assert format_percent_range(share) == "25–50 %"
    assert format_percent_range(share, "en") == "25–50%"
    assert format_percent_range(PercentRange(min=33.5, max=66.75), "fr") == "33,5–66,75 %"
    assert format_percent_range(90.0, "en") == format_percent(90.0, "en") == "90%"


def test_format_money_shows_cents_when_there_are_cents() -> None:
    assert format_money(48_000_000, "EUR") == "48 000 000 EUR"
    assert format_money(1250.5, "EUR", "en") == "1,250.50 EUR"
    assert format_money(Decimal("-0.10"), "EUR") == "-0,10 EUR"
    assert format_money(12.0, "CHF", "en") == "12 CHF"


@given(finite, st.integers(min_value=0, max_value=4))
def test_french_and_english_write_the_same_digits(value: float, decimals: int) -> None:
    fr = format_number(value, "fr", decimals=decimals)
    en = format_number(value, "en", decimals=decimals)
    assert fr.replace(" ", "").replace(",", ".") == en.replace(",", "")
    assert float(en.replace(",", "")) == pytest.approx(round(value, decimals), abs=10**-decimals)
    assert re.fullmatch(r"-?\d{1,3}(,\d{3})*(\.\d+)?", en), en
    if "." in en:
        assert not en.endswith("0")
        assert len(en.split(".")[1]) <= decimals


@given(finite)
def test_one_percent_convention_per_language(value: float) -> None:
    assert format_percent(value, "fr") == format_number(value, "fr") + " %"
    assert format_percent(value, "en") == format_number(value, "en") + "%"


# -- every message follows its language's convention -----------------------------------------

_FR_WRONG = re.compile(r"\d%")  # French writes "50 %"
_EN_WRONG = re.compile(r"\d %")  # English writes "50%"


def _texts(ges: GES) -> dict[str, str]:
    classification = classify(ges)
    report = validate(ges)
    whys = [
        ges.control.why(a, b)
        for a in sorted(ges.control.members)
        for b in sorted(ges.control.members)
        if a != b
    ]
    return {
        lang: "\n".join(
            [
                classification.to_text(lang),
                report.to_text(lang),
                *(w.sentence(lang) for w in whys if w is not None),
            ]
        )
        for lang in LANGS
    }


@pytest.mark.parametrize("schema", reference_schemas(), ids=lambda s: s.id)
def test_classification_and_control_texts_write_percentages_the_languages_way(
    schema: SchemaDef,
) -> None:
    texts = _texts(schema.example_ges())
    assert "%" in texts["fr"]
    assert "%" in texts["en"]
    assert not _FR_WRONG.search(texts["fr"]), texts["fr"]
    assert not _EN_WRONG.search(texts["en"]), texts["en"]


@pytest.mark.parametrize("case", select("findings"))
def test_findings_write_percentages_the_languages_way(case: dict[str, Any] | None) -> None:
    assert case is not None
    texts = _texts(load(case["path"]))
    assert not _FR_WRONG.search(texts["fr"]), texts["fr"]
    assert not _EN_WRONG.search(texts["en"]), texts["en"]


# -- the language nobody asked for: GES_GRAPH_LANG, else the locale, else French ------------------


@pytest.mark.parametrize(
    ("environ", "lang"),
    [
        ({}, "fr"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "en"}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "C.UTF-8"}, "fr"),
        ({"LANG": "de_DE.UTF-8"}, "fr"),
        ({"LANG": ""}, "fr"),
        ({"LC_MESSAGES": "en_GB.UTF-8", "LANG": "fr_FR.UTF-8"}, "en"),
        ({"LC_ALL": "fr_FR.UTF-8", "LC_MESSAGES": "en_GB.UTF-8"}, "fr"),
        ({"LC_ALL": "", "LANG": "en_US.UTF-8"}, "en"),  # an empty variable is not set
        ({"GES_GRAPH_LANG": "en"}, "en"),
        ({"GES_GRAPH_LANG": "EN ", "LANG": "fr_FR.UTF-8"}, "en"),
        ({"GES_GRAPH_LANG": "fr", "LC_ALL": "en_US.UTF-8"}, "fr"),
        ({"GES_GRAPH_LANG": "de", "LANG": "en_US.UTF-8"}, "en"),  # not a language: the locale
    ],
)
def test_default_lang_reads_the_variable_then_the_locale(
    environ: dict[str, str], lang: str
) -> None:
    assert default_lang(environ) == lang


def test_default_lang_reads_the_process_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv(LANG_VARIABLE, "en")
    assert default_lang() == "en"
    monkeypatch.delenv(LANG_VARIABLE)
    assert default_lang() == "fr"


# -- Tr: an immutable value ------------------------------------------------------------------------


def test_a_tr_is_an_immutable_hashable_value() -> None:
    head = Tr("tête de groupe", "head of group")
    assert head == Tr("tête de groupe", "head of group")
    assert head != Tr("tête de groupe", "head")
    assert head != ("tête de groupe", "head of group")
    assert len({head, Tr("tête de groupe", "head of group")}) == 1
    assert repr(head) == "Tr(fr='tête de groupe', en='head of group')"
    with pytest.raises(AttributeError):
        head.fr = "autre"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del head.en  # type: ignore[misc]
    with pytest.raises(AttributeError):
        head.other = "x"  # type: ignore[attr-defined]
    assert head.render("fr") == "tête de groupe"


def test_a_tr_survives_pickle_and_copy() -> None:
    head = Tr("tête de groupe", "head of group")
    assert pickle.loads(pickle.dumps(head)) == head
    assert copy.deepcopy(head) == head
    assert copy.copy(head) == head
