"""``ges-graph render`` and ``ges-graph schemas --render``."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from ges_graph.cli import main

S5 = Path(__file__).resolve().parents[2] / "shared" / "conformance" / "s5-association-sas.yaml"
pytestmark = pytest.mark.skipif(not S5.exists(), reason="no ../shared/conformance")


def test_render_svg_with_layers_in_english(tmp_path: Path) -> None:
    out = tmp_path / "g.svg"
    code = main(["render", str(S5), "-o", str(out), "--layers", "capital,flows", "--lang", "en"])
    assert code == 0
    svg = out.read_text(encoding="utf-8")
    ET.fromstring(svg)
    assert "management fee" in svg
    assert "president" not in svg  # governance was left out


@pytest.mark.parametrize(("engine", "suffix", "magic"), [
    ("graphviz", ".png", b"\x89PNG"),
    ("graphviz", ".pdf", b"%PDF"),
    ("graphviz", ".dot", b"digraph ges {"),
    ("matplotlib", ".png", b"\x89PNG"),
])  # fmt: skip
def test_render_formats(tmp_path: Path, engine: str, suffix: str, magic: bytes) -> None:
    out = tmp_path / f"g{suffix}"
    assert main(["render", str(S5), "-o", str(out), "--engine", engine]) == 0
    assert out.read_bytes().startswith(magic)


def test_render_bad_layer_is_a_command_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["render", str(S5), "-o", str(tmp_path / "g.svg"), "--layers", "money"]) == 2
    assert "ges-graph render : --layers : couche inconnue « money » (attendu : governance, " in (
        capsys.readouterr().err
    )
    assert not (tmp_path / "g.svg").exists()


def test_render_unknown_suffix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "g.jpg"
    assert main(["render", str(S5), "-o", str(out)]) == 2
    expected = "(attendu : .svg, .png, .pdf, .dot)"
    assert capsys.readouterr().err == f"{out}: format de sortie inconnu « .jpg » {expected}\n"
    assert not out.exists()


def test_schemas_render_draws_the_six_examples(tmp_path: Path) -> None:
    pytest.importorskip("ges_graph.schemas")
    assert main(["schemas", "--render", str(tmp_path / "out")]) == 0
    files = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert files == [f"S{i}.svg" for i in range(1, 7)]
    for p in (tmp_path / "out").iterdir():
        ET.fromstring(p.read_bytes())


def test_render_draws_the_structure_by_default_and_the_flows_on_request(tmp_path: Path) -> None:
    out = tmp_path / "g.dot"
    assert main(["render", str(S5), "-o", str(out)]) == 0
    structure = out.read_text(encoding="utf-8")
    assert "frais de siège" not in structure  # issue 12: the structure is the default view
    assert main(["render", str(S5), "-o", str(out), "--view", "flows"]) == 0
    flows = out.read_text(encoding="utf-8")
    assert "frais de siège" in flows
    assert 'rankdir="LR"' in flows  # flows run left to right by default
    assert main(["render", str(S5), "-o", str(out), "--view", "all", "--direction", "BT"]) == 0
    both = out.read_text(encoding="utf-8")
    assert "frais de siège" in both
    assert 'rankdir="BT"' in both


def test_render_clusters_findings_and_paper(tmp_path: Path) -> None:
    out = tmp_path / "g.dot"
    args = ["render", str(S5), "-o", str(out), "--clusters", "family", "--paper", "a3"]
    assert main(args) == 0
    assert "subgraph cluster_associative" in out.read_text(encoding="utf-8")
    bad = S5.parent / "f-capital-over-100.yaml"
    assert main(["render", str(bad), "-o", str(out), "--findings"]) == 0
    assert "Plus de 100 % détenus" in out.read_text(encoding="utf-8")
    assert main(["render", str(bad), "-o", str(out), "--no-findings"]) == 0
    assert "Plus de 100 % détenus" not in out.read_text(encoding="utf-8")


def test_render_refuses_an_unknown_view(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(S5), "-o", str(tmp_path / "g.svg"), "--view", "money"]) == 2
    assert "choix invalide : 'money'" in capsys.readouterr().err
    assert not (tmp_path / "g.svg").exists()


def test_a_paper_the_drawing_does_not_fit_is_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # --paper a4 on twelve members gave a drawing of 317 × 120 mm at 7 pt, and « écrit » alone.
    import json

    from ges_graph.generate import realistic_group
    from ges_graph.render.options import fits_paper, svg_measures

    group = tmp_path / "g12.json"
    group.write_text(json.dumps(realistic_group(12, seed=0)), encoding="utf-8")
    out = tmp_path / "g12.svg"
    assert main(["render", str(group), "--paper", "a4", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    width, height, font = svg_measures(out.read_bytes())
    assert not fits_paper(width, height, font, "a4")
    assert "remarque : le dessin ne tient pas sur une page A4 avec un texte de 7 points" in err
    assert "essayez --paper a3 ou --direction LR" in err
    assert main(["render", str(S5), "--paper", "a4", "-o", str(tmp_path / "s5.png")]) == 0
    assert "remarque" not in capsys.readouterr().err  # a small group fits: nothing said


@pytest.mark.parametrize("engine", ["graphviz", "matplotlib"])
def test_no_legend_draws_the_group_alone(tmp_path: Path, engine: str) -> None:
    with_legend, without = tmp_path / "a.svg", tmp_path / "b.svg"
    assert main(["render", str(S5), "-o", str(with_legend), "--engine", engine]) == 0
    assert main(["render", str(S5), "-o", str(without), "--engine", engine, "--no-legend"]) == 0
    assert "Légende" in with_legend.read_text(encoding="utf-8")
    drawn = without.read_text(encoding="utf-8")
    assert "Légende" not in drawn
    assert "Association Tremplin" in drawn
