"""The MkDocs hook of the documentation site: what the build writes from the code.

Before MkDocs reads ``docs/``, it writes, for each language (``docs/fr/`` and ``docs/en/``):
the generated pages of :mod:`site_pages` under ``reference/``, the pictures of
:mod:`site_pictures` under ``images/``, and a copy of the notebooks (``notebooks/*.ipynb``)
under ``notebooks/``. These folders are listed in ``docs/.gitignore``: nothing generated is
committed, so nothing can drift. A file whose content would not change is not rewritten, so that
``mkdocs serve`` settles after one build.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

HOOKS = Path(__file__).resolve().parent
sys.path.insert(0, str(HOOKS))  # MkDocs loads a hook by path: its siblings are imported so

import site_pages  # noqa: E402
import site_pictures  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import Files  # noqa: E402

DOCS = HOOKS.parent
ROOT = DOCS.parent
LANGS = ("fr", "en")
_written: set[str] = set()


def write_generated(docs: Path = DOCS) -> None:
    """Write every generated page, picture and notebook copy of both languages under ``docs``."""
    for lang in LANGS:
        for name, page in site_pages.PAGES.items():
            _write_text(docs / lang / name, page(lang))
        site_pictures.pictures(docs / lang / "images", lang)
        for notebook in sorted((ROOT / "notebooks").glob("*.ipynb")):
            _write_text(docs / lang / "notebooks" / notebook.name, notebook.read_text("utf-8"))


def _write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def on_pre_build(config: Any) -> None:
    """Write what the site is built from, once per run of MkDocs (both languages at once)."""
    docs = Path(config["docs_dir"])
    if str(docs) not in _written:
        write_generated(docs)
        _written.add(str(docs))


@event_priority(100)  # before mkdocs-static-i18n sorts the files by language
def on_files(files: Files, config: Any) -> Files:
    """Leave out the English pages at the top of ``docs/``: the site reads them through ``en/``.

    ``exclude_docs`` keeps excluded files in the collection, where the language plugin would
    take ``docs/index.md`` for a second French home page; they are dropped here.
    """
    return Files([f for f in files if "/" in f.src_uri or not f.src_uri.endswith(".md")])
