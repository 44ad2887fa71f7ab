"""Readability and render time of the default diagrams, beside ``dot`` alone.

First, issue 12's table: for realistic groups of 10, 30, 60 and 100 members
(:func:`ges_graph.generate.realistic_group`) and each view (``structure``, ``flows``), the default
render measured with ``../shared/tools/svg_readability.py`` (printed size with the smallest text
at 7 pt, whether it fits A4 up to 30 members and A3 beyond, edge crossing pairs over edges, label
collisions) and its time beside ``dot -Tsvg`` alone on the DOT the library writes (target:
within 20 %), each target's goal beside what is measured and whether it is met; last, the
library's own work: the median CPU time of :func:`~ges_graph.render.to_dot`.

Then the older timing:

For each size, a synthetic group (a head association, companies and associations below it with
several owners each, external investors, about three relations per entity over all six types,
flows included) is drawn to SVG by :func:`ges_graph.render.to_svg`; in the same run the very same
DOT source is given to ``dot -Tsvg`` directly. Our overhead is the difference, as a share of
``dot``'s own time, in wall-clock time and in CPU time (this process and ``dot``; the steadier
figure on a shared machine). Targets: overhead under 20 % from 30 members, 300 members under 5 s.

Run: ``.venv/bin/python benchmarks/bench_render.py [--repeat N] [--clusters] [--png]``
(``--matplotlib`` adds the other engine: the printed size of its figures of the realistic
groups, and its time on the synthetic ones: slow, minutes at 300 members).
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import resource
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ges_graph.generate import realistic_group
from ges_graph.graph import GES
from ges_graph.render import render_bytes, to_dot, to_svg
from ges_graph.render.dot import PNG_MAX_INCHES, find_dot
from ges_graph.render.mpl import figure
from ges_graph.render.scene import build_scene

KINDS = ["management_fee", "service", "staff_secondment", "premises", "loan", "subsidy"]


def synthetic(n: int, seed: int = 0) -> GES:
    """A group of ``n`` entities, about ``3n`` relations of every type, deterministic."""
    rng = random.Random(seed)
    entities: list[dict[str, Any]] = [
        {"id": "e0", "name": "Association tête de groupe", "form": "association", "board_size": 12}
    ]
    relations: list[dict[str, Any]] = []
    for i in range(1, n):
        ext = i % 10 == 9
        form = rng.choice(["sas", "sarl", "association", "scic", "gie"]) if not ext else "other"
        e: dict[str, Any] = {
            "id": f"e{i}",
            "name": f"Structure {i} {'Insertion' if i % 3 else 'Services'}",
            "form": form,
        }
        if ext:
            e["external"] = True
        if form == "association":
            e["board_size"] = 9
            e["conventions"] = ["aci"] if i % 2 else ["ai"]
        elif form == "sarl":
            e["conventions"] = ["ei"]
        entities.append(e)
    for i in range(1, n):
        if i % 10 == 9:  # an external investor takes a minority stake somewhere below it
            target = rng.randrange(max(1, i - 8), i) if i > 1 else 0
            if target:
                relations.append(
                    {"type": "shareholding", "from": f"e{i}", "to": f"e{target}", "share": 10}
                )
            continue
        parent = rng.randrange(0, i)
        while parent % 10 == 9:
            parent = rng.randrange(0, i)
        form = entities[i]["form"]
        if form == "association":
            relations.append({"type": "board", "from": f"e{parent}", "to": f"e{i}", "seats": 5})
            relations.append({"type": "membership", "from": f"e{parent}", "to": f"e{i}"})
        elif form == "gie":
            relations.append({"type": "membership", "from": f"e{parent}", "to": f"e{i}"})
            relations.append({"type": "statutory_control", "from": f"e{parent}", "to": f"e{i}"})
        else:
            relations.append(
                {"type": "shareholding", "from": f"e{parent}", "to": f"e{i}", "share": 60}
            )
            other = rng.randrange(0, i)
            if other != parent:
                relations.append(
                    {"type": "shareholding", "from": f"e{other}", "to": f"e{i}", "share": 25}
                )
            relations.append(
                {"type": "office", "from": f"e{parent}", "to": f"e{i}", "office": "president"}
            )
        relations.append(
            {
                "type": "flow",
                "kind": rng.choice(KINDS),
                "from": f"e{i}",
                "to": f"e{parent}",
                "amount": rng.randrange(1, 200) * 1000,
            }
        )
    return GES.from_data(
        {
            "format": "ges-graph/1",
            "name": f"Synthetic {n}",
            "entities": entities,
            "relations": relations,
        }
    )


def median_time(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def cpu_median(fn: Callable[[], object], repeat: int) -> float:
    """Median CPU time of ``fn`` in this process."""
    times = []
    for _ in range(repeat):
        t = time.process_time()
        fn()
        times.append(time.process_time() - t)
    return statistics.median(times)


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (``dot``) so far."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def paired_medians(
    a: Callable[[], object], b: Callable[[], object], repeat: int
) -> tuple[float, float, float, float]:
    """Wall and CPU medians of ``a`` and ``b`` timed alternately (a busy machine slows both).

    Returns ``(wall_a, wall_b, cpu_a, cpu_b)``; CPU counts this process and ``dot``, so it is
    the steadier figure on a shared machine.
    """
    wa, wb, ca, cb = [], [], [], []
    for _ in range(repeat):
        for fn, wall, cpu in ((a, wa, ca), (b, wb, cb)):
            c, t = _cpu(), time.perf_counter()
            fn()
            wall.append(time.perf_counter() - t)
            cpu.append(_cpu() - c)
    return (
        statistics.median(wa),
        statistics.median(wb),
        statistics.median(ca),
        statistics.median(cb),
    )


def dot_alone(source: str, fmt: str = "svg") -> None:
    size = [f"-Gsize={PNG_MAX_INCHES},{PNG_MAX_INCHES}"] if fmt == "png" else []
    subprocess.run(
        [find_dot() or "dot", f"-T{fmt}", *size],
        input=source.encode(),
        capture_output=True,
        check=True,
    )


TOOL = Path(__file__).resolve().parents[2] / "shared" / "tools" / "svg_readability.py"


def _tool() -> Any:
    spec = importlib.util.spec_from_file_location("svg_readability", TOOL)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {TOOL}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


RATIO_GOAL = 1.20
"""Issue 12: render time within 20 % of ``dot`` alone on the DOT the library writes."""


def _met(ok: bool) -> str:
    return "yes" if ok else "NO"


def readability(repeat: int) -> None:
    """Issue 12's table: each target's goal beside what is measured, per size and view.

    Printed at 7 pt: fits A4 (up to 30 members) or A3 (beyond); crossing pairs at most a tenth
    of the edges (``structure`` view); no label collision; render time at most
    :data:`RATIO_GOAL` times ``dot`` alone, in wall-clock time (and, steadier on a shared
    machine, in CPU time: this process and ``dot``).
    """
    if not TOOL.is_file():
        print(f"(no {TOOL}: readability table skipped)")
        return
    tool = _tool()
    print("default render of realistic groups, measured by svg_readability.py: goal, measured")
    print(
        f"{'members':>7} {'view':>9} {'size pt':>11} {'at 7 pt mm':>11} {'paper':>5} "
        f"{'fits':>4} | {'crossings':>9} {'goal':>5} {'met':>3} | {'coll.':>5} {'met':>3} | "
        f"{'render':>7} {'dot':>6} {'ratio':>5} {'goal':>5} {'met':>3} | {'CPU ratio':>9} "
        f"{'to_dot':>8}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for n in (10, 30, 60, 100):
            ges = GES.from_data(realistic_group(n))
            paper = "a4" if n <= 30 else "a3"
            for view in ("structure", "flows"):
                svg = to_svg(ges, view=view)
                path = Path(tmp) / f"{n}-{view}.svg"
                path.write_text(svg, encoding="utf-8")
                m = tool.measure(str(path), paper)
                source = to_dot(ges, view=view)
                t_svg, t_dot, c_svg, c_dot = paired_medians(
                    lambda ges=ges, view=view: to_svg(ges, view=view),
                    lambda source=source: dot_alone(source),
                    repeat,
                )
                size = f"{m['width_pt']}x{m['height_pt']}"
                mm = f"{m['printed_mm'][0]}x{m['printed_mm'][1]}"
                cross = f"{m['edge_crossings']}/{m['edges']}"
                most = m["edges"] // 10
                crossing = (
                    f"{f'<={most}':>5} {_met(m['edge_crossings'] <= m['edges'] / 10):>3}"
                    if view == "structure"
                    else f"{'-':>5} {'-':>3}"
                )
                ratio = t_svg / t_dot
                # The library's own work: to_dot's CPU time (median of many calls).
                c_build = cpu_median(
                    lambda ges=ges, view=view: to_dot(ges, view=view), max(4 * repeat, 21)
                )
                print(
                    f"{n:>7} {view:>9} {size:>11} {mm:>11} {paper:>5} "
                    f"{_met(m['fits_paper']):>4} | {cross:>9} {crossing} | "
                    f"{m['collisions']:>5} {_met(m['collisions'] == 0):>3} | "
                    f"{t_svg * 1000:>5.0f}ms {t_dot * 1000:>4.0f}ms {ratio:>5.2f} "
                    f"{RATIO_GOAL:>5.2f} {_met(ratio <= RATIO_GOAL):>3} | {c_svg / c_dot:>9.2f} "
                    f"{c_build * 1000:>6.1f}ms"
                )
    print()


def matplotlib_sizes() -> None:
    """The matplotlib engine's figures of the same groups, printed so that its smallest text is
    at 7 pt (its text artists' window extents; goal: A4 up to 30 members, A3 beyond)."""
    print("matplotlib engine, realistic groups: printed at 7 pt, goal, texts overlapping")
    print(f"{'members':>7} {'view':>9} {'at 7 pt mm':>11} {'paper':>5} {'fits':>4} {'overlaps':>8}")
    papers = {"a4": (297, 210), "a3": (420, 297)}
    for n in (10, 30, 60, 100):
        ges = GES.from_data(realistic_group(n))
        paper = "a4" if n <= 30 else "a3"
        for view in ("structure", "flows"):
            fig = figure(build_scene(ges, view=view))
            fig.canvas.draw()
            renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
            texts = [t for t in fig.axes[0].texts if t.get_text().strip()]
            scale = 7 / min(t.get_fontsize() for t in texts)
            w, h = (v * 25.4 * scale for v in fig.get_size_inches())
            pw, ph = papers[paper]
            fits = (w <= pw and h <= ph) or (w <= ph and h <= pw)
            boxes = [t.get_window_extent(renderer) for t in texts]
            overlaps = sum(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])
            size = f"{w:.0f}x{h:.0f}"
            print(f"{n:>7} {view:>9} {size:>11} {paper:>5} {_met(fits):>4} {overlaps:>8}")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--matplotlib", action="store_true", help="also time the other engine")
    parser.add_argument("--clusters", action="store_true", help="also time clusters by sector")
    parser.add_argument("--png", action="store_true", help="also time PNG (capped size)")
    args = parser.parse_args()
    if find_dot() is None:
        raise SystemExit("dot is not on PATH")
    readability(args.repeat)
    if args.matplotlib:
        matplotlib_sizes()
    print("synthetic groups, every layer (view='all')")
    print("to_dot: CPU ms; to_svg, dot alone: wall ms; CPU: this process and dot, ms")
    print(
        f"{'members':>7} {'relations':>9} {'to_dot':>9} {'to_svg':>9} {'dot alone':>9} "
        f"{'overhead':>9} {'CPU: svg':>9} {'dot':>9} {'overhead':>9} {'to_dot/dot':>10}"
    )
    for n in (10, 30, 100, 300):
        ges = synthetic(n)
        source = to_dot(ges, view="all")
        repeat = args.repeat if n < 300 else max(3, args.repeat // 2)
        # Our own work is to_dot (to_svg adds only the same process start dot alone pays):
        # its CPU time over dot's is the overhead least disturbed by other jobs.
        c_build = cpu_median(lambda ges=ges: to_dot(ges, view="all"), max(repeat, 9))
        t_svg, t_dot, c_svg, c_dot = paired_medians(
            lambda ges=ges: to_svg(ges, view="all"), lambda source=source: dot_alone(source), repeat
        )
        print(
            f"{n:>7} {len(ges.document.relations):>9} {c_build * 1000:>7.1f}ms "
            f"{t_svg * 1000:>7.0f}ms {t_dot * 1000:>7.0f}ms {(t_svg - t_dot) / t_dot:>+8.1%} "
            f"{c_svg * 1000:>7.0f}ms {c_dot * 1000:>7.0f}ms {(c_svg - c_dot) / c_dot:>+8.1%} "
            f"{c_build / c_dot:>8.1%}"
        )
        if args.clusters:
            t_cl = median_time(
                lambda ges=ges: to_svg(ges, view="all", clusters=True), max(1, repeat // 2)
            )
            print(f"{'':>7} with clusters: {t_cl * 1000:.0f}ms ({t_cl / t_dot:.2f} x dot alone)")
        if args.png:
            reps = max(1, repeat // 2)
            t_png, t_dot_png, _, _ = paired_medians(
                lambda ges=ges: render_bytes(ges, "png", view="all"),
                lambda source=source: dot_alone(source, "png"),
                reps,
            )
            print(f"{'':>7} PNG: {t_png * 1000:.0f}ms, dot -Tpng alone {t_dot_png * 1000:.0f}ms")
        if args.matplotlib:
            t_mpl = median_time(
                lambda ges=ges: render_bytes(ges, "svg", engine="matplotlib", view="all"),
                max(1, repeat // 2),
            )
            print(f"{'':>7} matplotlib SVG: {t_mpl * 1000:.0f}ms ({t_mpl / t_dot:.2f} x dot alone)")


if __name__ == "__main__":
    main()
