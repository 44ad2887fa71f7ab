"""The examples of ``README.md`` and the documentation run as doctests, one test per file.

The package's own docstrings are doctested by ``--doctest-modules`` (see ``pyproject.toml``);
the Markdown files are collected here so that a failing example names its file and line: the
English pages at the top of ``docs/``, and the site's French pages (``docs/fr/``) and English
pages of its own (``docs/en/``, where the others are links to the top). The site itself, its
generated pages and its links are tested by ``tests/test_docs_site.py``.
"""

from __future__ import annotations

import doctest
import io
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MARKDOWN = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
SITE_PAGES = [
    p
    for lang in ("fr", "en")
    for p in sorted((ROOT / "docs" / lang).glob("*.md"))
    if not p.is_symlink()  # docs/en/format.md is docs/format.md, run once
]
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
LINKS = re.compile(r"\]\(((?!https?://|#)[^)#\s]+)(?:#[^)]*)?\)")


def _run(path: Path) -> tuple[doctest.TestResults, str]:
    text = path.read_text(encoding="utf-8")
    name = str(path.relative_to(ROOT))
    test = doctest.DocTestParser().get_doctest(text, {"__name__": name}, name, str(path), 0)
    out = io.StringIO()
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    runner.run(test, out=out.write)
    return runner.summarize(verbose=False), out.getvalue()


@pytest.mark.parametrize("path", MARKDOWN + SITE_PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_markdown_examples_run(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # examples may name files of the repository
    results, report = _run(path)
    assert results.failed == 0, report


def test_the_readme_has_examples_that_run() -> None:
    results, _ = _run(ROOT / "README.md")
    assert results.attempted >= 5


def test_the_readme_gives_exactly_two_commands() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Two commands", 1)[1].split("\n## ", 1)[0]
    block = section.split("```console\n", 1)[1].split("```", 1)[0]
    assert block.split("\n")[:-1] == ["./dev demo", "./dev test"]
    assert (ROOT / "dev").stat().st_mode & 0o111, "./dev is not executable"


def test_dev_script_says_what_it_does_and_refuses_unknown_commands() -> None:
    dev = ROOT / "dev"
    assert subprocess.run(["bash", "-n", dev], check=False).returncode == 0
    helped = subprocess.run([dev, "help"], capture_output=True, text=True, check=False)
    assert helped.returncode == 0
    assert "./dev demo" in helped.stdout
    assert "./dev test" in helped.stdout
    assert "./dev bench" in helped.stdout
    wrong = subprocess.run([dev, "bogus"], capture_output=True, text=True, check=False)
    assert wrong.returncode == 2
    assert "./dev test" in wrong.stderr


def test_ci_builds_the_site_then_runs_the_readme_test_command() -> None:
    lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    commands = [ln for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]
    assert commands[-1].startswith("exec ./dev test")
    assert "./dev docs </dev/null" in commands
    assert all(c.startswith(("set ", "cd ", "./dev docs", "exec ./dev test")) for c in commands)


def test_dev_script_builds_the_site() -> None:
    text = (ROOT / "dev").read_text(encoding="utf-8")
    helped = subprocess.run([ROOT / "dev", "help"], capture_output=True, text=True, check=False)
    assert "./dev docs [--serve]" in helped.stdout
    assert '"$VENV/bin/mkdocs" build --strict' in text
    assert '"$VENV/bin/mkdocs" serve' in text
    assert "docs" in text.split('EXTRAS="', 1)[1].split('"', 1)[0].split(",")


@pytest.mark.parametrize("path", MARKDOWN, ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_point_at_files(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    broken = [
        target
        for target in LINKS.findall(text)
        if not (path.parent / target).exists() and not target.startswith("mailto:")
    ]
    assert broken == [], f"{path.name} links to missing files: {broken}"
