"""The conformance manifest (``../shared/conformance/manifest.yaml``) as pytest parameters.

Each conformance test module parametrises over :data:`CASES`; where the shared folder is absent,
the single parameter is a skip mark, so the test is reported as skipped rather than silently gone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

CONFORMANCE = Path(__file__).resolve().parents[1].parent / "shared" / "conformance"


def _cases() -> list[Any]:
    manifest = CONFORMANCE / "manifest.yaml"
    if not manifest.is_file():
        return [pytest.param(None, marks=pytest.mark.skip(reason="no ../shared/conformance"))]
    cases = yaml.safe_load(manifest.read_text(encoding="utf-8"))["cases"]
    return [pytest.param({**c, "path": CONFORMANCE / c["file"]}, id=c["file"]) for c in cases]


CASES = _cases()
"""Every case, a dict with the manifest's keys plus ``path``."""


def select(key: str) -> list[Any]:
    """The cases that state ``key`` (``schema``, ``findings``, ``load_error``…)."""
    return [c for c in CASES if c.values[0] is None or key in c.values[0]]
