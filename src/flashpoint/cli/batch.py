"""Read inputs and extract from them with a progress bar, reporting bad inputs on stderr.

Shared by every command that takes article paths, so they all report errors the same way:
one line per bad input, naming it, and the rest of the batch still processed.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from flashpoint.errors import InputError
from flashpoint.extract import Extraction, extract
from flashpoint.ingest import Article, read_inputs
from flashpoint.nlp.pipeline import load_pipeline
from flashpoint.settings import Settings

stderr = Console(stderr=True)


@dataclass
class Batch:
    """What a command collected: articles to process, and how many inputs failed."""

    articles: list[Article] = field(default_factory=list)
    failures: int = 0


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


def extract_with_progress(articles: list[Article], settings: Settings) -> Iterator[Extraction]:
    """Extractions of ``articles`` in order, with a progress bar on stderr."""
    nlp = load_pipeline(settings)
    columns = (TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn())
    with Progress(*columns, console=stderr, transient=True) as progress:
        task = progress.add_task("extracting", total=len(articles))
        for extraction in extract(articles, nlp, batch_size=settings.batch_size):
            progress.advance(task)
            yield extraction
