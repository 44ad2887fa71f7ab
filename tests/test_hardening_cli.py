"""Issue 15, the command: outputs that would destroy an input, standard input and output, the
size limit while reading, hostile file names and arguments, empty folders, escaped terminal text.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ges_graph._data import example_path
from ges_graph.cli.output import document_text
from ges_graph.graph import GES

SCRIPT = Path(sys.executable).with_name("ges-graph")
TREMPLIN = example_path("tremplin.yaml")


def run(
    *args: str | Path, stdin: Any = b"", timeout: float = 120
) -> subprocess.CompletedProcess[bytes]:
    """Run the console script; stdin is bytes, or a file object, or None (closed)."""
    kwargs: dict[str, Any] = {"input": stdin} if isinstance(stdin, bytes) else {"stdin": stdin}
    return subprocess.run(
        [str(SCRIPT), *map(str, args)],
        capture_output=True,
        timeout=timeout,
        check=False,
        **kwargs,
    )


@pytest.mark.parametrize(
    "command",
    [
        ["report", "--syntax", "yaml", "{html}", "-o", "{html}"],
        ["report", "--syntax", "yaml", "{html}", "-o", "{dot_html}"],
        ["convert", "{doc}", "-o", "{doc}"],
        ["convert", "{doc}", "--to", "json", "-o", "{doc}"],
        ["render", "{doc}", "--to", "svg", "-o", "{doc}"],
    ],
)
def test_h15_05_output_equal_to_an_input_is_refused(tmp_path: Path, command: list[str]) -> None:
    doc = tmp_path / "g.yaml"
    html = tmp_path / "g.html"  # a YAML document named .html, read with --syntax yaml
    for path in (doc, html):
        path.write_bytes(TREMPLIN.read_bytes())
    (tmp_path / "sub").mkdir()
    names = {"doc": str(doc), "html": str(html), "dot_html": f"{tmp_path}/./sub/../g.html"}
    proc = run(*(part.format(**names) for part in command))
    assert proc.returncode == 2, proc.stderr
    assert "aussi une entrée" in proc.stderr.decode()  # says why
    assert doc.read_bytes() == TREMPLIN.read_bytes()
    assert html.read_bytes() == TREMPLIN.read_bytes()


def test_h15_05_report_suffix_is_checked(tmp_path: Path) -> None:
    out = tmp_path / "g.yaml"  # report g.yaml -o g.yaml: refused by its suffix already
    proc = run("report", TREMPLIN, "-o", out)
    assert proc.returncode == 2
    assert b".html" in proc.stderr
    assert not out.exists()
    assert run("report", TREMPLIN, "-o", tmp_path / "g.HTM").returncode == 0


@pytest.mark.parametrize(
    ("command", "start"),
    [
        (["report", str(TREMPLIN), "-o", "-"], b"<!DOCTYPE html>"),
        (["render", str(TREMPLIN), "-o", "-", "--to", "dot"], b"digraph ges {"),
        (["convert", str(TREMPLIN), "-o", "-", "--to", "json"], b"{"),
    ],
)
def test_h15_05_dash_output_is_standard_output(
    tmp_path: Path, command: list[str], start: bytes
) -> None:
    proc = subprocess.run(
        [str(SCRIPT), *command], capture_output=True, cwd=tmp_path, timeout=120, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(start)
    assert list(tmp_path.iterdir()) == []  # no file named '-'


def test_h15_05_render_svg_on_standard_output(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    proc = subprocess.run(
        [str(SCRIPT), "render", str(TREMPLIN), "-o", "-", "--engine", "matplotlib"],
        capture_output=True,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.lstrip().startswith((b"<?xml", b"<svg"))
    assert list(tmp_path.iterdir()) == []
    png = run("render", TREMPLIN, "-o", "-", "--to", "png")
    assert png.returncode == 2
    assert png.stdout == b""


@pytest.mark.parametrize("command", ["validate", "classify", "convert", "diff"])
def test_h15_02_max_size_applies_while_reading_standard_input(command: str) -> None:
    args = {
        "validate": ["validate", "--max-size", "1000", "-"],
        "classify": ["classify", "--max-size", "1000", "-"],
        "convert": ["convert", "--max-size", "1000", "--to", "json", "-o", "-", "-"],
        "diff": ["diff", "--max-size", "1000", "-", str(TREMPLIN)],
    }[command]
    with open("/dev/zero", "rb") as endless:  # never ends: only the limit can stop the reading
        proc = run(*args, stdin=endless, timeout=60)
    assert proc.returncode == 2
    assert "plus de 1000 octets" in proc.stderr.decode()
    assert b"Traceback" not in proc.stderr


def test_h15_02_stdin_over_the_limit_is_refused() -> None:
    text = TREMPLIN.read_bytes()
    proc = run("validate", "--max-size", str(len(text) - 1), "-", stdin=text)
    assert proc.returncode == 2
    assert "taille maximale" in proc.stderr.decode()
    assert run("validate", "--max-size", str(len(text)), "-", stdin=text).returncode == 0


@pytest.mark.parametrize("command", ["validate", "classify"])
def test_h15_07_file_name_too_long(tmp_path: Path, command: str) -> None:
    name = str(tmp_path / ("a" * 300 + ".yaml"))
    proc = run(command, name)
    assert proc.returncode == 2
    assert b"Traceback" not in proc.stderr
    assert "lecture du fichier impossible" in proc.stderr.decode()


@pytest.mark.parametrize("size", ["99999999999999999999999", "-1", "ten"])
def test_h15_07_max_size_out_of_range(size: str) -> None:
    proc = run("validate", "--max-size", size, str(TREMPLIN))
    assert proc.returncode == 2
    assert b"Traceback" not in proc.stderr
    assert b"argument --max-size" in proc.stderr


def test_h15_07_closed_standard_input() -> None:
    proc = subprocess.run(  # not even /dev/null: descriptor 0 is closed (``<&-``)
        ["sh", "-c", '"$0" validate - <&-', str(SCRIPT)],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 2
    assert b"Traceback" not in proc.stderr
    assert "entrée standard est fermée" in proc.stderr.decode()


def test_h15_07_huge_max_size_in_the_library() -> None:
    from ges_graph.errors import ArgumentError
    from ges_graph.io import load, loads

    assert load(TREMPLIN, max_size=2**64).name == "Groupe Tremplin"
    assert loads(TREMPLIN.read_bytes(), syntax="yaml", max_size=2**64).name == "Groupe Tremplin"
    for bad in (-1, 1.5, "10"):
        with pytest.raises(ArgumentError, match="max_size"):
            load(TREMPLIN, max_size=bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("content", ["dangling", "folder", "both"])
@pytest.mark.parametrize("command", ["validate", "classify"])
def test_h15_08_folder_with_no_document(tmp_path: Path, content: str, command: str) -> None:
    if content in ("dangling", "both"):
        (tmp_path / "g.yaml").symlink_to(tmp_path / "nowhere.yaml")
    if content in ("folder", "both"):
        (tmp_path / "x.yaml").mkdir()
    proc = run(command, tmp_path)
    assert proc.returncode == 2
    assert "aucun document" in proc.stderr.decode()
    assert b"0 fichier" not in proc.stdout


def test_h15_08_folder_with_a_document_beside_a_dangling_link(tmp_path: Path) -> None:
    (tmp_path / "g.yaml").symlink_to(tmp_path / "nowhere.yaml")
    (tmp_path / "ok.yaml").write_bytes(TREMPLIN.read_bytes())
    assert run("validate", tmp_path).returncode == 0


def test_h15_08_diff_reads_standard_input_once() -> None:
    proc = run("diff", "-", "-", stdin=TREMPLIN.read_bytes())
    assert proc.returncode == 2
    assert "qu'une fois" in proc.stderr.decode()
    assert b"vide" not in proc.stderr


HOSTILE = "Asso\x1b]0;pwned\x07\x1b[2J\nFORGED: conforme\r\x00\u202e\x9b2J\x7f"
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def _hostile_document(tmp_path: Path) -> Path:
    doc = {
        "format": "ges-graph/1",
        "name": HOSTILE,
        "entities": [
            {"id": "a", "name": HOSTILE, "form": "association"},
            {"id": "b", "name": "B" + HOSTILE, "form": "sas"},
        ],
        "relations": [{"type": "shareholding", "from": "a", "to": "b", "share": 40}],
    }
    path = tmp_path / "g.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["validate", "classify", "diff", "validate --json"])
def test_h15_06_terminal_escapes_are_escaped(tmp_path: Path, command: str) -> None:
    path = _hostile_document(tmp_path)
    args = [*command.split(), str(path)]
    if command == "diff":
        args.append(str(TREMPLIN))
    proc = run(*args)
    assert proc.returncode in (0, 1), proc.stderr
    for stream in (proc.stdout.decode(), proc.stderr.decode()):
        assert not FORBIDDEN.search(stream), stream
        assert not any(line.startswith("FORGED") for line in stream.splitlines())
    if command.endswith("--json"):
        assert json.loads(proc.stdout)["file"] == str(path)  # still JSON
    else:
        assert "\\x1b]0;pwned\\x07" in proc.stdout.decode()  # shown, inert


@pytest.mark.parametrize(
    "char", ["\n", "\t", "\x1b", "\x00", "\x7f", "\x9b", "\u2028", "\u202e", "\u2066"]
)
@pytest.mark.parametrize("where", ["name", "document name", "attrs key", "attrs value"])
def test_h15_06_a_control_anywhere_in_the_document_is_escaped_whole(char: str, where: str) -> None:
    # The document is scanned once as JSON before its strings are walked (issue 16): whichever
    # control, wherever it is, the string holding it is still escaped whole.
    odd = f"Régie{char}OK"
    entity: dict[str, Any] = {"id": "a", "name": "A", "form": "association"}
    if where == "name":
        entity["name"] = odd
    elif where != "document name":
        entity["attrs"] = {odd: 1} if where == "attrs key" else {"k": odd}
    name = odd if where == "document name" else "G"
    document = GES.from_data({"format": "ges-graph/1", "name": name, "entities": [entity]}).document
    shown = document_text(f"« {odd} » : erreur", document)
    code = ord(char)
    escape = f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    assert shown == f"« Régie{escape}OK » : erreur"


@pytest.mark.parametrize("escape", ["\\n", "\\u000a", "\\u000A", "\\t", "\\u0009"])
@pytest.mark.parametrize("command", ["validate", "classify"])
def test_h15_06_a_json_escaped_line_still_forges_nothing(
    tmp_path: Path, escape: str, command: str
) -> None:
    # The command reads a JSON file's text to know whether any name holds a line or a tab: every
    # way JSON writes one must be seen.
    path = tmp_path / "g.json"
    name = f"Asso{escape}FORGED: conforme"
    path.write_text(
        '{"format": "ges-graph/1", "name": "' + name + '", "entities": ['
        '{"id": "a", "name": "' + name + '", "form": "association"},'
        '{"id": "b", "name": "B", "form": "sas"}],'
        '"relations": [{"type": "shareholding", "from": "a", "to": "b", "share": 40}]}',
        encoding="utf-8",
    )
    proc = run(command, path)
    assert proc.returncode in (0, 1), proc.stderr
    out = proc.stdout.decode()
    assert "FORGED" in out
    assert not any(line.startswith("FORGED") for line in out.splitlines()), out
    assert "\t" not in out, out


def test_h15_06_a_backslash_is_not_a_control() -> None:
    document = GES.from_data(
        {
            "format": "ges-graph/1",
            "name": "G",
            "entities": [{"id": "a", "name": 'C:\\new "R\\égie"', "form": "association"}],
        }
    ).document
    assert document_text('« C:\\new "R\\égie" »\nsuite', document) == '« C:\\new "R\\égie" »\nsuite'


def test_h15_06_error_messages_are_escaped(tmp_path: Path) -> None:
    path = tmp_path / "g.yaml"
    path.write_text(f'format: ges-graph/1\nname: G\nentities: []\n"k\\e[2J\\n{HOSTILE[:4]}": 1\n')
    proc = run("validate", path)
    assert proc.returncode == 2
    assert not FORBIDDEN.search(proc.stderr.decode())
    named = tmp_path / "x\x1b[2J\nFORGED.yaml"
    proc = run("validate", named)
    assert proc.returncode == 2
    assert not FORBIDDEN.search(proc.stderr.decode())
    assert not any(line.startswith("FORGED") for line in proc.stderr.decode().splitlines())
