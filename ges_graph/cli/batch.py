"""Running a subcommand over several files: in order, in worker processes, with a progress bar.

``validate`` and ``classify`` take several FILEs or folders. Each file goes through a *worker*
(a module-level function, so that worker processes can run it) that gives an
:class:`~ges_graph.cli.output.Outcome`; :func:`run_files` prints the outcomes in the order of the
command line, a heading per file and a summary line when there are several, and returns the
worst exit code (``2`` over ``1`` over ``0``).

Examples:
    >>> summary("fr", total=4, ok=2, failed=1, unreadable=1)
    '4 documents : 2 conformes, 1 non conforme, 1 illisible'
    >>> summary("en", total=2, ok=1, failed=1, unreadable=0)
    '2 documents: 1 conforms, 1 does not conform, 0 unreadable'
    >>> summary("fr", total=3, ok=3, failed=0, unreadable=0, verdicts=False)
    '3 documents : 3 classés, 0 illisible'
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import time
from collections.abc import Callable
from typing import TextIO

from ges_graph.cli.inputs import Source, expand_sources, is_folder
from ges_graph.cli.output import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_UNREADABLE,
    Outcome,
    err,
    print_json,
    say,
)
from ges_graph.i18n import Lang, Tr, check_lang, counted

__all__ = ["PROGRESS_DELAY", "Progress", "Worker", "run_all", "run_files", "summary"]

PROGRESS_DELAY = 0.5
"""Seconds a multi-file run must last before a progress bar appears (on a terminal only)."""

_SUMMARY = Tr("{total} : {ok}, {failed}, {unreadable}", "{total}: {ok}, {failed}, {unreadable}")
_SUMMARY_CLASSIFIED = Tr("{total} : {ok}, {unreadable}", "{total}: {ok}, {unreadable}")
_DOCUMENT = (Tr("document", "document"), Tr("documents", "documents"))
_CONFORMS = (Tr("conforme", "conforms"), Tr("conformes", "conform"))
_DOES_NOT = (Tr("non conforme", "does not conform"), Tr("non conformes", "do not conform"))
_CLASSIFIED = (Tr("classé", "classified"), Tr("classés", "classified"))
_UNREADABLE = (Tr("illisible", "unreadable"), Tr("illisibles", "unreadable"))


def summary(
    lang: Lang, *, total: int, ok: int, failed: int, unreadable: int, verdicts: bool = True
) -> str:
    """The last line of a run over several documents, each count with its noun in its number.

    In the words of the rows: conforming or not (``validate``, ``check``); with ``verdicts``
    false, classified (``classify``, whose documents have no verdict: ``failed`` is not said).
    """
    check_lang(lang)
    if not verdicts:
        return _SUMMARY_CLASSIFIED.format(
            lang,
            total=counted(total, *_DOCUMENT, lang),
            ok=counted(ok + failed, *_CLASSIFIED, lang),
            unreadable=counted(unreadable, *_UNREADABLE, lang),
        )
    return _SUMMARY.format(
        lang,
        total=counted(total, *_DOCUMENT, lang),
        ok=counted(ok, *_CONFORMS, lang),
        failed=counted(failed, *_DOES_NOT, lang),
        unreadable=counted(unreadable, *_UNREADABLE, lang),
    )


Worker = Callable[[Source, Lang, int], Outcome]
"""What treats one file: ``worker(source, lang, max_size)``, at module level (it is pickled)."""


class Progress:
    """A one-line progress bar on stderr, shown only on a terminal and only for long runs.

    Args:
        total: the number of files of the run.
        stream: where to draw (default: stderr); nothing is drawn unless it is a terminal.
        delay: seconds the run must last before the bar appears.

    Examples:
        >>> import io
        >>> bar = Progress(3, stream=io.StringIO())  # not a terminal: nothing is drawn
        >>> bar.enabled
        False
    """

    def __init__(self, total: int, stream: TextIO | None = None, delay: float = PROGRESS_DELAY):
        self.stream = stream if stream is not None else sys.stderr
        self.total = total
        self.done = 0
        self.delay = delay
        self.start = time.monotonic()
        self.drawn = False
        isatty = getattr(self.stream, "isatty", None)
        self.enabled = total > 1 and bool(isatty and isatty())

    def advance(self, name: str = "") -> None:
        """Count one more file done; draw the bar once the run has lasted ``delay`` seconds."""
        self.done += 1
        if not self.enabled or time.monotonic() - self.start < self.delay:
            return
        width = 30
        filled = width * self.done // self.total
        label = name if len(name) <= 40 else "…" + name[-39:]
        bar = "#" * filled + "-" * (width - filled)
        self.stream.write(f"\r\033[K[{bar}] {self.done}/{self.total} {label}")
        self.stream.flush()
        self.drawn = True

    def erase(self) -> None:
        """Erase the bar, if drawn, before a line of results; the next file draws it again."""
        if self.drawn:
            self.stream.write("\r\033[K")
            self.stream.flush()

    def close(self) -> None:
        """Erase the bar, if one was drawn."""
        if self.drawn:
            self.stream.write("\r\033[K")
            self.stream.flush()


def run_all(
    worker: Worker, sources: list[Source], lang: Lang, max_size: int, jobs: int
) -> list[Outcome]:
    """Apply ``worker`` to every source, in order, in ``jobs`` processes (``0``: one per CPU).

    Examples:
        >>> from ges_graph.cli.output import Outcome
        >>> def named(source, lang, max_size):
        ...     return Outcome(source.name, 0, text=f"{source.name} ({lang})")
        >>> [o.text for o in run_all(named, [Source("a"), Source("b")], "en", 100, jobs=1)]
        ['a (en)', 'b (en)']
    """
    check_lang(lang)
    progress = Progress(len(sources))
    jobs = jobs or os.cpu_count() or 1
    try:
        if jobs <= 1 or len(sources) <= 1:
            results = []
            for source in sources:
                results.append(worker(source, lang, max_size))
                progress.advance(source.name)
            return results
        # Loaded on demand: a run over one file, and --help, do without it.
        from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415

        workers = min(jobs, len(sources))
        # Chunks amortise the round trip to a worker over several small documents.
        chunk = max(1, min(16, len(sources) // (workers * 4)))
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = []
            mapped = pool.map(
                worker,
                sources,
                itertools.repeat(lang),
                itertools.repeat(max_size),
                chunksize=chunk,
            )
            for source, outcome in zip(sources, mapped, strict=True):
                results.append(outcome)
                progress.advance(source.name)
            return results
    finally:
        progress.close()


def run_files(args: argparse.Namespace, worker: Worker) -> int:
    """Run ``worker`` over the FILEs of the command line and print the per-file results.

    Args:
        args: the parsed command line (``files``, ``lang``, ``syntax``, ``max_size``, ``jobs``,
            ``json``).
        worker: what treats one file.

    Returns:
        ``2`` if any file could not be read, else ``1`` if any failed, else ``0``.
    """
    items = expand_sources(args)
    todo = [s for s in items if isinstance(s, Source)]
    done = iter(run_all(worker, todo, args.lang, args.max_size, args.jobs))
    outcomes = [next(done) if isinstance(s, Source) else s for s in items]
    several = len(args.files) > 1 or any(is_folder(f) for f in args.files if f != "-")
    _print_notes(outcomes)
    if args.json:
        print_json([o.data for o in outcomes] if several else outcomes[0].data)
    else:
        _print_texts(outcomes, several, args.lang, getattr(args, "command", "") != "classify")
    return max((o.status for o in outcomes), default=EXIT_OK)


def _print_notes(outcomes: list[Outcome]) -> None:
    """Print the outcomes' notes on stderr: every unreadable file's, others once each."""
    seen: set[str] = set()
    for outcome in outcomes:
        for note in outcome.notes:
            if note not in seen or outcome.status == EXIT_UNREADABLE:
                err(note)
                seen.add(note)


def _print_texts(outcomes: list[Outcome], several: bool, lang: Lang, verdicts: bool) -> None:
    """Print the outcomes for people; with ``several``, a heading each and a summary line.

    ``verdicts``: the documents conform or not (:func:`summary`).
    """
    for outcome in outcomes:
        if not outcome.text:
            continue
        if several:
            say(f"== {outcome.file} ==")
        say(outcome.text.rstrip("\n"))
    if several:
        say(
            summary(
                lang,
                total=len(outcomes),
                ok=sum(o.status == EXIT_OK for o in outcomes),
                failed=sum(o.status == EXIT_FAILED for o in outcomes),
                unreadable=sum(o.status == EXIT_UNREADABLE for o in outcomes),
                verdicts=verdicts,
            )
        )
