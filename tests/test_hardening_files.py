"""Issue 15, files: writes are whole or not at all, never through a symbolic link, and ``render``
writes only what it asked ``dot`` for.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from ges_graph._data import example_path
from ges_graph._files import write_atomic
from ges_graph.errors import ArgumentError, RenderError
from ges_graph.graph import GES
from ges_graph.io import load

TREMPLIN = example_path("tremplin.yaml")
EARLIER = b"the user's earlier file\n"

# A writer per call site; each writes ``ges`` to ``out``. Run in a subprocess whose file size
# limit (RLIMIT_FSIZE) is below the size of what it writes: the write fails part-way (EFBIG).
WRITERS = {
    "save": "from ges_graph.io import save; save(ges, out)",
    "export": "from ges_graph.export import write_export; write_export(ges, out)",
    "graphml": "from ges_graph.export import write_graphml; write_graphml(ges, out)",
    "gexf": "from ges_graph.export import write_gexf; write_gexf(ges, out)",
    "bods": "from ges_graph.export import write_bods; write_bods(ges, out)",
    "report": "from ges_graph.html_report import write_report; "
    "write_report(ges, out, diagram=False)",
    "render": "from ges_graph.render import render; render(ges, out)",
    "cli": "from ges_graph.cli import main; sys.exit(main(['convert', str(src), '-o', str(out)]))",
}
SUFFIX = {
    "save": ".yaml",
    "export": ".gexf",
    "graphml": ".graphml",
    "gexf": ".gexf",
    "bods": ".bods.json",
    "report": ".html",
    "render": ".dot",
    "cli": ".json",
}


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_h15_03_writes_are_atomic(tmp_path: Path, writer: str) -> None:
    out = tmp_path / f"out{SUFFIX[writer]}"
    out.write_bytes(EARLIER)
    script = textwrap.dedent(
        f"""
        import resource, signal, sys
        from pathlib import Path
        from ges_graph.io import load
        src = Path({str(TREMPLIN)!r})
        out = Path({str(out)!r})
        ges = load(src)
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (200, 200))
        try:
            {WRITERS[writer]}
        except OSError as exc:
            print("OSError", exc.errno)
            sys.exit(3)
        """
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert proc.returncode in (2, 3), proc.stderr  # the write failed (the CLI says exit 2)
    assert "Traceback" not in proc.stderr
    assert out.read_bytes() == EARLIER  # the earlier file is untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]  # no temporary file left


def test_h15_03_failure_part_way_leaves_the_earlier_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "g.yaml"
    out.write_bytes(EARLIER)
    real_fsync = os.fsync

    def failing_fsync(fd: int) -> None:  # the bytes are written, then the disk fails
        real_fsync(fd)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", failing_fsync)
    from ges_graph.io import save

    with pytest.raises(OSError, match="No space left"):
        save(load(TREMPLIN), out)
    assert out.read_bytes() == EARLIER
    assert [p.name for p in tmp_path.iterdir()] == ["g.yaml"]


def test_h15_03_write_atomic_keeps_permissions(tmp_path: Path) -> None:
    out = tmp_path / "g.yaml"
    out.write_bytes(EARLIER)
    out.chmod(0o640)
    write_atomic(out, "new\n")
    assert out.read_text(encoding="utf-8") == "new\n"
    if sys.platform != "win32":
        assert out.stat().st_mode & 0o777 == 0o640


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_new_file_gets_a_data_file_s_permissions_not_an_executable_s(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        out = write_atomic(tmp_path / "rapport.html", "<p>x</p>")
    finally:
        os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o644  # as open() makes it: 0o666 less the umask


def _ges() -> GES:
    return load(TREMPLIN)


@pytest.mark.parametrize(
    ("writer", "suffix"),
    [
        ("save", ".yaml"),
        ("export", ".gexf"),
        ("report", ".html"),
        ("render", ".dot"),
    ],
)
def test_h15_12_output_symlinks_are_refused(tmp_path: Path, writer: str, suffix: str) -> None:
    target = tmp_path / f"target{suffix}"
    target.write_bytes(EARLIER)
    link = tmp_path / f"link{suffix}"
    link.symlink_to(target)
    dangling = tmp_path / f"dangling{suffix}"
    dangling.symlink_to(tmp_path / "nowhere" / f"x{suffix}")
    from ges_graph.export import write_export
    from ges_graph.html_report import write_report
    from ges_graph.io import save
    from ges_graph.render import render

    write = {
        "save": save,
        "export": write_export,
        "report": lambda g, p: write_report(g, p, diagram=False),
        "render": render,
    }[writer]
    for path in (link, dangling):
        with pytest.raises(ArgumentError, match="symbolic link") as info:
            write(_ges(), path)
        assert str(path) in str(info.value)
    assert target.read_bytes() == EARLIER
    assert link.is_symlink()
    assert dangling.is_symlink()
    assert not (tmp_path / "nowhere").exists()


def test_h15_12_cli_refuses_output_symlinks(tmp_path: Path) -> None:
    from ges_graph.cli import main

    target = tmp_path / "target.json"
    target.write_bytes(EARLIER)
    link = tmp_path / "out.json"
    link.symlink_to(target)
    assert main(["convert", str(TREMPLIN), "-o", str(link)]) == 2
    assert target.read_bytes() == EARLIER


@pytest.mark.parametrize("suffix", [".svg", ".png", ".pdf"])
def test_h15_12_render_checks_what_dot_returned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    import ges_graph.render as render_module

    monkeypatch.setattr(
        render_module, "render_scene", lambda *a, **k: b"Warning: something went wrong\n"
    )
    out = tmp_path / f"g{suffix}"
    out.write_bytes(EARLIER)
    with pytest.raises(RenderError, match="requested format"):
        render_module.render(_ges(), out)
    assert out.read_bytes() == EARLIER
    assert [p.name for p in tmp_path.iterdir()] == [out.name]
