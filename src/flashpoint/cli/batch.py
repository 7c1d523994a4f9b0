"""What the commands that take article paths share: their options, reading with one-line
errors, a progress display, the ingest summary, and the exit code.

Keeping this in one place means every command reports bad inputs the same way: one line per
bad input naming it, the rest of the batch still processed, exit code 1 at the end.
Articles are read, extracted and stored as a stream, so a command's memory does not grow with
its input. The library is imported inside the functions, so that ``flashpoint --help`` and
commands that need none of it start without loading it.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer
from rich.console import Console
from rich.text import Text

from flashpoint.cli.terminal import plain
from flashpoint.errors import FlashpointError
from flashpoint.settings import Settings

if TYPE_CHECKING:
    from flashpoint.ingest import Article
    from flashpoint.service import Reading
    from flashpoint.store import Store

stderr = Console(stderr=True, soft_wrap=True)
T = TypeVar("T")

Paths = Annotated[list[str], typer.Argument(help="Files, directories or - for stdin (.txt, .html, .json, .jsonl).")]
Db = Annotated[Path, typer.Option("--db", help="DuckDB database file.")]
DateOption = Annotated[datetime | None, typer.Option("--date", formats=["%Y-%m-%d"],
                                                     help="Publication date for every input (overrides metadata).")]
Pipeline = Annotated[str | None, typer.Option("--pipeline", help="spaCy pipeline package to build on.")]
Workers = Annotated[int | None, typer.Option(
    "--workers", min=1, help="Processes to extract with, each loading the pipeline once (default 1; "
                             "ingest runs them beside the process that stores when there is a second core; "
                             "with --dask local: the cluster's worker processes, default one per core).")]
Wait = Annotated[float, typer.Option("--wait", min=0, help="Seconds to wait for a database another process "
                                     "holds before giving up (exit code 3).")]


def usable_cores() -> int:
    """How many cores this process may run on (its CPU affinity where the system tells it)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def settings_for(pipeline: str | None) -> Settings:
    """Default settings, with the base pipeline the user named."""
    return Settings(pipeline=pipeline) if pipeline else Settings()


def as_day(value: datetime | None) -> date | None:
    return value.date() if value else None


def output_path(path: Path | None) -> Path | None:
    """An output option's file, or None for standard output (no option, or ``-``)."""
    return None if path is None or str(path) == "-" else path


def report_error(error: FlashpointError) -> None:
    """One input or article that failed, on one line naming it (escaped: a path may hold anything)."""
    stderr.print(Text.assemble(("error", "red"), f" {plain(error)}"), soft_wrap=True)


def print_failures(errors: Iterable[FlashpointError]) -> None:
    """Each failed input on one line."""
    for error in errors:
        report_error(error)


def reading(paths: Sequence[str], published: datetime | None, settings: Settings) -> Reading:
    """The readable articles of ``paths``, as they are consumed; each unreadable input is
    reported on one line and counted."""
    from flashpoint.service import Reading

    return Reading(paths, report_error, settings, as_day(published))


def with_progress(items: Iterable[T], what: str) -> Iterator[T]:
    """``items`` with a running count on stderr (the total is not known while streaming)."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), TextColumn("[bold]{task.description}"), TextColumn("{task.completed}"),
               TimeElapsedColumn())
    with Progress(*columns, console=stderr, transient=True) as progress:
        task = progress.add_task(what, total=None)
        for item in items:
            yield item
            progress.advance(task)


@dataclass
class Ingesting:
    """What an ingest run did: counts of articles stored, found stored, and failed."""

    read: Reading
    new: int = 0
    already_stored: int = 0
    not_stored: int = 0

    @property
    def failed(self) -> int:
        return self.read.failed + self.not_stored


def ingest_paths(store: Store, paths: Sequence[str], published: datetime | None, pipeline: str | None,
                 workers: int | None = None, keep: list[Article] | None = None) -> Ingesting:
    """Read ``paths`` and ingest them into ``store`` as a stream (extracting with ``workers``
    processes); say what the store now holds.

    The articles as stored are appended to ``keep`` when given (for commands that show the
    batch afterwards); ``ingest`` itself keeps nothing, so its memory stays flat.
    """
    from flashpoint import service

    settings = settings_for(pipeline)
    store.limit_memory(settings.writer_memory)
    run = Ingesting(reading(paths, published, settings))
    extractor = service.pipeline_extractor(settings, workers=workers or 1, apart=usable_cores() > 1)
    outcomes = service.ingest_stream(store, run.read, extractor)
    for outcome in with_progress(outcomes, "ingesting"):
        if outcome.error is not None:
            report_error(outcome.error)
            run.not_stored += 1
            continue
        run.new += outcome.new is not None
        run.already_stored += outcome.new is None
        if keep is not None:
            keep.append(outcome.article)
    print_holdings(store, run.new, run.already_stored)
    return run


def print_holdings(store: Store, new: int, already_stored: int) -> None:
    """What an ingest stored, and what the store now holds."""
    counts = store.counts()
    stderr.print(f"stored {new} new article(s), {already_stored} already present; "
                 f"{plain(store.path)} now holds {counts['articles']} articles, {counts['events']} events, "
                 f"{counts['quotes']} quotes", markup=False, highlight=False)


def exit_if_failed(failed: int) -> None:
    """Exit non-zero when any input failed, after everything else was processed."""
    if failed:
        stderr.print(f"{failed} input(s) failed; the others were processed.")
        raise typer.Exit(code=1)
