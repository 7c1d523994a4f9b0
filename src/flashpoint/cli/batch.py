"""What the commands that take article paths share: their options, reading with one-line
errors, a progress bar around extraction, the ingest summary, and the exit code.

Keeping this in one place means every command reports bad inputs the same way: one line per
bad input naming it, the rest of the batch still processed, exit code 1 at the end.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

from flashpoint import service
from flashpoint.cli.terminal import plain
from flashpoint.errors import ExtractionError, InputError
from flashpoint.ingest import Article
from flashpoint.records import Extraction
from flashpoint.service import Batch, Extractor, Ingested
from flashpoint.settings import Settings
from flashpoint.store import Store

stderr = Console(stderr=True, soft_wrap=True)

Paths = Annotated[list[str], typer.Argument(help="Files, directories or - for stdin (.txt, .html, .json, .jsonl).")]
Db = Annotated[Path, typer.Option("--db", help="DuckDB database file.")]
DateOption = Annotated[datetime | None, typer.Option("--date", formats=["%Y-%m-%d"],
                                                     help="Publication date for every input (overrides metadata).")]
Pipeline = Annotated[str | None, typer.Option("--pipeline", help="spaCy pipeline package to build on.")]
Workers = Annotated[int | None, typer.Option(
    "--workers", min=1, help="Processes to extract with, each loading the pipeline once (default 1; "
                             "with --dask local: the cluster's worker processes, default one per core).")]
Wait = Annotated[float, typer.Option("--wait", min=0, help="Seconds to wait for a database another process "
                                     "holds before giving up (exit code 3).")]


def settings_for(pipeline: str | None) -> Settings:
    """Default settings, with the base pipeline the user named."""
    return Settings(pipeline=pipeline) if pipeline else Settings()


def as_day(value: datetime | None) -> date | None:
    return value.date() if value else None


def output_path(path: Path | None) -> Path | None:
    """An output option's file, or None for standard output (no option, or ``-``)."""
    return None if path is None or str(path) == "-" else path


def print_failures(errors: Iterable[InputError]) -> None:
    """Each failed input on one line (escaped: a path may hold anything)."""
    for error in errors:
        stderr.print(Text.assemble(("error", "red"), f" {plain(error)}"), soft_wrap=True)


def read_batch(paths: Sequence[str], published: datetime | None, settings: Settings) -> Batch:
    """All readable articles of ``paths``; each unreadable input is reported on one line."""
    batch = service.read_articles(paths, settings, as_day(published))
    print_failures(batch.errors)
    return batch


def with_progress(extractor: Extractor) -> Extractor:
    """``extractor`` with a progress bar on stderr."""
    def run(articles: Sequence[Article]) -> Iterator[Extraction | ExtractionError]:
        columns = (TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TimeElapsedColumn())
        with Progress(*columns, console=stderr, transient=True) as progress:
            task = progress.add_task("extracting", total=len(articles))
            for extraction in extractor(articles):
                progress.advance(task)
                yield extraction

    return run


def ingest_paths(store: Store, paths: Sequence[str], published: datetime | None,
                 pipeline: str | None, workers: int | None = None) -> tuple[Batch, Ingested]:
    """Read ``paths`` and ingest them into ``store`` (extracting with ``workers`` processes);
    say what the store now holds."""
    settings = settings_for(pipeline)
    batch = read_batch(paths, published, settings)
    result = service.ingest(store, batch.articles, with_progress(service.pipeline_extractor(settings, workers=workers or 1)))
    print_failures(result.errors)
    batch.errors.extend(result.errors)
    print_holdings(store, len(result.new), result.already_stored)
    return batch, result


def print_holdings(store: Store, new: int, already_stored: int) -> None:
    """What an ingest stored, and what the store now holds."""
    counts = store.counts()
    stderr.print(f"stored {new} new article(s), {already_stored} already present; "
                 f"{plain(store.path)} now holds {counts['articles']} articles, {counts['events']} events, "
                 f"{counts['quotes']} quotes", markup=False, highlight=False)


def exit_if_failed(batch: Batch) -> None:
    """Exit non-zero when any input failed, after everything else was processed."""
    if batch.errors:
        stderr.print(f"{len(batch.errors)} input(s) failed; the others were processed.")
        raise typer.Exit(code=1)
