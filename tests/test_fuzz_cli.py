"""Fuzz: the real ``ges-graph`` command on generated files and command lines.

Each example writes a few files (valid documents with hostile names, mutated bytes, garbage),
draws a command (``validate``, ``classify``, ``convert``, ``diff``) with options (``--json``,
``--lang en``, ``--syntax``, ``--max-size``, bad options) and runs the installed entry point in a
subprocess: the exit code is 0, 1 or 2, standard error holds no ``Traceback``, and with
``--json`` standard output is one valid JSON document whenever the exit code is 0 or 1. Each run
costs a Python start-up (about a second), so CI runs a couple of dozen; ``GES_FUZZ=nightly``
fifty times more (see ``tests/test_fuzz_support.py``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_fuzz_support import EXAMPLE_TEXTS, HOSTILE_BYTES, HOSTILE_STRINGS, fuzz_settings

import ges_graph
from ges_graph.strategies import documents

COMMAND = Path(sys.executable).with_name("ges-graph")

pytestmark = pytest.mark.skipif(
    not COMMAND.exists(), reason="the ges-graph command is not installed"
)


def _no_surrogate(s: str) -> bool:
    # a lone surrogate cannot be written to a UTF-8 file at all: the byte-level tests feed the
    # readers the bytes of an escaped one instead
    return not any(0xD800 <= ord(c) <= 0xDFFF for c in s)


@st.composite
def _file_bytes(draw: st.DrawFn) -> bytes:
    """A document file: valid, valid with hostile names, mutated, or garbage."""
    kind = draw(st.sampled_from(("example", "generated", "hostile", "mutated", "garbage")))
    if kind == "garbage":
        return draw(st.binary(max_size=200))
    if kind in {"generated", "hostile"}:
        doc = draw(documents(max_entities=4, max_relations=4))
        text = ges_graph.dumps(doc, syntax="yaml")
        if kind == "hostile":
            data = ges_graph.loads(text, syntax="yaml").document.model_dump(
                mode="json", exclude_defaults=True, by_alias=True
            )
            name = draw(st.sampled_from([s for s in HOSTILE_STRINGS if _no_surrogate(s)]))
            data["entities"][0]["name"] = name or "x"
            data["name"] = name or "x"
            return json.dumps(data, ensure_ascii=False).encode("utf-8")
        return text.encode("utf-8")
    data = bytearray(draw(st.sampled_from(EXAMPLE_TEXTS)))
    if kind == "mutated":
        for _ in range(draw(st.integers(1, 3))):
            at = draw(st.integers(0, len(data)))
            if draw(st.booleans()):
                data[at:at] = draw(st.sampled_from(HOSTILE_BYTES))
            else:
                del data[at : at + draw(st.integers(1, 40))]
    return bytes(data)


_OPTIONS = st.lists(
    st.sampled_from(
        (
            ["--json"],
            ["--lang", "en"],
            ["--lang", "fr"],
            ["--lang", "de"],
            ["--syntax", "json"],
            ["--syntax", "yaml"],
            ["--max-size", "100"],
            ["--max-size", "0"],
            ["--max-size", "abc"],
            ["--jobs", "2"],
            ["--bogus"],
            ["-o"],
        )
    ),
    max_size=3,
).map(lambda parts: [a for p in parts for a in p])


@st.composite
def _command_lines(draw: st.DrawFn, folder: Path) -> list[str]:
    """A command line on files written in ``folder``."""
    files = []
    for i in range(draw(st.integers(1, 2))):
        suffix = draw(st.sampled_from((".yaml", ".json", ".yml", ".txt")))
        path = folder / f"f{i}{suffix}"
        path.write_bytes(draw(_file_bytes()))
        files.append(str(path))
    command = draw(st.sampled_from(("validate", "classify", "convert", "diff")))
    options = draw(_OPTIONS)
    if command == "convert":
        out = draw(
            st.sampled_from(("out.json", "out.yaml", "out.graphml", "out.gexf", "x.bods.json"))
        )
        if "-o" in options:
            options.remove("-o")
        options = [o for o in options if o not in ("--json", "--jobs", "2")]
        return [command, *options, files[0], "-o", str(folder / out)]
    if command == "diff":
        return [command, *options, files[0], files[-1]]
    return [command, *options, *files]


def _run(args: list[str]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "100", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [str(COMMAND), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=env,
        timeout=120,
        check=False,
        stdin=subprocess.DEVNULL,
    )


def _check(args: list[str], proc: subprocess.CompletedProcess[str]) -> None:
    where = (
        f"ges-graph {' '.join(args)}\nstdout: {proc.stdout[:2000]}\nstderr: {proc.stderr[:2000]}"
    )
    assert proc.returncode in (0, 1, 2), where
    assert "Traceback" not in proc.stderr, where
    if "--json" in args and proc.returncode in (0, 1):
        json.loads(proc.stdout)


@fuzz_settings(10)
@given(st.data())
def test_fuzz_cli_exits_0_1_or_2_without_traceback(data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        args = data.draw(_command_lines(Path(tmp)))
        _check(args, _run(args))
