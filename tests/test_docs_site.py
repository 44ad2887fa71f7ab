"""The documentation site: its generated pages follow the code, its commands run, it builds.

The pages written from the code (``docs/hooks/site_pages.py``: vocabularies, rule catalogue,
command reference, schema pages) are checked against the code they come from, so that a
generator that loses a code, a rule, an option or a condition fails here. Every ``ges-graph``
command shown on the site and in the README is run in a folder holding the files it names.
Then the site is built as ``./dev docs`` builds it (``mkdocs build --strict``, in a copy of the
repository's documentation), and headless Chromium shows the home page and a schema page: the
French text is there, and the schema's drawing is loaded with a size.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
import yaml

from ges_graph.cli import main
from ges_graph.cli.parser import build_parser
from ges_graph.rules import RULES
from ges_graph.schemas import reference_schemas
from ges_graph.vocabulary import FlowKind, Severity
from ges_graph.vocabulary.findings import ConfidenceLevel
from ges_graph.vocabulary.tables import KEYS

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
LANGS = ("fr", "en")


def _hook_module(name: str) -> ModuleType:
    if str(DOCS / "hooks") not in sys.path:
        sys.path.insert(0, str(DOCS / "hooks"))
    spec = importlib.util.spec_from_file_location(name, DOCS / "hooks" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    if name in sys.modules:
        return sys.modules[name]
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


pages = _hook_module("site_pages")


# -- the generated pages follow the code ----------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_vocabulary_page_has_every_code_label_and_synonym(lang: str) -> None:
    page = pages.vocabularies_page(lang)
    sections = {s.split("\n", 1)[0]: s for s in page.split("\n## ")[1:]}
    for vocabulary, key in KEYS.items():
        section = next((s for t, s in sections.items() if t.endswith(f"(`{key}`)")), None)
        assert section is not None, f"no section for {key}"
        for member in vocabulary:
            row = next(
                (ln for ln in section.splitlines() if ln.startswith(f"| `{member.value}` |")),
                None,
            )
            assert row is not None, f"{vocabulary.__name__}.{member.name} is not on the page"
            assert member.text.fr in row
            assert member.text.en in row
            for synonym in member.synonyms:
                assert synonym in row


@pytest.mark.parametrize("lang", LANGS)
def test_the_flow_direction_table_says_who_provides(lang: str) -> None:
    table = pages.flow_direction_table(lang).splitlines()
    assert len(table) == 2 + len(FlowKind)
    for kind, row in zip(FlowKind, table[2:], strict=True):
        assert row.startswith(f"| `{kind.value}` |")
        assert kind.action.render(lang) in row
    payee = next(r for r in table if r.startswith("| `management_fee`"))
    giver = next(r for r in table if r.startswith("| `loan`"))
    assert payee != giver.replace("`loan`", "`management_fee`")  # the two directions differ


def test_every_rule_has_an_example_that_fires_it() -> None:
    examples = yaml.safe_load(pages.RULE_EXAMPLES.read_text(encoding="utf-8"))
    assert set(examples) == set(RULES), "docs/hooks/rule_examples.yaml and RULES differ"
    for rule in RULES.values():
        pages.rule_example(rule, examples)  # raises when the example does not fire its rule


def test_a_rule_example_that_does_not_fire_is_refused() -> None:
    quiet = {"ai-form": {"name": "G", "entities": [{"id": "a", "name": "A", "form": "union"}]}}
    with pytest.raises(AssertionError, match="does not fire"):
        pages.rule_example(RULES["ai-form"], quiet)


@pytest.mark.parametrize("lang", LANGS)
def test_the_rule_catalogue_has_every_rule(lang: str) -> None:
    page = pages.rules_page(lang)
    sections = re.split(r"^### ", page, flags=re.M)[1:]
    assert len(sections) == len(RULES)
    for rule, section in zip(
        (r for rs in RULES.by_family().values() for r in rs), sections, strict=True
    ):
        assert section.startswith(f"`{rule.id}` — {rule.title(lang)}")
        assert Severity(rule.severity).label_in(lang) in section
        assert rule.reference in section
        assert "```yaml" in section
        assert rule.fires_when_in(lang) in section  # type: ignore[arg-type]
        for p in rule.params:
            assert f"`{p.name}`" in section
            assert p.values_in(lang) in section  # type: ignore[arg-type]
            assert p.description_in(lang) in section  # type: ignore[arg-type]


def test_the_french_catalogue_says_when_a_rule_fires_and_its_parameters_in_french() -> None:
    page = pages.rules_page("fr")
    section = page.split("### `consolidation-duty`", 1)[1].split("\n### ", 1)[0]
    nbsp = "\N{NO-BREAK SPACE}"
    assert f"- **Se déclenche quand**{nbsp}: une société du groupe (SA, SAS" in section
    assert f"    - `headcount`{nbsp}: 250 salariés — le seuil d'effectif" in section
    assert "60 000 000 euros à compter du 01/01/2025" in section
    for english in ("Fires when", "employees", "EUR", "threshold", "the"):
        assert not re.search(rf"\b{english}\b", section.split("```yaml")[0]), english
    tolerance = page.split("### `capital-over-100`", 1)[1].split("\n### ", 1)[0]
    assert f"`tolerance`{nbsp}: 0,01 point — l'écart admis au-dessus de 100{nbsp}%" in tolerance


@pytest.mark.parametrize("lang", LANGS)
def test_the_command_reference_has_every_subcommand_and_option(lang: str) -> None:
    page = pages.cli_page(lang)
    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    for name, subparser in sub.choices.items():
        assert f"## `ges-graph {name}`" in page
        section = page.split(f"## `ges-graph {name}`", 1)[1].split("\n## ", 1)[0]
        for action in subparser._actions:
            for option in action.option_strings:
                if option not in ("-h", "--help"):
                    assert f"`{option}`" in section, f"{name} {option} is not on the page"


@pytest.mark.parametrize("lang", LANGS)
def test_each_schema_page_says_its_conditions_basis_and_confidence(lang: str) -> None:
    for schema in reference_schemas():
        page = pages.PAGES[f"reference/schemas/{schema.id}.md"](lang)
        assert page.startswith(f"# {schema.id} — {schema.title(lang)}")
        assert f"](../../images/schema-{schema.id}.svg)" in page
        for condition in schema.all_conditions:
            assert condition.title(lang) in page
        for variant in schema.variants:
            assert variant.title(lang) in page
        basis = schema.basis.fr if lang == "fr" else schema.basis.en
        assert " ".join(basis.split()) in " ".join(page.split())
        assert ConfidenceLevel(schema.confidence).label_in(lang) in page
    index = pages.schemas_index(lang)
    assert all(f"[{s.id}]({s.id}.md)" in index for s in reference_schemas())


def test_every_page_is_in_both_languages_and_in_both_navigations() -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    navs = {lang["locale"]: set(_nav_files(lang["nav"])) for lang in i18n["languages"]}
    french = {p.name for p in (DOCS / "fr").glob("*.md")}
    english = {p.name for p in (DOCS / "en").glob("*.md")}
    assert french == english
    for lang, nav in navs.items():
        assert french <= nav, f"pages missing from the {lang} navigation: {french - nav}"
        assert set(pages.PAGES) <= nav, f"generated pages missing from the {lang} navigation"
    for page in english:
        link = DOCS / "en" / page
        if link.is_symlink():
            target = link.resolve()  # an English page of the top of docs/ (overview.md: index.md)
            assert target.parent == DOCS
            assert target.is_file()


class _Loader(yaml.SafeLoader):
    """mkdocs.yml as plain data (it has no Python tags)."""


def _nav_files(nav: object) -> Iterator[str]:
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, list):
        for item in nav:
            yield from _nav_files(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from _nav_files(value)


# -- every command shown runs ---------------------------------------------------------------------

COMMAND = re.compile(r"^(?:\$ )?(ges-graph [^#\n]*?)\s*(?:#.*)?$")
NETWORK = ("import-registry",)  # asks the public register: run offline by its own tests


def _shown_commands() -> list[tuple[str, str]]:
    sources = [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]
    sources += [p for lang in LANGS for p in sorted((DOCS / lang).glob("*.md"))]
    found: dict[str, str] = {}
    for path in sources:
        text = path.read_text(encoding="utf-8")
        for block in re.findall(r"```console\n(.*?)```", text, flags=re.S):
            for line in block.splitlines():
                match = COMMAND.match(line.strip())
                if match:
                    command = match.group(1).split(" | ")[0].strip()
                    found.setdefault(command, str(path.relative_to(ROOT)))
    return sorted(found.items())


SHOWN = _shown_commands()


def test_the_site_shows_commands() -> None:
    commands = [c for c, _ in SHOWN]
    assert "ges-graph convert groupe.yaml -o groupe.json" in commands
    assert not any(re.fullmatch(r"ges-graph convert \S+ \S+\.\w+", c) for c in commands)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding every file the commands shown name."""
    here = tmp_path_factory.mktemp("commands")
    examples = ROOT / "ges_graph" / "examples"
    tremplin = examples / "tremplin.yaml"
    for name in ("groupe.yaml", "a.yaml", "b.yaml", "groupe-2024.yaml"):
        shutil.copy(tremplin, here / name)
    later = tremplin.read_text(encoding="utf-8").replace("share: 90", "share: 45", 1)
    (here / "groupe-2025.yaml").write_text(later, encoding="utf-8")
    (here / "registre").mkdir()
    for example in examples.glob("*.yaml"):
        shutil.copy(example, here / "registre" / example.name)
    s5 = (ROOT / "schemas" / "coorace" / "S5.yaml").read_text(encoding="utf-8")
    (here / "S7.yaml").write_text(s5.replace("id: S5", "id: S7", 1), encoding="utf-8")
    _cli(here, "template", "groupe.xlsx")
    _cli(here, "convert", "groupe.yaml", "-o", "declarations.json", "--to", "bods")
    shutil.copy(here / "declarations.json", here / "statements.json")
    return here


def _cli(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ges_graph", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


@pytest.mark.parametrize(("command", "page"), SHOWN, ids=[c for c, _ in SHOWN])
def test_each_command_shown_runs(
    command: str,
    page: str,
    workdir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = shlex.split(command)[1:]
    if args[0] in NETWORK:
        pytest.skip(f"{args[0]} asks the public register over the network")
    here = tmp_path / "here"
    shutil.copytree(workdir, here)
    if args[0] == "template":  # a template is written anew, never over a file
        target = here / args[1]
        shutil.rmtree(target) if target.is_dir() else target.unlink(missing_ok=True)
    monkeypatch.chdir(here)
    try:
        code = main(args)
    except SystemExit as exc:  # argparse refuses a wrong command line
        code = exc.code if isinstance(exc.code, int) else 2
    # 0: done; 1: done, and the group fails what was asked (validation found an error)
    assert code in (0, 1), f"{page}: `{command}` exited {code}: {capsys.readouterr().err}"


# -- the site builds, and a browser shows it ------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built by ``mkdocs build --strict`` from a copy of the documentation."""
    pytest.importorskip("mkdocs")
    pytest.importorskip("material")
    if shutil.which("dot") is None:
        pytest.skip(
            "Graphviz's dot draws the site's pictures: install it (apt-get install graphviz)"
        )
    copy = tmp_path_factory.mktemp("site-source")
    shutil.copy(ROOT / "mkdocs.yml", copy / "mkdocs.yml")
    shutil.copytree(DOCS, copy / "docs", symlinks=True, ignore=_generated)
    shutil.copytree(ROOT / "notebooks", copy / "notebooks")
    for page in DOCS.glob("*.md"):  # what docs/en/ links to
        shutil.copy(page, copy / "docs" / page.name)
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(copy / "site")],
        cwd=copy,
        capture_output=True,
        text=True,
        timeout=1200,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"},
    )
    assert run.returncode == 0, run.stderr[-4000:]
    assert "WARNING" not in run.stderr, run.stderr[-4000:]
    return copy / "site"


def _generated(folder: str, names: list[str]) -> list[str]:
    """Leave out what the build writes (docs/.gitignore), so that the copy builds it anew."""
    if Path(folder).name in LANGS:
        return [n for n in names if n in ("reference", "images", "notebooks")]
    return []


@pytest.mark.slow
def test_the_site_has_both_languages_and_every_generated_page(site: Path) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in home
    assert '<html lang="en"' in (site / "en" / "index.html").read_text(encoding="utf-8")
    assert 'hreflang="en"' in home  # the language switch
    for name in pages.PAGES:
        folder = name.removesuffix(".md").removesuffix("index")
        assert (site / folder / "index.html").exists(), name
        assert (site / "en" / folder / "index.html").exists(), name
    for lang_root in (site, site / "en"):
        for picture in ("schema-S1.svg", "group-100.svg", "report-tremplin.png"):
            assert (lang_root / "images" / picture).stat().st_size > 1000
    assert "googleapis" not in home  # theme.font: false, nothing fetched at run time


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    pytest.skip("no Chromium found: install it (Debian: apt-get install -y chromium)")


def _headless(browser: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
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
            "--virtual-time-budget=15000",
            f"--user-data-dir={profile}",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        env={**os.environ, "HOME": str(profile)},
    )


PROBE = """<script>
window.addEventListener("load", () => {
  for (const img of document.images) {
    const box = img.getBoundingClientRect();
    img.setAttribute("data-probe",
      `${img.complete ? img.naturalWidth : 0}x${img.complete ? img.naturalHeight : 0}` +
      `/${Math.round(box.width)}x${Math.round(box.height)}`);
  }
  document.body.setAttribute("data-probed", "yes");
});
</script>"""


def _probed_dom(browser: str, page: Path, profile: Path) -> str:
    """The page's DOM once loaded, each image marked with its natural and drawn sizes."""
    probe = page.with_name("probe.html")
    probe.write_text(
        page.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"), encoding="utf-8"
    )
    run = _headless(browser, profile, "--dump-dom", probe.as_uri())
    probe.unlink()
    assert run.returncode == 0, run.stderr[-2000:]
    assert 'data-probed="yes"' in run.stdout
    return run.stdout


def _screenshot(browser: str, page: Path, profile: Path, out: Path) -> bytes:
    run = _headless(
        browser, profile, "--window-size=1280,1600", f"--screenshot={out}", page.as_uri()
    )
    assert run.returncode == 0, run.stderr[-2000:]
    data = out.read_bytes()
    assert data.startswith(b"\x89PNG")
    return data


def _not_blank(png: Path) -> None:
    image = pytest.importorskip("PIL.Image")
    with image.open(png) as picture:
        colours = picture.convert("RGB").getcolors(maxcolors=1 << 20)
    assert colours is not None
    assert len(colours) > 50, "the screenshot is (nearly) one colour"
    most = max(count for count, _ in colours)
    assert most < 0.95 * sum(count for count, _ in colours), "the screenshot is (nearly) blank"


@pytest.mark.slow
def test_the_home_page_in_a_browser_shows_the_french_text(site: Path, tmp_path: Path) -> None:
    browser = _chromium()
    dom = _probed_dom(browser, site / "index.html", tmp_path / "profile")
    text = " ".join(re.sub(r"<[^>]+>", " ", dom).split())
    assert "ges-graph décrit, vérifie, classe et dessine les Groupes Économiques Solidaires" in text
    assert "Premiers pas" in text
    assert "Droit et sources" in text
    drawing = re.search(r'<img[^>]*src="images/tremplin-structure.svg"[^>]*>', dom)
    assert drawing is not None
    sizes = re.search(r'data-probe="(\d+)x(\d+)/(\d+)x(\d+)"', drawing.group(0))
    assert sizes is not None, drawing.group(0)
    assert all(int(n) > 0 for n in sizes.groups()), f"the drawing is not shown: {sizes.group(0)}"
    shot = tmp_path / "home.png"
    _screenshot(browser, site / "index.html", tmp_path / "profile", shot)
    _not_blank(shot)


@pytest.mark.slow
def test_a_schema_page_in_a_browser_shows_its_drawing(site: Path, tmp_path: Path) -> None:
    browser = _chromium()
    page = site / "reference" / "schemas" / "S5" / "index.html"
    dom = _probed_dom(browser, page, tmp_path / "profile")
    text = " ".join(re.sub(r"<[^>]+>", " ", dom).split())
    assert "S5 — Groupe mixte avec gouvernance associative et SAS" in text
    assert "Les conditions" in text
    assert "Condition de tête" in text
    assert "la tête de groupe a le contrôle capitalistique d'une SAS ou SASU du groupe" in text
    drawing = re.search(r'<img[^>]*src="../../../images/schema-S5.svg"[^>]*>', dom)
    assert drawing is not None, "the schema's drawing is not on its page"
    sizes = re.search(r'data-probe="(\d+)x(\d+)/(\d+)x(\d+)"', drawing.group(0))
    assert sizes is not None, drawing.group(0)
    natural_w, natural_h, shown_w, shown_h = map(int, sizes.groups())
    assert min(natural_w, natural_h) > 100, "the drawing did not load"
    assert min(shown_w, shown_h) > 100, "the drawing is not shown"
    shot = tmp_path / "s5.png"
    _screenshot(browser, page, tmp_path / "profile", shot)
    _not_blank(shot)
