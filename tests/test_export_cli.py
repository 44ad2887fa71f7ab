"""``ges-graph convert`` to GraphML, GEXF and BODS (``.bods.json``)."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from ges_graph._data import example_path
from ges_graph.cli import main
from ges_graph.export import to_gexf, to_graphml
from ges_graph.io import load

SOURCE = example_path("tremplin.yaml")


@pytest.mark.parametrize(
    ("name", "check"),
    [
        ("g.graphml", lambda text: nx.parse_graphml(text, force_multigraph=True)),
        ("g.gexf", lambda text: text.index("<gexf")),
        ("g.bods.json", lambda text: json.loads(text)[0]["publicationDetails"]["bodsVersion"]),
    ],
)
def test_convert_exports_by_suffix(tmp_path: Path, name: str, check: object) -> None:
    out = tmp_path / name
    assert main(["convert", str(SOURCE), "-o", str(out)]) == 0
    check(out.read_text(encoding="utf-8"))  # type: ignore[operator]


def test_graphml_and_gexf_are_the_library_exports(tmp_path: Path) -> None:
    ges = load(SOURCE)
    main(["convert", str(SOURCE), "-o", str(tmp_path / "g.graphml")])
    main(["convert", str(SOURCE), "-o", str(tmp_path / "g.gexf")])
    assert (tmp_path / "g.graphml").read_text(encoding="utf-8") == to_graphml(ges)
    assert (tmp_path / "g.gexf").read_text(encoding="utf-8") == to_gexf(ges)


def test_plain_json_stays_the_document(tmp_path: Path) -> None:
    out = tmp_path / "g.json"
    assert main(["convert", str(SOURCE), "-o", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["format"] == "ges-graph/1"


def test_bods_to_stdout_with_to(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["convert", "--to", "bods", str(SOURCE), "-o", "-"]) == 0
    statements = json.loads(capsys.readouterr().out)
    assert {s["recordType"] for s in statements} == {"entity", "relationship"}


def test_unreadable_input_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    text = SOURCE.read_text(encoding="utf-8").replace("form: sas", "form: sass", 1)
    bad.write_text(text, encoding="utf-8")
    assert main(["convert", str(bad), "-o", str(tmp_path / "g.gexf")]) == 2
    assert "entities[1].form" in capsys.readouterr().err
    assert not (tmp_path / "g.gexf").exists()
