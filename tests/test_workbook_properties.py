"""Any document survives a workbook and a folder of CSV files (Hypothesis strategies)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ges_graph.i18n import Lang
from ges_graph.io.spreadsheet import (
    load_csv_folder,
    load_workbook,
    save_csv_folder,
    save_workbook,
)
from ges_graph.model import Document
from ges_graph.strategies import documents

pytest.importorskip("openpyxl")

LANGS = st.sampled_from(["fr", "en"])


@given(documents(), LANGS)
@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_document_survives_a_csv_folder(doc: Document, lang: Lang) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        save_csv_folder(doc, tmp, lang=lang)
        assert load_csv_folder(tmp) == doc


@given(documents(), LANGS)
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_document_survives_a_workbook(doc: Document, lang: Lang) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "g.xlsx"
        save_workbook(doc, path, lang=lang)
        assert load_workbook(path) == doc
