"""Commands of the main job: ingest, extract, analyze, export, evaluate."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from flashpoint.cli._app import app
from flashpoint.cli.batch import (
    DateOption,
    Db,
    Paths,
    Pipeline,
    exit_if_failed,
    ingest_paths,
    reading,
    settings_for,
    stderr,
    with_progress,
)
from flashpoint.export import FORMATS
from flashpoint.settings import DEFAULT_DB

Format = Annotated[str, typer.Option("--format", help=f"One of {', '.join(FORMATS)}.")]


@app.command()
def ingest(paths: Paths, db: Db = Path(DEFAULT_DB), date_: DateOption = None,
           pipeline: Pipeline = None) -> None:
    """Read articles, extract events and quotes, and store them (again is a no-op)."""
    from flashpoint.store import Store

    with Store(db) as store:
        run = ingest_paths(store, paths, date_, pipeline)
    exit_if_failed(run.failed)


@app.command()
def extract(
    paths: Paths,
    fmt: Format = "jsonl",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Events file (default: stdout).")] = None,
    quotes_out: Annotated[Path | None, typer.Option("--quotes-out", help="Quotes file, same format.")] = None,
    date_: DateOption = None,
    pipeline: Pipeline = None,
) -> None:
    """Extract events (and quotes) from articles and write them as records, without storing.

    Records are written as each article is extracted, so output starts at once and memory
    does not grow with the input.
    """
    from contextlib import nullcontext

    from flashpoint import service
    from flashpoint.export import RecordWriter

    if fmt not in FORMATS:
        raise typer.BadParameter(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}",
                                 param_hint="--format")
    settings = settings_for(pipeline)
    read = reading(paths, date_, settings)
    articles = 0
    with RecordWriter(fmt, output) as events, \
            (RecordWriter(fmt, quotes_out, "quote") if quotes_out else nullcontext()) as quotes:
        for extraction in with_progress(service.extract(read, service.pipeline_extractor(settings)), "extracting"):
            articles += 1
            events.write(extraction.events)
            if quotes is not None:
                quotes.write(extraction.quotes)
    stderr.print(f"{articles} article(s): {events.count} events, {quotes.count if quotes else 0} quotes")
    exit_if_failed(read.failed)


@app.command()
def analyze(paths: Paths, db: Db = Path(DEFAULT_DB), date_: DateOption = None,
            pipeline: Pipeline = None) -> None:
    """The main job: ingest articles, then print what each says and a dyad summary.

    Articles stored before are shown from the store, so a second run prints the same report.
    The dyad summary counts as the dashboard does: an event several outlets report (once
    compared) counts once, negated and hypothetical events not at all.
    """
    from flashpoint import service
    from flashpoint.cli.render import print_article, print_dyads
    from flashpoint.ingest import Article
    from flashpoint.store import Store

    articles: list[Article] = []
    with Store(db) as store:
        run = ingest_paths(store, paths, date_, pipeline, keep=articles)
        analysis = service.analyze(store, articles)
    for extraction in analysis.extractions:
        print_article(extraction)
    print_dyads(analysis.dyads)
    exit_if_failed(run.failed)


@app.command()
def export(
    db: Db = Path(DEFAULT_DB),
    fmt: Format = "jsonl",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="File (default: stdout).")] = None,
    quotes: Annotated[bool, typer.Option("--quotes", help="Export quotes instead of events.")] = False,
) -> None:
    """Export stored events (or quotes) as JSON Lines, CSV, Parquet, GDELT or ICEWS tables."""
    from flashpoint.export import write_records
    from flashpoint.store import Store

    if not db.exists():
        raise typer.BadParameter(f"{db}: no such database", param_hint="--db")
    if quotes and fmt in ("gdelt", "icews"):
        raise typer.BadParameter(f"{fmt} is an event format; use jsonl, csv or parquet for quotes")
    with Store(db) as store:
        try:
            count = write_records(store.quote_records() if quotes else store.event_records(), fmt, output,
                                  "quote" if quotes else "event")
        except ValueError as err:
            raise typer.BadParameter(str(err)) from err
    stderr.print(f"exported {count} {'quotes' if quotes else 'events'}")


@app.command()
def evaluate(
    shared: Annotated[Path, typer.Argument(help="The shared folder holding eval/ and seeds/.")] = Path("../shared"),
) -> None:
    """Score the coder on every gold set in SHARED/eval with its scorer, in one table."""
    from rich.table import Table

    from flashpoint.cli.render import console
    from flashpoint.evaluate import run_evaluation

    if not (shared / "eval").is_dir():
        raise typer.BadParameter(f"{shared}: no eval/ folder here", param_hint="SHARED")
    table = Table(title=f"flashpoint on {shared / 'eval'}")
    for column in ("set", "mode", "metric", "value"):
        table.add_column(column, justify="right" if column == "value" else "left")
    for row in run_evaluation(shared):
        value = row["value"]
        table.add_row(row["set"], row["mode"], row["metric"],
                      f"{value:.3f}" if isinstance(value, float) else str(value))
    console.print(table)
