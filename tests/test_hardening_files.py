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
