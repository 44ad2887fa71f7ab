"""Unique ids for entities read from elsewhere (the register, BODS statements).

Examples:
    >>> taken: set[str] = set()
    >>> unique_id("tremplin", taken), unique_id("tremplin", taken), sorted(taken)
    ('tremplin', 'tremplin-2', ['tremplin', 'tremplin-2'])
"""

from __future__ import annotations

__all__ = ["unique_id"]


def unique_id(base: str, taken: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3``… the first not in ``taken``; added to ``taken``."""
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    taken.add(candidate)
    return candidate
