"""The version of ges-graph, written here so that printing it imports nothing.

``pyproject.toml`` holds the same string (``[project] version``); ``tests/test_startup.py`` fails
when the two differ, and the installed metadata says the same.

Examples:
    >>> __version__.count(".") >= 1
    True
"""

from __future__ import annotations

__all__ = ["__version__"]

__version__ = "0.1.0"
