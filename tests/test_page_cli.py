"""``ges-graph report FILE -o OUT.html``."""

from __future__ import annotations

from pathlib import Path

import pytest

from ges_graph._data import example_path
from ges_graph.cli import main

SOURCE = example_path("chantiers-verts.yaml")


def test_report_writes_the_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "r.html"
    assert main(["report", "--lang", "en", str(SOURCE), "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="en">' in page
    assert "Association Chantiers Verts" in page
    assert str(out) in capsys.readouterr().err


def test_report_of_a_bad_document_is_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "r.html"
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: ges-graph/1\nname: G\nentities: []\n", encoding="utf-8")
    assert main(["report", str(bad), "-o", str(out)]) == 2
    assert "entities" in capsys.readouterr().err
    assert not out.exists()


def test_report_to_an_unwritable_place_is_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "missing-dir" / "r.html"
    assert main(["report", str(SOURCE), "-o", str(out)]) == 2
    assert "r.html" in capsys.readouterr().err
