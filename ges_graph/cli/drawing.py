"""The subcommands that draw and write pages: ``render``, ``report``, and ``demo``.

Rendering (Graphviz, matplotlib) and the report page are imported inside the function that uses
them: rendering is optional, and ``--help`` stays fast. ``render`` takes ``--schema FILE`` like
``classify``, ``report`` and ``demo``, for a uniform command line: the files are checked, but the
diagram does not depend on them (render never classifies: the head it marks comes from the
control notions, :mod:`ges_graph.control`).

Examples:
    >>> import argparse
    >>> args = argparse.Namespace(output="g.jpg", lang="en", schemas=None)
    >>> cmd_render(args)  # the suffix is refused before anything is read
    2
"""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ges_graph import io as ges_io
from ges_graph._data import examples
from ges_graph._files import write_atomic
from ges_graph.cli.inputs import given_schemas, load_source, read_source, schema_files
from ges_graph.cli.output import (
    CANNOT_WRITE,
    EXIT_FAILED,
    EXIT_OK,
    EXIT_UNREADABLE,
    UNKNOWN_OUTPUT,
    WRITTEN,
    Outcome,
    check_output,
    err,
    say,
)
from ges_graph.errors import GESError, MissingDependencyError, RenderError, os_reason, shown_value
from ges_graph.i18n import Lang, Tr, counted
from ges_graph.vocabulary import Layer

if TYPE_CHECKING:
    from ges_graph.graph import GES
    from ges_graph.schemas import SchemaDef

__all__ = ["RENDER_SUFFIXES", "cmd_demo", "cmd_render", "cmd_report"]

RENDER_SUFFIXES = (".svg", ".png", ".pdf", ".dot")
"""The suffixes of ``render -o OUT``: the format of the drawing."""
REPORT_SUFFIXES = (".html", ".htm")
"""The suffixes of ``report -o OUT``."""
_STDOUT_TEXT = Tr(
    "-o - (sortie standard) écrit du SVG ou du DOT (--to svg ou --to dot), pas {fmt}",
    "-o - (standard output) writes SVG or DOT (--to svg or --to dot), not {fmt}",
)


_LAYERS = tuple(layer.value for layer in Layer)
"""The layers ``--layers`` names."""
_UNKNOWN_LAYER = Tr(
    "ges-graph render : --layers : couche inconnue {layer} (attendu : {choices}, séparées par "
    "des virgules)",
    "ges-graph render: --layers: unknown layer {layer} (expected: {choices}, separated by commas)",
)


def _render_format(args: argparse.Namespace) -> str | None:
    """The format ``render`` writes: ``--to``, else OUT's suffix; SVG on standard output."""
    to: str | None = getattr(args, "to", None)
    if to:
        return to
    if args.output == "-":
        return "svg"
    suffix = Path(args.output).suffix.lower()
    if suffix not in RENDER_SUFFIXES:
        expected = ", ".join(RENDER_SUFFIXES)
        err(UNKNOWN_OUTPUT.format(args.lang, file=args.output, suffix=suffix, expected=expected))
        return None
    return suffix[1:]


# -- render -------------------------------------------------------------------------------------


def cmd_render(args: argparse.Namespace) -> int:
    """``ges-graph render FILE -o OUT``: draw the structure; the format comes from OUT's suffix.

    ``--to`` names the format instead; ``-o -`` writes SVG (or ``--to dot``) on standard output.
    """
    fmt = _render_format(args)
    if fmt is None:
        return EXIT_UNREADABLE
    if args.output == "-" and fmt not in ("svg", "dot"):
        err(_STDOUT_TEXT.format(args.lang, fmt=fmt))
        return EXIT_UNREADABLE
    refused = check_output(args.output, [args.file], args.lang)
    if refused is not None:
        err(refused)
        return EXIT_UNREADABLE
    schema_files(args)  # checked like any input; the drawing's head comes from control
    from ges_graph.render import render_bytes  # noqa: PLC0415 (rendering is optional)

    ges = load_source(read_source(args.file, args.syntax, args.max_size), args.lang, args.max_size)
    if isinstance(ges, Outcome):
        err("\n".join(ges.notes))
        return EXIT_UNREADABLE
    layers = [x.strip() for x in args.layers.split(",") if x.strip()] if args.layers else None
    if layers is not None and (not layers or not set(layers) <= set(_LAYERS)):
        bad = next((x for x in layers if x not in _LAYERS), "")  # « , » alone names none
        choices = ", ".join(_LAYERS)
        err(_UNKNOWN_LAYER.format(args.lang, layer=shown_value(bad, args.lang), choices=choices))
        return EXIT_UNREADABLE
    try:
        data = render_bytes(ges, fmt, **_render_options(args, ges), layers=layers, lang=args.lang)
        if args.output == "-":
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
            return EXIT_OK
        path = write_atomic(args.output, data)
    except (MissingDependencyError, ValueError) as exc:  # ValueError: a bad --layers
        err(str(exc))
        return EXIT_UNREADABLE
    except RenderError as exc:  # what the other engine, or fewer layers, would do instead
        hint = _TRY_MPL if args.engine == "graphviz" else _TRY_DOT
        err(exc.message_in(args.lang) + hint.render(args.lang))
        return EXIT_FAILED
    except OSError as exc:
        err(CANNOT_WRITE.format(args.lang, file=args.output, reason=os_reason(exc, args.lang)))
        return EXIT_UNREADABLE
    err(WRITTEN.format(args.lang, path=path))
    if args.paper is not None:
        _say_if_too_big(ges, data if fmt == "svg" else None, args, layers)
    return EXIT_OK


def _say_if_too_big(
    ges: GES, svg: bytes | None, args: argparse.Namespace, layers: list[str] | None
) -> None:
    """With ``--paper``, say so when the drawing does not fit it with its text at 7 points.

    The layout is made for the paper (ranks of fewer entities), but a group may still be too
    wide or too tall for it: the user, who asked for that paper, is told, with the size.
    """
    from ges_graph.render import render_bytes  # noqa: PLC0415
    from ges_graph.render.options import fits_paper, printed_mm, svg_measures  # noqa: PLC0415

    if svg is None:
        try:  # measured on an SVG of the same drawing; the file is written: a failure is silent
            svg = render_bytes(
                ges, "svg", **_render_options(args, ges), layers=layers, lang=args.lang
            )
        except (GESError, ValueError):
            return
    width, height, font = svg_measures(svg)
    if width and height and not fits_paper(width, height, font, args.paper):
        w, h = printed_mm(width, height, font)
        across = args.direction in ("LR", "RL")  # left to right already: not suggested again
        said = {
            (True, False): _TOO_BIG_A4,
            (True, True): _TOO_BIG_A4_ACROSS,
            (False, False): _TOO_BIG,
            (False, True): _TOO_BIG_ACROSS,
        }[(args.paper == "a4", across)]
        err(said.format(args.lang, paper=args.paper.upper(), w=w, h=h))


_TOO_BIG = Tr(
    "remarque : le dessin ne tient pas sur une page {paper} avec un texte de 7 points au moins "
    "({w} × {h} mm) ; essayez --direction LR, ou --view pour n'en montrer qu'une part",
    "note: the drawing does not fit an {paper} page with its text at 7 points at least ({w} × "
    "{h} mm); try --direction LR, or --view to show a part of it",
)
_TOO_BIG_A4 = Tr(
    "remarque : le dessin ne tient pas sur une page {paper} avec un texte de 7 points au moins "
    "({w} × {h} mm) ; essayez --paper a3 ou --direction LR",
    "note: the drawing does not fit an {paper} page with its text at 7 points at least ({w} × "
    "{h} mm); try --paper a3 or --direction LR",
)
_TOO_BIG_ACROSS = Tr(
    "remarque : le dessin ne tient pas sur une page {paper} avec un texte de 7 points au moins "
    "({w} × {h} mm) ; essayez --view pour n'en montrer qu'une part",
    "note: the drawing does not fit an {paper} page with its text at 7 points at least ({w} × "
    "{h} mm); try --view to show a part of it",
)
_TOO_BIG_A4_ACROSS = Tr(
    "remarque : le dessin ne tient pas sur une page {paper} avec un texte de 7 points au moins "
    "({w} × {h} mm) ; essayez --paper a3",
    "note: the drawing does not fit an {paper} page with its text at 7 points at least ({w} × "
    "{h} mm); try --paper a3",
)
_TRY_MPL = Tr(
    " ; ou dessinez avec matplotlib (--engine matplotlib)",
    "; or draw with matplotlib (--engine matplotlib)",
)
_TRY_DOT = Tr(
    " ; dessinez avec Graphviz (--engine graphviz) ou avec moins de couches (--layers)",
    "; draw with Graphviz (--engine graphviz), or fewer layers (--layers)",
)


def _render_options(args: argparse.Namespace, ges: GES) -> dict[str, Any]:
    """The drawing options of ``render`` (engine, view, clusters, direction, paper, report).

    ``--findings`` validates the document and marks its findings on the diagram.
    """
    options: dict[str, Any] = {
        "engine": args.engine,
        "view": getattr(args, "view", None) or "structure",
        "clusters": getattr(args, "clusters", None) or False,
        "direction": getattr(args, "direction", None),
        "paper": getattr(args, "paper", None),
        "legend": getattr(args, "legend", True),
    }
    if getattr(args, "findings", False):
        from ges_graph.rules import validate  # noqa: PLC0415 (only when asked)

        options["report"] = validate(ges)
    return options


# -- report -------------------------------------------------------------------------------------


def cmd_report(args: argparse.Namespace) -> int:
    """``ges-graph report FILE -o OUT.html``: one self-contained HTML page about the group.

    ``-o -`` writes the page on standard output.
    """
    from ges_graph.html_report import report_html, write_report  # noqa: PLC0415 (rendering)

    suffix = Path(args.output).suffix.lower()
    if args.output != "-" and suffix not in REPORT_SUFFIXES:
        expected = ", ".join(REPORT_SUFFIXES)
        err(UNKNOWN_OUTPUT.format(args.lang, file=args.output, suffix=suffix, expected=expected))
        return EXIT_UNREADABLE
    refused = check_output(args.output, [args.file], args.lang)
    if refused is not None:
        err(refused)
        return EXIT_UNREADABLE
    schemas = given_schemas(schema_files(args))
    ges = load_source(read_source(args.file, args.syntax, args.max_size), args.lang, args.max_size)
    if isinstance(ges, Outcome):
        err("\n".join(ges.notes))
        return EXIT_UNREADABLE
    if args.output == "-":
        sys.stdout.write(report_html(ges, lang=args.lang, schemas=schemas))
        return EXIT_OK
    try:
        path = write_report(ges, args.output, lang=args.lang, schemas=schemas)
    except OSError as exc:
        err(CANNOT_WRITE.format(args.lang, file=args.output, reason=os_reason(exc, args.lang)))
        return EXIT_UNREADABLE
    err(WRITTEN.format(args.lang, path=path))
    return EXIT_OK


# -- demo ---------------------------------------------------------------------------------------

_EXAMPLE = Tr("exemple {name} : {entities}, {relations}", "example {name}: {entities}, {relations}")
_ENTITY = (Tr("entité", "entity"), Tr("entités", "entities"))
_RELATION = (Tr("relation", "relation"), Tr("relations", "relations"))
_CONFORMS = Tr("  validation : conforme ({n})", "  validation: conforms ({n})")
_NOT_CONFORMS = Tr("  validation : non conforme ({n})", "  validation: does not conform ({n})")
_FINDING = (Tr("constat", "finding"), Tr("constats", "findings"))
_SCHEMA = Tr(
    "  classement : {caption} ; tête de groupe : {head}",
    "  classification: {caption}; head: {head}",
)
_NO_SCHEMA = Tr(
    "  classement : aucun schéma ne correspond ; le plus proche : {caption}",
    "  classification: no schema matches; nearest: {caption}",
)
_NO_SCHEMA_AT_ALL = Tr("  classement : aucun schéma", "  classification: no schema")
_NO_DOT = Tr(
    "Graphviz (dot) est absent : diagrammes dessinés avec matplotlib, page sans diagramme "
    "(Debian : apt-get install graphviz)",
    "Graphviz (dot) is missing: diagrams drawn with matplotlib, page without a diagram "
    "(Debian: apt-get install graphviz)",
)
_STEP_FAILED = Tr("  (échec : {reason})", "  (failed: {reason})")
_REFERENCE_DRAWN = Tr("schémas de référence dessinés : {n}", "reference schemas drawn: {n}")
_GIVEN_DRAWN = Tr("schémas donnés (--schema) dessinés : {n}", "given schemas (--schema) drawn: {n}")
_DONE = Tr("résultats dans {dir} :", "results in {dir}:")


def _demo_example(
    path: Path, out: Path, lang: Lang, dot: bool, schemas: tuple[SchemaDef, ...] | None = None
) -> list[Path]:
    """Load, validate and classify one bundled example; write it as JSON, a diagram and a page.

    ``schemas``: those classification tries (default: the reference schemas).

    Returns:
        The files written.
    """
    from ges_graph.classification import classify  # noqa: PLC0415 (loaded on demand)
    from ges_graph.html_report import write_report  # noqa: PLC0415 (the page loads rendering)
    from ges_graph.render import render  # noqa: PLC0415 (rendering is optional)
    from ges_graph.rules import validate  # noqa: PLC0415 (loaded on demand)

    ges = ges_io.load(path)
    doc = ges.document
    say(
        _EXAMPLE.format(
            lang,
            name=path.name,
            entities=counted(len(doc.entities), *_ENTITY, lang),
            relations=counted(len(doc.relations), *_RELATION, lang),
        )
    )
    report = validate(ges)
    conforms = _CONFORMS if report.conforms else _NOT_CONFORMS
    # counted by severity, as ``validate`` says it: « (1 erreur, 1 information) »
    counts = [s.counted(len(fs), lang) for s, fs in report.by_severity().items()]
    said = ", ".join(counts) if counts else counted(0, *_FINDING, lang)
    say(conforms.format(lang, n=said))
    result = classify(ges, schemas)
    caption = result.schema_caption(lang)
    if caption is None:
        say(_NO_SCHEMA_AT_ALL.render(lang))
    elif result.schema is not None:
        head = result.names.get(result.head, result.head) if result.head else "—"
        say(_SCHEMA.format(lang, caption=caption, head=head))
    else:
        say(_NO_SCHEMA.format(lang, caption=caption))
    written = [out / f"{path.stem}.json"]
    ges_io.save(ges, written[0])
    engine = "graphviz" if dot else "matplotlib"
    written.append(render(ges, out / f"{path.stem}.svg", engine=engine, lang=lang, report=report))
    written.append(
        write_report(ges, out / f"{path.stem}.html", lang=lang, diagram=dot, schemas=schemas)
    )
    return written


def _demo_schemas(
    out: Path, lang: Lang, dot: bool, schemas: tuple[SchemaDef, ...] | None = None
) -> list[Path]:
    """Draw the example of each schema into ``out``; return the files written.

    ``schemas``: those to draw (default: the reference schemas).
    """
    from ges_graph.render import render  # noqa: PLC0415 (rendering is optional)
    from ges_graph.schemas import reference_schemas  # noqa: PLC0415 (loaded on demand)

    out.mkdir(parents=True, exist_ok=True)
    engine = "graphviz" if dot else "matplotlib"
    written = [
        render(schema.example_ges(), out / f"{schema.id}.svg", engine=engine, lang=lang)
        for schema in (reference_schemas() if schemas is None else schemas)
    ]
    reference = len(reference_schemas())
    say(_REFERENCE_DRAWN.format(lang, n=min(reference, len(written))))
    if len(written) > reference:
        say(_GIVEN_DRAWN.format(lang, n=len(written) - reference))
    return written


def cmd_demo(args: argparse.Namespace) -> int:
    """``ges-graph demo [-o DIR]``: the main job on the bundled examples, needing no input.

    Draws the reference schemas (``DIR/schemas/S1.svg``…) and those of ``--schema FILE``
    beside them, and for each bundled example group validates and classifies it (against the
    same schemas), then writes it as JSON, its diagram and its report page. Without Graphviz's
    ``dot``, the diagrams are drawn with matplotlib and the page goes without.
    """
    import shutil  # noqa: PLC0415

    schemas = given_schemas(schema_files(args))
    out = Path(args.output)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        err(CANNOT_WRITE.format(args.lang, file=out, reason=os_reason(exc, args.lang)))
        return EXIT_UNREADABLE
    dot = shutil.which("dot") is not None
    if not dot:
        err(_NO_DOT.render(args.lang))
    written: list[Path] = []
    status = EXIT_OK
    steps: list[Callable[[], list[Path]]] = [
        functools.partial(_demo_schemas, out / "schemas", args.lang, dot, schemas),
        *(functools.partial(_demo_example, p, out, args.lang, dot, schemas) for p in examples()),
    ]
    for step in steps:
        try:
            written += step()
        except (GESError, OSError) as exc:
            err(_STEP_FAILED.format(args.lang, reason=exc))
            status = EXIT_FAILED
    say(_DONE.format(args.lang, dir=out))
    for path in written:
        say(f"  {path}")
    return status
