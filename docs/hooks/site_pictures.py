"""The pictures of the documentation site, drawn from the code at every build (never committed).

:func:`pictures` draws, in one language, every picture the pages show: the example of each
reference schema, the bundled Groupe Tremplin in every view and with both engines, generated
groups of 10, 30, 60 and 100 members (:func:`ges_graph.generate.realistic_group`), and the HTML
report page of Groupe Tremplin with a screenshot of it taken by headless Chromium (without
Chromium, the screenshot is replaced by the report's own diagram, and the page still links the
report itself). The build hook (``docs/hooks/site_hook.py``) writes them under
``docs/<lang>/images/``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import ges_graph
from ges_graph.generate import realistic_group
from ges_graph.graph import GES
from ges_graph.html_report import report_html
from ges_graph.i18n import Lang, check_lang
from ges_graph.io import load
from ges_graph.render import VIEWS, render_bytes
from ges_graph.schemas import reference_schemas

__all__ = ["GROUP_SIZES", "TREMPLIN", "pictures", "screenshot"]

TREMPLIN = Path(ges_graph.__file__).parent / "examples" / "tremplin.yaml"
"""The bundled example drawn in every view (from the package, wherever the site is built)."""
GROUP_SIZES = (10, 30, 60, 100)
"""The sizes of the generated groups drawn in the gallery."""

Picture = Callable[[], bytes]


def _chromium() -> str | None:
    names = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
    return next(filter(None, map(shutil.which, names)), None)


def screenshot(page: Path, out: Path, *, width: int = 1280, height: int = 1800) -> bool:
    """Take a screenshot of ``page`` (a local HTML file) with headless Chromium into ``out``.

    Returns:
        Whether Chromium was found and wrote a PNG.
    """
    browser = _chromium()
    if browser is None:
        return False
    with tempfile.TemporaryDirectory() as profile:
        run = subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--hide-scrollbars",
                f"--user-data-dir={profile}",
                f"--window-size={width},{height}",
                f"--screenshot={out}",
                page.as_uri(),
            ],
            capture_output=True,
            timeout=120,
            check=False,
            env={**os.environ, "HOME": profile},
        )
    return run.returncode == 0 and out.exists() and out.read_bytes().startswith(b"\x89PNG")


def _drawings(lang: Lang) -> Iterator[tuple[str, Picture]]:
    tremplin = load(TREMPLIN)
    for schema in reference_schemas():
        example = schema.example_ges()
        yield f"schema-{schema.id}.svg", lambda g=example: render_bytes(g, "svg", lang=lang)
    for view in VIEWS:
        yield (
            f"tremplin-{view}.svg",
            lambda v=view: render_bytes(tremplin, "svg", view=v, lang=lang),
        )
        yield (
            f"tremplin-{view}-matplotlib.svg",
            lambda v=view: render_bytes(tremplin, "svg", view=v, lang=lang, engine="matplotlib"),
        )
    yield (
        "tremplin-clusters.svg",
        lambda: render_bytes(tremplin, "svg", lang=lang, clusters="family"),
    )
    for size in GROUP_SIZES:
        group = GES.from_data(realistic_group(size, seed=1))
        yield f"group-{size}.svg", lambda g=group: render_bytes(g, "svg", lang=lang)


def pictures(folder: Path, lang: Lang = "fr") -> list[Path]:
    """Draw every picture of the site in ``lang`` into ``folder``; return the files written.

    A file whose bytes would not change is left alone, so that ``mkdocs serve`` does not see a
    change after each build.
    """
    check_lang(lang)
    folder.mkdir(parents=True, exist_ok=True)
    written = [folder / name for name, draw in _drawings(lang) if _write(folder / name, draw())]
    page = folder / "report-tremplin.html"
    shot = folder / "report-tremplin.png"
    if _write(page, report_html(load(TREMPLIN), lang=lang).encode("utf-8")) or not shot.exists():
        written += [page, shot]
        if not screenshot(page, shot):
            _write(shot, render_bytes(load(TREMPLIN), "png", lang=lang))
    return written


def _write(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` unless it holds them already; say whether it wrote."""
    if path.exists() and path.read_bytes() == data:
        return False
    path.write_bytes(data)
    return True
