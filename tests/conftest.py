"""Shared fixtures and Hypothesis profiles."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parents[1]
CONFORMANCE = ROOT.parent / "shared" / "conformance"

# "dev" is fast for the edit-test loop; "ci" is thorough and is what CI runs.
settings.register_profile("dev", max_examples=30, deadline=None)
settings.register_profile(
    "ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
# The command speaks the language of GES_GRAPH_LANG or the locale when --lang is not given; the
# tests expect French, the default, whatever the machine's locale.
os.environ["GES_GRAPH_LANG"] = "fr"

settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


@pytest.fixture(scope="session")
def conformance_dir() -> Path:
    """The shared conformance folder; the test is skipped where it is absent."""
    if not (CONFORMANCE / "manifest.yaml").is_file():
        pytest.skip("../shared/conformance is not present beside the project")
    return CONFORMANCE
