"""What the commands that take article paths share: their options, reading with one-line
errors, extraction with a progress bar, storing, and the exit code.

Keeping this in one place means every command reports bad inputs the same way: one line per
bad input naming it, the rest of the batch still processed, exit code 1 at the end.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from flashpoint.errors import InputError
from flashpoint.extract import Extraction, extract
from flashpoint.ingest import Article, read_inputs
from flashpoint.nlp.pipeline import load_pipeline
from flashpoint.scale.pool import extract_parallel
from flashpoint.settings import Settings
from flashpoint.store import Store

stderr = Console(stderr=True)

Paths = Annotated[list[str], typer.Argument(help="Files, directories or - for stdin (.txt, .html, .json, .jsonl).")]
Db = Annotated[Path, typer.Option("--db", help="DuckDB database file.")]
DateOption = Annotated[Optional[datetime], typer.Option("--date", formats=["%Y-%m-%d"],
                                                        help="Publication date for every input (overrides metadata).")]
Pipeline = Annotated[Optional[str], typer.Option("--pipeline", help="spaCy pipeline package to build on.")]
Workers = Annotated[Optional[int], typer.Option("--workers", min=1,
                                               help="Processes to extract with (default 1; with --dask local: one per core).")]


@dataclass
class Batch:
    """What a command collected: articles to process, and how many inputs failed."""

    articles: list[Article] = field(default_factory=list)
    failures: int = 0


def settings_for(pipeline: str | None) -> Settings:
    """Default settings, with the base pipeline the user named."""
    return Settings(pipeline=pipeline) if pipeline else Settings()


def as_day(value: datetime | None) -> date | None:
    return value.date() if value else None


def read_batch(paths: Sequence[str], published: date | None, settings: Settings) -> Batch:
    """All readable articles of ``paths``; each unreadable input is reported on one line."""
    batch = Batch()
    for result in read_inputs(paths, settings, date_override=published):
        if isinstance(result, InputError):
            stderr.print(f"[red]error[/red] {result}", highlight=False, soft_wrap=True)
            batch.failures += 1
        else:
            batch.articles.append(result)
    return batch


def extract_with_progress(articles: list[Article], settings: Settings, workers: int = 1) -> Iterator[Extraction]:
    """Extractions of ``articles`` in order, with a progress bar on stderr; ``workers`` > 1
    spreads them over that many processes."""
    if workers > 1:
        extractions = extract_parallel(articles, settings, workers)
    else:
        extractions = extract(articles, load_pipeline(settings), batch_size=settings.batch_size)
    columns = (TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn())
    with Progress(*columns, console=stderr, transient=True, disable=not stderr.is_terminal) as progress:
        task = progress.add_task("extracting", total=len(articles))
        for extraction in extractions:
            progress.advance(task)
            yield extraction


def save_new(store: Store, articles: Sequence[Article], settings: Settings, workers: int = 1,
             on_saved: Callable[[Extraction], None] | None = None) -> int:
    """Extract and store the articles ``store`` does not hold yet; returns how many were new."""
    fresh = [a for a in articles if not store.has_article(a.content_hash)]
    for extraction in extract_with_progress(fresh, settings, workers):
        store.save_article(extraction.article, extraction.events, extraction.quotes)
        if on_saved:
            on_saved(extraction)
    return len(fresh)


def store_batch(paths: Sequence[str], db: Path, published: datetime | None, pipeline: str | None,
                on_saved: Callable[[Extraction], None] | None = None, workers: int = 1) -> Batch:
    """Ingest ``paths`` into ``db``, skipping stored articles; returns every readable article
    (stored now or before) and the number of failed inputs."""
    settings = settings_for(pipeline)
    batch = read_batch(paths, as_day(published), settings)
    with Store(db) as store:
        fresh = save_new(store, batch.articles, settings, workers, on_saved)
        counts = store.counts()
    stderr.print(f"stored {fresh} new article(s), {len(batch.articles) - fresh} already present; "
                 f"{db} now holds {counts['articles']} articles, {counts['events']} events, "
                 f"{counts['quotes']} quotes")
    return batch


def exit_if_failed(failures: int) -> None:
    """Exit non-zero when any input failed, after everything else was processed."""
    if failures:
        stderr.print(f"{failures} input(s) failed; the others were processed.")
        raise typer.Exit(code=1)
