"""Commands of the main job: ingest, extract, analyze, export, evaluate."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from flashpoint.cli._app import app
from flashpoint.cli.batch import (DateOption, Db, Paths, Pipeline, Workers, as_day, exit_if_failed,
                                  extract_with_progress, read_batch, settings_for, stderr,
                                  store_batch)
from flashpoint.cli.scale import Dask, FromParquet, extract_on_dask, ingest_from_parquet
from flashpoint.cli.render import print_article, print_dyads
from flashpoint.errors import FlashpointError
from flashpoint.export import FORMATS, write_records
from flashpoint.store import DEFAULT_DB, Store


@app.command()
def ingest(paths: Annotated[Optional[list[str]], typer.Argument(
               help="Files, directories or - for stdin (.txt, .html, .json, .jsonl).")] = None,
           db: Db = Path(DEFAULT_DB), date_: DateOption = None, pipeline: Pipeline = None,
           workers: Workers = None, from_parquet: FromParquet = None) -> None:
    """Read articles, extract events and quotes, and store them (again is a no-op)."""
    if from_parquet is not None and paths:
        raise typer.BadParameter("give articles or --from-parquet, not both")
    if from_parquet is not None:
        ingest_from_parquet(from_parquet, db)
        return
    if not paths:
        raise typer.BadParameter("give articles to ingest (or --from-parquet DIR)", param_hint="PATHS")
    exit_if_failed(store_batch(paths, db, date_, pipeline, workers=workers or 1).failures)


@app.command()
def extract(
    paths: Paths,
    fmt: Annotated[str, typer.Option("--format", help=f"One of {', '.join(FORMATS)}.")] = "jsonl",
    output: Annotated[Optional[Path], typer.Option("-o", "--output",
                                                   help="Events file (default: stdout); with --dask, the dataset directory.")] = None,
    quotes_out: Annotated[Optional[Path], typer.Option("--quotes-out", help="Quotes file, same format.")] = None,
    date_: DateOption = None,
    pipeline: Pipeline = None,
    workers: Workers = None,
    dask: Dask = None,
) -> None:
    """Extract events (and quotes) from articles and write them as records, without storing."""
    if fmt not in FORMATS:
        raise typer.BadParameter(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}",
                                 param_hint="--format")
    settings = settings_for(pipeline)
    if dask is not None:
        if output is None or quotes_out is not None:
            raise typer.BadParameter("writes a Parquet dataset: give its directory with -o, no --quotes-out",
                                     param_hint="--dask")
        exit_if_failed(extract_on_dask(paths, output, dask, workers, as_day(date_), settings))
        return
    batch = read_batch(paths, as_day(date_), settings)
    events, quotes = [], []
    for extraction in extract_with_progress(batch.articles, settings, workers or 1):
        events.extend(extraction.events)
        quotes.extend(extraction.quotes)
    write_records(events, fmt, output)
    if quotes_out:
        write_records(quotes, fmt, quotes_out)
    stderr.print(f"{len(batch.articles)} article(s): {len(events)} events, {len(quotes)} quotes")
    exit_if_failed(batch.failures)


@app.command()
def analyze(paths: Paths, db: Db = Path(DEFAULT_DB), date_: DateOption = None,
            pipeline: Pipeline = None) -> None:
    """The main job: ingest articles, then print what each says and a dyad summary.

    Articles stored before are shown from the store, so a second run prints the same report.
    """
    batch = store_batch(paths, db, date_, pipeline)
    events: list[dict] = []
    with Store(db, read_only=True) as store:
        for article in batch.articles:
            extraction = store.extraction(article)
            print_article(extraction)
            events.extend(extraction.events)
    print_dyads(events)
    exit_if_failed(batch.failures)


@app.command()
def export(
    db: Db = Path(DEFAULT_DB),
    fmt: Annotated[str, typer.Option("--format", help=f"One of {', '.join(FORMATS)}.")] = "jsonl",
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="File (default: stdout).")] = None,
    quotes: Annotated[bool, typer.Option("--quotes", help="Export quotes instead of events.")] = False,
) -> None:
    """Export stored events (or quotes) as JSON Lines, CSV, Parquet, GDELT or ICEWS tables."""
    if not db.exists():
        raise typer.BadParameter(f"{db}: no such database", param_hint="--db")
    if quotes and fmt in ("gdelt", "icews"):
        raise typer.BadParameter(f"{fmt} is an event format; use jsonl, csv or parquet for quotes")
    with Store(db, read_only=True) as store:
        records = list(store.quote_records() if quotes else store.event_records())
    try:
        count = write_records(records, fmt, output)
    except (ValueError, FlashpointError) as err:
        raise typer.BadParameter(str(err)) from err
    stderr.print(f"exported {count} {'quotes' if quotes else 'events'}")


@app.command()
def evaluate(
    shared: Annotated[Path, typer.Argument(help="The shared folder holding eval/ and seeds/.")] = Path("../shared"),
) -> None:
    """Score the coder on every gold set in SHARED/eval with its scorer, in one table."""
    from rich.table import Table

    from flashpoint.evaluate import run_evaluation
    from flashpoint.cli.render import console

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
