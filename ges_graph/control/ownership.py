"""Integrated ownership: the economic share held through every chain of shareholdings.

Examples:
    >>> w = {"a": {"x": 0.8}, "x": {"y": 0.6}, "y": {"x": 0.2}}
    >>> round(integrated("a", "y", w, reverse(w)), 4)
    54.5455
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from ges_graph.control.fixpoint import strong_components

__all__ = ["gauss", "integrated", "reverse", "walks_to", "weights"]


def weights(shares: Iterable[tuple[str, str, float, str]]) -> dict[str, dict[str, float]]:
    """The weights: holder → held → its fraction of the capital (over 100 % scaled down)."""
    held: dict[str, float] = defaultdict(float)
    raw: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for x, y, share, _key in shares:
        held[y] += share
        raw[x][y] += share
    return {x: {y: v / max(100.0, held[y]) for y, v in ys.items()} for x, ys in raw.items()}


def reverse(w: Mapping[str, Mapping[str, float]]) -> dict[str, dict[str, float]]:
    """The weights read backwards: held → holder → fraction."""
    rev: dict[str, dict[str, float]] = defaultdict(dict)
    for x, ys in w.items():
        for y, v in ys.items():
            rev[y][x] = v
    return dict(rev)


def integrated(
    a: str, b: str, w: Mapping[str, Mapping[str, float]], rev: Mapping[str, Mapping[str, float]]
) -> float:
    """The percentage of ``b`` that ``a`` holds through every chain not coming back to ``a``."""
    if a == b:
        return 0.0
    fwd: set[str] = set()  # reachable from a, never re-entering a
    stack = [a]
    while stack:
        x = stack.pop()
        for y in w.get(x, {}):
            if y != a and y not in fwd:
                fwd.add(y)
                stack.append(y)
    if b not in fwd:
        return 0.0
    back: set[str] = {b}  # of those, the ones that reach b
    stack = [b]
    while stack:
        y = stack.pop()
        for x in rev.get(y, {}):
            if x != a and x not in back and x in fwd:
                back.add(x)
                stack.append(x)
    f = walks_to(b, back, w)
    value = sum(v * f.get(y, 0.0) for y, v in w.get(a, {}).items())
    return min(100.0, max(0.0, value * 100))


def walks_to(b: str, nodes: set[str], w: Mapping[str, Mapping[str, float]]) -> dict[str, float]:
    """For each node, the sum over walks inside ``nodes`` ending at ``b`` of the products.

    ``f(x) = [x = b] + Σ_y w(x, y) f(y)``, solved component by component, sinks first.
    """
    succ = {x: [y for y in w.get(x, {}) if y in nodes] for x in nodes}
    value: dict[str, float] = {}
    for members in strong_components(sorted(nodes), succ):  # sinks first
        group = sorted(members)
        idx = {x: i for i, x in enumerate(group)}
        rhs = [
            (1.0 if x == b else 0.0)
            + sum(v * value.get(y, 0.0) for y, v in w.get(x, {}).items() if y not in idx)
            for x in group
        ]
        if len(group) == 1:
            value[group[0]] = rhs[0]
            continue
        n = len(group)
        mat = [[(1.0 if i == j else 0.0) for j in range(n)] for i in range(n)]
        for x in group:
            for y, v in w.get(x, {}).items():
                if y in idx:
                    mat[idx[x]][idx[y]] -= v
        sol = gauss(mat, rhs)
        for x in group:
            value[x] = sol[idx[x]]
    return value


def gauss(mat: list[list[float]], rhs: list[float]) -> list[float]:
    """Solve ``mat · x = rhs`` by Gaussian elimination with partial pivoting (small systems)."""
    n = len(rhs)
    m = [[*row, rhs[i]] for i, row in enumerate(mat)]
    for col in range(n):
        piv = max(range(col, n), key=lambda r: abs(m[r][col]))
        if abs(m[piv][col]) < 1e-12:
            continue
        m[col], m[piv] = m[piv], m[col]
        for r in range(n):
            if r != col and m[r][col] != 0.0:
                f = m[r][col] / m[col][col]
                for c in range(col, n + 1):
                    m[r][c] -= f * m[col][c]
    return [m[i][n] / m[i][i] if abs(m[i][i]) >= 1e-12 else 0.0 for i in range(n)]
