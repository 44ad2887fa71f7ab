"""Issue 15, item 1: the hostile shapes stay under 1 GiB of memory, at the issue's sizes.

``tests/test_scale_hostile.py`` checks that time and output grow about linearly; these tests
check the memory the issue measured (818 MB for 3,000 unrelated associations, 1.6 GB for a chain
of 6,000 shareholdings, 2.1 GB for 300 fully connected nodes, 1.2 GB for 100,000 entities). Each
shape is loaded, validated and classified, and its printed report written, in a fresh process
whose peak resident size (``ru_maxrss``) is then read: a count, not a time.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

GIB = 1 << 30
TESTS = Path(__file__).resolve().parent

_SCRIPT = textwrap.dedent(
    """
    import json, resource, sys
    sys.path.insert(0, {tests!r})
    import ges_graph
    from ges_graph.graph import GES
    from ges_graph.report import SHOWN
    from ges_graph.rules import RULES
    import test_scale_hostile as shapes

    ges = GES.from_data(getattr(shapes, {shape!r})({n}))
    report = ges_graph.validate(ges)
    result = ges_graph.classify(ges)
    printed = report.to_text("fr", limit=SHOWN, rules=RULES) + result.to_text("fr")
    printed += json.dumps(report.to_dict("fr", limit=SHOWN)) + json.dumps(result.to_dict("fr"))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print(json.dumps({{"peak": peak * 1024, "printed": len(printed.encode())}}))
    """
)


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss is in KiB on Linux only")
@pytest.mark.parametrize(
    ("shape", "n"),
    [
        ("unrelated", 3000),
        ("chain", 6000),
        ("dense", 300),
        ("star", 100_000),
        ("unrelated", 100_000),
    ],
)
def test_h15_01_hostile_shapes_stay_under_1_gib(shape: str, n: int) -> None:
    script = _SCRIPT.format(tests=str(TESTS), shape=shape, n=n)
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=600, check=False
    )
    assert proc.returncode == 0, proc.stderr
    measured = json.loads(proc.stdout)
    assert measured["peak"] < GIB, measured
    assert measured["printed"] < 1_000_000, measured  # what the command prints
